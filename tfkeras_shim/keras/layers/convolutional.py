"""keras.layers convolutions: Conv1D/2D/3D, Conv1D/2D/3DTranspose, DepthwiseConv1D/2D,
SeparableConv1D/2D.

Kernels are stored in Keras layout ([kh, kw, in, out]; [kd, kh, kw, in, out]; transposed convs
[*k, out, in]), so weights, checkpoints and `get_weights` read exactly as in TF. The forward pass
hands torch views: an NHWC (NDHWC) activation becomes `x.permute(0, 3, 1, 2)` (`(0, 4, 1, 2, 3)`),
an NCHW (NCDHW) tensor in channels_last memory that torch's convolutions run natively, and the
result is permuted back (again a view). 1-D layers run as 2-D convolutions over a height of 1, so
they take the same copy-free path. One-channel inputs of strided convolutions are handed over with
canonical NCHW strides instead (for C = 1 the memory is the same): oneDNN (torch 2.13 CPU, and
TF's default float32 CPU kernels too) returns garbage for the ambiguous permuted view when an
output dim is 1 with stride > 1.
'same' padding is TF's: total = max((ceil(n/s) - 1) * s + (k - 1) * d + 1 - n, 0), the odd pixel
at the end. Symmetric pads go to torch's `padding=`; asymmetric ones pad the NHWC input once.

Differences from TF: depthwise/separable convolutions with both strides > 1 and dilation > 1 run
as one strided, dilated torch convolution (Keras decomposes them; same numbers).
"""
import torch.nn.functional as F

from ...framework.tensor import _tdtype, _tshape
from ...framework.tensor_shape import TensorShape
from .. import activations, constraints, initializers, regularizers
from .. import backend as _backend
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec

__all__ = ["Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
           "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
           "Convolution1D", "Convolution2D", "Convolution3D", "Convolution1DTranspose",
           "Convolution2DTranspose", "Convolution3DTranspose", "SeparableConvolution1D",
           "SeparableConvolution2D"]


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
                         f"'channels_last'}}. Received: data_format={df}")
    return df


def np_str(values):
    """A tuple as numpy prints an array ("[1 1]", "[None 4 5]"): Keras formats some messages so."""
    return "[" + " ".join(str(v) for v in values) + "]"


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


def pad_spatial(x, pads, data_format, value=0.0):
    """Pad the spatial dims of an input in `data_format` (one copy)."""
    if data_format == "channels_last":
        return pad_channels_last(x, pads, value)
    spec = []
    for b, a in reversed(pads):
        spec += [b, a]
    return F.pad(x, spec, value=value)


def to_ncx(x, rank, data_format, canonical_one_channel=False):
    """(N, *spatial, C) -> an (N, C, *spatial) view in channels_last memory; 1-D adds H = 1.

    canonical_one_channel: for C = 1 give torch the same memory with canonical NC... strides
    (the convolutions need it, see the module docstring)."""
    if data_format == "channels_last":
        s = _tshape(x)
        if canonical_one_channel and s[-1] == 1:
            return x.reshape((s[0], 1, 1) + tuple(s[1:-1]) if rank == 1 else (s[0], 1) + tuple(s[1:-1]))
        if rank == 1:
            return x.unsqueeze(1).permute(0, 3, 1, 2)
        return x.permute(0, rank + 1, *range(1, rank + 1))
    if rank == 1:
        return x.unsqueeze(2)
    return x


def from_ncx(y, rank, data_format):
    if data_format == "channels_last":
        if rank == 1:
            return y.permute(0, 2, 3, 1).squeeze(1)
        return y.permute(0, *range(2, rank + 2), 1)
    return y.squeeze(2) if rank == 1 else y


def _spatial(shape, data_format):
    return tuple(shape[1:-1]) if data_format == "channels_last" else tuple(shape[2:])


