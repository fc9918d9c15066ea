"""keras.config: global Keras settings (float type, epsilon, image layout, logging, safe mode)."""
from .backend import (floatx, set_floatx, epsilon, set_epsilon, image_data_format,  # noqa: F401
                      set_image_data_format, backend)
from .utils.io_utils import (enable_interactive_logging, disable_interactive_logging,  # noqa: F401
                             is_interactive_logging_enabled)
from .engine.layer import (global_policy as dtype_policy,  # noqa: F401
                           set_global_policy as set_dtype_policy)

_unsafe_deserialization = False


def enable_unsafe_deserialization():
    """Allow loading Lambda bytecode from .keras files everywhere (like safe_mode=False)."""
    global _unsafe_deserialization
    _unsafe_deserialization = True


def is_unsafe_deserialization_enabled():
    return _unsafe_deserialization


def enable_traceback_filtering():
    pass


def disable_traceback_filtering():
    pass


def is_traceback_filtering_enabled():
    return False
