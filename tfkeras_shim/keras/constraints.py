"""keras.constraints: projections applied to a weight after each optimizer update.

`constraint(w)` returns the projected tensor (the optimizer assigns it back).
Norms are taken along `axis` (default 0: per output unit of a Dense kernel); epsilon 1e-7.
"""
import inspect

import torch

from ..framework.tensor import wrap
from ..ops import _args

__all__ = ["Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm",
           "min_max_norm", "non_neg", "unit_norm", "get", "serialize", "deserialize"]

_EPSILON = 1e-7


def _epsilon():
    try:
        from .backend import epsilon
    except ImportError:
        return _EPSILON
    return epsilon()


def _w(x):
    return x if isinstance(x, torch.Tensor) else _args.t(x)


def _norms(w, axis):
    dims = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return torch.sqrt(torch.sum(w * w, dim=dims, keepdim=True))


class Constraint:
    """Base class: the identity projection."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    """Rescales slices whose L2 norm along `axis` exceeds `max_value` (default 2)."""

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = _w(w)
        n = _norms(w, self.axis)
        desired = torch.clamp(n, 0, self.max_value)
        return wrap(w * (desired / (_epsilon() + n)))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """max(w, 0)."""

    def __call__(self, w):
        w = _w(w)
        return wrap(torch.clamp_min(w, 0))


class UnitNorm(Constraint):
    """w / (epsilon + ||w||) along `axis`."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = _w(w)
        return wrap(w / (_epsilon() + _norms(w, self.axis)))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Norms along `axis` moved towards [min_value, max_value] at `rate`."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        w = _w(w)
        n = _norms(w, self.axis)
        desired = self.rate * torch.clamp(n, self.min_value, self.max_value) + (1 - self.rate) * n
        return wrap(w * (desired / (_epsilon() + n)))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}


max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

_ALL = {c.__name__: c for c in (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)}
_ALL.update({"constraint": Constraint, "max_norm": MaxNorm, "min_max_norm": MinMaxNorm,
             "non_neg": NonNeg, "unit_norm": UnitNorm})


def serialize(constraint):
    from .initializers import _serialize_object
    return _serialize_object(constraint, "keras.constraints")


def deserialize(config, custom_objects=None):
    from .initializers import _deserialize_object
    return _deserialize_object(config, _ALL, custom_objects)


def get(identifier):
    """A constraint from None, a name ('max_norm', 'non_neg', 'unit_norm' ...), a config dict,
    a class or a callable."""
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
    raise ValueError(f"Could not interpret constraint identifier: {identifier}")
