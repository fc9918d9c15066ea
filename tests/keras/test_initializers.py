"""keras.initializers and TF's top-level initializers against tf.keras.

Random bits differ between TF and torch, so random initializers are compared by statistics
(min, max, mean, std) on a Dense kernel (100, 300) and a Conv kernel (3, 3, 32, 64).
"""
import math

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import initializers as I
from tfkeras_shim.ops import init_ops
from tests.keras import layer_golden as G

# tf.zeros_initializer & co. (tf.* once the lead star-imports ops.init_ops into tfkeras_shim)
T = tf if hasattr(tf, "__dict__") and "zeros_initializer" in tf.__dict__ else init_ops

DATA = G.load("initializers")


def make(spec):
    if isinstance(spec, list):
        return getattr(I, spec[0])(**spec[1])
    if spec.startswith("tf:"):
        parts = spec.split(":")
        cls = getattr(init_ops, parts[1])
        return cls(float(parts[2])) if len(parts) > 2 else cls()
    return I.get(spec)


@pytest.mark.covers("tf.keras.initializers.get", "tf.keras.initializers.Zeros", "tf.keras.initializers.Ones",
                    "tf.keras.initializers.Constant", "tf.keras.initializers.RandomNormal",
                    "tf.keras.initializers.RandomUniform", "tf.keras.initializers.TruncatedNormal",
                    "tf.keras.initializers.GlorotUniform", "tf.keras.initializers.GlorotNormal",
                    "tf.keras.initializers.HeUniform", "tf.keras.initializers.HeNormal",
                    "tf.keras.initializers.LecunUniform", "tf.keras.initializers.LecunNormal",
                    "tf.keras.initializers.Orthogonal", "tf.keras.initializers.VarianceScaling",
                    "tf.zeros_initializer", "tf.ones_initializer", "tf.constant_initializer",
                    "tf.random_normal_initializer", "tf.random_uniform_initializer")
@pytest.mark.parametrize("cid", sorted(DATA["cases"]))
def test_initializer_statistics_match_tf_keras(cid):
    case = DATA["cases"][cid]
    for sname, st in case["stats"].items():
        t = make(case["spec"])(tuple(st["shape"]))
        assert isinstance(t, tf.Tensor) and t.dtype == tf.float32
        assert tuple(t.shape) == tuple(st["shape"])
        v = t.numpy().astype(np.float64)
        n = v.size
        sd = st["std"]
        assert abs(v.mean() - st["mean"]) <= 6 * sd * math.sqrt(2.0 / n) + 1e-7, (sname, v.mean(), st["mean"])
        assert abs(v.std() - sd) <= 0.03 * sd + 1e-7, (sname, v.std(), sd)
        span = st["max"] - st["min"]
        if case["bounded"]:
            assert abs(v.max() - st["max"]) <= 0.02 * span + 1e-7, (sname, v.max(), st["max"])
            assert abs(v.min() - st["min"]) <= 0.02 * span + 1e-7, (sname, v.min(), st["min"])
        else:
            assert abs(v.max() - st["max"]) <= 0.35 * span + 1e-7
            assert abs(v.min() - st["min"]) <= 0.35 * span + 1e-7


@pytest.mark.covers("tf.keras.initializers.GlorotUniform")
def test_glorot_uniform_bound_is_keras_fan_rule():
    t = I.GlorotUniform()((100, 300)).numpy()
    limit = math.sqrt(6 / 400)
    assert t.max() <= limit and t.max() > 0.99 * limit          # 0.1225, not torch's 0.0999
    c = I.GlorotUniform()((3, 3, 32, 64)).numpy()
    assert c.max() <= math.sqrt(6 / (288 + 576)) and c.max() > 0.98 * 0.08333


@pytest.mark.covers("tf.keras.initializers.VarianceScaling", "tf.keras.initializers.TruncatedNormal")
def test_truncated_normal_keeps_the_requested_std():
    t = I.VarianceScaling(scale=1.0, mode="fan_in")((400, 500)).numpy()
    assert abs(t.std() - math.sqrt(1 / 400)) < 0.02 * math.sqrt(1 / 400)   # 0.8796 correction
    assert np.abs(t).max() <= 2 * math.sqrt(1 / 400) / 0.87962566103423978 + 1e-7
    tn = I.TruncatedNormal(mean=1.0, stddev=0.5)((20000,)).numpy()
    assert tn.min() >= 0.0 - 1e-6 and tn.max() <= 2.0 + 1e-6


@pytest.mark.covers("tf.keras.initializers.Identity", "tf.keras.initializers.Orthogonal")
def test_identity_and_orthogonal():
    np.testing.assert_array_equal(I.Identity(gain=2.0)((3, 4)).numpy(), DATA["identity_gain2"])
    q = I.Orthogonal()((4, 6)).numpy()
    np.testing.assert_allclose(q @ q.T, np.eye(4), atol=1e-5)
    q = I.Orthogonal(gain=2.0)((3, 3, 4, 5)).numpy().reshape(-1, 5)
    np.testing.assert_allclose(q.T @ q, 4 * np.eye(5), atol=1e-4)


@pytest.mark.covers("tf.keras.initializers.GlorotUniform")
def test_seeded_and_unseeded_repeat_like_keras3():
    a = I.GlorotUniform(seed=7)
    assert np.array_equal(a((4, 5)).numpy(), a((4, 5)).numpy()) == DATA["seeded_repeat_equal"]
    assert np.array_equal(a((4, 5)).numpy(), I.GlorotUniform(seed=7)((4, 5)).numpy())
    u = I.GlorotUniform()
    assert np.array_equal(u((4, 5)).numpy(), u((4, 5)).numpy()) == DATA["unseeded_repeat_equal"]
    assert not np.array_equal(I.GlorotUniform()((4, 5)).numpy(), I.GlorotUniform()((4, 5)).numpy())
    assert not np.array_equal(I.GlorotUniform(seed=1)((4, 5)).numpy(), I.GlorotUniform(seed=2)((4, 5)).numpy())


