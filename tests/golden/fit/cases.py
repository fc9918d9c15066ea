"""Golden cases for the training loop (compile/fit/evaluate/predict/*_on_batch/train_step).

Each case is (id, code, options): `code` runs unchanged under real tf.keras (recorded by
tools/gen_fit_golden.py into tests/golden/fit/fit.json) and under the shim
(tests/keras/test_fit_golden.py); it sets `out`. Names: `tf`, `keras`, `np`, and the helpers of
PRE below (data `X`, `Yr`, `Yb`, `Yc`, `Yo`, `make_model`, `set_weights`, `weights`).
Every fit uses shuffle=False (or one batch per epoch) so that the runs are deterministic.
options: rtol (default 1e-4), atol (default 1e-6).
"""

PRE = """
import warnings
warnings.simplefilter('ignore')
rs = np.random.RandomState(0)
X = rs.normal(size=(24, 4)).astype('float32')
Yr = (X @ np.array([[1.0], [-2.0], [0.5], [1.5]], 'float32') + 0.3).astype('float32')
Yb = (Yr > 0).astype('float32')
Yc = np.abs(X).argmax(1).astype('int32')
Yo = np.eye(4, dtype='float32')[Yc]

def set_weights(m, seed=1):
    r = np.random.RandomState(seed)
    m.set_weights([r.uniform(-0.6, 0.6, size=w.shape).astype('float32') for w in m.get_weights()])
    return m

def make_model(units=1, act=None, hidden=5, seed=1, **kw):
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(hidden, activation='tanh', **kw),
                          keras.layers.Dense(units, activation=act)])
    return set_weights(m, seed)

def weights(m):
    return [w for w in m.get_weights()]
"""

# (id, output units, activation, labels, loss, optimizer, metrics)
_PAIRS = [
    ("mse_sgd", 1, None, "Yr", "'mse'", "keras.optimizers.SGD(0.05)", None),
    ("mae_adam", 1, None, "Yr", "'mean_absolute_error'", "keras.optimizers.Adam(0.05)", None),
    ("huber_nadam", 1, None, "Yr", "keras.losses.Huber(0.5)", "keras.optimizers.Nadam(0.05)",
     ["'mae'"]),
    ("logcosh_adamax", 1, None, "Yr", "'log_cosh'", "keras.optimizers.Adamax(0.1)", None),
    ("bce_rmsprop", 1, "'sigmoid'", "Yb", "'binary_crossentropy'", "'rmsprop'", ["'accuracy'"]),
    ("bce_logits_adamw", 1, None, "Yb", "keras.losses.BinaryCrossentropy(from_logits=True)",
     "keras.optimizers.AdamW(0.05, weight_decay=0.1)", ["keras.metrics.BinaryAccuracy(threshold=0.0)"]),
    ("cce_adagrad", 4, "'softmax'", "Yo", "'categorical_crossentropy'", "keras.optimizers.Adagrad(0.5)",
     ["'accuracy'"]),
    ("scce_adam", 4, "'softmax'", "Yc", "'sparse_categorical_crossentropy'", "'adam'", ["'accuracy'"]),
    ("scce_logits_sgd_momentum", 4, None, "Yc",
     "keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
     "keras.optimizers.SGD(0.2, momentum=0.9, nesterov=True)", ["'accuracy'", "'sparse_top_k_categorical_accuracy'"]),
    ("kld_adadelta", 4, "'softmax'", "Yo", "'kld'", "keras.optimizers.Adadelta(1.0)", None),
    ("cat_hinge_lion", 4, None, "Yo", "'categorical_hinge'", "keras.optimizers.Lion(0.01)", None),
    ("poisson_ftrl", 1, "'softplus'", "np.abs(Yr)", "'poisson'", "keras.optimizers.Ftrl(0.5)", None),
    ("crossentropy_string", 4, "'softmax'", "Yc", "'crossentropy'", "'sgd'", ["'acc'"]),
    ("hinge_clipnorm", 1, "'tanh'", "Yb", "'hinge'", "keras.optimizers.SGD(0.3, clipnorm=0.1)", None),
]


