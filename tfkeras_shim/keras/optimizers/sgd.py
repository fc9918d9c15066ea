"""keras.optimizers.SGD: Keras's velocity form `v = mu * v - lr * g; w += v` (lr inside v).

Nesterov: `w += mu * v - lr * g` with the new v. Equal to torch's SGD only while lr is constant.
"""
import torch

from .base import Optimizer, kcast


class SGD(Optimizer):
    """Gradient descent with optional (Nesterov) momentum; default lr 0.01."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay,
                         clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
                         use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
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

    def update_step(self, gradient, variable, learning_rate):
        with torch.no_grad():
            self._update_group([gradient], [variable], (self._get_variable_index(variable),),
                               learning_rate if isinstance(learning_rate, torch.Tensor)
                               else torch.tensor(float(learning_rate)))

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
