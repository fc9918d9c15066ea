"""keras.callbacks.SwapEMAWeights(swap_on_epoch=False): evaluate/predict (and, with
swap_on_epoch, the end-of-epoch callbacks) with the optimizer's EMA weights (`use_ema=True`).

Swaps the model's trainable variables with `optimizer._model_variables_moving_average`.
Keras 3.15's `on_predict_end` swaps back only when the EMA weights are NOT in the model (a Keras
bug kept here so that weights after predict are the same as in tf.keras).
"""
import torch

from .callback import Callback

__all__ = ["SwapEMAWeights"]


class SwapEMAWeights(Callback):
    def __init__(self, swap_on_epoch=False):
        super().__init__()
        self.swap_on_epoch = swap_on_epoch
        self._ema_weights_in_model = False

    def _optimizers(self):
        optimizer = self.model.optimizer
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        inner = getattr(optimizer, "optimizers", None)
        if inner is None:
            if not hasattr(optimizer, "_model_variables_moving_average"):
                raise ValueError("SwapEMAWeights must be used when `use_ema=True` is set on the "
                                 f"optimizer. Received: use_ema={optimizer.use_ema}")
            return [optimizer]
        if not any(getattr(o, "use_ema", False) for o in inner):
            raise ValueError("SwapEMAWeights must be used when at least one inner optimizer has "
                             "`use_ema=True` set. Received a MultiOptimizer with all inner "
                             "optimizers having `use_ema=False`.")
        out = []
        for o in inner:
            if getattr(o, "use_ema", False):
                if not hasattr(o, "_model_variables_moving_average"):
                    raise ValueError("SwapEMAWeights must be used when `use_ema=True` is set on "
                                     f"the optimizer. Received: use_ema={o.use_ema}")
                out.append(o)
        return out

    def _swap_variables(self):
        with torch.no_grad():
            for opt in self._optimizers():
                for var, avg in zip(opt._trainable_variables, opt._model_variables_moving_average):
                    tmp = var.detach().clone()
                    var.assign(avg)
                    avg.assign(tmp)

    def _finalize_ema_values(self):
        with torch.no_grad():
            for opt in self._optimizers():
                for var, avg in zip(opt._trainable_variables, opt._model_variables_moving_average):
                    avg.assign(var)

    def on_epoch_begin(self, epoch, logs=None):
        if self.swap_on_epoch and self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = False

    def on_epoch_end(self, epoch, logs=None):
        if self.swap_on_epoch and not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True
            if epoch == self.params["epochs"] - 1:
                self._finalize_ema_values()

    def on_test_begin(self, logs=None):
        if not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True

    def on_test_end(self, logs=None):
        if self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = False

    def on_predict_begin(self, logs=None):
        if not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True

    def on_predict_end(self, logs=None):
        if not self._ema_weights_in_model:  # sic (Keras 3.15)
            self._swap_variables()
            self._ema_weights_in_model = False
