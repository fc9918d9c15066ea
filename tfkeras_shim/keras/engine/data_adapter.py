"""The data path of fit/evaluate/predict: one adapter from user data to device batches.

`get_data_adapter(x, y, sample_weight, batch_size, steps, shuffle, class_weight, device)` takes

* arrays: numpy arrays, shim/torch tensors, pandas objects, and lists/tuples/dicts of them (several
  inputs or outputs, dicts keyed by input/output name). They are converted and moved to the
  device ONCE (floats cast to floatx, as Keras's array slicing does; on CPU a float32 numpy array
  is used without a copy). Each pass draws one permutation (`torch.randperm` on the device) and a
  batch is one `index_select` per array (a view, without shuffling). `class_weight` becomes
  per-sample weights computed on the device once;
* a `tf.data.Dataset`: a `from_tensor_slices(...)[.shuffle()...].batch()` chain uses the
  dataset's batch plan (its arrays moved to the device once, batches gathered there); other
  datasets are iterated (elements are already shim tensors);
* a Python generator yielding `x`, `(x,)`, `(x, y)` or `(x, y, w)`: the first two batches are
  peeked and replayed at the start of every pass (what tf.keras does: a second epoch over an
  exhausted generator sees those two batches again);
* a `keras.utils.PyDataset`/`Sequence` (`len`, `__getitem__`, `on_epoch_end`), a torch
  `DataLoader` or another re-iterable.

Batches are packed as Keras packs them (`x`, `(x, y)`, `(x, y, sample_weight)`), leaves are shim
tensors on the device. `EpochIterator` reproduces Keras's epoch logic: `steps_per_epoch` smaller
than the data continues the same pass in the next epoch; running out of data warns
"Your input ran out of data; interrupting training." and ends the epoch; an unknown size is
learnt in the first epoch.

Difference from Keras 3, on purpose: a Python list of numbers (or nested lists) is accepted as one
array (Keras 2 did; Keras 3 raises "Unrecognized data type").
"""
import itertools
import math
import types
import warnings

import numpy as np
import torch

from ...framework.device import current_device
from ...framework.tensor import StringTensor, Tensor, convert_to_tensor, _tdtype, _tshape
from .. import backend as _backend

__all__ = ["unpack_x_y_sample_weight", "pack_x_y_sample_weight", "get_data_adapter",
           "EpochIterator", "train_validation_split", "DataAdapter", "ArrayDataAdapter",
           "DatasetAdapter", "GeneratorDataAdapter", "PyDatasetAdapter", "IterableAdapter",
           "class_weight_to_sample_weights", "to_device_batch"]

_PlainTensor = torch.Tensor


# ---------------------------------------------------------------------------------------------
# packing (keras.utils.unpack_x_y_sample_weight / pack_x_y_sample_weight)

