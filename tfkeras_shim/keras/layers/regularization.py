"""keras.layers regularization layers: GaussianNoise, GaussianDropout, SpatialDropout1D/2D/3D,
AlphaDropout, ActivityRegularization (Keras 3 arguments, defaults and configs).

All noise layers act only when the resolved `training` flag is true (fit, or an explicit
`training=True`); at inference they return their input unchanged. The random numbers come from
torch (a generator seeded from `seed` when one is given, else torch's global RNG), so the drawn
noise differs from TF's; its distribution, shapes and dtypes are Keras's.
"""
import math

import torch

from ...framework import errors
from ...framework.dtypes import as_dtype
from ...framework.tensor import _tdtype, _tshape
from .. import regularizers
from ..engine.input_spec import InputSpec
from ..engine.layer import Layer
from ..engine.seed_generator import SeedGenerator
from .convolutional import standardize_data_format
from .core import Dropout, _dropout

__all__ = ["GaussianNoise", "GaussianDropout", "SpatialDropout1D", "SpatialDropout2D",
           "SpatialDropout3D", "AlphaDropout", "ActivityRegularization"]


def _check_unit(name, value):
    if not 0 <= value <= 1:
        raise ValueError(f"Invalid value received for argument `{name}`. Expected a float value between "
                         f"0 and 1. Received: {name}={value}")


def _normal(x, mean, stddev, seed_generator, dtype):
    gen = seed_generator.torch_generator(x.device)
    n = torch.randn(tuple(_tshape(x)), generator=gen, device=x.device, dtype=dtype)
    if stddev != 1.0:
        n = n * stddev
    return n + mean if mean else n


def _require_float(x, op):
    """Integer inputs: the error TF raises when Keras mixes them with float noise."""
    td = _tdtype(x)
    if not td.is_floating_point:
        name = as_dtype(td).name
        if op == "scale":
            raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                             f"x_dtype=<dtype: '{name}'>")
        if op == "alpha":
            raise TypeError(f"Cannot convert {-_SELU_ALPHA * _SELU_SCALE!r} to EagerTensor of dtype {name}")
        raise errors.invalid_argument(f"cannot compute {op} as input #1(zero-based) was expected to be a {name} "
                                      "tensor but is a float tensor", op)
    return td


class GaussianNoise(Layer):
    """Adds zero-centred Gaussian noise of standard deviation `stddev` (training only)."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        _check_unit("stddev", stddev)
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            return inputs + _normal(inputs, 0.0, self.stddev, self.seed_generator, _require_float(inputs, "AddV2"))
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}


class GaussianDropout(Layer):
    """Multiplies by Gaussian noise of mean 1 and stddev sqrt(rate / (1 - rate)) (training only)."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        _check_unit("rate", rate)
        self.rate = rate
        self.seed = seed
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            stddev = math.sqrt(self.rate / (1.0 - self.rate)) if self.rate < 1 else math.inf
            return inputs * _normal(inputs, 1.0, stddev, self.seed_generator, _require_float(inputs, "Mul"))
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}


class _BaseSpatialDropout(Dropout):
    """Drops whole feature maps: the dropout mask has size 1 on the spatial axes."""

    _NDIM = None

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=self._NDIM)

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            _require_float(inputs, "scale")
            return _dropout(inputs, self.rate, self._noise_shape(_tshape(inputs)), self.seed_generator)
        return inputs

    def get_config(self):
        # Keras 3 writes these four keys only ("dtype" is the variable dtype name)
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype_policy.variable_dtype}


class SpatialDropout1D(_BaseSpatialDropout):
    """Dropout of entire 1-D feature maps of `(batch, steps, channels)` inputs."""

    _NDIM = 3

    def _noise_shape(self, s):
        return (s[0], 1, s[2])


class _SpatialDropoutND(_BaseSpatialDropout):
    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)

    def _noise_shape(self, s):
        n = len(s)
        if self.data_format == "channels_first":
            return (s[0], s[1]) + (1,) * (n - 2)
        return (s[0],) + (1,) * (n - 2) + (s[-1],)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout2D(_SpatialDropoutND):
    """Dropout of entire 2-D feature maps (channels_last or channels_first)."""

    _NDIM = 4


class SpatialDropout3D(_SpatialDropoutND):
    """Dropout of entire 3-D feature maps (channels_last or channels_first)."""

    _NDIM = 5


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Dropout that keeps the SELU self-normalising mean and variance: dropped units are set to
    -alpha*scale, then `a * x + b` restores the statistics (training only).

    tf.keras 2.21 exports Keras's *legacy* AlphaDropout: `rate` is not validated and the config
    holds only `rate` and `seed`. `None` entries of `noise_shape` take the input's size (the
    legacy layer would fail on them)."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            s = _tshape(inputs)
            shape = tuple(s) if self.noise_shape is None else tuple(
                s[i] if v is None else v for i, v in enumerate(self.noise_shape))
            gen = self.seed_generator.torch_generator(inputs.device)
            td = _require_float(inputs, "alpha")
            u = torch.rand(shape, generator=gen, device=inputs.device)
            kept = (u >= self.rate).to(td)
            alpha_p = -_SELU_ALPHA * _SELU_SCALE
            a = ((1 - self.rate) * (1 + self.rate * alpha_p ** 2)) ** -0.5
            b = -a * alpha_p * self.rate
            x = inputs * kept + alpha_p * (1 - kept)
            return a * x + b
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}


class ActivityRegularization(Layer):
    """Identity that adds `l1 * sum|x| + l2 * sum(x^2)` (divided by the batch size, as Keras's
    activity regularizers are) to the layer's losses."""

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self._build_at_init()

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        return {**config, "l1": self.l1, "l2": self.l2}
