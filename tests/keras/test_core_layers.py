"""Core layers: numerics against hand computations and the Keras formulas."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras import layers


@pytest.mark.covers("tf.keras.layers.Dense")
def test_dense_matches_numpy_nd():
    d = layers.Dense(3, activation="relu")
    x = np.random.rand(2, 4, 5).astype("float32")
    y = d(x)
    k, b = d.get_weights()
    np.testing.assert_allclose(y.numpy(), np.maximum(x @ k + b, 0), rtol=1e-5, atol=1e-6)
    assert d.kernel.shape == (5, 3)


@pytest.mark.covers("tf.keras.layers.Dense")
def test_dense_glorot_limit():
    d = layers.Dense(300)
    d.build((None, 100))
    k = d.kernel.numpy()
    limit = np.sqrt(6 / 400)
    assert np.abs(k).max() <= limit and np.abs(k).max() > 0.9 * limit
    assert not d.bias.numpy().any()


@pytest.mark.covers("tf.keras.layers.Dense")
def test_dense_constraints_and_mixed_precision():
    d = layers.Dense(2, dtype="mixed_float16", kernel_initializer="ones")
    y = d(np.ones((1, 3), "float32"))
    assert y.dtype == tf.float16 and d.kernel.dtype == "float32"
    np.testing.assert_allclose(y.numpy().astype("float32"), [[3.0, 3.0]])
    c = layers.Dense(2, kernel_constraint=keras.constraints.NonNeg())
    c.build((None, 2))
    assert c.kernel.constraint is not None


@pytest.mark.covers("tf.keras.layers.Lambda")
def test_lambda_arguments_mask_and_shape():
    l = layers.Lambda(lambda x, k: x * k, arguments={"k": 3.0})
    np.testing.assert_allclose(l(np.ones((1, 2), "float32")).numpy(), [[3.0, 3.0]])
    m = layers.Lambda(lambda x: x, mask=lambda x, mask: x[:, :, 0] > 0)
    y = m(np.array([[[1.0], [0.0]]], "float32"))
    assert y._keras_mask.numpy().tolist() == [[True, False]]
    assert layers.Lambda(lambda x: x, output_shape=(7,)).compute_output_shape((None, 3)) == (None, 7)


@pytest.mark.covers("tf.keras.layers.Dot")
def test_dot_matches_numpy():
    a = np.random.rand(2, 3, 4).astype("float32")
    b = np.random.rand(2, 5, 4).astype("float32")
    y = layers.Dot(axes=(2, 2))([a, b]).numpy()
    np.testing.assert_allclose(y, np.einsum("bik,bjk->bij", a, b), rtol=1e-5)


@pytest.mark.covers("tf.keras.layers.Maximum", "tf.keras.layers.Multiply")
def test_masked_maximum_and_multiply():
    x1 = np.array([[[1.0], [5.0]]], "float32")
    x2 = np.array([[[3.0], [2.0]]], "float32")
    t1 = tf.constant(x1)
    t1._keras_mask = tf.constant([[True, False]])
    t2 = tf.constant(x2)
    t2._keras_mask = tf.constant([[True, True]])
    y = layers.Maximum()([t1, t2])
    np.testing.assert_allclose(y.numpy(), [[[3.0], [2.0]]])  # masked 5.0 replaced by the other input
    assert y._keras_mask.numpy().tolist() == [[True, True]]
    z = layers.Multiply()([t1, t2])
    np.testing.assert_allclose(z.numpy(), [[[3.0], [2.0]]])


@pytest.mark.covers("tf.keras.layers.Identity", "tf.keras.layers.Activation")
def test_identity_returns_input_and_activation_config():
    x = tf.constant([[1.0, -1.0]])
    assert layers.Identity()(x) is x
    c = layers.Activation("relu", name="a").get_config()
    assert c["activation"] == "relu" and c["name"] == "a"


@pytest.mark.covers("tf.keras.utils.to_categorical")
def test_to_categorical():
    r = keras.utils.to_categorical([0, 2, 1])
    assert r.dtype == np.float64 and r.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert keras.utils.to_categorical(np.array([[0], [2]]), 4).shape == (2, 4)
    t = keras.utils.to_categorical(tf.constant([0, 1]), 3)
    assert isinstance(t, tf.Tensor) and t.dtype == tf.float32
