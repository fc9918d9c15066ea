"""TF array ops (`tf.reshape`, `tf.concat`, `tf.gather`, `tf.one_hot` ...) over torch, with TF semantics.

Differences from TF, on purpose:
* `tf.shape`, `tf.shape_n`, `tf.rank` and `tf.size` return host (CPU) int tensors, as TF keeps
  shape tensors in host memory: reading them back as shape arguments never syncs a GPU.
* `tf.transpose`, `tf.broadcast_to`, `tf.meshgrid`, `tf.unstack`, `tf.split` return torch views
  (no copy); TF copies. Values are the same.
* Out-of-range indices: on CPU `gather`/`gather_nd` raise InvalidArgumentError like TF on CPU;
  on other devices they give zeros like TF on GPU (no host sync). Scatter ops always check.
* tf.string tensors: only shape/rank/size, reshape, identity, expand_dims, concat, stack,
  gather, fill, zeros, zeros_like and unique accept them.
"""
import builtins
import collections
import math
import numbers

import numpy as np
import torch

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.device import current_device
from ..framework.indexed_slices import lookup as _lookup
from ..framework.tensor import StringTensor, convert_to_tensor, wrap, _tdtype, _tshape
from ..framework.tensor_shape import TensorShape
from . import _args
from .indexing import getitem as _getitem

_range = builtins.range
_slice = builtins.slice
_plain_getitem = torch.Tensor.__getitem__
_CPU = torch.device("cpu")
_INDEX_TYPES = (torch.int16, torch.int32, torch.int64)
_INDEX_ALLOWED = "int16, int32, int64"
_SEQ = (list, tuple, TensorShape)


# -- shared helpers -------------------------------------------------------------------------

_t = _args.t


def _dims(shape):
    """TF's `[2,3]` text of a shape."""
    return "[" + ",".join(str(d) for d in shape) + "]"


def _tf_name(torch_dtype):
    return _args.TF_TYPE_NAME.get(torch_dtype, str(torch_dtype))


def _shape_arg(shape, op="Fill"):
    """A shape argument -> list of ints; floats refused and negative sizes refused like TF."""
    if type(shape) in _SEQ:
        for v in shape:
            if type(v) is not int or (v < 0 and op == "Fill"):
                break
        else:
            return shape  # the common case: Python ints
    if isinstance(shape, torch.Tensor):
        d = _tdtype(shape)
        if d not in (torch.int32, torch.int64):
            raise _args.not_allowed(op, d, "int32, int64")
    elif isinstance(shape, (list, tuple)):
        for v in shape:
            if isinstance(v, float):
                raise _args.not_allowed(op, torch.float32, "int32, int64")
    dims = _args.int_list(shape)
    if op == "Fill":
        for d in dims:
            if d is None or d < 0:
                raise errors.invalid_argument(f"Dimension {d} must be >= 0", op)
    return dims


def _host_ints(x):
    """Nested ints (list, numpy, tensor) -> nested Python lists of ints."""
    if isinstance(x, torch.Tensor):
        return x.tolist()
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (list, tuple)):
        return [_host_ints(v) for v in x]
    if isinstance(x, (np.generic,)):
        return x.item()
    return x


def _scalar_int(x, what="value"):
    if isinstance(x, torch.Tensor):
        if x.numel() != 1:
            raise errors.invalid_argument(f"{what} must be a scalar, got shape {_dims(_tshape(x))}")
        return int(x.item())
    if isinstance(x, float):
        raise TypeError(f"Cannot convert {x!r} to EagerTensor of dtype int32")
    return int(x)


def _axis_value(axis):
    if isinstance(axis, torch.Tensor):
        return int(axis.item())
    if isinstance(axis, (list, tuple, np.ndarray)):
        vals = list(np.asarray(axis).reshape(-1))
        if len(vals) != 1:
            raise errors.invalid_argument("'dim' must be a tensor with a single value", "ExpandDims")
        return int(vals[0])
    if isinstance(axis, float):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32")
    return int(axis)


def _py_dtype(v):
    """TF's dtype for a Python scalar (bool, int32/int64, float32), None for anything else."""
    if isinstance(v, np.generic):
        return None
    if isinstance(v, bool):
        return torch.bool
    if isinstance(v, numbers.Integral):
        return torch.int32 if -2 ** 31 <= v < 2 ** 31 else torch.int64
    if isinstance(v, float):
        return torch.float32
    return None


def _tensor_list(values, op):
    """TF's conversion of a list input (`concat`, `stack`, `where`'s x/y): one dtype for all.

    The first tensor fixes the dtype (else the first converted value); Python values are
    converted to it strictly (TypeError when lossy), numpy values are cast; two tensors of
    different dtypes are an InvalidArgumentError.
    """
    ref = None
    for v in values:
        if isinstance(v, torch.Tensor):
            ref = _tdtype(v)
            break
    out = []
    for i, v in enumerate(values):
        if isinstance(v, torch.Tensor):
            d = _tdtype(v)
            if d is not ref:
                raise errors.invalid_argument(
                    f"cannot compute {op} as input #{i}(zero-based) was expected to be a "
                    f"{_tf_name(ref)} tensor but is a {_tf_name(d)} tensor", op)
        elif ref is None:
            v = convert_to_tensor(v)
            if isinstance(v, StringTensor):
                raise TypeError(f"{op} of tf.string tensors mixed with other values is not supported")
            ref = _tdtype(v)
        elif isinstance(v, (np.ndarray, np.generic)):
            v = _args.t_hint(v, ref)
        else:  # conversion refuses lossy Python values (`[2.]` -> int32) like TF
            v = convert_to_tensor(v, dtype=_dt.from_torch(ref))
        out.append(v)
    return out


def _index_tensor(indices, op):
    """Indices argument -> tensor with an allowed index dtype (int16/int32/int64)."""
    idx = _t(indices)
    d = _tdtype(idx)
    if d not in _INDEX_TYPES:
        raise errors.invalid_argument(
            f"Value for attr 'Tindices' of {_tf_name(d)} is not in the list of allowed values: "
            f"{_INDEX_ALLOWED}\n\t; NodeDef: {{{{node {op}}}}}", op)
    return idx


# -- dtype, identity ------------------------------------------------------------------------

def cast(x, dtype, name=None):
    """tf.cast: float->int truncates toward zero; complex->real keeps the real part."""
    d = _dt.as_dtype(dtype)
    if isinstance(x, StringTensor):
        if d is _dt.string:
            return x
        raise errors.UnimplementedError(None, None, f"Cast string to {d.name} is not supported [Op:Cast]")
    x = _t(x)
    src = _tdtype(x)
    if d.torch_dtype is None:
        raise errors.UnimplementedError(
            None, None, f"Cast {_dt.from_torch(src).name} to {d.name} is not supported [Op:Cast]")
    want = d.torch_dtype
    if src is want:
        return convert_to_tensor(x)
    if src.is_complex and not want.is_complex:
        x = x.real
    return wrap(x.to(want))


