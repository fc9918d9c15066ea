"""keras.optimizers.Adafactor: Keras 3's Adafactor (factored second moments for >= 2-D variables).

Per step, with `t = iterations + 1`:
`rho = min(lr, 1/sqrt(t))`, `alpha = max(epsilon_2, rms(w)) * rho`, `beta = 1 - t^beta_2_decay`,
`s = g^2 + epsilon_1`. Variables of rank >= 2 keep a row mean `r` (shape[:-1]) and a column mean
`c` (shape[:-2] + shape[-1:]): `r = beta*r + (1-beta)*mean(s, -1)`,
`c = beta*c + (1-beta)*mean(s, -2)`,
`v = (r / mean(r, -1))[..., None] * c[..., None, :]`; lower ranks keep `v = beta*v + (1-beta)*s`.
Then `u = g / sqrt(v)`, `w -= alpha * u / max(1, rms(u) / clip_threshold)`.
For an embedding's row-lookup gradient (IndexedSlices) tf.keras squares each occurrence of a row
separately, in `g^2` and in `rms(u)`; this does the same.

As in Keras 3.15, `relative_step` changes nothing (the step is capped at `1/sqrt(t)` either way),
and variables of rank < 2 get two int32 scalar placeholders in place of `r` and `c`, which do
appear in `optimizer.variables` (path `<optimizer name>/<variable name>` when built by the first
`apply`, just `<variable name>` when `build` is called directly).
"""
import torch

from ...framework import dtypes as _dt
from ...framework.tensor import _tdtype, _tshape
from .base import Optimizer, base_kwargs, _make_variable, kcast


class Adafactor(Optimizer):
    """Adafactor with Keras defaults lr 0.001, beta_2_decay -0.8, epsilon_1 1e-30,
    epsilon_2 1e-3, clip_threshold 1.0."""

    _config_keys = ("beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold", "relative_step")

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3,
                 clip_threshold=1.0, relative_step=True, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step
        self._placeholder_scope = None

    def apply(self, grads, trainable_variables=None):
        if self.built:
            return super().apply(grads, trainable_variables)
        # Keras builds inside the optimizer's name scope here, which prefixes the placeholders
        self._placeholder_scope = self.name
        try:
            return super().apply(grads, trainable_variables)
        finally:
            self._placeholder_scope = None

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._r, self._c, self._v = [], [], []
        for var in var_list:
            shape = tuple(_tshape(var))
            name = str(var.name)
            if len(shape) < 2:
                for slots in (self._r, self._c):
                    slots.append(self._track(_make_variable(
                        torch.zeros((), dtype=torch.int32), name, self._placeholder_scope,
                        var.device)))
            else:
                dtype = _dt.from_torch(_tdtype(var))
                self._r.append(self.add_variable(shape[:-1], dtype=dtype, name=name))
                self._c.append(self.add_variable(shape[:-2] + shape[-1:], dtype=dtype, name=name))
            self._v.append(self.add_variable_from_reference(var, name="velocity"))
        self._numel = [max(1, torch.Size(_tshape(v)).numel()) for v in var_list]
        self._factored = [len(_tshape(v)) >= 2 for v in var_list]

    def _plan(self, idx, tdt, dev):
        """Positions (in `idx`) of factored and unfactored variables, and 1/sqrt(numel) per
        variable as a device tensor; cached per index tuple (no host-to-device copy per step)."""
        key = ("adafactor_plan", idx, tdt, dev)
        got = self._step_cache.get(key)
        if got is None:
            fac = [k for k, i in enumerate(idx) if self._factored[i]]
            flat = [k for k, i in enumerate(idx) if not self._factored[i]]
            inv = torch.tensor([self._numel[i] ** -0.5 for i in idx], dtype=tdt, device=dev)
            got = self._step_cache[key] = (fac, flat, inv)
        return got

    def _update_group(self, grads, variables, idx, lr):
        grads, lr, tdt, dev = self._prep(grads, variables, lr)
        fac, flat, inv_sqrt_n = self._plan(idx, tdt, dev)
        t = self._local_step(tdt)
        rho = torch.minimum(lr, 1 / torch.sqrt(t))
        beta = 1 - torch.pow(t, self.beta_2_decay)
        one_minus_beta = 1 - beta
        # alpha = max(epsilon_2, rms(w)) * rho, from the weights before this update
        w_rms = torch.stack(torch._foreach_norm(variables)) * inv_sqrt_n
        alpha = torch.clamp_min(w_rms, kcast(self.epsilon_2)) * rho
        # g^2 (for a row-lookup gradient, Keras squares each occurrence before summing rows)
        occ = self._occurrences(grads)
        sq = torch._foreach_add(occ, self.epsilon_1)
        vs = self._gather(self._v, idx)
        if flat:
            vf = [vs[k] for k in flat]
            torch._foreach_mul_(vf, beta)
            torch._foreach_add_(vf, torch._foreach_mul([sq[k] for k in flat], one_minus_beta))
        for k in fac:
            i = idx[k]
            r, c, s = self._r[i], self._c[i], sq[k]
            r.mul_(beta).add_(s.mean(-1) * one_minus_beta)
            c.mul_(beta).add_(s.mean(-2) * one_minus_beta)
            torch.mul((r / r.mean(-1, keepdim=True)).unsqueeze(-1), c.unsqueeze(-2), out=vs[k])
        u = torch._foreach_div(grads, torch._foreach_sqrt(vs))
        if self._slices:
            # rms(u) over each occurrence: sum(g_occ^2 / v) per row-lookup gradient
            u_rms = torch.sqrt(torch.stack(torch._foreach_norm(torch._foreach_div(occ, vs), 1)))
            u_rms = u_rms * inv_sqrt_n
        else:
            u_rms = torch.stack(torch._foreach_norm(u)) * inv_sqrt_n
        den = torch.clamp_min(u_rms / self.clip_threshold, 1.0)
        torch._foreach_div_(u, list(den.unbind()))
        torch._foreach_mul_(u, list(alpha.unbind()))
        torch._foreach_sub_(variables, u)
