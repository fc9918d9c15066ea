"""tf.sparse: ops on tf.SparseTensor (framework/sparse_tensor.py), computed with torch index ops.

Entry order follows TF: ops that TF documents as producing row-major order (reorder, add of two
sparse tensors, concat, transpose, reduce with output_is_sparse) sort by the linear index;
the others keep the input order. Differences from TF: numeric values only (no tf.string);
`sparse.cross*`, `bincount`, `segment_*`, `softmax`, `maximum/minimum`, `map_values`,
`sampled_addmm`, `eye`, `reset_shape` are not implemented.
"""
import math as _math

import torch

from .framework import errors
from .framework import dtypes as _dt
from .framework.device import current_device
from .framework.sparse_tensor import SparseTensor, SparseTensorValue  # noqa: F401
from .framework.indexed_slices import IndexedSlices
from .framework.tensor import wrap, _tdtype, _tshape
from .ops import _args

__all__ = ["SparseTensor", "to_dense", "from_dense", "reorder", "reshape", "add", "sparse_dense_matmul",
           "reduce_sum", "reduce_max", "slice", "retain", "fill_empty_rows", "concat", "expand_dims",
           "transpose", "to_indicator", "mask", "split"]

_pyslice = slice


def _sp(x, op):
    if not isinstance(x, SparseTensor):
        raise TypeError(f"Input must be a SparseTensor, got {type(x).__name__} ({op})")
    return x


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _linear(ind, shape):
    """Row-major linear index of each entry (int64 [N])."""
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    return ind @ torch.tensor(strides, dtype=torch.int64, device=ind.device) if len(shape) else \
        torch.zeros(_tshape(ind)[0], dtype=torch.int64, device=ind.device)


def _unravel(lin, shape):
    cols = []
    for d in reversed(shape):
        cols.append(torch.remainder(lin, d) if d else lin)
        lin = torch.div(lin, d, rounding_mode="floor") if d else lin
    return torch.stack(cols[::-1], 1) if cols else lin.new_zeros((_tshape(lin)[0], 0))


def _make(ind, vals, shape):
    return SparseTensor._make(ind, wrap(vals) if type(vals) is torch.Tensor else vals, shape)


def _sorted(ind, vals, shape):
    order = torch.argsort(_linear(ind, shape), stable=True)
    return ind[order], vals[order]


def _op_error(op, msg):
    return errors.invalid_argument(msg, op)


# -- conversion ----------------------------------------------------------------------------------
def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """tf.sparse.to_dense: duplicates keep the last value (validate_indices=False), as TF."""
    sp = _sp(sp_input, "to_dense")
    vals = sp._numeric()
    ind, shape = sp._indices, sp._shape
    n = _tshape(ind)[0]
    if n:
        oob = ((ind < 0) | (ind >= torch.tensor(shape, dtype=torch.int64, device=ind.device))).any(1)
        if validate_indices:
            lin = _linear(ind, shape)
            bad = oob.clone()
            bad[1:] |= lin[1:] <= lin[:-1]
            if bool(bad.any()):
                i = int(bad.nonzero()[0, 0])
                where = f"indices[{i}] = {_shape_str(ind[i].tolist())}"
                if bool(oob[i]):
                    msg = f"{where} is out of bounds: need 0 <= index < {_shape_str(shape)}"
                elif lin[i] == lin[i - 1]:
                    msg = f"{where} is repeated"
                else:
                    msg = (f"{where} is out of order. Many sparse ops require sorted indices.\n"
                           "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n")
                raise _op_error("SparseToDense", msg)
        elif bool(oob.any()):
            raise _op_error("SparseToDense", f"Indices are not valid (out of bounds).  Shape: {_shape_str(shape)}")
    if default_value is None:
        out = torch.zeros(shape, dtype=_tdtype(vals), device=vals.device)
    else:
        dv = _args.t_hint(default_value, _tdtype(vals)).as_subclass(torch.Tensor)
        if _tdtype(dv) is not _tdtype(vals):
            raise _args._mismatch_error("SparseToDense", _tdtype(vals), _tdtype(dv))
        out = torch.full(shape, 0, dtype=_tdtype(vals), device=vals.device)
        out.copy_(dv.to(vals.device).expand(shape))
    if n:
        out.index_put_(tuple(ind.to(out.device).t()), vals)
    return wrap(out)


