"""tf.function(jit_compile=True) and tfkeras_shim._compile.compile_fn: torch.compile on shim code.

Compiled results must equal eager ones, GradientTape must work inside and around compiled
functions, and a compilation failure must give one warning and an eager run. Most tests use
the `aot_eager` backend (AOTAutograd without code generation: fast); the tf.function tests use
the real default (Inductor, needs gcc)."""
import logging
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim._compile import compile_fn
from tfkeras_shim.framework.tensor import Tensor
from tfkeras_shim.framework.tensor_shape import TensorShape

torch_dynamo = pytest.importorskip("torch._dynamo")
from torch._dynamo.utils import counters  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_dynamo():
    torch._dynamo.reset()
    counters.clear()
    yield
    torch._dynamo.reset()


def _fallback_warnings(rec):
    return [str(w.message) for w in rec
            if issubclass(w.category, RuntimeWarning) and "could not compile" in str(w.message)]


def _graphs():
    return counters["stats"]["unique_graphs"]


def _breaks():
    return sum(counters["graph_break"].values())


@pytest.mark.covers("tf.function")
def test_function_over_tf_ops_and_global_variables_compiles():
    tf.random.set_seed(1)
    w = tf.Variable(tf.random.normal([4, 3]))
    b = tf.Variable(tf.zeros([3]))

    def f(x):
        y = tf.nn.relu(tf.matmul(x, w) + b) * 2.0 - 1.0
        return tf.reduce_mean(y, axis=1), tf.reduce_sum(tf.square(y))

    jf = tf.function(f, jit_compile=True)
    x = tf.random.normal([5, 4])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        out = jf(x)
        out2 = jf(x + 1.0)
    assert _fallback_warnings(rec) == []
    assert _graphs() >= 1 and _breaks() == 0
    assert jf._compiled is not None and jf._compiled.compiled
    ref, ref2 = f(x), f(x + 1.0)
    for got, want in zip(out + out2, ref + ref2):
        assert type(got) is Tensor and got.dtype == tf.float32
        np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-6)
    assert isinstance(out[0].shape, TensorShape) and out[0].shape.as_list() == [5]


@pytest.mark.covers("tf.function", "tf.Variable.assign_add", "tf.Variable.assign_sub")
def test_variable_updates_inside_compiled_function():
    v = tf.Variable([1.0, 2.0, 3.0])
    n = tf.Variable(0)

    @tf.function(jit_compile=True)
    def update(x):
        v.assign_sub(0.5 * x)
        n.assign_add(1)
        return v * 2.0

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        for _ in range(3):
            out = update(tf.constant([1.0, 0.0, -1.0]))
    assert _fallback_warnings(rec) == []
    np.testing.assert_allclose(v.numpy(), [-0.5, 2.0, 4.5])
    np.testing.assert_allclose(out.numpy(), [-1.0, 4.0, 9.0])
    assert int(n) == 3 and n.dtype == tf.int32


@pytest.mark.covers("tf.function")
def test_tf_semantics_kept_inside_compiled_code():
    """tf.* ops keep TF's dtype rules in compiled code (Python operators between tensors follow
    torch's there: TorchDynamo does not call a tensor subclass's operator methods)."""
    seen = {}

    def f(a, b):
        seen["is_tensor"] = isinstance(a, tf.Tensor)
        seen["dtype_eq"] = bool(a.dtype == tf.int32)
        seen["shape"] = tuple(a.shape)
        q = tf.math.truediv(a, b)              # int32 / int32 -> float64 in TF
        return q, tf.cast(a, tf.float32) * 0.5, tf.math.floordiv(a, 2), tf.add(a, b)

    c = compile_fn(f, backend="aot_eager")
    a, b = tf.constant([7, -7, 4]), tf.constant([2, 2, 4])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        q, h, fd, s = c(a, b)
    assert _fallback_warnings(rec) == [] and c.compiled
    assert seen == {"is_tensor": True, "dtype_eq": True, "shape": (3,)}
    assert [t.dtype for t in (q, h, fd, s)] == [tf.float64, tf.float32, tf.int32, tf.int32]
    assert all(type(t) is Tensor for t in (q, h, fd, s))
    np.testing.assert_allclose(q.numpy(), [3.5, -3.5, 1.0])
    np.testing.assert_array_equal(fd.numpy(), [3, -4, 2])
    with pytest.raises(TypeError, match="must have the same dtype"):
        c(a, tf.constant([1.0, 2.0, 3.0]))  # int32 / float32 still refused like TF
    with pytest.raises(tf.errors.InvalidArgumentError):
        compile_fn(tf.add, backend="aot_eager")(a, tf.constant([1.0, 2.0, 3.0]))


