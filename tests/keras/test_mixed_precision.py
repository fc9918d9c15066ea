"""tf.keras.mixed_precision and LossScaleOptimizer against real tf.keras 2.21 numbers.

The golden records (tests/golden/keras/mixed_precision.json) come from
tools/gen_mixed_precision_golden.py, which runs the procedures of
tests/golden/keras/mixed_precision_cases.py under TF on CPU; the same procedures run here.
"""
import json
import math
import os
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tests.golden.keras import mixed_precision_cases as C

keras = tf.keras
MP = keras.mixed_precision
L = keras.layers

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(os.path.dirname(HERE), "golden", "keras", "mixed_precision.json")) as _f:
    GOLDEN = json.load(_f)

# float16 keeps 11 significant bits, bfloat16 8: a few units in the last place of the result
TOL = {"mixed_float16": 4e-3, "mixed_bfloat16": 3e-2}


@pytest.fixture(autouse=True)
def _restore_policy():
    keras.backend.clear_session()  # fresh names; also resets the global policy
    MP.set_global_policy(None)
    yield
    MP.set_global_policy(None)


def close(rec, gold, tol, what=""):
    a, b = C.np_of(rec), C.np_of(gold)
    assert a.shape == b.shape, what
    assert (np.isnan(a) == np.isnan(b)).all(), what
    np.testing.assert_allclose(a, b, rtol=tol, atol=tol, err_msg=what)


# -- the public names --------------------------------------------------------------------------

@pytest.mark.covers("tf.keras.mixed_precision.DTypePolicy", "tf.keras.mixed_precision.Policy",
                    "tf.keras.mixed_precision.dtype_policy", "tf.keras.mixed_precision.global_policy",
                    "tf.keras.mixed_precision.set_dtype_policy",
                    "tf.keras.mixed_precision.set_global_policy",
                    "tf.keras.mixed_precision.LossScaleOptimizer",
                    "tf.keras.optimizers.LossScaleOptimizer")
def test_namespace_matches_tf():
    names = [n for n in dir(MP) if not n.startswith("_")]
    assert set(names) >= {"DTypePolicy", "LossScaleOptimizer", "Policy", "dtype_policy",
                          "global_policy", "set_dtype_policy", "set_global_policy"}
    assert MP.Policy is MP.DTypePolicy is keras.DTypePolicy
    assert MP.dtype_policy is MP.global_policy and MP.set_dtype_policy is MP.set_global_policy
    assert MP.LossScaleOptimizer is keras.optimizers.LossScaleOptimizer
    assert not hasattr(tf, "mixed_precision")  # TF 2.21 has no tf.mixed_precision


@pytest.mark.covers("tf.keras.mixed_precision.Policy", "tf.keras.mixed_precision.DTypePolicy")
def test_policy_objects():
    p = MP.Policy("mixed_float16")
    assert (p.name, p.compute_dtype, p.variable_dtype) == ("mixed_float16", "float16", "float32")
    assert repr(p) == str(p) == '<DTypePolicy "mixed_float16">'
    assert p.quantization_mode is None
    assert MP.DTypePolicy("mixed_bfloat16").get_config() == {"name": "mixed_bfloat16"}
    assert MP.DTypePolicy.from_config({"name": "mixed_bfloat16"}).compute_dtype == "bfloat16"
    assert MP.DTypePolicy("float64").compute_dtype == "float64"
    assert MP.DTypePolicy("int32").variable_dtype == "int32"
    assert MP.DTypePolicy("mixed_float16") == MP.Policy("mixed_float16")
    assert MP.DTypePolicy("mixed_float16") != "mixed_float16"
    assert repr(MP.DTypePolicy()) == '<DTypePolicy "float32">'
    with pytest.raises(TypeError, match=r"'name' must be a string, such as 'mixed_float16'. "
                                        r"Received: name=123 \(of type <class 'int'>\)"):
        MP.DTypePolicy(123)
    for bad in ("foo", "mixed_float32"):
        with pytest.raises(ValueError, match=f"Cannot convert '{bad}' to a mixed precision "
                                             "DTypePolicy. Valid policies include 'mixed_float16', "
                                             "'mixed_bfloat16', and the name of any float dtype "
                                             "such as 'float32'."):
            MP.DTypePolicy(bad)


