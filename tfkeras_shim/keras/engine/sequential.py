"""keras.Sequential: a linear stack of layers.

Like Keras 3: with an `Input` (or `input_shape=` on the first layer) the model is built at once
through an internal Functional graph (which names itself `functional`, consuming that name);
otherwise it builds on first call with the shape of that call. Calls run the layers in a plain
loop (the same semantics as running the graph, with less overhead).
"""
import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from ...framework import dtypes as _dt
from .layer import Layer
from .keras_tensor import InputLayer, KerasTensor, standardize_shape
from .model import Model


class Sequential(Model):
    """keras.Sequential(layers=None, trainable=True, name=None)."""

    def __new__(cls, *args, **kwargs):
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, layers=None, trainable=True, name=None):
        Layer.__init__(self, trainable=trainable, name=name)
        self._init_model_state()
        self.__dict__["_functional"] = None
        if layers:
            for layer in layers:
                self.add(layer, rebuild=False)
            self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Add a layer (or an `Input` tensor) on top of the stack."""
        ls = self.__dict__["_layers"]
        if not ls:
            shape_arg = getattr(layer, "_input_shape_arg", None) if isinstance(layer, Layer) else None
            if shape_arg is not None:
                self.add(InputLayer(shape=shape_arg, batch_size=layer.__dict__.get("_batch_size_arg")),
                         rebuild=False)
        if isinstance(layer, KerasTensor) and layer._keras_history is not None:
            origin = layer._keras_history.operation
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise ValueError("Only instances of `keras.Layer` can be added to a Sequential model. "
                             f"Received: {layer} (of type {type(layer)})")
        if any(l.name == layer.name for l in ls if l is not layer):
            raise ValueError("All layers added to a Sequential model should have unique names. Name "
                             f"'{layer.name}' is already the name of a layer in this model. Update the "
                             "`name` argument to pass a unique name.")
        if isinstance(layer, InputLayer) and ls and isinstance(ls[0], InputLayer):
            raise ValueError(f"Sequential model '{self.name}' has already been configured to use input "
                             f"shape {ls[0].batch_shape}. You cannot add a different Input layer to it.")
        ls.append(layer)
        self._register(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.__dict__["built"] = False
            self.__dict__["_functional"] = None

    def _register(self, layer):
        key = layer.name.replace(".", "_").replace("/", "_")
        self._modules[key] = layer

    def pop(self, rebuild=True):
        """Remove and return the last layer."""
        ls = self.__dict__["_layers"]
        layer = ls.pop()
        for k, m in list(self._modules.items()):
            if m is layer:
                del self._modules[k]
        self.__dict__["built"] = False
        self.__dict__["_functional"] = None
        if rebuild and ls:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        ls = self.__dict__["_layers"]
        self.__dict__["built"] = False
        self.__dict__["_functional"] = None
        if isinstance(ls[0], InputLayer) and len(ls) > 1:
            self.build(ls[0].batch_shape)
        elif isinstance(ls[0], Model) and len(ls) > 1:  # a built model as first layer
            try:
                shape = ls[0].input_shape
            except AttributeError:
                return
            self.build(shape)

    def build(self, input_shape=None):
        try:
            input_shape = standardize_shape(input_shape)
        except Exception:
            return
        ls = self.__dict__["_layers"]
        if not ls:
            raise ValueError(f"Sequential model {self.name} cannot be built because it has no layers. "
                             "Call `model.add(layer)`.")
        if isinstance(ls[0], InputLayer):
            if tuple(ls[0].batch_shape) != tuple(input_shape):
                raise ValueError(f"Sequential model '{self.name}' has already been configured to use "
                                 f"input shape {ls[0].batch_shape}. You cannot build it with input_shape "
                                 f"{input_shape}")
        else:
            il = InputLayer(batch_shape=input_shape, dtype=ls[0].compute_dtype)
            ls.insert(0, il)
            self._register(il)
        from .functional import Functional
        inputs = ls[0].output
        x = inputs
        for layer in ls[1:]:
            try:
                x = layer(x)
            except NotImplementedError:
                return
        self.__dict__["_functional"] = Functional(inputs=inputs, outputs=x)
        self.__dict__["_build_shapes_dict"] = {"input_shape": input_shape}
        self.__dict__["built"] = True

    def call(self, inputs, training=None, mask=None, **kwargs):
        ls = self.__dict__["_layers"]
        start = 0
        if ls and isinstance(ls[0], InputLayer):
            start = 1
            inputs = self._adjust_input(inputs, ls[0])
        x = inputs
        first = True
        for layer in ls[start:]:
            kw = {}
            info = layer._call_info
            if first and mask is not None and info.has_mask:
                kw["mask"] = mask
            if training is not None and info.has_training:
                kw["training"] = training
            x = layer(x, **kw) if kw else layer(x)
            first = False
        return x

    def _adjust_input(self, x, input_layer):
        """The Functional input standardization (dtype of the Input, +/-1 rank for last dim 1)."""
        if not isinstance(x, torch.Tensor):
            return x
        ref = input_layer.batch_shape
        nd = x.dim()
        rnd = len(ref)
        if nd == rnd:
            want = input_layer.__dict__.get("_tdtype_cache")
            if want is None:
                want = _dt.as_dtype(input_layer.dtype).torch_dtype
                input_layer.__dict__["_tdtype_cache"] = want
            td = _tdtype(x)
            if td is not want and td.is_floating_point and want.is_floating_point:
                m = getattr(x, "_keras_mask", None)
                x = wrap(x.to(want))
                if m is not None:
                    x._keras_mask = m
            return x
        if nd == rnd - 1 and rnd and ref[-1] == 1:
            return wrap(x.unsqueeze(-1))
        if nd == rnd + 1 and _tshape(x)[-1] == 1:
            return wrap(x.squeeze(-1))
        return x

    @property
    def layers(self):
        ls = self.__dict__["_layers"]
        if ls and isinstance(ls[0], InputLayer):
            return ls[1:]
        return ls[:]

    @layers.setter
    def layers(self, _):
        raise AttributeError("`Sequential.layers` attribute is reserved and should not be used. "
                             "Use `add()` and `pop()` to change the layers in this model.")

    def compute_output_shape(self, input_shape):
        f = self.__dict__.get("_functional")
        if f is not None:
            return f.compute_output_shape(input_shape)
        for layer in self.layers:
            input_shape = layer.compute_output_shape(input_shape)
        return input_shape

    def _need_functional(self, what):
        f = self.__dict__.get("_functional")
        if f is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined {what} yet.")
        return f

    @property
    def input_shape(self):
        return self._need_functional("input shape").input_shape

    @property
    def output_shape(self):
        return self._need_functional("output shape").output_shape

    @property
    def inputs(self):
        return self._need_functional("inputs").inputs

    @property
    def outputs(self):
        return self._need_functional("outputs").outputs

    @property
    def input(self):
        f = self.__dict__.get("_functional")
        if f is None:
            raise AttributeError(f"The layer {self.name} has never been called and thus has no defined input.")
        return f.input

    @property
    def output(self):
        f = self.__dict__.get("_functional")
        if f is None:
            raise AttributeError(f"The layer {self.name} has never been called and thus has no defined output.")
        return f.output

    def get_config(self):
        from ..saving.model_config import sequential_get_config
        return sequential_get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving.model_config import sequential_from_config
        return sequential_from_config(cls, config, custom_objects)


__all__ = ["Sequential"]
