"""The Keras 3 file formats written here: zip members, config.json, HDF5 layout, exactly as real
tf.keras 2.21 writes them (layout.txt and tf_layouts.json come from real TF)."""
import io
import json
import warnings
import zipfile

import h5py
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras

from . import _layout, _models, _util

# config differences that come from layer classes' own get_config (not from saving):
# Keras 3.15's Flatten records a build_config and Bidirectional serializes its wrapped layers
# with theirs; tfkeras_shim's do not yet.
KNOWN_LAYER_CONFIG_GAPS = {
    "/config/layers[6]/build_config: missing",
    "/config/layers[10]/build_config: missing",
    "/config/layers[4]/config/layer/build_config: missing",
    "/config/layers[4]/config/backward_layer/build_config: missing",
}


def _norm_modules(c):
    """The module of the test's custom classes depends on how the tests are imported."""
    if isinstance(c, dict):
        return {k: ("_models" if k == "module" and isinstance(v, str) and v.endswith("_models")
                    else _norm_modules(v)) for k, v in c.items()}
    if isinstance(c, list):
        return [_norm_modules(v) for v in c]
    return c


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


def _trained_interop_model():
    m = _util.interop_model(keras)
    m.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
    x, y = _util.interop_data()
    m.fit(x, y, epochs=1, batch_size=4, verbose=0)  # 2 steps, like gen_saving.py
    return m


@pytest.mark.covers("tf.keras.Model.save_weights", "tf.keras.Model.save")
def test_weights_layout_is_layout_txt(tmp_path):
    m = _trained_interop_model()
    assert int(m.optimizer.iterations.numpy()) == 2
    m.save_weights(tmp_path / "model.weights.h5")
    m.save(tmp_path / "model.keras")
    text = open(_util.fx("layout.txt")).read()
    expected = _layout.layout_txt_block(text, "HDF5 tree of model.weights.h5")
    with h5py.File(tmp_path / "model.weights.h5", "r") as f:
        got = _layout.inspect_dump(f)
    assert got == expected[:-1]
    # ... and the identical tree inside model.keras (the last line of that layout.txt block)
    with zipfile.ZipFile(tmp_path / "model.keras") as z, \
            h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as g, \
            h5py.File(tmp_path / "model.weights.h5", "r") as f:
        same = []
        f.visititems(lambda n, o: same.append(np.array_equal(o[()], g[n][()]))
                     if isinstance(o, h5py.Dataset) else None)
    assert expected[-1] == ("datasets equal between model.weights.h5 and model.keras/model.weights.h5: "
                            f"{all(same)} ({len(same)} datasets)")


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.save_model")
def test_keras_zip_members_and_metadata(tmp_path):
    m = _trained_interop_model()
    keras.models.save_model(m, tmp_path / "model.keras")
    text = open(_util.fx("layout.txt")).read()
    block = _layout.layout_txt_block(text, "zip members of model.keras")
    with zipfile.ZipFile(tmp_path / "model.keras") as z:
        infos = z.infolist()
        assert [(i.filename, i.compress_type) for i in infos] == \
            [(line.split()[0], zipfile.ZIP_STORED) for line in block[:3]]
        meta = json.loads(z.read("metadata.json"))
        cfg = json.loads(z.read("config.json"))
    assert sorted(meta) == ["date_saved", "keras_version"] and meta["keras_version"] == "3.15.1"
    assert "config.json top-level keys: " + str(list(cfg)) == block[4]
    assert "config.json['config'] keys: " + str(list(cfg["config"])) == block[5]


@pytest.mark.covers("tf.keras.Model.get_config", "tf.keras.Sequential.get_config")
def test_config_json_is_tf_config(tmp_path):
    m = _trained_interop_model()
    m.save(tmp_path / "model.keras")
    got = json.loads(zipfile.ZipFile(tmp_path / "model.keras").read("config.json"))
    with zipfile.ZipFile(_util.fx("model.keras")) as z:
        tf_cfg = json.loads(z.read("config.json"))
    diffs = _util.json_diff(_layout.strip_config(got), _layout.strip_config(tf_cfg))
    assert set(diffs) <= KNOWN_LAYER_CONFIG_GAPS, diffs


