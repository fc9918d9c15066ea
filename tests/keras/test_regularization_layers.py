"""Noise / dropout variants, ActivityRegularization, PReLU, UnitNormalization and
GroupNormalization against tf.keras 2.21 (tests/golden/keras_layers/regularization_layers.json,
recorded by tools/gen_image_layers_golden.py). Training-mode noise is random (torch RNG), so it
is checked through its distribution and the values Keras's formulas allow."""
import math

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G

GOLD = G.load("regularization_layers")
NOISE = ("tf.keras.layers.GaussianNoise", "tf.keras.layers.GaussianDropout", "tf.keras.layers.AlphaDropout",
         "tf.keras.layers.SpatialDropout1D", "tf.keras.layers.SpatialDropout2D", "tf.keras.layers.SpatialDropout3D")


@pytest.mark.covers(*NOISE, "tf.keras.layers.ActivityRegularization", "tf.keras.layers.PReLU",
                    "tf.keras.layers.UnitNormalization", "tf.keras.layers.GroupNormalization")
@pytest.mark.parametrize("cid,case", G.case_params("regularization_layers"))
def test_layers_match_tf_keras(cid, case):
    G.check(case)


def _x(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype("float32")


@pytest.mark.covers("tf.keras.layers.GaussianNoise")
def test_gaussian_noise_training_statistics():
    x = _x((400, 250))
    layer = layers.GaussianNoise(0.3, seed=1)
    y = layer(x, training=True)
    assert y.dtype == tf.float32 and y.shape == x.shape
    d = y.numpy() - x
    assert abs(d.mean()) < 0.005 and abs(d.std() - 0.3) < 0.005
    np.testing.assert_array_equal(layer(x).numpy(), x)                 # default training=False
    a = layers.GaussianNoise(0.3, seed=4)(x, training=True).numpy()
    b = layers.GaussianNoise(0.3, seed=4)(x, training=True).numpy()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, layer(x, training=True).numpy())
    np.testing.assert_array_equal(layers.GaussianNoise(0.0)(x, training=True).numpy(), x)


@pytest.mark.covers("tf.keras.layers.GaussianDropout")
def test_gaussian_dropout_training_statistics():
    x = np.ones((400, 250), "float32")
    y = layers.GaussianDropout(0.2, seed=1)(x, training=True).numpy()
    assert abs(y.mean() - 1.0) < 0.005 and abs(y.std() - math.sqrt(0.2 / 0.8)) < 0.005
    np.testing.assert_array_equal(layers.GaussianDropout(0.2)(x).numpy(), x)


@pytest.mark.covers("tf.keras.layers.SpatialDropout1D", "tf.keras.layers.SpatialDropout2D",
                    "tf.keras.layers.SpatialDropout3D")
def test_spatial_dropout_drops_whole_feature_maps():
    cases = [(layers.SpatialDropout1D(0.5, seed=1), (8, 5, 16), (1,)),
             (layers.SpatialDropout2D(0.5, seed=1), (8, 4, 4, 16), (1, 2)),
             (layers.SpatialDropout2D(0.5, data_format="channels_first", seed=1), (8, 16, 4, 4), (2, 3)),
             (layers.SpatialDropout3D(0.5, seed=1), (4, 3, 3, 3, 16), (1, 2, 3)),
             (layers.SpatialDropout3D(0.5, data_format="channels_first", seed=1), (4, 16, 3, 3, 3), (2, 3, 4))]
    for layer, shape, spatial in cases:
        x = np.ones(shape, "float32")
        y = layer(x, training=True).numpy()
        # Keras: survivors scaled by 1 / (1 - rate); values recorded from tf.keras for rate 0.5
        assert sorted(set(np.round(y.ravel(), 5).tolist())) == GOLD["training"]["spatial_dropout2d_values"]
        assert np.all(y.min(axis=spatial) == y.max(axis=spatial))      # constant over the spatial axes
        assert 0.2 < (y == 0).mean() < 0.8
        np.testing.assert_array_equal(layer(x).numpy(), x)


@pytest.mark.covers("tf.keras.layers.AlphaDropout")
def test_alpha_dropout_values_follow_the_keras_formula():
    rec = GOLD["training"]["alpha_dropout"]
    x = _x((200, 50), 11)
    y = layers.AlphaDropout(0.3, seed=1)(x, training=True)
    assert y.dtype == tf.float32
    y = y.numpy()
    dropped = np.isclose(y, rec["dropped_value"], atol=1e-6)
    np.testing.assert_allclose(y[~dropped], rec["a"] * x[~dropped] + rec["b"], rtol=1e-5, atol=1e-6)
    assert abs(dropped.mean() - rec["dropped_fraction"]) < 0.03
    z = layers.AlphaDropout(0.3, noise_shape=(None, 1), seed=2)(x, training=True).numpy()
    row_dropped = np.all(np.isclose(z, rec["dropped_value"], atol=1e-6), axis=1)
    row_kept = np.all(np.isclose(z, rec["a"] * x + rec["b"], rtol=1e-5, atol=1e-6), axis=1)
    assert np.all(row_dropped ^ row_kept) and row_dropped.any() and row_kept.any()   # whole rows
    np.testing.assert_array_equal(layers.AlphaDropout(0.3)(x).numpy(), x)


