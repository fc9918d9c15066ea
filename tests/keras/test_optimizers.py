"""Optimizers against real tf.keras (tests/golden/training/optimizers.json) and behaviour tests."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import optimizers
from tests.golden.training import check, params


@pytest.mark.covers(
    "tf.keras.optimizers.SGD", "tf.keras.optimizers.Adam", "tf.keras.optimizers.AdamW",
    "tf.keras.optimizers.Adamax", "tf.keras.optimizers.Nadam", "tf.keras.optimizers.RMSprop",
    "tf.keras.optimizers.Adagrad", "tf.keras.optimizers.Adadelta", "tf.keras.optimizers.Ftrl",
    "tf.keras.optimizers.Lion", "tf.keras.optimizers.Optimizer", "tf.keras.optimizers.get",
    "tf.keras.optimizers.serialize", "tf.keras.optimizers.deserialize",
    "tf.keras.optimizers.schedules.ExponentialDecay",
    "tf.keras.optimizers.schedules.PiecewiseConstantDecay",
    "tf.keras.optimizers.schedules.PolynomialDecay",
    "tf.keras.optimizers.schedules.InverseTimeDecay", "tf.keras.optimizers.schedules.CosineDecay",
    "tf.keras.optimizers.schedules.CosineDecayRestarts")
@pytest.mark.parametrize("cid,code,opts,recorded", params("optimizers"))
def test_optimizer_matches_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)


def _vars():
    w = tf.Variable(np.array([[1.0, -2.0], [0.5, 3.0]], np.float32), name="w")
    b = tf.Variable(np.array([0.1, 0.2], np.float32), name="b")
    return w, b


@pytest.mark.covers("tf.keras.optimizers.Adam")
def test_step_keeps_variables_in_place_and_untracked_by_autograd():
    w, b = _vars()
    ptr = w.data_ptr()
    opt = optimizers.Adam(0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w) + tf.reduce_sum(b)
    grads = tape.gradient(loss, [w, b])
    opt.apply_gradients(zip(grads, [w, b]))
    assert w.data_ptr() == ptr
    assert isinstance(w, torch.nn.Parameter) and w.requires_grad
    assert all(not v.requires_grad for v in opt.variables)
    assert w.grad is None


@pytest.mark.covers("tf.keras.optimizers.SGD")
def test_minimize_with_callable_and_tape():
    w = tf.Variable([2.0])
    opt = optimizers.SGD(0.25)
    opt.minimize(lambda: tf.reduce_sum(w * w), [w])
    np.testing.assert_allclose(w.numpy(), [1.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w)
    opt.minimize(loss, [w], tape=tape)
    np.testing.assert_allclose(w.numpy(), [0.5])
    assert int(opt.iterations) == 2


@pytest.mark.covers("tf.keras.optimizers.Adam")
def test_user_gradients_not_mutated_by_clipping():
    w, b = _vars()
    g = tf.constant(np.full((2, 2), 10.0, np.float32))
    gb = tf.constant(np.full((2,), 10.0, np.float32))
    for kw in ({"clipnorm": 1.0}, {"clipvalue": 0.5}, {"global_clipnorm": 1.0},
               {"loss_scale_factor": 2.0}):
        optimizers.Adam(**kw).apply_gradients([(g, w), (gb, b)])
    assert float(tf.reduce_max(g)) == 10.0 and float(tf.reduce_max(gb)) == 10.0


@pytest.mark.covers("tf.keras.optimizers.Optimizer")
def test_custom_keras3_optimizer_subclass():
    class PlainSGD(optimizers.Optimizer):
        def __init__(self, learning_rate=0.1, **kwargs):
            super().__init__(learning_rate=learning_rate, **kwargs)

        def build(self, var_list):
            super().build(var_list)
            self.steps = self.add_optimizer_variables(var_list, "steps")

        def update_step(self, gradient, variable, learning_rate):
            s = self.steps[self._get_variable_index(variable)]
            self.assign_add(s, tf.ones_like(s))
            self.assign_sub(variable, gradient * learning_rate)

    w, b = _vars()
    opt = PlainSGD(0.5)
    opt.apply_gradients([(tf.ones_like(w), w), (tf.ones_like(b), b)])
    np.testing.assert_allclose(w.numpy(), [[0.5, -2.5], [0.0, 2.5]])
    assert [v.path for v in opt.variables][-2:] == ["plain_sgd/w_0_steps", "plain_sgd/b_0_steps"]
    np.testing.assert_allclose(opt.variables[-1].numpy(), [1.0, 1.0])


@pytest.mark.covers("tf.keras.optimizers.Adam")
def test_mixed_dtypes_grouped():
    w = tf.Variable(np.ones(3, np.float32))
    d = tf.Variable(np.ones(3, np.float64))
    opt = optimizers.Adam(0.1)
    opt.apply_gradients([(tf.ones(3), w), (tf.constant(np.ones(3)), d)])
    np.testing.assert_allclose(w.numpy(), 0.9, rtol=1e-5)
    np.testing.assert_allclose(d.numpy(), 0.9, rtol=1e-5)
    assert d.numpy().dtype == np.float64


@pytest.mark.covers("tf.keras.optimizers.Adam")
def test_auto_names_and_keras_variable_paths():
    w = tf.Variable([1.0], name="w")
    w.path = "sequential/dense_1/kernel"
    opt = optimizers.Adam(name="adam")
    opt.build([w])
    assert [v.path for v in opt.variables] == [
        "adam/iteration", "adam/learning_rate", "adam/sequential_dense_1_kernel_momentum",
        "adam/sequential_dense_1_kernel_velocity"]
    assert optimizers.RMSprop().name.startswith("rm_sprop")
    assert optimizers.AdamW().name.startswith("adam_w")


@pytest.mark.covers("tf.keras.optimizers.legacy")
def test_legacy_namespace_raises_like_keras3():
    with pytest.raises(ImportError, match="not supported in Keras 3"):
        optimizers.legacy.Adam()


@pytest.mark.cuda
def test_cuda_step_no_host_sync():
    if not torch.cuda.is_available():
        pytest.skip("no CUDA")
    with tf.device("/GPU:0"):
        w = tf.Variable(np.ones((4, 4), np.float32))
        opt = optimizers.Adam(0.1)
        g = tf.ones((4, 4))
        opt.apply_gradients([(g, w)])
        torch.cuda.set_sync_debug_mode("error")
        try:
            opt.apply_gradients([(g, w)])
        finally:
            torch.cuda.set_sync_debug_mode("default")
    assert w.device.type == "cuda"
    assert all(v.device.type == "cuda" for v in opt.variables)


@pytest.mark.covers("tf.keras.optimizers.Adam", "tf.keras.optimizers.SGD",
                    "tf.keras.optimizers.RMSprop", "tf.keras.optimizers.AdamW",
                    "tf.keras.optimizers.Nadam", "tf.keras.optimizers.Adagrad",
                    "tf.keras.optimizers.Adamax", "tf.keras.optimizers.Lion",
                    "tf.keras.optimizers.Ftrl", "tf.keras.optimizers.Adadelta",
                    "tf.keras.losses.BinaryCrossentropy",
                    "tf.keras.losses.SparseCategoricalCrossentropy")
@pytest.mark.parametrize("cid,code,opts,recorded", params("tape_training"))
def test_gradient_tape_training_matches_tf(cid, code, opts, recorded):
    """A Sequential model with set weights trained 5 steps with a GradientTape loop."""
    check(cid, code, opts, recorded)
