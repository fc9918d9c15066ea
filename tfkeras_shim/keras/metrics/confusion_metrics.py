"""Confusion-matrix metrics (TP/FP/TN/FN, Precision, Recall, AUC, ...) as Keras 3 computes them.

Evenly spaced thresholds (AUC's default 200) use Keras's bucket method: one scatter-add into
threshold buckets and a reversed cumulative sum, all on the device. Other thresholds compare
every prediction with every threshold.
"""
from enum import Enum

import numpy as np
import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from ..losses import _t, squeeze_or_expand_to_same_rank, _divide_no_nan, EPSILON
from .base import Metric

__all__ = ["TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives", "Precision",
           "Recall", "AUC", "SensitivityAtSpecificity", "SpecificityAtSensitivity",
           "PrecisionAtRecall", "RecallAtPrecision"]

NEG_INF = -1e10


class ConfusionMatrix(Enum):
    TRUE_POSITIVES = "tp"
    FALSE_POSITIVES = "fp"
    TRUE_NEGATIVES = "tn"
    FALSE_NEGATIVES = "fn"


class AUCCurve(Enum):
    ROC = "ROC"
    PR = "PR"
    PRGAIN = "PRGAIN"

    @staticmethod
    def from_str(key):
        if key in ("pr", "PR"):
            return AUCCurve.PR
        if key in ("roc", "ROC"):
            return AUCCurve.ROC
        if key in ("prgain", "PRGAIN"):
            return AUCCurve.PRGAIN
        raise ValueError(f'Invalid AUC curve value: "{key}". '
                         'Expected values are ["PR", "ROC", "PRGAIN"]')


class AUCSummationMethod(Enum):
    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key):
        if key in ("interpolation", "Interpolation"):
            return AUCSummationMethod.INTERPOLATION
        if key in ("majoring", "Majoring"):
            return AUCSummationMethod.MAJORING
        if key in ("minoring", "Minoring"):
            return AUCSummationMethod.MINORING
        raise ValueError(f'Invalid AUC summation method value: "{key}". '
                         'Expected values are ["interpolation", "majoring", "minoring"]')


def _to_list(x):
    if isinstance(x, (list, tuple)):
        return list(x)
    if isinstance(x, np.ndarray):
        return x.tolist() if x.ndim else [x.item()]
    return [x]


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is not None:
        bad = [t for t in _to_list(thresholds) if t is None or t < 0 or t > 1]
        if bad:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {bad}")
    return _to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=EPSILON))


def _filter_top_k(x, k):
    idx = torch.topk(x, k, dim=-1).indices
    mask = torch.zeros_like(x).scatter_(-1, idx, 1.0)
    return x * mask + NEG_INF * (1 - mask)