def unpack_x_y_sample_weight(data):
    """`x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)` -> `(x, y, sample_weight)`."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return (data, None, None)
    n = len(data)
    if n == 1:
        return (data[0], None, None)
    if n == 2:
        return (data[0], data[1], None)
    if n == 3:
        return (data[0], data[1], data[2])
    raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                     f"`(x, y, sample_weight)`, found: {data}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    if y is None:
        if not isinstance(x, (tuple, list)):
            return x
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


# ---------------------------------------------------------------------------------------------
# structures

def _flatten(x):
    """Leaves of a nest (dicts in sorted-key order); None leaves kept."""
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    if isinstance(x, (list, tuple)) and not _is_number_list(x):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _pack_as(struct, flat):
    it = iter(flat)

    def rec(s):
        if isinstance(s, dict):
            vals = {k: rec(s[k]) for k in sorted(s)}
            return {k: vals[k] for k in s}
        if isinstance(s, (list, tuple)) and not _is_number_list(s):
            r = [rec(e) for e in s]
            return type(s)(r) if not hasattr(s, "_fields") else type(s)(*r)
        return next(it)

    return rec(struct)


def _is_number_list(v):
    """A Python list of numbers (or nested lists of numbers): one array, not a structure."""
    if not isinstance(v, list) or not v:
        return False
    for e in v:
        if isinstance(e, list):
            if not _is_number_list(e):
                return False
        elif not isinstance(e, (int, float, bool, np.number)) or isinstance(e, np.ndarray):
            return False
    return True


def _is_array(v):
    if v is None or isinstance(v, (torch.Tensor, np.ndarray, StringTensor)):
        return True
    if _is_number_list(v):
        return True
    if isinstance(v, (str, bytes, dict, list, tuple)) or _is_dataset(v):
        return False
    return hasattr(v, "__array__")


def _can_convert_arrays(arrays):
    return all(_is_array(v) for v in _flatten(arrays))


def _is_dataset(x):
    from ...data.dataset import Dataset
    return isinstance(x, Dataset)


def _is_pydataset(x):
    from ..utils.data_utils import PyDataset
    return isinstance(x, PyDataset)


def _is_torch_dataloader(x):
    return any(c.__name__ == "DataLoader" and "torch.utils.data" in c.__module__
               for c in type(x).__mro__)


# ---------------------------------------------------------------------------------------------
# leaves to device tensors

def _floatx_torch():
    return {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32,
            "float64": torch.float64}.get(_backend.floatx(), torch.float32)


class _HostStrings:
    """A string array kept on the host; batches become tf.string tensors."""

    def __init__(self, arr):
        self.arr = arr
        self.shape = arr.shape

    def take(self, idx):
        if isinstance(idx, slice):
            return convert_to_tensor(self.arr[idx])
        return convert_to_tensor(self.arr[idx.cpu().numpy()])


def _leaf_to_device(v, device, cast_floats=True):
    """One array-like -> a plain torch tensor on `device` (floats -> floatx), or _HostStrings."""
    if v is None:
        return None
    fx = _floatx_torch()
    if isinstance(v, StringTensor):
        return _HostStrings(np.asarray(v._a))
    if isinstance(v, torch.Tensor):
        t = v.detach()
        if type(t) is not _PlainTensor:
            t = t.as_subclass(_PlainTensor)
        td = _tdtype(t)
        want = fx if (cast_floats and td.is_floating_point and td is not fx) else td
        if t.device != device or want is not td:
            t = t.to(device=device, dtype=want)
        return t
    if not isinstance(v, np.ndarray):
        if hasattr(v, "to_numpy") and not isinstance(v, (list, tuple)):
            v = v.to_numpy()
        v = np.asarray(v)
    if v.dtype.kind in "USO":
        if v.dtype.kind == "O":
            try:
                num = np.asarray(v.tolist())
                if num.dtype.kind in "fiub":
                    return _leaf_to_device(num, device, cast_floats)
            except Exception:
                pass
        return _HostStrings(v)
    if v.dtype.byteorder == ">":
        v = v.astype(v.dtype.newbyteorder("="))
    kind = v.dtype.kind
    if kind == "f" and cast_floats:
        want = fx
    else:
        want = None
    if not v.flags.c_contiguous or not v.flags.writeable:
        v = np.ascontiguousarray(v).copy() if not v.flags.writeable else np.ascontiguousarray(v)
    t = torch.from_numpy(v)
    if want is not None and t.dtype is not want:
        t = t.to(device=device, dtype=want)
    elif t.device != device:
        t = t.to(device=device)
    return t


def to_device_batch(data, device=None, cast_floats=True):
    """A user batch (nest of arrays) -> the same nest of shim tensors on the device."""
    device = device if device is not None else current_device()
    if isinstance(data, (list, tuple)) and not _is_number_list(data):
        r = [to_device_batch(v, device, cast_floats) for v in data]
        return type(data)(r) if not hasattr(data, "_fields") else type(data)(*r)
    if isinstance(data, dict):
        return {k: to_device_batch(v, device, cast_floats) for k, v in data.items()}
    if data is None:
        return None
    if isinstance(data, (int, float, bool, np.number)):
        return data
    if not _is_array(data):
        return data
    t = _leaf_to_device(data, device, cast_floats)
    if isinstance(t, _HostStrings):
        return convert_to_tensor(t.arr)
    return _wrap(t)


def _wrap(t):
    if type(t) is _PlainTensor:
        t.__class__ = Tensor
    return t


def _len0(t):
    if isinstance(t, _HostStrings):
        return t.shape[0]
    s = _tshape(t)
    if not len(s):
        raise ValueError("Expected arrays with a sample dimension (at least rank 1); received a "
                         "scalar.")
    return s[0]


# ---------------------------------------------------------------------------------------------
# class weights

def class_weight_to_sample_weights(y, class_weight, table=False):
    """Per-sample weights (floatx, on y's device) from `{class: weight}` (Keras rounding rules:
    one-hot labels by argmax, [B, 1] labels squeezed, others rounded to int).

    Classes missing from the dict weigh 1.0. `table=True` is the Dataset/generator path, where
    tf.keras gathers from a table of `max(class) + 1` weights: a label past it raises
    InvalidArgumentError like TF's GatherV2 (one host read per batch, on this path only)."""
    t = y if isinstance(y, torch.Tensor) else torch.as_tensor(np.asarray(y))
    t = t.detach()
    if type(t) is not _PlainTensor:
        t = t.as_subclass(_PlainTensor)
    if t.dim() > 1:
        t = torch.argmax(t, dim=-1) if _tshape(t)[-1] != 1 else t.squeeze(-1)
    if t.is_floating_point():
        t = torch.round(t)
    labels = t.to(torch.int64)
    if table and labels.numel():
        n = max(int(k) for k in class_weight) + 1
        flat = labels.reshape(-1)
        bad = ((flat < 0) | (flat >= n)).nonzero()
        if bad.numel():
            from ...framework import errors
            pos = int(bad[0, 0])
            raise errors.invalid_argument(
                f"indices[{pos}] = {int(flat[pos])} is not in [0, {n})", "GatherV2")
    w = torch.ones(_tshape(labels), dtype=_floatx_torch(), device=labels.device)
    for k, v in class_weight.items():
        w = torch.where(labels == int(k), torch.tensor(float(v), dtype=w.dtype, device=w.device), w)
    return w


