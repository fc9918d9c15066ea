"""Record real tf.keras (TF 2.21 / Keras 3.15) results for the attention and TimeDistributed
tests (by hand, never in CI):

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_attention_golden.py

Writes tests/golden/keras_layers/attention.json with
* "cases": MultiHeadAttention / Attention / AdditiveAttention / TimeDistributed calls. Each
  layer is built by a first call, given fixed weights (`set_weights`, seeded numpy), then called
  under a GradientTape on fixed inputs (with Keras masks attached where a case says so); the
  record holds inputs, call arguments, weights, outputs, the output mask, the gradients of
  `sum(out * r)` (+ `sum(scores * r2)`) with respect to the float inputs and the trainable
  weights, weight names/paths/shapes, count_params, get_config, build config and the output
  shapes of a symbolic (Functional) call.
* "errors": expressions evaluated the same way under both libraries, with the exception class
  and message TF gives.
* "tutorials": small Transformer encoder models (Functional, and a subclassed block) compiled and
  fit for 2 epochs from fixed initial weights: History, predictions, summary text.
"""
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

keras = tf.keras
L = keras.layers
OUT = os.path.join(ROOT, "tests", "golden", "keras_layers", "attention.json")
MODEL_FILE = os.path.join(ROOT, "tests", "golden", "keras_layers", "attention_model.keras")
WEIGHTS_FILE = os.path.join(ROOT, "tests", "golden", "keras_layers", "attention_model.weights.h5")


def arr(a):
    a = np.asarray(a)
    vals = [float("%.8g" % v) for v in a.astype(np.float64).ravel()] if a.dtype.kind == "f" else a.ravel().tolist()
    return {"dtype": a.dtype.name, "shape": list(a.shape), "value": vals}


def rnd(seed, shape, lo=-1.0, hi=1.0):
    return np.random.default_rng(seed).uniform(lo, hi, shape).astype(np.float32)


def is_arr(v):
    return isinstance(v, np.ndarray)


# ------------------------------------------------------------------------------------------
# layer cases

def C(cid, cls, config, inputs, call=None, keras_masks=None, seed=0, inner=None, scores=False):
    """inputs: {'query': shape, 'value': shape, 'key': shape} (MHA, passed as keywords-by-position),
    a list of shapes (Attention layers, one list argument), or one shape (TimeDistributed)."""
    return dict(id=cid, cls=cls, config=config, inputs=inputs, call=call or {}, keras_masks=keras_masks or {},
                seed=seed, inner=inner, scores=scores)


def lens_mask(b, t, lens):
    return np.array([[i < n for i in range(t)] for n in lens[:b]])


M23 = lens_mask(2, 3, [2, 1])          # second row keeps only the first step
M24 = lens_mask(2, 4, [3, 2])
M25 = lens_mask(2, 5, [4, 2])
M26 = lens_mask(2, 6, [5, 3])
AM = np.array([[[1, 1, 0, 0, 0, 0], [1, 0, 1, 0, 1, 0], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]],
               [[0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0], [0, 1, 0, 1, 0, 1], [1, 0, 0, 0, 0, 1]]], bool)

