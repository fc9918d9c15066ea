"""Training golden cases: code run unchanged by real tf.keras (tools/gen_training_golden.py) and
by the shim (tests/keras/test_losses.py, test_metrics.py, test_optimizers.py, test_schedules.py).

Each family is a list of (id, code, options). `code` is an expression, or statements setting
`out`; names available: `tf`, `np`, `keras` (tf.keras or the shim's keras parts),
`compile_get_metric` / `compile_get_loss` (Keras's compile-time resolution helpers).
options: rtol (default 1e-5), atol (default 1e-6).
"""

# ---------------------------------------------------------------------------------------------
# optimizers: 5 apply_gradients steps on fixed weights and a fixed gradient sequence

_OPT_PRE = """
w0 = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]], np.float32)
b0 = np.array([0.1, -0.2], np.float32)
rs = np.random.RandomState(7)
G = [(rs.normal(size=(3, 2)).astype(np.float32) * s, rs.normal(size=(2,)).astype(np.float32) * s)
     for s in (1.0, 3.0, 0.5, 2.0, 0.1)]
"""

_OPT_LOOP = """
w = tf.Variable(w0, name='w'); b = tf.Variable(b0, name='b')
{setup}
out = []
for i, (gw, gb) in enumerate(G):
    {hook}
    gbt = None if ({none}) else tf.constant(gb)
    opt.apply_gradients(zip([tf.constant(gw), gbt], [w, b]))
    out.append([w.numpy(), b.numpy()])
{final}
out.append([v.path.split('/', 1)[1] for v in opt.variables])
out.append(int(np.asarray(opt.iterations)))
"""


def _opt(cid, ctor, hook="pass", none="False", setup="", final="", pre="", **opts):
    code = _OPT_PRE + pre + f"opt = {ctor}\n" + _OPT_LOOP.format(hook=hook, none=none, setup=setup,
                                                              final=final)
    return (cid, code, opts)


_SCHED = "keras.optimizers.schedules."

OPTIMIZER_CASES = [
    _opt("sgd_default", "keras.optimizers.SGD(name='opt')"),
    _opt("sgd_lr", "keras.optimizers.SGD(0.1, name='opt')"),
    _opt("sgd_momentum", "keras.optimizers.SGD(0.1, momentum=0.9, name='opt')"),
    _opt("sgd_nesterov", "keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True, name='opt')"),
    _opt("sgd_momentum_lr_change", "keras.optimizers.SGD(0.1, momentum=0.5, name='opt')",
         hook="if i == 2: opt.learning_rate = 0.01"),
    _opt("sgd_weight_decay", "keras.optimizers.SGD(0.1, weight_decay=0.1, name='opt')"),
    _opt("sgd_piecewise", "keras.optimizers.SGD(" + _SCHED +
         "PiecewiseConstantDecay([1, 3], [0.1, 0.05, 0.01]), name='opt')"),
    _opt("sgd_inverse_time", "keras.optimizers.SGD(" + _SCHED +
         "InverseTimeDecay(0.1, 2, 0.5), momentum=0.9, name='opt')"),
    _opt("sgd_polynomial", "keras.optimizers.SGD(" + _SCHED +
         "PolynomialDecay(0.1, 3, end_learning_rate=0.01, power=2.0), name='opt')"),
    _opt("sgd_callable_lr", "keras.optimizers.SGD(lambda: 0.05, name='opt')"),
    _opt("adam_default", "keras.optimizers.Adam(name='opt')"),
    _opt("adam_lr", "keras.optimizers.Adam(0.1, name='opt')"),
    _opt("adam_amsgrad", "keras.optimizers.Adam(0.1, amsgrad=True, name='opt')"),
    _opt("adam_betas_eps", "keras.optimizers.Adam(0.05, beta_1=0.5, beta_2=0.9, epsilon=0.1, name='opt')"),
    _opt("adam_exp_decay", "keras.optimizers.Adam(" + _SCHED +
         "ExponentialDecay(0.1, 2, 0.5), name='opt')"),
    _opt("adam_exp_decay_staircase", "keras.optimizers.Adam(" + _SCHED +
         "ExponentialDecay(0.1, 2, 0.5, staircase=True), name='opt')"),
    _opt("adam_cosine", "keras.optimizers.Adam(" + _SCHED + "CosineDecay(0.1, 4, alpha=0.1), name='opt')"),
    _opt("adam_cosine_warmup", "keras.optimizers.Adam(" + _SCHED +
         "CosineDecay(0.01, 3, warmup_target=0.1, warmup_steps=2), name='opt')"),
    _opt("adam_cosine_restarts", "keras.optimizers.Adam(" + _SCHED +
         "CosineDecayRestarts(0.1, 2, t_mul=2.0, m_mul=0.5), name='opt')"),
    _opt("adam_lr_change", "keras.optimizers.Adam(0.1, name='opt')",
         hook="if i == 2: opt.learning_rate = 0.01"),
    _opt("adam_clipnorm", "keras.optimizers.Adam(0.1, clipnorm=1.0, name='opt')"),
    _opt("adam_clipvalue", "keras.optimizers.Adam(0.1, clipvalue=0.5, name='opt')"),
    _opt("adam_global_clipnorm", "keras.optimizers.Adam(0.1, global_clipnorm=1.0, name='opt')"),
    _opt("sgd_clipnorm", "keras.optimizers.SGD(0.1, clipnorm=0.5, name='opt')"),
    _opt("sgd_global_clipnorm", "keras.optimizers.SGD(0.1, global_clipnorm=2.0, name='opt')"),
    _opt("sgd_clipvalue", "keras.optimizers.SGD(0.1, clipvalue=0.3, name='opt')"),
    _opt("adam_weight_decay", "keras.optimizers.Adam(0.1, weight_decay=0.1, name='opt')"),
    _opt("adam_none_grad", "keras.optimizers.Adam(0.1, name='opt')", none="i == 3"),
    _opt("adam_loss_scale", "keras.optimizers.Adam(0.1, loss_scale_factor=4.0, name='opt')"),
    _opt("adam_ema", "keras.optimizers.Adam(0.1, use_ema=True, ema_momentum=0.9, name='opt')",
         final="opt.finalize_variable_values([w, b]); out.append([w.numpy(), b.numpy()])"),
    _opt("adam_ema_overwrite", "keras.optimizers.Adam(0.1, use_ema=True, ema_momentum=0.5, "
         "ema_overwrite_frequency=2, name='opt')"),
    _opt("adam_grad_accum", "keras.optimizers.Adam(0.1, gradient_accumulation_steps=2, name='opt')"),
    _opt("sgd_grad_accum", "keras.optimizers.SGD(0.1, momentum=0.5, gradient_accumulation_steps=2, name='opt')"),
    _opt("adamw_default", "keras.optimizers.AdamW(name='opt')"),
    _opt("adamw_decay", "keras.optimizers.AdamW(0.1, weight_decay=0.1, name='opt')"),
    _opt("adamw_exclude", "keras.optimizers.AdamW(0.1, weight_decay=0.1, name='opt')",
         setup="opt.exclude_from_weight_decay(var_names=['b'])"),
    _opt("adamw_exclude_list", "keras.optimizers.AdamW(0.1, weight_decay=0.1, name='opt')",
         setup="opt.exclude_from_weight_decay(var_list=[w])"),
    _opt("adamax_default", "keras.optimizers.Adamax(name='opt')"),
    _opt("adamax_lr", "keras.optimizers.Adamax(0.1, name='opt')"),
    _opt("nadam_default", "keras.optimizers.Nadam(name='opt')"),
    _opt("nadam_lr", "keras.optimizers.Nadam(0.1, name='opt')"),
    _opt("rmsprop_default", "keras.optimizers.RMSprop(name='opt')"),
    _opt("rmsprop_lr", "keras.optimizers.RMSprop(0.1, name='opt')"),
    _opt("rmsprop_momentum", "keras.optimizers.RMSprop(0.1, momentum=0.9, name='opt')"),
    _opt("rmsprop_centered", "keras.optimizers.RMSprop(0.1, centered=True, name='opt')"),
    _opt("rmsprop_centered_momentum",
         "keras.optimizers.RMSprop(0.05, rho=0.8, momentum=0.5, centered=True, name='opt')"),
    _opt("adagrad_default", "keras.optimizers.Adagrad(name='opt')"),
    _opt("adagrad_lr", "keras.optimizers.Adagrad(0.1, initial_accumulator_value=0.5, name='opt')"),
    _opt("adadelta_default", "keras.optimizers.Adadelta(name='opt')"),
    _opt("adadelta_lr", "keras.optimizers.Adadelta(1.0, rho=0.9, name='opt')"),
    _opt("ftrl_default", "keras.optimizers.Ftrl(name='opt')"),
    _opt("ftrl_reg", "keras.optimizers.Ftrl(0.1, l1_regularization_strength=0.01, "
         "l2_regularization_strength=0.01, l2_shrinkage_regularization_strength=0.01, beta=0.1, "
         "name='opt')"),
    _opt("ftrl_power", "keras.optimizers.Ftrl(0.1, learning_rate_power=-1.0, "
         "initial_accumulator_value=0.5, name='opt')"),
    _opt("adam_float64", "keras.optimizers.Adam(0.1, name='opt')",
         pre="w0 = w0.astype(np.float64); b0 = b0.astype(np.float64)\n"),
    _opt("nadam_float64", "keras.optimizers.Nadam(0.1, name='opt')",
         pre="w0 = w0.astype(np.float64); b0 = b0.astype(np.float64)\n"),
    _opt("sgd_float64_wd", "keras.optimizers.SGD(0.1, momentum=0.9, weight_decay=0.05, name='opt')",
         pre="w0 = w0.astype(np.float64); b0 = b0.astype(np.float64)\n"),
    _opt("lion_float64", "keras.optimizers.Lion(0.1, name='opt')",
         pre="w0 = w0.astype(np.float64); b0 = b0.astype(np.float64)\n"),
    _opt("lion_default", "keras.optimizers.Lion(name='opt')"),
    _opt("lion_lr", "keras.optimizers.Lion(0.1, beta_1=0.5, beta_2=0.9, name='opt')"),
    ("adam_trap_tiny_grad", """
w = tf.Variable([1.0])
opt = keras.optimizers.Adam(0.1)
for _ in range(2):
    opt.apply_gradients([(tf.constant([1e-6]), w)])
out = w.numpy()
""", {}),
    ("sgd_trap_velocity", """
w = tf.Variable([1.0])
opt = keras.optimizers.SGD(0.1, momentum=0.9)
opt.apply_gradients([(tf.constant([1.0]), w)])
opt.learning_rate = 0.01
opt.apply_gradients([(tf.constant([1.0]), w)])
out = w.numpy()
""", {}),
    ("apply_no_vars", """
w = tf.Variable([1.0, 2.0]); b = tf.Variable([3.0])
opt = keras.optimizers.SGD(0.5)
opt.build([w, b])
opt.apply([tf.constant([1.0, 1.0]), tf.constant([2.0])])
out = [w.numpy(), b.numpy(), len(opt.variables)]
""", {}),
    ("config_adam", "keras.optimizers.Adam(0.01, amsgrad=True, clipnorm=1.0, name='x').get_config()", {}),
    ("config_sgd", "keras.optimizers.SGD(name='x').get_config()", {}),
    ("config_rmsprop", "keras.optimizers.RMSprop(name='x').get_config()", {}),
    ("config_schedule", "keras.optimizers.Adam(" + _SCHED +
     "ExponentialDecay(0.1, 10, 0.9), name='x').get_config()", {}),
    ("serialize_adam", "keras.optimizers.serialize(keras.optimizers.Adam(name='x'))", {}),
    ("from_config_roundtrip", """
o = keras.optimizers.Adam.from_config(keras.optimizers.Adam(0.02, beta_1=0.8, name='x').get_config())
out = [o.get_config(), type(o).__name__]
""", {}),
    ("deserialize_case", """
o = keras.optimizers.deserialize({'class_name': 'RMSprop', 'config': {'learning_rate': 0.1, 'name': 'x'}})
out = [type(o).__name__, o.get_config()['learning_rate']]
""", {}),
    ("get_names", "[type(keras.optimizers.get(n)).__name__ for n in ['adam', 'Adam', 'sgd', 'rmsprop', "
     "'adamw', 'adamax', 'nadam', 'adagrad', 'adadelta', 'ftrl', 'lion']]", {}),
    ("get_unknown", "keras.optimizers.get('not_an_opt')", {}),
    ("lr_int_rejected", "keras.optimizers.Adam(learning_rate=1)", {}),
    ("lr_is_variable", """
opt = keras.optimizers.Adam(0.25)
out = [float(np.asarray(opt.learning_rate)), np.asarray(opt.learning_rate).dtype.name,
       np.asarray(opt.iterations).dtype.name, len(opt.variables)]
""", {}),
    ("lr_schedule_not_settable", """
opt = keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9))
opt.learning_rate = 0.5
""", {}),
    ("lr_schedule_value", """
opt = keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9))
w = tf.Variable([1.0])
for _ in range(3):
    opt.apply_gradients([(tf.constant([0.5]), w)])
out = [opt.learning_rate, len(opt.variables)]
""", {}),
    ("two_clip_args", "keras.optimizers.SGD(clipnorm=1.0, clipvalue=1.0)", {}),
    ("sgd_bad_momentum", "keras.optimizers.SGD(momentum=1)", {}),
    ("adamw_none_decay", "keras.optimizers.AdamW(weight_decay=None)", {}),
    ("unknown_kwarg", "keras.optimizers.Adam(foo=1)", {}),
    ("all_none_grads", """
w = tf.Variable([1.0])
keras.optimizers.SGD().apply_gradients([(None, w)])
""", {}),
    ("unknown_variable", """
w = tf.Variable([1.0]); v = tf.Variable([2.0])
opt = keras.optimizers.SGD()
opt.apply_gradients([(tf.constant([1.0]), w)])
opt.apply_gradients([(tf.constant([1.0]), v)])
""", {}),
    ("variables_slot_order", """
w = tf.Variable(np.ones((2, 2), np.float32), name='w'); b = tf.Variable(np.ones(2, np.float32), name='b')
res = []
for o in [keras.optimizers.SGD(momentum=0.9, name='o'),
          keras.optimizers.RMSprop(momentum=0.9, centered=True, name='o'),
          keras.optimizers.Adam(amsgrad=True, use_ema=True, name='o'),
          keras.optimizers.Adam(gradient_accumulation_steps=2, name='o'),
          keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9), name='o')]:
    o.build([w, b])
    res.append([v.path for v in o.variables])
out = res
""", {}),
]

