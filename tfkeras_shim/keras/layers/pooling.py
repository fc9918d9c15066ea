"""keras.layers pooling: Max/AveragePooling1D/2D and the global poolings.

Windows run on channels_last views like the convolutions (no copy of the activations).
'same' padding is TF's: max pooling treats padded cells as -inf, average pooling leaves them out
of the divisor (TF's AvgPool; torch's default counts them). Asymmetric 'same' pads (the extra cell
at the end) pad the NHWC input once; the average then divides by the count of real cells.
"""
import torch
import torch.nn.functional as F

from ...framework.tensor import _tdtype, _tshape
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec
from .convolutional import (standardize_tuple, standardize_data_format, same_pads, to_nchw,
                            from_nchw, pad_channels_last, _spatial)

__all__ = ["MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
           "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D",
           "GlobalAveragePooling2D", "MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D",
           "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalAvgPool1D", "GlobalAvgPool2D"]


def _pad_input(x, pads, data_format, value):
    if data_format == "channels_last":
        return pad_channels_last(x, pads, value)
    spec = []
    for b, a in reversed(pads):
        spec += [b, a]
    return F.pad(x, spec, value=value)


def pool(x, mode, pool_size, strides, padding, data_format="channels_last"):
    """Max ('max') or average ('average') pooling of an N-D (1 or 2) input with TF padding."""
    rank = len(pool_size)
    spatial = _spatial(_tshape(x), data_format)
    if padding == "same":
        pads = [same_pads(n, k, s) for n, k, s in zip(spatial, pool_size, strides)]
    else:
        pads = [(0, 0)] * rank
    sym = all(b == a for b, a in pads)
    count = None
    if sym:
        pad_arg = tuple(b for b, _ in pads)
    else:
        if mode == "average":
            ones = torch.ones((1,) + tuple(spatial) + (1,), dtype=_tdtype(x), device=x.device)
            count = pad_channels_last(ones, pads)
        x = _pad_input(x, pads, data_format, float("-inf") if mode == "max" else 0.0)
        pad_arg = (0,) * rank
    k, s = tuple(pool_size), tuple(strides)
    xt = to_nchw(x, rank, data_format)
    if rank == 1:
        k, s, pad_arg = (1,) + k, (1,) + s, (0,) + pad_arg
    if mode == "max":
        y = F.max_pool2d(xt, k, s, pad_arg)
    else:
        y = F.avg_pool2d(xt, k, s, pad_arg, count_include_pad=False)
        if count is not None:
            c = F.avg_pool2d(to_nchw(count, rank, "channels_last"), k, s, 0)
            # the padded windows averaged over every cell: rescale to the count of real cells
            y = y / c
    return from_nchw(y, rank, data_format)


class BasePooling(Layer):
    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid",
                 data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.pool_mode = pool_mode
        self.padding = padding
        self._padding = str(padding).lower()
        if self._padding not in ("valid", "same"):
            raise ValueError(f"The `padding` argument must be one of 'valid', 'same'. Received: padding={padding}")
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._build_at_init()

    def call(self, inputs):
        return pool(inputs, self.pool_mode, self.pool_size, self.strides, self._padding, self.data_format)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = _spatial(input_shape, self.data_format)
        out = []
        for n, k, s in zip(spatial, self.pool_size, self.strides):
            if n is None:
                out.append(None)
            elif self._padding == "same":
                out.append((n - 1) // s + 1)
            else:
                out.append((n - k) // s + 1)
        if self.data_format == "channels_last":
            return (input_shape[0],) + tuple(out) + (input_shape[-1],)
        return (input_shape[0], input_shape[1]) + tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                       "data_format": self.data_format})
        return config


class MaxPooling2D(BasePooling):
    """Max over pool_size windows (default 2x2, strides = pool_size)."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 2, "max", padding, data_format, name=name, **kwargs)


class MaxPooling1D(BasePooling):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 1, "max", padding, data_format, name=name, **kwargs)


class AveragePooling2D(BasePooling):
    """Mean over windows; 'same' padding excludes the padded cells (pool_size is required in Keras 3)."""

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 2, "average", padding, data_format, name=name, **kwargs)


class AveragePooling1D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 1, "average", padding, data_format, name=name, **kwargs)


class BaseGlobalPooling(Layer):
    def __init__(self, pool_dimensions, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._build_at_init()

    def _axes(self, x):
        n = x.dim() - 2
        return tuple(range(1, 1 + n)) if self.data_format == "channels_last" else tuple(range(2, 2 + n))

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        n = len(input_shape) - 2
        if self.data_format == "channels_last":
            if self.keepdims:
                return (input_shape[0],) + (1,) * n + (input_shape[-1],)
            return (input_shape[0], input_shape[-1])
        if self.keepdims:
            return (input_shape[0], input_shape[1]) + (1,) * n
        return (input_shape[0], input_shape[1])

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalMaxPooling2D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(2, data_format, keepdims, **kwargs)

    def call(self, inputs):
        return torch.amax(inputs, dim=self._axes(inputs), keepdim=self.keepdims)


class GlobalAveragePooling2D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(2, data_format, keepdims, **kwargs)

    def call(self, inputs):
        return torch.mean(inputs, dim=self._axes(inputs), keepdim=self.keepdims)


class GlobalMaxPooling1D(BaseGlobalPooling):
    """Max over steps; ignores masks (as Keras 3)."""

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format, keepdims, **kwargs)

    def call(self, inputs):
        return torch.amax(inputs, dim=self._axes(inputs), keepdim=self.keepdims)


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Mean over steps; with a mask, the mean of the unmasked steps. Consumes the mask."""

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format, keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        axis = 1 if self.data_format == "channels_last" else 2
        if mask is None:
            return torch.mean(inputs, dim=axis, keepdim=self.keepdims)
        m = mask.to(torch.bool).unsqueeze(2 if self.data_format == "channels_last" else 1)
        x = torch.where(m, inputs, torch.zeros((), dtype=_tdtype(inputs), device=inputs.device))
        return x.sum(dim=axis, keepdim=self.keepdims) / m.to(_tdtype(inputs)).sum(dim=axis, keepdim=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None


MaxPool1D = MaxPooling1D
MaxPool2D = MaxPooling2D
AvgPool1D = AveragePooling1D
AvgPool2D = AveragePooling2D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
