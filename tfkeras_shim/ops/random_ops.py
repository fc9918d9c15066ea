"""tf.random over torch generators.

Seeds follow TF's rules, not its bits (values cannot match TF's Philox streams):
* `set_seed(s)` seeds torch's global generators (so torch code and dropout in layers repeat too)
  and restarts every op-seeded stream: everything after it repeats run to run.
* An op with `seed=k` draws from its own stream, keyed by (global seed, k) and independent of
  other random ops; without a global seed TF's default graph seed is used, so it still repeats.
* `stateless_*` ops are pure functions of their `[2]` seed; `Generator` objects own their stream.
New tensors are created on `current_device()`.

Differences from TF: `truncated_normal` samples by inverse CDF (the same distribution as TF's
resampling, no loop); unseeded programs repeat run to run unless torch was seeded
non-deterministically (torch's default seed is fixed).
"""
import enum
import math
import numbers
import os

import numpy as np
import torch

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.tensor import wrap, _tdtype, _tshape, convert_to_tensor, StringTensor
from ..framework.device import current_device
from . import _args

DEFAULT_GRAPH_SEED = 87654321
_MASK64 = (1 << 64) - 1

_global_seed = None
_op_gens = {}          # (op seed, device) -> torch.Generator
_global_generator = None

_F = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
_LOW = (torch.float16, torch.bfloat16)


def _mix(a, b):
    """Two integers -> one 64-bit generator seed (splitmix64 finaliser)."""
    z = ((int(a) & _MASK64) * 0x9E3779B97F4A7C15 + (int(b) & _MASK64) + 0x632BE59BD9B4E019) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def _new_gen(device, seed):
    g = torch.Generator(device=device)
    g.manual_seed(seed & _MASK64)
    return g


def set_seed(seed):
    """Global seed: seeds torch (all devices) and restarts the op-seeded streams."""
    global _global_seed, _global_generator
    _op_gens.clear()
    _global_generator = None
    if seed is None:
        _global_seed = None
        torch.seed()
        return
    s = int(seed.item() if isinstance(seed, torch.Tensor) else seed)
    _global_seed = s
    torch.manual_seed(s & _MASK64)


def get_global_seed():
    """The seed given to the last `set_seed` (None when unset)."""
    return _global_seed


def get_seed(op_seed):
    """(global seed, op seed) as TF reports them (None, None) when nothing is set."""
    if _global_seed is None and op_seed is None:
        return None, None
    g = _global_seed if _global_seed is not None else DEFAULT_GRAPH_SEED
    return g, op_seed


def _generator(seed, device):
    """torch.Generator for an op with `seed` (None: torch's global generator)."""
    if seed is None:
        return None
    s = int(seed.item() if isinstance(seed, torch.Tensor) else seed)
    key = (s, device)
    g = _op_gens.get(key)
    if g is None:
        base = _global_seed if _global_seed is not None else DEFAULT_GRAPH_SEED
        g = _op_gens[key] = _new_gen(device, _mix(base, s))
    return g


# -- argument checks ------------------------------------------------------------------------------

def _shape(shape, op):
    """TF shape argument -> tuple of non-negative ints (InvalidArgumentError like TF)."""
    if type(shape) in (list, tuple) and all(type(v) is int and v >= 0 for v in shape):
        return tuple(shape)
    if isinstance(shape, torch.Tensor):
        d = _tdtype(shape)
        if d not in (torch.int32, torch.int64):
            raise _args.not_allowed(op, d, "int32, int64")
        if shape.dim() != 1:
            raise errors.invalid_argument(
                f"shape must be a vector of {{int32,int64}}, got shape {list(_tshape(shape))}", op)
        dims = [int(v) for v in shape.tolist()]
    elif isinstance(shape, np.ndarray) and shape.ndim != 1:
        raise errors.invalid_argument(
            f"shape must be a vector of {{int32,int64}}, got shape {list(shape.shape)}", op)
    elif isinstance(shape, (numbers.Number, np.generic)) and not isinstance(shape, bool):
        if isinstance(shape, (numbers.Integral, np.integer)):
            raise errors.invalid_argument("shape must be a vector of {int32,int64}, got shape []", op)
        raise _args.not_allowed(op, torch.float32, "int32, int64")
    else:
        dims = []
        for v in shape:
            if isinstance(v, torch.Tensor):
                v = v.item()
            if v is None:
                raise ValueError("Attempt to convert a value (None) with an unsupported type "
                                 "(<class 'NoneType'>) to a Tensor.")
            if isinstance(v, (float, np.floating)):
                raise _args.not_allowed(op, torch.float32, "int32, int64")
            dims.append(int(v))
    for v in dims:
        if v < 0:
            raise errors.invalid_argument(f"Dimension {v} must be >= 0", op)
    return tuple(dims)


