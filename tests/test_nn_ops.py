"""tf.nn behaviour beyond the golden values: no-copy layout path, gradients, transposed convs,
dropout statistics, devices."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import tfkeras_shim as tf
from tfkeras_shim.ops import nn_ops


def _x(*shape, seed=0):
    rng = np.random.default_rng(seed)
    return tf.constant(rng.standard_normal(shape).astype(np.float32))


# -- channels_last views, no copies ---------------------------------------------------------------

@pytest.mark.covers("tf.nn.conv2d")
def test_conv2d_feeds_torch_a_channels_last_view_without_copy(monkeypatch):
    x = _x(2, 9, 10, 3)
    k = _x(3, 3, 3, 4, seed=1)
    seen = {}
    real = nn_ops._CONV[2]

    def spy(inp, weight, *args):
        seen["inp"] = inp
        seen["weight"] = weight
        out = real(inp, weight, *args)
        seen["out"] = out
        return out

    def no_pad(*a, **kw):
        raise AssertionError("symmetric SAME padding must not copy the input with F.pad")

    monkeypatch.setitem(nn_ops._CONV, 2, spy)
    monkeypatch.setattr(nn_ops.F, "pad", no_pad)
    y = tf.nn.conv2d(x, k, 1, "SAME")
    inp = seen["inp"]
    assert inp.data_ptr() == x.data_ptr()                      # a view of the NHWC data
    assert tuple(inp.shape) == (2, 3, 9, 10)                   # seen by torch as NCHW
    assert inp.is_contiguous(memory_format=torch.channels_last)
    assert seen["weight"].data_ptr() == k.data_ptr()           # kernel: permuted view too
    assert tuple(seen["weight"].shape) == (4, 3, 3, 3)
    assert y.data_ptr() == seen["out"].data_ptr()              # result: permuted back, a view
    assert y.shape == (2, 9, 10, 4) and y.is_contiguous()      # plain NHWC memory for the user


@pytest.mark.covers("tf.nn.conv2d")
def test_conv2d_valid_and_strided_symmetric_paths_do_not_pad(monkeypatch):
    calls = []
    real_pad = F.pad
    monkeypatch.setattr(nn_ops.F, "pad", lambda *a, **k: calls.append(1) or real_pad(*a, **k))
    x, k = _x(1, 7, 7, 2), _x(3, 3, 2, 2, seed=1)
    tf.nn.conv2d(x, k, 1, "VALID")
    tf.nn.conv2d(x, k, 2, "SAME")   # 7 -> 4 outputs, total pad 2: symmetric
    assert calls == []
    tf.nn.conv2d(_x(1, 6, 6, 2), k, 2, "SAME")  # total pad 1: TF puts it bottom/right
    assert calls == [1]


@pytest.mark.covers("tf.nn.max_pool2d", "tf.nn.avg_pool2d")
def test_same_pools_with_odd_padding_avoid_copies(monkeypatch):
    calls = []
    real_pad = F.pad
    monkeypatch.setattr(nn_ops.F, "pad", lambda *a, **k: calls.append(1) or real_pad(*a, **k))
    x = _x(2, 6, 6, 3)
    a = tf.nn.max_pool2d(x, 2, 2, "SAME")
    b = tf.nn.avg_pool2d(_x(1, 7, 7, 2), 2, 2, "SAME")
    assert calls == []  # windows hanging over the end are clipped by torch (ceil_mode)
    assert a.shape == (2, 3, 3, 3) and b.shape == (1, 4, 4, 2)


@pytest.mark.covers("tf.nn.conv1d")
def test_conv1d_runs_as_channels_last_2d_view(monkeypatch):
    x = _x(2, 11, 3)
    seen = {}
    real = F.conv2d

    def spy(inp, *a):
        seen["inp"] = inp
        return real(inp, *a)

    monkeypatch.setattr(nn_ops.F, "conv2d", spy)
    y = tf.nn.conv1d(x, _x(3, 3, 5, seed=2), 2, "SAME")
    assert y.shape == (2, 6, 5)
    assert seen["inp"].data_ptr() == x.data_ptr()
    assert seen["inp"].is_contiguous(memory_format=torch.channels_last)


# -- numerics against torch references --------------------------------------------------------------

@pytest.mark.covers("tf.nn.conv2d_transpose")
@pytest.mark.parametrize("hw,k,s,pad", [
    ((6, 8), 3, 2, "SAME"), ((5, 7), 3, 2, "SAME"), ((7, 9), 3, 2, "VALID"), ((8, 10), 3, 2, "VALID"),
    ((9, 8), 2, 3, "SAME"), ((5, 5), 4, 1, "SAME"), ((6, 6), 1, 2, "VALID"), ((11, 4), 5, 3, "SAME"),
])
def test_conv2d_transpose_is_the_input_gradient_of_conv2d(hw, k, s, pad):
    x = torch.randn((2,) + hw + (3,), dtype=torch.float64, requires_grad=True)
    w = torch.randn(k, k, 3, 4, dtype=torch.float64)
    y = tf.nn.conv2d(x, w, s, pad)
    g = torch.randn(tuple(y.shape), dtype=torch.float64)
    (ref,) = torch.autograd.grad(y, x, g)
    got = tf.nn.conv2d_transpose(g, w, [2, hw[0], hw[1], 3], s, pad)
    assert got.shape == ref.shape
    np.testing.assert_allclose(got.numpy(), ref.numpy(), rtol=1e-10, atol=1e-10)


@pytest.mark.covers("tf.nn.conv2d_transpose")
def test_conv2d_transpose_output_shape_must_match():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.nn.conv2d_transpose(_x(1, 3, 4, 2), _x(3, 3, 5, 2), [1, 9, 9, 5], 2, "SAME")


@pytest.mark.covers("tf.nn.max_pool2d", "tf.nn.avg_pool2d", "tf.nn.conv2d")
def test_nchw_data_format_matches_nhwc():
    x = _x(2, 7, 6, 3)
    xc = tf.constant(np.transpose(x.numpy(), (0, 3, 1, 2)))
    for fn in (tf.nn.max_pool2d, tf.nn.avg_pool2d):
        a = fn(x, 3, 2, "SAME").numpy()
        b = fn(xc, 3, 2, "SAME", data_format="NCHW").numpy()
        np.testing.assert_allclose(np.transpose(b, (0, 2, 3, 1)), a, rtol=1e-6)
    k = _x(3, 3, 3, 4, seed=1)
    a = tf.nn.conv2d(x, k, 2, "SAME").numpy()
    b = tf.nn.conv2d(xc, k, 2, "SAME", data_format="NCHW").numpy()
    np.testing.assert_allclose(np.transpose(b, (0, 2, 3, 1)), a, rtol=1e-5, atol=1e-5)


@pytest.mark.covers("tf.nn.depthwise_conv2d")
def test_depthwise_equals_per_channel_conv():
    x = _x(1, 6, 7, 3)
    w = _x(3, 3, 3, 2, seed=4)
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME").numpy()
    for c in range(3):
        for m in range(2):
            ref = tf.nn.conv2d(x[..., c:c + 1], w[:, :, c:c + 1, m:m + 1], 1, "SAME").numpy()
            np.testing.assert_allclose(y[..., c * 2 + m], ref[..., 0], rtol=1e-5, atol=1e-5)


@pytest.mark.covers("tf.nn.conv2d", "tf.nn.conv1d", "tf.nn.depthwise_conv2d")
@pytest.mark.parametrize("shape,k,s", [((2, 8, 4, 1), (2, 3), [1, 2]), ((2, 10, 5, 1), (2, 5), [1, 3]),
                                       ((1, 6, 3, 1), (3, 2), [1, 2]), ((2, 7, 7, 1), (3, 3), [2, 2])])
def test_single_channel_conv_is_exact(shape, k, s):
    # oneDNN (torch 2.13 CPU, TF's default CPU build too) returns garbage for the ambiguous
    # one-channel NCHW view when an output dim is 1 with stride > 1; the shim avoids that view
    rng = np.random.default_rng(3)
    x = rng.standard_normal(shape)
    w = rng.standard_normal(k + (1, 3))
    ref = tf.nn.conv2d(tf.constant(x), tf.constant(w), s, "VALID").numpy()  # float64: no oneDNN
    got = tf.nn.conv2d(tf.constant(x, tf.float32), tf.constant(w, tf.float32), s, "VALID").numpy()
    np.testing.assert_allclose(got, ref, rtol=1e-4, atol=1e-4)
    got1 = tf.nn.conv1d(tf.constant(x[:, 0], tf.float32), tf.constant(w[0], tf.float32), s[1], "VALID").numpy()
    ref1 = tf.nn.conv1d(tf.constant(x[:, 0]), tf.constant(w[0]), s[1], "VALID").numpy()
    np.testing.assert_allclose(got1, ref1, rtol=1e-4, atol=1e-4)
    dw = tf.nn.depthwise_conv2d(tf.constant(x, tf.float32), tf.constant(w, tf.float32), [1] + s + [1], "VALID")
    np.testing.assert_allclose(dw.numpy(), ref, rtol=1e-4, atol=1e-4)


@pytest.mark.covers("tf.nn.conv2d", "tf.nn.max_pool2d", "tf.nn.avg_pool2d")
def test_window_larger_than_input_follows_tf_reference_kernels():
    x = tf.constant(np.ones((2, 3, 4, 2), np.float32))
    # (in - k + stride) / stride truncated: 0 -> empty result, negative -> InvalidArgumentError
    assert tf.nn.conv2d(x, tf.constant(np.ones((4, 2, 2, 5), np.float32)), 1, "VALID").shape == (2, 0, 3, 5)
    assert tf.nn.max_pool2d(x, [1, 5], [1, 3], "VALID").shape == (2, 3, 0, 2)
    assert tf.nn.avg_pool2d(x, [5, 1], [3, 1], "VALID").shape == (2, 0, 4, 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="negative"):
        tf.nn.conv2d(x, tf.constant(np.ones((5, 2, 2, 5), np.float32)), 1, "VALID")


@pytest.mark.covers("tf.nn.depth_to_space", "tf.nn.space_to_depth")
def test_depth_space_nchw_matches_nhwc_and_round_trips():
    x = _x(2, 3, 4, 8)
    y = tf.nn.depth_to_space(x, 2)
    yc = tf.nn.depth_to_space(tf.constant(np.transpose(x.numpy(), (0, 3, 1, 2))), 2, data_format="NCHW")
    np.testing.assert_array_equal(np.transpose(yc.numpy(), (0, 2, 3, 1)), y.numpy())
    np.testing.assert_array_equal(tf.nn.space_to_depth(y, 2).numpy(), x.numpy())
    back = tf.nn.space_to_depth(yc, 2, data_format="NCHW").numpy()
    np.testing.assert_array_equal(np.transpose(back, (0, 2, 3, 1)), x.numpy())


# -- gradients ------------------------------------------------------------------------------------

@pytest.mark.covers("tf.nn.conv2d", "tf.nn.max_pool2d", "tf.nn.softmax_cross_entropy_with_logits",
                    "tf.nn.sparse_softmax_cross_entropy_with_logits", "tf.nn.embedding_lookup",
                    "tf.nn.batch_normalization", "tf.nn.moments")
def test_gradients_flow_through_nn_ops():
    x = tf.Variable(np.random.default_rng(0).standard_normal((2, 6, 6, 3)).astype(np.float32))
    k = tf.Variable(np.random.default_rng(1).standard_normal((3, 3, 3, 4)).astype(np.float32))
    emb = tf.Variable(np.random.default_rng(2).standard_normal((5, 4)).astype(np.float32))
    h = tf.nn.relu(tf.nn.conv2d(x, k, 2, "SAME"))
    h = tf.nn.max_pool2d(h, 2, 2, "SAME")
    mean, var = tf.nn.moments(h, axes=[0, 1, 2])
    h = tf.nn.batch_normalization(h, mean, var, None, None, 1e-3)
    logits = torch.mean(h, (1, 2)) + tf.nn.embedding_lookup(emb, [1, 3])
    loss = (tf.nn.sparse_softmax_cross_entropy_with_logits([1, 2], logits).sum()
            + tf.nn.softmax_cross_entropy_with_logits([[0., 1., 0., 0.], [0.5, 0.5, 0., 0.]], logits).sum())
    loss.backward()
    for v in (x, k, emb):
        assert v.grad is not None and torch.isfinite(v.grad).all()
    assert torch.count_nonzero(emb.grad.sum(1)) == 2  # only the looked-up rows


# -- dropout --------------------------------------------------------------------------------------

@pytest.mark.covers("tf.nn.dropout")
def test_dropout_statistics_and_scaling():
    x = tf.constant(np.ones((400, 500), np.float32))
    y = tf.nn.dropout(x, rate=0.3).numpy()
    assert set(np.unique(y).tolist()) <= {0.0, np.float32(1 / 0.7)}
    assert abs((y == 0).mean() - 0.3) < 0.01
    assert abs(y.mean() - 1.0) < 0.02


@pytest.mark.covers("tf.nn.dropout")
def test_dropout_noise_shape_drops_whole_columns():
    y = tf.nn.dropout(tf.constant(np.ones((64, 8), np.float32)), 0.5, noise_shape=[1, 8]).numpy()
    assert all(len(set(col.tolist())) == 1 for col in y.T)
    y = tf.nn.dropout(tf.constant(np.ones((64, 8), np.float32)), 0.5, noise_shape=[None, 1]).numpy()
    assert all(len(set(row.tolist())) == 1 for row in y)


@pytest.mark.covers("tf.nn.dropout", "tf.random.set_seed")
def test_dropout_repeats_after_set_seed():
    x = tf.constant(np.ones((100,), np.float32))
    tf.random.set_seed(3)
    a = tf.nn.dropout(x, 0.5).numpy()
    b = tf.nn.dropout(x, 0.5, seed=7).numpy()
    tf.random.set_seed(3)
    assert np.array_equal(a, tf.nn.dropout(x, 0.5).numpy())
    assert np.array_equal(b, tf.nn.dropout(x, 0.5, seed=7).numpy())


@pytest.mark.covers("tf.nn.dropout")
def test_dropout_with_tensor_rate():
    y = tf.nn.dropout(tf.constant(np.ones((1000,), np.float32)), tf.constant(0.5)).numpy()
    assert set(np.unique(y).tolist()) <= {0.0, 2.0}


# -- misc -----------------------------------------------------------------------------------------

@pytest.mark.covers("tf.nn.sparse_softmax_cross_entropy_with_logits")
def test_sparse_ce_bad_label_on_cpu_raises():
    with pytest.raises(tf.errors.InvalidArgumentError, match="outside the valid range"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([0, 4], tf.constant(np.zeros((2, 3), np.float32)))


@pytest.mark.covers("tf.nn.relu", "tf.nn.conv2d", "tf.nn.max_pool2d")
def test_results_are_shim_tensors():
    y = tf.nn.max_pool2d(tf.nn.conv2d(_x(1, 4, 4, 2), _x(2, 2, 2, 2), 1, "SAME"), 2, 2, "VALID")
    assert isinstance(y, tf.Tensor) and y.dtype == tf.float32
    assert isinstance(tf.nn.relu([1., -1.]), tf.Tensor)
    vals, idx = tf.nn.top_k([1., 3., 2.], 2)
    assert isinstance(vals, tf.Tensor) and idx.dtype == tf.int32


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.nn.conv2d", "tf.nn.sparse_softmax_cross_entropy_with_logits")
def test_cuda_paths():
    with tf.device("/GPU:0"):
        x = tf.constant(np.random.default_rng(0).standard_normal((2, 6, 6, 3)).astype(np.float32))
        k = tf.constant(np.random.default_rng(1).standard_normal((3, 3, 3, 4)).astype(np.float32))
        y = tf.nn.conv2d(x, k, 2, "SAME")
        assert y.device.type == "cuda"
        xi = tf.constant(np.ones((1, 4, 4, 2), np.int32))
        yi = tf.nn.conv2d(xi, tf.constant(np.ones((2, 2, 2, 1), np.int32)), 1, "SAME")
        assert yi.dtype == tf.int32 and int(yi.numpy()[0, 0, 0, 0]) == 8
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits([0, 5], tf.constant(np.zeros((2, 3), np.float32)))
        out = loss.numpy()
        assert np.isclose(out[0], np.log(3)) and np.isnan(out[1])
        mp = tf.nn.max_pool2d(tf.constant(np.arange(16).reshape(1, 4, 4, 1), tf.int32), 2, 2, "SAME")
        assert mp.dtype == tf.int32 and mp.numpy().ravel().tolist() == [5, 7, 13, 15]
