"""Saving methods of keras.Model (`save`, `save_weights`, `load_weights`, `to_json`, `export`,
`get_compile_config` / `compile_from_config`), mixed into Model by engine/model.py.

This module must not import the engine at import time (engine/model.py imports it).
"""
import json
import warnings


class ModelSavingMixin:
    """Keras 3's saving API on Model."""

    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Save the model (architecture, weights, optimizer state, compile config) to a `.keras`
        zip, or a legacy `.h5` file. The file is replaced atomically."""
        from .saving_api import save_model
        return save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        """Save all variables (optimizer state included) to a `.weights.h5` file."""
        from .saving_api import save_weights
        return save_weights(self, filepath, overwrite=overwrite, max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Load weights from `.weights.h5`, `.keras` or legacy `.h5` files."""
        from .saving_api import load_weights
        return load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def to_json(self, **kwargs):
        """The Keras config of the model as a JSON string (`keras.models.model_from_json`)."""
        from .serialization_lib import serialize_keras_object
        return json.dumps(serialize_keras_object(self), **kwargs)

    def export(self, filepath, format="tf_saved_model", verbose=None, input_signature=None, **kwargs):
        """Export for inference. tfkeras_shim writes its own torch-native export directory
        (see `tf.saved_model.save`), reloadable with `tf.saved_model.load`, whose result is
        callable (`loaded.serve(x)`). TensorFlow SavedModels, ONNX, LiteRT ... are not written."""
        if format not in ("tf_saved_model", "torch"):
            raise ValueError(f"Unrecognized format={format}. tfkeras_shim exports "
                             "format='tf_saved_model' (its own torch-native directory) only.")
        from ...saved_model import export_model
        export_model(self, filepath, input_signature=input_signature,
                     verbose=True if verbose is None else verbose)

    # -- compile config ---------------------------------------------------------------------------
    def get_compile_config(self):
        """The arguments of `compile()`, serialized ({} when the model is not compiled)."""
        if not getattr(self, "compiled", False):
            return {}
        cc = self.__dict__.get("_compile_config")
        from .serialization_lib import serialize_keras_object
        if cc is None:
            cc = {"optimizer": getattr(self, "optimizer", None),
                  "loss": getattr(self, "loss", None), "loss_weights": None, "metrics": None,
                  "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1,
                  "jit_compile": False}
        if hasattr(cc, "config"):
            cc = cc.config
        cc = dict(cc)
        if getattr(self, "optimizer", None) is not None:
            cc["optimizer"] = self.optimizer  # the object compile() resolved (as Keras stores it)
        return serialize_keras_object(cc)

    def compile_from_config(self, config):
        """Compile the model from `get_compile_config()`'s output; builds the optimizer so that
        its saved state can be loaded into it."""
        compile_fn = getattr(self, "compile", None)
        if compile_fn is None:
            warnings.warn("The model was saved compiled but this model class has no `compile()`: "
                          "it is loaded uncompiled.", stacklevel=2)
            return
        from ..engine.model import _Trainer
        base = getattr(_Trainer, "compile", None)
        if base is not None and type(self).compile is not base:
            warnings.warn("`compile()` was not called as part of model loading because the "
                          "model's `compile()` method is custom. All subclassed Models that have "
                          "`compile()` overridden should also override `get_compile_config()` and "
                          "`compile_from_config(config)`. Alternatively, you can call `compile()` "
                          "manually after loading.", stacklevel=2)
            return
        from .serialization_lib import deserialize_keras_object
        config = deserialize_keras_object(config)
        compile_fn(**config)
        optimizer = getattr(self, "optimizer", None)
        if optimizer is not None and self.built and not getattr(optimizer, "built", False):
            optimizer.build(self.trainable_variables)
