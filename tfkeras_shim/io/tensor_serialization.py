"""tf.io.serialize_tensor / parse_tensor: TensorProto bytes, written as TensorFlow writes them
(dtype, shape, then `tensor_content` for numbers or `string_val` for strings)."""
import numpy as np
import torch

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.device import current_device
from ..framework.tensor import StringTensor, convert_to_tensor, wrap, _tdtype
from ..train.example import _fields, _len_field, _read_varint, _signed64, _tag, _varint, DecodeError

_BY_ENUM = {}
for _d in _dt.ALL:
    if _d.as_datatype_enum:
        _BY_ENUM.setdefault(_d.as_datatype_enum, _d)


def _shape_proto(shape):
    return b"".join(_len_field(2, _tag(1, 0) + _varint(int(d)) if d else b"") for d in shape)


def serialize_tensor_bytes(value):
    """TensorProto bytes of a tensor (or convertible value)."""
    if not isinstance(value, (torch.Tensor, StringTensor)):
        value = convert_to_tensor(value)
    if isinstance(value, StringTensor):
        a = value._a
        out = _tag(1, 0) + _varint(_dt.string.as_datatype_enum) + _len_field(2, _shape_proto(a.shape))
        for b in a.reshape(-1):
            out += _len_field(8, b)
        return out
    d = _dt.from_torch(_tdtype(value))
    t = value.detach()
    if t.device.type != "cpu":
        t = t.cpu()
    if d == _dt.bfloat16:
        raw = t.contiguous().view(torch.int16).numpy().astype("<i2").tobytes()
    else:
        raw = np.ascontiguousarray(t.numpy()).astype(np.dtype(d.as_numpy_dtype).newbyteorder("<")).tobytes()
    out = _tag(1, 0) + _varint(d.as_datatype_enum) + _len_field(2, _shape_proto(tuple(t.shape)))
    if raw:
        out += _len_field(4, raw)
    return out


def parse_tensor_bytes(data, out_type=None):
    """A shim tensor (or StringTensor) from TensorProto bytes."""
    enum, shape, content, strings, vals = 0, [], None, [], {}
    try:
        for field, wire, v in _fields(data):
            if field == 1:
                enum = v
            elif field == 2:
                for f2, w2, v2 in _fields(v):
                    if f2 == 2:
                        size = 0
                        for f3, w3, v3 in _fields(v2):
                            if f3 == 1:
                                size = _signed64(v3)
                        shape.append(size)
            elif field == 4:
                content = bytes(v)
            elif field == 8:
                strings.append(bytes(v))
            elif field in (5, 6, 7, 10, 11, 13, 16, 17):
                vals.setdefault(field, []).append((wire, v))
    except DecodeError:
        raise errors.InvalidArgumentError(None, "ParseTensor", "Could not parse `serialized` as TensorProto: "
                                          f"{data[:40]!r} [Op:ParseTensor]") from None
    d = _BY_ENUM.get(enum)
    if d is None:
        raise errors.InvalidArgumentError(None, "ParseTensor", f"Unsupported dtype enum {enum} [Op:ParseTensor]")
    if out_type is not None and _dt.as_dtype(out_type) != d:
        want = _dt.as_dtype(out_type)
        from ..ops._args import TF_TYPE_NAME
        raise errors.InvalidArgumentError(
            None, "ParseTensor", f"Type mismatch between parsed tensor ({TF_TYPE_NAME.get(d.torch_dtype, d.name)}) "
            f"and dtype ({TF_TYPE_NAME.get(want.torch_dtype, want.name)}) [Op:ParseTensor]")
    n = int(np.prod(shape)) if shape else 1
    if d == _dt.string:
        a = np.empty(n, dtype=object)
        for i in range(n):
            a[i] = strings[i] if i < len(strings) else (strings[-1] if strings else b"")
        st = StringTensor.__new__(StringTensor)
        st._a = a.reshape(shape)
        return st
    if d == _dt.bfloat16:
        arr = np.frombuffer(content or b"", dtype="<i2").copy()
        t = torch.from_numpy(arr).view(torch.bfloat16)
    else:
        npd = np.dtype(d.as_numpy_dtype).newbyteorder("<")
        if content is not None:
            arr = np.frombuffer(content, dtype=npd).astype(npd.newbyteorder("="))
        else:
            arr = _typed_values(vals, d, npd, n)
        t = torch.from_numpy(np.array(arr, order="C"))
    if t.numel() != n:
        if t.numel() == 1:
            t = t.expand(n).clone()
        elif t.numel() == 0:
            t = torch.zeros(n, dtype=t.dtype)
    return wrap(t.reshape(shape).to(current_device()))


def _typed_values(vals, d, npd, n):
    """Values stored in TensorProto's typed repeated fields (TF writes these for small constants)."""
    field = {"float32": 5, "float64": 6, "int32": 7, "int16": 7, "int8": 7, "uint8": 7, "uint16": 7,
             "int64": 10, "bool": 11, "float16": 13, "uint32": 16, "uint64": 17}.get(d.name)
    items = vals.get(field, [])
    out = []
    for wire, v in items:
        if wire == 2:
            if field == 5:
                out.extend(np.frombuffer(v, "<f4").tolist())
            elif field == 6:
                out.extend(np.frombuffer(v, "<f8").tolist())
            else:
                pos = 0
                while pos < len(v):
                    x, pos = _read_varint(v, pos)
                    out.append(_signed64(x))
        elif wire == 5:
            out.append(np.frombuffer(v, "<f4")[0])
        elif wire == 1:
            out.append(np.frombuffer(v, "<f8")[0])
        else:
            out.append(_signed64(v))
    if d.name == "float16":
        return np.array(out, dtype=np.uint16).view(np.float16)
    return np.array(out, dtype=npd.newbyteorder("="))


def serialize_tensor(tensor, name=None):
    st = StringTensor.__new__(StringTensor)
    a = np.empty((), dtype=object)
    a[()] = serialize_tensor_bytes(tensor)
    st._a = a
    return st


def parse_tensor(serialized, out_type, name=None):
    if isinstance(serialized, StringTensor):
        serialized = serialized._a[()]
    elif isinstance(serialized, str):
        serialized = serialized.encode("latin-1")
    return parse_tensor_bytes(bytes(serialized), out_type)


__all__ = ["serialize_tensor", "parse_tensor"]
