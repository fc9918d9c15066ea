"""keras.layers pooling: Max/AveragePooling1D/2D/3D, the global poolings and (Keras 3.15)
AdaptiveAverage/MaxPooling1D/2D/3D.

Windows run on channels_last views like the convolutions (no copy of the activations).
'same' padding is TF's: max pooling treats padded cells as -inf, average pooling leaves them out
of the divisor (TF's AvgPool; torch's default counts them). The odd extra cell of an asymmetric
'same' pad is had without padding the input: with strides > 1 torch's ceil_mode clips the last
window (the same as -inf / an excluded cell), with stride 1 the pad after is used on both sides
and the first output dropped (a view).
3-D average pooling runs as two 2-D average pools (over H, W, then over D): torch's avg_pool3d
copies a channels_last input to NCDHW (and has no float16 CPU kernel); an average over a box is
the average over its rows of the row averages, also when padded cells are left out.

Adaptive pooling: Keras 3.15's TF backend pools windows [floor(i*n/o), ceil((i+1)*n/o)) per dim,
which are torch's adaptive-pool bins (checked equal for all n in 2..25, o in 2..30), so torch's
adaptive kernels run directly. Differences from TF: AdaptiveMaxPooling with an input or output
length of 1 crashes the TF process (SIGFPE); the shim returns the max. Max pooling propagates
NaN like torch (TF's CPU kernels skip NaN).
"""
import functools

import torch
import torch.nn.functional as F

from ...framework import dtypes as _dt
from ...framework import errors
from ...framework.tensor import _tdtype, _tshape
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec
from .. import backend as _backend
from .convolutional import (standardize_tuple, standardize_data_format, same_pads, to_ncx, from_ncx,
                            pad_spatial, np_str, _spatial)

__all__ = ["MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
           "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
           "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
           "AdaptiveAveragePooling1D", "AdaptiveAveragePooling2D", "AdaptiveAveragePooling3D",
           "AdaptiveMaxPooling1D", "AdaptiveMaxPooling2D", "AdaptiveMaxPooling3D",
           "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
           "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalAvgPool1D", "GlobalAvgPool2D",
           "GlobalAvgPool3D"]

_FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)


def _not_allowed(x, allowed, op):
    name = _dt.from_torch(_tdtype(x)).name
    return errors.invalid_argument(f"Value for attr 'T' of {name} is not in the list of allowed values: "
                                   f"{allowed}", op)