def _pair_cases():
    out = []
    for cid, units, act, ys, loss, opt, metrics in _PAIRS:
        m = "None" if metrics is None else "[" + ", ".join(metrics) + "]"
        fit_code = f"""
m = make_model({units}, {act})
m.compile(optimizer={opt}, loss={loss}, metrics={m})
h = m.fit(X, {ys}, batch_size=24, epochs=5, shuffle=False, verbose=0)
out = [h.history, weights(m), m.metrics_names]
"""
        tob_code = f"""
m = make_model({units}, {act})
m.compile(optimizer={opt}, loss={loss}, metrics={m})
out = [m.train_on_batch(X[:12], {ys}[:12]) for _ in range(5)]
out.append(m.test_on_batch(X[12:], {ys}[12:], return_dict=True))
out.append(weights(m))
"""
        out.append((f"fit5_{cid}", fit_code, {}))
        out.append((f"tob5_{cid}", tob_code, {}))
    return out


CASES = _pair_cases() + [
    # -- History / validation ------------------------------------------------------------------
    ("history_validation_split", """
m = make_model(1, 'sigmoid')
m.compile('adam', 'binary_crossentropy', metrics=['accuracy', 'mse'])
h = m.fit(X, Yb, batch_size=5, epochs=3, validation_split=0.25, shuffle=False, verbose=0)
out = [h.history, h.params, h.epoch, weights(m)]
""", {}),
    ("history_validation_data_freq", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse', metrics=['mae'])
h = m.fit(X[:16], Yr[:16], batch_size=4, epochs=4, validation_data=(X[16:], Yr[16:]),
          validation_freq=2, shuffle=False, verbose=0)
out = [h.history, h.epoch]
""", {}),
    ("history_validation_batch_size_steps", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse')
h = m.fit(X[:16], Yr[:16], batch_size=4, epochs=2, validation_data=(X[16:], Yr[16:]),
          validation_batch_size=3, validation_steps=2, shuffle=False, verbose=0)
out = h.history
""", {}),
    ("fit_initial_epoch", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse')
h = m.fit(X, Yr, batch_size=8, epochs=4, initial_epoch=2, shuffle=False, verbose=0)
out = [h.history, h.epoch, h.params]
""", {}),
    ("fit_steps_per_epoch_arrays", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse')
h = m.fit(X, Yr, batch_size=4, epochs=3, steps_per_epoch=4, shuffle=False, verbose=0)
out = [h.history, h.params]
""", {}),
    ("fit_steps_per_epoch_no_batch_size", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse')
h = m.fit(X, Yr, epochs=2, steps_per_epoch=5, shuffle=False, verbose=0)
out = [h.history, h.params]
""", {}),
    ("fit_default_batch_size_partial", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.01), 'mse')
Xl = np.concatenate([X, X, X * 0.5], 0); Yl = np.concatenate([Yr, Yr, Yr * 0.5], 0)
h = m.fit(Xl, Yl, epochs=2, shuffle=False, verbose=0)
out = [h.history, h.params, m.evaluate(Xl, Yl, verbose=0)]
""", {}),
    ("fit_float64_int64_inputs", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'sparse_categorical_crossentropy', metrics=['accuracy'])
h = m.fit(X.astype('float64'), Yc.astype('int64'), batch_size=6, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.predict(X.astype('float64'), verbose=0).dtype.name]
""", {}),
    ("fit_labels_rank2_sparse", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'sparse_categorical_crossentropy', metrics=['accuracy'])
h = m.fit(X, Yc.reshape(-1, 1), batch_size=6, epochs=2, shuffle=False, verbose=0)
out = h.history
""", {}),
    ("fit_epochs_zero", """
m = make_model(1)
m.compile('sgd', 'mse')
h = m.fit(X, Yr, epochs=0, verbose=0)
out = [h.history, h.epoch, weights(m)]
""", {}),
    ("fit_twice_history_fresh", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.01), 'mse')
