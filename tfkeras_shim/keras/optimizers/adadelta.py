"""keras.optimizers.Adadelta: Keras defaults lr 0.001, rho 0.95, eps 1e-7 (inside the roots)."""
import torch

from .base import Optimizer, base_kwargs


class Adadelta(Optimizer):
    """Adadelta: `delta = -sqrt(acc_dx + eps) * g / sqrt(acc_g + eps)`, `w += lr * delta`."""

    _config_keys = ("rho", "epsilon")

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        rho = self.rho
        ag = self._gather(self._accumulated_grads, idx)
        ad = self._gather(self._accumulated_delta_vars, idx)
        torch._foreach_mul_(ag, rho)
        sq = self._occurrences(grads)
        torch._foreach_add_(ag, torch._foreach_mul(sq, 1 - rho))
        rms_d = torch._foreach_add(ad, self.epsilon)
        torch._foreach_sqrt_(rms_d)
        rms_g = torch._foreach_add(ag, self.epsilon)
        torch._foreach_sqrt_(rms_g)
        delta = torch._foreach_mul(rms_d, grads)
        torch._foreach_div_(delta, rms_g)
        torch._foreach_neg_(delta)
        torch._foreach_mul_(ad, rho)
        if self._slices:  # square(delta) per occurrence: (rms_d / rms_g)^2 * sum of g^2
            dsq = torch._foreach_div(rms_d, rms_g)
            torch._foreach_mul_(dsq, dsq)
            torch._foreach_mul_(dsq, sq)
        else:
            dsq = torch._foreach_mul(delta, delta)
        torch._foreach_add_(ad, torch._foreach_mul(dsq, 1 - rho))
        torch._foreach_add_(variables, torch._foreach_mul(delta, lr))