def _bucket_update(variables, y_true, y_pred, num_thresholds, multi_label, sample_weight,
                   label_weights, with_epsilon):
    """Keras's optimized update for evenly spaced thresholds (bucket counts + reversed cumsum)."""
    dt = _tdtype(y_pred)
    if sample_weight is None:
        weights = None
    else:
        weights = torch.broadcast_to(sample_weight.to(dt), _tshape(y_pred))
        if not multi_label:
            weights = weights.reshape(-1)
    if label_weights is not None:
        lw = torch.broadcast_to(label_weights.unsqueeze(0), _tshape(y_pred))
        if not multi_label:
            lw = lw.reshape(-1)
        weights = lw if weights is None else weights * lw
    y_pred = y_pred.clamp(0.0, 1.0)
    y_true = y_true.bool().to(dt)
    if not multi_label:
        y_true = y_true.reshape(-1)
        y_pred = y_pred.reshape(-1)
    true_labels = y_true if weights is None else y_true * weights
    false_labels = (1.0 - y_true) if weights is None else (1.0 - y_true) * weights
    buckets = torch.ceil(y_pred * (num_thresholds - 1)) - 1
    if with_epsilon:
        buckets = torch.relu(buckets)
    buckets = buckets.long()
    valid = buckets >= 0  # unsorted_segment_sum drops negative segment ids
    if not with_epsilon:
        true_labels = true_labels * valid
        false_labels = false_labels * valid
        buckets = buckets.clamp_min(0)
    if multi_label:
        n_labels = _tshape(y_pred)[-1]
        offs = buckets + torch.arange(n_labels, device=buckets.device) * num_thresholds
        tp_b = torch.zeros(n_labels * num_thresholds, dtype=dt, device=buckets.device)
        fp_b = torch.zeros_like(tp_b)
        tp_b.index_add_(0, offs.reshape(-1), true_labels.reshape(-1))
        fp_b.index_add_(0, offs.reshape(-1), false_labels.reshape(-1))
        tp_b = tp_b.reshape(n_labels, num_thresholds)
        fp_b = fp_b.reshape(n_labels, num_thresholds)
        tp = tp_b.flip(1).cumsum(1).flip(1).t()
        fp = fp_b.flip(1).cumsum(1).flip(1).t()
        total_true = true_labels.sum(0)
        total_false = false_labels.sum(0)
    else:
        tp_b = torch.zeros(num_thresholds, dtype=dt, device=buckets.device)
        fp_b = torch.zeros_like(tp_b)
        tp_b.index_add_(0, buckets, true_labels.to(dt))
        fp_b.index_add_(0, buckets, false_labels.to(dt))
        tp = tp_b.flip(0).cumsum(0).flip(0)
        fp = fp_b.flip(0).cumsum(0).flip(0)
        total_true = true_labels.sum()
        total_false = false_labels.sum()
    if ConfusionMatrix.TRUE_POSITIVES in variables:
        variables[ConfusionMatrix.TRUE_POSITIVES].add_(tp)
    if ConfusionMatrix.FALSE_POSITIVES in variables:
        variables[ConfusionMatrix.FALSE_POSITIVES].add_(fp)
    if ConfusionMatrix.TRUE_NEGATIVES in variables:
        variables[ConfusionMatrix.TRUE_NEGATIVES].add_(total_false - fp)
    if ConfusionMatrix.FALSE_NEGATIVES in variables:
        variables[ConfusionMatrix.FALSE_NEGATIVES].add_(total_true - tp)


_THRESH_CACHE = {}


def _thresholds_tensor(thresholds, dtype, device):
    key = (tuple(float(t) for t in thresholds), dtype, device)
    t = _THRESH_CACHE.get(key)
    if t is None:
        t = _THRESH_CACHE[key] = torch.tensor([float(x) for x in thresholds], dtype=dtype,
                                              device=device)
    return t