h1 = m.fit(X, Yr, batch_size=12, epochs=2, shuffle=False, verbose=0)
h2 = m.fit(X, Yr, batch_size=12, epochs=1, shuffle=False, verbose=0)
out = [h1.history, h2.history, h1 is h2, m.history is h2]
""", {}),
    # -- evaluate / predict ----------------------------------------------------------------------
    ("evaluate_forms", """
m = make_model(4, 'softmax')
m.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy', 'sparse_top_k_categorical_accuracy'])
out = [m.evaluate(X, Yc, verbose=0), m.evaluate(X, Yc, batch_size=5, verbose=0, return_dict=True),
       m.evaluate(X, Yc, batch_size=7, steps=2, verbose=0), m.metrics_names]
""", {}),
    ("evaluate_loss_only", """
m = make_model(1)
m.compile('sgd', 'mse')
out = [m.evaluate(X, Yr, verbose=0), m.evaluate(X, Yr, verbose=0, return_dict=True),
       m.test_on_batch(X, Yr), m.metrics_names]
""", {}),
    ("evaluate_sample_weight", """
m = make_model(1, 'sigmoid')
m.compile('sgd', 'binary_crossentropy', metrics=['accuracy'], weighted_metrics=['accuracy', 'mse'])
sw = np.linspace(0.0, 2.0, 24).astype('float32')
out = [m.evaluate(X, Yb, sample_weight=sw, batch_size=5, verbose=0, return_dict=True),
       m.evaluate(X, Yb, batch_size=5, verbose=0, return_dict=True), m.metrics_names]
""", {}),
    ("predict_forms", """
m = make_model(3, 'softmax')
p1 = m.predict(X, verbose=0)
p2 = m.predict(X, batch_size=5, verbose=0)
p3 = m.predict(X, batch_size=10, steps=2, verbose=0)
p4 = m.predict_on_batch(X[:3])
p5 = m(X[:1]).numpy()
out = [p1, p2, p3, p4, p5, type(p4).__name__]
""", {}),
    ("predict_multi_output", """
i = keras.Input((4,), name='inp')
h = keras.layers.Dense(3, activation='relu', name='h')(i)
a = keras.layers.Dense(1, name='a')(h)
b = keras.layers.Dense(2, activation='softmax', name='b')(h)
f = set_weights(keras.Model(i, [a, b]))
g = set_weights(keras.Model(i, {'b': b, 'a': a}))
p = f.predict(X, batch_size=7, verbose=0)
q = g.predict(X, batch_size=7, verbose=0)
out = [type(p).__name__, p, type(q).__name__, sorted(q), q['a'], q['b'], f.predict_on_batch(X[:2])]
""", {}),
    ("predict_dict_inputs", """
i1 = keras.Input((2,), name='left'); i2 = keras.Input((2,), name='right')
o = keras.layers.Dense(1, name='o')(keras.layers.Concatenate()([i1, i2]))
f = set_weights(keras.Model([i1, i2], o))
f.compile(keras.optimizers.SGD(0.05), 'mse')
h = f.fit({'left': X[:, :2], 'right': X[:, 2:]}, Yr, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, f.predict({'left': X[:, :2], 'right': X[:, 2:]}, verbose=0),
       f.predict([X[:, :2], X[:, 2:]], verbose=0), f.evaluate([X[:, :2], X[:, 2:]], Yr, verbose=0)]
""", {}),
    # -- metrics_names ---------------------------------------------------------------------------
    ("metrics_names_lifecycle", """
m = make_model(4, 'softmax')
n0 = m.metrics_names
m.compile('adam', 'sparse_categorical_crossentropy')
n1 = m.metrics_names
m.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
n2 = [m.metrics_names, [type(x).__name__ for x in m.metrics]]
m.fit(X, Yc, verbose=0, epochs=1, shuffle=False)
n3 = [m.metrics_names, [type(x).__name__ for x in m.metrics], [x.name for x in m.metrics[1].metrics]]
out = [n0, n1, n2, n3]
""", {}),
    # -- multi-output ----------------------------------------------------------------------------
    ("multi_output_list", """
