"""keras.callbacks.Callback: the base class with every hook of fit/evaluate/predict.

Hooks receive `logs` as described in `callbacks/logs.py`: Python floats for epoch/begin/end hooks
and for ordinary batch-hook overrides. `self.model` is the model (a torch DDP wrapper is
unwrapped, as Keras 3 on torch does); `self.params` is the dict the trainer passed to
`CallbackList` (`{'verbose': 1, 'epochs': 2, 'steps': 3}` in fit).
"""
from .logs import default

__all__ = ["Callback"]


class Callback:
    """Base class for callbacks; override the `on_*` hooks you need."""

    def __init__(self):
        self.params = None
        self._model = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        m = self._model
        module = getattr(m, "module", None)
        if module is not None and type(m).__name__ == "DistributedDataParallel":
            return module
        return m

    # -- training -------------------------------------------------------------------------
    @default
    def on_batch_begin(self, batch, logs=None):
        """Alias of on_train_batch_begin kept for old code."""

    @default
    def on_batch_end(self, batch, logs=None):
        """Alias of on_train_batch_end kept for old code."""

    @default
    def on_epoch_begin(self, epoch, logs=None):
        """Start of an epoch (0-based `epoch`)."""

    @default
    def on_epoch_end(self, epoch, logs=None):
        """End of an epoch: `logs` holds the epoch's metrics and the `val_` ones."""

    @default
    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs=logs)

    @default
    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs=logs)

    @default
    def on_train_begin(self, logs=None):
        """Start of fit."""

    @default
    def on_train_end(self, logs=None):
        """End of fit: `logs` are the last epoch's logs."""

    # -- evaluation (also the validation inside fit) ---------------------------------------
    @default
    def on_test_batch_begin(self, batch, logs=None):
        """Start of an evaluate/validation batch."""

    @default
    def on_test_batch_end(self, batch, logs=None):
        """End of an evaluate/validation batch: running metric results."""

    @default
    def on_test_begin(self, logs=None):
        """Start of evaluate (and of each validation run inside fit)."""

    @default
    def on_test_end(self, logs=None):
        """End of evaluate: the final results."""

    # -- prediction -----------------------------------------------------------------------
    @default
    def on_predict_batch_begin(self, batch, logs=None):
        """Start of a predict batch."""

    @default
    def on_predict_batch_end(self, batch, logs=None):
        """End of a predict batch: `logs = {'outputs': batch_outputs}`."""

    @default
    def on_predict_begin(self, logs=None):
        """Start of predict."""

    @default
    def on_predict_end(self, logs=None):
        """End of predict."""