CASES = [
    C("mha_self", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 4, 5)}),
    C("mha_cross", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)}),
    C("mha_key", "MultiHeadAttention", {"num_heads": 3, "key_dim": 2}, {"query": (2, 4, 5), "value": (2, 6, 7), "key": (2, 6, 3)}),
    C("mha_value_dim_out_int", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "value_dim": 4, "output_shape": 6},
      {"query": (2, 4, 5), "value": (2, 6, 7)}),
    C("mha_out_shape_2d", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "output_shape": (2, 3)},
      {"query": (2, 4, 5), "value": (2, 6, 5)}),
    C("mha_no_bias", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "use_bias": False},
      {"query": (2, 4, 5), "value": (2, 6, 7)}),
    C("mha_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      call={"return_attention_scores": True}, scores=True),
    C("mha_attn_mask_fast", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      call={"attention_mask": AM}),
    C("mha_attn_mask_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      call={"attention_mask": AM, "return_attention_scores": True}, scores=True),
    C("mha_attn_mask_2d", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      call={"attention_mask": AM[1]}),
    C("mha_attn_mask_int", "MultiHeadAttention", {"num_heads": 1, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      call={"attention_mask": AM.astype("int32")}),
    C("mha_causal_fast", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 4, 5)},
      call={"use_causal_mask": True}),
    C("mha_causal_cross_fast", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 5, 5), "value": (2, 3, 5)},
      call={"use_causal_mask": True}),
    C("mha_causal_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 5)},
      call={"use_causal_mask": True, "return_attention_scores": True}, scores=True),
    C("mha_causal_and_mask", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 5)},
      call={"use_causal_mask": True, "attention_mask": AM}),
    C("mha_keras_masks_fast", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 4, 5)},
      keras_masks={"query": M24, "value": M24}),
    C("mha_keras_masks_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 4, 5)},
      keras_masks={"query": M24, "value": M24}, call={"return_attention_scores": True}, scores=True),
    C("mha_keras_masks_cross", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 4, 5), "value": (2, 6, 7)},
      keras_masks={"value": M26}),
    C("mha_keras_mask_key", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
      {"query": (2, 4, 5), "value": (2, 6, 7), "key": (2, 6, 3)}, keras_masks={"key": M26, "query": M24}),
    C("mha_query_mask_arg_ignored", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
      {"query": (2, 4, 5), "value": (2, 6, 7)}, call={"query_mask": M24}),
    C("mha_value_key_mask_args", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
      {"query": (2, 4, 5), "value": (2, 6, 7)}, call={"value_mask": M26, "key_mask": lens_mask(2, 6, [6, 2]),
                                                     "return_attention_scores": True}, scores=True),
    C("mha_mask_and_causal_keras", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
      {"query": (2, 4, 5), "value": (2, 4, 5)}, keras_masks={"query": M24, "value": M24}, call={"use_causal_mask": True}),
    C("mha_dropout_inference", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "dropout": 0.5},
      {"query": (2, 4, 5), "value": (2, 4, 5)}, keras_masks={"query": M24, "value": M24}),
    C("mha_4d_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2}, {"query": (2, 3, 4, 5), "value": (2, 3, 4, 5)},
      call={"return_attention_scores": True}, scores=True),
    C("mha_4d_no_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2}, {"query": (2, 3, 4, 5), "value": (2, 3, 4, 5)}),
    C("mha_4d_axis2", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": 2},
      {"query": (2, 3, 4, 5), "value": (2, 3, 4, 5)}, call={"return_attention_scores": True}, scores=True),
    C("mha_4d_axes12", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2)},
      {"query": (2, 3, 4, 5), "value": (2, 3, 4, 5)}, call={"return_attention_scores": True}, scores=True),
    C("mha_4d_axes_neg", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": [-2]},
      {"query": (2, 3, 4, 5), "value": (2, 3, 6, 5)}),
    C("mha_sliding_window", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "sliding_window": 2},
      {"query": (2, 5, 4), "value": (2, 5, 4)}),
    C("mha_sliding_window_causal_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "sliding_window": 2},
      {"query": (2, 5, 4), "value": (2, 5, 4)}, call={"use_causal_mask": True, "return_attention_scores": True},
      scores=True),
    C("mha_gate", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "value_dim": 2, "use_gate": True},
      {"query": (2, 4, 5), "value": (2, 6, 7)}),
    C("mha_int_inputs", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, {"query": (2, 3, 4), "value": (2, 3, 4)},
      call={"_int_inputs": True}),
    # Attention / AdditiveAttention
    C("att_dot", "Attention", {}, [(2, 3, 4), (2, 5, 4)]),
    C("att_dot_key", "Attention", {}, [(2, 3, 4), (2, 5, 6), (2, 5, 4)]),
    C("att_scale", "Attention", {"use_scale": True}, [(2, 3, 4), (2, 5, 4)]),
    C("att_concat", "Attention", {"score_mode": "concat"}, [(2, 3, 4), (2, 5, 4)]),
    C("att_concat_scale", "Attention", {"score_mode": "concat", "use_scale": True}, [(2, 3, 4), (2, 5, 4)]),
    C("att_masks", "Attention", {}, [(2, 3, 4), (2, 5, 4)], keras_masks={0: M23, 1: M25}),
    C("att_mask_arg", "Attention", {"use_scale": True}, [(2, 3, 4), (2, 5, 4)],
      call={"mask": [M23, np.zeros((2, 5), bool)]}),
    C("att_causal", "Attention", {}, [(2, 4, 4), (2, 4, 4)], call={"use_causal_mask": True}),
    C("att_causal_vmask_scores", "Attention", {}, [(2, 4, 4), (2, 4, 4)], keras_masks={1: M24},
      call={"use_causal_mask": True, "return_attention_scores": True}, scores=True),
    C("att_scores", "Attention", {}, [(2, 3, 4), (2, 5, 4)], call={"return_attention_scores": True}, scores=True),
    C("att_dropout_inference", "Attention", {"dropout": 0.5}, [(2, 3, 4), (2, 5, 4)]),
    C("add_att", "AdditiveAttention", {}, [(2, 3, 4), (2, 5, 4)]),
    C("add_att_noscale", "AdditiveAttention", {"use_scale": False}, [(2, 3, 4), (2, 5, 4)]),
    C("add_att_key_masks_scores", "AdditiveAttention", {}, [(2, 3, 4), (2, 5, 6), (2, 5, 4)],
      keras_masks={0: M23, 1: M25}, call={"return_attention_scores": True}, scores=True),
    C("add_att_causal", "AdditiveAttention", {}, [(2, 4, 4), (2, 4, 4)], call={"use_causal_mask": True}),
    # TimeDistributed
    C("td_dense", "TimeDistributed", {}, (2, 4, 5), inner=("Dense", {"units": 3})),
    C("td_dense_relu_mask", "TimeDistributed", {}, (2, 4, 5), inner=("Dense", {"units": 3, "activation": "relu"}),
      keras_masks={0: M24}),
    C("td_dense_4d", "TimeDistributed", {}, (2, 3, 4, 5), inner=("Dense", {"units": 2})),
    C("td_conv2d", "TimeDistributed", {}, (2, 3, 6, 6, 2), inner=("Conv2D", {"filters": 3, "kernel_size": 3, "padding": "same"})),
    C("td_conv2d_valid_s2", "TimeDistributed", {}, (2, 3, 7, 7, 2), inner=("Conv2D", {"filters": 2, "kernel_size": 3, "strides": 2})),
    C("td_maxpool", "TimeDistributed", {}, (2, 3, 4, 4, 2), inner=("MaxPooling2D", {})),
    C("td_flatten", "TimeDistributed", {}, (2, 3, 4, 4, 2), inner=("Flatten", {})),
    C("td_lstm_mask", "TimeDistributed", {}, (2, 3, 4, 5), inner=("LSTM", {"units": 3}),
      keras_masks={0: np.array([[[1, 1, 1, 0], [1, 0, 0, 0], [1, 1, 1, 1]], [[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 1, 0]]], bool)}),
    C("td_embedding_ids", "TimeDistributed", {}, (2, 3, 4), inner=("Embedding", {"input_dim": 7, "output_dim": 3,
                                                                                "mask_zero": True}),
      call={"_int_inputs": True}),
    C("td_bn_train", "TimeDistributed", {}, (3, 4, 2), inner=("BatchNormalization", {}), call={"training": True}),
    C("td_bn_infer", "TimeDistributed", {}, (3, 4, 2), inner=("BatchNormalization", {})),
]


