"""The Keras 3 `.keras` format and `.weights.h5` files, byte-layout compatible with Keras 3.

A `.keras` file is a zip (members stored, not compressed) of `metadata.json`, `config.json`
(see serialization_lib) and `model.weights.h5`. The HDF5 file holds one group per saveable
object, named by the attribute path that reaches it from the model, exactly as Keras walks it:
Sequential/Functional models list `layers` first, then every public attribute in name order,
then private ones; objects inside lists/dicts are named by their snake_cased class name
(`dense`, `dense_1` ...). Each object's own variables go to `<path>/vars/0..N` (trainable then
non-trainable, in creation order) with the object name in `attrs['name']`; the optimizer's to
`optimizer/vars/N`. Objects with `save_assets`/`load_assets` (the lookup layers' vocabularies)
also get a folder `assets/<path>/` in the zip, as in Keras. Files real Keras writes load here and
the reverse.

Safety, on every load path: no pickle anywhere; zip members with absolute or `..` names are
refused; members whose declared size is huge and far beyond their stored size
(decompression bombs) are refused before reading; HDF5 soft/external links, external and virtual
datasets, and datasets whose declared size is huge compared to what is stored (shape bombs) are
refused before any data is read. Writes go to a temporary file in the target's directory that
replaces the target only once complete, so a failed save leaves the previous file intact.
"""
import datetime
import io
import json
import math
import os
import re
import tempfile
import warnings
import zipfile
from contextlib import contextmanager

import numpy as np

try:
    import h5py
except ImportError:  # pragma: no cover - h5py is a dependency
    h5py = None

from . import serialization_lib

KERAS_VERSION = "3.15.1"
CONFIG_FILENAME = "config.json"
METADATA_FILENAME = "metadata.json"
VARS_FNAME_H5 = "model.weights.h5"
ASSETS_DIRNAME = "assets"

# Decompression bombs: a zip member larger than the floor that expands more than the ratio
# over its stored size is refused; json members have a hard cap.
ZIP_MEMBER_BOMB_FLOOR_BYTES = 1 << 30       # 1 GiB
ZIP_MEMBER_MAX_EXPANSION = 100
JSON_MEMBER_MAX_BYTES = 256 << 20          # 256 MiB
# Shape bombs: an HDF5 dataset declaring more than the floor and more than the ratio times the
# bytes stored on disk is refused before it is read.
H5_DATASET_BOMB_FLOOR_BYTES = 1 << 30      # 1 GiB
H5_DATASET_MAX_EXPANSION = 1000

__all__ = ["save_model", "load_model", "save_weights_only", "load_weights_only", "H5IOStore"]


def _require_h5py():
    if h5py is None:
        raise ImportError("h5py must be installed in order to save or load Keras files "
                          "(`pip install h5py`).")


def _readable(n):
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if n < 1024 or unit == "PB":
            return f"{n:.2f} {unit}" if unit != "B" else f"{n} B"
        n /= 1024.0


# ---------------------------------------------------------------------------------------------
# atomic writes

@contextmanager
def atomic_write(filepath, mode="wb"):
    """Yield a temporary file next to `filepath`; it replaces `filepath` only if the block ends
    without error (a crash or exception mid-write leaves the previous file untouched)."""
    filepath = os.fspath(filepath)
    dirname = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(dirname, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(filepath) + ".", suffix=".tmp",
                               dir=dirname)
    try:
        with os.fdopen(fd, mode) as f:
            yield f
            f.flush()
            try:
                os.fsync(f.fileno())
            except OSError:
                pass
        os.replace(tmp, filepath)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------------------------------------
# safe access to zip members and HDF5 objects

_DRIVE = re.compile(r"^[A-Za-z]:")


def check_zip_member_names(archive):
    """Refuse archives with members that would escape a directory they are extracted to."""
    for info in archive.infolist():
        name = info.filename
        norm = name.replace("\\", "/")
        parts = norm.split("/")
        if norm.startswith("/") or _DRIVE.match(norm) or ".." in parts or "\x00" in name:
            raise ValueError(f"Not allowed: zip member '{name}' has an absolute path or a '..' "
                             "component (path traversal); refusing to load this archive.")


