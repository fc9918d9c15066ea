"""What `Model.compile` builds: the compiled loss and the compiled metrics (Keras 3 semantics).

`CompileLoss` resolves the `loss` argument (strings, functions, Loss objects; one per output as a
list or a dict keyed by output name, or one for all outputs; `loss_weights` alike) on the first
batch, from the label and output shapes ('crossentropy' picks binary/sparse/categorical like
Keras). Unknown identifiers therefore raise when `fit` sees the first batch, as in tf.keras.
With several losses it keeps one `Mean` per loss (`<output>_loss`, the unweighted values).

`CompileMetrics` (the `compile_metrics` entry of `model.metrics`) resolves `metrics` and
`weighted_metrics` the same way on the first batch ('accuracy' by shapes, per-output lists or
dicts) and reports its results as one dict (`{'accuracy': ...}`, `{'b_accuracy': ...}` with
several outputs, `weighted_` prefixes for duplicates).

Everything is computed on plain torch tensors; `CompileLoss._compute` returns the summed loss as
a torch tensor without wrapping (the train step's hot path). A loss whose label and output
shapes cannot be combined raises like TF does: ValueError "Dimensions must be equal ..." when the
non-batch dimensions disagree, InvalidArgumentError "Incompatible shapes" otherwise.
"""
import collections
import re

import torch

from ...framework import errors
from ...framework.tensor import wrap, _tshape
from .. import losses as losses_module
from .. import metrics as metrics_module
from ..metrics.base import Metric, Mean

__all__ = ["CompileLoss", "CompileMetrics", "MetricsList", "flatten", "is_nested"]


# ---------------------------------------------------------------------------------------------
# structure helpers (Keras's `tree`: dicts flatten in sorted-key order)

def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten(x):
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(flatten(x[k]))
        return out
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(flatten(v))
        return out
    return [x]


def _struct_str(x):
    if isinstance(x, dict):
        return "{" + ", ".join(f"'{k}': {_struct_str(v)}" for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_struct_str(v) for v in x) + "]"
    if isinstance(x, tuple):
        return "(" + ", ".join(_struct_str(v) for v in x) + ("," if len(x) == 1 else "") + ")"
    return "*"


def _output_names(model_names, y_pred):
    """The flat output order and names: dict outputs by key (model order when the keys are the
    model's output names, else sorted), list outputs by position."""
    if isinstance(y_pred, dict):
        keys = list(y_pred.keys())
        if model_names and set(keys) == set(model_names):
            keys = list(model_names)
        elif not isinstance(y_pred, collections.OrderedDict):
            keys = sorted(keys)
        return keys, list(keys)
    if isinstance(y_pred, (list, tuple)):
        n = len(y_pred)
        names = list(model_names) if model_names and len(model_names) == n else [None] * n
        return list(range(n)), names
    names = list(model_names) if model_names and len(model_names) == 1 else [None]
    return [None], names


def _selectors(y_pred, keys, names):
    """One function per output taking a user structure (labels or sample weights) to that
    output's part: dicts by output name/key, lists by position (dict outputs: sorted-key
    position, as Keras packs them), a single array for every output."""
    if keys == [None]:
        def single(y):
            if isinstance(y, (list, tuple)) and len(y) == 1:
                return y[0]
            if isinstance(y, dict) and len(y) == 1:
                return next(iter(y.values()))
            return y
        return [single]
    n = len(keys)
    order = sorted(keys) if isinstance(y_pred, dict) else keys

    def make(i, key, name):
        pos = order.index(key)

        def sel(y):
            if isinstance(y, dict):
                if isinstance(key, str) and key in y:
                    return y[key]
                if name is not None and name in y:
                    return y[name]
                flat = flatten(y)
                if len(flat) == n:
                    return flat[pos]
                raise ValueError("y_true and y_pred have different structures.\n"
                                 f"y_true: {_struct_str(y)}\ny_pred: {_struct_str(y_pred)}\n")
            if isinstance(y, (list, tuple)):
                if len(y) == n:
                    return y[pos]
                raise ValueError("y_true and y_pred have different structures.\n"
                                 f"y_true: {_struct_str(y)}\ny_pred: {_struct_str(y_pred)}\n")
            return y
        return sel

    return [make(i, k, nm) for i, (k, nm) in enumerate(zip(keys, names))]


