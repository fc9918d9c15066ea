"""keras.activations: Keras 3 activation functions on torch.

Each function takes a tensor (shim, plain torch, numpy or Python values) and returns a shim
tensor. Layers call them on plain tensors; the result is wrapped in place (no copy).
`sigmoid` and `softmax` outputs carry the pre-activation input as `_keras_logits`, which the
cross-entropy losses use (as tf.keras does on the TF backend).
"""
import functools
import types

import torch
import torch.nn.functional as F

from ..framework.tensor import wrap, _tdtype
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


def _float_in(x, op):
    x = _in(x)
    d = _tdtype(x)
    if not (d.is_floating_point or d.is_complex):
        raise _args.not_allowed(op, d, "bfloat16, half, float, double, complex64, complex128")
    return x


@_symbolic_ok
def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0), with Keras's optional leak, clip value and threshold."""
    x = _in(x)
    if negative_slope == 0.0 and max_value is None and threshold == 0:
        return wrap(torch.relu(x))
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return wrap(F.leaky_relu(x, negative_slope))
        negative_part = torch.relu(threshold - x) if threshold != 0 else torch.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        y = torch.where(x > threshold, x, torch.zeros((), dtype=_tdtype(x), device=x.device))
    elif max_value == 6:
        y = F.relu6(x)
        clip_max = False
    else:
        y = torch.relu(x)
    if clip_max:
        y = torch.clamp(y, 0, max_value)
    if negative_slope != 0.0:
        y = y - negative_slope * negative_part
    return wrap(y)


@_symbolic_ok
def leaky_relu(x, negative_slope=0.2):
    return wrap(F.leaky_relu(_in(x), negative_slope))


@_symbolic_ok
def relu6(x):
    return wrap(F.relu6(_in(x)))


@_symbolic_ok
def sigmoid(x):
    x = _float_in(x, "Sigmoid")
    out = wrap(torch.sigmoid(x))
    out._keras_logits = x
    return out


@_symbolic_ok
def softmax(x, axis=-1):
    """Softmax over `axis` (None: over all elements)."""
    x = _float_in(x, "Softmax")
    if x.dim() == 0:
        from ..framework import errors
        raise errors.AbortedError(None, None, "Input dims must be <= 5 and >=1 [Op:Softmax]")
    if axis is None:
        out = torch.softmax(x.reshape(-1), 0).reshape(x.shape)
    else:
        out = torch.softmax(x, axis)
    out = wrap(out)
    out._keras_logits = x
    return out


@_symbolic_ok
def log_softmax(x, axis=-1):
    x = _float_in(x, "LogSoftmax")
    if axis is None:
        return wrap(torch.log_softmax(x.reshape(-1), 0).reshape(x.shape))
    return wrap(torch.log_softmax(x, axis))


@_symbolic_ok
def elu(x, alpha=1.0):
    return wrap(F.elu(_float_in(x, "Elu"), alpha))


@_symbolic_ok
def selu(x):
    return wrap(torch.selu(_float_in(x, "Selu")))


@_symbolic_ok
def softplus(x):
    return wrap(F.softplus(_float_in(x, "Softplus")))


@_symbolic_ok
def softsign(x):
    return wrap(F.softsign(_float_in(x, "Softsign")))


@_symbolic_ok
def soft_shrink(x, threshold=0.5):
    x = _in(x)
    zero = torch.zeros((), dtype=_tdtype(x), device=x.device)
    return wrap(torch.where(x > threshold, x - threshold,
                            torch.where(x < -threshold, x + threshold, zero)))


@_symbolic_ok
def hard_shrink(x, threshold=0.5):
    x = _in(x)
    return wrap(torch.where(x.abs() > threshold, x, torch.zeros((), dtype=_tdtype(x), device=x.device)))


@_symbolic_ok
def sparse_plus(x):
    """0 for x <= -1, x for x >= 1, (x + 1)^2 / 4 between."""
    x = _in(x)
    zero = torch.zeros((), dtype=_tdtype(x), device=x.device)
    return wrap(torch.where(x <= -1, zero, torch.where(x < 1, 0.25 * (x + 1) ** 2, x)))


