"""Model.compile / Model.fit behaviour on the shim (values against tf.keras are in
test_fit_golden.py): History, callbacks, no host synchronisation per step, trainable state."""
import os
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras

L = keras.layers


def _data(n=64, seed=0):
    rs = np.random.RandomState(seed)
    x = rs.rand(n, 3).astype("float32")
    y = (x.sum(1, keepdims=True) > 1.5).astype("float32")
    return x, y


def _model():
    return keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu"),
                             L.Dense(1, activation="sigmoid")])


@pytest.mark.covers("tf.keras.Model.compile", "tf.keras.Model.fit", "tf.keras.callbacks.History",
                    "tf.keras.Model.history")
def test_fit_returns_history_and_trains():
    x, y = _data()
    m = _model()
    m.compile(keras.optimizers.Adam(0.05), "binary_crossentropy", metrics=["accuracy"])
    h = m.fit(x, y, epochs=5, batch_size=16, verbose=0)
    assert isinstance(h, keras.callbacks.History) and m.history is h
    assert list(h.history) == ["accuracy", "loss"] and h.epoch == [0, 1, 2, 3, 4]
    assert h.params == {"verbose": 0, "epochs": 5, "steps": 4}
    assert all(isinstance(v, float) for v in h.history["loss"])
    assert h.history["loss"][-1] < h.history["loss"][0]


@pytest.mark.covers("tf.keras.Model.compile", "tf.keras.Model.metrics", "tf.keras.Model.metrics_names")
def test_compile_state_and_metrics():
    m = _model()
    assert m.metrics == [] and m.metrics_names == [] and not m.compiled
    m.compile("adam", "mse")
    assert m.compiled and m.metrics_names == ["loss"]
    assert type(m.optimizer).__name__ == "Adam" and m.loss == "mse"
    m.compile("rmsprop", "mse", metrics=["mae"])
    assert m.metrics_names == ["loss", "compile_metrics"]
    assert m.run_eagerly is False and m.jit_compile is False
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: nope"):
        m.compile("nope", "mse")


@pytest.mark.covers("tf.keras.Model.fit")
def test_fit_errors_before_any_weight_change():
    x, y = _data()
    m = _model()
    with pytest.raises(ValueError, match=r"You must call `compile\(\)` before using the model."):
        m.fit(x, y, verbose=0)
    m.compile("sgd", "mse")
    m.build((None, 3))
    w0 = [w.copy() for w in m.get_weights()]
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        m.fit(x, y[:10], verbose=0)
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 7 and 2"):
        m2 = keras.Sequential([keras.Input((3,)), L.Dense(2)])
        m2.compile("sgd", "mse")
        m2.fit(x, np.zeros((64, 7), "float32"), verbose=0)
    m.compile("sgd", "not_a_loss")
    with pytest.raises(ValueError, match="Could not interpret loss identifier: not_a_loss"):
        m.fit(x, y, verbose=0)
    m.compile("sgd", "mse", metrics=["not_a_metric"])
    with pytest.raises(ValueError, match="Could not interpret metric identifier: not_a_metric"):
        m.fit(x, y, verbose=0)
    with pytest.raises(ValueError, match="`validation_split` is only supported"):
        m.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(8), validation_split=0.2, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(w0, m.get_weights()))


class _SyncCounter:
    """Counts the host reads of tensors (item/tolist/numpy/float/bool/cpu) while active."""

    NAMES = ("item", "tolist", "cpu", "numpy", "__float__", "__bool__", "__int__")

    def __init__(self, monkeypatch):
        self.count = 0
        for name in self.NAMES:
            orig = getattr(torch.Tensor, name)

            def wrapper(t, *a, _orig=orig, **k):
                self.count += 1
                return _orig(t, *a, **k)
            monkeypatch.setattr(torch.Tensor, name, wrapper)