# Adafactor / Lamb: 5 steps on a 2-D, a 1-D, a 3-D and a 0-D variable
_XOPT_PRE = """
rs = np.random.RandomState(11)
W0 = [rs.normal(size=s).astype(np.float32) for s in [(3, 2), (2,), (2, 3, 4), ()]]
G = [[rs.normal(size=np.shape(x)).astype(np.float32) * s for x in W0] for s in (1.0, 3.0, 0.5, 2.0, 0.1)]
"""

_XOPT_LOOP = """
vs = [tf.Variable(x, name=n) for x, n in zip(W0, ['w', 'b', 'k', 's'])]
{setup}
out = []
for i, gs in enumerate(G):
    opt.apply_gradients(zip([tf.constant(g) for g in gs], vs))
    out.append([v.numpy() for v in vs])
out.append([[v.path, list(v.shape), np.asarray(v).dtype.name] for v in opt.variables])
out.append(int(np.asarray(opt.iterations)))
"""


def _xopt(cid, ctor, setup="", pre="", **opts):
    return (cid, _XOPT_PRE + pre + f"opt = {ctor}\n" + _XOPT_LOOP.format(setup=setup), opts)


_F64 = ("W0 = [np.asarray(x, np.float64) for x in W0]; "
        "G = [[np.asarray(g, np.float64) for g in gs] for gs in G]\n")

# 5 GradientTape steps on an Embedding + Dense model (the embedding gets an IndexedSlices gradient
# with repeated rows). Muon: AdamW path for embeddings and biases, Muon path for the kernels (two
# of the same shape, one wide, one tall)
_XMODEL = """
rs = np.random.RandomState(5)
model = keras.Sequential([keras.Input((3,), dtype='int32'), keras.layers.Embedding(6, 4, name='emb'),
                          keras.layers.Flatten(), keras.layers.Dense(12, name='h1'),
                          keras.layers.Dense(12, activation='tanh', name='h2'),
                          keras.layers.Dense(16, activation='tanh', name='h3'),
                          keras.layers.Dense(2, name='out')], name='m')
model.set_weights([rs.normal(size=w.shape).astype(np.float32) * 0.3 for w in model.get_weights()])
x = rs.randint(0, 6, size=(8, 3)).astype(np.int32)
y = rs.normal(size=(8, 2)).astype(np.float32)
opt = {ctor}
{setup}
out = []
for i in range(5):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    out.append(float(loss))
out.append([v.numpy() for v in model.trainable_variables])
out.append([v.path for v in opt.variables])
out.append(int(np.asarray(opt.iterations)))
"""


def _xmodel(cid, ctor, setup="", **opts):
    return (cid, _XMODEL.format(ctor=ctor, setup=setup), opts)


_XSCHED = "keras.optimizers.schedules."

OPTIMIZER_CASES += [
    _xopt("adafactor_default", "keras.optimizers.Adafactor(name='opt')"),
    _xopt("adafactor_lr_capped", "keras.optimizers.Adafactor(0.8, name='opt')"),
    _xopt("adafactor_no_relative_step", "keras.optimizers.Adafactor(0.8, relative_step=False, name='opt')"),
    _xopt("adafactor_clip_threshold", "keras.optimizers.Adafactor(0.1, clip_threshold=0.5, name='opt')"),
    _xopt("adafactor_options", "keras.optimizers.Adafactor(0.05, beta_2_decay=-0.5, epsilon_1=1e-20, "
          "epsilon_2=0.01, clip_threshold=2.0, name='opt')"),
    _xopt("adafactor_schedule", "keras.optimizers.Adafactor(" + _XSCHED +
          "ExponentialDecay(0.9, 2, 0.5), name='opt')"),
    _xopt("adafactor_weight_decay", "keras.optimizers.Adafactor(0.1, weight_decay=0.1, name='opt')"),
    _xopt("adafactor_zero_grads", "keras.optimizers.Adafactor(0.1, name='opt')",
          pre="G[0][0][:] = 0\nfor gs in G:\n    gs[2][:, :, 1] = 0\n"),
    _xopt("adafactor_small_weights", "keras.optimizers.Adafactor(0.1, name='opt')",
          pre="W0 = [x * np.float32(1e-4) for x in W0]\n"),
    _xopt("adafactor_float64", "keras.optimizers.Adafactor(0.1, name='opt')",
          pre="W0 = [x * np.float32(1e-4) for x in W0]\n" + _F64),
    _xopt("adafactor_clipnorm", "keras.optimizers.Adafactor(0.1, clipnorm=0.5, name='opt')"),
    _xmodel("adafactor_model", "keras.optimizers.Adafactor(0.05, name='opt')"),
    _xmodel("adafactor_model_clip", "keras.optimizers.Adafactor(0.05, clip_threshold=0.3, weight_decay=0.05, "
            "name='opt')"),
    _xopt("lamb_default", "keras.optimizers.Lamb(name='opt')"),
    _xopt("lamb_options", "keras.optimizers.Lamb(0.1, beta_1=0.8, beta_2=0.99, epsilon=1e-3, name='opt')"),
    _xopt("lamb_weight_decay", "keras.optimizers.Lamb(0.1, weight_decay=0.1, name='opt')"),
    _xopt("lamb_zero_weights_and_grads", "keras.optimizers.Lamb(0.1, name='opt')",
          pre="W0[1] = np.zeros(2, np.float32)\nfor gs in G:\n    gs[3] = np.float32(0)\n"),
    _xopt("lamb_float64", "keras.optimizers.Lamb(0.1, name='opt')", pre=_F64),
    _xopt("lamb_schedule", "keras.optimizers.Lamb(" + _XSCHED +
          "CosineDecay(0.2, 4, alpha=0.1), global_clipnorm=1.0, name='opt')"),
    _xmodel("lamb_model", "keras.optimizers.Lamb(0.05, name='opt')"),
    _xmodel("muon_default", "keras.optimizers.Muon(name='opt')"),
    _xmodel("muon_lr", "keras.optimizers.Muon(0.05, name='opt')"),
    _xmodel("muon_exclude_layers", "keras.optimizers.Muon(0.05, exclude_layers=['out', 'h[3]'], name='opt')"),
    _xmodel("muon_embeddings_on_muon_path",
            "keras.optimizers.Muon(0.05, exclude_embeddings=False, name='opt')"),
    _xmodel("muon_plain_momentum", "keras.optimizers.Muon(0.05, nesterov=False, rms_rate=None, ns_steps=3, "
          "momentum=0.8, name='opt')"),
    _xmodel("muon_no_decay",
            "keras.optimizers.Muon(0.05, weight_decay=None, adam_weight_decay=None, name='opt')"),
    _xmodel("muon_adam_options", "keras.optimizers.Muon(0.05, weight_decay=None, adam_weight_decay=0.1, "
          "adam_lr_ratio=0.5, adam_beta_1=0.8, adam_beta_2=0.99, epsilon=1e-3, name='opt')"),
    _xmodel("muon_exclude_from_decay", "keras.optimizers.Muon(0.05, weight_decay=0.2, name='opt')",
          setup="opt.exclude_from_weight_decay(var_names=['bias', 'h2'])"),
    _xmodel("muon_schedule", "keras.optimizers.Muon(" + _XSCHED + "ExponentialDecay(0.05, 2, 0.5), "
          "muon_a=3.0, muon_b=-3.5, muon_c=1.5, name='opt')"),
    _xmodel("muon_clipvalue", "keras.optimizers.Muon(0.05, clipvalue=0.01, name='opt')"),
    ("muon_tf_variable_2d", """
w = tf.Variable(np.ones((2, 3), np.float32))
keras.optimizers.Muon().build([w])
""", {}),
    ("muon_tf_variables_1d", """
w = tf.Variable(np.array([1.0, -2.0], np.float32)); s = tf.Variable(0.5)
opt = keras.optimizers.Muon(0.1)
for g in (1.0, -3.0, 0.5):
    opt.apply_gradients([(tf.constant([g, 2 * g]), w), (tf.constant(g), s)])
out = [w.numpy(), s.numpy(), len(opt.variables)]
""", {}),
    ("config_adafactor", "keras.optimizers.Adafactor(0.01, beta_2_decay=-0.5, relative_step=False, "
     "clipnorm=1.0, name='x').get_config()", {}),
    ("config_adafactor_default", "keras.optimizers.Adafactor(name='x').get_config()", {}),
    ("config_lamb", "keras.optimizers.Lamb(name='x').get_config()", {}),
    ("config_lamb_options", "keras.optimizers.Lamb(0.02, beta_1=0.5, epsilon=1e-4, weight_decay=0.01, "
     "name='x').get_config()", {}),
    ("config_muon", "keras.optimizers.Muon(name='x').get_config()", {}),
    ("config_muon_options", "keras.optimizers.Muon(0.02, exclude_layers=['out'], exclude_embeddings=False, "
     "rms_rate=None, adam_lr_ratio=0.1, nesterov=False, ns_steps=3, weight_decay=None, "
     "name='x').get_config()", {}),
    ("serialize_extra", "[keras.optimizers.serialize(c(name='x')) for c in (keras.optimizers.Adafactor, "
     "keras.optimizers.Lamb, keras.optimizers.Muon)]", {}),
    ("from_config_extra", """
out = []
for c, kw in ((keras.optimizers.Adafactor, dict(clip_threshold=2.0)), (keras.optimizers.Lamb, dict(beta_2=0.9)),
              (keras.optimizers.Muon, dict(exclude_layers=['a'], rms_rate=None))):
    o = c.from_config(c(0.02, name='x', **kw).get_config())
    out.append([type(o).__name__, o.get_config()])
""", {}),
    ("get_extra_names", "[type(keras.optimizers.get(n)).__name__ for n in ['adafactor', 'Adafactor', "
     "'muon', 'Muon']]", {}),
    ("get_lamb_by_name", "keras.optimizers.get('lamb')", {}),
    ("lamb_unknown_kwarg", "keras.optimizers.Lamb(beta=0.5)", {}),
    ("adafactor_lr_int_rejected", "keras.optimizers.Adafactor(learning_rate=1)", {}),
]

