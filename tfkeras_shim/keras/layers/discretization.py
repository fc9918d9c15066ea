"""keras.layers.Discretization: bucket floats by `bin_boundaries`, or by quantiles from `adapt`.

A value v goes to bin i when boundaries[i-1] <= v < boundaries[i] (TF's Bucketize; one
`torch.bucketize(..., right=True)` on the device). Float inputs are cast to float32 first (as
Keras does), integer inputs compared as float32. `adapt` keeps Keras's approximate-quantile
summary (numpy, float32, merged batch by batch with tolerance `epsilon`), so the learned
boundaries equal Keras's. Outputs: int32 bin indices, or float32 'one_hot' / 'multi_hot' /
'count' encodings of length len(bin_boundaries) + 1.
"""
import numpy as np
import torch

from ...framework.tensor import StringTensor, convert_to_tensor
from ..engine.layer import Layer
from .hashing import encode_categorical, plain

__all__ = ["Discretization"]


def _summary(values, epsilon):
    """Sorted sample of `values` (every step-th value) with the weight each stands for."""
    v = np.sort(np.reshape(values, [-1]))
    step = max(v.size / (1.0 / epsilon), 1)
    picked = v[int(step - 1)::int(step)]
    return np.stack([picked, np.ones_like(picked) * step])


def _compress(summary, epsilon):
    """Re-sample a summary at cumulative-weight fractions epsilon, 2*epsilon, ..., 1."""
    if summary.shape[1] * epsilon < 1:
        return summary
    fractions = epsilon + np.arange(0.0, 1.0, epsilon)
    cum = summary[1].cumsum()
    at = cum / cum[-1]
    values = np.interp(fractions, at, summary[0])
    cum_new = np.interp(fractions, at, cum)
    weights = cum_new - np.concatenate((np.array([0]), cum_new[:-1]))
    return np.stack((values, weights)).astype("float32")


def _merge(new, old, epsilon):
    both = np.concatenate((new, old), axis=1)
    both = np.take(both, np.argsort(both[0]), axis=1)
    return _compress(both, epsilon)


class Discretization(Layer):
    """Buckets continuous features by `bin_boundaries` (or `num_bins` quantiles learned by adapt)."""

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, dtype=None, name=None):
        super().__init__(name=name, dtype=dtype)
        if sparse and output_mode == "int":
            raise ValueError("`sparse=True` may only be used if `output_mode` is `'one_hot'`, "
                             f"`'multi_hot'`, or `'count'`. Received: sparse={sparse} and "
                             f"output_mode={output_mode}")
        if sparse:
            raise ValueError("`sparse=True` is not supported by tfkeras_shim (no sparse tensor outputs).")
        allowed = ("int", "one_hot", "multi_hot", "count")
        if output_mode not in allowed:
            raise ValueError(f"Unknown value for `output_mode` argument of Discretization. Allowed values "
                             f"are: {allowed}. Received: output_mode={output_mode}")
        if num_bins is not None and num_bins < 0:
            raise ValueError(f"`num_bins` must be greater than or equal to 0. Received: `num_bins={num_bins}`")
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError("Both `num_bins` and `bin_boundaries` should not be set. Received: "
                             f"`num_bins={num_bins}` and `bin_boundaries={bin_boundaries}`")
        if num_bins is None and bin_boundaries is None:
            raise ValueError("You need to set either `num_bins` or `bin_boundaries`.")
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None if bin_boundaries else np.array([[], []], dtype="float32")
        self._bounds_cache = None
        self._build_at_init()

    @property
    def output_dtype(self):
        return self.compute_dtype if self.output_mode != "int" else "int32"

    # -- adapt -------------------------------------------------------------------------------------
    def adapt(self, data, steps=None):
        """Estimate `num_bins` quantile boundaries from an array, tensor, dataset or batches."""
        if self.num_bins is None:
            raise ValueError("Cannot adapt a Discretization layer that has been initialized with "
                             "`bin_boundaries`, use `num_bins` instead.")
        self.reset_state()
        from ...data.dataset import Dataset
        if isinstance(data, Dataset):
            if steps is not None:
                data = data.take(steps)
            for batch in data:
                self.update_state(batch)
        elif hasattr(data, "__iter__") and not isinstance(data, (np.ndarray, torch.Tensor, StringTensor)):
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        else:
            self.update_state(data)
        self.finalize_state()

    def update_state(self, data):
        if isinstance(data, torch.Tensor):
            data = data.detach().cpu().numpy()
        data = np.array(data).astype("float32")
        self.summary = _merge(_summary(data, self.epsilon), self.summary, self.epsilon)

    def finalize_state(self):
        if self.num_bins is None:
            return
        self.bin_boundaries = _compress(self.summary, 1.0 / self.num_bins)[0, :-1].tolist()

    def reset_state(self):
        if self.num_bins is None:
            return
        self.summary = np.array([[], []], dtype="float32")

    # -- call --------------------------------------------------------------------------------------
    def _bounds(self, device):
        key = (tuple(self.bin_boundaries), device)
        if self._bounds_cache is None or self._bounds_cache[0] != key:
            b = torch.tensor([float(v) for v in self.bin_boundaries], dtype=torch.float32, device=device)
            self._bounds_cache = (key, b)
        return self._bounds_cache[1]

    def call(self, inputs):
        if self.bin_boundaries is None:
            raise ValueError("You need to either pass the `bin_boundaries` argument at construction "
                             "time or call `adapt(dataset)` before you can start using the "
                             "`Discretization` layer.")
        x = plain(inputs if isinstance(inputs, torch.Tensor) else convert_to_tensor(np.asarray(inputs)))
        b = self._bounds(x.device)
        if x.dtype is torch.float64:
            b = b.double()
        elif x.dtype is not torch.float32:
            x = x.float()
        idx = torch.bucketize(x, b, right=True)
        depth = len(self.bin_boundaries) + 1
        if self.output_mode == "int":
            return idx.to(torch.int32)
        return encode_categorical(idx, self.output_mode, depth, _torch_dtype(self.compute_dtype))

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.output_mode == "int":
            return input_shape
        depth = len(self.bin_boundaries) + 1 if self.bin_boundaries is not None else self.num_bins
        if self.output_mode == "one_hot":
            if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
                return input_shape[:-1] + (depth,)
            return input_shape + (depth,)
        if len(input_shape) >= 2:
            return (input_shape[0],) + input_shape[2:] + (depth,)
        return (depth,)

    def compute_output_spec(self, inputs):
        from ..engine.keras_tensor import KerasTensor
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=self.output_dtype)

    def load_own_variables(self, store):
        if len(store.keys()) == 1:  # legacy format: the summary was saved
            self.summary = np.asarray(store["0"])

    def save_own_variables(self, store):
        pass

    def get_config(self):
        return {"bin_boundaries": self.bin_boundaries, "num_bins": self.num_bins, "epsilon": self.epsilon,
                "output_mode": self.output_mode, "sparse": self.sparse, "name": self.name,
                "dtype": self.dtype}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        if config.get("bin_boundaries") is not None and config.get("num_bins") is not None:
            bounds = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = bounds
            return layer
        return cls(**config)


def _torch_dtype(name):
    from ...framework import dtypes as _dt
    return _dt.as_dtype(name).torch_dtype