@pytest.mark.covers("tf.keras.mixed_precision.set_global_policy",
                    "tf.keras.mixed_precision.global_policy", "tf.keras.backend.clear_session",
                    "tf.keras.layers.CategoryEncoding")
def test_global_policy():
    assert MP.global_policy() is MP.global_policy()
    assert MP.global_policy().name == "float32"
    MP.set_global_policy("mixed_float16")
    assert MP.global_policy() == MP.Policy("mixed_float16") and MP.dtype_policy().name == "mixed_float16"
    assert repr(MP.DTypePolicy()) == '<DTypePolicy "mixed_float16">'  # name=None: the global one
    d = L.Dense(2)
    assert (d.dtype_policy.name, d.compute_dtype, d.variable_dtype, d.dtype) == \
        ("mixed_float16", "float16", "float32", "float32")
    assert d.get_config()["dtype"] == {"module": "keras", "class_name": "DTypePolicy",
                                       "config": {"name": "mixed_float16"}, "registered_name": None}
    assert L.Dense(2, dtype="float32").compute_dtype == "float32"
    assert L.Dense(2, dtype=tf.float16).dtype_policy.name == "float16"
    assert keras.Sequential().dtype_policy.name == "mixed_float16"
    keras.backend.clear_session()  # Keras 3 resets the global policy
    assert MP.global_policy().name == "float32"
    MP.set_dtype_policy(MP.Policy("mixed_bfloat16"))
    assert L.Dense(2).compute_dtype == "bfloat16"
    MP.set_global_policy(None)  # Keras 2 accepted None (Keras 3 raises)
    assert MP.global_policy().name == "float32"
    with pytest.raises(ValueError, match=r"Invalid `policy` argument. Expected the string name of a "
                                         r"policy \(such as 'mixed_float16'\) or a `DTypePolicy` "
                                         r"instance. Received: policy=123"):
        MP.set_global_policy(123)
    with pytest.raises(ValueError, match="Cannot convert 'foo'"):
        MP.set_global_policy("foo")
    MP.set_global_policy("mixed_float16")
    enc = L.CategoryEncoding(4, output_mode="one_hot")
    assert enc.compute_dtype == "float16" and enc(np.array([1, 2])).dtype == tf.float32  # as TF
    MP.set_global_policy(None)
    layer = L.Dense(2)
    layer.dtype_policy = "mixed_float16"
    assert (layer.compute_dtype, layer.dtype, layer.variable_dtype) == ("float16", "float32", "float32")


# -- layers under a mixed policy ---------------------------------------------------------------

LAYER_CASES = [pytest.param(p, c, id=f"{p}-{c[0]}") for p in ("mixed_float16", "mixed_bfloat16")
               for c in C.LAYERS]


@pytest.mark.covers("tf.keras.mixed_precision.set_global_policy", "tf.keras.layers.Dense",
                    "tf.keras.layers.Conv2D", "tf.keras.layers.Conv1D",
                    "tf.keras.layers.Conv2DTranspose", "tf.keras.layers.DepthwiseConv2D",
                    "tf.keras.layers.BatchNormalization", "tf.keras.layers.LayerNormalization",
                    "tf.keras.layers.Embedding", "tf.keras.layers.LSTM", "tf.keras.layers.GRU",
                    "tf.keras.layers.SimpleRNN", "tf.keras.layers.Activation",
                    "tf.keras.layers.Softmax", "tf.keras.layers.Dropout",
                    "tf.keras.layers.MaxPooling2D", "tf.keras.layers.AveragePooling2D",
                    "tf.keras.layers.GlobalAveragePooling2D", "tf.keras.layers.GlobalMaxPooling1D",
                    "tf.keras.layers.Flatten", "tf.keras.layers.Add", "tf.keras.layers.Concatenate",
                    "tf.keras.layers.RNN", "tf.keras.layers.SimpleRNNCell", "tf.keras.layers.LSTMCell",
                    "tf.keras.layers.GRUCell", "tf.keras.layers.Layer")
