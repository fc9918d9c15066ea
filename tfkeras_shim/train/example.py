"""tf.train.Example and friends: the few protobuf messages of TFRecord data, encoded by hand.

The wire format is protobuf's (`example.proto`, `feature.proto`), so `SerializeToString()` output
parses in TensorFlow and TF's records parse here. Differences from the protobuf classes:

* map fields (`Features.feature`, `FeatureLists.feature_list`) are always written in sorted key
  order, which is what TF writes with `SerializeToString(deterministic=True)`; TF's default order
  follows its hash table, so bytes can differ for multi-key maps while the messages are equal.
* only the message API tutorials use: constructors (messages or dicts for message fields),
  `SerializeToString`, `FromString`, `ParseFromString`, `MergeFromString`, `CopyFrom`, `MergeFrom`,
  `Clear`, `ClearField`, `HasField`, `WhichOneof`, `ByteSize`, `ListFields`, `==`, text-format `str`.
"""
import struct

import numpy as np

# ---------------------------------------------------------------------------------------------
# wire helpers

_VARINT, _I64, _LEN, _I32 = 0, 1, 2, 5


def _varint(n):
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _tag(field, wire):
    return _varint((field << 3) | wire)


def _len_field(field, payload):
    return _tag(field, _LEN) + _varint(len(payload)) + payload


def _read_varint(buf, pos):
    result = shift = 0
    while True:
        if pos >= len(buf):
            raise DecodeError("Truncated message.")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift >= 70:
            raise DecodeError("Too many bytes when decoding varint.")


def _signed64(n):
    n &= (1 << 64) - 1
    return n - (1 << 64) if n >= 1 << 63 else n


def _fields(buf):
    """(field number, wire type, value) for each field of a serialized message."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if field == 0:
            raise DecodeError("Error parsing message: field number 0.")
        if wire == _VARINT:
            v, pos = _read_varint(buf, pos)
        elif wire == _I64:
            if pos + 8 > end:
                raise DecodeError("Truncated message.")
            v, pos = buf[pos:pos + 8], pos + 8
        elif wire == _LEN:
            n, pos = _read_varint(buf, pos)
            if pos + n > end:
                raise DecodeError("Truncated message.")
            v, pos = buf[pos:pos + n], pos + n
        elif wire == _I32:
            if pos + 4 > end:
                raise DecodeError("Truncated message.")
            v, pos = buf[pos:pos + 4], pos + 4
        else:
            raise DecodeError(f"Error parsing message: unsupported wire type {wire}.")
        yield field, wire, v


class DecodeError(Exception):
    """google.protobuf.message.DecodeError."""


# ---------------------------------------------------------------------------------------------
# containers

def _check_int64(v):
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    try:
        n = int(v.__index__()) if hasattr(v, "__index__") else None
    except TypeError:
        n = None
    if n is None:
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int")
    if not -(1 << 63) <= n < (1 << 63):
        raise ValueError(f"Value out of range: {n}")
    return n


def _check_float(v):
    if isinstance(v, (str, bytes)) or not hasattr(v, "__float__"):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int, float")
    return float(np.float32(float(v)))


def _check_bytes(v):
    if isinstance(v, np.bytes_):
        return bytes(v)
    if not isinstance(v, bytes):
        raise TypeError(f"expected bytes, {type(v).__name__} found")
    return v


class RepeatedScalarContainer(list):
    """A type-checked list; changes mark the owning message as set."""

    __slots__ = ("_check", "_owner")

    def __init__(self, check, owner, values=()):
        super().__init__(check(v) for v in values)
        self._check = check
        self._owner = owner

    def _touch(self):
        self._owner._mark()

    def append(self, v):
        super().append(self._check(v))
        self._touch()

    def extend(self, vs):
        super().extend([self._check(v) for v in vs])
        self._touch()

    def insert(self, i, v):
        super().insert(i, self._check(v))
        self._touch()

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            super().__setitem__(i, [self._check(x) for x in v])
        else:
            super().__setitem__(i, self._check(v))
        self._touch()

    def __delitem__(self, i):
        super().__delitem__(i)
        self._touch()

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None

    def __repr__(self):
        return repr(list(self))

    def __reduce__(self):
        return (list, (list(self),))


class RepeatedCompositeContainer(list):
    """A list of messages of one type with protobuf's `add()`."""

    __slots__ = ("_cls", "_owner")

    def __init__(self, cls, owner):
        super().__init__()
        self._cls = cls
        self._owner = owner

    def add(self, **kwargs):
        m = self._cls(**kwargs)
        super().append(m)
        self._owner._mark()
        return m

    def append(self, m):
        super().append(self._cls(m) if isinstance(m, dict) else _copy_of(m, self._cls))
        self._owner._mark()

    def extend(self, ms):
        for m in ms:
            self.append(m)

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None


