"""ConvLSTM1D/2D/3D against tf.keras numbers (tools/gen_rnn_extra_golden.py, fixed weights)."""
import json
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G


def _cases():
    with open(os.path.join(G.DATA, "recurrent_extra.json")) as f:
        return json.load(f)["conv_lstm"]


CASES = _cases()


def _shapes(s):
    if s and isinstance(s[0], (list, tuple)):
        return [list(e) for e in s]
    return [list(s)]


@pytest.mark.covers("tf.keras.layers.ConvLSTM1D", "tf.keras.layers.ConvLSTM2D", "tf.keras.layers.ConvLSTM3D")
@pytest.mark.parametrize("cid", sorted(CASES))
def test_conv_lstm_matches_tf_keras(cid):
    case = CASES[cid]
    x = G.np_of(case["input"])
    cfg = {k: tuple(v) if isinstance(v, list) else v for k, v in case["config"].items()}
    layer = getattr(layers, case["cls"])(**cfg)
    layer(x)
    if case["fresh_bias"] is not None:  # unit_forget_bias: ones on the forget slice
        np.testing.assert_array_equal(layer.get_weights()[-1], G.np_of(case["fresh_bias"]))
    layer.set_weights([G.np_of(w) for w in case["weights"]])
    res = layer(tf.constant(x))
    res = list(res) if isinstance(res, (list, tuple)) else [res]
    assert len(res) == len(case["outputs"])
    for got, want in zip(res, case["outputs"]):
        assert isinstance(got, tf.Tensor)
        np.testing.assert_allclose(got.numpy(), G.np_of(want), rtol=1e-5, atol=1e-5)
    info = [{"name": v.name, "path": v.path, "shape": list(v.shape)} for v in layer.weights]
    assert [i["name"] for i in info] == [i["name"] for i in case["weight_info"]]
    assert [i["shape"] for i in info] == [i["shape"] for i in case["weight_info"]]
    assert [i["path"].split("/", 1)[1] for i in info] == [i["path"].split("/", 1)[1] for i in case["weight_info"]]
    assert _shapes(layer.compute_output_shape((None,) + x.shape[1:])) == _shapes(case["cos"])
    assert sorted(layer.get_config()) == case["config_keys"]


@pytest.mark.covers("tf.keras.layers.ConvLSTM2D")
def test_conv_lstm2d_in_a_model_trains_and_round_trips_config():
    x = np.random.default_rng(0).standard_normal((4, 3, 6, 6, 2)).astype("float32")
    y = np.random.default_rng(1).standard_normal((4, 1)).astype("float32")
    m = tf.keras.Sequential([tf.keras.Input((3, 6, 6, 2)),
                             layers.ConvLSTM2D(4, 3, padding="same", dropout=0.2, recurrent_dropout=0.2),
                             layers.Flatten(), layers.Dense(1)])
    m.compile(optimizer="adam", loss="mse")
    before = [w.copy() for w in m.get_weights()]
    m.fit(x, y, epochs=1, batch_size=2, verbose=0)
    assert any(not np.allclose(a, b) for a, b in zip(before, m.get_weights()))
    lay = m.layers[0]
    twin = layers.ConvLSTM2D.from_config(lay.get_config())
    twin.build((None, 3, 6, 6, 2))
    twin.set_weights(lay.get_weights())
    np.testing.assert_allclose(twin(x).numpy(), lay(x).numpy(), rtol=1e-6)
    assert lay.filters == 4 and lay.kernel_size == (3, 3)


@pytest.mark.covers("tf.keras.layers.ConvLSTM2D")
def test_conv_lstm2d_mask_keeps_previous_state_and_errors():
    x = np.random.default_rng(2).standard_normal((2, 4, 5, 5, 1)).astype("float32")
    lay = layers.ConvLSTM2D(2, 3, return_sequences=True)
    full = lay(x)
    mask = tf.constant(np.array([[1, 1, 0, 0], [1, 1, 1, 1]], bool))
    masked = lay(x, mask=mask).numpy()
    np.testing.assert_allclose(masked[0, 2], masked[0, 1])
    np.testing.assert_allclose(masked[1], full.numpy()[1], rtol=1e-6)
    with pytest.raises(ValueError, match="strides > 1` is not compatible with `dilation_rate > 1"):
        layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="only support static input shapes"):
        layers.ConvLSTM2D(2, 3).build((None, 3, None, 5, 1))
