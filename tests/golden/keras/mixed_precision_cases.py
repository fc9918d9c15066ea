"""Mixed-precision golden cases: procedures run unchanged by real tf.keras
(tools/gen_mixed_precision_golden.py, by hand) and by the shim (tests/keras/test_mixed_precision.py).

Every procedure takes the `tf` module, sets what it needs, restores the float32 global policy
and returns JSON-able records (arrays as {"dtype", "shape", "value"} via `arr`).

* `layer_case`: a layer built under a policy, fixed weights, called on a fixed input inside a
  tape; the output dtype/values, the variable dtypes, the gradients of sum(cast(y) * cotangent)
  for the weights and the input, and the weights after the call (BatchNormalization statistics).
* `lso_sequence`: `LossScaleOptimizer.apply_gradients` on two variables with a sequence of
  (possibly non-finite) gradients; per step the variables, scale, counter, iterations and the
  inner optimizer's variables.
* `tape_loop`: a Keras 3 custom training loop with `scale_loss` on a mixed_float16 model.
* `fit_case`: compile/fit/evaluate/predict of a small model under a policy.
"""
import numpy as np


def arr(a):
    a = np.asarray(a)
    if a.dtype.kind == "f" or a.dtype.name == "bfloat16":
        return {"dtype": a.dtype.name, "shape": list(a.shape),
                "value": a.astype(np.float64).ravel().tolist()}
    return {"dtype": a.dtype.name, "shape": list(a.shape), "value": a.ravel().tolist()}


def np_of(rec):
    return np.asarray(rec["value"], dtype=np.float64).reshape(rec["shape"])


def rnd(seed, shape, lo=-1.0, hi=1.0):
    return np.random.default_rng(seed).uniform(lo, hi, shape).astype(np.float32)


def _numpy(t):
    """A tensor (or a tf.Variable / IndexedSlices from TF) as a numpy array."""
    if hasattr(t, "numpy"):
        t = t.numpy()
    a = np.asarray(t)
    if a.dtype.name == "bfloat16":
        a = a.astype(np.float32)
    return a


def _dtype_name(t):
    d = t.dtype
    return d if isinstance(d, str) else d.name


# (id, layer class, constructor kwargs, input: shape | "ids" | "pair", call kwargs)
LAYERS = [
    ("dense_relu", "Dense", {"units": 3, "activation": "relu"}, (2, 4), {}),
    ("dense_linear", "Dense", {"units": 3}, (3, 5), {}),
    ("conv2d_same", "Conv2D", {"filters": 2, "kernel_size": 3, "padding": "same"}, (1, 5, 5, 2), {}),
    ("conv2d_s2", "Conv2D", {"filters": 3, "kernel_size": 3, "strides": 2}, (2, 6, 6, 2), {}),
    ("conv1d", "Conv1D", {"filters": 2, "kernel_size": 3}, (2, 6, 2), {}),
    ("conv2d_transpose", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2},
     (1, 3, 3, 2), {}),
    ("depthwise", "DepthwiseConv2D", {"kernel_size": 3}, (1, 4, 4, 2), {}),
    ("bn_inference", "BatchNormalization", {}, (4, 3), {"training": False}),
    ("bn_training", "BatchNormalization", {}, (6, 3), {"training": True}),
    ("bn_conv_training", "BatchNormalization", {}, (2, 3, 3, 2), {"training": True}),
    ("layernorm", "LayerNormalization", {}, (2, 3, 4), {}),
    ("embedding", "Embedding", {"input_dim": 6, "output_dim": 3}, "ids", {}),
    ("lstm", "LSTM", {"units": 3}, (2, 4, 2), {}),
    ("lstm_seq", "LSTM", {"units": 2, "return_sequences": True}, (2, 3, 2), {}),
    ("gru", "GRU", {"units": 3}, (2, 4, 2), {}),
    ("simple_rnn", "SimpleRNN", {"units": 3}, (2, 4, 2), {}),
    ("softmax_float32", "Activation", {"activation": "softmax", "dtype": "float32"}, (2, 5), {}),
    ("softmax_layer", "Softmax", {}, (2, 5), {}),
    ("sigmoid", "Activation", {"activation": "sigmoid"}, (2, 5), {}),
    ("dropout_inference", "Dropout", {"rate": 0.5}, (2, 5), {"training": False}),
    ("maxpool2d", "MaxPooling2D", {}, (1, 4, 4, 2), {}),
    ("avgpool2d", "AveragePooling2D", {"pool_size": 2}, (1, 4, 4, 2), {}),
    ("gap2d", "GlobalAveragePooling2D", {}, (2, 3, 3, 2), {}),
    ("gmp1d", "GlobalMaxPooling1D", {}, (2, 4, 3), {}),
    ("flatten", "Flatten", {}, (2, 2, 3), {}),
    ("add", "Add", {}, "pair", {}),
    ("concatenate", "Concatenate", {}, "pair", {}),
    ("rnn_simple_cell", "RNN", {"cell": ("SimpleRNNCell", {"units": 3})}, (2, 4, 2), {}),
    ("rnn_lstm_cell", "RNN", {"cell": ("LSTMCell", {"units": 2}), "return_sequences": True},
     (2, 3, 2), {}),
    ("rnn_gru_cell", "RNN", {"cell": ("GRUCell", {"units": 2})}, (2, 3, 2), {}),
    ("lstm_recurrent_dropout", "LSTM", {"units": 2, "recurrent_dropout": 0.3}, (2, 3, 2),
     {"training": False}),
    ("custom_linear", "custom", {"units": 3}, (2, 4), {}),
]


