"""TFRecord container, tf.train.Example encoding and tf.io parsing against files written by TF 2.21
(tests/fixtures, made by tools/gen_tfrecord_fixture.py)."""
import json
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.io.crc32c import crc32c, masked_crc32c

FIX = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures")
META = json.load(open(os.path.join(FIX, "tf_fixtures.json")))


def _examples():
    rows = [
        {"label": [3], "weights": [0.5, -1.25], "name": [b"cat"], "ids": [1, -2, 2 ** 40]},
        {"label": [7], "weights": [3.0, 0.1], "name": [b"dog \xff\x00"], "ids": []},
        {"label": [0], "weights": [1e-8, 1e20], "name": [b""], "ids": [5]},
    ]
    out = []
    for r in rows:
        feats = {
            "label": tf.train.Feature(int64_list=tf.train.Int64List(value=r["label"])),
            "weights": tf.train.Feature(float_list=tf.train.FloatList(value=r["weights"])),
            "name": tf.train.Feature(bytes_list=tf.train.BytesList(value=r["name"])),
            "ids": tf.train.Feature(int64_list=tf.train.Int64List(value=r["ids"])),
        }
        out.append(tf.train.Example(features=tf.train.Features(feature=feats)))
    return out


def test_crc32c_known_values():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc32c(b"") == 0
    data = os.urandom(20000)
    from tfkeras_shim.io.crc32c import _update
    assert crc32c(data) == _update(0xFFFFFFFF, data) ^ 0xFFFFFFFF  # the numpy block path
    assert masked_crc32c(bytes.fromhex("3d00000000000000")) == 0xECF14960


@pytest.mark.covers("tf.train.Example", "tf.train.Features", "tf.train.Feature", "tf.train.BytesList",
                    "tf.train.FloatList", "tf.train.Int64List")
def test_example_bytes_equal_tensorflow():
    for ex, want in zip(_examples(), META["example_hex"]):
        assert ex.SerializeToString().hex() == want
        assert ex.ByteSize() == len(want) // 2


@pytest.mark.covers("tf.train.Example")
def test_example_text_format_matches_tensorflow():
    # TF prints map entries in its hash-table order; compare the entries as a set
    def blocks(text):
        head, *entries = text.split("  feature {\n")
        return head, sorted(entries[:-1] + [entries[-1][:-len("}\n")]]) if entries else []
    for ex, want in zip(_examples(), META["example_text"]):
        assert blocks(str(ex)) == blocks(want)


@pytest.mark.covers("tf.io.TFRecordWriter")
def test_writer_file_bytes_equal_tensorflow(tmp_path):
    p = tmp_path / "x.tfrecord"
    with tf.io.TFRecordWriter(str(p)) as w:
        for ex in _examples():
            w.write(ex.SerializeToString())
    assert p.read_bytes().hex() == META["file_hex"]


@pytest.mark.covers("tf.data.TFRecordDataset", "tf.io.parse_single_example", "tf.io.FixedLenFeature",
                    "tf.io.VarLenFeature")
def test_read_tensorflow_file_and_parse():
    ds = tf.data.TFRecordDataset(os.path.join(FIX, "tf_examples.tfrecord"))
    assert repr(ds) == "<TFRecordDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>"
    assert int(ds.cardinality()) == -2
    recs = [r.numpy() for r in ds]
    assert [r.hex() for r in recs] == META["example_hex"]
    spec = {"label": tf.io.FixedLenFeature([], tf.int64), "weights": tf.io.FixedLenFeature([2], tf.float32),
            "name": tf.io.FixedLenFeature([], tf.string), "ids": tf.io.VarLenFeature(tf.int64)}
    parsed = list(ds.map(lambda r: tf.io.parse_single_example(r, spec)))
    for p, want in zip(parsed, META["parsed"]):
        assert list(p) == ["ids", "label", "name", "weights"]  # sparse keys first, then dense, sorted
        assert p["label"].dtype == tf.int64 and int(p["label"]) == want["label"]
        assert p["weights"].dtype == tf.float32 and p["weights"].numpy().tolist() == want["weights"]
        assert p["name"].numpy().hex() == want["name"]
        assert p["ids"].values.numpy().tolist() == want["ids"]
    ex = tf.train.Example.FromString(recs[0])
    assert ex.features.feature["ids"].int64_list.value == [1, -2, 2 ** 40]
    assert ex.features.feature["weights"].WhichOneof("kind") == "float_list"
    assert ex == _examples()[0]


@pytest.mark.covers("tf.io.parse_example")
def test_parse_example_batch():
    recs = tf.constant([bytes.fromhex(h) for h in META["example_hex"]])
    out = tf.io.parse_example(recs, {"weights": tf.io.FixedLenFeature([2], tf.float32),
                                     "label": tf.io.FixedLenFeature([], tf.int64)})
    assert out["weights"].shape == (3, 2)
    assert out["weights"].numpy().tolist() == META["parse_example_weights"]
    assert out["label"].numpy().tolist() == [3, 7, 0]


@pytest.mark.covers("tf.data.TFRecordDataset", "tf.io.TFRecordOptions")
def test_gzip_roundtrip_and_tf_gzip_file(tmp_path):
    ds = tf.data.TFRecordDataset(os.path.join(FIX, "tf_examples.gz.tfrecord"), compression_type="GZIP")
    assert [r.numpy().hex() for r in ds] == META["example_hex"]
    p = str(tmp_path / "z.tfrecord")
    with tf.io.TFRecordWriter(p, tf.io.TFRecordOptions(compression_type="ZLIB")) as w:
        w.write(b"abc")
        w.write("d\u00e9")
    assert list(tf.data.TFRecordDataset(p, "ZLIB").as_numpy_iterator()) == [b"abc", "d\u00e9".encode()]


