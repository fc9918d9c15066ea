"""tf.Module (tfkeras_shim/module.py): attribute walking order, de-duplication, names, and the
tutorial pattern of a Module trained with GradientTape (keras optimizer or assign_sub)."""
_DENSE = """
class Dense(tf.Module):
    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.reshape(tf.range(in_features * out_features, dtype=tf.float32) / 10.,
                                        [in_features, out_features]), name='w')
        self.b = tf.Variable(tf.zeros([out_features]), name='b')
    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)
class MLP(tf.Module):
    def __init__(self, sizes, name=None):
        super().__init__(name=name)
        self.layers = []
        with self.name_scope:
            for a, b in zip(sizes[:-1], sizes[1:]):
                self.layers.append(Dense(a, b))
    @tf.Module.with_name_scope
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
"""

CASES = [
    ("names", """
class CamelCaseHTTPModule(tf.Module):
    pass
class myModel3Layer(tf.Module):
    pass
out = [tf.Module().name, tf.Module(name='abc').name, CamelCaseHTTPModule().name,
       myModel3Layer().name, tf.Module(name='_x1').name, tf.Module(name='dup').name_scope.name]"""),
    ("bad_name", "tf.Module(name='a b')"),
    ("bad_name_slash", "tf.Module(name='a/b')"),
    ("name_read_only", """
m = tf.Module()
m.name = 'x'
out = m.name"""),
    ("not_callable", "tf.Module()(1)"),
    ("variables_order", _DENSE + """
class Plain(tf.Module):  # sub-modules made outside the name scope (variable names unscoped)
    def __init__(self, sizes, name=None):
        super().__init__(name=name)
        self.layers = [Dense(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
m = Plain([2, 3, 1], name='mlp')
m.extra = {'b': tf.Variable(1.0, name='zb'), 'a': tf.Variable(2.0, trainable=False, name='za')}
m.t = (tf.Variable(3, name='t0'),)
out = [[v.name for v in m.variables], [v.name for v in m.trainable_variables],
       [v.name for v in m.non_trainable_variables], [s.name for s in m.submodules],
       m.name_scope.name, [s.name_scope.name for s in m.submodules], len(m.variables)]"""),
    ("scoped_submodule_names", _DENSE + """
m = MLP([2, 3, 1])
with m.name_scope as scope:
    inside = tf.get_current_name_scope()
out = [m.name_scope.name, [s.name_scope.name for s in m.submodules], [s.name for s in m.submodules],
       scope, inside, tf.get_current_name_scope()]"""),
    ("flatten_with_path", _DENSE + """
m = MLP([2, 3, 1])
m.c = tf.constant(1.5)
out = [list(p) for p, _ in m._flatten(with_path=True, predicate=lambda v: isinstance(v, tf.Variable))] + [
       [list(p) for p, _ in m._flatten(with_path=True, recursive=False, predicate=lambda v: isinstance(v, tf.Variable))],
       list(m._flatten(predicate=tf.is_tensor, recursive=False))]"""),
    ("nests_namedtuple_ordereddict", """
import collections
NT = collections.namedtuple('NT', ['b', 'a'])
m = tf.Module()
m.nt = NT(tf.Variable(1., name='nb'), tf.Variable(2., name='na'))
m.od = collections.OrderedDict([('z', tf.Variable(3., name='oz')), ('y', tf.Variable(4., name='oy'))])
m.nested = [{'q': [tf.Variable(5., name='q0')]}, (tf.Variable(6., name='t1'),)]
out = [[v.name for v in m.variables],
       [list(p) for p, _ in m._flatten(with_path=True, predicate=lambda v: isinstance(v, tf.Variable))]]"""),
    ("dedup_and_cycles", """
a = tf.Module(name='a'); b = tf.Module(name='b'); w = tf.Variable(1.0, name='w')
a.b = b; b.a = a; a.w = w; b.w = w; a.w2 = w
out = [[v.name for v in a.variables], [s.name for s in a.submodules], [s.name for s in b.submodules],
       [list(p) for p, _ in a._flatten(with_path=True, predicate=lambda v: isinstance(v, tf.Variable))]]"""),
    ("private_and_deleted", """
m = tf.Module()
m._p = tf.Variable(1.0, name='p')
m.gone = tf.Variable(2.0, name='gone')
del m.gone
m.later = []
m.later.append(tf.Variable(3.0, name='appended'))
out = [v.name for v in m.variables]"""),
    ("unsortable_keys", """
m = tf.Module()
m.d = {1: tf.Variable(1.), 'a': tf.Variable(2.)}
out = m.variables"""),
    ("no_super_init", """
class NoInit(tf.Module):
    def __init__(self):
        self.w = tf.Variable(1.0)
out = [v.numpy() for v in NoInit().variables]"""),
    ("with_name_scope_lazy_variable", """
class MyModule(tf.Module):
    @tf.Module.with_name_scope
    def __call__(self, x):
        if not hasattr(self, 'w'):
            self.w = tf.Variable(tf.ones([x.shape[1], 3]))
        return tf.matmul(x, self.w)
mod = MyModule()
out = [mod(tf.ones([1, 2])), len(mod.variables), MyModule.__call__.__name__]"""),
    ("call_value", _DENSE + """
m = MLP([2, 3, 2])
out = m(tf.constant([[1.0, 2.0], [-1.0, 0.5]]))"""),
    ("train_gradient_tape_assign_sub", """
class Model(tf.Module):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = tf.Variable(5.0)
        self.b = tf.Variable(0.0)
    def __call__(self, x):
        return self.w * x + self.b
model = Model()
x = tf.constant([0., 1., 2., 3., 4.])
y = 3. * x + 2.
losses = []
for epoch in range(10):
    with tf.GradientTape() as t:
        loss = tf.reduce_mean(tf.square(y - model(x)))
    dw, db = t.gradient(loss, [model.w, model.b])
    model.w.assign_sub(0.1 * dw)
    model.b.assign_sub(0.1 * db)
    losses.append(loss)
out = [losses, model.w, model.b]""", {"rtol": 1e-5}),
    ("train_keras_optimizer", _DENSE + """
m = MLP([2, 3, 1])
opt = tf.keras.optimizers.Adam(0.05)
x = tf.constant([[1., 2.], [3., 4.], [-1., 0.5]])
y = tf.constant([[1.], [0.], [2.]])
for _ in range(5):
    with tf.GradientTape() as t:
        loss = tf.reduce_mean((m(x) - y) ** 2)
    grads = t.gradient(loss, m.trainable_variables)
    opt.apply_gradients(zip(grads, m.trainable_variables))
out = [loss] + list(m.trainable_variables)""", {"rtol": 1e-5}),
    ("tape_watch_trainable", _DENSE + """
m = Dense(2, 2)
x = tf.constant([[1., 2.]])
with tf.GradientTape(watch_accessed_variables=False) as t:
    t.watch(m.trainable_variables)
    y = tf.reduce_sum(m(x) ** 2)
out = t.gradient(y, m.trainable_variables)"""),
    ("tf_function_method", """
class Adder(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = tf.Variable(1.0)
    @tf.function
    def __call__(self, x):
        self.v.assign_add(x)
        return self.v * 2.
a = Adder()
out = [a(tf.constant(2.)), a(tf.constant(3.)), a.v]"""),
    ("keras_layer_not_a_module", """
m = tf.Module()
m.k = tf.keras.layers.Dense(3)
m.k.build((None, 2))
m.own = tf.Variable(1.0, name='own')
out = [isinstance(m.k, tf.Module), [v.name for v in m.variables], len(m.submodules)]"""),
    ("checkpoint_roundtrip", _DENSE + """
import tempfile, os
m = MLP([2, 3, 1])
m.extra = [tf.Variable(7.0)]
d = tempfile.mkdtemp()
path = tf.train.Checkpoint(model=m).save(os.path.join(d, 'ckpt'))
m2 = MLP([2, 3, 1])
m2.extra = [tf.Variable(0.0)]
for v in m2.trainable_variables:
    v.assign(tf.zeros_like(v))
status = tf.train.Checkpoint(model=m2).restore(path)
status.assert_consumed()
out = [os.path.basename(path)] + [v for v in m2.variables]"""),
]