@pytest.mark.parametrize("kind", _models.KINDS)
@pytest.mark.covers("tf.keras.Model.save", "tf.keras.Model.save_weights", "tf.keras.Model.get_config",
                    "tf.keras.utils.register_keras_serializable")
def test_model_kinds_write_the_tf_layout(kind, tmp_path):
    """Sequential zoo (RNNs, Bidirectional, conv, norms), subclassed (attributes, lists, dicts,
    private attributes, custom layers) and Functional (shared layer, nested model, custom layers):
    same zip members, HDF5 trees and config.json as real tf.keras writes for the same code."""
    ref = json.load(open(_util.fx("tf_layouts.json")))[kind]
    m = _models.build(keras, kind)
    m.compile(optimizer=keras.optimizers.Adam(1e-3, name="adam"), loss="mse")
    m.optimizer.build(m.trainable_variables)
    m.save(tmp_path / "m.keras")
    m.save_weights(tmp_path / "m.weights.h5")
    lay = json.loads(json.dumps(_layout.keras_layout(tmp_path / "m.keras")))
    assert lay["members"] == ref["members"]
    assert lay["weights"] == ref["weights"], _util.json_diff(lay["weights"], ref["weights"])[:10]
    wf = json.loads(json.dumps(_layout.weights_layout(str(tmp_path / "m.weights.h5"))))
    assert wf == ref["weights_file"]
    diffs = _util.json_diff(_norm_modules(_layout.strip_config(lay["config"])), ref["config"])
    assert set(diffs) <= KNOWN_LAYER_CONFIG_GAPS, diffs


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model")
def test_functional_custom_layout(tmp_path):
    scale = _models.custom_objects(keras)["Fx>Scale"]
    inp = keras.Input((3,), name="x")
    h = keras.layers.Dense(2, name="hidden")(inp)
    fm = keras.Model(inp, scale(3.0, name="scale")(h), name="interop_func")
    fm.save(tmp_path / "f.keras")
    with zipfile.ZipFile(tmp_path / "f.keras") as z:
        tree = _layout.weights_layout(z.read("model.weights.h5"))
    paths = [(p, k, s) for p, k, s, _, _ in tree]
    assert ("layers/dense/vars", "group", None) in paths
    assert ("layers/input_layer/vars", "group", None) in paths
    attrs = {p: a for p, _, _, _, a in tree}
    assert attrs["layers/dense/vars"] == {"name": "hidden"} and attrs["layers/input_layer/vars"] == {"name": "x"}
    assert attrs["vars"] == {"name": "interop_func"}
    # the custom layer's own weight (Scale here has one)
    assert ("layers/scale/vars/0", "dataset", [2]) in paths


@pytest.mark.covers("keras.saving.serialize_keras_object", "keras.saving.deserialize_keras_object",
                    "tf.keras.utils.register_keras_serializable", "tf.keras.utils.get_registered_name",
                    "tf.keras.utils.get_registered_object")
def test_serialize_deserialize_objects():
    S = keras.saving
    d = keras.layers.Dense(3, activation="relu", name="d")
    cfg = S.serialize_keras_object(d)
    assert cfg["module"] == "keras.layers" and cfg["class_name"] == "Dense"
    assert cfg["registered_name"] is None and "build_config" not in cfg
    d2 = S.deserialize_keras_object(cfg)
    assert type(d2) is type(d) and d2.get_config() == d.get_config()
    opt = S.serialize_keras_object(keras.optimizers.Adam(0.01))
    assert opt["module"] == "keras.optimizers" and opt["class_name"] == "Adam"
    assert S.deserialize_keras_object(opt).get_config()["learning_rate"] == pytest.approx(0.01)
    init = S.serialize_keras_object(keras.initializers.GlorotUniform(seed=1))
    assert init == {"module": "keras.initializers", "class_name": "GlorotUniform",
                    "config": {"seed": 1, "input_axes": None, "output_axes": None},
                    "registered_name": None}
    # plain values, nests, numpy, tensors, slices
    assert S.serialize_keras_object([1, (2.0, "a"), {"k": None}]) == [1, (2.0, "a"), {"k": None}]
    arr = S.serialize_keras_object(np.arange(3, dtype="int32"))
    assert arr == {"class_name": "__numpy__", "config": {"value": [0, 1, 2], "dtype": "int32"}}
    assert S.deserialize_keras_object(arr).dtype == np.int32
    t = S.deserialize_keras_object(S.serialize_keras_object(tf.constant([1.5, 2.0])))
    assert t.dtype == tf.float32 and t.numpy().tolist() == [1.5, 2.0]
    assert S.deserialize_keras_object(S.serialize_keras_object(slice(1, None, 2))) == slice(1, None, 2)

    @keras.saving.register_keras_serializable(package="Pkg", name="Twice")
    class Twice(keras.layers.Layer):
        def call(self, x):
            return x * 2

    assert keras.saving.get_registered_name(Twice) == "Pkg>Twice"
    assert keras.utils.get_registered_object("Pkg>Twice") is Twice
    c = S.serialize_keras_object(Twice(name="t"))
    assert c["registered_name"] == "Pkg>Twice" and c["class_name"] == "Twice"
    assert isinstance(S.deserialize_keras_object(c), Twice)
    with pytest.raises(ValueError, match="get_config"):
        keras.saving.register_keras_serializable()(type("NoConfig", (), {}))