def reject_zip_bomb(archive, name, hard_cap=None):
    info = archive.getinfo(name)
    if hard_cap is not None and info.file_size > hard_cap:
        raise ValueError(f"Not allowed: zip member '{name}' declares {_readable(info.file_size)}, "
                         f"more than the {_readable(hard_cap)} allowed for it; refusing to load a "
                         "potential decompression bomb.")
    if (info.file_size > ZIP_MEMBER_BOMB_FLOOR_BYTES
            and info.file_size > ZIP_MEMBER_MAX_EXPANSION * max(info.compress_size, 1)):
        raise ValueError(f"Not allowed: ZIP member '{name}' declares {_readable(info.file_size)} but "
                         f"only {_readable(info.compress_size)} are stored on disk; refusing to load "
                         "a potential decompression bomb.")


def safe_zip_read(archive, name, hard_cap=None):
    reject_zip_bomb(archive, name, hard_cap)
    limit = archive.getinfo(name).file_size
    with archive.open(name, "r") as f:
        data = f.read(limit + 1)
    if len(data) > limit:  # the header lied about the size
        raise ValueError(f"Not allowed: zip member '{name}' is larger than its declared size.")
    return data


def _check_link(parent, name):
    if isinstance(parent, dict):
        return
    link = parent.get(name, default=None, getclass=True, getlink=True)
    if link in (h5py.ExternalLink, h5py.SoftLink):
        raise ValueError(f"Not allowed: H5 file with {link.__name__} ('{name}')")


def safe_get_h5_group(parent, name):
    current = parent
    for part in name.split("/"):
        if not part:
            raise ValueError(f"Invalid path in H5 file: {name}")
        if part not in current:
            raise KeyError(name)
        _check_link(current, part)
        current = current[part]
        if not isinstance(current, h5py.Group):
            raise ValueError(f"Invalid H5 file, expected Group but received {type(current)}")
    return current


def check_h5_dataset(dataset, name):
    if dataset.external:
        raise ValueError(f"Not allowed: H5 file with external Dataset: {dataset.external}")
    if dataset.is_virtual:
        raise ValueError("Not allowed: H5 file with virtual Dataset")
    declared = math.prod(dataset.shape or ()) * dataset.dtype.itemsize
    stored = dataset.id.get_storage_size()
    if declared > H5_DATASET_BOMB_FLOOR_BYTES and declared > H5_DATASET_MAX_EXPANSION * stored:
        raise ValueError(f"Not allowed: H5 dataset '{name}' declares {_readable(declared)} but only "
                         f"{_readable(stored)} are stored on disk; refusing to load a potential "
                         "decompression/shape bomb.")
    return dataset


def safe_get_h5_dataset(group, name):
    if "/" in name:
        gname, name = name.rsplit("/", 1)
        group = safe_get_h5_group(group, gname)
    if name not in group:
        raise KeyError(name)
    _check_link(group, name)
    ds = group[name]
    if not isinstance(ds, h5py.Dataset):
        raise ValueError(f"Invalid H5 file, expected Dataset, received {type(ds)}")
    return check_h5_dataset(ds, name)


def check_h5_file(f):
    """Refuse files that contain links anywhere (checked once, before anything is read)."""
    def visit(g, prefix):
        for name in g:
            link = g.get(name, default=None, getclass=True, getlink=True)
            if link in (h5py.ExternalLink, h5py.SoftLink):
                raise ValueError(f"Not allowed: H5 file with {link.__name__} ('{prefix}{name}')")
            obj = g[name]
            if isinstance(obj, h5py.Group):
                visit(obj, prefix + name + "/")
            elif isinstance(obj, h5py.Dataset):
                check_h5_dataset(obj, prefix + name)
    visit(f, "/")


# ---------------------------------------------------------------------------------------------
# the HDF5 variable store

