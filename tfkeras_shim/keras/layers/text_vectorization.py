"""keras.layers.TextVectorization: strings -> token indices or multi-hot / count / tf-idf vectors.

Text work runs on the host, as TF's string ops do (tf.string tensors live there as numpy
object arrays of bytes), with TF's exact semantics:

* standardize 'lower' = `tf.strings.lower` (ASCII letters only, `bytes.lower`);
  'strip_punctuation' removes the characters of Keras's regex
  ``[!"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~\\']`` (all ASCII, so a byte-level delete gives the
  same result on UTF-8); a callable gets a tf.string tensor and returns one (or an array/list).
* split 'whitespace' = `tf.strings.split` (ASCII whitespace, runs collapsed, ends stripped);
  'character' = `tf.strings.unicode_split(.., "UTF-8")`; a callable gets the 1-D tf.string tensor
  and returns a list of token lists, a 2-D string tensor/array, or a ragged-like object with
  `to_list()`.
* ngrams = `tf.strings.ngrams(.., separator=" ")`: per row, all n-grams of the first width,
  then of the next...
* the index is a StringLookup (`_lookup_layer`, mask token "" -> 0, OOV -> 1 in 'int' mode).
  'int' output is int64, padded with 0 to the longest row or to `output_sequence_length`
  (longer rows truncated); 'multi_hot' / 'count' int64 and 'tf_idf' float32, as on TF's backend.

The helpers `lower`, `strip_punctuation`, `split_whitespace`, `unicode_split` and `ngrams` work
on object arrays / lists of bytes and can back a `tf.strings` module. Not supported: `ragged=True`
and `sparse=True` outputs.
"""
import numpy as np
import torch

from ...framework.device import current_device
from ...framework.tensor import StringTensor
from .. import backend as _backend
from ..engine.layer import Layer
from .index_lookup import StringLookup, host_strings, listify, _validate_string_arg

__all__ = ["TextVectorization"]

# the characters of Keras's DEFAULT_STRIP_REGEX r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']'
PUNCTUATION = b'!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\''


def lower(strings):
    """tf.strings.lower (no encoding): ASCII letters lower-cased, other bytes kept."""
    return [s.lower() for s in strings]


def strip_punctuation(strings):
    """Keras's punctuation regex replaced by ''."""
    return [s.translate(None, PUNCTUATION) for s in strings]


def split_whitespace(strings):
    """tf.strings.split(strings): tokens between runs of ASCII whitespace."""
    return [s.split() for s in strings]


def unicode_split(strings, errors="replace"):
    """tf.strings.unicode_split(strings, 'UTF-8'): one token per character."""
    return [[c.encode("utf-8") for c in s.decode("utf-8", errors)] for s in strings]


def ngrams(rows, widths, separator=b" "):
    """tf.strings.ngrams(rows, widths, separator): per row, the n-grams of each width in turn."""
    out = []
    for r in rows:
        r = list(r)
        grams = []
        for n in widths:
            if n == 1:
                grams.extend(r)
            else:
                grams.extend(separator.join(r[i:i + n]) for i in range(len(r) - n + 1))
        out.append(grams)
    return out


def _to_object_array(res):
    """A callable's result (StringTensor, array, list) as an object array of bytes."""
    if isinstance(res, StringTensor):
        return res._a
    return host_strings(res)


def _to_rows(res):
    """A callable split's result as a list of token lists (bytes)."""
    if hasattr(res, "to_list") and not isinstance(res, (StringTensor, np.ndarray)):
        res = res.to_list()
    if isinstance(res, (StringTensor, np.ndarray)):
        a = _to_object_array(res)
        if a.ndim == 1:
            return [[t] for t in a.tolist()]
        return [list(r) for r in a.reshape(a.shape[0], -1).tolist()]
    rows = []
    for r in res:
        if isinstance(r, StringTensor):
            rows.append(r._a.reshape(-1).tolist())
        else:
            rows.append([t if isinstance(t, bytes) else str(t).encode("utf-8") for t in np.asarray(
                r, dtype=object).reshape(-1).tolist()] if not isinstance(r, (bytes, str)) else
                [r if isinstance(r, bytes) else r.encode("utf-8")])
    return rows


class _Tokens:
    """Preprocessed text: ragged `rows` (lists of bytes) with `lead` shape, or a dense array."""

    __slots__ = ("rows", "lead", "dense")

    def __init__(self, rows=None, lead=None, dense=None):
        self.rows = rows
        self.lead = lead
        self.dense = dense