def identity(input, name=None):  # noqa: A002 - TF name
    """tf.identity: a new tensor (differentiable); a Variable's value is snapshotted."""
    if isinstance(input, StringTensor):
        return StringTensor(input._a)
    x = _t(input)
    if isinstance(x, torch.nn.Parameter):
        return wrap(x.clone())
    return wrap(x.view_as(x))


def identity_n(input, name=None):  # noqa: A002
    return [identity(v) for v in input]


def stop_gradient(input, name=None):  # noqa: A002
    """tf.stop_gradient: the value detached from autograd (a Variable's value is snapshotted)."""
    x = _t(input)
    if isinstance(x, torch.nn.Parameter):
        return wrap(x.detach().clone())
    return wrap(x.detach())


def ensure_shape(x, shape, name=None):
    x = _t(x)
    want = TensorShape(shape)
    have = TensorShape(_tshape(x))
    if not have.is_compatible_with(want):
        expected = "[" + ",".join("?" if d is None else str(d) for d in want) + "]"
        raise errors.invalid_argument(
            f"Shape of tensor input {_dims(have)} is not compatible with expected shape {expected}.",
            "EnsureShape")
    return convert_to_tensor(x)


# -- creation -------------------------------------------------------------------------------

def zeros(shape, dtype=_dt.float32, name=None, layout=None):
    dims = _shape_arg(shape)
    d = _dt.as_dtype(dtype)
    if d is _dt.string:
        return StringTensor(np.full(dims, b"", dtype=object))
    return wrap(torch.zeros(dims, dtype=d.torch_dtype, device=current_device()))


def ones(shape, dtype=_dt.float32, name=None, layout=None):
    dims = _shape_arg(shape)
    return wrap(torch.ones(dims, dtype=_args.torch_dtype(dtype), device=current_device()))


def zeros_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    if isinstance(input, StringTensor):
        return StringTensor(np.full(input._a.shape, b"", dtype=object))
    x = _t(input)
    d = _tdtype(x) if dtype is None else _args.torch_dtype(dtype)
    return wrap(torch.zeros(_tshape(x), dtype=d, device=x.device))


def ones_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    x = _t(input)
    d = _tdtype(x) if dtype is None else _args.torch_dtype(dtype)
    return wrap(torch.ones(_tshape(x), dtype=d, device=x.device))


def fill(dims, value, name=None, layout=None):
    """tf.fill: the dtype is the value's (Python int -> int32, float -> float32)."""
    shape_ = _shape_arg(dims)
    d = _py_dtype(value)
    if d is not None:
        return wrap(torch.full(shape_, value, dtype=d, device=current_device()))
    v = _t(value)
    if isinstance(v, StringTensor):
        return StringTensor(np.full(shape_, v._a.reshape(()).item(), dtype=object))
    if v.numel() != 1:
        raise errors.invalid_argument(f"value must be a scalar, got shape {_dims(_tshape(v))}", "Fill")
    return wrap(v.detach().reshape(()).expand(shape_).contiguous())


def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    n = _scalar_int(num_rows)
    m = n if num_columns is None else _scalar_int(num_columns)
    for v in (n, m):
        if v < 0:
            raise errors.invalid_argument(f"Dimension {v} must be >= 0", "Fill")
    r = torch.eye(n, m, dtype=_args.torch_dtype(dtype), device=current_device())
    if batch_shape is not None:
        b = _shape_arg(batch_shape)
        r = r.expand(*b, n, m).contiguous()
    return wrap(r)


# TF's dtype order for range's inferred dtype.
_RANGE_ORDER = {torch.int32: 0, torch.int64: 1, torch.float32: 2, torch.float64: 3}


def _range_scalar(v):
    """A range argument -> (Python number, torch dtype as TF infers it)."""
    if isinstance(v, torch.Tensor):
        return v.item(), _tdtype(v)
    if isinstance(v, (np.generic, np.ndarray)):
        a = np.asarray(v)
        return a.item(), _dt.as_dtype(a.dtype).torch_dtype
    d = _py_dtype(v)
    return v, (d if d is not None else _tdtype(convert_to_tensor(v)))


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF name
    """tf.range: int32 for Python ints, float32 for floats; size and values computed in the dtype."""
    if limit is None:
        start, limit = 0, start
    vals, dts = [], []
    for v in (start, limit, delta):
        n, d = _range_scalar(v)
        vals.append(n)
        dts.append(d)
    if dtype is not None:
        d = _args.torch_dtype(dtype)
    else:
        d = builtins.max(dts, key=lambda t_: _RANGE_ORDER.get(t_, 0))
    s, lim, dl = vals
    if dl == 0:
        raise errors.invalid_argument(f"Requires delta != 0: {dl}", "Range")
    if dl > 0 and s > lim:
        raise errors.invalid_argument(f"Requires start <= limit when delta > 0: {s}/{lim}", "Range")
    if dl < 0 and s < lim:
        raise errors.invalid_argument(f"Requires start >= limit when delta < 0: {s}/{lim}", "Range")
    dev = current_device()
    if d.is_floating_point:
        npd = np.float64 if d is torch.float64 else np.float32
        s_, l_, d_ = npd(s), npd(lim), npd(dl)
        count = int(np.ceil(np.abs((l_ - s_) / d_)))
        r = torch.arange(count, dtype=d, device=dev)
        return wrap(r.mul_(float(d_)).add_(float(s_)))
    return wrap(torch.arange(int(s), int(lim), int(dl), dtype=d, device=dev))


def linspace(start, stop, num, name=None, axis=0):
    """tf.linspace: `start + i*delta`, last value exactly `stop`; int inputs give float64."""
    a = _t(start)
    if isinstance(stop, torch.Tensor):
        b = stop
    else:
        b = _args.t_hint(stop, _tdtype(a))
    if _tdtype(a) in _dt.INTEGER:
        a, b = a.double(), b.double()
    if _tdtype(b) is not _tdtype(a):
        b = b.to(_tdtype(a))
    n = _scalar_int(num)
    a, b = torch.broadcast_tensors(a, b)
    rank = a.dim() + 1
    ax = _args.axis1(axis, rank, "LinSpace")
    d = _tdtype(a)
    delta = (b - a) / builtins.max(n - 1, 1)
    steps = torch.arange(builtins.max(n - 1, 0), dtype=d, device=a.device)
    view = [1] * rank
    view[ax] = -1
    steps = steps.reshape(view)
    a1, b1, dl1 = a.unsqueeze(ax), b.unsqueeze(ax), delta.unsqueeze(ax)
    if n <= 1:
        return wrap(a1.narrow(ax, 0, 0).clone() if n == 0 else a1.clone())
    return wrap(torch.cat([a1 + dl1 * steps, b1], dim=ax))


# -- shape queries --------------------------------------------------------------------------

def _shape_of(x):
    if isinstance(x, StringTensor):
        return tuple(x._a.shape)
    if isinstance(x, torch.Tensor):
        return tuple(_tshape(x))
    x = _t(x)
    return tuple(x._a.shape) if isinstance(x, StringTensor) else tuple(_tshape(x))


