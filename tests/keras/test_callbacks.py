"""Callbacks against real tf.keras 2.21 (tests/golden/callbacks/callbacks.json, recorded by
tools/gen_callbacks_golden.py) and behaviour tests of the logs convention."""
import json
import logging
import os
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import callbacks as cbmod
from tfkeras_shim.keras.callbacks.logs import pythonify_logs
from tfkeras_shim.keras.utils import progbar as progbar_mod
from tests.golden.callbacks import cases, driver

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(os.path.dirname(HERE), "golden", "callbacks")
with open(os.path.join(GOLDEN_DIR, "callbacks.json")) as _f:
    GOLDEN = json.load(_f)["cases"]


class _K:
    """The namespace the driver uses: keras.callbacks of the shim."""
    callbacks = cbmod


def patch_clock(clock):
    saved = progbar_mod._clock
    progbar_mod._clock = clock

    def undo():
        progbar_mod._clock = saved
    return undo


class CompileMetricsStub:
    """What the trainer's compile-metrics container exposes to MonitorCallback: `.metrics`."""

    def __init__(self, metrics):
        self.metrics = metrics


def run(case, wrap=None):
    return driver.run_case(_K, case, patch_clock, wrap_batch_logs=wrap,
                           make_metrics_container=CompileMetricsStub)


NON_PB = [c for c in cases.FIT_CASES if not c["id"].startswith("pb_")]


def _covers_for(case_id):
    prefix = case_id.split("_")[0]
    return {
        "es": ["tf.keras.callbacks.EarlyStopping"], "rlr": ["tf.keras.callbacks.ReduceLROnPlateau"],
        "lrs": ["tf.keras.callbacks.LearningRateScheduler"], "csv": ["tf.keras.callbacks.CSVLogger"],
        "ton": ["tf.keras.callbacks.TerminateOnNaN"], "mc": ["tf.keras.callbacks.ModelCheckpoint"],
        "bar": ["tf.keras.callbacks.BackupAndRestore"], "lambda": ["tf.keras.callbacks.LambdaCallback"],
        "history": ["tf.keras.callbacks.History"],
    }[prefix]


@pytest.mark.covers("tf.keras.callbacks.EarlyStopping", "tf.keras.callbacks.ReduceLROnPlateau",
                    "tf.keras.callbacks.LearningRateScheduler", "tf.keras.callbacks.CSVLogger",
                    "tf.keras.callbacks.TerminateOnNaN", "tf.keras.callbacks.ModelCheckpoint",
                    "tf.keras.callbacks.BackupAndRestore", "tf.keras.callbacks.LambdaCallback",
                    "tf.keras.callbacks.History", "tf.keras.callbacks.CallbackList",
                    "tf.keras.callbacks.Callback")
@pytest.mark.parametrize("case", NON_PB, ids=[c["id"] for c in NON_PB])
def test_matches_tf_keras(case):
    assert _covers_for(case["id"])
    got = run(case)
    assert got == GOLDEN[case["id"]]


def _as_tensors(d):
    return {k: torch.tensor(v, dtype=torch.float32) if isinstance(v, float) else v for k, v in d.items()}


@pytest.mark.parametrize("case_id", ["ton_basic", "mc_save_freq_batches", "lambda_hooks", "bar_steps_then_resume"])
def test_batch_logs_as_tensors_or_deferred(case_id):
    case = next(c for c in cases.FIT_CASES if c["id"] == case_id)
    want = GOLDEN[case_id]
    got = run(case, wrap=_as_tensors)
    # float32 tensors print as their float32 value; compare everything but the printed batch logs
    if case_id != "lambda_hooks":
        assert got == want
    got = run(case, wrap=lambda d: (lambda: d))
    assert got == want


# -- the logs convention ------------------------------------------------------------------------
@pytest.mark.covers("tf.keras.callbacks.History")
def test_pythonify_logs_sorts_flattens_and_reads_tensors_once():
    logs = {"loss": torch.tensor(0.7293561, dtype=torch.float32), "acc": torch.tensor(1, dtype=torch.int32),
            "outputs": torch.zeros(2, 3), "nested": {"b": np.float32(0.5), "a": 2}, "s": "x", "n": None}
    out = pythonify_logs(logs)
    assert list(out) == ["acc", "loss", "n", "a", "b", "outputs", "s"]  # sorted, nested in place
    assert out["loss"] == 0.7293561100959778 and type(out["loss"]) is float
    assert out["acc"] == 1.0 and type(out["acc"]) is float
    assert out["a"] == 2.0 and out["b"] == 0.5
    assert isinstance(out["outputs"], np.ndarray) and out["outputs"].shape == (2, 3)
    assert out["s"] == "x" and out["n"] is None
    assert pythonify_logs(None) == {} and pythonify_logs(lambda: {"z": 1}) == {"z": 1.0}
    # requires_grad tensors are fine
    w = torch.tensor(2.0, requires_grad=True)
    assert pythonify_logs({"loss": w * 3}) == {"loss": 6.0}


