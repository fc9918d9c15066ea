"""Embedding against tf.keras: lookups, mask_zero masks, Keras init, errors."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G


@pytest.mark.covers("tf.keras.layers.Embedding")
@pytest.mark.parametrize("cid,case", G.case_params("embedding"))
def test_embedding_matches_tf_keras(cid, case):
    G.check(case)


@pytest.mark.covers("tf.keras.layers.Embedding")
def test_embedding_init_and_mask():
    e = layers.Embedding(1000, 8, mask_zero=True)
    ids = np.array([[4, 2, 0, 0]])
    y = e(ids)
    w = e.embeddings.numpy()
    assert w.shape == (1000, 8) and np.abs(w).max() <= 0.05 and np.abs(w).max() > 0.045
    np.testing.assert_array_equal(np.asarray(y._keras_mask), [[True, True, False, False]])
    np.testing.assert_array_equal(e.compute_mask(ids).numpy(), [[True, True, False, False]])
    assert layers.Embedding(10, 2).compute_mask(ids) is None


@pytest.mark.covers("tf.keras.layers.Embedding", "tf.keras.layers.GlobalAveragePooling1D")
def test_embedding_mask_flows_to_masked_average():
    m = tf.keras.Sequential([layers.Embedding(20, 3, mask_zero=True), layers.GlobalAveragePooling1D()])
    ids = np.array([[5, 6, 0, 0], [5, 0, 0, 0]])
    y = m(ids).numpy()
    E = m.layers[0].embeddings.numpy()
    np.testing.assert_allclose(y[0], E[[5, 6]].mean(0), rtol=1e-6)
    np.testing.assert_allclose(y[1], E[5], rtol=1e-6)


@pytest.mark.covers("tf.keras.layers.Embedding")
def test_embedding_ids_dtypes_and_errors():
    e = layers.Embedding(10, 3)
    a = e(np.array([[1, 2]], "int64")).numpy()
    b = e(np.array([[1.7, 2.2]], "float32")).numpy()   # truncated like a TF cast
    np.testing.assert_array_equal(a, b)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[0,1\] = 10 is not in \[0, 10\)"):
        e(np.array([[1, 10]]))
    with pytest.raises(ValueError, match="`input_dim` must be a positive integer"):
        layers.Embedding(0, 3)
    with pytest.warns(UserWarning, match="input_length"):
        layers.Embedding(5, 2, input_length=3)