def _make_layer(tf, cls, config):
    keras = tf.keras
    if cls == "custom":
        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1], self.units), name="w")
                self.b = self.add_weight(shape=(self.units,), name="b", initializer="zeros")

            def call(self, x):
                return tf.nn.relu(tf.matmul(x, self.w) + self.b)

        return Linear(**config)
    config = dict(config)
    if isinstance(config.get("cell"), tuple):
        cname, ccfg = config["cell"]
        config["cell"] = getattr(keras.layers, cname)(**ccfg)
    return getattr(keras.layers, cls)(**config)


def layer_case(tf, policy, case):
    cid, cls, config, inp, call = case
    keras = tf.keras
    keras.backend.clear_session()
    keras.mixed_precision.set_global_policy(policy)
    try:
        layer = _make_layer(tf, cls, config)
        seed = sum(map(ord, cid))
        if inp == "ids":
            xs = [np.array([[1, 2, 5], [0, 3, 3]], dtype="int32")]
        elif inp == "pair":
            xs = [rnd(seed, (2, 3)), rnd(seed + 1, (2, 3))]
        else:
            xs = [rnd(seed, inp, -2.0, 2.0)]
        layer.build([x.shape for x in xs] if inp == "pair" else xs[0].shape)
        weights_in = []
        for i, w in enumerate(layer.get_weights()):
            v = rnd(seed + 10 + i, w.shape, 0.2, 1.2) if "variance" in layer.weights[i].name \
                else rnd(seed + 10 + i, w.shape, -0.8, 0.8)
            weights_in.append(v)
        layer.set_weights(weights_in)
        xt = [tf.constant(x) for x in xs]
        with tf.GradientTape() as tape:
            for x in xt:
                if x.dtype.is_floating:
                    tape.watch(x)
            y = layer(xt if inp == "pair" else xt[0], **call)
            cot = rnd(seed + 99, tuple(y.shape))
            loss = tf.reduce_sum(tf.cast(y, "float32") * cot)
        sources = list(layer.trainable_weights) + [x for x in xt if x.dtype.is_floating]
        grads = tape.gradient(loss, sources)
        return {
            "policy": [layer.dtype_policy.name, layer.compute_dtype, layer.variable_dtype],
            "output": arr(_numpy(y)), "output_dtype": _dtype_name(y),
            "weight_dtypes": [_dtype_name(w) for w in layer.weights],
            "grad_dtypes": [None if g is None else _dtype_name(tf.convert_to_tensor(g)) for g in grads],
            "grads": [None if g is None else arr(_numpy(tf.convert_to_tensor(g))) for g in grads],
            "weights_after": [arr(w) for w in layer.get_weights()],
            "loss": float(_numpy(loss)),
        }
    finally:
        keras.mixed_precision.set_global_policy("float32")


