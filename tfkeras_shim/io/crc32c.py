"""CRC-32C (Castagnoli), as the TFRecord container uses it, in Python and numpy (no dependency).

Short buffers use a byte table. Long buffers are cut into equal blocks whose CRC registers are
advanced together with numpy (one table lookup per byte position for all blocks at once) and then
combined with a precomputed "advance over one block of zeros" operator, which keeps the cost near
numpy speed instead of one Python step per byte.
"""
import numpy as np

_POLY = 0x82F63B78  # reflected Castagnoli polynomial


def _make_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _make_table()
_NP_TABLE = np.array(_TABLE, dtype=np.uint32)
_BLOCK = 1024
_SMALL = 4096
_shift_tables = None


def _update(reg, data):
    t = _TABLE
    for b in data:
        reg = t[(reg ^ b) & 0xFF] ^ (reg >> 8)
    return reg


def _zero_shift_tables():
    """4 byte-tables applying "advance the register over _BLOCK zero bytes" (a linear map)."""
    global _shift_tables
    if _shift_tables is None:
        zeros = bytes(_BLOCK)
        basis = [_update(1 << k, zeros) for k in range(32)]
        tables = []
        for j in range(4):
            tab = [0] * 256
            for v in range(1, 256):
                low = v & -v
                tab[v] = tab[v ^ low] ^ basis[8 * j + low.bit_length() - 1]
            tables.append(tab)
        _shift_tables = tables
    return _shift_tables


def _update_long(reg, data):
    n = len(data) // _BLOCK
    arr = np.frombuffer(data, dtype=np.uint8, count=n * _BLOCK).reshape(n, _BLOCK)
    regs = np.zeros(n, dtype=np.uint32)
    regs[0] = reg
    tab = _NP_TABLE
    for j in range(_BLOCK):
        regs = tab[(regs ^ arr[:, j]) & 0xFF] ^ (regs >> 8)
    t0, t1, t2, t3 = _zero_shift_tables()
    acc = int(regs[0])
    for r in regs[1:].tolist():
        acc = t0[acc & 0xFF] ^ t1[(acc >> 8) & 0xFF] ^ t2[(acc >> 16) & 0xFF] ^ t3[acc >> 24] ^ r
    return _update(acc, memoryview(data)[n * _BLOCK:])


def crc32c(data, crc=0):
    """CRC-32C of `data` (bytes-like), continuing from `crc`."""
    data = bytes(data) if not isinstance(data, (bytes, bytearray)) else data
    reg = crc ^ 0xFFFFFFFF
    if len(data) >= _SMALL:
        reg = _update_long(reg, data)
    else:
        reg = _update(reg, data)
    return reg ^ 0xFFFFFFFF


_MASK_DELTA = 0xA282EAD8


def masked_crc32c(data):
    """TFRecord's masked CRC: rotate right by 15 bits and add a constant."""
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


__all__ = ["crc32c", "masked_crc32c"]
