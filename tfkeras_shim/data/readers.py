"""File-reading datasets: TFRecordDataset, TextLineDataset, FixedLengthRecordDataset.

Each yields scalar tf.string tensors; several files are read one after another, or interleaved
(one record at a time) when `num_parallel_reads` > 1, as in TF.
"""
import gzip
import io
import zlib

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.tensor_spec import TensorSpec
from . import structure as _st
from .dataset import Dataset, UNKNOWN, AUTOTUNE, _string_list, _as_int, _InterleaveDataset, _TensorSliceDataset


def _scalar(b):
    a = np.empty((), dtype=object)
    a[()] = b
    return _st.str_tensor(a)


def _filenames(filenames):
    if isinstance(filenames, Dataset):
        return [v._a[()].decode() if isinstance(v._a[()], bytes) else str(v._a[()]) for v in filenames._elements()]
    files = _string_list(filenames)
    if not files and not isinstance(filenames, (str, bytes)):
        pass
    return files


class _FileDataset(Dataset):
    """Base: records of each file in turn (or interleaved by num_parallel_reads)."""

    def __init__(self, filenames, compression_type=None, num_parallel_reads=None):
        super().__init__()
        self._files = _filenames(filenames)
        self._compression = compression_type
        n = None if num_parallel_reads is None else _as_int(num_parallel_reads)
        self._parallel = n

    def _compute_spec(self):
        return TensorSpec([], _dt.string)

    def _card(self):
        return UNKNOWN

    def _records(self, path):
        raise NotImplementedError

    def _file_dataset(self, path):
        return _OneFile(self, path)

    def _gen(self):
        if self._parallel and self._parallel > 1 or self._parallel == AUTOTUNE:
            names = _TensorSliceDataset(np.array([f.encode() for f in self._files], dtype=object))
            inter = _InterleaveDataset(names, lambda p: self._file_dataset(p._a[()].decode()),
                                       self._parallel if self._parallel != AUTOTUNE else None, 1)
            yield from inter._elements()
            return
        for path in self._files:
            for rec in self._records(path):
                yield _scalar(rec)


class _OneFile(Dataset):
    def __init__(self, owner, path):
        super().__init__()
        self._owner, self._path = owner, path

    def _compute_spec(self):
        return TensorSpec([], _dt.string)

    def _gen(self):
        for rec in self._owner._records(self._path):
            yield _scalar(rec)


class TFRecordDatasetV2(_FileDataset):
    """tf.data.TFRecordDataset(filenames, compression_type=None, buffer_size=None, num_parallel_reads=None)."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)

    def _records(self, path):
        from ..io.tfrecord import read_records
        return read_records(path, self._compression)


def _open(path, compression):
    from ..io.tfrecord import _compression
    comp = _compression(compression)
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
        return io.BytesIO(data)
    return raw


class TextLineDatasetV2(_FileDataset):
    """Lines of text files, without the line ending (\\n or \\r\\n)."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)

    def _records(self, path):
        with _open(path, self._compression) as f:
            for line in f:
                if line.endswith(b"\n"):
                    line = line[:-1]
                    if line.endswith(b"\r"):
                        line = line[:-1]
                yield line


class FixedLengthRecordDatasetV2(_FileDataset):
    """Fixed-size records of binary files, after `header_bytes` and before `footer_bytes`."""

    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None, buffer_size=None,
                 compression_type=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)
        self._rec = _as_int(record_bytes)
        self._header = _as_int(header_bytes or 0)
        self._footer = _as_int(footer_bytes or 0)

    def _records(self, path):
        with _open(path, self._compression) as f:
            data = f.read()
        body = data[self._header:len(data) - self._footer if self._footer else None]
        n = len(body) // self._rec
        for i in range(n):
            yield body[i * self._rec:(i + 1) * self._rec]


TFRecordDataset = TFRecordDatasetV2
TextLineDataset = TextLineDatasetV2
FixedLengthRecordDataset = FixedLengthRecordDatasetV2

__all__ = ["TFRecordDataset", "TextLineDataset", "FixedLengthRecordDataset"]
