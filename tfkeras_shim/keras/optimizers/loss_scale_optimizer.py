"""keras.optimizers.LossScaleOptimizer (also keras.mixed_precision.LossScaleOptimizer).

Keras 3 dynamic loss scaling: `scale_loss(loss)` multiplies by the `dynamic_scale` variable
(float32, starts at `initial_scale` = 2**15); `apply(grads)` divides the gradients by it and
hands them to the inner optimizer when they are all finite, then counts the good step in
`step_counter` (int64) and doubles the scale after `dynamic_growth_steps` good steps in a row;
a step with an inf/NaN gradient leaves the variables, the inner optimizer's state and
`iterations` as they were, halves the scale and resets the counter.

No host read per step: the "skip" is decided on the device. The gradients are concatenated per
dtype (one copy), checked with one `aminmax` pass (inf and NaN show in the min or the max),
divided, and zeroed when any is non-finite; the inner optimizer always runs, and its variables
and the model variables are then put back from a snapshot taken just before where the step was
bad (`torch.where` per tensor on CPU; `state*keep + snapshot*skip` with three foreach kernels on
CUDA, exact because the zeroed gradients keep the state finite). The price is one copy of the
model variables and the optimizer state per step, and the memory for it, instead of a
device-to-host sync.

Keras 2 conveniences kept (TF 2.21 removed them): `get_scaled_loss(loss)`,
`get_unscaled_gradients(grads)` (the next `apply_gradients` then does not divide again),
`loss_scale`, `dynamic` and `dynamic_counter`; `initial_scale=None` / `dynamic_growth_steps=None`
mean the defaults. `dynamic=False` raises as in Keras 3.
"""
import torch

from ...framework.tensor import wrap, convert_to_tensor, _tdtype, _tshape
from .base import Optimizer

_BASE_DEFAULTS = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None,
                  "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
                  "ema_overwrite_frequency": None, "loss_scale_factor": None,
                  "gradient_accumulation_steps": None}


