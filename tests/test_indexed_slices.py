"""tf.IndexedSlices outside the golden cases: where the shim gives sparse gradients and where not.

The numbers against real TF live in tests/golden/cases/indexed_slices.py."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf


def _emb():
    e = tf.keras.layers.Embedding(5, 3, embeddings_initializer="ones")
    e.build((None,))
    return e


@pytest.mark.covers("tf.IndexedSlices")
def test_torch_backward_loop_gets_dense_grads_for_torch_optim():
    """A torch loop over shim layers: `.grad` is dense, so torch.optim.Adam accepts it."""
    e = _emb()
    opt = torch.optim.Adam(e.parameters(), lr=0.1)
    out = e(tf.constant([[1, 1, 2]]))
    out.sum().backward()
    assert not e.embeddings.grad.is_sparse
    np.testing.assert_allclose(e.embeddings.grad.numpy()[1], [2, 2, 2])
    opt.step()


@pytest.mark.covers("tf.IndexedSlices")
def test_slices_attributes_and_conversion():
    e = _emb()
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(e(tf.constant([[4, 1], [4, 4]])) * tf.constant([1.0, 2.0, 3.0]))
    g = tape.gradient(y, e.embeddings)
    assert isinstance(g, tf.IndexedSlices)
    assert g.indices.numpy().tolist() == [4, 1, 4, 4]
    assert g.values.shape == (4, 3) and g.dtype == tf.float32
    assert g.dense_shape.numpy().tolist() == [5, 3] and g.shape == (5, 3)
    dense = tf.convert_to_tensor(g)
    np.testing.assert_allclose(dense.numpy()[4], [3, 6, 9])
    np.testing.assert_allclose(tf.reduce_sum(g).numpy(), 24.0)  # ops densify, as in TF
    with pytest.raises(TypeError):
        g * 2.0  # TF's IndexedSlices has no arithmetic operators either
    with pytest.raises(ValueError):
        tf.convert_to_tensor(g, dtype=tf.float64)


@pytest.mark.covers("tf.IndexedSlices", "tf.GradientTape.jacobian")
def test_jacobian_and_persistent_tape_through_lookup():
    e = _emb()
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(e(tf.constant([1, 1])), axis=-1)
    j = tape.jacobian(y, e.embeddings)
    assert j.shape == (2, 5, 3)
    np.testing.assert_allclose(j.numpy()[:, 1].sum(), 6.0)
    g = tape.gradient(y, e.embeddings)
    assert isinstance(g, tf.IndexedSlices)


@pytest.mark.covers("tf.IndexedSlices")
def test_regularized_embedding_gets_dense_gradient():
    """Sparse lookup + dense regularizer term: the sum is a dense tensor (TF adds them densely too)."""
    e = tf.keras.layers.Embedding(5, 3, embeddings_initializer="ones", embeddings_regularizer="l2")
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(e(tf.constant([1, 1]))) + tf.add_n(e.losses)
    g = tape.gradient(y, e.trainable_variables)[0]
    assert isinstance(g, tf.Tensor) and not isinstance(g, tf.IndexedSlices)
    np.testing.assert_allclose(g.numpy()[1], 2 + 0.02, rtol=1e-6)
    np.testing.assert_allclose(g.numpy()[0], 0.02, rtol=1e-6)


@pytest.mark.covers("tf.keras.optimizers.Optimizer.minimize")
def test_minimize_with_callable_uses_slices_semantics():
    """minimize(callable) takes TF's tape semantics: Adam's second moment gets sum(g_i^2)."""
    e = tf.keras.layers.Embedding(2, 1, embeddings_initializer="zeros")
    e.build((None,))
    opt = tf.keras.optimizers.Adam(0.1)
    opt.minimize(lambda: tf.reduce_sum(e(tf.constant([[1, 1]]))), e.trainable_variables)
    # TF 2.21: -0.14142 (dense semantics would give -0.1)
    np.testing.assert_allclose(e.embeddings.numpy()[1, 0], -0.1414213, rtol=1e-5)
