"""tf.keras.activations (keras/activations.py): every function on fixed inputs, dtypes, kwargs,
errors, and get/serialize/deserialize."""
import math


def A(shape, seed=0.1, scale=2.0, dtype="tf.float32"):
    """A deterministic tensor with varied signs, built alike by TF and the shim."""
    n = math.prod(shape)
    return f"tf.constant(np.sin(np.arange({n}) * 0.37 + {seed}).reshape({tuple(shape)}) * {scale}, {dtype})"


K = "tf.keras.activations."
X = "tf.constant([-5., -3., -1.5, -1., -0.5, -0.25, 0., 0.25, 0.5, 1., 1.5, 3., 7., 30.])"
XB = "tf.constant([-100., -30., -20., 20., 30., 100.])"
X64 = "tf.constant([-3., -0.5, 0., 0.5, 3.], tf.float64)"
X16 = "tf.constant([-3., -0.5, 0., 0.5, 3.], tf.float16)"
XI = "tf.constant([-3, -1, 0, 2, 8])"
M = A((2, 3, 4))
T = {"rtol": 1e-5, "atol": 1e-6}
H = {"rtol": 2e-3, "atol": 1e-3}

_ELEMENTWISE = ["celu", "elu", "exponential", "gelu", "hard_shrink", "hard_sigmoid", "hard_silu",
                "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "mish", "relu",
                "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softplus", "softsign",
                "sparse_plus", "sparse_sigmoid", "squareplus", "swish", "tanh", "tanh_shrink"]
_AXIS = ["softmax", "log_softmax", "sparsemax", "glu"]

CASES = []
for _n in _ELEMENTWISE:
    CASES += [
        (f"{_n}", f"{K}{_n}({X})", T),
        (f"{_n}_big", f"{K}{_n}({XB})", T),
        (f"{_n}_f64", f"{K}{_n}({X64})", T),
        (f"{_n}_f16", f"{K}{_n}({X16})", H),
        (f"{_n}_int", f"{K}{_n}({XI})", T),
        (f"{_n}_i64", f"{K}{_n}(tf.constant([-2, 0, 3], tf.int64))", T),
        (f"{_n}_u8", f"{K}{_n}(tf.constant([0, 3], tf.uint8))", T),
        (f"{_n}_bool", f"{K}{_n}(tf.constant([True, False]))", T),
        (f"{_n}_list", f"{K}{_n}([-1.5, 0., 2.])", T),
        (f"{_n}_np_f64", f"{K}{_n}(np.array([-1.5, 0., 2.]))", T),
        (f"{_n}_2d", f"{K}{_n}({M})", T),
    ]
for _n in _AXIS:
    CASES += [
        (f"{_n}", f"{K}{_n}({M})", T),
        (f"{_n}_axis0", f"{K}{_n}({M}, axis=0)", T),
        (f"{_n}_axis1", f"{K}{_n}({M}, axis=1)", T),
        (f"{_n}_axis_neg2", f"{K}{_n}({M}, axis=-2)", T),
        (f"{_n}_1d", f"{K}{_n}(tf.constant([1., -2., 3., 0.5]))", T),
        (f"{_n}_f64", f"{K}{_n}(tf.constant([[1., -2., 3., 0.5]], tf.float64))", T),
        (f"{_n}_f16", f"{K}{_n}(tf.constant([[1., -2., 3., 0.5]], tf.float16))", H),
        (f"{_n}_int", f"{K}{_n}(tf.constant([[1, -2, 3, 0]]))", T),
        (f"{_n}_big", f"{K}{_n}(tf.constant([[100., -100., 50., 0.]]))", T),
        (f"{_n}_scalar", f"{K}{_n}(tf.constant(2.))", T),
    ]

