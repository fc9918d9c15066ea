"""keras.layers convolutions: Conv1D/2D, Conv1D/2DTranspose, DepthwiseConv2D, SeparableConv2D.

Kernels are stored in Keras layout ([kh, kw, in, out]; transposed convs [kh, kw, out, in]), so
weights, checkpoints and `get_weights` read exactly as in TF. The forward pass hands torch views:
an NHWC activation becomes `x.permute(0, 3, 1, 2)`, an NCHW tensor in channels_last memory that
torch's convolutions run natively, and the result is permuted back (again a view). 1-D layers run
as 2-D convolutions over a height of 1, so they take the same copy-free path.
'same' padding is TF's: total = max((ceil(n/s) - 1) * s + (k - 1) * d + 1 - n, 0), the odd pixel
at the end. Symmetric pads go to torch's `padding=`; asymmetric ones pad the NHWC input once.
"""
import torch.nn.functional as F

from ...framework.tensor import _tdtype, _tshape
from ...framework.tensor_shape import TensorShape
from .. import activations, constraints, initializers, regularizers
from .. import backend as _backend
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec

__all__ = ["Conv1D", "Conv2D", "Conv1DTranspose", "Conv2DTranspose", "DepthwiseConv2D",
           "SeparableConv2D", "Convolution1D", "Convolution2D", "Convolution1DTranspose",
           "Convolution2DTranspose", "SeparableConvolution2D"]


# ---------------------------------------------------------------------------------------------
# argument helpers (shared with pooling/reshaping)

def standardize_tuple(value, n, name, allow_zero=False):
    """int or iterable -> tuple of n ints, with Keras's ValueError text."""
    msg = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if isinstance(value, int) and not isinstance(value, bool):
        t = (value,) * n
    else:
        try:
            t = tuple(value)
        except TypeError:
            raise ValueError(msg) from None
        if len(t) != n:
            raise ValueError(msg)
        for v in t:
            try:
                int(v)
            except (ValueError, TypeError):
                raise ValueError(msg + f"including element {v} of type {type(v)}") from None
        t = tuple(int(v) for v in t)
    bad = {v for v in t if (v < 0 if allow_zero else v <= 0)}
    if bad:
        raise ValueError(msg + f", including values {bad} that do not satisfy "
                         f"`value {'>= 0' if allow_zero else '> 0'}`")
    return t


def standardize_padding(value, allow_causal=False):
    if isinstance(value, (list, tuple)):
        return value
    p = str(value).lower()
    allowed = {"valid", "same", "causal"} if allow_causal else {"valid", "same"}
    if p not in allowed:
        raise ValueError(f"The `padding` argument must be a list/tuple or one of {allowed}. Received: {p}")
    return p


def standardize_data_format(data_format):
    if data_format is None:
        return _backend.image_data_format()
    df = str(data_format).lower()
    if df not in {"channels_first", "channels_last"}:
        raise ValueError("The `data_format` argument must be one of {'channels_first', "
                         f"'channels_last'}}. Received: data_format={data_format}")
    return df


