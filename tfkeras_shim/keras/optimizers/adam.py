"""keras.optimizers.Adam: Keras's epsilon-hat form, eps 1e-7.

`alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)`, `w -= alpha * m / (sqrt(v) + eps)` with
`m += (g - m) * (1 - b1)`, `v += (g^2 - v) * (1 - b2)`; not torch's form (eps scaled differently).
"""
import torch

from .base import Optimizer, base_kwargs, kcast


class Adam(Optimizer):
    """Adam (optionally AMSGrad) with Keras defaults lr 0.001, betas (0.9, 0.999), eps 1e-7."""

    _config_keys = ("beta_1", "beta_2", "epsilon", "amsgrad")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        t = self._local_step(tdt)
        b1p = torch.pow(kcast(self.beta_1), t)
        b2p = torch.pow(kcast(self.beta_2), t)
        alpha = lr * torch.sqrt(1 - b2p) / (1 - b1p)
        m = self._gather(self._momentums, idx)
        v = self._gather(self._velocities, idx)
        torch._foreach_lerp_(m, grads, 1 - self.beta_1)
        # v += (g^2 - v) * (1 - b2), written as b2 * v + (1 - b2) * g * g (no temporary)
        torch._foreach_mul_(v, self.beta_2)
        self._add_squares_(v, grads, 1 - self.beta_2)
        if self.amsgrad:
            vh = self._gather(self._velocity_hats, idx)
            torch._foreach_maximum_(vh, v)
            v = vh
        # w -= alpha * m / (sqrt(v) + eps), as w -= m / ((sqrt(v) + eps) / alpha)
        denom = torch._foreach_sqrt(v)
        torch._foreach_add_(denom, self.epsilon)
        torch._foreach_div_(denom, alpha)
        torch._foreach_addcdiv_(variables, m, denom, -1.0)
