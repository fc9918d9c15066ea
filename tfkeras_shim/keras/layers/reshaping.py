"""keras.layers reshaping: Flatten, Reshape, Permute, RepeatVector, UpSampling1D/2D/3D,
ZeroPadding1D/2D/3D, Cropping1D/2D/3D.

Flatten keeps Keras's (h, w, c) order of NHWC activations (channels_first inputs are moved to
channels_last first, as Keras does), so Dense weights loaded from TF line up.
Permute, Cropping and RepeatVector return views; UpSampling2D 'bilinear' is TF's half-pixel
resize (torch `align_corners=False`). As in Keras, only Reshape is built at construction; the
others build on their first call.
"""
import math

import torch
import torch.nn.functional as F

from ...framework import errors
from ...framework.tensor import _tdtype, _tshape

from ..engine.layer import Layer
from ..engine.input_spec import InputSpec
from .convolutional import standardize_tuple, standardize_data_format

__all__ = ["Flatten", "Reshape", "Permute", "RepeatVector", "UpSampling1D", "UpSampling2D",
           "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D",
           "Cropping3D"]


class Flatten(Layer):
    """(batch, ...) -> (batch, prod(...)), in channels_last order."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)
        self._channels_first = self.data_format == "channels_first"

    def call(self, inputs):
        x = inputs
        rank = x.dim()
        if self._channels_first and rank > 1:
            x = x.permute(0, *range(2, rank), 1)
        if rank <= 1:
            return x.reshape(_tshape(x)[0] if rank else 1, 1)
        shape = _tshape(x)
        return x.reshape(shape[0], math.prod(shape[1:]))

    def compute_output_shape(self, input_shape):
        rest = tuple(input_shape)[1:]
        if not rest:
            n = 1
        elif any(d is None for d in rest):
            n = None
        else:
            n = math.prod(rest)
        return (tuple(input_shape)[0], n)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


def _validate_target_shape(target_shape):
    neg = 0
    for d in target_shape:
        if d < -1:
            raise ValueError("Each dimension in `target_shape` must be a non-negative integer, or `-1` "
                             f"for a single unknown dimension. Received: target_shape={target_shape}.")
        if d == -1:
            neg += 1
    if neg > 1:
        raise ValueError("There must be at most one unknown dimension (-1) in `target_shape`. "
                         f"Received: target_shape={target_shape}.")


def _resolve_shape(input_shape, target_shape):
    if None in input_shape:
        return tuple(None if d == -1 else d for d in target_shape)
    size = math.prod(input_shape)
    if -1 not in target_shape:
        if size != math.prod(target_shape):
            raise ValueError("The total size of the tensor must be unchanged. Received: "
                             f"input_shape={tuple(input_shape)}, target_shape={target_shape}")
        return tuple(target_shape)
    known = math.prod(d for d in target_shape if d != -1)
    if known == 0 or size % known != 0:
        raise ValueError("The total size of the tensor must be unchanged, however, the input size "
                         "cannot by divided by the specified dimensions in target_shape. Received: "
                         f"input_shape={tuple(input_shape)}, target_shape={target_shape}")
    return tuple(size // known if d == -1 else d for d in target_shape)


class Reshape(Layer):
    """Reshape the non-batch dims to `target_shape` (one -1 allowed)."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(int(d) for d in target_shape)
        _validate_target_shape(target_shape)
        self.target_shape = target_shape
        self._build_at_init()

    def call(self, inputs):
        ishape = _tshape(inputs)
        shape = _resolve_shape(tuple(ishape[1:]), self.target_shape)
        return inputs.reshape((ishape[0],) + shape)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return (input_shape[0],) + _resolve_shape(input_shape[1:], self.target_shape)

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = self.target_shape
        return config


class Permute(Layer):
    """Permute the non-batch dims (`dims` counts from 1). Returns a view."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of indices "
                             f"in `dims` must be consecutive and start from 1. Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return inputs.permute((0,) + self.dims)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config


class RepeatVector(Layer):
    """(batch, features) -> (batch, n, features)."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"Expected an integer value for `n`, got {type(n)}.")
        if n <= 0:
            raise ValueError(f"Argument `n` should be a positive integer. Received: n={n}")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        b, f = _tshape(inputs)
        return inputs.unsqueeze(1).expand(b, self.n, f)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        config = super().get_config()
        config["n"] = self.n
        return config


def _repeat_nhwc(x, sh, sw):
    b, h, w, c = _tshape(x)
    return x[:, :, None, :, None, :].expand(b, h, sh, w, sw, c).reshape(b, h * sh, w * sw, c)


