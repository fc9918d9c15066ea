"""keras.optimizers.ScheduleFreeAdamW: Schedule-Free AdamW as tf.keras 2.21 computes it.

Per step (t = iterations + 1, lr warmed up by `min(t / warmup_steps, 1)` when warmup_steps > 0;
weight decay is the base class's `w -= w * wd * lr` before the update, without warmup):
`v += (g^2 - v) * (1 - b2)`, `m -= lr * g / (sqrt(v / (1 - b2^t)) + eps)`, then the
variable `y` moves to `y + (m - y) / t`. The momentum slots start as copies of the variables at
`build`. `g^2` of an embedding's row-lookup gradient squares each occurrence of a row before
summing, as tf.keras does with IndexedSlices.

Why `y + (m - y) / t`: Keras meant to recover `x_old` from the momentum before this step's
update, but on the TensorFlow backend `momentum.value` is the variable itself, so the
already-updated momentum is read; the interpolation then reduces exactly to this running
average and `beta_1` has no effect on the numbers (with `beta_1=0` it divides by zero and the
variables become NaN, reproduced here). Keras 3.15 has no train/eval weight swapping for this
optimizer (no callback, no fit hook): the model variables hold `y` in training and evaluation.

Difference from TF: where tf.keras builds the optimizer inside a traced `tf.function` (the
first step of a default, non-eager `model.fit` / `train_on_batch`), its copy into the momentum
slots is lost and the first step replaces the weights by `-lr * g / den`. The shim always
copies, as tf.keras does in eager mode (`run_eagerly=True`, an eager GradientTape loop, an
explicit `build`): a fit that wipes the weights is a TF bug, not behaviour to keep.
"""
import torch

from .base import Optimizer, base_kwargs, kcast, one_minus


class ScheduleFreeAdamW(Optimizer):
    """Schedule-Free AdamW with Keras defaults lr 0.0025, betas (0.9, 0.999), eps 1e-8,
    warmup_steps 0."""

    _config_keys = ("beta_1", "beta_2", "epsilon", "warmup_steps")

    def __init__(self, learning_rate=0.0025, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 warmup_steps=0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.warmup_steps = warmup_steps

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        with torch.no_grad():
            for m, v in zip(self._momentums, var_list):
                torch.Tensor.copy_(m, v.detach())

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        t = self._local_step(tdt)
        if self.warmup_steps > 0:
            lr = lr * torch.clamp(t / float(self.warmup_steps), max=1.0)
        bc2 = 1 - torch.pow(kcast(self.beta_2), t)
        m = self._gather(self._momentums, idx)
        v = self._gather(self._velocities, idx)
        torch._foreach_lerp_(v, self._occurrences(grads), one_minus(self.beta_2, tdt))
        # m -= lr * g / (sqrt(v / bc2) + eps), as m -= g / ((sqrt(v / bc2) + eps) / lr)
        den = torch._foreach_div(v, bc2)
        torch._foreach_sqrt_(den)
        torch._foreach_add_(den, kcast(self.epsilon))
        torch._foreach_div_(den, lr)
        torch._foreach_addcdiv_(m, grads, den, -1.0)
        # y += (m - y) / t (module docstring); not `_foreach_lerp_(y, m, 1 / t)`: a 0-d tensor
        # weight binds to its Scalar overload, which reads the value on the host
        d = torch._foreach_sub(m, variables)
        torch._foreach_div_(d, t)
        torch._foreach_add_(variables, d)
        if isinstance(self.beta_1, (int, float)) and self.beta_1 == 0:
            torch._foreach_mul_(variables, float("nan"))  # Keras divides by beta_1

    def __repr__(self):
        return ("<keras.src.optimizers.schedule_free_adamw.ScheduleFreeAdamW object at "
                f"{hex(id(self))}>")
