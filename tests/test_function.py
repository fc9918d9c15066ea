"""tf.function (eager by default, torch.compile with jit_compile=True, with an eager fallback),
tf.TensorSpec and tf.autograph. Values against TF are in tests/golden/cases/control_flow.py."""
import copy
import pickle
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf


def _is_shim(t):
    return type(t).__name__ == "Tensor" and isinstance(t, torch.Tensor)


@pytest.mark.covers("tf.function")
def test_decorator_forms():
    @tf.function
    def a(x):
        return x + 1

    @tf.function()
    def b(x):
        return x + 2

    @tf.function(input_signature=None, autograph=False, reduce_retracing=True, jit_compile=False,
                 experimental_relax_shapes=True, experimental_follow_type_hints=True)
    def c(x):
        return x + 3

    x = tf.constant(1)
    assert [int(a(x)), int(b(x)), int(c(x))] == [2, 3, 4]
    assert a.__name__ == "a" and a.python_function.__name__ == "a"
    assert tf.function(a).python_function is a.python_function


@pytest.mark.covers("tf.function")
def test_runs_eagerly_with_python_side_effects_each_call():
    calls = []

    @tf.function
    def f(x):
        calls.append(1)  # TF would run this only while tracing; the shim runs Python each time
        return x * 2

    f(tf.constant(1.0))
    f(tf.constant(2.0))
    assert len(calls) == 2
    assert f.experimental_get_tracing_count() == 1


@pytest.mark.covers("tf.function")
def test_methods_bind_per_instance():
    class Model(tf.Module if hasattr(tf, "Module") else object):
        def __init__(self, k):
            self.k = k

        @tf.function
        def call(self, x):
            return x * self.k

    m1, m2 = Model(2.0), Model(3.0)
    assert float(m1.call(tf.constant(1.0))) == 2.0
    assert float(m2.call(tf.constant(1.0))) == 3.0
    assert m1.call is m1.call  # cached bound Function
    assert type(Model.call).__name__ == "Function"


@pytest.mark.covers("tf.function")
def test_train_step_with_tape_inside_function():
    w = tf.Variable([1.0, -1.0])

    @tf.function
    def train_step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((w * x) ** 2)
        g = tape.gradient(loss, w)
        w.assign_sub(0.1 * g)
        return loss

    loss0 = train_step(tf.constant([1.0, 1.0])).numpy()
    loss1 = train_step(tf.constant([1.0, 1.0])).numpy()
    assert loss1 < loss0


