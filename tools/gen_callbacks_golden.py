"""Record real tf.keras behaviour for the callback and progress-bar cases (run by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_callbacks_golden.py

Needs tensorflow-cpu 2.21 (keras 3.15) in the running Python. Runs every case of
tests/golden/callbacks/cases.py through tests/golden/callbacks/driver.py against tf.keras, with
the progress bar's clock scripted (keras.src.utils.progbar.time replaced), and writes
tests/golden/callbacks/callbacks.json and progbar.json.
"""
import json
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.trainers.compile_utils import CompileMetrics  # noqa: E402
from keras.src.utils import progbar as keras_progbar  # noqa: E402

from tests.golden.callbacks import cases, driver  # noqa: E402


def patch_clock(clock):
    saved = keras_progbar.time
    keras_progbar.time = types.SimpleNamespace(time=clock)

    def undo():
        keras_progbar.time = saved
    return undo


class FakeCompileMetrics(CompileMetrics):
    """A CompileMetrics (what MonitorCallback looks into) holding given metric stubs."""

    def __init__(self, metrics):  # noqa: D401 - no Metric.__init__ on purpose
        object.__setattr__(self, "_fake_metrics", metrics)

    @property
    def metrics(self):
        return self._fake_metrics


def main():
    keras = tf.keras
    out_dir = os.path.join(ROOT, "tests", "golden", "callbacks")
    meta = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
    fit = {}
    for case in cases.FIT_CASES:
        fit[case["id"]] = driver.run_case(keras, case, patch_clock, make_metrics_container=FakeCompileMetrics)
    with open(os.path.join(out_dir, "callbacks.json"), "w") as f:
        json.dump({"meta": meta, "cases": fit}, f, indent=1, sort_keys=True)
    bars = {}
    for case in cases.PROGBAR_CASES:
        bars[case["id"]] = cases.run_progbar_case(keras.utils.Progbar, case, patch_clock)
    with open(os.path.join(out_dir, "progbar.json"), "w") as f:
        json.dump({"meta": meta, "cases": bars}, f, indent=1, sort_keys=True)
    print(f"callbacks.json: {len(fit)} cases; progbar.json: {len(bars)} cases")


if __name__ == "__main__":
    main()