def shape(input, out_type=None, name=None):  # noqa: A002
    """tf.shape: an int32 (or `out_type`) tensor, kept on the host like TF's shape tensors."""
    d = torch.int32 if out_type is None else _args.torch_dtype(out_type)
    return wrap(torch.tensor(_shape_of(input), dtype=d, device=_CPU))


def shape_n(input, out_type=None, name=None):  # noqa: A002
    return [shape(v, out_type) for v in input]


def rank(input, name=None):  # noqa: A002
    return wrap(torch.tensor(len(_shape_of(input)), dtype=torch.int32, device=_CPU))


def size(input, out_type=None, name=None):  # noqa: A002
    d = torch.int32 if out_type is None else _args.torch_dtype(out_type)
    n = 1
    for s in _shape_of(input):
        n *= s
    return wrap(torch.tensor(n, dtype=d, device=_CPU))


# -- reshaping ------------------------------------------------------------------------------

def _resolve_shape(n, dims):
    """TF's reshape rules for a target shape (one -1 allowed) -> concrete dims, or raise."""
    if -1 not in dims and min(dims, default=0) >= 0 and math.prod(dims) == n:
        return dims
    unknown = -1
    known = 1
    for i, v in enumerate(dims):
        if v == -1:
            if unknown != -1:
                raise errors.invalid_argument(
                    f"Only one input size may be -1, not both {unknown} and {i}", "Reshape")
            unknown = i
        elif v < 0:
            raise errors.invalid_argument(f"Size {i} must be non-negative, not {v}", "Reshape")
        else:
            known *= v
    if unknown == -1:
        if known != n:
            raise errors.invalid_argument(
                f"Input to reshape is a tensor with {n} values, but the requested shape has {known}",
                "Reshape")
        return dims
    if known == 0:
        if n != 0:
            raise errors.invalid_argument(
                f"Input to reshape is a tensor with {n} values, but the requested shape has 0",
                "Reshape")
        missing = 1
    else:
        if n % known:
            raise errors.invalid_argument(
                f"Input to reshape is a tensor with {n} values, but the requested shape requires "
                f"a multiple of {known}", "Reshape")
        missing = n // known
    dims = list(dims)
    dims[unknown] = missing
    return dims


def reshape(tensor, shape, name=None):  # noqa: F811 - TF argument name
    dims = _shape_arg(shape, "Reshape")
    if isinstance(tensor, StringTensor):
        a = tensor._a
        return StringTensor(a.reshape(_resolve_shape(a.size, dims)))
    x = _t(tensor)
    if isinstance(x, StringTensor):
        return reshape(x, dims)
    return wrap(x.reshape(_resolve_shape(x.numel(), dims)))


def transpose(a, perm=None, conjugate=False, name="transpose"):
    x = _t(a)
    nd = x.dim()
    if perm is None:
        p = list(_range(nd - 1, -1, -1))
    else:
        p = _args.int_list(perm)
        if len(p) != nd:
            raise errors.invalid_argument(
                f"transpose expects a vector of size {nd}. But input(1) is a vector of size {len(p)}",
                "Transpose")
        for v in p:
            if not -nd <= v < nd:
                raise errors.invalid_argument(f"{v} is out of range [0 .. {nd})", "Transpose")
        p = [v % nd for v in p]
        for i in _range(nd):
            if i not in p:
                raise errors.invalid_argument(
                    f"{i} is missing from {{{','.join(map(str, p))}}}.", "Transpose")
    r = x.permute(p)
    if conjugate and _tdtype(x).is_complex:
        r = torch.conj_physical(r)
    return wrap(r)


def expand_dims(input, axis, name=None):  # noqa: A002
    if isinstance(input, StringTensor):
        return StringTensor(np.expand_dims(input._a, _axis_value(axis)))
    x = _t(input)
    ax = _axis_value(axis)
    nd = x.dim()
    if not -nd - 1 <= ax <= nd:
        raise errors.invalid_argument(
            f"Tried to expand dim index {ax} for tensor with {nd} dimensions.", "ExpandDims")
    return wrap(x.unsqueeze(ax))


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    """tf.squeeze: `axis` None or [] squeezes every size-1 dim; a listed dim must have size 1."""
    if axis is None:
        axis = squeeze_dims
    x = _t(input)
    if axis is None:
        return wrap(x.squeeze())
    ax = [axis] if isinstance(axis, numbers.Integral) else _args.int_list(axis)
    if not ax:
        return wrap(x.squeeze())
    nd = x.dim()
    dims = _tshape(x)
    norm = []
    for a in ax:
        if not -nd <= a < nd:
            raise errors.invalid_argument(
                f"Tried to squeeze dim index {a} for tensor with {nd} dimensions.", "Squeeze")
        a %= nd
        if dims[a] != 1:
            raise errors.invalid_argument(
                f"Can not squeeze dim[{a}], expected a dimension of 1, got {dims[a]}", "Squeeze")
        norm.append(a)
    return wrap(x.squeeze(tuple(norm)))


def broadcast_to(input, shape, name=None):  # noqa: A002
    """tf.broadcast_to (a torch view: no copy)."""
    x = _t(input)
    dims = _shape_arg(shape, "BroadcastTo")
    src = _tshape(x)
    if len(src) > len(dims):
        raise errors.invalid_argument(
            f"Rank of input ({len(src)}) must be no greater than rank of output shape ({len(dims)}).",
            "BroadcastTo")
    for s, t_ in zip(reversed(src), reversed(dims)):
        if s != t_ and s != 1:
            raise errors.invalid_argument(f"Incompatible shapes: {_dims(src)} vs. {_dims(dims)}",
                                          "BroadcastTo")
    return wrap(x.expand(dims))


def broadcast_static_shape(shape_x, shape_y):
    a, b = TensorShape(shape_x), TensorShape(shape_y)
    try:
        return TensorShape(torch.broadcast_shapes(tuple(a), tuple(b)))
    except RuntimeError:
        raise ValueError(f"Incompatible shapes for broadcasting. Two shapes are compatible if for "
                         f"each dimension pair they are either equal or one of them is 1. Received: "
                         f"{a} and {b}.") from None


def broadcast_dynamic_shape(shape_x, shape_y):
    a, b = _args.int_list(shape_x), _args.int_list(shape_y)
    d = _tdtype(shape_x) if isinstance(shape_x, torch.Tensor) else torch.int32
    try:
        r = torch.broadcast_shapes(tuple(a), tuple(b))
    except RuntimeError:
        raise errors.invalid_argument(f"Incompatible shapes: {_dims(a)} vs. {_dims(b)}",
                                      "BroadcastArgs") from None
    return wrap(torch.tensor(tuple(r), dtype=d, device=_CPU))


# -- joining and splitting ------------------------------------------------------------------

