"""Metric base, Mean, Sum and MeanMetricWrapper (Keras 3 semantics) with state on the device.

State lives in non-trainable shim Variables on the device; `update_state` changes them in place
with torch ops under `no_grad` and never reads them back on the host. `result()` returns a shim
tensor (reading it, e.g. for a progress bar, is the only host transfer).
"""
import torch

from ...framework.device import current_device
from ...framework.tensor import wrap, _tshape
from ...framework.variables import Variable
from ..losses import (auto_name, _t, _floatx_torch, _dtype_name, squeeze_or_expand_to_same_rank,
                      apply_mask, _divide_no_nan)

__all__ = ["Metric", "Mean", "Sum", "MeanMetricWrapper", "reduce_to_samplewise_values"]


def _init_value(initializer, shape, tdtype, device):
    from ..optimizers.base import _initial_value
    return _initial_value(initializer, tuple(shape), tdtype, device)


class Metric:
    """Stateful metric: `update_state` accumulates, `result` reads, `reset_state` zeroes."""

    def __init__(self, dtype=None, name=None):
        object.__setattr__(self, "_variables", [])
        object.__setattr__(self, "_metrics", [])
        self.name = name or auto_name(self.__class__.__name__)
        self._tdt = _floatx_torch(dtype)
        self._dtype = _dtype_name(self._tdt)

    def __setattr__(self, name, value):
        d = self.__dict__
        if "_variables" in d:
            if isinstance(value, Variable):
                if not any(v is value for v in d["_variables"]):
                    d["_variables"].append(value)
            elif isinstance(value, Metric) and value is not self:
                if not any(m is value for m in d["_metrics"]):
                    d["_metrics"].append(value)
        object.__setattr__(self, name, value)

    def _check_super_called(self):
        if "_variables" not in self.__dict__:
            raise RuntimeError("You forgot to call `super().__init__()` in the `__init__()` "
                               "method. Go add it!")

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        out = list(self._variables)
        for m in self._metrics:
            out.extend(m.variables)
        return out

    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """A non-trainable state variable (path `<metric name>/<name>`)."""
        self._check_super_called()
        from ..optimizers.base import _make_variable
        tdt = _floatx_torch(dtype) if dtype is not None else self._tdt
        dev = current_device()
        value = _init_value(initializer, shape, tdt, dev)
        v = _make_variable(value, name or "variable", self.name.replace("/", ">"), dev,
                           aggregation=aggregation)
        self._variables.append(v)
        return v

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        """Backwards-compatible alias of `add_variable` (initializer None means zeros)."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    def reset_state(self):
        with torch.no_grad():
            for v in self.variables:
                torch.Tensor.zero_(v)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        saved = [v.detach().clone() for v in self.variables]
        with torch.no_grad():
            for v, val in zip(self.variables, metric_variables):
                torch.Tensor.copy_(v, _t(val))
        self.update_state(*args, **kwargs)
        new = [wrap(v.detach().clone()) for v in self.variables]
        with torch.no_grad():
            for v, val in zip(self.variables, saved):
                torch.Tensor.copy_(v, val)
        return new

    def stateless_result(self, metric_variables):
        saved = [v.detach().clone() for v in self.variables]
        with torch.no_grad():
            for v, val in zip(self.variables, metric_variables):
                torch.Tensor.copy_(v, _t(val))
        try:
            return self.result()
        finally:
            with torch.no_grad():
                for v, val in zip(self.variables, saved):
                    torch.Tensor.copy_(v, val)

    def stateless_reset_state(self):
        return [wrap(torch.zeros_like(v.detach())) for v in self.variables]

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{self.__class__.__name__} name={self.name}>"

    __str__ = __repr__


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Keras's helper: weight `values` and reduce them to one value per sample (torch)."""
    mask = getattr(values, "_keras_mask", None)
    values = _t(values, dtype)
    if sample_weight is not None:
        sample_weight = _t(sample_weight, dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        w_nd, v_nd = len(_tshape(sample_weight)), len(_tshape(values))
        if v_nd > w_nd:
            values = reduce_fn(values, dim=tuple(range(w_nd, v_nd)))
        try:
            sample_weight = torch.broadcast_to(sample_weight, _tshape(values))
        except RuntimeError:
            from ...framework import errors
            raise errors.invalid_argument(
                "{{function_node __wrapped__BroadcastTo_device_/job:localhost/replica:0/task:0/"
                f"device:CPU:0}}}} Incompatible shapes: {list(_tshape(sample_weight))} vs. "
                f"{list(_tshape(values))}", "BroadcastTo") from None
        values = values * sample_weight
        if w_nd > 1:
            sample_weight = reduce_fn(sample_weight, dim=tuple(range(1, w_nd)))
    v_nd = len(_tshape(values))
    if v_nd > 1:
        values = reduce_fn(values, dim=tuple(range(1, v_nd)))
    return values, sample_weight


class Sum(Metric):
    """Running (weighted) sum of the values."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")

    def update_state(self, values, sample_weight=None):
        with torch.no_grad():
            values, _ = reduce_to_samplewise_values(values, sample_weight, torch.sum, self._tdt)
            self.total.add_(torch.sum(values))

    def reset_state(self):
        with torch.no_grad():
            self.total.zero_()

    def result(self):
        return wrap(self.total.detach().clone())


class Mean(Metric):
    """Running (weighted) mean: total / count, 0 when nothing was counted."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="count")

    def _update_values(self, values, sample_weight=None):
        """Mean.update_state on values already free of autograd (the fast path)."""
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, torch.mean,
                                                            self._tdt)
        self.total.add_(torch.sum(values))
        if sample_weight is not None:
            self.count.add_(torch.sum(sample_weight))
        elif len(_tshape(values)) >= 1:
            self.count.add_(_tshape(values)[0])
        else:
            self.count.add_(1)

    def update_state(self, values, sample_weight=None):
        with torch.no_grad():
            self._update_values(values, sample_weight)

    def reset_state(self):
        with torch.no_grad():
            self.total.zero_()
            self.count.zero_()

    def result(self):
        return wrap(_divide_no_nan(self.total.detach(), self.count.detach()))


class MeanMetricWrapper(Mean):
    """Mean of `fn(y_true, y_pred, **kwargs)` over all samples seen."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        self._impl = getattr(fn, "_impl", None)

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        with torch.no_grad():
            if self._impl is not None:
                values = self._impl(y_true, y_pred, **self._fn_kwargs)
            else:
                values = self._fn(y_true, y_pred, **self._fn_kwargs)
            if mask is not None:
                sample_weight = apply_mask(sample_weight, mask, dtype=self._tdt, reduction="sum")
            self._update_values(values, sample_weight)

    def get_config(self):
        from ..losses import serialize_object
        config = super().get_config()
        config["fn"] = serialize_object(self._fn, "keras.metrics")
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "fn" in config:
            from . import _lookup_function
            config["fn"] = _lookup_function(config["fn"])
        return cls(**config)
