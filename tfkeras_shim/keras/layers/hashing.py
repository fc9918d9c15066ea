"""keras.layers.Hashing, and the string hashes TF's lookup layers use.

Values are hashed the way TF does it: integers (and floats, truncated to int64 first) are
written as decimal strings, strings are hashed with FarmHash Fingerprint64 (TF's
`tf.strings.to_hash_bucket_fast`), or with SipHash-2-4 keyed by `salt` (TF's
`to_hash_bucket_strong`), and the 64-bit hash is taken modulo the number of bins.

FarmHash is taken from the optional `pyfarmhash` package (`pip install pyfarmhash`, module
`farmhash`) when it is installed; otherwise a pure-Python Fingerprint64 (FarmHash's `farmhashna`
Hash64, which TF's Fingerprint64 is) is used: same results, about a microsecond or two per short
string. Hashing runs on the host (strings live there), like TF's CPU-only string ops.
"""
import struct

import numpy as np
import torch

from ...framework.device import current_device
from ...framework.tensor import StringTensor, wrap, convert_to_tensor
from .. import backend as _backend
from ..engine.layer import Layer

__all__ = ["Hashing"]

_M = (1 << 64) - 1
_K0 = 0xc3a5c85c97cb3127
_K1 = 0xb492b66fbe98f273
_K2 = 0x9ae16a3b2f90404f

try:  # optional C implementation
    from farmhash import fingerprint64 as _c_fingerprint64  # type: ignore
except Exception:  # noqa: BLE001 - missing or broken: the Python version below is used
    _c_fingerprint64 = None


def plain(x):
    """A shim Tensor as a plain torch.Tensor (same storage), so operators have torch semantics."""
    return x.as_subclass(torch.Tensor) if isinstance(x, torch.Tensor) and type(x) is not torch.Tensor else x


def _u64(s, i):
    return struct.unpack_from("<Q", s, i)[0]


def _u32(s, i):
    return struct.unpack_from("<I", s, i)[0]


def _rot(v, r):
    return v if r == 0 else ((v >> r) | (v << (64 - r))) & _M


def _smix(v):
    return v ^ (v >> 47)


def _len16(u, v, mul):
    a = ((u ^ v) * mul) & _M
    a ^= a >> 47
    b = ((v ^ a) * mul) & _M
    b ^= b >> 47
    return (b * mul) & _M


def _h0_16(s, n):
    if n >= 8:
        mul = _K2 + n * 2
        a = (_u64(s, 0) + _K2) & _M
        b = _u64(s, n - 8)
        c = (_rot(b, 37) * mul + a) & _M
        d = ((_rot(a, 25) + b) * mul) & _M
        return _len16(c, d, mul)
    if n >= 4:
        mul = _K2 + n * 2
        return _len16(n + (_u32(s, 0) << 3), _u32(s, n - 4), mul)
    if n > 0:
        y = s[0] + (s[n >> 1] << 8)
        z = n + (s[n - 1] << 2)
        return (_smix(((y * _K2) ^ (z * _K0)) & _M) * _K2) & _M
    return _K2


def _h17_32(s, n):
    mul = _K2 + n * 2
    a = (_u64(s, 0) * _K1) & _M
    b = _u64(s, 8)
    c = (_u64(s, n - 8) * mul) & _M
    d = (_u64(s, n - 16) * _K2) & _M
    return _len16((_rot((a + b) & _M, 43) + _rot(c, 30) + d) & _M,
                  (a + _rot((b + _K2) & _M, 18) + c) & _M, mul)


def _h33_64(s, n):
    mul = _K2 + n * 2
    a = (_u64(s, 0) * _K2) & _M
    b = _u64(s, 8)
    c = (_u64(s, n - 8) * mul) & _M
    d = (_u64(s, n - 16) * _K2) & _M
    y = (_rot((a + b) & _M, 43) + _rot(c, 30) + d) & _M
    z = _len16(y, (a + _rot((b + _K2) & _M, 18) + c) & _M, mul)
    e = (_u64(s, 16) * mul) & _M
    f = _u64(s, 24)
    g = ((y + _u64(s, n - 32)) * mul) & _M
    h = ((z + _u64(s, n - 24)) * mul) & _M
    return _len16((_rot((e + f) & _M, 43) + _rot(g, 30) + h) & _M,
                  (e + _rot((f + a) & _M, 18) + g) & _M, mul)


def _weak32(s, i, a, b):
    w, x, y, z = _u64(s, i), _u64(s, i + 8), _u64(s, i + 16), _u64(s, i + 24)
    a = (a + w) & _M
    b = _rot((b + a + z) & _M, 21)
    c = a
    a = (a + x + y) & _M
    b = (b + _rot(a, 44)) & _M
    return (a + z) & _M, (b + c) & _M


