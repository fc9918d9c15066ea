"""keras.regularizers and keras.constraints against tf.keras (values, configs, errors)."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import constraints as C
from tfkeras_shim.keras import regularizers as R
from tests.keras import layer_golden as G

RD = G.load("regularizers")
CD = G.load("constraints")


def _make(mod, spec):
    return mod.get(spec) if isinstance(spec, str) else getattr(mod, spec[0])(**spec[1])


@pytest.mark.covers("tf.keras.regularizers.L1", "tf.keras.regularizers.L2", "tf.keras.regularizers.L1L2",
                    "tf.keras.regularizers.l1", "tf.keras.regularizers.l2", "tf.keras.regularizers.l1_l2",
                    "tf.keras.regularizers.OrthogonalRegularizer", "tf.keras.regularizers.get",
                    "tf.keras.regularizers.serialize")
@pytest.mark.parametrize("cid", sorted(RD["cases"]))
def test_regularizer_values_and_configs(cid):
    case = RD["cases"][cid]
    r = _make(R, case["spec"])
    assert type(r).__name__ == case["class"]
    v = r(tf.constant(G.np_of(RD["w"])))
    assert isinstance(v, tf.Tensor) and v.dtype == tf.float32 and v.shape == ()
    np.testing.assert_allclose(float(v), case["value"], rtol=1e-5, atol=1e-7)
    if case["value_conv"] is not None:
        np.testing.assert_allclose(float(r(tf.constant(G.np_of(RD["wc"])))), case["value_conv"], rtol=1e-5)
    assert r.get_config() == case["config"]
    assert R.serialize(r) == case["serialize"]
    back = R.deserialize(case["serialize"])
    assert type(back) is type(r) and back.get_config() == r.get_config()


@pytest.mark.covers("tf.keras.regularizers.get")
def test_regularizer_errors():
    e = RD["errors"]
    for k, fn in {"get_nope": lambda: R.get("nope"), "l1_neg": lambda: R.L1(-1.0),
                  "orth_mode": lambda: R.OrthogonalRegularizer(mode="x"),
                  "orth_rank": lambda: R.OrthogonalRegularizer()(tf.constant(G.np_of(RD["wc"])))}.items():
        with pytest.raises(ValueError) as ex:
            fn()
        assert str(ex.value) == e[k][1], k
    assert R.get(None) is None
    assert isinstance(R.get(R.L2), R.L2)
    f = lambda w: 0.0  # noqa: E731
    assert R.get(f) is f


@pytest.mark.covers("tf.keras.regularizers.L1")
def test_regularizer_keeps_float64_weights():
    v = R.L1(0.1)(np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert v.dtype == tf.float64
    np.testing.assert_allclose(float(v), 1.0000000149011612, rtol=0, atol=1e-15)


@pytest.mark.covers("tf.keras.constraints.MaxNorm", "tf.keras.constraints.NonNeg",
                    "tf.keras.constraints.UnitNorm", "tf.keras.constraints.MinMaxNorm",
                    "tf.keras.constraints.max_norm", "tf.keras.constraints.non_neg",
                    "tf.keras.constraints.unit_norm", "tf.keras.constraints.get",
                    "tf.keras.constraints.serialize")
@pytest.mark.parametrize("cid", sorted(CD["cases"]))
def test_constraint_outputs_and_configs(cid):
    case = CD["cases"][cid]
    c = _make(C, case["spec"])
    assert type(c).__name__ == case["class"]
    w = G.np_of(CD[case["input"]])
    out = c(tf.constant(w))
    assert isinstance(out, tf.Tensor)
    np.testing.assert_allclose(out.numpy(), G.np_of(case["output"]), rtol=1e-5, atol=1e-6)
    cfg = c.get_config()
    assert {k: (list(v) if isinstance(v, tuple) else v) for k, v in cfg.items()} == case["config"]
    ser = C.serialize(c)
    assert ser["class_name"] == case["serialize"]["class_name"]
    assert ser["module"] == "keras.constraints"
    assert type(C.deserialize(ser)) is type(c)


@pytest.mark.covers("tf.keras.constraints.get")
def test_constraint_get_errors():
    with pytest.raises(ValueError) as e:
        C.get("nope")
    assert str(e.value) == CD["errors"]["get_nope"][1]
    assert C.get(None) is None
