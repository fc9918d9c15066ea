"""Layer engine behaviour that the TF golden records do not cover: torch integration, Keras 2
conveniences, call-context details, variables."""
import copy
import pickle

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras import layers


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.mark.covers("tf.keras.layers.Layer", "tf.keras.Model.parameters")
def test_layers_are_torch_modules():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(4, name="a"), layers.Dense(2, name="b")])
    assert isinstance(m, torch.nn.Module)
    params = list(m.parameters())
    assert len(params) == 4
    assert [tuple(p.shape) for p in params] == [(3, 4), (4,), (4, 2), (2,)]
    assert list(m.state_dict()) == ["a.kernel", "a.bias", "b.kernel", "b.bias"]
    # the same objects as Keras's weights
    assert all(p is w for p, w in zip(params, m.weights))


@pytest.mark.covers("tf.keras.layers.Layer.trainable")
def test_freezing_sets_requires_grad():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
    m.layers[0].trainable = False
    assert [p.requires_grad for p in m.parameters()] == [False, False, True, True]
    m.trainable = False
    assert not any(p.requires_grad for p in m.parameters())
    assert m.trainable_weights == [] and len(m.non_trainable_weights) == 4
    m.trainable = True
    assert all(p.requires_grad for p in m.parameters())


@pytest.mark.covers("tf.keras.layers.Layer")
def test_subclass_state_dict_and_load():
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = [layers.Dense(3), layers.Dense(2)]
            self.head = layers.Dense(1)

        def call(self, x):
            for b in self.blocks:
                x = b(x)
            return self.head(x)

    m = M()
    m(np.ones((1, 4)))
    sd = m.state_dict()
    assert sorted(sd) == ["blocks.0.bias", "blocks.0.kernel", "blocks.1.bias", "blocks.1.kernel",
                          "head.bias", "head.kernel"]
    m2 = M()
    m2(np.ones((1, 4)))
    m2.load_state_dict(sd)
    x = np.random.rand(2, 4).astype("float32")
    np.testing.assert_allclose(m(x).numpy(), m2(x).numpy())


@pytest.mark.covers("tf.keras.layers.Layer", "tf.Variable")
def test_tf_variable_attribute_is_a_weight():
    """Keras 2 tracked tf.Variables assigned to a layer; tutorials rely on it (Keras 3 does not)."""
    class Linear(layers.Layer):
        def __init__(self, units=4, input_dim=3):
            super().__init__()
            w_init = tf.random_normal_initializer()
            self.w = tf.Variable(initial_value=w_init(shape=(input_dim, units), dtype="float32"),
                                 trainable=True)
            self.b = tf.Variable(initial_value=tf.zeros_initializer()(shape=(units,), dtype="float32"),
                                 trainable=False)

        def call(self, inputs):
            return tf.matmul(inputs, self.w) + self.b

    l = Linear()
    assert [tuple(w.shape) for w in l.weights] == [(3, 4), (4,)]
    assert len(l.trainable_weights) == 1 and len(l.non_trainable_weights) == 1
    assert len(list(l.parameters())) == 2
    y = l(np.ones((2, 3), "float32"))
    assert y.shape == (2, 4)


@pytest.mark.covers("tf.keras.layers.Layer.add_weight")
def test_add_weight_keras2_positional_name():
    class L(layers.Layer):
        def build(self, input_shape):
            self.k = self.add_weight("k", (input_shape[-1], 2), initializer="ones")

        def call(self, x):
            return tf.matmul(x, self.k)

    l = L()
    y = l(np.ones((1, 3), "float32"))
    assert l.k.name == "k" and l.k.path == "l/k"
    np.testing.assert_allclose(y.numpy(), [[3.0, 3.0]])


@pytest.mark.covers("tf.keras.layers.Layer.add_weight")
def test_add_weight_dtypes_and_trainable():
    class L(layers.Layer):
        def build(self, s):
            self.c = self.add_weight(shape=(), dtype="int32", trainable=False, name="count")
            self.w = self.add_weight(shape=(2,), initializer=tf.ones_initializer(), name="w")

        def call(self, x):
            return x * self.w

    l = L()
    l(np.ones((1, 2)))
    assert l.c.dtype == "int32" and not l.c.requires_grad and not l.c.trainable
    assert l.w.dtype == tf.float32 and l.w.requires_grad
    assert [w.name for w in l.weights] == ["w", "count"]  # trainable first, as Keras lists them


