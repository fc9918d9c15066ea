"""The layer fast paths on CUDA (cuDNN convolutions / RNNs) give the CPU numbers."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import layers

pytestmark = [pytest.mark.cuda, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")]


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.GRU", "tf.keras.layers.Conv2D")
@pytest.mark.parametrize("make,shape,kw", [
    (lambda: layers.LSTM(8, return_sequences=True, return_state=True), (3, 6, 5),
     {"mask": np.arange(6)[None, :] < np.array([[6], [3], [0]])}),
    (lambda: layers.GRU(8, return_sequences=True, go_backwards=True), (3, 6, 5),
     {"mask": np.arange(6)[None, :] < np.array([[6], [3], [1]])}),
    (lambda: layers.SimpleRNN(4), (2, 5, 3), {}),
    (lambda: layers.Conv2D(8, 3, strides=2, padding="same"), (2, 9, 9, 4), {}),
    (lambda: layers.Conv2DTranspose(4, 3, strides=2, padding="same"), (2, 5, 5, 3), {}),
    (lambda: layers.MaxPooling2D(3, 2, padding="same"), (2, 7, 7, 3), {}),
    (lambda: layers.AveragePooling2D(2, padding="same"), (2, 7, 7, 3), {}),
    (lambda: layers.BatchNormalization(), (4, 5, 5, 3), {"training": True}),
])
def test_cuda_matches_cpu(make, shape, kw):
    x = np.random.default_rng(0).standard_normal(shape).astype("float32")
    outs = []
    weights = None
    for dev in ("/CPU:0", "/GPU:0"):
        with tf.device(dev):
            layer = make()
            layer.build(x.shape)
            if weights is None:
                weights = layer.get_weights()
            else:
                layer.set_weights(weights)
            args = {k: (tf.constant(v) if isinstance(v, np.ndarray) else v) for k, v in kw.items()}
            y = layer(x, **args)
        outs.append(list(y) if isinstance(y, (list, tuple)) else [y])
    for a, b in zip(*outs):
        assert b.device.type == "cuda"
        np.testing.assert_allclose(b.numpy(), a.numpy(), rtol=1e-4, atol=1e-5)
