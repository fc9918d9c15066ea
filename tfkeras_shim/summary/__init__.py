"""tf.summary: TensorBoard event files written by hand (no tensorboard or TF needed).

Records are TF 2's: each summary is an Event with a tensor Value and plugin metadata
(scalars as float32 scalars, histograms as float64 [buckets, 3] (left, right, count) tables,
images and audio as string tensors holding PNG/WAV bytes, text as string tensors), in files named
`events.out.tfevents.<secs>.<host>.<pid>.<n>.v2` that start with the `brain.Event:2` record.
Differences from TF 2.21:

* TF raises `TBNotInstalledError` from scalar/histogram/image/text/audio without the tensorboard
  package; the shim always writes.
* records go to the file from the calling thread (no background thread); `flush_millis` is checked
  when a summary is written.
* PNG bytes differ from TF's (same pixels); `graph` and `trace_*` only warn (no graphs or
  profiles on torch).
"""
import contextlib
import time
import os
import threading
import warnings

import numpy as np
import torch

from ..framework import errors
from ..framework.tensor import StringTensor, constant
from ..io.tensor_serialization import serialize_tensor_bytes
from ..ops.control_flow_ops import get_current_name_scope
from . import event_file as _ef
from . import experimental  # noqa: F401


class _State(threading.local):
    def __init__(self):
        self.writer = None
        self.step = None
        self.record_if = True


_state = _State()


# ---------------------------------------------------------------------------------------------
# writers

class SummaryWriter:
    """tf.summary.SummaryWriter: the writer interface (`as_default`, `set_as_default`, `init`, `flush`, `close`)."""

    def set_as_default(self, step=None):
        """Make this the default writer for the current thread (and set the default step if given)."""
        _state.writer = self
        if step is not None:
            _state.step = step

    @contextlib.contextmanager
    def as_default(self, step=None):
        """Default writer (and step) inside the block; flushes the writer on leaving it."""
        old_writer, old_step = _state.writer, _state.step
        try:
            _state.writer = self
            if step is not None:
                _state.step = step
            yield self
            self.flush()
        finally:
            _state.writer, _state.step = old_writer, old_step

    def init(self):
        pass

    def flush(self):
        pass

    def close(self):
        pass


class _FileSummaryWriter(SummaryWriter):
    """The writer of `create_file_writer`: one event file, opened on creation."""

    def __init__(self, logdir, max_queue, flush_millis, filename_suffix):
        self._logdir = logdir
        self._file = _ef.EventFileWriter(logdir, max_queue, flush_millis, filename_suffix)
        self._closed = False

    def _write(self, event_bytes):
        if self._closed:
            raise errors.NotFoundError(None, "WriteSummary", "Resource localhost/_AnonymousVar/"
                                       "N10tensorflow22SummaryWriterInterfaceE does not exist. [Op:WriteSummary]")
        self._file.add(event_bytes)

    def flush(self):
        if not self._closed:
            self._file.flush()

    def close(self):
        if not self._closed:
            self._file.close()
            self._closed = True

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass


class _NoopSummaryWriter(SummaryWriter):
    """create_noop_writer(): as in TF, `as_default`/`set_as_default` leave the default writer as it was."""

    def set_as_default(self, step=None):
        pass

    @contextlib.contextmanager
    def as_default(self, step=None):
        yield self


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None, name=None,
                       experimental_trackable=False, experimental_mesh=None):
    """A writer for a new event file in `logdir` (created with its parents)."""
    if logdir is None:
        raise ValueError("Argument `logdir` cannot be None")
    if isinstance(logdir, StringTensor):
        logdir = logdir._a[()]
    if isinstance(logdir, bytes):
        logdir = logdir.decode()
    logdir = os.fspath(logdir)
    try:
        return _FileSummaryWriter(logdir, 10 if max_queue is None else max_queue,
                                  120000 if flush_millis is None else flush_millis,
                                  ".v2" if filename_suffix is None else filename_suffix)
    except OSError as e:
        raise errors.NotFoundError(None, "CreateSummaryFileWriter",
                                   f"{e.filename or logdir}; {e.strerror} [Op:CreateSummaryFileWriter]") from None


def create_noop_writer():
    return _NoopSummaryWriter()


# ---------------------------------------------------------------------------------------------
# recording state

class _RecordIf:
    def __init__(self, condition):
        self._condition = condition

    def __enter__(self):
        self._old = _state.record_if
        _state.record_if = self._condition
        return self

    def __exit__(self, *exc):
        _state.record_if = self._old
        return False


def record_if(condition):
    """Context: summaries are written only while `condition` (bool, bool tensor or callable) holds."""
    return _RecordIf(condition)


def _recording():
    if _state.writer is None:
        return False
    cond = _state.record_if
    if callable(cond):
        cond = cond()
    return bool(cond)


def should_record_summaries():
    """A bool scalar tensor: a default writer is set and `record_if` allows writing."""
    return constant(_recording())


