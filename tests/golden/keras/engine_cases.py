"""Keras-engine golden cases: code run unchanged by real tf.keras (tools/gen_keras_golden.py, by
hand) and by the shim (tests/keras/test_engine_golden.py).

Each case is (id, code, options). `code` is statements using `tf`, `keras`, `layers`, `np` and the
helpers below; it sets `out` (numbers, strings, lists, dicts, numpy arrays). Every case starts
after `keras.backend.clear_session()`. Options: rtol/atol; "stdout": compare printed text exactly;
"msg": compare error messages exactly.
"""
import numpy as np


def rnd(*shape, seed=0):
    """Deterministic float32 test data (the same on both sides)."""
    return np.random.RandomState(seed).standard_normal(shape).astype("float32")


def set_rand_weights(model, seed=0):
    model.set_weights([rnd(*w.shape, seed=seed + i) * 0.5 for i, w in enumerate(model.get_weights())])


def winfo(obj):
    return [[w.name, w.path, list(w.shape), bool(w.trainable)] for w in obj.weights]


HELPERS = {"rnd": rnd, "set_rand_weights": set_rand_weights, "winfo": winfo}

CASES = [
    # -- backend and naming -------------------------------------------------------------------
    ("backend_settings", """
out = [keras.backend.floatx(), keras.backend.epsilon(), keras.backend.image_data_format(),
       keras.backend.get_uid('foo'), keras.backend.get_uid('foo'), keras.backend.get_uid('dense')]
""", {}),
    ("naming_layers", """
names = [layers.Dense(1).name, layers.Dense(1).name, layers.Dense(1, name='custom').name,
         layers.Dense(1).name, layers.Activation('relu').name, layers.Dropout(0.5).name,
         layers.Lambda(lambda x: x).name, layers.Identity().name, layers.Concatenate().name,
         layers.Add().name, layers.InputLayer(shape=(3,)).name]
class MyLayer(layers.Layer):
    def call(self, x):
        return x
class MyBlock(keras.Model):
    def call(self, x):
        return x
names += [MyLayer().name, MyLayer().name, MyBlock().name]
names += [keras.Sequential().name, keras.Sequential().name]
x1 = keras.Input((3,)); x2 = keras.Input((3,), name='given')
names += [x1.name, x2.name, x1._keras_history[0].name, x2._keras_history[0].name]
y = layers.Dense(2)(x1)
names += [y.name, keras.Model(x1, y).name]
keras.backend.clear_session()
names += [layers.Dense(1).name]
out = names
""", {}),
    ("naming_sequential_consumes_functional", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
x = keras.Input((2,)); f = keras.Model(x, layers.Dense(1)(x))
out = [m.name, f.name, [l.name for l in m.layers], [l.name for l in f.layers]]
""", {}),
    # -- Dense ----------------------------------------------------------------------------------
    ("dense_build_weights", """
d = layers.Dense(3)
before = [d.get_weights(), d.built, d.weights]
d.build((None, 4))
out = {"before": [len(before[0]), before[1], len(before[2])], "built": d.built, "winfo": winfo(d),
       "kernel_dtype": str(d.kernel.dtype), "count": d.count_params(), "dtype": d.dtype,
       "spec": repr(d.input_spec), "repr": repr(d), "trainable_n": len(d.trainable_weights),
       "bias_init_zero": d.bias.numpy().tolist()}
""", {}),
    ("dense_variable_repr", """
d = layers.Dense(2, name='d')
d.build((None, 3))
d.set_weights([np.arange(6, dtype='float32').reshape(3, 2) / 4, np.array([0.5, -1.0], 'float32')])
out = [repr(d.kernel), repr(d.bias), str(d.kernel), d.kernel.name, d.kernel.path, repr(d.weights)]
""", {}),
    ("dense_values_2d", """
d = layers.Dense(4, activation='relu')
d.build((None, 3)); set_rand_weights(d)
x = rnd(5, 3, seed=7)
y = d(x)
out = [y, d(tf.constant(x)), list(y.shape)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("dense_values_3d", """
d = layers.Dense(2, activation='tanh')
x = rnd(2, 3, 4, seed=3)
y = d(x); set_rand_weights(d)
out = [d(x), d.kernel.shape.as_list() if hasattr(d.kernel.shape, 'as_list') else list(d.kernel.shape)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("dense_sigmoid_softmax_nobias", """
a = layers.Dense(3, activation='sigmoid'); b = layers.Dense(3, activation='softmax', use_bias=False)
x = rnd(4, 2, seed=1)
a.build((None, 2)); b.build((None, 2)); set_rand_weights(a, 3); set_rand_weights(b, 5)
out = [a(x), b(x), len(b.weights), b.bias is None]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("dense_input_dtypes", """
d = layers.Dense(2, kernel_initializer='ones')
out = [d(np.ones((1, 3))), d(np.ones((1, 3), dtype='int32')), d(tf.constant([[1, 2, 3]])),
       d(np.ones((1, 3), dtype='float64')).dtype.name]
""", {}),
    ("dense_float64_layer", """
d = layers.Dense(2, dtype='float64', kernel_initializer='ones')
y = d(np.ones((1, 3), dtype='float32'))
out = [y, d.dtype, str(d.kernel.dtype), d.compute_dtype]
""", {}),
    ("dense_get_config", """
c = layers.Dense(3, activation='relu', name='dd', use_bias=False).get_config()
out = {k: c[k] for k in ['name', 'trainable', 'units', 'activation', 'use_bias', 'kernel_regularizer']}
out['keys'] = sorted(c)
out['init'] = c['kernel_initializer']['class_name']
out['dtype'] = c['dtype']['config']['name']
""", {}),
    ("dense_from_config", """
d = layers.Dense(3, activation='relu', name='dd')
e = layers.Dense.from_config(d.get_config())
out = [e.name, e.units, e.activation.__name__, e.use_bias]
""", {}),
    ("dense_units_error", "out = layers.Dense(units=-1)", {"msg": True}),
    ("dense_units_zero", "out = layers.Dense(0)", {"msg": True}),
    ("dense_activation_error", "out = layers.Dense(2, activation='nope')", {"msg": True}),
    ("dense_wrong_last_dim", """
d = layers.Dense(2); d(np.ones((1, 3)))
out = d(np.ones((1, 5)))
""", {"msg": True}),
    ("dense_scalar_input", """
d = layers.Dense(2)
out = d(np.ones((3,)))
""", {"msg": True}),
    ("count_params_unbuilt", "out = layers.Dense(3).count_params()", {"msg": True}),
    ("set_weights_layer_shape", """
d = layers.Dense(2); d.build((None, 3))
before = d.get_weights()
try:
    d.set_weights([np.ones((4, 2)), np.ones((2,))])
    err = None
except ValueError as e:
    err = str(e)
after = d.get_weights()
out = [err, bool(np.all(before[0] == after[0]))]
""", {}),
    ("set_weights_layer_count", """
d = layers.Dense(2); d.build((None, 3))
out = d.set_weights([np.ones((3, 2))])
""", {"msg": True}),
    ("set_weights_model", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
errs = []
for ws in ([np.ones((4, 2)), np.ones((2,))], [np.ones((3, 2))]):
    try:
        m.set_weights(ws)
    except ValueError as e:
        errs.append(str(e))
m.set_weights([np.full((3, 2), 2), np.array([1, 2])])
out = [errs, m.get_weights(), [w.dtype.name for w in m.get_weights()]]
""", {}),
    # -- custom layers --------------------------------------------------------------------------
    ("custom_linear_init_weights", """
class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)
    def call(self, inputs, **kwargs):
        return tf.matmul(inputs, self.w) + self.b
l = Linear(4, 2)
info = [winfo(l), l.built, l.name]
l.set_weights([rnd(2, 4), rnd(4, seed=1)])
y = l(rnd(3, 2, seed=2))
out = [info, y, l.built, [w.shape for w in l.get_weights()]]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("custom_linear_build", """
class Linear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units
    def build(self, input_shape):
        self.seen = [int(input_shape[-1]), len(input_shape)]
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True, name='b')
    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b
l = Linear(3)
before = [l.built, l.get_weights()]
l(np.ones((2, 5), 'float32'))
out = [before, l.built, l.seen, winfo(l), l.count_params()]
""", {}),
    ("custom_weight_order", """
class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.inner = layers.Dense(2, name='inner')
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(2,), initializer='ones', name='scale')
        self.stat = self.add_weight(shape=(2,), initializer='zeros', name='stat', trainable=False)
        self.offset = self.add_weight(shape=(2,), initializer='zeros', name='offset')
    def call(self, x):
        return self.inner(x) * self.scale + self.offset
b = Block(); b(np.ones((1, 3)))
out = [winfo(b), [w.name for w in b.trainable_weights], [w.name for w in b.non_trainable_weights],
       [w.name for w in b.variables], [l.name for l in b._flatten_layers()]]
""", {}),
    ("list_dict_tracking", """
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(3, name='a'), layers.Dense(3, name='b')]
        self.heads = {'x': layers.Dense(1, name='hx'), 'y': layers.Dense(2, name='hy')}
        self.blocks.append(layers.Dense(3, name='c'))
    def call(self, x):
        for b in self.blocks:
            x = b(x)
        return self.heads['x'](x), self.heads['y'](x)
m = M(); r = m(np.ones((2, 4)))
out = [[w.path for w in m.weights], [l.name for l in m.layers], [list(t.shape) for t in r]]
""", {}),
    ("trainable_freeze", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(2, name='a'), layers.Dense(1, name='b')])
m.layers[0].trainable = False
r1 = [len(m.trainable_weights), len(m.non_trainable_weights), [w.path for w in m.non_trainable_weights],
      m.layers[0].kernel.trainable]
m.trainable = False
r2 = [len(m.trainable_weights), len(m.non_trainable_weights), m.layers[1].trainable]
m.trainable = True
r3 = [len(m.trainable_weights), m.layers[0].trainable, m.layers[0].kernel.trainable]
d = layers.Dense(2, trainable=False); d.build((None, 3))
r4 = [d.kernel.trainable, len(d.trainable_weights)]
d.trainable = True
r4 += [d.kernel.trainable, len(d.trainable_weights)]
out = [r1, r2, r3, r4]
""", {}),
    ("training_resolution", """
seen = []
class P(layers.Layer):
    def call(self, x, training=None):
        seen.append((self.name, training)); return x
class D(layers.Layer):
    def call(self, x, training=True):
        seen.append((self.name, training)); return x
class M(keras.Model):
    def __init__(self):
        super().__init__(); self.p1 = P(name='p1'); self.p2 = P(name='p2'); self.d = D(name='d')
    def call(self, x, training=None):
        seen.append(('m', training))
        x = self.p1(x)
        x = self.d(x)
        return self.p2(x)
m = M(); m(np.ones((1, 2))); del seen[:]
m(np.ones((1, 2))); m(np.ones((1, 2)), training=True); m(np.ones((1, 2)), training=False)
P(name='alone')(np.ones((1, 2))); D(name='dalone')(np.ones((1, 2))); P(name='expl')(np.ones((1, 2)), training=True)
out = [list(s) for s in seen]
""", {}),
    ("dropout_training", """
d = layers.Dropout(0.5)
x = np.ones((4, 10), 'float32')
y0 = d(x); y1 = d(x, training=True); y2 = d(x, training=False)
vals = sorted(set(np.round(np.asarray(y1).ravel(), 4).tolist()))
out = [y0, y2, vals, d.built, [v.path for v in d.variables], d.weights, str(d.variables[0].dtype)]
""", {}),
    ("dropout_rate_error", "out = layers.Dropout(1.5)", {"msg": True}),
    ("activity_and_weight_regularizers", """
d = layers.Dense(2, kernel_regularizer=keras.regularizers.l2(0.1), bias_regularizer='l1',
                 activity_regularizer=keras.regularizers.l2(0.01))
d.build((None, 3)); set_rand_weights(d)
y = d(rnd(4, 3, seed=2))
l1 = [float(v) for v in d.losses]
y = d(rnd(4, 3, seed=3))
out = [l1, [float(v) for v in d.losses], len(d.losses)]
""", {"rtol": 1e-5}),
    ("add_loss_custom", """
class L(layers.Layer):
    def call(self, x):
        self.add_loss(tf.reduce_sum(x))
        return x * 2.0
class M(keras.Model):
    def __init__(self):
        super().__init__(); self.l = L()
    def call(self, x):
        return self.l(x) + 1.0
m = M(); m(np.ones((2, 2), 'float32'))
a = [float(v) for v in m.losses]
m(np.ones((2, 2), 'float32') * 3)
out = [a, [float(v) for v in m.losses]]
""", {}),
    # -- masks ----------------------------------------------------------------------------------
    ("mask_propagation", """
rec = {}
class Consumer(layers.Layer):
    def call(self, x, mask=None):
        if isinstance(mask, keras.KerasTensor):
            rec['symbolic'] = list(mask.shape)
        else:
            rec['mask'] = None if mask is None else np.asarray(mask).tolist()
        return x
    def compute_output_shape(self, s):
        return s
x = np.array([[[1., 2.], [0., 0.], [3., 4.]]], 'float32')
inp = keras.Input((3, 2))
h = layers.Masking(mask_value=0.0)(inp)
h = layers.Dense(2, kernel_initializer='ones')(h)
h = Consumer()(h)
m = keras.Model(inp, h)
y = m(x)
seq = keras.Sequential([layers.Masking(), layers.Dense(2, kernel_initializer='ones'), Consumer()])
seq(x)
out = [rec['mask'], rec.get('symbolic'), np.asarray(getattr(y, '_keras_mask')).tolist(), y]
""", {}),
    ("masking_layer", """
x = np.array([[[1., 2.], [0., 0.], [3., 0.]]], 'float32')
m = layers.Masking(mask_value=0.0)
y = m(x)
out = [y, np.asarray(y._keras_mask).tolist(), m.compute_mask(x).numpy().tolist()]
""", {}),
    # -- Sequential -----------------------------------------------------------------------------
    ("sequential_input", """
m = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2, activation='relu', name='layer1'),
                      layers.Dense(3, activation='relu', name='layer2'), layers.Dense(4, name='layer3')])
