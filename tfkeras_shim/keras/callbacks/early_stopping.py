"""keras.callbacks.EarlyStopping (Keras 3.15 / tf.keras 2.21 behaviour).

Per epoch end (from `start_from_epoch` on, when `monitor` is in the logs): `wait += 1`; an
improvement over `best` (see MonitorCallback: float32 comparison, min_delta) stores `best`,
`best_epoch` (and the weights with restore_best_weights) and resets `wait` to 0 unless a
`baseline` is set and not beaten; otherwise, when `wait >= patience` and epoch > 0, it sets
`model.stop_training`. With restore_best_weights the first monitored epoch's weights are kept
as a start, and the best weights are restored at the END OF TRAINING WHETHER OR NOT IT STOPPED
EARLY (Keras 3; Keras 2 restored only on an early stop). verbose > 0 prints
`Epoch N: early stopping` and `Restoring model weights from the end of the best epoch: N.` at
train end. A missing monitor key only warns.
"""
import warnings

from ..utils import io_utils
from .monitor_callback import MonitorCallback

__all__ = ["EarlyStopping"]


class EarlyStopping(MonitorCallback):
    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__(monitor, mode, min_delta=min_delta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.wait = 0
        self.stopped_epoch = 0
        self.restore_best_weights = restore_best_weights
        self.best_weights = None
        self.start_from_epoch = start_from_epoch

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        current = self.get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
            self.best_epoch = epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            io_utils.print_msg(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                io_utils.print_msg("Restoring model weights from the end of the best epoch: "
                                   f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs):
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(f"Early stopping conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(list(logs.keys()))}",
                          stacklevel=2)
        return value