@pytest.mark.parametrize("policy,case", LAYER_CASES)
def test_layer_under_policy_matches_tf(policy, case):
    """Compute dtype outputs, float32 variables and float32 gradients, TF's values."""
    gold = GOLDEN["layers"][f"{policy}/{case[0]}"]
    rec = C.layer_case(tf, policy, case)
    for key in ("policy", "output_dtype", "weight_dtypes", "grad_dtypes"):
        assert rec[key] == gold[key], key
    tol = TOL[policy]
    close(rec["output"], gold["output"], tol, "output")
    for i, (g, gg) in enumerate(zip(rec["grads"], gold["grads"])):
        close(g, gg, tol, f"gradient {i}")
    for i, (w, gw) in enumerate(zip(rec["weights_after"], gold["weights_after"])):
        close(w, gw, 1e-5, f"weight {i} after the call")
    assert MP.global_policy().name == "float32"


@pytest.mark.covers("tf.keras.layers.Layer", "tf.keras.layers.Layer.add_weight")
def test_custom_layer_weights_are_autocast_like_keras():
    """Inside a mixed layer's call its float variables read in the compute dtype; assign goes to
    the float32 variable; frozen layers are cast too (TF 2.21 behaviour)."""
    MP.set_global_policy("mixed_float16")

    class Scale(L.Layer):
        def build(self, shape):
            self.w = self.add_weight(shape=(shape[-1],), initializer="ones")
            self.n = self.add_weight(shape=(), initializer="zeros", trainable=False)
            self.keep = self.add_weight(shape=(), initializer="ones", autocast=False)

        def call(self, x):
            self.n.assign_add(1.0)
            assert self.w.dtype == tf.float16 and self.keep.dtype == "float32"
            assert self.w.path.endswith("/variable") or self.w.name
            return x * self.w

    layer = Scale()
    x = np.arange(6, dtype="float32").reshape(2, 3) / 10
    with tf.GradientTape() as tape:
        y = layer(x)
        loss = tf.reduce_sum(tf.cast(y, "float32"))
    g = tape.gradient(loss, layer.w)
    assert y.dtype == tf.float16 and g.dtype == tf.float32 and layer.w.dtype == "float32"
    np.testing.assert_allclose(g.numpy(), [0.3, 0.5, 0.7], rtol=1e-3)
    layer(x)
    assert float(layer.n.numpy()) == 2.0 and isinstance(layer.w, keras.Variable)
    layer.trainable = False
    assert layer(x).dtype == tf.float16


# -- LossScaleOptimizer ------------------------------------------------------------------------

@pytest.mark.covers("tf.keras.mixed_precision.LossScaleOptimizer",
                    "tf.keras.optimizers.LossScaleOptimizer",
                    "tf.keras.optimizers.Optimizer.apply_gradients")
@pytest.mark.parametrize("case", [pytest.param(c, id=c[0]) for c in C.LSO_SEQUENCES])
def test_loss_scale_sequence_matches_tf(case):
    """Skip non-finite steps (state untouched), halve; double after N good steps."""
    gold = GOLDEN["lso"][case[0]]
    rec = C.lso_sequence(tf, case)
    assert rec["paths"] == gold["paths"] and rec["dtypes"] == gold["dtypes"]
    assert rec["config"] == gold["config"]
    for i, (s, g) in enumerate(zip(rec["steps"], gold["steps"])):
        assert (s["scale"], s["counter"], s["iterations"]) == \
            (g["scale"], g["counter"], g["iterations"]), f"step {i}"
        close(s["v"], g["v"], 1e-6, f"v at step {i}")
        close(s["w"], g["w"], 1e-6, f"w at step {i}")
        for a, b in zip(s["inner"], g["inner"]):
            close(a, b, 1e-5, f"inner optimizer variable at step {i}")


@pytest.mark.covers("tf.keras.mixed_precision.LossScaleOptimizer",
                    "tf.keras.optimizers.LossScaleOptimizer")