def flush(writer=None, name=None):
    """Flush `writer` (default: the default writer)."""
    w = _state.writer if writer is None else writer
    if w is not None:
        w.flush()


# ---------------------------------------------------------------------------------------------
# writing

def _step_value(step):
    if step is None:
        step = _state.step
        if step is None:
            raise ValueError("No step set. Please specify one either through the `step` argument or through "
                             "tf.summary.experimental.set_step()")
    if isinstance(step, torch.Tensor):
        if step.dtype != torch.int64:
            raise ValueError(f"Tensor conversion requested dtype int64 for Tensor with dtype "
                             f"{step.dtype.name if hasattr(step.dtype, 'name') else step.dtype}: {step!r}")
        return int(step)
    if isinstance(step, (bool, int, np.integer)):
        return int(step)
    if isinstance(step, np.ndarray) and step.ndim == 0 and step.dtype.kind in "iu":
        return int(step)
    raise TypeError(f"Cannot convert {step!r} to EagerTensor of dtype int64")


def _tag(name):
    scope = get_current_name_scope()
    return f"{scope}/{name}" if scope else name


def _host(data):
    """numpy array of a tensor / array / nested list (strings as an object array of bytes)."""
    if isinstance(data, StringTensor):
        return data._a
    if isinstance(data, torch.Tensor):
        return data.detach().cpu().numpy()
    if isinstance(data, (str, bytes)):
        return np.array(data.encode() if isinstance(data, str) else data, dtype=object)
    a = np.asarray(data)
    if a.dtype.kind == "U":
        a = np.vectorize(lambda s: s.encode("utf-8"), otypes=[object])(a) if a.size else a.astype(object)
    return a


def _string_tensor(a):
    st = StringTensor.__new__(StringTensor)
    st._a = np.asarray(a, dtype=object)
    return st


def _write(tag, tensor_proto_fn, step, metadata):
    """Write one Value if recording; `tensor_proto_fn` builds the TensorProto bytes lazily."""
    writer = _state.writer
    if writer is None or not _recording():
        return constant(False)
    step = _step_value(step)
    if not isinstance(writer, _FileSummaryWriter):
        return constant(True)
    summary = _ef.summary_value(tag, tensor_proto_fn(), metadata)
    writer._write(_ef.event(time.time(), step, summary))
    return constant(True)


def _metadata_bytes(metadata):
    if metadata is None:
        return None
    if isinstance(metadata, (bytes, bytearray)):
        return bytes(metadata)
    if hasattr(metadata, "SerializeToString"):
        return metadata.SerializeToString()
    raise TypeError(f"metadata must be a SummaryMetadata proto or bytes, got {type(metadata).__name__}")


def write(tag, tensor, step=None, metadata=None, name=None):
    """Write `tensor` (or the result of calling it) as is, with optional SummaryMetadata (proto or bytes)."""
    def proto():
        t = tensor() if callable(tensor) else tensor
        if isinstance(t, str):
            t = t.encode()
        if isinstance(t, bytes):
            t = _string_tensor(np.array(t, dtype=object))
        elif isinstance(t, (list, tuple)) and t and isinstance(np.asarray(t).flat[0], (str, bytes)):
            t = _string_tensor(_host(t))
        return serialize_tensor_bytes(t)
    return _write(tag, proto, step, _metadata_bytes(metadata))


def _md(plugin, description, content=b""):
    return _ef.summary_metadata(plugin, content, description=description or "")


def scalar(name, data, step=None, description=None):
    """A float32 scalar with the 'scalars' plugin metadata (ValueError for non-scalars, as TF)."""
    def proto():
        a = _host(data)
        if a.ndim != 0:
            raise ValueError(f"Expected scalar shape, saw shape: {tuple(a.shape)}.")
        if a.dtype == object:
            raise errors.UnimplementedError(None, "Cast", "Cast string to float is not supported [Op:Cast]")
        return serialize_tensor_bytes(torch.tensor(a.astype(np.float32)))
    if _state.writer is not None and _recording():
        shape = np.shape(data) if not isinstance(data, StringTensor) else data._a.shape
        if len(shape) != 0:
            raise ValueError(f"Expected scalar shape, saw shape: {tuple(shape)}.")
    return _write(_tag(name), proto, step, _md("scalars", description))


def _histogram_table(data, buckets):
    x = np.asarray(_host(data), dtype=np.float64).reshape(-1)
    k = 30 if buckets is None else max(0, int(buckets))
    if x.size == 0 or k == 0:
        return np.zeros((k, 3), np.float64)
    lo, hi = x.min(), x.max()
    span = hi - lo
    if span == 0:
        counts = np.zeros(k, np.float64)
        counts[-1] = x.size
        edges = np.full(k, hi)
        return np.stack([edges, edges, counts], 1)
    width = span / k
    idx = np.minimum(np.floor((x - lo) / width).astype(np.int32), k - 1)
    counts = np.bincount(idx, minlength=k).astype(np.float64)
    edges = lo + np.arange(k + 1, dtype=np.float64) * (span / k)
    edges[-1] = hi
    return np.stack([edges[:-1], edges[1:], counts], 1)


