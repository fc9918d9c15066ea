"""tf.math / tf.linalg behaviour beyond single values: autograd, Variables, result types,
namespaces. Values and dtypes against TF are in tests/golden/cases/math_ops.py and linalg.py."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf


def _is_shim(t):
    return type(t).__name__ == "Tensor" and isinstance(t, torch.Tensor)


@pytest.mark.covers("tf.reduce_sum", "tf.reduce_mean", "tf.reduce_max", "tf.math.reduce_std",
                    "tf.math.reduce_variance", "tf.reduce_logsumexp", "tf.math.reduce_euclidean_norm")
def test_reductions_are_differentiable_on_variables():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    loss = (tf.reduce_sum(v) + tf.reduce_mean(v, axis=0)[1] + tf.reduce_max(v)
            + tf.math.reduce_std(v) + tf.math.reduce_variance(v, axis=1)[0]
            + tf.reduce_logsumexp(v) + tf.math.reduce_euclidean_norm(v))
    assert _is_shim(loss)
    (g,) = torch.autograd.grad(loss, [v])
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    ref = (x.sum() + x.mean(0)[1] + x.amax() + x.std(correction=0) + x.var(1, correction=0)[0]
           + torch.logsumexp(x, (0, 1)) + torch.linalg.vector_norm(x))
    (gr,) = torch.autograd.grad(ref, [x])
    np.testing.assert_allclose(g.numpy(), gr.numpy(), rtol=1e-6)


@pytest.mark.covers("tf.clip_by_global_norm", "tf.clip_by_norm", "tf.linalg.global_norm")
def test_clip_by_global_norm_on_gradients_list():
    grads = [tf.constant([3.0, 4.0]), None, tf.constant([[12.0]])]
    clipped, norm = tf.clip_by_global_norm(grads, 6.5)
    assert clipped[1] is None
    assert float(norm) == pytest.approx(13.0)
    np.testing.assert_allclose(clipped[0].numpy(), [1.5, 2.0], rtol=1e-6)
    np.testing.assert_allclose(clipped[2].numpy(), [[6.0]], rtol=1e-6)
    assert float(tf.linalg.global_norm(clipped)) == pytest.approx(6.5)
    np.testing.assert_allclose(tf.clip_by_norm(tf.Variable([3.0, 4.0]), 1.0).numpy(), [0.6, 0.8], rtol=1e-6)


@pytest.mark.covers("tf.math.top_k", "tf.argsort", "tf.sort")
def test_top_k_unpacks_and_keeps_gradients():
    x = tf.Variable([[1.0, 5.0, 3.0, 5.0]])
    values, indices = tf.math.top_k(x, k=2)
    assert indices.dtype == tf.int32 and indices.numpy().tolist() == [[1, 3]]
    (g,) = torch.autograd.grad(tf.reduce_sum(values), [x])
    assert g.numpy().tolist() == [[0.0, 1.0, 0.0, 1.0]]
    r = tf.math.top_k(x, k=3, sorted=False)
    assert sorted(r.values.numpy()[0].tolist()) == [3.0, 5.0, 5.0]
    assert tf.sort(x, direction="DESCENDING").numpy().tolist() == [[5.0, 5.0, 3.0, 1.0]]
    assert tf.argsort(x).dtype == tf.int32


@pytest.mark.covers("tf.math.unsorted_segment_sum", "tf.math.segment_mean", "tf.math.bincount",
                    "tf.math.confusion_matrix")
def test_segments_and_counts_on_larger_inputs():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(50, 3)).astype(np.float32)
    ids = rng.integers(0, 7, size=50).astype(np.int32)
    got = tf.math.unsorted_segment_sum(tf.constant(data), tf.constant(ids), 7).numpy()
    want = np.zeros((7, 3), np.float32)
    np.add.at(want, ids, data)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    sids = np.sort(ids)
    got = tf.math.segment_mean(tf.constant(data), tf.constant(sids)).numpy()
    for s in range(7):
        if (sids == s).any():
            np.testing.assert_allclose(got[s], data[sids == s].mean(0), rtol=1e-5, atol=1e-6)
    assert tf.math.bincount(tf.constant(ids)).numpy().tolist() == np.bincount(ids).tolist()
    cm = tf.math.confusion_matrix(tf.constant(ids), tf.constant(sids), num_classes=7).numpy()
    assert cm.sum() == 50 and cm.dtype == np.int32


@pytest.mark.covers("tf.linalg.svd", "tf.linalg.qr", "tf.linalg.eigh", "tf.linalg.inv",
                    "tf.linalg.cholesky", "tf.linalg.solve", "tf.linalg.det")
def test_decompositions_reconstruct_random_matrices():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(3, 5, 4))
    s, u, v = tf.linalg.svd(tf.constant(a))
    rec = tf.matmul(u * s[:, None, :], v, adjoint_b=True)
    np.testing.assert_allclose(rec.numpy(), a, atol=1e-10)
    q, r = tf.linalg.qr(tf.constant(a))
    np.testing.assert_allclose(tf.matmul(q, r).numpy(), a, atol=1e-10)
    spd = a.transpose(0, 2, 1) @ a + np.eye(4)
    e, w = tf.linalg.eigh(tf.constant(spd))
    np.testing.assert_allclose((w.numpy() * e.numpy()[:, None, :]) @ w.numpy().transpose(0, 2, 1), spd, atol=1e-9)
    c = tf.linalg.cholesky(tf.constant(spd)).numpy()
    np.testing.assert_allclose(c @ c.transpose(0, 2, 1), spd, atol=1e-9)
    inv = tf.linalg.inv(tf.constant(spd)).numpy()
    np.testing.assert_allclose(inv @ spd, np.broadcast_to(np.eye(4), spd.shape), atol=1e-9)
    b = rng.normal(size=(3, 4, 2))
    np.testing.assert_allclose(tf.linalg.solve(tf.constant(spd), tf.constant(b)).numpy(),
                               np.linalg.solve(spd, b), rtol=1e-8)
    np.testing.assert_allclose(tf.linalg.det(tf.constant(spd)).numpy(), np.linalg.det(spd), rtol=1e-8)


@pytest.mark.covers("tf.einsum", "tf.tensordot", "tf.norm")
def test_products_accept_variables_and_numpy():
    w = tf.Variable(np.ones((3, 2), np.float32))
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    out = tf.einsum("ij,jk->ik", tf.constant(x), w)
    assert _is_shim(out) and out.numpy().tolist() == [[3.0, 3.0], [12.0, 12.0]]
    out = tf.tensordot(tf.constant(x), w, axes=1)
    assert out.numpy().tolist() == [[3.0, 3.0], [12.0, 12.0]]
    (g,) = torch.autograd.grad(tf.norm(w), [w])
    np.testing.assert_allclose(g.numpy(), np.full((3, 2), 1 / np.sqrt(6)), rtol=1e-6)


@pytest.mark.covers("tf.maximum", "tf.minimum", "tf.norm", "tf.math.reduce_euclidean_norm",
                    "tf.math.reduce_std", "tf.reduce_max")
def test_gradients_at_ties_and_zeros_follow_tf():
    # expected values recorded with TF 2.21 GradientTape
    x, y = tf.Variable([1.0, 2.0, 3.0]), tf.Variable([2.0, 2.0, 2.0])
    gx, gy = torch.autograd.grad(tf.reduce_sum(tf.maximum(x, y)), [x, y])
    assert gx.tolist() == [0.0, 1.0, 1.0] and gy.tolist() == [1.0, 0.0, 0.0]  # torch: 0.5 / 0.5
    gx, gy = torch.autograd.grad(tf.reduce_sum(tf.minimum(x, y)), [x, y])
    assert gx.tolist() == [1.0, 1.0, 0.0] and gy.tolist() == [0.0, 0.0, 1.0]
    v = tf.Variable([[1.0, 3.0, 3.0], [0.0, 0.0, 0.0]])
    (g,) = torch.autograd.grad(tf.reduce_max(v), [v])
    assert g.tolist() == [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]
    for f in (lambda: tf.norm(v[1]), lambda: tf.reduce_sum(tf.math.reduce_euclidean_norm(v, axis=1)),
              lambda: tf.reduce_sum(tf.math.reduce_std(v, 1))):
        (g,) = torch.autograd.grad(f(), [v])
        assert np.isnan(g.numpy()[1]).all()  # TF: NaN at a zero vector (torch's norm gives 0)
    assert np.isnan(tf.maximum(tf.Variable([1.0, np.nan]), tf.constant([np.nan, 2.0])).numpy()).all()


TF_MATH_IMPLEMENTED = [
    "abs", "accumulate_n", "acos", "acosh", "add", "add_n", "angle", "approx_max_k", "approx_min_k",
    "argmax", "argmin", "asin", "asinh", "atan", "atan2", "atanh", "bessel_i0", "bessel_i0e",
    "bessel_i1", "bessel_i1e", "bincount", "ceil", "confusion_matrix", "conj", "cos", "cosh",
    "count_nonzero", "cumprod", "cumsum", "cumulative_logsumexp", "digamma", "divide",
    "divide_no_nan", "equal", "erf", "erfc", "erfcinv", "erfinv", "exp", "expm1", "floor",
    "floordiv", "floormod", "greater", "greater_equal", "igamma", "igammac", "imag", "in_top_k",
    "invert_permutation", "is_finite", "is_inf", "is_nan", "is_non_decreasing",
    "is_strictly_increasing", "l2_normalize", "lbeta", "less", "less_equal", "lgamma", "log",
    "log1p", "log_sigmoid", "log_softmax", "logical_and", "logical_not", "logical_or",
    "logical_xor", "maximum", "minimum", "mod", "multiply", "multiply_no_nan", "ndtri", "negative",
    "nextafter", "not_equal", "polygamma", "polyval", "pow", "real", "reciprocal",
    "reciprocal_no_nan", "reduce_all", "reduce_any", "reduce_euclidean_norm", "reduce_logsumexp",
    "reduce_max", "reduce_mean", "reduce_min", "reduce_prod", "reduce_std", "reduce_sum",
    "reduce_variance", "rint", "round", "rsqrt", "scalar_mul", "segment_max", "segment_mean",
    "segment_min", "segment_prod", "segment_sum", "sigmoid", "sign", "sin", "sinh", "sobol_sample",
    "softmax", "softplus", "softsign", "special", "sqrt", "square", "squared_difference",
    "subtract", "tan", "tanh", "top_k", "truediv", "unsorted_segment_max", "unsorted_segment_mean",
    "unsorted_segment_min", "unsorted_segment_prod", "unsorted_segment_sqrt_n",
    "unsorted_segment_sum", "xdivy", "xlog1py", "xlogy", "zero_fraction", "zeta",
]

TF_LINALG_IMPLEMENTED = [
    "adjoint", "band_part", "cholesky", "cholesky_solve", "cross", "det", "diag", "diag_part",
    "eig", "eigh", "eigvals", "eigvalsh", "einsum", "expm", "eye", "global_norm", "inv",
    "l2_normalize", "logdet", "logm", "lstsq", "lu", "lu_matrix_inverse", "lu_reconstruct",
    "lu_solve", "matmul", "matrix_rank", "matrix_transpose", "matvec", "norm", "normalize", "pinv",
    "qr", "set_diag", "slogdet", "solve", "sqrtm", "svd", "tensor_diag", "tensor_diag_part",
    "tensordot", "trace", "triangular_solve",
]


def test_namespaces_have_the_implemented_names():
    missing = [n for n in TF_MATH_IMPLEMENTED if not hasattr(tf.math, n)]
    assert not missing
    missing = [n for n in TF_LINALG_IMPLEMENTED if not hasattr(tf.linalg, n)]
    assert not missing
    for n in ("norm", "einsum", "tensordot", "eig", "eigvals", "matrix_square_root", "sort",
              "argsort", "clip_by_value", "clip_by_norm", "clip_by_global_norm", "add_n",
              "reduce_sum", "argmax", "cumsum", "sigmoid", "scalar_mul", "truncatemod"):
        assert hasattr(tf, n), n


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_ops_keep_cuda_placement():
    x = tf.constant([[3, 1, 2], [0, 5, 5]])
    assert x.device.type == "cuda"
    for r in (tf.reduce_mean(x, 1), tf.argmax(x, 1), tf.math.top_k(x, 2).indices,
              tf.math.unsorted_segment_max(x, tf.constant([1, 0]), 3), tf.cumsum(x, 1, exclusive=True),
              tf.tensordot(x, x, [[1], [1]]), tf.einsum("ij,kj->ik", x, x),
              tf.math.bincount(x), tf.linalg.diag_part(x, k=(-1, 1))):
        assert r.device.type == "cuda"