def concat(values, axis, name="concat"):
    if isinstance(values, (torch.Tensor, StringTensor)):
        return identity(values)
    if type(values) not in (list, tuple):
        values = list(values)
    if not values:
        raise errors.invalid_argument("ConcatV2 needs at least one input tensor", "ConcatV2")
    d0 = _tdtype(values[0]) if isinstance(values[0], torch.Tensor) else None
    if d0 is not None and all(isinstance(v, torch.Tensor) and _tdtype(v) is d0 for v in values):
        ts = values  # the common case: tensors of one dtype
    elif any(isinstance(v, StringTensor) for v in values):
        arrs = [v._a if isinstance(v, StringTensor) else _t(v)._a for v in values]
        return StringTensor(np.concatenate(arrs, axis=_axis_value(axis)))
    else:
        ts = _tensor_list(values, "ConcatV2")
    nd = ts[0].dim()
    if nd == 0:
        raise errors.invalid_argument("ConcatOp : Can't concatenate scalars (use tf.stack instead)",
                                      "ConcatV2")
    ax = axis if type(axis) is int else _axis_value(axis)
    if not -nd <= ax < nd:
        raise errors.invalid_argument(
            f"ConcatOp : Expected concatenating dimensions in the range [{-nd}, {nd}), but got {ax}",
            "ConcatV2")
    if len(ts) == 1:
        return wrap(ts[0].view_as(ts[0]))
    try:
        return wrap(torch.cat(ts, dim=ax))
    except RuntimeError:
        raise _concat_error(ts, ax % nd) from None


def _concat_error(ts, ax):
    s0 = _tshape(ts[0])
    for i, t_ in enumerate(ts[1:], 1):
        s = _tshape(t_)
        if len(s) != len(s0):
            return errors.invalid_argument(
                f"ConcatOp : Ranks of all input tensors should match: shape[0] = {_dims(s0)} vs. "
                f"shape[{i}] = {_dims(s)}", "ConcatV2")
        for j, (p, q) in enumerate(zip(s0, s)):
            if j != ax and p != q:
                return errors.invalid_argument(
                    f"ConcatOp : Dimension {j} in both shapes must be equal: shape[0] = {_dims(s0)} "
                    f"vs. shape[{i}] = {_dims(s)}", "ConcatV2")
    return errors.invalid_argument("ConcatOp : inputs are on different devices", "ConcatV2")


def stack(values, axis=0, name="stack"):
    values = list(values) if not isinstance(values, torch.Tensor) else list(torch.unbind(values))
    if any(isinstance(v, StringTensor) for v in values):
        return StringTensor(np.stack([v._a if isinstance(v, StringTensor) else np.asarray(v, object)
                                      for v in values], axis=_axis_value(axis)))
    if axis == 0 and not any(isinstance(v, torch.Tensor) for v in values):
        # TF converts a constant list as a whole first (so `[1, 2.]` is float32).
        try:
            r = convert_to_tensor(values)
        except (TypeError, ValueError):
            r = None
        if r is not None:
            return r
    ts = _tensor_list(values, "Pack")
    nd = ts[0].dim() + 1
    ax = _axis_value(axis)
    if not -nd <= ax < nd:
        raise ValueError(f"Argument `axis` = {ax} not in range [{-nd}, {nd})")
    s0 = _tshape(ts[0])
    for i, t_ in enumerate(ts[1:], 1):
        if _tshape(t_) != s0:
            raise errors.invalid_argument(
                f"Shapes of all inputs must match: values[0].shape = {_dims(s0)} != "
                f"values[{i}].shape = {_dims(_tshape(t_))}", "Pack")
    return wrap(torch.stack(ts, dim=ax))