def weights_for(layer, seed):
    out = []
    for i, w in enumerate(layer.weights):
        shape = tuple(w.shape)
        if "variance" in w.name:
            out.append(rnd(seed * 100 + i, shape, 0.5, 1.5))
        elif "gamma" in w.name:
            out.append(rnd(seed * 100 + i, shape, 0.5, 1.5))
        else:
            out.append(rnd(seed * 100 + i, shape, -0.6, 0.6))
    return out


def make_layer(case):
    cfg = dict(case["config"])
    if case["cls"] == "TimeDistributed":
        name, icfg = case["inner"]
        return L.TimeDistributed(getattr(L, name)(**icfg), **cfg)
    return getattr(L, case["cls"])(**cfg)


def make_inputs(case, ints=False):
    """Fresh input tensors (and the numpy arrays) for a case, with Keras masks attached."""
    spec = case["inputs"]
    km = case["keras_masks"]

    def mk(shape, seed, mask):
        a = rnd(seed, shape)
        if ints:
            a = np.round((a + 1) * 3).astype("int32")
        t = tf.constant(a)
        if mask is not None:
            t._keras_mask = tf.constant(mask)
        return a, t

    if isinstance(spec, dict):
        arrays, tensors = {}, {}
        for i, k in enumerate(["query", "value", "key"]):
            if k in spec:
                arrays[k], tensors[k] = mk(spec[k], 10 + i, km.get(k))
        return arrays, tensors
    if isinstance(spec, list):
        pairs = [mk(s, 10 + i, km.get(i)) for i, s in enumerate(spec)]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    a, t = mk(spec, 10, km.get(0))
    return a, t


