"""keras.layers attention: MultiHeadAttention, Attention (Luong), AdditiveAttention (Bahdanau).

Weights are stored in Keras layout: the MultiHeadAttention projections are EinsumDense sublayers
named `query`, `key`, (`gate`), `value`, `attention_output` with kernels `[d_model, heads, key_dim]`
/ `[heads, value_dim, d_out]` and biases `[heads, key_dim]` / `[d_out]`, in that order, so
`get_weights`/`set_weights` and `.weights.h5` files are interchangeable with tf.keras. The
projections are one matmul each on `[..., d_model] x [d_model, heads*key_dim]` views.

MultiHeadAttention follows the two code paths tf.keras 2.21 (Keras 3.15, TF backend) takes:
* no dropout, no returned scores, 3-D inputs: logits are masked with -0.7*float32max and
  softmaxed (a query row whose keys are all masked attends uniformly). Computed with
  `F.scaled_dot_product_attention` and an additive mask of that value, which gives the same numbers.
* otherwise (dropout > 0, `return_attention_scores=True`, or inputs of rank > 3, any
  `attention_axes`): query scaled first, masked logits set to -1e9, softmax, masked
  probabilities set to 0 (a fully masked row gives zeros), dropout on the probabilities.
Masks: the query's Keras mask (`_keras_mask`, e.g. from `Embedding(mask_zero=True)`) always wins
over an explicit `query_mask` (as in Keras 3), value/key masks come from the arguments or the
tensors, and the output carries the query mask. Keras 3 also deletes the masks of the input
tensors; in a Functional model that changes nothing there (the masks other layers get were bound
when the graph was built) but it would here, where masks travel with the tensors at run time, so
the shim leaves them in place (only eager code reading `x._keras_mask` after the call can tell).

Differences from tf.keras: dropout draws torch's random numbers; the EinsumDense sublayers are
private here (only what MultiHeadAttention needs: contraction of the trailing input axes).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from ...framework import errors
from ...framework.tensor import wrap, _tdtype, _tshape
from ...framework.tensor_shape import TensorShape
from .. import activations, constraints, initializers, regularizers
from ..engine.layer import Layer
from ..engine.seed_generator import SeedGenerator
from .core import Dropout, _dropout, _ser
from .activation_layers import Softmax

__all__ = ["MultiHeadAttention", "Attention", "AdditiveAttention"]

_TF_DPA_NEG_DEFAULT = -0.7 * 3.38953e38               # dot_product_attention's large negative (f32)
_SOFTMAX_NEG = {torch.float16: -3e4}                # keras.layers.Softmax's large negative
_KerasTensor = None


def _kt():
    global _KerasTensor
    if _KerasTensor is None:
        from ..engine.keras_tensor import KerasTensor
        _KerasTensor = KerasTensor
    return _KerasTensor


def _any_kt(args, kwargs):
    KT = _kt()
    for a in args:
        if isinstance(a, KT) or (isinstance(a, (list, tuple)) and any(isinstance(e, KT) for e in a)):
            return True
    return any(isinstance(v, KT) for v in kwargs.values())


def _shape_of(x):
    if x is None:
        return None
    if isinstance(x, torch.Tensor):
        return tuple(_tshape(x))
    s = getattr(x, "shape", None)
    if s is not None:
        return tuple(s)
    return tuple(np.shape(x))


def _record_symbolic(layer, args, kwargs, outputs):
    from ..engine.keras_tensor import Node
    Node(layer, args, kwargs, outputs)
    return outputs


def _keras_mask(x):
    return getattr(x, "_keras_mask", None) if x is not None else None


def _bool(m, device):
    """A mask argument (tensor, numpy, list) as a bool tensor (nonzero -> True, like ops.cast)."""
    if m is None:
        return None
    if not isinstance(m, torch.Tensor):
        m = torch.as_tensor(np.asarray(m))
    m = m.as_subclass(torch.Tensor) if type(m) is not torch.Tensor else m
    if m.device != device:
        m = m.to(device)
    return m if m.dtype is torch.bool else m != 0


def _broadcast_shape(a, b):
    """numpy broadcast of two shapes, or None if incompatible."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and x != 1 and y != 1:
            return None
        out.append(max(x, y) if x != 1 and y != 1 else (y if x == 1 else x))
    return tuple(reversed(out))


