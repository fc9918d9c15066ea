"""tf.keras.backend (keras/backend.py): the Keras-2-style `K.*` functions tf.keras 2.21 still
exports (keras/src/legacy/backend.py) and the Keras 3 config helpers: values, dtypes, defaults,
data formats, errors; random ones shape_only."""
import math


def A(shape, seed=0.1, scale=2.0, dtype="tf.float32"):
    """A deterministic tensor with varied signs, built alike by TF and the shim."""
    n = math.prod(shape)
    return f"tf.constant(np.sin(np.arange({n}) * 0.37 + {seed}).reshape({tuple(shape)}) * {scale}, {dtype})"


K = "tf.keras.backend."
X = "tf.constant([-3., -1.5, -0.5, 0., 0.5, 2., 8.])"
XI = "tf.constant([-3, -1, 0, 2, 8])"
XB = "tf.constant([True, False, True])"
M = A((2, 3, 4))
M2 = A((3, 4))
P = "tf.constant([[0.1, 0.6, 0.3], [0.8, 0.15, 0.05]])"
Y = "tf.constant([[0., 1., 0.], [1., 0., 0.]])"
T = {"rtol": 1e-5, "atol": 1e-6}
TC = {"rtol": 1e-5, "atol": 1e-5}
R = {"shape_only": True}

