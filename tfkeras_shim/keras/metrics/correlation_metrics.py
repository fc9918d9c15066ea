"""Pearson and concordance correlation metrics (Keras 3.15 `correlation_metrics`).

Both are means over update_state calls of a per-sample coefficient computed along `axis`
(MeanMetricWrapper), not a correlation of everything seen. As in Keras:
* `pearson_correlation` divides by the population std with no epsilon (constant rows give NaN);
* `concordance_correlation` uses `(y_true - mean(y_pred)) * (y_pred - mean(y_pred))` as the
  covariance term (Keras's formula, not the textbook one) and adds 1e-7 to the denominator.
"""
import torch

from ...framework.tensor import wrap, _tdtype
from ..losses import _t, squeeze_or_expand_to_same_rank, EPSILON
from .base import MeanMetricWrapper

__all__ = ["PearsonCorrelation", "ConcordanceCorrelation", "pearson_correlation",
           "concordance_correlation"]


def _dims(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def _inputs(y_true, y_pred):
    y_pred = _t(y_pred)
    y_true = _t(y_true, _tdtype(y_pred))
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _pearson(y_true, y_pred, axis=-1):
    y_true, y_pred = _inputs(y_true, y_pred)
    d = _dims(axis)
    t = y_true - torch.mean(y_true, dim=d, keepdim=True)
    p = y_pred - torch.mean(y_pred, dim=d, keepdim=True)
    t = t / torch.std(t, dim=d, keepdim=True, correction=0)
    p = p / torch.std(p, dim=d, keepdim=True, correction=0)
    return torch.mean(t * p, dim=d)


def _concordance(y_true, y_pred, axis=-1):
    y_true, y_pred = _inputs(y_true, y_pred)
    d = _dims(axis)
    mt = torch.mean(y_true, dim=d, keepdim=True)
    mp = torch.mean(y_pred, dim=d, keepdim=True)
    vt = torch.var(y_true - mt, dim=d, keepdim=True, correction=0)
    vp = torch.var(y_pred - mp, dim=d, keepdim=True, correction=0)
    covar = (y_true - mp) * (y_pred - mp)
    norm = vt + vp + torch.square(mt - mp)
    return torch.mean(2 * covar / (norm + EPSILON), dim=d)


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson coefficient of labels and predictions along `axis` (population std, no epsilon)."""
    return wrap(_pearson(y_true, y_pred, axis))


def concordance_correlation(y_true, y_pred, axis=-1):
    """Concordance coefficient along `axis`, with Keras's covariance term (see module doc)."""
    return wrap(_concordance(y_true, y_pred, axis))


pearson_correlation._impl = _pearson
concordance_correlation._impl = _concordance


class PearsonCorrelation(MeanMetricWrapper):
    """Mean of `pearson_correlation(y_true, y_pred, axis)` over all samples seen."""

    def __init__(self, name="pearson_correlation", dtype=None, axis=-1):
        super().__init__(fn=pearson_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}


class ConcordanceCorrelation(MeanMetricWrapper):
    """Mean of `concordance_correlation(y_true, y_pred, axis)` over all samples seen."""

    def __init__(self, name="concordance_correlation", dtype=None, axis=-1):
        super().__init__(fn=concordance_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}
