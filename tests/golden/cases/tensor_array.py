"""tf.TensorArray (tfkeras_shim/ops/tensor_array_ops.py): eager arrays and arrays made inside
tf.function (TF's graph TensorList semantics), gradients through stack/read/gather/concat."""
CASES = [
    ("write_read_stack", """
ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True, clear_after_read=False)
ta = ta.write(0, 10)
ta = ta.write(1, 20)
ta = ta.write(2, 30)
out = [ta.read(0), ta.read(1), ta.read(2), ta.stack(), ta.size()]"""),
    ("stack_rows", """
ta = tf.TensorArray(tf.int32, size=3)
ta = ta.write(0, tf.constant([1, 2]))
ta = ta.write(1, tf.constant([3, 4]))
ta = ta.write(2, tf.constant([5, 6]))
out = [ta.stack(), ta.element_shape]"""),
    ("unwritten_are_zeros", """
ta = tf.TensorArray(tf.float32, size=3)
ta = ta.write(1, [1., 2.])
out = [ta.stack(), ta.read(0), ta.element_shape]"""),
    ("element_shape_zeros", """
ta = tf.TensorArray(tf.float32, size=2, element_shape=[3])
out = [ta.stack(), ta.read(1)]"""),
    ("empty_stack", "tf.TensorArray(tf.float32, size=0, dynamic_size=True).stack()"),
    ("empty_stack_shape", "tf.TensorArray(tf.float64, size=0, dynamic_size=True, element_shape=[2]).stack()"),
    ("read_unknown_shape", "tf.TensorArray(tf.float32, size=2).read(0)"),
    ("stack_unknown_shape", "tf.TensorArray(tf.float32, size=2).stack()"),
    ("read_twice_cleared", """
ta = tf.TensorArray(tf.float32, size=2).write(0, 1.)
a = ta.read(0)
out = ta.read(0)"""),
    ("stack_after_clear", """
ta = tf.TensorArray(tf.float32, size=2).write(0, 1.).write(1, 2.)
a = ta.read(0)
out = [a, ta.stack()]"""),
    ("no_clear", """
ta = tf.TensorArray(tf.float32, size=1, clear_after_read=False).write(0, 3.)
out = [ta.read(0), ta.read(tf.constant(0)), ta.stack()]"""),
    ("write_past_size", "tf.TensorArray(tf.float32, size=3).write(3, 1.)"),
    ("write_negative", "tf.TensorArray(tf.float32, size=3).write(-1, 1.)"),
    ("read_past_size", "tf.TensorArray(tf.float32, size=3).read(5)"),
    ("read_negative", "tf.TensorArray(tf.float32, size=3).read(-1)"),
    ("dynamic_grows", """
ta = tf.TensorArray(tf.float32, size=1, dynamic_size=True).write(3, 2.)
out = [ta.size(), ta.stack()]"""),
    ("write_wrong_dtype", "tf.TensorArray(tf.float32, size=2).write(0, tf.constant(1))"),
    ("write_py_int_to_float", "tf.TensorArray(tf.float32, size=2).write(0, 2).stack()"),
    ("write_py_float_to_f64", "tf.TensorArray(tf.float64, size=1).write(0, 1.).stack()"),
    ("write_f32_to_f64", "tf.TensorArray(tf.float64, size=1).write(0, tf.constant(1.))"),
    ("write_float_to_int", "tf.TensorArray(tf.int32, size=1).write(0, 1.5)"),
    ("write_bad_shape", "tf.TensorArray(tf.float32, size=2).write(0, [1.]).write(1, [1., 2.])"),
    ("write_bad_element_shape", "tf.TensorArray(tf.float32, size=2, element_shape=[2]).write(0, [1.])"),
    ("no_infer_shape_pack_error", "tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, [1.]).write(1, [1., 2.]).stack()"),
    ("no_infer_shape_concat", "tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, [1.]).write(1, [1., 2.]).concat()"),
    ("partial_element_shape", """
ta = tf.TensorArray(tf.float32, size=2, element_shape=tf.TensorShape([None, 2])).write(0, [[1., 2.]])
out = [ta.element_shape, ta.read(1)]"""),
    ("partial_element_shape_read", "tf.TensorArray(tf.float32, size=2, element_shape=[None, 2], infer_shape=False).read(1)"),
    ("int64_bool_f16", """
out = [tf.TensorArray(tf.int64, size=2).write(0, 1).stack(),
       tf.TensorArray(tf.bool, size=2).write(0, True).stack(),
       tf.TensorArray(tf.float16, size=2).write(0, 1.).stack()]"""),
    ("strings", "tf.TensorArray(tf.string, size=2).write(0, 'a').write(1, 'bc').stack()"),
    ("unstack", """
ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True, clear_after_read=False)
ta = ta.unstack([[1., 2.], [3., 4.], [5., 6.]])
out = [ta.size(), ta.read(2), ta.stack(), str(ta.element_shape)]"""),
    ("unstack_read_then_stack", """
ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True).unstack([[1., 2.], [3., 4.]])
a = ta.read(1)
out = ta.stack()"""),
    ("unstack_too_many", "tf.TensorArray(tf.int32, size=2).unstack([1, 2, 3])"),
    ("unstack_fewer_resizes", "tf.TensorArray(tf.int32, size=4).unstack([1, 2, 3]).size()"),
    ("unstack_dynamic", "tf.TensorArray(tf.int32, size=2, dynamic_size=True).unstack([1, 2, 3]).stack()"),
    ("scatter_gather", """
ta = tf.TensorArray(tf.int32, size=4).scatter([3, 0], [7, 8])
out = [ta.gather([0, 3, 1]), ta.stack()]"""),
    ("scatter_tensor_idx", "tf.TensorArray(tf.float32, size=2).scatter(tf.constant([1]), tf.constant([5.])).stack()"),
    ("scatter_past_size", "tf.TensorArray(tf.float32, size=2).scatter([3], [1.])"),
    ("gather_tensor_idx", "tf.TensorArray(tf.float32, size=2).write(0, [1.]).gather(tf.constant([1, 0]))"),
    ("gather_negative", "tf.TensorArray(tf.float32, size=2).write(0, [1.]).gather([-1])"),
    ("gather_unwritten", "tf.TensorArray(tf.float32, size=3).write(0, 1.).write(2, 2.).gather([2, 1])"),
    ("split_concat", """
ta = tf.TensorArray(tf.float32, size=2, clear_after_read=False).split([1., 2., 3.], [1, 2])
out = [ta.read(1), ta.concat(), ta.size()]"""),
    ("split_rows", """
ta = tf.TensorArray(tf.float32, size=2).split([[1., 2.], [3., 4.], [5., 6.]], [2, 1])
out = [ta.read(0), ta.read(1)]"""),
    ("split_bad_size", "tf.TensorArray(tf.float32, size=3).split([1., 2., 3.], [1, 2])"),
    ("split_bad_sum", "tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [1, 1])"),
    ("split_scalar", "tf.TensorArray(tf.float32, size=2).split(1., [1])"),
    ("split_lengths_matrix", "tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [[2, 1]])"),
    ("concat_scalars", "tf.TensorArray(tf.float32, size=2).write(0, 1.).write(1, 2.).concat()"),
    ("concat_rows", "tf.TensorArray(tf.float32, size=2).write(0, [[1., 2.]]).write(1, [[3., 4.]]).concat()"),
    ("concat_empty", "tf.TensorArray(tf.float32, size=0, dynamic_size=True).concat()"),
    ("identity", "tf.TensorArray(tf.float32, size=2, clear_after_read=False).write(0, 1.).identity().read(0)"),
    ("tensor_size_and_index", "tf.TensorArray(tf.float32, size=tf.constant(2)).write(tf.constant(1, tf.int64), 3.).stack()"),
    ("close", """
ta = tf.TensorArray(tf.float32, size=2)
ta.close()
out = ta.size()"""),
    ("properties", """
ta = tf.TensorArray('float32', size=2)
out = [ta.dtype, ta.dynamic_size, str(ta.element_shape), ta.element_shape.rank, ta.flow, ta.handle]"""),
    ("no_size", "tf.TensorArray(tf.float32)"),
    ("variable_snapshots", """
v = tf.Variable(1)
ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
for i in range(4):
    v.assign_add(i)
    ta = ta.write(i, v)
out = ta.stack()"""),
    # -- inside tf.function (TF traces a graph TensorList) ------------------------------------
    ("fn_fibonacci", """
@tf.function
def fib(n):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.unstack([0., 1.])
    for i in range(2, n):
        ta = ta.write(i, ta.read(i - 1) + ta.read(i - 2))
    return ta.stack()
out = fib(7)"""),
    ("fn_python_loop_variable", """
v = tf.Variable(1)
@tf.function
def f(x):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in range(x):
        v.assign_add(i)
        ta = ta.write(i, v)
    return ta.stack()
out = f(5)"""),
    ("fn_read_twice", """
@tf.function
def f(x):
    ta = tf.TensorArray(tf.float32, size=2).write(0, x)
    return [ta.read(0) + ta.read(0), ta.stack()]
out = f(tf.constant(1.))"""),
    ("fn_write_past_size", """
@tf.function
def f(x):
    return tf.TensorArray(tf.float32, size=2).write(3, x).stack()
out = f(tf.constant(1.))"""),
    ("fn_read_past_size", """
@tf.function
def f(x):
    return tf.TensorArray(tf.float32, size=2).write(0, x).read(5)
out = f(tf.constant(1.))"""),
    ("fn_read_unknown_shape", """
@tf.function
def f():
    return tf.TensorArray(tf.float32, size=2).read(0)
out = f()"""),
    ("fn_read_unwritten", """
@tf.function
def f(x):
    return tf.TensorArray(tf.float32, size=2).write(0, x).read(1)
out = f(tf.constant([1., 2.]))"""),
    ("fn_stack_empty_unknown", """
@tf.function
def f():
    return tf.TensorArray(tf.float32, size=0, dynamic_size=True).stack()
out = f()"""),
    ("fn_unstack_size_mismatch", """
@tf.function
def f():
    return tf.TensorArray(tf.float32, size=4).unstack([1., 2., 3.]).stack()
out = f()"""),
    ("fn_gather_past_size", """
@tf.function
def f():
    return tf.TensorArray(tf.float32, size=2).write(0, 1.).gather([3])
out = f()"""),
    ("fn_wrong_dtype", """
@tf.function
def f():
    return tf.TensorArray(tf.float32, size=2).write(0, tf.constant(1)).stack()
out = f()"""),
    # -- gradients -----------------------------------------------------------------------------
    ("grad_stack", """
x = tf.Variable([1., 2.])
with tf.GradientTape() as t:
    ta = tf.TensorArray(tf.float32, size=3)
    for i in range(3):
        ta = ta.write(i, x * float(i + 1))
    y = tf.reduce_sum(ta.stack() ** 2)
out = [y, t.gradient(y, x)]"""),
    ("grad_unstack_read", """
x = tf.Variable([1., 2.])
with tf.GradientTape() as t:
    ta = tf.TensorArray(tf.float32, size=3).unstack(tf.stack([x, 2 * x, 3 * x]))
    y = ta.read(1) * ta.read(2)
out = t.gradient(y, x)"""),
    ("grad_gather_concat", """
w = tf.Variable([0.5, -0.3])
x = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
with tf.GradientTape() as t:
    ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack(x * w)
    y = tf.reduce_sum(ta.gather([2, 0]) * 2.) + tf.reduce_sum(ta.concat()) + tf.reduce_sum(ta.read(1))
out = t.gradient(y, w)"""),
    ("grad_split", """
w = tf.Variable([0.5, -0.3])
x = tf.constant([1., 2., 3., 4., 5., 6.])
with tf.GradientTape() as t:
    ta = tf.TensorArray(tf.float32, size=2).split(x * 3. * tf.reduce_sum(w), [2, 4])
    y = tf.reduce_sum(ta.read(1) ** 2)
out = t.gradient(y, w)"""),
    ("grad_in_function_rnn", """
@tf.function
def rnn(x, w):
    ta = tf.TensorArray(tf.float32, size=x.shape[0])
    h = tf.zeros([2])
    for t in range(x.shape[0]):
        h = tf.tanh(x[t] * w + h)
        ta = ta.write(t, h)
    return ta.stack()
w = tf.Variable([0.5, -0.3])
x = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
with tf.GradientTape() as tape:
    out_ = rnn(x, w)
    loss = tf.reduce_sum(out_ ** 2)
out = [out_, tape.gradient(loss, w)]""", {"rtol": 1e-5}),
    ("grad_tape_in_function", """
@tf.function
def g(x):
    with tf.GradientTape() as t:
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        h = tf.constant(1.)
        for i in range(3):
            h = h * x
            ta = ta.write(i, h)
        y = tf.reduce_sum(ta.stack())
    return t.gradient(y, x)
out = [g(tf.Variable(2.)), g(tf.constant(2.))]"""),
]
