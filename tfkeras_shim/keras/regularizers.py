"""keras.regularizers: Keras 3 weight penalties (L1, L2 default 0.01, L1L2, OrthogonalRegularizer).

A regularizer maps a weight tensor to a scalar tensor of the weight's dtype. As in Keras 3,
`l1`, `l2`, `l1_l2` and `orthogonal_regularizer` are the classes themselves (so `l1_l2()` has
l1 = l2 = 0, unlike the Keras 2 function whose defaults were 0.01).
"""
import inspect
import math

import numpy as np
import torch

from ..framework.tensor import wrap, _tdtype
from ..framework.tensor_shape import TensorShape
from ..ops import _args

__all__ = ["Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
           "orthogonal_regularizer", "get", "serialize", "deserialize"]


def _validate_float_arg(value, name):
    if (not isinstance(value, (float, int)) or isinstance(value, bool)
            or math.isinf(value) or math.isnan(value) or value < 0):
        raise ValueError(f"Invalid value for argument {name}: expected a non-negative float."
                         f"Received: {name}={value}")
    return float(value)


def _w(x):
    return x if isinstance(x, torch.Tensor) else _args.t(x)


class Regularizer:
    """Base class: `__call__(x)` returns the penalty (0.0 here)."""

    def __call__(self, x):
        return 0.0

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_config(self):
        raise NotImplementedError(f"{self} does not implement get_config()")


class L1L2(Regularizer):
    """l1 * sum(|x|) + l2 * sum(x^2); both default 0."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _validate_float_arg(0.0 if l1 is None else l1, "l1")
        self.l2 = _validate_float_arg(0.0 if l2 is None else l2, "l2")

    def __call__(self, x):
        x = _w(x)
        reg = torch.zeros((), dtype=_tdtype(x), device=x.device)
        if self.l1 != 0.0:
            reg = reg + self.l1 * x.abs().sum()
        if self.l2 != 0.0:
            reg = reg + self.l2 * x.square().sum()
        return wrap(reg)

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """l1 * sum(|x|), l1 default 0.01 (kept as float32, so get_config shows 0.009999999776482582)."""

    def __init__(self, l1=0.01):
        l1 = _validate_float_arg(0.01 if l1 is None else l1, "l1")
        self.l1 = float(np.float32(l1))

    def __call__(self, x):
        x = _w(x)
        return wrap(self.l1 * x.abs().sum())

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """l2 * sum(x^2), l2 default 0.01."""

    def __init__(self, l2=0.01):
        self.l2 = _validate_float_arg(0.01 if l2 is None else l2, "l2")

    def __call__(self, x):
        x = _w(x)
        return wrap(self.l2 * x.square().sum())

    def get_config(self):
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """factor * 0.5 * mean |off-diagonal of W W^T| over pairs, after L2-normalising rows
    (mode='rows') or columns (mode='columns'). Rank-2 weights only."""

    def __init__(self, factor=0.01, mode="rows"):
        _validate_float_arg(factor, "factor")
        self.factor = float(np.float32(factor))
        if mode not in {"rows", "columns"}:
            raise ValueError("Invalid value for argument `mode`. Expected one of "
                             f'{{"rows", "columns"}}. Received: mode={mode}')
        self.mode = mode

    def __call__(self, inputs):
        x = _w(inputs)
        if x.dim() != 2:
            raise ValueError("Inputs to OrthogonalRegularizer must have rank 2. Received: "
                             f"inputs.shape={TensorShape(x.shape)}")
        axis = 1 if self.mode == "rows" else 0
        # keras.utils.normalize for order 2: x * min(rsqrt(sum(x^2)), 1 / epsilon).
        xn = x * torch.clamp_max(torch.rsqrt((x * x).sum(dim=axis, keepdim=True)), 1e7)
        if self.mode == "rows":
            prod = xn @ xn.t()
            size = x.shape[0]
        else:
            prod = xn.t() @ xn
            size = x.shape[1]
        off = prod * (1.0 - torch.eye(size, dtype=_tdtype(x), device=x.device))
        pairs = size * (size - 1.0) / 2.0
        return wrap(self.factor * 0.5 * off.abs().sum() / pairs)

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}


l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_ALL = {c.__name__: c for c in (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)}
_ALL.update({"regularizer": Regularizer, "l1": L1, "l2": L2, "l1l2": L1L2,
             "orthogonal_regularizer": OrthogonalRegularizer})


def serialize(regularizer):
    from .initializers import _serialize_object
    return _serialize_object(regularizer, "keras.regularizers")


def deserialize(config, custom_objects=None):
    from .initializers import _deserialize_object
    return _deserialize_object(config, _ALL, custom_objects)


def get(identifier):
    """A regularizer from None, a name ('l1', 'l2', 'l1l2', 'L2' ...), a config dict, a class or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _ALL.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        if inspect.isclass(obj):
            obj = obj()
        return obj
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")
