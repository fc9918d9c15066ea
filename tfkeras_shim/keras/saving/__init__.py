"""keras.saving: the Keras 3 `.keras` format, `.weights.h5` files, legacy `.h5` files, configs.

Files are interchangeable with real Keras 3 / tf.keras 2.21 in both directions (same zip members,
config.json format and HDF5 layout). Loading never unpickles; lambdas need `safe_mode=False`.
See saving_lib.py for the layout and the safety checks.
"""
from .object_registration import (CustomObjectScope, custom_object_scope, get_custom_objects,  # noqa: F401
                                  get_registered_name, get_registered_object,
                                  register_keras_serializable)
from .serialization_lib import (serialize_keras_object, deserialize_keras_object,  # noqa: F401
                                enable_unsafe_deserialization, SafeModeScope)
from .saving_api import save_model, load_model, save_weights, load_weights, model_from_json  # noqa: F401

__all__ = ["CustomObjectScope", "custom_object_scope", "get_custom_objects", "get_registered_name",
           "get_registered_object", "register_keras_serializable", "serialize_keras_object",
           "deserialize_keras_object", "save_model", "load_model", "save_weights", "load_weights"]