def from_dense(tensor, name=None):
    """tf.sparse.from_dense: the non-zero elements in row-major order."""
    x = _args.t(tensor).as_subclass(torch.Tensor)
    ind = torch.nonzero(x)
    vals = x[tuple(ind.t())] if x.dim() else x.reshape(-1)[:ind.shape[0]]
    return _make(ind, vals, tuple(x.shape))


def reorder(sp_input, name=None):
    sp = _sp(sp_input, "reorder")
    ind, vals = _sorted(sp._indices, sp._numeric(), sp._shape)
    return _make(ind, vals, sp._shape)


def reshape(sp_input, shape, name=None):
    sp = _sp(sp_input, "reshape")
    new = [int(d) for d in _args.int_list(shape)]
    total = _math.prod(sp._shape)
    unknown = [i for i, d in enumerate(new) if d == -1]
    if len(unknown) > 1:
        raise _op_error("SparseReshape", f"only one output dimension may be -1, not both {unknown[0]} and {unknown[1]}")
    known = _math.prod(d for d in new if d != -1)
    if unknown:
        if known == 0 or total % known:
            raise _op_error("SparseReshape",
                            f"Input to reshape is a SparseTensor with {total} dense values, but the requested "
                            f"shape requires a multiple of {known}. input_shape={_shape_str(sp._shape)} "
                            f"output_shape={_shape_str([1 if d == -1 else d for d in new])}")
        new[unknown[0]] = total // known
    elif known != total:
        raise _op_error("SparseReshape",
                        f"Input to reshape is a tensor with {total} dense values, but the requested shape has "
                        f"{known}. input_shape={_shape_str(sp._shape)} output_shape={_shape_str(new)}")
    return _make(_unravel(_linear(sp._indices, sp._shape), new), sp._values, new)