def _map_x(y):
    """The output structure with every leaf shown as 'X' (Keras's error messages)."""
    if isinstance(y, dict):
        return {k: _map_x(v) for k, v in y.items()}
    if isinstance(y, (list, tuple)):
        return [_map_x(v) for v in y]
    return "X"


def _output(y_pred, key):
    if key is None:
        return y_pred[0] if isinstance(y_pred, (list, tuple)) else y_pred
    return y_pred[key]


def _shape_text(shape, batch_unknown=True):
    return "[" + ",".join("?" if (i == 0 and batch_unknown) else str(d)
                          for i, d in enumerate(shape)) + "]"


def _sq_expand(ts, ps):
    """Keras's squeeze_or_expand_to_same_rank on shapes."""
    rt, rp = len(ts), len(ps)
    if rt == rp + 1 and ts[-1] == 1:
        if rp == 1:
            ps = ps + (1,)
        else:
            ts = ts[:-1]
    elif rp == rt + 1 and ps[-1] == 1:
        if rt == 1:
            ts = ts + (1,)
        else:
            ps = ps[:-1]
    return ts, ps


def _shape_error(loss_name, y_true, y_pred):
    """TF's error for labels/outputs that cannot be combined elementwise: the non-batch
    dimensions are known when TF traces the step (ValueError), the batch dimension only when
    it runs (InvalidArgumentError)."""
    try:
        ts, ps = _sq_expand(tuple(_tshape(y_true)), tuple(_tshape(y_pred)))
    except Exception:
        return None
    for a_pos, b_pos in zip(range(len(ts) - 1, -1, -1), range(len(ps) - 1, -1, -1)):
        if a_pos == 0 or b_pos == 0:
            break
        a, b = ts[a_pos], ps[b_pos]
        if a != b and a != 1 and b != 1:
            return ValueError(
                f"Dimensions must be equal, but are {a} and {b} for "
                f"'{{{{node compile_loss/{loss_name}/sub}}}}' with input shapes: "
                f"{_shape_text(ts)}, {_shape_text(ps)}.")
    for a, b in zip(reversed(ts), reversed(ps)):
        if a != b and a != 1 and b != 1:
            return errors.invalid_argument(
                f"Incompatible shapes: [{','.join(map(str, ts))}] vs. [{','.join(map(str, ps))}]",
                "__inference_multi_step_on_iterator")
    return None


_TRACED_SHAPE = re.compile(r"(target\.shape=|output\.shape=|y_true\.shape=|y_pred\.shape=)\((\d+)(?=[,)])")


def _is_plain_loss(obj):
    return isinstance(obj, losses_module.Loss) and type(obj).__call__ is losses_module.Loss.__call__


# ---------------------------------------------------------------------------------------------
# the compiled loss