@pytest.mark.covers("tf.keras.Model.build")
def test_subclassed_build_creates_weights():
    """Keras 2 semantics (Keras 3 only marks the model built): build runs the model once."""
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d1 = layers.Dense(4)
            self.d2 = layers.Dense(1)

        def call(self, x):
            return self.d2(self.d1(x))

    m = M()
    m.build((None, 3))
    assert m.built and len(m.weights) == 4
    lines = []
    m.summary(print_fn=lines.append)
    text = lines[0]
    assert "(None, 4)" in text and "(None, 1)" in text and "Total params: 21" in text


@pytest.mark.covers("tf.keras.layers.Dropout", "tf.keras.Sequential")
def test_training_flag_reaches_dropout():
    m = keras.Sequential([keras.Input((100,)), layers.Dropout(0.5)])
    x = np.ones((4, 100), "float32")
    np.testing.assert_array_equal(m(x).numpy(), x)
    y = m(x, training=True).numpy()
    assert set(np.unique(y)) <= {0.0, 2.0} and (y == 0).any()
    f = keras.Model(m.inputs, m.outputs)
    assert (f(x, training=True).numpy() == 0).any()
    np.testing.assert_array_equal(f(x).numpy(), x)


@pytest.mark.covers("tf.keras.layers.Dropout")
def test_dropout_seed_repeatable_and_noise_shape():
    a = layers.Dropout(0.5, seed=3)
    b = layers.Dropout(0.5, seed=3)
    x = np.ones((3, 8), "float32")
    np.testing.assert_array_equal(a(x, training=True).numpy(), b(x, training=True).numpy())
    c = layers.Dropout(0.5, noise_shape=(None, 1), seed=1)
    y = c(np.ones((16, 4), "float32"), training=True).numpy()
    assert all(len(set(row)) == 1 for row in y)  # one decision per row


@pytest.mark.covers("tf.keras.layers.Layer.compute_mask")
def test_mask_reaches_nested_layers():
    seen = {}

    class Consumer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.supports_masking = True

        def call(self, x, mask=None):
            seen["mask"] = None if mask is None else mask.numpy().tolist()
            return x

    class Block(layers.Layer):
        def __init__(self):
            super().__init__()
            self.masking = layers.Masking()
            self.dense = layers.Dense(2)
            self.consumer = Consumer()

        def call(self, x):
            return self.consumer(self.dense(self.masking(x)))

    x = np.array([[[1.0, 1.0], [0.0, 0.0]]], "float32")
    Block()(x)
    assert seen["mask"] == [[True, False]]


@pytest.mark.covers("tf.keras.layers.Layer.__call__")
def test_inputs_converted_and_cast():
    d = layers.Dense(2, kernel_initializer="ones")
    assert d([[1.0, 2.0, 3.0]]).dtype == tf.float32  # Python lists accepted (Keras 2)
    y = d(np.ones((1, 3), "float64"))
    assert y.dtype == tf.float32 and isinstance(y, tf.Tensor)
    y = d(torch.ones(1, 3, dtype=torch.float64))
    assert isinstance(y, tf.Tensor) and y.dtype == tf.float32


@pytest.mark.covers("tf.keras.layers.Layer.__call__")
def test_call_error_is_wrapped_once_with_arguments():
    class Bad(layers.Layer):
        def call(self, x):
            raise ValueError("boom")

    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.b = Bad()

        def call(self, inputs, training=None):
            return self.b(inputs)

    with pytest.raises(ValueError) as e:
        M()(np.ones((1, 2), "float32"))
    msg = str(e.value)
    assert msg.startswith("Exception encountered when calling Bad.call().")
    assert "\x1b[1mboom\x1b[0m" in msg
    assert "  • x=tf.Tensor(shape=(1, 2), dtype=float32)" in msg
    assert msg.count("Exception encountered") == 1


@pytest.mark.covers("tf.keras.layers.Layer.losses", "tf.keras.layers.Layer.add_loss")
def test_losses_cleared_each_outer_call_and_callables():
    class L(layers.Layer):
        def call(self, x):
            self.add_loss(tf.reduce_sum(x))
            return x

    l = L()
    l(np.ones((2,), "float32"))
    l(np.ones((3,), "float32"))
    assert [float(v) for v in l.losses] == [3.0]
    l.add_loss(lambda: tf.constant(5.0))  # Keras 2 zero-argument callable
    assert [float(v) for v in l.losses] == [3.0, 5.0]


