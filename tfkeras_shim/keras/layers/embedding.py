"""keras.layers.Embedding: a lookup table [input_dim, output_dim], Keras init U(-0.05, 0.05).

Ids of any integer dtype are used as they are (torch's embedding takes int32 and int64); float
ids are truncated to int32 as Keras does. `mask_zero=True` makes `compute_mask` return
`inputs != 0` and the mask flows to the next layers. The embeddings' gradient is a
`tf.IndexedSlices` as in TF (see framework/indexed_slices.py), so Adam & co. treat repeated ids
the way tf.keras does. `input_length` (Keras 2) is accepted with
Keras 3's deprecation warning.
"""
import warnings

import torch

from ...framework import errors
from ...framework.indexed_slices import lookup
from ...framework.tensor import _tdtype, convert_to_tensor, wrap
from .. import constraints, initializers, regularizers
from ..engine.layer import Layer

__all__ = ["Embedding"]


class Embedding(Layer):
    """Turns ids into dense vectors: output shape = input shape + (output_dim,)."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, lora_rank=None, lora_alpha=None, **kwargs):
        for name, v in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"`{name}` must be a positive integer. Received: {name}={v} "
                                 f"(of type {type(v).__name__}).")
        input_length = kwargs.pop("input_length", None)
        if input_length is not None:
            warnings.warn("Argument `input_length` is deprecated. Just remove it.", stacklevel=2)
        self_quantization_config = kwargs.pop("quantization_config", None)
        super().__init__(**kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False  # ids are not cast to the float compute dtype
        self.quantization_config = self_quantization_config
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        if weights is not None:
            self.build()
            if not (isinstance(weights, list) and len(weights) == 1):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape=None):
        if self.built and getattr(self, "embeddings", None) is not None:
            return
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer, name="embeddings",
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint, trainable=True)

    def call(self, inputs):
        ids = inputs
        td = _tdtype(ids)
        if td is not torch.int32 and td is not torch.int64:
            ids = ids.to(torch.int32)
        try:
            out = lookup(ids, self.embeddings)
        except IndexError:
            raise self._range_error(ids) from None
        ctd = self._ctd
        return out if _tdtype(out) is ctd else out.to(ctd)

    def _range_error(self, ids):
        flat = ids.detach().cpu().reshape(-1)
        bad = int(((flat < 0) | (flat >= self.input_dim)).nonzero()[0, 0])
        idx = list(divmod_all(bad, tuple(ids.shape)))
        dev = "GPU" if ids.device.type == "cuda" else "CPU"
        return errors.invalid_argument(
            f"{{{{function_node __wrapped__GatherV2_device_/job:localhost/replica:0/task:0/device:{dev}:0}}}} "
            f"indices[{','.join(map(str, idx))}] = {int(flat[bad])} is not in [0, {self.input_dim})",
            "GatherV2")

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        if not isinstance(inputs, torch.Tensor):
            inputs = convert_to_tensor(inputs)
        return wrap(torch.ne(inputs, 0))

    def compute_output_shape(self, input_shape):
        return (*tuple(input_shape), self.output_dim)

    def get_config(self):
        config = super().get_config()
        config.update({
            "input_dim": self.input_dim, "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": self.quantization_config,
        })
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config


def divmod_all(flat_index, shape):
    """Multi-index of a flat index in a C-ordered shape."""
    out = []
    for s in reversed(shape):
        out.append(flat_index % s)
        flat_index //= s
    return reversed(out)
