"""tf.TensorSpec: the shape, dtype and (optional) name a tensor argument is expected to have.

Used by `tf.function(input_signature=...)`, `get_concrete_function` and user code that
describes inputs. Differences from TF: no protobuf conversion (`experimental_as_proto`).
"""
import torch

from . import dtypes as _dt
from .tensor_shape import TensorShape
from .tensor import Tensor, StringTensor, convert_to_tensor, _tdtype, _tshape


def _spec_parts(value):
    """(TensorShape, DType) of a spec, tensor or convertible value."""
    if isinstance(value, TensorSpec):
        return value.shape, value.dtype
    if isinstance(value, torch.Tensor):
        return TensorShape(_tshape(value)), _dt._BY_TORCH[_tdtype(value)]
    if isinstance(value, StringTensor):
        return value.shape, _dt.string
    t = convert_to_tensor(value)
    return t.shape, t.dtype


class TensorSpec:
    """Describes a tensor: `TensorSpec(shape, dtype=tf.float32, name=None)`."""

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @property
    def value_type(self):
        return Tensor

    @classmethod
    def from_spec(cls, spec, name=None):
        return cls(spec.shape, spec.dtype, name if name is not None else getattr(spec, "name", None))

    @classmethod
    def from_tensor(cls, tensor, name=None):
        shape, dtype = _spec_parts(tensor)
        return cls(shape, dtype, name)

    def is_compatible_with(self, spec_or_tensor):
        """Same dtype and a compatible shape (None dims match anything)."""
        try:
            shape, dtype = _spec_parts(spec_or_tensor)
        except (TypeError, ValueError):
            return False
        if dtype != self._dtype:
            return False
        if self._shape.rank is None or shape.rank is None:
            return True
        return self._shape.is_compatible_with(shape)

    def is_subtype_of(self, other):
        if not isinstance(other, TensorSpec) or other.dtype != self._dtype:
            return False
        if other.shape.rank is None:
            return True
        if self._shape.rank is None or len(self._shape) != len(other.shape):
            return False
        return all(b is None or a == b for a, b in zip(self._shape, other.shape))

    def most_specific_compatible_type(self, other):
        if not isinstance(other, TensorSpec) or other.dtype != self._dtype:
            raise ValueError(f"No TypeSpec is compatible with both {self} and {other}")
        name = self._name if self._name == other.name else None
        return TensorSpec(self._shape.most_specific_compatible_shape(other.shape), self._dtype, name)

    most_specific_common_supertype = None  # set below (TF takes a list of others)

    def _common_supertype(self, others):
        r = self
        for o in others:
            try:
                r = r.most_specific_compatible_type(o)
            except ValueError:
                return None
        return r

    def __eq__(self, other):
        return (type(other) is type(self) and self._dtype == other._dtype
                and self._shape == other._shape and self._name == other._name)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        dims = None if self._shape.rank is None else tuple(self._shape)
        return hash((dims, self._dtype.name, self._name))

    def __repr__(self):
        return f"TensorSpec(shape={self._shape}, dtype={self._dtype!r}, name={self._name!r})"

    def __reduce__(self):
        return (TensorSpec, (None if self._shape.rank is None else list(self._shape), self._dtype.name,
                             self._name))


TensorSpec.most_specific_common_supertype = TensorSpec._common_supertype

__all__ = ["TensorSpec"]
