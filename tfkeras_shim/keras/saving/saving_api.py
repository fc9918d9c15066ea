"""keras.saving.save_model / load_model / save_weights / load_weights (file-type dispatch, as
Keras 3 does) and keras.models.model_from_json."""
import json
import os
import warnings
import zipfile

from . import legacy_h5_format, saving_lib, serialization_lib

__all__ = ["save_model", "load_model", "save_weights", "load_weights", "model_from_json"]


def _ask_to_proceed(filepath):
    from ..utils import io_utils
    ask = getattr(io_utils, "ask_to_proceed_with_overwrite", None)
    if ask is not None:
        return ask(filepath)
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]").strip().lower()
    return answer == "y"


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    """Save `model` as a `.keras` zip (or a legacy `.h5` file); the write is atomic."""
    include_optimizer = kwargs.pop("include_optimizer", True)
    save_format = kwargs.pop("save_format", False)
    path = str(os.fspath(filepath)) if not hasattr(filepath, "write") else ""
    if save_format:
        if path.endswith((".h5", ".hdf5", ".keras")):
            warnings.warn("The `save_format` argument is deprecated in Keras 3. We recommend "
                          "removing this argument as it can be inferred from the file path. "
                          f"Received: save_format={save_format}", stacklevel=2)
        else:
            raise ValueError("The `save_format` argument is deprecated in Keras 3. Please remove "
                             "this argument and pass a file path with either `.keras` or `.h5` "
                             f"extension.Received: save_format={save_format}")
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs.keys())}")
    if hasattr(filepath, "write"):
        return saving_lib.save_model(model, filepath)
    if path.endswith((".h5", ".hdf5")):
        warnings.warn("You are saving your model as an HDF5 file via `model.save()` or "
                      "`keras.saving.save_model(model)`. This file format is considered legacy. We "
                      "recommend using instead the native Keras format, e.g. "
                      "`model.save('my_model.keras')` or `keras.saving.save_model(model, "
                      "'my_model.keras')`. ", stacklevel=2)
    if os.path.exists(path) and not overwrite and not _ask_to_proceed(path):
        return
    if zipped is False:
        raise NotImplementedError("model.save(zipped=False) (an unzipped .keras directory) is not "
                                  "supported by tfkeras_shim; save a `.keras` file.")
    if path.endswith(".keras"):
        return saving_lib.save_model(model, path)
    if path.endswith((".h5", ".hdf5")):
        return legacy_h5_format.save_model_to_hdf5(model, path, include_optimizer)
    raise ValueError("Invalid filepath extension for saving. Please add either a `.keras` extension "
                     "for the native Keras format (recommended) or a `.h5` extension. Use "
                     "`model.export(filepath)` if you want to export a SavedModel for use with "
                     f"TFLite/TFServing/etc. Received: filepath={filepath}.")


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Load a `.keras` file (or unzipped directory) or a legacy `.h5` file."""
    if hasattr(filepath, "read"):
        return saving_lib.load_model(filepath, custom_objects, compile, safe_mode)
    path = str(os.fspath(filepath))
    is_keras_zip = path.endswith(".keras") and os.path.isfile(path) and zipfile.is_zipfile(path)
    is_keras_dir = os.path.isdir(path) and os.path.exists(os.path.join(path, "config.json"))
    if is_keras_zip or is_keras_dir:
        return saving_lib.load_model(path, custom_objects=custom_objects, compile=compile,
                                     safe_mode=safe_mode)
    if path.endswith((".h5", ".hdf5")):
        if not os.path.exists(path):
            raise FileNotFoundError(f"[Errno 2] Unable to synchronously open file (unable to open "
                                    f"file: name = '{path}', errno = 2, error message = 'No such "
                                    "file or directory', flags = 0, o_flags = 0)")
        return legacy_h5_format.load_model_from_hdf5(path, custom_objects=custom_objects,
                                                     compile=compile, safe_mode=safe_mode)
    if path.endswith(".keras"):
        raise ValueError(f"File not found: filepath={path}. Please ensure the file is an "
                         "accessible `.keras` zip file.")
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "saved_model.pb")):
        raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 "
                         "`.keras` files, legacy H5 format files (`.h5` extension). Note that the "
                         "legacy SavedModel format is not supported by `load_model()` in Keras 3. "
                         "(A TensorFlow SavedModel needs TensorFlow; directories written by "
                         "tfkeras_shim's `tf.saved_model.save` load with `tf.saved_model.load`.)")
    raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 "
                     "`.keras` files, legacy H5 format files (`.h5` extension). Note that the "
                     "legacy SavedModel format is not supported by `load_model()` in Keras 3. In "
                     "order to reload a TensorFlow SavedModel as an inference-only layer in Keras "
                     f"3, use `keras.layers.TFSMLayer({path}, call_endpoint='serving_default')` "
                     "(note that your `call_endpoint` might have a different name).")


def save_weights(model, filepath, overwrite=True, max_shard_size=None, **kwargs):
    path = str(os.fspath(filepath))
    if max_shard_size is not None:
        raise NotImplementedError("Sharded weights (`max_shard_size`) are not supported by "
                                  "tfkeras_shim; save a single `.weights.h5` file.")
    if not path.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={path}")
    if os.path.exists(path) and not overwrite and not _ask_to_proceed(path):
        return
    saving_lib.save_weights_only(model, path, **kwargs)


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    path = str(os.fspath(filepath))
    objects_to_skip = kwargs.pop("objects_to_skip", None)
    by_name = kwargs.pop("by_name", None)
    if kwargs:
        raise ValueError(f"Invalid keyword arguments: {kwargs}")
    if path.endswith(".keras"):
        if objects_to_skip is not None:
            raise ValueError("`objects_to_skip` only supports loading '.weights.h5' files."
                             f"Received: {filepath}")
        if by_name is not None:
            raise ValueError("`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
                             f"Received: {filepath}")
        saving_lib.load_weights_only(model, path, skip_mismatch=skip_mismatch)
    elif path.endswith(".weights.h5"):
        if by_name is not None:
            raise ValueError("`by_name` only supports loading legacy '.h5' or '.hdf5' files. "
                             f"Received: {filepath}")
        saving_lib.load_weights_only(model, path, skip_mismatch=skip_mismatch,
                                     objects_to_skip=objects_to_skip)
    elif path.endswith((".h5", ".hdf5")):
        if objects_to_skip is not None:
            raise ValueError("`objects_to_skip` only supports loading '.weights.h5' files."
                             f"Received: {filepath}")
        legacy_h5_format.load_weights(model, path, skip_mismatch=skip_mismatch, by_name=bool(by_name))
    else:
        if path.endswith(".index") or os.path.exists(path + ".index"):
            raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 "
                             "`.keras` files, `.weights.h5` files, legacy H5 format files (`.h5` "
                             "extension). (TF-format checkpoints: use `tf.train.Checkpoint`.)")
        raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 "
                         "`.keras` files, `.weights.h5` files, legacy H5 format files (`.h5` "
                         "extension), or Orbax checkpoints.")


def model_from_json(json_string, custom_objects=None):
    """keras.models.model_from_json: a model (fresh weights) from `model.to_json()`."""
    config = json.loads(json_string)
    if isinstance(config, dict) and "module" not in config:
        return legacy_h5_format.legacy_layer_from_config(config, custom_objects)
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
