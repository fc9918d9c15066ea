"""Record what TF 2.21 writes for tf.summary into tests/golden/summary/events.json.

Run with real TF and the tensorboard package (TF's tf.summary.scalar & co. need it):
    TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=<dir with tensorboard> .venv-tf/bin/python tools/gen_summary_golden.py
`--read DIR` prints the same JSON for the event files under DIR (e.g. files the shim wrote, to check
that TF reads them): `.venv-tf/bin/python tools/gen_summary_golden.py --read /tmp/logs`.
tests/test_summary.py runs SCRIPT with the shim and compares with the JSON.
"""
import glob
import json
import os
import sys
import tempfile

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "summary", "events.json")

# Runs unchanged with `tf` = tensorflow or tfkeras_shim; `np` = numpy; `logdir` = a fresh directory.
SCRIPT = r'''
w = tf.summary.create_file_writer(logdir)
with w.as_default():
    for epoch in range(3):
        tf.summary.scalar('loss', 1.0 / (epoch + 1), step=epoch)
        tf.summary.scalar('accuracy', tf.constant(0.125 * epoch, tf.float64), step=epoch)
    tf.summary.scalar('int_value', 7, step=3, description='an int')
    tf.summary.scalar('big_step', np.float32(2.5), step=2**40)
    with tf.name_scope('block'):
        tf.summary.scalar('scoped', -1.5, step=4)
    tf.summary.experimental.set_step(5)
    tf.summary.scalar('default_step', 3.25)
    tf.summary.experimental.set_step(None)
    with tf.summary.record_if(False):
        tf.summary.scalar('skipped', 1.0, step=0)
    tf.summary.histogram('weights', np.linspace(-1.0, 2.0, 17).astype(np.float32) ** 2, step=1)
    tf.summary.histogram('few_buckets', [0.0, 1.0, 1.0, 2.0, 10.0], step=1, buckets=4)
    tf.summary.histogram('ints', tf.constant([[1, 2], [3, 100]]), step=1, buckets=5)
    tf.summary.histogram('single', [3.0, 3.0, 3.0], step=1, buckets=3)
    tf.summary.histogram('empty', np.zeros([0], np.float32), step=1, buckets=2)
    tf.summary.histogram('zero_buckets', [1.0, 2.0], step=1, buckets=0)
    rgb = (np.arange(2 * 3 * 4 * 3) * 7 % 256).astype(np.uint8).reshape(2, 3, 4, 3)
    tf.summary.image('rgb', rgb, step=2, max_outputs=1)
    tf.summary.image('gray_float', np.linspace(-0.5, 1.5, 12).astype(np.float32).reshape(1, 3, 4, 1), step=2)
    tf.summary.image('gray_alpha', np.full((2, 2, 2, 2), 0.25), step=2)
    tf.summary.text('note', 'hello **world**', step=6)
    tf.summary.text('notes', ['a', 'b', 'c'], step=6)
    tf.summary.audio('tone', np.array([[[0.0], [0.5], [-1.0], [1.0], [0.25], [2.0]]], np.float32), 8000, step=7)
    tf.summary.write('raw_ints', tf.constant([1, 2, 3]), step=8)
with w.as_default(step=9):
    tf.summary.scalar('as_default_step', 0.5)
w.flush()
w.close()
w2 = tf.summary.create_file_writer(logdir + '/validation')
w2.set_as_default()
tf.summary.scalar('epoch_loss', 0.75, step=0)
tf.summary.flush()
w2.close()
'''


def decode_dir(tf, logdir):
    """{relative dir: [record, ...]} for the event files under logdir (one file per dir)."""
    import numpy as np
    out = {}
    for path in sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True)):
        recs = []
        for raw in tf.data.TFRecordDataset(path):
            ev = tf.compat.v1.Event.FromString(raw.numpy())
            rec = {"step": ev.step, "file_version": ev.file_version,
                   "wall_time_is_int": ev.wall_time == int(ev.wall_time)}
            values = []
            for v in ev.summary.value:
                t = v.tensor
                item = {"tag": v.tag, "has_metadata": v.HasField("metadata"),
                        "plugin_name": v.metadata.plugin_data.plugin_name,
                        "content": v.metadata.plugin_data.content.hex(),
                        "summary_description": v.metadata.summary_description,
                        "dtype": tf.dtypes.as_dtype(t.dtype).name,
                        "shape": [d.size for d in t.tensor_shape.dim]}
                arr = tf.make_ndarray(t)
                if item["plugin_name"] == "images":
                    flat = arr.reshape(-1)
                    item["strings"] = [s.decode() for s in flat[:2]]
                    item["pixels"] = [tf.io.decode_png(s).numpy().tolist() for s in flat[2:]]
                elif arr.dtype == object:
                    item["strings"] = [s.hex() for s in arr.reshape(-1)]
                else:
                    item["values"] = np.asarray(arr).tolist()
                values.append(item)
            rec["values"] = values
            if not any(x["plugin_name"] == "images" for x in values):
                ev.wall_time = 0
                rec["bytes"] = ev.SerializeToString().hex()
            recs.append(rec)
        key = os.path.relpath(os.path.dirname(path), logdir)
        out[key] = {"name": os.path.basename(path), "records": recs}
    return out


def main():
    import numpy as np
    import tensorflow as tf
    if len(sys.argv) > 2 and sys.argv[1] == "--read":
        print(json.dumps(decode_dir(tf, sys.argv[2]), indent=1, sort_keys=True))
        return
    logdir = tempfile.mkdtemp()
    exec(SCRIPT, {"tf": tf, "np": np, "logdir": logdir})
    data = decode_dir(tf, logdir)
    for d in data.values():
        d["name"] = ".".join(d["name"].split(".")[:3] + ["<secs>", "<host>", "<pid>", "<n>", "v2"])
    with open(OUT, "w") as f:
        json.dump({"tf_version": tf.__version__, "files": data}, f, indent=1, sort_keys=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
