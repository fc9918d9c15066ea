"""MonitorCallback: shared `monitor` / `mode` / `min_delta` logic of EarlyStopping,
ReduceLROnPlateau and ModelCheckpoint (not exported by Keras either).

mode 'auto' is resolved at the first epoch end, as Keras 3 does: `loss`/`val_loss` -> min;
otherwise the direction of the compiled metric of that name (`m._direction`, 'up' -> max,
'down' -> min), looked up in the metric containers of `model.metrics` (any entry that has a list
attribute `metrics`, i.e. the trainer's compile-metrics container); none found -> ValueError.
Keras 3 does NOT guess from the name: monitor='val_accuracy' with mode='auto' needs a model
compiled with that metric.

Improvement test: `monitor_op(current - min_delta, best)` where min_delta is negated for 'min'.
Keras runs it through `keras.ops.less/greater`, i.e. on tensors: Python floats are compared as
float32, numpy/tensor values in their own dtype. `_compare` reproduces that, so two losses equal
in float32 are not an improvement.
"""
import warnings

import numpy as np

from .callback import Callback

__all__ = ["MonitorCallback"]


def _strong_dtype(x):
    if isinstance(x, (bool, int, float)):
        return None  # Python scalars are "weak": they take the other operand's dtype
    if hasattr(x, "detach") and hasattr(x, "numel"):
        x = x.detach().cpu().numpy()
    return np.asarray(x).dtype


def _as_array(x):
    if hasattr(x, "detach") and hasattr(x, "numel"):
        return x.detach().cpu().numpy()
    return x


def _compare(op, a, b):
    strong = [d for d in (_strong_dtype(a), _strong_dtype(b)) if d is not None]
    if not strong and all(isinstance(v, int) for v in (a, b)):
        return bool(op(a, b))  # int32 in Keras; exact here
    dtype = np.result_type(*strong) if strong else np.dtype(np.float32)
    if dtype.kind not in "fc":
        dtype = np.dtype(np.float32)
    return bool(np.all(op(np.asarray(_as_array(a), dtype), np.asarray(_as_array(b), dtype))))


def _less(a, b):
    return _compare(np.less, a, b)


def _greater(a, b):
    return _compare(np.greater, a, b)


def _compile_metrics(model):
    found = []
    for m in getattr(model, "metrics", None) or ():
        inner = getattr(m, "metrics", None)
        if isinstance(inner, (list, tuple)):
            found.extend(inner)
    return found


class MonitorCallback(Callback):
    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{self.__class__.__name__} mode '{mode}' is unknown, fallback to auto mode.",
                          stacklevel=2)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _set_monitor_op(self):
        if self.mode == "min":
            self.monitor_op = _less
        elif self.mode == "max":
            self.monitor_op = _greater
        else:
            name = self.monitor[4:] if self.monitor.startswith("val_") else self.monitor
            if name == "loss":
                self.monitor_op = _less
            for m in _compile_metrics(self.model):
                if getattr(m, "name", None) == name and hasattr(m, "_direction"):
                    self.monitor_op = _greater if m._direction == "up" else _less
            if self.monitor_op is None:
                raise ValueError(
                    f"{self.__class__.__name__} callback received monitor={self.monitor}, but Keras "
                    "isn't able to automatically determine whether that metric should be maximized "
                    "or minimized. Pass `mode='max'` in order to monitor based on the highest "
                    "metric value, or pass `mode='min'` in order to use the lowest value.")
        if self.monitor_op is _less:
            self.min_delta *= -1

    def _is_improvement(self, monitor_value, reference_value):
        if reference_value is None:
            return True
        return self.monitor_op(monitor_value - self.min_delta, reference_value)
