"""tf.saved_model.save / load and keras.Model.export onto this project's torch-native export
(a .keras file + endpoint description): reloadable in a fresh process and callable."""
import json
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras

from . import _roundtrip_models as rtm
from . import _util

_CHILD = r"""
import json, sys
import numpy as np
import tfkeras_shim as tf
from tfkeras_shim import keras
import _roundtrip_models as rtm
rtm.define(keras)
x, _ = rtm.data()
out = {}
for d in sys.argv[1:]:
    loaded = tf.saved_model.load(d)
    sig = loaded.signatures["serving_default"]
    names = list(sig.structured_input_signature[1])
    out[d] = {"serve": loaded.serve(x).numpy().tolist(), "call": loaded(x).numpy().tolist(),
              "sig": {k: v.numpy().tolist() for k, v in sig(**{names[0]: tf.constant(x)}).items()},
              "names": names, "n_vars": len(loaded.variables),
              "n_trainable": len(loaded.trainable_variables)}
print(json.dumps(out))
"""


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.mark.covers("tf.saved_model.save", "tf.saved_model.load", "tf.keras.Model.export")
def test_export_and_save_reload_in_fresh_process(tmp_path):
    rtm.define(keras)
    x, y = rtm.data()
    dirs, expected = [], {}
    for kind in ("func_custom", "sub_custom"):
        m = rtm.build(keras, kind)
        m.compile(optimizer="adam", loss="mse")
        m.fit(x, y, epochs=1, batch_size=8, verbose=0)
        exp_dir, sm_dir = str(tmp_path / f"{kind}_export"), str(tmp_path / f"{kind}_sm")
        m.export(exp_dir, verbose=False)
        tf.saved_model.save(m, sm_dir)
        ref = m(x, training=False).numpy()
        for d in (exp_dir, sm_dir):
            dirs.append(d)
            expected[d] = (ref, len(m.variables), len(m.trainable_variables))
        assert tf.saved_model.contains_saved_model(exp_dir)
        assert sorted(os.listdir(exp_dir)) == ["saved_model.keras", "tfkeras_shim_saved_model.json"]
    out = json.loads(_util.run_fresh(_CHILD, *dirs).strip().splitlines()[-1])
    for d in dirs:
        ref, n_vars, n_tr = expected[d]
        r = out[d]
        assert np.array_equal(np.array(r["serve"], "float32"), ref)
        assert np.array_equal(np.array(r["call"], "float32"), ref)
        assert list(r["sig"]) == ["output_0"] and np.array_equal(np.array(r["sig"]["output_0"], "float32"), ref)
        assert r["n_vars"] == n_vars and r["n_trainable"] == n_tr
    # tf.saved_model.save names the single input 'inputs' (as TF does for Keras models)
    assert out[str(tmp_path / "func_custom_sm")]["names"] == ["inputs"]


@pytest.mark.covers("tf.keras.Model.export")
def test_export_prints_endpoints_and_signature_names(tmp_path, capsys):
    inp = keras.Input((3,), name="feat")
    m = keras.Model(inp, keras.layers.Dense(2, name="d")(inp), name="mm")
    m.export(str(tmp_path / "e"))
    text = capsys.readouterr().out
    assert text.startswith(f"Saved artifact at '{tmp_path / 'e'}'. The following endpoints are available:\n\n"
                           "* Endpoint 'serve'\n"
                           "  args_0 (POSITIONAL_ONLY): TensorSpec(shape=(None, 3), dtype=tf.float32, name='feat')\n"
                           "Output Type:\n"
                           "  TensorSpec(shape=(None, 2), dtype=tf.float32, name=None)\n"
                           "Captures:\n")
    loaded = tf.saved_model.load(str(tmp_path / "e"))
    sig = loaded.signatures["serving_default"]
    assert list(sig.structured_input_signature[1]) == ["feat"]
    x = np.ones((2, 3), "float32")
    assert np.array_equal(sig(feat=tf.constant(x))["output_0"].numpy(), m(x).numpy())
    with pytest.raises(TypeError, match="missing required arguments"):
        sig(other=x)
    # multi-output models: output_0, output_1
    a = keras.Input((3,), name="a")
    two = keras.Model(a, [keras.layers.Dense(1)(a), keras.layers.Dense(2)(a)])
    tf.saved_model.save(two, str(tmp_path / "two"))
    res = tf.saved_model.load(str(tmp_path / "two")).signatures["serving_default"](inputs=x)
    assert sorted(res) == ["output_0", "output_1"] and tuple(res["output_1"].shape) == (2, 2)


@pytest.mark.covers("tf.saved_model.save", "tf.saved_model.load")
def test_saved_model_errors(tmp_path):
    with pytest.raises(NotImplementedError, match="tfkeras_shim"):
        tf.saved_model.save(tf.Variable(1.0), str(tmp_path / "v"))
    with pytest.raises(ValueError, match="built"):
        tf.saved_model.save(keras.Sequential([keras.layers.Dense(2)]), str(tmp_path / "u"))
    with pytest.raises(OSError, match="SavedModel file does not exist"):
        tf.saved_model.load(str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="format"):
        keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]).export(str(tmp_path / "o"), format="onnx")
