"""Losses against real tf.keras (tests/golden/training/losses.json) and behaviour tests."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import activations, losses
from tests.golden.training import check, params


@pytest.mark.covers(
    "tf.keras.losses.Loss", "tf.keras.losses.BinaryCrossentropy",
    "tf.keras.losses.BinaryFocalCrossentropy", "tf.keras.losses.CategoricalCrossentropy",
    "tf.keras.losses.CategoricalFocalCrossentropy", "tf.keras.losses.SparseCategoricalCrossentropy",
    "tf.keras.losses.MeanSquaredError", "tf.keras.losses.MeanAbsoluteError",
    "tf.keras.losses.MeanAbsolutePercentageError", "tf.keras.losses.MeanSquaredLogarithmicError",
    "tf.keras.losses.Huber", "tf.keras.losses.LogCosh", "tf.keras.losses.KLDivergence",
    "tf.keras.losses.Poisson", "tf.keras.losses.Hinge", "tf.keras.losses.SquaredHinge",
    "tf.keras.losses.CategoricalHinge", "tf.keras.losses.CosineSimilarity", "tf.keras.losses.Dice",
    "tf.keras.losses.Tversky", "tf.keras.losses.Reduction", "tf.keras.losses.CTC",
    "tf.keras.losses.ctc", "tf.keras.losses.CategoricalGeneralizedCrossEntropy", "tf.keras.losses.binary_crossentropy",
    "tf.keras.losses.binary_focal_crossentropy", "tf.keras.losses.categorical_crossentropy",
    "tf.keras.losses.categorical_focal_crossentropy",
    "tf.keras.losses.sparse_categorical_crossentropy", "tf.keras.losses.mse",
    "tf.keras.losses.MSE", "tf.keras.losses.mae", "tf.keras.losses.MAE", "tf.keras.losses.mape",
    "tf.keras.losses.MAPE", "tf.keras.losses.msle", "tf.keras.losses.MSLE", "tf.keras.losses.kld",
    "tf.keras.losses.KLD", "tf.keras.losses.logcosh", "tf.keras.losses.huber",
    "tf.keras.losses.poisson", "tf.keras.losses.hinge", "tf.keras.losses.squared_hinge",
    "tf.keras.losses.categorical_hinge", "tf.keras.losses.cosine_similarity",
    "tf.keras.losses.get", "tf.keras.losses.serialize", "tf.keras.losses.deserialize")
@pytest.mark.parametrize("cid,code,opts,recorded", params("losses"))
def test_loss_matches_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)


@pytest.mark.covers("tf.keras.losses.BinaryCrossentropy", "tf.keras.activations.sigmoid")
def test_logits_cache_gives_logit_gradients():
    z = tf.Variable([[30.0], [-2.0]])
    y = np.array([[0.0], [1.0]], np.float32)
    with tf.GradientTape() as tape:
        loss = losses.BinaryCrossentropy()(y, activations.sigmoid(z))
    g = tape.gradient(loss, z)
    # d/dz of mean(softplus(z) - y z): (sigmoid(z) - y) / 2, not the clipped (zero) gradient
    np.testing.assert_allclose(g.numpy(), (1 / (1 + np.exp(-z.numpy())) - y) / 2, rtol=1e-5)


@pytest.mark.covers("tf.keras.losses.SparseCategoricalCrossentropy")
def test_sparse_labels_out_of_range_cpu_raises():
    with pytest.raises(tf.errors.InvalidArgumentError, match="outside the valid range"):
        losses.SparseCategoricalCrossentropy()(np.array([3]), np.array([[0.2, 0.3, 0.5]], np.float32))


@pytest.mark.covers("tf.keras.losses.Loss")
def test_results_are_shim_tensors_and_plain_torch_inputs_work():
    out = losses.MeanSquaredError()(torch.ones(2, 3), torch.zeros(2, 3))
    assert isinstance(out, tf.Tensor) and out.dtype == tf.float32
    per = losses.mean_absolute_error([[1.0, 2.0]], [[0.0, 0.0]])
    assert per.shape.as_list() == [1]


@pytest.mark.covers("tf.keras.losses.Loss")
def test_custom_function_wrapper_and_compile_resolution():
    w = losses.LossFunctionWrapper(lambda a, b: tf.reduce_mean(tf.abs(a - b), axis=-1), name="my")
    np.testing.assert_allclose(w([[1.0], [2.0]], [[0.0], [0.0]], sample_weight=[1.0, 0.0]).numpy(), 0.5)
    l = losses.get_compile_loss(lambda a, b: tf.reduce_mean(a - b, axis=-1), tf.zeros([2, 1]),
                                tf.zeros([2, 1]))
    assert isinstance(l, losses.LossFunctionWrapper) and l.name == "lambda"


@pytest.mark.covers("tf.keras.losses.get", "tf.keras.metrics.get", "tf.keras.optimizers.get")
def test_unknown_identifier_messages():
    from tfkeras_shim.keras import metrics, optimizers
    with pytest.raises(ValueError, match="^Could not interpret loss identifier: not_a_loss$"):
        losses.get("not_a_loss")
    with pytest.raises(ValueError, match="^Could not interpret metric identifier: not_a_metric$"):
        metrics.get("not_a_metric")
    with pytest.raises(ValueError, match="^Could not interpret optimizer identifier: not_an_opt$"):
        optimizers.get("not_an_opt")
