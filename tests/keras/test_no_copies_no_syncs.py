"""Performance properties of fit that the benchmark relies on, checked on every device.

- channels_last convolutions: activations reach the kernels as permuted views, never copied
  (torch.profiler's aten op list; weight-sized copies are allowed);
- a fit step reads nothing back to the host (no `.item()`, `bool()`, `nonzero`: on CPU through
  a dispatch mode, on CUDA also with `torch.cuda.set_sync_debug_mode('error')`);
- on CUDA, allocated memory does not grow from one epoch to the next.
"""
import numpy as np
import pytest
import torch
from torch.profiler import ProfilerActivity, profile
from torch.utils._python_dispatch import TorchDispatchMode

import tfkeras_shim as tf
from tfkeras_shim import keras

DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
_COPIES = {"aten::copy_", "aten::contiguous", "aten::clone", "aten::_to_copy"}
_HOST_READS = {torch.ops.aten._local_scalar_dense.default, torch.ops.aten.nonzero.default,
               torch.ops.aten.is_nonzero.default}


def _cnn():
    return keras.Sequential([
        keras.Input((28, 28, 8)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"),
        keras.layers.BatchNormalization(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(10),
    ])


def _dev(name):
    return "/GPU:0" if name == "cuda" else "/CPU:0"


@pytest.mark.covers("tf.keras.layers.Conv2D", "tf.keras.layers.MaxPooling2D")
@pytest.mark.parametrize("device", DEVICES)
def test_conv_activations_are_never_copied(device):
    with tf.device(_dev(device)):
        model = _cnn()
        x = tf.constant(np.random.default_rng(0).random((8, 28, 28, 8), dtype=np.float32))
        model(x)
        activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device == "cuda" else [])
        with profile(activities=activities, record_shapes=True) as prof:
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(model(x, training=True))
            tape.gradient(loss, model.trainable_variables)
    smallest_activation = 8 * 14 * 14 * 16
    big = []
    for e in prof.events():
        if e.name in _COPIES and e.input_shapes and e.input_shapes[0]:
            n = int(np.prod(e.input_shapes[0]))
            if n >= smallest_activation:
                big.append((e.name, e.input_shapes[0]))
    assert not big, f"activation-sized copies around the convolutions: {big}"
    assert any(e.name == "aten::permute" for e in prof.events())  # the channels_last views


class _NoHostReads(TorchDispatchMode):
    def __init__(self):
        super().__init__()
        self.seen = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        if func in _HOST_READS:
            self.seen.append(str(func))
        return func(*args, **(kwargs or {}))


class _Guard(keras.callbacks.Callback):
    """Watches batches 1..last-1 of the first epoch (batch 0 builds the optimizer)."""

    def __init__(self, steps, cuda):
        super().__init__()
        self.steps, self.cuda = steps, cuda
        self.mode = _NoHostReads()
        self.active = False

    def on_train_batch_begin(self, batch, logs=None):
        if batch == 1 and not self.active:
            self.active = True
            self.mode.__enter__()
            if self.cuda:
                torch.cuda.set_sync_debug_mode("error")

    def on_train_batch_end(self, batch, logs=None):
        if batch == self.steps - 1 and self.active:
            if self.cuda:
                torch.cuda.set_sync_debug_mode("default")
            self.mode.__exit__(None, None, None)
            self.active = False


def _models():
    rng = np.random.default_rng(0)
    mlp = keras.Sequential([keras.Input((20,)), keras.layers.Dense(32, activation="relu"),
                            keras.layers.Dropout(0.2), keras.layers.Dense(4, activation="softmax")])
    yield "mlp_adam", mlp, "adam", rng.random((256, 20), dtype=np.float32), rng.integers(0, 4, 256)
    yield "cnn_sgd", _cnn(), keras.optimizers.SGD(0.01, momentum=0.9), \
        rng.random((64, 28, 28, 8), dtype=np.float32), rng.integers(0, 10, 64)
    txt = keras.Sequential([keras.Input((12,), dtype="int32"), keras.layers.Embedding(50, 8),
                            keras.layers.LSTM(8), keras.layers.Dense(4)])
    yield "lstm_rmsprop", txt, "rmsprop", rng.integers(1, 50, (64, 12)), rng.integers(0, 4, 64)


@pytest.mark.covers("tf.keras.Model.fit")
@pytest.mark.parametrize("device", DEVICES)
def test_fit_steps_read_nothing_back(device):
    for name, model, opt, x, y in _models():
        with tf.device(_dev(device)):
            model.compile(opt, keras.losses.SparseCategoricalCrossentropy(
                from_logits=name == "cnn_sgd" or name == "lstm_rmsprop"), metrics=["accuracy"])
            steps = 8
            guard = _Guard(steps, device == "cuda")
            model.fit(x, y, batch_size=len(x) // steps, epochs=1, verbose=0, callbacks=[guard])
        assert not guard.active
        assert guard.mode.seen == [], f"{name}: host reads during fit steps: {guard.mode.seen}"


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.keras.Model.fit")
def test_gpu_memory_flat_across_epochs():
    peaks = []

    class Peak(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            torch.cuda.synchronize()
            peaks.append(torch.cuda.memory_allocated())

    rng = np.random.default_rng(0)
    with tf.device("/GPU:0"):
        model = _cnn()
        model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(rng.random((256, 28, 28, 8), dtype=np.float32), rng.integers(0, 10, 256),
                  batch_size=32, epochs=4, verbose=0, callbacks=[Peak()])
    assert peaks[-1] <= peaks[1] * 1.01 + 2**16, peaks