def update_confusion_matrix_variables(variables, y_true, y_pred, thresholds, top_k=None,
                                      class_id=None, sample_weight=None, multi_label=False,
                                      label_weights=None, thresholds_distributed_evenly=False):
    """Add this batch's confusion counts (per threshold) to `variables` in place (no_grad)."""
    if multi_label and label_weights is not None:
        raise ValueError("`label_weights` for multilabel data should be handled outside of "
                         "`update_confusion_matrix_variables` when `multi_label` is True.")
    if not variables:
        return
    var0 = next(iter(variables.values()))
    dt = _tdtype(var0)
    y_true = _t(y_true).detach().to(dt)
    y_pred = _t(y_pred).detach().to(dt)
    thresholds = list(thresholds)
    with_epsilon = thresholds_distributed_evenly and (thresholds[0] < 0.0 or thresholds[-1] > 1.0)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = _t(sample_weight).detach().to(dt).unsqueeze(-1)
        _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight,
                                                         expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if y_pred.dim() == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape "
                             "(num_samples, num_classes), found shape: "
                             f"{tuple(_tshape(y_pred))}")
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    if label_weights is not None:
        label_weights = _t(label_weights).to(device=y_pred.device, dtype=dt)
    if thresholds_distributed_evenly:
        return _bucket_update(variables, y_true, y_pred, len(thresholds), multi_label,
                              sample_weight, label_weights, with_epsilon)
    th = _thresholds_tensor(thresholds, dt, y_pred.device)
    if multi_label:
        preds = y_pred.unsqueeze(0)                    # [1, N, L]
        labels = y_true.bool().unsqueeze(0)
        thr = th.reshape(-1, 1, 1)                     # [T, 1, 1]
        sum_dims = (1,)
    else:
        preds = y_pred.reshape(1, -1)                  # [1, N*L]
        labels = y_true.bool().reshape(1, -1)
        thr = th.reshape(-1, 1)                        # [T, 1]
        sum_dims = (1,)
    pred_pos = preds > thr
    weights = None
    if sample_weight is not None:
        w = torch.broadcast_to(sample_weight, _tshape(y_pred))
        weights = w.unsqueeze(0) if multi_label else w.reshape(1, -1)
    if label_weights is not None and not multi_label:
        lw = torch.broadcast_to(label_weights.unsqueeze(0), _tshape(y_pred)).reshape(1, -1)
        weights = lw if weights is None else weights * lw

    def add(var, label, pred):
        hit = label & pred
        if weights is None:
            r = hit.to(dt)
        else:
            r = torch.where(hit, weights.to(dt), torch.zeros((), dtype=dt, device=hit.device))
        var.add_(r.sum(dim=sum_dims))

    need_neg_pred = (ConfusionMatrix.FALSE_NEGATIVES in variables or
                     ConfusionMatrix.TRUE_NEGATIVES in variables)
    need_neg_label = (ConfusionMatrix.FALSE_POSITIVES in variables or
                      ConfusionMatrix.TRUE_NEGATIVES in variables)
    pred_neg = ~pred_pos if need_neg_pred else None
    label_neg = ~labels if need_neg_label else None
    if ConfusionMatrix.TRUE_POSITIVES in variables:
        add(variables[ConfusionMatrix.TRUE_POSITIVES], labels, pred_pos)
    if ConfusionMatrix.FALSE_NEGATIVES in variables:
        add(variables[ConfusionMatrix.FALSE_NEGATIVES], labels, pred_neg)
    if ConfusionMatrix.FALSE_POSITIVES in variables:
        add(variables[ConfusionMatrix.FALSE_POSITIVES], label_neg, pred_pos)
    if ConfusionMatrix.TRUE_NEGATIVES in variables:
        add(variables[ConfusionMatrix.TRUE_NEGATIVES], label_neg, pred_neg)


class _ConfusionMatrixConditionCount(Metric):
    def __init__(self, confusion_matrix_cond, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer="zeros",
                                             name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            update_confusion_matrix_variables(
                {self._confusion_matrix_cond: self.accumulator}, y_true, y_pred,
                thresholds=self.thresholds,
                thresholds_distributed_evenly=self._thresholds_distributed_evenly,
                sample_weight=sample_weight)

    def result(self):
        a = self.accumulator.detach()
        return wrap(a[0].clone() if len(self.thresholds) == 1 else a.clone())

    def get_config(self):
        config = {"thresholds": self.init_thresholds}
        return {**super().get_config(), **config}


class FalsePositives(_ConfusionMatrixConditionCount):
    """Weighted count of predictions > threshold whose label is 0."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(ConfusionMatrix.FALSE_POSITIVES, thresholds=thresholds, name=name,
                         dtype=dtype)


class FalseNegatives(_ConfusionMatrixConditionCount):
    """Weighted count of predictions <= threshold whose label is 1."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(ConfusionMatrix.FALSE_NEGATIVES, thresholds=thresholds, name=name,
                         dtype=dtype)