class UpSampling2D(Layer):
    """Repeat rows and columns (`size`), or resize with tf.image.resize's `interpolation`
    ('bilinear', 'bicubic' (Keys, a = -0.5, not torch's -0.75), 'lanczos3', 'lanczos5', 'area');
    an unknown interpolation fails when called, as in Keras."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 2, "size")
        self.interpolation = interpolation.lower()
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        x = inputs
        sh, sw = self.size
        if self.data_format == "channels_first":
            x = x.permute(0, 2, 3, 1)
        xs = _tshape(x)
        if self.interpolation == "nearest":
            y = _repeat_nhwc(x, sh, sw)
        elif self.interpolation == "bilinear":  # TF's half-pixel bilinear, on the channels_last view
            y = F.interpolate(x.permute(0, 3, 1, 2), size=(xs[1] * sh, xs[2] * sw), mode="bilinear",
                              align_corners=False).permute(0, 2, 3, 1)
        else:
            from .image_preprocessing import _resize_nhwc
            td = _tdtype(x)
            y = _resize_nhwc(x, xs[1] * sh, xs[2] * sw, self.interpolation)
            if _tdtype(y) is not td:
                y = y.to(td)
        if self.data_format == "channels_first":
            y = y.permute(0, 3, 1, 2)
        return y

    def compute_output_shape(self, input_shape):
        s = list(input_shape)
        i, j = (2, 3) if self.data_format == "channels_first" else (1, 2)
        s[i] = None if s[i] is None else s[i] * self.size[0]
        s[j] = None if s[j] is None else s[j] * self.size[1]
        return tuple(s)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format,
                       "interpolation": self.interpolation})
        return config


class UpSampling1D(Layer):
    """Repeat each step `size` times."""

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(f"Expected an integer value for `size`, got {type(size)}.")
        if size <= 0:
            raise ValueError(f"Argument `size` should be a positive integer. Received: size={size}")
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return torch.repeat_interleave(inputs, self.size, dim=1)

    def compute_output_shape(self, input_shape):
        n = input_shape[1]
        return [input_shape[0], None if n is None else n * self.size, input_shape[2]]

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config


def _pairs(value, name, what):
    """int, (a, b) or ((a, b), (c, d)) -> ((a, b), (c, d)) as Keras's ZeroPadding2D/Cropping2D."""
    if isinstance(value, int):
        if value < 0 and what == "cropping":
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={value}.")
        return ((value, value), (value, value))
    if hasattr(value, "__len__"):
        if len(value) != 2:
            raise ValueError(f"`{what}` should have two elements. Received: {what}={value}.")
        return (standardize_tuple(value[0], 2, f"1st entry of {what}", allow_zero=True),
                standardize_tuple(value[1], 2, f"2nd entry of {what}", allow_zero=True))
    raise ValueError(f"`{what}` should be either an int, a tuple of 2 ints (symmetric_height_crop, "
                     "symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), "
                     f"(left_crop, right_crop)). Received: {what}={value}.")


def _check_pads(pairs):
    """tf.pad's check (Keras ZeroPadding accepts a negative int and fails when called)."""
    for b, a in pairs:
        if b < 0 or a < 0:
            raise errors.invalid_argument(f"Paddings must be non-negative: {b} {a}", "Pad")


class ZeroPadding2D(Layer):
    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = _pairs(padding, "padding", "padding")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        _check_pads(self.padding)
        (t, b), (l, r) = self.padding
        if self.data_format == "channels_first":
            return F.pad(inputs, (l, r, t, b))
        return F.pad(inputs, (0, 0, l, r, t, b))

    def compute_output_shape(self, input_shape):
        s = list(input_shape)
        off = 2 if self.data_format == "channels_first" else 1
        for i in range(2):
            if s[off + i] is not None:
                s[off + i] += sum(self.padding[i])
        return tuple(s)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        _check_pads((self.padding,))
        a, b = self.padding
        if self.data_format == "channels_first":
            return F.pad(inputs, (a, b))
        return F.pad(inputs, (0, 0, a, b))

    def compute_output_shape(self, input_shape):
        s = list(input_shape)
        i = 2 if self.data_format == "channels_first" else 1
        if s[i] is not None:
            s[i] += sum(self.padding)
        return tuple(s)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config