# (id, inner optimizer, its kwargs, initial_scale, dynamic_growth_steps, gradient pairs)
INF, NAN = float("inf"), float("nan")
LSO_SEQUENCES = [
    ("sgd_growth", "SGD", {"learning_rate": 0.1}, 4.0, 2,
     [([4.0, 8.0], [[2.0]]), ([4.0, 4.0], [[-4.0]]), ([8.0, 8.0], [[8.0]]),
      ([INF, 1.0], [[1.0]]), ([8.0, -8.0], [[4.0]]), ([8.0, 8.0], [[8.0]]), ([4.0, 4.0], [[4.0]])]),
    ("adam_skip", "Adam", {"learning_rate": 0.01}, 1024.0, 3,
     [([100.0, -300.0], [[50.0]]), ([NAN, 1.0], [[1.0]]), ([200.0, 100.0], [[-20.0]]),
      ([1.0, 1.0], [[-INF]]), ([64.0, -64.0], [[32.0]]), ([16.0, 8.0], [[2.0]]),
      ([5.0, 6.0], [[7.0]]), ([3.0, 2.0], [[1.0]])]),
    ("sgd_momentum_default", "SGD", {"learning_rate": 0.01, "momentum": 0.9}, None, None,
     [([32768.0, -65536.0], [[16384.0]]), ([INF, 0.0], [[0.0]]), ([16384.0, 16384.0], [[-8192.0]])]),
]


def lso_sequence(tf, case):
    cid, inner, kwargs, initial_scale, growth, steps = case
    keras = tf.keras
    keras.backend.clear_session()
    opt = getattr(keras.optimizers, inner)(**kwargs)
    extra = {}
    if initial_scale is not None:
        extra["initial_scale"] = initial_scale
    if growth is not None:
        extra["dynamic_growth_steps"] = growth
    lso = keras.mixed_precision.LossScaleOptimizer(opt, **extra)
    v = tf.Variable([1.0, -2.0])
    w = tf.Variable([[0.5]])
    out = []
    for g1, g2 in steps:
        lso.apply_gradients([(tf.constant(g1, "float32"), v), (tf.constant(g2, "float32"), w)])
        out.append({"v": arr(_numpy(v)), "w": arr(_numpy(w)),
                    "scale": float(_numpy(lso.dynamic_scale)),
                    "counter": int(_numpy(lso.step_counter)),
                    "iterations": int(_numpy(lso.iterations)),
                    "inner": [arr(_numpy(x)) for x in opt.variables]})
    return {"steps": out, "paths": [x.path for x in lso.variables],
            "dtypes": [_dtype_name(x) for x in lso.variables],
            "config": lso.get_config()}


def _mlp(keras, final_float32=True):
    ls = [keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1)]
    if final_float32:
        ls.append(keras.layers.Activation("linear", dtype="float32"))
    return keras.Sequential(ls)


def _set_weights(model, seed=0):
    model.set_weights([rnd(seed + i, w.shape, -0.9, 0.9) for i, w in enumerate(model.get_weights())])


def _data(scale=1.0, n=16):
    x = rnd(5, (n, 3), 0.0, 1.0)
    y = (x.sum(1, keepdims=True) * scale).astype("float32")
    return x, y


