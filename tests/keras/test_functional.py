"""Functional API details beyond the golden records: shape inference by placeholder runs,
state safety of graph construction, operators on KerasTensors, clone_model."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras import layers


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.mark.covers("tf.keras.Input", "tf.keras.layers.Lambda")
def test_unknown_dims_inferred():
    x = keras.Input((None, 3))
    y = layers.Lambda(lambda t: tf.reduce_sum(t, axis=1, keepdims=True))(x)
    z = layers.Lambda(lambda t: t[:, :, :2])(x)
    assert tuple(y.shape) == (None, 1, 3) and tuple(z.shape) == (None, None, 2)
    m = keras.Model(x, [y, z])
    a, b = m(np.ones((2, 5, 3), "float32"))
    assert a.shape == (2, 1, 3) and b.shape == (2, 5, 2)


@pytest.mark.covers("tf.keras.Model")
def test_graph_construction_does_not_change_state():
    class Counter(layers.Layer):
        def build(self, s):
            self.n = self.add_weight(shape=(), initializer="zeros", trainable=False, name="n")

        def call(self, x, training=None):
            if training:
                self.n.assign_add(1.0)
            return x

    c = Counter()
    x = keras.Input((2,))
    y = c(x, training=True)
    keras.Model(x, y)
    assert float(c.n.numpy()) == 0.0
    c(np.ones((1, 2)), training=True)
    assert float(c.n.numpy()) == 1.0


@pytest.mark.covers("tf.keras.Model")
def test_int_inputs_and_dtype_of_outputs():
    x = keras.Input((4,), dtype="int32")
    y = layers.Lambda(lambda t: tf.cast(t, "float32") * 2.0)(x)
    assert str(x.dtype) == "int32" and str(y.dtype) == "float32"
    m = keras.Model(inputs=x, outputs=y)  # keyword form
    np.testing.assert_array_equal(m(np.array([[1, 2, 3, 4]], "int32")).numpy(), [[2.0, 4.0, 6.0, 8.0]])


@pytest.mark.covers("tf.keras.Model")
def test_operators_on_keras_tensors():
    a = keras.Input((2,))
    b = keras.Input((2,))
    out = (a + b) * 3.0 - a / 2.0
    m = keras.Model([a, b], [out, -a, a[:, 0]])
    r = m([np.array([[2.0, 4.0]], "float32"), np.array([[1.0, 1.0]], "float32")])
    np.testing.assert_allclose(r[0].numpy(), [[8.0, 13.0]])
    np.testing.assert_allclose(r[1].numpy(), [[-2.0, -4.0]])
    np.testing.assert_allclose(r[2].numpy(), [2.0])
    assert all(type(l).__name__ == "InputLayer" for l in m.layers)


@pytest.mark.covers("tf.keras.models.clone_model")
def test_clone_model():
    inp = keras.Input((3,))
    out = layers.Dense(2, name="d")(layers.Dense(4, activation="relu")(inp))
    m = keras.Model(inp, out)
    c = keras.models.clone_model(m)
    assert [type(l).__name__ for l in c.layers] == [type(l).__name__ for l in m.layers]
    assert c.weights[0] is not m.weights[0]
    c.set_weights(m.get_weights())
    x = np.random.rand(2, 3).astype("float32")
    np.testing.assert_allclose(c(x).numpy(), m(x).numpy(), rtol=1e-6)
    s = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    s2 = keras.models.clone_model(s)
    assert isinstance(s2, keras.Sequential) and len(s2.weights) == 2


@pytest.mark.covers("tf.keras.layers.Dense")
def test_sigmoid_softmax_outputs_carry_logits():
    inp = keras.Input((3,))
    m = keras.Model(inp, layers.Dense(2, activation="sigmoid")(inp))
    x = np.random.rand(4, 3).astype("float32")
    y = m(x)
    logits = y._keras_logits
    np.testing.assert_allclose(tf.sigmoid(logits).numpy(), y.numpy(), rtol=1e-6)
    s = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Activation("softmax")])
    assert getattr(s(x), "_keras_logits", None) is not None


@pytest.mark.covers("tf.keras.Model.get_config")
def test_functional_config_and_properties():
    a = keras.Input((3,), name="a")
    y = layers.Dense(2, name="d")(a)
    m = keras.Model(a, y, name="net")
    cfg = m.get_config()
    assert cfg["name"] == "net" and [l["name"] for l in cfg["layers"]] == ["a", "d"]
    # tf.keras 3.15 writes a single input or output as one triple, not a list of them
    assert cfg["input_layers"] == ["a", 0, 0] and cfg["output_layers"] == ["d", 0, 0]
    assert m.input is a and m.output is y
    assert m.input_shape == (None, 3) and m.output_shape == (None, 2)
    assert m.compute_output_shape((None, 3)) == (None, 2)


@pytest.mark.covers("tf.keras.layers.Layer", "tf.keras.Model")
def test_custom_compute_output_spec_gets_the_call_arguments():
    """Keras 3 API: a layer's compute_output_spec(*args, **kwargs) decides its symbolic outputs
    (two inputs, a keyword that changes the output structure); TF prints the same values."""
    class Two(keras.layers.Layer):
        def call(self, a, b, return_both=False):
            return (a + b, a * b) if return_both else a + b

        def compute_output_spec(self, a, b, return_both=False):
            out = keras.KerasTensor(a.shape, dtype=a.dtype)
            return (out, keras.KerasTensor(a.shape, dtype=a.dtype)) if return_both else out

    x, y = keras.Input((3,)), keras.Input((3,))
    s, p = Two()(x, y, return_both=True)
    m = keras.Model([x, y], [s, p])
    got = m([np.ones((1, 3), "float32"), 2 * np.ones((1, 3), "float32")])
    np.testing.assert_allclose(got[0].numpy(), [[3, 3, 3]])
    np.testing.assert_allclose(got[1].numpy(), [[2, 2, 2]])
