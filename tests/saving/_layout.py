"""Container layouts of Keras files with only zipfile + json + h5py (no Keras, no TF).

The same logic as shared/reference/gen/inspect_saving.py: used to compare the files this package
writes with the files real tf.keras writes.
"""
import io
import json
import re
import zipfile

import h5py


def _nkey(s):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def _attr(v):
    if isinstance(v, bytes):
        return v.decode()
    if hasattr(v, "tolist"):
        v = v.tolist()
        if isinstance(v, list):
            return [e.decode() if isinstance(e, bytes) else e for e in v]
    return v


def h5_tree(f):
    """[(path, 'group'|'dataset', shape or None, dtype or None, attrs)] in natural order."""
    out = []

    def rec(g, prefix):
        for k in sorted(g.keys(), key=_nkey):
            o = g[k]
            path = prefix + k
            attrs = {a: _attr(v) for a, v in o.attrs.items()}
            if isinstance(o, h5py.Dataset):
                out.append((path, "dataset", list(o.shape), str(o.dtype), attrs))
            else:
                out.append((path, "group", None, None, attrs))
                rec(o, path + "/")

    rec(f, "")
    return out


def weights_layout(path_or_bytes):
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with h5py.File(src, "r") as f:
        return h5_tree(f)


def keras_layout(path):
    """{'members': [(name, compress_type)], 'metadata_keys', 'config', 'weights': h5 tree}."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, i.compress_type) for i in z.infolist()]
        meta = json.loads(z.read("metadata.json"))
        cfg = json.loads(z.read("config.json"))
        weights = weights_layout(z.read("model.weights.h5"))
    return {"members": members, "metadata_keys": sorted(meta), "config": cfg, "weights": weights}


def strip_config(c):
    """A config without the parts that legitimately differ between two saves of one model."""
    if isinstance(c, dict):
        return {k: strip_config(v) for k, v in c.items() if k not in ("shared_object_id",)}
    if isinstance(c, list):
        return [strip_config(v) for v in c]
    return c


def tree_text(tree):
    lines = []
    for path, kind, shape, dtype, attrs in tree:
        depth = path.count("/")
        name = path.rsplit("/", 1)[-1]
        if kind == "dataset":
            lines.append("  " * depth + f"{name}  <dataset shape={tuple(shape)} dtype={dtype}>")
        else:
            lines.append("  " * depth + f"{name}/" + (f"  attrs={attrs}" if attrs else ""))
    return "\n".join(lines)


def inspect_dump(f):
    """The HDF5 tree text exactly as shared/reference/gen/inspect_saving.py prints it."""
    out = ["/ (root attrs: %s)" % ({k: (str(v)[:100] + "...") for k, v in f.attrs.items()} or "{}")]

    def rec(g, depth):
        for k in sorted(g.keys(), key=_nkey):
            o = g[k]
            attrs = {a: (v.decode() if isinstance(v, bytes) else (v.tolist() if hasattr(v, "tolist") else v))
                     for a, v in o.attrs.items()}
            attrs = {a: (str(v)[:90] + "..." if len(str(v)) > 90 else v) for a, v in attrs.items()}
            if isinstance(o, h5py.Dataset):
                out.append("  " * depth + f"{k}  <dataset shape={o.shape} dtype={o.dtype}>"
                           + (f" attrs={attrs}" if attrs else ""))
            else:
                out.append("  " * depth + f"{k}/" + (f"  attrs={attrs}" if attrs else ""))
                rec(o, depth + 1)

    rec(f, 1)
    return out


def layout_txt_block(text, title_start):
    """The lines of one `=== title ===` section of layout.txt (without the title)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("=== " + title_start):
            block = []
            for l2 in lines[i + 1:]:
                if l2.startswith("=== ") or not l2.strip():
                    break
                block.append(l2)
            return block
    raise KeyError(title_start)