def unstack(value, num=None, axis=0, name="unstack"):
    x = _t(value)
    nd = x.dim()
    ax = _axis_value(axis)
    if not -nd <= ax < nd:
        raise ValueError(f"Argument `axis` = {ax} not in range [{-nd}, {nd})")
    ax %= nd
    if num is not None and _tshape(x)[ax] != num:
        raise errors.invalid_argument(
            f"Input shape axis {ax} must equal {num}, got shape {_dims(_tshape(x))}", "Unpack")
    return [wrap(t_) for t_ in torch.unbind(x, ax)]


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """tf.split: an int splits evenly; a list gives sizes (one may be -1)."""
    x = _t(value)
    nd = x.dim()
    ax = _axis_value(axis)
    sizes = num_or_size_splits
    is_int = isinstance(sizes, numbers.Integral) or (
        isinstance(sizes, (torch.Tensor, np.ndarray)) and sizes.ndim == 0)
    op = "Split" if is_int else "SplitV"
    if not -nd <= ax < nd:
        raise errors.invalid_argument(
            f"-input rank(-{nd}) <= split_dim < input rank ({nd}), but got {ax}", op)
    n = _tshape(x)[ax]
    if is_int:
        k = int(sizes)
        if k < 1:
            raise errors.invalid_argument(
                f"Value for attr 'num_split' of {k} must be at least minimum 1", op)
        if n % k:
            raise errors.invalid_argument(
                f"Number of ways to split should evenly divide the split dimension, but got "
                f"split_dim {ax % nd} (size = {n}) and num_split {k}", op)
        return [wrap(t_) for t_ in torch.split(x, n // k, dim=ax)]
    sz = _args.int_list(sizes)
    if not sz:
        raise errors.invalid_argument("Value for attr 'num_split' of 0 must be at least minimum 1", op)
    neg = [i for i, s in enumerate(sz) if s == -1]
    if len(neg) > 1:
        raise errors.invalid_argument("There can only be one -1 in the input.", op)
    for i, s in enumerate(sz):
        if s < -1:
            raise errors.invalid_argument(f"Split size at index {i} must be >= 0. Got: {s}", op)
    total = builtins.sum(s for s in sz if s != -1)
    if (neg and total > n) or (not neg and total != n):
        raise errors.invalid_argument(
            "Determined shape must either match input shape along split_dim exactly if fully "
            "specified, or be less than the size of the input along split_dim if not fully "
            f"specified.  Got: {total}", op)
    if neg:
        sz[neg[0]] = n - total
    return [wrap(t_) for t_ in torch.split(x, sz, dim=ax)]


def tile(input, multiples, name=None):  # noqa: A002
    x = _t(input)
    m = _args.int_list(multiples)
    nd = x.dim()
    if len(m) != nd:
        raise errors.invalid_argument(
            f"Expected multiples argument to be a vector of length {nd} but got length {len(m)}", "Tile")
    for i, v in enumerate(m):
        if v < 0:
            raise errors.invalid_argument(f"Expected multiples[{i}] >= 0, but got {v}", "Tile")
    return wrap(x.repeat(m) if nd else x.clone())


def repeat(input, repeats, axis=None, name=None):  # noqa: A002
    """tf.repeat: `axis=None` repeats the flattened input."""
    x = _t(input)
    if axis is None:
        x = x.reshape(-1)
        ax = 0
    else:
        ax = _args.axis1(axis, x.dim(), "Repeat")
    if isinstance(repeats, numbers.Integral):
        return wrap(torch.repeat_interleave(x, int(repeats), dim=ax))
    r = _args.int_list(repeats)
    n = _tshape(x)[ax]
    if len(r) == 1:
        return wrap(torch.repeat_interleave(x, r[0], dim=ax))
    if len(r) != n:
        raise ValueError(f"Dimensions {n} and {len(r)} are not compatible")
    rt = torch.tensor(r, dtype=torch.int64, device=x.device)
    return wrap(torch.repeat_interleave(x, rt, dim=ax, output_size=builtins.sum(r)))


# -- padding, reversing, rolling --------------------------------------------------------------

def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """tf.pad: CONSTANT (with `constant_values`), REFLECT and SYMMETRIC, any rank and dtype."""
    x = _t(tensor)
    m = str(mode).upper()
    if m not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or '
                         f'"SYMMETRIC". Received `mode` = {mode}')
    p = np.asarray(_host_ints(paddings), dtype=np.int64)
    nd = x.dim()
    op = "Pad" if m == "CONSTANT" else "MirrorPad"
    if p.ndim != 2 or p.shape[0] != nd or p.shape[1] != 2:
        raise errors.invalid_argument(
            f"The first dimension of paddings must be the rank of inputs{_dims(p.shape)} "
            f"{_dims(_tshape(x))}", op)
    p = p.tolist()
    for lo, hi in p:
        if lo < 0 or hi < 0:
            raise errors.invalid_argument(f"Paddings must be non-negative: {lo} {hi}", op)
    if m == "CONSTANT":
        if isinstance(constant_values, torch.Tensor):
            value = constant_values.item()
        else:
            if constant_values != 0:
                convert_to_tensor(constant_values, dtype=_dt.from_torch(_tdtype(x)))  # TF's check
            value = constant_values
        flat = [v for lo_hi in reversed(p) for v in lo_hi]
        return wrap(torch.nn.functional.pad(x, flat, value=value))
    dims = _tshape(x)
    r = x
    for ax, (lo, hi) in enumerate(p):
        if not lo and not hi:
            continue
        n = dims[ax]
        if m == "REFLECT" and (lo >= n or hi >= n):
            raise errors.invalid_argument(
                f"paddings must be less than the dimension size: {lo}, {hi} not less than {n}", op)
        if m == "SYMMETRIC" and (lo > n or hi > n):
            raise errors.invalid_argument(
                f"paddings must be no greater than the dimension size: {lo}, {hi} greater than {n}", op)
        idx = torch.arange(-lo, n + hi, device=x.device)
        if m == "REFLECT":
            idx = idx.abs()
            idx = torch.where(idx > n - 1, 2 * (n - 1) - idx, idx)
        else:
            idx = torch.where(idx < 0, -idx - 1, idx)
            idx = torch.where(idx > n - 1, 2 * n - 1 - idx, idx)
        r = torch.index_select(r, ax, idx)
    return wrap(r)


def reverse(tensor, axis, name=None):
    x = _t(tensor)
    if isinstance(axis, numbers.Integral) or (isinstance(axis, torch.Tensor) and axis.dim() == 0):
        raise errors.invalid_argument("'dims' must be 1-dimension, not 0", "ReverseV2")
    ax = _args.int_list(axis)
    nd = x.dim()
    seen = set()
    for i, a in enumerate(ax):
        if not -nd <= a < nd:
            raise errors.invalid_argument(
                f"'axis'[{i}] = {a} is out of valid range [0, {nd - 1}", "ReverseV2")
        a %= nd
        if a in seen:
            raise errors.invalid_argument(f"axis {a} specified more than once.", "ReverseV2")
        seen.add(a)
    return wrap(torch.flip(x, tuple(seen)))


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None):  # noqa: A002
    """tf.reverse_sequence: reverses the first `seq_lengths[b]` entries of each batch row."""
    x = _t(input)
    nd = x.dim()
    sa = _args.axis1(seq_axis if seq_axis is not None else 1, nd, "ReverseSequence")
    ba = _args.axis1(batch_axis if batch_axis is not None else 0, nd, "ReverseSequence")
    lengths = _t(seq_lengths)
    dims = _tshape(x)
    if lengths.dim() != 1 or _tshape(lengths)[0] != dims[ba]:
        raise errors.invalid_argument(
            f"Length of seq_lengths != input.dims({ba}), ({_tshape(lengths)[0] if lengths.dim() else 0}"
            f" vs. {dims[ba]})", "ReverseSequence")
    lengths = lengths.to(device=x.device, dtype=torch.int64)
    if lengths.numel():
        lo, hi = torch.aminmax(lengths)
        if int(hi) > dims[sa]:
            i = int(torch.nonzero(lengths > dims[sa])[0, 0])
            raise errors.invalid_argument(f"seq_lens({i}) > input.dims({sa})", "ReverseSequence")
        if int(lo) < 0:
            raise errors.invalid_argument("seq_lens must be non-negative", "ReverseSequence")
    j = torch.arange(dims[sa], device=x.device)
    L = lengths.unsqueeze(1)
    src = torch.where(j < L, L - 1 - j, j)  # [batch, seq]
    if ba > sa:
        src = src.t()
    view = [1] * nd
    view[ba], view[sa] = dims[ba], dims[sa]
    src = src.reshape(view).expand(dims)
    return wrap(torch.gather(x, sa, src))


def roll(input, shift, axis, name=None):  # noqa: A002
    x = _t(input)
    sh = _args.int_list(shift)
    ax = _args.int_list(axis)
    if len(sh) != len(ax):
        raise errors.invalid_argument("shift and axis must have the same size", "Roll")
    nd = x.dim()
    for a in ax:
        if not -nd <= a < nd:
            raise errors.invalid_argument(f"axis {a} is out of range", "Roll")
    return wrap(torch.roll(x, sh, ax))


# -- slicing --------------------------------------------------------------------------------

