"""Pooling layers against tf.keras (TF 'same' padding: -inf for max, excluded cells for average):
the 1-D/2-D goldens (pooling.json), and pooling3d.json from tools/gen_conv3d_golden.py: 3-D and
global 3-D pooling, the adaptive poolings, channels_first and stride-1 'same' paths, the aliases,
with gradients, Functional shapes and errors."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.keras import conv_family_golden as C
from tests.keras import layer_golden as G

DATA3 = G.load("pooling3d")
CASES3 = G.case_params("pooling3d")


@pytest.mark.covers("tf.keras.layers.MaxPooling2D", "tf.keras.layers.AveragePooling2D",
                    "tf.keras.layers.GlobalMaxPooling2D", "tf.keras.layers.GlobalAveragePooling2D",
                    "tf.keras.layers.MaxPooling1D", "tf.keras.layers.AveragePooling1D",
                    "tf.keras.layers.GlobalMaxPooling1D", "tf.keras.layers.GlobalAveragePooling1D")
@pytest.mark.parametrize("cid,case", G.case_params("pooling"))
def test_pooling_matches_tf_keras(cid, case):
    G.check(case)


@pytest.mark.covers("tf.keras.layers.MaxPooling3D", "tf.keras.layers.MaxPool3D", "tf.keras.layers.AveragePooling3D",
                    "tf.keras.layers.AvgPool3D", "tf.keras.layers.GlobalMaxPooling3D",
                    "tf.keras.layers.GlobalMaxPool3D", "tf.keras.layers.GlobalAveragePooling3D",
                    "tf.keras.layers.GlobalAvgPool3D", "tf.keras.layers.AdaptiveAveragePooling1D",
                    "tf.keras.layers.AdaptiveAveragePooling2D", "tf.keras.layers.AdaptiveAveragePooling3D",
                    "tf.keras.layers.AdaptiveMaxPooling1D", "tf.keras.layers.AdaptiveMaxPooling2D",
                    "tf.keras.layers.AdaptiveMaxPooling3D", "tf.keras.layers.MaxPooling2D",
                    "tf.keras.layers.MaxPool2D", "tf.keras.layers.AveragePooling2D", "tf.keras.layers.AvgPool2D",
                    "tf.keras.layers.MaxPooling1D", "tf.keras.layers.MaxPool1D", "tf.keras.layers.AveragePooling1D",
                    "tf.keras.layers.AvgPool1D", "tf.keras.layers.GlobalMaxPool1D", "tf.keras.layers.GlobalAvgPool1D",
                    "tf.keras.layers.GlobalMaxPool2D", "tf.keras.layers.GlobalAvgPool2D")
@pytest.mark.parametrize("cid,case", CASES3)
def test_pooling3d_and_adaptive_match_tf_keras(cid, case):
    G.check(case)
    C.check_grads(case)
    C.check_config(case)


@pytest.mark.covers("tf.keras.layers.MaxPooling3D", "tf.keras.layers.AveragePooling3D",
                    "tf.keras.layers.GlobalMaxPooling3D", "tf.keras.layers.GlobalAveragePooling3D",
                    "tf.keras.layers.AdaptiveAveragePooling1D", "tf.keras.layers.AdaptiveMaxPooling2D",
                    "tf.keras.layers.AdaptiveAveragePooling3D", "tf.keras.Input")
@pytest.mark.parametrize("cid,case", CASES3)
def test_pooling3d_functional_shapes(cid, case):
    C.check_symbolic(case)


@pytest.mark.covers("tf.keras.layers.MaxPooling3D", "tf.keras.layers.AveragePooling3D",
                    "tf.keras.layers.AveragePooling2D", "tf.keras.layers.MaxPooling2D",
                    "tf.keras.layers.MaxPooling1D", "tf.keras.layers.GlobalMaxPooling3D",
                    "tf.keras.layers.GlobalAveragePooling3D", "tf.keras.layers.AdaptiveAveragePooling1D",
                    "tf.keras.layers.AdaptiveAveragePooling2D", "tf.keras.layers.AdaptiveAveragePooling3D",
                    "tf.keras.layers.AdaptiveMaxPooling1D", "tf.keras.layers.AdaptiveMaxPooling2D",
                    "tf.keras.layers.AdaptiveMaxPooling3D")
@pytest.mark.parametrize("eid,rec", C.error_params(DATA3))
def test_pooling3d_errors_match_tf(eid, rec):
    C.check_error(rec)


@pytest.mark.covers("tf.keras.layers.MaxPool1D", "tf.keras.layers.MaxPool2D", "tf.keras.layers.MaxPool3D",
                    "tf.keras.layers.AvgPool1D", "tf.keras.layers.AvgPool2D", "tf.keras.layers.AvgPool3D",
                    "tf.keras.layers.GlobalMaxPool1D", "tf.keras.layers.GlobalMaxPool2D",
                    "tf.keras.layers.GlobalMaxPool3D", "tf.keras.layers.GlobalAvgPool1D",
                    "tf.keras.layers.GlobalAvgPool2D", "tf.keras.layers.GlobalAvgPool3D")
def test_pooling_aliases_are_the_same_classes():
    L = keras.layers
    full = {"MaxPool": "MaxPooling", "AvgPool": "AveragePooling"}
    for alias, same in DATA3["aliases"].items():
        target = alias
        for a, b in full.items():
            target = target.replace(a, b)
        assert (getattr(L, alias) is getattr(L, target)) == same, alias


def _profile_copies(fn, x, min_numel):
    from torch.profiler import ProfilerActivity, profile
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        fn(x)
    names = {"aten::copy_", "aten::contiguous", "aten::clone", "aten::_to_copy", "aten::constant_pad_nd"}
    return [(e.name, e.input_shapes[0]) for e in prof.events()
            if e.name in names and e.input_shapes and e.input_shapes[0]
            and int(np.prod(e.input_shapes[0])) >= min_numel]


@pytest.mark.covers("tf.keras.layers.MaxPooling3D", "tf.keras.layers.AveragePooling3D",
                    "tf.keras.layers.AveragePooling2D", "tf.keras.layers.MaxPooling2D",
                    "tf.keras.layers.AdaptiveAveragePooling3D", "tf.keras.layers.AdaptiveMaxPooling2D")
@pytest.mark.parametrize("layer,shape", [
    (lambda: keras.layers.MaxPooling3D(3, strides=2, padding="same"), (2, 7, 8, 9, 16)),
    (lambda: keras.layers.AveragePooling3D(3, strides=2, padding="same"), (2, 7, 8, 9, 16)),
    (lambda: keras.layers.AveragePooling3D(2, strides=1, padding="same"), (2, 5, 6, 7, 16)),
    (lambda: keras.layers.AveragePooling3D(2, data_format="channels_first"), (2, 16, 6, 6, 6)),
    (lambda: keras.layers.MaxPooling2D(2, strides=1, padding="same"), (2, 9, 9, 16)),
    (lambda: keras.layers.AveragePooling2D(3, strides=2, padding="same"), (2, 10, 10, 16)),
    (lambda: keras.layers.AdaptiveAveragePooling3D((2, 3, 4)), (2, 5, 6, 7, 16)),
    (lambda: keras.layers.AdaptiveMaxPooling2D(3), (2, 7, 8, 16)),
])
def test_pooling_never_copies_or_pads_the_activations(layer, shape):
    # asymmetric 'same' pads come from torch's ceil_mode (strides > 1) or a symmetric pad and a
    # dropped first output (stride 1); 3-D averages run as two channels_last 2-D pools
    x = tf.constant(np.random.default_rng(0).standard_normal(shape).astype("float32"))
    lay = layer()
    lay(x)
    assert _profile_copies(lay, x, int(np.prod(shape)) // 4) == []


@pytest.mark.covers("tf.keras.layers.AveragePooling3D", "tf.keras.layers.AdaptiveAveragePooling2D",
                    "tf.keras.layers.AdaptiveMaxPooling1D")
def test_half_precision_and_integer_inputs():
    x = np.random.default_rng(1).standard_normal((1, 4, 4, 4, 2)).astype("float32")
    ref = keras.layers.AveragePooling3D(2, padding="same", strides=1)(x).numpy()
    got = keras.layers.AveragePooling3D(2, padding="same", strides=1, dtype="float16")(x)
    assert got.dtype == tf.float16
    np.testing.assert_allclose(got.numpy().astype("float32"), ref, rtol=1e-2, atol=1e-2)
    xi = np.arange(2 * 7 * 3, dtype="int32").reshape(2, 7, 3)
    y = keras.layers.AdaptiveMaxPooling1D(3)(xi)
    assert y.dtype == tf.int32
    np.testing.assert_array_equal(y.numpy()[0, :, 0], [6, 12, 18])


@pytest.mark.covers("tf.keras.layers.AdaptiveAveragePooling2D", "tf.keras.layers.AdaptiveMaxPooling2D")
def test_adaptive_bins_match_torch_reference_bins():
    # Keras 3.15 (TF backend): window i spans [floor(i*n/o), ceil((i+1)*n/o)) in every dim
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, 9, 5, 2)).astype("float32")
    y = keras.layers.AdaptiveAveragePooling2D((4, 7))(x).numpy()
    m = keras.layers.AdaptiveMaxPooling2D((4, 7))(x).numpy()
    for i in range(4):
        h0, h1 = (i * 9) // 4, -(-(i + 1) * 9 // 4)
        for j in range(7):
            w0, w1 = (j * 5) // 7, -(-(j + 1) * 5 // 7)
            win = x[0, h0:h1, w0:w1]
            np.testing.assert_allclose(y[0, i, j], win.mean(axis=(0, 1)), rtol=1e-5, atol=1e-6)
            np.testing.assert_allclose(m[0, i, j], win.max(axis=(0, 1)))
    assert torch.is_tensor(tf.constant(y))