@pytest.mark.covers("tf.io.parse_single_sequence_example", "tf.train.SequenceExample", "tf.train.FeatureList",
                    "tf.train.FeatureLists")
def test_sequence_example():
    raw = next(iter(tf.data.TFRecordDataset(os.path.join(FIX, "tf_sequence.tfrecord")))).numpy()
    assert raw.hex() == META["sequence_hex"]
    seq = tf.train.SequenceExample(
        context=tf.train.Features(feature={"length": tf.train.Feature(int64_list=tf.train.Int64List(value=[3]))}),
        feature_lists=tf.train.FeatureLists(feature_list={"tokens": tf.train.FeatureList(feature=[
            tf.train.Feature(int64_list=tf.train.Int64List(value=[v])) for v in (4, 5, 6)])}))
    assert seq.SerializeToString() == raw
    ctx, sq = tf.io.parse_single_sequence_example(
        raw, context_features={"length": tf.io.FixedLenFeature([], tf.int64)},
        sequence_features={"tokens": tf.io.FixedLenSequenceFeature([], tf.int64)})
    assert int(ctx["length"]) == 3 and sq["tokens"].numpy().tolist() == [4, 5, 6]


@pytest.mark.covers("tf.io.serialize_tensor", "tf.io.parse_tensor")
def test_serialize_tensor_matches_tensorflow():
    recs = list(tf.data.TFRecordDataset(os.path.join(FIX, "tf_tensors.tfrecord")).as_numpy_iterator())
    for rec, t in zip(recs, META["tensors"]):
        assert rec.hex() == t["hex"]
        v = tf.io.parse_tensor(rec, t["dtype"])
        assert v.dtype.name == t["dtype"] and list(v.shape) == t["shape"]
        got = np.asarray(v.numpy()).reshape(-1).tolist()
        got = [g.decode() if isinstance(g, bytes) else g for g in got]
        assert got == t["value"]
        assert tf.io.serialize_tensor(v).numpy().hex() == t["hex"]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Type mismatch"):
        tf.io.parse_tensor(recs[0], tf.float32)


@pytest.mark.covers("tf.io.parse_single_example")
def test_parse_errors_like_tensorflow():
    s = _examples()[0].SerializeToString()
    with pytest.raises(tf.errors.InvalidArgumentError, match="Feature: zz \\(data type: int64\\) is required"):
        tf.io.parse_single_example(s, {"zz": tf.io.FixedLenFeature([], tf.int64)})
    with pytest.raises(tf.errors.InvalidArgumentError, match="Some int64_list slice was not parsed"):
        tf.io.parse_single_example(s, {"ids": tf.io.FixedLenFeature([2], tf.int64)})
    with pytest.raises(tf.errors.InvalidArgumentError, match="Data type: int64 but expected type: float"):
        tf.io.parse_single_example(s, {"ids": tf.io.FixedLenFeature([3], tf.float32)})
    out = tf.io.parse_single_example(s, {"m": tf.io.FixedLenFeature([2], tf.float32, default_value=[1., 2.]),
                                         "ids": tf.io.FixedLenFeature([3, 1], tf.int64)})
    assert out["m"].numpy().tolist() == [1.0, 2.0] and out["ids"].shape == (3, 1)
    assert repr(tf.io.FixedLenFeature([3], tf.int64)) == "FixedLenFeature(shape=[3], dtype=tf.int64, default_value=None)"


@pytest.mark.covers("tf.data.TFRecordDataset")
def test_corrupt_and_truncated_records(tmp_path):
    data = bytes.fromhex(META["file_hex"])
    p = tmp_path / "t.tfrecord"
    p.write_bytes(data[:-3])
    with pytest.raises(tf.errors.DataLossError, match="truncated record at"):
        list(tf.data.TFRecordDataset(str(p)))
    bad = bytearray(data)
    bad[14] ^= 1
    p.write_bytes(bytes(bad))
    with pytest.raises(tf.errors.DataLossError, match="corrupted record at 0"):
        list(tf.data.TFRecordDataset(str(p)))
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        list(tf.data.TFRecordDataset(str(tmp_path / "missing")))


def test_message_api():
    ex = tf.train.Example()
    assert ex.SerializeToString() == b"" and not ex.HasField("features")
    ex.features.feature["a"].int64_list.value.append(3)
    assert ex.HasField("features") and ex.SerializeToString().hex() == "0a0c0a0a0a016112051a030a0103"
    e2 = tf.train.Example()
    e2.features.feature["a"]
    assert e2.SerializeToString().hex() == "0a070a050a01611200"
    with pytest.raises(TypeError, match="expected bytes, str found"):
        tf.train.BytesList(value=["x"])
    with pytest.raises(TypeError):
        tf.train.Int64List(value=[1.5])
    with pytest.raises(ValueError, match='has no "foo" field'):
        tf.train.Feature(foo=1)
    f = tf.train.Feature(int64_list=tf.train.Int64List(value=[1]), float_list=tf.train.FloatList(value=[1.]))
    assert f.WhichOneof("kind") == "float_list"
    assert tf.train.FloatList(value=[0.1]).value[0] == pytest.approx(0.10000000149011612, abs=0)
    c = tf.train.Example()
    c.CopyFrom(ex)
    assert c == ex
    assert tf.train.Int64List.FromString(bytes.fromhex("0801")).value == [1]  # unpacked encoding
    import pickle
    assert pickle.loads(pickle.dumps(ex)) == ex
