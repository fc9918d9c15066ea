"""The logs convention between the trainer, `CallbackList` and the callbacks (shim-internal).

What the trainer (fit/evaluate/predict, or a custom loop) may pass as `logs` to any
`CallbackList.on_*` hook:

* `None`;
* a dict `{name: value}` whose values are Python numbers, numpy values, torch/shim tensors
  (on any device, may require grad) or nested dicts (flattened, as Keras does);
* a zero-argument callable returning such a dict ("deferred logs"). It is called at most once
  per hook call, and only when some callback needs the values during that call. Passing e.g.
  `lambda: self._metric_results()` from the train loop means that a step whose logs nobody
  reads computes no metric results and never waits for the device.

What callbacks receive:

* epoch and begin/end hooks (`on_epoch_*`, `on_train_*`, `on_test_*`, `on_predict_*`): always a
  fresh Python dict made by `pythonify_logs` (one host sync for all tensors), shared by all
  callbacks of that hook call, so a callback that adds keys (ReduceLROnPlateau and
  LearningRateScheduler add `learning_rate`) is seen by the ones after it (History);
* batch hooks (`on_{train,test,predict}_batch_{begin,end}`, `on_batch_*`): a callback whose
  hook is not overridden is not called at all; an override marked `@accepts_raw_logs`
  (ProgbarLogger, ModelCheckpoint, BackupAndRestore) gets the logs exactly as the trainer passed
  them and converts only when it needs values (the progress bar: only when it redraws, i.e. at
  most every 0.05 s); any other override (user callbacks, TerminateOnNaN) gets the
  `pythonify_logs` dict, converted once per hook call, exactly like Keras 3.

`pythonify_logs` follows Keras 3's `python_utils.pythonify_logs`: nested dicts are flattened,
keys come out sorted (this is why history keys and progress-bar metrics are alphabetical:
`accuracy` before `loss`), scalars become Python floats (float32 0.7293561 -> 0.7293561100959778),
non-scalar tensors become numpy arrays, anything else is kept.
"""
import torch

__all__ = ["pythonify_logs", "resolve_logs", "accepts_raw_logs", "default", "is_default"]


def default(method):
    """Mark a `Callback` hook as the base no-op (lets CallbackList skip callbacks that do not
    override a batch hook)."""
    method._is_default = True
    return method


def is_default(method):
    return getattr(method, "_is_default", False)


def accepts_raw_logs(method):
    """Mark a batch-hook override that reads logs through `resolve_logs`/`pythonify_logs`
    itself, so CallbackList may hand it unconverted (device tensor / deferred) logs."""
    method._accepts_raw_logs = True
    return method


def resolve_logs(logs):
    """Deferred logs -> the dict (or None) it stands for, without converting values."""
    if callable(logs) and not isinstance(logs, dict):
        logs = logs()
    return logs


def _flatten(logs, out, sort):
    for key, value in (sorted(logs.items()) if sort else logs.items()):
        if isinstance(value, dict):
            _flatten(value, out, sort)
        else:
            out[key] = value


def pythonify_logs(logs, sort=True):
    """Logs (dict, deferred callable or None) -> flat dict, sorted keys, Python floats.

    All scalar tensors are read with a single host transfer per device. `sort=False` keeps the
    key order (for logs that already went through CallbackList and may have gained keys)."""
    logs = resolve_logs(logs)
    if not logs:
        return {}
    result = {}
    _flatten(logs, result, sort)
    scalars = {}
    for key, value in result.items():
        if isinstance(value, torch.Tensor):
            if value.numel() == 1 and not value.is_complex():
                scalars.setdefault(value.device, []).append(key)
            else:
                result[key] = value.detach().cpu().numpy()
        elif not isinstance(value, float):
            try:
                result[key] = float(value)
            except Exception:  # as Keras: keep what float() refuses (arrays, strings, None)
                pass
    for keys in scalars.values():
        if len(keys) == 1:
            result[keys[0]] = float(result[keys[0]].detach().reshape(()).item())
            continue
        stacked = torch.stack([result[k].detach().reshape(()).to(torch.float64) for k in keys])
        for k, v in zip(keys, stacked.tolist()):
            result[k] = v
    return result
