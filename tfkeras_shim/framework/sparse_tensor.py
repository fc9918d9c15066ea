"""tf.SparseTensor: COO sparse tensor as `indices` (int64 [N, rank]), `values` ([N]) and
`dense_shape` (int64 [rank]).

Held as plain torch tensors plus the dense shape as a Python tuple (eager only, so the shape is
always known). Entries are kept in the order given, like TF: ops that need row-major order
(`tf.sparse.to_dense` with validation, `add`, `concat`) behave as TF does on unordered input,
and `tf.sparse.reorder` sorts. Ops live in tfkeras_shim/sparse.py.

Differences from TF: no `tf.function`/`TypeSpec`/`tf.data` support; string values can be stored
and printed but the sparse ops compute on numeric values only.
"""
import torch

from . import dtypes as _dt
from .tensor import StringTensor, Tensor, convert_to_tensor, wrap, _tdtype, _tshape
from .tensor_shape import TensorShape


def _with_rank(shape, rank):
    if len(shape) != rank:
        raise ValueError(f"Shape {TensorShape(shape)} must have rank {rank}")


def _int64(value, what):
    if isinstance(value, torch.Tensor):
        t = convert_to_tensor(value, dtype="int64") if _tdtype(value) is not torch.int64 else value
    else:
        try:
            t = convert_to_tensor(value, dtype="int64")
        except ValueError as e:
            raise ValueError(f"{what}: {e}") from None
    return t.as_subclass(torch.Tensor) if isinstance(t, torch.Tensor) else t


class SparseTensor:
    """A sparse tensor: `values[i]` sits at `indices[i]` of a dense tensor of shape `dense_shape`;
    every other element is zero. See the module docstring."""

    __slots__ = ("_indices", "_values", "_shape", "__weakref__")

    def __init__(self, indices, values, dense_shape):
        try:
            ind = _int64(indices, "indices")
        except ValueError as e:
            msg = str(e)
            raise ValueError(msg if msg.startswith("indices: ") else f"indices: {msg}") from None
        vals = values if isinstance(values, StringTensor) else convert_to_tensor(values)
        ds = _int64(dense_shape, "dense_shape")
        ishape, vshape, dshape = tuple(_tshape(ind)), _vshape(vals), tuple(_tshape(ds))
        _with_rank(ishape, 2)
        _with_rank(vshape, 1)
        _with_rank(dshape, 1)
        if ishape[0] != vshape[0]:
            raise ValueError(f"Dimensions {ishape[0]} and {vshape[0]} are not compatible")
        if ishape[1] != dshape[0]:
            raise ValueError(f"Dimensions {ishape[1]} and {dshape[0]} are not compatible")
        self._indices = ind
        self._values = vals
        self._shape = tuple(int(d) for d in ds.tolist())

    @classmethod
    def _make(cls, indices, values, shape):
        """Internal: trusted torch int64 indices, values (torch or shim) and a shape tuple."""
        st = cls.__new__(cls)
        st._indices = indices
        st._values = values
        st._shape = tuple(int(d) for d in shape)
        return st

    @classmethod
    def from_value(cls, sparse_tensor_value):
        if isinstance(sparse_tensor_value, SparseTensor):
            return sparse_tensor_value
        return cls(sparse_tensor_value.indices, sparse_tensor_value.values,
                   sparse_tensor_value.dense_shape)

    # -- TF attributes ---------------------------------------------------------------------
    @property
    def indices(self):
        return self._indices.as_subclass(Tensor)  # a new object: wrap would retype ours in place

    @property
    def values(self):
        v = self._values
        return v.as_subclass(Tensor) if type(v) is torch.Tensor else v

    @property
    def dense_shape(self):
        from .device import current_device
        return wrap(torch.tensor(self._shape, dtype=torch.int64, device=current_device()))

    @property
    def dtype(self):
        v = self._values
        if isinstance(v, StringTensor):
            return _dt.string
        return _dt.from_torch(_tdtype(v))

    @property
    def shape(self):
        return TensorShape(self._shape)

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        if not TensorShape(self._shape).is_compatible_with(TensorShape(shape)):
            raise ValueError(f"Tensor with shape {TensorShape(self._shape)} is not compatible with "
                             f"{TensorShape(shape)}")

    @property
    def device(self):
        return self._indices.device

    @property
    def name(self):
        return None

    def with_values(self, new_values):
        """A SparseTensor with the same indices and dense_shape and new values."""
        vals = new_values if isinstance(new_values, StringTensor) else convert_to_tensor(new_values)
        _with_rank(_vshape(vals), 1)
        if _vshape(vals)[0] != _tshape(self._indices)[0]:
            raise ValueError(f"Dimensions {_vshape(vals)[0]} and {_tshape(self._indices)[0]} are not compatible")
        return SparseTensor._make(self._indices, vals, self._shape)

    def _numeric(self):
        v = self._values
        if isinstance(v, StringTensor):
            raise NotImplementedError("tfkeras_shim: sparse ops on tf.string values are not supported")
        return v.as_subclass(torch.Tensor)

    # -- operators (TF defines only * and / with a dense operand, broadcast to the entries) --
    def _cwise(self, other, op_name, fn):
        """Entries of self combined with the dense `other` broadcast to the dense shape."""
        from ..ops import _args
        from . import errors
        vals = self._numeric()
        if isinstance(other, SparseTensor):
            raise TypeError(f"unsupported operand type: SparseTensor and SparseTensor for {op_name}")
        o = _args.t_hint(other, _tdtype(vals)).as_subclass(torch.Tensor)
        if _tdtype(o) is not _tdtype(vals):
            raise _args._mismatch_error(op_name, _tdtype(vals), _tdtype(o))
        if o.dim() > len(self._shape):
            raise errors.invalid_argument("Dense tensor has higher rank than sparse tensor", op_name)
        try:
            o = o.broadcast_to(self._shape)
        except RuntimeError:
            raise errors.invalid_argument(
                f"SparseDenseBinaryOpShared broadcasts dense to sparse only; got incompatible shapes: "
                f"[{','.join(map(str, self._shape))}] vs. [{','.join(map(str, o.shape))}]", op_name) from None
        picked = o[tuple(self._indices.to(o.device).t())]
        return SparseTensor._make(self._indices, wrap(fn(vals, picked)), self._shape)

    def __mul__(self, other):
        return self._cwise(other, "SparseDenseCwiseMul", torch.mul)

    def __truediv__(self, other):
        from ..ops import math_ops
        return self._cwise(other, "SparseDenseCwiseDiv",
                           lambda a, b: math_ops.truediv(wrap(a), wrap(b)).as_subclass(torch.Tensor)
                           if a.is_floating_point() else torch.div(a, b, rounding_mode="trunc"))

    __div__ = __truediv__

    def _as_shim_tensor(self, dtype=None):
        raise ValueError(f"Attempt to convert a value ({self!r}) with an unsupported type "
                         f"(<class 'tensorflow.python.framework.sparse_tensor.SparseTensor'>) to a Tensor.")

    def __repr__(self):
        return f"SparseTensor(indices={self.indices}, values={self.values}, dense_shape={self.dense_shape})"

    __str__ = __repr__


def _vshape(v):
    if isinstance(v, StringTensor):
        return tuple(v._a.shape)
    return tuple(_tshape(v))


SparseTensorValue = SparseTensor
