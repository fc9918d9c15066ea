"""Conv layers against tf.keras: outputs for fixed weights, weight layout and names, shapes."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tests.keras import layer_golden as G

@pytest.mark.covers("tf.keras.layers.Conv2D", "tf.keras.layers.Conv1D", "tf.keras.layers.Conv2DTranspose",
                    "tf.keras.layers.Conv1DTranspose", "tf.keras.layers.DepthwiseConv2D",
                    "tf.keras.layers.SeparableConv2D")
@pytest.mark.parametrize("cid,case", G.case_params("conv"))
def test_conv_matches_tf_keras(cid, case):
    G.check(case)


def _spy_conv(monkeypatch, module_fn_name="conv2d"):
    from tfkeras_shim.keras.layers import convolutional as conv_mod
    seen = []
    real = getattr(torch.nn.functional, module_fn_name)

    def spy(x, *args, **kwargs):
        seen.append(x)
        y = real(x, *args, **kwargs)
        seen.append(y)
        return y

    monkeypatch.setattr(conv_mod.F, module_fn_name, spy)
    return seen


@pytest.mark.covers("tf.keras.layers.Conv2D")
def test_conv2d_forward_does_not_copy_nhwc_activations(monkeypatch):
    layer = tf.keras.layers.Conv2D(8, 3, padding="same")
    x = tf.random.normal((2, 9, 9, 4)) if hasattr(tf, "random") and hasattr(tf.random, "normal") \
        else tf.constant(np.random.default_rng(0).standard_normal((2, 9, 9, 4)).astype("float32"))
    layer(x)  # build
    seen = _spy_conv(monkeypatch)
    y = layer(x)
    xin, yout = seen
    # torch gets an NCHW *view* of the NHWC input: same storage, channels_last strides
    assert xin.data_ptr() == x.data_ptr()
    assert xin.is_contiguous(memory_format=torch.channels_last)
    # the NHWC output is a view of torch's channels_last result (no copy back)
    assert y.data_ptr() == yout.data_ptr() and y.is_contiguous()
    # the kernel handed to torch is a view of the Keras-layout variable
    assert tuple(layer.kernel.shape) == (3, 3, 4, 8)


@pytest.mark.covers("tf.keras.layers.Conv2D")
def test_conv2d_strided_same_pads_once_and_stays_channels_last(monkeypatch):
    layer = tf.keras.layers.Conv2D(4, 3, strides=2, padding="same")
    x = tf.constant(np.random.default_rng(1).standard_normal((1, 8, 8, 3)).astype("float32"))
    layer(x)
    seen = _spy_conv(monkeypatch)
    y = layer(x)
    xin = seen[0]
    assert tuple(xin.shape) == (1, 3, 9, 9)          # TF 'same', stride 2: one extra row/col at the end
    assert xin.is_contiguous(memory_format=torch.channels_last)
    assert tuple(y.shape) == (1, 4, 4, 4)


@pytest.mark.covers("tf.keras.layers.Conv2D")
def test_conv2d_bad_input_and_arguments():
    layer = tf.keras.layers.Conv2D(4, 3)
    layer(np.zeros((1, 5, 5, 3), "float32"))
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 3"):
        layer(np.zeros((1, 5, 5, 2), "float32"))
    with pytest.raises(ValueError, match="Invalid value for argument `filters`"):
        tf.keras.layers.Conv2D(0, 3)
    with pytest.raises(ValueError, match="`strides > 1` not supported in conjunction with `dilation_rate > 1`"):
        tf.keras.layers.Conv2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="The `padding` argument must be a list/tuple or one of"):
        tf.keras.layers.Conv2D(2, 3, padding="full")
    with pytest.raises(ValueError, match="must be strictly less than `strides`"):
        tf.keras.layers.Conv2DTranspose(2, 3, strides=2, output_padding=2)


@pytest.mark.covers("tf.keras.layers.Conv2D")
def test_conv2d_default_init_and_gradients_reach_keras_variables():
    layer = tf.keras.layers.Conv2D(64, 3)
    x = tf.constant(np.random.default_rng(2).standard_normal((2, 6, 6, 32)).astype("float32"))
    y = layer(x)
    k = layer.kernel.numpy()
    assert k.shape == (3, 3, 32, 64) and np.abs(k).max() <= (6 / (288 + 576)) ** 0.5
    assert np.all(layer.bias.numpy() == 0)
    y.sum().backward()
    assert layer.kernel.grad is not None and tuple(layer.kernel.grad.shape) == (3, 3, 32, 64)


@pytest.mark.covers("tf.keras.layers.Conv2D", "tf.keras.layers.Conv1D")
def test_channels_first_matches_channels_last():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 7, 7, 3)).astype("float32")
    a = tf.keras.layers.Conv2D(4, 3, strides=2, padding="same")
    b = tf.keras.layers.Conv2D(4, 3, strides=2, padding="same", data_format="channels_first")
    ya = a(x)
    b(np.transpose(x, (0, 3, 1, 2)))
    b.set_weights(a.get_weights())
    yb = b(np.transpose(x, (0, 3, 1, 2)))
    np.testing.assert_allclose(np.transpose(yb.numpy(), (0, 2, 3, 1)), ya.numpy(), rtol=1e-5, atol=1e-6)