def _torch_kernel(kernel, rank):
    """Keras (*k, a, b) -> torch (b, a, *k) view; 1-D kernels get a height of 1."""
    if rank == 1:
        return kernel.unsqueeze(0).permute(3, 2, 0, 1)
    return kernel.permute(rank + 1, rank, *range(rank))


# ---------------------------------------------------------------------------------------------
# convolution kernels on plain tensors (inputs in the layer's data_format)

def _cast_like(v, x):
    """A weight in the input's dtype (mixed precision: float32 variables, float16 compute)."""
    if v is None:
        return None
    td = _tdtype(x)
    return v if _tdtype(v) is td else v.to(td)


def conv(x, kernel, bias, strides, padding, dilation, groups=1, data_format="channels_last"):
    """N-D (1, 2 or 3) convolution with TF padding. kernel: Keras layout (*k, in/groups, out)."""
    kernel, bias = _cast_like(kernel, x), _cast_like(bias, x)
    rank = kernel.dim() - 2
    ks = tuple(kernel.shape[:rank])
    pads = _spatial_pads(_spatial(_tshape(x), data_format), ks, strides, dilation, padding)
    if all(b == a for b, a in pads):
        pad_arg = tuple(b for b, _ in pads)
    else:
        x = pad_spatial(x, pads, data_format)
        pad_arg = (0,) * rank
    xt = to_ncx(x, rank, data_format, canonical_one_channel=max(strides) > 1)
    strides, dilation = tuple(strides), tuple(dilation)
    if rank == 1:
        strides, dilation, pad_arg = (1,) + strides, (1,) + dilation, (0,) + pad_arg
    y = (F.conv3d if rank == 3 else F.conv2d)(xt, _torch_kernel(kernel, rank), bias, strides, pad_arg, dilation, groups)
    return from_ncx(y, rank, data_format)


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
    Keras output size, cropping TF's 'SAME' pad at the start. kernel: (*k, out, in).

    Where TF's output is the full result cropped unevenly (k=3, s=2, 'same': the last row goes),
    torch cannot crop it (its `padding` crops both ends): the result is a narrowed view, whose
    backward allocates the full-size gradient once per cropped dim."""
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
    xt = to_ncx(x, rank, data_format)
    st, dil, pd, opd = tuple(strides), tuple(dilation), tuple(pads), tuple(ops_)
    if rank == 1:
        st, dil, pd, opd = (1,) + st, (1,) + dil, (0,) + pd, (0,) + opd
    y = (F.conv_transpose3d if rank == 3 else F.conv_transpose2d)(xt, _torch_kernel(kernel, rank), bias, st, pd, opd, 1, dil)
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
    return from_ncx(y, rank, data_format)


def conv_output_shape(input_shape, filters, kernel_size, strides, padding, data_format, dilation_rate):
    """Keras's `compute_conv_output_shape`, with its checks and messages."""
    input_shape = tuple(input_shape)
    cin = input_shape[-1] if data_format == "channels_last" else input_shape[1]
    kernel_shape = tuple(kernel_size) + (cin, filters)
    if len(kernel_shape) != len(input_shape):
        raise ValueError("Kernel shape must have the same length as input, but received kernel of shape "
                         f"{kernel_shape} and input of shape {input_shape}.")
    if padding not in ("valid", "same", "causal"):
        raise ValueError(f"`padding` must be either `'valid'` or `'same'`. Received {padding}.")
    out = []
    for n, k, s, d in zip(_spatial(input_shape, data_format), kernel_size, strides, dilation_rate):
        o = conv_out_len(n, k, s, d, padding)
        if o is not None and o <= 0:
            raise ValueError(
                "Computed output size would be zero or negative. Received "
                f"`inputs shape={input_shape}`, `kernel shape={kernel_shape}`, "
                f"`dilation_rate={np_str(dilation_rate)}`, `strides={tuple(strides)}`, "
                f"`padding={padding}`.")
        out.append(o)
    if data_format == "channels_last":
        return (input_shape[0],) + tuple(out) + (filters,)
    return (input_shape[0], filters) + tuple(out)


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