class TrueNegatives(_ConfusionMatrixConditionCount):
    """Weighted count of predictions <= threshold whose label is 0."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(ConfusionMatrix.TRUE_NEGATIVES, thresholds=thresholds, name=name,
                         dtype=dtype)


class TruePositives(_ConfusionMatrixConditionCount):
    """Weighted count of predictions > threshold whose label is 1."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(ConfusionMatrix.TRUE_POSITIVES, thresholds=thresholds, name=name,
                         dtype=dtype)


class _PrecisionRecallBase(Metric):
    _second = None
    _second_name = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else NEG_INF
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=default)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.true_positives = self.add_variable(shape=(len(self.thresholds),),
                                                initializer="zeros", name="true_positives")
        setattr(self, self._second_name, self.add_variable(
            shape=(len(self.thresholds),), initializer="zeros", name=self._second_name))

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            update_confusion_matrix_variables(
                {ConfusionMatrix.TRUE_POSITIVES: self.true_positives,
                 self._second: getattr(self, self._second_name)},
                y_true, y_pred, thresholds=self.thresholds,
                thresholds_distributed_evenly=self._thresholds_distributed_evenly,
                top_k=self.top_k, class_id=self.class_id, sample_weight=sample_weight)

    def result(self):
        tp = self.true_positives.detach()
        r = _divide_no_nan(tp, tp + getattr(self, self._second_name).detach())
        return wrap(r[0] if len(self.thresholds) == 1 else r)

    def get_config(self):
        config = {"thresholds": self.init_thresholds, "top_k": self.top_k,
                  "class_id": self.class_id}
        return {**super().get_config(), **config}


class Precision(_PrecisionRecallBase):
    """tp / (tp + fp) at `thresholds` (default 0.5), optionally for `top_k` / `class_id`."""
    _second = ConfusionMatrix.FALSE_POSITIVES
    _second_name = "false_positives"


class Recall(_PrecisionRecallBase):
    """tp / (tp + fn) at `thresholds` (default 0.5), optionally for `top_k` / `class_id`."""
    _second = ConfusionMatrix.FALSE_NEGATIVES
    _second_name = "false_negatives"


class SensitivitySpecificityBase(Metric):
    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if num_thresholds <= 0:
            raise ValueError("Argument `num_thresholds` must be an integer > 0. "
                             f"Received: num_thresholds={num_thresholds}")
        self.value = value
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + inner + [1.0]
            self._thresholds_distributed_evenly = True
        n = len(self.thresholds)
        self.true_positives = self.add_variable(shape=(n,), initializer="zeros",
                                                name="true_positives")
        self.false_positives = self.add_variable(shape=(n,), initializer="zeros",
                                                 name="false_positives")
        self.true_negatives = self.add_variable(shape=(n,), initializer="zeros",
                                                name="true_negatives")
        self.false_negatives = self.add_variable(shape=(n,), initializer="zeros",
                                                 name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            update_confusion_matrix_variables(
                {ConfusionMatrix.TRUE_POSITIVES: self.true_positives,
                 ConfusionMatrix.TRUE_NEGATIVES: self.true_negatives,
                 ConfusionMatrix.FALSE_POSITIVES: self.false_positives,
                 ConfusionMatrix.FALSE_NEGATIVES: self.false_negatives},
                y_true, y_pred, thresholds=self.thresholds,
                thresholds_distributed_evenly=self._thresholds_distributed_evenly,
                class_id=self.class_id, sample_weight=sample_weight)

    def _rates(self):
        tp, fp = self.true_positives.detach(), self.false_positives.detach()
        tn, fn = self.true_negatives.detach(), self.false_negatives.detach()
        return tp, fp, tn, fn

    def _find_max_under_constraint(self, constrained, dependent):
        feasible = constrained >= self.value
        vals = torch.where(feasible, dependent, torch.zeros_like(dependent))
        return wrap(torch.clamp_min(vals.max(), 0.0))

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id}


