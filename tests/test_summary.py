"""tf.summary event files against what TF 2.21 + tensorboard 2.21 wrote for the same script
(tests/golden/summary/events.json, recorded by tools/gen_summary_golden.py)."""
import glob
import json
import os
import re
import struct
import zlib

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.summary import event_file
from tools.gen_summary_golden import SCRIPT

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "golden", "summary", "events.json")) as _f:
    GOLDEN = json.load(_f)["files"]

NAME_RE = re.compile(r"^events\.out\.tfevents\.\d{10}\.[^.]+(\.[^.]+)*\.\d+\.\d+\.v2$")


@pytest.fixture(autouse=True)
def _clean_state():
    yield
    tf.summary.experimental.set_step(None)
    from tfkeras_shim.summary import _state
    _state.writer = None
    _state.record_if = True


def _decode_png(b):
    """Pixels of a PNG written by event_file.encode_png (8-bit, filter 0 rows)."""
    assert b[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, hdr = 8, b"", None
    while pos < len(b):
        n, = struct.unpack(">I", b[pos:pos + 4])
        kind, data = b[pos + 4:pos + 8], b[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    w, h, depth, color = hdr[:4]
    c = {0: 1, 4: 2, 2: 3, 6: 4}[color]
    rows = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(h, 1 + w * c)
    assert (rows[:, 0] == 0).all()
    return rows[:, 1:].reshape(h, w, c).tolist()


def _shim_dir(logdir):
    out = {}
    for path in sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True)):
        recs = []
        for raw in event_file.read_records(path):
            ev = event_file.decode_event(raw)
            rec = {"step": ev["step"], "file_version": ev.get("file_version", ""),
                   "wall_time_is_int": ev["wall_time"] == int(ev["wall_time"]), "values": []}
            for v in ev["values"]:
                md = v.get("metadata", {})
                t = v["tensor"]
                item = {"tag": v["tag"], "has_metadata": v["has_metadata"],
                        "plugin_name": md.get("plugin_name", ""), "content": md.get("content", b"").hex(),
                        "summary_description": md.get("summary_description", ""),
                        "dtype": t["dtype"], "shape": t["shape"]}
                if item["plugin_name"] == "images":
                    item["strings"] = [s.decode() for s in t["string_val"][:2]]
                    item["pixels"] = [_decode_png(s) for s in t["string_val"][2:]]
                elif "string_val" in t:
                    item["strings"] = [s.hex() for s in t["string_val"]]
                else:
                    item["values"] = t["values"]
                rec["values"].append(item)
            assert raw[0] == 0x09  # wall_time comes first; TF's golden bytes have it cleared
            if not any(x["plugin_name"] == "images" for x in rec["values"]):
                rec["bytes"] = raw[9:].hex()
            recs.append(rec)
        out[os.path.relpath(os.path.dirname(path), logdir)] = {"name": os.path.basename(path), "records": recs}
    return out


@pytest.mark.covers("tf.summary.create_file_writer", "tf.summary.scalar", "tf.summary.histogram",
                    "tf.summary.image", "tf.summary.text", "tf.summary.audio", "tf.summary.write",
                    "tf.summary.record_if", "tf.summary.flush", "tf.summary.experimental.set_step",
                    "tf.summary.SummaryWriter.as_default", "tf.summary.SummaryWriter.set_as_default",
                    "tf.summary.SummaryWriter.flush", "tf.summary.SummaryWriter.close")
def test_event_files_match_tf(tmp_path):
    logdir = str(tmp_path / "logs")
    exec(SCRIPT, {"tf": tf, "np": np, "logdir": logdir})
    got = _shim_dir(logdir)
    assert sorted(got) == sorted(GOLDEN)
    for key, gold in GOLDEN.items():
        assert NAME_RE.match(got[key]["name"]), got[key]["name"]
        recs, want = got[key]["records"], gold["records"]
        assert [r["step"] for r in recs] == [r["step"] for r in want]
        for r, w in zip(recs, want):
            assert r == w, (r, w)


@pytest.mark.covers("tf.summary.scalar", "tf.summary.should_record_summaries", "tf.summary.create_noop_writer")
def test_no_writer_returns_false_and_should_record(tmp_path):
    assert not bool(tf.summary.scalar("x", 1.0, step=0))
    assert not bool(tf.summary.scalar("x", 1.0))  # no step is fine without a writer
    assert not bool(tf.summary.should_record_summaries())
    w = tf.summary.create_file_writer(str(tmp_path))
    with w.as_default():
        assert bool(tf.summary.should_record_summaries())
        with tf.summary.record_if(False):
            assert not bool(tf.summary.should_record_summaries())
            assert not bool(tf.summary.scalar("x", 1.0, step=0))
        with tf.summary.record_if(lambda: True):
            assert bool(tf.summary.should_record_summaries())
        assert bool(tf.summary.scalar("x", 1.0, step=0))
    noop = tf.summary.create_noop_writer()
    assert isinstance(noop, tf.summary.SummaryWriter) and isinstance(w, tf.summary.SummaryWriter)
    with noop.as_default():  # leaves the default writer unchanged, as TF
        assert not bool(tf.summary.should_record_summaries())
    noop.flush()
    noop.close()
    w.close()