def _fmt(shape):
    """A shape as TF's kernels print it: [2,3,4]."""
    return "[" + ",".join(str(d) for d in shape) + "]"


def _logical_and(a, b):
    sa, sb = tuple(_tshape(a)), tuple(_tshape(b))
    if _broadcast_shape(sa, sb) is None:
        raise errors.invalid_argument(f"Incompatible shapes: {_fmt(sa)} vs. {_fmt(sb)}", "LogicalAnd")
    return a & b


def _clone_initializer(init):
    get_config = getattr(init, "get_config", None)
    if get_config is None or not hasattr(type(init), "from_config"):
        return init
    return type(init).from_config(get_config())


# ---------------------------------------------------------------------------------------------
# EinsumDense (private): the projections of MultiHeadAttention

def _proj_equation(free_dims, bound_dims, output_dims):
    """Keras's projection equation: free input axes kept, `bound_dims` trailing input axes
    contracted with the leading kernel axes, `output_dims` new axes (all biased)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    free = letters[:free_dims]
    bound = letters[free_dims:free_dims + bound_dims]
    out = letters[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{out}->{free}{out}", out, len(free) + len(out)


def _partial_output_shape(output_rank, known_last_dims):
    return [None] * (output_rank - len(known_last_dims)) + list(known_last_dims)


class EinsumDense(Layer):
    """The EinsumDense sublayers of MultiHeadAttention: equations `<free><bound>,<bound><out>->
    <free><out>` only, computed as one matmul on flattened views."""

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.equation = equation
        if isinstance(output_shape, int):
            output_shape = (output_shape,)
        self.partial_output_shape = tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self._linear = self.activation is activations.linear
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        ins, rest = equation.split(",")
        kern, outs = rest.split("->")
        self._n_bound = sum(1 for c in kern if c in ins)
        self._n_out = len(kern) - self._n_bound
        self.bias = None

    def build(self, input_shape):
        nb, no = self._n_bound, self._n_out
        bound = tuple(int(d) for d in tuple(input_shape)[len(input_shape) - nb:])
        out = tuple(int(d) for d in self.partial_output_shape[len(self.partial_output_shape) - no:])
        init = self.kernel_initializer
        if isinstance(init, initializers.VarianceScaling) and (init.input_axes is None or init.output_axes is None):
            config = init.get_config()
            config["seed"] = init.seed
            config["input_axes"] = list(range(nb))
            config["output_axes"] = list(range(nb, nb + no))
            init = type(init).from_config(config)
        self.kernel = self.add_weight(name="kernel", shape=bound + out, initializer=init,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        if self.bias_axes:
            self.bias = self.add_weight(name="bias", shape=out, initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self._bound_dims = bound
        self._out_dims = out
        self._k = math.prod(bound)
        self._m = math.prod(out)

    def project(self, x):
        """`einsum(equation, x, kernel) + bias` on a plain tensor."""
        k = self.kernel
        ctd = self._ctd
        if _tdtype(x) is not ctd:
            x = x.to(ctd)
        if _tdtype(k) is not ctd:
            k = k.to(ctd)
        shape = _tshape(x)
        nb = self._n_bound
        if tuple(shape[len(shape) - nb:]) != self._bound_dims:
            raise errors.invalid_argument(
                f"Input to reshape is a tensor with {k.numel()} values, but the requested shape requires "
                f"a multiple of {math.prod(shape[len(shape) - nb:])}", "Reshape")
        lead = tuple(shape[:len(shape) - nb])
        x2 = x.reshape(lead + (self._k,)) if nb != 1 else x
        w = k.reshape(self._k, self._m)
        b = self.bias
        if b is not None:
            b = b.reshape(self._m)
            if _tdtype(b) is not ctd:
                b = b.to(ctd)
            y = torch.addmm(b, x2, w) if x2.dim() == 2 else torch.matmul(x2, w) + b
        else:
            y = torch.matmul(x2, w)
        if len(self._out_dims) != 1:
            y = y.view(lead + self._out_dims)
        if not self._linear:
            y = self.activation(y)
            y = y.as_subclass(torch.Tensor) if type(y) is not torch.Tensor else y
        if self.activity_regularizer is not None:
            self._apply_activity_regularizer(wrap(y))
        return y

    def call(self, inputs, training=None):
        return self.project(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)[:len(input_shape) - self._n_bound] + tuple(self.partial_output_shape[
            len(self.partial_output_shape) - self._n_out:])

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape, "equation": self.equation,
            "activation": _ser(activations, self.activation), "bias_axes": self.bias_axes,
            "kernel_initializer": _ser(initializers, self.kernel_initializer),
            "bias_initializer": _ser(initializers, self.bias_initializer),
            "kernel_regularizer": _ser(regularizers, self.kernel_regularizer),
            "bias_regularizer": _ser(regularizers, self.bias_regularizer),
            "kernel_constraint": _ser(constraints, self.kernel_constraint),
            "bias_constraint": _ser(constraints, self.bias_constraint),
        })
        return config


# ---------------------------------------------------------------------------------------------
# MultiHeadAttention

def _attention_equations(rank, attn_axes):
    """Dot-product and combine equations for projected tensors `(B, <dims>, heads, channels)`:
    scores are `(<batch dims incl. heads>, <query attention dims>, <key attention dims>)`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    target = letters[:rank]
    batch_dims = [i for i in range(rank) if i not in attn_axes and i != rank - 1]
    nxt = rank
    source = ""
    for i in range(rank):
        if i in batch_dims or i == rank - 1:
            source += target[i]
        else:
            source += letters[nxt]
            nxt += 1
    product = "".join([target[i] for i in batch_dims] + [target[i] for i in attn_axes]
                      + [source[i] for i in attn_axes])
    return f"{source},{target}->{product}", f"{product},{source}->{target}", len(product)


