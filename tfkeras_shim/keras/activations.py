"""keras.activations: Keras 3 activation functions on torch.

Each function takes a tensor (shim, plain torch, numpy or Python values) and returns a shim
tensor. Layers call them on plain tensors; the result is wrapped in place (no copy).
`sigmoid` and `softmax` outputs carry the pre-activation input as `_keras_logits`, which the
cross-entropy losses use (as tf.keras does on the TF backend).
"""
import functools
import types
import warnings

import torch
import torch.nn.functional as F

from ..framework import errors
from ..framework.tensor import wrap, _tdtype, _tshape
from ..framework.tensor_shape import TensorShape
from ..ops import _args

__all__ = ["celu", "deserialize", "elu", "exponential", "gelu", "get", "glu", "hard_shrink",
           "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh", "leaky_relu", "linear",
           "log_sigmoid", "log_softmax", "mish", "relu", "relu6", "selu", "serialize", "sigmoid",
           "silu", "soft_shrink", "softmax", "softplus", "softsign", "sparse_plus",
           "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink", "threshold"]


def _symbolic_ok(fn):
    """Let an activation take a KerasTensor (Functional API): it records an operation node,
    as keras.activations do in Keras 3. Tensors take the direct path."""
    name = fn.__name__

    @functools.wraps(fn)
    def activation(x, *args, **kwargs):
        if not isinstance(x, torch.Tensor) and type(x).__name__ == "KerasTensor":
            from .engine.keras_tensor import _op
            return _op(name, lambda t: fn(t, *args, **kwargs))(x)
        return fn(x, *args, **kwargs)
    return activation


def _in(x):
    return x if isinstance(x, torch.Tensor) else _args.t(x)


# the dtypes TF's kernels accept (the text of TF's error message)
_FLOATS = "half, bfloat16, float, double"                               # Elu, Softplus, Softmax ...
_FLOATS_C = "bfloat16, half, float, double, complex64, complex128"      # Sigmoid, Tanh, Sqrt
_RELU6 = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
_RELU = _RELU6 + ", qint8"
_ABS = "bfloat16, half, float, double, int8, int16, int32, int64"
_NEG = _ABS + ", complex64, complex128"
_POW = "bfloat16, float, half, double, int8, int16, int32, int64, complex64, complex128"
_SQUARE = "bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, uint64, " \
          "complex64, complex128"
_ALLOWED = {}


def _tname(x):
    """TF's C type name of a tensor's dtype ('float', 'int32', 'string' ...)."""
    if not isinstance(x, torch.Tensor):
        return "string"
    d = _tdtype(x)
    return _args.TF_TYPE_NAME.get(d, str(d))


def _check(x, op, allowed):
    """InvalidArgumentError like TF's kernel registry when `x`'s dtype is not in `allowed`."""
    names = _ALLOWED.get(allowed)
    if names is None:
        names = _ALLOWED[allowed] = frozenset(allowed.split(", "))
    if not isinstance(x, torch.Tensor) or _args.TF_TYPE_NAME.get(_tdtype(x)) not in names:
        raise errors.invalid_argument(
            f"Value for attr 'T' of {_tname(x)} is not in the list of allowed values: {allowed}\n"
            f"\t; NodeDef: {{{{node {op}}}}}", op)
    return x


def _float_in(x, op, allowed=_FLOATS_C):
    x = _in(x)
    if isinstance(x, torch.Tensor):
        d = _tdtype(x)
        if d.is_floating_point or (d.is_complex and allowed is _FLOATS_C):
            return x
    return _check(x, op, allowed)


def _is_float(x):
    return isinstance(x, torch.Tensor) and (_tdtype(x).is_floating_point or _tdtype(x).is_complex)


def _dtname(x):
    from ..framework import dtypes as _dt
    return _dt.from_torch(_tdtype(x)).name if isinstance(x, torch.Tensor) else "string"


def _no_float_for(x, *values):
    """TypeError like TF when a Python float meets a non-float tensor (`tf.maximum(int_x, 0.)`)."""
    if not _is_float(x):
        for v in values:
            if isinstance(v, float):
                raise TypeError(f"Cannot convert {v!r} to EagerTensor of dtype {_dtname(x)}")


def _no_cast_to_bool(x, v):
    if isinstance(x, torch.Tensor) and _tdtype(x) is torch.bool and not isinstance(v, bool):
        raise TypeError(f"Cannot convert {v!r} to EagerTensor of dtype bool")


def _to_floatx(x):
    """Keras numpy ops (tanh, exp): integer and bool inputs compute in floatx."""
    x = _in(x)
    if isinstance(x, torch.Tensor) and not (_tdtype(x).is_floating_point or _tdtype(x).is_complex):
        from . import backend
        return x.to(_args.torch_dtype(backend.floatx()))
    return x


