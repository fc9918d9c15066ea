"""model.summary() byte for byte against the Keras 3 reference output
(/work/shared/reference/console/summary_*.txt, copied into tests/golden/keras/), plus the table
layout rules (wrapping, ellipsis, widths) on their own."""
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras import layers
from tfkeras_shim.keras.utils import summary_utils

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(os.path.dirname(HERE), "golden", "keras")


def sections(name):
    """The captured summaries of a reference file, in order (header lines dropped)."""
    text = open(os.path.join(REF, name), encoding="utf-8").read()
    out, cur = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("### "):
            if cur is not None and cur.strip():
                out.append(cur)
                cur = None
            cur = cur if cur is not None else ""
            continue
        cur = (cur or "") + line
    if cur:
        out.append(cur)
    return out


def capture(model, **kw):
    got = []
    model.summary(print_fn=got.append, **kw)
    assert len(got) == 1  # Keras 3 hands the whole table to print_fn at once
    return got[0]


@pytest.fixture(autouse=True)
def _width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    keras.backend.clear_session()


class _FakeOptimizer:
    """What summary reads from a compiled model's optimizer: `built` and `variables`."""

    def __init__(self, model):
        self.built = True
        self.variables = [tf.Variable(0, dtype=tf.int64), tf.Variable(0.001)]
        for w in model.trainable_weights:
            self.variables += [tf.Variable(np.zeros(w.shape, "float32")), tf.Variable(np.zeros(w.shape, "float32"))]


@pytest.mark.covers("tf.keras.Model.summary", "tf.keras.Sequential")
def test_sequential_reference():
    ref = sections("summary_sequential.txt")
    seq = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation="relu"),
                            layers.BatchNormalization(), layers.Dense(1)])
    assert capture(seq) == ref[0].rstrip("\n") + "\n"
    seq.optimizer = _FakeOptimizer(seq)
    seq.compiled = True
    assert capture(seq) == ref[1].rstrip("\n") + "\n"
    u = keras.Sequential([layers.Dense(2)])
    assert capture(u) == ref[2].rstrip("\n") + "\n"
    # the same model built, then the functional one (named functional_1: the first Sequential
    # took 'functional' for its internal graph)
    inp = keras.Input((8,), name="features")
    a = layers.Dense(4, activation="relu")(inp)
    b = layers.Dense(4)(inp)
    c = layers.Concatenate()([a, b])
    out = layers.Dense(1, name="out")(c)
    fm = keras.Model(inp, out)
    assert fm.name == "functional_1"
    assert capture(fm) == sections("summary_functional.txt")[0].rstrip("\n") + "\n"


@pytest.mark.covers("tf.keras.Model.summary")
def test_summary_prints_to_stdout(capsys):
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    m.summary()
    text = capsys.readouterr().out
    assert text.startswith('Model: "sequential"\n┏') and text.endswith(" Non-trainable params: 0 (0.00 B)\n")


@pytest.mark.covers("tf.keras.Model.summary")
def test_line_length_and_positions():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    for n in (60, 70, 76):
        lines = capture(m, line_length=n).splitlines()
        assert all(len(l) == n for l in lines[1:-3])
    lines = capture(m, line_length=60, positions=[0.5, 0.8, 1.0]).splitlines()
    assert lines[2] == "┃ Layer (type)                ┃ Output Shape   ┃   Param # ┃"  # as tf.keras
    with pytest.raises(ValueError, match="Insufficient console width"):
        m.summary(line_length=10)


@pytest.mark.covers("tf.keras.Model.summary")
def test_layer_range_and_unbuilt_subclass():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="a"), layers.Dense(2, name="b"),
                          layers.Dense(2, name="c")])
    text = capture(m, layer_range=["b", "c"])
    assert "a (Dense)" not in text and "b (Dense)" in text and "c (Dense)" in text

    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = layers.Dense(2)

        def call(self, x):
            return self.d(x)

    text = capture(M())
    assert "│ dense (Dense)                   │ ?                      │   0 (unbuilt) │" in text


def test_wrap_cell_rules():
    w = summary_utils.wrap_cell
    assert w("batch_normalization (BatchNormalization)", 31) == [
        "batch_normalization            ", "(BatchNormalization)           "]
    assert w("dense_3[0][0], dense_4[0][0]", 17) == ["dense_3[0][0],   ", "dense_4[0][0]    "]
    assert w("a_rather_long_input_layer_name_that_wraps (InputLayer)", 27) == [
        "a_rather_long_input_layer_…", "(InputLayer)               "]
    assert w("16", 13, "right") == ["           16"]
    assert w("Trainable", 5, "center") == ["Trai…"]
    assert w("N", 5, "center") == ["  N  "]


def test_readable_sizes():
    r = summary_utils.readable_memory_size
    assert [r(0), r(148), r(2500), r(10.55 * 1024), r(3 * 1024 ** 2)] == [
        "0.00 B", "148.00 B", "2.44 KB", "10.55 KB", "3.00 MB"]