def call_layer(layer, case, tensors, kwargs):
    if isinstance(tensors, dict):
        args = [tensors["query"], tensors["value"]] + ([tensors["key"]] if "key" in tensors else [])
        return layer(*args, **kwargs)
    return layer(tensors, **kwargs)


def tf_kwargs(call):
    out = {}
    for k, v in call.items():
        if k.startswith("_"):
            continue
        if isinstance(v, np.ndarray):
            out[k] = tf.constant(v)
        elif isinstance(v, list) and any(isinstance(e, np.ndarray) for e in v):
            out[k] = [tf.constant(e) if isinstance(e, np.ndarray) else e for e in v]
        else:
            out[k] = v
    return out


def jsonable_call(call):
    out = {}
    for k, v in call.items():
        if isinstance(v, np.ndarray):
            out[k] = {"__array__": arr(v)}
        elif isinstance(v, list) and any(isinstance(e, np.ndarray) for e in v):
            out[k] = {"__list__": [arr(e) if isinstance(e, np.ndarray) else e for e in v]}
        else:
            out[k] = v
    return out


def flat_tensors(x):
    if isinstance(x, dict):
        return [x[k] for k in ["query", "value", "key"] if k in x]
    if isinstance(x, list):
        return list(x)
    return [x]


def symbolic_shapes(case):
    layer = make_layer(case)
    spec = case["inputs"]
    kwargs = {k: v for k, v in tf_kwargs(case["call"]).items()
              if k in ("return_attention_scores", "use_causal_mask")}
    if isinstance(spec, dict):
        ins = {k: keras.Input(tuple(s[1:])) for k, s in spec.items()}
        y = call_layer(layer, case, ins, kwargs)
    elif isinstance(spec, list):
        y = layer([keras.Input(tuple(s[1:])) for s in spec], **kwargs)
    else:
        y = layer(keras.Input(tuple(spec[1:])), **kwargs)
    ys = list(y) if isinstance(y, (list, tuple)) else [y]
    return [list(t.shape) for t in ys]