i = keras.Input((4,), name='inp')
h = keras.layers.Dense(3, activation='tanh', name='h')(i)
a = keras.layers.Dense(1, name='a')(h)
b = keras.layers.Dense(4, activation='softmax', name='b')(h)
f = set_weights(keras.Model(i, [a, b]))
f.compile(keras.optimizers.Adam(0.05), ['mse', 'sparse_categorical_crossentropy'],
          loss_weights=[0.5, 2.0], metrics=[['mae'], ['accuracy']])
hh = f.fit(X, [Yr, Yc], batch_size=6, epochs=2, validation_split=0.25, shuffle=False, verbose=0)
out = [hh.history, f.metrics_names, f.evaluate(X, [Yr, Yc], verbose=0),
       f.evaluate(X, [Yr, Yc], verbose=0, return_dict=True), f.train_on_batch(X, [Yr, Yc])]
""", {}),
    ("multi_output_dict", """
i = keras.Input((4,), name='inp')
h = keras.layers.Dense(3, activation='tanh', name='h')(i)
a = keras.layers.Dense(1, name='a')(h)
b = keras.layers.Dense(4, activation='softmax', name='b')(h)
f = set_weights(keras.Model(i, {'a': a, 'b': b}))
f.compile(keras.optimizers.Adam(0.05), {'a': 'mse', 'b': 'sparse_categorical_crossentropy'},
          loss_weights={'a': 1.0, 'b': 0.5}, metrics={'b': ['accuracy']})
hh = f.fit(X, {'a': Yr, 'b': Yc}, batch_size=6, epochs=2, shuffle=False, verbose=0)
out = [hh.history, f.metrics_names, f.evaluate(X, {'a': Yr, 'b': Yc}, verbose=0, return_dict=True)]
""", {}),
    ("multi_output_single_loss_for_all", """
