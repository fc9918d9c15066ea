"""tf.GradientTape behaviour beyond single values (values and error classes against TF are in
tests/golden/cases/autodiff.py): torch integration, graph lifetime, training loops, logging."""
import logging

import numpy as np
import pytest
import torch

import tfkeras_shim as tf


def _is_shim(t):
    return type(t).__name__ == "Tensor" and isinstance(t, torch.Tensor)


@pytest.mark.covers("tf.GradientTape", "tf.GradientTape.gradient", "tf.GradientTape.watch")
def test_gradients_are_shim_tensors_and_grad_attr_untouched():
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    x = tf.constant([[1.0, 1.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.matmul(x, w) ** 2)
    (g,) = tape.gradient(loss, [w])
    assert _is_shim(g)
    assert w.grad is None  # torch.autograd.grad only, never .grad accumulation
    assert not g.requires_grad  # no graph kept for a plain (first-order) gradient
    np.testing.assert_allclose(g.numpy(), [[8.0, 12.0], [8.0, 12.0]])
    assert g.shape.as_list() == [2, 2]


@pytest.mark.covers("tf.GradientTape.gradient")
def test_linear_regression_training_loop_converges():
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(64, 1)).astype("float32")
    ys = 3.0 * xs + 2.0
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    for _ in range(200):
        with tf.GradientTape() as tape:
            pred = w * tf.constant(xs) + b
            loss = tf.reduce_mean(tf.square(pred - tf.constant(ys)))
        dw, db = tape.gradient(loss, [w, b])
        w.assign_sub(0.1 * dw)
        b.assign_sub(0.1 * db)
    assert w.numpy() == pytest.approx(3.0, abs=1e-3)
    assert b.numpy() == pytest.approx(2.0, abs=1e-3)


@pytest.mark.covers("tf.GradientTape.gradient")
def test_non_persistent_tape_frees_the_graph():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v * v)
    tape.gradient(y, v)
    with pytest.raises(RuntimeError):
        torch.autograd.grad(y, [v])  # buffers were released (retain_graph=False)


@pytest.mark.covers("tf.GradientTape")
def test_gan_style_two_tapes_on_shared_graph():
    g_w = tf.Variable([[0.5, -0.5]])
    d_w = tf.Variable([[1.0], [2.0]])
    noise = tf.constant([[1.0], [2.0]])
    real = tf.constant([[0.3, 0.7], [0.1, 0.2]])
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = tf.matmul(noise, g_w)
        fake_out = tf.matmul(fake, d_w)
        real_out = tf.matmul(real, d_w)
        gen_loss = tf.reduce_mean(fake_out ** 2)
        disc_loss = tf.reduce_mean(real_out) - tf.reduce_mean(fake_out)
    g_grads = gen_tape.gradient(gen_loss, [g_w])
    d_grads = disc_tape.gradient(disc_loss, [d_w])
    assert g_grads[0] is not None and d_grads[0] is not None
    # disc_loss = mean(real @ d) - mean(noise @ g @ d)
    expected = real.numpy().mean(0) - (noise.numpy() @ g_w.numpy()).mean(0)
    np.testing.assert_allclose(d_grads[0].numpy().ravel(), expected, rtol=1e-6)


@pytest.mark.covers("tf.GradientTape.gradient")
def test_gradient_inside_non_persistent_context_keeps_no_graph():
    v = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = v * v
        g = tape.gradient(y, v)
    assert float(g) == 6.0
    assert not g.requires_grad


@pytest.mark.covers("tf.GradientTape.gradient")
def test_persistent_gradient_inside_context_warns(caplog):
    x = tf.constant(2.0)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = x * x
            g = tape.gradient(y, x)
    assert float(g) == 4.0
    assert any("persistent tape inside its context" in r.getMessage() for r in caplog.records)


@pytest.mark.covers("tf.GradientTape.watch")
def test_watch_integer_tensor_logs_tf_warning(caplog):
    x = tf.constant(3)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * x
    assert tape.gradient(y, x) is None
    assert any("must be floating" in r.getMessage() for r in caplog.records)


@pytest.mark.covers("tf.GradientTape.watch")
def test_watch_nest_and_torch_tensors():
    a = tf.constant([1.0, 2.0])
    b = torch.tensor(3.0)  # plain torch tensors are accepted as well
    with tf.GradientTape() as tape:
        tape.watch({"a": a, "b": [b]})
        y = tf.reduce_sum(a) * b
    ga, gb = tape.gradient(y, [a, b])
    np.testing.assert_allclose(ga.numpy(), [3.0, 3.0])
    assert float(gb) == 3.0
    assert _is_shim(gb)