def fingerprint64(s):
    """FarmHash Fingerprint64 of a bytes object (TF's `Fingerprint64`), as a Python int."""
    if _c_fingerprint64 is not None:
        return _c_fingerprint64(s)
    n = len(s)
    if n <= 16:
        return _h0_16(s, n)
    if n <= 32:
        return _h17_32(s, n)
    if n <= 64:
        return _h33_64(s, n)
    seed = 81
    y = (seed * _K1 + 113) & _M
    z = (_smix((y * _K2 + 113) & _M) * _K2) & _M
    v0 = v1 = w0 = w1 = 0
    x = (seed * _K2 + _u64(s, 0)) & _M
    end = ((n - 1) // 64) * 64
    last = end + ((n - 1) & 63) - 63
    i = 0
    while True:
        x = (_rot((x + y + v0 + _u64(s, i + 8)) & _M, 37) * _K1) & _M
        y = (_rot((y + v1 + _u64(s, i + 48)) & _M, 42) * _K1) & _M
        x ^= w1
        y = (y + v0 + _u64(s, i + 40)) & _M
        z = (_rot((z + w0) & _M, 33) * _K1) & _M
        v0, v1 = _weak32(s, i, (v1 * _K1) & _M, (x + w0) & _M)
        w0, w1 = _weak32(s, i + 32, (z + w1) & _M, (y + _u64(s, i + 16)) & _M)
        z, x = x, z
        i += 64
        if i == end:
            break
    mul = _K1 + ((z & 0xff) << 1)
    i = last
    w0 = (w0 + ((n - 1) & 63)) & _M
    v0 = (v0 + w0) & _M
    w0 = (w0 + v0) & _M
    x = (_rot((x + y + v0 + _u64(s, i + 8)) & _M, 37) * mul) & _M
    y = (_rot((y + v1 + _u64(s, i + 48)) & _M, 42) * mul) & _M
    x ^= (w1 * 9) & _M
    y = (y + v0 * 9 + _u64(s, i + 40)) & _M
    z = (_rot((z + w0) & _M, 33) * mul) & _M
    v0, v1 = _weak32(s, i, (v1 * mul) & _M, (x + w0) & _M)
    w0, w1 = _weak32(s, i + 32, (z + w1) & _M, (y + _u64(s, i + 16)) & _M)
    z, x = x, z
    return _len16((_len16(v0, w0, mul) + _smix(y) * _K0 + z) & _M,
                  (_len16(v1, w1, mul) + x) & _M, mul)


def _rotl(v, r):
    return ((v << r) | (v >> (64 - r))) & _M


def siphash64(key0, key1, s):
    """SipHash-2-4 of bytes `s` with the 128-bit key (key0, key1) (TF's keyed hash)."""
    v0 = key0 ^ 0x736f6d6570736575
    v1 = key1 ^ 0x646f72616e646f6d
    v2 = key0 ^ 0x6c7967656e657261
    v3 = key1 ^ 0x7465646279746573
    n = len(s)
    full = n - n % 8

    def rounds(v0, v1, v2, v3, k):
        for _ in range(k):
            v0 = (v0 + v1) & _M
            v1 = _rotl(v1, 13) ^ v0
            v0 = _rotl(v0, 32)
            v2 = (v2 + v3) & _M
            v3 = _rotl(v3, 16) ^ v2
            v0 = (v0 + v3) & _M
            v3 = _rotl(v3, 21) ^ v0
            v2 = (v2 + v1) & _M
            v1 = _rotl(v1, 17) ^ v2
            v2 = _rotl(v2, 32)
        return v0, v1, v2, v3

    for i in range(0, full, 8):
        m = _u64(s, i)
        v3 ^= m
        v0, v1, v2, v3 = rounds(v0, v1, v2, v3, 2)
        v0 ^= m
    m = ((n & 0xff) << 56) | int.from_bytes(s[full:], "little")
    v3 ^= m
    v0, v1, v2, v3 = rounds(v0, v1, v2, v3, 2)
    v0 ^= m
    v2 ^= 0xff
    v0, v1, v2, v3 = rounds(v0, v1, v2, v3, 4)
    return v0 ^ v1 ^ v2 ^ v3


def as_string_array(x):
    """Host object array of bytes for a string / numeric tensor, array or list (TF's as_string)."""
    if isinstance(x, StringTensor):
        return x._a
    if isinstance(x, torch.Tensor):
        a = x.detach().cpu().numpy()
    else:
        a = np.asarray(x)
        if a.dtype.kind in "USO":
            return StringTensor(a)._a
    if a.dtype.kind == "f":
        a = a.astype(np.int64)
    if a.dtype.kind == "b":
        return np.vectorize(lambda v: b"true" if v else b"false", otypes=[object])(a) if a.size else a.astype(object)
    flat = [str(v).encode() for v in a.reshape(-1).tolist()]
    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(a.shape)


def hash_buckets(strings, num_buckets, key=None):
    """int64 numpy array: hash(s) % num_buckets for an object array of bytes."""
    flat = strings.reshape(-1)
    if key is None:
        hs = [fingerprint64(s) % num_buckets for s in flat]
    else:
        k0, k1 = int(key[0]) & _M, int(key[1]) & _M
        hs = [siphash64(k0, k1, s) % num_buckets for s in flat]
    return np.asarray(hs, dtype=np.int64).reshape(strings.shape)


def encode_categorical(ids, output_mode, depth, dtype):
    """Keras's `encode_categorical_inputs` for int64 ids: 'one_hot' / 'multi_hot' / 'count'.

    'multi_hot' and 'count' reduce axis 1 (the last axis of a batch of samples; a 1-D input is
    one sample); ids outside [0, depth) are dropped (Keras's mask value, the largest int64,
    lands there). A scalar is one sample. No one-hot intermediate: one scatter_add.
    """
    if ids.dim() == 0:
        ids = ids.reshape(1)
    if output_mode == "one_hot":
        if ids.dim() > 1 and ids.shape[-1] == 1:
            ids = ids.squeeze(-1)
        valid = (ids >= 0) & (ids < depth)
        safe = torch.where(valid, ids, torch.zeros((), dtype=ids.dtype, device=ids.device))
        return (torch.nn.functional.one_hot(safe, depth) * valid.unsqueeze(-1)).to(dtype)
    x = ids.movedim(1, -1) if ids.dim() > 2 else ids
    valid = (x >= 0) & (x < depth)
    safe = torch.where(valid, x, torch.zeros((), dtype=x.dtype, device=x.device))
    acc = dtype if dtype.is_floating_point else torch.int64
    out = torch.zeros(tuple(x.shape[:-1]) + (depth,), dtype=acc, device=x.device)
    out.scatter_add_(-1, safe, valid.to(acc))
    if output_mode == "multi_hot":
        out = out.clamp_max(1)
    return out if acc is dtype else out.to(dtype)


class Hashing(Layer):
    """Hashes strings / integers into `num_bins` bins (FarmHash64, or SipHash64 with `salt`)."""

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False, **kwargs):
        if sparse:
            raise ValueError("`sparse=True` can only be used with the TensorFlow backend.")
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else _backend.floatx()
        kwargs.setdefault("autocast", False)  # Keras: inputs are not converted
        super().__init__(**kwargs)
        if num_bins is None or num_bins <= 0:
            raise ValueError("The `num_bins` for `Hashing` cannot be `None` or non-positive values. "
                             f"Received: num_bins={num_bins}.")
        if output_mode == "int" and self.dtype_policy.name not in ("int32", "int64"):
            raise ValueError('When `output_mode="int"`, `dtype` should be an integer type, \'int32\' '
                             f"or 'in64'. Received: dtype={kwargs['dtype']}")
        accepted = ("int", "one_hot", "multi_hot", "count")
        if output_mode not in accepted:
            raise ValueError(f"Invalid value for argument `output_mode`. Expected one of {accepted}. "
                             f"Received: output_mode={output_mode}")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                self.salt = list(salt)
            elif isinstance(salt, int):
                self.salt = [salt, salt]
            else:
                raise ValueError("The `salt` argument for `Hashing` can only be a tuple of size 2 "
                                 f"integers, or a single integer. Received: salt={salt}.")
        self.supports_jit = False
        self._build_at_init()

    def _bins(self, inputs):
        bins = self.num_bins
        mask = None
        strings = as_string_array(inputs)
        if self.mask_value is not None and bins > 1:
            bins -= 1
            mv = self.mask_value
            if isinstance(inputs, StringTensor):
                mask = strings == (mv.encode() if isinstance(mv, str) else mv)
            else:
                mask = inputs.detach().cpu().numpy() == mv
        out = hash_buckets(strings, bins, self.salt if self.strong_hash else None)
        if mask is not None:
            out = np.where(np.asarray(mask, dtype=bool), 0, out + 1)
        return torch.from_numpy(np.asarray(out, dtype=np.int64))

    def call(self, inputs):
        if not isinstance(inputs, (StringTensor, torch.Tensor)):
            inputs = convert_to_tensor(inputs)
        ids = self._bins(inputs).to(current_device())
        dtype = _dtype(self.dtype)
        if self.output_mode == "int":
            return wrap(ids.to(dtype))
        return wrap(encode_categorical(ids, self.output_mode, self.num_bins, dtype))

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.output_mode == "int":
            return input_shape
        if not input_shape:
            return (self.num_bins,)
        if self.output_mode == "one_hot" and input_shape[-1] != 1:
            return input_shape + (self.num_bins,)
        return input_shape[:-1] + (self.num_bins,)

    def compute_output_spec(self, inputs):
        from ..engine.keras_tensor import KerasTensor
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=self.dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "salt": self.salt, "mask_value": self.mask_value,
                       "output_mode": self.output_mode, "sparse": self.sparse})
        return config


def _dtype(name):
    from ...framework import dtypes as _dt
    return _dt.as_dtype(name).torch_dtype