def _param(v, d, what):
    """mean/stddev/minval/maxval: Python numbers stay Python; others become tensors of dtype d."""
    if isinstance(v, bool) or not isinstance(v, (numbers.Number, torch.Tensor)) or isinstance(v, np.generic):
        return convert_to_tensor(v, dtype=d)
    if isinstance(v, torch.Tensor):
        have = _tdtype(v)
        if have is not d.torch_dtype:
            raise ValueError(f"{what}: Tensor conversion requested dtype {d.name} for Tensor with "
                             f"dtype {_dt.from_torch(have).name}: {v!r}")
        return v
    if d.is_integer and not isinstance(v, numbers.Integral):
        raise TypeError(f"Cannot convert {v!r} to EagerTensor of dtype {d.name}")
    return v


def _float_dtype(dtype, first_param):
    d = _dt.as_dtype(dtype)
    if not d.is_floating:
        v = first_param if not isinstance(first_param, torch.Tensor) else 0.0
        raise TypeError(f"Cannot convert {float(v) if isinstance(v, numbers.Number) else v!r} to "
                        f"EagerTensor of dtype {d.name}")
    return d


def _broadcast_error(op, a, b):
    sa = list(_tshape(a)) if isinstance(a, torch.Tensor) else []
    sb = list(_tshape(b)) if isinstance(b, torch.Tensor) else []
    return errors.invalid_argument(f"Incompatible shapes: [{','.join(map(str, sa))}] vs. "
                                   f"[{','.join(map(str, sb))}]", op)


def _affine(r, scale, shift):
    """r * scale + shift (TF's order), in place when both are Python numbers."""
    if not isinstance(scale, torch.Tensor) and not isinstance(shift, torch.Tensor):
        if scale != 1:
            r.mul_(scale)
        if shift != 0:
            r.add_(shift)
        return r
    try:
        r = r * scale
    except RuntimeError:
        raise _broadcast_error("Mul", r, scale) from None
    try:
        return r + shift
    except RuntimeError:
        raise _broadcast_error("AddV2", r, shift) from None


# -- samplers (shared by the stateful, stateless and Generator forms) -----------------------------

def _normal(dims, mean, stddev, d, gen, dev):
    r = torch.randn(dims, generator=gen, dtype=d.torch_dtype, device=dev)
    return wrap(_affine(r, stddev, mean))


_TRUNC_LO = 0.5 * math.erfc(2 / math.sqrt(2))  # P(Z < -2)


def _truncated(dims, mean, stddev, d, gen, dev):
    """Standard normal restricted to [-2, 2] by inverse CDF, then scaled and shifted."""
    td = torch.float32 if d.torch_dtype in _LOW else d.torch_dtype
    u = torch.rand(dims, generator=gen, dtype=td, device=dev)
    u.mul_(2 * (1 - 2 * _TRUNC_LO)).add_(2 * _TRUNC_LO - 1)  # uniform on (2*Phi(-2)-1, 1-2*Phi(-2))
    z = u.erfinv_().mul_(math.sqrt(2)).clamp_(-2.0, 2.0)
    if td is not d.torch_dtype:
        z = z.to(d.torch_dtype)
    return wrap(_affine(z, stddev, mean))


def _int_bound(v, d, what, op):
    if isinstance(v, torch.Tensor):
        if _tdtype(v) is not d.torch_dtype:
            raise ValueError(f"{what}: Tensor conversion requested dtype {d.name} for Tensor with "
                             f"dtype {_dt.from_torch(_tdtype(v)).name}: {v!r}")
        if v.dim() != 0:
            raise errors.invalid_argument(
                f"{'minval' if what == 'min' else 'maxval'} must be 0-D, got shape {list(_tshape(v))}", op)
        return int(v.item())
    if isinstance(v, (list, tuple, np.ndarray)):
        a = np.asarray(v)
        if a.ndim != 0:
            raise errors.invalid_argument(
                f"{'minval' if what == 'min' else 'maxval'} must be 0-D, got shape {list(a.shape)}", op)
        v = a.item()
    if isinstance(v, float) and not float(v).is_integer() or isinstance(v, bool):
        raise TypeError(f"Cannot convert {v!r} to EagerTensor of dtype {d.name}")
    v = int(v)
    if not d.min <= v <= d.max:
        raise TypeError(f"Cannot convert {v!r} to EagerTensor of dtype {d.name}")
    return v