@_symbolic_ok
def sparse_sigmoid(x):
    x = _in(x)
    d, dev = _tdtype(x), x.device
    return wrap(torch.where(x <= -1, torch.zeros((), dtype=d, device=dev),
                            torch.where(x >= 1, torch.ones((), dtype=d, device=dev), 0.5 * (x + 1))))


@_symbolic_ok
def silu(x):
    return wrap(F.silu(_float_in(x, "Silu")))


swish = silu


@_symbolic_ok
def squareplus(x, b=4):
    x = _in(x)
    return wrap((x + torch.sqrt(x * x + b)) / 2)


@_symbolic_ok
def gelu(x, approximate=False):
    """Exact (erf) GELU by default, tanh approximation with approximate=True (as Keras)."""
    x = _float_in(x, "Gelu")
    if approximate:  # TF's formula, term by term (torch's tanh-gelu rounds differently near 0)
        return wrap(0.5 * x * (1.0 + torch.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3))))
    # erfc form, as TF: torch's erf form loses digits for x << 0 (1e-4 relative at x = -3).
    return wrap(0.5 * x * torch.erfc(x * -0.7071067811865476))


@_symbolic_ok
def celu(x, alpha=1.0):
    x = _in(x)
    return wrap(torch.clamp_min(x, 0.0) + alpha * torch.expm1(torch.clamp_max(x, 0.0) / alpha))


@_symbolic_ok
def glu(x, axis=-1):
    x = _in(x)
    if x.shape[axis] % 2 != 0:
        from ..framework.tensor_shape import TensorShape
        raise ValueError("axis size must be divisible by 2. "
                         f"Received: x.shape={TensorShape(x.shape)} with axis={axis}")
    a, b = torch.chunk(x, 2, dim=axis)
    return wrap(a * torch.sigmoid(b))


@_symbolic_ok
def tanh(x):
    return wrap(torch.tanh(_float_in(x, "Tanh")))


@_symbolic_ok
def tanh_shrink(x):
    x = _in(x)
    return wrap(x - torch.tanh(x))


@_symbolic_ok
def hard_tanh(x):
    return wrap(torch.clamp(_in(x), -1.0, 1.0))


@_symbolic_ok
def threshold(x, threshold, default_value):
    """x where x > threshold, else default_value."""
    x = _in(x)
    dv = default_value if isinstance(default_value, torch.Tensor) else \
        torch.as_tensor(default_value, dtype=_tdtype(x), device=x.device)
    return wrap(torch.where(x > threshold, x, dv))


@_symbolic_ok
def exponential(x):
    return wrap(torch.exp(_float_in(x, "Exp")))


@_symbolic_ok
def hard_sigmoid(x):
    """Keras 3 formula: relu6(x + 3) / 6 (Keras 2 used clip(0.2 * x + 0.5, 0, 1))."""
    x = _in(x)
    return wrap(F.relu6(x + 3.0) / 6.0)


@_symbolic_ok
def hard_silu(x):
    """x * relu6(x + 3) / 6."""
    x = _in(x)
    return wrap(x * (F.relu6(x + 3.0) / 6.0))


hard_swish = hard_silu


@_symbolic_ok
def log_sigmoid(x):
    return wrap(F.logsigmoid(_float_in(x, "LogSigmoid")))


def linear(x):
    """Identity: returns its input unchanged (numpy stays numpy, as in Keras)."""
    return x


@_symbolic_ok
def mish(x):
    x = _float_in(x, "Mish")
    return wrap(x * torch.tanh(F.softplus(x)))


@_symbolic_ok
def sparsemax(x, axis=-1):
    x = _in(x)
    n = x.shape[axis]
    zs, _ = torch.sort(x, dim=axis, descending=True)
    cs = torch.cumsum(zs, dim=axis)
    shape = [1] * x.dim()
    shape[axis] = n
    r = torch.arange(1, n + 1, dtype=_tdtype(x), device=x.device).reshape(shape)
    support = zs - (cs - 1) / r > 0
    k = support.to(_tdtype(x)).sum(dim=axis, keepdim=True)
    tau = (torch.where(support, cs, torch.zeros((), dtype=_tdtype(x), device=x.device))
           .sum(dim=axis, keepdim=True) - 1) / k
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