class Cropping2D(Layer):
    """Crop rows/columns: ((top, bottom), (left, right)); returns a view."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.cropping = _pairs(cropping, "cropping", "cropping")
        self.input_spec = InputSpec(ndim=4)

    def _check(self, shape, what):
        i, j = (2, 3) if self.data_format == "channels_first" else (1, 2)
        if (shape[i] is not None and sum(self.cropping[0]) >= shape[i]) or \
                (shape[j] is not None and sum(self.cropping[1]) >= shape[j]):
            raise ValueError("Values in `cropping` argument should be smaller than the corresponding "
                             f"spatial dimension of the input. Received: {what}={tuple(shape)}, "
                             f"cropping={self.cropping}")
        return i, j

    def call(self, inputs):
        shape = _tshape(inputs)
        i, j = self._check(shape, "inputs.shape")
        (t, b), (l, r) = self.cropping
        x = inputs.narrow(i, t, shape[i] - t - b)
        return x.narrow(j, l, shape[j] - l - r)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        i, j = self._check(input_shape, "input_shape")
        s = list(input_shape)
        if s[i] is not None:
            s[i] -= sum(self.cropping[0])
        if s[j] is not None:
            s[j] -= sum(self.cropping[1])
        return tuple(s)

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config


class Cropping1D(Layer):
    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        a, b = self.cropping
        n = _tshape(inputs)[1]
        if a + b >= n:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input "
                             f"length. Received: inputs.shape={inputs.shape}, cropping={self.cropping}")
        return inputs.narrow(1, a, n - a - b)

    def compute_output_shape(self, input_shape):
        n = input_shape[1]
        if n is not None and n - sum(self.cropping) <= 0:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input "
                             f"length. Received: input_shape={tuple(input_shape)}, cropping={self.cropping}")
        return (input_shape[0], None if n is None else n - sum(self.cropping), input_shape[2])

    def get_config(self):
        config = super().get_config()
        config["cropping"] = self.cropping
        return config


# ---------------------------------------------------------------------------------------------
# 3-D

_ORD = ("1st", "2nd", "3rd")


def _triples(value, what):
    """int, (a, b, c) or ((a, b), (c, d), (e, f)) -> three (before, after) pairs (Keras's checks)."""
    if isinstance(value, int):
        if value < 0 and what == "cropping":
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={value}.")
        return ((value, value),) * 3
    if hasattr(value, "__len__"):
        if len(value) != 3:
            raise ValueError(f"`{what}` should have 3 elements. Received: {value}.")
        return tuple(standardize_tuple(v, 2, f"{o} entry of {what}", allow_zero=True)
                     for v, o in zip(value, _ORD))
    if what == "padding":
        raise ValueError("`padding` should be either an int, a tuple of 3 ints (symmetric_dim1_pad, "
                         "symmetric_dim2_pad, symmetric_dim3_pad), or a tuple of 3 tuples of 2 ints "
                         "((left_dim1_pad, right_dim1_pad), (left_dim2_pad, right_dim2_pad), "
                         f"(left_dim3_pad, right_dim2_pad)). Received: padding={value}.")
    raise ValueError("`cropping` should be either an int, a tuple of 3 ints (symmetric_dim1_crop, "
                     "symmetric_dim2_crop, symmetric_dim3_crop), or a tuple of 3 tuples of 2 ints "
                     "((left_dim1_crop, right_dim1_crop), (left_dim2_crop, right_dim2_crop), "
                     f"(left_dim3_crop, right_dim2_crop)). Received: {value}.")


def _first_spatial(data_format):
    return 2 if data_format == "channels_first" else 1


class UpSampling3D(Layer):
    """Repeat each voxel `size` = (d, h, w) times (one copy: expand, then reshape)."""

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 3, "size")
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        sd, sh, sw = self.size
        s = _tshape(inputs)
        if self.data_format == "channels_first":
            n, c, d, h, w = s
            return inputs[:, :, :, None, :, None, :, None].expand(n, c, d, sd, h, sh, w, sw) \
                .reshape(n, c, d * sd, h * sh, w * sw)
        n, d, h, w, c = s
        return inputs[:, :, None, :, None, :, None, :].expand(n, d, sd, h, sh, w, sw, c) \
            .reshape(n, d * sd, h * sh, w * sw, c)

    def compute_output_shape(self, input_shape):
        out = list(input_shape)
        off = _first_spatial(self.data_format)
        for i in range(3):
            if out[off + i] is not None:
                out[off + i] *= self.size[i]
        return tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config


class ZeroPadding3D(Layer):
    """Zero-pad the three spatial dims: ((d0, d1), (h0, h1), (w0, w1))."""

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = _triples(padding, "padding")
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        _check_pads(self.padding)
        spec = [] if self.data_format == "channels_first" else [0, 0]
        for b, a in reversed(self.padding):
            spec += [b, a]
        return F.pad(inputs, spec)

    def compute_output_shape(self, input_shape):
        out = list(input_shape)
        off = _first_spatial(self.data_format)
        for i in range(3):
            if out[off + i] is not None:
                out[off + i] += sum(self.padding[i])
        return tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config


class Cropping3D(Layer):
    """Crop the three spatial dims: ((d0, d1), (h0, h1), (w0, w1)); returns a view."""

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.cropping = _triples(cropping, "cropping")
        self.input_spec = InputSpec(ndim=5)

    def _out(self, shape, what):
        off = _first_spatial(self.data_format)
        dims = list(shape[off:off + 3])
        for i in range(3):
            if dims[i] is None:
                continue
            dims[i] -= sum(self.cropping[i])
            if dims[i] <= 0:
                raise ValueError("Values in `cropping` argument should be smaller than the corresponding "
                                 f"spatial dimension of the input. Received: {what}={tuple(shape)}, "
                                 f"cropping={self.cropping}")
        return off, dims

    def call(self, inputs):
        off, dims = self._out(tuple(_tshape(inputs)), "inputs.shape")
        x = inputs
        for i in range(3):
            x = x.narrow(off + i, self.cropping[i][0], dims[i])
        return x

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        off, dims = self._out(input_shape, "input_shape")
        out = list(input_shape)
        out[off:off + 3] = dims
        return tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config
