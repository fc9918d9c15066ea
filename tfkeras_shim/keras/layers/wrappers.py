"""keras.layers wrappers: Wrapper (abstract base) and TimeDistributed.

TimeDistributed runs the wrapped layer's `call` once on the input folded to
`(batch * time, ...)` (a view when the input is contiguous) and unfolds the result, instead of
Keras 3's loop over time steps; for layers that treat samples independently (Dense, Conv2D,
pooling, Dropout ...) the numbers are the same. Like Keras 3 it calls the inner layer's `call`
directly (no input casting, no activity regularizer of the inner layer), passes `training` and
the mask (folded the same way) when the inner `call` takes them, and its output keeps the
input's mask. Layers whose training-mode result depends on the batch (BatchNormalization) are
run step by step while training, as Keras does, so their statistics and moving averages match.
"""
import numpy as np
import torch

from ...framework import errors
from ...framework.tensor import wrap, _tshape
from ..engine.layer import Layer, _call_info

__all__ = ["Wrapper", "TimeDistributed"]


class Wrapper(Layer):
    """Abstract base of layers that wrap another layer (`self.layer`)."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Layer {layer} supplied to Wrapper isn't a supported layer type. Please "
                             "ensure wrapped layer is a valid Keras layer.")
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True

    def get_config(self):
        from ..saving.serialization_lib import serialize_keras_object
        config = {"layer": serialize_keras_object(self.layer)}
        base = super().get_config()
        return {**base, **config}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        layer = config.pop("layer")
        if not isinstance(layer, Layer):
            layer = deserialize_keras_object(layer, custom_objects=custom_objects)
        return cls(layer, **config)


def _batch_dependent(layer):
    from .normalization import BatchNormalization
    return any(isinstance(l, BatchNormalization) for l in layer._flatten_layers(include_self=True))


def _plain(x):
    return x.as_subclass(torch.Tensor) if isinstance(x, torch.Tensor) and type(x) is not torch.Tensor else x


def _unfold(y, b, t):
    if isinstance(y, torch.Tensor):
        s = tuple(_tshape(y))
        return wrap(_plain(y).reshape((b, t) + s[1:]))
    if isinstance(y, (list, tuple)):
        return type(y)(_unfold(e, b, t) for e in y)
    if isinstance(y, dict):
        return {k: _unfold(v, b, t) for k, v in y.items()}
    return y


class TimeDistributed(Wrapper):
    """Applies `layer` to every temporal slice (axis 1) of the input."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `TimeDistributed` layer with a `keras.layers.Layer` "
                             f"instance. Received: {layer}")
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _get_child_input_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            shown = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else input_shape
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape` with at least 3 "
                             f"dimensions, received: {shown}")
        return (input_shape[0], *tuple(input_shape)[2:])

    def compute_output_shape(self, input_shape):
        child_in = self._get_child_input_shape(input_shape)
        child_out = tuple(self.layer.compute_output_shape(child_in))
        return (child_out[0], input_shape[1], *child_out[1:])

    def build(self, input_shape):
        super().build(self._get_child_input_shape(input_shape))

    def call(self, inputs, training=None, mask=None):
        shape = tuple(_tshape(inputs))
        if mask is not None:
            if not isinstance(mask, torch.Tensor):
                mask = torch.as_tensor(np.asarray(mask), device=inputs.device)
            mshape = tuple(_tshape(mask))
            if len(mshape) < 2:
                raise ValueError("The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., "
                                 f"`(batch_size, timesteps)`), but it has {len(mshape)} dimension(s) with "
                                 f"shape {mshape}.")
            if mshape[0] != shape[0] or mshape[1] != shape[1]:
                raise ValueError(f"The `mask` passed to the `TimeDistributed` layer has a shape {mshape} that "
                                 f"is incompatible with the input shape {shape}. The first two dimensions of "
                                 "the mask (batch size and timesteps) must match the input's first two "
                                 f"dimensions. Expected mask shape prefix: ({shape[0]}, {shape[1]}).")
        inner = self.layer
        info = _call_info(type(inner))
        kwargs = {}
        if info.has_training:
            kwargs["training"] = training
        b, t = shape[0], shape[1]
        x = _plain(inputs)
        if training and _batch_dependent(inner):
            outs = []
            for i in range(t):
                if info.has_mask and mask is not None:
                    kwargs["mask"] = mask[:, i]
                outs.append(_plain(inner.call(x[:, i], **kwargs)))
            return wrap(torch.stack(outs, dim=1))
        if info.has_mask and mask is not None:
            kwargs["mask"] = _plain(mask).reshape((b * t,) + tuple(_tshape(mask))[2:])
        x = x.reshape((b * t,) + shape[2:])
        self._check_dense(inner, b, shape)
        return _unfold(inner.call(x, **kwargs), b, t)

    @staticmethod
    def _check_dense(inner, b, shape):
        """tf.keras's error for a Dense fed the wrong feature size (its per-step MatMul)."""
        from .core import Dense
        if isinstance(inner, Dense) and inner.built and len(shape) == 3:
            k = tuple(_tshape(inner.kernel))
            if shape[-1] != k[0]:
                raise errors.invalid_argument(f"Matrix size-incompatible: In[0]: [{b},{shape[-1]}], "
                                              f"In[1]: [{k[0]},{k[1]}]", "MatMul")
