"""keras.optimizers.SGD: Keras's velocity form `v = mu * v - lr * g; w += v` (lr inside v).

Nesterov: `w += mu * v - lr * g` with the new v. Equal to torch's SGD only while lr is constant.
"""
import torch

from .base import Optimizer, base_kwargs, kcast


class SGD(Optimizer):
    """Gradient descent with optional (Nesterov) momentum; default lr 0.01."""

    _config_keys = ("momentum", "nesterov")

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        g_lr = torch._foreach_mul(grads, lr)
        if self.momentum != 0:
            m = self._gather(self.momentums, idx)
            torch._foreach_mul_(m, kcast(self.momentum))
            torch._foreach_sub_(m, g_lr)
            if self.nesterov:
                upd = torch._foreach_mul(m, kcast(self.momentum))
                torch._foreach_sub_(upd, g_lr)
                torch._foreach_add_(variables, upd)
            else:
                torch._foreach_add_(variables, m)
        else:
            torch._foreach_sub_(variables, g_lr)