# ScheduleFreeAdamW, OptimizerMap, MultiOptimizer (keras.optimizers names of Keras 3.15)
_SF = "keras.optimizers.ScheduleFreeAdamW"
_MO = "keras.optimizers.MultiOptimizer"
_OM = "keras.optimizers.OptimizerMap"
_MO_MAP = (f"{_MO}({_OM}(keras.optimizers.AdamW(0.05, weight_decay=0.1, global_clipnorm=0.5, "
           "name='adamw'), {'m/h1/.*': keras.optimizers.Adam(0.05, name='adam'), "
           f"'.*emb.*': {_SF}(0.05, name='sf'), 'm/out/kernel': keras.optimizers.Lamb(0.05, "
           "name='lamb')}), name='opt')")

# a Dense model trained by fit (shuffle=False), then evaluated and used for prediction
_FIT = """
rs = np.random.RandomState(2)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation='tanh', name='a'),
                          keras.layers.Dense(1, name='b')], name='f')
model.set_weights([rs.normal(size=w.shape).astype(np.float32) * 0.5 for w in model.get_weights()])
x = rs.normal(size=(32, 4)).astype(np.float32)
y = rs.normal(size=(32, 1)).astype(np.float32)
opt = {ctor}
model.compile(opt, 'mse'{compile_kw})
{pre_fit}
h = model.fit(x, y, epochs=3, batch_size=8, shuffle=False, verbose=0{fit_kw})
out = [h.history, [w.numpy() for w in model.trainable_variables], model.evaluate(x, y, verbose=0),
       model.predict(x[:3], verbose=0), [v.path for v in opt.variables], int(np.asarray(opt.iterations))]
{extra}
"""


def _fit(cid, ctor, fit_kw="", extra="", compile_kw="", pre_fit="", **opts):
    return (cid, _FIT.format(ctor=ctor, fit_kw=fit_kw, extra=extra, compile_kw=compile_kw,
                             pre_fit=pre_fit), opts)


# a one-Dense model whose two variables are driven by explicit gradients
_TWO = """
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, name='k')], name='n')
model.set_weights([np.ones((2, 2), np.float32), np.zeros(2, np.float32)])
k, b = model.trainable_variables
opt = {ctor}
"""


def _two(cid, ctor, code, **opts):
    return (cid, _TWO.format(ctor=ctor) + code, opts)


_SUBITS = "[int(np.asarray(o.iterations)) for o in opt.optimizers]"

