"""By-hand interop check (not in CI): files written by tfkeras_shim load in real TensorFlow.

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/check_saving_in_tf.py [--shim-python PY]

Runs itself with the shim's python (default .venv/bin/python) to build and train the models of
tests/saving/_models.py plus the reference Sequential of shared/reference/gen/gen_saving.py
(Embedding, LSTM, Reshape, Conv2D, BatchNormalization, Flatten, Dense) and a Lambda model, and
to write `.keras`, `.weights.h5` and legacy `.h5` files with their predictions; then loads every
file with tf.keras (load_model, load_weights into the same architecture built by TF, legacy h5)
and compares predictions (tolerance 1e-5) and optimizer iteration counts. Prints one line per
check and exits 1 if any fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "saving"))

TOL = 1e-5


def interop_model(keras):
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        keras.layers.Embedding(10, 4),
        keras.layers.LSTM(4, return_sequences=True),
        keras.layers.Reshape((6, 4, 1)),
        keras.layers.Conv2D(2, 3, padding="same"),
        keras.layers.BatchNormalization(),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ], name="interop_seq")


def _as_list(p):
    return list(p) if isinstance(p, (list, tuple)) else [p]


def write_files(out):
    """(shim side) build, train and save every model; predictions to <name>_pred.npz."""
    import numpy as np
    import tfkeras_shim as tf
    import _models
    keras = tf.keras
    keras.utils.set_random_seed(0)
    report = {}
    specs = [(kind, lambda kind=kind: _models.build(keras, kind), _models.inputs(kind),
              _models.targets(kind)) for kind in _models.KINDS]
    rs = np.random.RandomState(0)
    specs.append(("interop", lambda: interop_model(keras), rs.randint(0, 10, (8, 6)).astype("int32"),
                  rs.rand(8, 1).astype("float32")))
    for name, make, x, y in specs:
        model = make()
        metrics = ["mae"] if name != "functional" else None  # one list for two outputs is invalid
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=metrics)
        model.fit(x, y, epochs=2, batch_size=2, verbose=0)
        preds = _as_list(model.predict(x, verbose=0))
        np.savez(os.path.join(out, f"{name}_pred.npz"), *preds)
        np.savez(os.path.join(out, f"{name}_x.npz"), *_as_list(x))
        model.save(os.path.join(out, f"{name}.keras"))
        model.save_weights(os.path.join(out, f"{name}.weights.h5"))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.save(os.path.join(out, f"{name}.h5"))
        report[name] = {"iterations": int(model.optimizer.iterations.numpy())}
    lam = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda t: t * 2.0, name="double")],
                           name="with_lambda")
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lam.save(os.path.join(out, "lambda.keras"))
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f)


def check_in_tf(out):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import numpy as np
    import tensorflow as tf
    import _models
    keras = tf.keras
    _models.custom_objects(keras)
    report = json.load(open(os.path.join(out, "report.json")))
    failures = 0

    def load_arrays(path):
        with np.load(path) as z:
            return [z[f"arr_{i}"] for i in range(len(z.files))]

    def line(ok, text):
        nonlocal failures
        failures += 0 if ok else 1
        print(("OK   " if ok else "FAIL ") + text)

    for name, info in report.items():
        ref = load_arrays(os.path.join(out, f"{name}_pred.npz"))
        xs = load_arrays(os.path.join(out, f"{name}_x.npz"))
        x = xs[0] if len(xs) == 1 else xs

        def diff(model):
            p = _as_list(model.predict(x, verbose=0))
            return max(float(np.abs(np.asarray(a) - b).max()) for a, b in zip(p, ref))

        try:
            m = keras.models.load_model(os.path.join(out, f"{name}.keras"))
            d = diff(m)
            it = int(m.optimizer.iterations.numpy())
            line(d <= TOL and it == info["iterations"],
                 f"{name}.keras: load_model in TF, max|diff|={d:.3g}, optimizer.iterations={it} "
                 f"(shim {info['iterations']})")
        except Exception as e:  # noqa: BLE001
            line(False, f"{name}.keras: {type(e).__name__}: {str(e)[:300]}")
        try:
            fresh = interop_model(keras) if name == "interop" else _models.build(keras, name)
            fresh.load_weights(os.path.join(out, f"{name}.weights.h5"))
            d = diff(fresh)
            line(d <= TOL, f"{name}.weights.h5: load_weights into a TF-built model, max|diff|={d:.3g}")
        except Exception as e:  # noqa: BLE001
            line(False, f"{name}.weights.h5: {type(e).__name__}: {str(e)[:300]}")
        if name == "subclassed":
            print(f"SKIP {name}.h5: tf.keras cannot reload legacy .h5 files of subclassed models "
                  "(it fails on the files it writes itself)")
            continue
        try:
            m = keras.models.load_model(os.path.join(out, f"{name}.h5"), compile=False)
            d = diff(m)
            line(d <= TOL, f"{name}.h5 (legacy, compile=False): max|diff|={d:.3g}")
        except Exception as e:  # noqa: BLE001
            line(False, f"{name}.h5 (legacy): {type(e).__name__}: {str(e)[:300]}")
    try:
        keras.models.load_model(os.path.join(out, "lambda.keras"))
        line(False, "lambda.keras: safe_mode=True should refuse it")
    except ValueError as e:
        line("safe_mode=False" in str(e), "lambda.keras: refused in safe mode: " + str(e)[:80] + "...")
    try:
        m = keras.models.load_model(os.path.join(out, "lambda.keras"), safe_mode=False)
        y = m(np.ones((1, 2), "float32")).numpy()
        line(bool(np.all(y == 2.0)), f"lambda.keras (safe_mode=False): {y.tolist()}")
    except Exception as e:  # noqa: BLE001
        line(False, f"lambda.keras: {type(e).__name__}: {str(e)[:300]}")
    print(f"{failures} failure(s)")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shim-python", default=os.path.join(ROOT, ".venv", "bin", "python"))
    ap.add_argument("--write", help=argparse.SUPPRESS)
    ap.add_argument("--keep", help="directory to write the files to (kept)")
    args = ap.parse_args()
    if args.write:
        write_files(args.write)
        return 0
    out = args.keep or tempfile.mkdtemp(prefix="shim_saving_")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, TFKERAS_SHIM_DEVICE="cpu")
    subprocess.run([args.shim_python, os.path.abspath(__file__), "--write", out], check=True,
                   cwd=ROOT, env=env)
    print(f"files written by tfkeras_shim in {out}")
    return 1 if check_in_tf(out) else 0


if __name__ == "__main__":
    sys.exit(main())
