"""keras.callbacks.LearningRateScheduler(schedule, verbose=0).

At each epoch begin: `schedule(epoch, current_lr)` (current_lr a Python float), or
`schedule(epoch)` when that call raises TypeError; the result must be a Python/numpy float
(an int or a tensor raises ValueError, as in Keras) and is assigned to
`model.optimizer.learning_rate`. verbose > 0 prints
`\\nEpoch N: LearningRateScheduler setting learning rate to X.`. At epoch end the rate is put
into the logs as `learning_rate`.
"""
import numpy as np

from ..utils import io_utils
from .callback import Callback
from .reduce_lr_on_plateau import _lr_value

__all__ = ["LearningRateScheduler"]


class LearningRateScheduler(Callback):
    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def _update_optimizer_lr(self, optimizer, epoch):
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        try:
            lr = self.schedule(epoch, _lr_value(optimizer))
        except TypeError:  # schedule(epoch) only (Keras's fallback, also for other TypeErrors)
            lr = self.schedule(epoch)
        if not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError(f"The output of the `schedule` function should be a float. Got: {lr}")
        optimizer.learning_rate = lr
        return lr

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner is not None:
            for opt in inner:
                lr = self._update_optimizer_lr(opt, epoch)
                if self.verbose > 0:
                    io_utils.print_msg(f"\nEpoch {epoch + 1}: LearningRateScheduler setting "
                                       f"{opt.name} learning rate to {lr}.")
        else:
            lr = self._update_optimizer_lr(optimizer, epoch)
            if self.verbose > 0:
                io_utils.print_msg(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning "
                                   f"rate to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}  # an empty dict is replaced, not filled (as Keras)
        optimizer = self.model.optimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner is not None:
            for opt in inner:
                logs[f"learning_rate_{opt.name}"] = _lr_value(opt)
        else:
            logs["learning_rate"] = _lr_value(optimizer)