i = keras.Input((4,), name='inp')
a = keras.layers.Dense(1, name='a')(i)
b = keras.layers.Dense(1, name='b')(i)
f = set_weights(keras.Model(i, [a, b]))
f.compile(keras.optimizers.SGD(0.05), 'mse', metrics=['mae'])
hh = f.fit(X, [Yr, Yr * 2.0], batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [hh.history, f.metrics_names]
""", {}),
    ("multi_output_single_loss_no_metrics", """
i = keras.Input((4,), name='inp')
a = keras.layers.Dense(1, name='a')(i)
b = keras.layers.Dense(1, name='b')(i)
f = set_weights(keras.Model(i, [a, b]))
f.compile(keras.optimizers.SGD(0.05), 'mse', metrics=[['mae'], ['mse', 'mae']])
hh = f.fit(X, [Yr, Yr * 2.0], batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [hh.history, f.metrics_names, f.evaluate(X, [Yr, Yr * 2.0], verbose=0)]
""", {}),
    ("multi_output_dict_loss_on_list_outputs", """
i = keras.Input((4,), name='inp')
a = keras.layers.Dense(1, name='a')(i)
b = keras.layers.Dense(1, activation='sigmoid', name='b')(i)
f = set_weights(keras.Model(i, [a, b]))
f.compile(keras.optimizers.SGD(0.05), {'a': 'mse', 'b': 'binary_crossentropy'},
          metrics={'a': 'mae', 'b': 'accuracy'})
hh = f.fit(X, {'a': Yr, 'b': Yb}, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [hh.history, f.evaluate(X, [Yr, Yb], verbose=0)]
""", {}),
    # -- weights -------------------------------------------------------------------------------
    ("sample_weight_fit", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.02), 'mse', metrics=['mae'], weighted_metrics=['mae'])
sw = np.linspace(0.0, 2.0, 24).astype('float32')
h = m.fit(X, Yr, sample_weight=sw, batch_size=6, epochs=3, shuffle=False, verbose=0)
out = [h.history, weights(m), m.train_on_batch(X, Yr, sample_weight=sw, return_dict=True)]
""", {}),
    ("class_weight_fit", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'sparse_categorical_crossentropy', metrics=['accuracy'],
          weighted_metrics=['accuracy'])
h = m.fit(X, Yc, class_weight={0: 0.5, 1: 2.0, 3: 3.0}, batch_size=6, epochs=3, shuffle=False, verbose=0)
out = [h.history, weights(m), m.train_on_batch(X, Yc, class_weight={2: 4.0})]
""", {}),
    ("class_weight_binary", """
m = make_model(1, 'sigmoid')
m.compile(keras.optimizers.SGD(0.1), 'binary_crossentropy')
h = m.fit(X, Yb, class_weight={0: 1.0, 1: 5.0}, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = h.history
""", {}),
    ("class_weight_one_hot", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'categorical_crossentropy')
h = m.fit(X, Yo, class_weight={1: 3.0}, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = h.history
""", {}),
    # -- losses added to the model -----------------------------------------------------------------
    ("regularizers_in_loss", """
m = make_model(1, kernel_regularizer=keras.regularizers.l2(0.1), activity_regularizer=keras.regularizers.l1(0.01))
m.compile(keras.optimizers.SGD(0.02), 'mse', metrics=['mse'])
h = m.fit(X, Yr, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.evaluate(X, Yr, verbose=0), len(m.losses)]
""", {}),
    ("add_loss_layer", """
class Pen(keras.layers.Layer):
    def call(self, x):
        self.add_loss(0.01 * tf.reduce_sum(tf.square(x)))
        return x
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), Pen(), keras.layers.Dense(1)])
set_weights(m)
m.compile(keras.optimizers.SGD(0.02), 'mse')
h = m.fit(X, Yr, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.evaluate(X, Yr, verbose=0), m.train_on_batch(X, Yr)]
""", {}),
    ("add_loss_only_no_compiled_loss", """
class Pen(keras.layers.Layer):
    def call(self, x):
        self.add_loss(tf.reduce_mean(tf.square(x - 1.0)))
        return x
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2), Pen()])
set_weights(m)
m.compile(keras.optimizers.SGD(0.05))
h = m.fit(X, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.metrics_names]
""", {}),
    # -- masks -------------------------------------------------------------------------------------
    ("masked_sequence_loss", """
seq = np.array([[[1., 2.], [0., 0.], [3., 1.]], [[0.5, 0.5], [2., 1.], [0., 0.]],
                [[1., 1.], [1., 1.], [1., 1.]], [[0., 0.], [0., 0.], [2., 2.]]], 'float32')
tgt = np.arange(12, dtype='float32').reshape(4, 3, 1) / 10.0
m = keras.Sequential([keras.Input((3, 2)), keras.layers.Masking(0.0), keras.layers.Dense(1)])
set_weights(m)
m.compile(keras.optimizers.SGD(0.1), 'mse', metrics=['mae'])
h = m.fit(seq, tgt, batch_size=2, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.evaluate(seq, tgt, verbose=0)]
""", {}),
    # -- other data forms ----------------------------------------------------------------------------
    ("dataset_input", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'sparse_categorical_crossentropy', metrics=['accuracy'])
ds = tf.data.Dataset.from_tensor_slices((X, Yc)).batch(5)
h = m.fit(ds, epochs=2, verbose=0, validation_data=ds.take(2))
out = [h.history, h.params, m.evaluate(ds, verbose=0), m.predict(ds, verbose=0)[:3]]
""", {}),
    ("dataset_with_sample_weights", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
sw = np.linspace(0.5, 1.5, 24).astype('float32')
ds = tf.data.Dataset.from_tensor_slices((X, Yr, sw)).batch(8)
h = m.fit(ds, epochs=2, verbose=0)
out = h.history
""", {}),
    ("dataset_map_unknown_cardinality", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
ds = tf.data.Dataset.from_tensor_slices((X, Yr)).filter(lambda a, b: True).batch(8)
h = m.fit(ds, epochs=2, verbose=0)
out = [h.history, h.params]
""", {}),
    ("dataset_class_weight", """
m = make_model(4, 'softmax')
m.compile(keras.optimizers.SGD(0.1), 'sparse_categorical_crossentropy')
ds = tf.data.Dataset.from_tensor_slices((X, Yc)).batch(6)
h = m.fit(ds, epochs=2, verbose=0, class_weight={0: 2.0, 1: 1.0, 2: 0.5, 3: 1.5})
out = h.history
""", {}),
    ("dataset_steps_per_epoch_continues", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
ds = tf.data.Dataset.from_tensor_slices((X, Yr)).batch(4)
h = m.fit(ds, epochs=2, steps_per_epoch=4, verbose=0)
out = [h.history, h.params]
""", {}),
    ("generator_input", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse', metrics=['mae'])
def gen():
    for i in range(4):
        yield X[i * 6:(i + 1) * 6], Yr[i * 6:(i + 1) * 6]
h = m.fit(gen(), epochs=3, verbose=0)
out = [h.history, h.params]
""", {}),
    ("pydataset_input", """
class Seq(keras.utils.PyDataset):
    def __init__(self):
        super().__init__()
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return X[i * 8:(i + 1) * 8], Yr[i * 8:(i + 1) * 8]
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
h = m.fit(Seq(), epochs=2, shuffle=False, verbose=0)
out = [h.history, h.params, m.evaluate(Seq(), verbose=0), m.predict(Seq(), verbose=0).shape]
""", {}),
    ("tensor_inputs", """
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
h = m.fit(tf.constant(X), tf.constant(Yr), batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.predict(tf.constant(X[:3]), verbose=0), m.evaluate(tf.constant(X), tf.constant(Yr), verbose=0)]
""", {}),
    # -- custom train_step ---------------------------------------------------------------------------
    ("custom_train_step_keras3", """
class M(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        for metric in self.metrics:
            if metric.name == 'loss':
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
i = keras.Input((4,))
o = keras.layers.Dense(1)(keras.layers.Dense(5, activation='tanh')(i))
m = set_weights(M(i, o))
m.compile(keras.optimizers.SGD(0.05), 'mse', metrics=['mae'])
h = m.fit(X, Yr, batch_size=8, epochs=3, shuffle=False, verbose=0)
out = [h.history, m.metrics_names, weights(m)]
""", {}),
    ("custom_train_step_tf2_style", """
class M(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
i = keras.Input((4,))
o = keras.layers.Dense(1)(keras.layers.Dense(5, activation='tanh')(i))
m = set_weights(M(i, o))
m.compile(keras.optimizers.SGD(0.05), 'mse', metrics=['mae'])
h = m.fit(X, Yr, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, weights(m)]
""", {}),
    ("custom_train_step_own_tracker", """
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.h = keras.layers.Dense(5, activation='tanh')
        self.o = keras.layers.Dense(1)
        self.loss_tracker = keras.metrics.Mean(name='loss')
        self.mae_metric = keras.metrics.MeanAbsoluteError(name='mae')
    def call(self, x):
        return self.o(self.h(x))
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = keras.losses.MeanSquaredError()(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {'loss': self.loss_tracker.result(), 'mae': self.mae_metric.result()}
    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]
m = M()
m(X[:1])
set_weights(m)
m.compile(optimizer=keras.optimizers.Adam(0.05))
h = m.fit(X, Yr, batch_size=6, epochs=3, shuffle=False, verbose=0)
out = [h.history, m.metrics_names]
""", {}),
    ("custom_train_step_tracked_metric_attr", """
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.o = keras.layers.Dense(1)
        self.tracker = keras.metrics.Mean(name='my_loss')
    def call(self, x):
        return self.o(x)
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(self(x, training=True) - y))
        self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
        self.tracker.update_state(loss)
        return {'my_loss': self.tracker.result()}
m = M()
m(X[:1])
set_weights(m)
m.compile(optimizer=keras.optimizers.SGD(0.05))
n0 = m.metrics_names
h = m.fit(X, Yr, batch_size=6, epochs=2, shuffle=False, verbose=0)
out = [n0, h.history, m.metrics_names]
""", {}),
    ("custom_test_step", """
class M(keras.Model):
    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        self._loss_tracker.update_state(self.compute_loss(y=y, y_pred=y_pred))
        return {'loss': self._loss_tracker.result(), 'double': 2.0 * self._loss_tracker.result()}
i = keras.Input((4,))
m = set_weights(M(i, keras.layers.Dense(1)(i)))
m.compile(keras.optimizers.SGD(0.05), 'mse')
out = [m.evaluate(X, Yr, batch_size=8, verbose=0), m.evaluate(X, Yr, batch_size=8, verbose=0, return_dict=True)]
""", {}),
    ("custom_compute_loss", """
class M(keras.Model):
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        return tf.reduce_mean(tf.abs(y_pred - y)) * 3.0
i = keras.Input((4,))
m = set_weights(M(i, keras.layers.Dense(1)(i)))
m.compile(keras.optimizers.SGD(0.05), metrics=['mse'])
h = m.fit(X, Yr, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = [h.history, m.evaluate(X, Yr, verbose=0)]
""", {}),
    ("subclass_no_training_arg_dropout_inactive", """
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = keras.layers.Dropout(0.9)
        self.o = keras.layers.Dense(1, kernel_initializer='ones')
    def call(self, x):
        return self.o(self.d(x))
m = M()
m.compile('sgd', 'mse')
x = np.ones((8, 3), 'float32'); y = np.zeros((8, 1), 'float32')
out = [m.evaluate(x, y, verbose=0), m.train_on_batch(x, y)]
""", {}),
    # -- callbacks interplay -------------------------------------------------------------------------
    ("stop_training_callback", """
class Stop(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        if batch == 1:
            self.model.stop_training = True
m = make_model(1)
m.compile(keras.optimizers.SGD(0.05), 'mse')
h = m.fit(X, Yr, batch_size=4, epochs=3, shuffle=False, verbose=0, callbacks=[Stop()])
out = [h.history, h.epoch]
""", {}),
    ("callback_batch_logs", """
class Rec(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seen = []
    def on_train_batch_end(self, batch, logs=None):
        self.seen.append((batch, sorted(logs.items())))
    def on_test_end(self, logs=None):
        self.seen.append(('test_end', sorted(logs.items())))
    def on_epoch_end(self, epoch, logs=None):
        self.seen.append(('epoch', epoch, sorted(logs.items())))
r = Rec()
m = make_model(1, 'sigmoid')
m.compile(keras.optimizers.SGD(0.05), 'binary_crossentropy', metrics=['accuracy'])
m.fit(X, Yb, batch_size=8, epochs=2, validation_split=0.25, shuffle=False, verbose=0, callbacks=[r])
out = r.seen
""", {}),
    ("reset_metrics_and_results", """
m = make_model(1, 'sigmoid')
m.compile(keras.optimizers.SGD(0.05), 'binary_crossentropy', metrics=['accuracy'])
m.fit(X, Yb, batch_size=8, epochs=1, shuffle=False, verbose=0)
before = [m.metrics[0].result(), m.metrics[1].result()]
m.reset_metrics()
after = [m.metrics[0].result(), m.metrics[1].result()]
out = [before, after]
""", {}),
    # -- errors (raised before any weight change) ----------------------------------------------------
    ("error_fit_before_compile", """
m = make_model(1)
try:
    m.fit(X, Yr, verbose=0)
    out = 'no error'
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_cardinality", """
m = make_model(1)
m.compile('sgd', 'mse')
w0 = weights(m)
try:
    m.fit(X, Yr[:20], verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e), all(np.array_equal(a, b) for a, b in zip(w0, weights(m)))]
""", {}),
    ("error_cardinality_three", """
m = make_model(1)
m.compile('sgd', 'mse')
try:
    m.fit(X, Yr, sample_weight=np.ones(10), verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_unknown_loss_at_fit", """
m = make_model(1)
m.compile('sgd', 'not_a_loss')
w0 = weights(m)
try:
    m.fit(X, Yr, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e), all(np.array_equal(a, b) for a, b in zip(w0, weights(m)))]
""", {}),
    ("error_unknown_metric_at_fit", """
m = make_model(1)
m.compile('sgd', 'mse', metrics=['not_a_metric'])
w0 = weights(m)
try:
    m.fit(X, Yr, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e), all(np.array_equal(a, b) for a, b in zip(w0, weights(m)))]
""", {}),
    ("error_unknown_optimizer", """
m = make_model(1)
try:
    m.compile('not_an_opt', 'mse')
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_validation_split_dataset", """
m = make_model(1)
m.compile('sgd', 'mse')
try:
    m.fit(tf.data.Dataset.from_tensor_slices((X, Yr)).batch(4), validation_split=0.2, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)[:80]]
""", {}),
    ("error_dataset_with_y", """
m = make_model(1)
m.compile('sgd', 'mse')
try:
    m.fit(tf.data.Dataset.from_tensor_slices((X, Yr)).batch(4), Yr, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_loss_shape_mismatch", """
m = make_model(2)
m.compile('sgd', 'mse')
w0 = weights(m)
try:
    m.fit(X, np.zeros((24, 7), 'float32'), verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e).split(' for ')[0], all(np.array_equal(a, b) for a, b in zip(w0, weights(m)))]
""", {}),
    ("error_loss_shape_mismatch_sparse", """
m = make_model(2)
m.compile('sgd', 'sparse_categorical_crossentropy')
try:
    m.fit(X, np.zeros((24, 5)), verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_loss_shape_mismatch_bce", """
m = make_model(2, 'sigmoid')
m.compile('sgd', 'binary_crossentropy')
try:
    m.fit(X, np.zeros((24, 5)), verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_validation_split_too_small", """
m = make_model(1)
m.compile('sgd', 'mse')
try:
    m.fit(X, Yr, validation_split=0.99, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_class_and_sample_weight", """
m = make_model(1)
m.compile('sgd', 'mse')
try:
    m.fit(X, Yr, class_weight={0: 1.0}, sample_weight=np.ones(24), verbose=0)
except Exception as e:
    r1 = [type(e).__name__, str(e)]
try:
    m.train_on_batch(X, Yr, class_weight={0: 1.0}, sample_weight=np.ones(24))
except Exception as e:
    r2 = type(e).__name__
out = [r1, r2]
""", {}),
    ("error_generator_class_weight", """
m = make_model(1)
m.compile('sgd', 'mse')
def gen():
    yield X, Yr
try:
    m.fit(gen(), class_weight={0: 1.0}, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_no_loss", """
m = make_model(1)
m.compile('sgd')
try:
    m.fit(X, Yr, verbose=0)
except Exception as e:
    out = [type(e).__name__, str(e)]
""", {}),
    ("error_evaluate_before_compile", """
m = make_model(1)
try:
    m.evaluate(X, Yr, verbose=0)
except Exception as e:
    r = [type(e).__name__, str(e)]
out = [r, m.predict(X[:2], verbose=0)]
""", {}),
    # -- console output (stdout compared with timings normalised) ------------------------------
    ("progbar_verbose2_fixed_weights", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation='relu'),
                      keras.layers.Dense(1, activation='sigmoid')])
set_weights(m, 3)
x = np.random.RandomState(5).rand(64, 3).astype('float32'); y = (x.sum(1, keepdims=True) > 1.5).astype('float32')
m.compile('adam', 'binary_crossentropy', metrics=['accuracy'])
h = m.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, shuffle=False, verbose=2)
r = m.evaluate(x, y, verbose=2)
p = m.predict(x, verbose=2)
m.fit(x, y, epochs=1, batch_size=32, shuffle=False, verbose=2)
out = [h.history, r]
""", {"stdout": True}),
    ("progbar_verbose1_fixed_weights", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation='relu'),
                      keras.layers.Dense(1, activation='sigmoid')])
set_weights(m, 3)
x = np.random.RandomState(5).rand(64, 3).astype('float32'); y = (x.sum(1, keepdims=True) > 1.5).astype('float32')
m.compile('adam', 'binary_crossentropy', metrics=['accuracy'])
h = m.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, shuffle=False, verbose=1)
r = m.evaluate(x, y, verbose=1)
p = m.predict(x, verbose=1)
def gen():
    for i in range(3):
        yield x[i * 8:(i + 1) * 8], y[i * 8:(i + 1) * 8]
m.fit(gen(), epochs=2, verbose=1)
out = [h.history, r]
""", {"stdout": True}),
]