@pytest.mark.covers("tf.keras.callbacks.CallbackList")
def test_deferred_logs_not_evaluated_without_readers():
    calls = []

    def deferred():
        calls.append(1)
        return {"loss": torch.tensor(0.5)}

    model = driver.StubModel()
    # verbose=2: ProgbarLogger draws only at epoch end; History reads epoch logs only
    cbl = cbmod.CallbackList(None, add_history=True, add_progbar=True, model=model, verbose=2, epochs=1, steps=5)
    cbl.on_train_begin()
    cbl.on_epoch_begin(0)
    for b in range(5):
        cbl.on_train_batch_begin(b)
        cbl.on_train_batch_end(b, deferred)
    assert calls == []

    class Reader(cbmod.Callback):
        def on_train_batch_end(self, batch, logs=None):
            self.seen = logs

    r = Reader()
    cbl = cbmod.CallbackList([r], model=model, verbose=0, epochs=1, steps=5)
    cbl.on_train_batch_end(0, deferred)
    assert calls == [1] and r.seen == {"loss": 0.5}


@pytest.mark.covers("tf.keras.callbacks.CallbackList", "tf.keras.callbacks.ProgbarLogger")
def test_progbar_reads_logs_only_when_it_redraws(capsys):
    calls = []

    def deferred():
        calls.append(1)
        return {"loss": torch.tensor(0.5)}

    clock = driver.Clock(100.0, [0.01])  # 10 ms per step: one redraw per 5 steps
    undo = patch_clock(clock)
    try:
        model = driver.StubModel()
        cbl = cbmod.CallbackList(None, add_history=True, add_progbar=True, model=model, verbose=1,
                                 epochs=1, steps=20)
        cbl.on_train_begin()
        cbl.on_epoch_begin(0)
        for b in range(20):
            cbl.on_train_batch_end(b, deferred)
        cbl.on_epoch_end(0, {"loss": torch.tensor(0.5)})
        cbl.on_train_end()
    finally:
        undo()
    assert 1 <= len(calls) <= 5
    assert "20/20" in capsys.readouterr().out


@pytest.mark.covers("tf.keras.callbacks.CallbackList")
def test_batch_hooks_only_reach_overriding_callbacks():
    class Epochs(cbmod.Callback):
        def on_epoch_end(self, epoch, logs=None):
            pass

    class OldStyle(cbmod.Callback):
        def __init__(self):
            super().__init__()
            self.batches = []

        def on_batch_end(self, batch, logs=None):  # the Keras 2 alias still fires for training
            self.batches.append((batch, logs))

    old = OldStyle()
    cbl = cbmod.CallbackList([Epochs(), old], model=driver.StubModel())
    assert cbl._batch_plan("on_train_batch_end") == [(old, False)]
    assert cbl._batch_plan("on_test_batch_end") == []
    cbl.on_train_batch_end(3, {"loss": torch.tensor(1.5)})
    assert old.batches == [(3, {"loss": 1.5})]


@pytest.mark.covers("tf.keras.callbacks.CallbackList", "tf.keras.callbacks.History",
                    "tf.keras.callbacks.ProgbarLogger")
def test_callback_list_defaults_and_params():
    model = driver.StubModel()
    user_hist = cbmod.History()
    cbl = cbmod.CallbackList([[user_hist]], add_history=True, add_progbar=True, model=model,
                             verbose=1, epochs=2, steps=3)
    assert cbl.callbacks[0] is user_hist and isinstance(cbl.callbacks[1], cbmod.ProgbarLogger)
    assert len(cbl.callbacks) == 2 and model.history is user_hist
    assert user_hist.params == {"verbose": 1, "epochs": 2, "steps": 3}
    assert user_hist.model is model
    with pytest.raises(ValueError, match="without corresponding"):
        cbmod.CallbackList().on_train_end()


def test_keras_namespace_exposes_callbacks():
    names = ["BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History",
             "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "OrbaxCheckpoint",
             "ProgbarLogger", "ReduceLROnPlateau", "RemoteMonitor", "SwapEMAWeights", "TensorBoard",
             "TerminateOnNaN"]
    for n in names:
        assert getattr(tf.keras.callbacks, n) is getattr(cbmod, n)
    with pytest.raises(ImportError, match="orbax-checkpoint"):
        cbmod.OrbaxCheckpoint("/tmp/x")


