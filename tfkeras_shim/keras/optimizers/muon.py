"""keras.optimizers.Muon: Keras 3's Muon (Newton-Schulz orthogonalised momentum for 2-D weights,
an AdamW step for everything else).

Which path a variable takes is fixed at `build`: the AdamW path for variables that are not 2-D,
whose `path` contains "embedding" (any case) while `exclude_embeddings`, or whose `path` matches
one of the `exclude_layers` regular expressions; the Muon path otherwise. Both paths keep a
`momentum` slot; only AdamW-path variables get a `velocity` slot.

Muon path: `m = m + (g + m * (momentum - 1))`, `x = g + momentum * m` (nesterov) or `m`,
`X = NS5(x)` (quintic Newton-Schulz with `muon_a, muon_b, muon_c`, `ns_steps` iterations, on the
wide orientation of the matrix after dividing by its Frobenius norm + 1e-7),
`w -= lr * X * sqrt(max(rows, cols)) * rms_rate` (no scaling when `rms_rate` is None).
AdamW path: Keras's Adam with `adam_beta_1/2`, `epsilon`, learning rate `lr * adam_lr_ratio`
(`g^2` of an embedding's row-lookup gradient squares each occurrence, as tf.keras does).
Weight decay runs before the update for every variable, `w -= w * wd * lr` with
`weight_decay` on the Muon path and `adam_weight_decay` on the AdamW path (either may be None);
as in Keras it runs even when `weight_decay` is None.

Matrices of equal shape go through Newton-Schulz together as one batched matmul chain.
"""
import math
import re

import torch

from .base import Optimizer, base_kwargs, kcast


def _newton_schulz5(x, steps, a, b, c):
    """Batched quintic Newton-Schulz on `x` of shape [..., rows, cols] (Keras's order of ops)."""
    tall = x.shape[-2] > x.shape[-1]
    if tall:
        x = x.mT
    x = x / (torch.linalg.matrix_norm(x, keepdim=True) + 1e-7)
    for _ in range(steps):
        xxt = x @ x.mT
        x = a * x + (b * xxt + (c * xxt) @ xxt) @ x
    return x.mT if tall else x