@pytest.mark.covers("tf.keras.layers.ActivityRegularization")
def test_activity_regularization_loss_matches_tf_keras():
    rec = GOLD["training"]["activity_regularization"]
    layer = layers.ActivityRegularization(l1=0.01, l2=0.1)
    x = G.np_of(rec["input"])
    np.testing.assert_array_equal(layer(x).numpy(), x)
    np.testing.assert_allclose([float(v) for v in layer.losses], rec["losses"], rtol=1e-6)
    inp = tf.keras.Input((3,))
    model = tf.keras.Model(inp, layers.ActivityRegularization(l2=0.5)(layers.Dense(2, kernel_initializer="ones")(inp)))
    model.compile(loss="mse", optimizer="sgd")
    x = np.ones((4, 3), "float32")
    y = np.zeros((4, 2), "float32")
    loss = model.evaluate(x, y, verbose=0)
    # mse = 9; activity term = 0.5 * sum(3^2 over 4x2) / 4 = 9
    np.testing.assert_allclose(loss, 18.0, rtol=1e-6)


@pytest.mark.covers("tf.keras.layers.PReLU")
def test_prelu_trains_alpha_with_regularizer_and_constraint():
    layer = layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(-0.5),
                         alpha_regularizer=tf.keras.regularizers.L2(0.1), alpha_constraint="non_neg",
                         shared_axes=[1, 2])
    x = _x((4, 3, 3, 2))
    y = layer(x)
    assert layer.alpha.shape == (1, 1, 2)
    np.testing.assert_allclose(y.numpy(), np.where(x > 0, x, -0.5 * x), rtol=1e-6)
    np.testing.assert_allclose(float(sum(layer.losses)), 0.1 * 2 * 0.25, rtol=1e-6)
    with tf.GradientTape() as tape:
        out = tf.reduce_sum(layer(x))
    g = tape.gradient(out, layer.alpha)
    np.testing.assert_allclose(g.numpy().ravel(), np.minimum(x, 0).sum(axis=(0, 1, 2)), rtol=1e-5)
    model = tf.keras.Sequential([tf.keras.Input((3, 3, 2)), layer])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.1))
    model.fit(x, np.zeros_like(x), epochs=1, verbose=0)
    assert layer.alpha.numpy().min() >= 0.0                              # non_neg constraint applied
    with pytest.raises(ValueError, match="expected axis 3 of input shape to have value 2"):
        layer(np.zeros((1, 3, 3, 4), "float32"))


@pytest.mark.covers("tf.keras.layers.UnitNormalization")
def test_unit_normalization_norms_and_zero_vectors():
    x = _x((5, 7))
    y = layers.UnitNormalization()(x).numpy()
    np.testing.assert_allclose(np.linalg.norm(y, axis=-1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(layers.UnitNormalization()(np.zeros((2, 3), "float32")).numpy(), 0.0)
    y = layers.UnitNormalization(axis=[1, 2])(_x((2, 3, 4))).numpy()
    np.testing.assert_allclose(np.sqrt((y ** 2).sum(axis=(1, 2))), 1.0, rtol=1e-6)
    assert layers.UnitNormalization()(x.astype("float64")).dtype == tf.float32
    with pytest.raises(ValueError, match="out of bounds"):
        layers.UnitNormalization(axis=3).compute_output_shape((2, 3))


@pytest.mark.covers("tf.keras.layers.GroupNormalization")
def test_group_normalization_statistics_and_training():
    x = _x((4, 5, 5, 8)) * 3 + 1
    layer = layers.GroupNormalization(groups=4)
    y = layer(x).numpy().reshape(4, 5, 5, 4, 2)
    np.testing.assert_allclose(y.mean(axis=(1, 2, 4)), 0.0, atol=1e-5)
    np.testing.assert_allclose(y.var(axis=(1, 2, 4)), 1.0, rtol=2e-3)   # epsilon 1e-3 against var ~9
    assert [v.name for v in layer.weights] == ["gamma", "beta"]
    assert layer.groups == 4 and layers.GroupNormalization(groups=-1).get_config()["groups"] == -1
    inst = layers.GroupNormalization(groups=-1)
    inst(x)
    assert inst.groups == 8
    model = tf.keras.Sequential([tf.keras.Input((5, 5, 8)), layers.GroupNormalization(groups=2), layers.Flatten(),
                                 layers.Dense(1)])
    model.compile(loss="mse", optimizer="adam")
    h = model.fit(x, np.ones((4, 1), "float32"), epochs=3, verbose=0)
    assert h.history["loss"][-1] < h.history["loss"][0]


@pytest.mark.covers(*NOISE)
def test_noise_layers_in_fit_and_predict():
    x = _x((16, 4, 4, 3))
    model = tf.keras.Sequential([tf.keras.Input((4, 4, 3)), layers.GaussianNoise(0.1), layers.SpatialDropout2D(0.2),
                                 layers.GaussianDropout(0.1), layers.Flatten(), layers.AlphaDropout(0.1),
                                 layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, np.zeros((16, 1), "float32"), epochs=1, verbose=0)
    p1 = model.predict(x, verbose=0)
    p2 = model.predict(x, verbose=0)
    np.testing.assert_array_equal(p1, p2)                                  # inference: no noise
    np.testing.assert_array_equal(model(x).numpy(), p1)
    assert not np.array_equal(model(x, training=True).numpy(), p1)