class MessageMap(dict):
    """A map<string, Message>: reading a missing key creates the entry (protobuf semantics)."""

    __slots__ = ("_cls", "_owner")

    def __init__(self, cls, owner):
        super().__init__()
        self._cls = cls
        self._owner = owner

    def __missing__(self, key):
        if not isinstance(key, str):
            raise TypeError(f"{key!r} has type {type(key).__name__}, but expected one of: str")
        m = self._cls()
        super().__setitem__(key, m)
        self._owner._mark()
        return m

    def get_or_create(self, key):
        return self[key]

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f"{key!r} has type {type(key).__name__}, but expected one of: str")
        super().__setitem__(key, self._cls(value) if isinstance(value, dict) else _copy_of(value, self._cls))
        self._owner._mark()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._owner._mark()

    def update(self, other=(), **kw):
        for k, v in dict(other, **kw).items():
            self[k] = v

    def __eq__(self, other):
        return dict(self) == dict(other)

    __hash__ = None


def _copy_of(m, cls):
    if not isinstance(m, cls):
        raise TypeError(f"Parameter to CopyFrom() must be instance of same class: expected {cls.__name__} "
                        f"got {type(m).__name__}.")
    c = cls()
    c.MergeFrom(m)
    return c


# ---------------------------------------------------------------------------------------------
# messages