def _uniform_int(dims, lo, hi, d, gen, dev, op="RandomUniformInt"):
    lo = _int_bound(lo, d, "min", op)
    hi = _int_bound(hi, d, "max", op)
    if lo >= hi:
        raise errors.invalid_argument(f"Need minval < maxval, got {lo} >= {hi}", op)
    return wrap(torch.randint(lo, hi, dims, generator=gen, dtype=d.torch_dtype, device=dev))


def _uniform_full_int(dims, d, gen, dev):
    """Every value of the integer dtype equally likely."""
    if d in (_dt.int32, _dt.uint32):
        r = torch.randint(-2 ** 31, 2 ** 31, dims, generator=gen, dtype=torch.int64, device=dev)
        return wrap(r.to(torch.int32).view(d.torch_dtype) if d is _dt.uint32 else r.to(torch.int32))
    hi = torch.randint(-2 ** 31, 2 ** 31, dims, generator=gen, dtype=torch.int64, device=dev)
    lo = torch.randint(0, 2 ** 32, dims, generator=gen, dtype=torch.int64, device=dev)
    r = (hi << 32) | lo
    return wrap(r.view(d.torch_dtype) if d is _dt.uint64 else r)


def _uniform_float(dims, lo, hi, d, gen, dev):
    lo = _param(lo, d, "min")
    hi = _param(1 if hi is None else hi, d, "max")
    r = torch.rand(dims, generator=gen, dtype=d.torch_dtype, device=dev)
    if isinstance(lo, torch.Tensor) or isinstance(hi, torch.Tensor):
        try:
            rng = hi - lo
        except RuntimeError:
            raise _broadcast_error("Sub", hi, lo) from None
        return wrap(_affine(r, rng, lo))
    return wrap(_affine(r, hi - lo, lo))


def _logits(logits, op="Multinomial"):
    x = _args.t(logits)
    d = _tdtype(x)
    if d not in _F:
        raise errors.NotFoundError(
            None, op, f"Could not find device for node: {{{{node {op}}}}} = {op}"
                      f"[T=DT_{_dt.from_torch(d).name.upper()}, output_dtype=DT_INT64, seed=0, seed2=0]")
    return x


def _categorical(logits, num_samples, dtype, gen, op="Multinomial"):
    x = _logits(logits, op)
    out_d = _dt.int64 if dtype is None else _dt.as_dtype(dtype)
    if out_d not in (_dt.int32, _dt.int64):
        raise ValueError(f"Argument `dtype` got invalid value {out_d}. Accepted dtypes are "
                         "(tf.int32, tf.int64).")
    if x.dim() != 2:
        raise errors.invalid_argument(f"logits should be a matrix, got shape {list(_tshape(x))}", op)
    ns = int(num_samples.item() if isinstance(num_samples, torch.Tensor) else num_samples)
    if ns < 0:
        raise errors.invalid_argument(f"num_samples should be non-negative, got {ns}", op)
    b, c = _tshape(x)
    if c == 0:
        raise errors.invalid_argument("num_classes should be positive, got 0", op)
    if b == 0 or ns == 0:
        return wrap(torch.zeros((b, ns), dtype=out_d.torch_dtype, device=x.device))
    probs = torch.softmax(x.double() if _tdtype(x) is torch.float64 else x.float(), -1)
    bad = torch.isnan(probs).any(-1, keepdim=True)  # all -inf (or NaN) rows: TF returns num_classes
    probs = torch.nan_to_num(probs, nan=1.0)
    s = torch.multinomial(probs, ns, replacement=True, generator=gen)
    s = torch.where(bad, torch.full((), c, dtype=s.dtype, device=s.device), s)
    return wrap(s.to(out_d.torch_dtype))


