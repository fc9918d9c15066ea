"""keras.callbacks.ProgbarLogger: the fit/evaluate/predict console output.

Reads `params` (`verbose`: 0/1/2/'auto' (= 1), `epochs`, `steps`: steps per epoch or None when
unknown, e.g. a generator). In fit: `Epoch i/N` before each epoch when epochs > 1 (verbose 1 and
2), a bar updated after each training batch (verbose 1) and finalised at epoch end with the epoch
logs (including the `val_` entries); the validation run inside fit prints nothing. evaluate
prints its own bar ending with the final results; predict a bar without metrics. With an unknown
step count the first epoch counts up (`      5/Unknown`) and sets the target for the next ones.

Batch logs are taken raw (see `logs.py`): they are converted only when the bar redraws.
"""
from ..utils import io_utils
from ..utils.progbar import Progbar
from .callback import Callback
from .logs import accepts_raw_logs, pythonify_logs

__all__ = ["ProgbarLogger"]


class ProgbarLogger(Callback):
    """Prints metrics to stdout (added to fit/evaluate/predict when verbose != 0)."""

    def __init__(self):
        super().__init__()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params):
        verbose = params["verbose"]
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params["epochs"]
        self.target = params["steps"]

    def on_train_begin(self, logs=None):
        self._called_in_fit = True  # validation inside fit stays silent

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            io_utils.print_msg(f"Epoch {epoch + 1}/{self.epochs}")

    @accepts_raw_logs
    def on_train_batch_end(self, batch, logs=None):
        self._update_progbar(batch, logs)

    @accepts_raw_logs
    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._update_progbar(batch, logs)

    @accepts_raw_logs
    def on_predict_batch_end(self, batch, logs=None):
        self._update_progbar(batch, None)  # predictions are not shown

    def on_epoch_end(self, epoch, logs=None):
        self._finalize_progbar(logs)

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_predict_end(self, logs=None):
        self._finalize_progbar(logs)

    def _reset_progbar(self):
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self):
        if self.progbar is None:
            self.progbar = Progbar(target=self.target, verbose=self.verbose, unit_name="step",
                                   stateless_metrics=set())

    def _update_progbar(self, batch, logs=None):
        self._maybe_init_progbar()
        self.seen = batch + 1
        if self.verbose == 1:
            if logs is None:
                values = None
            else:
                def values():
                    return list(pythonify_logs(logs).items())
            self.progbar.update(self.seen, values, finalize=False)

    def _finalize_progbar(self, logs):
        logs = pythonify_logs(logs, sort=False)
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, list(logs.items()), finalize=True)