@pytest.mark.covers("tf.GradientTape.watched_variables")
def test_watched_variables():
    v, w = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        tape.watch(w)
        y = v * w
    assert tape.watched_variables() == (w,)  # accessed variables are known once gradient ran
    tape.gradient(y, [v])
    assert {id(x) for x in tape.watched_variables()} == {id(v), id(w)}


@pytest.mark.covers("tf.GradientTape.jacobian")
def test_jacobian_loop_fallback(monkeypatch):
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    real_grad = torch.autograd.grad

    def no_batching(*args, **kwargs):
        if kwargs.get("is_grads_batched"):
            raise RuntimeError("vmap: no batching rule")
        return real_grad(*args, **kwargs)

    monkeypatch.setattr(torch.autograd, "grad", no_batching)
    j = tape.jacobian(y, x)
    np.testing.assert_allclose(j.numpy(), np.diag([2.0, 4.0, 6.0]))


@pytest.mark.covers("tf.GradientTape.batch_jacobian")
def test_batch_jacobian_dense_layer_shape():
    w = tf.Variable(np.arange(6, dtype="float32").reshape(2, 3))
    x = tf.constant(np.ones((4, 2), dtype="float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.tanh(tf.matmul(x, w))
    j = tape.batch_jacobian(y, x)
    assert j.shape.as_list() == [4, 3, 2]
    ref = torch.func.jacrev(lambda t: torch.tanh(t @ w.detach()))(x.detach()[0])
    np.testing.assert_allclose(j.numpy()[0], ref.numpy(), rtol=1e-5)


@pytest.mark.covers("tf.custom_gradient")
def test_custom_gradient_on_method_does_not_count_self():
    class Clip:
        def __init__(self, limit):
            self.limit = limit

        @tf.custom_gradient
        def __call__(self, x):
            def grad(dy):
                return tf.clip_by_value(dy, -self.limit, self.limit)
            return tf.identity(x), grad

    clip = Clip(0.5)
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(clip(v) * tf.constant([3.0, -0.1]))
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), [0.5, -0.1], rtol=1e-6)


@pytest.mark.covers("tf.custom_gradient")
def test_custom_gradient_without_tape_just_runs():
    @tf.custom_gradient
    def f(x):
        return x * 2.0, lambda dy: dy

    y = f(tf.constant(3.0))
    assert _is_shim(y) and float(y) == 6.0 and not y.requires_grad


@pytest.mark.covers("tf.recompute_grad")
def test_recompute_grad_matches_plain_gradient():
    w = tf.Variable(np.linspace(-1, 1, 6, dtype="float32").reshape(3, 2))
    x = tf.constant(np.ones((2, 3), dtype="float32"))
    block = lambda a: tf.nn.relu(tf.matmul(a, w)) * 2.0  # noqa: E731
    with tf.GradientTape() as t1:
        l1 = tf.reduce_sum(tf.recompute_grad(block)(x))
    with tf.GradientTape() as t2:
        l2 = tf.reduce_sum(block(x))
    np.testing.assert_allclose(t1.gradient(l1, w).numpy(), t2.gradient(l2, w).numpy())


@pytest.mark.covers("tf.GradientTape.stop_recording")
def test_stop_recording_builds_no_graph():
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        with tape.stop_recording():
            y = v * 3.0
        assert not y.requires_grad
        z = v * 4.0
    assert float(tape.gradient(z, v)) == 4.0


@pytest.mark.covers("tf.GradientTape")
def test_tape_records_even_under_torch_no_grad():
    v = tf.Variable(2.0)
    with torch.no_grad():
        with tf.GradientTape() as tape:
            y = v * v
        assert not torch.is_grad_enabled()  # restored on exit
    assert float(tape.gradient(y, v)) == 4.0


@pytest.mark.covers("tf.GradientTape.gradient")
def test_nn_parameters_count_as_trainable_variables():
    lin = torch.nn.Linear(2, 1)
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(lin(x))
    gw, gb = tape.gradient(y, [lin.weight, lin.bias])
    np.testing.assert_allclose(gw.numpy(), [[1.0, 2.0]])
    assert float(gb[0]) == 1.0


@pytest.mark.cuda
@pytest.mark.covers("tf.GradientTape")
def test_second_order_on_cuda():
    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    with tf.device("/GPU:0"):
        x = tf.Variable([1.0, 2.0])
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                y = tf.reduce_sum(x * x * x)
            g = inner.gradient(y, x)
            penalty = tf.reduce_sum(g * g)
        h = outer.gradient(penalty, x)
    assert g.device.type == "cuda"
    np.testing.assert_allclose(h.numpy(), 36.0 * np.array([1.0, 8.0]), rtol=1e-6)
