"""ReLU / LeakyReLU / Softmax / ELU layers against tf.keras 2.21 outputs
(tests/golden/keras_layers/activation_layers.json, recorded with real TF on the input below)."""
import json
import os

import numpy as np
import pytest

import tfkeras_shim as tf

GOLD = json.load(open(os.path.join(os.path.dirname(__file__), "..", "golden", "keras_layers", "activation_layers.json")))
X = np.array([[-3., -0.5, 0., 0.5, 2., 7.]], dtype="float32")
L = tf.keras.layers


@pytest.mark.covers("tf.keras.layers.ReLU", "tf.keras.layers.LeakyReLU", "tf.keras.layers.Softmax",
                    "tf.keras.layers.ELU")
def test_activation_layers_match_tf():
    got = {
        "relu": L.ReLU()(X), "relu6": L.ReLU(max_value=6., negative_slope=0.1, threshold=0.2)(X),
        "leaky": L.LeakyReLU()(X), "leaky05": L.LeakyReLU(negative_slope=0.5)(X),
        "softmax": L.Softmax()(X),
        "softmax_mask": L.Softmax()(X, mask=np.array([[1, 1, 0, 1, 0, 1]], bool)),
        "elu": L.ELU()(X),
    }
    for k, v in got.items():
        np.testing.assert_allclose(np.asarray(v), GOLD[k], rtol=1e-6, atol=1e-7, err_msg=k)
    assert [L.ReLU().get_config()["max_value"], L.LeakyReLU().get_config()["negative_slope"]] == GOLD["cfg"]
    with pytest.raises(ValueError):
        L.ReLU(max_value=-1.0)
