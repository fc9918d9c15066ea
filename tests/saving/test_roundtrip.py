"""Save / load round trips of six model kinds (Sequential, Functional, subclassed; each plain and
with a custom layer), reloaded in a FRESH PROCESS: variables and outputs equal, compile config and
optimizer state (iterations, slots) preserved, and training resumes exactly where it stopped
(CPU, bit-identical weights after one more epoch)."""
import json

import numpy as np
import pytest

from tfkeras_shim import keras

from . import _roundtrip_models as rtm
from . import _util

_CHILD = r"""
import json, sys
import numpy as np
from tfkeras_shim import keras
import _roundtrip_models as rtm
rtm.define(keras)
x, y = rtm.data()
results = {}
def check(m, tag, d, out):
    saved = np.load(d + "/state.npz")
    out[tag + "_vars_equal"] = all(np.array_equal(v.numpy(), saved[f"v{i}"]) for i, v in enumerate(m.weights)) \
        and len(m.weights) == len([k for k in saved.files if k.startswith("v")])
    out[tag + "_pred_equal"] = bool(np.array_equal(m.predict(x, verbose=0), saved["pred"]))
    out[tag + "_iterations"] = int(m.optimizer.iterations.numpy())
    out[tag + "_opt_equal"] = all(np.array_equal(v.numpy(), saved[f"o{i}"]) for i, v in enumerate(m.optimizer.variables)) \
        and len(m.optimizer.variables) == len([k for k in saved.files if k.startswith("o")])
    m.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
    np.savez(d + f"/{tag}_after.npz", *[v.numpy() for v in m.weights])
for kind, d in zip(sys.argv[1::2], sys.argv[2::2]):
    out = results[kind] = {}
    # 1. load_model (compile=True)
    m = keras.models.load_model(d + "/m.keras")
    out["compile_config"] = m.get_compile_config()
    out["class"] = type(m).__name__
    check(m, "keras", d, out)
    # 2. the same architecture built from code + load_weights (optimizer built first)
    m2 = rtm.build(keras, kind)
    m2.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    m2(x[:2])
    m2.optimizer.build(m2.trainable_variables)
    m2.load_weights(d + "/m.weights.h5")
    check(m2, "weights", d, out)
print(json.dumps(results))
"""


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.fixture(scope="module")
def roundtrips(tmp_path_factory):
    """Train and save every kind here, then reload all of them in ONE fresh process."""
    rtm.define(keras)
    x, y = rtm.data()
    runs = {}
    for kind in rtm.KINDS:
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        m = rtm.build(keras, kind)
        m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
        m.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
        d = str(tmp_path_factory.mktemp(kind))
        m.save(d + "/m.keras")
        m.save_weights(d + "/m.weights.h5")
        state = {f"v{i}": v.numpy() for i, v in enumerate(m.weights)}
        state.update({f"o{i}": v.numpy() for i, v in enumerate(m.optimizer.variables)})
        np.savez(d + "/state.npz", pred=m.predict(x, verbose=0), **state)
        info = {"dir": d, "class": type(m).__name__, "iterations": int(m.optimizer.iterations.numpy()),
                "compile_config": json.loads(json.dumps(m.get_compile_config()))}
        m.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)  # the uninterrupted run
        info["final"] = [v.numpy() for v in m.weights]
        runs[kind] = info
    args = [a for kind in rtm.KINDS for a in (kind, runs[kind]["dir"])]
    children = json.loads(_util.run_fresh(_CHILD, *args).strip().splitlines()[-1])
    return runs, children


@pytest.mark.parametrize("kind", rtm.KINDS)
@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model", "tf.keras.Model.save_weights",
                    "tf.keras.Model.load_weights", "tf.keras.Model.get_compile_config",
                    "tf.keras.Model.compile_from_config", "tf.keras.utils.register_keras_serializable")
def test_roundtrip_in_fresh_process(kind, roundtrips):
    runs, children = roundtrips
    run, out = runs[kind], children[kind]
    d, iterations, compile_config, final = run["dir"], run["iterations"], run["compile_config"], run["final"]
    assert out["class"] == run["class"]
    assert out["compile_config"] == compile_config
    assert compile_config["optimizer"]["class_name"] == "Adam" and compile_config["loss"] == "mse"
    for tag in ("keras", "weights"):
        assert out[f"{tag}_vars_equal"] and out[f"{tag}_pred_equal"], (tag, out)
        assert out[f"{tag}_iterations"] == iterations == 8
        assert out[f"{tag}_opt_equal"], (tag, out)
        resumed = _util.load_npz_list(f"{d}/{tag}_after.npz")
        assert len(resumed) == len(final)
        for a, b in zip(final, resumed):
            assert np.array_equal(a, b), (tag, float(np.abs(a - b).max()))


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model")
def test_roundtrip_same_process_uncompiled_and_unbuilt(tmp_path):
    rtm.define(keras)
    m = rtm.build(keras, "seq_custom")
    m.save(tmp_path / "u.keras")
    back = keras.models.load_model(tmp_path / "u.keras")
    assert not back.compiled and back.optimizer is None
    x, _ = rtm.data()
    assert _util.max_diff(back(x), m(x)) == 0.0
    assert back.get_config() == m.get_config()
    gain = [l for l in back.layers if type(l).__name__ == "Gain"][0]
    assert gain.factor == 1.5 and keras.saving.get_registered_name(type(gain)) == "RT>Gain"
