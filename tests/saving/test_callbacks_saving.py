"""Callbacks that save: ModelCheckpoint writes loadable `.keras` / `.weights.h5` files, and a fit
killed after epoch k and restarted (fresh process) with BackupAndRestore ends with exactly the
weights of an uninterrupted run."""
import json
import os

import numpy as np
import pytest

from tfkeras_shim import keras

from . import _roundtrip_models as rtm
from . import _util

EPOCHS = 5


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


def _compiled(kind, seed):
    keras.utils.set_random_seed(seed)
    m = rtm.build(keras, kind)
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    return m


class _Interrupt(keras.callbacks.Callback):
    def __init__(self, epoch=None, step=None):
        super().__init__()
        self.epoch, self.step, self.steps = epoch, step, 0

    def on_epoch_end(self, epoch, logs=None):
        if self.epoch is not None and epoch + 1 == self.epoch:
            raise RuntimeError(f"interrupt after epoch {self.epoch}")

    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1
        if self.step is not None and self.steps == self.step:
            raise RuntimeError(f"interrupt after step {self.step}")


_RESTART = r"""
import json, sys
import numpy as np
from tfkeras_shim import keras
import _roundtrip_models as rtm
rtm.define(keras)
import os
epochs = int(sys.argv[1])
res = {}
for kind, backup, out in zip(sys.argv[2::3], sys.argv[3::3], sys.argv[4::3]):
    keras.backend.clear_session()
    keras.utils.set_random_seed(123)  # a different initialization: the backup must win
    m = rtm.build(keras, kind)
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    x, y = rtm.data()
    m(x[:2])
    h = m.fit(x, y, epochs=epochs, batch_size=4, shuffle=False, verbose=0,
              callbacks=[keras.callbacks.BackupAndRestore(backup)])
    np.savez(out, *[v.numpy() for v in m.weights + m.optimizer.variables])
    res[kind] = {"epochs": h.epoch, "backup_exists": os.path.exists(backup)}
print(json.dumps(res))
"""

RESUME_KINDS = ("seq_custom", "sub_custom")


@pytest.fixture(scope="module")
def resumed(tmp_path_factory):
    """Per kind: an uninterrupted run, and a run killed after epoch 2; then ONE fresh process
    restarts every killed run with BackupAndRestore."""
    rtm.define(keras)
    x, y = rtm.data()
    runs, args = {}, [str(EPOCHS)]
    for kind in RESUME_KINDS:
        keras.backend.clear_session()
        ref = _compiled(kind, 0)
        ref.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0)
        expected = [v.numpy() for v in ref.weights + ref.optimizer.variables]
        d = tmp_path_factory.mktemp(kind)
        backup = str(d / "backup")
        m = _compiled(kind, 0)
        m(x[:2])
        try:
            m.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0,
                  callbacks=[keras.callbacks.BackupAndRestore(backup), _Interrupt(epoch=2)])
            raised = None
        except RuntimeError as e:
            raised = str(e)
        files = sorted(os.listdir(backup))
        meta = json.load(open(os.path.join(backup, "training_metadata.json")))
        out = str(d / "resumed.npz")
        runs[kind] = {"expected": expected, "raised": raised, "files": files, "meta": meta, "out": out}
        args += [kind, backup, out]
    children = json.loads(_util.run_fresh(_RESTART, *args).strip().splitlines()[-1])
    return runs, children


@pytest.mark.parametrize("kind", RESUME_KINDS)
@pytest.mark.covers("tf.keras.callbacks.BackupAndRestore", "tf.keras.Model.fit")
def test_backup_and_restore_resumes_exactly(kind, resumed):
    runs, children = resumed
    run = runs[kind]
    assert run["raised"] == "interrupt after epoch 2"
    assert run["files"] == ["latest.weights.h5", "training_metadata.json"]
    assert run["meta"] == {"epoch": 2, "batch": 0}
    assert children[kind] == {"epochs": [2, 3, 4], "backup_exists": False}
    got = _util.load_npz_list(run["out"])
    assert len(got) == len(run["expected"])
    for a, b in zip(run["expected"], got):
        assert np.array_equal(a, b), float(np.abs(a - b).max())


@pytest.mark.covers("tf.keras.callbacks.BackupAndRestore")
def test_backup_and_restore_step_level(tmp_path):
    """save_freq=1, interrupted after step 2 (3 steps per epoch): tf.keras restarts the epoch
    (history.epoch [0..4]) from the weights of step 2 (callbacks_run.txt)."""
    rtm.define(keras)
    x, y = rtm.data()
    x, y = x[:12], y[:12]
    backup = str(tmp_path / "b")
    m = _compiled("seq_plain", 0)
    with pytest.raises(RuntimeError, match="interrupt after step 2"):
        m.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0,
              callbacks=[keras.callbacks.BackupAndRestore(backup, save_freq=1), _Interrupt(step=2)])
    assert json.load(open(os.path.join(backup, "training_metadata.json"))) == {"epoch": 0, "batch": 1}
    saved = [v.numpy() for v in m.weights]
    m2 = _compiled("seq_plain", 5)
    m2.fit(x, y, epochs=0, verbose=0)  # builds nothing new, trains nothing
    cb = keras.callbacks.BackupAndRestore(backup, save_freq=1)
    cb.set_model(m2)
    cb.on_train_begin()
    assert all(np.array_equal(a, b.numpy()) for a, b in zip(saved, m2.weights))
    assert int(m2.optimizer.iterations.numpy()) == 2
    h = m2.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0,
               callbacks=[keras.callbacks.BackupAndRestore(backup, save_freq=1)])
    assert h.epoch == [0, 1, 2, 3, 4] and not os.path.exists(backup)


@pytest.mark.covers("tf.keras.callbacks.ModelCheckpoint", "tf.keras.Model.save", "tf.keras.Model.save_weights")
def test_model_checkpoint_files_load(tmp_path):
    rtm.define(keras)
    x, y = rtm.data()
    m = _compiled("func_custom", 0)
    full = str(tmp_path / "ckpt" / "e{epoch:02d}-{loss:.3f}.keras")
    weights = str(tmp_path / "w" / "e{epoch:02d}.weights.h5")
    best = str(tmp_path / "best.keras")
    m.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0, validation_data=(x, y), callbacks=[
        keras.callbacks.ModelCheckpoint(full),
        keras.callbacks.ModelCheckpoint(weights, save_weights_only=True),
        keras.callbacks.ModelCheckpoint(best, save_best_only=True, monitor="val_loss"),
        keras.callbacks.ModelCheckpoint(str(tmp_path / "steps" / "e{epoch}b{batch}.weights.h5"),
                                        save_weights_only=True, save_freq=2)])
    files = sorted(os.listdir(tmp_path / "ckpt"))
    assert [f[:4] for f in files] == ["e01-", "e02-", "e03-"] and all(f.endswith(".keras") for f in files)
    assert sorted(os.listdir(tmp_path / "w")) == ["e01.weights.h5", "e02.weights.h5", "e03.weights.h5"]
    assert len(os.listdir(tmp_path / "steps")) == 6  # 4 steps per epoch, every 2nd step
    last = keras.models.load_model(tmp_path / "ckpt" / files[-1])
    assert _util.max_diff(last.predict(x, verbose=0), m.predict(x, verbose=0)) == 0.0
    assert int(last.optimizer.iterations.numpy()) == 12
    w = rtm.build(keras, "func_custom")
    w.load_weights(tmp_path / "w" / "e03.weights.h5")
    assert _util.max_diff(w(x), m(x)) == 0.0
    assert keras.models.load_model(best).count_params() == m.count_params()
