"""Legacy Keras HDF5 model files: TF's file reads here; files written here have TF's layout and
read back (compile state and optimizer weights included)."""
import json

import h5py
import numpy as np
import pytest

from tfkeras_shim import keras

from . import _models, _util

pytestmark = pytest.mark.filterwarnings("ignore:You are saving your model as an HDF5 file")


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


def _tree(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            out[name] = (type(obj).__name__, getattr(obj, "shape", None))
        f.visititems(visit)
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        weights_attrs = {k: v for k, v in f["model_weights"].attrs.items()}
        layer_attrs = {n: [w.decode() if isinstance(w, bytes) else w
                           for w in np.asarray(f["model_weights"][n].attrs["weight_names"]).tolist()]
                       for n in f["model_weights"]}
        opt = [w.decode() if isinstance(w, bytes) else w
               for w in np.asarray(f["optimizer_weights"].attrs["weight_names"]).tolist()] \
            if "optimizer_weights" in f else None
    return out, attrs, weights_attrs, layer_attrs, opt


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model")
def test_written_legacy_file_has_tf_layout(tmp_path):
    m = _util.interop_model(keras)
    m.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
    x, y = _util.interop_data()
    m.fit(x, y, epochs=1, batch_size=4, verbose=0)
    m.save(tmp_path / "m.h5")
    got, attrs, wattrs, lattrs, opt = _tree(tmp_path / "m.h5")
    ref, rattrs, rwattrs, rlattrs, ropt = _tree(_util.fx("model_legacy.h5"))
    assert sorted(attrs) == sorted(rattrs) == ["backend", "keras_version", "model_config", "training_config"]
    assert attrs["backend"] == "tensorflow" and attrs["keras_version"] == "3.15.1"
    def names(a):
        return [n.decode() if isinstance(n, bytes) else n for n in a["layer_names"]]
    assert names(wattrs) == names(rwattrs)
    # same groups (one per layer + top_level_model_weights), same number of weights per layer
    assert sorted(lattrs) == sorted(rlattrs)
    assert {k: len(v) for k, v in lattrs.items()} == {k: len(v) for k, v in rlattrs.items()}
    # datasets with the same shapes, in the same order per layer
    def shapes(tree, names):
        return {g: [tree[f"model_weights/{g}/{w}"][1] for w in ws] for g, ws in names.items()}
    assert shapes(got, lattrs) == shapes(ref, rlattrs)
    assert len(opt) == len(ropt) == 22
    tc = json.loads(attrs["training_config"])
    rtc = json.loads(rattrs["training_config"])
    assert tc["loss"] == rtc["loss"] == "mse" and tc["metrics"] == rtc["metrics"] == ["mae"]
    assert tc["optimizer_config"]["class_name"] == "Adam"
    mc = json.loads(attrs["model_config"])
    rmc = json.loads(rattrs["model_config"])
    assert mc["class_name"] == rmc["class_name"] == "Sequential"
    assert [l["class_name"] for l in mc["config"]["layers"]] == [l["class_name"] for l in rmc["config"]["layers"]]
    assert all("module" not in l for l in mc["config"]["layers"])  # legacy layer configs


@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.Model.save")
@pytest.mark.parametrize("kind", _models.KINDS)
def test_legacy_roundtrip(kind, tmp_path):
    _models.custom_objects(keras)
    m = _models.build(keras, kind)
    m.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    x, y = _models.inputs(kind), _models.targets(kind)
    m.fit(x, y, epochs=1, batch_size=2, verbose=0, shuffle=False)
    m.save(tmp_path / "m.h5")
    back = keras.models.load_model(tmp_path / "m.h5")
    assert _util.max_diff(back.predict(x, verbose=0), m.predict(x, verbose=0)) == 0.0
    assert int(back.optimizer.iterations.numpy()) == int(m.optimizer.iterations.numpy()) == 2
    for a, b in zip(back.optimizer.variables, m.optimizer.variables):
        assert np.array_equal(a.numpy(), b.numpy())
    nc = keras.models.load_model(tmp_path / "m.h5", compile=False)
    assert not nc.compiled and _util.max_diff(nc.predict(x, verbose=0), m.predict(x, verbose=0)) == 0.0


@pytest.mark.covers("tf.keras.Model.load_weights")
def test_load_weights_from_legacy_file_by_order_and_by_name(tmp_path):
    x, ref = np.load(_util.fx("interop_x.npy")), np.load(_util.fx("interop_pred.npy"))
    m = _util.interop_model(keras)
    m.load_weights(_util.fx("model_legacy.h5"))
    assert _util.max_diff(m(x), ref) <= 1e-5
    keras.backend.clear_session()
    by_name = _util.interop_model(keras)  # same auto names: embedding, lstm, ...
    by_name.load_weights(_util.fx("model_legacy.h5"), by_name=True)
    assert _util.max_diff(by_name(x), ref) <= 1e-5
    small = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="Layer count mismatch"):
        small.load_weights(_util.fx("model_legacy.h5"))