@pytest.mark.covers("tf.keras.Model.fit")
def test_no_host_sync_per_step(monkeypatch):
    x = np.random.RandomState(0).rand(640, 3).astype("float32")
    y = (x.sum(1) > 1.5).astype("int32")
    m = keras.Sequential([keras.Input((3,)), L.Dense(8, activation="relu"),
                          L.Dense(2, activation="softmax")])
    m.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    m.fit(x, y, batch_size=32, epochs=1, verbose=0)  # warm up (builds everything)
    calls = []
    orig = type(m).get_metrics_result
    monkeypatch.setattr(type(m), "get_metrics_result", lambda self: calls.append(1) or orig(self))
    counter = _SyncCounter(monkeypatch)
    m.fit(x, y, batch_size=32, epochs=2, verbose=0)  # 20 steps per epoch
    assert len(calls) == 2            # the epoch-end logs only
    assert counter.count <= 2 * 4     # a few reads per epoch (epoch logs), none per step


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.callbacks.ProgbarLogger")
def test_progress_bar_reads_logs_only_when_it_redraws(monkeypatch, capsys):
    x = np.random.RandomState(0).rand(2000, 3).astype("float32")
    y = (x.sum(1) > 1.5).astype("float32")
    m = _model()
    m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    m.fit(x[:64], y[:64], verbose=0)
    calls = []
    orig = type(m).get_metrics_result
    monkeypatch.setattr(type(m), "get_metrics_result", lambda self: calls.append(1) or orig(self))
    m.fit(x, y, batch_size=8, epochs=1, verbose=1)  # 250 steps
    out = capsys.readouterr().out
    assert "250/250" in out and "accuracy:" in out
    assert len(calls) < 250 / 3


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.Model.stop_training", "tf.keras.callbacks.Callback")
def test_callbacks_get_python_logs_and_can_stop_training():
    x, y = _data()

    class Rec(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.batches = []
            self.epochs = []

        def on_train_batch_end(self, batch, logs=None):
            self.batches.append((batch, dict(logs)))
            if batch == 2:
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            self.epochs.append((epoch, dict(logs)))

    r = Rec()
    m = _model()
    m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    h = m.fit(x, y, batch_size=8, epochs=3, verbose=0, callbacks=[r], validation_split=0.25)
    assert [b for b, _ in r.batches] == [0, 1, 2]
    assert all(isinstance(v, float) for _, logs in r.batches for v in logs.values())
    assert sorted(r.batches[0][1]) == ["accuracy", "loss"]
    assert h.epoch == [0] and sorted(r.epochs[0][1]) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert m.stop_training is True


@pytest.mark.covers("tf.keras.Model.fit")
def test_trainable_state_fixed_until_recompile():
    x = np.ones((8, 3), "float32")
    y = np.zeros((8, 1), "float32")
    m = keras.Sequential([keras.Input((3,)), L.Dense(2), L.Dense(1)])
    m.compile("sgd", "mse")
    m.fit(x, y, verbose=0)
    m.layers[0].trainable = False
    w0 = m.layers[0].get_weights()[0].copy()
    m.fit(x, y, verbose=0)
    assert not np.allclose(w0, m.layers[0].get_weights()[0])  # as tf.keras: still trained
    m.compile("sgd", "mse")
    w0 = m.layers[0].get_weights()[0].copy()
    m.fit(x, y, verbose=0)
    np.testing.assert_array_equal(w0, m.layers[0].get_weights()[0])


@pytest.mark.covers("tf.keras.Model.fit")
def test_fit_with_validation_data_dataset_and_generator():
    x, y = _data()
    m = _model()
    m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    vds = tf.data.Dataset.from_tensor_slices((x[:16], y[:16])).batch(8)
    h = m.fit(tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(16), epochs=2,
              validation_data=vds, verbose=0, shuffle=False)
    assert sorted(h.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert h.params["steps"] == 4

    def gen():
        for i in range(4):
            yield x[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        h = m.fit(gen(), epochs=2, verbose=0)
    assert len(h.history["loss"]) == 2 and h.params["steps"] is None


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.Model.compile")
def test_fit_keeps_data_on_one_device_copy(monkeypatch):
    """numpy data is converted once per fit (one torch.from_numpy per array), not per batch."""
    x, y = _data(256)
    m = _model()
    m.compile("adam", "binary_crossentropy")
    calls = []
    orig = torch.from_numpy
    monkeypatch.setattr(torch, "from_numpy", lambda a: calls.append(a.shape) or orig(a))
    m.fit(x, y, batch_size=8, epochs=2, verbose=0, validation_split=0.25)
    assert len(calls) == 2


@pytest.mark.covers("tf.keras.Model.fit")
def test_torch_user_view_model_is_a_module_and_fit_updates_parameters():
    x, y = _data()
    m = _model()
    m.compile("sgd", "mse")
    m.build((None, 3))
    params = list(m.parameters())
    before = [p.detach().clone() for p in params]
    m.fit(x, y, verbose=0)
    assert all(p.grad is None for p in params)  # autograd.grad: nothing accumulates in .grad
    assert any(not torch.equal(a, p.detach()) for a, p in zip(before, params))


@pytest.mark.covers("tf.keras.Model.fit")
def test_regularization_losses_enter_the_loss():
    x, y = _data()
    m1 = keras.Sequential([keras.Input((3,)), L.Dense(1, kernel_initializer="ones")])
    m2 = keras.Sequential([keras.Input((3,)), L.Dense(1, kernel_initializer="ones",
                                                      kernel_regularizer=keras.regularizers.l2(1.0))])
    for mm in (m1, m2):
        mm.compile("sgd", "mse")
    l1 = m1.evaluate(x, y, verbose=0)
    l2 = m2.evaluate(x, y, verbose=0)
    assert l2 == pytest.approx(l1 + 3.0, rel=1e-5)


@pytest.mark.covers("tf.keras.Model.fit")
def test_steps_per_execution_groups_callbacks():
    x, y = _data()

    class Rec(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seen = []

        def on_train_batch_end(self, batch, logs=None):
            self.seen.append(batch)

    m = _model()
    m.compile("sgd", "mse", steps_per_execution=3)
    r = Rec()
    m.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[r])
    assert r.seen == [2, 5, 8]


@pytest.mark.covers("tf.keras.Model.summary", "tf.keras.Model.fit")
def test_summary_after_compile_and_fit_shows_optimizer_params(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    keras.backend.clear_session()
    seq = keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu"), L.BatchNormalization(),
                            L.Dense(1)])
    seq.compile("adam", "mse")
    seq.fit(np.zeros((4, 3)), np.zeros((4, 1)), verbose=0)
    seq.summary()
    got = capsys.readouterr().out
    ref = open(os.path.join(os.path.dirname(__file__), "..", "golden", "keras", "summary_sequential.txt"),
               encoding="utf-8").read()
    block = ref.split("### same model after compile()+fit(): an 'Optimizer params' line appears\n")[1]
    block = block.split("\n### ")[0]
    assert got.strip() == block.strip()


@pytest.mark.slow
@pytest.mark.covers("tf.keras.Model.compile", "tf.keras.Model.fit")
def test_jit_compile_true_trains_like_eager():
    x = np.random.RandomState(0).rand(128, 8).astype("float32")
    y = np.random.RandomState(1).randint(0, 3, 128)
    res = []
    for jit in (False, True):
        keras.utils.set_random_seed(0)
        m = keras.Sequential([keras.Input((8,)), L.Dense(16, activation="relu"),
                              L.Dense(3, activation="softmax")])
        m.set_weights([np.full(w.shape, 0.1, np.float32) * (i + 1) for i, w in enumerate(m.get_weights())])
        m.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=jit)
        assert m.jit_compile is jit
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            h = m.fit(x, y, batch_size=32, epochs=2, shuffle=False, verbose=0)
            res.append((h.history, m.evaluate(x, y, verbose=0)))
    np.testing.assert_allclose(res[0][0]["loss"], res[1][0]["loss"], rtol=1e-5)
    np.testing.assert_allclose(res[0][1], res[1][1], rtol=1e-5)