def _check_unit(name, value):
    if value < 0 or value > 1:
        raise ValueError(f"Argument `{name}` must be in the range [0, 1]. Received: {name}={value}")


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """Best sensitivity among thresholds whose specificity >= `specificity`."""

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit("specificity", specificity)
        self.specificity = specificity
        self.num_thresholds = num_thresholds
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)

    def result(self):
        tp, fp, tn, fn = self._rates()
        return self._find_max_under_constraint(_divide_no_nan(tn, tn + fp),
                                               _divide_no_nan(tp, tp + fn))

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "specificity": self.specificity}


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """Best specificity among thresholds whose sensitivity >= `sensitivity`."""

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit("sensitivity", sensitivity)
        self.sensitivity = sensitivity
        self.num_thresholds = num_thresholds
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)

    def result(self):
        tp, fp, tn, fn = self._rates()
        return self._find_max_under_constraint(_divide_no_nan(tp, tp + fn),
                                               _divide_no_nan(tn, tn + fp))

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "sensitivity": self.sensitivity}


class PrecisionAtRecall(SensitivitySpecificityBase):
    """Best precision among thresholds whose recall >= `recall`."""

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit("recall", recall)
        self.recall = recall
        self.num_thresholds = num_thresholds
        super().__init__(value=recall, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)

    def result(self):
        tp, fp, tn, fn = self._rates()
        return self._find_max_under_constraint(_divide_no_nan(tp, tp + fn),
                                               _divide_no_nan(tp, tp + fp))

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "recall": self.recall}


class RecallAtPrecision(SensitivitySpecificityBase):
    """Best recall among thresholds whose precision >= `precision`."""

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit("precision", precision)
        self.precision = precision
        self.num_thresholds = num_thresholds
        super().__init__(value=precision, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)

    def result(self):
        tp, fp, tn, fn = self._rates()
        return self._find_max_under_constraint(_divide_no_nan(tp, tp + fp),
                                               _divide_no_nan(tp, tp + fn))

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "precision": self.precision}


