"""TensorShape: a tuple of ints (or None for unknown dims), like TF2's."""


class TensorShape(tuple):
    """TF2 TensorShape. A tuple subclass so torch and numpy accept it as a size.

    `TensorShape(None)` has unknown rank: `rank` is None and `as_list()` raises ValueError.
    """

    __slots__ = ()
    _unknown_rank = False

    def __new__(cls, dims=()):
        if dims is None:
            self = tuple.__new__(_UnknownRankShape, ())
            return self
        if isinstance(dims, TensorShape):
            if dims._unknown_rank or type(dims) is cls:
                return dims
            return tuple.__new__(cls, tuple(dims))
        if isinstance(dims, int):
            dims = (dims,)
        try:
            it = tuple(dims)
        except TypeError:
            raise TypeError(f"Cannot convert {dims!r} to a shape.") from None
        return tuple.__new__(cls, tuple(_dim(d) for d in it))

    # -- TF API ---------------------------------------------------------------------
    @property
    def rank(self):
        return len(self)

    ndims = rank

    @property
    def dims(self):
        return list(self)

    def as_list(self):
        return list(self)

    def num_elements(self):
        n = 1
        for d in self:
            if d is None:
                return None
            n *= d
        return n

    def is_fully_defined(self):
        return all(d is not None for d in self)

    def assert_is_fully_defined(self):
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    def is_compatible_with(self, other):
        other = TensorShape(other)
        if self.rank is None or other.rank is None:
            return True
        if len(self) != len(other):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self, other))

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {TensorShape(other)} are incompatible")

    def merge_with(self, other):
        other = TensorShape(other)
        if self.rank is None:
            return other
        if other.rank is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([a if a is not None else b for a, b in zip(self, other)])

    def concatenate(self, other):
        other = TensorShape(other)
        if self.rank is None or other.rank is None:
            return TensorShape(None)
        return TensorShape(tuple(self) + tuple(other))

    def with_rank(self, rank):
        if len(self) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")
        return self

    def with_rank_at_least(self, rank):
        if len(self) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def most_specific_compatible_shape(self, other):
        other = TensorShape(other)
        if self.rank is None or other.rank is None or len(self) != len(other):
            return TensorShape(None)
        return TensorShape([a if a == b else None for a, b in zip(self, other)])

    def as_proto(self):  # pragma: no cover - protobufs are not part of the shim
        raise NotImplementedError("TensorShape.as_proto needs TensorFlow protobufs")

    def __getitem__(self, key):
        r = tuple.__getitem__(self, key)
        if isinstance(key, slice):
            return TensorShape(r)
        return r

    def __add__(self, other):
        return self.concatenate(other)

    def __radd__(self, other):
        return TensorShape(other).concatenate(self)

    def __eq__(self, other):
        if isinstance(other, _UnknownRankShape):
            return False
        try:
            other = tuple(other)
        except TypeError:
            return NotImplemented
        return tuple.__eq__(self, other)

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = tuple.__hash__

    def __bool__(self):
        return True if self.rank is None else len(self) > 0

    def __repr__(self):
        return f"TensorShape({list(self)})"

    def __str__(self):
        if len(self) == 1:
            return f"({_s(self[0])},)"
        return "(" + ", ".join(_s(d) for d in self) + ")"

    def __reduce__(self):
        return (TensorShape, (list(self),))


class _UnknownRankShape(TensorShape):
    __slots__ = ()
    _unknown_rank = True

    @property
    def rank(self):
        return None

    ndims = rank

    @property
    def dims(self):
        return None

    def as_list(self):
        raise ValueError("as_list() is not defined on an unknown TensorShape.")

    def num_elements(self):
        return None

    def is_fully_defined(self):
        return False

    def __eq__(self, other):
        return isinstance(other, _UnknownRankShape)

    __hash__ = tuple.__hash__

    def __repr__(self):
        return "TensorShape(None)"

    def __str__(self):
        return "<unknown>"

    def __reduce__(self):
        return (TensorShape, (None,))


def _dim(d):
    if d is None or isinstance(d, int):
        return d
    if hasattr(d, "value"):  # a TF1 Dimension-like object
        return d.value
    try:
        import numpy as np
        if isinstance(d, np.integer):
            return int(d)
        if hasattr(d, "item") and getattr(d, "ndim", 1) == 0:
            return int(d.item())
    except ImportError:  # pragma: no cover
        pass
    raise TypeError(f"Cannot convert {d!r} to a shape.")


def _s(d):
    return "None" if d is None else str(d)


def as_shape(shape):
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


Dimension = int