class H5IOStore:
    """Variables of one object at a time: `make(path, metadata)` (write) / `get(path)` (read),
    then `store["0"] = array` / `store["0"]`."""

    def __init__(self, path_or_io, mode="r"):
        _require_h5py()
        if mode not in ("r", "w"):
            raise ValueError(f"`mode` should be either 'r' or 'w'. Received: {mode}")
        self.mode = mode
        self.h5_file = h5py.File(path_or_io, mode=mode)
        if mode == "r":
            try:
                check_h5_file(self.h5_file)
            except Exception:
                self.h5_file.close()
                raise
        self._group = {}
        self._path = None
        self._initialized = False
        self._metadata = None

    def __bool__(self):
        return True

    def make(self, path, metadata=None):
        if self.mode != "w":
            raise ValueError("`make` is only allowed in write mode.")
        self._path = path
        self._metadata = metadata
        self._group = {}
        self._initialized = False
        if metadata:
            self._create_group()
        return self

    def _create_group(self):
        path = self._path
        if not path:
            self._group = self.h5_file.create_group("vars")
        else:
            self._group = self.h5_file.require_group(path).create_group("vars")
        for k, v in (self._metadata or {}).items():
            self._group.attrs[k] = v
        self._initialized = True

    def get(self, path):
        if self.mode != "r":
            raise ValueError("`get` is only allowed in read mode.")
        self._path = path
        self._group = {}
        self._initialized = True
        f = self.h5_file
        if not path:
            if "vars" in f:
                self._group = safe_get_h5_group(f, "vars")
            return self
        if path in f:
            g = safe_get_h5_group(f, path)
            if "vars" in g:
                self._group = safe_get_h5_group(g, "vars")
                return self
        if "_layer_checkpoint_dependencies" in f:  # Keras 2.13 files
            alt = path.replace("layers", "_layer_checkpoint_dependencies")
            if alt in f:
                g = safe_get_h5_group(f, alt)
                if "vars" in g:
                    self._group = safe_get_h5_group(g, "vars")
        return self

    def has_path(self, path):
        return path in self.h5_file

    def keys(self):
        return list(self._group.keys())

    def __len__(self):
        return len(self._group)

    def __contains__(self, key):
        return key in self._group

    def dataset(self, key):
        return safe_get_h5_dataset(self._group, key)

    def __getitem__(self, key):
        ds = self.dataset(key)
        value = ds[()]
        if "dtype" in ds.attrs and ds.attrs["dtype"] in ("bfloat16", b"bfloat16"):
            import torch
            raw = np.asarray(value)
            value = torch.from_numpy(raw.view(np.uint16).astype(np.int32) << 16).view(torch.float32) \
                .to(torch.bfloat16)
            return value
        return np.asarray(value)

    def __setitem__(self, key, value):
        if self.mode != "w":
            raise ValueError("Setting a value is only allowed in write mode.")
        if not self._initialized:
            self._create_group()
        self._group[key] = _to_numpy(value)

    def close(self):
        self.h5_file.close()


def _to_numpy(value):
    import torch
    if isinstance(value, torch.Tensor):
        t = torch.Tensor.detach(value)
        if type(t) is not torch.Tensor:
            t = t.as_subclass(torch.Tensor)
        if t.dtype == torch.bfloat16:
            t = t.float()
        return t.cpu().numpy()
    return np.asarray(value)


# ---------------------------------------------------------------------------------------------
# walking the object graph like Keras

_SKIP = {}


def _skipset(kind):
    s = _SKIP.get(kind)
    if s is not None:
        return s
    from ..engine.layer import Layer
    from ..engine.model import Model
    base = set(dir(Layer(name="__skipset_ref__"))) | {"_self_unconditional_dependency_names"}
    if kind == "layer":
        s = base
    else:
        s = base | (set(dir(Model)) - {"layers", "optimizer"})
        s |= {"_functional", "operations", "_operations", "_plan", "_nodes_by_depth",
              "_network_nodes", "_flat_inputs", "_flat_outputs", "_inputs_struct",
              "_outputs_struct", "_in_info", "_build_shapes_dict", "_init_args"}
    _SKIP[kind] = s
    return s


