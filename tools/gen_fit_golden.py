"""Record real tf.keras results for the training-loop golden cases (run by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_fit_golden.py

Runs every case of tests/golden/fit/cases.py (after `keras.backend.clear_session()` and
`keras.utils.set_random_seed(0)`, with the case prelude `PRE`), records `out` in the
tests/golden/serialize.py format and the printed stdout; writes tests/golden/fit/fit.json.
Also runs the training seed tutorials tests/golden/keras/seeds/training/*.py with this Python
and stores their stdout as <name>.tf.txt (tests/keras/test_fit_progbar.py runs them through
`python -m tfkeras_shim`), and records the progress-bar scenario of shared/reference/gen/_fit_run.py with the initial
weights tf.keras drew, for tests/keras/test_fit_progbar.py (fit_run_weights in the same file).
"""
import contextlib
import glob
import io
import subprocess
import json
import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow import keras  # noqa: E402

from tests.golden.fit import cases  # noqa: E402
from tests.golden.serialize import serialize, error_record  # noqa: E402


def run(code):
    ns = {"tf": tf, "keras": keras, "np": np}
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(cases.PRE + code, "<case>", "exec"), ns)
            result = serialize(ns.get("out"))
        except Exception as e:  # noqa: BLE001 - errors are results here
            result = error_record(e)
    return {"result": result, "stdout": buf.getvalue()}


def fit_run_weights():
    """The initial weights of the shared/reference/gen/_fit_run.py model (seed 0)."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    np.random.rand(64, 3)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
    return [w.tolist() for w in m.get_weights()]


def main():
    records = {}
    for cid, code, opts in cases.CASES:
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        records[cid] = {"code": code, **run(code)}
        print(cid, records[cid]["result"]["t"])
    meta = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
    path = os.path.join(ROOT, "tests", "golden", "fit", "fit.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "cases": records, "fit_run_weights": fit_run_weights()}, f,
                  indent=1, sort_keys=True, ensure_ascii=False)
    print(f"{len(records)} cases -> {path}")
    env = dict(os.environ, COLUMNS="80", TF_CPP_MIN_LOG_LEVEL="3")
    for script in sorted(glob.glob(os.path.join(ROOT, "tests", "golden", "keras", "seeds",
                                                "training", "*.py"))):
        r = subprocess.run([sys.executable, script], capture_output=True, env=env, cwd=ROOT)
        if r.returncode:
            raise SystemExit(f"{script} failed under TF:\n{r.stderr.decode()[-2000:]}")
        with open(script[:-3] + ".tf.txt", "wb") as f:
            f.write(r.stdout)
        print(f"{os.path.basename(script)}: {len(r.stdout.splitlines())} lines")


if __name__ == "__main__":
    main()
