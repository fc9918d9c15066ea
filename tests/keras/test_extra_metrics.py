"""Correlation metrics and Circle loss against real tf.keras (cases in
tests/golden/training/cases.py, TF results in metrics.json / losses.json)."""
import pytest

from tests.golden.training import check, params

_METRIC_IDS = ("pearson", "concordance", "correlation")


@pytest.mark.covers(
    "tf.keras.metrics.PearsonCorrelation", "tf.keras.metrics.ConcordanceCorrelation",
    "tf.keras.metrics.pearson_correlation", "tf.keras.metrics.concordance_correlation")
@pytest.mark.parametrize("cid,code,opts,recorded", [
    p for p in params("metrics") if p.values[0].startswith(_METRIC_IDS)])
def test_correlation_metrics_match_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)


@pytest.mark.covers("tf.keras.losses.Circle", "tf.keras.losses.circle")
@pytest.mark.parametrize("cid,code,opts,recorded", [
    p for p in params("losses") if p.values[0].startswith("circle")])
def test_circle_loss_matches_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)


@pytest.mark.covers("tf.keras.utils.get_source_inputs", "tf.keras.utils.is_keras_tensor",
                    "tf.keras.utils.standardize_dtype", "tf.keras.utils.clear_session")
def test_utils_graph_and_dtype_helpers():
    # expected values recorded from tf.keras 2.21
    import numpy as np
    import tfkeras_shim as tf
    k = tf.keras
    x = k.Input((3,))
    z = k.layers.Dense(1)(k.layers.Dense(2)(x))
    assert k.utils.get_source_inputs(z)[0] is x
    assert len(k.utils.get_source_inputs(z)) == 1 and k.utils.get_source_inputs(x)[0] is x
    a, b = k.Input((2,)), k.Input((2,))
    d = k.layers.Dense(1)(k.layers.Concatenate()([k.layers.Add()([a, b]), a]))
    src = k.utils.get_source_inputs(d)
    assert len(src) == 2 and src[0] is a and src[1] is b
    arr = np.ones(2)
    assert k.utils.get_source_inputs(arr) is arr
    assert k.utils.is_keras_tensor(x) and not k.utils.is_keras_tensor(arr)
    assert k.utils.standardize_dtype(np.float64) == "float64"
    assert k.utils.standardize_dtype(None) == "float32"
    assert k.utils.standardize_dtype("int") == "int64"
    with pytest.raises(ValueError, match="Invalid dtype: float"):
        k.utils.standardize_dtype("float")
    k.utils.clear_session()


@pytest.mark.covers("tf.keras.Initializer", "tf.keras.Regularizer", "tf.keras.name_scope",
                    "tf.keras.device")
def test_top_level_aliases():
    import tfkeras_shim as tf
    k = tf.keras
    assert k.Initializer is k.initializers.Initializer
    assert k.Regularizer is k.regularizers.Regularizer
    with k.name_scope("block"):
        with k.device("cpu:0"):
            y = tf.ones([2]) * 2
    assert y.numpy().tolist() == [2.0, 2.0]