OPTIMIZER_CASES += [
    _opt("sfadamw_default", f"{_SF}(name='opt')"),
    _opt("sfadamw_lr", f"{_SF}(0.1, name='opt')"),
    _opt("sfadamw_warmup", f"{_SF}(0.1, warmup_steps=3, name='opt')"),
    _opt("sfadamw_weight_decay_warmup", f"{_SF}(0.1, weight_decay=0.1, warmup_steps=2, name='opt')"),
    _opt("sfadamw_exclude_decay", f"{_SF}(0.1, weight_decay=0.2, name='opt')",
         setup="opt.exclude_from_weight_decay(var_names=['b'])"),
    _opt("sfadamw_schedule_clipnorm", f"{_SF}(" + _SCHED +
         "ExponentialDecay(0.1, 2, 0.5), clipnorm=1.0, name='opt')"),
    _opt("sfadamw_lr_change", f"{_SF}(0.1, name='opt')", hook="if i == 2: opt.learning_rate = 0.01"),
    _opt("sfadamw_grad_accum", f"{_SF}(0.1, gradient_accumulation_steps=2, name='opt')"),
    _opt("sfadamw_ema", f"{_SF}(0.1, use_ema=True, ema_momentum=0.5, name='opt')",
         final="opt.finalize_variable_values([w, b]); out.append([w.numpy(), b.numpy()])"),
    _opt("sfadamw_none_grad", f"{_SF}(0.1, name='opt')", none="i == 3"),
    _opt("sfadamw_loss_scale", f"{_SF}(0.1, loss_scale_factor=8.0, name='opt')"),
    _opt("sfadamw_beta1_ignored", f"{_SF}(0.1, beta_1=0.3, name='opt')"),
    _opt("sfadamw_beta1_zero_nan", f"{_SF}(0.1, beta_1=0.0, name='opt')"),
    _xopt("sfadamw_options", f"{_SF}(0.1, beta_1=0.8, beta_2=0.9, epsilon=1e-3, warmup_steps=4, "
          "name='opt')"),
    _xopt("sfadamw_float64", f"{_SF}(0.1, warmup_steps=2, name='opt')", pre=_F64),
    _xopt("sfadamw_global_clipnorm", f"{_SF}(0.1, global_clipnorm=1.0, name='opt')"),
    _xmodel("sfadamw_model", f"{_SF}(0.05, name='opt')"),
    _xmodel("sfadamw_model_decay_clip", f"{_SF}(0.05, weight_decay=0.05, clipvalue=0.02, name='opt')"),
    # run_eagerly: tf.keras's traced first step loses the momentum copy (a TF bug the shim
    # does not reproduce; see schedule_free_adamw.py), the eager build keeps it
    _fit("sfadamw_fit", f"{_SF}(0.05, weight_decay=0.01, warmup_steps=2, name='opt')",
         fit_kw=", validation_data=(x, y)", compile_kw=", run_eagerly=True"),
    _fit("sfadamw_fit_run_eagerly", f"{_SF}(0.05, name='opt')", compile_kw=", run_eagerly=True"),
    _fit("sfadamw_fit_prebuilt", f"{_SF}(0.05, name='opt')",
         pre_fit="opt.build(model.trainable_variables)"),
    _fit("sfadamw_train_on_batch", f"{_SF}(0.05, name='opt')", compile_kw=", run_eagerly=True",
         pre_fit="out0 = [model.train_on_batch(x[:8], y[:8]), [w.numpy() for w in model.trainable_variables]]",
         extra="out.append(out0)"),
    ("sfadamw_momentum_starts_at_weights", """
w = tf.Variable(np.array([1.0, -2.0], np.float32), name='w')
opt = keras.optimizers.ScheduleFreeAdamW(0.5)
opt.build([w])
out = [[np.asarray(v) for v in opt.variables]]
w.assign([3.0, 4.0])
opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
out.append([w.numpy(), [np.asarray(v) for v in opt.variables]])
""", {}),
    ("config_sfadamw", f"{_SF}(name='x').get_config()", {}),
    ("config_sfadamw_options", f"{_SF}(0.01, beta_1=0.5, beta_2=0.99, epsilon=1e-6, warmup_steps=100, "
     "weight_decay=0.004, clipvalue=1.0, name='x').get_config()", {}),
    ("serialize_sfadamw", f"keras.optimizers.serialize({_SF}(0.005, warmup_steps=10, name='x'))", {}),
    ("from_config_sfadamw", f"""
o = {_SF}.from_config({_SF}(0.02, beta_2=0.9, warmup_steps=5, name='x').get_config())
out = [type(o).__name__, o.get_config()]
""", {}),
    ("get_sfadamw_names", "[type(keras.optimizers.get(n)).__name__ for n in ['schedulefreeadamw', "
     "'ScheduleFreeAdamW']]", {}),
    ("sfadamw_unknown_kwarg", f"{_SF}(beta=0.5)", {}),
    ("sfadamw_lr_int_rejected", f"{_SF}(learning_rate=1)", {}),
    # MultiOptimizer
    # atol: Adam's step on this model's near-zero h2 gradients is as sensitive with a plain Adam
    _xmodel("multi_model", _MO_MAP, atol=2e-5),
    ("multi_model_sub_optimizers", _XMODEL.format(ctor=_MO_MAP, setup="") + f"""
out = [out[-1], {_SUBITS}, [o.name for o in opt.optimizers],
       [[v.path, np.asarray(v)] for o in opt.optimizers for v in o.variables if 'learning_rate' in v.path]]
""", {}),
    ("multi_callable_selector", """
def pick(v):
    return keras.optimizers.Adam(0.1, name='adam') if 'kernel' in v.path else keras.optimizers.SGD(0.1, name='sgd')
""" + _XMODEL.format(ctor=f"{_MO}(pick, name='opt')", setup="") + f"""
out += [{_SUBITS}, [o.name for o in opt.optimizers], opt.get_config()]
""", {"atol": 2e-5}),
    _fit("multi_fit", f"{_MO}({_OM}(keras.optimizers.SGD(0.1, name='s'), "
         f"{{'f/a/.*': {_SF}(0.02, warmup_steps=3, name='sf')}}), name='mo')",
         fit_kw=", callbacks=[keras.callbacks.LearningRateScheduler(lambda e, lr: lr * 0.5)]",
         compile_kw=", run_eagerly=True",
         extra=f"out += [{_SUBITS}, [float(np.asarray(o.learning_rate)) for o in opt.optimizers]]"),
    _fit("multi_fit_loss_scale", f"{_MO}({_OM}(keras.optimizers.SGD(0.1, loss_scale_factor=2.0, "
         "name='s'), {'f/b/.*': keras.optimizers.Adam(0.05, name='ad')}), loss_scale_factor=64.0, "
         "name='mo')",
         extra=f"out += [{_SUBITS}, [o.loss_scale_factor for o in opt.optimizers], "
               "float(opt.scale_loss(tf.constant(0.5)))]"),
    _two("multi_variables_before_and_after_build",
         f"{_MO}({_OM}(keras.optimizers.SGD(0.1, momentum=0.9, name='s'), "
         "{'n/k/kernel': keras.optimizers.Adam(0.1, name='a')}), name='mo')", f"""
out = [[v.path for v in opt.variables], opt.built, len(opt.optimizers)]
opt.build([k, b])
out += [[v.path for v in opt.variables], opt.built, {_SUBITS}]
opt.apply_gradients([(tf.ones((2, 2)), k), (tf.ones(2), b)])
opt.apply([tf.ones((2, 2)), tf.ones(2)])
opt.apply_gradients([(tf.ones(2), b), (tf.ones((2, 2)), k)])
out += [k.numpy(), b.numpy(), int(np.asarray(opt.iterations)), {_SUBITS}]
"""),
    _two("multi_set_weights", f"{_MO}({_OM}(keras.optimizers.SGD(0.1, momentum=0.9, name='s'), "
         "{'n/k/kernel': keras.optimizers.Adam(0.1, name='a')}), name='mo')", f"""
opt.build([k, b])
opt.set_weights([np.int64(7), np.float32(0.5), np.int64(2), np.float32(0.25),
                 np.full((2, 2), 0.5, np.float32), np.full((2, 2), 2.0, np.float32),
                 np.int64(3), np.float32(0.125), np.full((2,), -1.0, np.float32)])
out = [[np.asarray(v) for v in opt.variables]]
opt.apply_gradients([(tf.ones((2, 2)), k), (tf.ones(2), b)])
out += [k.numpy(), b.numpy(), int(np.asarray(opt.iterations)), {_SUBITS}]
"""),
    _two("multi_none_grad_partial_step", f"{_MO}({_OM}(keras.optimizers.SGD(0.1), "
         "{'n/k/kernel': keras.optimizers.Adam(0.1)}))", f"""
opt.build([k, b])
out = []
try:
    opt.apply_gradients([(tf.ones((2, 2)), k), (None, b)])
except ValueError as e:
    out.append(str(e))
out += [k.numpy(), b.numpy(), int(np.asarray(opt.iterations)), {_SUBITS}]
"""),
    _two("multi_grad_count_mismatch", f"{_MO}({_OM}(keras.optimizers.SGD(0.1)))",
         "opt.apply_gradients([(tf.ones((2, 2)), k)])\nopt.apply_gradients([(tf.ones((2, 2)), k), "
         "(tf.ones(2), b)])\n"),
    _two("multi_unknown_variable", f"{_MO}({_OM}(keras.optimizers.SGD(0.1)))",
         "opt.build([k])\nopt.apply_gradients([(tf.ones(2), b)])\n"),
    _two("multi_apply_unbuilt_no_vars", f"{_MO}({_OM}(keras.optimizers.SGD(0.1)))",
         "opt.apply([tf.ones((2, 2))])\n"),
    _two("multi_selector_not_optimizer", f"{_MO}(lambda v: 'adam')", "opt.build([k, b])\n"),
    _two("multi_selector_loss_scale", f"{_MO}(lambda v: keras.optimizers.LossScaleOptimizer("
         "keras.optimizers.SGD()))", "opt.build([k, b])\n"),
    _two("multi_selector_nested", f"{_MO}(lambda v: {_MO}({_OM}(keras.optimizers.SGD())))",
         "opt.build([k, b])\n"),
    _two("multi_map_not_callable", f"{_MO}(keras.optimizers.SGD())", "opt.build([k, b])\n"),
    ("multi_plain_tf_variable", f"""
opt = {_MO}({_OM}(keras.optimizers.SGD()))
opt.apply_gradients([(tf.ones(2), tf.Variable([1.0, 2.0]))])
""", {}),
    ("multi_learning_rate_get", f"{_MO}({_OM}(keras.optimizers.SGD())).learning_rate", {}),
    ("multi_learning_rate_set", f"""
opt = {_MO}({_OM}(keras.optimizers.SGD()))
opt.learning_rate = 0.1
""", {}),
    ("multi_learning_rate_kwarg", f"{_MO}({_OM}(keras.optimizers.SGD()), learning_rate=0.1)", {}),
    ("multi_attributes", f"""
keras.backend.clear_session()
opt = {_MO}({_OM}(keras.optimizers.SGD(name='s'), {{'x': keras.optimizers.Adam(name='a')}}), name='mo')
out = [opt.name, [o.name for o in opt.optimizers], opt.weight_decay, opt.clipnorm, opt.use_ema,
       opt.loss_scale_factor, int(np.asarray(opt.iterations)), opt.built, hasattr(opt, 'learning_rate'),
       {_MO}({_OM}(keras.optimizers.SGD())).name]
""", {}),
    ("optimizer_map_lookup", f"""
m = {_OM}(keras.optimizers.RMSprop(name='rms'))
m['encoder/layer_0/dense'] = keras.optimizers.Adam(name='adam')
m['encoder/.*'] = keras.optimizers.SGD(name='sgd')
m['decoder'] = keras.optimizers.Adam(name='adam2')
out = [m[k].name for k in ['decoder', 'encoder/layer_0/dense', 'encoder/layer_0/attention/query',
                           'decoder/layer_0/dense', 'encoder']]
out += [len(m), list(m), 'anything' in m, m.default_optimizer.name, sorted(m.keys())]
del m['decoder']
out += [len(m), m['decoder'].name]
""", {}),
    ("optimizer_map_multiple_matches", f"{_OM}(keras.optimizers.SGD(), {{'a.*': keras.optimizers.Adam(), "
     "'ab.*': keras.optimizers.Adam()})['abc']", {}),
    ("optimizer_map_exact_key_first", f"{_OM}(keras.optimizers.SGD(), {{'a.*': keras.optimizers.Adam(), "
     "'abc': keras.optimizers.Lion()})['abc'].__class__.__name__", {}),
    ("optimizer_map_bad_default", f"{_OM}('adam')", {}),
    ("optimizer_map_bad_map", f"{_OM}(keras.optimizers.SGD(), [('a', keras.optimizers.Adam())])", {}),
    ("optimizer_map_duplicate_key", f"""
m = {_OM}(keras.optimizers.SGD(), {{'a': keras.optimizers.Adam()}})
m['a'] = keras.optimizers.SGD()
""", {}),
    ("optimizer_map_key_not_str", f"{_OM}(keras.optimizers.SGD()).__setitem__(1, keras.optimizers.SGD())", {}),
    ("optimizer_map_value_not_optimizer", f"{_OM}(keras.optimizers.SGD()).__setitem__('a', 'sgd')", {}),
    ("optimizer_map_value_loss_scale", f"{_OM}(keras.optimizers.SGD()).__setitem__('a', "
     "keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD()))", {}),
    ("optimizer_map_value_multi", f"{_OM}(keras.optimizers.SGD()).__setitem__('a', "
     f"{_MO}({_OM}(keras.optimizers.SGD())))", {}),
    ("optimizer_map_unchecked_init_values", f"{_OM}(keras.optimizers.SGD(), {{'a': 'adam'}})['a']", {}),
    ("config_optimizer_map", f"{_OM}(keras.optimizers.SGD(name='s'), {{'d/.*': keras.optimizers.Adam(0.01, "
     f"name='a'), 'e': {_SF}(name='f')}}).get_config()", {}),
    ("config_multi", f"{_MO}({_OM}(keras.optimizers.SGD(name='s'), {{'d/.*': keras.optimizers.Adam(0.01, "
     "name='a')}), loss_scale_factor=4.0, name='mo').get_config()", {}),
    ("serialize_multi", f"keras.optimizers.serialize({_MO}({_OM}(keras.optimizers.SGD(name='s'), "
     "{'d/.*': keras.optimizers.Adam(name='a')}), name='mo'))", {}),
    ("serialize_optimizer_map", f"keras.optimizers.serialize({_OM}(keras.optimizers.SGD(name='s')))", {}),
    ("from_config_multi", f"""
mo = {_MO}({_OM}(keras.optimizers.SGD(name='s'), {{'d/.*': keras.optimizers.Adam(0.01, name='a'),
     'e': {_SF}(keras.optimizers.schedules.ExponentialDecay(0.1, 4, 0.5), name='f')}}), loss_scale_factor=2.0,
     name='mo')
o = {_MO}.from_config(mo.get_config())
d = keras.optimizers.deserialize(keras.optimizers.serialize(mo))
g = keras.optimizers.get(keras.optimizers.serialize(mo))
m = {_OM}.from_config(mo.get_config()['optimizer_map']['config'])
out = [[type(x).__name__, x.get_config(), [type(i).__name__ for i in x.optimizers]] for x in (o, d, g)]
out += [type(m).__name__, m.get_config(), type(m['e']).__name__, type(m['zz']).__name__]
""", {}),
    ("get_multioptimizer_by_name", "keras.optimizers.get('multioptimizer')", {}),
    ("get_optimizermap_by_name", "keras.optimizers.get('optimizermap')", {}),
    ("get_optimizer_map_config", f"keras.optimizers.get(keras.optimizers.serialize({_OM}("
     "keras.optimizers.SGD())))", {}),
]

# ---------------------------------------------------------------------------------------------
# losses

_L = """
yb = np.array([[0.], [1.], [1.], [0.]], np.float32)
pb = np.array([[0.1], [0.8], [0.4], [0.3]], np.float32)
yb2 = np.array([[0., 1., 1.], [1., 0., 0.]], np.float32)
pb2 = np.array([[0.2, 0.7, 0.9], [0.6, 0.1, 0.4]], np.float32)
yc = np.array([[0., 1., 0.], [0., 0., 1.], [1., 0., 0.]], np.float32)
pc = np.array([[0.05, 0.9, 0.05], [0.1, 0.6, 0.3], [0.5, 0.2, 0.2]], np.float32)
ys = np.array([1, 2, 0])
lc = np.array([[1.0, 3.0, -1.0], [0.5, -0.5, 2.0], [2.0, 1.0, 0.0]], np.float32)
yr = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], np.float32)
pr = np.array([[1.5, 1.0], [0.3, -0.2], [2.0, 4.0]], np.float32)
sw = np.array([1.0, 0.5, 2.0], np.float32)
"""


def _loss(cid, expr, **opts):
    return (cid, _L + "out = " + expr + "\n", opts)


_REG = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
        "MeanSquaredLogarithmicError", "Huber", "LogCosh", "CosineSimilarity"]
_PROB_R = ["KLDivergence", "Poisson"]

LOSS_CASES = []
for _c in _REG:
    LOSS_CASES += [
        _loss(f"{_c}_default", f"keras.losses.{_c}()(yr, pr)"),
        _loss(f"{_c}_sw", f"keras.losses.{_c}()(yr, pr, sample_weight=sw)"),
        _loss(f"{_c}_sum", f"keras.losses.{_c}(reduction='sum')(yr, pr, sample_weight=sw)"),
        _loss(f"{_c}_none", f"keras.losses.{_c}(reduction='none')(yr, pr)"),
        _loss(f"{_c}_mean_sw", f"keras.losses.{_c}(reduction='mean_with_sample_weight')(yr, pr, sample_weight=sw)"),
        _loss(f"{_c}_config", f"keras.losses.{_c}().get_config()"),
    ]
for _c in _PROB_R:
    LOSS_CASES += [
        _loss(f"{_c}_default", f"keras.losses.{_c}()(yc, pc)"),
        _loss(f"{_c}_sw", f"keras.losses.{_c}()(yc, pc, sample_weight=sw)"),
        _loss(f"{_c}_none", f"keras.losses.{_c}(reduction='none')(yc, pc)"),
    ]
