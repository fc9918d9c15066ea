"""tf.RaggedTensor: rows of different lengths, as flat values plus row splits.

`values` is a shim Tensor (or a StringTensor for tf.string, or another RaggedTensor for
ragged_rank > 1); `row_splits` is an int64 (or int32) tensor with `row_splits[i]:row_splits[i+1]`
the slice of `values` that forms row i. Ops on ragged input (operators, `tf.ragged.map_flat_values`,
reductions, concat/stack, see `tfkeras_shim/ragged.py`) run on the flat values in one torch call.

Differences from TF: no `tf.function`/`TypeSpec`/`tf.data` support; `uniform_row_length` only
shows in `shape`; indexing supports ints and step-1 slices (plus a trailing `...`);
`__hash__` is by identity.
"""
import numpy as np
import torch

from . import dtypes as _dt
from . import errors
from .tensor import StringTensor, Tensor, convert_to_tensor, constant, wrap, _tdtype, _tshape, _infer_python
from .tensor_shape import TensorShape


# -- helpers on "values" (Tensor, StringTensor or RaggedTensor) ----------------------------------
def _nrows_of(v):
    if isinstance(v, RaggedTensor):
        return v._nrows
    if isinstance(v, StringTensor):
        return v._a.shape[0]
    return _tshape(v)[0]


def _st(a):
    st = StringTensor.__new__(StringTensor)
    st._a = a
    return st


def _np_idx(idx):
    return idx.detach().cpu().numpy()


def _take(v, idx):
    """Rows `idx` (int64 tensor) of values."""
    if isinstance(v, RaggedTensor):
        return v._gather_rows(idx)
    if isinstance(v, StringTensor):
        return _st(v._a[_np_idx(idx)])
    return wrap(v.index_select(0, idx.to(v.device)))


def _slice(v, a, b):
    if isinstance(v, RaggedTensor):
        return v._slice_rows(a, b)
    if isinstance(v, StringTensor):
        return _st(v._a[a:b])
    return wrap(v[a:b])


def _cat(vs):
    if isinstance(vs[0], RaggedTensor):
        return RaggedTensor._concat0(vs)
    if isinstance(vs[0], StringTensor):
        return _st(np.concatenate([v._a for v in vs], axis=0))
    return wrap(torch.cat(vs, 0))


def _to_values(v):
    if isinstance(v, (RaggedTensor, StringTensor, torch.Tensor)):
        return v if not (isinstance(v, torch.Tensor) and type(v) is torch.Tensor) else wrap(v)
    return convert_to_tensor(v)


def _ranges(starts, lengths):
    """Concatenated aranges starts[i] .. starts[i]+lengths[i] (int64), with their new splits."""
    splits = torch.zeros(lengths.numel() + 1, dtype=torch.int64, device=lengths.device)
    torch.cumsum(lengths, 0, out=splits[1:])
    total = int(splits[-1]) if lengths.numel() else 0
    offs = torch.repeat_interleave(starts - splits[:-1], lengths, output_size=total)
    return torch.arange(total, device=lengths.device) + offs, splits


def _splits_tensor(s, dtype=None):
    if isinstance(s, torch.Tensor):
        d = _tdtype(s)
        if d not in (torch.int32, torch.int64):
            raise ValueError(f"Expected row_splits to be int32 or int64, got {_dt.from_torch(d).name}")
        return s.detach()
    return torch.tensor(np.asarray(s), dtype=dtype or torch.int64, device=_device())


_ready = False


def _install():
    """Operators and ragged dispatch (tfkeras_shim/ragged.py) on first use."""
    global _ready
    _ready = True
    from ..ragged import _install as install
    install()


def _device():
    from .device import current_device
    return current_device()