# -- arithmetic ----------------------------------------------------------------------------------
def add(a, b, threshold=0, name=None):
    """tf.sparse.add: sparse + sparse -> SparseTensor (row-major order, sums of coinciding entries
    with |sum| < threshold dropped); sparse + dense -> dense Tensor."""
    if not isinstance(a, SparseTensor):
        a, b = b, a
    if not isinstance(a, SparseTensor):
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add?")
    av = a._numeric()
    if not isinstance(b, SparseTensor):
        d = _args.t(b).as_subclass(torch.Tensor)
        if _tdtype(d) is not _tdtype(av):
            raise errors.invalid_argument(
                f"cannot compute SparseTensorDenseAdd as input #3(zero-based) was expected to be a "
                f"{_args.TF_TYPE_NAME.get(_tdtype(av))} tensor but is a {_args.TF_TYPE_NAME.get(_tdtype(d))} tensor",
                "SparseTensorDenseAdd")
        if tuple(d.shape) != a._shape:
            if d.dim() != len(a._shape):
                raise _op_error("SparseTensorDenseAdd",
                                f"Dimensions must match: sparse rank {len(a._shape)} vs dense rank {d.dim()}")
            i = next(i for i, (x, y) in enumerate(zip(a._shape, d.shape)) if x != y)
            raise _op_error("SparseTensorDenseAdd",
                            f"Dimension {i} does not equal (no broadcasting is supported): sparse side "
                            f"{a._shape[i]} vs dense side {d.shape[i]}")
        out = d.clone()
        out.index_put_(tuple(a._indices.to(out.device).t()), av.to(out.device), accumulate=True)
        return wrap(out)
    bv = b._numeric()
    if _tdtype(bv) is not _tdtype(av):
        raise _args._mismatch_error("SparseAdd", _tdtype(av), _tdtype(bv))
    if len(a._shape) != len(b._shape):
        raise _op_error("SparseAdd", f"Input indices should have the same dimension, got "
                        f"{len(a._shape)} and {len(b._shape)}")
    for i, (x, y) in enumerate(zip(a._shape, b._shape)):
        if x != y:
            raise _op_error("SparseAdd", f"Operands' shapes do not match: got {x} and {y} for dimension {i}")
    ind = torch.cat([a._indices, b._indices.to(a._indices.device)])
    vals = torch.cat([av, bv.to(av.device)])
    uniq, inv = torch.unique(_linear(ind, a._shape), return_inverse=True)
    summed = vals.new_zeros(_tshape(uniq)).index_add_(0, inv, vals)
    thr = threshold if not isinstance(threshold, torch.Tensor) else threshold.as_subclass(torch.Tensor)
    if not (isinstance(thr, (int, float)) and thr == 0):
        keep = summed.abs() >= thr
        uniq, summed = uniq[keep], summed[keep]
    return _make(_unravel(uniq, a._shape), summed, a._shape)


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """tf.sparse.sparse_dense_matmul: SparseTensor @ dense (or dense @ SparseTensor)."""
    if not isinstance(sp_a, SparseTensor):
        # dense @ sparse = (sparse^T @ dense^T)^T
        a = _args.t(sp_a).as_subclass(torch.Tensor)
        a = a.mH if adjoint_a else a
        out = sparse_dense_matmul(b, a, adjoint_a=not adjoint_b, adjoint_b=True)
        return wrap(out.as_subclass(torch.Tensor).mT.contiguous())
    vals = sp_a._numeric()
    d = _args.t(b).as_subclass(torch.Tensor)
    if _tdtype(d) is not _tdtype(vals):
        raise _args._mismatch_error("SparseTensorDenseMatMul", _tdtype(vals), _tdtype(d))
    if len(sp_a._shape) != 2 or d.dim() != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {len(sp_a._shape) if len(sp_a._shape) != 2 else d.dim()}")
    if adjoint_b:
        d = d.mH
    rows, cols = sp_a._indices[:, 0], sp_a._indices[:, 1]
    m, k = sp_a._shape
    if adjoint_a:
        rows, cols, m, k = cols, rows, k, m
        vals = vals.conj()
    if d.shape[0] != k:
        dims_b = list(d.shape) if not adjoint_b else list(d.shape)[::-1]
        raise _op_error("SparseTensorDenseMatMul",
                        f"Cannot multiply A and B because inner dimension does not match: {k} vs. {d.shape[0]}.  "
                        f"Did you forget a transpose?  Dimensions of A: [{sp_a._shape[0]}, {sp_a._shape[1]}).  "
                        f"Dimensions of B: {_shape_str(dims_b)}")
    out = d.new_zeros((m, d.shape[1]))
    out.index_add_(0, rows.to(d.device), vals.to(d.device)[:, None] * d[cols.to(d.device)])
    return wrap(out)


# -- reductions (over the stored entries only, as TF: implicit zeros do not take part) ------------
def _reduce(sp, axis, keepdims, output_is_sparse, how):
    vals = sp._numeric()
    rank = len(sp._shape)
    ax = _args.axes(axis, rank)
    ax = tuple(range(rank)) if ax is None else ax
    keep = [i for i in range(rank) if i not in ax]
    ind = sp._indices
    if keepdims:
        ind = ind.clone()
        ind[:, list(ax)] = 0
        shape = tuple(1 if i in ax else d for i, d in enumerate(sp._shape))
    else:
        ind = ind[:, keep]
        shape = tuple(sp._shape[i] for i in keep)
    uniq, inv = torch.unique(_linear(ind, shape), return_inverse=True)
    if how == "sum":
        red = vals.new_zeros(_tshape(uniq)).index_add_(0, inv, vals)
    else:
        red = vals.new_zeros(_tshape(uniq)).scatter_reduce_(0, inv, vals, "amax", include_self=False)
    if output_is_sparse:
        return _make(_unravel(uniq, shape), red, shape)
    out = vals.new_zeros(shape).reshape(-1)
    out[uniq] = red
    return wrap(out.reshape(shape))


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    return _reduce(_sp(sp_input, "reduce_sum"), axis, bool(keepdims), output_is_sparse, "sum")


