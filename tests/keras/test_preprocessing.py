"""Normalization / Rescaling against tf.keras."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G


@pytest.mark.covers("tf.keras.layers.Normalization", "tf.keras.layers.Normalization.adapt",
                    "tf.keras.layers.Rescaling")
@pytest.mark.parametrize("cid,case", G.case_params("preprocessing"))
def test_preprocessing_matches_tf_keras(cid, case):
    G.check(case)


def _X(seed=0):
    return np.random.default_rng(seed).standard_normal((10, 3)) * 5 + 2   # float64, like tutorial data


@pytest.mark.covers("tf.keras.layers.Normalization", "tf.keras.layers.Normalization.adapt")
def test_adapt_numpy_float64_then_call_like_the_coffee_tutorial():
    X = _X()
    norm_l = layers.Normalization(axis=-1)
    norm_l.adapt(X)
    Xn = norm_l(X)
    assert Xn.dtype == tf.float32
    np.testing.assert_allclose(norm_l.adapt_mean.numpy(), X.mean(0), rtol=1e-6)
    np.testing.assert_allclose(norm_l.adapt_variance.numpy(), X.var(0), rtol=1e-6)
    np.testing.assert_allclose(Xn.numpy(), (X - X.mean(0)) / X.std(0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.max(Xn[:, 0]), ((X - X.mean(0)) / X.std(0))[:, 0].max(), rtol=1e-5)
    w = norm_l.get_weights()
    assert [np.shape(a) for a in w] == [(3,), (3,), ()] and int(w[2]) == 0
    assert norm_l.mean.shape == (1, 3) and norm_l.variance.shape == (1, 3)


@pytest.mark.covers("tf.keras.layers.Normalization.adapt")
def test_adapt_batches_and_tensors_agree_with_keras_running_formula():
    X = _X(1)
    a = layers.Normalization()
    a.adapt([X[:4], X[4:]])
    b = layers.Normalization()
    b.adapt(tf.constant(X.astype("float32")))
    for n in (a, b):
        np.testing.assert_allclose(n.adapt_mean.numpy(), X.mean(0), rtol=1e-5)
        np.testing.assert_allclose(n.adapt_variance.numpy(), X.var(0), rtol=1e-5)
    with pytest.raises(ValueError, match="empty iterable"):
        layers.Normalization().adapt([])
    with pytest.raises(TypeError, match="Unsupported data type"):
        layers.Normalization().adapt(3)


@pytest.mark.covers("tf.keras.layers.Normalization")
def test_normalization_arguments():
    with pytest.raises(ValueError, match="both `mean` and `variance` must be set"):
        layers.Normalization(mean=1.0)
    n = layers.Normalization(mean=2.0, variance=4.0)
    np.testing.assert_allclose(n(np.array([[4.0, 0.0]])).numpy(), [[1.0, -1.0]])
    inv = layers.Normalization(mean=2.0, variance=4.0, invert=True)
    np.testing.assert_allclose(inv(np.array([[1.0, -1.0]])).numpy(), [[4.0, 0.0]])
    assert n.get_config()["mean"] == 2.0 and n.get_config()["axis"] == (-1,)


@pytest.mark.covers("tf.keras.layers.Rescaling")
def test_rescaling_casts_integer_images():
    y = layers.Rescaling(1 / 255.0)(np.array([[255, 0]], dtype="uint8"))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), [[1.0, 0.0]])


# expected values recorded from tf.keras 2.21 (CategoryEncoding(num_tokens=4, output_mode=...))
_CE = {
    ("one_hot", 0): [[0, 0, 0, 1], [0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]],
    ("one_hot", 2): [[0, 1, 0, 0], [0, 0, 0, 1]],
    ("multi_hot", 0): [1, 1, 1, 1],
    ("multi_hot", 1): [[1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1]],
    ("count", 0): [1, 1, 1, 1],
    ("count", 1): [[1, 1, 0, 0], [2, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1]],
    ("count", 2): [[0, 1, 0, 0], [0, 0, 0, 1]],
}
_CE_IN = [np.array([3, 2, 0, 1]), np.array([[0, 1], [0, 0], [1, 2], [3, 1]]), np.array([[1], [3]])]


@pytest.mark.covers("tf.keras.layers.CategoryEncoding")
def test_category_encoding_modes():
    for (mode, i), want in _CE.items():
        y = layers.CategoryEncoding(num_tokens=4, output_mode=mode)(_CE_IN[i])
        assert y.dtype == tf.float32
        np.testing.assert_array_equal(y.numpy(), want)
    y = layers.CategoryEncoding(4, output_mode="count")(np.array([[0, 1], [0, 0]]),
                                                        count_weights=np.array([[0.1, 0.2], [0.1, 0.4]]))
    np.testing.assert_allclose(y.numpy(), [[0.1, 0.2, 0, 0], [0.5, 0, 0, 0]], rtol=1e-6)
