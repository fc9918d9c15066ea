"""`tensor[...]` with TF's slicing semantics (negative steps included, which torch lacks)."""
import numpy as np
import torch

from ..framework.tensor import wrap, _tshape
from ..framework import errors

_plain_getitem = torch.Tensor.__getitem__


def _fix_key(x, key):
    """Rewrite negative-step slices as flips; convert shim/numpy index tensors."""
    if not isinstance(key, tuple):
        key = (key,)
    needs = False
    for k in key:
        if isinstance(k, slice) and k.step is not None and (int(k.step) < 0):
            needs = True
    if not needs:
        return x, key
    ndim = x.dim()
    # position of each key element along x's dims (None/newaxis adds no dim; Ellipsis spans)
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    out_key = []
    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += ndim - n_real
            out_key.append(k)
            continue
        if k is None:
            out_key.append(k)
            continue
        if isinstance(k, slice) and k.step is not None and int(k.step) < 0:
            size = _tshape(x)[dim]
            start, stop, step = k.indices(size)
            idx = list(range(start, stop, step))
            out_key.append(torch.tensor(idx, dtype=torch.long, device=x.device))
        else:
            out_key.append(k)
        dim += 1
    return x, tuple(out_key)


def getitem(x, key):
    try:
        if isinstance(key, (list, np.ndarray)) or (isinstance(key, torch.Tensor) and key.dim() > 0):
            raise TypeError(
                "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                "tf.int32/tf.int64 tensors are valid indices, got " + repr(key))
        x2, k2 = _fix_key(x, key)
        tensor_keys = [k for k in k2 if isinstance(k, torch.Tensor) and k.dim() > 0]
        if len(tensor_keys) > 1:
            r = x2
            # apply one advanced index at a time to keep TF's (orthogonal) slicing semantics
            dim = 0
            for k in k2:
                if isinstance(k, torch.Tensor) and k.dim() > 0:
                    r = r.index_select(dim, k)
                    dim += 1
                else:
                    idx = (slice(None),) * dim + (k,)
                    before = r.dim()
                    r = _plain_getitem(r, idx)
                    dim += 1 - (before - r.dim())
            return wrap(r)
        return wrap(_plain_getitem(x2, k2 if len(k2) != 1 else k2[0]))
    except IndexError as e:
        raise errors.invalid_argument(str(e), "StridedSlice") from None