def _gamma(dims, alpha, beta, d, gen, dev, append=True):
    """Gamma(alpha, rate=beta) samples: shape dims + batch (stateful) or dims (stateless, broadcast)."""
    if not d.is_floating:
        raise ValueError(f"data type <class 'numpy.{d.name}'> not inexact")
    a = convert_to_tensor(alpha, dtype=d) if not isinstance(alpha, torch.Tensor) else alpha
    b = None
    if beta is not None:
        b = convert_to_tensor(beta, dtype=d) if not isinstance(beta, torch.Tensor) else beta
    try:
        batch = torch.broadcast_shapes(tuple(_tshape(a)), tuple(_tshape(b)) if b is not None else ())
    except RuntimeError:
        raise errors.invalid_argument(
            f"Incompatible shapes: {list(_tshape(a))} vs. {list(_tshape(b))}", "BroadcastArgs") from None
    td = torch.float32 if d.torch_dtype in _LOW else d.torch_dtype
    full = tuple(dims) + tuple(batch) if append else tuple(dims)
    ae = a.to(device=dev, dtype=td).expand(full)
    s = torch._standard_gamma(ae, generator=gen)
    s = torch.where(ae >= 0, s, torch.full((), math.nan, dtype=td, device=dev))
    if b is not None:
        s = s / b.to(device=dev, dtype=td)
    return wrap(s.to(d.torch_dtype))


_POISSON_T = (_dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)


def _poisson(dims, lam, d, gen, dev, op="RandomPoissonV2", append=True):
    if d not in _POISSON_T:
        raise _args.not_allowed(op, d.torch_dtype, "half, float, double, int32, int64")
    lt = _args.t(lam)
    rate = lt.to(device=dev, dtype=torch.float64 if _tdtype(lt) is torch.float64 else torch.float32)
    rate = rate.clamp_min(0).expand(tuple(dims) + tuple(_tshape(lt)) if append else tuple(dims))
    return wrap(torch.poisson(rate, generator=gen).to(d.torch_dtype))


# -- stateful ops ---------------------------------------------------------------------------------

def normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    d = _float_dtype(dtype, mean)
    dims = _shape(shape, "RandomStandardNormal")
    dev = current_device()
    return _normal(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d,
                   _generator(seed, dev), dev)


_UNIFORM_T = (_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)


def uniform(shape, minval=0, maxval=None, dtype=_dt.float32, seed=None, name=None):
    """[minval, maxval); integer dtypes need `maxval` (ValueError otherwise, as TF)."""
    d = _dt.as_dtype(dtype)
    if d not in _UNIFORM_T:
        raise ValueError(f"Argument `dtype` got invalid value {d}. Accepted dtypes are (tf.float16, "
                         "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).")
    dev = current_device()
    if d.is_integer:
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {d!r}")
        dims = _shape(shape, "RandomUniformInt")
        return _uniform_int(dims, minval, maxval, d, _generator(seed, dev), dev)
    dims = _shape(shape, "RandomUniform")
    return _uniform_float(dims, minval, maxval, d, _generator(seed, dev), dev)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Normal values more than 2 stddevs from the mean are redrawn (TF's distribution)."""
    d = _float_dtype(dtype, mean)
    dims = _shape(shape, "TruncatedNormal")
    dev = current_device()
    return _truncated(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d,
                      _generator(seed, dev), dev)


def shuffle(value, seed=None, name=None):
    """A random permutation along the first axis."""
    if isinstance(value, StringTensor):
        n = len(value._a) if value._a.ndim else 0
        if n < 2:
            return value
        perm = torch.randperm(n, generator=_generator(seed, torch.device("cpu"))).numpy()
        return StringTensor(value._a[perm])
    x = _args.t(value)
    if isinstance(x, StringTensor):
        return shuffle(x, seed)
    if x.dim() == 0 or _tshape(x)[0] < 2:
        return wrap(x.clone())
    perm = torch.randperm(_tshape(x)[0], generator=_generator(seed, x.device), device=x.device)
    return wrap(x.index_select(0, perm))


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """Class ids drawn from softmax(logits) per row: [batch, num_samples], int64 by default."""
    x = _logits(logits)
    return _categorical(x, num_samples, dtype, _generator(seed, x.device))


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    return categorical(logits, num_samples, output_dtype, seed)


def gamma(shape, alpha, beta=None, dtype=_dt.float32, seed=None, name=None):
    """Samples of shape `shape + broadcast(alpha, beta).shape`; beta is a rate (inverse scale)."""
    d = _dt.as_dtype(dtype)
    dims = _shape(shape, "RandomGamma")
    dev = current_device()
    return _gamma(dims, alpha, beta, d, _generator(seed, dev), dev)


def poisson(shape, lam, dtype=_dt.float32, seed=None, name=None):
    d = _dt.as_dtype(dtype)
    dims = _shape(shape, "RandomPoissonV2")
    dev = current_device()
    return _poisson(dims, lam, d, _generator(seed, dev), dev)


# -- stateless ops --------------------------------------------------------------------------------

def _seed_pair(seed, op="StatelessRandomGetKeyCounter"):
    if isinstance(seed, torch.Tensor):
        d = _tdtype(seed)
        shape = list(_tshape(seed))
        vals = seed.reshape(-1).tolist() if d in (torch.int32, torch.int64) else None
    else:
        a = np.asarray(seed)
        shape = list(a.shape)
        d = {"i": torch.int64, "u": torch.int64}.get(a.dtype.kind, torch.float32)
        vals = a.reshape(-1).tolist()
    if d not in (torch.int32, torch.int64):
        raise errors.invalid_argument(
            f"Value for attr 'Tseed' of {_args.TF_TYPE_NAME.get(d, str(d))} is not in the list of "
            "allowed values: int32, int64\n\t; NodeDef: {{node StatelessRandomGetKeyCounter}}", op)
    if shape != [2]:
        raise errors.invalid_argument(f"seed must have shape [2], not {shape}", op)
    return int(vals[0]), int(vals[1])


def _stateless_gen(seed, dev):
    a, b = _seed_pair(seed)
    return _new_gen(dev, _mix(_mix(a, 0x5EED), b))


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None, alg="auto_select"):
    d = _float_dtype(dtype, mean)
    dims = _shape(shape, "StatelessRandomNormalV2")
    dev = current_device()
    return _normal(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d,
                   _stateless_gen(seed, dev), dev)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None,
                               alg="auto_select"):
    d = _float_dtype(dtype, mean)
    dims = _shape(shape, "StatelessTruncatedNormalV2")
    dev = current_device()
    return _truncated(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d,
                      _stateless_gen(seed, dev), dev)


