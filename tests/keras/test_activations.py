"""keras.activations against tf.keras: every Keras 3 activation on fixed inputs, get/serialize."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import activations
from tests.keras import layer_golden as G

DATA = G.load("activations")
INPUTS = {k: G.np_of(v) for k, v in DATA["inputs"].items()}
NAMES = sorted({c["name"] for c in DATA["cases"].values()})


@pytest.mark.covers(*[f"tf.keras.activations.{n}" for n in NAMES])
@pytest.mark.parametrize("cid", sorted(DATA["cases"]))
def test_activation_values_match_tf_keras(cid):
    case = DATA["cases"][cid]
    fn = getattr(activations, case["name"])
    x = INPUTS[case["input"]]
    y = fn(tf.constant(x), **case["kwargs"])
    want = G.np_of(case["output"])
    got = np.asarray(y)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert hasattr(y, "_keras_logits") == case["has_logits"]


@pytest.mark.covers("tf.keras.activations.sigmoid", "tf.keras.activations.softmax")
def test_sigmoid_and_softmax_carry_their_logits():
    x = tf.constant([[1.0, -2.0, 30.0]])
    for fn in (activations.sigmoid, activations.softmax):
        y = fn(x)
        assert isinstance(y, tf.Tensor)
        assert y._keras_logits is x
    # plain torch tensors in (what layers pass) -> shim tensors out
    p = torch.tensor([0.5, -1.0])
    y = activations.sigmoid(p)
    assert isinstance(y, tf.Tensor) and y._keras_logits is p


@pytest.mark.covers("tf.keras.activations.get", "tf.keras.activations.serialize",
                    "tf.keras.activations.deserialize")
def test_get_serialize_deserialize():
    for name, fn_name in DATA["get"].items():
        assert activations.get(name).__name__ == fn_name
    assert activations.get(None) is activations.linear
    assert activations.get(activations.relu) is activations.relu
    custom = lambda t: t * 2  # noqa: E731
    assert activations.get(custom) is custom
    for name, ser in DATA["serialize"].items():
        assert activations.serialize(activations.get(name)) == ser
    assert activations.deserialize("relu") is activations.relu
    assert activations.deserialize({"module": "keras.activations", "class_name": "function",
                                    "config": "relu", "registered_name": "relu"}) is activations.relu
    assert activations.get({"module": "keras.activations", "class_name": "function",
                            "config": "tanh", "registered_name": "tanh"}) is activations.tanh


@pytest.mark.covers("tf.keras.activations.get")
def test_unknown_identifier_raises_keras_value_error():
    for ident, (cls, msg) in DATA["errors"].items():
        with pytest.raises(ValueError) as e:
            activations.get(eval(ident))
        assert cls == "ValueError" and str(e.value) == msg


@pytest.mark.covers("tf.keras.activations.linear", "tf.keras.activations.relu")
def test_linear_returns_input_and_relu_accepts_python_values():
    a = np.array([1.0, -1.0])
    assert activations.linear(a) is a
    y = activations.relu([1, -2])
    assert y.dtype == tf.int32 and y.numpy().tolist() == [1, 0]


@pytest.mark.covers("tf.keras.activations.glu")
def test_glu_odd_axis_raises():
    with pytest.raises(ValueError, match="axis size must be divisible by 2"):
        activations.glu(tf.constant([[1.0, 2.0, 3.0]]))


@pytest.mark.covers("tf.keras.activations.relu", "tf.keras.activations.softmax")
def test_activations_on_symbolic_tensors_build_functional_models():
    inp = tf.keras.Input((3,))
    h = activations.relu(tf.keras.layers.Dense(4)(inp), max_value=1.0)
    out = activations.softmax(tf.keras.layers.Dense(2)(h))
    m = tf.keras.Model(inp, out)
    rng = np.random.default_rng(0)
    m.set_weights([rng.uniform(-1, 1, w.shape).astype("float32") for w in m.get_weights()])
    y = m(np.ones((2, 3), "float32")).numpy()
    np.testing.assert_allclose(y, [[0.72279, 0.27721]] * 2, atol=1e-5)     # tf.keras 2.21's numbers
