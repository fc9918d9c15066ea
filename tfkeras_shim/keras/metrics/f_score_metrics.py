"""FBetaScore and F1Score (Keras 3 formulas; 2-D inputs, per-class or averaged)."""
import torch

from ...framework.tensor import wrap, _tshape
from ..losses import _t, EPSILON
from .base import Metric

__all__ = ["FBetaScore", "F1Score"]


class FBetaScore(Metric):
    """F-beta from running TP/FP/FN; average None (per class), 'micro', 'macro' or 'weighted'."""

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError("Invalid `average` argument value. Expected one of: "
                             "{None, 'micro', 'macro', 'weighted'}. "
                             f"Received: average={average}")
        if not isinstance(beta, float):
            raise ValueError("Invalid `beta` argument value. It should be a Python float. "
                             f"Received: beta={beta} of type '{type(beta)}'")
        if beta <= 0.0:
            raise ValueError(f"Invalid `beta` argument value. It should be > 0. Received: beta={beta}")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError("Invalid `threshold` argument value. It should be a Python float. "
                                 f"Received: threshold={threshold} of type '{type(threshold)}'")
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError("Invalid `threshold` argument value. It should verify "
                                 f"0 < threshold <= 1. Received: threshold={threshold}")
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, ts, ps):
        if len(ps) != 2 or len(ts) != 2:
            raise ValueError("FBetaScore expects 2D inputs with shape (batch_size, output_dim). "
                             f"Received input shapes: y_pred.shape={tuple(ps)} and "
                             f"y_true.shape={tuple(ts)}.")
        shape = () if self.average == "micro" else (ps[-1],)
        for n in ("true_positives", "false_positives", "false_negatives", "intermediate_weights"):
            setattr(self, n, self.add_variable(name=n, shape=shape, initializer="zeros",
                                               dtype=self.dtype))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            y_true = _t(y_true, self._tdt)
            y_pred = _t(y_pred, self._tdt)
            if not self._built:
                self._build(_tshape(y_true), _tshape(y_pred))
            if self.threshold is None:
                thr = torch.amax(y_pred, dim=-1, keepdim=True)
                y_pred = (y_pred >= thr) & (y_pred.abs() > 1e-9)
            else:
                y_pred = y_pred > self.threshold
            y_pred = y_pred.to(self._tdt)
            sw = None if sample_weight is None else _t(sample_weight, self._tdt).unsqueeze(1)

            def wsum(v):
                if sw is not None:
                    v = v * sw
                return torch.sum(v) if self.axis is None else torch.sum(v, dim=self.axis)

            self.true_positives.add_(wsum(y_pred * y_true))
            self.false_positives.add_(wsum(y_pred * (1 - y_true)))
            self.false_negatives.add_(wsum((1 - y_pred) * y_true))
            self.intermediate_weights.add_(wsum(y_true))

    def result(self):
        tp = self.true_positives.detach()
        precision = tp / (tp + self.false_positives.detach() + EPSILON)
        recall = tp / (tp + self.false_negatives.detach() + EPSILON)
        b2 = self.beta ** 2
        f = precision * recall / (b2 * precision + recall + EPSILON) * (1 + b2)
        if self.average == "weighted":
            iw = self.intermediate_weights.detach()
            f = torch.sum(f * (iw / (torch.sum(iw) + EPSILON)))
        elif self.average is not None:
            f = torch.mean(f)
        return wrap(f)

    def reset_state(self):
        with torch.no_grad():
            for v in self.variables:
                v.zero_()

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "average": self.average,
                  "beta": self.beta, "threshold": self.threshold}
        return {**super().get_config(), **config}


class F1Score(FBetaScore):
    """F1 = harmonic mean of precision and recall (FBetaScore with beta 1)."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