def same_pads(n, k, s, d=1):
    """TF 'SAME' padding (before, after) of one spatial dim of size n."""
    k_eff = (k - 1) * d + 1
    out = -(-n // s)
    total = max((out - 1) * s + k_eff - n, 0)
    return total // 2, total - total // 2


def conv_out_len(n, k, s, d, padding):
    if n is None:
        return None
    k_eff = (k - 1) * d + 1
    if padding == "same":
        return -(-n // s)
    if padding == "causal":
        return (n - 1) // s + 1
    return (n - k_eff) // s + 1


def _spatial_pads(shape, kernel, strides, dilation, padding):
    """Per-dim (before, after) pads for a conv/pool input of spatial `shape`."""
    if padding == "valid":
        return [(0, 0)] * len(shape)
    if padding == "causal":
        return [((k - 1) * d, 0) for k, d in zip(kernel, dilation)]
    return [same_pads(n, k, s, d) for n, k, s, d in zip(shape, kernel, strides, dilation)]


def pad_channels_last(x, pads, value=0.0):
    """Pad the spatial dims of an (N, *spatial, C) tensor: one copy, layout kept."""
    spec = [0, 0]
    for b, a in reversed(pads):
        spec += [b, a]
    return F.pad(x, spec, value=value)


def to_nchw(x, rank, data_format):
    """(N, *spatial, C) -> an (N, C, H, W) view (channels_last memory); 1-D adds H = 1."""
    if data_format == "channels_last":
        if rank == 1:
            return x.unsqueeze(1).permute(0, 3, 1, 2)
        return x.permute(0, 3, 1, 2)
    if rank == 1:
        return x.unsqueeze(2)
    return x


def from_nchw(y, rank, data_format):
    if data_format == "channels_last":
        y = y.permute(0, 2, 3, 1)
        return y.squeeze(1) if rank == 1 else y
    return y.squeeze(2) if rank == 1 else y


def _spatial(shape, data_format):
    return tuple(shape[1:-1]) if data_format == "channels_last" else tuple(shape[2:])


# ---------------------------------------------------------------------------------------------
# convolution kernels on plain tensors (inputs in the layer's data_format)

def _cast_like(v, x):
    """A weight in the input's dtype (mixed precision: float32 variables, float16 compute)."""
    if v is None:
        return None
    td = _tdtype(x)
    return v if _tdtype(v) is td else v.to(td)


def conv(x, kernel, bias, strides, padding, dilation, groups=1, data_format="channels_last"):
    """N-D (1 or 2) convolution with TF padding. kernel: Keras layout (*k, in/groups, out)."""
    kernel, bias = _cast_like(kernel, x), _cast_like(bias, x)
    rank = kernel.dim() - 2
    ks = tuple(kernel.shape[:rank])
    pads = _spatial_pads(_spatial(_tshape(x), data_format), ks, strides, dilation, padding)
    sym = all(b == a for b, a in pads)
    if not sym:
        if data_format == "channels_last":
            x = pad_channels_last(x, pads)
        else:
            spec = []
            for b, a in reversed(pads):
                spec += [b, a]
            x = F.pad(x, spec)
        pad_arg = 0
    else:
        pad_arg = tuple(b for b, _ in pads)
    xt = to_nchw(x, rank, data_format)
    if rank == 1:
        w = kernel.unsqueeze(0).permute(3, 2, 0, 1)
        strides, dilation = (1,) + tuple(strides), (1,) + tuple(dilation)
        if pad_arg != 0:
            pad_arg = (0,) + pad_arg
    else:
        w = kernel.permute(3, 2, 0, 1)
    y = F.conv2d(xt, w, bias, tuple(strides), pad_arg, tuple(dilation), groups)
    return from_nchw(y, rank, data_format)


def deconv_output_length(n, k, s, d, padding, output_padding):
    """Keras's output length of a transposed convolution."""
    if n is None:
        return None
    k_eff = (k - 1) * d + 1
    if padding == "valid":
        op = max(k_eff, s) - k_eff if output_padding is None else output_padding
        return (n - 1) * s + k_eff + op
    if output_padding is None:
        return n * s
    return (n - 1) * s + k_eff % 2 + output_padding


def conv_transpose(x, kernel, bias, strides, padding, output_padding, dilation,
                   data_format="channels_last"):
    """Transposed convolution as TF computes it: the gradient of a conv whose input has the
    Keras output size, cropping TF's 'SAME' pad at the start. kernel: (*k, out, in)."""
    kernel, bias = _cast_like(kernel, x), _cast_like(bias, x)
    rank = kernel.dim() - 2
    ks = tuple(kernel.shape[:rank])
    spatial = _spatial(_tshape(x), data_format)
    pads, ops_, crops = [], [], []
    for i, n in enumerate(spatial):
        k, s, d = ks[i], strides[i], dilation[i]
        op_user = None if output_padding is None else output_padding[i]
        out = deconv_output_length(n, k, s, d, padding, op_user)
        before = same_pads(out, k, s, d)[0] if padding == "same" else 0
        full = (n - 1) * s + (k - 1) * d + 1
        op = out - full + 2 * before
        pads.append(before)
        if 0 <= op < max(s, d):
            ops_.append(op)
            crops.append(None)
        elif op < 0:
            ops_.append(0)
            crops.append(out)
        else:  # more room than torch's output_padding allows: crop from the full result
            pads[-1] = 0
            ops_.append(0)
            crops.append((before, out))
    xt = to_nchw(x, rank, data_format)
    if rank == 1:
        w = kernel.unsqueeze(0).permute(3, 2, 0, 1)
        st, dil, pd, opd = (1,) + tuple(strides), (1,) + tuple(dilation), (0,) + tuple(pads), (0,) + tuple(ops_)
    else:
        w = kernel.permute(3, 2, 0, 1)
        st, dil, pd, opd = tuple(strides), tuple(dilation), tuple(pads), tuple(ops_)
    y = F.conv_transpose2d(xt, w, bias, st, pd, opd, 1, dil)
    if any(c is not None for c in crops):
        for i, c in enumerate(crops):
            if c is None:
                continue
            dim = 2 + i + (1 if rank == 1 else 0)
            if isinstance(c, tuple):
                b, out = c
                have = y.shape[dim]
                if b + out > have:
                    spec = [0, 0] * (y.dim() - 1 - dim) + [0, b + out - have]
                    y = F.pad(y, spec)
                y = y.narrow(dim, b, out)
            else:
                y = y.narrow(dim, 0, c)
    return from_nchw(y, rank, data_format)


# ---------------------------------------------------------------------------------------------
# layers

def _set_conv_args(layer, rank, kernel_size, strides, dilation_rate, padding, data_format, activation,
                   use_bias, allow_causal=False):
    """The argument normalisation every convolution layer shares (one place, Keras's checks)."""
    layer.rank = rank
    layer.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
    layer.strides = standardize_tuple(strides, rank, "strides")
    layer.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
    layer.padding = standardize_padding(padding, allow_causal=allow_causal)
    layer.data_format = standardize_data_format(data_format)
    layer.activation = activations.get(activation)
    layer._act = None if layer.activation is activations.linear else layer.activation
    layer.use_bias = use_bias


class BaseConv(Layer):
    """Common part of the convolution layers (Keras 3 arguments and checks)."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, rank, kernel_size, strides, dilation_rate, padding, data_format, activation,
                       use_bias, allow_causal=rank == 1)
        self.filters = filters
        self.groups = groups
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.input_spec = InputSpec(min_ndim=rank + 2)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        if groups <= 0:
            raise ValueError(f"The number of groups must be a positive integer. Received: groups={groups}.")
        if filters is not None and filters % groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of groups. "
                             f"Received: groups={groups}, filters={filters}.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def _channels(self, input_shape):
        return input_shape[-1] if self.data_format == "channels_last" else input_shape[1]

    def build(self, input_shape):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        cin = self._channels(input_shape)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: cin})
        if cin % self.groups != 0:
            raise ValueError("The number of input channels must be evenly divisible by the number of "
                             f"groups. Received groups={self.groups}, but the input has {cin} channels "
                             f"(full input shape is {TensorShape(input_shape)}).")
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (cin // self.groups, self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):
        y = conv(inputs, self.kernel, self.bias, self.strides, self.padding, self.dilation_rate,
                 self.groups, self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = _spatial(input_shape, self.data_format)
        out = []
        for n, k, s, d in zip(spatial, self.kernel_size, self.strides, self.dilation_rate):
            o = conv_out_len(n, k, s, d, self.padding)
            if o is not None and o <= 0:
                raise ValueError(
                    "Computed output size would be zero or negative. Received "
                    f"`inputs shape={input_shape}`, `kernel shape="
                    f"{self.kernel_size + (self._channels(input_shape), self.filters)}`, "
                    f"`dilation_rate={list(self.dilation_rate)}`, `strides={self.strides}`, "
                    f"`padding={self.padding}`.")
            out.append(o)
        if self.data_format == "channels_last":
            return (input_shape[0],) + tuple(out) + (self.filters,)
        return (input_shape[0], self.filters) + tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate, "groups": self.groups,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config


class Conv2D(BaseConv):
    """2-D convolution, NHWC in and out, kernel [kh, kw, in/groups, filters]."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class Conv1D(BaseConv):
    """1-D convolution over (batch, steps, channels); padding 'valid', 'same' or 'causal'."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class BaseConvTranspose(Layer):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, rank, kernel_size, strides, dilation_rate, padding, data_format, activation,
                       use_bias)
        self.filters = filters
        self.output_padding = None if output_padding is None else standardize_tuple(
            output_padding, rank, "output_padding", allow_zero=True)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")
        if self.output_padding is not None:
            for i, (op, s) in enumerate(zip(self.output_padding, self.strides)):
                if op >= s:
                    raise ValueError("`output_padding` must be strictly less than `strides` for all "
                                     f"dimensions. At dimension {i}, `output_padding` is {op} but "
                                     f"`strides` is {s}. Received: output_padding={self.output_padding}, "
                                     f"strides={self.strides}")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def build(self, input_shape):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        cin = input_shape[channel_axis]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: cin})
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (self.filters, cin),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):
        y = conv_transpose(inputs, self.kernel, self.bias, self.strides, self.padding,
                           self.output_padding, self.dilation_rate, self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = _spatial(input_shape, self.data_format)
        out = tuple(deconv_output_length(n, k, s, d, self.padding,
                                         None if self.output_padding is None else self.output_padding[i])
                    for i, (n, k, s, d) in enumerate(zip(spatial, self.kernel_size, self.strides,
                                                         self.dilation_rate)))
        if self.data_format == "channels_last":
            return (input_shape[0],) + out + (self.filters,)
        return (input_shape[0], self.filters) + out

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "output_padding": self.output_padding,
            "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config


class Conv2DTranspose(BaseConvTranspose):
    """Transposed 2-D convolution; kernel [kh, kw, filters, in]; output sizes as Keras computes them."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", output_padding=None,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class Conv1DTranspose(BaseConvTranspose):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class DepthwiseConv2D(Layer):
    """Per-channel 2-D convolution; kernel [kh, kw, in, depth_multiplier]; output channel
    c * depth_multiplier + m, as TF orders them."""

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, 2, kernel_size, strides, dilation_rate, padding, data_format, activation,
                       use_bias)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=4)
        if depth_multiplier is not None and depth_multiplier <= 0:
            raise ValueError("Invalid value for argument `depth_multiplier`. Expected a strictly positive "
                             f"value. Received depth_multiplier={depth_multiplier}.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def build(self, input_shape):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        cin = input_shape[channel_axis]
        self.input_spec = InputSpec(min_ndim=4, axes={channel_axis: cin})
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (cin, self.depth_multiplier),
                                      initializer=self.depthwise_initializer,
                                      regularizer=self.depthwise_regularizer,
                                      constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.depth_multiplier * cin,),
                                        initializer=self.bias_initializer, regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):
        k = self.kernel
        kh, kw, cin, dm = _tshape(k)
        y = conv(inputs, k.reshape(kh, kw, 1, cin * dm), self.bias, self.strides, self.padding,
                 self.dilation_rate, cin, self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        channel_axis = -1 if self.data_format == "channels_last" else 1
        cin = input_shape[channel_axis]
        out = tuple(conv_out_len(n, k, s, d, self.padding) for n, k, s, d in
                    zip(_spatial(input_shape, self.data_format), self.kernel_size, self.strides,
                        self.dilation_rate))
        c = None if cin is None else cin * self.depth_multiplier
        if self.data_format == "channels_last":
            return (input_shape[0],) + out + (c,)
        return (input_shape[0], c) + out

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier, "kernel_size": self.kernel_size,
            "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config


class SeparableConv2D(Layer):
    """Depthwise [kh, kw, in, dm] then pointwise [1, 1, in*dm, filters] convolution, bias, activation."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, pointwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, 2, kernel_size, strides, dilation_rate, padding, data_format, activation,
                       use_bias)
        self.filters = filters
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=4)
        if filters is not None and filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive value. "
                             f"Received filters={filters}.")

    def build(self, input_shape):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        cin = input_shape[channel_axis]
        self.input_spec = InputSpec(min_ndim=4, axes={channel_axis: cin})
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (cin, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1, 1, self.depth_multiplier * cin, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):
        k = self.depthwise_kernel
        kh, kw, cin, dm = _tshape(k)
        y = conv(inputs, k.reshape(kh, kw, 1, cin * dm), None, self.strides, self.padding,
                 self.dilation_rate, cin, self.data_format)
        y = conv(y, self.pointwise_kernel, self.bias, (1, 1), "valid", (1, 1), 1, self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        out = tuple(conv_out_len(n, k, s, d, self.padding) for n, k, s, d in
                    zip(_spatial(input_shape, self.data_format), self.kernel_size, self.strides,
                        self.dilation_rate))
        if self.data_format == "channels_last":
            return (input_shape[0],) + out + (self.filters,)
        return (input_shape[0], self.filters) + out

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier, "filters": self.filters,
            "kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
            "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config


Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
SeparableConvolution2D = SeparableConv2D