def slice(input_, begin, size, name=None):  # noqa: A001 - TF name
    x = _t(input_)
    b = _args.int_list(begin)
    s = _args.int_list(size)
    nd = x.dim()
    if len(b) != nd or len(s) != nd:
        raise errors.invalid_argument(
            f"Expected begin and size arguments to be 1-D tensors of size {nd}, but got shapes "
            f"[{len(b)}] and [{len(s)}] instead.", "Slice")
    dims = _tshape(x)
    key = []
    for i, (bi, si, n) in enumerate(zip(b, s, dims)):
        if si == -1:
            si = n - bi
        if not 0 <= bi <= n:
            raise errors.invalid_argument(f"Expected begin[{i}] in [0, {n}], but got {bi}", "Slice")
        if not 0 <= si <= n - bi:
            raise errors.invalid_argument(f"Expected size[{i}] in [0, {n - bi}], but got {si}", "Slice")
        key.append(_slice(bi, bi + si))
    return wrap(_plain_getitem(x, tuple(key)))


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """tf.strided_slice, built as the equivalent Python index (same rules as `tensor[...]`)."""
    x = _t(input_)
    b = _args.int_list(begin)
    e = _args.int_list(end)
    st = [1] * len(b) if strides is None else _args.int_list(strides)
    key = []
    for i, (bi, ei, si) in enumerate(zip(b, e, st)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(bi)
        else:
            if si == 0:
                raise errors.invalid_argument(f"strides[{i}] must be non-zero", "StridedSlice")
            key.append(_slice(None if begin_mask & bit else bi, None if end_mask & bit else ei, si))
    return _getitem(x, tuple(key))


# -- gathering ------------------------------------------------------------------------------

def _raises_on_bad_index(idx):
    """TF on CPU raises for out-of-range gather indices; on GPU it returns zeros (no sync)."""
    return idx.device.type == "cpu"


def _host_array(idx):
    return idx.detach().cpu().numpy()


def _check_gather_bounds(idx, n, op):
    """Raise TF's out-of-range error for the first index outside [0, n), if any."""
    a = _host_array(idx)
    bad = (a < 0) | (a >= n)
    if bad.any():
        pos = tuple(int(q) for q in np.argwhere(bad)[0])
        where_ = "[" + ",".join(map(str, pos)) + "]" if a.ndim else ""
        raise errors.invalid_argument(f"indices{where_} = {int(a[pos])} is not in [0, {n})", op)


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """tf.gather with `axis` and `batch_dims`."""
    if isinstance(params, StringTensor):
        idx = _index_tensor(indices, "GatherV2")
        ax = 0 if axis is None else _axis_value(axis)
        return StringTensor(np.take(params._a, idx.cpu().numpy(), axis=ax))
    p = _t(params)
    idx = _index_tensor(indices, "GatherV2")
    bd = int(batch_dims)
    if bd < 0:
        bd += idx.dim()
    ax = bd if axis is None else _axis_value(axis)
    pd = p.dim()
    if ax < 0:
        ax += pd
    if ax >= pd or ax < 0:
        raise errors.invalid_argument(f"Shape must be at least rank {ax + 1} but is rank {pd}", "GatherV2")
    if bd > ax:
        raise errors.invalid_argument(f"batch_dims ({bd}) must be less than or equal to axis ({ax}).",
                                      "GatherV2")
    ps, is_ = _tshape(p), _tshape(idx)
    for i in _range(bd):
        if ps[i] != is_[i]:
            raise errors.invalid_argument(
                f"params.shape[{i}]: {ps[i]} should be equal to indices.shape[{i}]: {is_[i]}", "GatherV2")
    n = ps[ax]
    valid = None
    if not _raises_on_bad_index(idx):  # TF on GPU: out-of-range indices give zeros
        valid = (idx >= 0) & (idx < n)
        idx = torch.where(valid, idx, 0)
    try:
        return _gather(p, idx, ax, bd, ps, is_, n, valid)
    except (IndexError, RuntimeError):
        # torch's CPU kernels check bounds; report the bad index as TF does
        _check_gather_bounds(idx, n, "GatherV2")
        raise


def _gather(p, idx, ax, bd, ps, is_, n, valid):
    pd = len(ps)
    if idx.device != p.device:
        idx = idx.to(p.device)
    if _tdtype(idx) is torch.int16:
        idx = idx.long()
    out_shape = tuple(ps[:ax]) + tuple(is_[bd:]) + tuple(ps[ax + 1:])
    if bd == 0:
        if ax == 0 and pd == 2 and p.requires_grad and p.is_leaf:
            r = _lookup(idx, p)  # IndexedSlices gradient, as TF gives for a gathered variable
        else:
            r = torch.index_select(p, ax, idx.reshape(-1)).reshape(out_shape)
        if valid is not None:
            v = valid.reshape((1,) * ax + tuple(is_) + (1,) * (pd - ax - 1))
            r = r * v if _tdtype(r) is not torch.bool else r & v
        return wrap(r)
    b = 1
    for s in ps[:bd]:
        b *= s
    m = 1
    for s in ps[bd:ax]:
        m *= s
    t_ = 1
    for s in ps[ax + 1:]:
        t_ *= s
    k = idx.numel() // b if b else 0
    if _tdtype(idx) is not torch.int64:
        idx = idx.long()
    p4 = p.reshape(b, m, n, t_)
    i4 = idx.reshape(b, 1, k, 1).expand(b, m, k, t_)
    r = torch.gather(p4, 2, i4)
    if valid is not None:
        v = valid.reshape(b, 1, k, 1)
        r = r * v if _tdtype(r) is not torch.bool else r & v
    return wrap(r.reshape(out_shape))


def _nd_linear(idx, dims, op, shape_word, check=None):
    """Indices [..., k] into `dims` -> linear int64 indices [...]; CPU raises TF's error on a bad one.

    Returns (linear, valid) where `valid` is None on CPU (checked) or a mask elsewhere.
    """
    k = len(dims)
    idx = idx.long() if _tdtype(idx) is not torch.int64 else idx
    lead = tuple(_tshape(idx)[:-1])
    if k == 0:
        return torch.zeros(lead, dtype=torch.int64, device=idx.device), None
    valid = None
    if check or (check is None and _raises_on_bad_index(idx)):
        a = _host_array(idx)
        bad = ((a < 0) | (a >= np.asarray(dims))).any(-1)
        if bad.any():
            pos = tuple(int(q) for q in np.argwhere(bad)[0])
            vals = ", ".join(str(int(v)) for v in a[pos])
            msg = (f"indices[{','.join(map(str, pos))}] = [{vals}] does not index into "
                   f"{shape_word} {_dims(dims)}")
            raise errors.invalid_argument(msg + (", node name: GatherNd" if op == "GatherNd" else ""), op)
    else:
        lim = torch.tensor(dims, dtype=torch.int64, device=idx.device)
        valid = ~((idx < 0) | (idx >= lim)).any(-1)
        idx = torch.where(valid.unsqueeze(-1), idx, 0)
    lin = idx.select(-1, 0)
    for j in _range(1, k):
        lin = torch.add(idx.select(-1, j), lin, alpha=dims[j])
    return lin, valid


def gather_nd(params, indices, batch_dims=0, name=None):
    """tf.gather_nd with `batch_dims`."""
    p = _t(params)
    idx = _index_tensor(indices, "GatherNd")
    bd = int(batch_dims)
    ps = tuple(_tshape(p))
    if idx.dim() == 0:
        raise errors.invalid_argument("indices must be at least a vector", "GatherNd")
    k = _tshape(idx)[-1]
    if k > len(ps) - bd:
        raise errors.invalid_argument(
            f"index innermost dimension length must be <= params rank; saw: {k} vs. {len(ps)}", "GatherNd")
    if idx.device != p.device:
        idx = idx.to(p.device)
    lin, valid = _nd_linear(idx, list(ps[bd:bd + k]), "GatherNd", "param shape")
    rest = ps[bd + k:]
    B = 1
    for s in ps[:bd]:
        B *= s
    inner = 1
    for s in ps[bd:bd + k]:
        inner *= s
    tail = 1
    for s in rest:
        tail *= s
    lead = tuple(_tshape(idx)[:-1])
    if bd == 0:
        r = torch.index_select(p.reshape(inner, tail), 0, lin.reshape(-1))
    else:
        lf = lin.reshape(B, -1) if B else lin.reshape(0, 0)
        r = torch.gather(p.reshape(B, inner, tail), 1, lf.unsqueeze(-1).expand(B, lf.shape[1], tail))
    r = r.reshape(lead + rest)
    if valid is not None:
        v = valid.reshape(lead + (1,) * len(rest))
        r = r * v if _tdtype(r) is not torch.bool else r & v
    return wrap(r)


def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """tf.boolean_mask (a data-dependent shape: one host sync, as in TF)."""
    x = _t(tensor)
    mk = _t(mask)
    ms = tuple(_tshape(mk))
    if not ms:
        raise ValueError("mask cannot be scalar.")
    ax = 0 if axis is None else _axis_value(axis)
    xs = tuple(_tshape(x))
    part = xs[ax:ax + len(ms)]
    if part != ms:
        raise ValueError(f"Shapes {TensorShape(part)} and {TensorShape(ms)} are incompatible")
    if _tdtype(mk) is not torch.bool:
        mk = mk != 0
    lead = 1
    for s in ms:
        lead *= s
    x3 = x.reshape(xs[:ax] + (lead,) + xs[ax + len(ms):])
    key = (_slice(None),) * ax + (mk.reshape(-1).to(x.device),)
    return wrap(_plain_getitem(x3, key))


def where(condition, x=None, y=None, name=None):
    """tf.where: one argument gives int64 coordinates of true (nonzero) entries; three select."""
    if (x is None) != (y is None):
        raise ValueError("x and y must both be non-None or both be None.")
    if x is None:
        c = _t(condition)
        if c.dim() == 0:
            raise errors.invalid_argument("WhereOp : Unhandled input dimensions: 0", "Where")
        return wrap(torch.nonzero(c))
    if isinstance(condition, torch.Tensor):
        c = condition
        if _tdtype(c) is not torch.bool:
            raise ValueError(f"Tensor conversion requested dtype bool for Tensor with dtype "
                             f"{_dt.from_torch(_tdtype(c)).name}: {c!r}")
    else:
        c = convert_to_tensor(condition, dtype=_dt.bool)
    a, b = _tensor_list([x, y], "SelectV2")
    try:
        return wrap(torch.where(c, a, b))
    except RuntimeError:
        raise errors.invalid_argument(
            f"condition {_dims(_tshape(c))}, then {_dims(_tshape(a))}, and else {_dims(_tshape(b))} "
            f"must be broadcastable", "SelectV2") from None


# -- scattering -----------------------------------------------------------------------------

def _scatter(tensor, indices, updates, op, how):
    x = _t(tensor)
    idx = _index_tensor(indices, op)
    if idx.device != x.device:
        idx = idx.to(x.device)
    u = updates if isinstance(updates, torch.Tensor) else _args.t_hint(updates, _tdtype(x))
    if _tdtype(u) is not _tdtype(x):
        raise errors.invalid_argument(
            f"cannot compute {op} as input #2(zero-based) was expected to be a "
            f"{_tf_name(_tdtype(x))} tensor but is a {_tf_name(_tdtype(u))} tensor", op)
    xs = tuple(_tshape(x))
    k = _tshape(idx)[-1] if idx.dim() else 0
    lead = tuple(_tshape(idx)[:-1])
    if k > len(xs):
        raise errors.invalid_argument(
            f"Dimensions [{k},{len(xs)}) of input[shape={_dims(xs)}] must match dimensions "
            f"[{len(lead)},{_tshape(u).__len__()}) of updates[shape={_dims(_tshape(u))}]", op)
    want = lead + xs[k:]
    if tuple(_tshape(u)) != want:
        raise errors.invalid_argument(
            f"Dimensions [{len(lead)},{len(lead)}) of indices[shape={_dims(_tshape(idx))}] = "
            f"{_dims(lead)} must match dimensions of updates[shape={_dims(_tshape(u))}] "
            f"(expected updates of shape {_dims(want)})", op)
    # scatter always checks bounds (a host sync on GPU): a bad index would abort the device
    lin, _ = _nd_linear(idx, list(xs[:k]), op, "shape", check=True)
    inner = 1
    for s in xs[:k]:
        inner *= s
    out = x.clone() if how != "zeros" else torch.zeros(xs, dtype=_tdtype(x), device=x.device)
    flat = out.view(inner, -1) if inner else out.reshape(0, 0)
    lf = lin.reshape(-1)
    uf = u.to(x.device).reshape(lf.numel(), -1)
    if how == "update":
        flat.index_copy_(0, lf, uf)
    elif how in ("add", "zeros"):
        flat.index_add_(0, lf, uf)
    elif how == "sub":
        flat.index_add_(0, lf, -uf)
    else:
        flat.scatter_reduce_(0, lf.unsqueeze(1).expand_as(uf), uf, how, include_self=True)
    return wrap(out)


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    return _scatter(tensor, indices, updates, "TensorScatterUpdate", "update")


def tensor_scatter_nd_add(tensor, indices, updates, name=None):
    return _scatter(tensor, indices, updates, "TensorScatterAdd", "add")


def tensor_scatter_nd_sub(tensor, indices, updates, name=None):
    return _scatter(tensor, indices, updates, "TensorScatterSub", "sub")


def tensor_scatter_nd_max(tensor, indices, updates, name=None):
    return _scatter(tensor, indices, updates, "TensorScatterMax", "amax")


def tensor_scatter_nd_min(tensor, indices, updates, name=None):
    return _scatter(tensor, indices, updates, "TensorScatterMin", "amin")


def scatter_nd(indices, updates, shape, name=None):  # noqa: F811
    """tf.scatter_nd: zeros of `shape` with `updates` summed in at `indices`."""
    u = _t(updates)
    dims = _shape_arg(shape, "ScatterNd")
    base = torch.empty(dims, dtype=_tdtype(u), device=u.device)
    return _scatter(base, indices, u, "ScatterNd", "zeros")


# -- one_hot, unique, masks, grids ----------------------------------------------------------

def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """tf.one_hot: out-of-range indices (negative or >= depth) give rows of `off_value`."""
    idx = _t(indices)
    di = _tdtype(idx)
    if di not in (torch.uint8, torch.int8, torch.int32, torch.int64):
        raise errors.invalid_argument(
            f"Value for attr 'TI' of {_tf_name(di)} is not in the list of allowed values: "
            f"uint8, int8, int32, int64\n\t; NodeDef: {{{{node OneHot}}}}", "OneHot")
    n = _scalar_int(depth)
    if n < 0:
        raise errors.invalid_argument(f"depth must be non-negative, got: {n}", "OneHot")
    want = None if dtype is None else _dt.as_dtype(dtype)
    on = None if on_value is None else (on_value if isinstance(on_value, torch.Tensor)
                                        else convert_to_tensor(on_value, dtype=want))
    off = None if off_value is None else (off_value if isinstance(off_value, torch.Tensor)
                                          else convert_to_tensor(off_value, dtype=want))
    if on is not None and off is not None and _tdtype(on) is not _tdtype(off):
        raise TypeError(f"dtype {_dt.from_torch(_tdtype(on))} of on_value does not match dtype "
                        f"{_dt.from_torch(_tdtype(off))} of off_value")
    if want is not None:
        d = want.torch_dtype
    elif on is not None:
        d = _tdtype(on)
    elif off is not None:
        d = _tdtype(off)
    else:
        d = torch.float32
    if on is None and d is torch.bool:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype bool")
    rank = idx.dim() + 1
    ax = -1 if axis is None else int(axis)
    if ax != -1 and not 0 <= ax < rank:
        raise errors.invalid_argument(
            f"Expected axis to be -1 or between [0, {rank}).  But received: {ax}", "OneHot")
    hot = idx.unsqueeze(-1) == torch.arange(n, device=idx.device, dtype=di)
    if on is None and off is None:
        r = hot.to(d)
    else:
        on_t = on.to(idx.device) if on is not None else torch.ones((), dtype=d, device=idx.device)
        off_t = off.to(idx.device) if off is not None else torch.zeros((), dtype=d, device=idx.device)
        r = torch.where(hot, on_t, off_t)
    if ax != -1 and ax != rank - 1:
        r = r.movedim(-1, ax)
    return wrap(r)


Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def _unique(x, out_idx):
    d = _args.torch_dtype(out_idx)
    if isinstance(x, StringTensor) or not isinstance(x, torch.Tensor):
        x = _t(x)
    if isinstance(x, StringTensor):
        a = x._a
        if a.ndim != 1:
            raise errors.invalid_argument("unique expects a 1D vector.", "Unique")
        _, first, inv, cnt = np.unique(a, return_index=True, return_inverse=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        newid = np.empty_like(order)
        newid[order] = np.arange(len(order))
        return (StringTensor(a[np.sort(first)]), wrap(torch.from_numpy(newid[inv.reshape(-1)]).to(d)),
                wrap(torch.from_numpy(cnt[order]).to(d)))
    if x.dim() != 1:
        raise errors.invalid_argument("unique expects a 1D vector.", "Unique")
    u, inv, cnt = torch.unique(x, sorted=True, return_inverse=True, return_counts=True)
    n, k = x.numel(), u.numel()
    pos = torch.arange(n, device=x.device)
    first = torch.full((k,), n, dtype=torch.int64, device=x.device).scatter_reduce_(
        0, inv, pos, "amin")
    order = torch.argsort(first)
    newid = torch.empty_like(order)
    newid[order] = torch.arange(k, device=x.device)
    return wrap(u[order]), wrap(newid[inv].to(d)), wrap(cnt[order].to(d))


def unique(x, out_idx=_dt.int32, name=None):
    """tf.unique: values in first-occurrence order (not sorted), as TF."""
    y, idx, _ = _unique(x, out_idx)
    return Unique(y, idx)


def unique_with_counts(x, out_idx=_dt.int32, name=None):
    return UniqueWithCounts(*_unique(x, out_idx))


def sequence_mask(lengths, maxlen=None, dtype=_dt.bool, name=None):
    """tf.sequence_mask: `maxlen` None means max(lengths) (read on the host)."""
    ln = _t(lengths)
    if _tdtype(ln) not in _dt.INTEGER:
        ln = ln.to(torch.int64)
    if maxlen is None:
        m = builtins.max(int(ln.max()), 0) if ln.numel() else 0
    else:
        m = _scalar_int(maxlen)
        if m < 0:
            raise errors.invalid_argument(f"Requires start <= limit when delta > 0: 0/{m}", "Range")
    r = torch.arange(m, device=ln.device, dtype=_tdtype(ln)) < ln.unsqueeze(-1)
    d = _args.torch_dtype(dtype)
    return wrap(r if d is torch.bool else r.to(d))


def meshgrid(*args, **kwargs):
    """tf.meshgrid: inputs are flattened; 'xy' (default) or 'ij' indexing. Outputs are views."""
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    ts = [_t(a).reshape(-1) for a in args]
    for i, t_ in enumerate(ts[1:], 1):
        if _tdtype(t_) is not _tdtype(ts[0]):
            raise errors.invalid_argument(
                f"cannot compute Mul as input #1(zero-based) was expected to be a "
                f"{_tf_name(_tdtype(t_))} tensor but is a {_tf_name(_tdtype(ts[0]))} tensor", "Mul")
    if len(ts) < 2:
        return [wrap(t_.view_as(t_)) for t_ in ts]
    return [wrap(g) for g in torch.meshgrid(*ts, indexing=indexing)]


def searchsorted(sorted_sequence, values, side="left", out_type=_dt.int32, name=None):
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = '{side}'.")
    op = "LowerBound" if side == "left" else "UpperBound"
    s = _t(sorted_sequence)
    v = _t(values)
    if _tdtype(v) is not _tdtype(s):
        raise errors.invalid_argument(
            f"cannot compute {op} as input #1(zero-based) was expected to be a {_tf_name(_tdtype(s))} "
            f"tensor but is a {_tf_name(_tdtype(v))} tensor", op)
    if v.dim() == 0 or s.dim() == 0:
        raise errors.invalid_argument("Input sorted_inputs and values must be at least 1-D", op)
    d = _args.torch_dtype(out_type)
    try:
        r = torch.searchsorted(s.contiguous(), v.contiguous(), right=side == "right",
                               out_int32=d is torch.int32)
    except RuntimeError:
        raise errors.invalid_argument(
            f"Leading dimensions of sorted_inputs {_dims(_tshape(s))} and values "
            f"{_dims(_tshape(v))} must match", op) from None
    return wrap(r if _tdtype(r) is d else r.to(d))


def unravel_index(indices, dims, name=None):
    """tf.unravel_index: coordinates along a new first axis."""
    idx = _t(indices)
    ds = _args.int_list(dims)
    coords = torch.unravel_index(idx.long(), tuple(ds))
    return wrap(torch.stack(coords, 0).to(_tdtype(idx)))


__all__ = [
    "cast", "identity", "identity_n", "stop_gradient", "ensure_shape",
    "zeros", "ones", "zeros_like", "ones_like", "fill", "eye", "range", "linspace",
    "shape", "shape_n", "rank", "size",
    "reshape", "transpose", "expand_dims", "squeeze", "broadcast_to", "broadcast_static_shape",
    "broadcast_dynamic_shape",
    "concat", "stack", "unstack", "split", "tile", "repeat",
    "pad", "reverse", "reverse_sequence", "roll", "slice", "strided_slice",
    "gather", "gather_nd", "boolean_mask", "where",
    "tensor_scatter_nd_update", "tensor_scatter_nd_add", "tensor_scatter_nd_sub",
    "tensor_scatter_nd_max", "tensor_scatter_nd_min", "scatter_nd",
    "one_hot", "unique", "unique_with_counts", "sequence_mask", "meshgrid", "searchsorted",
    "unravel_index",
]