class CompileLoss:
    """The `loss` (and `loss_weights`) of `compile`, resolved on the first batch."""

    def __init__(self, loss, loss_weights=None, reduction="sum_over_batch_size", output_names=None):
        if loss_weights and not isinstance(loss_weights, (list, tuple, dict, float)):
            raise ValueError("Expected `loss_weights` argument to be a float (single output case) or "
                             "a list, tuple, or dict (multiple output case). Received instead: "
                             f"loss_weights={loss_weights} of type {type(loss_weights)}")
        self._user_loss = loss
        self._user_loss_weights = loss_weights
        self.reduction = reduction
        self.output_names = output_names
        self.name = "compile_loss"
        self.built = False
        self._metrics = []
        self._flat = None      # [(key, index, loss_obj, weight, name)]
        self._single = None    # (loss_obj, weight) when there is one output and one loss

    @property
    def metrics(self):
        return self._metrics

    @property
    def variables(self):
        out = []
        for m in self._metrics:
            out.extend(m.variables)
        return out

    # -- building ---------------------------------------------------------------------------
    def build(self, y_true, y_pred):
        keys, names = _output_names(self.output_names, y_pred)
        sel = _selectors(y_pred, keys, names)
        n = len(keys)
        per_output = self._losses_per_output(self._user_loss, keys, names, y_pred)
        w_per_output = self._weights_per_output(self._user_loss_weights, keys, names, per_output)
        flat = []
        for i, (key, name) in enumerate(zip(keys, names)):
            entries = per_output[i]
            if entries is None:
                continue
            yt = sel[i](y_true)
            yp = _output(y_pred, key)
            for j, ident in enumerate(entries):
                if ident is None:
                    continue
                obj = losses_module.get_compile_loss(ident, yt, yp)
                w = w_per_output[i]
                if isinstance(w, (list, tuple)):
                    w = w[j] if j < len(w) else None
                lname = name if name is not None else (key if isinstance(key, str) else obj.name)
                flat.append((key, sel[i], obj, None if w is None else float(w), lname))
        self._flat = flat
        self._n_outputs = n
        self._metrics = [Mean(name=f"{e[4]}_loss") for e in flat] if len(flat) > 1 else []
        self._single = None
        if n == 1 and len(flat) == 1:
            self._single = (flat[0][2], flat[0][3])
        self.built = True

    def _losses_per_output(self, loss, keys, names, y_pred):
        n = len(keys)
        lookup = [k if isinstance(k, str) else nm for k, nm in zip(keys, names)]
        if isinstance(loss, dict):
            if n == 1 and keys[0] is None and len(loss) == 1 and (
                    names[0] is None or names[0] in loss):
                v = next(iter(loss.values()))
                return [v if isinstance(v, (list, tuple)) else [v]]
            if any(k not in lookup for k in loss):
                if not isinstance(y_pred, dict) and self.output_names:
                    raise ValueError(f"Expected keys {self.output_names} in loss dict, but found "
                                     f"loss.keys()={list(loss.keys())}")
                bad = next(k for k in loss if k not in lookup)
                raise KeyError(f"The path: ('{bad}',) in the `loss` argument, can't be found in "
                               "the model's output (`y_pred`).")
            out = []
            for nm in lookup:
                v = loss.get(nm)
                out.append(None if v is None else (list(v) if isinstance(v, (list, tuple)) else [v]))
            return out
        if isinstance(loss, (list, tuple)):
            if n == 1:
                return [list(loss)]
            if len(loss) == n:
                return [None if v is None else (list(v) if isinstance(v, (list, tuple)) else [v])
                        for v in loss]
            if all(not is_nested(v) for v in loss):  # several losses, each on every output
                return [list(loss) for _ in range(n)]
            raise ValueError(f"The model has {n} outputs, but `loss` has another structure: "
                             f"loss={loss}")
        return [[loss] for _ in range(n)]

    def _weights_per_output(self, weights, keys, names, per_output):
        n = len(keys)
        if weights is None:
            return [None] * n
        if isinstance(weights, dict):
            lookup = [k if isinstance(k, str) else nm for k, nm in zip(keys, names)]
            return [weights.get(nm) for nm in lookup]
        if isinstance(weights, (list, tuple)):
            n_losses = sum(len(p) for p in per_output if p)
            if len(weights) == n:
                return list(weights)
            if n == 1 and len(weights) == n_losses:
                return [list(weights)]
            raise ValueError(f"`loss_weights` must match the number of losses, got {n_losses} "
                             f"losses and {len(weights)} weights.")
        return [weights] * n

    # -- computing ------------------------------------------------------------------------------
    def __call__(self, y_true, y_pred, sample_weight=None):
        out = self._compute(y_true, y_pred, sample_weight)
        return None if out is None else wrap(out)

    def _compute(self, y_true, y_pred, sample_weight=None):
        """Total weighted loss as a plain torch tensor (None when no output has a loss)."""
        if not self.built:
            self.build(y_true, y_pred)
        single = self._single
        if single is not None and isinstance(y_pred, torch.Tensor):
            obj, w = single
            if isinstance(y_true, (list, tuple)) and len(y_true) == 1:
                y_true = y_true[0]
            value = _apply(obj, y_true, y_pred, sample_weight)
            return value * w if w is not None else value
        total = None
        trackers = self._metrics
        for j, (key, sel, obj, w, _name) in enumerate(self._flat):
            yp = _output(y_pred, key)
            sw = sel(sample_weight) if sample_weight is not None else None
            value = _apply(obj, sel(y_true), yp, sw)
            if trackers:
                first = flatten(yp)[0]
                shape = _tshape(first)
                bs = shape[0] if len(shape) else 1
                with torch.no_grad():
                    trackers[j].total.add_(value.detach() * bs)
                    trackers[j].count.add_(bs)
            if w is not None:
                value = value * w
            total = value if total is None else total + value
        return total