def _torch_ceil_out(n, k, s, p):
    """torch's ceil_mode output length (the last window must start inside the input or left pad)."""
    o = -(-(n + 2 * p - k) // s) + 1
    if (o - 1) * s >= n + p:
        o -= 1
    return o


@functools.lru_cache(maxsize=1024)
def _pool_plan(spatial, pool_size, strides, padding):
    """torch arguments for TF windows: (pads, ceil_mode, narrows, explicit_pads).

    narrows: per dim None or the first output to keep (stride-1 dims padded `after` on both sides);
    explicit_pads: per-dim (before, after) to pad the input with when no torch form fits."""
    n = len(spatial)
    if padding == "valid":
        return (0,) * n, False, None, None
    pads = [same_pads(sz, k, s) for sz, k, s in zip(spatial, pool_size, strides)]
    if all(b == a for b, a in pads):
        return tuple(b for b, _ in pads), False, None, None
    tpad, narrows, ceil = [], [], False
    for (b, a), s in zip(pads, strides):
        if b == a:
            tpad.append(b)
            narrows.append(None)
        elif s == 1:
            tpad.append(a)
            narrows.append(1)
        else:
            tpad.append(b)
            narrows.append(None)
            ceil = True
    ok = True
    for sz, k, s, p, nw in zip(spatial, pool_size, strides, tpad, narrows):
        want = -(-sz // s) + (1 if nw else 0)
        got = _torch_ceil_out(sz, k, s, p) if ceil else (sz + 2 * p - k) // s + 1
        ok = ok and got == want and p <= k // 2
    if ok:
        return tuple(tpad), ceil, (tuple(narrows) if any(narrows) else None), None
    return (0,) * n, False, None, tuple(pads)


def _avg3d(x, k, s, p, ceil, data_format):
    """3-D average pool (padded cells excluded) as an H, W pool then a D pool, layout kept."""
    shape = tuple(_tshape(x))
    if data_format == "channels_last":
        n, d, h, w, c = shape
        a = F.avg_pool2d(x.reshape(n * d, h, w, c).permute(0, 3, 1, 2), k[1:], s[1:], p[1:], ceil, False)
        h2, w2 = a.shape[2], a.shape[3]
        b = a.permute(0, 2, 3, 1).reshape(n, d, h2 * w2, c).permute(0, 3, 1, 2)
        b = F.avg_pool2d(b, (k[0], 1), (s[0], 1), (p[0], 0), ceil, False)
        return b.permute(0, 2, 3, 1).reshape(n, b.shape[2], h2, w2, c)
    n, c, d, h, w = shape
    a = F.avg_pool2d(x.reshape(n, c * d, h, w), k[1:], s[1:], p[1:], ceil, False)
    h2, w2 = a.shape[2], a.shape[3]
    b = F.avg_pool2d(a.reshape(n, c, d, h2 * w2), (k[0], 1), (s[0], 1), (p[0], 0), ceil, False)
    return b.reshape(n, c, b.shape[2], h2, w2)


def _run_pool(x, mode, k, s, pads, ceil, data_format):
    rank = len(k)
    if mode == "average" and rank == 3:
        return _avg3d(x, k, s, pads, ceil, data_format)
    xt = to_ncx(x, rank, data_format)
    if rank == 1:
        k, s, pads = (1,) + k, (1,) + s, (0,) + pads
    if mode == "max":
        fn = F.max_pool3d if rank == 3 else F.max_pool2d
        y = fn(xt, k, s, pads, 1, ceil)
    else:
        y = F.avg_pool2d(xt, k, s, pads, ceil, False)
    return from_ncx(y, rank, data_format)


def pool(x, mode, pool_size, strides, padding, data_format="channels_last"):
    """Max ('max') or average ('average') pooling of an N-D (1, 2 or 3) input with TF padding."""
    spatial = _spatial(_tshape(x), data_format)
    pads, ceil, narrows, explicit = _pool_plan(spatial, tuple(pool_size), tuple(strides), padding)
    k, s = tuple(pool_size), tuple(strides)
    if explicit is None:
        y = _run_pool(x, mode, k, s, pads, ceil, data_format)
    elif mode == "max":
        y = _run_pool(pad_spatial(x, explicit, data_format, float("-inf")), mode, k, s, pads, False,
                      data_format)
    else:  # average of the zero-padded input over the share of real cells in each window
        y = _run_pool(pad_spatial(x, explicit, data_format), mode, k, s, pads, False, data_format)
        shape = (1,) + tuple(spatial) + (1,) if data_format == "channels_last" else (1, 1) + tuple(spatial)
        ones = torch.ones(shape, dtype=_tdtype(x), device=x.device)
        y = y / _run_pool(pad_spatial(ones, explicit, data_format), mode, k, s, pads, False, data_format)
    if narrows is not None:
        off = 1 if data_format == "channels_last" else 2
        for i, start in enumerate(narrows):
            if start:
                y = y.narrow(off + i, start, y.shape[off + i] - start)
    return y


class BasePooling(Layer):
    """Keras 3's pooling layer: `padding` is kept as given (checked when called, as in Keras)."""

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid",
                 data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.pool_mode = pool_mode
        self.padding = padding
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._op = ("MaxPool" if pool_mode == "max" else "AvgPool") + ("3D" if pool_dimensions == 3 else "")
        self._pad = str(padding).lower()
        self._build_at_init()

    def call(self, inputs):
        p = self._pad
        if p not in ("valid", "same"):
            allowed = '"SAME", "VALID", "EXPLICIT"' if self._op == "MaxPool" else '"SAME", "VALID"'
            raise errors.invalid_argument(
                f"Value for attr 'padding' of \"{str(self.padding).upper()}\" is not in the list of allowed "
                f"values: {allowed}", self._op)
        td = _tdtype(inputs)
        if td not in _FLOATS and (self.pool_mode == "average" or len(self.pool_size) == 3):
            raise _not_allowed(inputs, "half, bfloat16, float" + (", double" if self.pool_mode == "average"
                                                                   else ""), self._op)
        if 0 in self.strides:
            raise errors.invalid_argument("Stride must be > 0, but got 0", self._op)
        if p == "valid":
            self._check_size(_tshape(inputs))
        return pool(inputs, self.pool_mode, self.pool_size, self.strides, p, self.data_format)

    def _check_size(self, input_shape):
        for n, k, s in zip(_spatial(input_shape, self.data_format), self.pool_size, self.strides):
            if n is not None and (n - k) // s + 1 <= 0:
                raise ValueError("Computed output size would be zero or negative. Received: "
                                 f"`inputs.shape={np_str(input_shape)}`, `pool_size={np_str(self.pool_size)}`, "
                                 f"`strides={self.strides}`, `padding={self.padding}`.")

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = _spatial(input_shape, self.data_format)
        if self.padding == "valid":
            self._check_size(input_shape)
            out = [None if n is None else (n - k) // s + 1
                   for n, k, s in zip(spatial, self.pool_size, self.strides)]
        elif self.padding == "same":
            out = [None if n is None else (n - 1) // s + 1 for n, s in zip(spatial, self.strides)]
        else:
            raise ValueError("Argument `padding` must be either 'valid' or 'same'. Received: "
                             f"padding={self.padding}")
        if self.data_format == "channels_last":
            return (input_shape[0],) + tuple(out) + (input_shape[-1],)
        return (input_shape[0], input_shape[1]) + tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                       "data_format": self.data_format})
        return config


class MaxPooling3D(BasePooling):
    """Max over pool_size windows (default 2x2x2, strides = pool_size); float inputs only (as TF)."""

    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, 3, "max", padding, data_format, name=name, **kwargs)


