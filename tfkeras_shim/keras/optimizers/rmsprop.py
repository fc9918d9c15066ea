"""keras.optimizers.RMSprop: Keras defaults (lr 0.001, rho 0.9, eps 1e-7) with eps INSIDE the root.

`v = rho * v + (1 - rho) * g^2`; `w -= lr * g / sqrt(v + eps)` (centered: `v - avg^2 + eps`);
with momentum: `mom = momentum * mom + increment; w -= mom`.
"""
import torch

from .base import Optimizer, base_kwargs


class RMSprop(Optimizer):
    """RMSprop as Keras computes it (torch's RMSprop puts eps outside the root)."""

    _config_keys = ("rho", "momentum", "epsilon", "centered")

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        rho = self.rho
        vel = self._gather(self._velocities, idx)
        torch._foreach_mul_(vel, rho)
        torch._foreach_add_(vel, torch._foreach_mul(self._occurrences(grads), 1 - rho))
        if self.centered:
            avg = self._gather(self._average_gradients, idx)
            torch._foreach_mul_(avg, rho)
            torch._foreach_add_(avg, torch._foreach_mul(grads, 1 - rho))
            den = torch._foreach_sub(vel, torch._foreach_mul(avg, avg))
            torch._foreach_add_(den, self.epsilon)
        else:
            den = torch._foreach_add(vel, self.epsilon)
        torch._foreach_sqrt_(den)
        inc = torch._foreach_mul(grads, lr)
        torch._foreach_div_(inc, den)
        if self.momentum > 0:
            mom = self._gather(self._momentums, idx)
            torch._foreach_mul_(mom, self.momentum)
            torch._foreach_add_(mom, inc)
            torch._foreach_sub_(variables, mom)
        else:
            torch._foreach_sub_(variables, inc)