CASES = [
    # -- config ------------------------------------------------------------------------------
    ("backend", f"{K}backend()"),
    ("epsilon", f"{K}epsilon()"),
    ("floatx", f"{K}floatx()"),
    ("image_data_format", f"{K}image_data_format()"),
    ("set_epsilon", f"old = {K}epsilon()\n{K}set_epsilon(1e-5)\ntry:\n    out = [{K}epsilon(), "
                    f"{K}binary_crossentropy(tf.constant([1.]), tf.constant([0.]))]\nfinally:\n"
                    f"    {K}set_epsilon(old)", T),
    ("set_floatx", f"{K}set_floatx('float64')\ntry:\n    out = [{K}floatx(), {K}constant(1.), {K}zeros([2]), "
                   f"{K}mean(tf.constant([True, False])), {K}cast_to_floatx(np.array([1, 2]))]\n"
                   f"finally:\n    {K}set_floatx('float32')", T),
    ("set_floatx_float16", f"{K}set_floatx('float16')\ntry:\n    out = [{K}floatx(), {K}ones([1])]\n"
                           f"finally:\n    {K}set_floatx('float32')", T),
    ("set_floatx_bad", f"try:\n    out = {K}set_floatx('int32')\nfinally:\n    {K}set_floatx('float32')"),
    ("set_floatx_dtype_obj", f"try:\n    out = {K}set_floatx(tf.float64)\nfinally:\n    {K}set_floatx('float32')"),
    ("set_image_data_format", f"{K}set_image_data_format('channels_first')\ntry:\n    "
                              f"out = [{K}image_data_format(), {K}bias_add({A((1, 2, 3))}, tf.constant([1., 2.]))]\n"
                              f"finally:\n    {K}set_image_data_format('channels_last')", T),
    ("set_image_data_format_bad", f"try:\n    out = {K}set_image_data_format('nhwc')\nfinally:\n"
                                  f"    {K}set_image_data_format('channels_last')"),
    ("set_image_data_format_upper", f"try:\n    {K}set_image_data_format('Channels_First')\n"
                                    f"    out = {K}image_data_format()\nfinally:\n"
                                    f"    {K}set_image_data_format('channels_last')"),
    ("clear_session", f"{K}clear_session()"),
    ("get_uid", f"{K}get_uid('kb_golden_uid')\nout = {K}get_uid('kb_golden_uid')"),
    ("get_uid_after_clear", f"{K}get_uid('kb_golden_uid2')\n{K}clear_session()\nout = {K}get_uid('kb_golden_uid2')"),
    ("is_float_dtype", f"[{K}is_float_dtype(d) for d in ['float32', 'float16', 'bfloat16', 'int32', 'bool', tf.float64, np.float32]]"),
    ("is_int_dtype", f"[{K}is_int_dtype(d) for d in ['int8', 'uint16', 'int64', 'float32', 'bool', tf.int32, np.int64]]"),
    ("standardize_dtype", f"[{K}standardize_dtype(d) for d in ['float32', 'int64', 'bool', 'uint8', 'bfloat16', "
                          "tf.int64, tf.float16, np.float16, np.dtype('int8'), bool, int, float, None]]"),
    ("standardize_dtype_float", f"{K}standardize_dtype('float')"),
    ("standardize_dtype_int", f"{K}standardize_dtype('int')"),
    ("standardize_dtype_double", f"{K}standardize_dtype('double')"),
    ("standardize_dtype_string", f"{K}standardize_dtype('string')"),
    ("standardize_dtype_tf_string", f"{K}standardize_dtype(tf.string)"),
    ("standardize_dtype_complex", f"{K}standardize_dtype('complex64')"),
    ("standardize_dtype_bad", f"{K}standardize_dtype('nope')"),
    ("standardize_dtype_half", f"{K}standardize_dtype('half')"),
    ("result_type", f"[{K}result_type('int32', 'float32'), {K}result_type('uint8', 'int8'), "
                    f"{K}result_type('int64', 'float16'), {K}result_type('bool', 'int8'), "
                    f"{K}result_type('float32', 'float64'), {K}result_type('bfloat16', 'float16'), "
                    f"{K}result_type('int32'), {K}result_type('uint32', 'int32'), {K}result_type('uint64', 'int64')]"),
    ("result_type_empty", f"{K}result_type()"),
    ("result_type_dtype_objs", f"{K}result_type(tf.int16, np.float32)"),
    ("result_type_python", f"[{K}result_type(int, float), {K}result_type('int8', int), {K}result_type('int8', float), "
                           f"{K}result_type('float16', float), {K}result_type(bool, 'uint8')]"),
    ("result_type_bad", f"{K}result_type('nope')"),
    ("result_type_all_pairs", "D = ['bool', 'uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', "
                              "'bfloat16', 'float16', 'float32', 'float64', 'complex64', 'complex128', int, float, bool]\n"
                              f"out = [{K}result_type(a, b) for a in D for b in D]"),
    ("result_type_three", f"[{K}result_type('int8', 'uint8', 'float16'), {K}result_type(int, float, 'int16'), "
                          f"{K}result_type(None, 'int32'), {K}result_type(None)]"),
    ("result_type_float8", f"{K}result_type('float8_e4m3fn', 'float32')"),
    ("result_type_string", f"{K}result_type('string', 'int32')"),
    # -- inspection ----------------------------------------------------------------------------
    ("is_keras_tensor_eager", f"{K}is_keras_tensor(tf.constant(1.))"),
    ("is_keras_tensor_input", f"{K}is_keras_tensor(tf.keras.Input((2,)))"),
    ("is_keras_tensor_np", f"{K}is_keras_tensor(np.ones(2))"),
    ("is_sparse", f"{K}is_sparse(tf.constant([1.]))"),
    ("is_sparse_np", f"{K}is_sparse(np.ones(2))"),
    ("int_shape", f"{K}int_shape(tf.zeros([2, 3]))"),
    ("int_shape_var", f"{K}int_shape(tf.Variable(np.zeros((4, 1))))"),
    ("int_shape_np", f"{K}int_shape(np.zeros((5,)))"),
    ("int_shape_input", f"{K}int_shape(tf.keras.Input((2, 3)))"),
    ("int_shape_list", f"{K}int_shape([1, 2])"),
    ("ndim", f"[{K}ndim(tf.zeros([2, 3])), {K}ndim(tf.constant(1.)), {K}ndim(tf.Variable([1.]))]"),
    ("ndim_input", f"{K}ndim(tf.keras.Input((2,)))"),
    ("ndim_np", f"{K}ndim(np.zeros((2, 3)))"),
    ("dtype", f"[{K}dtype(tf.zeros([2])), {K}dtype(tf.constant([1])), {K}dtype(tf.Variable(1., dtype=tf.float64))]"),
    ("dtype_input", f"{K}dtype(tf.keras.Input((2,)))"),
    ("dtype_np", f"{K}dtype(np.zeros(2))"),
    ("count_params", f"{K}count_params(tf.Variable(np.zeros((4, 3))))"),
    ("count_params_tensor", f"{K}count_params(tf.zeros([2, 5]))"),
    ("shape", f"{K}shape({M})"),
    ("shape_scalar", f"{K}shape(tf.constant(1.))"),
    # -- values and variables --------------------------------------------------------------------
    ("variable", f"{K}variable([1, 2])"),
    ("variable_dtype", f"{K}variable([1, 2], dtype='int64')"),
    ("variable_name", f"{K}variable(1., name='kb_var').name"),
    ("variable_np", f"{K}variable(np.array([1.5, 2.5]))"),
    ("variable_is_variable", f"isinstance({K}variable(1.), tf.Variable)"),
    ("variable_constraint", f"{K}variable([1., -2.], constraint=tf.keras.constraints.NonNeg()).constraint is not None"),
    ("constant", f"{K}constant([1, 2])"),
    ("constant_dtype", f"{K}constant([1, 2], dtype='int32')"),
    ("constant_shape", f"{K}constant(0.5, shape=(2, 2))"),
    ("constant_np_f64", f"{K}constant(np.array([1., 2.]))"),
    ("zeros", f"{K}zeros((2, 3))"),
    ("zeros_int", f"{K}zeros([2], dtype='int32')"),
    ("zeros_is_variable", f"isinstance({K}zeros((2, 3)), tf.Variable)"),
    ("ones", f"{K}ones([3])"),
    ("ones_dtype", f"{K}ones([2, 1], dtype=tf.float64)"),
    ("ones_is_variable", f"isinstance({K}ones([3]), tf.Variable)"),
    ("zeros_empty_dim", f"{K}zeros((0, 3))"),
    ("zeros_empty_is_variable", f"isinstance({K}zeros((0, 3)), tf.Variable)"),
    ("eye", f"{K}eye(3)"),
    ("eye_dtype", f"{K}eye(2, dtype='int32')"),
    ("eye_is_variable", f"isinstance({K}eye(2), tf.Variable)"),
    ("eye_tuple", f"{K}eye((2, 3))"),
    ("zeros_like", f"{K}zeros_like({XI})"),
    ("zeros_like_dtype", f"{K}zeros_like({XI}, dtype='float32')"),
    ("ones_like", f"{K}ones_like({X})"),
    ("ones_like_dtype", f"{K}ones_like({X}, dtype=tf.int64)"),
    ("ones_like_np", f"{K}ones_like(np.array([1., 2.]))"),
    ("get_value_var", f"{K}get_value(tf.Variable([1., 2.]))"),
    ("get_value_tensor", f"{K}get_value(tf.constant([1, 2]))"),
    ("get_value_python", f"{K}get_value(3)"),
    ("get_value_np", f"{K}get_value(np.array([1., 2.]))"),
    ("get_value_type", f"type({K}get_value(tf.constant([1, 2]))).__name__"),
    ("batch_get_value", f"{K}batch_get_value([tf.Variable([1., 2.]), tf.constant(3)])"),
    ("eval", f"{K}eval(tf.Variable([1., 2.]))"),
    ("eval_type", f"type({K}eval(tf.constant([1., 2.]))).__name__"),
    ("set_value", f"v = tf.Variable([1., 2.])\n{K}set_value(v, [3, 4])\nout = v"),
    ("set_value_int", f"v = tf.Variable([1, 2])\n{K}set_value(v, np.array([3.7, 4.2]))\nout = v"),
    ("set_value_returns", f"{K}set_value(tf.Variable([1., 2.]), [3, 4])"),
    ("set_value_shape_mismatch", f"{K}set_value(tf.Variable([1., 2.]), [3, 4, 5])"),
    ("batch_set_value", f"a = tf.Variable([1., 2.])\nb = tf.Variable(0)\n{K}batch_set_value([(a, [5., 6.]), (b, 7)])\nout = [a, b]"),
    ("update", f"v = tf.Variable([1., 2.])\nr = {K}update(v, [5., 6.])\nout = [r, v]"),
    ("update_add", f"v = tf.Variable([1., 2.])\nr = {K}update_add(v, [5., 6.])\nout = [r, v]"),
    ("update_sub", f"v = tf.Variable([1., 2.])\nr = {K}update_sub(v, tf.constant([5., 6.]))\nout = [r, v]"),
    ("update_bad_dtype", f"{K}update(tf.Variable([1., 2.]), tf.constant([5, 6]))"),
    ("moving_average_update", f"v = tf.Variable([1., 2.])\nr = {K}moving_average_update(v, tf.constant([3., 6.]), 0.9)\n"
                              "out = [r, v]", T),
    ("moving_average_update_int_value", f"v = tf.Variable([1., 2.])\n{K}moving_average_update(v, [3, 6], 0.5)\nout = v", T),
    ("moving_average_update_f64", f"v = tf.Variable([1., 2.], dtype=tf.float64)\n"
                                  f"{K}moving_average_update(v, tf.constant([3., 6.]), 0.99)\nout = v", T),
    ("cast", f"{K}cast({X}, 'int32')"),
    ("cast_bool", f"{K}cast({XI}, tf.bool)"),
    ("cast_to_floatx_tensor", f"{K}cast_to_floatx({XI})"),
    ("cast_to_floatx_np", f"{K}cast_to_floatx(np.array([1, 2]))"),
    ("cast_to_floatx_list", f"{K}cast_to_floatx([1, 2])"),
    ("cast_to_floatx_scalar", f"{K}cast_to_floatx(3)"),
    ("cast_to_floatx_var", f"{K}cast_to_floatx(tf.Variable([1, 2]))"),
    ("to_dense", f"{K}to_dense({X})"),
    ("to_dense_np", f"{K}to_dense(np.array([1., 2.]))"),
    ("stop_gradient", f"{K}stop_gradient({X})"),
    ("stop_gradient_list_type", f"type({K}stop_gradient([{X}, {X}])).__name__"),
    ("stop_gradient_list", f"list({K}stop_gradient([{X}, tf.constant([1])]))"),
    ("stop_gradient_grad", f"x = tf.Variable([1., 2.])\nwith tf.GradientTape() as g:\n"
                           f"    y = tf.reduce_sum(x * {K}stop_gradient(x))\nout = g.gradient(y, x)"),
    ("name_scope", f"with {K}name_scope('kb_scope'):\n    v = tf.Variable(1., name='v')\nout = v.name"),
    ("gradients_eager", f"x = tf.constant(2.)\nout = {K}gradients(x * x, [x])"),
    # -- elementwise math --------------------------------------------------------------------------
    ("abs", f"{K}abs({X})"),
    ("abs_int", f"{K}abs({XI})"),
    ("exp", f"{K}exp({X})", T),
    ("exp_int", f"{K}exp({XI})"),
    ("sqrt", f"{K}sqrt({X})", T),
    ("sqrt_f64", f"{K}sqrt(tf.constant([-1., 4.], tf.float64))", T),
    ("sqrt_int", f"{K}sqrt({XI})"),
    ("square", f"{K}square({X})", T),
    ("square_int", f"{K}square({XI})"),
    ("sin", f"{K}sin({X})", T),
    ("cos", f"{K}cos({X})", T),
    ("sign", f"{K}sign({X})"),
    ("sign_int", f"{K}sign({XI})"),
    ("round", f"{K}round(tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.4, 0.6]))"),
    ("round_int", f"{K}round({XI})"),
    ("log", f"{K}log(tf.constant([0., 0.5, 1., 10.]))", T),
    ("log_negative", f"{K}log(tf.constant([-1.]))", T),
    ("log_int", f"{K}log({XI})"),
    ("pow", f"{K}pow({X}, 2)", T),
    ("pow_float_exp", f"{K}pow(tf.constant([4., 9.]), 0.5)", T),
    ("pow_int", f"{K}pow({XI}, 2)"),
    ("pow_int_float_exp", f"{K}pow({XI}, 0.5)"),
    ("pow_tensor", f"{K}pow(tf.constant([2., 3.]), tf.constant([3., 2.]))", T),
    ("maximum", f"{K}maximum({X}, 0.)"),
    ("maximum_tensors", f"{K}maximum({X}, {K}reverse({X}, 0))"),
    ("maximum_broadcast", f"{K}maximum(tf.constant([[1.], [5.]]), tf.constant([2., 3., 7.]))"),
    ("maximum_int_float", f"{K}maximum({XI}, 0.5)"),
    ("minimum", f"{K}minimum({X}, 1.)"),
    ("minimum_int", f"{K}minimum({XI}, 1)"),
    ("equal", f"{K}equal({XI}, 2)"),
    ("equal_mismatch", f"{K}equal({XI}, tf.constant([1., 2., 3., 4., 5.]))"),
    ("not_equal", f"{K}not_equal({X}, 0.5)"),
    ("greater", f"{K}greater({X}, 0.)"),
    ("greater_equal", f"{K}greater_equal({X}, 0.)"),
    ("less", f"{K}less({XI}, 0)"),
    ("less_equal", f"{K}less_equal({XI}, 0)"),
    ("clip", f"{K}clip({X}, -1., 1.)"),
    ("clip_min_gt_max", f"{K}clip({X}, 2., 1.)"),
    ("clip_none_min", f"{K}clip({X}, None, 1.)"),
    ("clip_none_max", f"{K}clip({X}, -1., None)"),
    ("clip_int", f"{K}clip({XI}, -1, 2)"),
    ("clip_tensor_bounds", f"{K}clip({X}, tf.constant(-1.), tf.constant(1.))"),
    ("clip_int_float_bounds", f"{K}clip({XI}, -1., 2.)"),
    ("sigmoid", f"{K}sigmoid({X})", T),
    ("sigmoid_int", f"{K}sigmoid({XI})"),
    ("sigmoid_logits_attr", f"hasattr({K}sigmoid({X}), '_keras_logits')"),
    ("tanh", f"{K}tanh({X})", T),
    ("tanh_int", f"{K}tanh({XI})"),
    ("softplus", f"{K}softplus(tf.constant([-100., -1., 0., 1., 100.]))", T),
    ("softplus_int", f"{K}softplus({XI})"),
    ("softsign", f"{K}softsign({X})", T),
    ("softsign_int", f"{K}softsign({XI})"),
    ("softmax", f"{K}softmax({M2})", T),
    ("softmax_axis0", f"{K}softmax({M2}, axis=0)", T),
    ("softmax_3d_axis1", f"{K}softmax({M}, axis=1)", T),
    ("softmax_1d", f"{K}softmax(tf.constant([1., 2.]))"),
    ("softmax_scalar", f"{K}softmax(tf.constant(1.))"),
    ("softmax_axis_tuple", f"{K}softmax({M}, axis=(1, 2))", T),
    ("softmax_axis_list", f"{K}softmax({M}, axis=[0, 2])", T),
    ("softmax_logits_attr", f"{K}softmax({M2})._keras_logits is not None"),
    ("softmax_int", f"{K}softmax(tf.constant([[1, 2]]))"),
    ("softmax_np", f"{K}softmax(np.array([[1., 2.]]))"),
    ("relu", f"{K}relu({X})"),
    ("relu_alpha", f"{K}relu({X}, alpha=0.1)", T),
    ("relu_max_value", f"{K}relu({X}, max_value=1.)"),
    ("relu_max_value_6", f"{K}relu(tf.constant([-1., 3., 7.]), max_value=6)"),
    ("relu_threshold", f"{K}relu({X}, threshold=0.5)"),
    ("relu_threshold_sign", f"tf.math.sign(1. / {K}relu(tf.constant([-2., 0.2, 3.]), threshold=0.5))"),
    ("relu_alpha_threshold", f"{K}relu({X}, alpha=0.2, threshold=0.5)", T),
    ("relu_alpha_max", f"{K}relu({X}, alpha=0.2, max_value=1.5)", T),
    ("relu_all", f"{K}relu({X}, alpha=0.2, max_value=1.5, threshold=0.25)", T),
    ("relu_int", f"{K}relu({XI})"),
    ("relu_int_threshold", f"{K}relu({XI}, threshold=1)"),
    ("relu_int_max", f"{K}relu({XI}, max_value=4)"),
    ("relu_int_alpha", f"{K}relu({XI}, alpha=0.5)"),
    ("relu_list", f"{K}relu([-1., 2.])"),
    ("relu_list_threshold", f"{K}relu([-1., 2.], threshold=1.)"),
    ("relu_np", f"{K}relu(np.array([-1., 2.]))"),
    ("relu_negative_slope_kw", f"{K}relu({X}, negative_slope=0.1)"),
    ("elu", f"{K}elu({X})", T),
    ("elu_alpha", f"{K}elu({X}, alpha=0.5)", T),
    ("elu_alpha_f64", f"{K}elu(tf.constant([-1., 2.], tf.float64), alpha=2.)", T),
    ("elu_int", f"{K}elu({XI})"),
    ("hard_sigmoid", f"{K}hard_sigmoid(tf.constant([-3., -2.5, -1., 0., 1., 2.5, 3.]))", T),
    ("hard_sigmoid_f64", f"{K}hard_sigmoid(tf.constant([-1., 0.3], tf.float64))", T),
    ("hard_sigmoid_int", f"{K}hard_sigmoid({XI})"),
    ("hard_sigmoid_list", f"{K}hard_sigmoid([0.5])"),
    ("l2_normalize", f"{K}l2_normalize(tf.constant([[3., 4.], [0., 0.]]), axis=1)", T),
    ("l2_normalize_all", f"{K}l2_normalize(tf.constant([[3., 4.], [0., 0.]]))", T),
    ("l2_normalize_axes", f"{K}l2_normalize({M}, axis=[1, 2])", T),
    # -- reductions ------------------------------------------------------------------------------
    ("sum", f"{K}sum({M})", T),
    ("sum_axis", f"{K}sum({M}, axis=1)", T),
    ("sum_axes_keepdims", f"{K}sum({M}, axis=[0, -1], keepdims=True)", T),
    ("sum_int", f"{K}sum({XI})"),
    ("sum_bool", f"{K}sum({XB})"),
    ("prod", f"{K}prod({M2}, axis=0)", T),
    ("prod_int_keepdims", f"{K}prod({XI}, keepdims=True)"),
    ("max", f"{K}max({M}, axis=-1)"),
    ("max_all", f"{K}max({XI})"),
    ("max_keepdims", f"{K}max({M2}, 0, True)"),
    ("min", f"{K}min({M}, axis=(0, 2))"),
    ("min_bool", f"{K}min({XB})"),
    ("mean", f"{K}mean({M})", T),
    ("mean_axis", f"{K}mean({M}, axis=[0, 2], keepdims=True)", T),
    ("mean_int", f"{K}mean({XI})"),
    ("mean_bool", f"{K}mean({XB})", T),
    ("mean_bool_axis", f"{K}mean(tf.constant([[True, False], [True, True]]), axis=0)", T),
    ("mean_f64", f"{K}mean(tf.constant([1., 2.], tf.float64))", T),
    ("mean_np", f"{K}mean(np.array([1., 2.]))", T),
    ("mean_list", f"{K}mean([1., 2.])", T),
    ("std", f"{K}std({M2})", T),
    ("std_axis", f"{K}std({M2}, axis=1, keepdims=True)", T),
    ("std_bool", f"{K}std({XB})", T),
    ("std_int", f"{K}std({XI})"),
    ("var", f"{K}var({M2}, axis=0)", T),
    ("var_bool", f"{K}var({XB})", T),
    ("var_int", f"{K}var({XI})"),
    ("any", f"{K}any({XI})"),
    ("any_axis", f"{K}any(tf.constant([[0., 1.], [0., 0.]]), axis=1)"),
    ("any_keepdims", f"{K}any(tf.constant([[0, 1], [0, 0]]), axis=0, keepdims=True)"),
    ("all", f"{K}all({XI})"),
    ("all_axis", f"{K}all(tf.constant([[1., 1.], [0., 1.]]), axis=-1)"),
    ("all_bool", f"{K}all({XB})"),
    ("argmax", f"{K}argmax({M})"),
    ("argmax_axis0", f"{K}argmax({M}, axis=0)"),
    ("argmax_int", f"{K}argmax({XI})"),
    ("argmin", f"{K}argmin({M2})"),
    ("argmin_axis0", f"{K}argmin({M2}, 0)"),
    ("cumsum", f"{K}cumsum({M2})", T),
    ("cumsum_axis1", f"{K}cumsum({M2}, axis=1)", T),
    ("cumsum_int", f"{K}cumsum({XI})"),
    ("cumprod", f"{K}cumprod({M2})", T),
    ("cumprod_axis_neg", f"{K}cumprod({M2}, axis=-1)", T),
    # -- shapes -----------------------------------------------------------------------------------
    ("reshape", f"{K}reshape({M}, (4, -1))"),
    ("reshape_list", f"{K}reshape({M}, [-1])"),
    ("reshape_tensor_shape", f"{K}reshape({M}, tf.constant([6, 4]))"),
    ("reshape_bad", f"{K}reshape({M}, (5, 5))"),
    ("stack", f"{K}stack([{X}, {X}])"),
    ("stack_axis", f"{K}stack([{X}, {X}], axis=1)"),
    ("stack_mismatch", f"{K}stack([{X}, {XI}])"),
    ("tile", f"{K}tile({M2}, (2, 1))"),
    ("tile_int", f"{K}tile({X}, 2)"),
    ("tile_int_2d", f"{K}tile({M2}, 2)"),
    ("transpose", f"{K}transpose({M})"),
    ("transpose_2d", f"{K}transpose({M2})"),
    ("transpose_1d", f"{K}transpose({X})"),
    ("permute_dimensions", f"{K}permute_dimensions({M}, (2, 0, 1))"),
    ("permute_dimensions_bad", f"{K}permute_dimensions({M}, (0, 1))"),
    ("expand_dims", f"{K}expand_dims({M2})"),
    ("expand_dims_axis0", f"{K}expand_dims({M2}, 0)"),
    ("expand_dims_axis1", f"{K}expand_dims({X}, axis=1)"),
    ("squeeze", f"{K}squeeze(tf.zeros([2, 1, 3]), 1)"),
    ("squeeze_neg", f"{K}squeeze(tf.zeros([2, 3, 1]), -1)"),
    ("squeeze_not_one", f"{K}squeeze(tf.zeros([2, 3]), 1)"),
    ("concatenate", f"{K}concatenate([{M2}, {M2}])"),
    ("concatenate_axis0", f"{K}concatenate([{M2}, {M2}], axis=0)"),
    ("concatenate_neg2", f"{K}concatenate([{M}, {M}], axis=-2)"),
    ("concatenate_scalars", f"{K}concatenate([tf.constant([1.]), tf.constant([2., 3.])], axis=-1)"),
    ("concatenate_mismatch", f"{K}concatenate([{M2}, tf.zeros([2, 4])], axis=-1)"),
    ("concatenate_tuple", f"{K}concatenate(({X}, {X}))"),
    ("flatten", f"{K}flatten({M})"),
    ("batch_flatten", f"{K}batch_flatten({M})"),
    ("batch_flatten_2d", f"{K}batch_flatten({M2})"),
    ("batch_flatten_1d", f"{K}batch_flatten({X})"),
    ("batch_flatten_empty", f"{K}batch_flatten(tf.zeros([0, 2, 3]))"),
    ("repeat", f"{K}repeat({M2}, 2)"),
    ("repeat_1d", f"{K}repeat({X}, 2)"),
    ("repeat_3d", f"{K}repeat({M}, 2)"),
    ("repeat_elements", f"{K}repeat_elements({M2}, 2, axis=1)"),
    ("repeat_elements_axis0", f"{K}repeat_elements({M}, 3, 0)"),
    ("repeat_elements_neg", f"{K}repeat_elements({M}, 2, -1)"),
    ("repeat_elements_int", f"{K}repeat_elements({XI}, 2, 0)"),
    ("reverse", f"{K}reverse({M}, 1)"),
    ("reverse_axes", f"{K}reverse({M}, [0, 2])"),
    ("reverse_neg", f"{K}reverse({M}, -1)"),
    ("reverse_tuple", f"{K}reverse({M}, (0, 1))"),
    ("reverse_bad", f"{K}reverse({M}, 3)"),
    ("gather", f"{K}gather({M2}, [2, 0])"),
    ("gather_tensor_idx", f"{K}gather({M2}, tf.constant([[1], [2]]))"),
    ("gather_1d", f"{K}gather({X}, [0, 0, 6])"),
    ("gather_out_of_range", f"{K}gather({X}, [9])"),
    ("one_hot", f"{K}one_hot(tf.constant([0, 2, 1]), 3)"),
    ("one_hot_2d", f"{K}one_hot(tf.constant([[0, 2], [1, 5]]), 3)"),
    ("one_hot_list", f"{K}one_hot([1, -1], 2)"),
    ("arange", f"{K}arange(5)"),
    ("arange_start_stop", f"{K}arange(2, 7)"),
    ("arange_step", f"{K}arange(0, 10, 3)"),
    ("arange_neg_start", f"{K}arange(-3)"),
    ("arange_neg_step", f"{K}arange(5, 0, -2)"),
    ("arange_dtype", f"{K}arange(4, dtype='float32')"),
    ("arange_dtype_int64", f"{K}arange(1, 4, dtype='int64')"),
    ("arange_float", f"{K}arange(0., 1., 0.25)"),
    ("arange_float_dtype", f"{K}arange(0.5, 3, dtype='float64')"),
    ("arange_neg_start_stop", f"{K}arange(-3, 2)"),
    ("arange_tensor", f"{K}arange(tf.constant(3))"),
    ("temporal_padding", f"{K}temporal_padding({M})"),
    ("temporal_padding_asym", f"{K}temporal_padding({M}, (0, 2))"),
    ("temporal_padding_bad", f"{K}temporal_padding({M}, (1, 1, 1))"),
    ("temporal_padding_int", f"{K}temporal_padding(tf.ones([1, 2, 1], tf.int32), (1, 0))"),
    ("spatial_2d_padding", f"{K}spatial_2d_padding({A((1, 2, 3, 2))})"),
    ("spatial_2d_padding_asym", f"{K}spatial_2d_padding({A((1, 2, 3, 2))}, ((0, 1), (2, 0)))"),
    ("spatial_2d_padding_cf", f"{K}spatial_2d_padding({A((1, 2, 3, 2))}, ((1, 0), (0, 1)), 'channels_first')"),
    ("spatial_2d_padding_bad", f"{K}spatial_2d_padding({A((1, 2, 3, 2))}, (1, 1))"),
    ("spatial_2d_padding_bad_format", f"{K}spatial_2d_padding({A((1, 2, 3, 2))}, data_format='nchw')"),
    ("spatial_3d_padding", f"{K}spatial_3d_padding({A((1, 2, 2, 1, 2))})"),
    ("spatial_3d_padding_asym_cf", f"{K}spatial_3d_padding({A((1, 2, 2, 1, 2))}, ((0, 1), (1, 0), (0, 2)), "
                                   "data_format='channels_first')"),
    ("spatial_3d_padding_bad", f"{K}spatial_3d_padding({A((1, 2, 2, 1, 2))}, ((1, 1), (1, 1)))"),
    ("resize_images", f"{K}resize_images({A((1, 2, 3, 2))}, 2, 3, 'channels_last')"),
    ("resize_images_cf", f"{K}resize_images({A((1, 2, 2, 3))}, 2, 1, 'channels_first')"),
    ("resize_images_bilinear", f"{K}resize_images({A((1, 3, 3, 2))}, 2, 2, 'channels_last', interpolation='bilinear')", T),
    ("resize_images_bicubic", f"{K}resize_images({A((1, 3, 3, 1))}, 2, 2, 'channels_last', interpolation='bicubic')", T),
    ("resize_images_area", f"{K}resize_images({A((1, 2, 2, 1))}, 2, 2, 'channels_last', interpolation='area')", T),
    ("resize_images_lanczos3", f"{K}resize_images({A((1, 3, 3, 1))}, 2, 2, 'channels_last', interpolation='lanczos3')", TC),
    ("resize_images_gaussian", f"{K}resize_images({A((1, 3, 3, 1))}, 2, 2, 'channels_last', interpolation='gaussian')", TC),
    ("resize_images_mitchellcubic", f"{K}resize_images({A((1, 3, 2, 2))}, 2, 3, 'channels_last', "
                                    "interpolation='mitchellcubic')", TC),
    ("resize_images_lanczos5_cf", f"{K}resize_images({A((1, 2, 3, 3))}, 2, 2, 'channels_first', interpolation='lanczos5')", TC),
    ("resize_images_int", f"{K}resize_images(tf.ones([1, 2, 2, 1], tf.int32), 2, 2, 'channels_last')"),
    ("resize_images_int_bilinear", f"{K}resize_images(tf.ones([1, 2, 2, 1], tf.int32), 2, 2, 'channels_last', "
                                   "interpolation='bilinear')"),
    ("resize_images_bad_interp", f"{K}resize_images({A((1, 2, 2, 1))}, 2, 2, 'channels_last', interpolation='cubic')"),
    ("resize_images_bad_format", f"{K}resize_images({A((1, 2, 2, 1))}, 2, 2, None)"),
    ("resize_volumes", f"{K}resize_volumes({A((1, 2, 1, 2, 2))}, 2, 3, 1, 'channels_last')"),
    ("resize_volumes_cf", f"{K}resize_volumes({A((1, 2, 1, 2, 2))}, 1, 2, 2, 'channels_first')"),
    ("resize_volumes_bad", f"{K}resize_volumes({A((1, 2, 1, 2, 2))}, 1, 2, 2, 'nhwc')"),
    # -- control flow --------------------------------------------------------------------------
    ("switch_scalar_true", f"{K}switch(tf.constant(True), {X}, -{X})"),
    ("switch_scalar_false", f"{K}switch(tf.constant(False), {X}, -{X})"),
    ("switch_scalar_int_cond", f"{K}switch(tf.constant(0), tf.constant(1.), tf.constant(2.))"),
    ("switch_callables", f"{K}switch(tf.constant(True), lambda: tf.constant(1.), lambda: tf.constant(2.))"),
    ("switch_elementwise", f"{K}switch({K}greater({X}, 0.), {X}, {K}zeros_like({X}))"),
    ("switch_elementwise_callable", f"{K}switch({K}greater({X}, 0.), lambda: {X}, lambda: -{X})"),
    ("switch_broadcast_rank", f"{K}switch(tf.constant([True, False]), {M2}[:2], -{M2}[:2])"),
    ("switch_broadcast_rank2", f"{K}switch(tf.constant([[True], [False]]), {M}[:, :2], -{M}[:, :2])"),
    ("switch_cond_rank_too_big", f"{K}switch(tf.constant([[True, False]]), tf.constant([1., 2.]), tf.constant([3., 4.]))"),
    ("switch_float_cond", f"{K}switch(tf.constant([1., 0.]), tf.constant([1., 2.]), tf.constant([3., 4.]))"),
    ("map_fn", f"{K}map_fn(lambda t: t * 2., {M2})"),
    ("map_fn_dtype", f"{K}map_fn(lambda t: tf.cast(tf.reduce_sum(t), tf.int32), {M2}, dtype=tf.int32)"),
    ("map_fn_reduce", f"{K}map_fn(lambda t: tf.reduce_sum(t), {M})", T),
    ("foldl", f"{K}foldl(lambda a, x: a + x, tf.constant([1., 2., 3.]))"),
    ("foldl_init", f"{K}foldl(lambda a, x: a * 2. + x, tf.constant([1., 2., 3.]), initializer=tf.constant(10.))"),
    ("foldl_rows", f"{K}foldl(lambda a, x: a + x, {M2})", T),
    ("foldr", f"{K}foldr(lambda a, x: a * 2. + x, tf.constant([1., 2., 3.]))"),
    ("foldr_init", f"{K}foldr(lambda a, x: a - x, tf.constant([1., 2., 3.]), initializer=tf.constant(0.))"),
    ("rnn_simple", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                   f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.zeros([2, 3])])", T),
    ("rnn_go_backwards", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                         f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.zeros([2, 3])], go_backwards=True)", T),
    ("rnn_unroll", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                   f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.zeros([2, 3])], unroll=True)", T),
    ("rnn_mask", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                 f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.ones([2, 3])], "
                 "mask=tf.constant([[True, True, False, True], [False, True, True, False]]))", T),
    ("rnn_mask_unroll", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                        f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.ones([2, 3])], unroll=True, "
                        "mask=tf.constant([[True, True, False, True], [False, True, True, False]]))", T),
    ("rnn_mask_zero_output", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                             f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.ones([2, 3])], zero_output_for_mask=True, "
                             "mask=tf.constant([[True, True, False, True], [False, True, True, False]]))", T),
    ("rnn_mask_backwards", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                           f"out = {K}rnn(step, {A((2, 4, 3))}, [tf.ones([2, 3])], go_backwards=True, "
                           "mask=tf.constant([[1, 1, 0, 1], [0, 1, 1, 0]]))", T),
    ("rnn_time_major", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s * 2., [s]\n"
                       f"out = {K}rnn(step, {A((4, 2, 3))}, [tf.zeros([2, 3])], time_major=True)", T),
    ("rnn_constants", "def step(x, states):\n    s = states[0] * states[1] + x\n    return s, [s]\n"
                      f"out = {K}rnn(step, {A((2, 3, 2))}, [tf.zeros([2, 2])], constants=[tf.constant(0.5)])", T),
    ("rnn_two_states", "def step(x, states):\n    h, c = states\n    c2 = c + x\n    h2 = tf.tanh(c2) + h * 0.1\n"
                       f"    return h2, [h2, c2]\nout = {K}rnn(step, {A((2, 3, 2))}, [tf.zeros([2, 2]), tf.ones([2, 2])])", T),
    ("rnn_last_only", "def step(x, states):\n    s = states[0] + x\n    return s, [s]\n"
                      f"out = {K}rnn(step, {A((2, 3, 2))}, [tf.zeros([2, 2])], return_all_outputs=False)", T),
    ("rnn_input_length", "def step(x, states):\n    s = states[0] + x\n    return s, [s]\n"
                         f"out = {K}rnn(step, {A((2, 3, 2))}, [tf.zeros([2, 2])], input_length=3)", T),
    ("rnn_input_length_tensor", "def step(x, states):\n    s = states[0] + x\n    return s * 2., [s]\n"
                                f"out = {K}rnn(step, {A((2, 4, 2))}, [tf.ones([2, 2])], input_length=tf.constant([2, 3]))", T),
    ("rnn_input_length_tensor_back", "def step(x, states):\n    s = states[0] + x\n    return s * 2., [s]\n"
                                     f"out = {K}rnn(step, {A((2, 4, 2))}, [tf.ones([2, 2])], go_backwards=True, "
                                     "input_length=tf.constant([2, 3]))", T),
    ("rnn_input_length_tensor_zero", "def step(x, states):\n    s = states[0] + x\n    return s * 2., [s]\n"
                                     f"out = {K}rnn(step, {A((2, 4, 2))}, [tf.ones([2, 2])], zero_output_for_mask=True, "
                                     "input_length=tf.constant([2, 3]))", T),
    ("rnn_nested_inputs", "def step(x, states):\n    s = states[0] + x[0] * x[1]\n    return s, [s]\n"
                          f"out = {K}rnn(step, [{A((2, 3, 2))}, {A((2, 3, 2), 0.5)}], [tf.zeros([2, 2])])", T),
    ("rnn_mask_float", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s, [s]\n"
                       f"out = {K}rnn(step, {A((2, 3, 2))}, [tf.ones([2, 2])], mask=tf.constant([[1., 0., 1.], [0., 1., 1.]]))", T),
    ("rnn_mask_last_only", "def step(x, states):\n    s = states[0] * 0.5 + x\n    return s, [s]\n"
                           f"out = {K}rnn(step, {A((2, 3, 2))}, [tf.ones([2, 2])], return_all_outputs=False, "
                           "mask=tf.constant([[True, True, False], [False, True, True]]))", T),
    ("rnn_rank2_input", "def step(x, states):\n    return x, [x]\n"
                        f"out = {K}rnn(step, {M2}, [tf.zeros([3])])", T),
    ("rnn_dense_cell", "w = tf.constant(np.linspace(-1, 1, 12).reshape(3, 4), tf.float32)\n"
                       "u = tf.constant(np.linspace(-0.5, 0.5, 16).reshape(4, 4), tf.float32)\n"
                       "def step(x, states):\n    h = tf.tanh(tf.matmul(x, w) + tf.matmul(states[0], u))\n    return h, [h]\n"
                       f"out = {K}rnn(step, {A((2, 5, 3))}, [tf.zeros([2, 4])])", T),
    # -- linear algebra ------------------------------------------------------------------------
    ("dot_2d", f"{K}dot({M2}, {K}transpose({M2}))", T),
    ("dot_3d_2d", f"{K}dot({M}, {A((4, 5), 0.3)})", T),
    ("dot_2d_3d", f"{K}dot({M2}, {A((2, 4, 5), 0.3)})", T),
    ("dot_3d_3d", f"{K}dot({A((2, 3, 4))}, {A((3, 4, 2), 0.5)})", T),
    ("dot_1d", f"{K}dot(tf.constant([[1., 2.]]), tf.constant([[3.], [4.]]))", T),
    ("dot_mismatch", f"{K}dot({M2}, {M2})"),
    ("dot_int", f"{K}dot(tf.constant([[1, 2]]), tf.constant([[3], [4]]))"),
    ("batch_dot_2d_2d", f"{K}batch_dot({M2}, {A((3, 4), 0.9)})", T),
    ("batch_dot_2d_2d_axes1", f"{K}batch_dot({M2}, {A((3, 4), 0.9)}, axes=1)", T),
    ("batch_dot_3d_3d", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 4, 5), 0.4)})", T),
    ("batch_dot_3d_3d_axes", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 5, 4), 0.4)}, axes=[2, 2])", T),
    ("batch_dot_3d_3d_axes_1", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 3, 5), 0.4)}, axes=1)", T),
    ("batch_dot_3d_2d", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 4), 0.4)})", T),
    ("batch_dot_2d_3d", f"{K}batch_dot({A((2, 3))}, {A((2, 3, 4), 0.4)})", T),
    ("batch_dot_4d_3d", f"{K}batch_dot({A((2, 3, 4, 5))}, {A((2, 5, 6), 0.4)})", T),
    ("batch_dot_3d_4d", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 5, 4, 6), 0.4)})", T),
    ("batch_dot_3d_4d_bad", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 4, 5, 6), 0.4)})", T),
    ("batch_dot_4d_4d_axes", f"{K}batch_dot({A((2, 3, 4, 5))}, {A((2, 3, 2, 6), 0.4)}, axes=(1, 1))", T),
    ("batch_dot_tuple_axes_2d", f"{K}batch_dot({A((2, 3))}, {A((2, 3), 0.4)}, axes=(1, 1))", T),
    ("batch_dot_neg_axes", f"{K}batch_dot({A((2, 3, 4))}, {A((2, 4, 5), 0.4)}, axes=(-1, -2))", T),
    ("batch_dot_axis0", f"{K}batch_dot({A((2, 3))}, {A((2, 3), 0.4)}, axes=0)"),
    ("batch_dot_batch_mismatch", f"{K}batch_dot({A((2, 3))}, {A((3, 3), 0.4)})"),
    ("batch_dot_dim_mismatch", f"{K}batch_dot({A((2, 3))}, {A((2, 4), 0.4)})"),
    ("batch_dot_rank1", f"{K}batch_dot({X}, {X})"),
    ("batch_dot_nested_axes", f"{K}batch_dot({A((2, 3))}, {A((2, 3), 0.4)}, axes=[[1], [1]])"),
    ("in_top_k", f"{K}in_top_k({P}, tf.constant([1, 2]), 1)"),
    ("in_top_k_k2", f"{K}in_top_k({P}, tf.constant([2, 1]), 2)"),
    ("in_top_k_ties", f"{K}in_top_k(tf.constant([[0.5, 0.5, 0.1]]), tf.constant([1]), 1)"),
    ("in_top_k_int64", f"{K}in_top_k({P}, tf.constant([1, 0], tf.int64), 1)"),
    ("in_top_k_out_of_range", f"{K}in_top_k({P}, tf.constant([1, 5]), 1)"),
    ("in_top_k_nonfinite", f"{K}in_top_k(tf.constant([[np.nan, 1., 2.]]), tf.constant([2]), 1)"),
    # -- nn ------------------------------------------------------------------------------------
    ("bias_add", f"{K}bias_add({M}, tf.constant([1., 2., 3., 4.]))"),
    ("bias_add_cf", f"{K}bias_add({M}, tf.constant([1., 2., 3.]), data_format='channels_first')"),
    ("bias_add_cf_4d", f"{K}bias_add({A((1, 2, 3, 2))}, tf.constant([1., -1.]), 'channels_first')"),
    ("bias_add_full_bias", f"{K}bias_add({M}, {A((3, 4), 0.2)})"),
    ("bias_add_full_bias_cf", f"{K}bias_add({M}, {A((4, 3), 0.2)}, data_format='channels_first')"),
    ("bias_add_full_bias_4d_cf", f"{K}bias_add({A((1, 2, 3, 2))}, {A((3, 2, 2), 0.2)}, 'channels_first')"),
    ("bias_add_2d", f"{K}bias_add({M2}, tf.constant([1., 2., 3., 4.]))"),
    ("bias_add_bad_rank", f"{K}bias_add({M}, tf.zeros([1, 1, 4]))"),
    ("bias_add_bad_format", f"{K}bias_add({M}, tf.zeros([4]), data_format='NHWC')"),
    ("bias_add_size_mismatch", f"{K}bias_add({M}, tf.zeros([3]))"),
    ("bias_add_dtype_mismatch", f"{K}bias_add({M}, tf.zeros([4], tf.float64))"),
    ("batch_normalization", f"{K}batch_normalization({M}, tf.constant([0.1, 0.2, 0.3, 0.4]), "
                            "tf.constant([1., 2., 0.5, 4.]), tf.constant([0., 1., 0., -1.]), tf.constant([1., 1., 2., 0.5]))", T),
    ("batch_normalization_eps", f"{K}batch_normalization({M2}, 0.1, 0.5, 0., 1., epsilon=0.5)", T),
    ("batch_normalization_none", f"{K}batch_normalization({M2}, tf.constant([0.1, 0.2, 0.3, 0.4]), "
                                 "tf.constant([1., 2., 0.5, 4.]), None, None)", T),
    ("batch_normalization_axis_ignored", f"{K}batch_normalization({M2}, 0.1, 0.5, 0., 1., axis=0)", T),
    ("dropout", f"{K}dropout({A((4, 5))}, 0.3)", R),
    ("dropout_seed", f"{K}dropout({A((4, 5))}, 0.5, seed=3)", R),
    ("dropout_noise_shape", f"{K}dropout({A((4, 5))}, 0.5, noise_shape=[4, 1])", R),
    ("dropout_zero", f"{K}dropout({A((4, 5))}, 0.)", T),
    ("dropout_scaled", f"sorted(set({K}dropout(tf.ones([200]), 0.75).numpy().tolist()))"),
    ("dropout_level_one", f"{K}dropout(tf.ones([3]), 1.)"),
    ("dropout_int", f"{K}dropout(tf.ones([3], tf.int32), 0.5)"),
    ("conv1d", f"{K}conv1d({A((2, 7, 3))}, {A((3, 3, 4), 0.7, 0.5)})", TC),
    ("conv1d_same_s2", f"{K}conv1d({A((2, 7, 3))}, {A((3, 3, 4), 0.7, 0.5)}, strides=2, padding='same')", TC),
    ("conv1d_causal", f"{K}conv1d({A((2, 7, 3))}, {A((3, 3, 4), 0.7, 0.5)}, padding='causal')", TC),
    ("conv1d_causal_dilated", f"{K}conv1d({A((2, 7, 3))}, {A((2, 3, 4), 0.7, 0.5)}, padding='causal', dilation_rate=2)", TC),
    ("conv1d_dilated", f"{K}conv1d({A((2, 9, 3))}, {A((3, 3, 2), 0.7, 0.5)}, dilation_rate=2)", TC),
    ("conv1d_cf", f"{K}conv1d({A((2, 3, 7))}, {A((3, 3, 4), 0.7, 0.5)}, data_format='channels_first')", TC),
    ("conv1d_bad_padding", f"{K}conv1d({A((2, 7, 3))}, {A((3, 3, 4), 0.7, 0.5)}, padding='full')"),
    ("conv1d_bad_format", f"{K}conv1d({A((2, 7, 3))}, {A((3, 3, 4), 0.7, 0.5)}, data_format='NWC')"),
    ("conv2d", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)})", TC),
    ("conv2d_same_s2", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)}, strides=(2, 2), padding='same')", TC),
    ("conv2d_strides_int", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)}, strides=2, padding='same')", TC),
    ("conv2d_dilated", f"{K}conv2d({A((1, 7, 7, 2))}, {A((3, 3, 2, 2), 0.7, 0.5)}, padding='same', dilation_rate=(2, 2))", TC),
    ("conv2d_cf", f"{K}conv2d({A((2, 3, 5, 6))}, {A((3, 3, 3, 4), 0.7, 0.5)}, padding='same', data_format='channels_first')", TC),
    ("conv2d_cf_strided", f"{K}conv2d({A((2, 3, 5, 6))}, {A((3, 2, 3, 4), 0.7, 0.5)}, (2, 1), 'valid', 'channels_first')", TC),
    ("conv2d_bad_padding", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)}, padding='causal')"),
    ("conv2d_upper_padding", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)}, padding='SAME')"),
    ("conv2d_bad_format", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 4), 0.7, 0.5)}, data_format='nhwc')"),
    ("conv2d_channel_mismatch", f"{K}conv2d({A((2, 5, 6, 3))}, {A((3, 3, 2, 4), 0.7, 0.5)})"),
    ("conv2d_f64", f"{K}conv2d({A((1, 4, 4, 2), 0.1, 1., 'tf.float64')}, {A((2, 2, 2, 1), 0.7, 0.5, 'tf.float64')})", TC),
    ("conv2d_int", f"{K}conv2d(tf.ones([1, 3, 3, 1], tf.int32), tf.ones([2, 2, 1, 1], tf.int32))"),
    ("conv3d", f"{K}conv3d({A((1, 4, 5, 3, 2))}, {A((2, 3, 2, 2, 3), 0.7, 0.5)})", TC),
    ("conv3d_same_s2", f"{K}conv3d({A((1, 4, 5, 3, 2))}, {A((2, 3, 2, 2, 3), 0.7, 0.5)}, strides=(2, 2, 1), padding='same')", TC),
    ("conv3d_cf", f"{K}conv3d({A((1, 2, 4, 5, 3))}, {A((2, 3, 2, 2, 3), 0.7, 0.5)}, padding='same', data_format='channels_first')", TC),
    ("conv3d_dilated", f"{K}conv3d({A((1, 5, 5, 5, 1))}, {A((2, 2, 2, 1, 2), 0.7, 0.5)}, dilation_rate=(2, 1, 2))", TC),
    ("conv2d_transpose", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (2, 5, 5, 2))", TC),
    ("conv2d_transpose_s2_same", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (2, 6, 6, 2), "
                                 "strides=(2, 2), padding='same')", TC),
    ("conv2d_transpose_s2_valid", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (2, 7, 7, 2), "
                                  "strides=(2, 2))", TC),
    ("conv2d_transpose_s2_valid_8", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, [2, 8, 8, 2], "
                                    "strides=(2, 2))", TC),
    ("conv2d_transpose_none_batch", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (None, 6, 6, 2), "
                                    "strides=(2, 2), padding='same')", TC),
    ("conv2d_transpose_cf", f"{K}conv2d_transpose({A((2, 4, 3, 3))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (2, 2, 6, 6), "
                            "strides=(2, 2), padding='same', data_format='channels_first')", TC),
    ("conv2d_transpose_dilated", f"{K}conv2d_transpose({A((1, 4, 4, 2))}, {A((3, 3, 1, 2), 0.7, 0.5)}, (1, 8, 8, 1), "
                                 "padding='valid', dilation_rate=(2, 2))", TC),
    ("conv2d_transpose_dilated_same", f"{K}conv2d_transpose({A((1, 4, 4, 2))}, {A((3, 3, 1, 2), 0.7, 0.5)}, (1, 4, 4, 1), "
                                      "padding='same', dilation_rate=(2, 2))", TC),
    ("conv2d_transpose_dilated_cf", f"{K}conv2d_transpose({A((1, 2, 4, 4))}, {A((3, 3, 1, 2), 0.7, 0.5)}, (1, 1, 4, 4), "
                                    "padding='same', data_format='channels_first', dilation_rate=(2, 2))", TC),
    ("conv2d_transpose_dilated_uneven", f"{K}conv2d_transpose({A((1, 4, 4, 2))}, {A((3, 3, 1, 2), 0.7, 0.5)}, (1, 4, 4, 1), "
                                        "padding='same', dilation_rate=(2, 1))"),
    ("depthwise_conv2d", f"{K}depthwise_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 2), 0.7, 0.5)})", TC),
    ("depthwise_conv2d_same_s2", f"{K}depthwise_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 1), 0.7, 0.5)}, strides=(2, 2), "
                                 "padding='same')", TC),
    ("depthwise_conv2d_dilated", f"{K}depthwise_conv2d({A((1, 7, 7, 2))}, {A((3, 3, 2, 1), 0.7, 0.5)}, padding='same', "
                                 "dilation_rate=(2, 2))", TC),
    ("depthwise_conv2d_cf", f"{K}depthwise_conv2d({A((2, 3, 5, 6))}, {A((3, 3, 3, 2), 0.7, 0.5)}, "
                            "data_format='channels_first')", TC),
    ("depthwise_conv2d_strides_int", f"{K}depthwise_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 1), 0.7, 0.5)}, strides=2)"),
    ("separable_conv2d", f"{K}separable_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 2), 0.7, 0.5)}, {A((1, 1, 6, 4), 0.2, 0.5)})", TC),
    ("separable_conv2d_same_s2", f"{K}separable_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 1), 0.7, 0.5)}, "
                                 f"{A((1, 1, 3, 4), 0.2, 0.5)}, strides=(2, 2), padding='same')", TC),
    ("separable_conv2d_dilated", f"{K}separable_conv2d({A((1, 7, 7, 2))}, {A((3, 3, 2, 1), 0.7, 0.5)}, "
                                 f"{A((1, 1, 2, 3), 0.2, 0.5)}, padding='same', dilation_rate=(2, 2))", TC),
    ("separable_conv2d_cf", f"{K}separable_conv2d({A((2, 3, 5, 6))}, {A((3, 3, 3, 2), 0.7, 0.5)}, "
                            f"{A((1, 1, 6, 4), 0.2, 0.5)}, data_format='channels_first')", TC),
    ("separable_conv2d_strides_len", f"{K}separable_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 1), 0.7, 0.5)}, "
                                     f"{A((1, 1, 3, 4), 0.2, 0.5)}, strides=(1, 1, 1))"),
    ("separable_conv2d_strides_list", f"{K}separable_conv2d({A((2, 5, 6, 3))}, {A((3, 3, 3, 1), 0.7, 0.5)}, "
                                      f"{A((1, 1, 3, 4), 0.2, 0.5)}, strides=[2, 2])", TC),
    ("pool2d_max", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2))"),
    ("pool2d_max_s2_same", f"{K}pool2d({A((2, 5, 6, 3))}, (3, 3), strides=(2, 2), padding='same')"),
    ("pool2d_avg", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2), pool_mode='avg')", T),
    ("pool2d_avg_same", f"{K}pool2d({A((2, 5, 6, 3))}, (3, 3), (2, 2), 'same', pool_mode='avg')", T),
    ("pool2d_cf", f"{K}pool2d({A((2, 3, 5, 6))}, (2, 3), (1, 2), data_format='channels_first')"),
    ("pool2d_avg_cf_same", f"{K}pool2d({A((2, 3, 5, 6))}, (3, 3), (2, 2), 'same', 'channels_first', 'avg')", T),
    ("pool2d_bad_mode", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2), pool_mode='sum')"),
    ("pool2d_bad_pool_size", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2, 2))"),
    ("pool2d_bad_strides", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2), strides=(1,))"),
    ("pool2d_int_pool_size", f"{K}pool2d({A((2, 5, 6, 3))}, 2)"),
    ("pool2d_bad_padding", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2), padding='full')"),
    ("pool2d_strides_list", f"{K}pool2d({A((2, 5, 6, 3))}, (2, 2), strides=[1, 1])"),
    ("conv1d_causal_cf", f"{K}conv1d({A((2, 3, 7))}, {A((2, 3, 4), 0.7, 0.5)}, padding='causal', data_format='channels_first')", TC),
    ("conv2d_transpose_strides_list", f"{K}conv2d_transpose({A((2, 3, 3, 4))}, {A((3, 3, 2, 4), 0.7, 0.5)}, (2, 6, 6, 2), "
                                      "strides=[2, 2], padding='same')"),
    ("bias_add_full_bias_5d_cf", f"{K}bias_add({A((1, 2, 2, 3, 2))}, {A((2, 3, 2, 2), 0.2)}, 'channels_first')"),
    ("bias_add_6d", f"{K}bias_add({A((1, 2, 1, 2, 1, 3))}, {A((2, 1, 2, 1, 3), 0.2)})"),
    ("resize_images_bilinear_cf", f"{K}resize_images({A((1, 2, 3, 3))}, 2, 2, 'channels_first', interpolation='bilinear')", T),
    ("resize_images_area_3", f"{K}resize_images({A((1, 2, 2, 1))}, 3, 1, 'channels_last', interpolation='area')", T),
    ("pool3d_max", f"{K}pool3d({A((1, 4, 5, 3, 2))}, (2, 2, 2))"),
    ("pool3d_avg_same", f"{K}pool3d({A((1, 4, 5, 3, 2))}, (2, 3, 2), (2, 2, 2), 'same', pool_mode='avg')", T),
    ("pool3d_cf", f"{K}pool3d({A((1, 2, 4, 5, 3))}, (2, 2, 1), (1, 2, 1), data_format='channels_first')"),
    ("pool3d_avg_cf", f"{K}pool3d({A((1, 2, 4, 5, 3))}, (2, 2, 2), (2, 2, 2), 'same', 'channels_first', 'avg')", T),
    ("pool3d_bad_mode", f"{K}pool3d({A((1, 4, 5, 3, 2))}, (2, 2, 2), pool_mode='min')"),
    # -- losses ---------------------------------------------------------------------------------
    ("binary_crossentropy", f"{K}binary_crossentropy(tf.constant([1., 0., 1., 0.]), tf.constant([0.9, 0.2, 0., 1.]))", T),
    ("binary_crossentropy_logits", f"{K}binary_crossentropy(tf.constant([1., 0., 0.5]), tf.constant([2., -30., 0.3]), "
                                   "from_logits=True)", T),
    ("binary_crossentropy_2d", f"{K}binary_crossentropy({Y}, {P})", T),
    ("binary_crossentropy_f64", f"{K}binary_crossentropy(tf.constant([1., 0.], tf.float64), tf.constant([0.7, 0.4], tf.float64))", T),
    ("binary_crossentropy_lists", f"{K}binary_crossentropy([1., 0.], [0.7, 0.4])", T),
    ("binary_crossentropy_sigmoid_output", f"{K}binary_crossentropy(tf.constant([0.]), {K}sigmoid(tf.constant([30.])))", T),
    ("binary_crossentropy_int_target", f"{K}binary_crossentropy(tf.constant([1, 0]), tf.constant([0.7, 0.4]))"),
    ("categorical_crossentropy", f"{K}categorical_crossentropy({Y}, {P})", T),
    ("categorical_crossentropy_unnormalized", f"{K}categorical_crossentropy({Y}, {P} * 3.)", T),
    ("categorical_crossentropy_logits", f"{K}categorical_crossentropy({Y}, {M2}[:2, :3], from_logits=True)", T),
    ("categorical_crossentropy_axis0", f"{K}categorical_crossentropy({K}transpose({Y}), {K}transpose({P}), axis=0)", T),
    ("categorical_crossentropy_logits_axis0", f"{K}categorical_crossentropy({K}transpose({Y}), {K}transpose({P}), "
                                              "from_logits=True, axis=0)", T),
    ("categorical_crossentropy_shape_mismatch", f"{K}categorical_crossentropy({Y}, tf.constant([[0.1, 0.9], [0.5, 0.5]]))"),
    ("categorical_crossentropy_zero", f"{K}categorical_crossentropy({Y}, tf.constant([[1., 0., 0.], [1., 0., 0.]]))", T),
    ("categorical_crossentropy_softmax_output", f"{K}categorical_crossentropy(tf.constant([[0., 1.]]), "
                                                f"{K}softmax(tf.constant([[40., 0.]])))", T),
    ("sparse_categorical_crossentropy", f"{K}sparse_categorical_crossentropy(tf.constant([1, 0]), {P})", T),
    ("sparse_categorical_crossentropy_col", f"{K}sparse_categorical_crossentropy(tf.constant([[1], [0]]), {P})", T),
    ("sparse_categorical_crossentropy_float_target", f"{K}sparse_categorical_crossentropy(tf.constant([1., 2.]), {P})", T),
    ("sparse_categorical_crossentropy_logits", f"{K}sparse_categorical_crossentropy(tf.constant([3, 0, 1]), {M2}, "
                                               "from_logits=True)", T),
    ("sparse_categorical_crossentropy_3d", f"{K}sparse_categorical_crossentropy(tf.constant([[1, 3, 0], [2, 2, 1]]), "
                                           f"{K}softmax({M}))", T),
    ("sparse_categorical_crossentropy_3d_col", f"{K}sparse_categorical_crossentropy(tf.constant([[[1], [3], [0]], "
                                               f"[[2], [2], [1]]]), {M}, from_logits=True)", T),
    ("sparse_categorical_crossentropy_axis1", f"{K}sparse_categorical_crossentropy(tf.constant([[1, 2, 0, 1], [2, 2, 1, 0]]), "
                                              f"{M}, from_logits=True, axis=1)", T),
    ("sparse_categorical_crossentropy_ignore", f"{K}sparse_categorical_crossentropy(tf.constant([1, -1]), {P}, "
                                               "ignore_class=-1)", T),
    ("sparse_categorical_crossentropy_ignore_3d", f"{K}sparse_categorical_crossentropy(tf.constant([[1, 3, 0], [2, 0, 1]]), "
                                                  f"{M}, from_logits=True, ignore_class=0)", T),
    ("sparse_categorical_crossentropy_ignore_mask", f"{K}sparse_categorical_crossentropy(tf.constant([1, -1]), {P}, "
                                                    "ignore_class=-1)._keras_mask"),
    ("sparse_categorical_crossentropy_out_of_range", f"{K}sparse_categorical_crossentropy(tf.constant([1, 3]), {P})"),
    ("binary_focal_crossentropy", f"{K}binary_focal_crossentropy(tf.constant([1., 0., 1., 0.]), "
                                  "tf.constant([0.9, 0.2, 0.3, 0.6]))", T),
    ("binary_focal_crossentropy_balanced", f"{K}binary_focal_crossentropy(tf.constant([1., 0., 1., 0.]), "
                                           "tf.constant([0.9, 0.2, 0.3, 0.6]), apply_class_balancing=True, alpha=0.4, "
                                           "gamma=3.)", T),
    ("binary_focal_crossentropy_logits", f"{K}binary_focal_crossentropy(tf.constant([1., 0., 1.]), "
                                         "tf.constant([2., -1., -3.]), from_logits=True)", T),
    ("binary_focal_crossentropy_gamma0", f"{K}binary_focal_crossentropy({Y}, {P}, gamma=0.)", T),
    ("categorical_focal_crossentropy", f"{K}categorical_focal_crossentropy({Y}, {P})", T),
    ("categorical_focal_crossentropy_args", f"{K}categorical_focal_crossentropy({Y}, {P} * 2., alpha=0.5, gamma=1.)", T),
    ("categorical_focal_crossentropy_logits", f"{K}categorical_focal_crossentropy({Y}, {M2}[:2, :3], from_logits=True)", T),
    ("categorical_focal_crossentropy_axis0", f"{K}categorical_focal_crossentropy({K}transpose({Y}), {K}transpose({P}), "
                                             "axis=0)", T),
    ("categorical_focal_crossentropy_mismatch", f"{K}categorical_focal_crossentropy({Y}, tf.constant([[0.1, 0.9]]))"),
    # -- ctc -------------------------------------------------------------------------------------
    ("ctc_label_dense_to_sparse", f"sp = {K}ctc_label_dense_to_sparse(tf.constant([[1, 2, 0], [3, 0, 0]]), "
                                  "tf.constant([2, 1]))\nout = [sp.indices, sp.values, sp.dense_shape]"),
    ("ctc_label_dense_to_sparse_full", f"sp = {K}ctc_label_dense_to_sparse(tf.constant([[1, 2, 3], [3, 1, 2]]), "
                                       "tf.constant([3, 2]))\nout = [sp.indices, sp.values, sp.dense_shape]"),
    ("ctc_label_dense_to_sparse_int64", f"sp = {K}ctc_label_dense_to_sparse(tf.constant([[4, 2], [3, 1]], tf.int64), "
                                        "tf.constant([1, 2]))\nout = [sp.indices, sp.values, sp.dense_shape]"),
    ("ctc_batch_cost", f"{K}ctc_batch_cost(tf.constant([[1, 2, 0], [3, 3, 0]]), {K}softmax({A((2, 6, 5))}), "
                       "tf.constant([[6], [6]]), tf.constant([[2], [2]]))", TC),
    ("ctc_batch_cost_short_inputs", f"{K}ctc_batch_cost(tf.constant([[1, 2], [3, 1]]), {K}softmax({A((2, 6, 5))}), "
                                    "tf.constant([[4], [6]]), tf.constant([[2], [1]]))", TC),
    ("ctc_batch_cost_float_lengths", f"{K}ctc_batch_cost(tf.constant([[1., 2.], [3., 1.]]), {K}softmax({A((2, 6, 5))}), "
                                     "tf.constant([[5.], [6.]]), tf.constant([[2.], [2.]]))", TC),
    ("ctc_batch_cost_impossible", f"{K}ctc_batch_cost(tf.constant([[1, 1, 1]]), {K}softmax({A((1, 3, 4))}), "
                                  "tf.constant([[3]]), tf.constant([[3]]))", TC),
    ("ctc_batch_cost_grad", "y = tf.Variable(tf.keras.backend.softmax(" + A((2, 6, 5)) + "))\n"
                            "with tf.GradientTape() as g:\n"
                            f"    l = tf.reduce_sum({K}ctc_batch_cost(tf.constant([[1, 2], [3, 3]]), y, "
                            "tf.constant([[6], [5]]), tf.constant([[2], [2]])))\nout = g.gradient(l, y)",
     {"rtol": 1e-4, "atol": 1e-5}),
    ("ctc_decode_greedy", f"{K}ctc_decode({K}softmax({A((2, 6, 5), 0.3, 4.)}), tf.constant([6, 6]))", TC),
    ("ctc_decode_greedy_lengths", f"{K}ctc_decode({K}softmax({A((2, 6, 5), 0.3, 4.)}), tf.constant([3, 5]))", TC),
    ("ctc_decode_greedy_repeats", "p = np.full((1, 6, 4), 0.01, np.float32)\n"
                                  "for t, c in enumerate([1, 1, 3, 2, 2, 1]):\n    p[0, t, c] = 0.97\n"
                                  f"out = {K}ctc_decode(tf.constant(p), tf.constant([6]))", TC),
    ("ctc_decode_greedy_blank_split", "p = np.full((1, 5, 3), 0.01, np.float32)\n"
                                      "for t, c in enumerate([1, 2, 1, 1, 2]):\n    p[0, t, c] = 0.98\n"
                                      f"out = {K}ctc_decode(tf.constant(p), tf.constant([5]))", TC),
    ("ctc_decode_all_blank", "p = np.full((2, 3, 3), 0.01, np.float32)\np[:, :, 2] = 0.98\n"
                             f"out = {K}ctc_decode(tf.constant(p), tf.constant([3, 3]))", TC),
    ("ctc_decode_beam", f"{K}ctc_decode({K}softmax({A((2, 6, 4), 0.3, 4.)}), tf.constant([6, 6]), greedy=False, "
                        "beam_width=10)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_top2", f"{K}ctc_decode({K}softmax({A((1, 5, 3), 0.3, 2.)}), tf.constant([5]), greedy=False, "
                             "beam_width=8, top_paths=2)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_lengths", f"{K}ctc_decode({K}softmax({A((2, 5, 4), 0.6, 3.)}), tf.constant([5, 3]), greedy=False, "
                                "beam_width=5)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_too_many_paths", f"{K}ctc_decode({K}softmax({A((1, 5, 3), 0.3, 2.)}), tf.constant([5]), greedy=False, "
                                       "beam_width=2, top_paths=3)"),
    ("ctc_decode_beam_zero_length", f"{K}ctc_decode({K}softmax({A((2, 4, 3), 0.3, 2.)}), tf.constant([0, 4]), greedy=False, "
                                    "beam_width=4)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_repeats", "p = np.full((1, 6, 4), 0.01, np.float32)\n"
                                "for t, c in enumerate([1, 3, 1, 2, 3, 2]):\n    p[0, t, c] = 0.97\n"
                                f"out = {K}ctc_decode(tf.constant(p), tf.constant([6]), greedy=False, beam_width=5, top_paths=3)",
     {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_wide", f"{K}ctc_decode({K}softmax({A((3, 8, 6), 0.9, 1.5)}), tf.constant([8, 5, 7]), greedy=False, "
                             "beam_width=3, top_paths=2)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_beam_random_sweep",
     "rng = np.random.default_rng(11)\nout = []\nfor i in range(40):\n"
     "    b, t, c = rng.integers(1, 4), rng.integers(1, 16), rng.integers(2, 9)\n"
     "    p = tf.keras.backend.softmax(tf.constant((rng.normal(size=(b, t, c)) * rng.choice([0.3, 1., 3.]))"
     ".astype('float32')))\n"
     "    n = rng.integers(0, t + 1, size=b).astype('int32')\n"
     "    w = int(rng.integers(1, 12))\n    k = int(rng.integers(1, min(w, 4) + 1))\n"
     "    try:\n        out.append(tf.keras.backend.ctc_decode(p, n, greedy=False, beam_width=w, top_paths=k))\n"
     "    except Exception as e:\n        out.append(type(e).__name__)", {"rtol": 1e-4, "atol": 1e-4}),
    ("ctc_decode_greedy_f64", f"{K}ctc_decode({K}softmax({A((2, 4, 3), 0.3, 2., 'tf.float64')}), tf.constant([4, 2]))", TC),
    # -- random ---------------------------------------------------------------------------------
    ("random_normal", f"{K}random_normal((3, 4))", R),
    ("random_normal_args", f"{K}random_normal([2], mean=1., stddev=0.1, dtype='float64', seed=3)", R),
    ("random_normal_int_dtype", f"{K}random_normal([2], dtype='int32')"),
    ("random_uniform", f"{K}random_uniform((3, 4))", R),
    ("random_uniform_args", f"{K}random_uniform([5], minval=2, maxval=3, dtype=tf.float64, seed=1)", R),
    ("random_uniform_int", f"{K}random_uniform([5], 0, 10, dtype='int32')", R),
    ("random_uniform_range", f"v = {K}random_uniform([1000], -2., -1.)\nout = bool(tf.reduce_all((v >= -2.) & (v < -1.)))"),
    ("truncated_normal", f"{K}truncated_normal((3, 4))", R),
    ("truncated_normal_args", f"{K}truncated_normal([2, 2], mean=2., stddev=0.5, dtype='float64', seed=2)", R),
    ("truncated_normal_range", f"v = {K}truncated_normal([1000], 5., 2.)\nout = bool(tf.reduce_all(tf.abs(v - 5.) <= 4.))"),
    ("random_bernoulli", f"{K}random_bernoulli((3, 4), p=0.5)", R),
    ("random_bernoulli_values", f"v = {K}random_bernoulli([1000], p=0.3)\n"
                                "out = sorted(set(v.numpy().tolist()))"),
    ("random_bernoulli_p0", f"{K}random_bernoulli([4])"),
    ("random_bernoulli_p1", f"{K}random_bernoulli([4], p=1.)"),
    ("random_bernoulli_dtype", f"{K}random_bernoulli([2], p=0.5, dtype='float64', seed=1)", R),
    ("random_normal_variable", f"{K}random_normal_variable((2, 3), 0., 1.)", R),
    ("random_normal_variable_is_var", f"isinstance({K}random_normal_variable((2, 3), 0., 1.), tf.Variable)"),
    ("random_normal_variable_args", f"{K}random_normal_variable([4], 1., 0.5, dtype='float64', name='rnv', seed=2)", R),
    ("random_normal_variable_name", f"{K}random_normal_variable([4], 1., 0.5, name='kb_rnv').name"),
    ("random_uniform_variable", f"{K}random_uniform_variable((2, 3), -1., 1.)", R),
    ("random_uniform_variable_is_var", f"isinstance({K}random_uniform_variable((2, 3), 0., 1.), tf.Variable)"),
    ("random_uniform_variable_range", f"v = {K}random_uniform_variable([500], 3., 4., seed=5)\n"
                                      "out = bool(tf.reduce_all((v >= 3.) & (v < 4.)))"),
    ("random_uniform_variable_args", f"{K}random_uniform_variable([3], 0, 2, dtype='float64', seed=1)", R),
]