def _check_strides_dilation(layer):
    if max(layer.strides) > 1 and max(layer.dilation_rate) > 1:
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                         f"Received: strides={layer.strides} and dilation_rate={layer.dilation_rate}")


def _check_positive(name, value):
    if value is not None and value <= 0:
        raise ValueError(f"Invalid value for argument `{name}`. Expected a strictly positive value. "
                         f"Received {name}={value}.")


def _channel_axis(layer):
    return -1 if layer.data_format == "channels_last" else 1


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
        _check_positive("filters", filters)
        if groups <= 0:
            raise ValueError(f"The number of groups must be a positive integer. Received: groups={groups}.")
        if filters is not None and filters % groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of groups. "
                             f"Received: groups={groups}, filters={filters}.")
        _check_strides_dilation(self)

    def _channels(self, input_shape):
        return input_shape[-1] if self.data_format == "channels_last" else input_shape[1]

    def build(self, input_shape):
        cin = self._channels(input_shape)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={_channel_axis(self): cin})
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
        return conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding,
                                 self.data_format, self.dilation_rate)

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


def _conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                 activity_regularizer, kernel_constraint, bias_constraint):
    return dict(kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                bias_constraint=bias_constraint)


class Conv3D(BaseConv):
    """3-D convolution, NDHWC in and out, kernel [kd, kh, kw, in/groups, filters].

    channels_first (NCDHW) input runs natively too (TF needs XLA for it on the CPU)."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups,
                         activation=activation, use_bias=use_bias,
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


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
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


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
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


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
        _check_positive("filters", filters)
        if self.output_padding is not None:
            for i, (op, s) in enumerate(zip(self.output_padding, self.strides)):
                if op >= s:
                    raise ValueError("`output_padding` must be strictly less than `strides` for all "
                                     f"dimensions. At dimension {i}, `output_padding` is {op} but "
                                     f"`strides` is {s}. Received: output_padding={self.output_padding}, "
                                     f"strides={self.strides}")
        _check_strides_dilation(self)

    def build(self, input_shape):
        cin = input_shape[_channel_axis(self)]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={_channel_axis(self): cin})
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
        """A list, as Keras's (`compute_conv_transpose_output_shape`)."""
        input_shape = tuple(input_shape)
        spatial = _spatial(input_shape, self.data_format)
        out = [deconv_output_length(n, k, s, d, self.padding,
                                    None if self.output_padding is None else self.output_padding[i])
               for i, (n, k, s, d) in enumerate(zip(spatial, self.kernel_size, self.strides,
                                                    self.dilation_rate))]
        if self.data_format == "channels_last":
            return [input_shape[0]] + out + [self.filters]
        return [input_shape[0], self.filters] + out

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


class Conv3DTranspose(BaseConvTranspose):
    """Transposed 3-D convolution; kernel [kd, kh, kw, filters, in]. Note Keras's argument order:
    `data_format` comes before `output_padding` here (not in Conv1D/2DTranspose)."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 output_padding=None, dilation_rate=(1, 1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


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
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


class Conv1DTranspose(BaseConvTranspose):
    """Transposed 1-D convolution; kernel [k, filters, in]."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         **_conv_kwargs(kernel_initializer, bias_initializer, kernel_regularizer,
                                        bias_regularizer, activity_regularizer, kernel_constraint,
                                        bias_constraint), **kwargs)


def _depthwise(x, kernel, bias, strides, padding, dilation, data_format):
    """Per-channel convolution; kernel (*k, in, dm) -> output channel c * dm + m (TF's order)."""
    s = tuple(_tshape(kernel))
    cin, dm = s[-2], s[-1]
    return conv(x, kernel.reshape(s[:-2] + (1, cin * dm)), bias, strides, padding, dilation, cin,
                data_format)


