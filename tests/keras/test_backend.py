"""keras.backend (the Keras-2-style K.* functions) and keras.activations: what the golden cases
(tests/golden/cases/keras_backend.py, keras_activations.py) cannot show: autograd through K.rnn
and K.ctc_batch_cost, Keras-2 code inside models, objects without a value form, warnings, devices."""
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras import activations

K = keras.backend


@pytest.mark.covers("tf.keras.backend.rnn")
def test_rnn_gradients_match_an_unrolled_loop():
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(size=(2, 5, 3)).astype("float32"))
    w = tf.Variable(rng.normal(size=(3, 4)).astype("float32"))
    u = tf.Variable(rng.normal(size=(4, 4)).astype("float32") * 0.3)
    mask = tf.constant([[True, True, True, False, False], [True, True, True, True, True]])

    def step(x_t, states):
        h = tf.tanh(tf.matmul(x_t, w) + tf.matmul(states[0], u))
        assert isinstance(x_t, tf.Tensor) and isinstance(states[0], tf.Tensor)
        return h, [h]

    with tf.GradientTape() as tape:
        last, outputs, states = K.rnn(step, x, [tf.zeros([2, 4])], mask=mask)
        loss = tf.reduce_sum(outputs) + tf.reduce_sum(last)
    gw, gu = tape.gradient(loss, [w, u])

    with tf.GradientTape() as tape:
        h, outs = tf.zeros([2, 4]), []
        for t in range(5):
            new = tf.tanh(tf.matmul(x[:, t], w) + tf.matmul(h, u))
            h = tf.where(mask[:, t:t + 1], new, h)
            outs.append(h)
        ref = tf.reduce_sum(tf.stack(outs, axis=1)) + tf.reduce_sum(h)
    rw, ru = tape.gradient(ref, [w, u])
    np.testing.assert_allclose(loss.numpy(), ref.numpy(), rtol=1e-6)
    np.testing.assert_allclose(gw.numpy(), rw.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gu.numpy(), ru.numpy(), rtol=1e-5, atol=1e-6)
    assert outputs.shape == (2, 5, 4) and len(states) == 1


@pytest.mark.covers("tf.keras.backend.ctc_batch_cost")
def test_ctc_batch_cost_trains_a_keras2_style_ctc_layer():
    """The Keras OCR example's pattern: a layer adds K.ctc_batch_cost as its loss."""
    class CTCLayer(keras.layers.Layer):
        def call(self, y_true, y_pred):
            batch = tf.cast(tf.shape(y_true)[0], dtype="int64")
            input_length = tf.cast(tf.shape(y_pred)[1], dtype="int64") * tf.ones((batch, 1), dtype="int64")
            label_length = tf.cast(tf.shape(y_true)[1], dtype="int64") * tf.ones((batch, 1), dtype="int64")
            self.add_loss(tf.reduce_mean(K.ctc_batch_cost(y_true, y_pred, input_length, label_length)))
            return y_pred

    tf.keras.utils.set_random_seed(1)
    feats = keras.Input((8, 4), name="feats")
    labels = keras.Input((3,), name="labels", dtype="float32")
    probs = keras.layers.Dense(5, activation="softmax")(feats)
    out = CTCLayer()(labels, probs)
    model = keras.Model([feats, labels], out)
    model.compile(optimizer=keras.optimizers.Adam(0.05))
    x = np.random.default_rng(0).normal(size=(16, 8, 4)).astype("float32")
    y = np.tile(np.array([[1, 2, 3]], "float32"), (16, 1))
    hist = model.fit({"feats": x, "labels": y}, epochs=8, batch_size=8, verbose=0).history["loss"]
    assert np.all(np.isfinite(hist)) and hist[-1] < hist[0] * 0.7
    decoded, _ = K.ctc_decode(model.predict({"feats": x, "labels": y}, verbose=0), np.full(16, 8))
    assert decoded[0].shape == (16, 8) and decoded[0].dtype == tf.int64


@pytest.mark.covers("tf.keras.backend.ctc_decode")
def test_ctc_greedy_and_beam_agree_on_peaked_outputs():
    rng = np.random.default_rng(3)
    best = rng.integers(0, 5, size=(3, 9))
    p = np.full((3, 9, 5), 0.02, "float32")
    np.put_along_axis(p, best[..., None], 0.92, axis=-1)
    lengths = np.array([9, 6, 4])
    greedy, g_logp = K.ctc_decode(p, lengths)
    beam, b_logp = K.ctc_decode(p, lengths, greedy=False, beam_width=8, top_paths=2)
    np.testing.assert_array_equal(greedy[0].numpy(), beam[0].numpy())
    assert len(beam) == 2 and b_logp.shape == (3, 2)
    assert np.all(b_logp.numpy()[:, 0] >= b_logp.numpy()[:, 1])
    for b, n in enumerate(lengths):  # greedy: blanks (class 4) and repeats collapse
        seq, prev = [], -1
        for c in best[b, :n]:
            if c != 4 and c != prev:
                seq.append(c)
            prev = c
        row = greedy[0].numpy()[b]
        assert row[:len(seq)].tolist() == seq and np.all(row[len(seq):] == -1)
        np.testing.assert_allclose(g_logp.numpy()[b, 0], -n * np.log(0.92 + 1e-7), rtol=1e-5)


