"""TensorBoard event files without the tensorboard package.

An event file is a TFRecord file of `Event` protos (`tensorflow/core/util/event.proto`), encoded here
by hand with the wire helpers of `train.example`:

    Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5;
              SourceMetadata source_metadata = 10 { string writer = 1; } }
    Summary { repeated Value value = 1; }
    Value   { string tag = 1; TensorProto tensor = 8; SummaryMetadata metadata = 9; }
    SummaryMetadata { PluginData plugin_data = 1 { string plugin_name = 1; bytes content = 2; }
                      string display_name = 2; string summary_description = 3; }

Fields come in field-number order and defaults are omitted, which is what TF's C++ writer emits,
so records equal TF's byte for byte apart from `wall_time` (and PNG bytes, see `encode_png`).
Also here: `decode_event` (a small reader used by tests and tools), PNG and WAV encoders.
"""
import itertools
import os
import socket
import struct
import threading
import time
import zlib

import numpy as np

from ..io.tfrecord import encode_record, read_records
from ..train.example import _fields, _len_field, _signed64, _tag, _varint

_FILE_COUNTER = itertools.count()
_COUNTER_LOCK = threading.Lock()


# ---------------------------------------------------------------------------------------------
# encoding

def summary_metadata(plugin_name="", content=b"", display_name="", description=""):
    """SummaryMetadata bytes."""
    plugin = b""
    if plugin_name:
        plugin += _len_field(1, plugin_name.encode("utf-8"))
    if content:
        plugin += _len_field(2, content)
    out = _len_field(1, plugin) if plugin else b""
    if display_name:
        out += _len_field(2, display_name.encode("utf-8"))
    if description:
        out += _len_field(3, description.encode("utf-8"))
    return out


def summary_value(tag, tensor_proto, metadata=None):
    """Summary bytes holding one tensor Value (`metadata` None omits the field)."""
    v = _len_field(1, tag.encode("utf-8")) + _len_field(8, tensor_proto)
    if metadata is not None:
        v += _len_field(9, metadata)
    return _len_field(1, v)


def event(wall_time, step=0, summary=None, file_version=None, source_writer=None):
    """Event bytes."""
    out = _tag(1, 1) + struct.pack("<d", wall_time)
    if step:
        out += _tag(2, 0) + _varint(int(step))
    if file_version is not None:
        out += _len_field(3, file_version.encode())
    if summary is not None:
        out += _len_field(5, summary)
    if source_writer is not None:
        out += _len_field(10, _len_field(1, source_writer.encode()))
    return out


# ---------------------------------------------------------------------------------------------
# the file

class EventFileWriter:
    """Appends Event records to `events.out.tfevents.<secs>.<host>.<pid>.<n><suffix>` in `logdir`.

    Like TF's writer it writes the `brain.Event:2` record when created, buffers up to `max_queue`
    records and flushes at least every `flush_millis` (checked when a record is added, there is no
    background thread), on `flush()` and on `close()`.
    """

    def __init__(self, logdir, max_queue=10, flush_millis=120000, filename_suffix=".v2"):
        os.makedirs(logdir, exist_ok=True)
        now = time.time()
        with _COUNTER_LOCK:
            n = next(_FILE_COUNTER)
        name = "events.out.tfevents.%010d.%s.%d.%d%s" % (int(now), socket.gethostname(), os.getpid(), n,
                                                         filename_suffix)
        self.path = os.path.join(logdir, name)
        self._f = open(self.path, "wb")
        self._pending = []
        self._max_queue = max(1, int(max_queue))
        self._flush_s = flush_millis / 1000.0
        self._last_flush = now
        self._lock = threading.Lock()
        self.add(event(float(int(now)), file_version="brain.Event:2",
                       source_writer="tensorflow.core.util.events_writer"))
        self.flush()

    @property
    def closed(self):
        return self._f is None

    def add(self, event_bytes):
        with self._lock:
            self._pending.append(encode_record(event_bytes))
            due = len(self._pending) >= self._max_queue or time.time() - self._last_flush >= self._flush_s
        if due:
            self.flush()

    def flush(self):
        with self._lock:
            if self._f is None:
                return
            if self._pending:
                self._f.write(b"".join(self._pending))
                self._pending.clear()
            self._f.flush()
            self._last_flush = time.time()

    def close(self):
        self.flush()
        with self._lock:
            if self._f is not None:
                self._f.close()
                self._f = None