class BaseDepthwiseConv(Layer):
    """Per-channel convolution; kernel [*k, in, depth_multiplier]; output channel
    c * depth_multiplier + m, as TF orders them. strides > 1 with dilation > 1 is allowed."""

    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, rank, kernel_size, strides, dilation_rate, padding, data_format, activation,
                       use_bias)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        _check_positive("depth_multiplier", depth_multiplier)

    def build(self, input_shape):
        cin = input_shape[_channel_axis(self)]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={_channel_axis(self): cin})
        self.compute_output_shape(input_shape)
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
        y = _depthwise(inputs, self.kernel, self.bias, self.strides, self.padding, self.dilation_rate,
                       self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        cin = input_shape[_channel_axis(self)]
        return conv_output_shape(input_shape, self.depth_multiplier * cin, self.kernel_size, self.strides,
                                 self.padding, self.data_format, self.dilation_rate)

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


class DepthwiseConv2D(BaseDepthwiseConv):
    """Per-channel 2-D convolution; kernel [kh, kw, in, depth_multiplier]."""

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(2, depth_multiplier, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class DepthwiseConv1D(BaseDepthwiseConv):
    """Per-channel 1-D convolution; kernel [k, in, depth_multiplier] (no 'causal' padding, as Keras)."""

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, depth_multiplier, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, bias_constraint=bias_constraint,
                         **kwargs)


class BaseSeparableConv(Layer):
    """Depthwise [*k, in, dm] then pointwise [*1, in*dm, filters] convolution, bias, activation."""

    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, pointwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _set_conv_args(self, rank, kernel_size, strides, dilation_rate, padding, data_format, activation,
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
        self.input_spec = InputSpec(min_ndim=rank + 2)
        _check_positive("depth_multiplier", depth_multiplier)
        _check_positive("filters", filters)

    def build(self, input_shape):
        cin = input_shape[_channel_axis(self)]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={_channel_axis(self): cin})
        self.compute_output_shape(input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (cin, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self.rank + (self.depth_multiplier * cin, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):
        y = _depthwise(inputs, self.depthwise_kernel, None, self.strides, self.padding, self.dilation_rate,
                       self.data_format)
        one = (1,) * self.rank
        y = conv(y, self.pointwise_kernel, self.bias, one, "valid", one, 1, self.data_format)
        return self._act(y) if self._act is not None else y

    def compute_output_shape(self, input_shape):
        return conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding,
                                 self.data_format, self.dilation_rate)

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


def _sep_kwargs(depthwise_initializer, pointwise_initializer, bias_initializer, depthwise_regularizer,
                pointwise_regularizer, bias_regularizer, activity_regularizer, depthwise_constraint,
                pointwise_constraint, bias_constraint):
    return dict(depthwise_initializer=depthwise_initializer, pointwise_initializer=pointwise_initializer,
                bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
                pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint)


class SeparableConv2D(BaseSeparableConv):
    """Depthwise [kh, kw, in, dm] then pointwise [1, 1, in*dm, filters] convolution."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, pointwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(2, depth_multiplier, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias,
                         **_sep_kwargs(depthwise_initializer, pointwise_initializer, bias_initializer,
                                       depthwise_regularizer, pointwise_regularizer, bias_regularizer,
                                       activity_regularizer, depthwise_constraint, pointwise_constraint,
                                       bias_constraint), **kwargs)


class SeparableConv1D(BaseSeparableConv):
    """Depthwise [k, in, dm] then pointwise [1, in*dm, filters] convolution (no 'causal' padding)."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, pointwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, depth_multiplier, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias,
                         **_sep_kwargs(depthwise_initializer, pointwise_initializer, bias_initializer,
                                       depthwise_regularizer, pointwise_regularizer, bias_regularizer,
                                       activity_regularizer, depthwise_constraint, pointwise_constraint,
                                       bias_constraint), **kwargs)


Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