LOSS_CASES += [
    _loss("Huber_delta", "keras.losses.Huber(delta=0.5)(yr, pr)"),
    _loss("CosineSimilarity_axis0", "keras.losses.CosineSimilarity(axis=0, reduction='none')(yr, pr)"),
    _loss("MAPE_zero_true", "keras.losses.MeanAbsolutePercentageError()(np.array([[0., 1.]], np.float32), np.array([[0.5, 2.]], np.float32))"),
    _loss("MSLE_negative", "keras.losses.MeanSquaredLogarithmicError()(yr, -pr)"),
    _loss("mse_int_labels", "keras.losses.MeanSquaredError()([[1], [2]], [[1], [3]])"),
    _loss("mse_fn_float64", "keras.losses.mse(yr.astype(np.float64), pr.astype(np.float64))"),
    _loss("mse_rank_mismatch", "keras.losses.MeanSquaredError()(np.array([1., 2.], np.float32), np.array([[1.5], [2.5]], np.float32))"),
    _loss("mse_sw_2d", "keras.losses.MeanSquaredError()(yr, pr, sample_weight=np.array([[1.], [0.], [2.]], np.float32))"),
    _loss("mse_sw_zero", "keras.losses.MeanSquaredError(reduction='mean_with_sample_weight')(yr, pr, sample_weight=np.zeros(3, np.float32))"),
    _loss("mse_3d", "keras.losses.MeanSquaredError()(np.ones((2, 3, 4), np.float32), np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 10)"),
    _loss("mse_scalar_result", "keras.losses.MeanSquaredError()(np.array([1., 2.], np.float32), np.array([1.5, 2.5], np.float32))"),
    # binary cross-entropy
    _loss("bce_default", "keras.losses.BinaryCrossentropy()(yb, pb)"),
    _loss("bce_sw", "keras.losses.BinaryCrossentropy()(yb, pb, sample_weight=np.array([1., 2., 0., 1.], np.float32))"),
    _loss("bce_sum", "keras.losses.BinaryCrossentropy(reduction='sum')(yb, pb)"),
    _loss("bce_none", "keras.losses.BinaryCrossentropy(reduction='none')(yb2, pb2)"),
    _loss("bce_2d", "keras.losses.BinaryCrossentropy()(yb2, pb2)"),
    _loss("bce_axis0", "keras.losses.BinaryCrossentropy(axis=0, reduction='none')(yb2, pb2)"),
    _loss("bce_logits", "keras.losses.BinaryCrossentropy(from_logits=True)(yb2, pb2 * 10 - 5)"),
    _loss("bce_smoothing", "keras.losses.BinaryCrossentropy(label_smoothing=0.2)(yb, pb)"),
    _loss("bce_logits_smoothing", "keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)(yb2, pb2 * 10 - 5)"),
    _loss("bce_extreme", "keras.losses.BinaryCrossentropy(reduction='none')(np.array([[0.], [1.], [1.], [0.]], np.float32), np.array([[1.], [0.], [1.], [0.]], np.float32))"),
    _loss("bce_extreme_logits", "keras.losses.BinaryCrossentropy(from_logits=True, reduction='none')(np.array([[0.], [1.]], np.float32), np.array([[100.], [-100.]], np.float32))"),
    _loss("bce_int_labels", "keras.losses.BinaryCrossentropy()(np.array([[0], [1], [1], [0]]), pb)"),
    _loss("bce_1d", "keras.losses.BinaryCrossentropy()(np.array([0., 1., 1.], np.float32), np.array([0.2, 0.7, 0.4], np.float32))"),
    _loss("bce_rank_expand", "keras.losses.BinaryCrossentropy()(np.array([0., 1., 1., 0.], np.float32), pb)"),
    _loss("bce_sigmoid_cache", "keras.losses.BinaryCrossentropy(reduction='none')(np.array([[0.], [1.], [0.]], np.float32), keras.activations.sigmoid(tf.constant([[30.], [-20.], [-3.]])))"),
    _loss("bce_sigmoid_cache_fn", "keras.losses.binary_crossentropy(np.array([[0.]], np.float32), keras.activations.sigmoid(tf.constant([[30.]])))"),
    _loss("bce_sigmoid_cache_smoothing", "keras.losses.BinaryCrossentropy(label_smoothing=0.1)(np.array([[0.], [1.]], np.float32), keras.activations.sigmoid(tf.constant([[30.], [-20.]])))"),
    _loss("bce_fn", "keras.losses.binary_crossentropy(yb2, pb2)"),
    _loss("bce_fn_logits", "keras.losses.binary_crossentropy(yb2, pb2, from_logits=True, label_smoothing=0.3)"),
    _loss("bce_shape_mismatch", "keras.losses.BinaryCrossentropy()(np.zeros((2, 3), np.float32), np.full((2, 2), 0.5, np.float32))"),
    _loss("bce_config", "keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1).get_config()"),
    # focal
    _loss("bfocal_default", "keras.losses.BinaryFocalCrossentropy()(yb2, pb2)"),
    _loss("bfocal_balanced", "keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3, gamma=1.5)(yb2, pb2)"),
    _loss("bfocal_logits", "keras.losses.BinaryFocalCrossentropy(from_logits=True, label_smoothing=0.1)(yb2, pb2 * 4 - 2)"),
    _loss("bfocal_none", "keras.losses.BinaryFocalCrossentropy(reduction='none')(yb, pb)"),
    _loss("bfocal_config", "keras.losses.BinaryFocalCrossentropy().get_config()"),
    _loss("cfocal_default", "keras.losses.CategoricalFocalCrossentropy()(yc, pc)"),
    _loss("cfocal_logits", "keras.losses.CategoricalFocalCrossentropy(from_logits=True, alpha=0.5, gamma=1.0)(yc, lc)"),
    _loss("cfocal_smoothing", "keras.losses.CategoricalFocalCrossentropy(label_smoothing=0.2, reduction='none')(yc, pc)"),
    # categorical cross-entropy
    _loss("cce_default", "keras.losses.CategoricalCrossentropy()(yc, pc)"),
    _loss("cce_sw", "keras.losses.CategoricalCrossentropy()(yc, pc, sample_weight=sw)"),
    _loss("cce_none", "keras.losses.CategoricalCrossentropy(reduction='none')(yc, pc)"),
    _loss("cce_unnormalized", "keras.losses.CategoricalCrossentropy(reduction='none')(yc, pc * 3)"),
    _loss("cce_logits", "keras.losses.CategoricalCrossentropy(from_logits=True)(yc, lc)"),
    _loss("cce_smoothing", "keras.losses.CategoricalCrossentropy(label_smoothing=0.1, reduction='none')(yc, pc)"),
    _loss("cce_logits_smoothing", "keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2)(yc, lc)"),
    _loss("cce_extreme", "keras.losses.CategoricalCrossentropy(reduction='none')(yc, np.array([[1., 0., 0.], [0., 0., 1.], [0., 1., 0.]], np.float32))"),
    _loss("cce_softmax_cache", "keras.losses.CategoricalCrossentropy(reduction='none')(np.array([[0., 1.]], np.float32), keras.activations.softmax(tf.constant([[40., 0.]])))"),
    _loss("cce_3d", "keras.losses.CategoricalCrossentropy()(np.tile(yc, (2, 1, 1)), np.tile(pc, (2, 1, 1)))"),
    _loss("cce_axis0", "keras.losses.CategoricalCrossentropy(axis=0, reduction='none')(yc, pc)"),
    _loss("cce_fn", "keras.losses.categorical_crossentropy(yc, lc, from_logits=True)"),
    _loss("cce_rank_mismatch", "keras.losses.categorical_crossentropy(np.array([1., 0.], np.float32), pc)"),
    _loss("cce_shape_mismatch", "keras.losses.CategoricalCrossentropy()(np.zeros((3, 2), np.float32), pc)"),
    # sparse categorical cross-entropy
    _loss("scce_default", "keras.losses.SparseCategoricalCrossentropy()(ys, pc)"),
    _loss("scce_col_labels", "keras.losses.SparseCategoricalCrossentropy()(ys.reshape(3, 1), pc)"),
    _loss("scce_float_labels", "keras.losses.SparseCategoricalCrossentropy()(ys.astype(np.float32), pc)"),
    _loss("scce_sw", "keras.losses.SparseCategoricalCrossentropy()(ys, pc, sample_weight=sw)"),
    _loss("scce_sw_design", "keras.losses.SparseCategoricalCrossentropy()(tf.constant([1, 0]), tf.constant([[0.1, 0.9], [0.8, 0.2]]), sample_weight=[1, 0])"),
    _loss("scce_sum", "keras.losses.SparseCategoricalCrossentropy(reduction='sum')(ys, pc)"),
    _loss("scce_none", "keras.losses.SparseCategoricalCrossentropy(reduction='none')(ys, pc)"),
    _loss("scce_mean_sw", "keras.losses.SparseCategoricalCrossentropy(reduction='mean_with_sample_weight')(ys, pc, sample_weight=sw)"),
    _loss("scce_logits", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)(ys, lc)"),
    _loss("scce_logits_none", "keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction='none')(ys.reshape(3, 1), lc)"),
    _loss("scce_extreme", "keras.losses.SparseCategoricalCrossentropy(reduction='none')(np.array([0, 1]), np.array([[0., 1.], [1., 0.]], np.float32))"),
    _loss("scce_softmax_cache", "keras.losses.SparseCategoricalCrossentropy()(np.array([1]), keras.activations.softmax(tf.constant([[40., 0.]])))"),
    _loss("scce_ignore_class", "keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)(np.array([1, -1, 0]), pc)"),
    _loss("scce_ignore_class_none", "keras.losses.SparseCategoricalCrossentropy(ignore_class=2, reduction='none')(ys, pc)"),
    _loss("scce_ignore_class_sum", "keras.losses.SparseCategoricalCrossentropy(ignore_class=2, reduction='sum')(ys, pc, sample_weight=sw)"),
    _loss("scce_ignore_class_sw", "keras.losses.SparseCategoricalCrossentropy(ignore_class=0)(ys, pc, sample_weight=sw)"),
    _loss("scce_3d", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)(np.array([[1, 2], [0, 1]]), np.stack([lc[:2], lc[1:]]))"),
    _loss("scce_3d_none", "keras.losses.SparseCategoricalCrossentropy(reduction='none')(np.array([[1, 2], [0, 1]]), np.stack([pc[:2], pc[1:]]))"),
    _loss("scce_fn_kw", "keras.losses.sparse_categorical_crossentropy(y_true=ys, y_pred=pc)"),
    _loss("scce_fn_logits", "keras.losses.sparse_categorical_crossentropy(ys, lc, from_logits=True)"),
    _loss("scce_rank_error", "keras.losses.SparseCategoricalCrossentropy()(np.zeros((3, 2, 2)), pc)"),
    _loss("scce_config", "keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=3).get_config()"),
    # hinge family
    _loss("hinge_01", "keras.losses.Hinge()(yb2, pb2 * 2 - 1)"),
    _loss("hinge_pm1", "keras.losses.Hinge(reduction='none')(yb2 * 2 - 1, pb2 * 2 - 1)"),
    _loss("hinge_fn", "keras.losses.hinge(yb2, pb2)"),
    _loss("sq_hinge", "keras.losses.SquaredHinge()(yb2, pb2 * 2 - 1)"),
    _loss("sq_hinge_none", "keras.losses.SquaredHinge(reduction='none')(yb2 * 2 - 1, pb2)"),
    _loss("cat_hinge", "keras.losses.CategoricalHinge()(yc, pc)"),
    _loss("cat_hinge_none", "keras.losses.CategoricalHinge(reduction='none')(yc, lc)"),
    # segmentation
    _loss("dice", "keras.losses.Dice()(yb2, pb2)"),
    _loss("dice_axis", "keras.losses.Dice(axis=1, reduction='none')(yb2, pb2)"),
    _loss("tversky", "keras.losses.Tversky(alpha=0.3, beta=0.7)(yb2, pb2)"),
    # CTC and generalized cross-entropy
    _loss("ctc", "keras.losses.CTC()(np.array([[1, 2, 0], [3, 3, 1]]), np.random.RandomState(1).normal(size=(2, 6, 4)).astype(np.float32))"),
    _loss("ctc_none", "keras.losses.CTC(reduction='none')(np.array([[1, 0, 0], [2, 1, 2]]), np.random.RandomState(2).normal(size=(2, 5, 3)).astype(np.float32))"),
    _loss("ctc_fn", "keras.losses.ctc(np.array([[1, 2]]), np.random.RandomState(3).normal(size=(1, 4, 3)).astype(np.float32))"),
    _loss("gce", "keras.losses.CategoricalGeneralizedCrossEntropy(q=0.7)(ys, pc)"),
    # functions / aliases
    _loss("fn_aliases", "[keras.losses.mse(yr, pr), keras.losses.mae(yr, pr), keras.losses.mape(yr, pr), keras.losses.msle(yr, pr), keras.losses.kld(yc, pc), keras.losses.logcosh(yr, pr), keras.losses.huber(yr, pr, delta=2.0), keras.losses.poisson(yc, pc), keras.losses.squared_hinge(yb2, pb2), keras.losses.categorical_hinge(yc, pc)]"),
    _loss("fn_cosine", "keras.losses.cosine_similarity(yr, pr, axis=-1)"),
    _loss("fn_focal", "[keras.losses.binary_focal_crossentropy(yb2, pb2, gamma=3.0), keras.losses.categorical_focal_crossentropy(yc, pc)]"),
    # lookup / serialization / errors
    _loss("get_unknown", "keras.losses.get('not_a_loss')"),
    _loss("get_names", "[getattr(keras.losses.get(n), '__name__', type(keras.losses.get(n)).__name__) for n in ['mse', 'MSE', 'mae', 'binary_crossentropy', 'BinaryCrossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'CategoricalCrossentropy', 'Huber', 'kld', 'logcosh' if False else 'log_cosh']]"),
    _loss("get_dict", "keras.losses.get({'class_name': 'CategoricalCrossentropy', 'config': {'from_logits': True}}).get_config()"),
    _loss("serialize_class", "keras.losses.serialize(keras.losses.BinaryCrossentropy(from_logits=True))"),
    _loss("serialize_fn", "keras.losses.serialize(keras.losses.binary_crossentropy)"),
    _loss("deserialize_fn", "keras.losses.deserialize('binary_crossentropy')(yb, pb)"),
    _loss("bad_reduction", "keras.losses.MeanSquaredError(reduction='auto')"),
    _loss("reduction_names", "[keras.losses.Reduction.AUTO, keras.losses.Reduction.NONE, keras.losses.Reduction.SUM, keras.losses.Reduction.SUM_OVER_BATCH_SIZE]"),
    ("custom_loss_subclass", _L + """
class MyLoss(keras.losses.Loss):
    def call(self, y_true, y_pred):
        return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)
l = MyLoss(name='my_loss')
out = [l(yr, pr), l(yr, pr, sample_weight=sw), MyLoss(reduction='sum')(yr, pr), l.name, l.reduction, l.dtype, l.get_config()]
""", {}),
    _loss("loss_dtype_float64", "[keras.losses.MeanSquaredError(dtype='float64')(yr, pr), keras.losses.MeanSquaredError().dtype]"),
    _loss("default_names", "[keras.losses.MeanSquaredError().name, keras.losses.Huber().name, keras.losses.LogCosh().name, keras.losses.CategoricalHinge().name, keras.losses.Dice().name, keras.losses.KLDivergence().name]"),
    _loss("compile_ce_binary", "compile_get_loss('crossentropy', tf.zeros([4, 1]), tf.zeros([4, 1])).fn.__name__"),
    _loss("compile_ce_sparse", "compile_get_loss('crossentropy', tf.zeros([4]), tf.zeros([4, 3])).fn.__name__"),
    _loss("compile_ce_categorical", "compile_get_loss('ce', tf.zeros([4, 3]), tf.zeros([4, 3])).fn.__name__"),
    _loss("compile_mse_wrapped", "[compile_get_loss('mse', tf.zeros([4, 1]), tf.zeros([4, 1])).name, type(compile_get_loss('mse', tf.zeros([4, 1]), tf.zeros([4, 1]))).__name__]"),
]