@pytest.mark.covers("tf.keras.initializers.serialize", "tf.keras.initializers.deserialize",
                    "tf.keras.initializers.get")
def test_serialize_deserialize_and_get_forms():
    for name, cfg in DATA["serialize"].items():
        assert I.serialize(getattr(I, name)()) == cfg, name
        back = I.deserialize(cfg)
        assert type(back) is getattr(I, name)
    assert I.get({"class_name": "RandomNormal", "config": {"stddev": 1.0}}).stddev == 1.0
    assert isinstance(I.get("he_normal"), I.HeNormal)
    assert isinstance(I.get("normal"), I.RandomNormal) and isinstance(I.get("zero"), I.Zeros)
    assert isinstance(I.get(I.Ones), I.Ones)
    inst = I.Zeros()
    assert I.get(inst) is inst
    fn = lambda shape, dtype=None: tf.ones(shape)  # noqa: E731
    assert I.get(fn) is fn
    arr = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(I.get(arr)((2, 3)).numpy(), arr)
    with pytest.raises(ValueError, match="Expected `shape` to be"):
        I.get(arr)((3, 2))
    assert I.GlorotUniform(seed=3).get_config() == {"seed": 3, "input_axes": None, "output_axes": None}
    c = I.GlorotUniform(seed=3).clone()
    assert isinstance(c, I.GlorotUniform) and c.seed == 3


@pytest.mark.covers("tf.keras.initializers.get")
def test_initializer_errors_match_keras():
    errs = DATA["errors"]
    cases = {"get_nope": lambda: I.get("nope"), "get_5": lambda: I.get(5),
             "identity_3d": lambda: I.Identity()((2, 2, 2)),
             "orthogonal_1d": lambda: I.Orthogonal()((3,)),
             "vs_bad_scale": lambda: I.VarianceScaling(scale=-1.0)}
    for k, fn in cases.items():
        with pytest.raises(ValueError) as e:
            fn()
        assert str(e.value) == errs[k][1], k
    with pytest.raises(ValueError, match=r"Invalid `mode` argument: bad. Please use one of"):
        I.VarianceScaling(mode="bad")


def test_compute_fans_keras_rule():
    for shape, fans in DATA["fans"].items():
        assert list(I.compute_fans(eval(shape))) == fans


@pytest.mark.covers("tf.zeros_initializer", "tf.ones_initializer", "tf.constant_initializer",
                    "tf.random_normal_initializer", "tf.random_uniform_initializer")
def test_tf_top_level_initializers():
    d = DATA["tf_inits"]
    for key, t in [("constant_list", T.constant_initializer([1.0, 2.0, 3.0, 4.0])((2, 2))),
                   ("constant_int", T.constant_initializer(2)((2,), dtype=tf.int32)),
                   ("ones_int", T.ones_initializer()((2,), dtype=tf.int32)),
                   ("zeros_f64", T.zeros_initializer()((2,), dtype=tf.float64))]:
        want = G.np_of(d[key])
        assert isinstance(t, tf.Tensor) and t.numpy().dtype == want.dtype, key
        np.testing.assert_array_equal(t.numpy(), want)
    assert T.random_normal_initializer(seed=3).get_config() == d["configs"]["random_normal"]
    assert T.random_uniform_initializer().get_config() == d["configs"]["random_uniform"]
    assert T.constant_initializer(2).get_config() == d["configs"]["constant"]
    assert T.zeros_initializer().get_config() == d["configs"]["zeros"]
    r = T.random_normal_initializer(seed=1)
    np.testing.assert_array_equal(r((3,)).numpy(), r((3,)).numpy())       # seeded: stateless
    u = T.random_uniform_initializer(0, 10, seed=1)((50,), dtype=tf.int32)
    assert u.dtype == tf.int32 and u.numpy().min() >= 0 and u.numpy().max() < 10
    with pytest.raises(TypeError, match="Cannot convert -0.05 to EagerTensor of dtype int32"):
        T.random_uniform_initializer()((2,), dtype=tf.int32)
    with pytest.raises(ValueError, match="expected to be numeric or boolean"):
        T.zeros_initializer()((2,), dtype=tf.string)
    with pytest.raises(TypeError, match="Invalid type for initial value"):
        T.constant_initializer(object())
    g = T.glorot_uniform_initializer()((100, 300)).numpy()
    assert g.max() <= math.sqrt(6 / 400) and g.max() > 0.99 * math.sqrt(6 / 400)


def test_initializers_create_on_current_device_with_requested_dtype():
    from tfkeras_shim.framework.device import current_device
    t = I.RandomNormal()((3,), dtype="float64")
    assert t.dtype == tf.float64 and t.device == current_device()
    with pytest.raises(ValueError, match="floating point"):
        I.RandomNormal()((3,), dtype="int32")
    z = I.Zeros()((2,), dtype=tf.int64)
    assert z.dtype == tf.int64


@pytest.mark.covers("tf.keras.initializers.RandomNormal")
def test_seed_generator_gives_new_values_per_call():
    g = I.RandomNormal(seed=tf.keras.SeedGenerator(3))
    assert not np.array_equal(g((3, 3)).numpy(), g((3, 3)).numpy())
    with pytest.raises(ValueError, match="`seed` argument should be an instance of"):
        I.RandomNormal(seed="x")