class MultiHeadAttention(Layer):
    """Multi-head (scaled dot-product) attention with Keras's EinsumDense projections."""

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, sliding_window=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, use_gate=False, seed=None, **kwargs):
        if not isinstance(num_heads, int) or isinstance(num_heads, bool) or num_heads <= 0:
            raise ValueError("Received an invalid value for argument `num_heads`, expected a positive "
                             f"integer. Received: num_heads={num_heads}")
        if not isinstance(key_dim, int) or isinstance(key_dim, bool) or key_dim <= 0:
            raise ValueError("Received an invalid value for argument `key_dim`, expected a positive "
                             f"integer. Received: key_dim={key_dim}")
        if value_dim is not None and (not isinstance(value_dim, int) or value_dim <= 0):
            raise ValueError("Received an invalid value for argument `value_dim`, expected a positive "
                             f"integer or `None`. Received: value_dim={value_dim}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            if isinstance(output_shape, int):
                output_shape = (output_shape,)
            try:
                output_shape = tuple(output_shape)
            except Exception:  # noqa: BLE001 - Keras's message for anything not iterable
                raise ValueError(f"Invalid `output_shape`: {output_shape}. When specified, the "
                                 "`output_shape` should be of type tuple, list, or int.") from None
        self._output_shape = output_shape
        self._flash_attention = flash_attention or None
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes and not isinstance(attention_axes, (list, tuple)):
            raise ValueError("`attention_axes` must be an int, list, or tuple."
                             f"Received: attention_axes={attention_axes}")
        self._attention_axes = attention_axes
        if sliding_window is not None and (not isinstance(sliding_window, int) or sliding_window <= 0):
            raise ValueError("`sliding_window` must be `None` or a positive integer. "
                             f"Received: sliding_window={sliding_window}")
        self._sliding_window = sliding_window
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))
        if self._flash_attention and self._dropout > 0.0:
            raise ValueError("Dropout is not supported when flash attention is enabled. Please set "
                             "dropout to 0.0 to use flash attention.")

    # -- properties (Keras's) -----------------------------------------------------------------
    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)

    @property
    def query_dense(self):
        return self._query_dense

    @property
    def key_dense(self):
        return self._key_dense

    @property
    def value_dense(self):
        return self._value_dense

    @property
    def output_dense(self):
        return self._output_dense

    def get_config(self):
        base = super().get_config()
        base.pop("activity_regularizer", None)
        config = {
            "num_heads": self._num_heads, "key_dim": self._key_dim, "value_dim": self._value_dim,
            "dropout": self._dropout, "use_bias": self._use_bias, "use_gate": self._use_gate,
            "output_shape": self._output_shape, "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": _ser(initializers, self._kernel_initializer),
            "bias_initializer": _ser(initializers, self._bias_initializer),
            "kernel_regularizer": _ser(regularizers, self._kernel_regularizer),
            "bias_regularizer": _ser(regularizers, self._bias_regularizer),
            "activity_regularizer": _ser(regularizers, self._activity_regularizer),
            "kernel_constraint": _ser(constraints, self._kernel_constraint),
            "bias_constraint": _ser(constraints, self._bias_constraint),
            "seed": self.seed,
        }
        return {**base, **config}

    # -- calling: build from the shapes of query, value (and key) --------------------------------
    def __call__(self, *args, **kwargs):
        d = self.__dict__
        if d.get("built") and not _any_kt(args, kwargs):
            return Layer.__call__(self, *args, **kwargs)
        names = ("query", "value", "key")
        bound = dict(zip(names, args))
        for n in names:
            if n in kwargs:
                if n in bound:
                    raise TypeError(f"multiple values for argument '{n}'")
                bound[n] = kwargs[n]
        if bound.get("query") is None:
            raise TypeError("missing a required argument: 'query'")
        if bound.get("value") is None:
            raise TypeError("missing a required argument: 'value'")
        if not d.get("built"):
            shapes = {"query_shape": _shape_of(bound["query"]), "value_shape": _shape_of(bound["value"])}
            if bound.get("key") is not None:
                shapes["key_shape"] = _shape_of(bound["key"])
            d["_build_shapes_dict"] = shapes
            self.build(**shapes)
        if _any_kt(args, kwargs):
            rest = {k: v for k, v in kwargs.items() if k not in names}
            spec = self.compute_output_spec(bound["query"], bound["value"], bound.get("key"), **rest)
            return _record_symbolic(self, args, kwargs, spec)
        return Layer.__call__(self, *args, **kwargs)

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        query_shape, value_shape, key_shape = tuple(query_shape), tuple(value_shape), tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError("All dimensions of `value` and `key`, except the last one, must be equal. "
                             f"Received: value_shape={value_shape} and key_shape={key_shape}")
        bsd = self.__dict__.get("_build_shapes_dict")
        if bsd is None or "input_shape" in bsd:
            self.__dict__["_build_shapes_dict"] = {"query_shape": query_shape, "value_shape": value_shape}
        n, kd, vd = self._num_heads, self._key_dim, self._value_dim
        common = self._common_kwargs()
        eq, bias_axes, out_rank = _proj_equation(len(query_shape) - 1, 1, 2)
        self._query_dense = EinsumDense(eq, output_shape=_partial_output_shape(out_rank - 1, [n, kd]),
                                        bias_axes=bias_axes if self._use_bias else None, name="query",
                                        **common)
        self._query_dense.build(query_shape)
        eq, bias_axes, out_rank_k = _proj_equation(len(key_shape) - 1, 1, 2)
        self._key_dense = EinsumDense(eq, output_shape=_partial_output_shape(out_rank_k - 1, [n, kd]),
                                      bias_axes=bias_axes if self._use_bias else None, name="key",
                                      **self._common_kwargs())
        self._key_dense.build(key_shape)
        if self._use_gate:
            eq, bias_axes, out_rank_q = _proj_equation(len(query_shape) - 1, 1, 2)
            self._gate_dense = EinsumDense(eq, output_shape=_partial_output_shape(out_rank_q - 1, [n, vd]),
                                           bias_axes=bias_axes if self._use_bias else None,
                                           activation="sigmoid", name="gate", **self._common_kwargs())
            self._gate_dense.build(query_shape)
        eq, bias_axes, out_rank_v = _proj_equation(len(value_shape) - 1, 1, 2)
        self._value_dense = EinsumDense(eq, output_shape=_partial_output_shape(out_rank_v - 1, [n, vd]),
                                        bias_axes=bias_axes if self._use_bias else None, name="value",
                                        **self._common_kwargs())
        self._value_dense.build(value_shape)
        self._build_attention(out_rank)
        out_shape = list(self._output_shape) if self._output_shape else [query_shape[-1]]
        eq, bias_axes, out_rank_o = _proj_equation(len(query_shape) - 1, 2, len(out_shape))
        self._output_dense = EinsumDense(eq, output_shape=_partial_output_shape(out_rank_o - 1, out_shape),
                                         bias_axes=bias_axes if self._use_bias else None,
                                         name="attention_output", **self._common_kwargs())
        self._output_dense.build(tuple(query_shape[:-1]) + (n, vd))

    def _common_kwargs(self):
        return dict(kernel_regularizer=self._kernel_regularizer, bias_regularizer=self._bias_regularizer,
                    activity_regularizer=self._activity_regularizer,
                    kernel_constraint=self._kernel_constraint, bias_constraint=self._bias_constraint,
                    dtype=self.dtype_policy,
                    kernel_initializer=_clone_initializer(self._kernel_initializer),
                    bias_initializer=_clone_initializer(self._bias_initializer))

    def _build_attention(self, rank):
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(a if a >= 0 else (rank - 1) + a for a in self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = _attention_equations(
            rank, self._attention_axes)
        self._norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._rank = rank
        self._softmax = Softmax(axis=self._norm_axes, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(rate=self._dropout, dtype=self.dtype_policy, seed=self.seed)

    # -- masks ---------------------------------------------------------------------------------
    def _causal_mask(self, t, s, device):
        return torch.ones((t, s), dtype=torch.bool, device=device).tril_().unsqueeze(0)

    def _window_mask(self, t, s, device):
        i = torch.arange(t, device=device).view(1, t, 1)
        j = torch.arange(s, device=device).view(1, 1, s)
        return (i - j).abs_() < self._sliding_window

    def _compute_attention_mask(self, query, value, query_mask=None, value_mask=None, key_mask=None,
                                attention_mask=None, use_causal_mask=False):
        dev = query.device
        auto = None
        if query_mask is not None:
            auto = _bool(query_mask, dev).unsqueeze(-1)
        for m in (value_mask, key_mask):
            if m is not None:
                m = _bool(m, dev).unsqueeze(-2)
                auto = m if auto is None else _logical_and(auto, m)
        t, s = _tshape(query)[1], _tshape(value)[1]
        if use_causal_mask:
            m = self._causal_mask(t, s, dev)
            auto = m if auto is None else _logical_and(auto, m)
        if self._sliding_window is not None:
            m = self._window_mask(t, s, dev)
            auto = m if auto is None else _logical_and(auto, m)
        if attention_mask is not None:
            attention_mask = _bool(attention_mask, dev)
        if auto is not None:
            attention_mask = auto if attention_mask is None else _logical_and(attention_mask, auto)
        return attention_mask

    def _expand_mask(self, mask, rank):
        axis = -len(self._attention_axes) * 2 - 1
        for _ in range(rank - mask.dim()):
            mask = mask.unsqueeze(axis)
        return mask

    # -- the call ------------------------------------------------------------------------------
    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None, use_causal_mask=False):
        key_given = key is not None
        if key is None:
            key = value
        # Keras 3: the query's own mask replaces `query_mask`; value/key masks default to the tensors'
        query_mask = _keras_mask(query)
        if value_mask is None:
            value_mask = _keras_mask(value)
        if key_mask is None and key_given:
            key_mask = _keras_mask(key)
        dev = query.device
        if value.device != dev:
            value = value.to(dev)
        if key.device != dev:
            key = key.to(dev)
        causal_only = (use_causal_mask and query_mask is None and value_mask is None and key_mask is None
                       and attention_mask is None and self._sliding_window is None)
        if causal_only:
            mask = None
        else:
            mask = self._compute_attention_mask(query, value, query_mask, value_mask, key_mask,
                                                attention_mask, use_causal_mask)
        gate = self._gate_dense.project(query) if self._use_gate else None
        q = self._query_dense.project(query)
        k = self._key_dense.project(key)
        v = self._value_dense.project(value)
        qs, ks = _tshape(q), _tshape(k)
        if qs[0] != ks[0]:
            raise errors.invalid_argument(f"Expected dimension {qs[0]} at axis 0 of the input shaped "
                                          f"{_fmt(ks)} but got dimension {ks[0]}", "Einsum")
        fast = not (self._dropout > 0.0 or return_attention_scores or q.dim() != 4)
        if self._flash_attention:
            if return_attention_scores:
                raise ValueError("Returning attention scores is not supported when flash attention is "
                                 "enabled. Please disable flash attention to access attention scores.")
            if fast:
                raise ValueError("Flash attention is not supported in tensorflow backend.")
        if fast:
            out = self._attend_fused(q, k, v, mask, causal_only)
            scores = None
        else:
            if causal_only:
                mask = self._causal_mask(qs[1], ks[1], dev)
            out, scores = self._attend(q, k, v, mask, training)
        if gate is not None:
            out = out * gate
        out = self._output_dense.project(out)
        out = wrap(out)
        if query_mask is not None:
            out._keras_mask = query_mask
        if return_attention_scores:
            return out, wrap(scores)
        return out

    def _attend_fused(self, q, k, v, mask, causal):
        """tf.keras's `ops.dot_product_attention` path (3-D inputs, no dropout, no scores): masked
        logits are replaced by -0.7*float32max (no gradient reaches them; a fully masked row
        attends uniformly). Without a mask (or causal only) this is `F.scaled_dot_product_attention`."""
        qt, kt, vt = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)  # [B, N, T|S, H]
        if mask is None:
            out = F.scaled_dot_product_attention(qt, kt, vt, is_causal=causal, scale=self._inverse_sqrt_key_dim)
            return out.transpose(1, 2)
        mask = self._expand_mask(mask, 4)
        logits = torch.matmul(qt, kt.transpose(-1, -2)) * self._inverse_sqrt_key_dim
        ls, ms = tuple(_tshape(logits)), tuple(_tshape(mask))
        if _broadcast_shape(ls, ms) != ls:
            raise errors.invalid_argument(f"Incompatible shapes: {_fmt(ls)} vs. {_fmt(ms)}", "LogicalAnd")
        td = _tdtype(logits)
        if td is torch.float16 or td is torch.bfloat16:   # TF computes these logits in float32
            logits = logits.float()
        logits = logits.masked_fill(~mask, _TF_DPA_NEG_DEFAULT)
        probs = torch.softmax(logits, dim=-1).to(td)
        return torch.matmul(probs, vt).transpose(1, 2)

    def _attend(self, q, k, v, mask, training):
        """tf.keras's explicit path: scores, masked softmax (masked probabilities 0), dropout."""
        q = q * self._inverse_sqrt_key_dim
        default = self._rank == 4 and self._attention_axes == (1,)
        if default:
            scores = torch.matmul(q.transpose(1, 2), k.permute(0, 2, 3, 1))      # [B, N, T, S]
        else:
            scores = torch.einsum(self._dot_product_equation, k, q)
        td = _tdtype(scores)
        if mask is not None:
            mask = self._expand_mask(mask, scores.dim())
            ss, ms = tuple(_tshape(scores)), tuple(_tshape(mask))
            if len(ms) > len(ss):
                raise ValueError("The `mask` must be broadcastable to `inputs` and must not have more "
                                 f"dimensions. Received: inputs.shape={ss}, mask.shape={ms}")
            for m_dim, i_dim in zip(ms[::-1], ss[::-1]):
                if m_dim != 1 and m_dim != i_dim:
                    raise ValueError("The `mask` must be broadcastable to `inputs`. Each mask dimension must "
                                     "be 1 or match the corresponding input dimension. Received: "
                                     f"inputs.shape={ss}, mask.shape={ms}")
            scores = scores.masked_fill(~mask, _SOFTMAX_NEG.get(td, -1e9))
        axes = self._norm_axes
        if len(axes) == 1:
            probs = torch.softmax(scores, dim=axes[0])
        else:
            probs = torch.exp(scores - torch.logsumexp(scores, dim=axes, keepdim=True))
        if mask is not None:
            probs = probs.masked_fill(~mask, 0.0)
        dropped = probs
        if training and self._dropout > 0:
            dropped = _dropout(probs, self._dropout, None, self._dropout_layer.seed_generator)
        if default:
            out = torch.matmul(dropped, v.transpose(1, 2)).transpose(1, 2)       # [B, T, N, Hv]
        else:
            out = torch.einsum(self._combine_equation, dropped, v)
        return out, probs

    # -- shapes ----------------------------------------------------------------------------------
    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError("All dimensions of `value` and `key`, except the last one, must be equal. "
                             f"Received: value_shape={value_shape} and key_shape={key_shape}")
        if self._output_shape:
            query_shape = query_shape[:-1] + tuple(self._output_shape)
        return query_shape

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
                            attention_mask=None, return_attention_scores=False, training=None,
                            use_causal_mask=False):
        KT = _kt()
        out = KT(self.compute_output_shape(_shape_of(query), _shape_of(value),
                                           _shape_of(key) if key is not None else None),
                 dtype=self.compute_dtype)
        if return_attention_scores:
            qs = _shape_of(query)
            # Keras reports (batch, heads, T, T) here, whatever the key length
            return out, KT((qs[0], self._num_heads, qs[1], qs[1]), dtype=self.compute_dtype)
        return out


