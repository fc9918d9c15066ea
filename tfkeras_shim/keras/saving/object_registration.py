"""keras.saving object registration: `register_keras_serializable`, `get_registered_object`,
`CustomObjectScope` ...

The registry itself lives in `keras.utils` (one registry for `keras.utils.*` and
`keras.saving.*`); this module adds Keras's checks and the lookup order used when loading.
"""
import inspect

from .. import utils as _utils

CustomObjectScope = _utils.CustomObjectScope
custom_object_scope = _utils.custom_object_scope
get_custom_objects = _utils.get_custom_objects
get_registered_name = _utils.get_registered_name
get_registered_object = _utils.get_registered_object

__all__ = ["CustomObjectScope", "custom_object_scope", "get_custom_objects", "get_registered_name",
           "get_registered_object", "register_keras_serializable"]


def register_keras_serializable(package="Custom", name=None):
    """Register a class or function under `'package>name'` (name defaults to `__name__`)."""
    inner = _utils._register_raw(package, name)

    def decorator(arg):
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        return inner(arg)

    return decorator


def scoped_objects():
    """The custom objects of the active `custom_object_scope`s (innermost last wins)."""
    out = {}
    for scope in getattr(_utils, "_SCOPES", ()):
        out.update(scope)
    return out


def all_custom_objects(custom_objects=None):
    """Keras's merge for loading: explicit `custom_objects`, then scopes, then the registry."""
    return {**(custom_objects or {}), **scoped_objects(), **get_custom_objects()}