def _needs_shape(x):
    """Keras reads `x.shape` before converting: lists and Python numbers raise AttributeError."""
    if not hasattr(x, "shape"):
        raise AttributeError(f"'{type(x).__name__}' object has no attribute 'shape'")


def _zero(x):
    return torch.zeros((), dtype=_tdtype(x), device=x.device)


@_symbolic_ok
def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0), with Keras's optional leak, clip value and threshold (Keras's formula and
    dtype rules: thresholds and max_value are cast to x's dtype, a leak on integers goes through
    tf.nn.leaky_relu and comes back float32)."""
    x = _in(x)
    if negative_slope == 0.0 and max_value is None and threshold == 0:
        if isinstance(x, torch.Tensor) and _tdtype(x) is not torch.bool:
            return wrap(torch.relu(x))
        _check(x, "Relu", _RELU)
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return leaky_relu(x, negative_slope)
        _check(x, "Neg", _NEG)
        if threshold != 0:
            if isinstance(threshold, float) and not _is_float(x):
                raise _args._mismatch_error("AddV2", _tdtype(x), torch.float32)
            negative_part = torch.relu(threshold - x)
        else:
            negative_part = torch.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        _check(x, "Greater", _RELU)
        thr = threshold if _is_float(x) else int(threshold)  # Keras casts it to x's dtype
        y = torch.where(x > thr, x, _zero(x))
    elif max_value == 6:
        y = F.relu6(_check(x, "Relu6", _RELU6))
        clip_max = False
    else:
        y = torch.relu(_check(x, "Relu", _RELU))
    if clip_max:
        y = torch.clamp(y, 0, max_value if _is_float(x) else int(max_value))  # cast to x's dtype
    if negative_slope != 0.0:
        _no_float_for(y, negative_slope)
        y = y - negative_slope * negative_part
    return wrap(y)


@_symbolic_ok
def leaky_relu(x, negative_slope=0.2):
    """tf.nn.leaky_relu: integer inputs are cast to float32 first."""
    x = _in(x)
    if isinstance(x, torch.Tensor):
        d = _tdtype(x)
        if not d.is_floating_point and d is not torch.bool and not d.is_complex:
            x = x.to(torch.float32)
    return wrap(F.leaky_relu(_float_in(x, "LeakyRelu", _FLOATS), negative_slope))


@_symbolic_ok
def relu6(x):
    x = _in(x)
    return wrap(F.relu6(_check(x, "Relu6", _RELU6)))


@_symbolic_ok
def sigmoid(x):
    x = _float_in(x, "Sigmoid")
    out = wrap(torch.sigmoid(x))
    out._keras_logits = x
    return out


def _axis_error(axis, nd):
    return errors.invalid_argument(f"`dim` must be in the range [{-nd}, {nd}) where {nd} is the number of "
                                   f"dimensions in the input. Received: dim={axis}")


def _over_axes(fn, x, axis):
    """Keras's tuple-axis softmax: move the axes last, flatten them, apply, undo."""
    nd = x.dim()
    keep = [v for v in range(nd) if v not in axis]
    order = keep + list(axis)
    xt = x.permute(order)
    y = fn(xt.reshape([_tshape(x)[v] for v in keep] + [-1]), -1).reshape(xt.shape)
    inverse = sorted(range(len(order)), key=order.__getitem__)
    return y.permute(inverse)


def _softmax_like(fn, x, axis, op, scalar_error):
    x = _float_in(x, op, _FLOATS)
    if x.dim() == 0:
        raise scalar_error
    if axis is None:
        return fn(x.reshape(-1), 0).reshape(x.shape)
    if isinstance(axis, tuple):
        return _over_axes(fn, x, axis)
    nd = x.dim()
    if not -nd <= axis < nd:
        raise _axis_error(axis, nd)
    return fn(x, axis)


@_symbolic_ok
def softmax(x, axis=-1):
    """Softmax over `axis` (None: over all elements; a tuple: over those axes jointly)."""
    if isinstance(axis, int):
        if isinstance(x, torch.Tensor):
            shape = _tshape(x)
        else:
            _needs_shape(x)
            shape = x.shape
        nd = len(shape)
        if -nd <= axis < nd and shape[axis] == 1:
            warnings.warn(f"You are using a softmax over axis {axis} of a tensor of shape "
                          f"{TensorShape(tuple(shape))}. This axis has size 1. The softmax operation "
                          "will always return the value 1, which is likely not what you intended. "
                          "Did you mean to use a sigmoid instead?", stacklevel=3)
    elif isinstance(axis, list):
        raise TypeError("'<=' not supported between instances of 'int' and 'list'")
    xin = _in(x)
    out = wrap(_softmax_like(torch.softmax, xin, axis, "Softmax", errors.AbortedError(
        None, None, "Input dims must be <= 5 and >=1 [Op:Softmax]")))
    out._keras_logits = xin
    return out


