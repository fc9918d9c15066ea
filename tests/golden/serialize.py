"""Turn op results (real TF or the shim) into JSON-able records, and compare two records.

Duck-typed: it never imports TensorFlow or the shim, so the TF-side generator
(`tools/gen_golden.py`) and the tests share it.
"""
import math

import numpy as np


def _tolist(a):
    a = np.asarray(a)
    if a.dtype.kind == "c":
        return [_tolist(a.real), _tolist(a.imag)]
    if a.dtype.kind in ("O", "S", "U"):
        f = np.vectorize(lambda v: v.decode("latin-1") if isinstance(v, bytes) else str(v), otypes=[object])
        return f(a).tolist() if a.size else a.tolist()
    if a.dtype.kind == "f" or a.dtype.name == "bfloat16":
        return a.astype(np.float64).tolist()
    return a.tolist()


def _plain(v):
    if isinstance(v, list):
        return [_plain(e) for e in v]
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return float(v) if isinstance(v, float) else v


def serialize(r):
    if type(r).__name__ == "RaggedTensor":
        return {"t": "tensor", "dtype": r.dtype.name, "shape": ["ragged", r.ragged_rank] + [
            d if d is None or isinstance(d, int) else getattr(d, "value", d) for d in r.shape],
            "value": _plain(r.to_list())}
    if hasattr(r, "numpy") and hasattr(r, "dtype") and hasattr(r, "shape"):
        shape = r.shape
        try:
            shape = list(shape.as_list()) if hasattr(shape, "as_list") else list(shape)
        except ValueError:
            shape = None
        return {"t": "tensor", "dtype": getattr(r.dtype, "name", str(r.dtype)), "shape": shape,
                "value": _tolist(r.numpy())}
    if type(r).__name__ == "TensorShape":
        try:
            return {"t": "shape", "value": r.as_list()}
        except ValueError:
            return {"t": "shape", "value": None}
    if type(r).__name__ == "DType":
        return {"t": "dtype", "value": r.name}
    if isinstance(r, dict):
        return {"t": "dict", "items": {str(k): serialize(v) for k, v in r.items()}}
    if isinstance(r, (list, tuple)):
        return {"t": "list", "items": [serialize(v) for v in r]}
    if isinstance(r, (bool, np.bool_)):
        return {"t": "py", "value": bool(r)}
    if isinstance(r, (int, float, np.integer, np.floating)):
        return {"t": "py", "value": float(r) if isinstance(r, (float, np.floating)) else int(r)}
    if isinstance(r, np.ndarray):
        return {"t": "ndarray", "dtype": r.dtype.name, "shape": list(r.shape), "value": _tolist(r)}
    if r is None:
        return {"t": "none"}
    if isinstance(r, (str, bytes)):
        return {"t": "py", "value": r if isinstance(r, str) else r.decode("latin-1")}
    return {"t": "repr", "value": repr(r)}


def error_record(e):
    return {"t": "error", "type": type(e).__name__, "message": str(e)}


def _close(a, b, rtol, atol):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        if isinstance(a, float) and math.isinf(a):
            return a == b
        return abs(a - b) <= atol + rtol * abs(a)
    return a == b


def compare(exp, got, rtol=1e-6, atol=0.0, shape_only=False, path="result"):
    """Return a list of differences (empty when `got` matches `exp`)."""
    diffs = []
    if exp["t"] != got["t"]:
        if exp["t"] == "error":
            return [f"{path}: TF raised {exp['type']}: {exp['message'][:200]!r}, shim returned {got}"[:600]]
        if got["t"] == "error":
            return [f"{path}: shim raised {got['type']}: {got['message'][:300]!r}, TF returned {str(exp)[:200]}"]
        return [f"{path}: kind {got['t']} != TF kind {exp['t']}"]
    t = exp["t"]
    if t == "error":
        if exp["type"] != got["type"]:
            diffs.append(f"{path}: error {got['type']}({got['message'][:200]!r}) != TF {exp['type']}({exp['message'][:200]!r})")
    elif t in ("tensor", "ndarray"):
        if exp["dtype"] != got["dtype"]:
            diffs.append(f"{path}: dtype {got['dtype']} != TF {exp['dtype']}")
        if exp["shape"] != got["shape"]:
            diffs.append(f"{path}: shape {got['shape']} != TF {exp['shape']}")
        if not shape_only and not diffs and not _close(exp["value"], got["value"], rtol, atol):
            diffs.append(f"{path}: value {str(got['value'])[:300]} != TF {str(exp['value'])[:300]}")
    elif t == "list":
        if len(exp["items"]) != len(got["items"]):
            diffs.append(f"{path}: {len(got['items'])} items != TF {len(exp['items'])}")
        else:
            for i, (a, b) in enumerate(zip(exp["items"], got["items"])):
                diffs += compare(a, b, rtol, atol, shape_only, f"{path}[{i}]")
    elif t == "dict":
        if set(exp["items"]) != set(got["items"]):
            diffs.append(f"{path}: keys {sorted(got['items'])} != TF {sorted(exp['items'])}")
        else:
            for k in exp["items"]:
                diffs += compare(exp["items"][k], got["items"][k], rtol, atol, shape_only, f"{path}[{k}]")
    elif t == "py":
        if not shape_only and not _close(exp["value"], got["value"], rtol, atol):
            diffs.append(f"{path}: {got['value']!r} != TF {exp['value']!r}")
    elif t in ("shape", "dtype", "none"):
        if exp.get("value") != got.get("value"):
            diffs.append(f"{path}: {got.get('value')!r} != TF {exp.get('value')!r}")
    elif t == "repr":
        pass  # objects without a value form: only the kind is compared
    return diffs


def run_case(code, env):
    """Evaluate a case: a single expression, or statements that set `out`."""
    try:
        try:
            compiled = compile(code, "<case>", "eval")
        except SyntaxError:
            compiled = None
        if compiled is not None:
            r = eval(compiled, dict(env))
        else:
            ns = dict(env)
            exec(compile(code, "<case>", "exec"), ns)
            r = ns["out"]
        return serialize(r)
    except Exception as e:  # noqa: BLE001 - errors are results here
        return error_record(e)