_STATELESS_UNIFORM_T = _UNIFORM_T + (_dt.uint32, _dt.uint64)


def _check_int_bounds(d, minval, maxval, style):
    if (minval is None) != (maxval is None):
        if style == "generator":
            raise ValueError(f"For integer dtype {d}, minval and maxval must be both `None` or both "
                             f"non-`None`; got minval={minval} and maxval={maxval}")
        raise ValueError(f"For integer `dtype` argument {d}, argument `minval` and `maxval` must be "
                         f"both None or not None. Got `minval`={minval} and `maxval`={maxval}.")


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=_dt.float32, name=None,
                      alg="auto_select"):
    """Integer dtypes: both bounds, or both None for the full range (as TF)."""
    d = _dt.as_dtype(dtype)
    if d not in _STATELESS_UNIFORM_T:
        raise ValueError(f"Argument `dtype` got invalid value {d}. Accepted dtypes are (tf.float16, "
                         "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64, tf.uint32, tf.uint64).")
    dev = current_device()
    if d.is_integer:
        _check_int_bounds(d, minval, maxval, "stateless")
        dims = _shape(shape, "StatelessRandomUniformIntV2")
        gen = _stateless_gen(seed, dev)
        if minval is None:
            return _uniform_full_int(dims, d, gen, dev)
        return _uniform_int(dims, minval, maxval, d, gen, dev, "StatelessRandomUniformIntV2")
    dims = _shape(shape, "StatelessRandomUniformV2")
    return _uniform_float(dims, minval, maxval, d, _stateless_gen(seed, dev), dev)


def stateless_categorical(logits, num_samples, seed, dtype=_dt.int64, name=None):
    x = _logits(logits, "StatelessMultinomial")
    return _categorical(x, num_samples, dtype, _stateless_gen(seed, x.device), "StatelessMultinomial")


def stateless_gamma(shape, seed, alpha, beta=None, dtype=_dt.float32, name=None):
    d = _dt.as_dtype(dtype)
    dims = _shape(shape, "StatelessRandomGammaV3")
    dev = current_device()
    return _gamma(dims, alpha, beta, d, _stateless_gen(seed, dev), dev, append=False)