def _apply(obj, y_true, y_pred, sample_weight):
    """One loss on one output, as a float32 torch scalar; shape errors translated like TF's."""
    try:
        if _is_plain_loss(obj):
            value = obj._loss(y_true, y_pred, sample_weight)
        else:
            value = obj(y_true, y_pred, sample_weight)
    except (RuntimeError, errors.InvalidArgumentError):
        err = _shape_error(getattr(obj, "name", "loss"), y_true, y_pred)
        if err is not None:
            raise err from None
        raise
    except ValueError as e:
        msg = str(e)
        new = _TRACED_SHAPE.sub(lambda m: m.group(1) + "(None", msg)
        if new != msg:
            raise ValueError(new) from None
        raise
    if not isinstance(value, torch.Tensor):
        value = torch.as_tensor(value, dtype=torch.float32)
    if value.dtype is not torch.float32:
        value = value.to(torch.float32)
    return value


# ---------------------------------------------------------------------------------------------
# the compiled metrics

class MetricsList(Metric):
    """The metrics of one output."""

    def __init__(self, metrics, name="metrics_list", output_name=None):
        super().__init__(name=name)
        self.metrics = metrics
        self.output_name = output_name

    @property
    def variables(self):
        out = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def update_state(self, y_true, y_pred, sample_weight=None):
        for m in self.metrics:
            m.update_state(y_true, y_pred, sample_weight=sample_weight)

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def result(self):
        return {m.name: m.result() for m in self.metrics}


def _metrics_list(metrics, y_true, y_pred, output_name=None):
    if metrics is None:
        return None
    if isinstance(metrics, (list, tuple)):
        return MetricsList([metrics_module.get_metric(m, y_true, y_pred) for m in metrics],
                           output_name=output_name)
    return MetricsList([metrics_module.get_metric(metrics, y_true, y_pred)], output_name=output_name)