# ---------------------------------------------------------------------------------------------
# adapters

class DataAdapter:
    """Base: `num_batches` (None when unknown), `batch_size`, `iterator()` for one pass."""

    num_batches = None
    batch_size = None

    def iterator(self):
        raise NotImplementedError

    def on_epoch_begin(self):
        pass

    def on_epoch_end(self):
        pass


def check_data_cardinality(data, flat_sizes):
    sizes = set(flat_sizes)
    if len(sizes) > 1:
        msg = ("Data cardinality is ambiguous. Make sure all arrays contain the same number of "
               "samples.")
        packed = data if data[2] is not None else (data[:2] if data[1] is not None else data[:1])
        for label, single in zip(["x", "y", "sample_weight"], packed):
            leaves = [v for v in _flatten(single) if v is not None]
            msg += f"'{label}' sizes: {', '.join(str(_len0(v)) for v in leaves)}\n"
        raise ValueError(msg)


class ArrayDataAdapter(DataAdapter):
    """Arrays moved to the device once; one permutation per pass; batches by index."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None, shuffle=False,
                 class_weight=None, device=None, converted=False):
        device = device if device is not None else current_device()
        if sample_weight is not None and class_weight is not None:
            raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
        if converted:
            xs, ys, ws = x, y, sample_weight
        else:
            xs = _convert_nest(x, device)
            ys = _convert_nest(y, device)
            ws = _convert_nest(sample_weight, device)
        if ws is not None and isinstance(ys, (list, tuple, dict)) and not isinstance(
                ws, (list, tuple, dict)):
            s = _tshape(ws)
            if not (len(s) == 1 or (len(s) == 2 and s[1] == 1)):
                raise ValueError(
                    "For a model with multiple outputs, when providing a single `sample_weight` "
                    "array, it should only have one scalar score per sample (i.e. shape "
                    "`(num_samples,)`). If you want to use non-scalar sample weights, pass a "
                    "`sample_weight` argument with one array per model output.")
            ws = _pack_as(ys, [ws for _ in _flatten(ys)])
        if class_weight is not None:
            if isinstance(ys, (list, tuple, dict)):
                raise ValueError("`class_weight` is only supported for Models with a single output.")
            ws = class_weight_to_sample_weights(ys, class_weight)
        data = (xs, ys, ws)
        leaves = [v for v in _flatten(data) if v is not None]
        if not leaves:
            raise ValueError("Unrecognized data type: x=None (of type <class 'NoneType'>)")
        n_by_leaf = [_len0(v) for v in leaves]
        check_data_cardinality(data, n_by_leaf)
        n = n_by_leaf[0]
        self._x, self._y, self._w = xs, ys, ws
        self._flat = _flatten(data)
        self._struct = data
        self._simple = (not isinstance(xs, (list, tuple, dict)) and not isinstance(
            ys, (list, tuple, dict)) and not isinstance(ws, (list, tuple, dict)))
        self._has_strings = any(isinstance(v, _HostStrings) for v in leaves)
        self.device = device
        self.num_samples = n
        if not batch_size:
            batch_size = int(math.ceil(n / steps)) if steps else 32
        self.batch_size = int(batch_size)
        self.num_batches = int(math.ceil(n / self.batch_size)) if n else 0
        self._shuffle = shuffle

    @property
    def arrays(self):
        """(x, y, sample_weight) as device tensors (for validation_split and reuse)."""
        return self._struct

    def _take(self, v, idx):
        if v is None:
            return None
        if isinstance(v, _HostStrings):
            return v.take(idx)
        t = v[idx] if isinstance(idx, slice) else torch.index_select(v, 0, idx)
        t.__class__ = Tensor
        return t

    def iterator(self):
        n, bs = self.num_samples, self.batch_size
        shuffle = self._shuffle
        perm = None
        if shuffle and shuffle != "batch":
            perm = torch.randperm(n, device=self.device)
        take = self._take
        simple = self._simple
        x, y, w = self._x, self._y, self._w
        flat, struct = self._flat, self._struct
        for start in range(0, n, bs):
            stop = min(start + bs, n)
            if perm is not None:
                idx = perm[start:stop]
            elif shuffle == "batch":
                idx = torch.randperm(stop - start, device=self.device) + start
            else:
                idx = slice(start, stop)
            if simple:
                xb = take(x, idx)
                if y is None:
                    yield xb
                elif w is None:
                    yield (xb, take(y, idx))
                else:
                    yield (xb, take(y, idx), take(w, idx))
            else:
                xb, yb, wb = _pack_as(struct, [take(v, idx) for v in flat])
                yield pack_x_y_sample_weight(xb, yb, wb)


def _convert_nest(v, device):
    if v is None:
        return None
    if isinstance(v, dict):
        return {k: _convert_nest(e, device) for k, e in v.items()}
    if isinstance(v, (list, tuple)) and not _is_number_list(v):
        r = [_convert_nest(e, device) for e in v]
        return type(v)(r) if not hasattr(v, "_fields") else type(v)(*r)
    return _leaf_to_device(v, device)


def _convert_elem(v, device):
    """A batch produced by a dataset/generator: leaves to shim tensors on the device."""
    if isinstance(v, (list, tuple)) and not _is_number_list(v):
        r = [_convert_elem(e, device) for e in v]
        if hasattr(v, "_fields"):
            return type(v)(*r)
        return tuple(r)
    if isinstance(v, dict):
        return {k: _convert_elem(e, device) for k, e in v.items()}
    if v is None or isinstance(v, StringTensor):
        return v
    if isinstance(v, torch.Tensor):
        if v.device != device:
            v = v.to(device)
        return _wrap(v) if type(v) is _PlainTensor else v
    if _is_array(v):
        t = _leaf_to_device(v, device, cast_floats=False)
        if isinstance(t, _HostStrings):
            return convert_to_tensor(t.arr)
        return _wrap(t)
    return v


def _with_class_weight(batch, class_weight):
    x, y, w = unpack_x_y_sample_weight(batch)
    if y is None:
        return batch
    if isinstance(y, (list, tuple, dict)):
        raise ValueError("`class_weight` is only supported for Models with a single output.")
    sw = _wrap(class_weight_to_sample_weights(y, class_weight, table=True))
    return (x, y, sw)


class DatasetAdapter(DataAdapter):
    """A tf.data.Dataset: array-backed batch chains gathered on the device, others iterated."""

    def __init__(self, dataset, class_weight=None, device=None):
        self._ds = dataset
        self._cw = class_weight
        self.device = device if device is not None else current_device()
        card = dataset._card()
        self.num_batches = card if card >= 0 else None
        plan = None
        try:
            plan = dataset._batched_arrays()
        except Exception:  # a chain the fast path does not cover
            plan = None
        self._plan = plan
        self._dev_arrays = None
        if plan is not None:
            self.batch_size = plan.batch_size

    def _arrays_on_device(self):
        if self._dev_arrays is None:
            arrays = self._plan.arrays

            def move(v):
                if isinstance(v, torch.Tensor) and v.device != self.device:
                    return v.to(self.device)
                return v
            if isinstance(arrays, (list, tuple, dict)):
                from ...data import structure as _st
                self._dev_arrays = _st.pack_as(arrays, [move(v) for v in _st.flatten(arrays)])
            else:
                self._dev_arrays = move(arrays)
        return self._dev_arrays

    def iterator(self):
        cw = self._cw
        dev = self.device
        if self._plan is not None:
            plan = self._plan
            arrays = self._arrays_on_device()
            for idx in plan.index_batches():
                if isinstance(idx, np.ndarray) and dev.type != "cpu":
                    idx = torch.from_numpy(idx).to(dev)
                batch = plan.finish(plan.gather(idx, arrays=arrays))
                batch = _convert_elem(batch, dev)
                yield _with_class_weight(batch, cw) if cw is not None else batch
            return
        for batch in self._ds:
            batch = _convert_elem(batch, dev)
            yield _with_class_weight(batch, cw) if cw is not None else batch


def _peek_and_restore(generator, n=2):
    first = list(itertools.islice(generator, n))
    return first, (lambda: itertools.chain(first, generator))


class GeneratorDataAdapter(DataAdapter):
    """A Python generator; its first two batches are replayed at the start of each pass."""

    def __init__(self, generator, device=None):
        first, restore = _peek_and_restore(generator)
        if not first:
            raise ValueError("When passing a Python generator to a Keras model, the generator must "
                             "yield at least one batch. Received an empty generator.")
        if not isinstance(first[0], tuple):
            raise ValueError("When passing a Python generator to a Keras model, the generator must "
                             "return a tuple, either (input,) or (inputs, targets) or (inputs, "
                             f"targets, sample_weights). Received: {first[0]}")
        self._restore = restore
        self.device = device if device is not None else current_device()

    def iterator(self):
        dev = self.device
        for batch in self._restore():
            yield _convert_elem(batch, dev)


class PyDatasetAdapter(DataAdapter):
    """keras.utils.PyDataset / Sequence: batches by index, shuffled order with shuffle=True."""

    def __init__(self, py_dataset, class_weight=None, shuffle=False, device=None):
        self._ds = py_dataset
        self._cw = class_weight
        self._shuffle = shuffle
        self.device = device if device is not None else current_device()
        nb = getattr(py_dataset, "num_batches", None)
        if nb is None:
            try:
                nb = len(py_dataset)
            except Exception:
                nb = None
        self.num_batches = nb

    def iterator(self):
        dev, cw = self.device, self._cw
        if self.num_batches is None:
            i = 0
            while True:
                try:
                    batch = self._ds[i]
                except IndexError:
                    return
                i += 1
                batch = _convert_elem(batch, dev)
                yield _with_class_weight(batch, cw) if cw is not None else batch
        order = list(range(self.num_batches))
        if self._shuffle:
            import random
            random.shuffle(order)
        for i in order:
            batch = _convert_elem(self._ds[i], dev)
            yield _with_class_weight(batch, cw) if cw is not None else batch

    def on_epoch_begin(self):
        fn = getattr(self._ds, "on_epoch_begin", None)
        if fn is not None:
            fn()

    def on_epoch_end(self):
        fn = getattr(self._ds, "on_epoch_end", None)
        if fn is not None:
            fn()


class IterableAdapter(DataAdapter):
    """A torch DataLoader or another re-iterable of batches."""

    def __init__(self, iterable, device=None):
        self._it = iterable
        self.device = device if device is not None else current_device()
        try:
            self.num_batches = len(iterable)
        except Exception:
            self.num_batches = None
        self.batch_size = getattr(iterable, "batch_size", None)

    def iterator(self):
        dev = self.device
        for batch in self._it:
            yield _convert_elem(batch, dev)


def _unsupported(arg, what, kind):
    raise ValueError(f"When providing `x` as a {kind}, `{arg}` should not be passed. Instead, "
                     f"{what} should be included as part of the {kind}.")


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                     shuffle=False, class_weight=None, device=None):
    """The adapter for `x` (see the module docstring); argument errors as Keras raises them."""
    if isinstance(x, DataAdapter):
        return x
    if _can_convert_arrays((x, y, sample_weight)):
        return ArrayDataAdapter(x, y, sample_weight=sample_weight, class_weight=class_weight,
                                shuffle=shuffle, batch_size=batch_size, steps=steps_per_epoch,
                                device=device)
    if _is_dataset(x):
        if y is not None:
            _unsupported("y", "the targets", "tf.data.Dataset")
        if sample_weight is not None:
            _unsupported("sample_weights", "the sample weights", "tf.data.Dataset")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was "
                          "provided as a tf.data.Dataset. The Dataset is expected to already be "
                          "shuffled (via `.shuffle(buffer_size)`).", stacklevel=3)
        return DatasetAdapter(x, class_weight=class_weight, device=device)
    if _is_pydataset(x):
        if y is not None:
            _unsupported("y", "the targets", "PyDataset")
        if sample_weight is not None:
            _unsupported("sample_weights", "the sample weights", "PyDataset")
        return PyDatasetAdapter(x, class_weight=class_weight, shuffle=shuffle, device=device)
    if _is_torch_dataloader(x):
        if y is not None:
            _unsupported("y", "the targets", "torch DataLoader")
        if sample_weight is not None:
            _unsupported("sample_weights", "the sample weights", "torch DataLoader")
        if class_weight is not None:
            raise ValueError("Argument `class_weight` is not supported for torch DataLoader inputs. "
                             f"Received: class_weight={class_weight}")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was "
                          "provided as a torch DataLoader. The DataLoader is expected to already "
                          "be shuffled.", stacklevel=3)
        return IterableAdapter(x, device=device)
    if isinstance(x, types.GeneratorType):
        if y is not None:
            _unsupported("y", "the targets", "generator")
        if sample_weight is not None:
            _unsupported("sample_weights", "the sample weights", "generator")
        if class_weight is not None:
            raise ValueError("Argument `class_weight` is not supported for Python generator "
                             f"inputs. Received: class_weight={class_weight}")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was "
                          "provided as a generator. The generator is expected to yield "
                          "already-shuffled data.", stacklevel=3)
        return GeneratorDataAdapter(x, device=device)
    raise ValueError(f"Unrecognized data type: x={x} (of type {type(x)})")


# ---------------------------------------------------------------------------------------------
# validation split

def train_validation_split(arrays, validation_split, device=None):
    """(x, y, sample_weight) -> train and validation parts: the LAST `validation_split`
    fraction, taken before any shuffling (Keras). Arrays are moved to the device first, so
    both parts are views of one device copy."""
    flat = _flatten(arrays)
    bad = [type(t) for t in flat if not _is_array(t)]
    if bad:
        raise ValueError("Argument `validation_split` is only supported for tensors or NumPy "
                         f"arrays.Found incompatible type in the input: {bad}")
    if all(t is None for t in flat):
        return arrays, arrays
    device = device if device is not None else current_device()
    converted = tuple(_convert_nest(a, device) for a in arrays)
    first = next(t for t in _flatten(converted) if t is not None)
    n = _len0(first)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"Training data contains {n} samples, which is not sufficient to split it "
                         "into a validation and training set as specified by "
                         f"`validation_split={validation_split}`. Either provide more data, or a "
                         "different value for the `validation_split` argument.")

    def part(v, a, b):
        if v is None:
            return None
        if isinstance(v, _HostStrings):
            return _HostStrings(v.arr[a:b])
        return v[a:b]

    def split(v, a, b):
        if isinstance(v, dict):
            return {k: split(e, a, b) for k, e in v.items()}
        if isinstance(v, (list, tuple)):
            r = [split(e, a, b) for e in v]
            return type(v)(r) if not hasattr(v, "_fields") else type(v)(*r)
        return part(v, a, b)

    train = tuple(split(a, 0, split_at) for a in converted)
    val = tuple(split(a, split_at, n) for a in converted)
    return train, val


# ---------------------------------------------------------------------------------------------
# epochs

def _interrupted_warning():
    warnings.warn("Your input ran out of data; interrupting training. Make sure that your dataset "
                  "or generator can generate at least `steps_per_epoch * epochs` batches. You may "
                  "need to use the `.repeat()` function when building your dataset.", stacklevel=4)


class EpochIterator:
    """Keras's EpochIterator over an adapter: `for begin, end, batches in it.epoch(): ...`
    (`batches` holds `steps_per_execution` batches, fewer at the end of the data)."""

    def __init__(self, adapter, steps_per_epoch=None, steps_per_execution=1):
        from .. import config as _config
        cap = _config.max_steps_per_epoch()  # keras.config.set_max_steps_per_epoch (debug runs)
        if cap and (not steps_per_epoch or cap < steps_per_epoch):
            warnings.warn("Limiting steps_per_epoch to %d" % cap, stacklevel=2)
            steps_per_epoch = cap
        self.adapter = adapter
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = max(1, int(steps_per_execution or 1))
        self._num_batches = adapter.num_batches
        self._current = None
        self._steps_seen = 0

    @property
    def num_batches(self):
        if self.steps_per_epoch:
            return self.steps_per_epoch
        return self._num_batches

    def reset(self):
        self._current = None
        self._num_batches = self.adapter.num_batches
        self._steps_seen = 0

    def epoch(self):
        """One epoch of (begin_step, end_step, [batch, ...])."""
        adapter = self.adapter
        k = self.steps_per_execution
        adapter.on_epoch_begin()
        spe = self.steps_per_epoch or self._num_batches or -1
        if spe > 0:
            if self._current is None or self.steps_per_epoch is None:
                self._current = adapter.iterator()
                self._steps_seen = 0
            for step in range(0, spe, k):
                if self._num_batches and self._steps_seen >= self._num_batches:
                    if self.steps_per_epoch:
                        _interrupted_warning()
                    break
                self._steps_seen += k
                batches = self._grab(self._current, k)
                if batches is None:
                    break
                yield step, step + k - 1, batches
            if self._num_batches and self._steps_seen >= self._num_batches:
                self._current = adapter.iterator()
                self._steps_seen = 0
        else:
            it = adapter.iterator()
            step = -k
            while True:
                step += k
                self._steps_seen = step + k
                batches = self._grab(it, k)
                if batches is None:
                    break
                yield step, step + k - 1, batches
        adapter.on_epoch_end()

    def _grab(self, it, k):
        if k == 1:
            try:
                return [next(it)]
            except StopIteration:
                self._out_of_data()
                return None
        out = []
        for _ in range(k):
            try:
                out.append(next(it))
            except StopIteration:
                if out:
                    return out
                self._out_of_data()
                return None
        return out

    def _out_of_data(self):
        if self._num_batches is None:
            self._num_batches = self._steps_seen
        _interrupted_warning()
        self._current = None
