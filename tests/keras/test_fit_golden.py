"""compile/fit/evaluate/predict/*_on_batch/train_step against real tf.keras
(tests/golden/fit/fit.json, recorded by tools/gen_fit_golden.py): per-step losses for loss and
optimizer pairs, History values, metrics_names, weights, errors (type and message), and the
printed progress output (timings normalised)."""
import contextlib
import io
import json
import os
import re
import warnings

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.golden.fit import cases
from tests.golden.serialize import serialize, error_record, compare

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "golden", "fit", "fit.json")
RECORDED = json.load(open(DATA))["cases"] if os.path.exists(DATA) else {}

_TIMING = re.compile(r"(\d+(ms|us|s)/step)|(\x1b\[1m\d+(:\d+)*s\x1b\[0m)|( - \d+s - )")


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


def _frames(raw):
    """Progress output as the list of frames drawn (ANSI and backspaces dropped, timings
    replaced); intermediate frames depend on the 0.05 s redraw interval, so only the frames
    that end a bar (followed by a newline) are kept."""
    text = _TIMING.sub("T", raw)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    out = []
    for line in text.split("\n"):
        parts = [p.replace("\b", "").rstrip() for p in line.split("\r")]
        parts = [p for p in parts if p]
        if parts:
            out.append(parts[-1])
    return out


def _numbers_close(a, b, tol=2e-4):
    ta, tb = re.split(r"(-?\d+\.\d+(?:e[-+]\d+)?)", a), re.split(r"(-?\d+\.\d+(?:e[-+]\d+)?)", b)
    if len(ta) != len(tb):
        return False
    for i, (x, y) in enumerate(zip(ta, tb)):
        if i % 2:
            if abs(float(x) - float(y)) > tol + 1e-3 * abs(float(y)):
                return False
        elif x != y:
            return False
    return True


COVERS = ("tf.keras.Model.compile", "tf.keras.Model.fit", "tf.keras.Model.evaluate",
          "tf.keras.Model.predict", "tf.keras.Model.train_on_batch", "tf.keras.Model.test_on_batch",
          "tf.keras.Model.predict_on_batch", "tf.keras.Model.train_step",
          "tf.keras.Model.test_step", "tf.keras.Model.compute_loss", "tf.keras.Model.metrics",
          "tf.keras.Model.metrics_names", "tf.keras.Model.reset_metrics",
          "tf.keras.Model.stop_training", "tf.keras.callbacks.History")


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cid,code,opts", [pytest.param(*c, id=c[0]) for c in cases.CASES])
def test_fit_matches_tf_keras(cid, code, opts):
    if cid not in RECORDED:
        pytest.skip("not recorded: run tools/gen_fit_golden.py with the TF venv")
    rec = RECORDED[cid]
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    got = run(code)
    diffs = compare(rec["result"], got["result"], rtol=opts.get("rtol", 1e-4), atol=opts.get("atol", 1e-6))
    exp = rec["result"]
    if exp["t"] == "error" and got["result"]["t"] == "error" and opts.get("message", True):
        if exp["message"] != got["result"]["message"]:
            diffs.append(f"message {got['result']['message']!r} != TF {exp['message']!r}")
    if opts.get("stdout"):
        fe, fg = _frames(rec["stdout"]), _frames(got["stdout"])
        if len(fe) != len(fg) or not all(_numbers_close(g, e) for g, e in zip(fg, fe)):
            diffs.append("stdout differs:\n" + "\n".join(fg) + "\n--- TF\n" + "\n".join(fe))
    assert not diffs, "\n".join(diffs)
