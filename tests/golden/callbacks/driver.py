"""Runs a callback case (cases.py) against a Keras-like namespace: real tf.keras when
tools/gen_callbacks_golden.py records, the shim in tests/keras/test_callbacks.py / test_progbar.py.

A case drives a `CallbackList` the way fit/evaluate/predict do, with a stub model (weights =
[[epoch marker]], a stub optimizer whose learning_rate is stored as float32, save/save_weights
recorded), a scripted clock for the progress bar, and records stdout, warnings, callback state
after each epoch, History, and what happened to the model.
"""
import contextlib
import io
import json
import os
import tempfile
import warnings

import numpy as np


class Clock:
    """t_0 = start, t_k = t_{k-1} + deltas[(k-1) % len(deltas)]."""

    def __init__(self, start, deltas):
        self.t = float(start)
        self.deltas = list(deltas)
        self.k = 0

    def __call__(self):
        t = self.t
        self.t = t + self.deltas[self.k % len(self.deltas)]
        self.k += 1
        return t


class StubOptimizer:
    name = "sgd"
    built = True

    def __init__(self, lr):
        self._lr = np.float32(lr)

    @property
    def learning_rate(self):
        return self._lr

    @learning_rate.setter
    def learning_rate(self, value):
        self._lr = np.float32(value)


class StubMetric:
    def __init__(self, name, direction):
        self.name = name
        if direction is not None:
            self._direction = direction


class StubModel:
    def __init__(self, lr=0.01):
        self.stop_training = False
        self.optimizer = StubOptimizer(lr)
        self.marker = -1.0
        self.set_calls = []
        self.saved = []
        self.built = True
        self.metrics = []

    def get_weights(self):
        return [np.array([self.marker], dtype="float32")]

    def set_weights(self, weights):
        self.set_calls.append(float(weights[0][0]))

    def save(self, filepath, overwrite=True):
        self.saved.append(["save", filepath])

    def save_weights(self, filepath, overwrite=True):
        self.saved.append(["save_weights", filepath])
        with open(filepath, "w") as f:
            f.write(json.dumps({"marker": self.marker}))

    def load_weights(self, filepath):
        with open(filepath) as f:
            self.saved.append(["load_weights", filepath, json.loads(f.read())["marker"]])


def _schedule(name):
    return {
        "halve_from_2": lambda epoch, lr: lr if epoch < 2 else lr * 0.5,
        "epoch_only": lambda epoch: 0.1 / (epoch + 1),
        "np_float32": lambda epoch, lr: np.float32(0.5) ** epoch,
        "returns_int": lambda epoch: 1,
    }[name]


def _printer(hook):
    def fn(*args, **kwargs):
        logs = kwargs.get("logs", args[-1] if args and isinstance(args[-1], dict) else None)
        pos = [a for a in args if not isinstance(a, dict)]
        items = "" if logs is None else " " + ", ".join(f"{k}={logs[k]!r}" for k in sorted(logs))
        print(f"[{hook}] {pos}{items}")
    return fn


def build_callback(K, spec, tmp):
    name, kwargs = spec[0], dict(spec[1])
    cls = getattr(K.callbacks, name)
    for key in ("filepath", "filename", "backup_dir", "log_dir"):
        if key in kwargs:
            kwargs[key] = os.path.join(tmp, kwargs[key])
    if name == "LearningRateScheduler":
        kwargs["schedule"] = _schedule(kwargs["schedule"])
    if name == "LambdaCallback":
        kwargs = {hook: _printer(hook) for hook in kwargs["hooks"]}
    return cls(**kwargs)


def _clean(value):
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _state(cb, attrs):
    return {a: _clean(getattr(cb, a, "<missing>")) for a in attrs}


def _listing(tmp):
    out = []
    for root, dirs, files in os.walk(tmp):
        for f in files:
            out.append(os.path.relpath(os.path.join(root, f), tmp).replace(os.sep, "/"))
    return sorted(out)


def _logs(d, wrap):
    if d is None:
        return None
    d = {k: (float("nan") if v == "nan" else float("inf") if v == "inf" else v) for k, v in d.items()}
    return wrap(d) if wrap else d


