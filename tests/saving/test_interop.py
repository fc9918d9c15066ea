"""Files written by real TensorFlow 2.21 / Keras 3.15 (tests/fixtures/saving, copied from
shared/reference/saving and made by tests/fixtures/saving/gen_tf_fixtures.py) load here and
predict what TF predicted (1e-5). The reverse direction is checked by hand with
tools/check_saving_in_tf.py (needs TensorFlow)."""
import numpy as np
import pytest

from tfkeras_shim import keras

from . import _models, _util

TOL = 1e-5


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


def _x_ref():
    return np.load(_util.fx("interop_x.npy")), np.load(_util.fx("interop_pred.npy"))


@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.Model.predict")
def test_tf_model_keras_loads_with_optimizer_state():
    x, ref = _x_ref()
    m = keras.models.load_model(_util.fx("model.keras"))
    assert [type(l).__name__ for l in m.layers] == ["Embedding", "LSTM", "Reshape", "Conv2D",
                                                    "BatchNormalization", "Flatten", "Dense"]
    assert _util.max_diff(m.predict(x, verbose=0), ref) <= TOL
    # compile=True: compiled like the original, optimizer state restored
    assert m.compiled and int(m.optimizer.iterations.numpy()) == 2
    assert type(m.optimizer).__name__ == "Adam" and len(m.optimizer.variables) == 22
    assert m.get_compile_config()["loss"] == "mse"
    import h5py
    with h5py.File(_util.fx("model.weights.h5"), "r") as f:
        saved = [f[f"optimizer/vars/{i}"][()] for i in range(22)]
    for v, s in zip(m.optimizer.variables, saved):
        assert np.array_equal(v.numpy(), s)
    m2 = keras.models.load_model(_util.fx("model.keras"), compile=False)
    assert not m2.compiled and _util.max_diff(m2(x), ref) <= TOL


@pytest.mark.covers("tf.keras.Model.load_weights", "tf.keras.models.clone_model")
def test_tf_weights_h5_load_into_fresh_model():
    x, ref = _x_ref()
    m = _util.interop_model(keras)
    m.load_weights(_util.fx("model.weights.h5"))
    assert _util.max_diff(m(x), ref) <= TOL
    c = keras.models.clone_model(keras.models.load_model(_util.fx("model.keras"), compile=False))
    c.load_weights(_util.fx("model.weights.h5"))
    assert _util.max_diff(c.predict(x, verbose=0), ref) <= TOL
    # weights from the .keras file itself
    d = _util.interop_model(keras)
    d.load_weights(_util.fx("model.keras"))
    assert _util.max_diff(d(x), ref) <= TOL


@pytest.mark.covers("tf.keras.models.load_model")
def test_tf_legacy_h5_loads():
    x, ref = _x_ref()
    m = keras.models.load_model(_util.fx("model_legacy.h5"), compile=False)
    assert _util.max_diff(m(x), ref) <= TOL and m.name == "interop_seq"
    # compile=True compiles from training_config and restores the optimizer weights
    # (tf.keras 2.21 itself fails here on loss='mse'; see legacy_h5_format.py)
    mc = keras.models.load_model(_util.fx("model_legacy.h5"))
    assert mc.compiled and int(mc.optimizer.iterations.numpy()) == 2
    assert _util.max_diff(mc(x), ref) <= TOL
    # legacy file into an existing model
    w = _util.interop_model(keras)
    w.load_weights(_util.fx("model_legacy.h5"))
    assert _util.max_diff(w(x), ref) <= TOL


class Scale(keras.layers.Layer):
    """gen_saving.py's custom layer (registered there as 'MyPkg>Scale'; not registered here)."""

    def __init__(self, factor=2.0, **kw):
        super().__init__(**kw)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.utils.register_keras_serializable")
def test_tf_functional_custom_layer():
    with pytest.raises(TypeError, match="Could not locate class 'Scale'"):
        keras.models.load_model(_util.fx("functional_custom.keras"))
    m = keras.models.load_model(_util.fx("functional_custom.keras"), custom_objects={"MyPkg>Scale": Scale})
    assert m.get_layer("scale").factor == 3.0 and m.name == "interop_func"
    assert [l.name for l in m.layers] == ["x", "hidden", "scale"]
    x = np.random.RandomState(0).rand(4, 3).astype("float32")
    k, b = m.get_layer("hidden").get_weights()
    assert np.allclose(m(x).numpy(), (x @ k + b) * 3.0, atol=1e-6)


@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.layers.Lambda")
def test_tf_lambda_model_safe_mode():
    with pytest.raises(ValueError) as e:
        keras.models.load_model(_util.fx("lambda_model.keras"))
    assert str(e.value) == (
        "Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. "
        "This carries a potential risk of arbitrary code execution and thus it is disallowed by "
        "default. If you trust the source of the artifact, you can override this error by passing "
        "`safe_mode=False` to the loading function, or calling "
        "`keras.config.enable_unsafe_deserialization().")
    m = keras.models.load_model(_util.fx("lambda_model.keras"), safe_mode=False)
    assert m(np.ones((1, 2), "float32")).numpy().tolist() == [[2.0, 2.0]]


@pytest.mark.parametrize("kind", _models.KINDS)
@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.Model.load_weights",
                    "tf.keras.layers.GRU", "tf.keras.layers.Bidirectional")
def test_tf_model_kinds_load_and_predict(kind):
    """GRU, Bidirectional(SimpleRNN), LayerNormalization, MaxPooling2D, Dropout, a subclassed
    model with lists/dicts of layers, a Functional model with a shared layer and a nested model,
    custom layers: TF's files give TF's predictions."""
    _models.custom_objects(keras)  # registers Fx>Scale, Fx>Sub
    x = _models.inputs(kind)
    ref = _util.load_npz_list(_util.fx(f"tf_{kind}_pred.npz"))
    m = keras.models.load_model(_util.fx(f"tf_{kind}.keras"))
    assert _util.max_diff(m.predict(x, verbose=0), ref) <= TOL
    assert m.optimizer.built and int(m.optimizer.iterations.numpy()) == 0
    fresh = _models.build(keras, kind)
    fresh.load_weights(_util.fx(f"tf_{kind}.weights.h5"))
    assert _util.max_diff(fresh.predict(x, verbose=0), ref) <= TOL
