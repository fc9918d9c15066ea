"""Import aliasing: `import tensorflow` / `import keras` (and their submodules) give the shim.

While installed, a finder at the front of `sys.meta_path` maps

    tensorflow               -> tfkeras_shim
    tensorflow.keras[.x]     -> tfkeras_shim.keras[.x]
    tensorflow.X[.y]         -> tfkeras_shim.X[.y]     (a submodule or a lazy namespace)
    keras[.x], tf_keras[.x]  -> tfkeras_shim.keras[.x]

The alias name is bound in `sys.modules` to the shim's own module object, so
`import tensorflow.keras.layers as L`, `from tensorflow.keras import layers` and
`tf.keras.layers` all give one and the same module. A real TensorFlow/Keras installed beside
the shim is shadowed only while aliasing is on: `install()` moves any already-imported real
modules aside and `uninstall()` drops the aliases and puts them back.
"""
import importlib
import importlib.abc
import importlib.util
import sys
import threading
import types

_SHIM = "tfkeras_shim"

# alias root -> shim module it stands for
_ROOTS = {
    "tensorflow": _SHIM,
    "keras": _SHIM + ".keras",
    "tf_keras": _SHIM + ".keras",
}

_lock = threading.RLock()
_finder = None
_stashed = {}       # sys.modules entries under alias names that existed before install()


def _alias_root(fullname):
    root = fullname.partition(".")[0]
    return root if root in _ROOTS else None


def shim_name(fullname):
    """The shim module name an alias stands for (`tensorflow.keras.layers` -> `tfkeras_shim.keras.layers`)."""
    root, _, rest = fullname.partition(".")
    base = _ROOTS.get(root)
    if base is None:
        return None
    return base + "." + rest if rest else base


def _resolve(alias, target):
    """Import `target` (a dotted shim name); lazy namespaces exposed as attributes count too."""
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as e:
        # Only "this very module is missing" falls through; a missing dependency inside an
        # existing shim module is a real error and propagates unchanged.
        if e.name not in (target, None) and not target.startswith(e.name + "."):
            raise
    parent_name, _, child = target.rpartition(".")
    if parent_name:
        try:
            parent = importlib.import_module(parent_name)
            value = getattr(parent, child, None)
        except (ImportError, AttributeError):
            value = None
        if isinstance(value, types.ModuleType):
            return value
    raise ModuleNotFoundError(
        f"No module named {alias!r}: the shim has no module {target!r} "
        f"(not provided by tfkeras_shim; see compat_matrix.md)",
        name=alias) from None


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds alias names and loads them as the already-importable shim modules."""

    def find_spec(self, fullname, path=None, target=None):
        if _alias_root(fullname) is None:
            return None
        spec = importlib.util.spec_from_loader(fullname, self)
        spec.loader_state = shim_name(fullname)
        return spec

    def create_module(self, spec):
        module = _resolve(spec.name, spec.loader_state)
        # The import system overwrites __spec__ of the returned module (see
        # importlib._bootstrap._init_module_attrs); remember the real one, exec_module restores it.
        spec.loader_state = module.__dict__.get("__spec__")
        return module

    def exec_module(self, module):
        alias_spec = module.__dict__.get("__spec__")
        if alias_spec is not None and alias_spec.loader is self:
            module.__spec__ = alias_spec.loader_state

    def __repr__(self):
        return "<tfkeras_shim alias finder: tensorflow, keras -> tfkeras_shim>"


def _alias_keys():
    return [k for k in list(sys.modules) if _alias_root(k) is not None]


def install():
    """Put the alias finder first in `sys.meta_path` (idempotent).

    Real `tensorflow`/`keras` modules already in `sys.modules` are moved aside until `uninstall()`.
    """
    global _finder
    with _lock:
        if _finder is None:
            _finder = _AliasFinder()
            for k in _alias_keys():
                _stashed[k] = sys.modules.pop(k)
        if _finder in sys.meta_path:
            if sys.meta_path[0] is _finder:
                return
            sys.meta_path.remove(_finder)
        sys.meta_path.insert(0, _finder)


def uninstall():
    """Remove the finder and every alias entry from `sys.modules`; restore what was there before."""
    global _finder
    with _lock:
        if _finder is None:
            return
        while _finder in sys.meta_path:
            sys.meta_path.remove(_finder)
        _finder = None
        for k in _alias_keys():
            del sys.modules[k]
        sys.modules.update(_stashed)
        _stashed.clear()
        importlib.invalidate_caches()


def is_installed():
    return _finder is not None
