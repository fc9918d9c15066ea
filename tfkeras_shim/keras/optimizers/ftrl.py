"""keras.optimizers.Ftrl: Follow The Regularized Leader with Keras's formulas and defaults."""
import torch

from .base import Optimizer, base_kwargs


class Ftrl(Optimizer):
    """FTRL-proximal (lr 0.001, learning_rate_power -0.5, initial accumulator 0.1)."""

    _config_keys = ("learning_rate_power", "initial_accumulator_value", "l1_regularization_strength", "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta")

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        if initial_accumulator_value < 0.0:
            raise ValueError("`initial_accumulator_value` needs to be positive or zero. "
                             f"Received: initial_accumulator_value={initial_accumulator_value}.")
        if learning_rate_power > 0.0:
            raise ValueError("`learning_rate_power` needs to be negative or zero. Received: "
                             f"learning_rate_power={learning_rate_power}.")
        if l1_regularization_strength < 0.0:
            raise ValueError("`l1_regularization_strength` needs to be positive or zero. "
                             f"Received: l1_regularization_strength={l1_regularization_strength}.")
        if l2_regularization_strength < 0.0:
            raise ValueError("`l2_regularization_strength` needs to be positive or zero. "
                             f"Received: l2_regularization_strength={l2_regularization_strength}.")
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("`l2_shrinkage_regularization_strength` needs to be positive or "
                             "zero. Received: l2_shrinkage_regularization_strength"
                             f"={l2_shrinkage_regularization_strength}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"],
            initializer=[float(self.initial_accumulator_value), "zeros"])

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        accum = self._gather(self._accumulators, idx)
        linear = self._gather(self._linears, idx)
        p = -float(self.learning_rate_power)
        l1 = float(self.l1_regularization_strength)
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        shrink = float(self.l2_shrinkage_regularization_strength)
        grad_to_use = (torch._foreach_add(grads, torch._foreach_mul(variables, 2 * shrink))
                       if shrink else grads)
        new_accum = torch._foreach_add(accum, self._occurrences(grads))
        new_pow = torch._foreach_pow(new_accum, p)
        sigma = torch._foreach_sub(new_pow, torch._foreach_pow(accum, p))
        torch._foreach_div_(sigma, lr)
        torch._foreach_mul_(sigma, variables)
        torch._foreach_add_(linear, torch._foreach_sub(grad_to_use, sigma))
        quadratic = torch._foreach_div(new_pow, lr)
        l2x2 = 2 * l2  # a 0-d tensor: as a list, not a Scalar (a Scalar would be read on the host)
        torch._foreach_add_(quadratic, [l2x2] * len(quadratic))
        clipped = torch._foreach_clamp_min(linear, -l1)
        torch._foreach_clamp_max_(clipped, l1)
        torch._foreach_sub_(clipped, linear)
        torch._foreach_div_(clipped, quadratic)
        torch._foreach_copy_(variables, clipped)
        torch._foreach_copy_(accum, new_accum)
