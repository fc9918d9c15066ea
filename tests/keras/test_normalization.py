"""BatchNormalization / LayerNormalization against tf.keras: outputs, moving statistics, weights."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G


@pytest.mark.covers("tf.keras.layers.BatchNormalization", "tf.keras.layers.LayerNormalization")
@pytest.mark.parametrize("cid,case", G.case_params("normalization"))
def test_normalization_matches_tf_keras(cid, case):
    G.check(case)


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_moving_variance_uses_biased_batch_variance():
    bn = layers.BatchNormalization(momentum=0.0)
    x = np.array([[1.0], [2.0], [3.0], [4.0]], "float32")
    bn(x, training=True)
    np.testing.assert_allclose(bn.moving_mean.numpy(), [2.5], rtol=1e-6)
    np.testing.assert_allclose(bn.moving_variance.numpy(), [1.25], rtol=1e-6)   # torch would give 1.667


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_defaults_and_weight_order():
    bn = layers.BatchNormalization()
    assert bn.momentum == 0.99 and bn.epsilon == 1e-3 and bn.axis == -1
    bn.build((None, 3))
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.trainable for w in bn.weights] == [True, True, False, False]
    assert len(bn.trainable_weights) == 2 and len(bn.non_trainable_weights) == 2


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_follows_training_argument_not_torch_mode():
    bn = layers.BatchNormalization()
    x = np.random.default_rng(0).standard_normal((8, 3)).astype("float32") * 3 + 1
    bn.train()                       # torch's flag: ignored
    y = bn(x)                        # Keras default: inference -> moving stats (0, 1)
    np.testing.assert_allclose(y.numpy(), x / np.sqrt(1 + 1e-3), rtol=1e-5)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), 0.0)
    bn.eval()
    y = bn(x, training=True)         # explicit training=True -> batch stats, even in eval()
    np.testing.assert_allclose(y.numpy().mean(0), 0.0, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.01 * x.mean(0), rtol=1e-4)


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_frozen_runs_in_inference_mode():
    bn = layers.BatchNormalization()
    x = np.random.default_rng(1).standard_normal((8, 2)).astype("float32") + 5
    bn(x)
    bn.trainable = False
    y = bn(x, training=True)
    np.testing.assert_allclose(y.numpy(), x / np.sqrt(1 + 1e-3), rtol=1e-5)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), 0.0)


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_gradients_flow_in_training():
    bn = layers.BatchNormalization()
    x = tf.constant(np.random.default_rng(2).standard_normal((6, 4)).astype("float32"))
    y = bn(x, training=True)
    (y * tf.constant(np.arange(4, dtype="float32"))).sum().backward()
    assert bn.gamma.grad is not None and bn.beta.grad is not None
    assert bn.moving_mean.grad is None


@pytest.mark.covers("tf.keras.layers.BatchNormalization")
def test_bn_masked_moments():
    bn = layers.BatchNormalization(momentum=0.0)
    x = np.array([[[1.0], [3.0], [100.0]]], "float32")
    mask = np.array([[True, True, False]])
    bn(x, training=True, mask=tf.constant(mask))
    np.testing.assert_allclose(bn.moving_mean.numpy(), [2.0], rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.numpy(), [1.0], rtol=1e-5)


@pytest.mark.covers("tf.keras.layers.LayerNormalization")
def test_layer_normalization_defaults():
    ln = layers.LayerNormalization()
    assert ln.epsilon == 1e-3
    x = np.array([[1.0, 2.0, 3.0, 4.0]], "float32")
    y = ln(x).numpy()
    np.testing.assert_allclose(y, (x - 2.5) / np.sqrt(1.25 + 1e-3), rtol=1e-5)
