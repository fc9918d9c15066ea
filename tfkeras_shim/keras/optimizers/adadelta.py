"""keras.optimizers.Adadelta: Keras defaults lr 0.001, rho 0.95, eps 1e-7 (inside the roots)."""
import torch

from .base import Optimizer


class Adadelta(Optimizer):
    """Adadelta: `delta = -sqrt(acc_dx + eps) * g / sqrt(acc_g + eps)`, `w += lr * delta`."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay,
                         clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
                         use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name,
                         **kwargs)
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

    def update_step(self, gradient, variable, learning_rate):
        with torch.no_grad():
            self._update_group([gradient], [variable], (self._get_variable_index(variable),),
                               torch.as_tensor(learning_rate))

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