@pytest.mark.covers("tf.keras.backend.ctc_label_dense_to_sparse", "tf.keras.backend.is_sparse",
                    "tf.keras.backend.to_dense", "tf.keras.backend.eval")
def test_sparse_labels_have_indices_values_and_a_dense_form():
    sp = K.ctc_label_dense_to_sparse(tf.constant([[4, 2, 9], [3, 9, 9]]), tf.constant([2, 1]))
    assert K.is_sparse(sp) and not K.is_sparse(tf.constant([1]))
    assert sp.indices.dtype == tf.int64 and sp.dense_shape.numpy().tolist() == [2, 3]
    assert K.to_dense(sp).numpy().tolist() == [[4, 2, 0], [3, 0, 0]]
    assert K.eval(sp).tolist() == [[4, 2, 0], [3, 0, 0]]


@pytest.mark.covers("tf.keras.backend.stop_gradient")
def test_stop_gradient_of_a_list_is_a_lazy_map():
    out = K.stop_gradient([tf.constant([1.0]), tf.constant([2.0])])
    assert isinstance(out, map)
    assert [float(t[0]) for t in out] == [1.0, 2.0]


@pytest.mark.covers("tf.keras.backend.gradients")
def test_gradients_needs_a_tape_in_eager_mode():
    x = tf.constant(2.0)
    with pytest.raises(RuntimeError, match="GradientTape"):
        K.gradients(x * x, [x])


@pytest.mark.covers("tf.keras.backend.set_value", "tf.keras.backend.get_value")
def test_set_value_on_an_optimizer_learning_rate():
    """Keras 2 code lowers the learning rate with K.set_value. tf.keras 2.21 raises
    AttributeError on a Keras 3 variable (its dtype is a string); the shim assigns."""
    opt = keras.optimizers.Adam(0.01)
    K.set_value(opt.learning_rate, 1e-3)
    assert K.get_value(opt.learning_rate) == np.float32(1e-3)


@pytest.mark.covers("tf.keras.activations.softmax", "tf.keras.backend.softmax")
def test_softmax_warns_on_a_size_one_axis_and_legacy_softmax_refuses_1d():
    with pytest.warns(UserWarning, match="axis has size 1"):
        activations.softmax(tf.constant([[1.0], [2.0]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        activations.softmax(tf.constant([[1.0, 2.0]]))
    with pytest.raises(ValueError, match="1D"):
        K.softmax(tf.constant([1.0, 2.0]))


_FLOAT_ACTIVATIONS = ["celu", "elu", "exponential", "gelu", "hard_shrink", "hard_sigmoid", "hard_silu",
                      "hard_tanh", "leaky_relu", "log_sigmoid", "log_softmax", "mish", "relu", "relu6",
                      "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign",
                      "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "tanh", "tanh_shrink",
                      "glu"]


@pytest.mark.covers(*(f"tf.keras.activations.{n}" for n in _FLOAT_ACTIVATIONS))
@pytest.mark.parametrize("name", _FLOAT_ACTIVATIONS)
def test_activations_take_plain_torch_tensors_and_keep_autograd(name):
    x = torch.linspace(-2.0, 2.0, 8).reshape(2, 4).requires_grad_()
    y = getattr(activations, name)(x)
    assert isinstance(y, tf.Tensor) and y.dtype == tf.float32
    y.sum().backward()
    assert x.grad is not None and torch.isfinite(x.grad).all()


@pytest.mark.cuda
@pytest.mark.covers("tf.keras.backend.conv2d", "tf.keras.backend.pool2d", "tf.keras.backend.rnn",
                    "tf.keras.backend.ctc_batch_cost", "tf.keras.backend.ctc_decode",
                    "tf.keras.backend.resize_images")
def test_backend_ops_stay_on_cuda():
    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    with tf.device("/GPU:0"):
        x = tf.random.normal([2, 6, 6, 3])
        k = tf.random.normal([3, 3, 3, 4])
        y = K.pool2d(K.conv2d(x, k, padding="same"), (2, 2), (2, 2))
        assert y.device.type == "cuda" and y.shape == (2, 3, 3, 4)
        assert K.resize_images(y, 2, 2, "channels_last", "bilinear").device.type == "cuda"
        _, outs, _ = K.rnn(lambda t, s: (t + s[0], [t + s[0]]), tf.ones([2, 3, 2]), [tf.zeros([2, 2])])
        assert outs.device.type == "cuda"
        p = K.softmax(tf.random.normal([2, 5, 4]))
        cost = K.ctc_batch_cost(tf.constant([[1, 2], [2, 0]]), p, tf.constant([[5], [5]]), tf.constant([[2], [1]]))
        assert cost.device.type == "cuda" and cost.shape == (2, 1)
        dec, logp = K.ctc_decode(p, tf.constant([5, 5]))
        assert dec[0].device.type == "cuda" and logp.device.type == "cuda"
        dec, logp = K.ctc_decode(p, tf.constant([5, 5]), greedy=False, beam_width=3)
        assert dec[0].device.type == "cuda"
