"""tf.GradientTape / tf.custom_gradient / tf.UnconnectedGradients (tfkeras_shim/autodiff.py)."""
CASES = [
    ("poly_watched_const", """
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x ** 3 + 2.0 * x * x - x
out = t.gradient(y, x)"""),
    ("poly_vector_nonscalar_target", """
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.gradient(y, x)"""),
    ("nonscalar_target_sum_of_w3", """
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    y = w * 3.0
out = t.gradient(y, w)"""),
    ("matmul_variables", """
w = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
b = tf.Variable([0.5, -0.5])
x = tf.constant([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
with tf.GradientTape() as t:
    y = tf.matmul(x, w) + b
    loss = tf.reduce_mean(y * y)
out = t.gradient(loss, [w, b])"""),
    ("matmul_float64", """
w = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float64))
x = tf.constant([[1.0, -1.0]], dtype=tf.float64)
with tf.GradientTape() as t:
    loss = tf.reduce_sum(tf.matmul(x, w) ** 2)
out = t.gradient(loss, w)"""),
    ("unwatched_constant_none", """
x = tf.constant(3.0)
with tf.GradientTape() as t:
    y = x * x
out = t.gradient(y, x)"""),
    ("unconnected_variable_none", """
v = tf.Variable(2.0)
u = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = v * 3.0
out = t.gradient(y, [v, u])"""),
    ("unconnected_zero_enum", """
v = tf.Variable(2.0)
u = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = v * 3.0
out = t.gradient(y, [v, u], unconnected_gradients=tf.UnconnectedGradients.ZERO)"""),
    ("unconnected_zero_string", """
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.constant(5.0) * 2.0
out = t.gradient(y, x, unconnected_gradients='zero')"""),
    ("unconnected_bad_value", """
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.gradient(y, x, unconnected_gradients='bogus')"""),
    ("persistent_twice", """
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x
    z = y * y
out = [t.gradient(z, x), t.gradient(y, x), t.gradient(z, y)]"""),
    ("non_persistent_second_call_error", """
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x)
out = t.gradient(y, x)"""),
    ("list_target_summed", """
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y1 = x * x
    y2 = x * 5.0
out = t.gradient([y1, y2], x)"""),
    ("dict_sources", """
a = tf.Variable(1.0)
b = tf.Variable(2.0)
with tf.GradientTape() as t:
    y = a * b * b
out = t.gradient(y, {'a': a, 'b': b})"""),
    ("nested_sources", """
a = tf.Variable(1.0)
b = tf.Variable([2.0, 3.0])
with tf.GradientTape() as t:
    y = a * tf.reduce_sum(b)
out = t.gradient(y, [a, (b, {'k': a})])"""),
    ("tuple_sources_kept", """
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.gradient(y, (x,))"""),
    ("duplicate_sources", """
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = tf.reduce_sum(v * v)
out = t.gradient(y, [v, v])"""),
    ("output_gradients", """
v = tf.Variable(2.0)
with tf.GradientTape() as t:
    y = v * tf.constant([1.0, 2.0])
out = t.gradient(y, v, output_gradients=tf.constant([3.0, 4.0]))"""),
    ("intermediate_source", """
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x
    z = y * 2.0
out = [t.gradient(z, y), t.gradient(z, [y, x])]"""),
    ("target_outside_tape_none", """
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x
z = y * 2.0
out = [t.gradient(z, x), t.gradient(y, x)]"""),
    ("loss_after_tape_none", """
w = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = w * 2.0
loss = tf.reduce_sum(y)
out = t.gradient(loss, w)"""),
    ("target_is_source", """
v = tf.Variable(2.0)
with tf.GradientTape() as t:
    pass
out = t.gradient(v, v)"""),
    ("watch_accessed_false", """
v = tf.Variable(2.0)
w = tf.Variable(3.0)
with tf.GradientTape(watch_accessed_variables=False) as t:
    t.watch(w)
    y = v * w
out = t.gradient(y, [v, w])"""),
    ("watched_variables_explicit", """
v = tf.Variable(2.0)
with tf.GradientTape(watch_accessed_variables=False) as t:
    t.watch(v)
    y = v * 3.0
out = [len(t.watched_variables()), t.gradient(y, v)]"""),
    ("non_trainable_variable", """
w = tf.Variable(1.0, trainable=False)
with tf.GradientTape() as t:
    y = w * 3.0
g1 = t.gradient(y, w)
with tf.GradientTape() as t:
    t.watch(w)
    y = w * 3.0
out = [g1, t.gradient(y, w)]"""),
    ("integer_source_none", """
x = tf.constant(3)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.gradient(y, x)"""),
    ("integer_variable_none", """
v = tf.Variable(2)
with tf.GradientTape() as t:
    y = v * v
out = t.gradient(y, v)"""),
    ("integer_target_none", """
x = tf.constant(2.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cast(x, tf.int32)
out = t.gradient(y, x)"""),
    ("integer_source_zero", """
x = tf.constant(2.0)
xi = tf.constant([1, 2])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.gradient(y, xi, unconnected_gradients='zero')"""),
    ("stop_recording", """
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    with t.stop_recording():
        y = x * x
    z = x * 3.0
out = [t.gradient(y, x), t.gradient(z, x)]"""),
    ("stop_recording_not_recording_error", """
t = tf.GradientTape()
with t.stop_recording():
    pass
out = 1"""),
    ("stop_gradient_inside", """
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.stop_gradient(x * x) + x
out = t.gradient(y, x)"""),
    ("reset", """
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x
    t.reset()
    t.watch(x)
    z = x * 4.0
out = [t.gradient(y, x), t.gradient(z, x)]"""),
    ("reentered_persistent", """
x = tf.constant(2.0)
tape = tf.GradientTape(persistent=True)
with tape:
    tape.watch(x)
    y1 = x * x
with tape:
    y2 = x * 3.0
out = [tape.gradient(y1, x), tape.gradient(y2, x)]"""),
    ("second_order_nested", """
x = tf.constant(3.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = x * x * x
    dy = t1.gradient(y, x)
out = [dy, t2.gradient(dy, x)]"""),
    ("second_order_inner_call", """
x = tf.Variable(2.0)
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = tf.sin(x) * x
        dy = t1.gradient(y, x)
out = [dy, t2.gradient(dy, x)]"""),
    ("second_order_persistent_inside", """
x = tf.constant(2.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x ** 3
    dy = t.gradient(y, x)
out = [dy, t.gradient(dy, x)]"""),
    ("gradient_penalty_style", """
w = tf.Variable([[1.0], [2.0]])
x = tf.constant([[1.0, 3.0], [2.0, 1.0]])
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        inner.watch(x)
        pred = tf.matmul(x, w) ** 2
    gx = inner.gradient(pred, x)
    penalty = tf.reduce_mean((tf.sqrt(tf.reduce_sum(gx * gx, axis=1)) - 1.0) ** 2)
out = outer.gradient(penalty, w)""", {"rtol": 1e-5}),
    ("two_tapes_shared_graph", """
v = tf.Variable(2.0)
with tf.GradientTape() as g1, tf.GradientTape() as g2:
    a = v * v
    b = a * 3.0
    c = a * 5.0
out = [g1.gradient(b, v), g2.gradient(c, v)]"""),
    ("jacobian_elementwise", """
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.jacobian(y, x)"""),
    ("jacobian_scalar_target", """
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(x * x)
out = t.jacobian(y, x)"""),
    ("jacobian_matrix_target", """
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reshape(x, (3, 1)) * tf.constant([[1.0, 2.0]])
out = t.jacobian(y, x)"""),
    ("jacobian_list_sources_unconnected", """
x = tf.constant([1.0, 2.0])
s = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch([x, s])
    y = x * x
out = [t.jacobian(y, [x, s]), t.jacobian(y, s, unconnected_gradients='zero')]"""),
    ("jacobian_non_persistent_twice", """
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.jacobian(y, x)
out = t.jacobian(y, x)"""),
    ("jacobian_variable_matmul", """
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
x = tf.constant([[1.0, -1.0]])
with tf.GradientTape() as t:
    y = tf.matmul(x, w)
out = t.jacobian(y, w)"""),
    ("batch_jacobian", """
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
out = t.batch_jacobian(y, x)"""),
    ("batch_jacobian_wider", """
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.concat([x, x * 2.0, x[:, :1]], axis=1)
out = t.batch_jacobian(y, x)"""),
    ("batch_jacobian_rank_error", """
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
s = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch([x, s])
    y = x * s
out = t.batch_jacobian(y, s)"""),
    ("batch_jacobian_batch_mismatch", """
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(x, axis=0, keepdims=True)
out = t.batch_jacobian(y, x)"""),
    ("none_target_error", """
v = tf.Variable(1.0)
with tf.GradientTape() as t:
    y = v * 2.0
out = t.gradient(None, v)"""),
    ("watch_python_float_error", """
with tf.GradientTape() as t:
    t.watch(1.0)
out = 1"""),
    ("custom_gradient_basic", """
@tf.custom_gradient
def f(a):
    def grad(dy):
        return dy * 100.0
    return a * 2.0, grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = f(x)
out = [y, t.gradient(y, x)]"""),
    ("custom_gradient_log1pexp", """
@tf.custom_gradient
def log1pexp(a):
    e = tf.exp(a)
    def grad(dy):
        return dy * (1.0 - 1.0 / (1.0 + e))
    return tf.math.log(1.0 + e), grad
x = tf.constant([0.0, 10.0, 50.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = log1pexp(x)
out = t.gradient(y, x)""", {"rtol": 1e-6}),
    ("custom_gradient_clip_identity", """
@tf.custom_gradient
def clip_grad(a):
    def grad(dy):
        return tf.clip_by_value(dy, -0.5, 0.5)
    return a, grad
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = tf.reduce_sum(clip_grad(v) * tf.constant([3.0, 0.1]))
out = t.gradient(y, v)"""),
    ("custom_gradient_two_inputs", """
@tf.custom_gradient
def f(a, b):
    def grad(dy):
        return dy * 1.0, dy * 2.0
    return a * b, grad
x = tf.constant(3.0)
z = tf.constant(4.0)
with tf.GradientTape() as t:
    t.watch([x, z])
    y = f(x, z)
out = t.gradient(y, [x, z])"""),
    ("custom_gradient_wrong_count", """
@tf.custom_gradient
def f(a, b):
    def grad(dy):
        return dy * 1.0
    return a * b, grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = f(x, 3.0)
out = t.gradient(y, x)"""),
    ("custom_gradient_multi_output", """
@tf.custom_gradient
def f(a):
    def grad(dy1, dy2):
        return dy1 + 10.0 * dy2
    return (a * 2.0, a * 3.0), grad
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = f(x)
out = [y, t.gradient(y, x), t.gradient(y[0], x)]"""),
    ("custom_gradient_variables", """
v = tf.Variable(2.0)
@tf.custom_gradient
def f(a):
    def grad(dy, variables=None):
        return dy * 100.0, [dy * 7.0 for _ in variables]
    return a * v, grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = f(x)
out = [y, t.gradient(y, [x, v])]"""),
    ("custom_gradient_variables_missing_kw", """
v = tf.Variable(2.0)
@tf.custom_gradient
def f(a):
    def grad(dy):
        return dy
    return a * v, grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    out = f(x)"""),
    ("custom_gradient_second_order", """
@tf.custom_gradient
def cube(a):
    def grad(dy):
        return dy * 3.0 * a * a
    return a * a * a, grad
x = tf.constant(3.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = cube(x)
    dy = t1.gradient(y, x)
out = [dy, t2.gradient(dy, x)]"""),
    ("grad_pass_through", """
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.grad_pass_through(lambda a: tf.round(a * a))(x)
out = [y, t.gradient(y, x)]"""),
    ("recompute_grad", """
w = tf.Variable([[0.1, 0.2], [0.3, 0.4]])
x = tf.constant([[1.0, 1.0]])
with tf.GradientTape() as t:
    y = tf.recompute_grad(lambda a: tf.tanh(tf.matmul(a, w)))(x)
    loss = tf.reduce_sum(y)
out = t.gradient(loss, w)""", {"rtol": 1e-5}),
    ("tf_gradients_eager_error", "tf.gradients(tf.constant(1.0), tf.constant(1.0))"),
    ("unconnected_gradients_enum_value", "[tf.UnconnectedGradients.NONE.value, tf.UnconnectedGradients.ZERO.value]"),
]