# ---------------------------------------------------------------------------------------------
# metrics: several update_state calls (with sample weights), reset, one more update

_M = """
yb = np.array([[0.], [1.], [1.], [0.], [1.]], np.float32)
pb = np.array([[0.1], [0.8], [0.4], [0.6], [0.55]], np.float32)
yb2 = np.array([[1.], [0.], [1.]], np.float32)
pb2 = np.array([[0.9], [0.2], [0.3]], np.float32)
yc = np.array([[0., 1., 0.], [0., 0., 1.], [1., 0., 0.], [0., 1., 0.]], np.float32)
pc = np.array([[0.05, 0.9, 0.05], [0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.4, 0.35, 0.25]], np.float32)
ys = np.array([1, 2, 0, 1])
yr = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], np.float32)
pr = np.array([[1.5, 1.0], [0.3, -0.2], [2.0, 4.0]], np.float32)
w5 = np.array([1.0, 0.5, 2.0, 0.0, 1.0], np.float32)
w4 = np.array([1.0, 0.5, 2.0, 0.0], np.float32)
w3 = np.array([1.0, 0.0, 2.0], np.float32)
"""


def _metric(cid, ctor, updates, **opts):
    """`updates`: list of update_state argument strings; result recorded after each, then after
    reset_state, then after repeating the first update. Results are copied with np.array: in TF,
    FalsePositives/FalseNegatives with several thresholds return the live accumulator variable."""
    lines = [_M, f"m = {ctor}", "out = []"]
    for u in updates:
        lines.append(f"m.update_state({u}); out.append(np.array(m.result()))")
    lines.append("m.reset_state(); out.append(np.array(m.result()))")
    lines.append(f"m.update_state({updates[0]}); out.append(np.array(m.result()))")
    lines.append("out.append([v.path.split('/', 1)[1] for v in m.variables])")
    return (cid, "\n".join(lines) + "\n", opts)


_BIN = ["yb, pb", "yb2, pb2", "yb, pb, sample_weight=w5"]
_CAT = ["yc, pc", "yc[:2], pc[:2]", "yc, pc, sample_weight=w4"]
_SPARSE = ["ys, pc", "ys[:2].reshape(2, 1), pc[:2]", "ys, pc, sample_weight=w4"]
_REGU = ["yr, pr", "yr[:1], pr[:1] * 2", "yr, pr, sample_weight=w3"]