def histogram(name, data, step=None, buckets=None, description=None):
    """TensorBoard's v2 histogram: float64 [buckets, 3] rows (left edge, right edge, count), 30 buckets
    by default; all-equal data puts every count in the last bucket; empty data gives zero rows."""
    return _write(_tag(name), lambda: serialize_tensor_bytes(torch.from_numpy(_histogram_table(data, buckets))),
                  step, _md("histograms", description))


def _to_uint8(a):
    """tf.image.convert_image_dtype(x, uint8, saturate=True)."""
    if a.dtype == np.uint8:
        return a
    if a.dtype.kind == "f":
        return np.clip(a.astype(np.float32) * np.float32(255.5), 0, 255).astype(np.uint8)
    if a.dtype == np.bool_:
        return a.astype(np.uint8)
    if a.dtype.kind in "iu":
        bits = a.dtype.itemsize * 8 - (1 if a.dtype.kind == "i" else 0)
        return np.clip(a.astype(np.int64) >> max(bits - 8, 0), 0, 255).astype(np.uint8)
    raise TypeError(f"image data of dtype {a.dtype} cannot be converted to uint8")


def image(name, data, step=None, max_outputs=3, description=None):
    """Images of a [k, h, w, c] tensor (c = 1..4; floats in [0, 1], ints scaled as
    `convert_image_dtype`) as [width, height, png_1, ...] strings with the 'images' plugin."""
    def proto():
        a = _host(data)
        if a.ndim != 4:
            raise ValueError(f"Tensor  must have rank 4.  Received rank {a.ndim}, shape {tuple(a.shape)}")
        if max_outputs < 0:
            raise errors.InvalidArgumentError(None, None, "max_outputs must be non-negative")
        imgs = _to_uint8(a)
        strings = [str(a.shape[2]).encode(), str(a.shape[1]).encode()]
        strings += [_ef.encode_png(im) for im in imgs[:max_outputs]]
        arr = np.empty(len(strings), dtype=object)
        arr[:] = strings
        return serialize_tensor_bytes(_string_tensor(arr))
    if _state.writer is not None and _recording():
        nd = len(np.shape(data)) if not isinstance(data, torch.Tensor) else data.dim()
        if nd != 4:
            raise ValueError(f"Tensor  must have rank 4.  Received rank {nd}, shape {tuple(np.shape(data))}")
    return _write(_tag(name), proto, step, _md("images", description))


def text(name, data, step=None, description=None):
    """A string tensor of any shape with the 'text' plugin (Markdown in TensorBoard)."""
    def proto():
        a = _host(data)
        if a.dtype != object:
            raise TypeError(f"text data must be strings, got {a.dtype}")
        return serialize_tensor_bytes(_string_tensor(a))
    return _write(_tag(name), proto, step, _md("text", description))


def audio(name, data, sample_rate, step=None, max_outputs=3, encoding=None, description=None):
    """Audio clips of a float [k, frames, channels] tensor in [-1, 1] as [k, 2] (wav bytes, label '')."""
    if encoding is None:
        encoding = "wav"
    if encoding != "wav":
        raise ValueError("Unknown encoding: %r" % encoding)

    def proto():
        a = _host(data)
        if a.ndim != 3:
            raise ValueError(f"Tensor  must have rank 3.  Received rank {a.ndim}, shape {tuple(a.shape)}")
        sr = _host(sample_rate)
        clips = [_ef.encode_wav(c, sr) for c in a[:max_outputs]]
        table = np.empty((len(clips), 2), dtype=object)
        for i, c in enumerate(clips):
            table[i] = (c, b"")
        return serialize_tensor_bytes(_string_tensor(table))
    return _write(_tag(name), proto, step, _md("audio", description, content=b"\x10\x0b"))  # encoding: WAV


def graph(graph_data):
    """No graphs on torch: warns and writes nothing (returns False)."""
    warnings.warn("tf.summary.graph: tfkeras_shim has no TF graphs; nothing is written.", stacklevel=2)
    return constant(False)


def trace_on(graph=True, profiler=False, profiler_outdir=None):  # noqa: A002 - TF's argument names
    """No-op with a warning: torch code has no TF graphs to trace (use torch.profiler)."""
    warnings.warn("tf.summary.trace_on: tracing is not supported by tfkeras_shim; nothing is recorded.",
                  stacklevel=2)


def trace_off():
    pass


def trace_export(name, step=None, profiler_outdir=None):
    """No-op with a warning (see `trace_on`)."""
    warnings.warn("tf.summary.trace_export: tracing is not supported by tfkeras_shim; nothing is written.",
                  stacklevel=2)


__all__ = ["SummaryWriter", "audio", "create_file_writer", "create_noop_writer", "experimental", "flush",
           "graph", "histogram", "image", "record_if", "scalar", "should_record_summaries", "text",
           "trace_export", "trace_off", "trace_on", "write"]
