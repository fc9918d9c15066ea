"""Metrics against real tf.keras (tests/golden/training/metrics.json) and behaviour tests."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import metrics
from tests.golden.training import check, params


@pytest.mark.covers(
    "tf.keras.metrics.Metric", "tf.keras.metrics.Mean", "tf.keras.metrics.Sum",
    "tf.keras.metrics.MeanMetricWrapper", "tf.keras.metrics.Accuracy",
    "tf.keras.metrics.BinaryAccuracy", "tf.keras.metrics.CategoricalAccuracy",
    "tf.keras.metrics.SparseCategoricalAccuracy", "tf.keras.metrics.TopKCategoricalAccuracy",
    "tf.keras.metrics.SparseTopKCategoricalAccuracy", "tf.keras.metrics.AUC",
    "tf.keras.metrics.Precision", "tf.keras.metrics.Recall", "tf.keras.metrics.TruePositives",
    "tf.keras.metrics.FalsePositives", "tf.keras.metrics.TrueNegatives",
    "tf.keras.metrics.FalseNegatives", "tf.keras.metrics.SensitivityAtSpecificity",
    "tf.keras.metrics.SpecificityAtSensitivity", "tf.keras.metrics.PrecisionAtRecall",
    "tf.keras.metrics.RecallAtPrecision", "tf.keras.metrics.MeanSquaredError",
    "tf.keras.metrics.MeanAbsoluteError", "tf.keras.metrics.RootMeanSquaredError",
    "tf.keras.metrics.MeanAbsolutePercentageError", "tf.keras.metrics.MeanSquaredLogarithmicError",
    "tf.keras.metrics.CosineSimilarity", "tf.keras.metrics.LogCoshError", "tf.keras.metrics.Hinge",
    "tf.keras.metrics.SquaredHinge", "tf.keras.metrics.CategoricalHinge",
    "tf.keras.metrics.KLDivergence", "tf.keras.metrics.Poisson",
    "tf.keras.metrics.BinaryCrossentropy", "tf.keras.metrics.CategoricalCrossentropy",
    "tf.keras.metrics.SparseCategoricalCrossentropy", "tf.keras.metrics.R2Score",
    "tf.keras.metrics.F1Score", "tf.keras.metrics.FBetaScore", "tf.keras.metrics.IoU",
    "tf.keras.metrics.MeanIoU", "tf.keras.metrics.BinaryIoU", "tf.keras.metrics.OneHotIoU",
    "tf.keras.metrics.OneHotMeanIoU",
    "tf.keras.metrics.binary_accuracy", "tf.keras.metrics.categorical_accuracy",
    "tf.keras.metrics.sparse_categorical_accuracy", "tf.keras.metrics.top_k_categorical_accuracy",
    "tf.keras.metrics.sparse_top_k_categorical_accuracy", "tf.keras.metrics.binary_crossentropy",
    "tf.keras.metrics.categorical_crossentropy", "tf.keras.metrics.sparse_categorical_crossentropy",
    "tf.keras.metrics.mse", "tf.keras.metrics.mae", "tf.keras.metrics.hinge",
    "tf.keras.metrics.kld", "tf.keras.metrics.get", "tf.keras.metrics.serialize")
@pytest.mark.parametrize("cid,code,opts,recorded", params("metrics"))
def test_metric_matches_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)


@pytest.mark.covers("tf.keras.metrics.Mean", "tf.keras.metrics.SparseCategoricalAccuracy")
def test_update_state_does_not_track_autograd():
    logits = tf.Variable(np.array([[1.0, 2.0], [3.0, 0.5]], np.float32))
    probs = tf.nn.softmax(logits) if hasattr(tf, "nn") else torch.softmax(logits, -1)
    m = metrics.SparseCategoricalAccuracy()
    m.update_state([1, 0], probs)
    mean = metrics.Mean()
    mean.update_state(tf.reduce_sum(logits * 2.0))
    for v in m.variables + mean.variables:
        assert not v.requires_grad and v.grad_fn is None
    assert float(m.result()) == 1.0


@pytest.mark.covers("tf.keras.metrics.AUC")
def test_auc_many_samples_matches_numpy_roc():
    rs = np.random.RandomState(0)
    y = rs.randint(0, 2, size=2000).astype(np.float32)
    p = np.clip(y * 0.3 + rs.uniform(size=2000) * 0.7, 0, 1).astype(np.float32)
    m = metrics.AUC(num_thresholds=1000)
    for i in range(0, 2000, 500):
        m.update_state(y[i:i + 500], p[i:i + 500])
    # exact ROC AUC by ranking
    order = np.argsort(p)
    ranks = np.empty(2000)
    ranks[order] = np.arange(1, 2001)
    n1 = y.sum()
    exact = (ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * (2000 - n1))
    assert abs(float(m.result()) - exact) < 2e-3


@pytest.mark.covers("tf.keras.metrics.Metric")
def test_nested_metric_variables_and_reset():
    class Pair(metrics.Metric):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.a = metrics.Mean(name="a")
            self.b = metrics.Sum(name="b")

        def update_state(self, x):
            self.a.update_state(x)
            self.b.update_state(x)

        def result(self):
            return self.a.result() + self.b.result()

    m = Pair(name="pair")
    m.update_state([1.0, 3.0])
    assert len(m.variables) == 3
    assert float(m.result()) == 6.0
    m.reset_state()
    assert float(m.result()) == 0.0


@pytest.mark.covers("tf.keras.metrics.Mean", "tf.keras.metrics.MeanSquaredError")
def test_sample_weight_of_the_wrong_length_raises_like_tf():
    """TF 2.21: InvalidArgumentError from BroadcastTo, with this exact text."""
    want = ("{{function_node __wrapped__BroadcastTo_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
            "Incompatible shapes: [3] vs. [4] [Op:BroadcastTo]")
    for m, args in ((tf.keras.metrics.Mean(), (np.ones(4),)),
                    (tf.keras.metrics.MeanSquaredError(), (np.ones((4, 2)), np.zeros((4, 2))))):
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            m.update_state(*args, sample_weight=np.ones(3))
        assert str(e.value) == want