def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """tf.sparse.reduce_max: the max of the stored entries; groups without entries give 0."""
    return _reduce(_sp(sp_input, "reduce_max"), axis, bool(keepdims), output_is_sparse, "max")


# -- selection / restructuring -------------------------------------------------------------------
def slice(sp_input, start, size, name=None):  # noqa: A001 - TF name
    sp = _sp(sp_input, "slice")
    st = [int(v) for v in _args.int_list(start)]
    sz = [int(v) for v in _args.int_list(size)]
    ind = sp._indices
    lo = torch.tensor(st, dtype=torch.int64, device=ind.device)
    hi = lo + torch.tensor(sz, dtype=torch.int64, device=ind.device)
    keep = ((ind >= lo) & (ind < hi)).all(1)
    shape = [max(0, min(z, d - s)) for s, z, d in zip(st, sz, sp._shape)]
    return _make(ind[keep] - lo, sp._numeric()[keep], shape)


def retain(sp_input, to_retain):
    sp = _sp(sp_input, "retain")
    m = _args.t(to_retain).as_subclass(torch.Tensor)
    if m.dim() != 1 or m.shape[0] != _tshape(sp._indices)[0]:
        raise ValueError(f"Shapes ({_tshape(sp._indices)[0]},) and {tuple(m.shape)} are incompatible")
    m = m.to(torch.bool)
    return _make(sp._indices[m], sp._numeric()[m], sp._shape)


def fill_empty_rows(sp_input, default_value, name=None):
    """(SparseTensor with one `default_value` entry at [r, 0, ...] for each empty row r,
    bool empty_row_indicator)."""
    sp = _sp(sp_input, "fill_empty_rows")
    vals = sp._numeric()
    ind = sp._indices
    nrows = sp._shape[0]
    counts = torch.bincount(ind[:, 0], minlength=nrows)[:nrows] if _tshape(ind)[0] else \
        torch.zeros(nrows, dtype=torch.int64, device=ind.device)
    empty = counts == 0
    rows = torch.nonzero(empty).reshape(-1)
    new_ind = torch.zeros((_tshape(rows)[0], len(sp._shape)), dtype=torch.int64, device=ind.device)
    new_ind[:, 0] = rows
    dv = _args.t_hint(default_value, _tdtype(vals)).as_subclass(torch.Tensor)
    if _tdtype(dv) is not _tdtype(vals):
        raise _args._mismatch_error("SparseFillEmptyRows", _tdtype(vals), _tdtype(dv))
    all_ind = torch.cat([ind, new_ind])
    all_vals = torch.cat([vals, dv.to(vals.device).expand(_tshape(rows)[0])])
    order = torch.argsort(all_ind[:, 0], stable=True)
    return _make(all_ind[order], all_vals[order], sp._shape), wrap(empty)


def concat(axis, sp_inputs, name=None, expand_nonconcat_dims=False, concat_dim=None,
           expand_nonconcat_dim=None):
    """tf.sparse.concat: the result is in row-major order."""
    if concat_dim is not None:
        axis = concat_dim
    if expand_nonconcat_dim is not None:
        expand_nonconcat_dims = expand_nonconcat_dim
    sps = [_sp(s, "concat") for s in sp_inputs]
    rank = len(sps[0]._shape)
    ax = int(axis) + rank if int(axis) < 0 else int(axis)
    if expand_nonconcat_dims:
        base = [max(s._shape[i] for s in sps) for i in range(rank)]
    else:
        base = list(sps[0]._shape)
        for p, s in enumerate(sps[1:], 1):
            for i in range(rank):
                if i != ax and s._shape[i] != base[i]:
                    raise _op_error("SparseConcat", f"Input shapes must match: expected {base[i]} for "
                                    f"dimension {i} but got {s._shape[i]} at position {p}")
    inds, vals, off = [], [], 0
    for s in sps:
        i = s._indices.clone()
        i[:, ax] += off
        off += s._shape[ax]
        inds.append(i)
        vals.append(s._numeric())
    base[ax] = off
    ind, v = _sorted(torch.cat(inds), torch.cat(vals), base)
    return _make(ind, v, base)