# ---------------------------------------------------------------------------------------------
# Attention (dot / concat scores) and AdditiveAttention

class Attention(Layer):
    """Luong-style attention over `[query, value]` or `[query, value, key]` (a list)."""

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if self.dropout > 0:
            self.seed_generator = SeedGenerator(seed=seed)
        if self.score_mode not in ["dot", "concat"]:
            raise ValueError("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. "
                             f"Received: score_mode={score_mode}")
        self.scale = None
        self.concat_score_weight = None
        self.supports_masking = True

    def __call__(self, *args, **kwargs):
        if args and _any_kt(args, kwargs):
            inputs = args[0]
            if not self.built:
                self._maybe_build(inputs)
            spec = self.compute_output_spec(*args, **kwargs)
            return _record_symbolic(self, args, kwargs, spec)
        return Layer.__call__(self, *args, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones", dtype=self.dtype)
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(name="concat_score_weight", shape=(),
                                                       initializer="ones", dtype=self.dtype)

    def _var(self, v, td):
        return v if _tdtype(v) is td else v.to(td)

    def _calculate_scores(self, query, key):
        td = _tdtype(query)
        if self.score_mode == "dot":
            scores = torch.matmul(query, key.transpose(-2, -1))
            if self.scale is not None:
                scores = scores * self._var(self.scale, td)
            return scores
        x = query.unsqueeze(-2) + key.unsqueeze(-3)
        if self.scale is not None:
            x = self._var(self.scale, td) * x
        return self._var(self.concat_score_weight, td) * torch.tanh(x).sum(-1)

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        if scores_mask is not None:
            pad = ~scores_mask
            big = 65504.0 if _tdtype(scores) is torch.float16 else 1.0e9
            if pad.dim() == 2:
                pad = pad.unsqueeze(-2)
            scores = torch.where(pad, scores - big, scores)
        weights = torch.softmax(scores, dim=-1)
        if training and self.dropout > 0:
            dropped = _dropout(weights, self.dropout, None, self.seed_generator)
        else:
            dropped = weights
        return torch.matmul(dropped, value), weights

    def _calculate_score_mask(self, scores, v_mask, use_causal_mask):
        if use_causal_mask:
            s = _tshape(scores)
            causal = torch.ones((s[-2], s[-1]), dtype=torch.bool, device=scores.device).tril_().unsqueeze(0)
            if v_mask is not None:
                return v_mask.unsqueeze(-2) & causal
            return causal
        return v_mask

    def call(self, inputs, mask=None, training=False, return_attention_scores=False, use_causal_mask=False):
        self._validate_inputs(inputs=inputs, mask=mask)
        q = inputs[0]
        v = inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        ctd = self._ctd
        q, v, k = (x if _tdtype(x) is ctd else x.to(ctd) for x in (q, v, k))
        dev = q.device
        q_mask = _bool(mask[0], dev) if mask else None
        v_mask = _bool(mask[1], dev) if mask else None
        self._check_matmul(q, k, v)
        scores = self._calculate_scores(q, k)
        scores_mask = self._calculate_score_mask(scores, v_mask, use_causal_mask)
        out, weights = self._apply_scores(scores, v, scores_mask, training)
        if q_mask is not None:
            out = out.masked_fill(~q_mask.unsqueeze(-1), 0.0)
        if return_attention_scores:
            return wrap(out), wrap(weights)
        return wrap(out)

    def _check_matmul(self, q, k, v):
        qs, ks = tuple(_tshape(q)), tuple(_tshape(k))
        if self.score_mode == "dot" and qs[-1] != ks[-1]:
            kt = ks[:-2] + (ks[-1], ks[-2])
            raise errors.invalid_argument(f"Matrix size-incompatible: In[0]: {_fmt(qs)}, In[1]: {_fmt(kt)} 0 0",
                                          "BatchMatMulV2")

    def compute_mask(self, inputs, mask=None):
        self._validate_inputs(inputs=inputs, mask=mask)
        if mask is None or mask[0] is None:
            return None
        m = mask[0]
        if not isinstance(m, torch.Tensor):
            from ...framework.tensor import convert_to_tensor
            m = convert_to_tensor(m)
        return m

    def compute_output_shape(self, input_shape):
        query_shape = input_shape[0]
        value_shape = input_shape[1]
        return (*tuple(query_shape)[:-1], tuple(value_shape)[-1])

    def compute_output_spec(self, inputs, mask=None, return_attention_scores=False, training=None,
                            use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        KT = _kt()
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        out = KT(self.compute_output_shape([_shape_of(query), _shape_of(value), _shape_of(key)]),
                 dtype=self.compute_dtype)
        if return_attention_scores:
            return out, KT((*_shape_of(query)[:-1], _shape_of(key)[-2]), dtype=self.compute_dtype)
        return out

    def _validate_inputs(self, inputs, mask=None):
        name = self.__class__.__name__
        if not isinstance(inputs, list):
            shown = inputs
            if isinstance(inputs, tuple) and not _is_shape(inputs):
                shown = tuple(tuple(s) if _is_shape(s) else s for s in inputs)
            elif isinstance(inputs, TensorShape):
                shown = tuple(inputs)
            raise ValueError(f"{name} layer must be called on a list of inputs, namely [query, value] "
                             f"or [query, value, key]. Received: inputs={shown}.")
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError(f"{name} layer accepts inputs list of length 2 or 3, namely [query, value] "
                             f"or [query, value, key]. Received length: {len(inputs)}.")
        if mask is not None:
            if not isinstance(mask, list):
                raise ValueError(f"{name} layer mask must be a list, namely [query_mask, value_mask]. "
                                 f"Received: mask={mask}.")
            if len(mask) < 2 or len(mask) > 3:
                raise ValueError(f"{name} layer accepts mask list of length 2 or 3. "
                                 f"Received: inputs={inputs}, mask={mask}.")

    def get_config(self):
        base = super().get_config()
        config = {"use_scale": self.use_scale, "score_mode": self.score_mode, "dropout": self.dropout,
                  "seed": self.seed}
        return {**base, **config}


def _is_shape(s):
    return isinstance(s, (tuple, list)) and all(d is None or isinstance(d, (int, np.integer)) for d in s)


class AdditiveAttention(Attention):
    """Bahdanau-style attention: scores `sum(scale * tanh(query + key), -1)`."""

    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        dim = input_shape[0][-1]
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=[dim], initializer="glorot_uniform",
                                         dtype=self.dtype)

    def _check_matmul(self, q, k, v):
        qs, ks = tuple(_tshape(q)), tuple(_tshape(k))
        a = qs[:-1] + (1, qs[-1])
        b = ks[:-2] + (1,) + ks[-2:]
        if _broadcast_shape(a, b) is None:
            raise errors.invalid_argument(f"Incompatible shapes: {_fmt(a)} vs. {_fmt(b)}", "AddV2")

    def _calculate_scores(self, query, key):
        x = torch.tanh(query.unsqueeze(-2) + key.unsqueeze(-3))
        if self.use_scale:
            x = self._var(self.scale, _tdtype(x)) * x
        return x.sum(-1)

    def get_config(self):
        base = super().get_config()
        del base["score_mode"]
        return base
