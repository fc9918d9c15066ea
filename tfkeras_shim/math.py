"""tf.math namespace: the names TF 2.21 has under tf.math that the shim implements."""
import types as _types

import torch as _torch

from .ops import math_ops as _m
from .ops.math_ops import (  # noqa: F401
    abs, accumulate_n, acos, acosh, add, add_n, angle, approx_max_k, approx_min_k, argmax, argmin,
    asin, asinh, atan, atan2, atanh, bessel_i0, bessel_i0e, bessel_i1, bessel_i1e, bincount, ceil,
    confusion_matrix, conj, cos, cosh, count_nonzero, cumprod, cumsum, cumulative_logsumexp,
    digamma, divide, divide_no_nan, equal, erf, erfc, erfcinv, erfinv, exp, expm1, floor, floordiv,
    floormod, greater, greater_equal, igamma, igammac, imag, in_top_k, invert_permutation,
    is_finite, is_inf, is_nan, is_non_decreasing, is_strictly_increasing, l2_normalize, lbeta,
    less, less_equal, lgamma, log, log1p, log_sigmoid, log_softmax, logical_and, logical_not,
    logical_or, logical_xor, maximum, minimum, mod, multiply, multiply_no_nan, ndtri, negative,
    nextafter, not_equal, polygamma, polyval, pow, real, reciprocal, reciprocal_no_nan, reduce_all,
    reduce_any, reduce_euclidean_norm, reduce_logsumexp, reduce_max, reduce_mean, reduce_min,
    reduce_prod, reduce_std, reduce_sum, reduce_variance, rint, round, rsqrt, scalar_mul,
    segment_max, segment_mean, segment_min, segment_prod, segment_sum, sigmoid, sign, sin, sinh,
    sobol_sample, softmax, softplus, softsign, sqrt, square, squared_difference, subtract, tan,
    tanh, top_k, truediv, unsorted_segment_max, unsorted_segment_mean, unsorted_segment_min,
    unsorted_segment_prod, unsorted_segment_sqrt_n, unsorted_segment_sum, xdivy, xlog1py, xlogy,
    zero_fraction, zeta,
)

# tf.math.special: the functions torch.special has (dawsn, expint, fresnel_*, spence are missing).
_F = _m._FLOAT
_T = _m._T_FLOAT
special = _types.SimpleNamespace(
    bessel_i0=bessel_i0, bessel_i0e=bessel_i0e, bessel_i1=bessel_i1, bessel_i1e=bessel_i1e,
    bessel_j0=_m._unary(_torch.special.bessel_j0, "BesselJ0", _F, _T, "bessel_j0"),
    bessel_j1=_m._unary(_torch.special.bessel_j1, "BesselJ1", _F, _T, "bessel_j1"),
    bessel_y0=_m._unary(_torch.special.bessel_y0, "BesselY0", _F, _T, "bessel_y0"),
    bessel_y1=_m._unary(_torch.special.bessel_y1, "BesselY1", _F, _T, "bessel_y1"),
    bessel_k0=_m._unary(_torch.special.modified_bessel_k0, "BesselK0", _F, _T, "bessel_k0"),
    bessel_k1=_m._unary(_torch.special.modified_bessel_k1, "BesselK1", _F, _T, "bessel_k1"),
    bessel_k0e=_m._unary(_torch.special.scaled_modified_bessel_k0, "BesselK0e", _F, _T, "bessel_k0e"),
    bessel_k1e=_m._unary(_torch.special.scaled_modified_bessel_k1, "BesselK1e", _F, _T, "bessel_k1e"),
)
del _F, _T
