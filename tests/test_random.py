"""tf.random: distributions (statistics over large samples), seeding rules, devices."""
import math
import numpy as np
import pytest
import torch

import tfkeras_shim as tf

N = 200_000


@pytest.fixture(autouse=True)
def _seeded():
    tf.random.set_seed(20240601)  # statistics below are then reproducible
    yield


@pytest.mark.covers("tf.random.normal")
def test_normal_statistics():
    x = tf.random.normal([N]).numpy()
    assert abs(x.mean()) < 0.01 and abs(x.std() - 1) < 0.01
    y = tf.random.normal([N], mean=3., stddev=0.5, dtype=tf.float64).numpy()
    assert y.dtype == np.float64
    assert abs(y.mean() - 3) < 0.01 and abs(y.std() - 0.5) < 0.01
    z = tf.random.normal([N, 2], mean=[0., 10.], stddev=tf.constant([1., 2.])).numpy()
    np.testing.assert_allclose(z.mean(0), [0, 10], atol=0.03)
    np.testing.assert_allclose(z.std(0), [1, 2], atol=0.03)


@pytest.mark.covers("tf.random.uniform")
def test_uniform_float_statistics():
    x = tf.random.uniform([N], minval=-2., maxval=4.).numpy()
    assert x.min() >= -2 and x.max() < 4
    assert abs(x.mean() - 1) < 0.02 and abs(x.std() - 6 / math.sqrt(12)) < 0.02
    h = np.histogram(x, bins=6, range=(-2, 4))[0] / N
    np.testing.assert_allclose(h, 1 / 6, atol=0.01)


@pytest.mark.covers("tf.random.uniform")
def test_uniform_int_covers_range_uniformly():
    x = tf.random.uniform([N], minval=-3, maxval=4, dtype=tf.int32).numpy()
    assert x.dtype == np.int32
    vals, counts = np.unique(x, return_counts=True)
    assert vals.tolist() == list(range(-3, 4))
    np.testing.assert_allclose(counts / N, 1 / 7, atol=0.01)
    big = tf.random.uniform([1000], minval=-2 ** 40, maxval=2 ** 40, dtype=tf.int64).numpy()
    assert big.dtype == np.int64 and big.min() >= -2 ** 40 and big.max() < 2 ** 40 and np.abs(big).max() > 2 ** 35


@pytest.mark.covers("tf.random.uniform")
def test_uniform_integer_dtype_needs_maxval():
    with pytest.raises(ValueError, match="maxval"):
        tf.random.uniform([2], dtype=tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.random.uniform([2], minval=3, maxval=3, dtype=tf.int64)


@pytest.mark.covers("tf.random.truncated_normal")
def test_truncated_normal_is_bounded_with_the_truncated_moments():
    x = tf.random.truncated_normal([N]).numpy()
    assert np.abs(x).max() <= 2.0
    # standard normal truncated to [-2, 2]: variance 1 - 2*2*phi(2)/(Phi(2)-Phi(-2))
    phi2 = math.exp(-2) / math.sqrt(2 * math.pi)
    mass = math.erf(2 / math.sqrt(2))
    assert abs(x.mean()) < 0.01
    assert abs(x.std() - math.sqrt(1 - 4 * phi2 / mass)) < 0.01
    # near the bound values still occur (no clipping pile-up at +-2)
    assert (np.abs(x) > 1.9).mean() > 0.005 and (np.abs(x) == 2.0).mean() < 1e-4
    y = tf.random.truncated_normal([N], mean=5., stddev=0.1, dtype=tf.float64).numpy()
    assert y.min() >= 4.8 - 1e-12 and y.max() <= 5.2 + 1e-12 and y.dtype == np.float64


@pytest.mark.covers("tf.random.categorical")
def test_categorical_frequencies_follow_softmax():
    logits = np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], np.float32))
    s = tf.random.categorical(logits, 50_000)
    assert s.dtype == tf.int64 and s.shape == (2, 50_000)
    s = s.numpy()
    for row, p in zip(s, np.exp(logits)):
        np.testing.assert_allclose(np.bincount(row, minlength=3) / row.size, p, atol=0.01)
    assert tf.random.categorical(logits, 4, dtype=tf.int32).dtype == tf.int32


