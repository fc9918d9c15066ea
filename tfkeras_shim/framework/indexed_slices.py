"""tf.IndexedSlices: the gradient of a row lookup (Embedding, tf.gather, tf.nn.embedding_lookup).

`values[i]` is the gradient contribution for row `indices[i]`; one row may appear several times
(once per occurrence in the batch). The difference from the summed dense gradient matters to
optimizers: tf.keras squares (Adam, RMSprop, Adagrad, ...) or clips each occurrence before the
duplicates are summed, and gradient norms count every occurrence.

On torch this is a sparse gradient: row lookups of trainable weights run with
`F.embedding(sparse=True)`, torch autograd hands back an uncoalesced sparse COO tensor, and
`GradientTape.gradient` turns it into this class. Converting to a tensor (`tf.convert_to_tensor`,
any TF op) sums the duplicates into a dense tensor as TF does. Difference from TF: `indices` and
`dense_shape` are always int32 (TF keeps the lookup's id dtype, int32 for the usual inputs).
"""
import torch

from .tensor import Tensor, wrap, _tdtype


class IndexedSlices:
    """Sparse row slices of a dense tensor of shape `dense_shape` (see the module docstring)."""

    __slots__ = ("_values", "_indices", "_dense_shape")

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    # -- construction from torch's sparse gradient -------------------------------------------
    @classmethod
    def _from_sparse(cls, g):
        """An uncoalesced sparse COO gradient (sparse dim 1) -> IndexedSlices (no copy)."""
        if g.is_coalesced():
            idx, vals = g.indices()[0], g.values()
        else:
            idx, vals = g._indices()[0], g._values()
        return cls(vals, idx, tuple(g.shape))

    # -- TF attributes --------------------------------------------------------------------------
    @property
    def values(self):
        # a new shim view (as_subclass): `wrap` would turn the stored tensor itself into a shim
        # Tensor, changing how internal code indexes it later
        return self._values.as_subclass(Tensor)

    @property
    def indices(self):
        i = self._indices
        if _tdtype(i) is torch.int64:  # TF: the ids' dtype, int32 for the usual Keras inputs
            return wrap(i.to(torch.int32))
        return i.as_subclass(Tensor)

    @property
    def dense_shape(self):
        if self._dense_shape is None:
            return None
        from .tensor import constant
        return constant(list(self._dense_shape), dtype="int32")

    @property
    def dtype(self):
        from . import dtypes
        return dtypes.from_torch(_tdtype(self._values))

    @property
    def shape(self):
        from .tensor_shape import TensorShape
        if self._dense_shape is not None:
            return TensorShape(self._dense_shape)
        return TensorShape((None,) + tuple(self._values.shape[1:]))

    @property
    def device(self):
        return self._values.device

    @property
    def name(self):
        return None

    def _dense(self):
        """The dense torch tensor: duplicate rows summed."""
        vals = self._values
        shape = self._dense_shape
        if shape is None:
            shape = (int(self._indices.max()) + 1 if self._indices.numel() else 0,) + tuple(vals.shape[1:])
        out = torch.zeros(shape, dtype=_tdtype(vals), device=vals.device)
        return out.index_add_(0, self._indices.to(vals.device), vals.as_subclass(torch.Tensor))

    def _as_shim_tensor(self, dtype=None):
        out = wrap(self._dense())
        if dtype is not None:
            from . import dtypes
            want = dtypes.as_dtype(dtype)
            if want != self.dtype:
                raise ValueError(f"Tensor conversion requested dtype {want.name} for Tensor with "
                                 f"dtype {self.dtype.name}")
        return out

    def _with_values(self, values):
        return IndexedSlices(values, self._indices, self._dense_shape)

    def __neg__(self):
        return self._with_values(torch.neg(self._values))

    def __repr__(self):
        return (f"IndexedSlices(indices={self.indices!r}, values={self.values!r}, "
                f"dense_shape={self.dense_shape!r})")


def dense(g):
    """Plain torch tensor for a gradient that may be an IndexedSlices or a sparse COO tensor."""
    if isinstance(g, IndexedSlices):
        return g._dense()
    if isinstance(g, torch.Tensor) and g.is_sparse:
        return g.to_dense()
    return g


def is_sparse_grad(g):
    return isinstance(g, IndexedSlices) or (isinstance(g, torch.Tensor) and g.is_sparse)


def as_slices(g):
    """IndexedSlices for an IndexedSlices or a sparse COO tensor; other values unchanged."""
    if isinstance(g, torch.Tensor) and g.is_sparse:
        return IndexedSlices._from_sparse(g)
    return g


# Sparse gradients are only produced where the shim itself takes the gradient: inside a
# GradientTape (autodiff sets `_tape_recording`) or the Keras train step (`sparse_gradients`).
# A torch loop calling `loss.backward()` on shim layers gets ordinary dense `.grad`s, which
# torch.optim accepts.
_FORCED = [0]


def _tape_recording():
    return False


class sparse_gradients:
    """Context: row lookups inside give IndexedSlices gradients (the Keras train step)."""

    __slots__ = ()

    def __enter__(self):
        _FORCED[0] += 1

    def __exit__(self, *exc):
        _FORCED[0] -= 1
        return False


def lookup(ids, weight):
    """`F.embedding(ids, weight)`, with a sparse (IndexedSlices) gradient when `weight` is a
    trainable leaf variable and the shim takes the gradient (see above); dense inside
    torch.compile, whose graphs do not take sparse gradients (there repeated ids get the
    summed-gradient semantics)."""
    sparse = (weight.requires_grad and weight.is_leaf and torch.is_grad_enabled()
              and (_FORCED[0] > 0 or _tape_recording()) and not torch.compiler.is_compiling())
    return torch.nn.functional.embedding(ids, weight, sparse=sparse)