class RaggedTensor:
    """A tensor with ragged (variable-length) dimensions. Build it with `tf.ragged.constant`
    or the `from_*` factories; see the module docstring."""

    __slots__ = ("_values", "_splits", "_nrows", "_uniform", "__weakref__")

    def __init__(self, values, row_partition=None, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the factory "
                             "methods instead (e.g., RaggedTensor.from_row_lengths())")
        if not _ready:
            _install()
        self._values, self._splits = values, row_partition
        self._nrows = _tshape(row_partition)[0] - 1
        self._uniform = None

    @classmethod
    def _make(cls, values, splits, uniform=None):
        if not _ready:
            _install()
        rt = cls.__new__(cls)
        rt._values, rt._splits, rt._nrows, rt._uniform = values, splits, _tshape(splits)[0] - 1, uniform
        return rt

    # -- factories ---------------------------------------------------------------------------
    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        values = _to_values(values)
        s = _splits_tensor(row_splits)
        if s.dim() != 1 or _tshape(s)[0] < 1:
            raise ValueError(f"row_splits must have rank 1 and at least one element, got shape {list(_tshape(s))}")
        if validate:
            lst = s.tolist()
            if lst[0] != 0:
                raise errors.invalid_argument(
                    "Arguments to from_row_splits do not form a valid RaggedTensor:zero\n"
                    f"Condition x == y did not hold.\nFirst 1 elements of x:\n[{lst[0]}]\n"
                    "First 1 elements of y:\n[0]", "AssertEqual")
            if any(b < a for a, b in zip(lst, lst[1:])):
                raise errors.invalid_argument(
                    "Arguments to from_row_splits do not form a valid RaggedTensor:monotonic", "AssertGreaterEqual")
            if lst[-1] != _nrows_of(values):
                raise errors.invalid_argument(
                    "Arguments to _from_row_partition do not form a valid RaggedTensor\n"
                    f"Condition x == y did not hold.\nFirst 1 elements of x:\n[{lst[-1]}]\n"
                    f"First 1 elements of y:\n[{_nrows_of(values)}]", "AssertEqual")
        return cls._make(values, s)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        ln = _splits_tensor(row_lengths)
        s = torch.zeros(_tshape(ln)[0] + 1, dtype=_tdtype(ln), device=ln.device)
        torch.cumsum(ln, 0, out=s[1:])
        return cls.from_row_splits(values, s, validate=validate)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        values = _to_values(values)
        st = _splits_tensor(row_starts)
        end = torch.tensor([_nrows_of(values)], dtype=_tdtype(st), device=st.device)
        return cls.from_row_splits(values, torch.cat([st, end]), validate=validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        lim = _splits_tensor(row_limits)
        return cls.from_row_splits(values, torch.cat([lim.new_zeros(1), lim]), validate=validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        values = _to_values(values)
        ids = _splits_tensor(value_rowids)
        if nrows is None:
            nrows = int(ids.max()) + 1 if ids.numel() else 0
        nrows = int(nrows)
        counts = torch.bincount(ids.long(), minlength=nrows)[:nrows]
        s = torch.zeros(nrows + 1, dtype=_tdtype(ids), device=ids.device)
        torch.cumsum(counts, 0, out=s[1:])
        return cls.from_row_splits(values, s, validate=validate)

    @classmethod
    def from_uniform_row_length(cls, values, uniform_row_length, nrows=None, validate=True, name=None):
        values = _to_values(values)
        n, w = _nrows_of(values), int(uniform_row_length)
        if nrows is None:
            nrows = n // w if w else 0
        s = torch.arange(int(nrows) + 1, dtype=torch.int64, device=_device()) * w
        return cls._make(values, s, uniform=w)

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        if isinstance(nested_row_splits, torch.Tensor):
            raise TypeError("nested_row_splits must be a list of Tensors")
        rt = _to_values(flat_values)
        for s in reversed(list(nested_row_splits)):
            rt = cls.from_row_splits(rt, s, validate=validate)
        return rt

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None, validate=True):
        rt = _to_values(flat_values)
        for ln in reversed(list(nested_row_lengths)):
            rt = cls.from_row_lengths(rt, ln, validate=validate)
        return rt

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=_dt.int64):
        """Rows of a dense tensor, cut to `lengths` or with trailing `padding` removed."""
        if lengths is not None and padding is not None:
            raise ValueError("Specify at most one of lengths and padding.")
        t = tensor if isinstance(tensor, (torch.Tensor, StringTensor)) else convert_to_tensor(tensor)
        shape = tuple(t.shape)
        if len(shape) < ragged_rank + 1:
            raise ValueError(f"ragged_rank must be smaller than the rank of tensor ({len(shape)}), got {ragged_rank}")
        if ragged_rank > 1:  # flatten the outer dims, cut the innermost ragged dim, rebuild uniform outer splits
            inner = cls.from_tensor(_reshape(t, (-1,) + shape[ragged_rank:]), lengths=_flat_lengths(lengths),
                                    padding=padding, ragged_rank=1)
            rt = inner
            for k in range(ragged_rank - 1, 0, -1):
                rt = cls.from_uniform_row_length(rt, shape[k])
            return rt
        n, m = shape[0], shape[1]
        dev = _device() if isinstance(t, StringTensor) else t.device
        if lengths is not None:
            ln = _splits_tensor(lengths).to(dev).long().clamp(max=m)
        elif padding is not None:
            if isinstance(t, StringTensor):
                pad = np.asarray(padding.numpy() if hasattr(padding, "numpy") else padding, dtype=object)
                pad = np.vectorize(lambda v: v.encode() if isinstance(v, str) else v, otypes=[object])(pad) if pad.size else pad
                eq = torch.from_numpy(np.asarray(t._a == pad, dtype=bool))
            else:
                eq = t == torch.as_tensor(padding.numpy() if hasattr(padding, "numpy") else padding,
                                          dtype=_tdtype(t), device=dev)
            eq = eq.reshape(n, m, -1).all(-1) if eq.dim() > 2 else eq
            keep = (~eq).to(torch.int64)
            # the length is one past the last non-padding element of each row
            pos = torch.arange(1, m + 1, device=eq.device) * keep
            ln = pos.amax(1) if m else torch.zeros(n, dtype=torch.int64, device=eq.device)
        else:
            ln = torch.full((n,), m, dtype=torch.int64, device=dev)
        idx, splits = _ranges(torch.arange(n, device=ln.device) * m, ln)
        flat = _reshape(t, (n * m,) + shape[2:])
        return cls._make(_take(flat, idx), splits.to(row_splits_dtype.torch_dtype
                                                     if hasattr(row_splits_dtype, "torch_dtype") else torch.int64))

    # -- properties --------------------------------------------------------------------------
    @property
    def values(self):
        return self._values

    @property
    def row_splits(self):
        return wrap(self._splits.view_as(self._splits)) if type(self._splits) is torch.Tensor else self._splits

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt.row_splits)
            rt = rt._values
        return tuple(out)

    @property
    def ragged_rank(self):
        return 1 + (self._values.ragged_rank if isinstance(self._values, RaggedTensor) else 0)

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def row_splits_dtype(self):
        return _dt.from_torch(_tdtype(self._splits))

    @property
    def shape(self):
        inner = self._values.shape
        return TensorShape([self._nrows, self._uniform] + list(inner)[1:])

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def uniform_row_length(self):
        if self._uniform is None:
            return None
        return constant(self._uniform, dtype=self.row_splits_dtype)

    def _lengths(self):
        return self._splits[1:] - self._splits[:-1]

    def row_lengths(self, axis=1, name=None):
        if axis in (1, -self.ndim + 1) or (axis < 0 and axis + self.ndim == 1):
            return wrap(self._lengths())
        if axis == 0:
            raise ValueError("axis=0 is not a ragged dimension")
        ax = axis if axis > 0 else axis + self.ndim
        if not isinstance(self._values, RaggedTensor):
            raise ValueError(f"axis={axis} is not a ragged dimension")
        return self.with_values(self._values.row_lengths(ax - 1))

    def nested_row_lengths(self, name=None):
        return tuple(wrap(s[1:] - s[:-1]) for s in self.nested_row_splits)

    def nrows(self, out_type=None, name=None):
        d = _dt.as_dtype(out_type).torch_dtype if out_type is not None else _tdtype(self._splits)
        return wrap(torch.tensor(self._nrows, dtype=d, device=self._splits.device))

    def row_starts(self, name=None):
        return wrap(self._splits[:-1].clone())

    def row_limits(self, name=None):
        return wrap(self._splits[1:].clone())

    def _rowids(self):
        s = self._splits.long()
        n = int(s[-1]) if self._nrows >= 0 and s.numel() else 0
        return torch.repeat_interleave(torch.arange(self._nrows, device=s.device), s[1:] - s[:-1], output_size=n)

    def value_rowids(self, name=None):
        return wrap(self._rowids().to(_tdtype(self._splits)))

    def nested_value_rowids(self, name=None):
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt.value_rowids())
            rt = rt._values
        return tuple(out)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        dims = [self._nrows]
        rt = self
        while isinstance(rt, RaggedTensor):
            ln = rt._lengths()
            dims.append(int(ln.max()) if ln.numel() else 0)
            rt = rt._values
        dims += list(rt.shape)[1:]
        d = _dt.as_dtype(out_type).torch_dtype if out_type is not None else _tdtype(self._splits)
        t = torch.tensor(dims, dtype=d, device=self._splits.device)
        return wrap(t if axis is None else t[axis])

    # -- derived tensors ---------------------------------------------------------------------
    def with_values(self, new_values):
        new_values = _to_values(new_values)
        if _nrows_of(new_values) != _nrows_of(self._values):
            raise ValueError(f"values must have {_nrows_of(self._values)} rows, got {_nrows_of(new_values)}")
        return RaggedTensor._make(new_values, self._splits, self._uniform)

    def with_flat_values(self, new_values):
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        d = _dt.as_dtype(dtype).torch_dtype
        v = self._values.with_row_splits_dtype(dtype) if isinstance(self._values, RaggedTensor) else self._values
        return RaggedTensor._make(v, self._splits.to(d), self._uniform)

    def merge_dims(self, outer_axis, inner_axis):
        nd = self.ndim
        o = outer_axis + nd if outer_axis < 0 else outer_axis
        i = inner_axis + nd if inner_axis < 0 else inner_axis
        if not 0 <= o <= i < nd:
            raise ValueError(f"Expected outer_axis ({outer_axis}) to be less than or equal to "
                             f"inner_axis ({inner_axis})")
        rt = self
        for _ in range(i - o):
            rt = _merge_adjacent(rt, o)
        return rt

    def to_tensor(self, default_value=None, name=None, shape=None):
        """Dense tensor padded with `default_value` (0 / b''), sized to the bounding shape or `shape`."""
        inner = self._values.to_tensor(default_value) if isinstance(self._values, RaggedTensor) else self._values
        ln = self._lengths().long()
        width = int(ln.max()) if ln.numel() else 0
        ishape = tuple(inner.shape)[1:]
        target = [self._nrows, width] + list(ishape)
        if shape is not None:
            want = list(TensorShape(shape))
            if len(want) != len(target):
                raise ValueError(f"shape {TensorShape(shape)} must have rank {len(target)}")
            target = [t if w is None else w for t, w in zip(target, want)]
        n_out, w_out = target[0], target[1]
        rows = self._rowids()
        cols = torch.arange(_nrows_of(inner), device=rows.device) - self._splits.long()[rows]
        keep = (rows < n_out) & (cols < w_out)
        if isinstance(inner, StringTensor):
            dv = b"" if default_value is None else _bytes(default_value)
            out = np.full([n_out, w_out] + list(ishape), dv, dtype=object)
            k = _np_idx(keep)
            src = inner._a[k]
            out[_np_idx(rows)[k], _np_idx(cols)[k]] = src[(slice(None),) + tuple(slice(0, s) for s in target[2:])] \
                if src.ndim > 1 else src
            return _st(out)
        d = _tdtype(inner)
        dv = 0 if default_value is None else default_value
        dv = dv.detach().to(d) if isinstance(dv, torch.Tensor) else torch.as_tensor(dv, dtype=d)
        out = torch.empty([n_out, w_out] + list(target[2:]), dtype=d, device=inner.device)
        out[...] = dv.to(inner.device)
        src = inner.as_subclass(torch.Tensor)[(slice(None),) + tuple(slice(0, s) for s in target[2:])]
        if not bool(keep.all()):
            rows, cols, src = rows[keep], cols[keep], src[keep]
        out[rows, cols] = src
        return wrap(out)

    def to_list(self):
        v = self._values
        vals = v.to_list() if isinstance(v, RaggedTensor) else (v._a.tolist() if isinstance(v, StringTensor)
                                                                 else _host(v).tolist())
        s = self._splits.tolist()
        return [vals[a:b] for a, b in zip(s[:-1], s[1:])]

    def numpy(self):
        """Like TF: an object array of row arrays (a plain array when all rows have one length)."""
        v = self._values
        vals = v.numpy() if isinstance(v, RaggedTensor) else (v._a.copy() if isinstance(v, StringTensor)
                                                               else _host(v))
        s = self._splits.tolist()
        rows = [vals[a:b] for a, b in zip(s[:-1], s[1:])]
        if not rows:
            return np.zeros((0, 0) + vals.shape[1:], dtype=vals.dtype)
        if any(len(r) != len(rows[0]) for r in rows):
            out = np.empty(len(rows), dtype=object)
            out[:] = rows
            return out
        return np.array(rows)

    def to_sparse(self, name=None):
        raise NotImplementedError("RaggedTensor.to_sparse: tf.SparseTensor is not implemented by tfkeras_shim")

    @classmethod
    def _concat0(cls, rts):
        """Rows of several RaggedTensors one after another (tf.concat axis 0)."""
        d = _tdtype(rts[0]._splits)
        parts, off = [rts[0]._splits.to(d)], rts[0]._splits[-1:].to(d)
        for r in rts[1:]:
            parts.append(r._splits[1:].to(d) + off)
            off = parts[-1][-1:] if parts[-1].numel() else off
        return cls._make(_cat([r._values for r in rts]), torch.cat(parts))

    # -- row access --------------------------------------------------------------------------
    def _gather_rows(self, idx):
        idx = idx.long()
        s = self._splits.long()
        starts, ln = s[:-1][idx], (s[1:] - s[:-1])[idx]
        inner, splits = _ranges(starts, ln)
        return RaggedTensor._make(_take(self._values, inner), splits.to(_tdtype(self._splits)), self._uniform)

    def _slice_rows(self, a, b):
        s = self._splits[a:b + 1]
        lo, hi = (int(s[0]), int(s[-1])) if s.numel() else (0, 0)
        if not s.numel():
            s = self._splits[:1] * 0
        return RaggedTensor._make(_slice(self._values, lo, hi), s - lo, self._uniform)

    def _row(self, i):
        n = self._nrows
        if not -n <= i < n:
            raise errors.invalid_argument(f"slice index {i} of dimension 0 out of bounds.", "StridedSlice")
        i %= n
        a, b = self._splits[i:i + 2].tolist()
        return _slice(self._values, a, b)

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        if key and key[-1] is Ellipsis:
            key = key[:-1]
        if not key:
            return self
        k0, rest = key[0], key[1:]
        if isinstance(k0, torch.Tensor) and k0.dim() == 0:
            k0 = int(k0)
        if isinstance(k0, (int, np.integer)):
            row = self._row(int(k0))
            if not rest:
                return row
            return row[rest if len(rest) > 1 else rest[0]]
        if isinstance(k0, slice):
            if k0.step not in (None, 1):
                idx = torch.arange(self._nrows, device=self._splits.device)[k0]
                rt = self._gather_rows(idx)
            else:
                a, b, _ = k0.indices(self._nrows)
                rt = self._slice_rows(a, max(a, b))
            return _getitem_inner(rt, rest) if rest else rt
        raise TypeError(f"Ragged __getitem__ expects an int or slice, got {k0!r}")

    def __iter__(self):
        for i in range(self._nrows):
            yield self._row(i)

    # -- printing ----------------------------------------------------------------------------
    def __repr__(self):
        return f"<tf.RaggedTensor {_format(self.numpy())}>"

    __str__ = __repr__

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    __hash__ = object.__hash__

    def _as_shim_tensor(self, dtype=None):
        raise TypeError("Failed to convert a RaggedTensor to a dense Tensor (use rt.to_tensor()); "
                        "this op does not support ragged inputs in tfkeras_shim.")

    def consumers(self):
        return []


