"""keras.callbacks.CallbackList: calls a list of callbacks through one object.

    CallbackList(callbacks=None, add_history=False, add_progbar=False, model=None, **params)

As in Keras 3: a `History` (add_history) and a `ProgbarLogger` (add_progbar) are appended unless
the list already holds one (History first, then the ProgbarLogger, after the user's callbacks);
`model.history` is set to the History; `params` (fit passes `verbose=, epochs=, steps=`) go to
every callback's `set_params`. Calls are synchronous (as tf.keras on the TF backend).

How the trainer drives it (the order tf.keras 2.21 uses):

    fit:      cbs = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0,
                                 model=model, verbose=verbose, epochs=epochs, steps=steps_or_None)
              model.stop_training = False; cbs.on_train_begin()
              for epoch in range(model._initial_epoch or initial_epoch, epochs):  # BackupAndRestore
                  reset metrics; cbs.on_epoch_begin(epoch)
                  for step: cbs.on_train_batch_begin(step); logs = train_step(...)
                            cbs.on_train_batch_end(step, logs)     # logs may be deferred
                            if model.stop_training: break
                  epoch_logs = dict(metric results)
                  if validating: val = evaluate(..., callbacks=cbs, return_dict=True)
                                 epoch_logs.update({"val_" + k: v for k, v in val.items()})
                  cbs.on_epoch_end(epoch, epoch_logs)
                  if model.stop_training: break
              cbs.on_train_end(logs=last epoch_logs)
    evaluate: cbs = CallbackList(callbacks, add_progbar=verbose != 0, model=model,
                                 verbose=verbose, epochs=1, steps=steps_or_None)  # unless given one
              cbs.on_test_begin(); per step on_test_batch_begin/end(step, logs)
              logs = pythonify_logs(results); cbs.on_test_end(logs)
    predict:  same with on_predict_*; batch end logs are {"outputs": batch_outputs}.

`logs` may be dicts of device tensors or zero-argument callables (see `logs.py`): batch hooks
are only dispatched to callbacks that override them, and values are only read when one needs them.
"""
from .callback import Callback
from .history import History
from .logs import is_default, pythonify_logs
from .progbar_logger import ProgbarLogger

__all__ = ["CallbackList"]

# batch hook -> the alias the base-class implementation forwards to
_BATCH_HOOKS = {
    "on_batch_begin": None, "on_batch_end": None,
    "on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end",
    "on_test_batch_begin": None, "on_test_batch_end": None,
    "on_predict_batch_begin": None, "on_predict_batch_end": None,
}


def _flatten(callbacks):
    out = []
    for c in callbacks:
        if isinstance(c, (list, tuple)):
            out.extend(_flatten(c))
        elif c is not None:
            out.append(c)
    return out


def _dispatch_mode(cb, hook):
    """None: the callback does nothing on `hook`; True: it takes raw logs; False: Python logs."""
    fn = getattr(cb, hook)
    if is_default(fn):
        alias = _BATCH_HOOKS[hook]
        if alias is None:
            return None
        fn = getattr(cb, alias)
        if is_default(fn):
            return None
    return bool(getattr(fn, "_accepts_raw_logs", False))


class CallbackList(Callback):
    """Container that forwards every hook to each of its callbacks, in order."""

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None, **params):
        super().__init__()
        if isinstance(callbacks, CallbackList):
            callbacks = callbacks.callbacks
        self.callbacks = _flatten(callbacks) if callbacks else []
        self._in_begin_end_block_count = 0
        self._add_default_callbacks(add_history, add_progbar)
        self._plan = None
        self.set_model(model)
        self.set_params(params)

    def _add_default_callbacks(self, add_history, add_progbar):
        self._progbar = None
        self._history = None
        for cb in self.callbacks:
            if isinstance(cb, ProgbarLogger):
                self._progbar = cb
            elif isinstance(cb, History):
                self._history = cb
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)

    def append(self, callback):
        self.callbacks.append(callback)
        self._plan = None

    def set_params(self, params):
        self.params = params
        if params:
            for cb in self.callbacks:
                cb.set_params(params)

    def set_model(self, model):
        if model is None:
            return
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for cb in self.callbacks:
            cb.set_model(model)

    # -- dispatch helpers ---------------------------------------------------------------------
    def _batch_plan(self, hook):
        plan = self._plan
        if plan is None or plan[0] != len(self.callbacks):
            plan = (len(self.callbacks), {})
            self._plan = plan
        targets = plan[1].get(hook)
        if targets is None:
            targets = []
            for cb in self.callbacks:
                mode = _dispatch_mode(cb, hook)
                if mode is not None:
                    targets.append((cb, mode))
            plan[1][hook] = targets
        return targets

    def _batch(self, hook, batch, logs):
        targets = self._batch_plan(hook)
        if not targets:
            return
        py = None
        for cb, raw in targets:
            if raw:
                getattr(cb, hook)(batch, logs=logs)
            else:
                if py is None:
                    py = pythonify_logs(logs)
                getattr(cb, hook)(batch, logs=py)

    def _each(self, hook, *args, logs=None):
        logs = pythonify_logs(logs)
        for cb in self.callbacks:
            getattr(cb, hook)(*args, logs)

    def _on_begin(self):
        self._in_begin_end_block_count += 1

    def _on_end(self):
        self._in_begin_end_block_count -= 1
        if self._in_begin_end_block_count < 0:
            raise ValueError("`on_xxx_end` called without corresponding `on_xxx_begin`")

    # -- hooks --------------------------------------------------------------------------------
    def on_batch_begin(self, batch, logs=None):
        self._batch("on_batch_begin", batch, logs)

    def on_batch_end(self, batch, logs=None):
        self._batch("on_batch_end", batch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._batch("on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._batch("on_train_batch_end", batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._batch("on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._batch("on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._batch("on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._batch("on_predict_batch_end", batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._each("on_epoch_begin", epoch, logs=logs)

    def on_epoch_end(self, epoch, logs=None):
        self._each("on_epoch_end", epoch, logs=logs)

    def on_train_begin(self, logs=None):
        self._on_begin()
        self._each("on_train_begin", logs=logs)

    def on_train_end(self, logs=None):
        self._each("on_train_end", logs=logs)
        self._on_end()

    def on_test_begin(self, logs=None):
        self._on_begin()
        self._each("on_test_begin", logs=logs)

    def on_test_end(self, logs=None):
        self._each("on_test_end", logs=logs)
        self._on_end()

    def on_predict_begin(self, logs=None):
        self._on_begin()
        self._each("on_predict_begin", logs=logs)

    def on_predict_end(self, logs=None):
        self._each("on_predict_end", logs=logs)
        self._on_end()
