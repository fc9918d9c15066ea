"""Write the TFRecord interop fixtures with real TensorFlow (run by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_tfrecord_fixture.py

Writes tests/fixtures/:
  tf_examples.tfrecord      3 tf.train.Examples written by tf.io.TFRecordWriter
                            (SerializeToString(deterministic=True), i.e. sorted map keys)
  tf_examples.gz.tfrecord   the same records, GZIP-compressed
  tf_sequence.tfrecord      one tf.train.SequenceExample
  tf_tensors.tfrecord       tf.io.serialize_tensor of a few tensors (one record each)
  tf_fixtures.json          what the records hold and what TF's parsers return for them
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "fixtures")


def examples():
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


def main():
    os.makedirs(OUT, exist_ok=True)
    exs = examples()
    blobs = [e.SerializeToString(deterministic=True) for e in exs]
    with tf.io.TFRecordWriter(os.path.join(OUT, "tf_examples.tfrecord")) as w:
        for b in blobs:
            w.write(b)
    with tf.io.TFRecordWriter(os.path.join(OUT, "tf_examples.gz.tfrecord"), options="GZIP") as w:
        for b in blobs:
            w.write(b)
    seq = tf.train.SequenceExample(
        context=tf.train.Features(feature={"length": tf.train.Feature(int64_list=tf.train.Int64List(value=[3]))}),
        feature_lists=tf.train.FeatureLists(feature_list={"tokens": tf.train.FeatureList(feature=[
            tf.train.Feature(int64_list=tf.train.Int64List(value=[v])) for v in (4, 5, 6)])}))
    with tf.io.TFRecordWriter(os.path.join(OUT, "tf_sequence.tfrecord")) as w:
        w.write(seq.SerializeToString(deterministic=True))
    tensors = [tf.constant([[1, 2], [3, 4]], tf.int32), tf.constant(1.5), tf.constant(["a", "bc"]),
               tf.constant([True, False]), tf.constant([], tf.float32), tf.constant([1.0, -2.0], tf.float16)]
    with tf.io.TFRecordWriter(os.path.join(OUT, "tf_tensors.tfrecord")) as w:
        for t in tensors:
            w.write(tf.io.serialize_tensor(t).numpy())
    spec = {"label": tf.io.FixedLenFeature([], tf.int64), "weights": tf.io.FixedLenFeature([2], tf.float32),
            "name": tf.io.FixedLenFeature([], tf.string), "ids": tf.io.VarLenFeature(tf.int64)}
    parsed = []
    for b in blobs:
        p = tf.io.parse_single_example(b, spec)
        parsed.append({"label": int(p["label"].numpy()), "weights": p["weights"].numpy().tolist(),
                       "name": p["name"].numpy().hex(), "ids": p["ids"].values.numpy().tolist()})
    batch = tf.io.parse_example(tf.constant(blobs), {"weights": spec["weights"], "label": spec["label"]})
    meta = {
        "tensorflow": tf.__version__,
        "example_hex": [b.hex() for b in blobs],
        "example_text": [str(e) for e in exs],
        "parsed": parsed,
        "parse_example_weights": batch["weights"].numpy().tolist(),
        "sequence_hex": seq.SerializeToString(deterministic=True).hex(),
        "tensors": [{"dtype": t.dtype.name, "shape": t.shape.as_list(),
                     "value": [v.decode() if isinstance(v, bytes) else v for v in np.asarray(t.numpy()).reshape(-1).tolist()],
                     "hex": tf.io.serialize_tensor(t).numpy().hex()} for t in tensors],
        "file_hex": open(os.path.join(OUT, "tf_examples.tfrecord"), "rb").read().hex(),
    }
    with open(os.path.join(OUT, "tf_fixtures.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