CASES += [
    # -- keyword arguments ----------------------------------------------------------------------
    ("relu_negative_slope", f"{K}relu({X}, negative_slope=0.1)", T),
    ("relu_max_value", f"{K}relu({X}, max_value=2.5)", T),
    ("relu_max_value_6", f"{K}relu({X}, max_value=6)", T),
    ("relu_threshold", f"{K}relu({X}, threshold=0.5)", T),
    ("relu_threshold_neg", f"{K}relu({X}, threshold=-1.)", T),
    ("relu_all_kwargs", f"{K}relu({X}, negative_slope=0.2, max_value=2., threshold=0.5)", T),
    ("relu_slope_max", f"{K}relu({X}, negative_slope=0.3, max_value=1.)", T),
    ("relu_slope_threshold", f"{K}relu({X}, negative_slope=0.3, threshold=1.)", T),
    ("relu_max_threshold", f"{K}relu({X}, max_value=1., threshold=0.25)", T),
    ("relu_int_max_value", f"{K}relu({XI}, max_value=4)", T),
    ("relu_int_threshold", f"{K}relu({XI}, threshold=1)", T),
    ("relu_int_slope", f"{K}relu({XI}, negative_slope=0.5)", T),
    ("relu_list_int", f"{K}relu([1, -2])", T),
    ("relu_list_float", f"{K}relu([1., -2.])", T),
    ("relu_np_f64_b", f"{K}relu(np.array([1., -2.]))", T),
    ("relu_np_f32", f"{K}relu(np.array([1., -2.], np.float32))", T),
    ("relu_py_scalar", f"{K}relu(-2.)", T),
    ("relu_variable", f"{K}relu(tf.Variable([1., -2.]))", T),
    ("relu_nan", f"{K}relu(tf.constant([np.nan, -np.inf, np.inf]))", T),
    ("leaky_relu_slope", f"{K}leaky_relu({X}, negative_slope=0.01)", T),
    ("leaky_relu_slope_gt1", f"{K}leaky_relu({X}, negative_slope=2.)", T),
    ("elu_alpha", f"{K}elu({X}, alpha=0.5)", T),
    ("elu_alpha_f64", f"{K}elu({X64}, alpha=2.)", T),
    ("celu_alpha", f"{K}celu({X}, alpha=0.5)", T),
    ("celu_alpha_2", f"{K}celu({X}, alpha=2.)", T),
    ("gelu_approx", f"{K}gelu({X}, approximate=True)", T),
    ("gelu_approx_f64", f"{K}gelu({X64}, approximate=True)", T),
    ("gelu_approx_big", f"{K}gelu({XB}, approximate=True)", T),
    ("gelu_approx_int", f"{K}gelu({XI}, approximate=True)", T),
    ("soft_shrink_threshold", f"{K}soft_shrink({X}, threshold=1.)", T),
    ("hard_shrink_threshold", f"{K}hard_shrink({X}, threshold=1.)", T),
    ("soft_shrink_int_threshold", f"{K}soft_shrink({XI}, threshold=1)", T),
    ("squareplus_b", f"{K}squareplus({X}, b=1)", T),
    ("squareplus_b0", f"{K}squareplus({X}, b=0)", T),
    ("squareplus_b_float", f"{K}squareplus({X}, b=2.5)", T),
    ("threshold", f"{K}threshold({X}, 0.5, -1.)", T),
    ("threshold_kw", f"{K}threshold({X}, threshold=1., default_value=0.)", T),
    ("threshold_int", f"{K}threshold({XI}, 0, -7)", T),
    ("threshold_f64", f"{K}threshold({X64}, 0., 9.)", T),
    ("threshold_list", f"{K}threshold([-1., 2.], 0., 0.)", T),
    ("threshold_int_float_thr", f"{K}threshold({XI}, 0.5, 0)", T),
    ("threshold_int_float_default", f"{K}threshold({XI}, 0, -1.)", T),
    ("threshold_bool", f"{K}threshold(tf.constant([True, False]), 0, 1)", T),
    ("squareplus_int_float_b", f"{K}squareplus({XI}, b=2.5)", T),
    ("relu_u8_slope_max", f"{K}relu(tf.constant([0, 3], tf.uint8), negative_slope=0.1, max_value=2)", T),
    ("relu_int_float_threshold", f"{K}relu({XI}, threshold=0.5)", T),
    ("relu_int_float_max", f"{K}relu({XI}, max_value=2.5)", T),
    ("relu_int_slope1_float_threshold", f"{K}relu({XI}, negative_slope=1, threshold=0.5)", T),
    ("relu_int_slope1_max", f"{K}relu({XI}, negative_slope=1, max_value=2)", T),
    ("relu_int_slope_float_max", f"{K}relu({XI}, negative_slope=0.5, max_value=2)", T),
    ("relu_f16_kwargs", f"{K}relu({X16}, negative_slope=0.1, max_value=2., threshold=0.3)", H),
    ("hard_shrink_int_int_threshold", f"{K}hard_shrink({XI}, threshold=1)", T),
    ("elu_alpha_int", f"{K}elu({X}, alpha=2)", T),
    ("softmax_py_scalar", f"{K}softmax(2.)", T),
    ("log_softmax_list", f"{K}log_softmax([[1., 2.]])", T),
    ("sparsemax_list", f"{K}sparsemax([[1., 2.]])", T),
    ("glu_list", f"{K}glu([[1., 2.]])", T),
    ("threshold_2d", f"{K}threshold({M}, 0.2, 0.)", T),
    ("softmax_axis_none", f"{K}softmax({M}, axis=None)", T),
    ("softmax_axis_tuple", f"{K}softmax({M}, axis=(1, 2))", T),
    ("softmax_axis_list", f"{K}softmax({M}, axis=[0, 2])", T),
    ("log_softmax_axis_tuple", f"{K}log_softmax({M}, axis=(1, 2))", T),
    ("log_softmax_axis_none", f"{K}log_softmax({M}, axis=None)", T),
    ("softmax_bad_axis", f"{K}softmax({M}, axis=5)", T),
    ("log_softmax_bad_axis", f"{K}log_softmax({M}, axis=-5)", T),
    ("softmax_np", f"{K}softmax(np.array([[1., 2., 3.]]))", T),
    ("softmax_list", f"{K}softmax([[1., 2., 3.]])", T),
    ("softmax_neg_inf", f"{K}softmax(tf.constant([[-np.inf, 1.], [0., -np.inf]]))", T),
    ("softmax_size1_axis", f"{K}softmax(tf.constant([[1.], [2.]]))", T),
    ("softmax_axis_tuple_single", f"{K}softmax({M}, axis=(1,))", T),
    ("softmax_empty", f"{K}softmax(tf.zeros([0, 3]))", T),
    ("sigmoid_logits_attr", f"hasattr({K}sigmoid({X}), '_keras_logits')", T),
    ("softmax_logits_attr", f"hasattr({K}softmax({M}), '_keras_logits')", T),
    ("tanh_logits_attr", f"hasattr({K}tanh({X}), '_keras_logits')", T),
    ("sparsemax_ties", f"{K}sparsemax(tf.constant([[1., 1., 1., 1.], [0., 0., 5., 5.]]))", T),
    ("sparsemax_5d", f"{K}sparsemax({A((1, 2, 2, 2, 3))})", T),
    ("glu_odd", f"{K}glu(tf.constant([[1., 2., 3.]]))", T),
    ("glu_odd_axis0", f"{K}glu({M}, axis=0)", T),
    ("glu_np", f"{K}glu(np.array([[1., 2., 3., 4.]], np.float32))", T),
    ("hard_sigmoid_edges", f"{K}hard_sigmoid(tf.constant([-3., -2.5, 2.5, 3., 3.5]))", T),
    ("hard_silu_edges", f"{K}hard_silu(tf.constant([-3., -2.5, 2.5, 3., 3.5]))", T),
    ("sparse_plus_edges", f"{K}sparse_plus(tf.constant([-1., -0.999, 0.999, 1.]))", T),
    ("sparse_sigmoid_edges", f"{K}sparse_sigmoid(tf.constant([-1., -0.999, 0.999, 1.]))", T),
    ("exponential_overflow", f"{K}exponential(tf.constant([88., 89., -104.]))", T),
    ("selu_np", f"{K}selu(np.array([-1., 1.]))", T),
    ("mish_np_f32", f"{K}mish(np.array([-1., 1.], np.float32))", T),
    ("linear_tensor", f"{K}linear({X})", T),
    ("linear_np", f"{K}linear(np.array([1, -2]))", T),
    ("linear_list_int", f"{K}linear([1, -2])", T),
    ("linear_scalar", f"{K}linear(3)", T),
    ("unknown_kwarg", f"{K}relu({X}, alpha=0.1)", T),
    ("string_input", f"{K}relu(tf.constant(['a']))", T),
    ("complex_sigmoid", f"{K}sigmoid(tf.constant([1+1j]))", T),
    ("elu_on_gradient", "x = tf.Variable([-1., 2.])\nwith tf.GradientTape() as g:\n"
                        f"    y = tf.reduce_sum({K}elu(x))\nout = g.gradient(y, x)", T),
    ("gelu_gradient", "x = tf.Variable([-1., 0.5, 2.])\nwith tf.GradientTape() as g:\n"
                      f"    y = tf.reduce_sum({K}gelu(x))\nout = g.gradient(y, x)", T),
    ("relu_gradient_at_zero", "x = tf.Variable([-1., 0., 2.])\nwith tf.GradientTape() as g:\n"
                              f"    y = tf.reduce_sum({K}relu(x))\nout = g.gradient(y, x)", T),
    ("relu6_gradient_edges", "x = tf.Variable([0., 6., 3.])\nwith tf.GradientTape() as g:\n"
                             f"    y = tf.reduce_sum({K}relu6(x))\nout = g.gradient(y, x)", T),
    ("softmax_gradient", "x = tf.Variable([[1., 2., 3.]])\nwith tf.GradientTape() as g:\n"
                         f"    y = {K}softmax(x)[0, 0]\nout = g.gradient(y, x)", T),
    ("sparsemax_gradient", "x = tf.Variable([[1., 0.5, -2.]])\nwith tf.GradientTape() as g:\n"
                           f"    y = {K}sparsemax(x)[0, 0]\nout = g.gradient(y, x)", T),
    # -- get / serialize / deserialize ------------------------------------------------------------
    ("get_none_name", f"{K}get(None).__name__"),
    ("get_relu_name", f"{K}get('relu').__name__"),
    ("get_swish_name", f"{K}get('swish').__name__"),
    ("get_hard_swish_name", f"{K}get('hard_swish').__name__"),
    ("get_callable", f"{K}get({K}tanh) is {K}tanh"),
    ("get_lambda", "f = lambda t: t\nout = tf.keras.activations.get(f) is f"),
    ("get_unknown", f"{K}get('nope')"),
    ("get_int", f"{K}get(3)"),
    ("get_dict", f"{K}get({{'module': 'keras.activations', 'class_name': 'function', "
                 "'config': 'tanh', 'registered_name': 'tanh'}).__name__"),
    ("get_layer_name", f"{K}get('softmax')({M}).shape"),
    ("serialize_relu", f"{K}serialize({K}relu)"),
    ("serialize_swish", f"{K}serialize({K}swish)"),
    ("serialize_hard_swish", f"{K}serialize({K}hard_swish)"),
    ("serialize_linear", f"{K}serialize({K}linear)"),
    ("deserialize_relu", f"{K}deserialize('relu').__name__"),
    ("deserialize_silu", f"{K}deserialize('silu') is {K}silu"),
    ("deserialize_unknown", f"{K}deserialize('nope')"),
    ("deserialize_dict", f"{K}deserialize({{'module': 'keras.activations', 'class_name': 'function', "
                         "'config': 'elu', 'registered_name': 'elu'}).__name__"),
    ("roundtrip_all", "out = [tf.keras.activations.serialize(tf.keras.activations.get(n)) for n in "
                      "['celu', 'elu', 'exponential', 'gelu', 'glu', 'hard_shrink', 'hard_sigmoid', "
                      "'hard_silu', 'hard_swish', 'hard_tanh', 'leaky_relu', 'linear', 'log_sigmoid', "
                      "'log_softmax', 'mish', 'relu', 'relu6', 'selu', 'sigmoid', 'silu', 'soft_shrink', "
                      "'softmax', 'softplus', 'softsign', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', "
                      "'squareplus', 'swish', 'tanh', 'tanh_shrink', 'threshold']]"),
]
