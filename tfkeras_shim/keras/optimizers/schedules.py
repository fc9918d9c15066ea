"""keras.optimizers.schedules: learning-rate schedules (Keras 3 formulas) on torch.

A schedule is called with the optimizer's step (an int or the int64 `iterations` variable) and
returns a float32 tensor computed on the step's device, so an optimizer step never reads the
step count on the host. Called by users with a Python int, it returns a shim tensor.
"""
import math

import torch

from ...framework.tensor import wrap, _tdtype
from ...framework.device import current_device

__all__ = ["LearningRateSchedule", "ExponentialDecay", "PiecewiseConstantDecay",
           "PolynomialDecay", "InverseTimeDecay", "CosineDecay", "CosineDecayRestarts",
           "serialize", "deserialize"]


def _float_dtype_of(value):
    """dtype Keras gives `convert_to_tensor(initial_learning_rate)`: Python numbers -> float32."""
    if isinstance(value, torch.Tensor):
        d = _tdtype(value)
        return d if d.is_floating_point else torch.float32
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f":
        return {2: torch.float16, 4: torch.float32, 8: torch.float64}[value.dtype.itemsize]
    return torch.float32


def _step_tensor(step, dtype):
    """The step as a tensor of `dtype` on its own device (no host round trip for tensors)."""
    if isinstance(step, torch.Tensor):
        return step.detach().to(dtype)
    return torch.tensor(float(step), dtype=dtype, device=current_device())


def _scalar(value, dtype, device):
    if isinstance(value, torch.Tensor):
        return value.detach().to(device=device, dtype=dtype)
    return torch.tensor(value, dtype=dtype, device=device)