@pytest.mark.covers("tf.keras.Variable", "tf.Variable.assign")
def test_keras_variable_surface():
    d = layers.Dense(2, name="d")
    d.build((None, 3))
    k = d.kernel
    assert isinstance(k, tf.Variable) and isinstance(k, torch.nn.Parameter)
    assert k.name == "kernel" and k.path == "d/kernel"
    assert k.dtype == "float32" and k.dtype == tf.float32 and str(k.dtype) == "float32"
    assert k.shape == (3, 2) and k.shape.as_list() == [3, 2]
    k.assign(np.ones((3, 2)))
    np.testing.assert_array_equal(k.numpy(), np.ones((3, 2)))
    assert repr(k.value).startswith("<tf.Variable 'd/kernel:0' shape=(3, 2) dtype=float32")
    np.testing.assert_array_equal(k.value().numpy(), np.ones((3, 2)))  # Keras 2 style
    y = tf.matmul(tf.ones((1, 3)), k)
    np.testing.assert_array_equal(y.numpy(), [[3.0, 3.0]])


@pytest.mark.covers("tf.GradientTape", "tf.keras.Model.trainable_variables")
def test_gradients_through_model():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2, activation="tanh"), layers.Dense(1)])
    x = tf.constant(np.random.rand(4, 3).astype("float32"))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(m(x)))
    grads = tape.gradient(loss, m.trainable_variables)
    assert [tuple(g.shape) for g in grads] == [(3, 2), (2,), (2, 1), (1,)]
    assert all(g is not None for g in grads)


@pytest.mark.covers("tf.keras.layers.Layer")
def test_deepcopy_and_pickle():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    x = np.random.rand(2, 3).astype("float32")
    c = copy.deepcopy(m)
    np.testing.assert_allclose(c(x).numpy(), m(x).numpy())
    assert c.weights[0] is not m.weights[0]
    p = pickle.loads(pickle.dumps(m))
    np.testing.assert_allclose(p(x).numpy(), m(x).numpy())


@pytest.mark.covers("tf.keras.layers.Layer.get_config", "tf.keras.layers.Layer.from_config")
def test_custom_layer_auto_config():
    class Scale(layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

    c = Scale(3.0, name="s").get_config()
    assert c["factor"] == 3.0 and c["name"] == "s" and c["trainable"] is True
    s = Scale.from_config(c)
    assert s.factor == 3.0 and s.name == "s"


@pytest.mark.covers("tf.keras.backend.clear_session")
def test_clear_session_resets_names():
    layers.Dense(1)
    layers.Dense(1)
    keras.backend.clear_session()
    assert layers.Dense(1).name == "dense"


@pytest.mark.covers("tf.keras.layers.Layer")
def test_attributes_before_super_init():
    class L(layers.Layer):
        def __init__(self):
            self.units = 3  # Keras 2 code sets attributes before super().__init__()
            self.inner = layers.Dense(3)
            super().__init__()

        def call(self, x):
            return self.inner(x)

    l = L()
    assert l(np.ones((1, 2))).shape == (1, 3)
    assert len(l.weights) == 2 and l.units == 3


@pytest.mark.covers("tf.keras.Model")
def test_layers_appended_to_empty_and_private_lists_are_tracked():
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = []
            self._extra = []
            for _ in range(2):
                self.blocks.append(layers.Dense(3))
            self._extra.append(layers.Dense(1))
            self.cfg = {"depth": 2}

        def call(self, x):
            for b in self.blocks:
                x = b(x)
            return self._extra[0](x)

    m = M()
    m(np.ones((1, 2)))
    assert len(m.weights) == 6 and len(list(m.parameters())) == 6
    assert list(m.state_dict())[:2] == ["blocks.0.kernel", "blocks.0.bias"]
    assert m.cfg == {"depth": 2}


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.keras.Model")
def test_models_live_on_the_gpu():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dropout(0.5, seed=1), layers.Dense(1)])
    assert all(p.device.type == "cuda" for p in m.parameters())
    y = m(np.ones((2, 3), "float32"), training=True)
    assert y.device.type == "cuda" and y.numpy().shape == (2, 1)
    inp = keras.Input((None, 3))
    f = keras.Model(inp, layers.Lambda(lambda t: tf.reduce_sum(t, axis=1))(inp))
    assert tuple(f.outputs[0].shape) == (None, 3)
