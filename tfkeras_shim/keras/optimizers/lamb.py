"""keras.optimizers.Lamb: Adam moments with a layer-wise trust ratio (Keras 3 formula).

`m += (g - m) * (1 - b1)`, `v += (g^2 - v) * (1 - b2)`,
`u = (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)`,
`w -= r * lr * u` with `r = ||w|| / ||u||` when both norms are > 0, else 1 (norms over the whole
variable). `g^2` of an embedding's row-lookup gradient squares each occurrence of a row before
summing, as tf.keras does with IndexedSlices. Keras 3.15 does not list Lamb among the names
`keras.optimizers.get` resolves, so `get('lamb')` raises there and here.
"""
import torch

from .base import Optimizer, base_kwargs, kcast


class Lamb(Optimizer):
    """Lamb with Keras defaults lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7."""

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
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        t = self._local_step(tdt)
        bc1 = 1 - torch.pow(kcast(self.beta_1), t)
        bc2 = 1 - torch.pow(kcast(self.beta_2), t)
        m = self._gather(self._momentums, idx)
        v = self._gather(self._velocities, idx)
        torch._foreach_lerp_(m, grads, 1 - self.beta_1)
        torch._foreach_lerp_(v, self._occurrences(grads), 1 - self.beta_2)
        update = torch._foreach_div(m, bc1)
        den = torch._foreach_div(v, bc2)
        torch._foreach_sqrt_(den)
        torch._foreach_add_(den, self.epsilon)
        torch._foreach_div_(update, den)
        w_norm = torch.stack(torch._foreach_norm(variables))
        u_norm = torch.stack(torch._foreach_norm(update))
        ratio = torch.where((w_norm > 0) & (u_norm > 0), w_norm / u_norm, 1.0)
        torch._foreach_mul_(update, list((ratio * lr).unbind()))
        torch._foreach_sub_(variables, update)