def run_case(case):
    keras.utils.set_random_seed(case["seed"])
    layer = make_layer(case)
    ints = bool(case["call"].get("_int_inputs"))
    kwargs = tf_kwargs(case["call"])
    _, t0 = make_inputs(case, ints)
    call_layer(layer, case, t0, kwargs)            # builds
    w_in = weights_for(layer, case["seed"] + 1)
    layer.set_weights(w_in)
    arrays, tensors = make_inputs(case, ints)
    flat = flat_tensors(tensors)
    with tf.GradientTape() as tape:
        for t in flat:
            if t.dtype.is_floating:
                tape.watch(t)
        y = call_layer(layer, case, tensors, kwargs)
        ys = list(y) if isinstance(y, (list, tuple)) else [y]
        loss = 0.0
        rs = []
        for i, o in enumerate(ys):
            r = rnd(1000 + i, tuple(o.shape))
            rs.append(r)
            loss = loss + tf.reduce_sum(tf.cast(o, tf.float32) * r)
    srcs = [t for t in flat if t.dtype.is_floating] + list(layer.trainable_weights)
    grads = tape.gradient(loss, srcs)
    mask = getattr(ys[0], "_keras_mask", None)
    rec = {
        "cls": case["cls"], "config": case["config"], "inner": case["inner"],
        "inputs": ({k: arr(v) for k, v in arrays.items()} if isinstance(arrays, dict)
                   else [arr(v) for v in arrays] if isinstance(arrays, list) else arr(arrays)),
        "input_kind": "dict" if isinstance(arrays, dict) else "list" if isinstance(arrays, list) else "tensor",
        "keras_masks": {str(k): arr(v) for k, v in case["keras_masks"].items()},
        "call": jsonable_call(case["call"]),
        "weights_in": [arr(w) for w in w_in],
        "outputs": [arr(np.asarray(o)) for o in ys],
        "output_dtypes": [o.dtype.name for o in ys],
        "output_mask": None if mask is None else arr(np.asarray(mask)),
        "r": [arr(r) for r in rs],
        "grads": [None if g is None else arr(np.asarray(tf.convert_to_tensor(g))) for g in grads],
        "n_input_grads": sum(1 for t in flat if t.dtype.is_floating),
        # only when the call changed them (moving statistics)
        "weights_after": (None if all(np.array_equal(np.asarray(w), a) for w, a in zip(layer.weights, w_in))
                          else [arr(np.asarray(w)) for w in layer.weights]),
        "weight_info": [{"name": w.name, "path": w.path, "shape": list(w.shape), "trainable": bool(w.trainable)}
                        for w in layer.weights],
        "count_params": int(layer.count_params()),
        "get_config": _jsonify(layer.get_config()),
        "build_config": _jsonify(layer.get_build_config()),
        "symbolic_shapes": symbolic_shapes(case),
    }
    return rec


def _jsonify(o):
    return json.loads(json.dumps(o, default=_json_default))


# ------------------------------------------------------------------------------------------
# errors: expressions evaluated with `L` (keras.layers), `np` and `tf`

Q = "np.ones((2,3,4),'float32')"
V = "np.ones((2,5,4),'float32')"
ERRORS = [
    ("mha_num_heads_0", "L.MultiHeadAttention(0, 2)"),
    ("mha_num_heads_float", "L.MultiHeadAttention(2.0, 2)"),
    ("mha_key_dim_none", "L.MultiHeadAttention(2, None)"),
    ("mha_value_dim_neg", "L.MultiHeadAttention(2, 2, value_dim=-1)"),
    ("mha_attention_axes_str", "L.MultiHeadAttention(2, 2, attention_axes='a')"),
    ("mha_sliding_window_0", "L.MultiHeadAttention(2, 2, sliding_window=0)"),
    ("mha_flash_dropout", "L.MultiHeadAttention(2, 2, flash_attention=True, dropout=0.1)"),
    ("mha_flash_call", f"L.MultiHeadAttention(2, 2, flash_attention=True)({Q}, {V})"),
    ("mha_key_value_mismatch", f"L.MultiHeadAttention(2, 2)({Q}, {V}, np.ones((2,6,4),'float32'))"),
    ("mha_cos_key_value_mismatch", "L.MultiHeadAttention(2, 2).compute_output_shape((None,3,4),(None,5,4),(None,6,4))"),
    ("mha_missing_value", f"L.MultiHeadAttention(2, 2)({Q})"),
    ("mha_batch_mismatch", f"L.MultiHeadAttention(2, 2)({Q}, np.ones((1,5,4),'float32'))"),
    ("mha_bad_attention_mask_fast", f"L.MultiHeadAttention(2, 2)({Q}, {V}, attention_mask=np.ones((2,3,4),bool))"),
    ("mha_bad_attention_mask_scores",
     f"L.MultiHeadAttention(2, 2)({Q}, {V}, attention_mask=np.ones((2,3,4),bool), return_attention_scores=True)"),
    ("mha_query_dim_changed", f"(lambda m: (m({Q}, {V}), m(np.ones((2,3,6),'float32'), {V})))(L.MultiHeadAttention(2, 2))"),
    ("att_tuple", f"L.Attention()(({Q}, {V}))"),
    ("att_single", f"L.Attention()({Q})"),
    ("att_four", f"L.Attention()([{Q}, {V}, {V}, {V}])"),
    ("att_mask_not_list", f"L.Attention()([{Q}, {V}], mask=np.ones((2,3),bool))"),
    ("att_score_mode", "L.Attention(score_mode='x')"),
    ("att_dim_mismatch", f"L.Attention()([{Q}, np.ones((2,5,6),'float32')])"),
    ("add_att_dim_mismatch", f"L.AdditiveAttention()([{Q}, np.ones((2,5,6),'float32')])"),
    ("td_not_layer", "L.TimeDistributed(3)"),
    ("wrapper_not_layer", "L.Wrapper(3)"),
    ("td_2d_input", "L.TimeDistributed(L.Dense(2))(np.zeros((2,3),'float32'))"),
    ("td_feature_mismatch",
     "(lambda t: (t(np.zeros((2,4,5),'float32')), t(np.zeros((2,4,6),'float32'))))(L.TimeDistributed(L.Dense(3)))"),
    ("td_mask_1d", "L.TimeDistributed(L.Dense(3))(np.zeros((2,4,5),'float32'), mask=np.ones((2,),bool))"),
    ("td_mask_mismatch", "L.TimeDistributed(L.Dense(3))(np.zeros((2,4,5),'float32'), mask=np.ones((2,3),bool))"),
    ("td_cos_2d", "L.TimeDistributed(L.Dense(2)).compute_output_shape((None, 3))"),
]