@pytest.mark.covers("tf.keras.utils.custom_object_scope", "tf.keras.utils.CustomObjectScope",
                    "tf.keras.utils.get_custom_objects")
def test_custom_objects_and_scopes(tmp_path):
    class Plain(keras.layers.Layer):  # not registered
        def __init__(self, k=1.0, **kw):
            super().__init__(**kw)
            self.k = k

        def call(self, x):
            return x * self.k

        def get_config(self):
            return {**super().get_config(), "k": self.k}

    inp = keras.Input((2,))
    m = keras.Model(inp, Plain(4.0, name="p")(inp))
    m.save(tmp_path / "p.keras")
    with pytest.raises(TypeError, match="Could not locate class 'Plain'"):
        keras.models.load_model(tmp_path / "p.keras")
    m2 = keras.models.load_model(tmp_path / "p.keras", custom_objects={"Plain": Plain})
    assert m2.get_layer("p").k == 4.0
    with keras.utils.custom_object_scope({"Plain": Plain}):
        assert keras.models.load_model(tmp_path / "p.keras").get_layer("p").k == 4.0
    with keras.saving.CustomObjectScope({"Plain": Plain}):
        assert keras.saving.get_registered_object("Plain") is Plain
    assert keras.saving.get_registered_object("Plain") is None
    keras.utils.get_custom_objects()["Plain"] = Plain
    try:
        assert keras.models.load_model(tmp_path / "p.keras").get_layer("p").k == 4.0
    finally:
        del keras.utils.get_custom_objects()["Plain"]


@pytest.mark.covers("tf.keras.Model.to_json", "tf.keras.models.model_from_json",
                    "tf.keras.Sequential.from_config", "tf.keras.Model.from_config")
def test_to_json_and_from_config():
    m = _util.interop_model(keras)
    js = m.to_json()
    cfg = json.loads(js)
    assert cfg["class_name"] == "Sequential" and cfg["module"] == "keras"
    m2 = keras.models.model_from_json(js)
    assert [type(l) for l in m2.layers] == [type(l) for l in m.layers]
    assert [l.name for l in m2.layers] == [l.name for l in m.layers]
    assert [tuple(w.shape) for w in m2.weights] == [tuple(w.shape) for w in m.weights]
    m3 = keras.Sequential.from_config(m.get_config())
    assert m3.get_config() == m.get_config()
    a = keras.Input((3,), name="a")
    b = keras.Input((3,), name="b")
    shared = keras.layers.Dense(2, name="shared")
    fm = keras.Model([a, b], keras.layers.Add(name="add")([shared(a), shared(b)]), name="f")
    c = fm.get_config()
    assert c["input_layers"] == [["a", 0, 0], ["b", 0, 0]] and c["output_layers"] == ["add", 0, 0]
    assert [n["args"][0]["config"]["keras_history"] for n in c["layers"][2]["inbound_nodes"]] == \
        [["a", 0, 0], ["b", 0, 0]]
    fm2 = keras.Model.from_config(c)
    assert fm2.get_config() == c
    x = [np.ones((2, 3), "float32"), np.zeros((2, 3), "float32")]
    fm2.set_weights(fm.get_weights())
    assert np.allclose(fm2(x), fm(x))


