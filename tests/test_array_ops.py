"""Array ops beyond what golden cases express: autograd, devices, views, TF-on-GPU index semantics."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.ops import array_ops

cuda = [pytest.mark.cuda, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")]


def _grad(v, y):
    v.grad = None
    y.sum().backward()
    return v.grad.numpy()


@pytest.mark.covers("tf.identity", "tf.stop_gradient", "tf.identity_n")
def test_identity_is_differentiable_and_stop_gradient_is_not():
    v = tf.Variable([1.0, 2.0])
    y = tf.identity(v) * 3.0
    assert isinstance(y, tf.Tensor) and y.requires_grad
    np.testing.assert_array_equal(_grad(v, y), [3.0, 3.0])
    s = tf.stop_gradient(v)
    assert isinstance(s, tf.Tensor) and not s.requires_grad
    a, b = tf.identity_n([v, tf.constant(1)])
    assert a.requires_grad and b.dtype == tf.int32


@pytest.mark.covers("tf.identity")
def test_identity_of_variable_is_a_snapshot():
    v = tf.Variable([1.0, 2.0])
    snap = tf.identity(v)
    v.assign([5.0, 6.0])
    np.testing.assert_array_equal(snap.numpy(), [1.0, 2.0])


@pytest.mark.covers("tf.gather", "tf.gather_nd", "tf.concat", "tf.stack", "tf.pad", "tf.where",
                    "tf.reshape", "tf.transpose", "tf.tile", "tf.boolean_mask", "tf.cast")
def test_gradients_flow_through_array_ops():
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_array_equal(_grad(v, tf.gather(v, [0, 0], axis=0)), [[2, 2, 2], [0, 0, 0]])
    np.testing.assert_array_equal(_grad(v, tf.gather(v, [[2], [0]], axis=1, batch_dims=1)),
                                  [[0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(_grad(v, tf.gather_nd(v, [[1, 1], [1, 1]])), [[0, 0, 0], [0, 2, 0]])
    np.testing.assert_array_equal(_grad(v, tf.concat([v, v], 0)), np.full((2, 3), 2.0))
    np.testing.assert_array_equal(_grad(v, tf.stack([v, 2 * v], -1)), np.full((2, 3), 3.0))
    np.testing.assert_array_equal(_grad(v, tf.pad(v, [[0, 0], [1, 1]], "REFLECT")),
                                  [[1, 3, 1], [1, 3, 1]])
    np.testing.assert_array_equal(_grad(v, tf.where(v > 2.5, v, 0.0)), [[0, 0, 1], [1, 1, 1]])
    np.testing.assert_array_equal(_grad(v, tf.transpose(tf.reshape(v, [3, 2]))), np.ones((2, 3)))
    np.testing.assert_array_equal(_grad(v, tf.tile(v, [2, 1])), np.full((2, 3), 2.0))
    np.testing.assert_array_equal(_grad(v, tf.boolean_mask(v, [False, True])), [[0, 0, 0], [1, 1, 1]])
    np.testing.assert_array_equal(_grad(v, tf.cast(v, tf.float64)), np.ones((2, 3)))


@pytest.mark.covers("tf.shape", "tf.size", "tf.rank", "tf.reshape", "tf.zeros")
def test_shape_tensors_live_on_host_and_feed_shape_arguments():
    x = tf.zeros((4, 6))
    s = tf.shape(x)
    assert s.device.type == "cpu" and s.dtype == tf.int32
    assert tf.reshape(x, [s[0], 2, -1]).shape == (4, 2, 3)
    assert tf.zeros(tf.shape(x)[1:]).shape == (6,)
    assert int(tf.size(x)) == 24 and int(tf.rank(x)) == 2


@pytest.mark.covers("tf.zeros", "tf.ones", "tf.fill", "tf.eye", "tf.range", "tf.linspace")
def test_creation_ops_follow_tf_device():
    with tf.device("/CPU:0"):
        for t in (tf.zeros([2]), tf.ones([2]), tf.fill([2], 1.0), tf.eye(2), tf.range(3),
                  tf.linspace(0.0, 1.0, 3)):
            assert isinstance(t, tf.Tensor) and t.device.type == "cpu"


@pytest.mark.covers("tf.unique", "tf.unique_with_counts")
def test_unique_matches_first_occurrence_order_on_random_data():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 50, size=500).astype(np.int32)
    y, idx, count = tf.unique_with_counts(a)
    _, first, counts = np.unique(a, return_index=True, return_counts=True)
    order = np.argsort(first)
    np.testing.assert_array_equal(y.numpy(), a[np.sort(first)])
    np.testing.assert_array_equal(y.numpy()[idx.numpy()], a)
    np.testing.assert_array_equal(count.numpy(), counts[order])


@pytest.mark.covers("tf.range")
def test_range_float32_length_matches_float32_arithmetic():
    rng = np.random.default_rng(1)
    for _ in range(200):
        start, delta = np.float32(rng.uniform(-3, 3)), np.float32(rng.uniform(0.01, 0.5))
        limit = np.float32(start + rng.uniform(0, 5))
        n = int(np.ceil(np.abs((limit - start) / delta)))
        r = tf.range(float(start), float(limit), float(delta))
        assert r.shape == (n,)
        np.testing.assert_array_equal(r.numpy(), start + np.arange(n, dtype=np.float32) * delta)


@pytest.mark.covers("tf.gather", "tf.gather_nd")
def test_out_of_range_indices_give_zeros_where_tf_gpu_does(monkeypatch):
    """The non-CPU path (TF's GPU semantics) exercised on CPU."""
    monkeypatch.setattr(array_ops, "_raises_on_bad_index", lambda idx: False)
    p = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(tf.gather(p, [1, 5, -1]).numpy(), [[3, 4], [0, 0], [0, 0]])
    np.testing.assert_array_equal(tf.gather(p, [[1, 7], [0, 0]], axis=1, batch_dims=1).numpy(),
                                  [[2, 0], [3, 3]])
    np.testing.assert_array_equal(tf.gather_nd(p, [[1, 1], [2, 0]]).numpy(), [4, 0])
    np.testing.assert_array_equal(tf.gather(tf.constant([True, True]), [0, 3]).numpy(), [True, False])


@pytest.mark.covers("tf.broadcast_to", "tf.meshgrid", "tf.transpose")
def test_views_hold_correct_values():
    b = tf.broadcast_to(tf.constant([1, 2]), [3, 2])
    np.testing.assert_array_equal(b.numpy(), [[1, 2]] * 3)
    xx, yy = tf.meshgrid(tf.range(3), tf.range(2))
    np.testing.assert_array_equal((xx + 10 * yy).numpy(), [[0, 1, 2], [10, 11, 12]])


@pytest.mark.covers("tf.split", "tf.unstack")
def test_split_and_unstack_return_lists_of_shim_tensors():
    parts = tf.split(tf.range(6), [1, -1])
    assert isinstance(parts, list) and all(isinstance(p, tf.Tensor) for p in parts)
    assert all(isinstance(p, tf.Tensor) for p in tf.unstack(tf.zeros((3, 2)), axis=1))


@pytest.mark.parametrize("op", [
    lambda d: tf.zeros([2], dtype=tf.float32), lambda d: tf.ones([2]), lambda d: tf.fill([2], 3),
    lambda d: tf.eye(2), lambda d: tf.range(4), lambda d: tf.linspace(0.0, 1.0, 4),
])
@pytest.mark.covers("tf.zeros", "tf.ones", "tf.fill", "tf.eye", "tf.range", "tf.linspace")
@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_creation_ops_on_cuda(op):
    assert op(None).device.type == "cuda"


@pytest.mark.covers("tf.gather", "tf.gather_nd", "tf.tensor_scatter_nd_update", "tf.shape",
                    "tf.one_hot", "tf.unique", "tf.pad", "tf.boolean_mask")
@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_index_ops_on_cuda():
    p = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    assert p.device.type == "cuda"
    np.testing.assert_array_equal(tf.gather(p, [1, 5]).numpy(), [[3, 4], [0, 0]])  # TF-GPU zeros
    np.testing.assert_array_equal(tf.gather_nd(p, [[1, 1], [2, 0]]).numpy(), [4, 0])
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.tensor_scatter_nd_update(p, [[2, 0]], [1.0])
    assert tf.shape(p).device.type == "cpu"
    assert tf.reshape(p, tf.shape(tf.zeros((4, 1)))).shape == (4, 1)
    np.testing.assert_array_equal(tf.one_hot([0, 3], 2).numpy(), [[1, 0], [0, 0]])
    np.testing.assert_array_equal(tf.unique([3, 1, 3]).y.numpy(), [3, 1])
    np.testing.assert_array_equal(tf.pad(p, [[0, 0], [1, 0]], "SYMMETRIC").numpy(), [[1, 1, 2], [3, 3, 4]])
    np.testing.assert_array_equal(tf.boolean_mask(p, [True, False]).numpy(), [[1, 2]])
