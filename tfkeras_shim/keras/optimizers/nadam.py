"""keras.optimizers.Nadam: Keras's Nesterov Adam with the 0.96 momentum schedule.

`u_t = b1 * (1 - 0.5 * 0.96^t)`; the running product of u_t is the extra variable
`nadam/variable` (created after the slots, as Keras does).
"""
import torch

from ...framework.tensor import _tdtype
from .base import Optimizer, base_kwargs, _make_variable, one_minus, kcast


class Nadam(Optimizer):
    """Nadam with Keras defaults lr 0.001, betas (0.9, 0.999), eps 1e-7."""

    _config_keys = ("beta_1", "beta_2", "epsilon")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        tdt = _tdtype(var_list[0]) if var_list else torch.float32
        dev = var_list[0].device if var_list else self._iterations.device
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        self._u_product = _make_variable(torch.ones((), dtype=tdt), "variable", self.name, dev)

    def _before_update(self, lr):
        up = self._u_product
        t1 = self._local_step(_tdtype(up))
        up.copy_(up * self.beta_1 * (1.0 - 0.5 * torch.pow(0.96, t1)))

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        t = self._local_step(tdt)
        b1 = kcast(self.beta_1)
        b2 = kcast(self.beta_2)
        decay = kcast(0.96)
        u_t = b1 * (1.0 - 0.5 * torch.pow(decay, t))
        u_t_1 = b1 * (1.0 - 0.5 * torch.pow(decay, t + 1))
        up_t = self._u_product.to(device=dev, dtype=tdt)
        up_t_1 = up_t * u_t_1
        b2p = torch.pow(b2, t)
        m = self._gather(self._momentums, idx)
        v = self._gather(self._velocities, idx)
        torch._foreach_lerp_(m, grads, one_minus(b1, tdt))
        torch._foreach_lerp_(v, self._occurrences(grads), one_minus(b2, tdt))
        m_hat = torch._foreach_mul(m, u_t_1)
        torch._foreach_div_(m_hat, 1 - up_t_1)
        g_part = torch._foreach_mul(grads, 1 - u_t)
        torch._foreach_div_(g_part, 1 - up_t)
        torch._foreach_add_(m_hat, g_part)
        den = torch._foreach_div(v, 1 - b2p)
        torch._foreach_sqrt_(den)
        torch._foreach_add_(den, self.epsilon)
        torch._foreach_mul_(m_hat, lr)
        torch._foreach_div_(m_hat, den)
        torch._foreach_sub_(variables, m_hat)