def gen_errors():
    out = {}
    for eid, code in ERRORS:
        try:
            eval(code, {"L": L, "np": np, "tf": tf})
            out[eid] = {"code": code, "error": None}
        except Exception as e:  # noqa: BLE001
            out[eid] = {"code": code, "error": [type(e).__name__, str(e)]}
    return out


# ------------------------------------------------------------------------------------------
# tutorials: Transformer encoder blocks fit for 2 epochs

VOCAB, SEQ, DIM, CLASSES, N = 30, 8, 16, 3, 48


def tutorial_data():
    rng = np.random.default_rng(5)
    x = rng.integers(1, VOCAB, (N, SEQ)).astype("int32")
    lens = rng.integers(3, SEQ + 1, N)
    for i, n in enumerate(lens):
        x[i, n:] = 0
    y = rng.integers(0, CLASSES, N).astype("int32")
    return x, y


def functional_block(keras_mod, mask_zero):
    Ly = keras_mod.layers
    inp = keras_mod.Input((SEQ,), dtype="int32")
    emb = Ly.Embedding(VOCAB, DIM, mask_zero=mask_zero)(inp)
    attn = Ly.MultiHeadAttention(num_heads=2, key_dim=8)(emb, emb)
    x = Ly.LayerNormalization(epsilon=1e-6)(Ly.Add()([emb, attn]))
    ff = Ly.Dense(32, activation="relu")(x)
    ff = Ly.Dense(DIM)(ff)
    x = Ly.LayerNormalization(epsilon=1e-6)(Ly.Add()([x, ff]))
    x = Ly.GlobalAveragePooling1D()(x)
    out = Ly.Dense(CLASSES, activation="softmax")(x)
    return keras_mod.Model(inp, out)


SUBCLASS_CODE = '''
class TransformerBlock(keras.layers.Layer):
    def __init__(self, embed_dim, num_heads, ff_dim, rate=0.0, **kwargs):
        super().__init__(**kwargs)
        self.att = keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.ffn = keras.Sequential([keras.layers.Dense(ff_dim, activation="relu"),
                                     keras.layers.Dense(embed_dim)])
        self.layernorm1 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = keras.layers.Dropout(rate)
        self.dropout2 = keras.layers.Dropout(rate)

    def call(self, inputs, training=False):
        attn_output = self.att(inputs, inputs)
        attn_output = self.dropout1(attn_output, training=training)
        out1 = self.layernorm1(inputs + attn_output)
        ffn_output = self.ffn(out1)
        ffn_output = self.dropout2(ffn_output, training=training)
        return self.layernorm2(out1 + ffn_output)


class TokenAndPositionEmbedding(keras.layers.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_emb = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = keras.layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = tf.shape(x)[-1]
        positions = tf.range(start=0, limit=maxlen, delta=1)
        positions = self.pos_emb(positions)
        x = self.token_emb(x)
        return x + positions


def build_model(keras):
    inputs = keras.layers.Input(shape=(SEQ,))
    x = TokenAndPositionEmbedding(SEQ, VOCAB, DIM)(inputs)
    x = TransformerBlock(DIM, 2, 32)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    x = keras.layers.Dense(20, activation="relu")(x)
    outputs = keras.layers.Dense(CLASSES, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)
'''