# -- with real shim objects ---------------------------------------------------------------------
@pytest.mark.covers("tf.keras.callbacks.EarlyStopping")
def test_early_stopping_restores_shim_model_weights(capsys):
    keras = tf.keras
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    es = cbmod.EarlyStopping(monitor="loss", patience=1, restore_best_weights=True, verbose=1)
    cbl = cbmod.CallbackList([es], add_history=True, model=model, verbose=0, epochs=5, steps=1)
    snapshots = []
    cbl.on_train_begin()
    for epoch, loss in enumerate([0.9, 0.5, 0.6, 0.7]):
        model.set_weights([w + 1.0 for w in model.get_weights()])
        snapshots.append([w.copy() for w in model.get_weights()])
        cbl.on_epoch_begin(epoch)
        cbl.on_epoch_end(epoch, {"loss": torch.tensor(loss)})
        if model.stop_training:
            break
    cbl.on_train_end()
    assert epoch == 2 and model.stop_training
    for got, want in zip(model.get_weights(), snapshots[1]):
        np.testing.assert_array_equal(got, want)
    assert capsys.readouterr().out == ("Epoch 3: early stopping\n"
                                       "Restoring model weights from the end of the best epoch: 2.\n")
    assert model.history.history["loss"] == [pytest.approx(0.9), 0.5, pytest.approx(0.6)]


@pytest.mark.covers("tf.keras.callbacks.ReduceLROnPlateau", "tf.keras.callbacks.LearningRateScheduler")
def test_lr_callbacks_drive_shim_optimizer(capsys):
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    model = driver.StubModel()
    model.optimizer = opt
    rlr = cbmod.ReduceLROnPlateau(monitor="loss", patience=1, verbose=1)
    cbl = cbmod.CallbackList([rlr], add_history=True, model=model, verbose=0, epochs=2, steps=1)
    cbl.on_train_begin()
    for e in range(2):
        cbl.on_epoch_begin(e)
        cbl.on_epoch_end(e, {"loss": 1.0})
    cbl.on_train_end()
    assert capsys.readouterr().out == "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000149011612.\n"
    assert float(np.asarray(opt.learning_rate)) == np.float32(0.01)
    assert model.history.history["learning_rate"] == [0.10000000149011612, 0.10000000149011612]

    sched = cbmod.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1)
    cbl = cbmod.CallbackList([sched], add_history=True, model=model, verbose=0, epochs=1, steps=1)
    cbl.on_train_begin()
    cbl.on_epoch_begin(0)
    cbl.on_epoch_end(0, {"loss": 1.0})
    assert "LearningRateScheduler setting learning rate to 0.004999999888241291." in capsys.readouterr().out
    assert model.history.history["learning_rate"] == [np.float32(0.005).item()]


@pytest.mark.covers("tf.keras.callbacks.TerminateOnNaN", "tf.keras.callbacks.ModelCheckpoint")
def test_messages_match_reference_run():
    """The TerminateOnNaN / ModelCheckpoint lines of the reference tf.keras run (callbacks_run.txt)."""
    with open(os.path.join(GOLDEN_DIR, "console", "callbacks_run.txt")) as f:
        ref = f.read()
    assert "printed: 'Batch 0: Invalid loss, terminating training\\n'" in ref
    got = GOLDEN["ton_basic"]["stdout"]
    assert run(next(c for c in cases.FIT_CASES if c["id"] == "ton_basic"))["stdout"] == got
    assert got == "Batch 1: Invalid loss, terminating training\n"
    mc = run(next(c for c in cases.FIT_CASES if c["id"] == "mc_best_only"))["stdout"]
    for line in ("Epoch 1: val_loss improved from None to 0.69447, saving model to TMP/ckpt/e01-0.694.keras",
                 "Epoch 1: finished saving model to TMP/ckpt/e01-0.694.keras",
                 "Epoch 2: val_loss improved from 0.69447 to 0.67281, saving model to TMP/ckpt/e02-0.673.keras"):
        assert line.replace("TMP/", "") in ref and line in mc
    assert "RuntimeError: NaN or Inf loss encountered at batch 0. Loss value: nan. Terminating training immediately." in ref


@pytest.mark.covers("tf.keras.callbacks.EarlyStopping")
def test_monitor_auto_mode_uses_compiled_metric_direction():
    class Acc:
        name = "accuracy"
        _direction = "up"

    model = driver.StubModel()
    model.metrics = [CompileMetricsStub([Acc()])]
    es = cbmod.EarlyStopping(monitor="val_accuracy", patience=0)
    es.set_model(model)
    es.on_train_begin()
    es.on_epoch_end(0, {"val_accuracy": 0.5})
    es.on_epoch_end(1, {"val_accuracy": 0.6})
    assert not model.stop_training and es.best == 0.6
    es.on_epoch_end(2, {"val_accuracy": 0.55})
    assert model.stop_training