def _is_saveable(obj):
    from ..engine.layer import Layer
    from ..optimizers import Optimizer
    if isinstance(obj, Layer):
        return not getattr(obj, "_is_op", False)
    return isinstance(obj, Optimizer)


def _name_key(name):
    return "~" + name if name.startswith("_") else name


def _walk(saveable):
    """(attribute name, child) pairs in Keras's order."""
    from ..engine.model import Model
    from ..engine.sequential import Sequential
    from ..engine.functional import Functional
    from ..engine.layer import Layer
    if not isinstance(saveable, Layer):
        # optimizers wrapping optimizers (LossScaleOptimizer, MultiOptimizer): Keras also
        # writes the wrapped ones under these attribute names
        for attr in ("inner_optimizer", "optimizers"):
            child = getattr(saveable, attr, None)
            if child is not None and not callable(child) or isinstance(child, (list, tuple)):
                yield attr, child
        return
    is_model = isinstance(saveable, Model)
    skip = _skipset("model" if is_model else "layer")
    if isinstance(saveable, (Sequential, Functional)):
        yield "layers", saveable.layers
    # class attributes and instance attributes (not nn.Module's registry: Sequential registers
    # its layers there under their names, which are not attributes in Keras)
    names = set(dir(type(saveable))) | set(saveable.__dict__)
    for attr in sorted(names, key=_name_key):
        if attr.startswith("__") or attr in skip:
            continue
        try:
            child = getattr(saveable, attr)
        except Exception:  # noqa: BLE001 - properties that cannot be read are skipped (as Keras)
            continue
        if child is saveable:
            continue
        yield attr, child


def _join(a, b):
    return f"{a}/{b}" if a else b


def _own_variables(layer):
    seen = set()
    out = []
    for v in list(layer._trainable_variables) + list(layer._non_trainable_variables):
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


def layer_save_own_variables(layer, store):
    """Keras's default `Layer.save_own_variables`: trainable then non-trainable variables."""
    for i, v in enumerate(_own_variables(layer)):
        store[str(i)] = v


def _assign(variable, value, name):
    import torch
    from ...framework.tensor import _tdtype
    vshape = tuple(variable.shape)
    if tuple(value.shape) != vshape:
        raise ValueError("The shape of the target variable and the shape of the target value in "
                         "`variable.assign(value)` must match. "
                         f"variable.shape={vshape}, Received: value.shape={tuple(value.shape)}. "
                         f"Target variable: {name}")
    t = value if isinstance(value, torch.Tensor) else torch.from_numpy(np.array(value, order="C"))
    with torch.no_grad():
        torch.Tensor.copy_(variable, t.to(device=variable.device, dtype=_tdtype(variable)))


def layer_load_own_variables(layer, store):
    """Keras's default `Layer.load_own_variables` (count and shapes checked before assigning)."""
    all_vars = _own_variables(layer)
    keys = store.keys()
    if len(keys) != len(all_vars):
        if len(all_vars) == 0 and not layer.built:
            raise ValueError(
                f"Layer '{layer.name}' was never built and thus it doesn't have any variables. "
                f"However the weights file lists {len(keys)} variables for this layer.\nIn most "
                "cases, this error indicates that either:\n\n1. The layer is owned by a parent "
                "layer that implements a `build()` method, but calling the parent's `build()` "
                "method did NOT create the state of the child layer "
                f"'{layer.name}'. A `build()` method must create ALL state for the layer, "
                "including the state of any children layers.\n\n2. You need to implement the "
                "`def build_from_config(self, config)` method on layer "
                f"'{layer.name}', to specify how to rebuild it during loading. In this case, you "
                "might also want to implement the method that generates the build config at "
                "saving time, `def get_build_config(self)`. The method `build_from_config()` is "
                "meant to create the state of the layer (i.e. its variables) upon deserialization.")
        raise ValueError(f"Layer '{layer.name}' expected {len(all_vars)} variables, but received "
                         f"{len(keys)} variables during loading. Expected: {[v.name for v in all_vars]}")
    values = []
    for i, v in enumerate(all_vars):
        if hasattr(store, "dataset"):
            ds = store.dataset(str(i))
            if tuple(ds.shape) != tuple(v.shape):
                raise ValueError("The shape of the target variable and the shape of the target "
                                 "value in `variable.assign(value)` must match. "
                                 f"variable.shape={tuple(v.shape)}, Received: value.shape="
                                 f"{tuple(ds.shape)}. Target variable: {v!r}")
        values.append(store[str(i)])
    for v, value in zip(all_vars, values):
        _assign(v, value, repr(v))