METRIC_CASES = [
    _metric("mean", "keras.metrics.Mean(name='m')", ["[1., 2.]", "[3.]", "np.array([1., 5.]), sample_weight=[0.5, 2.]"]),
    _metric("mean_2d", "keras.metrics.Mean(name='m')", ["np.array([[1., 2.], [3., 4.]])", "np.array([[1., 2.], [3., 4.]]), sample_weight=np.array([[1., 0.], [1., 1.]])", "np.array([[1., 2.], [3., 4.]]), sample_weight=np.array([2., 0.])"]),
    _metric("mean_scalar", "keras.metrics.Mean(name='m')", ["2.0", "tf.constant(4.0)", "6.0, sample_weight=3.0"]),
    _metric("sum", "keras.metrics.Sum(name='m')", ["[1., 2.]", "[3.]", "np.array([[1., 5.], [2., 2.]]), sample_weight=[0.5, 2.]"]),
    _metric("mean_wrapper", "keras.metrics.MeanMetricWrapper(keras.metrics.mse, name='m')", _REGU),
    _metric("accuracy", "keras.metrics.Accuracy(name='m')", ["[[1], [2], [3], [4]], [[0], [2], [3], [4]]", "[[1], [2]], [[1], [1]]", "[[1], [2], [3], [4]], [[0], [2], [3], [4]], sample_weight=[1., 0., 1., 2.]"]),
    _metric("binary_accuracy", "keras.metrics.BinaryAccuracy(name='m')", _BIN),
    _metric("binary_accuracy_threshold", "keras.metrics.BinaryAccuracy(name='m', threshold=0.7)", _BIN),
    _metric("binary_accuracy_int_labels", "keras.metrics.BinaryAccuracy(name='m')", ["yb.astype(np.int32), pb", "yb2.astype(np.int64), pb2"]),
    _metric("binary_accuracy_1d", "keras.metrics.BinaryAccuracy(name='m')", ["yb[:, 0], pb", "yb2[:, 0], pb2[:, 0]"]),
    _metric("categorical_accuracy", "keras.metrics.CategoricalAccuracy(name='m')", _CAT),
    _metric("sparse_categorical_accuracy", "keras.metrics.SparseCategoricalAccuracy(name='m')", _SPARSE),
    _metric("top_k", "keras.metrics.TopKCategoricalAccuracy(k=2, name='m')", _CAT),
    _metric("sparse_top_k", "keras.metrics.SparseTopKCategoricalAccuracy(k=2, name='m')", _SPARSE),
    _metric("sparse_top_k_ties", "keras.metrics.SparseTopKCategoricalAccuracy(k=1, name='m')", ["np.array([0, 1]), np.array([[0.5, 0.5, 0.0], [0.2, 0.2, 0.6]], np.float32)"]),
    _metric("auc_roc", "keras.metrics.AUC(name='m')", _BIN),
    _metric("auc_pr", "keras.metrics.AUC(curve='PR', name='m')", _BIN),
    _metric("auc_pr_majoring", "keras.metrics.AUC(curve='PR', summation_method='majoring', name='m')", _BIN),
    _metric("auc_roc_minoring", "keras.metrics.AUC(summation_method='minoring', num_thresholds=5, name='m')", _BIN),
    _metric("auc_prgain", "keras.metrics.AUC(curve='PRGAIN', num_thresholds=11, name='m')", _BIN),
    _metric("auc_thresholds", "keras.metrics.AUC(thresholds=[0.3, 0.5, 0.7], name='m')", _BIN),
    _metric("auc_even_thresholds", "keras.metrics.AUC(thresholds=[0.25, 0.5, 0.75], name='m')", _BIN),
    _metric("auc_logits", "keras.metrics.AUC(from_logits=True, name='m')", ["yb, pb * 6 - 3", "yb2, pb2 * 6 - 3"]),
    _metric("auc_multilabel", "keras.metrics.AUC(multi_label=True, name='m')", ["yc, pc", "yc[:3], pc[:3]", "yc, pc, sample_weight=w4"]),
    _metric("auc_multilabel_weights", "keras.metrics.AUC(multi_label=True, label_weights=[1., 2., 0.5], num_labels=3, name='m')", ["yc, pc", "yc[:3], pc[:3]"]),
    _metric("auc_label_weights", "keras.metrics.AUC(label_weights=[1., 2., 0.5], name='m')", ["yc, pc", "yc[:3], pc[:3]"]),
    _metric("precision", "keras.metrics.Precision(name='m')", _BIN),
    _metric("precision_thresholds", "keras.metrics.Precision(thresholds=[0.3, 0.5, 0.9], name='m')", _BIN),
    _metric("precision_top_k", "keras.metrics.Precision(top_k=1, name='m')", _CAT),
    _metric("precision_class_id", "keras.metrics.Precision(class_id=1, name='m')", _CAT),
    _metric("recall", "keras.metrics.Recall(name='m')", _BIN),
    _metric("recall_thresholds", "keras.metrics.Recall(thresholds=[0.0, 0.5, 1.0], name='m')", _BIN),
    _metric("recall_top_k_class", "keras.metrics.Recall(top_k=2, class_id=2, name='m')", _CAT),
    _metric("true_positives", "keras.metrics.TruePositives(name='m')", _BIN),
    _metric("false_positives", "keras.metrics.FalsePositives(thresholds=[0.15, 0.5, 0.85], name='m')", _BIN),
    _metric("true_negatives", "keras.metrics.TrueNegatives(name='m')", _BIN),
    _metric("false_negatives", "keras.metrics.FalseNegatives(thresholds=[0.0, 0.5, 1.0], name='m')", _BIN),
    _metric("sens_at_spec", "keras.metrics.SensitivityAtSpecificity(0.5, name='m')", _BIN),
    _metric("spec_at_sens", "keras.metrics.SpecificityAtSensitivity(0.5, num_thresholds=5, name='m')", _BIN),
    _metric("prec_at_recall", "keras.metrics.PrecisionAtRecall(0.6, name='m')", _BIN),
    _metric("recall_at_prec", "keras.metrics.RecallAtPrecision(0.7, name='m')", _BIN),
    _metric("mse", "keras.metrics.MeanSquaredError(name='m')", _REGU),
    _metric("mae", "keras.metrics.MeanAbsoluteError(name='m')", _REGU),
    _metric("rmse", "keras.metrics.RootMeanSquaredError(name='m')", _REGU),
    _metric("mape", "keras.metrics.MeanAbsolutePercentageError(name='m')", _REGU),
    _metric("msle", "keras.metrics.MeanSquaredLogarithmicError(name='m')", _REGU),
    _metric("cosine", "keras.metrics.CosineSimilarity(name='m')", _REGU),
    _metric("logcosh", "keras.metrics.LogCoshError(name='m')", _REGU),
    _metric("hinge", "keras.metrics.Hinge(name='m')", _BIN),
    _metric("squared_hinge", "keras.metrics.SquaredHinge(name='m')", _BIN),
    _metric("categorical_hinge", "keras.metrics.CategoricalHinge(name='m')", _CAT),
    _metric("kld", "keras.metrics.KLDivergence(name='m')", _CAT),
    _metric("poisson", "keras.metrics.Poisson(name='m')", _CAT),
    _metric("bce", "keras.metrics.BinaryCrossentropy(name='m')", _BIN),
    _metric("bce_logits_smoothing", "keras.metrics.BinaryCrossentropy(name='m', from_logits=True, label_smoothing=0.1)", ["yb, pb * 6 - 3", "yb2, pb2 * 6 - 3"]),
    _metric("bce_sigmoid_cache", "keras.metrics.BinaryCrossentropy(name='m')", ["np.array([[0.], [1.]], np.float32), keras.activations.sigmoid(tf.constant([[30.], [-20.]]))"]),
    _metric("cce", "keras.metrics.CategoricalCrossentropy(name='m')", _CAT),
    _metric("cce_smoothing", "keras.metrics.CategoricalCrossentropy(name='m', label_smoothing=0.2)", _CAT),
    _metric("scce", "keras.metrics.SparseCategoricalCrossentropy(name='m')", _SPARSE),
    _metric("scce_ignore", "keras.metrics.SparseCategoricalCrossentropy(name='m', ignore_class=0)", _SPARSE),
    _metric("f1_none", "keras.metrics.F1Score(name='m')", _CAT),
    _metric("f1_micro", "keras.metrics.F1Score(average='micro', threshold=0.4, name='m')", _CAT),
    _metric("f1_macro", "keras.metrics.F1Score(average='macro', name='m')", _CAT),
    _metric("fbeta_weighted", "keras.metrics.FBetaScore(average='weighted', beta=2.0, name='m')", _CAT),
    _metric("iou", "keras.metrics.IoU(num_classes=3, target_class_ids=[0, 2], name='m')", ["ys, np.argmax(pc, -1)", "ys[:2], np.array([2, 2])", "ys, np.argmax(pc, -1), sample_weight=[1, 2, 0, 1]"]),
    _metric("mean_iou", "keras.metrics.MeanIoU(num_classes=3, name='m')", ["ys, np.argmax(pc, -1)", "np.array([[0, 1], [2, 2]]), np.array([[0, 0], [2, 1]])"]),
    _metric("mean_iou_ignore", "keras.metrics.MeanIoU(num_classes=3, ignore_class=1, name='m')", ["ys, np.argmax(pc, -1)", "np.array([5, 1, 0]), np.array([0, 1, 0])"]),
    _metric("binary_iou", "keras.metrics.BinaryIoU(name='m')", ["yb, pb", "yb2, pb2"]),
    _metric("binary_iou_threshold", "keras.metrics.BinaryIoU(target_class_ids=[1], threshold=0.3, name='m')", ["yb, pb", "yb2, pb2"]),
    _metric("onehot_iou", "keras.metrics.OneHotIoU(num_classes=3, target_class_ids=[1, 2], name='m')", _CAT[:2]),
    _metric("onehot_mean_iou", "keras.metrics.OneHotMeanIoU(num_classes=3, name='m')", _CAT[:2]),
    _metric("r2", "keras.metrics.R2Score(name='m')", _REGU),
    _metric("r2_variance_weighted", "keras.metrics.R2Score(class_aggregation='variance_weighted_average', name='m')", _REGU),
    _metric("r2_raw", "keras.metrics.R2Score(class_aggregation=None, name='m')", _REGU),
    ("metric_call", _M + """
m = keras.metrics.Mean(name='m')
out = [m([1., 3.]), m(5.), m.result(), m.count, m.total]
""", {}),
    ("custom_metric_subclass", _M + """
class BinaryTruePositives(keras.metrics.Metric):
    def __init__(self, name='binary_true_positives', **kwargs):
        super().__init__(name=name, **kwargs)
        self.true_positives = self.add_weight(name='tp', initializer='zeros')

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = tf.cast(y_true, tf.bool)
        y_pred = tf.cast(y_pred, tf.bool)
        values = tf.logical_and(tf.equal(y_true, True), tf.equal(y_pred, True))
        values = tf.cast(values, self.dtype)
        if sample_weight is not None:
            sample_weight = tf.cast(sample_weight, self.dtype)
            values = tf.multiply(values, sample_weight)
        self.true_positives.assign_add(tf.reduce_sum(values))

    def result(self):
        return self.true_positives

m = BinaryTruePositives()
m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
r1 = np.asarray(m.result())
m.update_state([1, 1], [1, 1], sample_weight=[0.5, 2.0])
r2 = np.asarray(m.result())
m.reset_state()
out = [r1, r2, np.asarray(m.result()), m.name, m.dtype, len(m.variables), [v.path.split('/', 1)[1] for v in m.variables]]
""", {}),
    ("metric_configs", _M + """
out = [keras.metrics.Mean().get_config()['dtype'], keras.metrics.BinaryAccuracy(threshold=0.3).get_config(),
       keras.metrics.AUC(name='a').get_config(), keras.metrics.Precision(thresholds=[0.2, 0.4], name='p').get_config(),
       keras.metrics.SparseTopKCategoricalAccuracy(k=3).get_config(), keras.metrics.RootMeanSquaredError().get_config(),
       keras.metrics.CategoricalCrossentropy(from_logits=True).get_config()]
""", {}),
    ("metric_default_names", _M + """
out = [keras.metrics.Accuracy().name, keras.metrics.BinaryAccuracy().name, keras.metrics.CategoricalAccuracy().name,
       keras.metrics.SparseCategoricalAccuracy().name, keras.metrics.TopKCategoricalAccuracy().name,
       keras.metrics.MeanSquaredError().name, keras.metrics.MeanAbsoluteError().name,
       keras.metrics.RootMeanSquaredError().name, keras.metrics.LogCoshError().name,
       keras.metrics.KLDivergence().name, keras.metrics.BinaryCrossentropy().name, keras.metrics.R2Score().name]
""", {}),
    ("metric_functions", _M + """
out = [keras.metrics.binary_accuracy(yb, pb), keras.metrics.categorical_accuracy(yc, pc),
       keras.metrics.sparse_categorical_accuracy(ys, pc), keras.metrics.top_k_categorical_accuracy(yc, pc, k=1),
       keras.metrics.sparse_top_k_categorical_accuracy(ys, pc, k=2), keras.metrics.binary_crossentropy(yb, pb),
       keras.metrics.mse(yr, pr), keras.metrics.mae(yr, pr), keras.metrics.categorical_crossentropy(yc, pc),
       keras.metrics.sparse_categorical_crossentropy(ys, pc), keras.metrics.hinge(yb, pb), keras.metrics.kld(yc, pc),
       keras.metrics.binary_accuracy(yb, pb, threshold=0.35)]
""", {}),
    ("metric_get", _M + """
out = [type(keras.metrics.get(n)).__name__ for n in ['accuracy', 'mse', 'MSE', 'mae', 'mape', 'msle', 'bce',
       'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy', 'BinaryAccuracy', 'AUC', 'auc',
       'precision', 'recall', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'mean_squared_error',
       'root_mean_squared_error', 'top_k_categorical_accuracy']]
""", {}),
    ("metric_get_unknown", "keras.metrics.get('not_a_metric')", {}),
    ("metric_get_acc", "keras.metrics.get('acc')", {}),
    ("metric_serialize", "keras.metrics.serialize(keras.metrics.AUC(name='a'))", {}),
    ("compile_acc_binary", "[type(compile_get_metric('accuracy', tf.zeros([4, 1]), tf.zeros([4, 1]))).__name__, compile_get_metric('accuracy', tf.zeros([4, 1]), tf.zeros([4, 1])).name]", {}),
    ("compile_acc_binary_1d_labels", "type(compile_get_metric('acc', tf.zeros([4]), tf.zeros([4, 1]))).__name__", {}),
    ("compile_acc_sparse", "[type(compile_get_metric('accuracy', tf.zeros([4]), tf.zeros([4, 10]))).__name__, compile_get_metric('acc', tf.zeros([4, 1]), tf.zeros([4, 10])).name]", {}),
    ("compile_acc_categorical", "type(compile_get_metric('accuracy', tf.zeros([4, 10]), tf.zeros([4, 10]))).__name__", {}),
    ("compile_mae", "[type(compile_get_metric('mae', tf.zeros([4, 1]), tf.zeros([4, 1]))).__name__, compile_get_metric('mae', tf.zeros([4, 1]), tf.zeros([4, 1])).name]", {}),
    ("compile_fn", "[type(compile_get_metric(keras.metrics.binary_accuracy, tf.zeros([4, 1]), tf.zeros([4, 1]))).__name__, compile_get_metric(keras.metrics.binary_accuracy, tf.zeros([4, 1]), tf.zeros([4, 1])).name]", {}),
    ("compile_unknown", "compile_get_metric('not_a_metric', tf.zeros([4, 1]), tf.zeros([4, 1]))", {}),
    ("compile_crossentropy_metric", "compile_get_metric('crossentropy', tf.zeros([4, 1]), tf.zeros([4, 1]))", {}),
]

# ---------------------------------------------------------------------------------------------
# schedules

_STEPS = "[0, 1, 2, 3, 5, 8, 10, 15, 30, 100]"


def _sched(cid, ctor, **opts):
    code = (f"s = keras.optimizers.schedules.{ctor}\n"
            f"out = [s(i) for i in {_STEPS}] + [s(tf.constant(7)), s(tf.constant(7, dtype=tf.int64)), "
            f"s.get_config(), keras.optimizers.schedules.serialize(s)]\n")
    return (cid, code, opts)


