"""TF2 top-level initializers: tf.zeros_initializer, tf.ones_initializer, tf.constant_initializer,
tf.random_normal_initializer, tf.random_uniform_initializer (and the TF1 name
tf.glorot_uniform_initializer, which TF 2.21 only keeps in tf.compat.v1).

`init(shape, dtype=tf.float32)` returns a shim tensor on the current device. Seeded random
initializers return the same values on every call (TF's stateless draws); unseeded ones draw
from torch's global generator (so `tf.random.set_seed` makes them reproducible).
"""
import numbers

import numpy as np
import torch

from ..framework import dtypes as _dt
from ..framework.device import current_device
from ..framework.tensor import wrap, constant as _constant

__all__ = ["zeros_initializer", "ones_initializer", "constant_initializer",
           "random_normal_initializer", "random_uniform_initializer", "glorot_uniform_initializer"]


def _dtype(dtype):
    d = _dt.as_dtype(dtype if dtype is not None else "float32")
    if d.torch_dtype is None or not (d.is_floating or d.is_integer or d.is_bool or d.is_complex):
        raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {d}.")
    return d


def _shape(shape):
    from ..keras.initializers import _shape as kshape
    return kshape(shape)


class Initializer:
    """Base of the TF2 initializers (tf.keras accepts them anywhere an initializer goes)."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


class zeros_initializer(Initializer):  # noqa: N801 - TF's name
    """Zeros of `dtype` (default float32)."""

    def __call__(self, shape, dtype=_dt.float32, **kwargs):
        d = _dtype(dtype)
        return wrap(torch.zeros(_shape(shape), dtype=d.torch_dtype, device=current_device()))


class ones_initializer(Initializer):  # noqa: N801
    def __call__(self, shape, dtype=_dt.float32, **kwargs):
        d = _dtype(dtype)
        return wrap(torch.ones(_shape(shape), dtype=d.torch_dtype, device=current_device()))


class constant_initializer(Initializer):  # noqa: N801
    """`value` (scalar, list or numpy array) shaped like tf.constant(value, dtype, shape)."""

    def __init__(self, value=0, support_partition=False):
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(f"Invalid type for initial value: {type(value).__name__}. Expected Python "
                            "scalar, list or tuple of values, or numpy.ndarray.")
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape, dtype=None, **kwargs):
        return _constant(self.value, dtype=dtype, shape=_shape(shape))

    def get_config(self):
        return {"value": self.value}


class _Random(Initializer):
    def __init__(self, seed=None):
        self.seed = seed

    def _gen(self, dev):
        if self.seed is None:
            return None
        g = torch.Generator(device=dev)
        g.manual_seed(int(self.seed) % (2 ** 63))
        return g


class random_normal_initializer(_Random):  # noqa: N801
    """Normal values, mean 0.0 and stddev 0.05 by default; float dtypes only."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=_dt.float32, **kwargs):
        d = _dtype(dtype)
        if not d.is_floating:
            raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {d}.")
        dev = current_device()
        out = torch.empty(_shape(shape), dtype=d.torch_dtype, device=dev)
        with torch.no_grad():
            out.normal_(float(self.mean), float(self.stddev), generator=self._gen(dev))
        return wrap(out)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class random_uniform_initializer(_Random):  # noqa: N801
    """Uniform values in [minval, maxval), default [-0.05, 0.05); integer dtypes need integer bounds."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed)

    def __call__(self, shape, dtype=_dt.float32, **kwargs):
        d = _dtype(dtype)
        dev = current_device()
        shape = _shape(shape)
        g = self._gen(dev)
        if d.is_integer:
            for v in (self.minval, self.maxval):
                if not isinstance(v, numbers.Integral):
                    raise TypeError(f"Cannot convert {v} to EagerTensor of dtype {d.name}")
            out = torch.randint(int(self.minval), int(self.maxval), shape, generator=g,
                                device=dev, dtype=torch.int64).to(d.torch_dtype)
            return wrap(out)
        if not d.is_floating:
            raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {d}.")
        out = torch.empty(shape, dtype=d.torch_dtype, device=dev)
        with torch.no_grad():
            out.uniform_(float(self.minval), float(self.maxval), generator=g)
        return wrap(out)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class glorot_uniform_initializer(_Random):  # noqa: N801
    """U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)) with Keras fan rules."""

    def __call__(self, shape, dtype=_dt.float32, **kwargs):
        from ..keras.initializers import compute_fans
        d = _dtype(dtype)
        if not d.is_floating:
            raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {d}.")
        shape = _shape(shape)
        fan_in, fan_out = compute_fans(shape)
        limit = (6.0 / max(1.0, fan_in + fan_out)) ** 0.5
        dev = current_device()
        out = torch.empty(shape, dtype=d.torch_dtype, device=dev)
        with torch.no_grad():
            out.uniform_(-limit, limit, generator=self._gen(dev))
        return wrap(out)

    def get_config(self):
        return {"seed": self.seed}