class Message:
    """Base of the hand-written messages. Subclasses set _FIELDS: name -> (number, kind, type)."""

    _FIELDS = {}
    _ONEOF = {}  # oneof name -> field names

    __slots__ = ("_values", "_present", "_parent")

    def __init__(self, _from=None, **kwargs):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_present", set())
        object.__setattr__(self, "_parent", None)
        if _from is not None:
            if isinstance(_from, dict):
                kwargs = dict(_from, **kwargs)
            else:
                self.MergeFrom(_from)
        for k, v in kwargs.items():
            if k not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{k}" field.')
            if v is None:
                continue
            self._assign(k, v)

    # -- field access ----------------------------------------------------------------------
    def _assign(self, name, v):
        num, kind, typ = self._FIELDS[name]
        if kind == "msg":
            child = typ(v) if isinstance(v, dict) else _copy_of(v, typ)
            self._attach(name, child)
            self._set_present(name)
        elif kind == "map":
            m = self._get(name)
            dict.clear(m)
            for k, val in dict(v).items():
                m[k] = val
            self._mark()
        elif kind == "repmsg":
            c = self._get(name)
            list.clear(c)
            c.extend(v)
            self._mark()
        else:
            c = self._get(name)
            c[:] = list(v)
            self._mark()

    def _attach(self, name, child):
        object.__setattr__(child, "_parent", (self, name))
        self._values[name] = child

    def _get(self, name):
        vals = self._values
        if name in vals:
            return vals[name]
        num, kind, typ = self._FIELDS[name]
        if kind == "msg":
            v = typ()
            self._attach(name, v)
            return v
        if kind == "map":
            v = MessageMap(typ, self)
        elif kind == "repmsg":
            v = RepeatedCompositeContainer(typ, self)
        else:
            v = RepeatedScalarContainer(typ, self)
        vals[name] = v
        return v

    def __getattr__(self, name):
        if name in type(self)._FIELDS:
            return self._get(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value):
        if name in self._FIELDS:
            kind = self._FIELDS[name][1]
            if kind != "msg":
                raise AttributeError(f"Assignment not allowed to repeated field \"{name}\" in protocol "
                                     "message object.")
            raise AttributeError(f"Assignment not allowed to field \"{name}\" in protocol message object.")
        raise AttributeError(f"Assignment not allowed (no field \"{name}\" in protocol message object).")

    def _set_present(self, name):
        for group in self._ONEOF.values():
            if name in group:
                for other in group:
                    if other != name:
                        self._present.discard(other)
                        self._values.pop(other, None)
        self._present.add(name)
        self._mark()

    def _mark(self):
        """This message changed: its field in the parent becomes set, up the chain."""
        p = self._parent
        if p is None:
            return
        parent, name = p
        if parent._values.get(name) is not self:
            return
        if name not in parent._present:
            parent._set_present(name)
        else:
            parent._mark()

    # -- protobuf API ----------------------------------------------------------------------
    def HasField(self, name):
        if name in self._ONEOF:
            return any(f in self._present for f in self._ONEOF[name])
        if name not in self._FIELDS or self._FIELDS[name][1] != "msg":
            raise ValueError(f'Protocol message {type(self).__name__} has no singular "{name}" field.')
        return name in self._present

    def WhichOneof(self, oneof_group):
        if oneof_group not in self._ONEOF:
            raise ValueError(f'Protocol message has no oneof "{oneof_group}" field.')
        for f in self._ONEOF[oneof_group]:
            if f in self._present:
                return f
        return None

    def ClearField(self, name):
        if name not in self._FIELDS and name not in self._ONEOF:
            raise ValueError(f'Protocol message has no "{name}" field.')
        names = self._ONEOF.get(name, [name])
        for n in names:
            self._present.discard(n)
            self._values.pop(n, None)

    def Clear(self):
        self._values.clear()
        self._present.clear()

    def ListFields(self):
        out = []
        for name, (num, kind, typ) in sorted(self._FIELDS.items(), key=lambda kv: kv[1][0]):
            if kind == "msg":
                if name in self._present:
                    out.append((_FieldDescriptor(name, num), self._values[name]))
            else:
                v = self._values.get(name)
                if v:
                    out.append((_FieldDescriptor(name, num), v))
        return out

    def IsInitialized(self):
        return True

    def CopyFrom(self, other):
        if other is self:
            return
        _copy_of(other, type(self))
        self.Clear()
        self.MergeFrom(other)

    def MergeFrom(self, other):
        if not isinstance(other, type(self)):
            raise TypeError(f"Parameter to MergeFrom() must be instance of same class: expected "
                            f"{type(self).__name__} got {type(other).__name__}.")
        for name, (num, kind, typ) in self._FIELDS.items():
            if kind == "msg":
                if name in other._present:
                    self._get(name).MergeFrom(other._values[name])
                    self._set_present(name)
            elif kind == "map":
                ov = other._values.get(name)
                if ov:
                    m = self._get(name)
                    for k, v in ov.items():
                        m[k] = v
            elif kind == "repmsg":
                ov = other._values.get(name)
                if ov:
                    self._get(name).extend(ov)
            else:
                ov = other._values.get(name)
                if ov:
                    self._get(name).extend(ov)

    def SerializeToString(self, deterministic=None):
        return bytes(self._encode())

    SerializePartialToString = SerializeToString

    def ByteSize(self):
        return len(self._encode())

    @classmethod
    def FromString(cls, s):
        m = cls()
        m.MergeFromString(s)
        return m

    def ParseFromString(self, s):
        self.Clear()
        return self.MergeFromString(s)

    def MergeFromString(self, s):
        buf = bytes(s) if not isinstance(s, bytes) else s
        self._decode(buf)
        self._mark()
        return len(buf)

    # -- encoding ---------------------------------------------------------------------------
    def _encode(self):
        out = bytearray()
        for name, (num, kind, typ) in sorted(self._FIELDS.items(), key=lambda kv: kv[1][0]):
            if kind == "msg":
                if name in self._present:
                    out += _len_field(num, self._values[name]._encode())
                continue
            v = self._values.get(name)
            if not v:
                continue
            if kind == "map":
                for k in sorted(v):
                    entry = _len_field(1, k.encode("utf-8")) + _len_field(2, v[k]._encode())
                    out += _len_field(num, entry)
            elif kind == "repmsg":
                for m in v:
                    out += _len_field(num, m._encode())
            elif typ is _check_bytes:
                for b in v:
                    out += _len_field(num, b)
            elif typ is _check_float:
                out += _len_field(num, np.asarray(v, dtype="<f4").tobytes())
            else:
                out += _len_field(num, b"".join(_varint(x) for x in v))
        return out

    def _decode(self, buf):
        by_num = {num: (name, kind, typ) for name, (num, kind, typ) in self._FIELDS.items()}
        for field, wire, val in _fields(buf):
            spec = by_num.get(field)
            if spec is None:
                continue  # unknown fields are skipped
            name, kind, typ = spec
            if kind == "msg":
                if wire != _LEN:
                    raise DecodeError(f"Wrong wire type for field {name}.")
                child = self._get(name)
                child._decode(val)
                self._set_present(name)
            elif kind == "map":
                key, value = "", typ()
                for f2, w2, v2 in _fields(val):
                    if f2 == 1:
                        key = bytes(v2).decode("utf-8")
                    elif f2 == 2:
                        value = typ()
                        value._decode(v2)
                m = self._get(name)
                dict.__setitem__(m, key, value)
            elif kind == "repmsg":
                m = typ()
                m._decode(val)
                list.append(self._get(name), m)
            elif typ is _check_bytes:
                list.append(self._get(name), bytes(val))
            elif typ is _check_float:
                c = self._get(name)
                if wire == _LEN:
                    list.extend(c, np.frombuffer(val, dtype="<f4").astype(np.float64).tolist())
                elif wire == _I32:
                    list.append(c, struct.unpack("<f", val)[0])
                else:
                    raise DecodeError(f"Wrong wire type for field {name}.")
            else:
                c = self._get(name)
                if wire == _LEN:
                    pos, vals = 0, []
                    while pos < len(val):
                        n, pos = _read_varint(val, pos)
                        vals.append(_signed64(n))
                    list.extend(c, vals)
                elif wire == _VARINT:
                    list.append(c, _signed64(val))
                else:
                    raise DecodeError(f"Wrong wire type for field {name}.")

    # -- python protocol --------------------------------------------------------------------
    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._encode() == other._encode()

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = None

    def __str__(self):
        return "".join(self._text(0))

    __repr__ = __str__

    def __deepcopy__(self, memo=None):
        c = type(self)()
        c.MergeFrom(self)
        return c

    def __copy__(self):
        return self.__deepcopy__()

    def __reduce__(self):
        return (type(self).FromString, (self.SerializeToString(),))

    def _text(self, indent):
        pad = "  " * indent
        for name, (num, kind, typ) in sorted(self._FIELDS.items(), key=lambda kv: kv[1][0]):
            if kind == "msg":
                if name in self._present:
                    yield f"{pad}{name} {{\n"
                    yield from self._values[name]._text(indent + 1)
                    yield f"{pad}}}\n"
                continue
            v = self._values.get(name)
            if not v:
                continue
            if kind == "map":
                for k, m in v.items():
                    yield f"{pad}{name} {{\n{pad}  key: \"{_escape(k.encode('utf-8'))}\"\n{pad}  value {{\n"
                    yield from m._text(indent + 2)
                    yield f"{pad}  }}\n{pad}}}\n"
            elif kind == "repmsg":
                for m in v:
                    yield f"{pad}{name} {{\n"
                    yield from m._text(indent + 1)
                    yield f"{pad}}}\n"
            else:
                for x in v:
                    yield f"{pad}{name}: {_scalar_text(x, typ)}\n"