@pytest.mark.covers("tf.function")
def test_jit_compile_fallback_warns_once(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no compiler here")

    monkeypatch.setattr(torch, "compile", broken)

    @tf.function(jit_compile=True)
    def f(x):
        return x * 2.0

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r1 = f(tf.constant(1.0))
        r2 = f(tf.constant(2.0))
    assert [float(r1), float(r2)] == [2.0, 4.0]
    msgs = [str(w.message) for w in rec if issubclass(w.category, RuntimeWarning)]
    assert len(msgs) == 1 and "running it eagerly" in msgs[0]


@pytest.mark.covers("tf.function")
def test_jit_compile_fallback_on_compile_time_error(monkeypatch):
    class FakeDynamoError(Exception):
        pass

    FakeDynamoError.__module__ = "torch._dynamo.exc"

    def compile_that_fails_at_call(fn, **kwargs):
        def run(*a, **k):
            raise FakeDynamoError("backend failed")
        return run

    monkeypatch.setattr(torch, "compile", compile_that_fails_at_call)

    @tf.function(jit_compile=True)
    def f(x):
        return x + 1

    with pytest.warns(RuntimeWarning, match="could not compile"):
        assert int(f(tf.constant(1))) == 2
    assert int(f(tf.constant(2))) == 3


@pytest.mark.covers("tf.function")
def test_jit_compile_user_errors_propagate(monkeypatch):
    monkeypatch.setattr(torch, "compile", lambda fn, **kw: fn)

    @tf.function(jit_compile=True)
    def f(x):
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        f(tf.constant(1))


@pytest.mark.covers("tf.function")
def test_jit_compile_uses_torch_compile_and_wraps_outputs(monkeypatch):
    compiled = []

    def fake_compile(fn, **kwargs):
        compiled.append(fn)

        def run(*a, **k):
            out = fn(*a, **k)
            return {"y": out.as_subclass(torch.Tensor)}  # compiled code returns plain tensors
        return run

    monkeypatch.setattr(torch, "compile", fake_compile)

    @tf.function(jit_compile=True)
    def f(x):
        return x * 3

    out = f(tf.constant([1, 2]))
    assert len(compiled) == 1 and _is_shim(out["y"])
    f(tf.constant([3, 4]))
    assert len(compiled) == 1  # compiled lazily, once


@pytest.mark.covers("tf.function", "tf.config.run_functions_eagerly", "tf.config.functions_run_eagerly")
def test_run_functions_eagerly_skips_compilation(monkeypatch):
    compiled = []
    monkeypatch.setattr(torch, "compile", lambda fn, **kw: compiled.append(fn) or fn)

    @tf.function(jit_compile=True)
    def f(x):
        return x + 1

    tf.config.run_functions_eagerly(True)
    try:
        assert tf.config.functions_run_eagerly() is True
        f(tf.constant(1))
        assert compiled == []
    finally:
        tf.config.run_functions_eagerly(False)
    f(tf.constant(1))
    assert len(compiled) == 1


@pytest.mark.covers("tf.function")
def test_jit_compile_real_torch_compile_gives_right_values():
    @tf.function(jit_compile=True)
    def f(x):
        return torch.relu(x) * 2.0 + 1.0

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = f(tf.constant([-1.0, 2.0]))
    np.testing.assert_allclose(out.numpy(), [1.0, 5.0])
    assert _is_shim(out)


@pytest.mark.covers("tf.function")
def test_input_signature_converts_python_values():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])
    def f(x, n):
        assert _is_shim(x) and x.dtype == tf.float32 and n.dtype == tf.int32
        return x * tf.cast(n, tf.float32)

    np.testing.assert_allclose(f([1, 2], 3).numpy(), [3.0, 6.0])
    np.testing.assert_allclose(f(x=[1.0], n=2).numpy(), [2.0])
    with pytest.raises(TypeError, match="Binding inputs to tf.function failed"):
        f(tf.constant([[1.0]]), 1)


@pytest.mark.covers("tf.function")
def test_concrete_function():
    @tf.function
    def f(x):
        return x + 1.0

    c = f.get_concrete_function(tf.TensorSpec([None, 2], tf.float32))
    args, kwargs = c.structured_input_signature
    assert args == (tf.TensorSpec([None, 2], tf.float32, name="x"),) and kwargs == {}
    np.testing.assert_allclose(c(tf.constant([[1.0, 2.0]])).numpy(), [[2.0, 3.0]])
    c2 = f.get_concrete_function(tf.constant([1.0]))
    assert c2.structured_input_signature[0][0].shape == tf.TensorShape([1])


@pytest.mark.covers("tf.function")
def test_function_copies():
    @tf.function
    def f(x):
        return x * 2

    g = copy.deepcopy(f)
    assert int(g(tf.constant(2))) == 4


@pytest.mark.covers("tf.TensorSpec")
def test_tensor_spec_api():
    s = tf.TensorSpec((None, 3), tf.float32, name="inp")
    assert repr(s) == "TensorSpec(shape=(None, 3), dtype=tf.float32, name='inp')"
    assert s.shape.as_list() == [None, 3] and s.dtype == tf.float32
    assert pickle.loads(pickle.dumps(s)) == s
    assert len({s, tf.TensorSpec([None, 3], name="inp")}) == 1
    t = tf.TensorSpec.from_tensor(tf.zeros((2, 3)))
    assert t.is_subtype_of(tf.TensorSpec((None, 3))) and not tf.TensorSpec((None, 3)).is_subtype_of(t)
    m = tf.TensorSpec((2, 3)).most_specific_compatible_type(tf.TensorSpec((4, 3)))
    assert m == tf.TensorSpec((None, 3))
    assert tf.TensorSpec([], "int64").dtype == tf.int64


@pytest.mark.covers("tf.autograph.experimental.do_not_convert", "tf.autograph.to_graph",
                    "tf.autograph.set_verbosity")
def test_autograph():
    def f(x):
        return x + 1

    assert tf.autograph.experimental.do_not_convert(f) is f
    assert tf.autograph.experimental.do_not_convert()(f) is f
    assert tf.autograph.to_graph(f) is f
    assert "return x + 1" in tf.autograph.to_code(f)
    tf.autograph.set_verbosity(0)
    tf.autograph.experimental.set_loop_options(maximum_iterations=3)
