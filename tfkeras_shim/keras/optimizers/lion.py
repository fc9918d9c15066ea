"""keras.optimizers.Lion: `w -= lr * sign(b1 * m + (1 - b1) * g)`; `m = b2 * m + (1 - b2) * g`."""
import torch

from .base import Optimizer, base_kwargs, one_minus, kcast


class Lion(Optimizer):
    """Lion with Keras defaults lr 0.001, beta_1 0.9, beta_2 0.99."""

    _config_keys = ("beta_1", "beta_2")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError("Argument `beta_1` must be in the [0, 1] range. Otherwise, the "
                             f"optimizer degenerates to SignSGD. Received: beta_1={beta_1}.")

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        m = self._gather(self._momentums, idx)
        c = torch._foreach_mul(m, kcast(self.beta_1))
        torch._foreach_add_(c, torch._foreach_mul(grads, one_minus(self.beta_1, tdt)))
        torch._foreach_sign_(c)
        torch._foreach_mul_(c, lr)
        torch._foreach_sub_(variables, c)
        torch._foreach_mul_(m, kcast(self.beta_2))
        torch._foreach_add_(m, torch._foreach_mul(grads, one_minus(self.beta_2, tdt)))
