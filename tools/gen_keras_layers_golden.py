"""Record real tf.keras (TF 2.21 / Keras 3) results for the Keras layer-part tests (by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_keras_layers_golden.py [section ...]

Sections: activations initializers regularizers constraints conv pooling reshaping normalization
preprocessing embedding recurrent (default: all). Writes tests/golden/keras_layers/<section>.json.

Layer cases: the layer is built on the input shape, given fixed weights drawn from a seeded numpy
generator (`set_weights`), then called; the record holds the inputs, the weights, the outputs,
the weights after the call (moving statistics), weight names/paths/shapes/trainable flags,
output shapes, masks and parameter counts. Initializers are recorded as statistics (min, max,
mean, std) because the random bits of TF and torch differ.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

keras = tf.keras
OUT = os.path.join(ROOT, "tests", "golden", "keras_layers")


def arr(a):
    a = np.asarray(a)
    return {"dtype": a.dtype.name, "shape": list(a.shape), "value": a.astype(np.float64).tolist()
            if a.dtype.kind == "f" else a.tolist()}


def rnd(seed, shape, lo=-1.0, hi=1.0):
    return np.random.default_rng(seed).uniform(lo, hi, shape).astype(np.float32)


def normal(seed, shape):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


# ------------------------------------------------------------------------------------------
# activations

X1 = np.linspace(-6, 6, 49).astype(np.float32)
X2 = normal(0, (4, 6)) * 3

ACTIVATIONS = [
    # (id, name, kwargs, input)
    ("relu", "relu", {}, "x1"),
    ("relu_slope", "relu", {"negative_slope": 0.1}, "x1"),
    ("relu_max", "relu", {"max_value": 2.0}, "x1"),
    ("relu_max6", "relu", {"max_value": 6}, "x1"),
    ("relu_threshold", "relu", {"threshold": 0.5}, "x1"),
    ("relu_all", "relu", {"negative_slope": 0.1, "max_value": 2.0, "threshold": 0.5}, "x1"),
    ("relu_slope_threshold", "relu", {"negative_slope": 0.2, "threshold": -1.0}, "x1"),
    ("relu_slope_max", "relu", {"negative_slope": 0.3, "max_value": 3.0}, "x1"),
    ("relu6", "relu6", {}, "x1"),
    ("leaky_relu", "leaky_relu", {}, "x1"),
    ("leaky_relu_03", "leaky_relu", {"negative_slope": 0.3}, "x1"),
    ("sigmoid", "sigmoid", {}, "x1"),
    ("softmax", "softmax", {}, "x2"),
    ("softmax_axis0", "softmax", {"axis": 0}, "x2"),
    ("softmax_axisNone", "softmax", {"axis": None}, "x2"),
    ("log_softmax", "log_softmax", {}, "x2"),
    ("log_softmax_axis0", "log_softmax", {"axis": 0}, "x2"),
    ("tanh", "tanh", {}, "x1"),
    ("elu", "elu", {}, "x1"),
    ("elu_05", "elu", {"alpha": 0.5}, "x1"),
    ("selu", "selu", {}, "x1"),
    ("gelu", "gelu", {}, "x1"),
    ("gelu_approx", "gelu", {"approximate": True}, "x1"),
    ("softplus", "softplus", {}, "x1"),
    ("softsign", "softsign", {}, "x1"),
    ("silu", "silu", {}, "x1"),
    ("swish", "swish", {}, "x1"),
    ("hard_sigmoid", "hard_sigmoid", {}, "x1"),
    ("hard_silu", "hard_silu", {}, "x1"),
    ("hard_swish", "hard_swish", {}, "x1"),
    ("hard_tanh", "hard_tanh", {}, "x1"),
    ("hard_shrink", "hard_shrink", {}, "x1"),
    ("hard_shrink_1", "hard_shrink", {"threshold": 1.0}, "x1"),
    ("soft_shrink", "soft_shrink", {}, "x1"),
    ("mish", "mish", {}, "x1"),
    ("exponential", "exponential", {}, "x1"),
    ("linear", "linear", {}, "x1"),
    ("celu", "celu", {}, "x1"),
    ("celu_2", "celu", {"alpha": 2.0}, "x1"),
    ("glu", "glu", {}, "x2"),
    ("glu_axis0", "glu", {"axis": 0}, "x2"),
    ("log_sigmoid", "log_sigmoid", {}, "x1"),
    ("sparse_plus", "sparse_plus", {}, "x1"),
    ("sparse_sigmoid", "sparse_sigmoid", {}, "x1"),
    ("sparsemax", "sparsemax", {}, "x2"),
    ("squareplus", "squareplus", {}, "x1"),
    ("squareplus_b1", "squareplus", {"b": 1}, "x1"),
    ("tanh_shrink", "tanh_shrink", {}, "x1"),
    ("threshold", "threshold", {"threshold": 0.5, "default_value": -1.0}, "x1"),
]


def gen_activations():
    A = keras.activations
    cases = {}
    for cid, name, kw, xin in ACTIVATIONS:
        x = X1 if xin == "x1" else X2
        y = getattr(A, name)(tf.constant(x), **kw)
        cases[cid] = {"name": name, "kwargs": kw, "input": xin, "output": arr(np.asarray(y)),
                      "has_logits": hasattr(y, "_keras_logits")}
    get_names = {}
    for name in ["relu", "sigmoid", "softmax", "swish", "silu", "hard_swish", "linear", "gelu",
                 "tanh", "elu", "selu", "leaky_relu", "mish", "log_softmax", "relu6"]:
        get_names[name] = A.get(name).__name__
    serial = {name: A.serialize(A.get(name)) for name in ["relu", "swish", "hard_swish", "softmax", "linear"]}
    errors = {}
    for ident in ["nope", 5]:
        try:
            A.get(ident)
        except Exception as e:  # noqa: BLE001
            errors[repr(ident)] = [type(e).__name__, str(e)]
    return {"inputs": {"x1": arr(X1), "x2": arr(X2)}, "cases": cases, "get": get_names,
            "get_none": A.get(None).__name__, "serialize": serial, "errors": errors}


# ------------------------------------------------------------------------------------------
# initializers

INITIALIZERS = [
    # (id, spec: string or [class, kwargs], bounded)
    ("zeros", "zeros", True), ("ones", "ones", True), ("constant", ["Constant", {"value": 0.3}], True),
    ("random_normal", "random_normal", False), ("random_uniform", "random_uniform", True),
    ("truncated_normal", "truncated_normal", True),
    ("glorot_uniform", "glorot_uniform", True), ("glorot_normal", "glorot_normal", True),
    ("he_uniform", "he_uniform", True), ("he_normal", "he_normal", True),
    ("lecun_uniform", "lecun_uniform", True), ("lecun_normal", "lecun_normal", True),
    ("orthogonal", "orthogonal", False), ("variance_scaling", "variance_scaling", True),
    ("normal", "normal", False), ("uniform", "uniform", True),
    ("random_normal_m1s2", ["RandomNormal", {"mean": 1.0, "stddev": 2.0}], False),
    ("random_uniform_0_3", ["RandomUniform", {"minval": 0.0, "maxval": 3.0}], True),
    ("truncated_normal_s1", ["TruncatedNormal", {"mean": 0.5, "stddev": 1.0}], True),
    ("vs_fan_out_uniform", ["VarianceScaling", {"scale": 2.0, "mode": "fan_out", "distribution": "uniform"}], True),
    ("vs_fan_avg_untruncated", ["VarianceScaling", {"scale": 0.5, "mode": "fan_avg", "distribution": "untruncated_normal"}], False),
    ("vs_normal_alias", ["VarianceScaling", {"distribution": "normal"}], True),
    ("orthogonal_gain2", ["Orthogonal", {"gain": 2.0}], False),
    ("tf_zeros_initializer", "tf:zeros_initializer", True),
    ("tf_ones_initializer", "tf:ones_initializer", True),
    ("tf_constant_initializer", "tf:constant_initializer:0.7", True),
    ("tf_random_normal_initializer", "tf:random_normal_initializer", False),
    ("tf_random_uniform_initializer", "tf:random_uniform_initializer", True),
]
INIT_SHAPES = {"dense": (100, 300), "conv": (3, 3, 32, 64)}


def _make_init(spec):
    if isinstance(spec, list):
        return getattr(keras.initializers, spec[0])(**spec[1])
    if spec.startswith("tf:"):
        parts = spec.split(":")
        cls = getattr(tf, parts[1])
        return cls(float(parts[2])) if len(parts) > 2 else cls()
    return keras.initializers.get(spec)


def gen_initializers():
    cases = {}
    for cid, spec, bounded in INITIALIZERS:
        rec = {"spec": spec, "bounded": bounded, "stats": {}}
        for sname, shape in INIT_SHAPES.items():
            v = np.asarray(_make_init(spec)(shape)).astype(np.float64)
            rec["stats"][sname] = {"shape": list(shape), "min": v.min(), "max": v.max(),
                                   "mean": v.mean(), "std": v.std(), "dtype": "float32"}
        cases[cid] = rec
    # identity: deterministic
    ident = np.asarray(keras.initializers.Identity(gain=2.0)((3, 4))).tolist()
    configs = {}
    for name in ["GlorotUniform", "RandomNormal", "RandomUniform", "TruncatedNormal", "Constant",
                 "Zeros", "Orthogonal", "VarianceScaling", "HeNormal", "Identity"]:
        configs[name] = keras.initializers.serialize(getattr(keras.initializers, name)())
    seeded = keras.initializers.GlorotUniform(seed=7)
    a, b = np.asarray(seeded((4, 5))), np.asarray(seeded((4, 5)))
    unseeded = keras.initializers.GlorotUniform()
    c, d = np.asarray(unseeded((4, 5))), np.asarray(unseeded((4, 5)))
    errors = {}
    for ident_, fn in [("get_nope", lambda: keras.initializers.get("nope")),
                       ("get_5", lambda: keras.initializers.get(5)),
                       ("identity_3d", lambda: keras.initializers.Identity()((2, 2, 2))),
                       ("orthogonal_1d", lambda: keras.initializers.Orthogonal()((3,))),
                       ("vs_bad_mode", lambda: keras.initializers.VarianceScaling(mode="bad")),
                       ("vs_bad_scale", lambda: keras.initializers.VarianceScaling(scale=-1.0))]:
        try:
            fn()
            errors[ident_] = None
        except Exception as e:  # noqa: BLE001
            errors[ident_] = [type(e).__name__, str(e)]
    fans = {str(s): list(_fans(s)) for s in [(5,), (4, 6), (3, 3, 32, 64), (2, 4, 8), (2, 2, 2, 3, 5)]}
    tf_inits = {
        "constant_list": arr(np.asarray(tf.constant_initializer([1.0, 2.0, 3.0, 4.0])((2, 2)))),
        "constant_int": arr(np.asarray(tf.constant_initializer(2)((2,), dtype=tf.int32))),
        "ones_int": arr(np.asarray(tf.ones_initializer()((2,), dtype=tf.int32))),
        "zeros_f64": arr(np.asarray(tf.zeros_initializer()((2,), dtype=tf.float64))),
        "configs": {"random_normal": tf.random_normal_initializer(seed=3).get_config(),
                    "random_uniform": tf.random_uniform_initializer().get_config(),
                    "constant": tf.constant_initializer(2).get_config(),
                    "zeros": tf.zeros_initializer().get_config()},
    }
    return {"cases": cases, "identity_gain2": ident, "serialize": configs,
            "seeded_repeat_equal": bool((a == b).all()), "unseeded_repeat_equal": bool((c == d).all()),
            "errors": errors, "fans": fans, "tf_inits": tf_inits}


def _fans(shape):
    from keras.src.initializers.random_initializers import compute_fans
    return compute_fans(shape)


# ------------------------------------------------------------------------------------------
# regularizers / constraints

W = normal(3, (4, 3))
WC = normal(4, (2, 2, 3, 4)) * 2


def gen_regularizers():
    R = keras.regularizers
    specs = [("l1", ["L1", {"l1": 0.1}]), ("l2", ["L2", {"l2": 0.2}]), ("l1l2", ["L1L2", {"l1": 0.01, "l2": 0.02}]),
             ("l1_default", ["l1", {}]), ("l2_default", ["l2", {}]), ("l1_l2_default", ["l1_l2", {}]),
             ("orth_rows", ["OrthogonalRegularizer", {"factor": 0.1}]),
             ("orth_cols", ["OrthogonalRegularizer", {"factor": 0.2, "mode": "columns"}]),
             ("str_l2", "l2"), ("str_l1", "l1"), ("str_l1l2", "l1l2"), ("str_L2", "L2")]
    cases = {}
    for cid, spec in specs:
        r = R.get(spec) if isinstance(spec, str) else getattr(R, spec[0])(**spec[1])
        cases[cid] = {"spec": spec, "value": float(np.asarray(r(tf.constant(W)))),
                      "value_conv": float(np.asarray(r(tf.constant(WC)))) if "orth" not in cid else None,
                      "config": r.get_config(), "class": type(r).__name__,
                      "serialize": R.serialize(r)}
    errors = {}
    for cid, fn in [("get_nope", lambda: R.get("nope")), ("l1_neg", lambda: R.L1(-1.0)),
                    ("orth_mode", lambda: R.OrthogonalRegularizer(mode="x")),
                    ("orth_rank", lambda: R.OrthogonalRegularizer()(tf.constant(WC)))]:
        try:
            fn()
            errors[cid] = None
        except Exception as e:  # noqa: BLE001
            errors[cid] = [type(e).__name__, str(e)]
    return {"w": arr(W), "wc": arr(WC), "cases": cases, "errors": errors}


def gen_constraints():
    C = keras.constraints
    specs = [("max_norm", ["MaxNorm", {}], "w"), ("max_norm_1_axis1", ["MaxNorm", {"max_value": 1.0, "axis": 1}], "w"),
             ("max_norm_conv", ["MaxNorm", {"max_value": 1.5, "axis": [0, 1, 2]}], "wc"),
             ("non_neg", ["NonNeg", {}], "w"), ("unit_norm", ["UnitNorm", {}], "w"),
             ("unit_norm_axis1", ["UnitNorm", {"axis": 1}], "w"),
             ("min_max_norm", ["MinMaxNorm", {"min_value": 0.5, "max_value": 1.0, "rate": 0.5}], "w"),
             ("min_max_norm_conv", ["MinMaxNorm", {"min_value": 1.0, "max_value": 2.0, "axis": [0, 1, 2]}], "wc"),
             ("str_max_norm", "max_norm", "w"), ("str_non_neg", "non_neg", "w"), ("str_unit_norm", "unit_norm", "w")]
    cases = {}
    for cid, spec, win in specs:
        c = C.get(spec) if isinstance(spec, str) else getattr(C, spec[0])(**spec[1])
        w = W if win == "w" else WC
        cases[cid] = {"spec": spec, "input": win, "output": arr(np.asarray(c(tf.constant(w)))),
                      "config": c.get_config(), "class": type(c).__name__, "serialize": C.serialize(c)}
    errors = {}
    try:
        C.get("nope")
    except Exception as e:  # noqa: BLE001
        errors["get_nope"] = [type(e).__name__, str(e)]
    return {"w": arr(W), "wc": arr(WC), "cases": cases, "errors": errors}


# ------------------------------------------------------------------------------------------
# layers

def L(cid, cls, config, input_shape, call=None, mask=None, input_kind="normal", seed=0,
      set_weights=True, adapt=None, int_high=10, mask_kind=None, weight_range=(-0.5, 0.5)):
    return dict(id=cid, cls=cls, config=config, input_shape=list(input_shape), call=call or {},
                mask=mask, input_kind=input_kind, seed=seed, set_weights=set_weights, adapt=adapt,
                int_high=int_high, weight_range=list(weight_range))


CONV = [
    L("conv2d_valid", "Conv2D", {"filters": 4, "kernel_size": 3}, (2, 7, 7, 3)),
    L("conv2d_same_s1", "Conv2D", {"filters": 4, "kernel_size": 3, "padding": "same"}, (2, 7, 7, 3)),
    L("conv2d_same_s2_odd", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 7, 7, 3)),
    L("conv2d_same_s2_even", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 8, 8, 3)),
    L("conv2d_same_k4_s2", "Conv2D", {"filters": 3, "kernel_size": 4, "strides": 2, "padding": "same"}, (1, 8, 9, 2)),
    L("conv2d_same_k2_s1", "Conv2D", {"filters": 3, "kernel_size": 2, "padding": "same"}, (1, 5, 5, 2)),
    L("conv2d_same_s3", "Conv2D", {"filters": 2, "kernel_size": 5, "strides": 3, "padding": "same"}, (1, 10, 11, 2)),
    L("conv2d_valid_s2", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2}, (2, 8, 8, 3)),
    L("conv2d_rect", "Conv2D", {"filters": 3, "kernel_size": (2, 3), "strides": (1, 2), "padding": "same"}, (2, 6, 7, 2)),
    L("conv2d_dilation", "Conv2D", {"filters": 3, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, (1, 8, 8, 2)),
    L("conv2d_dilation_valid", "Conv2D", {"filters": 3, "kernel_size": 3, "dilation_rate": (2, 1)}, (1, 8, 8, 2)),
    L("conv2d_groups", "Conv2D", {"filters": 4, "kernel_size": 3, "groups": 2, "padding": "same"}, (2, 5, 5, 4)),
    L("conv2d_nobias_relu", "Conv2D", {"filters": 4, "kernel_size": 3, "use_bias": False, "activation": "relu"}, (2, 6, 6, 3)),
    L("conv2d_1x1", "Conv2D", {"filters": 5, "kernel_size": 1}, (2, 4, 4, 3)),
    L("conv1d_valid", "Conv1D", {"filters": 4, "kernel_size": 3}, (2, 9, 3)),
    L("conv1d_same_s2", "Conv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 9, 3)),
    L("conv1d_causal", "Conv1D", {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 9, 3)),
    L("conv1d_groups", "Conv1D", {"filters": 4, "kernel_size": 2, "groups": 2, "activation": "tanh"}, (2, 6, 4)),
    L("conv2dt_valid", "Conv2DTranspose", {"filters": 3, "kernel_size": 3}, (2, 4, 4, 2)),
    L("conv2dt_same", "Conv2DTranspose", {"filters": 3, "kernel_size": 3, "padding": "same"}, (2, 4, 4, 2)),
    L("conv2dt_valid_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2}, (2, 4, 5, 2)),
    L("conv2dt_same_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 4, 5, 2)),
    L("conv2dt_same_k4_s2", "Conv2DTranspose", {"filters": 2, "kernel_size": 4, "strides": 2, "padding": "same"}, (1, 3, 3, 2)),
    L("conv2dt_same_k2_s2", "Conv2DTranspose", {"filters": 2, "kernel_size": 2, "strides": 2, "padding": "same"}, (1, 3, 3, 2)),
    L("conv2dt_outpad", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 1}, (1, 3, 4, 2)),
    L("conv2dt_outpad_same", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 0}, (1, 3, 4, 2)),
    L("conv2dt_dilation", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "dilation_rate": 2}, (1, 4, 4, 2)),
    L("conv2dt_relu_nobias", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "activation": "relu", "use_bias": False}, (1, 4, 4, 3)),
    L("conv1dt_same_s2", "Conv1DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 5, 3)),
    L("depthwise_same", "DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2, "padding": "same"}, (2, 5, 5, 3)),
    L("depthwise_valid_s2", "DepthwiseConv2D", {"kernel_size": 3, "strides": 2}, (2, 7, 7, 2)),
    L("separable_same", "SeparableConv2D", {"filters": 4, "kernel_size": 3, "padding": "same", "depth_multiplier": 2}, (2, 5, 5, 3)),
    L("separable_valid_s2", "SeparableConv2D", {"filters": 3, "kernel_size": 3, "strides": 2}, (2, 7, 7, 2)),
]

POOLING = [
    L("maxpool2d_default", "MaxPooling2D", {}, (2, 7, 7, 3)),
    L("maxpool2d_same", "MaxPooling2D", {"padding": "same"}, (2, 7, 7, 3), input_kind="negative"),
    L("maxpool2d_3_s2_same", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 8, 7, 2), input_kind="negative"),
    L("maxpool2d_3", "MaxPooling2D", {"pool_size": 3}, (2, 7, 8, 2)),
    L("maxpool2d_rect", "MaxPooling2D", {"pool_size": (2, 3), "strides": (1, 2)}, (1, 6, 7, 2)),
    L("avgpool2d_2", "AveragePooling2D", {"pool_size": 2}, (2, 7, 7, 3)),
    L("avgpool2d_same_3_s1", "AveragePooling2D", {"pool_size": 3, "strides": 1, "padding": "same"}, (2, 5, 5, 2)),
    L("avgpool2d_same_s2", "AveragePooling2D", {"pool_size": 2, "padding": "same"}, (2, 5, 7, 2)),
    L("avgpool2d_same_3_s2", "AveragePooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (1, 6, 6, 2)),
    L("gmp2d", "GlobalMaxPooling2D", {}, (2, 5, 4, 3)),
    L("gmp2d_keepdims", "GlobalMaxPooling2D", {"keepdims": True}, (2, 5, 4, 3)),
    L("gap2d", "GlobalAveragePooling2D", {}, (2, 5, 4, 3)),
    L("gap2d_keepdims", "GlobalAveragePooling2D", {"keepdims": True}, (2, 5, 4, 3)),
    L("maxpool1d", "MaxPooling1D", {}, (2, 7, 3)),
    L("maxpool1d_same_3_s2", "MaxPooling1D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 8, 3), input_kind="negative"),
    L("avgpool1d", "AveragePooling1D", {"pool_size": 2}, (2, 7, 3)),
    L("avgpool1d_same_3_s1", "AveragePooling1D", {"pool_size": 3, "strides": 1, "padding": "same"}, (2, 6, 3)),
    L("gap1d", "GlobalAveragePooling1D", {}, (2, 5, 3)),
    L("gap1d_mask", "GlobalAveragePooling1D", {}, (3, 5, 3), mask="right"),
    L("gap1d_mask_keepdims", "GlobalAveragePooling1D", {"keepdims": True}, (3, 5, 3), mask="scattered"),
    L("gmp1d", "GlobalMaxPooling1D", {}, (2, 5, 3)),
    L("gmp1d_keepdims", "GlobalMaxPooling1D", {"keepdims": True}, (2, 5, 3)),
]

RESHAPING = [
    L("flatten", "Flatten", {}, (2, 3, 4, 5)),
    L("flatten_2d", "Flatten", {}, (3, 4)),
    L("reshape", "Reshape", {"target_shape": (4, 15)}, (2, 3, 4, 5)),
    L("reshape_minus1", "Reshape", {"target_shape": (-1, 6)}, (2, 3, 4, 5)),
    L("reshape_to_img", "Reshape", {"target_shape": (4, 4, 1)}, (2, 16)),
    L("upsampling2d", "UpSampling2D", {"size": 2}, (2, 3, 4, 2)),
    L("upsampling2d_3", "UpSampling2D", {"size": 3}, (1, 2, 3, 2)),
    L("upsampling2d_rect", "UpSampling2D", {"size": (2, 3)}, (1, 3, 2, 2)),
    L("upsampling2d_bilinear", "UpSampling2D", {"size": 2, "interpolation": "bilinear"}, (1, 3, 4, 2)),
    L("upsampling2d_bilinear_rect", "UpSampling2D", {"size": (3, 2), "interpolation": "bilinear"}, (2, 2, 3, 1)),
    L("upsampling1d", "UpSampling1D", {"size": 3}, (2, 4, 2)),
    L("permute", "Permute", {"dims": (2, 1)}, (2, 3, 4)),
    L("permute3", "Permute", {"dims": (3, 1, 2)}, (2, 3, 4, 5)),
    L("repeat_vector", "RepeatVector", {"n": 3}, (2, 4)),
    L("zeropad2d", "ZeroPadding2D", {}, (1, 3, 3, 2)),
    L("zeropad2d_asym", "ZeroPadding2D", {"padding": ((1, 2), (0, 3))}, (1, 3, 3, 2)),
    L("zeropad2d_tuple", "ZeroPadding2D", {"padding": (2, 1)}, (1, 3, 3, 2)),
    L("zeropad1d", "ZeroPadding1D", {"padding": (1, 2)}, (2, 3, 2)),
    L("cropping2d", "Cropping2D", {"cropping": ((1, 0), (1, 2))}, (1, 5, 6, 2)),
    L("cropping2d_int", "Cropping2D", {"cropping": 1}, (1, 5, 6, 2)),
    L("cropping1d", "Cropping1D", {"cropping": (1, 2)}, (2, 6, 2)),
]

NORMALIZATION = [
    L("bn_inference", "BatchNormalization", {}, (4, 3), weight_range=(0.5, 1.5)),
    L("bn_training", "BatchNormalization", {}, (4, 3), call={"training": True}, weight_range=(0.5, 1.5)),
    L("bn_training_4d", "BatchNormalization", {}, (2, 3, 3, 4), call={"training": True}, weight_range=(0.5, 1.5)),
    L("bn_inference_4d", "BatchNormalization", {}, (2, 3, 3, 4), weight_range=(0.5, 1.5)),
    L("bn_axis1_training", "BatchNormalization", {"axis": 1, "momentum": 0.9, "epsilon": 1e-5}, (3, 4, 2), call={"training": True}, weight_range=(0.5, 1.5)),
    L("bn_no_center_scale", "BatchNormalization", {"center": False, "scale": False}, (5, 3), call={"training": True}, weight_range=(0.5, 1.5)),
    L("bn_no_scale_inference", "BatchNormalization", {"scale": False}, (5, 3), weight_range=(0.5, 1.5)),
    L("ln_default", "LayerNormalization", {}, (2, 3, 4)),
    L("ln_axes", "LayerNormalization", {"axis": [1, 2], "epsilon": 1e-5}, (2, 3, 4)),
    L("ln_no_center", "LayerNormalization", {"center": False}, (3, 5)),
    L("ln_no_scale", "LayerNormalization", {"scale": False}, (3, 5)),
]

PREPROCESSING = [
    L("normalization_adapt", "Normalization", {"axis": -1}, (6, 3), set_weights=False, adapt="self"),
    L("normalization_adapt_2d_axis", "Normalization", {"axis": -1}, (4, 2, 3), set_weights=False, adapt="self"),
    L("normalization_adapt_axisNone", "Normalization", {"axis": None}, (5, 3), set_weights=False, adapt="self"),
    L("normalization_mean_var", "Normalization", {"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 0.25]}, (4, 3), set_weights=False),
    L("normalization_invert", "Normalization", {"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 0.25], "invert": True}, (4, 3), set_weights=False),
    L("normalization_adapt_invert", "Normalization", {"invert": True}, (6, 3), set_weights=False, adapt="self"),
    L("rescaling", "Rescaling", {"scale": 1.0 / 255}, (2, 3, 3, 1), input_kind="pixels"),
    L("rescaling_offset", "Rescaling", {"scale": 1.0 / 127.5, "offset": -1.0}, (2, 3, 3, 1), input_kind="pixels"),
]

EMBEDDING = [
    L("embedding", "Embedding", {"input_dim": 10, "output_dim": 4}, (3, 5), input_kind="int"),
    L("embedding_mask_zero", "Embedding", {"input_dim": 10, "output_dim": 3, "mask_zero": True}, (3, 6), input_kind="int_padded"),
    L("embedding_input_length", "Embedding", {"input_dim": 7, "output_dim": 2, "input_length": 4}, (2, 4), input_kind="int", int_high=7),
    L("embedding_2d_ids", "Embedding", {"input_dim": 6, "output_dim": 2}, (2, 3, 2), input_kind="int", int_high=6),
]

RECURRENT = [
    L("lstm", "LSTM", {"units": 3}, (2, 5, 4)),
    L("lstm_seq", "LSTM", {"units": 3, "return_sequences": True}, (2, 5, 4)),
    L("lstm_state", "LSTM", {"units": 3, "return_state": True}, (2, 5, 4)),
    L("lstm_seq_state", "LSTM", {"units": 3, "return_sequences": True, "return_state": True}, (2, 5, 4)),
    L("lstm_backwards", "LSTM", {"units": 3, "return_sequences": True, "go_backwards": True}, (2, 5, 4)),
    L("lstm_mask_right", "LSTM", {"units": 3, "return_sequences": True, "return_state": True}, (3, 6, 4), mask="right"),
    L("lstm_mask_right_last", "LSTM", {"units": 3}, (3, 6, 4), mask="right"),
    L("lstm_mask_scattered", "LSTM", {"units": 3, "return_sequences": True, "return_state": True}, (3, 6, 4), mask="scattered"),
    L("lstm_mask_backwards", "LSTM", {"units": 3, "return_sequences": True, "return_state": True, "go_backwards": True}, (3, 6, 4), mask="right"),
    L("lstm_mask_empty_row", "LSTM", {"units": 3, "return_sequences": True, "return_state": True}, (3, 6, 4), mask="right0"),
    L("gru_mask_empty_row_backwards", "GRU", {"units": 2, "return_sequences": True, "return_state": True, "go_backwards": True}, (3, 6, 4), mask="right0"),
    L("lstm_mask_left", "LSTM", {"units": 2, "return_sequences": True}, (3, 5, 2), mask="left"),
    L("lstm_activation_relu", "LSTM", {"units": 3, "activation": "relu", "return_sequences": True}, (2, 4, 3)),
    L("lstm_no_bias", "LSTM", {"units": 2, "use_bias": False, "return_state": True}, (2, 4, 3)),
    L("gru", "GRU", {"units": 3, "return_sequences": True, "return_state": True}, (2, 5, 4)),
    L("gru_last", "GRU", {"units": 3}, (2, 5, 4)),
    L("gru_backwards", "GRU", {"units": 3, "return_sequences": True, "go_backwards": True}, (2, 5, 4)),
    L("gru_mask_right", "GRU", {"units": 3, "return_sequences": True, "return_state": True}, (3, 6, 4), mask="right"),
    L("gru_mask_scattered", "GRU", {"units": 2, "return_sequences": True}, (3, 6, 4), mask="scattered"),
    L("gru_reset_before", "GRU", {"units": 3, "reset_after": False, "return_sequences": True}, (2, 5, 4)),
    L("gru_no_bias", "GRU", {"units": 2, "use_bias": False}, (2, 5, 3)),
    L("simple_rnn", "SimpleRNN", {"units": 3, "return_sequences": True, "return_state": True}, (2, 5, 4)),
    L("simple_rnn_last", "SimpleRNN", {"units": 3}, (2, 5, 4)),
    L("simple_rnn_relu", "SimpleRNN", {"units": 3, "activation": "relu", "return_sequences": True}, (2, 5, 4)),
    L("simple_rnn_mask", "SimpleRNN", {"units": 2, "return_sequences": True, "return_state": True}, (3, 6, 4), mask="right"),
    L("bidirectional_concat_mask", "Bidirectional", {"layer": {"class_name": "LSTM", "config": {"units": 2, "return_sequences": True, "name": "inner"}}}, (3, 6, 4), mask="right"),
    L("bidirectional_sum_last", "Bidirectional", {"layer": {"class_name": "GRU", "config": {"units": 3, "name": "inner"}}, "merge_mode": "sum"}, (2, 5, 4)),
    L("bidirectional_state", "Bidirectional", {"layer": {"class_name": "LSTM", "config": {"units": 2, "return_state": True, "name": "inner"}}}, (2, 5, 3), mask="right"),
    L("bidirectional_none_seq", "Bidirectional", {"layer": {"class_name": "SimpleRNN", "config": {"units": 2, "return_sequences": True, "name": "inner"}}, "merge_mode": None}, (2, 4, 3)),
    L("simple_rnn_backwards", "SimpleRNN", {"units": 2, "go_backwards": True}, (3, 6, 4), mask="right"),
]

LAYER_SECTIONS = {"conv": CONV, "pooling": POOLING, "reshaping": RESHAPING,
                  "normalization": NORMALIZATION, "preprocessing": PREPROCESSING,
                  "embedding": EMBEDDING, "recurrent": RECURRENT}


def make_input(case):
    shape = tuple(case["input_shape"])
    kind = case["input_kind"]
    rng = np.random.default_rng(1000 + case["seed"])
    if kind == "normal":
        return rng.standard_normal(shape).astype(np.float32)
    if kind == "negative":
        return -np.abs(rng.standard_normal(shape)).astype(np.float32) - 0.1
    if kind == "pixels":
        return rng.integers(0, 256, shape).astype(np.float32)
    if kind == "int":
        return rng.integers(0, case["int_high"], shape).astype(np.int32)
    if kind == "int_padded":
        x = rng.integers(1, case["int_high"], shape).astype(np.int32)
        for i in range(shape[0]):
            if i:
                x[i, shape[1] - 2 * i:] = 0  # right padding
        x[-1, 1] = 0  # and a zero inside a sequence
        return x
    raise ValueError(kind)


def make_mask(case):
    kind = case["mask"]
    if kind is None:
        return None
    b, t = case["input_shape"][:2]
    m = np.ones((b, t), dtype=bool)
    if kind == "right":  # lengths t, t-2, 2
        for i, n in enumerate([t, t - 2, 2][:b]):
            m[i, n:] = False
    elif kind == "right0":  # lengths 6, 0, 3: a fully masked row
        for i, n in enumerate([t, 0, 3][:b]):
            m[i, n:] = False
    elif kind == "left":  # the first 2*i steps of row i masked
        for i in range(b):
            m[i, :2 * i] = False
    elif kind == "scattered":
        m[0, 1] = False
        m[1, ::2] = False
        m[-1, 0] = False
        m[-1, 3:] = False
    return m


def layer_weights(layer, case):
    rng = np.random.default_rng(2000 + case["seed"])
    lo, hi = case["weight_range"]
    out = []
    for w in layer.weights:
        shape = tuple(w.shape)
        if "variance" in w.name or "gamma" in w.name:
            out.append(rng.uniform(max(lo, 0.5), max(hi, 1.5), shape).astype(np.float32))
        else:
            out.append(rng.uniform(lo, hi, shape).astype(np.float32))
    return out


def run_layer_case(case):
    cls = getattr(keras.layers, case["cls"])
    config = dict(case["config"])
    config.setdefault("name", "L")
    kwargs = dict(config)
    for k in ("layer", "backward_layer"):
        if isinstance(kwargs.get(k), dict):
            kwargs[k] = getattr(keras.layers, kwargs[k]["class_name"])(**kwargs[k]["config"])
    layer = cls(**kwargs)
    x = make_input(case)
    m = make_mask(case)
    rec = {k: case[k] for k in ("cls", "config", "call", "input_kind", "set_weights", "adapt")}
    rec["config"] = config
    rec["input"] = arr(x)
    rec["mask"] = None if m is None else m.astype(int).tolist()
    if case["adapt"] == "self":
        layer.adapt(x)
    if not layer.built:
        layer.build(x.shape)
    if case["set_weights"] and layer.weights:
        ws = layer_weights(layer, case)
        layer.set_weights(ws)
        rec["weights_in"] = [arr(w) for w in ws]
    else:
        rec["weights_in"] = None
    kwargs = dict(case["call"])
    if m is not None:
        kwargs["mask"] = tf.constant(m)
    y = layer(tf.constant(x), **kwargs)
    ys = list(y) if isinstance(y, (list, tuple)) else [y]
    rec["outputs"] = [arr(np.asarray(v)) for v in ys]
    rec["output_dtypes"] = [v.dtype.name for v in ys]
    rec["weights_after"] = [arr(np.asarray(w)) for w in layer.weights]
    rec["weight_info"] = [{"name": w.name, "path": w.path, "shape": list(w.shape), "trainable": bool(w.trainable)}
                          for w in layer.weights]
    rec["get_weights_shapes"] = [list(np.shape(w)) for w in layer.get_weights()]
    rec["count_params"] = int(layer.count_params())
    cm = layer.compute_mask(tf.constant(x), None if m is None else tf.constant(m))
    if isinstance(cm, (list, tuple)):
        cm = cm[0]
    rec["computed_mask"] = None if cm is None else np.asarray(cm).astype(int).tolist()
    sym_shape = (None,) + tuple(case["input_shape"][1:])
    try:
        os_ = layer.compute_output_shape(sym_shape)
        if isinstance(os_, list) or (isinstance(os_, tuple) and os_ and isinstance(os_[0], (tuple, list))):
            os_ = [list(s) for s in os_]
        else:
            os_ = [list(os_)]
    except Exception as e:  # noqa: BLE001
        os_ = ["error", type(e).__name__, str(e)]
    rec["compute_output_shape"] = os_
    rec["supports_masking"] = bool(getattr(layer, "supports_masking", False))
    rec["get_config_keys"] = sorted(layer.get_config().keys())
    return rec


def gen_layers(section):
    cases = {}
    for case in LAYER_SECTIONS[section]:
        cases[case["id"]] = run_layer_case(case)
    return {"cases": cases}


SECTIONS = {"activations": gen_activations, "initializers": gen_initializers,
            "regularizers": gen_regularizers, "constraints": gen_constraints}


def main(argv):
    names = argv or list(SECTIONS) + list(LAYER_SECTIONS)
    os.makedirs(OUT, exist_ok=True)
    for name in names:
        keras.utils.set_random_seed(0)
        keras.backend.clear_session()
        data = SECTIONS[name]() if name in SECTIONS else gen_layers(name)
        data["meta"] = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(data, f, indent=None, sort_keys=True, default=_json_default)
            f.write("\n")
        n = len(data.get("cases", {}))
        print(f"{name}: {n} cases")


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(repr(o))


if __name__ == "__main__":
    main(sys.argv[1:])