set_rand_weights(m)
y = m(rnd(2, 3, seed=9))
out = [y, m.built, [l.name for l in m.layers], [w.path for w in m.weights], m.count_params(),
       list(m.input_shape), list(m.output_shape), m.inputs[0].name]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("sequential_input_shape_arg", """
m = keras.Sequential([layers.Dense(3, input_shape=(4,)), layers.Dense(2)])
out = [m.built, [l.name for l in m.layers], [type(l).__name__ for l in m._layers], len(m.weights),
       [w.path for w in m.weights]]
""", {}),
    ("sequential_deferred", """
m = keras.Sequential([layers.Dense(3), layers.Dense(2)])
b = [m.built, len(m.weights)]
set_w = None
y = m(np.ones((5, 4)))
out = [b, m.built, len(m.weights), list(y.shape), [w.path for w in m.weights], m._layers[0].batch_shape]
""", {}),
    ("sequential_add_pop", """
m = keras.Sequential()
m.add(keras.Input((4,)))
m.add(layers.Dense(3))
r1 = [m.built, len(m.weights)]
m.add(layers.Dense(2, name='last'))
r2 = [len(m.weights), list(m.output_shape)]
p = m.pop()
out = [r1, r2, p.name, [l.name for l in m.layers], list(m.output_shape), len(m.weights)]
""", {}),
    ("sequential_build_method", """
m = keras.Sequential([layers.Dense(3), layers.Dense(2)])
m.build((None, 6))
out = [m.built, len(m.weights), list(m.output_shape), m.count_params()]
""", {}),
    ("sequential_duplicate_name", """
out = keras.Sequential([layers.Dense(2, name='x'), layers.Dense(3, name='x')])
""", {"msg": True}),
    ("sequential_not_layer", "out = keras.Sequential([3])", {"msg": True}),
    ("sequential_wrong_dim_call", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
out = m(np.ones((1, 5), 'float32'))
""", {"msg": True}),
    # -- Functional ---------------------------------------------------------------------------
    ("functional_branches", """
inp = keras.Input((8,), name='features')
a = layers.Dense(4)(inp); b = layers.Dense(4)(inp)
c = layers.Concatenate()([a, b])
o = layers.Dense(1, name='out')(c)
m = keras.Model(inp, o)
set_rand_weights(m)
y = m(rnd(3, 8, seed=4))
out = [y, m.name, [l.name for l in m.layers], [w.path for w in m.weights], list(o.shape), str(o.dtype),
       repr(inp), [t.name for t in m.inputs], [t.name for t in m.outputs]]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("functional_multi_io_list", """
i1 = keras.Input((3,), name='a'); i2 = keras.Input((2,), name='b')
h = layers.Concatenate()([i1, i2])
o1 = layers.Dense(1, name='o1')(h); o2 = layers.Dense(2, name='o2')(h)
m = keras.Model([i1, i2], [o1, o2])
set_rand_weights(m)
r = m([rnd(4, 3, seed=1), rnd(4, 2, seed=2)])
r2 = m({'a': rnd(4, 3, seed=1), 'b': rnd(4, 2, seed=2)})
out = [isinstance(r, list), r[0], r[1], r2[0], [l.name for l in m.layers], len(m.inputs), len(m.outputs)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("functional_dict_io", """
i1 = keras.Input((3,), name='a'); i2 = keras.Input((2,), name='b')
h = layers.Concatenate()([i1, i2])
m = keras.Model({'x': i1, 'y': i2}, {'p': layers.Dense(1, name='p')(h), 'q': layers.Dense(2, name='q')(h)})
set_rand_weights(m)
r = m({'x': rnd(2, 3, seed=1), 'y': rnd(2, 2, seed=2)})
out = [sorted(r), r['p'], r['q']]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("functional_single_list_output", """
x = keras.Input((3,)); y = layers.Dense(2)(x)
m = keras.Model([x], [y])
r = m(np.ones((1, 3)))
out = [isinstance(r, (list, tuple)), len(m.inputs), len(m.outputs)]
""", {}),
    ("functional_shared_nested", """
shared = layers.Dense(3, name='shared')
i1 = keras.Input((4,), name='i1'); i2 = keras.Input((4,), name='i2')
s = layers.Add()([shared(i1), shared(i2)])
inner = keras.Sequential([layers.Dense(2, name='in_a'), layers.Dense(1, name='in_b')], name='inner')
o = inner(s)
m = keras.Model([i1, i2], o, name='outer')
set_rand_weights(m)
y = m([rnd(2, 4, seed=1), rnd(2, 4, seed=2)])
out = [y, [l.name for l in m.layers], [w.path for w in m.weights], len(shared._inbound_nodes),
       list(inner.output_shape), inner.built]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("functional_call_on_new_tensors", """
x = keras.Input((3,)); y = layers.Dense(2, name='d1')(x)
base = keras.Model(x, y, name='base')
set_rand_weights(base)
z = keras.Input((3,)); w = layers.Dense(1, name='d2')(base(z))
top = keras.Model(z, w, name='top')
set_rand_weights(top, 10)
out = [top(rnd(2, 3, seed=5)), [l.name for l in top.layers], list(w.shape), len(top.weights)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("functional_disconnected", """
a = keras.Input((3,)); b = keras.Input((3,))
out = keras.Model(a, layers.Dense(2)(b))
""", {"msg": True}),
    ("functional_disconnected_list", """
a = keras.Input((3,)); b = keras.Input((3,))
out = keras.Model(a, [layers.Dense(2)(a), layers.Dense(2)(b)])
""", {"msg": True}),
    ("functional_ops_on_tensors", """
x = keras.Input((3,))
y = layers.Dense(3, kernel_initializer='ones')(x)
z = y * 2.0 + 1.0
m = keras.Model(x, z)
out = [m(np.ones((1, 3))), list(z.shape), [type(l).__name__ for l in m.layers]]
""", {}),
    ("functional_wrong_shape_call", """
x = keras.Input((3,)); m = keras.Model(x, layers.Dense(2)(x))
out = m(np.ones((2, 4)))
""", {"msg": True}),
    ("tf_fn_on_keras_tensor", """
x = keras.Input((3,))
out = tf.matmul(x, tf.ones((3, 2)))
""", {"msg": True}),
    ("get_layer", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(2, name='L1'), layers.Dense(1, name='L2')])
errs = []
for kw in [dict(name='nope'), dict(index=5), dict(), dict(name='L1', index=0)]:
    try:
        m.get_layer(**kw)
    except ValueError as e:
        errs.append(str(e))
out = [m.get_layer('L1').name, m.get_layer(index=1).name, errs]
""", {}),
    ("input_errors", """
errs = []
for f in [lambda: keras.Input(3), lambda: keras.Input(shape=(3,), batch_size=4)]:
    try:
        errs.append(repr(f()))
    except ValueError as e:
        errs.append('ValueError: ' + str(e))
x = keras.Input((None, 5), dtype='int32', name='seq')
out = [errs, repr(x), list(x.shape), str(x.dtype), x.ndim if hasattr(x, 'ndim') else len(x.shape)]
""", {}),
    ("layer_input_output", """
x = keras.Input((3,)); d = layers.Dense(2); y = d(x)
out = [d.input.name == x.name, d.output.name == y.name, list(d.input.shape), list(d.output.shape)]
""", {}),
    ("compute_output_shape", """
out = [list(layers.Dense(4).compute_output_shape((None, 3))), list(layers.Dense(4).compute_output_shape((2, 5, 3))),
       list(layers.Concatenate(axis=1).compute_output_shape([(None, 2, 3), (None, 4, 3)]))]
""", {}),
    ("compute_output_shape_missing", """
class L(layers.Layer):
    def call(self, x):
        return x
out = L().compute_output_shape((2, 3))
""", {"msg": True}),
    # -- subclassed models ------------------------------------------------------------------------
    ("subclass_linear_seed", """
X = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
class Linear(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(units=1, activation=None,
            kernel_initializer=tf.zeros_initializer(), bias_initializer=tf.zeros_initializer())
    def call(self, input):
        output = self.dense(input)
        return output
model = Linear()
y = model(X)
out = [y, repr(model.variables), [v.path for v in model.variables], model.name, [l.name for l in model.layers]]
""", {"stdout": False}),
    ("subclass_summary", """
class M(keras.Model):
    def __init__(self):
        super().__init__(); self.d1 = layers.Dense(4); self.d2 = layers.Dense(1)
    def call(self, x):
        return self.d2(self.d1(x))
class Lin2(layers.Layer):
    def build(self, s):
        self.w = self.add_weight(shape=(s[-1], 3))
    def call(self, x):
        return tf.matmul(x, self.w)
class N(keras.Model):
    def __init__(self):
        super().__init__(); self.a = Lin2(); self.b = layers.Dense(2)
    def call(self, x):
        return self.b(self.a(x))
m = M(); m(np.ones((2, 3)))
m.summary()
n = N(); n.summary(); n(np.ones((2, 5))); n.summary()
out = None
""", {"stdout": True}),
    ("functional_subclassing", """
class F(keras.Model):
    def __init__(self):
        x = keras.Input((3,))
        y = layers.Dense(2, name='fd')(x)
        super().__init__(inputs=x, outputs=y)
m = F()
set_rand_weights(m)
out = [m.name, [l.name for l in m.layers], m(rnd(1, 3)), isinstance(m, keras.Model)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    # -- summaries --------------------------------------------------------------------------------
    ("summary_sequential_reference", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dropout(0.1), layers.Dense(1)])
m.summary()
keras.Sequential([layers.Dense(2)]).summary()
out = None
""", {"stdout": True}),
    ("summary_functional_reference", """
inp = keras.Input((8,), name='features')
a = layers.Dense(4)(inp); b = layers.Dense(4)(inp)
c = layers.Concatenate()([a, b]); o = layers.Dense(1, name='out')(c)
m = keras.Model(inp, o)
m.summary()
x = keras.Input((3,)); y = layers.Dense(5)(layers.Dense(4)(x))
keras.Model(x, y).summary()
out = None
""", {"stdout": True}),
    ("summary_options", """
inp = keras.Input((8,), name='a_rather_long_input_layer_name_that_wraps')
h = layers.Dense(300, name='hidden_layer_with_a_long_name')(inp)
h2 = layers.Dense(2000)(h)
m = keras.Model(inp, layers.Dense(3)(h2))
m.layers[1].trainable = False
m.summary(show_trainable=True)
m.summary(line_length=100)
m.summary(line_length=60, positions=[0.5, 0.8, 1.0])
lines = []
m.summary(print_fn=lambda s: lines.append(s))
print(len(lines))
print(repr(lines[0][-40:]))
out = None
""", {"stdout": True}),
    ("summary_nested_shared", """
shared = layers.Dense(3, name='shared')
i1 = keras.Input((4,), name='i1'); i2 = keras.Input((4,), name='i2')
s = layers.Add()([shared(i1), shared(i2)])
inner = keras.Sequential([layers.Dense(2, name='in_a'), layers.Dense(1, name='in_b')], name='inner')
m = keras.Model([i1, i2], inner(s), name='outer')
m.summary()
m.summary(expand_nested=True)
out = None
""", {"stdout": True}),
    # -- merging --------------------------------------------------------------------------------
    ("merging_values", """
a = rnd(2, 3, seed=1); b = rnd(2, 3, seed=2); c = rnd(2, 3, seed=3)
out = [layers.Add()([a, b, c]), layers.Subtract()([a, b]), layers.Multiply()([a, b]),
       layers.Average()([a, b, c]), layers.Maximum()([a, b]), layers.Minimum()([a, b]),
       layers.Concatenate()([a, b]), layers.Concatenate(axis=0)([a, b]),
       layers.add([a, b]), layers.concatenate([a, c], axis=1),
       layers.Dot(axes=1)([a, b]), layers.Dot(axes=1, normalize=True)([a, b]),
       layers.Dot(axes=(2, 2))([rnd(2, 4, 3, seed=4), rnd(2, 5, 3, seed=5)]),
       layers.Dot(axes=(1, 1))([rnd(2, 4, 3, seed=4), rnd(2, 4, 5, seed=5)]),
       layers.Add()([rnd(2, 3, 4, seed=6), rnd(2, 4, seed=7)])]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("merging_symbolic", """
a = keras.Input((3,)); b = keras.Input((3,)); s = keras.Input((2, 3))
out = [list(layers.Add()([a, b]).shape), list(layers.Concatenate()([a, b]).shape),
       list(layers.Dot(axes=1)([a, b]).shape), list(layers.Concatenate(axis=1)([s, s]).shape),
       list(layers.Multiply()([s, a]).shape)]
""", {}),
    ("merging_errors", """
errs = []
for f in [lambda: layers.Subtract()([np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 2))]),
          lambda: layers.Add()(np.ones((1, 2))),
          lambda: layers.Concatenate()([np.ones((1, 2, 3)), np.ones((1, 3, 3))])]:
    try:
        f(); errs.append(None)
    except Exception as e:
        errs.append(type(e).__name__)
out = errs
""", {}),
    ("concatenate_masks", """
x1 = np.array([[[1., 1.], [0., 0.]]], 'float32'); x2 = np.array([[[2., 2.], [3., 3.]]], 'float32')
i1 = keras.Input((2, 2)); i2 = keras.Input((2, 2))
m1 = layers.Masking()(i1); m2 = layers.Masking()(i2)
c = layers.Concatenate(axis=1)([m1, m2]); a = layers.Add()([m1, m2])
m = keras.Model([i1, i2], [c, a])
rc, ra = m([x1, x2])
out = [rc, np.asarray(rc._keras_mask).tolist(), np.asarray(ra._keras_mask).tolist()]
""", {}),
    # -- core layers ------------------------------------------------------------------------------
    ("activation_identity_lambda", """
x = rnd(2, 3, seed=1)
out = [layers.Activation('relu')(x), layers.Activation(tf.nn.tanh)(x), layers.Identity()(x),
       layers.Lambda(lambda t: t * 2.0 + 1.0)(x), layers.Activation('softmax')(x),
       layers.Activation('relu').built, layers.Lambda(lambda t: t).built, layers.Identity().built,
       layers.Dropout(0.2).built, layers.Masking().built, layers.Concatenate().built, layers.Add().built,
       layers.Dot(1).built, layers.Dense(2).built]
""", {"rtol": 1e-6}),
    ("lambda_symbolic_shapes", """
x = keras.Input((4, 3))
a = layers.Lambda(lambda t: tf.reduce_sum(t, axis=1))(x)
b = layers.Lambda(lambda t: t[:, 0, :2], output_shape=(2,))(x)
c = layers.Lambda(lambda t: tf.reduce_mean(t, axis=-1, keepdims=True))(x)
m = keras.Model(x, [a, b, c])
r = m(rnd(2, 4, 3))
out = [list(a.shape), list(b.shape), list(c.shape), r[0], r[1], r[2]]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("input_layer_class", """
il = layers.InputLayer(shape=(3,), name='inp')
m = keras.Sequential([il, layers.Dense(2)])
out = [il.name, il.batch_shape, m.built, [l.name for l in m.layers], list(m.input_shape), il.dtype]
""", {}),
    # -- seeds ----------------------------------------------------------------------------------
    ("seed_linear_layer_get_set", """
X_train = np.array([[1.0], [2.0]], dtype=np.float32)
linear_layer = tf.keras.layers.Dense(units=1, activation='linear', )
w0 = linear_layer.get_weights()
a1 = linear_layer(X_train[0].reshape(1, 1))
w, b = linear_layer.get_weights()
set_w = np.array([[200]])
set_b = np.array([100])
linear_layer.set_weights([set_w, set_b])
print(linear_layer.get_weights())
prediction_tf = linear_layer(X_train)
prediction_np = np.dot(X_train, set_w) + set_b
out = [w0, w.shape, b.shape, prediction_tf, prediction_np, a1.shape]
""", {"stdout": True}),
    ("seed_sigmoid_model", """
from tensorflow.keras import Sequential
X_train = np.array([0., 1, 2, 3, 4, 5], dtype=np.float32).reshape(-1, 1)
model = Sequential(
    [
        tf.keras.Input(shape=(1,)),
        tf.keras.layers.Dense(1, activation='sigmoid', name='L1')
    ]
)
model.summary()
logistic_layer = model.get_layer('L1')
w, b = logistic_layer.get_weights()
print(w.shape, b.shape)
set_w = np.array([[2]])
set_b = np.array([-4.5])
logistic_layer.set_weights([set_w, set_b])
print(logistic_layer.get_weights())
a1 = model(X_train[0].reshape(1, 1))
print(np.asarray(a1))
out = [a1, model(X_train)]
""", {"stdout": True, "rtol": 1e-6}),
    ("seed_sequential_three_layers", """
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Input, Dense
model = Sequential([Input(shape=(3,)),Dense(2, activation='relu', name='layer1'),Dense(3, activation='relu', name='layer2'),Dense(4, name='layer3'),] )
model.summary()
set_rand_weights(model)
W1, b1 = model.get_layer("layer1").get_weights()
out = [model(rnd(2, 3, seed=1)), W1.shape, b1.shape]
""", {"stdout": True, "rtol": 1e-5, "atol": 1e-6}),
    ("seed_mymodel_linear", """
from tensorflow import keras
class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)
    def call(self, inputs, **kwargs):
        return tf.matmul(inputs, self.w) + self.b
class MyModel(keras.Model):
    def __init__(self, units=32, **kwargs):
        super(MyModel, self).__init__(**kwargs)
        self.units = units
        self.linear = Linear(self.units)
    def call(self, inputs, **kwargs):
        outputs = self.linear(inputs)
        return outputs
model = MyModel(32)
set_rand_weights(model)
y = model(rnd(2, 32, seed=3))
out = [y, [w.path for w in model.weights], [l.name for l in model.layers], model.built]
""", {"rtol": 1e-5, "atol": 1e-5}),
    ("seed_build_method_linear", """
class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True)
    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b
l = Linear(4)
x = keras.Input((3,))
y = l(x)
m = keras.Model(x, y)
set_rand_weights(m)
out = [m(rnd(2, 3, seed=1)), list(y.shape), winfo(l)]
""", {"rtol": 1e-5, "atol": 1e-6}),
    ("seed_encoder_decoder", """
from tensorflow.keras import layers
from tensorflow.keras import Input, Model
def get_models():
    encoder_input = Input(shape=(28, 28, 1), name="img")
    x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    encoder_output = layers.GlobalMaxPooling2D()(x)
    encoder = Model(encoder_input, encoder_output, name="encoder")
    x = layers.Reshape((4, 4, 1))(encoder_output)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
    x = layers.UpSampling2D(3)(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
    autoencoder = Model(encoder_input, decoder_output, name="autoencoder")
    return encoder, autoencoder
encoder, autoencoder = get_models()
encoder.summary()
autoencoder.summary()
set_rand_weights(autoencoder)
img = np.abs(rnd(2, 28, 28, 1, seed=11))
out = [encoder(img), autoencoder(img), [w.path for w in autoencoder.weights]]
""", {"stdout": True, "rtol": 1e-4, "atol": 1e-4,
      "requires": ["Conv2D", "MaxPooling2D", "GlobalMaxPooling2D", "Reshape", "Conv2DTranspose", "UpSampling2D"]}),
    ("seed_mylayer_embedding_lstm", """
class MyLayer(layers.Layer):
    def __init__(self, **kwargs):
        super(MyLayer, self).__init__(**kwargs)
        self.embedding = layers.Embedding(input_dim=5000, output_dim=16, mask_zero=True)
        self.lstm = layers.LSTM(32)
    def call(self, inputs):
        x = self.embedding(inputs)
        mask = self.embedding.compute_mask(inputs)
        output = self.lstm(x, mask=mask)
        return output
ml = MyLayer()
ids = np.array([[5, 9, 3, 0, 0], [7, 1, 0, 0, 0]], dtype='int32')
ml(ids)
set_rand_weights(ml)
r = ml(ids)
class Auto(layers.Layer):
    def __init__(self):
        super().__init__()
        self.embedding = layers.Embedding(input_dim=5000, output_dim=16, mask_zero=True)
        self.lstm = layers.LSTM(32)
    def call(self, inputs):
        return self.lstm(self.embedding(inputs))
a = Auto(); a(ids); a.set_weights(ml.get_weights())
out = [r, a(ids), [w.path for w in ml.weights], [l.name for l in ml._flatten_layers()]]
""", {"rtol": 1e-5, "atol": 1e-6, "requires": ["Embedding", "LSTM"]}),
    ("seed_normalization_layer", """
X = np.concatenate([rnd(200, 1, seed=1) * 30 + 220, rnd(200, 1, seed=2) + 13.5], axis=1)
norm_l = tf.keras.layers.Normalization(axis=-1)
norm_l.adapt(X)
Xn = norm_l(X)
print(f"Temperature Max, Min post normalization: {np.max(Xn[:,0]):0.2f}, {np.min(Xn[:,0]):0.2f}")
print(f"Duration Max, Min post normalization: {np.max(Xn[:,1]):0.2f}, {np.min(Xn[:,1]):0.2f}")
out = [Xn[:3], norm_l.mean, norm_l.variance]
""", {"stdout": True, "rtol": 1e-5, "atol": 1e-5, "requires": ["Normalization"]}),
    ("summary_reference_batchnorm", """
m = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.BatchNormalization(), layers.Dense(1)])
m.summary()
out = [[w.path for w in m.weights], [w.path for w in m.non_trainable_weights]]
""", {"stdout": True, "requires": ["BatchNormalization"]}),
    ("sequential_embedding_mask_chain", """
m = keras.Sequential([keras.Input((4,), dtype='int32'), layers.Embedding(10, 3, mask_zero=True),
                      layers.Dense(2), layers.LSTM(2)])
set_rand_weights(m)
x = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], 'int32')
h = m.layers[1](m.layers[0](x))
out = [m(x), np.asarray(h._keras_mask).tolist()]
""", {"rtol": 1e-5, "atol": 1e-6, "requires": ["Embedding", "LSTM"]}),
    ("legacy_backend_functions", """
