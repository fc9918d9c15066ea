"""keras.callbacks.TerminateOnNaN(raise_error=False).

After each training batch whose `loss` is NaN or infinite: prints
`Batch N: Invalid loss, terminating training` and sets `model.stop_training` (fit then finishes
the epoch's end hooks and stops), or with raise_error=True raises RuntimeError
`NaN or Inf loss encountered at batch N. Loss value: nan. Terminating training immediately.`
It reads the loss every batch, i.e. one host sync per step (as in Keras).
"""
import numpy as np

from ..utils import io_utils
from .callback import Callback

__all__ = ["TerminateOnNaN"]


class TerminateOnNaN(Callback):
    def __init__(self, raise_error: bool = False):
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None or not (np.isnan(loss) or np.isinf(loss)):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: {loss}. "
                               "Terminating training immediately.")
        io_utils.print_msg(f"Batch {batch}: Invalid loss, terminating training")
        self.model.stop_training = True