def test_loss_scale_optimizer_api():
    inner = keras.optimizers.SGD(0.1, loss_scale_factor=8.0)
    lso = MP.LossScaleOptimizer(inner)
    assert inner.loss_scale_factor is None  # never scaled twice
    assert (lso.name, lso.initial_scale, lso.dynamic_growth_steps) == ("loss_scale_optimizer", 32768.0, 2000)
    assert lso.inner_optimizer is inner and isinstance(lso, keras.optimizers.Optimizer)
    assert repr(lso).startswith("<keras.src.optimizers.loss_scale_optimizer.LossScaleOptimizer object at")
    assert lso.learning_rate is inner.learning_rate and lso.iterations is inner.iterations
    assert lso.loss_scale_factor is None
    np.testing.assert_allclose(lso.scale_loss(tf.constant(2.0)).numpy(), 65536.0)
    lso.learning_rate = 0.5
    np.testing.assert_allclose(inner.learning_rate.numpy(), 0.5)
    v = tf.Variable([1.0, 2.0])
    lso.apply_gradients([(tf.constant([32768.0, 65536.0]), v)])
    np.testing.assert_allclose(v.numpy(), [0.5, 1.0])
    assert [x.path for x in lso.variables] == [
        "loss_scale_optimizer/iteration", "loss_scale_optimizer/learning_rate",
        "loss_scale_optimizer/step_counter", "loss_scale_optimizer/dynamic_scale",
        "sgd/iteration", "sgd/learning_rate"]
    assert lso.dynamic_scale.dtype == "float32" and lso.step_counter.dtype == "int64"
    assert int(lso.iterations.numpy()) == 1 and int(lso._iterations.numpy()) == 0
    s = lso.scale_loss(tf.constant(2.0, "float16"))
    assert s.dtype == tf.float32 and float(s.numpy()) == 65536.0
    assert not bool(lso.check_finite([tf.constant([1.0, np.inf])]).numpy())
    assert bool(lso.check_finite([None, tf.constant([1.0])]).numpy())
    with pytest.raises(ValueError, match=r"LossScaleOptimizer no longer supports `dynamic=False`. "
                                         r"Instead, simply set `loss_scale_factor` directly on the "
                                         r"`inner_optimizer`."):
        MP.LossScaleOptimizer(keras.optimizers.SGD(), dynamic=False)
    with pytest.raises(ValueError, match="LossScaleOptimizer does not support `clipnorm`. Instead, "
                                         "set `clipnorm` on the `inner_optimizer`."):
        MP.LossScaleOptimizer(keras.optimizers.SGD(), clipnorm=1.0)
    with pytest.raises(ValueError, match="LossScaleOptimizer does not support arguments: `foo`."):
        MP.LossScaleOptimizer(keras.optimizers.SGD(), foo=1)
    MP.LossScaleOptimizer(keras.optimizers.SGD(), weight_decay=None, use_ema=False)  # defaults: ok


@pytest.mark.covers("tf.keras.optimizers.LossScaleOptimizer")
def test_restore_kernels_are_exact():
    """Both restore paths (where on CPU, foreach on CUDA) give back exactly one of the two."""
    from tfkeras_shim.keras.optimizers import loss_scale_optimizer as lso_mod
    rng = np.random.default_rng(0)
    for fn in (lso_mod._restore_where, lso_mod._restore_foreach):
        for ok in (True, False):
            new = [torch.tensor(rng.standard_normal(s).astype("float32")) for s in ((3, 4), (5,))]
            old = [torch.tensor(rng.standard_normal(s).astype("float32")) for s in ((3, 4), (5,))]
            want = [(n if ok else o).clone() for n, o in zip(new, old)]
            fn(torch.tensor(ok), new, [o.clone() for o in old])
            assert all(torch.equal(a, b) for a, b in zip(new, want))


@pytest.mark.covers("tf.keras.optimizers.LossScaleOptimizer", "tf.keras.optimizers.serialize",
                    "tf.keras.optimizers.deserialize")
def test_loss_scale_optimizer_config_round_trip():
    lso = MP.LossScaleOptimizer(keras.optimizers.Adam(0.01), initial_scale=256.0,
                                dynamic_growth_steps=10)
    cfg = keras.optimizers.serialize(lso)
    assert cfg["class_name"] == "LossScaleOptimizer" and cfg["module"] == "keras.optimizers"
    assert cfg["config"]["inner_optimizer"]["class_name"] == "Adam"
    assert set(cfg["config"]) == {"name", "inner_optimizer", "initial_scale", "dynamic_growth_steps"}
    back = keras.optimizers.deserialize(cfg)
    assert isinstance(back, MP.LossScaleOptimizer) and isinstance(back.inner_optimizer, keras.optimizers.Adam)
    assert back.get_config() == lso.get_config()
    assert keras.optimizers.get(cfg).initial_scale == 256.0