def subclass_block(keras_mod, tf_mod):
    ns = {"keras": keras_mod, "tf": tf_mod, "SEQ": SEQ, "VOCAB": VOCAB, "DIM": DIM, "CLASSES": CLASSES}
    exec(SUBCLASS_CODE, ns)
    return ns["build_model"](keras_mod)


def tutorial_weights(model, seed):
    out = []
    for i, w in enumerate(model.weights):
        shape = tuple(w.shape)
        if "gamma" in w.name:
            out.append(rnd(seed + i, shape, 0.8, 1.2))
        else:
            out.append(rnd(seed + i, shape, -0.3, 0.3))
    return out


def run_tutorial(kind):
    keras.utils.set_random_seed(3)
    keras.backend.clear_session()
    if kind == "functional_masked":
        model = functional_block(keras, True)
    elif kind == "functional":
        model = functional_block(keras, False)
    else:
        model = subclass_block(keras, tf)
    w = tutorial_weights(model, 7)
    model.set_weights(w)
    x, y = tutorial_data()
    buf = io.StringIO()
    model.summary(print_fn=lambda s, **kw: buf.write(s + "\n"))
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    pred0 = model.predict(x[:6], verbose=0)
    hist = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    pred1 = model.predict(x[:6], verbose=0)
    return {"weights_in": [arr(a) for a in w], "weight_paths": [v.path for v in model.weights],
            "x": arr(x), "y": arr(y), "summary": buf.getvalue(),
            "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()},
            "pred_before": arr(pred0), "pred_after": arr(pred1), "count_params": int(model.count_params())}


def saved_model_case():
    """A model with every layer of this section, saved by tf.keras as .keras and .weights.h5."""
    keras.utils.set_random_seed(11)
    keras.backend.clear_session()
    q = keras.Input((5, 4))
    v = keras.Input((6, 3))
    m = L.MultiHeadAttention(2, 3, value_dim=2, name="mha")(q, v)
    m2, scores = L.MultiHeadAttention(1, 2, use_gate=True, output_shape=3, name="mha_gate")(
        m, m, return_attention_scores=True)
    t = L.TimeDistributed(L.Dense(4, activation="tanh"), name="td")(m2)
    a = L.Attention(use_scale=True, score_mode="concat", name="att")([t, t])
    aa = L.AdditiveAttention(name="add_att")([a, t])
    model = keras.Model([q, v], [aa, scores])
    model.set_weights([rnd(40 + i, tuple(w.shape), -0.6, 0.6) for i, w in enumerate(model.weights)])
    xq, xv = rnd(50, (2, 5, 4)), rnd(51, (2, 6, 3))
    preds = model.predict([xq, xv], verbose=0)
    model.save(MODEL_FILE)
    model.save_weights(WEIGHTS_FILE)
    loaded = keras.models.load_model(MODEL_FILE)
    return {"loaded_weight_paths": [w.path for w in loaded.weights],
            "loaded_preds": [arr(p) for p in loaded.predict([xq, xv], verbose=0)],"xq": arr(xq), "xv": arr(xv), "preds": [arr(p) for p in preds],
            "weight_paths": [w.path for w in model.weights], "config": _jsonify(model.get_config())}


def main(argv):
    data = {"cases": {}, "errors": gen_errors(), "tutorials": {}}
    for case in CASES:
        keras.backend.clear_session()
        data["cases"][case["id"]] = run_case(case)
    for kind in ["functional", "functional_masked", "subclass"]:
        data["tutorials"][kind] = run_tutorial(kind)
    data["subclass_code"] = SUBCLASS_CODE
    data["saved_model"] = saved_model_case()
    data["meta"] = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=None, sort_keys=True, default=_json_default)
        f.write("\n")
    print(f"attention: {len(data['cases'])} cases, {len(data['errors'])} errors, {len(data['tutorials'])} tutorials")


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, tuple):
        return list(o)
    if isinstance(o, tf.TensorShape):
        return o.as_list()
    raise TypeError(repr(o))


if __name__ == "__main__":
    main(sys.argv[1:])
