"""keras.callbacks.ModelCheckpoint (Keras 3.15 behaviour).

    ModelCheckpoint(filepath, monitor='val_loss', verbose=0, save_best_only=False,
                    save_weights_only=False, mode='auto', save_freq='epoch',
                    initial_value_threshold=None)

`filepath` is formatted with `epoch` (1-based), `batch` (1-based, batch-level saving) and the
logs: `'ckpt/e{epoch:02d}-{val_loss:.3f}.keras'`. It must end in `.weights.h5` with
save_weights_only=True, else in `.keras` (or legacy `.h5`); ValueError otherwise, at
construction. Saving calls `model.save_weights(path, overwrite=True)` or
`model.save(path, overwrite=True)`; missing folders are created. save_freq='epoch' saves at each
epoch end; an int N saves every N training batches (counting across epochs). Messages with
verbose=1, each preceded by an empty line as in Keras:
`Epoch 1: val_loss improved from None to 0.69447, saving model to PATH`,
`Epoch 2: val_loss did not improve from 0.67281`, `Epoch 1: saving model to PATH`,
`Epoch 1: finished saving model to PATH`.
mode 'auto' is resolved at the first epoch end (see MonitorCallback) even without
save_best_only. Batch logs are read only when a batch-level save happens.
"""
import os
import re
import warnings

import numpy as np

from ..utils import io_utils
from .logs import accepts_raw_logs, pythonify_logs
from .monitor_callback import MonitorCallback

__all__ = ["ModelCheckpoint"]


class ModelCheckpoint(MonitorCallback):
    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__(monitor, mode, initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath) if isinstance(filepath, os.PathLike) else filepath
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = None
        self._current_epoch = 0
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"Unrecognized save_freq: {save_freq}. Expected save_freq are 'epoch' "
                             "or integer values")
        if save_weights_only:
            if not self.filepath.endswith(".weights.h5"):
                raise ValueError("When using `save_weights_only=True` in `ModelCheckpoint`, the "
                                 "filepath provided must end in `.weights.h5` (Keras weights "
                                 f"format). Received: filepath={self.filepath}")
        elif not self.filepath.endswith((".keras", ".h5")):
            raise ValueError("The filepath provided must end in `.keras` (Keras model format). "
                             f"Received: filepath={self.filepath}")

    @accepts_raw_logs
    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(epoch=self._current_epoch, batch=batch, logs=pythonify_logs(logs))

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        if self.save_freq == "epoch":
            self._save_model(epoch=epoch, batch=None, logs=logs)

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        if self._last_batch_seen is None or batch <= self._last_batch_seen:
            added = batch + 1  # a new epoch started
        else:
            added = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _should_save_model(self, epoch, batch, logs, filepath):
        logs = logs or {}
        if not self.save_best_only:
            if self.verbose > 0:
                io_utils.print_msg(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Can save best model only with {self.monitor} available.", stacklevel=2)
            return True
        if (isinstance(current, np.ndarray) or hasattr(current, "numel")) and len(current.shape) > 0:
            warnings.warn("Can save best model only when `monitor` is a scalar value. Received: "
                          f"{current}. Falling back to `save_best_only=False`.")
            return True
        if self.monitor_op is None:  # batch-level save before the first epoch end
            self._set_monitor_op()
        best_str = "None" if self.best is None else f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                io_utils.print_msg(f"\nEpoch {epoch + 1}: {self.monitor} improved from {best_str} "
                                   f"to {current:.5f}, saving model to {filepath}")
            self.best = current
            return True
        if self.verbose > 0:
            io_utils.print_msg(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best_str}")
        return False

    def _save_model(self, epoch, batch, logs):
        filepath = self._get_file_path(epoch, batch, logs)
        try:
            if self._should_save_model(epoch, batch, logs, filepath):
                dirname = os.path.dirname(filepath)
                if dirname and not os.path.exists(dirname):
                    os.makedirs(dirname, exist_ok=True)
                if self.save_weights_only:
                    self.model.save_weights(filepath, overwrite=True)
                else:
                    self.model.save(filepath, overwrite=True)
                if self.verbose > 0:
                    io_utils.print_msg(f"\nEpoch {epoch + 1}: finished saving model to {filepath}")
        except IsADirectoryError:
            raise IOError("Please specify a non-directory filepath for ModelCheckpoint. Filepath "
                          f"used is an existing directory: {filepath}")
        except IOError as e:
            if "is a directory" in str(e.args[0]).lower():
                raise IOError("Please specify a non-directory filepath for ModelCheckpoint. "
                              f"Filepath used is an existing directory: f{filepath}")
            raise

    def _get_file_path(self, epoch, batch, logs):
        logs = logs or {}
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as e:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". Reason: {e}')

    def _checkpoint_exists(self, filepath):
        return os.path.exists(filepath)

    def _get_most_recently_modified_file_matching_pattern(self, pattern):
        """The newest file matching `pattern` (`{...}` fields as wildcards); ties -> largest name."""
        dir_name = os.path.dirname(pattern)
        regex = "^" + re.sub("{.*}", ".*", os.path.basename(pattern)) + "$"
        latest_time, latest, n_latest, largest = 0, None, 0, None
        if os.path.exists(dir_name):
            for name in os.listdir(dir_name):
                if not re.match(regex, name):
                    continue
                path = os.path.join(dir_name, name)
                mtime = os.path.getmtime(path)
                if largest is None or path > largest:
                    largest = path
                if mtime > latest_time:
                    latest_time, latest, n_latest = mtime, path, 1
                elif mtime == latest_time:
                    n_latest += 1
        return latest if n_latest == 1 else largest