@pytest.mark.covers("tf.random.gamma", "tf.random.poisson")
def test_gamma_and_poisson_moments():
    n = 50_000
    g = tf.random.gamma([n], alpha=[2., 0.5], beta=[4., 1.]).numpy()
    assert g.shape == (n, 2)
    np.testing.assert_allclose(g.mean(0), [0.5, 0.5], rtol=0.03)
    np.testing.assert_allclose(g.var(0), [2 / 16, 0.5], rtol=0.08)
    p = tf.random.poisson([n], [1.5, 6.], dtype=tf.int32).numpy()
    assert p.dtype == np.int32 and p.shape == (n, 2)
    np.testing.assert_allclose(p.mean(0), [1.5, 6.], rtol=0.02)
    np.testing.assert_allclose(p.var(0), [1.5, 6.], rtol=0.06)


@pytest.mark.covers("tf.random.shuffle")
def test_shuffle_permutes_rows():
    x = np.arange(40).reshape(20, 2)
    y = tf.random.shuffle(x).numpy()
    assert sorted(map(tuple, y.tolist())) == sorted(map(tuple, x.tolist()))
    assert not np.array_equal(y, x)  # 1/20! chance to fail


@pytest.mark.covers("tf.random.set_seed", "tf.random.normal", "tf.random.uniform", "tf.random.shuffle",
                    "tf.random.categorical", "tf.random.truncated_normal")
def test_set_seed_makes_every_following_sequence_repeat():
    def run():
        return [tf.random.normal([3]).numpy(), tf.random.uniform([3], seed=5).numpy(),
                tf.random.shuffle(np.arange(10)).numpy(), tf.random.categorical([[0., 0., 0.]], 5).numpy(),
                tf.random.truncated_normal([3], seed=9).numpy(), torch.rand(2).numpy()]

    tf.random.set_seed(1234)
    a = run()
    tf.random.set_seed(1234)
    b = run()
    for u, v in zip(a, b):
        assert np.array_equal(u, v)
    tf.random.set_seed(99)
    c = run()
    assert not np.array_equal(a[0], c[0])


@pytest.mark.covers("tf.random.set_seed", "tf.random.uniform")
def test_op_seed_stream_is_independent_of_other_ops():
    tf.random.set_seed(1)
    a1 = tf.random.uniform([2], seed=1).numpy()
    a2 = tf.random.uniform([2], seed=1).numpy()
    tf.random.set_seed(1)
    tf.random.normal([10])
    tf.random.uniform([4], seed=2)
    b1 = tf.random.uniform([2], seed=1).numpy()
    b2 = tf.random.uniform([2], seed=1).numpy()
    assert np.array_equal(a1, b1) and np.array_equal(a2, b2)
    assert not np.array_equal(a1, a2)  # repeated calls advance the op's stream, as in TF


@pytest.mark.covers("tf.random.normal")
def test_op_seed_without_global_seed_repeats_across_runs(monkeypatch):
    from tfkeras_shim.ops import random_ops
    monkeypatch.setattr(random_ops, "_global_seed", None)  # a fresh program: no tf.random.set_seed
    runs = []
    for _ in range(2):
        monkeypatch.setattr(random_ops, "_op_gens", {})
        runs.append(np.concatenate([tf.random.normal([3], seed=42).numpy(), tf.random.normal([3], seed=42).numpy()]))
    assert np.array_equal(runs[0], runs[1])  # TF's default graph seed stands in for the global one
    assert not np.array_equal(runs[0][:3], runs[0][3:])


@pytest.mark.covers("tf.random.stateless_uniform", "tf.random.stateless_normal",
                    "tf.random.stateless_categorical", "tf.random.stateless_truncated_normal")
def test_stateless_ops_are_functions_of_the_seed():
    for fn in (tf.random.stateless_uniform, tf.random.stateless_normal, tf.random.stateless_truncated_normal):
        a = fn([50], seed=[3, 4]).numpy()
        tf.random.normal([5])  # other random ops do not matter
        assert np.array_equal(a, fn([50], seed=[3, 4]).numpy())
        assert not np.array_equal(a, fn([50], seed=[3, 5]).numpy())
        assert not np.array_equal(a, fn([50], seed=[4, 3]).numpy())
    c = tf.random.stateless_categorical([[0., 0.]], 20, seed=[1, 1]).numpy()
    assert np.array_equal(c, tf.random.stateless_categorical([[0., 0.]], 20, seed=[1, 1]).numpy())
    full = tf.random.stateless_uniform([N], seed=[1, 2], minval=None, maxval=None, dtype=tf.int32).numpy()
    assert full.min() < -2 ** 30 and full.max() > 2 ** 30