@pytest.mark.covers("tf.summary.scalar", "tf.summary.image", "tf.summary.experimental.get_step")
def test_errors_like_tf(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    with w.as_default():
        with pytest.raises(ValueError, match=r"^No step set\. Please specify one either through the `step` "
                                             r"argument or through tf\.summary\.experimental\.set_step\(\)$"):
            tf.summary.scalar("x", 1.0)
        with pytest.raises(ValueError, match=r"^Expected scalar shape, saw shape: \(2,\)\.$"):
            tf.summary.scalar("x", [1.0, 2.0], step=0)
        with pytest.raises(ValueError, match=r"must have rank 4\.  Received rank 3, shape \(2, 2, 3\)"):
            tf.summary.image("x", np.zeros((2, 2, 3)), step=0)
        with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int64"):
            tf.summary.scalar("x", 1.0, step=1.5)
        with pytest.raises(ValueError, match="requested dtype int64 for Tensor with dtype int32"):
            tf.summary.scalar("x", 1.0, step=tf.constant(2))
        assert bool(tf.summary.scalar("x", 1.0, step=np.int64(3)))
        step = tf.Variable(4, dtype=tf.int64)
        tf.summary.experimental.set_step(step)
        assert tf.summary.experimental.get_step() is step
        assert bool(tf.summary.scalar("x", 1.0))
    with pytest.raises(ValueError, match="`logdir` cannot be None"):
        tf.summary.create_file_writer(None)
    w.close()
    w.close()  # closing twice is fine
    w.set_as_default()
    with pytest.raises(tf.errors.NotFoundError):
        tf.summary.scalar("x", 1.0, step=0)
    events = event_file.read_events(glob.glob(str(tmp_path / "events.out.tfevents.*"))[0])
    assert [(e["step"], float(e["values"][0]["tensor"]["values"])) for e in events[1:]] == [(3, 1.0), (4, 1.0)]


@pytest.mark.covers("tf.summary.create_file_writer")
def test_file_names_and_suffix(tmp_path):
    a = tf.summary.create_file_writer(str(tmp_path / "a" / "b"))  # parents are created
    b = tf.summary.create_file_writer(str(tmp_path / "a" / "b"), filename_suffix=".xx", max_queue=1)
    names = sorted(os.listdir(tmp_path / "a" / "b"))
    assert len(names) == 2 and NAME_RE.match(next(n for n in names if n.endswith(".v2")))
    assert any(n.endswith(".xx") for n in names)
    # the version record is on disk at creation
    path = next(p for p in glob.glob(str(tmp_path / "a" / "b" / "*")) if p.endswith(".v2"))
    assert event_file.read_events(path)[0]["file_version"] == "brain.Event:2"
    a.close()
    b.close()


@pytest.mark.covers("tf.summary.trace_on", "tf.summary.trace_off", "tf.summary.trace_export",
                    "tf.summary.experimental.summary_scope")
def test_trace_warns_and_summary_scope():
    with pytest.warns(UserWarning, match="not supported"):
        tf.summary.trace_on(graph=True, profiler=False)
    tf.summary.trace_off()
    with pytest.warns(UserWarning, match="not supported"):
        assert tf.summary.trace_export("t", step=0) is None
    with tf.name_scope("outer"):
        with tf.summary.experimental.summary_scope("inner") as (tag, scope):
            assert tag == "outer/inner" and scope == "outer/inner/"


@pytest.mark.covers("tf.keras.callbacks.TensorBoard")
def test_keras_tensorboard_callback_writes_tf_tags(tmp_path, monkeypatch):
    from tfkeras_shim.keras.callbacks import tensorboard as tb_mod
    monkeypatch.setattr(tb_mod, "_summary_writer_class", lambda: tb_mod._TFSummaryWriter)
    keras = tf.keras
    keras.backend.clear_session()  # layer/model auto-names in the tags start from scratch
    rng = np.random.RandomState(0)
    x = rng.rand(32, 4).astype("float32")
    y = (x.sum(1) > 2).astype("float32")
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    m.fit(x, y, epochs=2, batch_size=16, validation_data=(x, y), verbose=0,
          callbacks=[keras.callbacks.TensorBoard(str(tmp_path), histogram_freq=1)])
    got = {}
    for sub in ("train", "validation"):
        (path,) = glob.glob(str(tmp_path / sub / "events.out.tfevents.*"))
        got[sub] = [(e["step"], v["tag"], v["tensor"]["dtype"], v["metadata"]["plugin_name"])
                    for e in event_file.read_events(path) for v in e["values"]]
    # what tf.keras 2.21 wrote for the same fit (its extra 'keras' graph record is not written)
    epoch = [("epoch_accuracy", "float32", "scalars"), ("epoch_loss", "float32", "scalars")]
    hist = [("sequential/dense/kernel/histogram", "float64", "histograms"),
            ("sequential/dense/bias/histogram", "float64", "histograms")]
    assert got["train"] == [(s,) + t for s in (0, 1)
                            for t in epoch + [("epoch_learning_rate", "float32", "scalars")] + hist]
    ev = [("evaluation_accuracy_vs_iterations", "float32", "scalars"),
          ("evaluation_loss_vs_iterations", "float32", "scalars")]
    assert got["validation"] == ([(2,) + t for t in ev] + [(0,) + t for t in epoch]
                                 + [(4,) + t for t in ev] + [(1,) + t for t in epoch])