def _save_own(obj, store):
    fn = getattr(obj, "save_own_variables", None)
    if fn is not None:
        fn(store)
    else:
        layer_save_own_variables(obj, store)


def _load_own(obj, store):
    fn = getattr(obj, "load_own_variables", None)
    if fn is not None:
        fn(store)
    else:
        layer_load_own_variables(obj, store)


def _snake(name):
    from ..backend import to_snake_case
    return to_snake_case(name)


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


class AssetStore:
    """Keras's DiskIOStore: one folder per object path under `root` (`assets/<path>/` in a
    `.keras` zip). Objects with `save_assets(dir)` / `load_assets(dir)` (the lookup layers'
    vocabularies) write and read files there while a model is saved or loaded."""

    def __init__(self, root):
        self.root = root

    def _full(self, path):
        parts = [p for p in path.replace("\\", "/").split("/") if p]
        if any(p == ".." for p in parts) or path.startswith("/"):
            raise ValueError(f"Invalid asset path: '{path}' escapes the asset directory.")
        return os.path.join(self.root, *parts)

    def make(self, path):
        full = self._full(path)
        os.makedirs(full, exist_ok=True)
        return full

    def get(self, path):
        full = self._full(path)
        return full if os.path.exists(full) else None


_ASSETS = [None]  # the AssetStore of the `.keras` save / load in progress (None: weights only)


def save_state(saveable, store, inner_path="", visited=None):
    visited = set() if visited is None else visited
    if id(saveable) in visited:
        return
    name = getattr(saveable, "name", None)
    metadata = {"name": name} if isinstance(name, str) else None
    _save_own(saveable, store.make(inner_path, metadata=metadata))
    if _ASSETS[0] is not None and hasattr(saveable, "save_assets"):
        saveable.save_assets(_ASSETS[0].make(inner_path))
    visited.add(id(saveable))
    for attr, child in _walk(saveable):
        if _is_saveable(child):
            save_state(child, store, _join(inner_path, attr), visited)
        elif isinstance(child, (list, dict, tuple)):
            _save_container(child, store, _join(inner_path, attr), visited, set())


def _container_items(container):
    return list(container.values()) if isinstance(container, dict) else list(container)


