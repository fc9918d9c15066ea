"""tf.bitwise: elementwise bit operations on integer tensors (TF's dtype rules: same integer
dtype on both sides, no bool)."""
import numpy as np
import torch

from .framework.tensor import wrap, _tdtype
from .framework import dtypes as _dt
from .ops import _args

__all__ = ["bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift"]

_ALLOWED = "int8, int16, int32, int64, uint8, uint16, uint32, uint64"


def _binary(fn, op):
    def f(x, y, name=None):
        a, b, d = _args.binary(x, y, op)
        if d not in _dt.INTEGER:
            raise _args.not_allowed(op, d, _ALLOWED)
        a = a if isinstance(a, torch.Tensor) else torch.tensor(a, dtype=d)
        b = b if isinstance(b, torch.Tensor) else torch.tensor(b, dtype=d, device=a.device)
        try:
            return wrap(fn(a, b))
        except (NotImplementedError, RuntimeError):  # torch has no kernel (uint16/32/64): numpy's
            return _via_numpy(np_fn, a, b)
    np_fn = _NUMPY[fn]
    f.__name__ = fn.__name__
    return f


_NUMPY = {torch.bitwise_and: np.bitwise_and, torch.bitwise_or: np.bitwise_or,
          torch.bitwise_xor: np.bitwise_xor, torch.bitwise_left_shift: np.left_shift,
          torch.bitwise_right_shift: np.right_shift, torch.bitwise_not: np.invert}


def _via_numpy(np_fn, *ts):
    dev = ts[0].device
    out = np_fn(*[t.detach().cpu().numpy() for t in ts])
    return wrap(torch.from_numpy(np.ascontiguousarray(out)).to(dev))


bitwise_and = _binary(torch.bitwise_and, "BitwiseAnd")
bitwise_or = _binary(torch.bitwise_or, "BitwiseOr")
bitwise_xor = _binary(torch.bitwise_xor, "BitwiseXor")
left_shift = _binary(torch.bitwise_left_shift, "LeftShift")
right_shift = _binary(torch.bitwise_right_shift, "RightShift")  # arithmetic for signed, as TF


def invert(x, name=None):
    t = _args.t(x)
    d = _tdtype(t)
    if d not in _dt.INTEGER:
        raise _args.not_allowed("Invert", d, _ALLOWED)
    try:
        return wrap(torch.bitwise_not(t))
    except (NotImplementedError, RuntimeError):
        return _via_numpy(np.invert, t)