@pytest.mark.covers("tf.keras.mixed_precision.LossScaleOptimizer", "tf.GradientTape")
def test_keras3_tape_loop_matches_tf():
    for target, gold in GOLDEN["tape_loop"].items():
        rec = C.tape_loop(tf, float(target))
        for i, (r, g) in enumerate(zip(rec, gold)):
            for key in ("loss_dtype", "scaled_dtype", "pred_dtype", "grad_dtypes", "scale", "iterations"):
                assert r[key] == g[key], (target, i, key)
            assert math.isclose(r["loss"], g["loss"], rel_tol=2e-3)
            for a, b in zip(r["weights"], g["weights"]):
                close(a, b, 2e-3, f"weights at step {i}")


def _keras2_loop(target_scale):
    """The Keras 2 tutorial loop (get_scaled_loss / get_unscaled_gradients), same data as
    mixed_precision_cases.tape_loop."""
    MP.set_global_policy("mixed_float16")
    model = C._mlp(keras)
    C._set_weights(model)
    opt = MP.LossScaleOptimizer(keras.optimizers.SGD(0.05))
    x, y = C._data(target_scale)
    out = []
    for step in range(4):
        xb, yb = x[step * 4:(step + 1) * 4], y[step * 4:(step + 1) * 4]
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(xb, training=True) - yb))
            scaled_loss = opt.get_scaled_loss(loss)
        scaled_grads = tape.gradient(scaled_loss, model.trainable_variables)
        grads = opt.get_unscaled_gradients(scaled_grads)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        out.append((float(loss.numpy()), float(opt.loss_scale.numpy()), model.get_weights()))
    MP.set_global_policy(None)
    return out


@pytest.mark.covers("tf.keras.mixed_precision.LossScaleOptimizer", "tf.GradientTape")
def test_keras2_tape_loop_gives_the_keras3_numbers():
    for target, gold in GOLDEN["tape_loop"].items():
        for i, ((loss, scale, weights), g) in enumerate(zip(_keras2_loop(float(target)), gold)):
            assert scale == g["scale"]
            assert math.isclose(loss, g["loss"], rel_tol=2e-3)
            for a, b in zip(weights, g["weights"]):
                np.testing.assert_allclose(a, C.np_of(b), rtol=2e-3, atol=2e-3)
    opt = MP.LossScaleOptimizer(keras.optimizers.SGD())
    assert opt.dynamic and opt.dynamic_counter is None and float(opt.loss_scale.numpy()) == 32768.0
    assert opt.get_unscaled_gradients([None])[0] is None
    opt._grads_unscaled = False
    f = opt.get_scaled_loss(lambda: tf.constant(3.0))
    assert float(f().numpy()) == 3.0 * 32768


@pytest.mark.covers("tf.keras.optimizers.Optimizer.minimize", "tf.keras.mixed_precision.LossScaleOptimizer")
def test_minimize_scales_the_loss():
    v = tf.Variable(2.0)
    opt = MP.LossScaleOptimizer(keras.optimizers.SGD(0.5), initial_scale=1024.0)
    opt.minimize(lambda: v * v, [v])  # grad 4
    np.testing.assert_allclose(v.numpy(), 0.0)
    assert int(opt.iterations.numpy()) == 1 and float(opt.dynamic_scale.numpy()) == 1024.0
    w = tf.Variable(1.0)
    opt = MP.LossScaleOptimizer(keras.optimizers.SGD(0.5))
    with tf.GradientTape() as tape:
        loss = 3.0 * w
    opt.minimize(loss, [w], tape=tape)
    np.testing.assert_allclose(w.numpy(), -0.5)


# -- compile / fit -----------------------------------------------------------------------------

@pytest.mark.covers("tf.keras.Model.compile", "tf.keras.Model.fit", "tf.keras.Model.evaluate",
                    "tf.keras.Model.predict", "tf.keras.mixed_precision.LossScaleOptimizer")
@pytest.mark.parametrize("case", [pytest.param(c, id=c[0]) for c in C.FITS])
def test_fit_matches_tf(case):
    gold = GOLDEN["fit"][case[0]]
    rec = C.fit_case(tf, case)
    tol = TOL[case[1]] if case[1] == "mixed_bfloat16" else 2e-3
    for key in ("optimizer", "optimizer_name", "model_policy", "iterations", "scale", "counter",
                "inner", "predict_dtype", "call_dtype"):
        assert rec.get(key) == gold.get(key), key
    np.testing.assert_allclose(rec["loss"], gold["loss"], rtol=tol)
    assert math.isclose(rec["evaluate"], gold["evaluate"], rel_tol=tol)
    # the embedding rows tell per-occurrence Adam (TF keeps IndexedSlices) from summed rows
    wtol = 2e-4 if case[5] == "embedding" else tol
    for a, b in zip(rec["weights"], gold["weights"]):
        close(a, b, wtol, "weights")
    close(rec["predict"], gold["predict"], tol, "predict")