class LearningRateSchedule:
    """Base class: subclasses implement `__call__(step)` and `get_config()`."""

    def __call__(self, step):
        raise NotImplementedError(f"Learning rate schedule '{self.__class__.__name__}' must "
                                  "override `__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(f"Learning rate schedule '{self.__class__.__name__}' must "
                                  "override `get_config()` in order to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _Schedule(LearningRateSchedule):
    """The built-in schedules: `_value(step)` computes a plain tensor, `__call__` hands it out."""

    def __call__(self, step):
        return wrap(self._value(step))


def _check_steps(name, value):
    if value <= 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={value}")


class ExponentialDecay(_Schedule):
    """lr * decay_rate ** (step / decay_steps) (floored exponent with staircase=True)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _value(self, step):
        dt = _float_dtype_of(self.initial_learning_rate)
        s = _step_tensor(step, dt)
        p = s / _scalar(self.decay_steps, dt, s.device)
        if self.staircase:
            p = torch.floor(p)
        lr0 = _scalar(self.initial_learning_rate, dt, s.device)
        return lr0 * torch.pow(_scalar(self.decay_rate, dt, s.device), p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(_Schedule):
    """values[i] for boundaries[i-1] < step <= boundaries[i] (dtype of values[0])."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of "
                             f"values. Received: boundaries={boundaries} of length "
                             f"{len(boundaries)}, and values={values} of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name
        self._cache = {}

    def _tables(self, device):
        t = self._cache.get(device)
        if t is None:
            from ...framework.tensor import convert_to_tensor
            v0 = convert_to_tensor(self.values[0])
            vdt = _tdtype(v0)
            vals = torch.tensor([float(v) if vdt.is_floating_point else int(v) for v in self.values],
                                dtype=vdt, device=device)
            bnds = torch.tensor([float(b) for b in self.boundaries], dtype=torch.float64,
                                device=device)
            t = self._cache[device] = (bnds, vals)
        return t

    def _value(self, step):
        if isinstance(step, torch.Tensor):
            s = step.detach()
        else:
            s = torch.tensor(step, device=current_device())
        bnds, vals = self._tables(s.device)
        if _tdtype(s).is_floating_point:
            sb = bnds.to(_tdtype(s))
        else:  # TF casts the boundaries to the step's integer dtype
            sb = bnds.to(_tdtype(s))
        idx = torch.searchsorted(sb, s.reshape(1), right=False)
        return vals[idx].reshape(())

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(_Schedule):
    """(lr0 - end) * (1 - step / decay_steps) ** power + end (decay_steps stretched if cycle)."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _value(self, step):
        dt = _float_dtype_of(self.initial_learning_rate)
        s = _step_tensor(step, dt)
        dev = s.device
        lr0 = _scalar(self.initial_learning_rate, dt, dev)
        end = _scalar(self.end_learning_rate, dt, dev)
        ds = _scalar(self.decay_steps, dt, dev)
        if self.cycle:
            mult = torch.where(s == 0, torch.ones_like(s), torch.ceil(s / ds))
            ds = ds * mult
        else:
            s = torch.minimum(s, ds)
        p = s / ds
        return (lr0 - end) * torch.pow(1 - p, _scalar(self.power, dt, dev)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(_Schedule):
    """lr0 / (1 + decay_rate * step / decay_steps) (floored ratio with staircase=True)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _value(self, step):
        dt = _float_dtype_of(self.initial_learning_rate)
        s = _step_tensor(step, dt)
        dev = s.device
        p = s / _scalar(self.decay_steps, dt, dev)
        if self.staircase:
            p = torch.floor(p)
        denom = 1 + _scalar(self.decay_rate, dt, dev) * p
        return _scalar(self.initial_learning_rate, dt, dev) / denom

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class CosineDecay(_Schedule):
    """Cosine decay from lr0 (or from `warmup_target` after a linear warmup) to alpha * lr."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_steps("decay_steps", decay_steps)

    def _decay(self, s, ds, from_lr, dt):
        frac = s / ds
        cos = 0.5 * (1.0 + torch.cos(math.pi * frac))
        decayed = (1 - self.alpha) * cos + self.alpha
        return from_lr * decayed

    def _value(self, step):
        dt = _float_dtype_of(self.initial_learning_rate)
        s = _step_tensor(step, dt)
        dev = s.device
        lr0 = _scalar(self.initial_learning_rate, dt, dev)
        ds = _scalar(self.decay_steps, dt, dev)
        if self.warmup_target is None:
            s = torch.minimum(s, ds)
            return self._decay(s, ds, lr0, dt)
        target = _scalar(self.warmup_target, dt, dev)
        ws = _scalar(self.warmup_steps, dt, dev)
        s = torch.minimum(s, ds + ws)
        warm = (target - lr0) * (s / ws) + lr0
        dec = self._decay(s - ws, ds, target, dt)
        return torch.where(s < ws, warm, dec)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(_Schedule):
    """SGDR: cosine decay restarting after first_decay_steps * t_mul**i steps, scaled by m_mul**i."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 name="SGDRDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_steps("first_decay_steps", first_decay_steps)

    def _value(self, step):
        dt = _float_dtype_of(self.initial_learning_rate)
        s = _step_tensor(step, dt)
        dev = s.device
        lr0 = _scalar(self.initial_learning_rate, dt, dev)
        first = _scalar(self.first_decay_steps, dt, dev)
        alpha = _scalar(self.alpha, dt, dev)
        t_mul = _scalar(self._t_mul, dt, dev)
        m_mul = _scalar(self._m_mul, dt, dev)
        frac = s / first
        if float(self._t_mul) == 1.0:
            i_restart = torch.floor(frac)
            frac = frac - i_restart
        else:
            i_restart = torch.floor(torch.log(1.0 - frac * (1.0 - t_mul)) / torch.log(t_mul))
            sum_r = (1.0 - torch.pow(t_mul, i_restart)) / (1.0 - t_mul)
            frac = (frac - sum_r) / torch.pow(t_mul, i_restart)
        m_fac = torch.pow(m_mul, i_restart)
        cos = 0.5 * m_fac * (1.0 + torch.cos(math.pi * frac))
        decayed = (1 - alpha) * cos + alpha
        return lr0 * decayed

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


ALL_OBJECTS_DICT = {c.__name__: c for c in (
    LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
    InverseTimeDecay, CosineDecay, CosineDecayRestarts)}


def serialize(learning_rate_schedule):
    from ..losses import serialize_object
    return serialize_object(learning_rate_schedule, "keras.optimizers.schedules")


def deserialize(config, custom_objects=None):
    from ..losses import deserialize_object
    return deserialize_object(config, ALL_OBJECTS_DICT, custom_objects, kind="decay")
