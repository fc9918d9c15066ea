"""Model.evaluate / predict / test_on_batch / predict_on_batch on the shim (values against
tf.keras are in test_fit_golden.py)."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras

L = keras.layers


def _data(n=40):
    rs = np.random.RandomState(0)
    x = rs.rand(n, 3).astype("float32")
    return x, (x.sum(1) > 1.5).astype("int32")


def _clf():
    m = keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu"),
                          L.Dense(2, activation="softmax")])
    m.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


@pytest.mark.covers("tf.keras.Model.evaluate")
def test_evaluate_return_forms():
    x, y = _data()
    m = _clf()
    r = m.evaluate(x, y, verbose=0)
    assert isinstance(r, list) and len(r) == 2 and all(isinstance(v, float) for v in r)
    d = m.evaluate(x, y, verbose=0, return_dict=True)
    assert list(d) == ["accuracy", "loss"] and d["loss"] == r[0] and d["accuracy"] == r[1]
    # as tf.keras: compiling again without `metrics` keeps the previous compiled metrics
    m.compile("sgd", "sparse_categorical_crossentropy")
    assert m.metrics_names == ["loss", "compile_metrics"]
    m2 = keras.Sequential([keras.Input((3,)), L.Dense(2, activation="softmax")])
    m2.compile("sgd", "sparse_categorical_crossentropy")
    assert isinstance(m2.evaluate(x, y, verbose=0), float)
    with pytest.raises(ValueError, match="Arguments not recognized"):
        m.evaluate(x, y, verbose=0, foo=1)


@pytest.mark.covers("tf.keras.Model.evaluate", "tf.keras.Model.test_on_batch")
def test_evaluate_is_batch_size_weighted_and_leaves_no_graph():
    x, y = _data(40)
    m = _clf()
    full = m.evaluate(x, y, batch_size=40, verbose=0)
    parts = m.evaluate(x, y, batch_size=16, verbose=0)  # 16 + 16 + 8
    np.testing.assert_allclose(parts, full, rtol=1e-6)
    seen = []

    class M(keras.Model):
        def test_step(self, data):
            seen.append(torch.is_grad_enabled())
            return super().test_step(data)
    i = keras.Input((3,))
    mm = M(i, L.Dense(1)(i))
    mm.compile("sgd", "mse")
    mm.evaluate(x, y, verbose=0)
    r = mm.test_on_batch(x, y, return_dict=True)
    assert seen and not any(seen) and list(r) == ["loss"]


@pytest.mark.covers("tf.keras.Model.predict")
def test_predict_numpy_concatenated():
    x, _ = _data(70)
    m = _clf()
    p = m.predict(x, verbose=0)
    assert isinstance(p, np.ndarray) and p.dtype == np.float32 and p.shape == (70, 2)
    np.testing.assert_allclose(p, m(x).numpy(), rtol=1e-6)
    np.testing.assert_allclose(m.predict(x, batch_size=7, verbose=0), p, rtol=1e-6)
    assert m.predict(x, batch_size=10, steps=3, verbose=0).shape == (30, 2)
    assert m.predict(tf.constant(x), verbose=0).shape == (70, 2)
    assert m.predict(x.tolist(), verbose=0).shape == (70, 2)
    ds = tf.data.Dataset.from_tensor_slices((x, np.zeros(70))).batch(9)
    np.testing.assert_allclose(m.predict(ds, verbose=0), p, rtol=1e-6)
    pb = m.predict_on_batch(x[:5])
    assert isinstance(pb, np.ndarray) and pb.shape == (5, 2)


@pytest.mark.covers("tf.keras.Model.predict", "tf.keras.Model.predict_on_batch")
def test_predict_nested_outputs_and_uncompiled_model():
    x, _ = _data(11)
    i = keras.Input((3,))
    a = L.Dense(1, name="a")(i)
    b = L.Dense(2, name="b")(i)
    f = keras.Model(i, [a, b])
    p = f.predict(x, batch_size=4, verbose=0)
    assert isinstance(p, list) and [q.shape for q in p] == [(11, 1), (11, 2)]
    g = keras.Model(i, {"a": a, "b": b})
    q = g.predict(x, batch_size=4, verbose=0)
    assert isinstance(q, dict) and q["b"].shape == (11, 2)
    r = g.predict_on_batch(x)
    assert isinstance(r, dict) and isinstance(r["a"], np.ndarray)


@pytest.mark.covers("tf.keras.Model.predict", "tf.keras.callbacks.Callback")
def test_predict_callbacks_and_stop():
    x, _ = _data(40)
    m = _clf()

    class Rec(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.shapes = []

        def on_predict_batch_end(self, batch, logs=None):
            self.shapes.append(np.asarray(logs["outputs"]).shape)
            if batch == 1:
                self.model.stop_predicting = True
    r = Rec()
    p = m.predict(x, batch_size=16, verbose=0, callbacks=[r])
    assert r.shapes == [(16, 2), (16, 2)] and p.shape == (32, 2)


@pytest.mark.covers("tf.keras.Model.predict")
def test_predict_progress_bar(capsys):
    x, _ = _data(40)
    m = _clf()
    m.predict(x, verbose=2)
    out = capsys.readouterr().out
    assert out.startswith("2/2 - ") and out.rstrip().endswith("/step")


@pytest.mark.covers("tf.keras.Model.evaluate")
def test_evaluate_sample_weight_and_weighted_metrics():
    x, y = _data(40)
    m = _clf()
    m.compile("sgd", "sparse_categorical_crossentropy", weighted_metrics=["accuracy"])
    sw = np.zeros(40, np.float32)
    sw[:10] = 1.0
    r = m.evaluate(x, y, sample_weight=sw, verbose=0, return_dict=True)
    r10 = m.evaluate(x[:10], y[:10], verbose=0, return_dict=True)
    # losses are sum(w * l) / number of samples per batch; the weighted metric only counts w
    assert r["accuracy"] == pytest.approx(r10["accuracy"])
    assert r["loss"] == pytest.approx(r10["loss"] * 10 / 40, rel=1e-5)