@pytest.mark.covers("tf.GradientTape", "tf.GradientTape.gradient", "tf.function")
def test_gradient_tape_inside_compiled_train_step():
    init = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]], np.float32)
    x = tf.constant([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])

    def make():
        w = tf.Variable(init)

        def step(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
            g = tape.gradient(loss, w)
            w.assign_sub(0.05 * g)
            return loss
        return w, step

    w_e, step_e = make()
    w_c, step_c = make()
    c = compile_fn(step_c, backend="aot_eager")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        got = [float(c(x)) for _ in range(4)]
    want = [float(step_e(x)) for _ in range(4)]
    assert _fallback_warnings(rec) == [] and c.compiled and _graphs() >= 1
    np.testing.assert_allclose(got, want, rtol=1e-5)
    np.testing.assert_allclose(w_c.numpy(), w_e.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.covers("tf.GradientTape", "tf.GradientTape.gradient", "tf.GradientTape.watch")
def test_gradient_tape_around_compiled_function():
    w = tf.Variable([1.0, 2.0])

    def f(x):
        return tf.reduce_sum(w * x * x)

    c = compile_fn(f, backend="aot_eager")
    x = tf.constant([3.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = c(x)
    gw, gx = tape.gradient(y, [w, x])
    assert c.compiled and type(y) is Tensor
    assert float(y) == 41.0
    np.testing.assert_allclose(gw.numpy(), [9.0, 16.0])
    np.testing.assert_allclose(gx.numpy(), [6.0, 16.0])
    with tf.GradientTape() as tape:   # an unwatched constant still gives None, like TF
        y = c(x)
    assert tape.gradient(y, x) is None


@pytest.mark.covers("tf.function")
def test_fallback_on_backend_failure_warns_once_and_runs_eagerly():
    calls = []

    def broken_backend(gm, example_inputs):
        calls.append(1)
        raise RuntimeError("no C++ compiler here")

    v = tf.Variable(1.0)

    def f(x):
        v.assign_add(1.0)          # must happen once per call, compiled or not
        return x * 2.0 + v

    c = compile_fn(f, backend=broken_backend)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        outs = [float(c(tf.constant(float(i)))) for i in range(3)]
    msgs = _fallback_warnings(rec)
    assert len(msgs) == 1 and "no C++ compiler here" in msgs[0] and "eagerly" in msgs[0]
    assert outs == [2.0, 5.0, 8.0] and float(v) == 4.0
    assert c.failed is not None and not c.compiled and len(calls) == 1


@pytest.mark.covers("tf.function")
def test_fallback_on_suppressed_compiler_error(monkeypatch):
    """An internal TorchDynamo error that dynamo suppresses (the frame runs eagerly) is reported
    as the one warning, and later calls run eagerly."""
    def logging_backend(gm, example_inputs):
        try:
            raise RuntimeError("internal compiler error")
        except RuntimeError:
            logging.getLogger("torch._dynamo.convert_frame").warning("WON'T CONVERT", exc_info=True)
        return gm.forward

    c = compile_fn(lambda x: x + 1.0, backend=logging_backend, name="plus_one")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = [float(c(tf.constant(1.0))), float(c(tf.constant(2.0)))]
    msgs = _fallback_warnings(rec)
    assert r == [2.0, 3.0]
    assert len(msgs) == 1 and "internal compiler error" in msgs[0] and "plus_one" in msgs[0]
    assert c.failed is not None


@pytest.mark.covers("tf.function")
def test_fallback_when_torch_compile_is_unavailable(monkeypatch):
    def no_compile(*args, **kwargs):
        raise RuntimeError("torch.compile is not supported on this platform")

    monkeypatch.setattr(torch, "compile", no_compile)

    @tf.function(jit_compile=True)
    def f(x):
        return tf.square(x)

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = [float(f(tf.constant(3.0))), float(f(tf.constant(4.0)))]
    assert r == [9.0, 16.0] and len(_fallback_warnings(rec)) == 1


@pytest.mark.covers("tf.function")
def test_user_errors_propagate_unchanged():
    def f(x):
        if x.shape[0] > 2:
            raise ValueError("too long")
        return x * 2

    c = compile_fn(f, backend="aot_eager")
    assert float(tf.reduce_sum(c(tf.constant([1.0, 2.0])))) == 6.0
    with pytest.raises(ValueError, match="too long"):
        c(tf.constant([1.0, 2.0, 3.0]))
    assert c.failed is None


@pytest.mark.covers("tf.function")
def test_nested_jit_functions():
    @tf.function(jit_compile=True)
    def inner(x):
        return tf.nn.sigmoid(x) * 3.0

    @tf.function(jit_compile=True)
    def outer(x):
        return inner(x) + inner(-x)

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        out = outer(tf.constant([0.0, 1.0, -2.0]))
    assert _fallback_warnings(rec) == []
    np.testing.assert_allclose(out.numpy(), [3.0, 3.0, 3.0], rtol=1e-6)


def test_bare_torch_compile_accepts_shim_tensors():
    """A torch user's own torch.compile sees shim tensors and Variables as tensors."""
    w = tf.Variable([[1.0, 0.0], [0.0, 2.0]])

    def f(x):
        return tf.matmul(x, w) + 1.0

    out = torch.compile(f, backend="aot_eager")(tf.constant([[1.0, 2.0]]))
    np.testing.assert_allclose(out.detach().numpy(), [[2.0, 5.0]])
    assert _breaks() == 0


def test_eager_dtype_and_shape_unchanged():
    x = tf.constant([[1, 2]])
    v = tf.Variable([1.0])
    assert type(x.dtype).__name__ == "DType" and x.dtype.name == "int32"
    assert isinstance(x.shape, TensorShape) and x.shape.as_list() == [1, 2]
    assert v.dtype.name == "float32" and v.shape.as_list() == [1]
    d = tf.keras.layers.Dense(2)
    d.build((None, 3))
    assert d.kernel.dtype == "float32" and d.kernel.dtype.name == "float32"


@pytest.mark.covers("tf.keras.Model.train_step")
def test_keras_train_step_compiled_matches_eager():
    keras = tf.keras
    rng = np.random.default_rng(0)
    x = tf.constant(rng.random((8, 5), dtype=np.float32))
    y = tf.constant(rng.integers(0, 3, size=(8,)).astype(np.int32))

    def make():
        tf.random.set_seed(3)
        m = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(6, activation="relu"),
                              keras.layers.Dense(3)])
        m.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
        return m

    m_e, m_c = make(), make()
    m_c.set_weights(m_e.get_weights())
    step = compile_fn(m_c.train_step, warmup=1, backend="aot_eager")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        for _ in range(3):
            logs_c = step((x, y))
    for _ in range(3):
        logs_e = m_e.train_step((x, y))
    assert _fallback_warnings(rec) == [] and step.compiled and _graphs() >= 1
    for a, b in zip(m_c.get_weights(), m_e.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    logs_c = logs_c() if callable(logs_c) else logs_c
    logs_e = logs_e() if callable(logs_e) else logs_e
    assert set(logs_c) == set(logs_e)
    for k in logs_e:
        np.testing.assert_allclose(float(logs_c[k]), float(logs_e[k]), rtol=1e-5)


def test_warmup_calls_run_eagerly_then_compile():
    seen = []

    def f(x):
        seen.append(torch.compiler.is_compiling())
        return x + 1

    c = compile_fn(f, warmup=2, backend="aot_eager")
    for i in range(4):
        c(tf.constant(i))
    assert seen[:2] == [False, False] and True in seen[2:]
    assert c.calls == 4 and c.compiled


@pytest.mark.covers("tf.function", "tf.GradientTape")
def test_results_carry_gradients_only_under_a_recording_tape():
    """As in TF: a tape records the call only while it is recording; outside one the compiled
    code returns detached results (so a step that returns its own loss stays one graph)."""
    w = tf.Variable([2.0, 3.0])
    c = compile_fn(lambda x: tf.reduce_sum(w * x), backend="aot_eager")
    x = tf.constant([1.0, 1.0])
    assert not c(x).requires_grad
    with tf.GradientTape() as tape:
        y = c(x)
    assert y.requires_grad and float(y) == 5.0
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), [1.0, 1.0])
    keep = compile_fn(lambda x: tf.reduce_sum(w * x), backend="aot_eager", output_grads=True)
    assert keep(x).requires_grad


def test_autotune_keeps_the_faster_way():
    import time as _time

    def slow_when_compiled(x):
        if torch.compiler.is_compiling():
            torch._dynamo.graph_break()
        return x * 2.0

    c = compile_fn(slow_when_compiled, backend="aot_eager", autotune=3)
    real = c._timed

    def fake_timed(which, t0):  # make the compiled calls look slow
        real(which, t0 - (1.0 if which == "compiled" else 0.0))
    c._timed = fake_timed
    outs = [float(c(tf.constant(float(i)))) for i in range(12)]
    assert outs == [2.0 * i for i in range(12)]
    assert c.choice == "eager" and len(c.timings["compiled"]) == 3 and len(c.timings["eager"]) == 3
    assert "faster" in repr(c)