# -- module helpers ----------------------------------------------------------------------------
def _host(t):
    t = t.detach()
    if t.device.type != "cpu":
        t = t.cpu()
    if _tdtype(t) is torch.bfloat16:
        t = t.float()
    return t.numpy()


def _bytes(v):
    if hasattr(v, "numpy"):
        v = v.numpy()
    return v.encode("utf-8") if isinstance(v, str) else bytes(v)


def _reshape(t, shape):
    if isinstance(t, StringTensor):
        return _st(t._a.reshape(shape))
    return wrap(t.reshape(shape))


def _flat_lengths(lengths):
    if lengths is None:
        return None
    ln = lengths if isinstance(lengths, torch.Tensor) else torch.tensor(np.asarray(lengths))
    return ln.reshape(-1)


def _elem_text(x):
    if isinstance(x, np.ndarray):
        if x.size:
            return np.array2string(x, separator=", ")
        return repr(x.tolist())
    return str(x)


def _format(a):
    """TF's ragged print: numpy's array2string with ', ' separators, applied to the nested rows."""
    with np.printoptions(formatter={"all": _elem_text}):
        return _elem_text(a)


def _merge_adjacent(rt, k):
    """Merge dims k and k+1 of a RaggedTensor (k >= 0)."""
    v = rt._values
    if k == 0:
        return v
    if isinstance(v, RaggedTensor):
        if k == 1:
            return RaggedTensor._make(v._values, v._splits[rt._splits.long()])
        return rt.with_values(_merge_adjacent(v, k - 1))
    shape = tuple(v.shape)
    if k == 1:  # ragged dim 1 with the dense dim 2
        d = shape[1]
        return RaggedTensor._make(_reshape(v, (shape[0] * d,) + shape[2:]), rt._splits * d)
    new = shape[:k - 1] + (shape[k - 1] * shape[k],) + shape[k + 1:]
    return rt.with_values(_reshape(v, new))


