"""tf.print output, byte for byte as TF 2.21 prints it (expected strings recorded from real TF)."""
import logging
import sys

import numpy as np
import pytest

import tfkeras_shim as tf

CASES = [
    (lambda: [tf.constant([1, 2, 3, 4, 5, 6, 7])], {}, "[1 2 3 ... 5 6 7]"),
    (lambda: [tf.constant([1, 2, 3, 4, 5, 6])], {}, "[1 2 3 4 5 6]"),
    (lambda: [tf.constant(3.5)], {}, "3.5"),
    (lambda: [tf.constant(3)], {}, "3"),
    (lambda: [tf.constant([1.5, 2.25])], {}, "[1.5 2.25]"),
    (lambda: [tf.constant([1 / 3, 2.0])], {}, "[0.333333343 2]"),
    (lambda: [tf.constant([1 / 3, 2.0], tf.float64)], {}, "[0.33333333333333331 2]"),
    (lambda: [tf.constant([[1, 2], [3, 4]])], {}, "[[1 2]\n [3 4]]"),
    (lambda: [tf.reshape(tf.range(64.0), (8, 8))], {},
     "[[0 1 2 ... 5 6 7]\n [8 9 10 ... 13 14 15]\n [16 17 18 ... 21 22 23]\n ...\n"
     " [40 41 42 ... 45 46 47]\n [48 49 50 ... 53 54 55]\n [56 57 58 ... 61 62 63]]"),
    (lambda: [tf.reshape(tf.range(64.0), (8, 8))], {"summarize": 1}, "[[0 ... 7]\n ...\n [56 ... 63]]"),
    (lambda: [tf.reshape(tf.range(24), (2, 3, 4))], {"summarize": 1},
     "[[[0 ... 3]\n  ...\n  [8 ... 11]]\n\n [[12 ... 15]\n  ...\n  [20 ... 23]]]"),
    (lambda: [tf.reshape(tf.range(8), (2, 2, 2))], {}, "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]"),
    (lambda: [tf.constant([1, 2, 3, 4, 5, 6, 7])], {"summarize": -1}, "[1 2 3 4 5 6 7]"),
    (lambda: [tf.constant([1, 2, 3, 4, 5, 6, 7])], {"summarize": 0}, "[ ...]"),
    (lambda: ["hello", tf.constant([1, 2]), 3, 4.5, [1, 2], {"a": tf.constant(1)}, (tf.constant(2.0),)], {},
     "hello [1 2] 3 4.5 [1, 2] {'a': 1} (2,)"),
    (lambda: [tf.constant(["a", "b"])], {}, '["a" "b"]'),
    (lambda: [tf.constant("a")], {}, "a"),
    (lambda: ["a", ["a", tf.constant("b")]], {}, "a ['a', \"b\"]"),
    (lambda: [tf.constant([["x", 'y"z']])], {}, '[["x" "y\\"z"]]'),
    (lambda: [tf.constant([True, False])], {}, "[1 0]"),
    (lambda: [tf.constant([])], {}, "[]"),
    (lambda: [tf.zeros((2, 0))], {}, "[\n ...]"),
    (lambda: [tf.constant([1e10, 1e-5])], {}, "[1e+10 1e-05]"),
    (lambda: [tf.constant([np.nan, np.inf, -np.inf])], {}, "[nan inf -inf]"),
    (lambda: [tf.constant(123456789.0)], {}, "123456792"),
    (lambda: [tf.constant(0.1)], {}, "0.1"),
    (lambda: [tf.constant(-0.0)], {}, "-0"),
    (lambda: [tf.constant([0.1, 0.2]), tf.constant(1.0)], {"sep": ", ", "end": "!\n"}, "[0.1 0.2], 1"),
    (lambda: [tf.Variable([1.0, 2.0])], {}, "[1 2]"),
    (lambda: [tf.constant([0.1], tf.float16), tf.constant([1, 2], tf.int64)], {}, "[0.0999755859] [1 2]"),
    (lambda: [{"b": 2, "a": tf.constant([1.0, 2.0])}], {}, "{'a': [1 2], 'b': 2}"),
    (lambda: [1.0, 0.1 + 0.2, None, True, np.float32(1.0)], {}, "1.0 0.30000000000000004 None True np.float32(1.0)"),
    (lambda: [np.array([1, 2, 3, 4, 5])], {}, "array([1, 2, 3, 4, 5])"),
    (lambda: [tf.TensorShape([1, 2]), tf.float32], {}, "TensorShape([1, 2]) tf.float32"),
    (lambda: [tf.constant([1 + 2j])], {}, "[?]"),
    (lambda: [tf.constant(1e-4), tf.constant(123456.0), tf.constant(1234567.0), tf.constant(1e16, tf.float64)], {},
     "0.0001 123456 1234567 1e+16"),
    (lambda: [], {}, ""),
]


@pytest.mark.covers("tf.print")
@pytest.mark.parametrize("make,kwargs,expected", CASES)
def test_print_matches_tf(capsys, make, kwargs, expected):
    tf.print(*make(), **kwargs)
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == expected + kwargs.get("end", "\n")


@pytest.mark.covers("tf.print")
def test_print_streams(capsys, tmp_path, caplog):
    tf.print("to stdout", tf.constant([1, 2]), output_stream=sys.stdout)
    out = capsys.readouterr()
    assert out.out == "to stdout [1 2]\n" and out.err == ""
    path = tmp_path / "log.txt"
    tf.print("a", output_stream=f"file://{path}")
    tf.print("b", output_stream=f"file://{path}")
    assert path.read_text() == "a\nb\n"
    with caplog.at_level(logging.INFO, logger="tfprint_test"):
        tf.print("via logging", tf.constant(1.5), output_stream=logging.getLogger("tfprint_test").info)
    assert caplog.records[-1].getMessage() == "via logging 1.5"


@pytest.mark.covers("tf.print")
def test_print_large_tensor_only_copies_the_summary(capsys):
    big = tf.reshape(tf.range(10 ** 6), (1000, 1000))
    tf.print(big)
    err = capsys.readouterr().err
    assert err.startswith("[[0 1 2 ... 997 998 999]\n [1000 1001 1002 ... 1997 1998 1999]")
    assert err.rstrip().endswith("[999000 999001 999002 ... 999997 999998 999999]]")
