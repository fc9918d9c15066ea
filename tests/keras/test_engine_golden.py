"""The Keras engine against real tf.keras (tests/golden/keras/engine.json, made by
tools/gen_keras_golden.py): values, names, paths, shapes, summaries, error types and messages."""
import contextlib
import io
import json
import os
import warnings

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.golden.keras import engine_cases
from tests.golden.serialize import serialize, error_record, compare

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "golden", "keras", "engine.json")
RECORDED = json.load(open(DATA))["cases"] if os.path.exists(DATA) else {}


def run(code):
    env = {"tf": tf, "keras": keras, "layers": keras.layers, "np": np, **engine_cases.HELPERS}
    buf = io.StringIO()
    ns = dict(env)
    with contextlib.redirect_stdout(buf), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(code, "<case>", "exec"), ns)
            result = serialize(ns.get("out"))
        except Exception as e:  # noqa: BLE001
            result = error_record(e)
    return {"result": result, "stdout": buf.getvalue()}


@pytest.fixture
def aliases(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    tf.install_aliases()
    yield
    tf.uninstall_aliases()


COVERS = ("tf.keras.layers.Layer", "tf.keras.layers.Dense", "tf.keras.Model", "tf.keras.Sequential",
          "tf.keras.Input", "tf.keras.layers.InputLayer", "tf.keras.Model.summary",
          "tf.keras.layers.Layer.add_weight", "tf.keras.layers.Layer.get_weights",
          "tf.keras.layers.Layer.set_weights", "tf.keras.Model.get_layer",
          "tf.keras.layers.Add", "tf.keras.layers.Concatenate", "tf.keras.layers.Dot",
          "tf.keras.layers.Subtract", "tf.keras.layers.Multiply", "tf.keras.layers.Average",
          "tf.keras.layers.Maximum", "tf.keras.layers.Minimum", "tf.keras.layers.Lambda",
          "tf.keras.layers.Activation", "tf.keras.layers.Dropout", "tf.keras.layers.Identity",
          "tf.keras.layers.Masking", "tf.keras.backend.clear_session", "tf.keras.backend.floatx",
          "tf.keras.backend.epsilon", "tf.keras.backend.get_uid", "tf.keras.backend.image_data_format")


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cid,code,opts", [pytest.param(*c, id=c[0]) for c in engine_cases.CASES])
def test_engine_matches_tf_keras(cid, code, opts, aliases):
    missing = [n for n in opts.get("requires", ()) if not hasattr(keras.layers, n)]
    if missing:
        pytest.skip(f"layers not implemented yet: {missing}")
    rec = RECORDED.get(cid)
    assert rec is not None, f"no TF record for {cid}; run tools/gen_keras_golden.py"
    assert rec["code"] == code, f"case {cid} changed since TF recorded it; re-run tools/gen_keras_golden.py"
    keras.backend.clear_session()
    np.random.seed(0)
    got = run(code)
    exp = rec["result"]
    diffs = compare(exp, got["result"], rtol=opts.get("rtol", 1e-6), atol=opts.get("atol", 0.0))
    if exp["t"] == "error" and opts.get("msg") and got["result"]["t"] == "error":
        if exp["message"] != got["result"]["message"]:
            diffs.append(f"message {got['result']['message']!r}\n   != TF {exp['message']!r}")
    if exp["t"] == "py" and isinstance(exp.get("value"), str) and exp != got["result"]:
        diffs.append(f"{got['result']} != TF {exp}")
    if opts.get("stdout") and rec["stdout"] != got["stdout"]:
        diffs.append(f"stdout differs:\n--- shim\n{got['stdout']}\n--- TF\n{rec['stdout']}")
    assert not diffs, "\n".join(diffs)