K = keras.backend
x = tf.constant([[1., 2.], [3., 4.]]); b = tf.constant([[True, False], [True, True]])
p = tf.constant([[0.2, 0.8], [0.6, 0.4]]); t = tf.constant([[0., 1.], [1., 0.]])
v = K.variable(np.ones(2)); K.set_value(v, [3, 4])
out = [K.mean(x), K.mean(b), K.sum(x, axis=1), K.max(x, axis=0, keepdims=True), K.std(x), K.var(x, axis=1),
       K.square(x), K.sqrt(x), K.exp(x), K.log(x), K.abs(-x), K.clip(x, 1.5, 3.0), K.clip(x, 2.0, 1.0),
       K.int_shape(x), K.ndim(x), K.dtype(x), K.concatenate([x, x]), K.concatenate([x, x], axis=0),
       K.expand_dims(x), K.squeeze(K.expand_dims(x), 2), K.flatten(x), K.batch_flatten(tf.ones((2, 2, 3))),
       K.permute_dimensions(x, (1, 0)), K.reshape(x, (4, 1)), K.dot(x, x), K.batch_dot(x, x, axes=1),
       K.argmax(x), K.one_hot(tf.constant([0, 2]), 3), K.softmax(x), K.sigmoid(x), K.relu(x - 2.5),
       K.binary_crossentropy(t, p), K.categorical_crossentropy(t, p), K.get_value(v), K.zeros((2,)), K.ones((1, 2)),
       K.constant([1, 2]), K.cast_to_floatx(np.array([1, 2])).dtype.name, K.l2_normalize(x, axis=1),
       K.repeat_elements(x, 2, axis=1), K.cumsum(x, axis=0), K.hard_sigmoid(x - 3.0), K.epsilon(), K.floatx()]
""", {"rtol": 1e-6, "atol": 1e-7}),
]
