"""tf.TensorArray (tfkeras_shim/ops/tensor_array_ops.py): tutorial patterns, eager vs
tf.function semantics, gradients. Values/errors against TF are in
tests/golden/cases/tensor_array.py."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf


def _is_shim(t):
    return type(t).__name__ == "Tensor" and isinstance(t, torch.Tensor)


@pytest.mark.covers("tf.TensorArray", "tf.TensorArray.write", "tf.TensorArray.read",
                    "tf.TensorArray.stack", "tf.TensorArray.size")
def test_functional_style_loop():
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    for i in range(4):
        ta = ta.write(i, tf.constant([i, i * 2.0]))
    out = ta.stack()
    assert _is_shim(out) and out.dtype == tf.float32 and out.shape == (4, 2)
    np.testing.assert_array_equal(out.numpy(), [[0, 0], [1, 2], [2, 4], [3, 6]])
    assert int(ta.size()) == 4 and ta.size().dtype == tf.int32
    assert ta.element_shape == tf.TensorShape([2])


@pytest.mark.covers("tf.TensorArray")
def test_eager_write_updates_in_place_and_returns_the_array():
    ta = tf.TensorArray(tf.int32, size=2)
    assert ta.write(0, 5) is ta
    assert ta.stack().numpy().tolist() == [5, 0]


@pytest.mark.covers("tf.TensorArray", "tf.TensorArray.read")
def test_clear_after_read_eager_and_in_tf_function():
    ta = tf.TensorArray(tf.float32, size=1).write(0, 3.0)
    assert float(ta.read(0)) == 3.0
    with pytest.raises(tf.errors.InvalidArgumentError, match="clear_after_read"):
        ta.read(0)

    @tf.function
    def twice(x):
        t = tf.TensorArray(tf.float32, size=1).write(0, x)
        return t.read(0) + t.read(0)  # a graph TensorList never clears

    assert float(twice(tf.constant(2.0))) == 4.0

    tf.config.run_functions_eagerly(True)
    try:
        with pytest.raises(tf.errors.InvalidArgumentError):
            twice(tf.constant(2.0))
    finally:
        tf.config.run_functions_eagerly(False)


@pytest.mark.covers("tf.TensorArray")
def test_error_classes_eager_and_graph():
    ta = tf.TensorArray(tf.float32, size=2)
    with pytest.raises(tf.errors.OutOfRangeError):
        ta.write(2, 1.0)
    with pytest.raises(tf.errors.OutOfRangeError):
        ta.read(-1)
    with pytest.raises(ValueError, match="partially known"):
        ta.read(0)

    @tf.function
    def past_end():
        return tf.TensorArray(tf.float32, size=2).write(2, 1.0).stack()

    with pytest.raises(tf.errors.InvalidArgumentError, match="Trying to modify element 2"):
        past_end()


@pytest.mark.covers("tf.TensorArray", "tf.function")
def test_fibonacci_tutorial_in_tf_function():
    @tf.function
    def fibonacci(n):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        ta = ta.unstack([0.0, 1.0])
        for i in range(2, n):
            ta = ta.write(i, ta.read(i - 1) + ta.read(i - 2))
        return ta.stack()

    assert fibonacci(7).numpy().tolist() == [0, 1, 1, 2, 3, 5, 8]


@pytest.mark.covers("tf.TensorArray", "tf.range")
def test_tensor_indices_from_tf_range():
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in tf.range(4):
        ta = ta.write(i, i * i)
    assert ta.stack().numpy().tolist() == [0, 1, 4, 9]
    assert ta.gather(tf.constant([3, 1])).numpy().tolist() == [9, 1]


@pytest.mark.covers("tf.TensorArray", "tf.GradientTape")
def test_gradients_flow_through_stack_read_gather_concat():
    w = tf.Variable([0.5, -0.3])
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as tape:
        ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack(x * w)
        y = (tf.reduce_sum(ta.gather([2, 0]) * 2.0) + tf.reduce_sum(ta.concat())
             + tf.reduce_sum(ta.read(1)) + tf.reduce_sum(ta.stack()))
    g = tape.gradient(y, w)
    np.testing.assert_allclose(g.numpy(), [12 + 9 + 3 + 9, 16 + 12 + 4 + 12])


@pytest.mark.covers("tf.TensorArray", "tf.GradientTape", "tf.function")
def test_rnn_loop_gradient_matches_plain_torch():
    x_np = np.random.RandomState(0).randn(5, 3).astype("float32")
    w_np = np.array([0.3, -0.2, 0.1], dtype="float32")

    @tf.function
    def rnn(x, w):
        ta = tf.TensorArray(tf.float32, size=x.shape[0])
        h = tf.zeros([3])
        for t in range(x.shape[0]):
            h = tf.tanh(x[t] * w + h)
            ta = ta.write(t, h)
        return ta.stack()

    w = tf.Variable(w_np)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(rnn(tf.constant(x_np), w) ** 2)
    g = tape.gradient(loss, w)

    wt = torch.tensor(w_np, requires_grad=True)
    h = torch.zeros(3)
    hs = []
    for row in torch.from_numpy(x_np):
        h = torch.tanh(row * wt + h)
        hs.append(h)
    (torch.stack(hs) ** 2).sum().backward()
    np.testing.assert_allclose(g.numpy(), wt.grad.numpy(), rtol=1e-5)


@pytest.mark.covers("tf.TensorArray")
def test_written_variable_is_a_snapshot():
    v = tf.Variable(1.0)
    ta = tf.TensorArray(tf.float32, size=2).write(0, v)
    v.assign(5.0)
    ta = ta.write(1, v)
    assert ta.stack().numpy().tolist() == [1.0, 5.0]


@pytest.mark.covers("tf.TensorArray", "tf.TensorArray.scatter", "tf.TensorArray.split",
                    "tf.TensorArray.concat", "tf.TensorArray.unstack", "tf.TensorArray.gather")
def test_scatter_split_concat():
    ta = tf.TensorArray(tf.float32, size=3).scatter([2, 0], [[1.0, 2.0], [3.0, 4.0]])
    assert ta.stack().numpy().tolist() == [[3, 4], [0, 0], [1, 2]]
    ta = tf.TensorArray(tf.float32, size=2, clear_after_read=False).split(
        [[1.0], [2.0], [3.0]], [1, 2])
    assert ta.read(1).numpy().tolist() == [[2.0], [3.0]]
    assert ta.concat().numpy().tolist() == [[1.0], [2.0], [3.0]]


@pytest.mark.covers("tf.TensorArray")
def test_strings():
    ta = tf.TensorArray(tf.string, size=3).write(0, "a").write(2, "bc")
    assert ta.stack().numpy().tolist() == [b"a", b"", b"bc"]


@pytest.mark.covers("tf.TensorArray", "tf.map_fn")
def test_inside_map_fn():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    out = tf.map_fn(lambda r: tf.TensorArray(tf.float32, size=2).unstack(r).read(1), x)
    assert out.numpy().tolist() == [2.0, 4.0]


@pytest.mark.covers("tf.TensorArray", "tf.while_loop")
def test_in_while_loop():
    n = tf.constant(4)
    ta = tf.TensorArray(tf.float32, size=n)

    def body(i, ta):
        return i + 1, ta.write(i, tf.cast(i, tf.float32) ** 2)

    _, ta = tf.while_loop(lambda i, ta: i < n, body, [0, ta])
    assert ta.stack().numpy().tolist() == [0, 1, 4, 9]