@pytest.mark.covers("tf.keras.callbacks.TensorBoard")
def test_tensorboard_without_package_warns_and_runs(tmp_path, monkeypatch):
    from tfkeras_shim.keras.callbacks import tensorboard as tb_mod
    monkeypatch.setattr(tb_mod, "_summary_writer_class", lambda: None)
    cb = cbmod.TensorBoard(log_dir=str(tmp_path))
    cbl = cbmod.CallbackList([cb], model=driver.StubModel(), verbose=0, epochs=1, steps=1)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        cbl.on_train_begin()
        cbl.on_epoch_end(0, {"loss": 0.5})
        cbl.on_train_end()
    assert any("tensorboard" in str(x.message) for x in w)


@pytest.mark.covers("tf.keras.callbacks.TensorBoard")
def test_tensorboard_tags_with_fake_writer(tmp_path, monkeypatch):
    from tfkeras_shim.keras.callbacks import tensorboard as tb_mod
    written = []

    class FakeWriter:
        def __init__(self, logdir):
            self.logdir = os.path.basename(logdir)

        def add_scalar(self, tag, value, step):
            written.append((self.logdir, tag, round(float(value), 6), int(step)))

        def add_histogram(self, tag, values, step):
            written.append((self.logdir, tag, "hist", int(step)))

        def flush(self):
            pass

        def close(self):
            pass

    monkeypatch.setattr(tb_mod, "_summary_writer_class", lambda: FakeWriter)
    model = driver.StubModel()
    model.optimizer.iterations = 4
    cb = cbmod.TensorBoard(log_dir=str(tmp_path), update_freq=2)
    cbl = cbmod.CallbackList([cb], model=model, verbose=0, epochs=1, steps=4)
    cbl.on_train_begin()
    cbl.on_epoch_begin(0)
    for b in range(4):
        cbl.on_train_batch_begin(b)
        cbl.on_train_batch_end(b, {"loss": torch.tensor(float(b))})
    cbl.on_test_begin()
    cbl.on_test_end({"loss": 0.25})
    cbl.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.25})
    cbl.on_train_end()
    assert written == [
        ("train", "batch_loss", 1.0, 2), ("train", "batch_loss", 3.0, 4),
        ("validation", "evaluation_loss_vs_iterations", 0.25, 4),
        ("train", "epoch_loss", 0.5, 0), ("train", "epoch_learning_rate", 0.01, 0),
        ("validation", "epoch_loss", 0.25, 0)]


@pytest.mark.covers("tf.keras.callbacks.SwapEMAWeights")
def test_swap_ema_weights_for_evaluation():
    var = tf.Variable([1.0, 2.0])
    avg = tf.Variable([10.0, 20.0])

    class Opt:
        use_ema = True
        _trainable_variables = [var]
        _model_variables_moving_average = [avg]

    model = driver.StubModel()
    model.optimizer = Opt()
    cb = cbmod.SwapEMAWeights()
    cb.set_model(model)
    cb.on_test_begin()
    assert var.numpy().tolist() == [10.0, 20.0] and avg.numpy().tolist() == [1.0, 2.0]
    cb.on_test_end()
    assert var.numpy().tolist() == [1.0, 2.0]
    model.optimizer = driver.StubOptimizer(0.1)
    model.optimizer.use_ema = False
    with pytest.raises(ValueError, match="use_ema=True"):
        cb.on_test_begin()


@pytest.mark.covers("tf.keras.callbacks.RemoteMonitor")
def test_remote_monitor_unreachable_only_warns():
    cb = cbmod.RemoteMonitor(root="http://127.0.0.1:9")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        cb.on_epoch_end(0, {"loss": 0.5})
    assert any("Could not reach RemoteMonitor root server at http://127.0.0.1:9" in str(x.message) for x in w)


def test_print_msg_can_go_to_logging(caplog, capsys):
    from tfkeras_shim.keras.utils import io_utils
    io_utils.disable_interactive_logging()
    try:
        assert not io_utils.is_interactive_logging_enabled()
        with caplog.at_level(logging.INFO, logger="keras"):
            io_utils.print_msg("hello")
    finally:
        io_utils.enable_interactive_logging()
    assert capsys.readouterr().out == ""
    assert "hello" in caplog.text


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.keras.callbacks.CallbackList")
def test_pythonify_logs_with_cuda_tensors():
    dev = torch.device("cuda")
    logs = {"loss": torch.tensor(0.7293561, device=dev), "acc": torch.tensor(0.5, device=dev),
            "cpu": torch.tensor(2.0), "out": torch.zeros(2, device=dev)}
    out = pythonify_logs(logs)
    assert out["loss"] == 0.7293561100959778 and out["acc"] == 0.5 and out["cpu"] == 2.0
    assert isinstance(out["out"], np.ndarray)
