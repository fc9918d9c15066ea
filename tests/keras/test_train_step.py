"""Overridable train_step / test_step / predict_step and the helpers custom steps call
(compute_loss, compute_metrics, compiled_loss, compiled_metrics, metrics) on the shim; values
against tf.keras are in test_fit_golden.py (custom_train_step_* cases)."""
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras

L = keras.layers


def _data(n=32):
    rs = np.random.RandomState(0)
    x = rs.rand(n, 3).astype("float32")
    return x, (x @ np.array([[1.0], [-1.0], [2.0]], np.float32))


@pytest.mark.covers("tf.keras.Model.train_step", "tf.keras.Model.compute_loss", "tf.GradientTape")
def test_tutorial_custom_train_step():
    seen = []

    class M(keras.Model):
        def train_step(self, data):
            seen.append(type(data).__name__ + str(len(data)))
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compute_loss(y=y, y_pred=y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
                else:
                    metric.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    i = keras.Input((3,))
    m = M(i, L.Dense(1)(i))
    m.compile(keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
    h = m.fit(*_data(), batch_size=8, epochs=3, verbose=0)
    assert sorted(h.history) == ["loss", "mae"]  # compile_metrics' dict result is flattened
    assert h.history["loss"][-1] < h.history["loss"][0]
    assert seen[0] == "tuple2"


@pytest.mark.covers("tf.keras.Model.train_step", "tf.keras.Model.train_on_batch")
def test_train_on_batch_passes_a_three_tuple_and_sample_weights():
    seen = []

    class M(keras.Model):
        def train_step(self, data):
            seen.append(len(data))
            return super().train_step(data)

    i = keras.Input((3,))
    m = M(i, L.Dense(1)(i))
    m.compile("sgd", "mse")
    x, y = _data()
    r = m.train_on_batch(x, y)
    assert isinstance(r, float) and seen == [3]
    m.fit(x, y, sample_weight=np.ones(32), batch_size=32, verbose=0)
    assert seen[-1] == 3
    m.fit(x, y, batch_size=32, verbose=0)
    assert seen[-1] == 2


@pytest.mark.covers("tf.keras.Model.train_step")
def test_super_train_step_returns_metric_tensors():
    out = []

    class M(keras.Model):
        def train_step(self, data):
            logs = super().train_step(data)
            out.append(logs)
            return logs

    i = keras.Input((3,))
    m = M(i, L.Dense(1)(i))
    m.compile("sgd", "mse", metrics=["mae"])
    m.fit(*_data(), batch_size=16, verbose=0)
    assert sorted(out[0]) == ["loss", "mae"]
    assert all(isinstance(v, torch.Tensor) and v.shape == () for v in out[0].values())


@pytest.mark.covers("tf.keras.Model.compiled_loss", "tf.keras.Model.compiled_metrics")
def test_tf2_style_compiled_loss_and_metrics_warn_and_work():
    class M(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    i = keras.Input((3,))
    m = M(i, L.Dense(1)(i))
    m.compile(keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        h = m.fit(*_data(), batch_size=16, epochs=2, verbose=0)
    msgs = {str(x.message).split("`")[1] for x in w if "deprecated" in str(x.message)}
    assert msgs == {"model.compiled_loss()", "model.compiled_metrics()"}
    assert sorted(h.history) == ["loss", "mae"]


@pytest.mark.covers("tf.keras.Model.metrics", "tf.keras.Model.reset_metrics")
def test_metric_attributes_are_tracked_and_reset_each_epoch():
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = L.Dense(1)
            self.tracker = keras.metrics.Mean(name="steps")

        def call(self, x):
            return self.d(x)

        def train_step(self, data):
            self.tracker.update_state(1.0)
            return {"steps": self.tracker.result()}

    m = M()
    m.compile("sgd")
    assert m.metrics_names == ["loss", "steps"]
    x, y = _data()
    h = m.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert h.history["steps"] == [1.0, 1.0]
    assert float(m.tracker.count) == 4.0
    m.reset_metrics()
    assert float(m.tracker.count) == 0.0


@pytest.mark.covers("tf.keras.Model.test_step", "tf.keras.Model.predict_step")
def test_custom_test_and_predict_steps():
    class M(keras.Model):
        def test_step(self, data):
            x, y = data
            return {"n": tf.constant(float(len(x)))}

        def predict_step(self, data):
            return self(data, training=False) * 0.0 + 7.0

    i = keras.Input((3,))
    m = M(i, L.Dense(1)(i))
    m.compile("sgd", "mse")
    x, y = _data(20)
    assert m.evaluate(x, y, batch_size=8, verbose=0, return_dict=True) == {"n": 4.0}
    np.testing.assert_array_equal(m.predict(x, batch_size=8, verbose=0), np.full((20, 1), 7.0, np.float32))


@pytest.mark.covers("tf.keras.Model.compute_loss", "tf.keras.Model.compute_metrics")
def test_compute_loss_and_compute_metrics_public():
    i = keras.Input((3,))
    m = keras.Model(i, L.Dense(1, kernel_initializer="ones", kernel_regularizer=keras.regularizers.l2(0.5))(i))
    m.compile("sgd", "mse", metrics=["mae"])
    x, y = _data(8)
    y_pred = m(x)
    loss = m.compute_loss(x, y, y_pred)
    mse = float(np.mean((y_pred.numpy() - y) ** 2))
    assert float(loss) == pytest.approx(mse + 0.5 * 3.0, rel=1e-5)
    assert type(loss).__name__ == "Tensor" and loss.shape == ()
    r = m.compute_metrics(x, y, y_pred)
    assert sorted(r) == ["loss", "mae"]
    m2 = keras.Model(i, L.Dense(1)(i))
    m2.compile("sgd")
    with pytest.raises(ValueError, match="No loss to compute"):
        m2.compute_loss(x, y, m2(x))


@pytest.mark.covers("tf.keras.Model.make_train_function")
def test_make_train_function_runs_batches():
    i = keras.Input((3,))
    m = keras.Model(i, L.Dense(1)(i))
    m.compile("sgd", "mse")
    f = m.make_train_function()
    assert m.make_train_function() is f and m.train_function is f
    x, y = _data(8)
    logs = f([(tf.constant(x), tf.constant(y))])
    assert float(m.optimizer.iterations) == 1.0
    assert callable(logs) and sorted(logs()) == ["loss"]
