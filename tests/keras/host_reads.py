"""Shared by the optimizer tests: one training step, and an optimizer step that fails on any
read of a device value to the host (Python-level `.item()`/`float()`/`bool()`... and the
reads torch does in C++ when a 0-d tensor is passed as a Scalar)."""
import torch
from torch.utils._python_dispatch import TorchDispatchMode

import tfkeras_shim as tf
from tfkeras_shim.framework.tensor import Tensor
from tfkeras_shim.framework.variables import Variable
from tfkeras_shim.keras.engine.layer import KerasVariable


class NoScalarReads(TorchDispatchMode):
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        if func is torch.ops.aten._local_scalar_dense.default:
            raise AssertionError("host read in the optimizer step")
        return func(*args, **(kwargs or {}))


def step(model, opt, x, y):
    """One GradientTape step on a mean-squared error; returns the loss as a float."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    return float(loss)


def apply_without_host_reads(opt, model, x, y, monkeypatch):
    """One optimizer step during which every host read raises AssertionError."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
    grads = tape.gradient(loss, model.trainable_variables)

    def no_host_read(*a, **k):
        raise AssertionError("host read in the optimizer step")

    for cls in (torch.Tensor, Tensor, Variable, KerasVariable):
        for name in ("item", "tolist", "numpy", "__bool__", "__float__", "__int__"):
            monkeypatch.setattr(cls, name, no_host_read)
    with NoScalarReads():
        opt.apply_gradients(zip(grads, model.trainable_variables))
    monkeypatch.undo()