@_symbolic_ok
def log_softmax(x, axis=-1):
    return wrap(_softmax_like(torch.log_softmax, _in(x), axis, "LogSoftmax", errors.invalid_argument(
        "logits must have >= 1 dimension, got []", "LogSoftmax")))


@_symbolic_ok
def elu(x, alpha=1.0):
    return wrap(F.elu(_float_in(x, "Elu", _FLOATS), alpha))


@_symbolic_ok
def selu(x):
    return wrap(torch.selu(_float_in(x, "Selu", _FLOATS)))


@_symbolic_ok
def softplus(x):
    return wrap(F.softplus(_float_in(x, "Softplus", _FLOATS)))


@_symbolic_ok
def softsign(x):
    return wrap(F.softsign(_float_in(x, "Softsign", _FLOATS)))


def _compare_ok(x, op, other):
    """Keras compares before converting: `[1., 2.] > 0.5` is a Python TypeError."""
    if isinstance(x, (list, tuple)):
        raise TypeError(f"'{op}' not supported between instances of '{type(x).__name__}' and "
                        f"'{type(other).__name__}'")


@_symbolic_ok
def soft_shrink(x, threshold=0.5):
    _compare_ok(x, ">", threshold)
    x = _in(x)
    _no_float_for(x, threshold)
    _no_cast_to_bool(x, threshold)
    return wrap(torch.where(x > threshold, x - threshold,
                            torch.where(x < -threshold, x + threshold, _zero(x))))


@_symbolic_ok
def hard_shrink(x, threshold=0.5):
    x = _check(_in(x), "Abs", _ABS)
    _no_float_for(x, threshold)
    return wrap(torch.where(x.abs() > threshold, x, _zero(x)))


@_symbolic_ok
def sparse_plus(x):
    """0 for x <= -1, x for x >= 1, (x + 1)^2 / 4 between."""
    _compare_ok(x, "<=", -1)
    x = _in(x)
    _no_cast_to_bool(x, -1)
    _check(x, "Pow", _POW)
    _no_float_for(x, 0.25)
    return wrap(torch.where(x <= -1, _zero(x), torch.where(x < 1, 0.25 * (x + 1) ** 2, x)))


@_symbolic_ok
def sparse_sigmoid(x):
    x = _in(x)
    _no_cast_to_bool(x, -1)
    _no_float_for(x, 0.0)
    d, dev = _tdtype(x), x.device
    return wrap(torch.where(x <= -1, torch.zeros((), dtype=d, device=dev),
                            torch.where(x >= 1, torch.ones((), dtype=d, device=dev), 0.5 * (x + 1))))


@_symbolic_ok
def silu(x):
    return wrap(F.silu(_float_in(x, "Sigmoid")))


swish = silu


@_symbolic_ok
def squareplus(x, b=4):
    x = _check(_in(x), "Square", _SQUARE)
    x = _float_in(x, "Sqrt")
    return wrap((x + torch.sqrt(x * x + b)) / 2)


@_symbolic_ok
def gelu(x, approximate=False):
    """Exact (erf) GELU by default, tanh approximation with approximate=True (as Keras)."""
    x = _in(x)
    if not _is_float(x):
        raise ValueError("`features.dtype` must be a floating point tensor.Received:features.dtype="
                         f"<dtype: '{_dtname(x)}'>")
    if approximate:  # TF's formula, term by term (torch's tanh-gelu rounds differently near 0)
        return wrap(0.5 * x * (1.0 + torch.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3))))
    # erfc form, as TF: torch's erf form loses digits for x << 0 (1e-4 relative at x = -3).
    return wrap(0.5 * x * torch.erfc(x * -0.7071067811865476))


@_symbolic_ok
def celu(x, alpha=1.0):
    x = _in(x)
    _no_float_for(x, 0.0)
    return wrap(torch.clamp_min(x, 0.0) + alpha * torch.expm1(torch.clamp_max(x, 0.0) / alpha))


@_symbolic_ok
def glu(x, axis=-1):
    _needs_shape(x)
    if x.shape[axis] % 2 != 0:
        raise ValueError("axis size must be divisible by 2. "
                         f"Received: x.shape={TensorShape(tuple(x.shape))} with axis={axis}")
    x = _in(x)
    a, b = torch.chunk(x, 2, dim=axis)
    return wrap(a * torch.sigmoid(_float_in(b, "Sigmoid")))


@_symbolic_ok
def tanh(x):
    """Integer and bool inputs compute in floatx (keras.ops.tanh)."""
    return wrap(torch.tanh(_float_in(_to_floatx(x), "Tanh")))


