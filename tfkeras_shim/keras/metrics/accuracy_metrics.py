"""Accuracy metrics (Keras 3 formulas); per-sample functions return float32 match values."""
import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from ..losses import _t, squeeze_or_expand_to_same_rank
from .base import MeanMetricWrapper

__all__ = ["Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
           "TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy", "accuracy",
           "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
           "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy"]


def _accuracy(y_true, y_pred):
    y_pred = _t(y_pred)
    y_true = _t(y_true, _tdtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return (y_true == y_pred).to(torch.float32)


def _binary_accuracy(y_true, y_pred, threshold=0.5):
    y_pred = _t(y_pred)
    y_true = _t(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    if isinstance(threshold, torch.Tensor):
        threshold = threshold.to(_tdtype(y_pred))
    y_pred = (y_pred > threshold).to(_tdtype(y_true))
    return (y_true == y_pred).to(torch.float32)


def _categorical_accuracy(y_true, y_pred):
    y_true = torch.argmax(_t(y_true), dim=-1)
    y_pred = _t(y_pred)
    y_true = y_true.to(_tdtype(y_pred))
    org_shape = _tshape(y_true)
    reshape = False
    if len(_tshape(y_true)) == len(_tshape(y_pred)):
        y_true = y_true.squeeze(-1)
        reshape = True
    y_pred = torch.argmax(y_pred, dim=-1).to(_tdtype(y_true))
    matches = (y_true == y_pred).to(torch.float32)
    if reshape:
        matches = matches.reshape(org_shape)
    return matches


def _sparse_categorical_accuracy(y_true, y_pred):
    y_pred = _t(y_pred)
    y_true = _t(y_true, _tdtype(y_pred))
    org_shape = _tshape(y_true)
    reshape = False
    if len(org_shape) == len(_tshape(y_pred)) and org_shape[-1] == 1:
        y_true = y_true.squeeze(-1)
        reshape = True
    y_pred = torch.argmax(y_pred, dim=-1).to(_tdtype(y_true))
    matches = (y_true == y_pred).to(torch.float32)
    if reshape:
        matches = matches.reshape(org_shape)
    if matches.dim() > 1 and _tshape(matches)[-1] == 1:
        matches = matches.squeeze(-1)
    return matches


def _in_top_k(targets, predictions, k):
    """tf.math.in_top_k: target in the top k, ties at the boundary included; bad rows False."""
    n = _tshape(predictions)[-1]
    t = targets.long()
    ok = (t >= 0) & (t < n)
    pt = torch.gather(predictions, -1, t.clamp(0, max(n - 1, 0)).unsqueeze(-1))
    above = (predictions > pt).sum(-1)
    return ok & (above < k) & torch.isfinite(pt.squeeze(-1))


def _top_k_categorical_accuracy(y_true, y_pred, k=5):
    y_pred = _t(y_pred)
    y_true = torch.argmax(_t(y_true, _tdtype(y_pred)), dim=-1)
    org_shape = _tshape(y_true)
    reshape = False
    if y_pred.dim() > 2:
        y_pred = y_pred.reshape(-1, _tshape(y_pred)[-1])
    if y_true.dim() > 1:
        reshape = True
        y_true = y_true.reshape(-1)
    matches = _in_top_k(y_true, y_pred, k).to(torch.float32)
    if reshape:
        matches = matches.reshape(org_shape)
    return matches


def _sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    y_pred = _t(y_pred)
    y_true = _t(y_true)
    y_true = y_true.to(_tdtype(y_pred)) if from_sorted_ids else y_true.to(torch.int32)
    org_shape = _tshape(y_true)
    reshape = False
    if y_pred.dim() > 2:
        y_pred = y_pred.reshape(-1, _tshape(y_pred)[-1])
    if y_true.dim() > 1:
        reshape = True
        y_true = y_true.reshape(-1)
    if from_sorted_ids:
        matches = (y_true.unsqueeze(1) == y_pred[:, :k]).any(dim=1)
    else:
        matches = _in_top_k(y_true, y_pred, k)
    matches = matches.to(torch.float32)
    if reshape:
        matches = matches.reshape(org_shape)
    return matches


def _public(impl, name):
    def fn(y_true, y_pred, *args, **kwargs):
        return wrap(impl(y_true, y_pred, *args, **kwargs))
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = impl.__doc__
    fn._impl = impl
    return fn


accuracy = _public(_accuracy, "accuracy")
binary_accuracy = _public(_binary_accuracy, "binary_accuracy")
categorical_accuracy = _public(_categorical_accuracy, "categorical_accuracy")
sparse_categorical_accuracy = _public(_sparse_categorical_accuracy, "sparse_categorical_accuracy")
top_k_categorical_accuracy = _public(_top_k_categorical_accuracy, "top_k_categorical_accuracy")
sparse_top_k_categorical_accuracy = _public(_sparse_top_k_categorical_accuracy,
                                            "sparse_top_k_categorical_accuracy")


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels exactly."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fn=accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """How often `y_pred > threshold` (default 0.5) equals the binary label."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """How often argmax(y_pred) equals argmax(one-hot y_true)."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often argmax(y_pred) equals the integer label ([B] or [B, 1])."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot target is in the top `k` (default 5) predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer target is in the top `k` (default 5) predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None,
                 from_sorted_ids=False):
        super().__init__(fn=sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids
        self._direction = "up"

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