class MaxPooling2D(BasePooling):
    """Max over pool_size windows (default 2x2, strides = pool_size)."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 2, "max", padding, data_format, name=name, **kwargs)


class MaxPooling1D(BasePooling):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 1, "max", padding, data_format, name=name, **kwargs)


class AveragePooling3D(BasePooling):
    """Mean over windows; 'same' padding excludes the padded cells (pool_size is required in Keras 3)."""

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 3, "average", padding, data_format, name=name, **kwargs)


class AveragePooling2D(BasePooling):
    """Mean over windows; 'same' padding excludes the padded cells (pool_size is required in Keras 3)."""

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 2, "average", padding, data_format, name=name, **kwargs)


class AveragePooling1D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, 1, "average", padding, data_format, name=name, **kwargs)


# ---------------------------------------------------------------------------------------------
# global pooling

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


class _GlobalMax(BaseGlobalPooling):
    def call(self, inputs):
        return torch.amax(inputs, dim=self._axes(inputs), keepdim=self.keepdims)


class _GlobalAverage(BaseGlobalPooling):
    def call(self, inputs):
        x = inputs if _tdtype(inputs).is_floating_point else inputs.to(torch.float32)  # ops.mean: ints -> float32
        return torch.mean(x, dim=self._axes(x), keepdim=self.keepdims)


class GlobalMaxPooling3D(_GlobalMax):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(3, data_format, keepdims, **kwargs)


class GlobalMaxPooling2D(_GlobalMax):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(2, data_format, keepdims, **kwargs)


class GlobalMaxPooling1D(_GlobalMax):
    """Max over steps; ignores masks (as Keras 3)."""

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format, keepdims, **kwargs)


class GlobalAveragePooling3D(_GlobalAverage):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(3, data_format, keepdims, **kwargs)


class GlobalAveragePooling2D(_GlobalAverage):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(2, data_format, keepdims, **kwargs)


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Mean over steps; with a mask, the mean of the unmasked steps. Consumes the mask."""

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format, keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        axis = 1 if self.data_format == "channels_last" else 2
        if not _tdtype(inputs).is_floating_point:
            inputs = inputs.to(torch.float32)
        if mask is None:
            return torch.mean(inputs, dim=axis, keepdim=self.keepdims)
        m = mask.to(torch.bool).unsqueeze(2 if self.data_format == "channels_last" else 1)
        x = torch.where(m, inputs, torch.zeros((), dtype=_tdtype(inputs), device=inputs.device))
        return x.sum(dim=axis, keepdim=self.keepdims) / m.to(_tdtype(inputs)).sum(dim=axis, keepdim=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None


# ---------------------------------------------------------------------------------------------
# adaptive pooling (Keras 3.15)

def adaptive_pool(x, mode, output_size, data_format):
    """torch's adaptive pools on channels_last views; 1-D runs as 2-D over a height of 1."""
    rank = len(output_size)
    td = _tdtype(x)
    if mode == "average" and td not in _FLOATS:
        raise _not_allowed(x, "half, bfloat16, float, double", "AvgPool3D" if rank == 3 else "AvgPool")
    xt = to_ncx(x, rank, data_format)
    if td not in _FLOATS:  # torch has no integer adaptive max pool: exact for int32 in float64
        xt = xt.to(torch.float64)
    out = (1,) + tuple(output_size) if rank == 1 else tuple(output_size)
    if mode == "max":
        y = (F.adaptive_max_pool3d if rank == 3 else F.adaptive_max_pool2d)(xt, out)
    else:
        y = (F.adaptive_avg_pool3d if rank == 3 else F.adaptive_avg_pool2d)(xt, out)
    if _tdtype(y) is not td:
        y = y.to(td)
    return from_ncx(y, rank, data_format)


def _output_size(output_size, n, names):
    if isinstance(output_size, int) and not isinstance(output_size, bool):
        return (output_size,) * n
    if n == 1 and isinstance(output_size, (tuple, list)):
        if len(output_size) != 1:
            raise ValueError(f"For 1D input, `output_size` tuple must have length 1. Received: {output_size}")
        return tuple(output_size)
    if n > 1 and isinstance(output_size, (tuple, list)) and len(output_size) == n:
        return tuple(output_size)
    if n == 1:
        raise TypeError("`output_size` must be an integer or tuple of 1 integer. "
                        f"Received: {output_size} of type {type(output_size)}")
    raise TypeError(f"`output_size` must be an integer or ({names}) tuple. "
                    f"Received: {output_size} of type {type(output_size)}")


class BaseAdaptivePooling(Layer):
    """Pools to a fixed spatial `output_size` whatever the input size."""

    _mode = "average"
    _rank = 1
    _names = ""

    def __init__(self, output_size, data_format=None, **kwargs):
        size = _output_size(output_size, self._rank, self._names)
        super().__init__(**kwargs)
        self.output_size = size
        self.data_format = data_format or _backend.image_data_format()
        if self.data_format not in {"channels_first", "channels_last"}:
            raise ValueError(f"Invalid data_format: {self.data_format}. "
                             "Expected 'channels_first' or 'channels_last'.")

    def call(self, inputs):
        n = inputs.dim() - 2
        size = self.output_size
        if n not in (1, 2, 3):
            raise ValueError(f"adaptive_{self._mode}_pool supports 1D, 2D, or 3D inputs only.")
        if n == 1:
            size = size[:1]
        elif len(size) < n:
            raise ValueError(f"not enough values to unpack (expected {n}, got {len(size)})")
        elif len(size) > n:
            raise ValueError(f"too many values to unpack (expected {n})")
        return adaptive_pool(inputs, self._mode, size, self.data_format)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.data_format == "channels_last":
            return (input_shape[0],) + self.output_size + (input_shape[-1],)
        return (input_shape[0], input_shape[1]) + self.output_size

    def get_config(self):
        config = super().get_config()
        config.update({"output_size": self.output_size, "data_format": self.data_format})
        return config


class AdaptiveAveragePooling1D(BaseAdaptivePooling):
    _mode, _rank = "average", 1


class AdaptiveAveragePooling2D(BaseAdaptivePooling):
    _mode, _rank, _names = "average", 2, "height, width"


class AdaptiveAveragePooling3D(BaseAdaptivePooling):
    _mode, _rank, _names = "average", 3, "depth, height, width"


class AdaptiveMaxPooling1D(BaseAdaptivePooling):
    _mode, _rank = "max", 1


class AdaptiveMaxPooling2D(BaseAdaptivePooling):
    _mode, _rank, _names = "max", 2, "height, width"


class AdaptiveMaxPooling3D(BaseAdaptivePooling):
    _mode, _rank, _names = "max", 3, "depth, height, width"


MaxPool1D = MaxPooling1D
MaxPool2D = MaxPooling2D
MaxPool3D = MaxPooling3D
AvgPool1D = AveragePooling1D
AvgPool2D = AveragePooling2D
AvgPool3D = AveragePooling3D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalMaxPool3D = GlobalMaxPooling3D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
