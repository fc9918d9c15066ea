"""Conv3D/Conv3DTranspose, DepthwiseConv1D, SeparableConv1D, the convolution aliases and the
channels_first / one-channel paths of the 1-D/2-D convolutions against tf.keras: outputs and
gradients for fixed weights, weight layout and names, configs, Functional shapes, errors
(tests/golden/keras_layers/conv3d.json, made by tools/gen_conv3d_golden.py)."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.keras import conv_family_golden as C
from tests.keras import layer_golden as G

DATA = G.load("conv3d")
CASES = G.case_params("conv3d")
ALL = ("tf.keras.layers.Conv3D", "tf.keras.layers.Convolution3D", "tf.keras.layers.Conv3DTranspose",
       "tf.keras.layers.Convolution3DTranspose", "tf.keras.layers.DepthwiseConv1D",
       "tf.keras.layers.SeparableConv1D", "tf.keras.layers.SeparableConvolution1D")


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Convolution3D",
                    "tf.keras.layers.Conv3DTranspose", "tf.keras.layers.Convolution3DTranspose",
                    "tf.keras.layers.DepthwiseConv1D", "tf.keras.layers.SeparableConv1D",
                    "tf.keras.layers.SeparableConvolution1D", "tf.keras.layers.Conv1DTranspose",
                    "tf.keras.layers.Convolution1DTranspose", "tf.keras.layers.Convolution2DTranspose",
                    "tf.keras.layers.Convolution2D", "tf.keras.layers.Convolution1D",
                    "tf.keras.layers.Conv2D", "tf.keras.layers.Conv1D", "tf.keras.layers.DepthwiseConv2D",
                    "tf.keras.layers.SeparableConv2D", "tf.keras.layers.SeparableConvolution2D")
@pytest.mark.parametrize("cid,case", CASES)
def test_conv_family_matches_tf_keras(cid, case):
    G.check(case)
    C.check_grads(case)
    C.check_config(case)


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Conv3DTranspose",
                    "tf.keras.layers.DepthwiseConv1D", "tf.keras.layers.SeparableConv1D", "tf.keras.Input")
@pytest.mark.parametrize("cid,case", CASES)
def test_conv_family_functional_shapes(cid, case):
    C.check_symbolic(case)


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Conv3DTranspose",
                    "tf.keras.layers.DepthwiseConv1D", "tf.keras.layers.SeparableConv1D",
                    "tf.keras.layers.Conv1DTranspose", "tf.keras.layers.Conv2D", "tf.keras.layers.Conv1D",
                    "tf.keras.layers.DepthwiseConv2D", "tf.keras.layers.SeparableConv2D")
@pytest.mark.parametrize("eid,rec", C.error_params(DATA))
def test_conv_family_errors_match_tf(eid, rec):
    C.check_error(rec)


@pytest.mark.covers("tf.keras.layers.Convolution1D", "tf.keras.layers.Convolution2D",
                    "tf.keras.layers.Convolution3D", "tf.keras.layers.Convolution1DTranspose",
                    "tf.keras.layers.Convolution2DTranspose", "tf.keras.layers.Convolution3DTranspose",
                    "tf.keras.layers.SeparableConvolution1D", "tf.keras.layers.SeparableConvolution2D")
def test_aliases_are_the_same_classes():
    L = keras.layers
    for alias, same in DATA["aliases"].items():
        target = alias.replace("Convolution", "Conv")
        assert (getattr(L, alias) is getattr(L, target)) == same, alias


def _spy(monkeypatch, name):
    from tfkeras_shim.keras.layers import convolutional as conv_mod
    seen = []
    real = getattr(torch.nn.functional, name)

    def spy(x, *args, **kwargs):
        y = real(x, *args, **kwargs)
        seen.append((x, y))
        return y

    monkeypatch.setattr(conv_mod.F, name, spy)
    return seen


@pytest.mark.covers("tf.keras.layers.Conv3D")
def test_conv3d_hands_torch_a_channels_last_view_and_returns_one(monkeypatch):
    layer = keras.layers.Conv3D(4, 3, padding="same")
    x = tf.constant(np.random.default_rng(0).standard_normal((2, 5, 6, 7, 3)).astype("float32"))
    layer(x)
    seen = _spy(monkeypatch, "conv3d")
    y = layer(x)
    (xin, yout), = seen
    assert xin.data_ptr() == x.data_ptr() and tuple(xin.shape) == (2, 3, 5, 6, 7)
    assert xin.is_contiguous(memory_format=torch.channels_last_3d)
    assert y.data_ptr() == yout.data_ptr() and y.is_contiguous()
    assert tuple(layer.kernel.shape) == (3, 3, 3, 3, 4)


@pytest.mark.covers("tf.keras.layers.Conv3DTranspose")
def test_conv3d_transpose_input_is_a_view(monkeypatch):
    layer = keras.layers.Conv3DTranspose(2, 3, strides=2, padding="same")
    x = tf.constant(np.random.default_rng(1).standard_normal((1, 3, 4, 5, 3)).astype("float32"))
    layer(x)
    seen = _spy(monkeypatch, "conv_transpose3d")
    y = layer(x)
    (xin, _), = seen
    assert xin.data_ptr() == x.data_ptr() and xin.is_contiguous(memory_format=torch.channels_last_3d)
    assert tuple(y.shape) == (1, 6, 8, 10, 2) and tuple(layer.kernel.shape) == (3, 3, 3, 2, 3)


@pytest.mark.covers("tf.keras.layers.DepthwiseConv1D", "tf.keras.layers.SeparableConv1D")
def test_1d_depthwise_and_separable_run_on_views(monkeypatch):
    x = tf.constant(np.random.default_rng(2).standard_normal((2, 9, 4)).astype("float32"))
    for layer in (keras.layers.DepthwiseConv1D(3, depth_multiplier=2), keras.layers.SeparableConv1D(5, 3)):
        layer(x)
        seen = _spy(monkeypatch, "conv2d")
        layer(x)
        xin = seen[0][0]
        assert xin.data_ptr() == x.data_ptr() and tuple(xin.shape) == (2, 4, 1, 9)
        monkeypatch.undo()


@pytest.mark.covers("tf.keras.layers.Conv2D", "tf.keras.layers.Conv3D", "tf.keras.layers.DepthwiseConv2D")
def test_one_channel_strided_convs_are_exact():
    # oneDNN (torch 2.13 CPU) gives garbage for the ambiguous one-channel permuted view when an
    # output dim is 1 with stride > 1; the layers hand torch canonical strides instead
    rng = np.random.default_rng(3)
    for layer, shape in [(keras.layers.Conv2D(3, (2, 3), strides=(1, 3), use_bias=False), (2, 3, 5, 1)),
                         (keras.layers.Conv3D(3, 2, strides=(1, 1, 3), use_bias=False), (2, 2, 3, 3, 1)),
                         (keras.layers.DepthwiseConv2D((3, 3), strides=(1, 2), use_bias=False), (2, 5, 3, 1))]:
        x = rng.standard_normal(shape).astype("float32")
        y = layer(x).numpy()
        k = layer.get_weights()[0]
        xt = torch.from_numpy(x.astype("float64")).movedim(-1, 1)
        kt = torch.from_numpy(k.astype("float64")).permute(-1, -2, *range(k.ndim - 2))
        fn = torch.nn.functional.conv3d if x.ndim == 5 else torch.nn.functional.conv2d
        ref = fn(xt.contiguous(), kt.contiguous(), None, layer.strides).movedim(1, -1).numpy()
        np.testing.assert_allclose(y, ref, rtol=1e-5, atol=1e-5)


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.Sequential", "tf.keras.Model.fit")
def test_conv3d_model_trains_and_channels_first_matches_channels_last():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((8, 4, 6, 6, 2)).astype("float32")
    y = rng.standard_normal((8, 1)).astype("float32")
    model = keras.Sequential([
        keras.Input((4, 6, 6, 2)),
        keras.layers.Conv3D(4, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling3D(2),
        keras.layers.Conv3DTranspose(3, 2, strides=2),
        keras.layers.GlobalAveragePooling3D(),
        keras.layers.Dense(1),
    ])
    model.compile("adam", "mse")
    hist = model.fit(x, y, epochs=2, batch_size=4, verbose=0)
    assert len(hist.history["loss"]) == 2
    a = keras.layers.Conv3D(3, 3, strides=2, padding="same")
    b = keras.layers.Conv3D(3, 3, strides=2, padding="same", data_format="channels_first")
    ya = a(x)
    b(np.moveaxis(x, -1, 1))
    b.set_weights(a.get_weights())
    yb = b(np.moveaxis(x, -1, 1))
    np.testing.assert_allclose(np.moveaxis(yb.numpy(), 1, -1), ya.numpy(), rtol=1e-5, atol=1e-5)


@pytest.mark.covers("tf.keras.layers.Conv3D")
def test_conv3d_default_init_matches_keras_fans():
    layer = keras.layers.Conv3D(8, 3)
    layer.build((None, 5, 5, 5, 4))
    k = layer.kernel.numpy()
    limit = (6 / (27 * 4 + 27 * 8)) ** 0.5
    assert k.shape == (3, 3, 3, 4, 8) and np.abs(k).max() <= limit and np.abs(k).max() > 0.8 * limit
    assert [v.path for v in layer.weights] == [f"{layer.name}/kernel", f"{layer.name}/bias"]


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Conv3DTranspose", "tf.keras.layers.ZeroPadding3D",
                    "tf.keras.layers.Cropping3D", "tf.keras.layers.MaxPooling3D", "tf.keras.layers.UpSampling3D",
                    "tf.keras.layers.AveragePooling3D", "tf.keras.layers.GlobalMaxPooling3D",
                    "tf.keras.layers.GlobalAveragePooling3D", "tf.keras.layers.AdaptiveMaxPooling3D",
                    "tf.keras.layers.DepthwiseConv1D", "tf.keras.layers.SeparableConv1D",
                    "tf.keras.layers.AdaptiveAveragePooling1D", "tf.keras.models.load_model", "tf.keras.Model.save")
def test_keras_file_written_by_tf_loads_and_roundtrips(tmp_path):
    import os
    rec = DATA["model"]
    model = keras.models.load_model(os.path.join(G.DATA, "conv3d_model.keras"))
    assert [w.path for w in model.weights] == rec["weight_paths"]
    x = G.np_of(rec["input"])
    np.testing.assert_allclose(model(x).numpy(), G.np_of(rec["output"]), rtol=1e-5, atol=1e-5)
    path = str(tmp_path / "again.keras")
    model.save(path)
    again = keras.models.load_model(path)
    np.testing.assert_allclose(again(x).numpy(), G.np_of(rec["output"]), rtol=1e-5, atol=1e-5)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Conv3DTranspose", "tf.keras.layers.DepthwiseConv1D",
                    "tf.keras.layers.SeparableConv1D", "tf.keras.layers.MaxPooling3D",
                    "tf.keras.layers.AveragePooling3D", "tf.keras.layers.AdaptiveAveragePooling3D",
                    "tf.keras.layers.AdaptiveMaxPooling2D", "tf.keras.layers.UpSampling3D")
@pytest.mark.parametrize("make,shape", [
    (lambda: keras.layers.Conv3D(4, 3, strides=2, padding="same"), (2, 5, 6, 7, 3)),
    (lambda: keras.layers.Conv3D(3, 2, strides=(1, 1, 3)), (2, 2, 3, 3, 1)),
    (lambda: keras.layers.Conv3DTranspose(3, 3, strides=2, padding="same"), (2, 3, 4, 5, 2)),
    (lambda: keras.layers.DepthwiseConv1D(3, strides=2, dilation_rate=2, padding="same"), (2, 11, 3)),
    (lambda: keras.layers.SeparableConv1D(4, 3, strides=2), (2, 9, 3)),
    (lambda: keras.layers.MaxPooling3D(3, strides=2, padding="same"), (2, 5, 6, 7, 3)),
    (lambda: keras.layers.AveragePooling3D(2, strides=1, padding="same"), (2, 4, 5, 6, 3)),
    (lambda: keras.layers.AdaptiveAveragePooling3D((2, 3, 4)), (2, 5, 6, 7, 3)),
    (lambda: keras.layers.AdaptiveMaxPooling2D(3), (2, 7, 8, 3)),
    (lambda: keras.layers.UpSampling3D((1, 2, 3)), (2, 2, 3, 4, 3)),
])
def test_cuda_matches_cpu(make, shape):
    x = np.random.default_rng(0).standard_normal(shape).astype("float32")
    outs, weights = [], None
    for dev in ("/CPU:0", "/GPU:0"):
        with tf.device(dev):
            layer = make()
            layer.build(x.shape)
            if weights is None:
                weights = layer.get_weights()
            else:
                layer.set_weights(weights)
            outs.append(layer(x).numpy())
    np.testing.assert_allclose(outs[1], outs[0], rtol=1e-4, atol=1e-4)


@pytest.mark.covers("tf.keras.layers.Conv3D", "tf.keras.layers.Conv3DTranspose", "tf.keras.layers.MaxPooling3D",
                    "tf.keras.layers.AveragePooling3D", "tf.keras.layers.GlobalAveragePooling3D")
def test_conv3d_stack_forward_and_backward_copy_no_activations():
    from torch.profiler import ProfilerActivity, profile
    model = keras.Sequential([
        keras.Input((6, 8, 8, 8)),
        keras.layers.Conv3D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling3D(2),
        keras.layers.Conv3DTranspose(8, 4, strides=2, padding="same"),  # k=3 would crop: see conv_transpose
        keras.layers.AveragePooling3D(3, strides=2, padding="same"),
        keras.layers.GlobalAveragePooling3D(),
    ])
    x = tf.constant(np.random.default_rng(5).random((4, 6, 8, 8, 8), dtype=np.float32))
    model(x)
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x, training=True))
        tape.gradient(loss, model.trainable_variables)
    smallest = 4 * 3 * 4 * 4 * 8
    names = {"aten::copy_", "aten::contiguous", "aten::clone", "aten::_to_copy", "aten::constant_pad_nd"}
    # activations (batch 4 first); weight-sized copies of the permuted kernels are fine
    big = [(e.name, e.input_shapes[0]) for e in prof.events()
           if e.name in names and e.input_shapes and e.input_shapes[0] and e.input_shapes[0][0] == 4
           and int(np.prod(e.input_shapes[0])) >= smallest]
    assert big == [], big