def stateless_poisson(shape, seed, lam, dtype=_dt.int32, name=None):
    d = _dt.as_dtype(dtype)
    dims = _shape(shape, "StatelessRandomPoisson")
    dev = current_device()
    return _poisson(dims, lam, d, _stateless_gen(seed, dev), dev, "StatelessRandomPoisson", append=False)


def _binomial(dims, counts, probs, d, gen, dev):
    c = _args.t(counts)
    p = _args.t(probs)
    td = torch.float64 if _tdtype(p) is torch.float64 else torch.float32
    c = c.to(device=dev, dtype=td)
    p = p.to(device=dev, dtype=td)
    c, p = torch.broadcast_tensors(c, p)
    c, p = c.expand(tuple(dims)), p.expand(tuple(dims))
    return wrap(torch.binomial(c.contiguous(), p.contiguous(), generator=gen).to(d.torch_dtype))


def stateless_binomial(shape, seed, counts, probs, output_dtype=_dt.int32, name=None):
    d = _dt.as_dtype(output_dtype)
    dims = _shape(shape, "StatelessRandomBinomial")
    dev = current_device()
    return _binomial(dims, counts, probs, d, _stateless_gen(seed, dev), dev)


def _seed_dtype(seed):
    """Derived seeds keep an int64 seed tensor's dtype; other seeds give int32 (as TF)."""
    if isinstance(seed, torch.Tensor) and _tdtype(seed) is torch.int64:
        return torch.int64
    return torch.int32


def split(seed, num=2, alg="auto_select"):
    """`num` new seed pairs derived from `seed`: shape [num, 2]."""
    a, b = _seed_pair(seed)
    d = _seed_dtype(seed)
    g = _new_gen("cpu", _mix(_mix(a, 0x5B1D), b))
    lo, hi = (-2 ** 31, 2 ** 31) if d is torch.int32 else (-2 ** 63, 2 ** 63 - 1)
    r = torch.randint(lo, hi, (int(num), 2), generator=g, dtype=d)
    return wrap(r.to(current_device()))


def fold_in(seed, data, alg="auto_select"):
    """A new seed pair derived from `seed` and the integer `data`."""
    a, b = _seed_pair(seed)
    dv = int(data.item() if isinstance(data, torch.Tensor) else data)
    d = _seed_dtype(seed)
    g = _new_gen("cpu", _mix(_mix(a, b), _mix(dv, 0xF01D)))
    lo, hi = (-2 ** 31, 2 ** 31) if d is torch.int32 else (-2 ** 63, 2 ** 63 - 1)
    r = torch.randint(lo, hi, (2,), generator=g, dtype=d)
    return wrap(r.to(current_device()))


# -- Generator -----------------------------------------------------------------------------------

class Algorithm(enum.Enum):
    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


def _alg_value(alg):
    if alg is None:
        return Algorithm.PHILOX.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, str):
        key = alg.upper()
        if key == "AUTO_SELECT":
            return Algorithm.PHILOX.value
        if key in Algorithm.__members__:
            return Algorithm[key].value
        raise ValueError(f"Unsupported algorithm id: {alg}")
    return int(alg)


def _nondeterministic_seed():
    return int.from_bytes(os.urandom(8), "little") & ((1 << 63) - 1)


def create_rng_state(seed, alg):
    """TF's initial state for an algorithm: [seed, 0, 0] (Philox) or [seed, 0] (ThreeFry)."""
    a = _alg_value(alg)
    n = 3 if a == Algorithm.PHILOX.value else 2
    vals = [int(seed)] + [0] * (n - 1)
    return wrap(torch.tensor(vals, dtype=torch.int64, device=current_device()))


