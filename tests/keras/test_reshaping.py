"""Reshaping layers against tf.keras (Flatten in NHWC order, UpSampling2D nearest/bilinear ...):
reshaping.json, and reshaping3d.json from tools/gen_conv3d_golden.py (UpSampling3D, ZeroPadding3D,
Cropping3D, channels_first 1-D/2-D variants) with gradients, Functional shapes and errors."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.keras import conv_family_golden as C
from tests.keras import layer_golden as G

DATA3 = G.load("reshaping3d")
CASES3 = G.case_params("reshaping3d")


@pytest.mark.covers("tf.keras.layers.Flatten", "tf.keras.layers.Reshape", "tf.keras.layers.UpSampling2D",
                    "tf.keras.layers.UpSampling1D", "tf.keras.layers.Permute", "tf.keras.layers.RepeatVector",
                    "tf.keras.layers.ZeroPadding2D", "tf.keras.layers.ZeroPadding1D",
                    "tf.keras.layers.Cropping2D", "tf.keras.layers.Cropping1D")
@pytest.mark.parametrize("cid,case", G.case_params("reshaping"))
def test_reshaping_matches_tf_keras(cid, case):
    G.check(case)


@pytest.mark.covers("tf.keras.layers.UpSampling3D", "tf.keras.layers.ZeroPadding3D", "tf.keras.layers.Cropping3D",
                    "tf.keras.layers.ZeroPadding2D", "tf.keras.layers.ZeroPadding1D", "tf.keras.layers.Cropping2D",
                    "tf.keras.layers.Cropping1D", "tf.keras.layers.UpSampling2D", "tf.keras.layers.UpSampling1D",
                    "tf.keras.layers.Permute", "tf.keras.layers.RepeatVector")
@pytest.mark.parametrize("cid,case", CASES3)
def test_reshaping3d_matches_tf_keras(cid, case):
    G.check(case)
    C.check_grads(case)
    C.check_config(case)


@pytest.mark.covers("tf.keras.layers.UpSampling3D", "tf.keras.layers.ZeroPadding3D", "tf.keras.layers.Cropping3D",
                    "tf.keras.Input")
@pytest.mark.parametrize("cid,case", CASES3)
def test_reshaping3d_functional_shapes(cid, case):
    C.check_symbolic(case)


@pytest.mark.covers("tf.keras.layers.UpSampling3D", "tf.keras.layers.ZeroPadding3D", "tf.keras.layers.Cropping3D",
                    "tf.keras.layers.ZeroPadding2D")
@pytest.mark.parametrize("eid,rec", C.error_params(DATA3))
def test_reshaping3d_errors_match_tf(eid, rec):
    C.check_error(rec)


@pytest.mark.covers("tf.keras.layers.UpSampling3D", "tf.keras.layers.ZeroPadding3D", "tf.keras.layers.Cropping3D",
                    "tf.keras.layers.Flatten", "tf.keras.layers.Reshape", "tf.keras.layers.Permute",
                    "tf.keras.layers.RepeatVector", "tf.keras.layers.UpSampling1D", "tf.keras.layers.UpSampling2D",
                    "tf.keras.layers.ZeroPadding1D", "tf.keras.layers.ZeroPadding2D", "tf.keras.layers.Cropping1D",
                    "tf.keras.layers.Cropping2D", "tf.keras.layers.MaxPooling3D", "tf.keras.layers.Conv3D")
def test_built_at_construction_like_keras():
    for code, built in DATA3["built_at_init"].items():
        assert eval("L." + code, {"L": keras.layers}).built == built, code


@pytest.mark.covers("tf.keras.layers.Cropping3D")
def test_cropping3d_returns_a_view():
    x = tf.constant(np.random.default_rng(0).standard_normal((2, 5, 6, 7, 3)).astype("float32"))
    y = keras.layers.Cropping3D(((1, 2), (0, 1), (3, 0)))(x)
    assert tuple(y.shape) == (2, 2, 5, 4, 3)
    assert y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    np.testing.assert_array_equal(y.numpy(), x.numpy()[:, 1:3, 0:5, 3:7])
