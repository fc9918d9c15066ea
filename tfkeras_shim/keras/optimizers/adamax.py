"""keras.optimizers.Adamax: infinity-norm Adam, `w -= lr * m / ((1 - b1^t) * (u + eps))`."""
import torch

from .base import Optimizer, base_kwargs, kcast


class Adamax(Optimizer):
    """Adamax with Keras defaults lr 0.001, betas (0.9, 0.999), eps 1e-7."""

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
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        t = self._local_step(tdt)
        b1p = torch.pow(kcast(self.beta_1), t)
        m = self._gather(self._m, idx)
        u = self._gather(self._u, idx)
        torch._foreach_lerp_(m, grads, 1 - self.beta_1)
        torch._foreach_mul_(u, self.beta_2)
        torch._foreach_maximum_(u, self._occurrences(grads, 'abs'))
        num = torch._foreach_mul(m, lr)
        den = torch._foreach_add(u, self.epsilon)
        torch._foreach_mul_(den, 1 - b1p)
        torch._foreach_div_(num, den)
        torch._foreach_sub_(variables, num)
