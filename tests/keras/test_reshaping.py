"""Reshaping layers against tf.keras (Flatten in NHWC order, UpSampling2D nearest/bilinear ...)."""
import pytest

from tests.keras import layer_golden as G

COVERS = ("tf.keras.layers.Flatten", "tf.keras.layers.Reshape", "tf.keras.layers.UpSampling2D",
          "tf.keras.layers.UpSampling1D", "tf.keras.layers.Permute", "tf.keras.layers.RepeatVector",
          "tf.keras.layers.ZeroPadding2D", "tf.keras.layers.ZeroPadding1D",
          "tf.keras.layers.Cropping2D", "tf.keras.layers.Cropping1D")


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cid,case", G.case_params("reshaping"))
def test_reshaping_matches_tf_keras(cid, case):
    G.check(case)
