"""The TFRecord container: for each record, uint64 length, masked CRC-32C of the length, the data,
masked CRC-32C of the data (all little-endian). Optional GZIP or ZLIB compression of the whole file."""
import gzip
import os
import struct
import zlib

import numpy as np

from ..framework import errors
from ..framework.tensor import StringTensor
from .crc32c import masked_crc32c


class TFRecordCompressionType:
    NONE = 0
    ZLIB = 1
    GZIP = 2


class TFRecordOptions:
    """tf.io.TFRecordOptions: compression_type '' / 'ZLIB' / 'GZIP' (other tuning knobs accepted)."""

    compression_type_map = {TFRecordCompressionType.ZLIB: "ZLIB", TFRecordCompressionType.GZIP: "GZIP",
                            TFRecordCompressionType.NONE: ""}

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        if compression_type is None:
            compression_type = ""
        if isinstance(compression_type, int):
            compression_type = self.compression_type_map[compression_type]
        self.compression_type = compression_type
        self.compression_level = compression_level
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options):
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return options.compression_type
        if isinstance(options, int):
            return cls.compression_type_map[options]
        return _compression(options)


def _compression(c):
    if c is None:
        return ""
    if isinstance(c, TFRecordOptions):
        return c.compression_type
    if isinstance(c, StringTensor):
        c = c._a[()]
    if isinstance(c, bytes):
        c = c.decode()
    if isinstance(c, int):
        return TFRecordOptions.compression_type_map[c]
    c = str(c).upper()
    if c not in ("", "ZLIB", "GZIP"):
        raise errors.InvalidArgumentError(None, None, f"Unsupported compression_type: {c}")
    return c


def encode_record(data):
    header = struct.pack("<Q", len(data))
    return header + struct.pack("<I", masked_crc32c(header)) + data + struct.pack("<I", masked_crc32c(data))


def _record_bytes(record):
    if isinstance(record, StringTensor):
        record = record._a[()]
    if isinstance(record, str):
        record = record.encode("utf-8")
    if hasattr(record, "numpy") and not isinstance(record, (bytes, bytearray)):
        record = record.numpy()
    if isinstance(record, np.ndarray):
        record = record.item()
    if not isinstance(record, (bytes, bytearray, memoryview)):
        raise TypeError(f"write() argument must be bytes, not {type(record).__name__}")
    return bytes(record)


class TFRecordWriter:
    """tf.io.TFRecordWriter(path, options=None): `write(record)`, `flush()`, `close()`; a context manager."""

    def __init__(self, path, options=None):
        path = os.fspath(path)
        comp = _compression(options)
        level = getattr(options, "compression_level", None)
        level = -1 if level is None else level
        try:
            raw = open(path, "wb")
        except FileNotFoundError:
            raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
        self._raw = raw
        if comp == "GZIP":
            self._f = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9 if level < 0 else level, mtime=0)
            self._z = None
        elif comp == "ZLIB":
            self._f = raw
            self._z = zlib.compressobj(level)
        else:
            self._f = raw
            self._z = None
        self._closed = False

    def write(self, record):
        if self._closed:
            raise errors.FailedPreconditionError(None, None, "Writer is closed.")
        data = encode_record(_record_bytes(record))
        if self._z is not None:
            self._f.write(self._z.compress(data))
        else:
            self._f.write(data)

    def flush(self):
        if self._z is not None:
            self._f.write(self._z.flush(zlib.Z_SYNC_FLUSH))
        self._f.flush()
        if self._f is not self._raw:
            self._raw.flush()

    def close(self):
        if self._closed:
            return
        if self._z is not None:
            self._f.write(self._z.flush())
        if self._f is not self._raw:
            self._f.close()
        self._raw.close()
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass


def _open_stream(path, comp):
    try:
        raw = open(path, "rb")
    except FileNotFoundError:
        raise errors.NotFoundError(None, "IteratorGetNext", f"{path}; No such file or directory "
                                   "[Op:IteratorGetNext]") from None
    if comp == "GZIP":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if comp == "ZLIB":
        data = zlib.decompress(raw.read())
        raw.close()
        import io
        return io.BytesIO(data)
    return raw


def read_records(path, compression_type=None, check_crc=True):
    """Yield the records (bytes) of one TFRecord file, checking lengths and CRCs like TF."""
    path = os.fspath(path)
    comp = _compression(compression_type)
    f = _open_stream(path, comp)
    offset = 0
    try:
        while True:
            header = f.read(12)
            if not header:
                return
            if len(header) < 12:
                raise _data_loss(f"truncated record at {offset}' failed with Read less bytes than requested")
            length, crc = struct.unpack("<QI", header)
            if check_crc and masked_crc32c(header[:8]) != crc:
                raise _data_loss(f"corrupted record at {offset}")
            data = f.read(length)
            footer = f.read(4)
            if len(data) < length or len(footer) < 4:
                raise _data_loss(f"truncated record at {offset}' failed with Read less bytes than requested")
            if check_crc and masked_crc32c(data) != struct.unpack("<I", footer)[0]:
                raise _data_loss(f"corrupted record at {offset}")
            yield data
            offset += 16 + length
    finally:
        f.close()


def _data_loss(msg):
    return errors.DataLossError(None, "IteratorGetNext", f"{msg} [Op:IteratorGetNext]")


def tf_record_iterator(path, options=None):
    """tf.compat.v1.io.tf_record_iterator: the records of a file as bytes."""
    return read_records(path, options)


__all__ = ["TFRecordWriter", "TFRecordOptions", "TFRecordCompressionType", "tf_record_iterator"]
