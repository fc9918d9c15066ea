"""TF dtype objects over torch dtypes, and the dtype tables TF's rules need.

Everything that maps between TF names, torch dtypes and numpy dtypes lives here,
so ops never repeat such tables.
"""
import builtins as _builtins

import numpy as np
import torch

__all__ = ["DType", "as_dtype", "float16", "bfloat16", "float32", "float64", "half", "double",
           "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool",
           "string", "complex64", "complex128", "variant", "resource"]


class DType:
    """A TF-style dtype. Compares equal to its name, its numpy dtype and its torch dtype."""

    __slots__ = ("_name", "_torch", "_np", "_size")

    def __init__(self, name, torch_dtype, np_dtype, size):
        self._name = name
        self._torch = torch_dtype
        self._np = np_dtype
        self._size = size

    # -- TF attributes ---------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def as_numpy_dtype(self):
        return self._np

    @property
    def as_datatype_enum(self):
        return _ENUMS.get(self._name, 0)

    @property
    def torch_dtype(self):
        """The torch dtype behind this DType (None for string)."""
        return self._torch

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        if self._name == "complex64":
            return float32
        if self._name == "complex128":
            return float64
        return self

    @property
    def is_floating(self):
        return self._name in ("float16", "bfloat16", "float32", "float64")

    @property
    def is_integer(self):
        return self._name in _INT_NAMES

    @property
    def is_unsigned(self):
        return self._name.startswith("uint")

    @property
    def is_signed(self):
        return self.is_floating or self.is_complex or (self.is_integer and not self.is_unsigned)

    @property
    def is_bool(self):
        return self._name == "bool"

    @property
    def is_complex(self):
        return self._name.startswith("complex")

    @property
    def is_quantized(self):
        return False

    @property
    def is_numpy_compatible(self):
        return self._name not in ("variant", "resource")

    @property
    def size(self):
        return self._size

    @property
    def min(self):
        if self.is_floating:
            return float(torch.finfo(self._torch).min)
        if self.is_integer:
            return int(np.iinfo(self._np).min)
        raise TypeError(f"Cannot find minimum value of {self!r}.")

    @property
    def max(self):
        if self.is_floating:
            return float(torch.finfo(self._torch).max)
        if self.is_integer:
            return int(np.iinfo(self._np).max)
        raise TypeError(f"Cannot find maximum value of {self!r}.")

    @property
    def limits(self):
        return (self.min, self.max)

    # torch-compatible attribute names, so Python-level torch code reading `.dtype`
    # of a shim tensor keeps working.
    @property
    def is_floating_point(self):
        return self.is_floating

    @property
    def itemsize(self):
        return self._size

    def is_compatible_with(self, other):
        return self == other

    # -- comparisons -----------------------------------------------------------------
    def __eq__(self, other):
        if other is self:
            return True
        if isinstance(other, DType):
            return other._name == self._name
        if isinstance(other, torch.dtype):
            return other is self._torch and self._torch is not None
        try:
            return as_dtype(other)._name == self._name
        except (TypeError, ValueError):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._torch) if self._torch is not None else hash(self._name)

    def __repr__(self):
        return "tf." + self._name

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __reduce__(self):
        return (as_dtype, (self._name,))


_INT_NAMES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")

float16 = half = DType("float16", torch.float16, np.float16, 2)
bfloat16 = DType("bfloat16", torch.bfloat16, np.float32, 2)  # numpy has no bfloat16: float32 on host
float32 = DType("float32", torch.float32, np.float32, 4)
float64 = double = DType("float64", torch.float64, np.float64, 8)
int8 = DType("int8", torch.int8, np.int8, 1)
int16 = DType("int16", torch.int16, np.int16, 2)
int32 = DType("int32", torch.int32, np.int32, 4)
int64 = DType("int64", torch.int64, np.int64, 8)
uint8 = DType("uint8", torch.uint8, np.uint8, 1)
uint16 = DType("uint16", torch.uint16, np.uint16, 2)
uint32 = DType("uint32", torch.uint32, np.uint32, 4)
uint64 = DType("uint64", torch.uint64, np.uint64, 8)
bool = DType("bool", torch.bool, np.bool_, 1)  # noqa: A001  (tf.bool)
complex64 = DType("complex64", torch.complex64, np.complex64, 8)
complex128 = DType("complex128", torch.complex128, np.complex128, 16)
string = DType("string", None, np.object_, 0)
variant = DType("variant", None, np.object_, 0)
resource = DType("resource", None, np.object_, 0)

_ENUMS = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "string": 7,
          "complex64": 8, "int64": 9, "bool": 10, "bfloat16": 14, "uint16": 17, "complex128": 18,
          "float16": 19, "resource": 20, "variant": 21, "uint32": 22, "uint64": 23}

ALL = (float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32,
       uint64, bool, complex64, complex128, string, variant, resource)

_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update({"half": float16, "double": float64, "float": float32, "int": int32,
                 "bool_": bool, "str": string, "bytes": string, "object": string})
_BY_TORCH = {d.torch_dtype: d for d in ALL if d.torch_dtype is not None}
_BY_NP = {np.dtype(d.as_numpy_dtype): d for d in ALL
          if d.torch_dtype is not None and d is not bfloat16}


def as_dtype(type_value):
    """Return the DType for a DType, name, torch dtype, numpy dtype or Python type.

    Raises TypeError like TF for anything else.
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, torch.dtype):
        d = _BY_TORCH.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
        if d is not None and type_value not in ("int", "float", "str", "bytes", "object"):
            return d
        if type_value in ("float",):
            return float32
    elif type_value is float:
        return float32
    elif type_value is int:
        return int32
    elif type_value is _builtins.bool or type_value is np.bool_:
        return bool
    elif type_value in (str, bytes):
        return string
    else:
        try:
            npd = np.dtype(type_value)
        except TypeError:
            npd = None
        if npd is not None:
            if npd.kind in ("U", "S", "O"):
                return string
            d = _BY_NP.get(npd)
            if d is not None:
                return d
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType.")



def from_torch(torch_dtype):
    """DType of a torch dtype (fast path, no validation)."""
    return _BY_TORCH[torch_dtype]


def to_torch(dtype):
    """torch dtype for anything `as_dtype` accepts; TypeError for string."""
    if isinstance(dtype, torch.dtype):
        return dtype
    d = as_dtype(dtype)
    if d.torch_dtype is None:
        raise TypeError(f"dtype {d.name} has no torch equivalent")
    return d.torch_dtype


# TF's true division result dtype for integer inputs (`tf.math.truediv`).
TRUEDIV_RESULT = {
    torch.int8: torch.float32, torch.int16: torch.float32, torch.uint8: torch.float32,
    torch.uint16: torch.float32, torch.int32: torch.float64, torch.int64: torch.float64,
    torch.uint32: torch.float64, torch.uint64: torch.float64,
}

FLOATING = frozenset({torch.float16, torch.bfloat16, torch.float32, torch.float64})
INTEGER = frozenset({torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8,
                     torch.uint16, torch.uint32, torch.uint64})
COMPLEX = frozenset({torch.complex64, torch.complex128})


def floatx():
    """The Keras float type name; the shim keeps it in keras.backend."""
    return "float32"