# ---------------------------------------------------------------------------------------------
# decoding (tests, tools)

_DT_NAMES = {1: "float32", 2: "float64", 3: "int32", 4: "uint8", 7: "string", 9: "int64", 10: "bool"}
_DT_NP = {1: "<f4", 2: "<f8", 3: "<i4", 4: "u1", 9: "<i8", 10: "?"}


def _decode_tensor(buf):
    dtype, shape, content, strings, packed = 0, [], None, [], []
    for f, w, v in _fields(buf):
        if f == 1:
            dtype = v
        elif f == 2:
            for f2, _, v2 in _fields(v):
                if f2 == 2:
                    shape.append(next((_signed64(v3) for f3, _, v3 in _fields(v2) if f3 == 1), 0))
        elif f == 4:
            content = bytes(v)
        elif f == 8:
            strings.append(bytes(v))
        elif f in (5, 6, 7) and w == 2:
            packed.append((f, bytes(v)))
    out = {"dtype": _DT_NAMES.get(dtype, dtype), "shape": shape}
    if dtype == 7:
        out["string_val"] = strings
    elif content is not None:
        out["values"] = np.frombuffer(content, dtype=_DT_NP[dtype]).reshape(shape).tolist()
    else:
        out["values"] = [] if np.prod(shape) != 1 else None
    return out


def _decode_metadata(buf):
    out = {"plugin_name": "", "content": b"", "display_name": "", "summary_description": ""}
    for f, _, v in _fields(buf):
        if f == 1:
            for f2, _, v2 in _fields(v):
                if f2 == 1:
                    out["plugin_name"] = bytes(v2).decode()
                elif f2 == 2:
                    out["content"] = bytes(v2)
        elif f == 2:
            out["display_name"] = bytes(v).decode()
        elif f == 3:
            out["summary_description"] = bytes(v).decode()
    return out


def decode_event(buf):
    """An Event record as a dict: wall_time, step, file_version, values [{tag, tensor, metadata}]."""
    ev = {"wall_time": 0.0, "step": 0, "values": []}
    for f, _, v in _fields(buf):
        if f == 1:
            ev["wall_time"] = struct.unpack("<d", v)[0]
        elif f == 2:
            ev["step"] = _signed64(v)
        elif f == 3:
            ev["file_version"] = bytes(v).decode()
        elif f == 5:
            for f2, _, val in _fields(v):
                if f2 != 1:
                    continue
                item = {"tag": "", "has_metadata": False}
                for f3, _, x in _fields(val):
                    if f3 == 1:
                        item["tag"] = bytes(x).decode()
                    elif f3 == 8:
                        item["tensor"] = _decode_tensor(x)
                    elif f3 == 9:
                        item["has_metadata"] = True
                        item["metadata"] = _decode_metadata(x)
                ev["values"].append(item)
    return ev


def read_events(path):
    """Decoded events of one event file."""
    return [decode_event(r) for r in read_records(path)]


# ---------------------------------------------------------------------------------------------
# media encoders (TF's plugins store PNG and WAV bytes)

_PNG_COLOR = {1: 0, 2: 4, 3: 2, 4: 6}


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(a):
    """PNG bytes of a uint8 [h, w, c] array (c in 1..4). Same pixels as TF's encoder, other bytes
    (no filters, zlib level 6)."""
    h, w, c = a.shape
    rows = np.concatenate([np.zeros((h, 1), np.uint8), np.ascontiguousarray(a, np.uint8).reshape(h, w * c)], 1)
    return (b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, _PNG_COLOR[c], 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + _png_chunk(b"IEND", b""))


def encode_wav(a, sample_rate):
    """16-bit PCM WAV bytes of a float [frames, channels] array in [-1, 1] (TF's EncodeWav)."""
    frames, ch = a.shape
    pcm = np.clip(np.round(np.asarray(a, np.float32) * np.float32(32768.0)), -32768, 32767).astype("<i2")
    data = pcm.tobytes()
    sr = int(sample_rate)
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, 1, ch, sr, sr * ch * 2, ch * 2, 16)
            + b"data" + struct.pack("<I", len(data)) + data)