@pytest.mark.covers("tf.keras.Model.load_weights")
def test_load_weights_mismatch_and_skip(tmp_path):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="a"), keras.layers.Dense(1, name="b")])
    m.save_weights(tmp_path / "w.weights.h5")
    other = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, name="a"), keras.layers.Dense(1, name="b")])
    with pytest.raises(ValueError, match="could not be loaded"):
        other.load_weights(tmp_path / "w.weights.h5")
    before = [w.numpy().copy() for w in other.weights]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        other.load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    assert any("could not be loaded" in str(x.message) for x in w)
    assert np.array_equal(other.weights[0].numpy(), before[0])  # the mismatched layer is untouched
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        m.save_weights(tmp_path / "w.h5")
    with pytest.raises(ValueError, match="Invalid filepath extension"):
        m.save(tmp_path / "m.txt")
    with pytest.raises(ValueError, match="File format not supported"):
        m.load_weights(tmp_path / "m.txt")
    unbuilt = keras.Sequential([keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="not yet been built"):
        unbuilt.save_weights(tmp_path / "u.weights.h5")
    with pytest.raises(ValueError, match="not yet been built"):
        unbuilt.load_weights(tmp_path / "w.weights.h5")


@pytest.mark.covers("tf.keras.models.load_model")
def test_load_model_errors(tmp_path):
    with pytest.raises(ValueError, match="File not found"):
        keras.models.load_model(tmp_path / "missing.keras")
    with pytest.raises(ValueError, match="File format not supported"):
        keras.models.load_model(tmp_path / "x.pb")


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model")
def test_functional_subclass_and_operators(tmp_path):
    @keras.saving.register_keras_serializable(package="T")
    class FS(keras.Model):  # functional subclassing: super().__init__(inputs, outputs)
        def __init__(self, units=3, **kw):
            i = keras.Input((4,))
            super().__init__(i, keras.layers.Dense(units)(i) * 2.0 - 1.0, **kw)
            self.units = units

        def get_config(self):
            return {"units": self.units, "name": self.name}

    m = FS(5, name="fs")
    cfg = keras.saving.serialize_keras_object(m)
    assert (cfg["class_name"], cfg["registered_name"]) == ("FS", "T>FS")
    m.save(tmp_path / "fs.keras")
    back = keras.models.load_model(tmp_path / "fs.keras")
    x = np.random.RandomState(0).rand(2, 4).astype("float32")
    assert type(back).__name__ == "FS" and back.units == 5
    assert _util.max_diff(back(x), m(x)) == 0.0
    # operators on KerasTensors are recorded as keras.src.ops.numpy operations
    a = keras.Input((3,), name="a")
    o = (1.0 - keras.layers.Dense(3, name="d")(a) * 2.0)[:, 1:]
    fm = keras.Model(a, o)
    layers = fm.get_config()["layers"]
    assert [(l["module"], l["class_name"]) for l in layers[2:]] == [
        ("keras.src.ops.numpy", "Multiply"), ("keras.src.ops.numpy", "Subtract"),
        ("keras.src.ops.numpy", "GetItem")]
    assert layers[3]["inbound_nodes"][0]["args"][0] == 1.0  # reversed operands as Keras records them
    fm.save(tmp_path / "ops.keras")
    assert _util.max_diff(keras.models.load_model(tmp_path / "ops.keras")(x[:, :3]), fm(x[:, :3])) == 0.0


@pytest.mark.covers("tf.keras.models.load_model")
def test_registered_custom_loss_survives_load(tmp_path):
    @keras.saving.register_keras_serializable(package="T")
    def my_loss(y_true, y_pred):
        return tf.reduce_mean(tf.abs(y_true - y_pred))

    # tf.keras 2.21 serializes a registered function under its registered name
    assert keras.losses.serialize(my_loss) == {"module": "builtins", "class_name": "function",
                                               "config": "T>my_loss", "registered_name": "function"}
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    m.compile(optimizer="adam", loss=my_loss)
    m.save(tmp_path / "c.keras")
    assert keras.models.load_model(tmp_path / "c.keras").loss is my_loss
