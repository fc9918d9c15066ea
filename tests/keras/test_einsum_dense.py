"""keras.layers.EinsumDense against tf.keras (tools/gen_rnn_extra_golden.py, fixed weights)."""
import json
import math
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G


def _cases():
    with open(os.path.join(G.DATA, "recurrent_extra.json")) as f:
        return json.load(f)["einsum_dense"]


CASES = _cases()
ERRORS = CASES.pop("_errors")


def _oshape(s):
    return tuple(s) if isinstance(s, list) else s


@pytest.mark.covers("tf.keras.layers.EinsumDense")
@pytest.mark.parametrize("cid", sorted(CASES))
def test_einsum_dense_matches_tf_keras(cid):
    case = CASES[cid]
    x = G.np_of(case["input"])
    layer = layers.EinsumDense(case["equation"], output_shape=_oshape(case["output_shape"]),
                               bias_axes=case["bias_axes"], activation=case["activation"])
    layer.build(x.shape)
    assert [{"name": v.name, "shape": list(v.shape)} for v in layer.weights] == case["weight_info"]
    layer.set_weights([G.np_of(w) for w in case["weights"]])
    y = layer(tf.constant(x))
    assert isinstance(y, tf.Tensor) and y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), G.np_of(case["output"]), rtol=1e-5, atol=1e-6)
    assert list(layer.compute_output_shape((None,) + x.shape[1:])) == case["cos"]
    assert sorted(layer.get_config()) == case["config_keys"]
    twin = layers.EinsumDense.from_config(layer.get_config())
    twin.build(x.shape)
    twin.set_weights(layer.get_weights())
    np.testing.assert_allclose(twin(x).numpy(), y.numpy())


@pytest.mark.covers("tf.keras.layers.EinsumDense")
@pytest.mark.parametrize("cid", sorted(ERRORS))
def test_einsum_dense_errors_match_tf_keras(cid):
    e = ERRORS[cid]
    layer = layers.EinsumDense(e["equation"], output_shape=_oshape(e["output_shape"]), bias_axes=e["bias_axes"])
    with pytest.raises(ValueError) as info:
        layer.build(tuple(e["input_shape"]))
    assert str(info.value) == e["message"]


@pytest.mark.covers("tf.keras.layers.EinsumDense")
def test_einsum_dense_glorot_fans_use_kernel_axes_and_model_training():
    layer = layers.EinsumDense("abc,cde->abde", output_shape=(None, 8, 16), bias_axes="de")
    layer.build((None, 10, 64))
    k = layer.kernel.numpy()
    limit = math.sqrt(6 / (64 + 8 * 16))  # fan_in = c, fan_out = d * e
    assert k.shape == (64, 8, 16)
    assert np.abs(k).max() <= limit and np.abs(k).max() > 0.9 * limit
    assert not layer.bias.numpy().any()
    with pytest.raises(AttributeError, match="must build the layer"):
        layers.EinsumDense("ab,bc->ac", 3).kernel
    inp = tf.keras.Input((5, 4))
    out = layers.EinsumDense("abc,cd->abd", output_shape=(None, 2), bias_axes="d")(inp)
    m = tf.keras.Model(inp, out)
    assert tuple(m.output_shape) == (None, None, 2)  # as tf.keras: the given None is kept
    m.compile(optimizer="sgd", loss="mse")
    x = np.random.default_rng(0).standard_normal((8, 5, 4)).astype("float32")
    h = m.fit(x, np.zeros((8, 5, 2), "float32"), epochs=2, verbose=0)
    assert h.history["loss"][1] < h.history["loss"][0]
