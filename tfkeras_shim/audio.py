"""tf.audio: 16-bit PCM WAV decode/encode as TF's DecodeWav/EncodeWav (float32 in [-1, 1))."""
import struct

import numpy as np

from .framework import errors
from .framework.tensor import StringTensor, constant, convert_to_tensor

__all__ = ["decode_wav", "encode_wav"]


def _bytes(contents):
    if isinstance(contents, (bytes, bytearray)):
        return bytes(contents)
    if isinstance(contents, StringTensor):
        return contents._a.reshape(-1)[0]
    return convert_to_tensor(contents).numpy()


def _fail(msg):
    raise errors.invalid_argument(
        "{{function_node __wrapped__DecodeWav_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
        + msg, "DecodeWav")


def decode_wav(contents, desired_channels=-1, desired_samples=-1, name=None):
    """(audio float32 [samples, channels], sample_rate int32). `desired_channels` drops extra
    channels or repeats the last one; `desired_samples` truncates or pads with zeros."""
    b = _bytes(contents)
    if len(b) < 12 or b[:4] != b"RIFF":
        _fail(f"Header mismatch: Expected RIFF but found {b[:4].decode('latin-1')}")
    if b[8:12] != b"WAVE":
        _fail(f"Header mismatch: Expected WAVE but found {b[8:12].decode('latin-1')}")
    pos, fmt, data = 12, None, None
    while pos + 8 <= len(b):
        cid, size = b[pos:pos + 4], struct.unpack("<I", b[pos + 4:pos + 8])[0]
        body = b[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            data = body
            break
        pos += 8 + size + (size & 1)
    if fmt is None or data is None:
        _fail("Bad WAV file: missing fmt or data chunk")
    audio_format, channels, rate, _, _, bits = fmt
    if audio_format != 1:
        _fail(f"Bad audio format for WAV: Expected 1 (PCM), but got{audio_format}")
    if bits != 16:
        _fail(f"Can only read 16-bit WAV files, but received {bits}")
    pcm = np.frombuffer(data[:len(data) - len(data) % (2 * channels)], "<i2").reshape(-1, channels)
    audio = pcm.astype(np.float32) / np.float32(32768.0)
    if desired_channels is not None and int(desired_channels) > 0:
        n = int(desired_channels)
        audio = audio[:, :n] if n <= channels else np.concatenate(
            [audio, np.repeat(audio[:, -1:], n - channels, axis=1)], axis=1)
    if desired_samples is not None and int(desired_samples) >= 0:
        n = int(desired_samples)
        audio = audio[:n] if n <= len(audio) else np.concatenate(
            [audio, np.zeros((n - len(audio), audio.shape[1]), np.float32)])
    return constant(np.ascontiguousarray(audio)), constant(np.int32(rate))


def encode_wav(audio, sample_rate, name=None):
    """16-bit PCM WAV bytes (a scalar tf.string) of float [frames, channels] audio."""
    from .summary.event_file import encode_wav as _encode
    a = np.asarray(convert_to_tensor(audio).numpy(), np.float32)
    if a.ndim != 2:
        raise errors.invalid_argument(f"audio must be 2-dimensional{list(a.shape)}", "EncodeWav")
    return StringTensor(np.array(_encode(a, int(np.asarray(sample_rate))), dtype=object))