class CompileMetrics(Metric):
    """`model.metrics[1]`: the `metrics`/`weighted_metrics` of compile, built on the first batch."""

    def __init__(self, metrics, weighted_metrics, name="compile_metric", output_names=None):
        super().__init__(name=name)
        if metrics and not isinstance(metrics, (list, tuple, dict)):
            raise ValueError("Expected `metrics` argument to be a list, tuple, or dict. Received "
                             f"instead: metrics={metrics} of type {type(metrics)}")
        if weighted_metrics and not isinstance(weighted_metrics, (list, tuple, dict)):
            raise ValueError("Expected `weighted_metrics` argument to be a list, tuple, or dict. "
                             f"Received instead: weighted_metrics={weighted_metrics} of type "
                             f"{type(weighted_metrics)}")
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self.built = False
        self.name = "compile_metrics"
        self.output_names = output_names
        self._flat_metrics = []
        self._flat_weighted_metrics = []

    @property
    def metrics(self):
        if not self.built:
            return []
        out = []
        for m in self._flat_metrics + self._flat_weighted_metrics:
            if isinstance(m, MetricsList):
                out.extend(m.metrics)
            elif m is not None:
                out.append(m)
        return out

    @property
    def variables(self):
        if not self.built:
            return []
        out = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def build(self, y_true, y_pred):
        keys, names = _output_names(self.output_names, y_pred)
        self._keys, self._names = keys, names
        self._sel = _selectors(y_pred, keys, names)
        self._y_pred_struct = _map_x(y_pred)
        flat_true = [f(y_true) for f in self._sel]
        flat_pred = [_output(y_pred, k) for k in keys]
        self._flat_metrics = self._build_set(self._user_metrics, keys, names, flat_true, flat_pred,
                                             "metrics")
        self._flat_weighted_metrics = self._build_set(self._user_weighted_metrics, keys, names,
                                                      flat_true, flat_pred, "weighted_metrics")
        self._any_weighted = any(m is not None for m in self._flat_weighted_metrics)
        self.built = True

    def _build_set(self, metrics, keys, names, flat_true, flat_pred, argument_name):
        n = len(keys)
        if not metrics:
            return [None] * n
        if n == 1:
            return [_metrics_list(flatten(metrics), flat_true[0], flat_pred[0], None)]
        lookup = [k if isinstance(k, str) else nm for k, nm in zip(keys, names)]
        per_output = None
        if isinstance(metrics, (list, tuple)) and len(metrics) == n:
            per_output = list(metrics)
        elif isinstance(metrics, dict) and len(metrics) <= n and set(metrics) <= set(
                x for x in lookup if x is not None):
            per_output = [metrics.get(nm) for nm in lookup]
        if per_output is None:
            prefix = ""
            if isinstance(metrics, (list, tuple)) and isinstance(self._y_pred_struct, list):
                prefix = (f"tuple arity mismatch; expected: {n}, got: {len(metrics)}; tuple: "
                          f"{tuple(metrics)}.\n")
            names_text = (f"the output names of the functional model {self.output_names} or "
                          if self.output_names else "")
            raise ValueError(f"{prefix}Invalid `{argument_name}`. `{argument_name}` should contain "
                             f"metrics objects and {'either be a dict or a list matching ' if names_text else ''}"
                             f"{names_text}match the output structure of the model: "
                             f"{self._y_pred_struct}.\nReceived: {argument_name}={metrics}")
        return [_metrics_list(m, yt, yp, nm) for m, yt, yp, nm in
                zip(per_output, flat_true, flat_pred, names)]

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        sel = self._sel
        if len(sel) == 1:
            y_true_f = [sel[0](y_true)]
            y_pred_f = [_output(y_pred, self._keys[0])]
        else:
            y_true_f = [f(y_true) for f in sel]
            y_pred_f = [_output(y_pred, k) for k in self._keys]
        for m, yt, yp in zip(self._flat_metrics, y_true_f, y_pred_f):
            if m is not None:
                m.update_state(yt, yp)
        if self._any_weighted:
            if sample_weight is None:
                sws = [None] * len(sel)
            else:
                sws = [f(sample_weight) for f in sel]
            for m, yt, yp, sw in zip(self._flat_weighted_metrics, y_true_f, y_pred_f, sws):
                if m is not None:
                    m.update_state(yt, yp, sw)

    def reset_state(self):
        if not self.built:
            return
        for m in self._flat_metrics:
            if m:
                m.reset_state()
        for m in self._flat_weighted_metrics:
            if m:
                m.reset_state()

    def result(self):
        if not self.built:
            raise ValueError("Cannot get result() since the metric has not yet been built.")
        results = {}
        counters = {}
        for mls in self._flat_metrics:
            if not mls:
                continue
            for m in mls.metrics:
                name = m.name
                if mls.output_name:
                    name = f"{mls.output_name}_{name}"
                if name not in counters:
                    counters[name] = 1
                else:
                    index = counters[name]
                    counters[name] += 1
                    name = f"{name}_{index}"
                results[name] = m.result()
        for mls in self._flat_weighted_metrics:
            if not mls:
                continue
            for m in mls.metrics:
                name = m.name
                if mls.output_name:
                    name = f"{mls.output_name}_{name}"
                if name not in counters:
                    counters[name] = 1
                else:
                    name = f"weighted_{m.name}"
                    if mls.output_name:
                        name = f"{mls.output_name}_{name}"
                    if name not in counters:
                        counters[name] = 1
                    else:
                        index = counters[name]
                        counters[name] += 1
                        name = f"{name}_{index}"
                results[name] = m.result()
        return results

    def get_config(self):
        raise NotImplementedError

    @classmethod
    def from_config(cls, config):
        raise NotImplementedError