def _save_container(container, store, inner_path, visited, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    used = {}
    for obj in _container_items(container):
        if _is_saveable(obj):
            save_state(obj, store, _join(inner_path, _unique(_snake(type(obj).__name__), used)), visited)
        elif isinstance(obj, (list, dict, tuple)):
            _save_container(obj, store, _join(inner_path, _unique("container", used)), visited,
                            seen_containers)


def load_state(saveable, store, inner_path="", visited=None, errors=None, skip_mismatch=False):
    """Load `saveable` and its children; failures are collected in `errors` {id: (obj, exc)}."""
    visited = set() if visited is None else visited
    if id(saveable) in visited:
        return
    failed = False
    try:
        _load_own(saveable, store.get(inner_path))
        if _ASSETS[0] is not None and hasattr(saveable, "load_assets"):
            saveable.load_assets(_ASSETS[0].get(inner_path))
    except Exception as e:  # noqa: BLE001 - collected and reported like Keras
        if errors is None:
            raise
        errors[id(saveable)] = (saveable, e)
        failed = True
    n_before = len(errors) if errors is not None else 0
    for attr, child in _walk(saveable):
        if _is_saveable(child):
            load_state(child, store, _join(inner_path, attr), visited, errors, skip_mismatch)
        elif isinstance(child, (list, dict, tuple)):
            _load_container(child, store, _join(inner_path, attr), visited, errors, skip_mismatch, set())
    if not failed and (errors is None or len(errors) <= n_before):
        visited.add(id(saveable))


def _load_container(container, store, inner_path, visited, errors, skip_mismatch, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    used = {}
    for obj in _container_items(container):
        if _is_saveable(obj):
            load_state(obj, store, _join(inner_path, _unique(_snake(type(obj).__name__), used)),
                       visited, errors, skip_mismatch)
        elif isinstance(obj, (list, dict, tuple)):
            path = _join(inner_path, _unique("container", used))
            if not store.has_path(path):
                continue
            _load_container(obj, store, path, visited, errors, skip_mismatch, seen_containers)


def raise_loading_failure(errors, warn_only=False):
    first = next(iter(errors.values()))
    msg = (f"A total of {len(errors)} objects could not be loaded. Example error message for "
           f"object {first[0]}:\n\n{first[1]}\n\nList of objects that could not be loaded:\n"
           f"{[x[0] for x in errors.values()]}")
    if warn_only:
        warnings.warn(msg, stacklevel=3)
    else:
        raise ValueError(msg)


# ---------------------------------------------------------------------------------------------
# .keras files

def serialize_model_as_json(model):
    config = serialization_lib.serialize_keras_object(model)
    config_json = json.dumps(config)
    metadata_json = json.dumps({"keras_version": KERAS_VERSION,
                                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
    return config_json, metadata_json


def _weights_h5_bytes(model):
    buf = io.BytesIO()
    store = H5IOStore(buf, mode="w")
    try:
        save_state(model, store)
    finally:
        store.close()
    return buf.getvalue()


def save_model(model, filepath):
    """Write `model` to a `.keras` zip at `filepath` (atomically)."""
    _require_h5py()
    if not model.built:
        warnings.warn("You are saving a model that has not yet been built. It might not contain "
                      "any weights yet. Consider building the model first by calling it on some "
                      "data.", stacklevel=3)
    config_json, metadata_json = serialize_model_as_json(model)
    with tempfile.TemporaryDirectory() as assets_dir:
        _ASSETS[0] = AssetStore(assets_dir)
        try:
            weights = _weights_h5_bytes(model)
        finally:
            _ASSETS[0] = None
        if hasattr(filepath, "write"):
            _write_keras_zip(filepath, config_json, metadata_json, weights, assets_dir)
            return
        with atomic_write(filepath) as f:
            _write_keras_zip(f, config_json, metadata_json, weights, assets_dir)


def _write_keras_zip(fileobj, config_json, metadata_json, weights, assets_dir=None):
    with zipfile.ZipFile(fileobj, "w") as zf:
        zf.writestr(METADATA_FILENAME, metadata_json.encode())
        zf.writestr(CONFIG_FILENAME, config_json.encode())
        zf.writestr(VARS_FNAME_H5, weights)
        if assets_dir is not None:
            for root, _dirs, files in sorted(os.walk(assets_dir)):
                for name in sorted(files):
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, assets_dir).replace(os.sep, "/")
                    zf.write(full, f"{ASSETS_DIRNAME}/{rel}")


def model_from_config_json(config_json, custom_objects=None, compile=True, safe_mode=True):
    config = json.loads(config_json)
    if not compile:
        config["compile_config"] = None
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects,
                                                      safe_mode=safe_mode)


def _open_keras_zip(fileobj_or_path):
    zf = zipfile.ZipFile(fileobj_or_path, "r")
    try:
        check_zip_member_names(zf)
    except Exception:
        zf.close()
        raise
    return zf


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Rebuild a model from a `.keras` zip (or an unzipped `.keras` directory)."""
    _require_h5py()
    if not hasattr(filepath, "read") and os.path.isdir(os.fspath(filepath)):
        return _load_model_from_dir(os.fspath(filepath), custom_objects, compile, safe_mode)
    with _open_keras_zip(filepath) as zf:
        names = zf.namelist()
        if CONFIG_FILENAME not in names:
            raise ValueError(f"Invalid `.keras` file: no {CONFIG_FILENAME} in the archive.")
        config_json = safe_zip_read(zf, CONFIG_FILENAME, JSON_MEMBER_MAX_BYTES)
        if VARS_FNAME_H5 not in names:
            if "model.weights.npz" in names:
                raise ValueError("This `.keras` file stores its weights as model.weights.npz, which "
                                 "tfkeras_shim does not read; re-save it with the default h5 weights.")
            raise ValueError(f"Expected a {VARS_FNAME_H5} file.")
        weights = safe_zip_read(zf, VARS_FNAME_H5)
        with tempfile.TemporaryDirectory() as assets_dir:
            for name in names:
                if name.startswith(ASSETS_DIRNAME + "/") and not name.endswith("/"):
                    target = os.path.join(assets_dir, *name.split("/"))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as out:
                        out.write(safe_zip_read(zf, name))
            return _build_and_load(config_json, weights, os.path.join(assets_dir, ASSETS_DIRNAME),
                                   custom_objects, compile, safe_mode)


def _build_and_load(config_json, weights, assets_root, custom_objects, compile, safe_mode):
    model = model_from_config_json(config_json, custom_objects, compile, safe_mode)
    store = H5IOStore(io.BytesIO(weights) if isinstance(weights, bytes) else weights, mode="r")
    errors = {}
    _ASSETS[0] = AssetStore(assets_root)
    try:
        load_state(model, store, errors=errors)
    finally:
        _ASSETS[0] = None
        store.close()
    if errors:
        raise_loading_failure(errors)
    return model


def _load_model_from_dir(dirpath, custom_objects, compile, safe_mode):
    path = os.path.join(dirpath, CONFIG_FILENAME)
    if os.path.getsize(path) > JSON_MEMBER_MAX_BYTES:
        raise ValueError(f"Not allowed: {path} is larger than {_readable(JSON_MEMBER_MAX_BYTES)}.")
    with open(path, "rb") as f:
        config_json = f.read()
    return _build_and_load(config_json, os.path.join(dirpath, VARS_FNAME_H5),
                           os.path.join(dirpath, ASSETS_DIRNAME), custom_objects, compile, safe_mode)


# ---------------------------------------------------------------------------------------------
# .weights.h5 files

def save_weights_only(model, filepath, objects_to_skip=None):
    _require_h5py()
    if not model.built:
        raise ValueError("You are saving a model that has not yet been built. Try building the "
                         "model first by calling it on some data or by using `build()`.")
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={filepath}")
    visited = set(id(o) for o in objects_to_skip) if objects_to_skip else set()
    buf = io.BytesIO()
    store = H5IOStore(buf, mode="w")
    try:
        save_state(model, store, visited=visited)
    finally:
        store.close()
    with atomic_write(filepath) as f:
        f.write(buf.getvalue())


def load_weights_only(model, filepath, skip_mismatch=False, objects_to_skip=None):
    _require_h5py()
    if not model.built:
        raise ValueError("You are loading weights into a model that has not yet been built. Try "
                         "building the model first by calling it on some data or by using `build()`.")
    filepath = os.fspath(filepath)
    if filepath.endswith(".keras"):
        with _open_keras_zip(filepath) as zf:
            weights = safe_zip_read(zf, VARS_FNAME_H5)
        store = H5IOStore(io.BytesIO(weights), mode="r")
    else:
        store = H5IOStore(filepath, mode="r")
    visited = set(id(o) for o in objects_to_skip) if objects_to_skip else set()
    errors = {}
    try:
        load_state(model, store, visited=visited, errors=errors, skip_mismatch=skip_mismatch)
    finally:
        store.close()
    if errors:
        raise_loading_failure(errors, warn_only=skip_mismatch)
