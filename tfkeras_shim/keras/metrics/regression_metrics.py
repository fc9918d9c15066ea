"""Regression, probabilistic and hinge metrics: running means of the Keras loss functions."""
import warnings

import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from .. import losses as _losses
from ..losses import _t, squeeze_or_expand_to_same_rank, _normalize
from .base import Metric, Mean, MeanMetricWrapper

__all__ = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
           "MeanSquaredLogarithmicError", "RootMeanSquaredError", "CosineSimilarity",
           "LogCoshError", "R2Score", "KLDivergence", "Poisson", "BinaryCrossentropy",
           "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "Hinge", "SquaredHinge",
           "CategoricalHinge"]


def _wrapper_class(cls_name, fn, default_name, direction, doc):
    class _M(MeanMetricWrapper):
        def __init__(self, name=default_name, dtype=None):
            super().__init__(fn, name, dtype=dtype)
            self._direction = direction

        def get_config(self):
            return {"name": self.name, "dtype": self.dtype}

    _M.__name__ = _M.__qualname__ = cls_name
    _M.__doc__ = doc
    _M.__module__ = __name__
    return _M


MeanSquaredError = _wrapper_class("MeanSquaredError", _losses.mean_squared_error,
                                  "mean_squared_error", "down", "Running mean of squared errors.")
MeanAbsoluteError = _wrapper_class("MeanAbsoluteError", _losses.mean_absolute_error,
                                   "mean_absolute_error", "down", "Running mean of absolute errors.")
MeanAbsolutePercentageError = _wrapper_class(
    "MeanAbsolutePercentageError", _losses.mean_absolute_percentage_error,
    "mean_absolute_percentage_error", "down", "Running mean absolute percentage error.")
MeanSquaredLogarithmicError = _wrapper_class(
    "MeanSquaredLogarithmicError", _losses.mean_squared_logarithmic_error,
    "mean_squared_logarithmic_error", "down", "Running mean squared logarithmic error.")
LogCoshError = _wrapper_class("LogCoshError", _losses.log_cosh, "logcosh", "down",
                              "Running mean of log(cosh(error)).")
KLDivergence = _wrapper_class("KLDivergence", _losses.kl_divergence, "kl_divergence", None,
                              "Running mean Kullback-Leibler divergence.")
Poisson = _wrapper_class("Poisson", _losses.poisson, "poisson", None,
                         "Running mean Poisson loss.")
Hinge = _wrapper_class("Hinge", _losses.hinge, "hinge", "down", "Running mean hinge loss.")
SquaredHinge = _wrapper_class("SquaredHinge", _losses.squared_hinge, "squared_hinge", "down",
                              "Running mean squared hinge loss.")
CategoricalHinge = _wrapper_class("CategoricalHinge", _losses.categorical_hinge,
                                  "categorical_hinge", "down",
                                  "Running mean categorical hinge loss.")


def _cosine(y_true, y_pred, axis=-1):
    y_pred = _t(y_pred)
    y_true = _t(y_true, _tdtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return torch.sum(_normalize(y_true, axis) * _normalize(y_pred, axis), dim=axis)


def cosine_similarity(y_true, y_pred, axis=-1):
    return wrap(_cosine(y_true, y_pred, axis))


cosine_similarity._impl = _cosine


class CosineSimilarity(MeanMetricWrapper):
    """Running mean cosine similarity (positive, unlike the loss)."""

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name, dtype=dtype, axis=axis)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class RootMeanSquaredError(Mean):
    """sqrt of the running mean squared error."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            y_true = _t(y_true, self._tdt)
            y_pred = _t(y_pred, self._tdt)
            y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
            self._update_values(torch.square(y_pred - y_true), sample_weight)

    def result(self):
        return wrap(torch.sqrt(super().result()))


class BinaryCrossentropy(MeanMetricWrapper):
    """Running mean binary cross-entropy."""

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(_losses.binary_crossentropy, name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing}


class CategoricalCrossentropy(MeanMetricWrapper):
    """Running mean categorical cross-entropy."""

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(_losses.categorical_crossentropy, name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing, "axis": self.axis}


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Running mean sparse categorical cross-entropy."""

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 ignore_class=None, axis=-1):
        super().__init__(_losses.sparse_categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis
        self._direction = "down"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "ignore_class": self.ignore_class, "axis": self.axis}


class R2Score(Metric):
    """Coefficient of determination over all samples seen (2-D inputs)."""

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        valid = (None, "uniform_average", "variance_weighted_average")
        if class_aggregation not in valid:
            raise ValueError("Invalid value for argument `class_aggregation`. Expected one of "
                             f"{valid}. Received: class_aggregation={class_aggregation}")
        if num_regressors < 0:
            raise ValueError("Invalid value for argument `num_regressors`. Expected a value >= 0. "
                             f"Received: num_regressors={num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(shape=(), initializer="zeros", name="num_samples")
        self._built = False

    def _build(self, ts, ps):
        if len(ps) != 2 or len(ts) != 2:
            raise ValueError("R2Score expects 2D inputs with shape (batch_size, output_dim). "
                             f"Received input shapes: y_pred.shape={tuple(ps)} and "
                             f"y_true.shape={tuple(ts)}.")
        n = ps[-1]
        self.squared_sum = self.add_variable(name="squared_sum", shape=[n], initializer="zeros")
        self.sum = self.add_variable(name="sum", shape=[n], initializer="zeros")
        self.total_mse = self.add_variable(name="residual", shape=[n], initializer="zeros")
        self.count = self.add_variable(name="count", shape=[n], initializer="zeros")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            y_true = _t(y_true, self._tdt)
            y_pred = _t(y_pred, self._tdt)
            y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
            if not self._built:
                self._build(_tshape(y_true), _tshape(y_pred))
            sw = torch.ones((), dtype=self._tdt, device=y_true.device) if sample_weight is None \
                else _t(sample_weight, self._tdt)
            if sw.dim() == 1:
                sw = sw.unsqueeze(1)
            sw = torch.broadcast_to(sw, _tshape(y_true))
            wy = y_true * sw
            self.sum.add_(wy.sum(0))
            self.squared_sum.add_((y_true * wy).sum(0))
            self.total_mse.add_(((y_true - y_pred) ** 2 * sw).sum(0))
            self.count.add_(sw.sum(0))
            self.num_samples.add_(y_true.numel())

    def result(self):
        s, sq = self.sum.detach(), self.squared_sum.detach()
        mean = s / self.count.detach()
        total = sq - s * mean
        raw = 1 - (self.total_mse.detach() / total)
        raw = torch.where(torch.isinf(raw), torch.zeros_like(raw), raw)
        if self.class_aggregation == "uniform_average":
            r2 = torch.mean(raw)
        elif self.class_aggregation == "variance_weighted_average":
            r2 = torch.sum(total * raw) / torch.sum(total)
        else:
            r2 = raw
        if self.num_regressors != 0:
            n = float(self.num_samples)  # host read, only for the adjusted score
            p = float(self.num_regressors)
            if p > n - 1:
                warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                              "Falling back to standard R2 score.", stacklevel=2)
            elif p == n - 1:
                warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard "
                              "R2 score.", stacklevel=2)
            else:
                r2 = 1.0 - (1.0 - r2) * (n - 1.0) / (n - p - 1.0)
        return wrap(r2)

    def reset_state(self):
        with torch.no_grad():
            for v in self.variables:
                v.zero_()

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype,
                  "class_aggregation": self.class_aggregation,
                  "num_regressors": self.num_regressors}
        return {**super().get_config(), **config}