class Generator:
    """tf.random.Generator: an object that owns its random stream (one torch.Generator per device)."""

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            self._seed = copy_from._seed
            self._alg = copy_from._alg
            self._gens = {k: _clone_gen(g) for k, g in copy_from._gens.items()}
            self._draws = copy_from._draws
            return
        self._alg = _alg_value(alg)
        if state is not None:
            s = _args.int_list(state)
            self._seed = _mix(s[0], s[1] if len(s) > 1 else 0)
        else:
            self._seed = _nondeterministic_seed()
        self._gens = {}
        self._draws = 0

    @classmethod
    def from_seed(cls, seed, alg=None):
        g = cls.__new__(cls)
        g._alg = _alg_value(alg)
        g._seed = int(seed.item() if isinstance(seed, torch.Tensor) else seed)
        g._gens = {}
        g._draws = 0
        return g

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        return cls(alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        k = _args.int_list(key)
        c = _args.int_list(counter)
        return cls.from_seed(_mix(k[0], c[0] if c else 0), alg)

    def reset_from_seed(self, seed):
        self._seed = int(seed.item() if isinstance(seed, torch.Tensor) else seed)
        self._gens = {}
        self._draws = 0

    def reset(self, state):
        s = _args.int_list(state)
        self.reset_from_seed(_mix(s[0], s[1] if len(s) > 1 else 0))

    def _gen(self, dev):
        key = str(dev)
        g = self._gens.get(key)
        if g is None:
            g = self._gens[key] = _new_gen(dev, _mix(self._seed, 0x6E6))
        self._draws += 1
        return g

    @property
    def algorithm(self):
        return self._alg

    @property
    def state(self):
        """[seed, draws, 0]: identifies the stream position (not TF's Philox counter)."""
        return wrap(torch.tensor([self._seed & ((1 << 63) - 1), self._draws, 0], dtype=torch.int64,
                                 device=current_device()))

    @property
    def key(self):
        return wrap(torch.tensor([self._seed & ((1 << 63) - 1)], dtype=torch.int64, device=current_device()))

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None):
        d = _float_dtype(dtype, mean)
        dims = _shape(shape, "StatefulStandardNormalV2")
        dev = current_device()
        return _normal(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d, self._gen(dev), dev)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None):
        d = _float_dtype(dtype, mean)
        dims = _shape(shape, "StatefulTruncatedNormal")
        dev = current_device()
        return _truncated(dims, _param(mean, d, "mean"), _param(stddev, d, "stddev"), d,
                          self._gen(dev), dev)

    def uniform(self, shape, minval=0, maxval=None, dtype=_dt.float32, name=None):
        """Integer dtypes: both bounds, or both None for the full range."""
        d = _dt.as_dtype(dtype)
        if d not in _STATELESS_UNIFORM_T:
            raise ValueError(f"Argument `dtype` got invalid value {d}.")
        dev = current_device()
        if d.is_integer:
            _check_int_bounds(d, minval, maxval, "generator")
            dims = _shape(shape, "StatefulUniformInt")
            if minval is None:
                return _uniform_full_int(dims, d, self._gen(dev), dev)
            return _uniform_int(dims, minval, maxval, d, self._gen(dev), dev, "StatefulUniformInt")
        dims = _shape(shape, "StatefulUniform")
        return _uniform_float(dims, minval, maxval, d, self._gen(dev), dev)

    def uniform_full_int(self, shape, dtype=_dt.uint64, name=None):
        d = _dt.as_dtype(dtype)
        dev = current_device()
        return _uniform_full_int(_shape(shape, "StatefulUniformFullInt"), d, self._gen(dev), dev)

    def binomial(self, shape, counts, probs, dtype=_dt.int32, name=None):
        dev = current_device()
        return _binomial(_shape(shape, "StatefulRandomBinomial"), counts, probs, _dt.as_dtype(dtype),
                         self._gen(dev), dev)

    def make_seeds(self, count=1):
        """int64 [2, count] seeds for the stateless ops."""
        dev = current_device()
        r = torch.randint(-2 ** 63, 2 ** 63 - 1, (2, int(count)), generator=self._gen(dev),
                          dtype=torch.int64, device=dev)
        return wrap(r)

    def split(self, count=1):
        """`count` new, independent Generators (this one advances)."""
        dev = current_device()
        seeds = torch.randint(0, 2 ** 62, (int(count),), generator=self._gen(dev), dtype=torch.int64,
                              device=dev).tolist()
        return [Generator.from_seed(s, self._alg) for s in seeds]

    def __repr__(self):
        return f"<tfkeras_shim.random.Generator alg={self._alg} seed={self._seed}>"


def _clone_gen(g):
    h = torch.Generator(device=g.device)
    h.set_state(g.get_state())
    return h


def get_global_generator():
    """The global Generator (made from the global seed when one is set)."""
    global _global_generator
    if _global_generator is None:
        if _global_seed is not None:
            _global_generator = Generator.from_seed(_mix(_global_seed, 0x610B))
        else:
            _global_generator = Generator.from_non_deterministic_state()
    return _global_generator


def set_global_generator(generator):
    global _global_generator
    _global_generator = generator


# tf.* top level exports none of these.
__all__ = []
