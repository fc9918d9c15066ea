"""Sequential details beyond the golden records."""
import numpy as np
import pytest

from tfkeras_shim import keras
from tfkeras_shim.keras import layers


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.mark.covers("tf.keras.Sequential")
def test_batch_input_shape_keras2():
    m = keras.Sequential([layers.Dense(3, batch_input_shape=(8, 4)), layers.Dense(1)])
    assert m.built and m.input_shape == (8, 4)


@pytest.mark.covers("tf.keras.Sequential.add", "tf.keras.Sequential.pop")
def test_add_pop_and_errors():
    m = keras.Sequential()
    with pytest.raises(IndexError):
        m.pop()
    m.add(keras.Input((2,)))
    m.add(layers.Dense(1))
    with pytest.raises(ValueError, match="has already been configured to use input shape"):
        m.add(keras.Input((3,)))
    with pytest.raises(ValueError, match="cannot build it with input_shape"):
        m.build((None, 5))
    with pytest.raises(AttributeError, match="reserved"):
        m.layers = []


@pytest.mark.covers("tf.keras.Sequential")
def test_nested_sequential_and_rank_adjust():
    inner = keras.Sequential([layers.Dense(2, kernel_initializer="ones")], name="inner")
    outer = keras.Sequential([keras.Input((1,)), inner, layers.Dense(1, kernel_initializer="ones")])
    y = outer(np.array([1.0, 2.0], "float32"))  # (2,) -> (2, 1) like Keras's input standardization
    np.testing.assert_allclose(y.numpy(), [[2.0], [4.0]])
    assert [w.path for w in outer.weights][0] == "sequential/inner/dense/kernel"
    assert outer.compute_output_shape((None, 1)) == (None, 1)


@pytest.mark.covers("tf.keras.Sequential")
def test_unbuilt_sequential_properties():
    m = keras.Sequential([layers.Dense(2)])
    with pytest.raises(AttributeError, match="has no defined inputs yet"):
        m.inputs
    with pytest.raises(AttributeError, match="has no defined input shape yet"):
        m.input_shape
    m(np.ones((3, 4)))
    assert m.input_shape == (3, 4)  # Keras 3 builds with the first call's shape


@pytest.mark.covers("tf.keras.Sequential.get_config", "tf.keras.Sequential.from_config")
def test_config_round_trip():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2, activation="relu", name="d")], name="s")
    c = keras.Sequential.from_config(m.get_config())
    assert c.name == "s" and [l.name for l in c.layers] == ["d"] and c.built
    assert c.layers[0].activation is m.layers[0].activation
