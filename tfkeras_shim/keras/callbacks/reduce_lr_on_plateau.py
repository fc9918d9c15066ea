"""keras.callbacks.ReduceLROnPlateau (Keras 3.15 behaviour).

At each epoch end it first writes the current learning rate into the logs as `learning_rate`
(so History records it and the progress bar shows it), then: in cooldown -> count down and reset
`wait`; an improvement (float32 comparison, min_delta 1e-4 by default) -> `best`, `wait = 0`;
otherwise (not in cooldown) `wait += 1` and at `wait >= patience` the rate becomes
`max(lr * factor, min_lr)` when `lr > min_lr` (compared in float32), printing
`\\nEpoch N: ReduceLROnPlateau reducing learning rate to X.` with verbose > 0, where X is the
Python float (`0.010000000149011612` for a float32 0.1 times 0.1).
"""
import warnings

import numpy as np

from ..utils import io_utils
from .monitor_callback import MonitorCallback

__all__ = ["ReduceLROnPlateau"]


def _lr_value(optimizer):
    """float(optimizer.learning_rate) for floats, variables, tensors and numpy values."""
    lr = optimizer.learning_rate
    if hasattr(lr, "detach") and hasattr(lr, "numel"):
        lr = lr.detach().cpu().numpy()
    return float(np.asarray(lr))


class ReduceLROnPlateau(MonitorCallback):
    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0.0, **kwargs):
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}")
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def _reset(self):
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def _reduce_optimizer_lr(self, optimizer, epoch, name=""):
        old_lr = _lr_value(optimizer)
        if np.float32(old_lr) > np.float32(self.min_lr):
            new_lr = max(old_lr * self.factor, self.min_lr)
            optimizer.learning_rate = new_lr
            if self.verbose > 0:
                name_str = f" {name}" if name else ""
                io_utils.print_msg(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{name_str} "
                                   f"learning rate to {new_lr}.")
            return True
        return False

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        logs = logs or {}  # an empty dict is replaced, not filled (as Keras)
        optimizer = self.model.optimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner is not None:
            for opt in inner:
                logs[f"learning_rate_{opt.name}"] = _lr_value(opt)
        else:
            logs["learning_rate"] = _lr_value(optimizer)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Learning rate reduction is conditioned on metric `{self.monitor}` which "
                          f"is not available. Available metrics are: {','.join(list(logs.keys()))}.",
                          stacklevel=2)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                if inner is not None:
                    reduced = False
                    for opt in inner:
                        if self._reduce_optimizer_lr(opt, epoch, f"{opt.name}"):
                            reduced = True
                else:
                    reduced = self._reduce_optimizer_lr(optimizer, epoch)
                if reduced:
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0