SCHEDULE_CASES = [
    _sched("exponential", "ExponentialDecay(0.1, 4, 0.5)"),
    _sched("exponential_staircase", "ExponentialDecay(0.1, 4, 0.5, staircase=True)"),
    _sched("piecewise", "PiecewiseConstantDecay([3, 10], [1.0, 0.5, 0.1])"),
    _sched("piecewise_int_values", "PiecewiseConstantDecay([3, 10], [5, 2, 1])"),
    _sched("polynomial", "PolynomialDecay(0.1, 10)"),
    _sched("polynomial_power", "PolynomialDecay(0.1, 10, end_learning_rate=0.01, power=0.5)"),
    _sched("polynomial_cycle", "PolynomialDecay(0.1, 4, end_learning_rate=0.01, power=2.0, cycle=True)"),
    _sched("inverse_time", "InverseTimeDecay(0.1, 5, 0.5)"),
    _sched("inverse_time_staircase", "InverseTimeDecay(0.1, 5, 0.5, staircase=True)"),
    _sched("cosine", "CosineDecay(0.1, 10)"),
    _sched("cosine_alpha", "CosineDecay(0.1, 10, alpha=0.2)"),
    _sched("cosine_warmup", "CosineDecay(0.0, 10, warmup_target=0.1, warmup_steps=5)"),
    _sched("cosine_restarts", "CosineDecayRestarts(0.1, 4)"),
    _sched("cosine_restarts_tmul1", "CosineDecayRestarts(0.1, 4, t_mul=1.0, m_mul=0.5, alpha=0.1)"),
    _sched("cosine_restarts_mmul", "CosineDecayRestarts(0.1, 3, t_mul=1.5, m_mul=0.8)"),
    ("bad_decay_steps", "keras.optimizers.schedules.ExponentialDecay(0.1, 0, 0.5)", {}),
    ("bad_piecewise", "keras.optimizers.schedules.PiecewiseConstantDecay([1, 2], [0.1])", {}),
    ("deserialize", "keras.optimizers.schedules.deserialize({'class_name': 'ExponentialDecay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 4, 'decay_rate': 0.5}})(8)", {}),
    ("from_config", "keras.optimizers.schedules.CosineDecay.from_config(keras.optimizers.schedules.CosineDecay(0.1, 10).get_config())(5)", {}),
    ("custom_schedule", """
class MySchedule(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, lr):
        self.lr = lr
    def __call__(self, step):
        return self.lr / tf.cast(step + 1, tf.float32)
opt = keras.optimizers.SGD(MySchedule(0.1))
w = tf.Variable([1.0])
for _ in range(3):
    opt.apply_gradients([(tf.constant([1.0]), w)])
out = [w.numpy(), opt.learning_rate]
""", {}),
]

# ---------------------------------------------------------------------------------------------
# GradientTape training loops: a small model with set weights, 5 steps, loss per step

_TAPE = """
rs = np.random.RandomState(3)
x = rs.normal(size=(16, 5)).astype(np.float32)
y_bin = (rs.uniform(size=(16, 1)) > 0.5).astype(np.float32)
y_cls = rs.randint(0, 3, size=(16,))
y_reg = rs.normal(size=(16, 1)).astype(np.float32)
model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation='relu'),
                          keras.layers.Dense({units}, activation={act!r})])
model.set_weights([rs.normal(size=w.shape).astype(np.float32) * 0.5 for w in model.get_weights()])
loss_fn = {loss}
opt = {opt}
y = {y}
out = []
for step in range(5):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    out.append(float(loss))
out.append([w.numpy() for w in model.trainable_variables])
"""


def _tape(cid, units, act, loss, opt, y, **opts):
    return (cid, _TAPE.format(units=units, act=act, loss=loss, opt=opt, y=y), opts)


TAPE_CASES = [
    _tape("bce_sigmoid_adam", 1, "sigmoid", "keras.losses.BinaryCrossentropy()",
          "keras.optimizers.Adam(0.05)", "y_bin"),
    _tape("bce_logits_sgd", 1, None, "keras.losses.BinaryCrossentropy(from_logits=True)",
          "keras.optimizers.SGD(0.5, momentum=0.9)", "y_bin"),
    _tape("scce_softmax_rmsprop", 3, "softmax", "keras.losses.SparseCategoricalCrossentropy()",
          "keras.optimizers.RMSprop(0.05)", "y_cls"),
    _tape("scce_logits_adamw", 3, None,
          "keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
          "keras.optimizers.AdamW(0.05, weight_decay=0.1)", "y_cls"),
    _tape("cce_softmax_nadam", 3, "softmax", "keras.losses.CategoricalCrossentropy(label_smoothing=0.1)",
          "keras.optimizers.Nadam(0.05)", "np.eye(3, dtype=np.float32)[y_cls]"),
    _tape("mse_adagrad", 1, None, "keras.losses.MeanSquaredError()",
          "keras.optimizers.Adagrad(0.5)", "y_reg"),
    _tape("huber_adamax_clip", 1, None, "keras.losses.Huber(0.5)",
          "keras.optimizers.Adamax(0.1, clipnorm=0.5)", "y_reg"),
    _tape("mae_lion_schedule", 1, None, "keras.losses.MeanAbsoluteError()",
          "keras.optimizers.Lion(keras.optimizers.schedules.ExponentialDecay(0.05, 2, 0.5))",
          "y_reg"),
    _tape("bfocal_sigmoid_ftrl", 1, "sigmoid", "keras.losses.BinaryFocalCrossentropy()",
          "keras.optimizers.Ftrl(0.5)", "y_bin"),
    _tape("scce_softmax_adadelta", 3, "softmax", "keras.losses.SparseCategoricalCrossentropy()",
          "keras.optimizers.Adadelta(1.0)", "y_cls"),
]

# ---------------------------------------------------------------------------------------------
# correlation metrics and Circle loss (appended to the metrics / losses families)

_CORR = """
ya = np.array([[0., 1., 0.5], [1., 1., 0.2], [2., -1., 0.3], [0.5, 0.5, 1.5]], np.float32)
pa = np.array([[0.1, 0.9, 0.5], [1., 0.9, 0.2], [1.5, -0.5, 0.], [0.2, 0.7, 1.]], np.float32)
wa = np.array([1.0, 0.0, 2.0, 0.5], np.float32)
"""


def _corr(cid, ctor, updates, **opts):
    cid, code, opts = _metric(cid, ctor, updates, **opts)
    return (cid, code.replace(_M, _M + _CORR, 1), opts)


_CORR_U = ["ya, pa", "ya[:2], pa[:2] * 2", "ya, pa, sample_weight=wa"]

METRIC_CASES += [
    _corr("pearson", "keras.metrics.PearsonCorrelation(name='m')", _CORR_U),
    _corr("pearson_axis0", "keras.metrics.PearsonCorrelation(axis=0, name='m')", _CORR_U[:2]),
    _corr("pearson_axis_all", "keras.metrics.PearsonCorrelation(axis=(0, 1), name='m')", _CORR_U[:2]),
    _corr("pearson_1d", "keras.metrics.PearsonCorrelation(name='m')", ["ya[0], pa[0]", "ya[:, 2], pa[:, 1]"]),
    _corr("concordance", "keras.metrics.ConcordanceCorrelation(name='m')", _CORR_U),
    _corr("concordance_axis0", "keras.metrics.ConcordanceCorrelation(axis=0, name='m')", _CORR_U[:2]),
    _corr("concordance_axis_all", "keras.metrics.ConcordanceCorrelation(axis=(0, 1), name='m')", _CORR_U[:2]),
    ("correlation_functions", _M + _CORR + """
out = [keras.metrics.pearson_correlation(ya, pa), keras.metrics.concordance_correlation(ya, pa),
       keras.metrics.pearson_correlation(ya, pa, axis=0), keras.metrics.concordance_correlation(ya, pa, axis=0),
       keras.metrics.pearson_correlation(ya.astype(np.float64), pa.astype(np.float64)),
       keras.metrics.concordance_correlation(ya[:, :1], pa[:, :1]),
       keras.metrics.pearson_correlation(np.ones((2, 3), np.float32), pa[:2]),
       keras.metrics.concordance_correlation(ya[:, :2], pa[:, :1])]
""", {}),
    ("correlation_config", """
out = [keras.metrics.PearsonCorrelation().get_config(), keras.metrics.ConcordanceCorrelation(axis=0, name='c').get_config(),
       keras.metrics.PearsonCorrelation().name, keras.metrics.ConcordanceCorrelation().name,
       type(keras.metrics.get('PearsonCorrelation')).__name__, type(keras.metrics.get('concordance_correlation')).__name__,
       keras.metrics.get('pearson_correlation').name]
""", {}),
]

_CIRC = """
rs = np.random.RandomState(3)
emb = rs.normal(size=(6, 4)).astype(np.float32)
emb /= np.linalg.norm(emb, axis=1, keepdims=True)
lab = np.array([0, 0, 1, 1, 2, 2])
lab2 = np.array([0, 1, 0, 1, 2, 3])
sw6 = np.array([1., 0.5, 2., 0., 1., 3.], np.float32)
"""


def _circ(cid, expr, **opts):
    return (cid, _L + _CIRC + "out = " + expr + "\n", opts)


LOSS_CASES += [
    _circ("circle_default", "keras.losses.Circle()(lab, emb)", rtol=1e-4),
    _circ("circle_none", "keras.losses.Circle(reduction='none')(lab, emb)", rtol=1e-4),
    _circ("circle_params", "keras.losses.Circle(gamma=10.0, margin=0.25, reduction='none')(lab, emb)", rtol=1e-4),
    _circ("circle_keep_diagonal", "keras.losses.Circle(remove_diagonal=False, reduction='none')(lab, emb)", rtol=1e-4),
    _circ("circle_sum_sw", "keras.losses.Circle(gamma=5.0, reduction='sum')(lab, emb, sample_weight=sw6)", rtol=1e-4),
    _circ("circle_sw", "keras.losses.Circle(gamma=5.0)(lab, emb, sample_weight=sw6)", rtol=1e-4),
    _circ("circle_mean_sw", "keras.losses.Circle(gamma=5.0, reduction='mean_with_sample_weight')(lab, emb, sample_weight=sw6)", rtol=1e-4),
    _circ("circle_no_positives_masked", "[keras.losses.Circle(gamma=5.0)(lab2, emb), keras.losses.Circle(gamma=5.0, reduction='none')(lab2, emb)]", rtol=1e-4),
    _circ("circle_all_distinct", "[keras.losses.Circle()(np.arange(6), emb), keras.losses.Circle(reduction='sum')(np.arange(6), emb)]"),
    _circ("circle_labels_2d", "keras.losses.Circle(gamma=5.0, reduction='none')(lab.reshape(6, 1).astype(np.float32), emb)", rtol=1e-4),
    _circ("circle_fn", "keras.losses.circle(lab, emb, gamma=5)", rtol=1e-4),
    _circ("circle_fn_refs", "keras.losses.circle(lab[:3], emb[:3], ref_labels=lab, ref_embeddings=emb, remove_diagonal=False, gamma=5, margin=0.3)", rtol=1e-4),
    _circ("circle_config", "[keras.losses.Circle().get_config(), keras.losses.Circle(gamma=2, margin=0.1, remove_diagonal=False, name='c').get_config(), keras.losses.Circle().name, type(keras.losses.get('Circle')).__name__, keras.losses.get('circle').__name__]"),
]

FAMILIES = {"optimizers": OPTIMIZER_CASES, "tape_training": TAPE_CASES, "losses": LOSS_CASES, "metrics": METRIC_CASES,
            "schedules": SCHEDULE_CASES}
