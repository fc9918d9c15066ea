"""keras.callbacks.History: records epoch logs; `fit` returns it (also `model.history`).

`history.history` maps each log key (sorted as the logs are: `accuracy`, `loss`, `val_accuracy`,
`val_loss`) to a list of Python floats, one per epoch; `history.epoch` lists the epoch indices
run by the last fit; `history.params` is fit's `{'verbose', 'epochs', 'steps'}`. The dict is not
cleared between fits that reuse the same History object (as in Keras).
"""
from .callback import Callback

__all__ = ["History"]


class History(Callback):
    def __init__(self):
        super().__init__()
        self.history = {}

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        self.model.history = self