@pytest.mark.covers("tf.keras.Model.compile", "tf.keras.Model.get_compile_config")
def test_compile_wraps_only_mixed_float16():
    MP.set_global_policy("mixed_float16")
    m = keras.Sequential([keras.Input((3,)), L.Dense(2)])
    adam = keras.optimizers.Adam()
    m.compile(adam, "mse")
    assert isinstance(m.optimizer, MP.LossScaleOptimizer) and m.optimizer.inner_optimizer is adam
    assert m.optimizer.name == "loss_scale_optimizer"
    assert m.get_compile_config()["optimizer"]["class_name"] == "Adam"  # kept unwrapped, as Keras
    lso = MP.LossScaleOptimizer(keras.optimizers.SGD())
    m.compile(lso, "mse")
    assert m.optimizer is lso
    m.compile("sgd", "mse", auto_scale_loss=False)
    assert type(m.optimizer) is keras.optimizers.SGD
    MP.set_global_policy("mixed_bfloat16")
    m2 = keras.Sequential([keras.Input((3,)), L.Dense(2)])
    m2.compile("sgd", "mse")
    assert type(m2.optimizer) is keras.optimizers.SGD
    MP.set_global_policy(None)
    m3 = keras.Sequential([keras.Input((3,)), L.Dense(2, dtype="mixed_float16")])
    m3.compile("sgd", "mse")  # the model's own policy decides, not its layers'
    assert type(m3.optimizer) is keras.optimizers.SGD


class _SyncCounter:
    """Counts host reads of tensors while active."""

    NAMES = ("item", "tolist", "cpu", "numpy", "__float__", "__bool__", "__int__")

    def __init__(self, monkeypatch):
        self.count = 0
        for name in self.NAMES:
            orig = getattr(torch.Tensor, name)

            def wrapper(t, *a, _orig=orig, **k):
                self.count += 1
                return _orig(t, *a, **k)
            monkeypatch.setattr(torch.Tensor, name, wrapper)


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.mixed_precision.LossScaleOptimizer")
def test_mixed_fit_has_no_host_sync_per_step(monkeypatch):
    MP.set_global_policy("mixed_float16")
    x = np.random.RandomState(0).rand(320, 3).astype("float32")
    y = (x.sum(1, keepdims=True) * 100).astype("float32")  # overflows at first: skipped steps
    m = keras.Sequential([keras.Input((3,)), L.Dense(8, activation="relu"), L.Dense(1),
                          L.Activation("linear", dtype="float32")])
    m.compile("adam", "mse")
    m.fit(x[:32], y[:32], batch_size=32, verbose=0)  # builds everything
    counter = _SyncCounter(monkeypatch)
    m.fit(x, y, batch_size=32, epochs=2, verbose=0)  # 20 steps
    assert counter.count <= 2 * 4
    monkeypatch.undo()
    assert float(m.optimizer.dynamic_scale.numpy()) < 32768.0  # some steps were skipped
    assert np.isfinite(m.get_weights()[0]).all()


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.mixed_precision.set_global_policy")
def test_mixed_float16_fit_on_cuda():
    MP.set_global_policy("mixed_float16")
    x = np.random.RandomState(0).rand(256, 8, 8, 3).astype("float32")
    y = np.random.RandomState(1).randint(0, 4, 256)
    m = keras.Sequential([keras.Input((8, 8, 3)), L.Conv2D(8, 3, activation="relu"),
                          L.BatchNormalization(), L.GlobalAveragePooling2D(), L.Dense(16),
                          L.Dense(4), L.Activation("softmax", dtype="float32")])
    m.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    h = m.fit(x, y, batch_size=32, epochs=2, verbose=0)
    assert all(np.isfinite(h.history["loss"]))
    assert isinstance(m.optimizer, MP.LossScaleOptimizer)
    assert all(w.device.type == "cuda" and w.dtype == "float32" for w in m.weights)
    out = m(x[:4])
    assert out.dtype == tf.float32 and m.layers[0](x[:4]).dtype == tf.float16
    assert m.optimizer.dynamic_scale.device.type == "cuda"