def tape_loop(tf, target_scale):
    """Keras 3 custom loop: scale_loss in the tape, apply_gradients unscales."""
    keras = tf.keras
    keras.backend.clear_session()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        model = _mlp(keras)
        _set_weights(model)
        lso = keras.mixed_precision.LossScaleOptimizer(keras.optimizers.SGD(0.05))
        x, y = _data(target_scale)
        out = []
        for step in range(4):
            xb, yb = x[step * 4:(step + 1) * 4], y[step * 4:(step + 1) * 4]
            with tf.GradientTape() as tape:
                pred = model(xb, training=True)
                loss = tf.reduce_mean(tf.square(pred - yb))
                scaled = lso.scale_loss(loss)
            grads = tape.gradient(scaled, model.trainable_variables)
            lso.apply_gradients(zip(grads, model.trainable_variables))
            out.append({"loss": float(_numpy(loss)), "loss_dtype": _dtype_name(loss),
                        "scaled_dtype": _dtype_name(scaled), "pred_dtype": _dtype_name(pred),
                        "grad_dtypes": [_dtype_name(g) for g in grads],
                        "scale": float(_numpy(lso.dynamic_scale)),
                        "iterations": int(_numpy(lso.iterations)),
                        "weights": [arr(w) for w in model.get_weights()]})
        return out
    finally:
        keras.mixed_precision.set_global_policy("float32")


def _embedding_model(keras):
    return keras.Sequential([keras.Input((4,), dtype="int32"), keras.layers.Embedding(10, 3),
                             keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1),
                             keras.layers.Activation("linear", dtype="float32")])


# (id, policy, optimizer name, target scale, compile kwargs, final float32 layer | "embedding")
FITS = [
    ("mixed_float16_sgd", "mixed_float16", "sgd", 1.0, {}, True),
    ("mixed_float16_adam", "mixed_float16", "adam", 1.0, {}, True),
    ("mixed_float16_overflow", "mixed_float16", "sgd", 20.0, {}, True),
    ("mixed_float16_no_autoscale", "mixed_float16", "sgd", 1.0, {"auto_scale_loss": False}, True),
    ("mixed_float16_f16_output", "mixed_float16", "sgd", 1.0, {}, False),
    ("mixed_bfloat16_sgd", "mixed_bfloat16", "sgd", 1.0, {}, True),
    # row-lookup gradients (IndexedSlices) through the loss scale: Adam sees each occurrence
    ("mixed_float16_embedding_adam", "mixed_float16", "adam", 1.0, {}, "embedding"),
]


def fit_case(tf, case):
    cid, policy, opt_name, target_scale, compile_kwargs, final32 = case
    keras = tf.keras
    keras.backend.clear_session()
    keras.mixed_precision.set_global_policy(policy)
    try:
        model = _embedding_model(keras) if final32 == "embedding" else _mlp(keras, final32)
        _set_weights(model)
        opt = {"sgd": lambda: keras.optimizers.SGD(0.05),
               "adam": lambda: keras.optimizers.Adam(0.01)}[opt_name]()
        model.compile(optimizer=opt, loss="mse", **compile_kwargs)
        x, y = _data(target_scale)
        if final32 == "embedding":
            x = (np.arange(64).reshape(16, 4) * 7 % 10).astype("int32")
            x[::3, :2] = 1  # repeated ids within a batch
        h = model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0)
        mo = model.optimizer
        rec = {"optimizer": type(mo).__name__, "optimizer_name": mo.name,
               "model_policy": model.dtype_policy.name,
               "loss": [float(v) for v in h.history["loss"]],
               "weights": [arr(w) for w in model.get_weights()],
               "iterations": int(_numpy(mo.iterations)),
               "evaluate": float(model.evaluate(x, y, verbose=0))}
        if type(mo).__name__ == "LossScaleOptimizer":
            rec["scale"] = float(_numpy(mo.dynamic_scale))
            rec["counter"] = int(_numpy(mo.step_counter))
            rec["inner"] = type(mo.inner_optimizer).__name__
        p = model.predict(x[:3], verbose=0)
        rec["predict"] = arr(p)
        rec["predict_dtype"] = np.asarray(p).dtype.name
        y_call = model(x[:3])
        rec["call_dtype"] = _dtype_name(y_call)
        return rec
    finally:
        keras.mixed_precision.set_global_policy("float32")