@pytest.mark.covers("tf.random.Generator", "tf.random.Generator.from_seed", "tf.random.Generator.normal",
                    "tf.random.Generator.uniform", "tf.random.Generator.split",
                    "tf.random.Generator.from_non_deterministic_state", "tf.random.Generator.truncated_normal")
def test_generator_objects_own_their_stream():
    g1, g2 = tf.random.Generator.from_seed(11), tf.random.Generator.from_seed(11)
    a = g1.normal([4]).numpy()
    tf.random.normal([3])
    assert np.array_equal(a, g2.normal([4]).numpy())
    assert not np.array_equal(a, g1.normal([4]).numpy())
    u = g1.uniform([N], minval=2, maxval=5, dtype=tf.int64).numpy()
    assert set(np.unique(u).tolist()) == {2, 3, 4}
    t = g1.truncated_normal([N], stddev=2.).numpy()
    assert np.abs(t).max() <= 4.0
    s1, s2 = g1.split(2)
    assert not np.array_equal(s1.normal([3]).numpy(), s2.normal([3]).numpy())
    n1 = tf.random.Generator.from_non_deterministic_state().normal([3]).numpy()
    n2 = tf.random.Generator.from_non_deterministic_state().normal([3]).numpy()
    assert not np.array_equal(n1, n2)
    seeds = g1.make_seeds(2)
    assert seeds.shape == (2, 2) and seeds.dtype == tf.int64
    x = tf.random.stateless_normal([2], seed=seeds[:, 0])
    assert x.shape == (2,)


@pytest.mark.covers("tf.random.normal", "tf.random.uniform")
def test_random_tensors_are_shim_tensors_on_the_current_device():
    from tfkeras_shim.framework.device import current_device
    for t in (tf.random.normal([2]), tf.random.uniform([2], maxval=3, dtype=tf.int32),
              tf.random.truncated_normal([2]), tf.random.categorical([[0., 1.]], 2),
              tf.random.stateless_uniform([2], seed=[1, 2]), tf.random.Generator.from_seed(1).normal([2])):
        assert isinstance(t, tf.Tensor)
        assert t.device == current_device()
    with tf.device("/CPU:0"):
        assert tf.random.normal([2]).device.type == "cpu"


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
@pytest.mark.covers("tf.random.normal", "tf.random.set_seed")
def test_cuda_random_ops_and_seeds():
    with tf.device("/GPU:0"):
        tf.random.set_seed(5)
        a = [tf.random.normal([3]).numpy(), tf.random.uniform([3], seed=2).numpy(),
             tf.random.categorical([[0., 1.]], 4).numpy(), tf.random.stateless_normal([3], seed=[1, 2]).numpy()]
        assert tf.random.normal([2]).device.type == "cuda"
        tf.random.set_seed(5)
        b = [tf.random.normal([3]).numpy(), tf.random.uniform([3], seed=2).numpy(),
             tf.random.categorical([[0., 1.]], 4).numpy(), tf.random.stateless_normal([3], seed=[1, 2]).numpy()]
    for u, v in zip(a, b):
        assert np.array_equal(u, v)


@pytest.mark.covers("tf.random.get_global_generator", "tf.random.set_global_generator", "tf.random.Algorithm",
                    "tf.random.create_rng_state")
def test_global_generator_can_be_replaced():
    g = tf.random.Generator.from_seed(3, alg=tf.random.Algorithm.PHILOX)
    tf.random.set_global_generator(g)
    assert tf.random.get_global_generator() is g
    a = tf.random.get_global_generator().normal([3]).numpy()
    assert np.array_equal(a, tf.random.Generator.from_seed(3).normal([3]).numpy())
    assert tf.random.create_rng_state(5, tf.random.Algorithm.PHILOX).numpy().tolist() == [5, 0, 0]
    tf.random.set_seed(1)  # a new global seed makes a new global generator
    assert tf.random.get_global_generator() is not g
