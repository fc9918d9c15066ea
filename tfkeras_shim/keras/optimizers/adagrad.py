"""keras.optimizers.Adagrad: accumulator starts at 0.1, `w -= lr * g / sqrt(acc + 1e-7)`."""
import torch

from .base import Optimizer, base_kwargs


class Adagrad(Optimizer):
    """Adagrad with Keras defaults lr 0.001, initial_accumulator_value 0.1, eps 1e-7 (inside the root)."""

    _config_keys = ("initial_accumulator_value", "epsilon")

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(
            var_list, "accumulator", initializer=float(self.initial_accumulator_value))

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        acc = self._gather(self._accumulators, idx)
        self._add_squares_(acc, grads, 1.0)
        den = torch._foreach_add(acc, self.epsilon)
        torch._foreach_sqrt_(den)
        num = torch._foreach_mul(grads, lr)
        torch._foreach_div_(num, den)
        torch._foreach_sub_(variables, num)