class AUC(Metric):
    """Area under the ROC or PR curve from `num_thresholds` (200) confusion counts."""

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        self._direction = "up"
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(
                np.array([0.0] + thresholds + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError("Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        self._thresholds = np.array([0.0 - EPSILON] + list(thresholds) + [1.0 + EPSILON])
        self.curve = curve if isinstance(curve, AUCCurve) else AUCCurve.from_str(curve)
        self.summation_method = (summation_method
                                 if isinstance(summation_method, AUCSummationMethod)
                                 else AUCSummationMethod.from_str(summation_method))
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if label_weights is not None:
            self.label_weights = torch.as_tensor(np.asarray(label_weights), dtype=self._tdt)
        else:
            self.label_weights = None
        self._from_logits = from_logits
        self._built = False
        if self.multi_label:
            if num_labels:
                self._build([None, num_labels])
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError("`y_pred` must have rank 2 when `multi_label=True`. Found rank "
                                 f"{len(shape)}. Full shape received for `y_pred`: {shape}")
            self._num_labels = shape[1]
            vshape = [self.num_thresholds, self._num_labels]
        else:
            vshape = [self.num_thresholds]
        self._build_input_shape = shape
        self.true_positives = self.add_variable(shape=vshape, initializer="zeros",
                                                name="true_positives")
        self.false_positives = self.add_variable(shape=vshape, initializer="zeros",
                                                 name="false_positives")
        self.true_negatives = self.add_variable(shape=vshape, initializer="zeros",
                                                name="true_negatives")
        self.false_negatives = self.add_variable(shape=vshape, initializer="zeros",
                                                 name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            y_pred = _t(y_pred)
            if not self._built:
                self._build(list(_tshape(y_pred)))
            label_weights = None if self.multi_label else self.label_weights
            if label_weights is not None:
                label_weights = label_weights.to(y_pred.device)
            if self._from_logits:
                y_pred = torch.sigmoid(y_pred)
            update_confusion_matrix_variables(
                {ConfusionMatrix.TRUE_POSITIVES: self.true_positives,
                 ConfusionMatrix.TRUE_NEGATIVES: self.true_negatives,
                 ConfusionMatrix.FALSE_POSITIVES: self.false_positives,
                 ConfusionMatrix.FALSE_NEGATIVES: self.false_negatives},
                y_true, y_pred, self._thresholds,
                thresholds_distributed_evenly=self._thresholds_distributed_evenly,
                sample_weight=sample_weight, multi_label=self.multi_label,
                label_weights=label_weights)

    def _label_average(self, by_label):
        if self.label_weights is None:
            return torch.mean(by_label)
        lw = self.label_weights.to(by_label.device)
        return _divide_no_nan(torch.sum(by_label * lw), torch.sum(lw))

    def interpolate_pr_auc(self):
        n = self.num_thresholds
        tp = self.true_positives.detach()
        fp = self.false_positives.detach()
        fn = self.false_negatives.detach()
        dtp = tp[:n - 1] - tp[1:]
        p = tp + fp
        dp = p[:n - 1] - p[1:]
        prec_slope = _divide_no_nan(dtp, torch.clamp_min(dp, 0))
        intercept = tp[1:] - prec_slope * p[1:]
        safe_p_ratio = torch.where((p[:n - 1] > 0) & (p[1:] > 0),
                                   _divide_no_nan(p[:n - 1], torch.clamp_min(p[1:], 0)),
                                   torch.ones_like(p[1:]))
        inc = _divide_no_nan(prec_slope * (dtp + intercept * torch.log(safe_p_ratio)),
                             torch.clamp_min(tp[1:] + fn[1:], 0))
        if self.multi_label:
            return self._label_average(torch.sum(inc, dim=0))
        return torch.sum(inc)

    def result(self):
        return wrap(self._result())

    def _result(self):
        if (self.curve == AUCCurve.PR and
                self.summation_method == AUCSummationMethod.INTERPOLATION):
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = self.true_positives.detach()
        fp = self.false_positives.detach()
        tn = self.true_negatives.detach()
        fn = self.false_negatives.detach()
        recall = _divide_no_nan(tp, tp + fn)
        if self.curve == AUCCurve.ROC:
            x = _divide_no_nan(fp, fp + tn)
            y = recall
        elif self.curve == AUCCurve.PR:
            x = recall
            y = _divide_no_nan(tp, tp + fp)
        else:
            scale = _divide_no_nan(tp + fn, tn + fp)
            recall_gain = 1.0 - scale * _divide_no_nan(fn, tp)
            precision_gain = 1.0 - scale * _divide_no_nan(fp, tp)
            recall_gain = torch.where(tp == 0, torch.zeros_like(recall_gain), recall_gain)
            precision_gain = torch.where(tp == 0, torch.ones_like(precision_gain),
                                         precision_gain)
            x = torch.clamp_min(recall_gain, 0.0)
            y = precision_gain
        if self.summation_method == AUCSummationMethod.INTERPOLATION:
            heights = (y[:n - 1] + y[1:]) / 2.0
        elif self.summation_method == AUCSummationMethod.MINORING:
            heights = torch.minimum(y[:n - 1], y[1:])
        else:
            heights = torch.maximum(y[:n - 1], y[1:])
        riemann = (x[:n - 1] - x[1:]) * heights
        if self.multi_label:
            return self._label_average(torch.sum(riemann, dim=0))
        return torch.sum(riemann)

    def reset_state(self):
        if self._built:
            with torch.no_grad():
                for v in (self.true_positives, self.false_positives, self.true_negatives,
                          self.false_negatives):
                    v.zero_()

    def get_config(self):
        lw = self.label_weights
        config = {"num_thresholds": self.num_thresholds, "curve": self.curve.value,
                  "summation_method": self.summation_method.value,
                  "multi_label": self.multi_label, "num_labels": self.num_labels,
                  "label_weights": lw.tolist() if isinstance(lw, torch.Tensor) else lw,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}
