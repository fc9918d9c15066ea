"""Pooling layers against tf.keras (TF 'same' padding: -inf for max, excluded cells for average)."""
import pytest

from tests.keras import layer_golden as G

COVERS = ("tf.keras.layers.MaxPooling2D", "tf.keras.layers.AveragePooling2D",
          "tf.keras.layers.GlobalMaxPooling2D", "tf.keras.layers.GlobalAveragePooling2D",
          "tf.keras.layers.MaxPooling1D", "tf.keras.layers.AveragePooling1D",
          "tf.keras.layers.GlobalMaxPooling1D", "tf.keras.layers.GlobalAveragePooling1D")


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cid,case", G.case_params("pooling"))
def test_pooling_matches_tf_keras(cid, case):
    G.check(case)
