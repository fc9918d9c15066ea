"""keras.Model: subclassing API; `Model(inputs, outputs)` dispatches to Functional.

Training (`compile`/`fit`/`evaluate`/`predict`) is added by a Trainer mixin (engine/trainer.py);
`_TRAINER_BASES` lets that module plug itself in without touching this file's users.

Difference from Keras 3, on purpose: `model.build(input_shape)` on a subclassed model whose
class defines no `build` runs the model once on a placeholder so that every sublayer gets its
weights (Keras 2 behaviour that tutorials rely on; Keras 3 only marks the model built).
"""
from .layer import Layer
from .keras_tensor import KerasTensor

try:  # training API (compile/fit/...): engine/trainer.py defines `Trainer` (it must not import
    # this module at import time). Its optional `_init_trainer()` runs in every Model.__init__.
    from .trainer import Trainer as _Trainer
except ModuleNotFoundError as _e:  # pragma: no cover - until the training API exists
    if _e.name != __name__.rpartition(".")[0] + ".trainer":
        raise

    class _Trainer:
        pass

from ..saving.model_mixin import ModelSavingMixin as _Saving  # save/load_weights/to_json/export


def _functional_init_arguments(args, kwargs):
    return (len(args) == 2 or (len(args) == 1 and "outputs" in kwargs)
            or ("inputs" in kwargs and "outputs" in kwargs))


_FUNCTIONAL_SUBCLASSES = {}


class Model(_Trainer, _Saving, Layer):
    """keras.Model. Subclass it (layers in `__init__`, computation in `call`) or call
    `Model(inputs, outputs)` to get a Functional model."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and _functional_init_arguments(args, kwargs):
            from .functional import Functional
            return Functional.__new__(Functional, *args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        from .functional import Functional
        if _functional_init_arguments(args, kwargs) and not isinstance(self, Functional):
            # functional subclassing: `super().__init__(inputs=..., outputs=...)` in a subclass
            cls = type(self)
            sub = _FUNCTIONAL_SUBCLASSES.get(cls)
            if sub is None:
                sub = type(cls.__name__, (cls, Functional), {"__module__": cls.__module__,
                                                           "__qualname__": cls.__qualname__})
                _FUNCTIONAL_SUBCLASSES[cls] = sub
            object.__setattr__(self, "__class__", sub)
            Functional.__init__(self, *args, **kwargs)
            return
        if isinstance(self, Functional) and _functional_init_arguments(args, kwargs):
            Functional.__init__(self, *args, **kwargs)
            return
        Layer.__init__(self, *args, **kwargs)
        self._init_model_state()

    def _init_model_state(self):
        d = self.__dict__
        d.setdefault("optimizer", None)
        d.setdefault("compiled", False)
        d.setdefault("stop_training", False)
        d.setdefault("history", None)
        d.setdefault("loss", None)
        init_trainer = getattr(self, "_init_trainer", None)
        if init_trainer is not None:
            init_trainer()

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"Model {self.__class__.__name__} does not have a `call()` method implemented.")

    @property
    def layers(self):
        return list(self._flatten_layers(include_self=False, recursive=False))

    @layers.setter
    def layers(self, _):
        raise AttributeError("`Model.layers` attribute is reserved and should not be used. "
                             "Please use another name.")

    def get_layer(self, name=None, index=None):
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: index={index}, name={name}.")
        if index is not None:
            layers = self.layers
            if len(layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only has "
                                 f"{len(layers)} layers.")
            return layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: {list(l.name for l in self.layers)}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def build(self, input_shape=None):
        """Build a subclassed model by running it once on a placeholder of `input_shape`."""
        if input_shape is None or self.__dict__.get("_auto_building") or self.built and self.weights:
            # called by the first __call__: the call itself builds the sublayers
            self.__dict__["built"] = True
            return
        from .functional import compute_output_spec
        from .layer import _as_shape_struct
        shapes = _as_shape_struct(input_shape)

        def placeholder(s):
            if isinstance(s, (list, tuple)) and not _is_shape(s):
                return type(s)(placeholder(v) for v in s)
            if isinstance(s, dict):
                return {k: placeholder(v) for k, v in s.items()}
            return KerasTensor(tuple(s), dtype=self.compute_dtype, record_history=False, name="placeholder")

        x = placeholder(shapes)
        self.__dict__["_build_shapes_dict"] = {"input_shape": shapes}
        compute_output_spec(self, (x,), {})
        self.__dict__["built"] = True

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        from ..utils.summary_utils import print_summary
        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable, layer_range=layer_range)

    def get_config(self):
        return Layer.get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving.model_config import model_from_config
        return model_from_config(cls, config, custom_objects)

    def __reduce_ex__(self, proto):
        return object.__reduce_ex__(self, proto)

    def _get_compile_state(self):
        return None


def _is_shape(s):
    return isinstance(s, (list, tuple)) and all(d is None or isinstance(d, int) for d in s)


__all__ = ["Model"]
