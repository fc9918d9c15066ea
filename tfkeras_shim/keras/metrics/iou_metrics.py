"""IoU metrics (IoU, MeanIoU, BinaryIoU, OneHotIoU, OneHotMeanIoU) on a device confusion matrix.

The state is an int64 (num_classes x num_classes) confusion matrix, as Keras's default dtype
"int" gives on the TF backend; weights are cast to it (Keras warns about float weights).
"""
import warnings

import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from ..losses import _t, EPSILON
from .base import Metric

__all__ = ["IoU", "MeanIoU", "BinaryIoU", "OneHotIoU", "OneHotMeanIoU"]


class _IoUBase(Metric):
    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype or "int64")
        self._direction = "up"
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(name="total_confusion_matrix",
                                          shape=(num_classes, num_classes), initializer="zeros",
                                          dtype=self.dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        with torch.no_grad():
            dt = self._tdt
            y_true = _t(y_true)
            y_pred = _t(y_pred)
            if not self.sparse_y_true:
                y_true = torch.argmax(y_true, dim=self.axis)
            if not self.sparse_y_pred:
                y_pred = torch.argmax(y_pred, dim=self.axis)
            y_true = y_true.to(dt).reshape(-1)
            y_pred = y_pred.to(dt).reshape(-1)
            if sample_weight is None:
                sw = torch.ones((), dtype=dt, device=y_true.device)
            else:
                sw = _t(sample_weight)
                if _tdtype(sw).is_floating_point and not dt.is_floating_point:
                    warnings.warn("You are passing weight as `float`, but dtype is `int`. This may "
                                  "result in an incorrect weight due to type casting Consider "
                                  "using integer weights.")
                sw = sw.to(dt).reshape(-1) if sw.dim() > 1 else sw.to(dt)
            sw = torch.broadcast_to(sw, _tshape(y_true))
            n = self.num_classes
            ok = (y_true >= 0) & (y_true < n) & (y_pred >= 0) & (y_pred < n)
            if self.ignore_class is not None:
                ok = ok & (y_true != self.ignore_class)
            zero = torch.zeros((), dtype=dt, device=y_true.device)
            yt = torch.where(ok, y_true, zero).long()
            yp = torch.where(ok, y_pred, zero).long()
            w = torch.where(ok, sw, zero)
            cm = torch.zeros(n * n, dtype=dt, device=y_true.device)
            cm.index_add_(0, yt * n + yp, w)
            self.total_cm.add_(cm.reshape(n, n))

    def reset_state(self):
        with torch.no_grad():
            self.total_cm.zero_()


class IoU(_IoUBase):
    """Mean intersection-over-union over `target_class_ids` (classes never seen are skipped)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis,
                         dtype=dtype)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which is "
                             f"[0, {num_classes}).")
        self.target_class_ids = list(target_class_ids)

    def result(self):
        cm = self.total_cm.detach()
        rows = cm.sum(0).to(torch.float32)
        cols = cm.sum(1).to(torch.float32)
        tp = torch.diagonal(cm).to(torch.float32)
        denom = rows + cols - tp
        ids = torch.tensor(self.target_class_ids, dtype=torch.long, device=cm.device)
        tp = tp[ids]
        denom = denom[ids]
        valid = denom > 1e-9
        iou = torch.where(valid, tp / (denom + EPSILON), torch.zeros_like(tp))
        return wrap(torch.sum(iou, dim=self.axis) / (valid.to(torch.float32).sum() + EPSILON))

    def get_config(self):
        config = {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                  "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                  "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}
        return {**super().get_config(), **config}


class BinaryIoU(IoU):
    """IoU of the classes 0/1 after thresholding predictions at `threshold` (>=)."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = (_t(y_pred, torch.float32) >= self.threshold).to(self._tdt)
        return super().update_state(_t(y_true).to(self._tdt), y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self._dtype}


class MeanIoU(IoU):
    """IoU averaged over all `num_classes` classes."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes,
                         target_class_ids=list(range(num_classes)), axis=axis, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self._dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """IoU with one-hot labels (and by default probability predictions)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids, name=name,
                         dtype=dtype, ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "name": self.name, "dtype": self._dtype, "ignore_class": self.ignore_class,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """MeanIoU with one-hot labels (and by default probability predictions)."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False,
                 axis=-1):
        super().__init__(num_classes=num_classes, axis=axis, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self._dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}