class Muon(Optimizer):
    """Muon with Keras defaults lr 0.001, weight_decay 0.004, momentum 0.95, nesterov,
    ns_steps 5, rms_rate 0.2; AdamW fallback with betas (0.9, 0.999), eps 1e-7,
    adam_weight_decay 0.004."""

    _config_keys = ("adam_beta_1", "adam_beta_2", "epsilon", "exclude_layers", "muon_a", "muon_b", "muon_c", "adam_lr_ratio", "momentum", "ns_steps", "nesterov", "exclude_embeddings", "adam_weight_decay", "rms_rate")

    def __init__(self, learning_rate=0.001, adam_beta_1=0.9, adam_beta_2=0.999,
                 adam_weight_decay=0.004, epsilon=1e-7, weight_decay=0.004, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, exclude_layers=None,
                 exclude_embeddings=True, muon_a=3.4445, muon_b=-4.7750, muon_c=2.0315,
                 adam_lr_ratio=1, momentum=0.95, ns_steps=5, nesterov=True, rms_rate=0.2,
                 **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.adam_beta_1 = adam_beta_1
        self.adam_beta_2 = adam_beta_2
        self.epsilon = epsilon
        self.muon_a = muon_a
        self.muon_b = muon_b
        self.muon_c = muon_c
        self.adam_lr_ratio = adam_lr_ratio
        self.momentum = momentum
        self.ns_steps = ns_steps
        self.nesterov = nesterov
        self.exclude_embeddings = exclude_embeddings
        self.exclude_layers = exclude_layers or []
        self.adam_weight_decay = adam_weight_decay
        self.rms_rate = rms_rate

    def _should_use_adamw(self, variable):
        """True for the AdamW path (not 2-D, an embedding, or an excluded layer's variable)."""
        if len(variable.shape) != 2:
            return True
        if self.exclude_embeddings and "embedding" in variable.path.lower():
            return True
        for keyword in self.exclude_layers:
            if re.search(keyword, variable.path):
                return True
        return False

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.momentums = [None] * len(var_list)
        self.adam_velocities = [None] * len(var_list)
        self._adam_path = []
        for i, var in enumerate(var_list):
            self.momentums[i] = self.add_variable_from_reference(var, name="momentum")
            use_adam = self._should_use_adamw(var)
            self._adam_path.append(use_adam)
            if use_adam:
                self.adam_velocities[i] = self.add_variable_from_reference(var, name="velocity")

    # -- step ------------------------------------------------------------------------------------
    def _apply_weight_decay(self, variables, lr):
        """Decay runs per path inside `_update_group` (Muon decays even with weight_decay=None)."""

    def _plan(self, idx):
        """(AdamW-path positions, Muon-path positions grouped by shape) for `idx`, cached."""
        key = ("muon_plan", idx)
        got = self._step_cache.get(key)
        if got is None:
            adam = [k for k, i in enumerate(idx) if self._adam_path[i]]
            by_shape = {}
            for k, i in enumerate(idx):
                if not self._adam_path[i]:
                    by_shape.setdefault(tuple(self.momentums[i].shape), []).append(k)
            got = self._step_cache[key] = (adam, list(by_shape.items()))
        return got

    def _update_group(self, grads, variables, idx, lr):
        self._step(grads, variables, idx, lr, decay=True)

    def _step(self, grads, variables, idx, lr, decay):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        adam, muon_groups = self._plan(idx)
        if decay:
            muon_pos = [k for _, ks in muon_groups for k in ks]
            for wd, pos in ((self.weight_decay, muon_pos), (self.adam_weight_decay, adam)):
                vs = [variables[k] for k in pos if self._use_weight_decay(variables[k])]
                if wd is not None and vs:
                    torch._foreach_sub_(vs, torch._foreach_mul(vs, lr * kcast(wd)))
        if adam:
            self._adam_update([grads[k] for k in adam], [variables[k] for k in adam],
                              tuple(idx[k] for k in adam), lr, tdt)
        for shape, ks in muon_groups:
            self._muon_update([grads[k] for k in ks], [variables[k] for k in ks],
                              tuple(idx[k] for k in ks), lr, shape)

    def _adam_update(self, grads, variables, idx, lr, tdt):
        t = self._local_step(tdt)
        alpha = (lr * self.adam_lr_ratio) * torch.sqrt(1 - torch.pow(kcast(self.adam_beta_2), t))
        alpha = alpha / (1 - torch.pow(kcast(self.adam_beta_1), t))
        m = self._gather(self.momentums, idx)
        v = self._gather(self.adam_velocities, idx)
        torch._foreach_lerp_(m, grads, 1 - self.adam_beta_1)
        torch._foreach_lerp_(v, self._occurrences(grads), 1 - self.adam_beta_2)
        den = torch._foreach_sqrt(v)
        torch._foreach_add_(den, self.epsilon)
        step = torch._foreach_mul(m, alpha)
        torch._foreach_div_(step, den)
        torch._foreach_sub_(variables, step)

    def _muon_update(self, grads, variables, idx, lr, shape):
        m = self._gather(self.momentums, idx)
        inc = torch._foreach_mul(m, self.momentum - 1)
        torch._foreach_add_(inc, grads)
        torch._foreach_add_(m, inc)
        if self.nesterov:
            x = torch._foreach_mul(m, self.momentum)
            torch._foreach_add_(x, grads)
        else:
            x = m
        x = torch.stack(x) if len(x) > 1 else x[0].unsqueeze(0)
        x = _newton_schulz5(x, self.ns_steps, self.muon_a, self.muon_b, self.muon_c)
        scale = lr
        if self.rms_rate is not None:
            scale = lr * (math.sqrt(float(max(shape[0], shape[1]))) * self.rms_rate)
        torch._foreach_sub_(variables, list((x * scale).unbind()))

    def update_step(self, gradient, variable, learning_rate):
        with torch.no_grad():
            self._step([gradient], [variable], (self._get_variable_index(variable),),
                       torch.as_tensor(learning_rate), decay=False)