def run_case(K, case, patch_clock, wrap_batch_logs=None, make_metrics_container=None):
    """Run one case; `patch_clock(clock)` installs the scripted clock in the progbar module and
    returns an undo function. `wrap_batch_logs(dict)` lets the shim test pass batch logs as
    tensors or deferred callables."""
    case = dict(case, _wrap=wrap_batch_logs)
    tmp = tempfile.mkdtemp()
    out = io.StringIO()
    result = {"error": None}
    undo = patch_clock(Clock(*case.get("clock", (1000.0, [0.1]))))
    model = StubModel(case.get("lr", 0.01))
    if case.get("metrics") and make_metrics_container is not None:
        model.metrics = [make_metrics_container([StubMetric(n, d) for n, d in case["metrics"]])]
    states = []
    caught = []
    try:
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
            warnings.simplefilter("always")
            cbs = [build_callback(K, s, tmp) for s in case["callbacks"]]
            for _ in range(case.get("runs", 1)):
                _run_fit(K, case, model, cbs, states)
            for ev in case.get("evaluate", []):
                _run_eval(K, case, model, cbs if ev.get("shared") else [], ev)
    except Exception as e:  # noqa: BLE001 - the error is part of the record
        result["error"] = f"{type(e).__name__}: {e}".replace(tmp + os.sep, "TMP/").replace(tmp, "TMP")
    finally:
        undo()
    files = {}
    for rel in _listing(tmp):
        if rel.endswith((".csv", ".json")):
            with open(os.path.join(tmp, rel), "rb") as f:
                files[rel] = f.read().decode("latin-1")
    result.update({
        "stdout": out.getvalue().replace(tmp + os.sep, "TMP/"),
        "warnings": [f"{w.category.__name__}: {w.message}".replace(tmp + os.sep, "TMP/") for w in caught],
        "states": states,
        "model": {"stop_training": bool(model.stop_training), "set_calls": model.set_calls,
                  "saved": [[s[0], s[1].replace(tmp + os.sep, "TMP/")] + s[2:] for s in model.saved],
                  "lr": float(model.optimizer.learning_rate),
                  "initial_epoch": getattr(model, "_initial_epoch", None)},
        "files": files,
        "listing": _listing(tmp),
    })
    hist = getattr(model, "history", None)
    if hist is not None and hasattr(hist, "history"):
        result["history"] = _clean(hist.history)
        result["history_epoch"] = list(getattr(hist, "epoch", []))
        result["history_params"] = _clean(hist.params)
    return result


def _run_fit(K, case, model, cbs, states):
    epochs, verbose = case.get("epochs", 1), case.get("verbose", 0)
    n_batches = case.get("n_batches", 0)
    batch_logs = case.get("batch_logs") or []
    cbl = K.callbacks.CallbackList(cbs, add_history=True, add_progbar=verbose != 0, model=model,
                                   verbose=verbose, epochs=epochs, steps=case.get("steps", n_batches or None))
    model.stop_training = False
    cbl.on_train_begin()
    logs = None
    start = getattr(model, "_initial_epoch", None) or 0
    record = case.get("record", {})
    for epoch in range(start, epochs):
        model.marker = float(epoch)
        cbl.on_epoch_begin(epoch)
        for b in range(n_batches):
            cbl.on_train_batch_begin(b)
            bl = batch_logs[epoch][b] if epoch < len(batch_logs) else {"loss": 0.5}
            cbl.on_train_batch_end(b, _logs(bl, case.get("_wrap")))
            if model.stop_training:
                break
        epoch_logs = dict(_logs(case["epoch_logs"][epoch], None))
        if case.get("val_batches"):
            cbl.on_test_begin()
            for b in range(case["val_batches"]):
                cbl.on_test_batch_begin(b)
                cbl.on_test_batch_end(b, {"loss": 1.0})
            val = {k[4:]: v for k, v in epoch_logs.items() if k.startswith("val_")}
            cbl.on_test_end(val)
        cbl.on_epoch_end(epoch, epoch_logs)
        states.append({str(i): _state(cbs[int(i)], attrs) for i, attrs in record.items()})
        states[-1]["lr"] = float(model.optimizer.learning_rate)
        states[-1]["stop_training"] = bool(model.stop_training)
        logs = epoch_logs
        if model.stop_training:
            break
    cbl.on_train_end(logs)


def _run_eval(K, case, model, cbs, ev):
    kind = ev.get("kind", "test")
    steps = ev.get("steps")
    n = ev["n_batches"]
    cbl = K.callbacks.CallbackList(cbs, add_progbar=ev.get("verbose", 1) != 0, model=model,
                                   verbose=ev.get("verbose", 1), epochs=1, steps=steps)
    getattr(cbl, f"on_{kind}_begin")()
    for b in range(n):
        getattr(cbl, f"on_{kind}_batch_begin")(b)
        if kind == "predict":
            getattr(cbl, f"on_{kind}_batch_end")(b, {"outputs": np.zeros((2, 1), "float32")})
        else:
            getattr(cbl, f"on_{kind}_batch_end")(b, _logs(ev["batch_logs"][b], case.get("_wrap")))
    getattr(cbl, f"on_{kind}_end")(_logs(ev.get("final_logs"), None))