def expand_dims(sp_input, axis=None, name=None):
    sp = _sp(sp_input, "expand_dims")
    rank = len(sp._shape)
    ax = -1 if axis is None else int(axis)
    ax = ax + rank + 1 if ax < 0 else ax
    ind = sp._indices
    z = ind.new_zeros((_tshape(ind)[0], 1))
    shape = list(sp._shape)
    shape.insert(ax, 1)
    return _make(torch.cat([ind[:, :ax], z, ind[:, ax:]], 1), sp._values, shape)


def transpose(sp_input, perm=None, name=None):
    """tf.sparse.transpose: the result is reordered (row-major)."""
    sp = _sp(sp_input, "transpose")
    rank = len(sp._shape)
    p = list(range(rank - 1, -1, -1)) if perm is None else [int(v) for v in _args.int_list(perm)]
    shape = [sp._shape[i] for i in p]
    ind, v = _sorted(sp._indices[:, p], sp._numeric(), shape)
    return _make(ind, v, shape)


def to_indicator(sp_input, vocab_size, name=None):
    """tf.sparse.to_indicator: bool [..., vocab_size], True at [..., id] for each stored id."""
    sp = _sp(sp_input, "to_indicator")
    ids = sp._numeric()
    if ids.is_floating_point() or ids.is_complex():
        raise TypeError(f"Value passed to parameter 'indices' has DataType {sp.dtype.name} not in list of "
                        "allowed values: int32, int64")
    n = int(vocab_size)
    ind = torch.cat([sp._indices[:, :-1], ids.to(torch.int64)[:, None]], 1)
    shape = list(sp._shape[:-1]) + [n]
    st = SparseTensor._make(ind, wrap(torch.ones(_tshape(ids)[0], dtype=torch.bool, device=ids.device)), shape)
    return to_dense(reorder(st), default_value=False, validate_indices=False)


def mask(a, mask_indices, name=None):
    """tf.sparse.mask: the IndexedSlices `a` without the slices whose index is in mask_indices."""
    if not isinstance(a, IndexedSlices):
        raise TypeError(f"Expected an IndexedSlices, got {type(a).__name__}")
    idx = a._indices.as_subclass(torch.Tensor)
    vals = a._values.as_subclass(torch.Tensor)
    m = _args.t(mask_indices).as_subclass(torch.Tensor).to(idx.device)
    keep = ~torch.isin(idx, m)
    return IndexedSlices(wrap(vals[keep]), idx[keep], a._dense_shape)


def split(sp_input=None, num_split=None, axis=None, name=None, keyword_required=None):
    """tf.sparse.split: the first `dim % num_split` pieces get one extra slice along `axis`."""
    sp = _sp(sp_input, "split")
    n = int(num_split)
    rank = len(sp._shape)
    ax = int(axis) + rank if int(axis) < 0 else int(axis)
    dim = sp._shape[ax]
    if n > dim:
        raise _op_error("SparseSplit", f"Input num_split should be less than or equal to {dim}, got {n}")
    sizes = [dim // n + (1 if i < dim % n else 0) for i in range(n)]
    out, start = [], 0
    for z in sizes:
        st = [0] * rank
        sz = list(sp._shape)
        st[ax], sz[ax] = start, z
        out.append(slice(sp, st, sz))
        start += z
    return out