def _getitem_inner(rt, rest):
    """Apply index `rest` to dims 1.. of `rt` (all rows kept)."""
    r0, more = rest[0], rest[1:]
    v = rt._values
    if isinstance(r0, (int, np.integer)) or (isinstance(r0, torch.Tensor) and r0.dim() == 0):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if r0 is Ellipsis:
        return rt
    if not isinstance(r0, slice):
        raise TypeError(f"Ragged __getitem__ expects an int or slice, got {r0!r}")
    if r0 != slice(None):
        if r0.step not in (None, 1):
            raise NotImplementedError("tfkeras_shim: strided slices of a ragged dimension")
        s = rt._splits.long()
        starts, limits = s[:-1], s[1:]

        def pos(b, default):
            if b is None:
                return default
            b = int(b)
            return torch.minimum(torch.maximum(limits + b if b < 0 else starts + b, starts), limits)
        a = pos(r0.start, starts)
        b = torch.maximum(a, pos(r0.stop, limits))
        idx, splits = _ranges(a, b - a)
        rt = RaggedTensor._make(_take(v, idx), splits.to(_tdtype(rt._splits)))
        v = rt._values
    if not more:
        return rt
    if isinstance(v, RaggedTensor):
        return rt.with_values(_getitem_inner(v, more))
    return rt.with_values(wrap(v[(slice(None),) + more]) if not isinstance(v, StringTensor)
                          else _st(v._a[(slice(None),) + more]))


def is_ragged(x):
    return isinstance(x, RaggedTensor)


__all__ = ["RaggedTensor"]
