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


_TRACEBACK_FILTERING = [True]


def enable_traceback_filtering():
    """The flag only: the shim does not remove its own frames from tracebacks."""
    _TRACEBACK_FILTERING[0] = True


def disable_traceback_filtering():
    _TRACEBACK_FILTERING[0] = False


def is_traceback_filtering_enabled():
    return _TRACEBACK_FILTERING[0]


# -- debug-run caps and switches Keras 3.15 keeps here -------------------------------------------
_MAX_EPOCHS = None
_MAX_STEPS_PER_EPOCH = None
_FLASH_ATTENTION = [None]


def set_max_epochs(max_epochs):
    """Cap the epochs of every `fit` (None: no cap); fit warns "Limiting epochs to N"."""
    global _MAX_EPOCHS
    _MAX_EPOCHS = max_epochs


def max_epochs():
    return _MAX_EPOCHS


def set_max_steps_per_epoch(max_steps_per_epoch):
    """Cap the steps of every fit/evaluate/predict epoch (None: no cap)."""
    global _MAX_STEPS_PER_EPOCH
    _MAX_STEPS_PER_EPOCH = max_steps_per_epoch


def max_steps_per_epoch():
    return _MAX_STEPS_PER_EPOCH


def enable_flash_attention():
    """As Keras: back to "use it where available" (reported as None); the shim's attention
    layers pick torch's kernels themselves either way."""
    _FLASH_ATTENTION[0] = None


def disable_flash_attention():
    _FLASH_ATTENTION[0] = False


def is_flash_attention_enabled():
    return _FLASH_ATTENTION[0]


def is_nnx_enabled():
    """Flax NNX integration is a JAX-backend feature: always False here."""
    return False


def set_backend(backend):
    """Keras can reload itself on another backend; the shim is one backend ("tensorflow" on
    torch), so only that name is accepted."""
    if backend != "tensorflow":
        raise ValueError(f"tfkeras_shim runs Keras on its TensorFlow-on-torch backend only; "
                         f"set_backend({backend!r}) is not supported.")
