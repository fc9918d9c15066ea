"""Checks for the records of tools/gen_conv3d_golden.py (sections conv3d, pooling3d, reshaping3d).

Each case is a tests/keras/layer_golden record (outputs, weights, config keys, output shapes)
plus gradients of sum(y * cotangent) with respect to the input and the trainable weights, the
Functional output shapes (known and unknown spatial dims) and the full get_config(); the
"errors" records hold code strings evaluated with `L`, `keras`, `np` and `tf`.
"""
import re

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tests.keras import layer_golden as G

L = keras.layers


def check_grads(case, rtol=1e-4, atol=1e-5):
    layer = G.build_layer(case)
    x = tf.constant(G.np_of(case["input"]))
    layer.build(x.shape)
    if case["weights_in"] is not None:
        layer.set_weights([G.np_of(w) for w in case["weights_in"]])
    cot = tf.constant(G.np_of(case["cotangent"]))
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(layer(x) * cot)
    np.testing.assert_allclose(float(loss), case["loss"], rtol=1e-5, atol=1e-5)
    if case["grads"] is None:  # TF has no gradient for it (ResizeArea); the shim's is torch's
        return
    grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
    assert len(grads) == len(case["grads"])
    for got, want in zip(grads, case["grads"]):
        if want is None:
            assert got is None
            continue
        w = G.np_of(want)
        assert tuple(got.shape) == w.shape
        np.testing.assert_allclose(np.asarray(got), w, rtol=rtol, atol=atol)


def check_symbolic(case):
    for key, rec in case["symbolic"].items():
        layer = G.build_layer(case)
        layer.name  # noqa: B018 (a fresh layer per Input)
        inp = keras.Input(shape=tuple(rec["input"]))
        if "error" in rec:
            with pytest.raises(Exception) as info:
                layer(inp)
            assert type(info.value).__name__ == rec["error"][0], (key, info.value)
            continue
        assert list(layer(inp).shape) == rec["output"], key


def check_config(case):
    layer = G.build_layer(case)
    want = dict(case["full_config"])
    got = layer.get_config()
    for k in ("name", "dtype"):
        want.pop(k, None)
        got.pop(k, None)
    assert _jsonish(got) == _jsonish(want)


def _jsonish(v):
    if isinstance(v, (list, tuple)):
        return [_jsonish(e) for e in v]
    if isinstance(v, dict):
        return {k: _jsonish(e) for k, e in v.items()}
    return v


def core(msg):
    """The message TF and the shim must share: no Keras call banner, node names or NodeDefs;
    set literals sorted (their order follows the string hash seed)."""
    m = re.search(r"\x1b\[1m(.*?)\x1b\[0m", msg, re.S)
    core_ = m.group(1) if m else msg
    core_ = re.sub(r"^\{\{function_node [^}]*\}\} ", "", core_)
    core_ = re.sub(r"\n\t; NodeDef: .*?(?= \[Op:)", "", core_, flags=re.S)
    core_ = re.sub(r" name: $", "", core_)
    core_ = re.sub(r"\{('[^']*'(?:, '[^']*')*)\}",
                   lambda mm: "{" + ", ".join(sorted(mm.group(1).split(", "))) + "}", core_)
    return core_.strip()


def check_error(rec):
    want = rec["error"]
    if want is None:
        eval(rec["code"], {"L": L, "keras": keras, "np": np, "tf": tf})
        return
    with pytest.raises(Exception) as info:
        eval(rec["code"], {"L": L, "keras": keras, "np": np, "tf": tf})
    e = info.value
    assert type(e).__name__ == want[0], (type(e), str(e))
    if want[0] == "InvalidArgumentError":
        assert isinstance(e, tf.errors.InvalidArgumentError)
    got, exp = core(str(e)), core(want[1])
    # auto-generated layer names differ with the number of layers made before
    got = re.sub(r"of layer '[a-z_0-9]+'", "of layer 'L'", got)
    exp = re.sub(r"of layer '[a-z_0-9]+'", "of layer 'L'", exp)
    assert got == exp


def error_params(data):
    return [pytest.param(eid, data["errors"][eid], id=eid) for eid in sorted(data["errors"])]