class LossScaleOptimizer(Optimizer):
    """Wraps `inner_optimizer` with dynamic loss scaling (see the module docstring)."""

    def __init__(self, inner_optimizer, initial_scale=2.0 ** 15, dynamic_growth_steps=2000,
                 name=None, **kwargs):
        if not kwargs.pop("dynamic", True):
            raise ValueError("LossScaleOptimizer no longer supports `dynamic=False`. Instead, "
                             "simply set `loss_scale_factor` directly on the `inner_optimizer`.")
        for arg, default in _BASE_DEFAULTS.items():
            if arg in kwargs:
                value = kwargs.pop(arg)
                if (default is None and value is not None) or value != default:
                    raise ValueError(f"LossScaleOptimizer does not support `{arg}`. Instead, "
                                     f"set `{arg}` on the `inner_optimizer`.")
        if kwargs:
            raise ValueError("LossScaleOptimizer does not support arguments: "
                             f"`{'`, `'.join(kwargs.keys())}`.")
        if initial_scale is None:  # Keras 2 spelled the defaults None
            initial_scale = 2.0 ** 15
        if dynamic_growth_steps is None:
            dynamic_growth_steps = 2000
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        # the inner optimizer must not scale a second time
        self.inner_optimizer.loss_scale_factor = None
        self._grads_unscaled = False
        self._snapshots = {}

    # -- state ----------------------------------------------------------------------------------
    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        super().build(var_list)
        self.step_counter = self.add_variable(shape=(), dtype="int64", initializer="zeros",
                                              name="step_counter")
        self.dynamic_scale = self.add_variable(shape=(), dtype="float32",
                                               initializer=float(self.initial_scale),
                                               name="dynamic_scale")
        if not self.inner_optimizer.built:
            self.inner_optimizer.build(var_list)

    @property
    def variables(self):
        return self._variables + self.inner_optimizer.variables

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        self.inner_optimizer.learning_rate = learning_rate

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    # -- loss scaling -----------------------------------------------------------------------------
    def scale_loss(self, loss):
        """`loss * dynamic_scale` (float32; a float16/bfloat16 loss is cast up first, as Keras's
        result-type rules do); `loss * initial_scale` before the optimizer is built."""
        plain = isinstance(loss, torch.Tensor)
        if not plain:
            loss = convert_to_tensor(loss)
        if not self.built:
            out = torch.mul(loss, float(self.initial_scale))
        else:
            if _tdtype(loss) in (torch.float16, torch.bfloat16):
                loss = loss.to(torch.float32)
            out = torch.mul(loss, self.dynamic_scale.as_subclass(torch.Tensor))
        return wrap(out)

    def check_finite(self, grads):
        """A boolean tensor: are all the (non-None) gradients finite? (no host read)."""
        flags = [torch.isfinite(g).all() for g in grads if g is not None]
        if not flags:
            return wrap(torch.tensor(True))
        return wrap(torch.stack([f.to(flags[0].device) for f in flags]).all())

    # Keras 2 API ---------------------------------------------------------------------------------
    def get_scaled_loss(self, loss):
        """Keras 2: the loss times the current scale (a callable loss gives a callable)."""
        if callable(loss) and not isinstance(loss, torch.Tensor):
            return lambda: self.scale_loss(loss())
        return self.scale_loss(loss)

    def get_unscaled_gradients(self, grads):
        """Keras 2: the gradients divided by the current scale (None kept). The next
        `apply_gradients`/`apply` then takes its gradients as already unscaled."""
        scale = self.dynamic_scale.as_subclass(torch.Tensor) if self.built \
            else float(self.initial_scale)
        out = []
        for g in grads:
            if g is None:
                out.append(None)
                continue
            v, rebuild = _values_of(g)  # IndexedSlices stay IndexedSlices (as in Keras 2)
            v = wrap(torch.div(v, scale))
            out.append(v if rebuild is None else rebuild(v))
        self._grads_unscaled = True
        return out

    @property
    def loss_scale(self):
        """Keras 2: the current loss scale as a float32 tensor."""
        if not self.built:
            return wrap(torch.tensor(float(self.initial_scale)))
        return wrap(self.dynamic_scale.detach().clone())

    @property
    def dynamic(self):
        return True

    @property
    def dynamic_counter(self):
        """Keras 2: good steps since the scale last changed (None before the first step)."""
        return self.step_counter if self.built else None

    # -- applying ---------------------------------------------------------------------------------
    def apply(self, grads, trainable_variables=None):
        """Unscale `grads`, apply them with the inner optimizer when all are finite, update the
        scale (see the module docstring); nothing is read back on the host."""
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must "
                                 "already be built on a list of variables. Call "
                                 "`optimizer.build(trainable_variables)` first. ")
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                self._build_in_scope(trainable_variables)
        grads = list(grads)
        if not grads:
            return
        divide = not self._grads_unscaled
        self._grads_unscaled = False
        with torch.no_grad():
            ok, grads = self._unscale(grads, divide)
            state = self._snapshot(trainable_variables)
            self.inner_optimizer.apply(grads, trainable_variables)
            self._restore_unless(ok, state)
            self._update_scale(ok)

    def _build_in_scope(self, var_list):
        """Build as Keras's `apply` does, inside this optimizer's name scope: slots the inner
        optimizer creates then get paths 'loss_scale_optimizer/adam/..._momentum'."""
        inner = self.inner_optimizer
        name = inner.name
        if not inner.built:
            inner.name = f"{self.name}/{name}"
        try:
            self.build(var_list)
        finally:
            inner.name = name

    def _unscale(self, grads, divide):
        """(all finite?, gradients / scale, all zeros where any gradient was non-finite)."""
        groups = {}
        for i, g in enumerate(grads):
            if g is None:
                continue
            v, rebuild = _values_of(g)
            groups.setdefault((v.device, _tdtype(v)), []).append((i, v, rebuild))
        if not groups:
            return None, grads
        flats, finite = [], None
        for (dev, _), items in groups.items():
            flat = torch.cat([g.reshape(-1) for _, g, _ in items])
            if flat.numel():
                lo, hi = torch.aminmax(flat)  # one read pass; NaN and inf show in min/max
                f = torch.isfinite(lo) & torch.isfinite(hi)
                finite = f if finite is None else finite & f.to(finite.device)
            flats.append((dev, items, flat))
        if finite is None:
            finite = torch.ones((), dtype=torch.bool, device=flats[0][0])
        out = list(grads)
        scale = self.dynamic_scale.as_subclass(torch.Tensor)
        bad = ~finite
        for dev, items, flat in flats:
            if flat.device != scale.device:
                sc, bd = scale.to(dev), bad.to(dev)
            else:
                sc, bd = scale, bad
            if divide:
                if flat.is_floating_point():
                    flat.div_(sc)
                else:
                    flat = flat / sc
            flat.masked_fill_(bd, 0)
            pos = 0
            for i, g, rebuild in items:
                n = g.numel()
                v = flat[pos:pos + n].view(_tshape(g))
                out[i] = v if rebuild is None else rebuild(v)
                pos += n
        return finite, out

    def _snapshot(self, trainable_variables):
        """Copy the model variables and the inner optimizer's variables (foreach, per group)."""
        state = list(trainable_variables)
        seen = {id(v) for v in state}
        for v in self.inner_optimizer.variables:
            if id(v) not in seen:
                seen.add(id(v))
                state.append(v)
        key = tuple(id(v) for v in state)
        plan = self._snapshots.get(key)
        if plan is None:
            floats, others = {}, []
            for v in state:
                t = v.as_subclass(torch.Tensor) if isinstance(v, torch.Tensor) else None
                if t is None:
                    continue
                if t.is_floating_point():
                    floats.setdefault((t.device, t.dtype), []).append(v)
                else:
                    others.append(v)
            plan = ([(vs, [torch.empty_like(v.as_subclass(torch.Tensor)) for v in vs])
                     for vs in floats.values()],
                    [(v, torch.empty_like(v.as_subclass(torch.Tensor))) for v in others])
            self._snapshots = {key: plan}
        for vs, snaps in plan[0]:
            torch._foreach_copy_(snaps, vs)
        for v, s in plan[1]:
            s.copy_(v)
        return plan

    @staticmethod
    def _restore_unless(ok, plan):
        """Where `ok` is False (on the device), put the snapshot back."""
        if ok is None:
            return
        for vs, snaps in plan[0]:
            if snaps[0].device.type == "cpu":
                _restore_where(ok, vs, snaps)
            else:
                _restore_foreach(ok, vs, snaps)
        for v, s in plan[1]:
            torch.Tensor.copy_(v, torch.where(ok.to(s.device), v.as_subclass(torch.Tensor), s))

    def _update_scale(self, ok):
        """Good step: counter + 1, or x2 and counter 0 after `dynamic_growth_steps` good steps.
        Bad step: x0.5 and counter 0. All on the device."""
        if ok is None:
            return
        cnt = self.step_counter.as_subclass(torch.Tensor)
        scale = self.dynamic_scale.as_subclass(torch.Tensor)
        ok = ok.to(cnt.device)
        grow = ok & (cnt == self.dynamic_growth_steps - 1)
        factor = torch.where(ok, torch.where(grow, 2.0, 1.0), 0.5)
        scale.mul_(factor)
        cnt.copy_(torch.where(grow | ~ok, torch.zeros_like(cnt), cnt + 1))

    def minimize(self, loss, var_list, tape=None):
        """Scale the loss, differentiate, then `apply_gradients` (which unscales)."""
        if callable(var_list):
            var_list = var_list()
        var_list = list(var_list)
        if not self.built:
            self._build_in_scope(var_list)
        if tape is None:
            if not callable(loss):
                raise ValueError("`tape` is required when a `Tensor` loss is passed. Received: "
                                 f"loss={loss}, tape={tape}.")
            super().minimize(lambda: self.scale_loss(loss()), var_list)
            return self.iterations
        if callable(loss):
            raise ValueError("`tape` should not be given with a callable loss.")
        with tape:  # record the scaling on the tape (Keras 2 did the same)
            scaled = self.scale_loss(loss)
        grads = tape.gradient(scaled, var_list)
        self.apply_gradients(zip(grads, var_list))
        return self.iterations

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    # -- config -----------------------------------------------------------------------------------
    def get_config(self):
        from . import serialize
        return {"name": self.name, "inner_optimizer": serialize(self.inner_optimizer),
                "initial_scale": self.initial_scale,
                "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize
        config = dict(config)
        inner = deserialize(config.pop("inner_optimizer"), custom_objects=custom_objects)
        return cls(inner, **config)

    def __repr__(self):
        return ("<keras.src.optimizers.loss_scale_optimizer.LossScaleOptimizer object at "
                f"{hex(id(self))}>")


def _restore_where(ok, variables, snaps):
    """CPU: one `where` per tensor (no launch cost there; one pass over memory)."""
    ok = ok.to(snaps[0].device)
    for v, s in zip(variables, snaps):
        t = v.as_subclass(torch.Tensor)
        torch.where(ok, t, s, out=t)


def _restore_foreach(ok, variables, snaps):
    """CUDA: `v*keep + snap*(1-keep)` in three foreach kernels whatever the number of tensors
    (exact for finite values; `snaps` are overwritten)."""
    keep = ok.to(device=snaps[0].device, dtype=snaps[0].dtype)
    torch._foreach_mul_(variables, keep)
    torch._foreach_mul_(snaps, 1 - keep)
    torch._foreach_add_(variables, snaps)


def _values_of(g):
    """(values tensor, rebuild(new_values)) for a gradient. Row-lookup gradients (sparse COO
    tensors, tf.IndexedSlices) keep their kind: TF divides the IndexedSlices values by the scale
    and the inner optimizer still sees the occurrences."""
    if isinstance(g, torch.Tensor):
        if not g.is_sparse:
            return g.detach(), None
        coalesced = g.is_coalesced()
        idx = g.indices() if coalesced else g._indices()
        vals = g.values() if coalesced else g._values()
        shape = g.shape
        return vals.detach(), lambda v: torch.sparse_coo_tensor(idx, v, shape, check_invariants=False)
    if hasattr(g, "_with_values") and isinstance(getattr(g, "_values", None), torch.Tensor):
        return g._values.detach(), g._with_values  # tf.IndexedSlices
    return convert_to_tensor(g).detach(), None