class _FieldDescriptor:
    def __init__(self, name, number):
        self.name = name
        self.number = number

    def __repr__(self):
        return f"<FieldDescriptor {self.name}>"


def _escape(b):
    out = []
    for c in b:
        if c == 0x22:
            out.append('\\"')
        elif c == 0x27:
            out.append("\\'")
        elif c == 0x5C:
            out.append("\\\\")
        elif c == 0x0A:
            out.append("\\n")
        elif c == 0x0D:
            out.append("\\r")
        elif c == 0x09:
            out.append("\\t")
        elif 0x20 <= c < 0x7F:
            out.append(chr(c))
        else:
            out.append(f"\\{c:03o}")
    return "".join(out)


def _scalar_text(x, typ):
    if typ is _check_bytes:
        return f'"{_escape(x)}"'
    if typ is _check_float:
        f = np.float32(x)
        if np.isnan(f):
            return "nan"
        if np.isinf(f):
            return "inf" if f > 0 else "-inf"
        s = str(f)
        return s[:-2] if s.endswith(".0") else s
    return str(x)


class BytesList(Message):
    """repeated bytes value = 1."""
    __slots__ = ()
    _FIELDS = {"value": (1, "rep", _check_bytes)}


class FloatList(Message):
    """repeated float value = 1 [packed = true]."""
    __slots__ = ()
    _FIELDS = {"value": (1, "rep", _check_float)}


class Int64List(Message):
    """repeated int64 value = 1 [packed = true]."""
    __slots__ = ()
    _FIELDS = {"value": (1, "rep", _check_int64)}


class Feature(Message):
    """oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; }"""
    __slots__ = ()
    _FIELDS = {"bytes_list": (1, "msg", BytesList), "float_list": (2, "msg", FloatList),
               "int64_list": (3, "msg", Int64List)}
    _ONEOF = {"kind": ("bytes_list", "float_list", "int64_list")}


class Features(Message):
    """map<string, Feature> feature = 1."""
    __slots__ = ()
    _FIELDS = {"feature": (1, "map", Feature)}


class FeatureList(Message):
    """repeated Feature feature = 1."""
    __slots__ = ()
    _FIELDS = {"feature": (1, "repmsg", Feature)}


class FeatureLists(Message):
    """map<string, FeatureList> feature_list = 1."""
    __slots__ = ()
    _FIELDS = {"feature_list": (1, "map", FeatureList)}


class Example(Message):
    """Features features = 1."""
    __slots__ = ()
    _FIELDS = {"features": (1, "msg", Features)}


class SequenceExample(Message):
    """Features context = 1; FeatureLists feature_lists = 2."""
    __slots__ = ()
    _FIELDS = {"context": (1, "msg", Features), "feature_lists": (2, "msg", FeatureLists)}


__all__ = ["Example", "SequenceExample", "Features", "Feature", "FeatureList", "FeatureLists",
           "BytesList", "FloatList", "Int64List", "DecodeError"]
