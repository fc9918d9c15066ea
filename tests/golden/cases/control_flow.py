"""Top-level control flow (tfkeras_shim/ops/control_flow_ops.py), tf.function and tf.TensorSpec."""
CASES = [
    ("cond_tensor_pred", "tf.cond(tf.constant(True), lambda: tf.constant(1), lambda: tf.constant(2))"),
    ("cond_python_pred", "tf.cond(False, lambda: tf.constant(1), lambda: (tf.constant(2), 3.))"),
    ("cond_int_pred", "tf.cond(tf.constant(1), lambda: 1, lambda: 2)"),
    ("cond_vector_pred_error", "tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2)"),
    ("cond_not_callable", "tf.cond(True, 1, lambda: 2)"),
    ("while_tuple", "tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * 2.), (tf.constant(0), tf.constant(1.)))"),
    ("while_python_start", "tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [0])"),
    ("while_dict", "tf.while_loop(lambda i, d: i < 3, lambda i, d: (i + 1, {'a': d['a'] + 1}), (0, {'a': tf.constant(1)}))"),
    ("while_max_iterations", "tf.while_loop(lambda i: i < 30, lambda i: (i + 1,), (tf.constant(0),), maximum_iterations=5)"),
    ("while_not_callable", "tf.while_loop(1, lambda i: i, [0])"),
    ("while_structure_error", "tf.while_loop(lambda i: i < 3, lambda i: [i + 1, i], [0])"),
    ("while_gradient", """
x = tf.Variable(2.0)
with tf.GradientTape() as t:
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x), (tf.constant(0), tf.constant(1.)))
out = [y, t.gradient(y, x)]"""),
    ("map_fn_basic", "tf.map_fn(lambda x: x * 2, tf.constant([1, 2, 3]))"),
    ("map_fn_rows", "tf.map_fn(lambda x: tf.reduce_sum(x), tf.constant([[1, 2], [3, 4]]))"),
    ("map_fn_signature", "tf.map_fn(lambda x: tf.cast(x, tf.float32) / 2, tf.constant([1, 2]), fn_output_signature=tf.float32)"),
    ("map_fn_tuple_elems", "tf.map_fn(lambda x: x[0] + tf.cast(x[1], tf.int32), (tf.constant([1, 2]), tf.constant([1., 2.])), fn_output_signature=tf.int32)"),
    ("map_fn_dict_out", "tf.map_fn(lambda x: {'a': x, 'b': x * 2}, tf.constant([1, 2]), fn_output_signature={'a': tf.int32, 'b': tf.int32})"),
    ("map_fn_empty", "tf.map_fn(lambda x: x * 2, tf.zeros((0, 3)))"),
    ("map_fn_scalar_error", "tf.map_fn(lambda x: x * 2, [1, 2, 3])"),
    ("map_fn_signature_mismatch", "tf.map_fn(lambda x: tf.cast(x, tf.float32), tf.constant([1, 2]), fn_output_signature=tf.int32)"),
    ("vectorized_map", "tf.vectorized_map(lambda x: x * 2 + 1, tf.constant([[1., 2.], [3., 4.]]))"),
    ("vectorized_map_reduce", "tf.vectorized_map(lambda x: tf.reduce_sum(x * x), tf.constant([[1, 2], [3, 4]]))"),
    ("vectorized_map_tuple", "tf.vectorized_map(lambda x: x[0] * x[1], (tf.constant([1, 2]), tf.constant([3, 4])))"),
    ("vectorized_map_matmul", "tf.vectorized_map(lambda x: tf.matmul(tf.reshape(x, (1, 2)), tf.constant([[1.], [2.]])), tf.constant([[1., 2.], [3., 4.]]))"),
    ("scan", "tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4]))"),
    ("scan_initializer", "tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4]), initializer=tf.constant(10))"),
    ("scan_reverse", "tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4]), reverse=True)"),
    ("scan_tuple_state", "tf.scan(lambda a, x: (a[0] + x, a[1] * x), tf.constant([1, 2, 3]), initializer=(tf.constant(0), tf.constant(1)))"),
    ("foldl", "tf.foldl(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]))"),
    ("foldl_init", "tf.foldl(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]), initializer=tf.constant(5))"),
    ("foldr", "tf.foldr(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]))"),
    ("switch_case", "tf.switch_case(tf.constant(1), [lambda: tf.constant(10), lambda: tf.constant(20)])"),
    ("switch_case_out_of_range", "tf.switch_case(tf.constant(5), [lambda: 10, lambda: 20])"),
    ("switch_case_default", "tf.switch_case(tf.constant(5), [lambda: 10, lambda: 20], default=lambda: -1)"),
    ("switch_case_python_index", "tf.switch_case(1, [lambda: 10, lambda: 20])"),
    ("case_first_true", "tf.case([(tf.constant(False), lambda: 1), (tf.constant(True), lambda: 2)], default=lambda: 3)"),
    ("case_default", "tf.case([(tf.constant(False), lambda: 1)], default=lambda: 3)"),
    ("case_none_true", "tf.case([(tf.constant(False), lambda: 1), (tf.constant(False), lambda: 2)])"),
    ("case_python_pred", "tf.case([(False, lambda: 1)], default=lambda: 3)"),
    ("py_function", "tf.py_function(lambda a, b: a * b, [tf.constant(2.), 3.], Tout=tf.float32)"),
    ("py_function_list_tout", "tf.py_function(lambda a: (a, a * 2), [tf.constant(2)], Tout=[tf.int32, tf.int32])"),
    ("py_function_single_in_list", "tf.py_function(lambda a: a * 2, [tf.constant(2)], Tout=[tf.int32])"),
    ("py_function_dtype_error", "tf.py_function(lambda a: a * 2, [tf.constant(2)], Tout=tf.float32)"),
    ("py_function_raises", "tf.py_function(lambda a: a + 1.5, [tf.constant(2)], Tout=tf.float32)"),
    ("py_function_no_tout", "tf.py_function(lambda a: a, [tf.constant(2)])"),
    ("numpy_function", "tf.numpy_function(lambda a: a * 2, [tf.constant([1, 2])], Tout=tf.int32)"),
    ("numpy_function_gets_ndarray", "tf.numpy_function(lambda a: np.array(type(a).__name__ + ' ' + a.dtype.name), [tf.constant(2)], Tout=tf.string)"),
    ("numpy_function_keeps_dtype", "tf.numpy_function(lambda a: a * 2, [tf.constant(2.)], Tout=tf.float64)"),
    ("group", "tf.group(tf.constant(1), tf.constant(2))"),
    ("no_op", "tf.no_op()"),
    ("tuple", "tf.tuple([tf.constant(1), tf.constant([2., 3.])])"),
    ("executing_eagerly", "tf.executing_eagerly()"),
    ("name_scope", """
with tf.name_scope('outer') as s1:
    with tf.name_scope('inner') as s2:
        cur = tf.get_current_name_scope()
out = [s1, s2, cur, tf.name_scope('abc').name, tf.get_current_name_scope()]"""),
    ("control_dependencies", """
with tf.control_dependencies([tf.constant(1)]):
    out = tf.constant(2) + 1"""),
    ("init_scope", """
with tf.init_scope():
    out = tf.constant(3)"""),
    ("get_static_value", "[tf.get_static_value(tf.constant([1, 2])), tf.get_static_value(3), tf.get_static_value(tf.Variable(1.))]"),
    ("get_logger_name", "tf.get_logger().name"),
    # tf.function
    ("function_call", """
@tf.function
def f(x, y):
    return x * y + 1.0
out = f(tf.constant([1., 2.]), tf.constant(3.))"""),
    ("function_python_args_become_tensors", """
@tf.function
def f(x):
    return x * 2
out = [f(1.0), f(3)]"""),
    ("function_tracing_count", """
@tf.function
def f(x):
    return x * 2
f(tf.constant(1.)); f(tf.constant(2.)); f(1.0); f(2.0); f(tf.constant([1., 2.])); f(tf.constant([3., 4.]))
out = f.experimental_get_tracing_count()"""),
    ("function_reduce_retracing_count", """
@tf.function(reduce_retracing=True)
def f(x):
    return x * 2
f(tf.constant([1.])); f(tf.constant([1., 2.])); f(tf.constant([1., 2., 3.])); f(tf.constant([[1.]]))
out = f.experimental_get_tracing_count()"""),
    ("function_input_signature", """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    return x + 1
out = [f([1., 2.]), f(tf.constant([3.])), f.experimental_get_tracing_count()]"""),
    ("function_input_signature_shape_error", """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    return x + 1
out = f(tf.constant([[1., 2.]]))"""),
    ("function_input_signature_dtype_error", """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    return x + 1
out = f(tf.constant([1, 2]))"""),
    ("function_input_signature_too_many", """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    return x + 1
out = f(tf.constant([1.]), tf.constant([1.]))"""),
    ("function_method", """
class M:
    def __init__(self):
        self.v = tf.Variable(2.0)
    @tf.function
    def scale(self, x):
        return x * self.v
m = M()
out = [m.scale(tf.constant(3.)), m.scale(tf.constant([1., 2.]))]"""),
    ("function_with_gradient", """
w = tf.Variable([1., 2.])
@tf.function
def step(x):
    with tf.GradientTape() as t:
        loss = tf.reduce_sum(w * x * x)
    return t.gradient(loss, w)
out = step(tf.constant([3., 4.]))"""),
    ("function_jit_compile_value", """
@tf.function(jit_compile=True)
def f(x):
    return tf.nn.relu(x) * 2.0 + 1.0
out = f(tf.constant([-1., 2.]))"""),
    ("function_concrete", """
@tf.function
def f(x):
    return x * 2
c = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
out = [c(tf.constant([1., 2.])), c.structured_input_signature]"""),
    ("function_python_function", """
def g(x):
    return x + 1
out = tf.function(g).python_function is g"""),
    ("function_name", "tf.function(lambda x: x).__name__"),
    ("function_while_single_var", """
@tf.function
def f():
    return tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
out = f()"""),
    # tf.TensorSpec
    ("tensorspec_repr", "repr(tf.TensorSpec((None, 3)))"),
    ("tensorspec_named_repr", "repr(tf.TensorSpec([2], tf.int32, name='x'))"),
    ("tensorspec_unknown_rank", "repr(tf.TensorSpec(None))"),
    ("tensorspec_fields", """
s = tf.TensorSpec(shape=(2,), dtype='float64')
out = [s.shape, s.dtype, s.name]"""),
    ("tensorspec_equality", """
a = tf.TensorSpec([None, 3])
out = [a == tf.TensorSpec((None, 3)), a == tf.TensorSpec([None, 3], tf.int32), a == tf.TensorSpec([None, 3], name='x'),
       hash(a) == hash(tf.TensorSpec((None, 3)))]"""),
    ("tensorspec_compatible", """
s = tf.TensorSpec((None, 3))
out = [s.is_compatible_with(tf.zeros((2, 3))), s.is_compatible_with(tf.zeros((2, 3), tf.int32)),
       s.is_compatible_with(tf.TensorSpec((5, 3))), s.is_compatible_with(tf.zeros((2, 4))),
       s.is_compatible_with(tf.TensorSpec(None))]"""),
    ("tensorspec_from_tensor", "repr(tf.TensorSpec.from_tensor(tf.zeros((2, 3)), name='a'))"),
]