class TextVectorization(Layer):
    """Maps raw strings to token-index sequences or to multi-hot / count / tf-idf vectors."""

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation", split="whitespace",
                 ngrams=None, output_mode="int", output_sequence_length=None, pad_to_max_tokens=False,
                 vocabulary=None, idf_weights=None, sparse=False, ragged=False, encoding="utf-8",
                 name=None, **kwargs):
        if sparse:
            raise ValueError("`sparse=True` is not supported by tfkeras_shim (no sparse tensor outputs).")
        if ragged:
            raise ValueError("`ragged=True` is not supported by tfkeras_shim (no ragged tensors).")
        if not (standardize is None or callable(standardize)):
            _validate_string_arg(standardize, ("lower_and_strip_punctuation", "lower", "strip_punctuation"),
                                 "TextVectorization", "standardize")
        if not (split is None or callable(split)):
            _validate_string_arg(split, ("whitespace", "character"), "TextVectorization", "split")
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode == "tf-idf":
            output_mode = "tf_idf"
        _validate_string_arg(output_mode, ("int", "one_hot", "multi_hot", "count", "tf_idf"),
                             "TextVectorization", "output_mode")
        if not (ngrams is None or isinstance(ngrams, int)
                or isinstance(ngrams, tuple) and all(isinstance(i, int) for i in ngrams)):
            raise ValueError(f"`ngrams` must be None, an integer, or a tuple of integers. Received: "
                             f"ngrams={ngrams}")
        if output_mode == "int" and not (isinstance(output_sequence_length, int)
                                         or output_sequence_length is None):
            raise ValueError("`output_sequence_length` must be either None or an integer when "
                             f"`output_mode` is 'int'. Received: output_sequence_length="
                             f"{output_sequence_length}")
        if output_mode != "int" and output_sequence_length is not None:
            raise ValueError("`output_sequence_length` must not be set if `output_mode` is not 'int'. "
                             f"Received output_sequence_length={output_sequence_length}.")
        self._max_tokens = max_tokens
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens, mask_token="", output_mode=output_mode,
            sparse=sparse, has_input_vocabulary=self._has_input_vocabulary, encoding=encoding,
            vocabulary_size=vocabulary_size)
        self.supports_jit = False

    @property
    def compute_dtype(self):
        return "string"

    @property
    def variable_dtype(self):
        return "string"

    def build(self, input_shape=None):
        pass

    # -- preprocessing -----------------------------------------------------------------------------
    def _preprocess(self, inputs):
        a = host_strings(inputs)
        std = self._standardize
        if std in ("lower", "lower_and_strip_punctuation", "strip_punctuation"):
            flat = a.reshape(-1).tolist()
            if std != "strip_punctuation":
                flat = lower(flat)
            if std != "lower":
                flat = strip_punctuation(flat)
            a = _object_array(flat, a.shape)
        elif callable(std):
            a = _to_object_array(std(_string_tensor(a)))
        if self._split is None:
            if self._ngrams is not None:
                lead = a.shape[:-1] if a.ndim else ()
                rows = ngrams([a] if a.ndim <= 1 else a.reshape(-1, a.shape[-1]).tolist(), self._ngrams)
                if a.ndim <= 1:
                    return _Tokens(dense=_object_array(rows[0], (len(rows[0]),)))
                return _Tokens(dense=_object_array([t for r in rows for t in r], lead + (len(rows[0]),)))
            return _Tokens(dense=a)
        if a.ndim > 1:
            if a.shape[-1] != 1:
                raise ValueError("When using `TextVectorization` to tokenize strings, the input rank "
                                 "must be 1 or the last shape dimension must be 1. Received: "
                                 f"inputs.shape={tuple(a.shape)} with rank={a.ndim}")
            a = a.reshape(a.shape[:-1])
        flat = a.reshape(-1).tolist()
        if self._split == "whitespace":
            rows = split_whitespace(flat)
        elif self._split == "character":
            rows = unicode_split(flat)
        else:
            rows = _to_rows(self._split(_string_tensor(a)))
        if self._ngrams is not None:
            rows = ngrams(rows, self._ngrams)
        return _Tokens(rows=rows, lead=tuple(a.shape))

    # -- adapt -------------------------------------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Learn the vocabulary (tokens by frequency) from a dataset, list, array or batches."""
        self.reset_state()
        from ...data.dataset import Dataset
        if isinstance(data, Dataset):
            if steps is not None:
                data = data.take(steps)
            for batch in data:
                self.update_state(batch)
        elif hasattr(data, "__iter__") and not isinstance(
                data, (list, tuple, np.ndarray, torch.Tensor, StringTensor, str, bytes)):
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        else:
            a = host_strings(data)
            if a.ndim == 1:
                a = a[:, None]
            self.update_state(a)
        self.finalize_state()

    def update_state(self, data):
        lk = self._lookup_layer
        if lk._has_input_vocabulary:
            raise ValueError(f"Cannot adapt layer '{lk.name}' after setting a static vocabulary via "
                             "`vocabulary` argument or `set_vocabulary()` method.")
        tok = self._preprocess(data)
        if tok.rows is None:
            lk.update_state(tok.dense)
            return
        rows = tok.rows
        if len(tok.lead) == 0:
            n_docs = 1  # a scalar string: one document
        else:
            n_docs = len(rows)
        lk._update_rows(rows, n_docs)

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    # -- vocabulary --------------------------------------------------------------------------------
    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary ('' and '[UNK]' first in 'int' mode, then tokens by frequency)."""
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        """Size of the vocabulary, padding and OOV tokens included."""
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Set the vocabulary (list / array / tensor / text file) and, for tf_idf, idf weights."""
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    # -- call --------------------------------------------------------------------------------------
    def call(self, inputs):
        lk = self._lookup_layer
        lk._ensure_known_vocab_size()
        lk._check_table()
        tok = self._preprocess(inputs)
        if tok.rows is None:
            ids = lk._lookup_strings(tok.dense)
            if self._output_mode == "int" and self._output_sequence_length is not None and ids.ndim:
                ids = _fit_last_axis(ids, self._output_sequence_length)
            return lk._encode(ids)
        rows = tok.rows
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        ids = lk._lookup_list([t for r in rows for t in r])
        if self._output_mode == "int":
            width = self._output_sequence_length
            if width is None:
                width = int(lengths.max()) if lengths.size else 0
            out = _pad_rows(ids, lengths, width, 0)
        else:
            out = _pad_rows(ids, lengths, int(lengths.max()) if lengths.size else 0, -1)
        out = out.reshape(tuple(tok.lead) + (out.shape[-1],))
        if self._output_mode == "int":
            return torch.from_numpy(out).to(current_device())
        return lk._encode(out)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self._output_mode == "int":
            return (input_shape[0] if input_shape else None, self._output_sequence_length)
        if self._split is None:
            if len(input_shape) <= 1:
                input_shape = input_shape + (1,)
        else:
            input_shape = input_shape + (None,)
        return self._lookup_layer.compute_output_shape(input_shape)

    def compute_output_spec(self, inputs):
        from ..engine.keras_tensor import KerasTensor
        dtype = "int64" if self._output_mode == "int" else _backend.floatx()
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=dtype)

    # -- config / saving ---------------------------------------------------------------------------
    def get_config(self):
        lk = self._lookup_layer
        config = super().get_config()
        config.update({
            "max_tokens": lk.max_tokens, "standardize": self._standardize, "split": self._split,
            "ngrams": self._ngrams_arg, "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length,
            "pad_to_max_tokens": lk.pad_to_max_tokens, "sparse": lk.sparse, "ragged": self._ragged,
            "vocabulary": listify(lk.input_vocabulary), "idf_weights": listify(lk.input_idf_weights),
            "encoding": self._encoding, "vocabulary_size": self.vocabulary_size(),
        })
        return config

    @classmethod
    def from_config(cls, config):
        from ..saving import serialization_lib
        config = dict(config)
        for k in ("standardize", "split"):
            if not isinstance(config.get(k), str):
                config[k] = serialization_lib.deserialize_keras_object(config.get(k))
        if isinstance(config.get("ngrams"), list):
            config["ngrams"] = tuple(config["ngrams"])
        return cls(**config)

    def save_own_variables(self, store):
        self._lookup_layer.save_own_variables(store)

    def load_own_variables(self, store):
        self._lookup_layer.load_own_variables(store)

    def save_assets(self, dir_path):
        self._lookup_layer.save_assets(dir_path)

    def load_assets(self, dir_path):
        self._lookup_layer.load_assets(dir_path)


def _object_array(items, shape):
    a = np.empty(len(items), dtype=object)
    a[:] = items
    return a.reshape(shape)


def _string_tensor(a):
    st = StringTensor.__new__(StringTensor)
    st._a = a
    return st


def _pad_rows(ids, lengths, width, fill):
    """Ragged ids (flat, with row lengths) -> [rows, width] int64, cut or padded with `fill`."""
    n = lengths.size
    out = np.full((n, width), fill, dtype=np.int64)
    if ids.size and width:
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        col = np.arange(ids.size, dtype=np.int64) - np.repeat(starts, lengths)
        row = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keep = col < width
        out[row[keep], col[keep]] = ids[keep]
    return out


def _fit_last_axis(ids, length):
    """Dense ids cut or zero-padded along the last axis to `length` (TF's slice + pad)."""
    ids = ids[..., :length]
    if ids.shape[-1] < length:
        pad = [(0, 0)] * (ids.ndim - 1) + [(0, length - ids.shape[-1])]
        ids = np.pad(ids, pad)
    return ids