@_symbolic_ok
def tanh_shrink(x):
    x = _float_in(x, "Tanh")
    return wrap(x - torch.tanh(x))


@_symbolic_ok
def hard_tanh(x):
    x = _in(x)
    _no_float_for(x, 1.0)
    return wrap(torch.clamp(x, -1.0, 1.0))


@_symbolic_ok
def threshold(x, threshold, default_value):
    """x where x > threshold, else default_value."""
    _compare_ok(x, ">", threshold)
    x = _in(x)
    _no_cast_to_bool(x, threshold)
    _no_float_for(x, threshold, default_value)
    dv = default_value if isinstance(default_value, torch.Tensor) else \
        torch.as_tensor(default_value, dtype=_tdtype(x), device=x.device)
    return wrap(torch.where(x > threshold, x, dv))


@_symbolic_ok
def exponential(x):
    """Integer and bool inputs compute in floatx (keras.ops.exp)."""
    return wrap(torch.exp(_float_in(_to_floatx(x), "Exp")))


@_symbolic_ok
def hard_sigmoid(x):
    """Keras 3 formula: relu6(x + 3) / 6 (Keras 2 used clip(0.2 * x + 0.5, 0, 1))."""
    x = _in(x)
    _no_float_for(x, 3.0)
    return wrap(F.relu6(x + 3.0) / 6.0)


@_symbolic_ok
def hard_silu(x):
    """x * relu6(x + 3) / 6."""
    x = _in(x)
    _no_float_for(x, 3.0)
    return wrap(x * (F.relu6(x + 3.0) / 6.0))


hard_swish = hard_silu


@_symbolic_ok
def log_sigmoid(x):
    x = _check(_in(x), "Neg", _NEG) if not _is_float(x) else x
    return wrap(F.logsigmoid(_float_in(x, "Softplus", _FLOATS)))


def linear(x):
    """Identity: returns its input unchanged (numpy stays numpy, as in Keras)."""
    return x


@_symbolic_ok
def mish(x):
    x = _float_in(x, "Softplus", _FLOATS)
    return wrap(x * torch.tanh(F.softplus(x)))


@_symbolic_ok
def sparsemax(x, axis=-1):
    x = _in(x)
    if x.dim() == 0:
        raise errors.invalid_argument("slice index -1 of dimension 0 out of bounds.", "StridedSlice")
    if not _is_float(x):
        raise _args._mismatch_error("Sub", _tdtype(x), torch.float64)
    n = x.shape[axis]
    zs, _ = torch.sort(x, dim=axis, descending=True)
    cs = torch.cumsum(zs, dim=axis)
    shape = [1] * x.dim()
    shape[axis] = n
    r = torch.arange(1, n + 1, dtype=_tdtype(x), device=x.device).reshape(shape)
    support = zs - (cs - 1) / r > 0
    k = support.to(_tdtype(x)).sum(dim=axis, keepdim=True)
    tau = (torch.where(support, cs, _zero(x)).sum(dim=axis, keepdim=True) - 1) / k
    return wrap(torch.clamp_min(x - tau, 0.0))


_ALL = {f.__name__: f for f in (
    relu, leaky_relu, relu6, softmax, celu, elu, selu, softplus, softsign, squareplus,
    soft_shrink, sparse_plus, silu, gelu, glu, tanh, tanh_shrink, threshold, sigmoid,
    sparse_sigmoid, exponential, hard_sigmoid, hard_silu, hard_tanh, hard_shrink, linear, mish,
    log_softmax, log_sigmoid, sparsemax)}
_ALL["swish"] = silu
_ALL["hard_swish"] = hard_silu


def serialize(activation):
    """Built-in activations serialize to their name ('swish' -> 'silu'); objects to a config dict."""
    name = getattr(activation, "__name__", None)
    if isinstance(activation, types.FunctionType) and _ALL.get(name) is activation:
        return name
    from .initializers import _serialize_object
    cfg = _serialize_object(activation, "keras.activations")
    if cfg is None:
        raise ValueError(f"Unknown activation function '{activation}' cannot be serialized due to "
                         "invalid function name. Make sure to use an activation name that matches "
                         "the references defined in activations.py or use "
                         "`@keras.saving.register_keras_serializable()`to register any custom "
                         f"activations. config={activation}")
    return cfg


def deserialize(config, custom_objects=None):
    """Activation from its name or config dict (unknown names come back unchanged, as in Keras)."""
    from .initializers import _deserialize_object
    return _deserialize_object(config, _ALL, custom_objects, functions=True)


def get(identifier):
    """None -> linear; a name, a config dict or a callable -> the activation function."""
    if identifier is None:
        return linear
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _ALL.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret activation function identifier: {identifier}")
