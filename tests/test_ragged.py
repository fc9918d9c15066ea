"""tf.RaggedTensor / tf.ragged through the public API, as tutorials use them."""
import numpy as np
import pytest

import tfkeras_shim as tf


@pytest.mark.covers("tf.ragged.constant", "tf.RaggedTensor", "tf.RaggedTensor.to_tensor",
                    "tf.RaggedTensor.to_list", "tf.RaggedTensor.row_lengths")
def test_tutorial_round_trip():
    rt = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
    assert isinstance(rt, tf.RaggedTensor)
    assert rt.shape.as_list() == [5, None]
    assert rt.to_list() == [[3, 1, 4, 1], [], [5, 9, 2], [6], []]
    assert rt.row_lengths().numpy().tolist() == [4, 0, 3, 1, 0]
    dense = rt.to_tensor()
    assert dense.shape == (5, 4) and dense.numpy()[2].tolist() == [5, 9, 2, 0]
    back = tf.RaggedTensor.from_tensor(dense, lengths=rt.row_lengths())
    assert back.to_list() == rt.to_list()
    assert str(rt) == "<tf.RaggedTensor [[3, 1, 4, 1], [], [5, 9, 2], [6], []]>"


@pytest.mark.covers("tf.ragged.map_flat_values", "tf.math.reduce_mean", "tf.concat")
def test_ops_on_ragged():
    rt = tf.ragged.constant([[1.0, 2.0], [3.0]])
    assert (rt * 2 + 1).to_list() == [[3.0, 5.0], [7.0]]
    assert tf.ragged.map_flat_values(tf.math.square, rt).to_list() == [[1.0, 4.0], [9.0]]
    assert tf.math.reduce_mean(rt, axis=1).numpy().tolist() == [1.5, 3.0]
    assert tf.concat([rt, rt], axis=1).to_list() == [[1.0, 2.0, 1.0, 2.0], [3.0, 3.0]]
    # dense inputs are untouched by the ragged dispatch
    assert tf.reduce_sum(tf.constant([1, 2])).numpy() == 3


@pytest.mark.covers("tf.strings.split")
def test_split_then_lookup_lengths():
    toks = tf.strings.split(tf.constant(["the cat sat", "hi"]))
    assert toks.row_lengths().numpy().tolist() == [3, 1]
    assert toks[0].numpy().tolist() == [b"the", b"cat", b"sat"]
    assert toks.to_tensor(default_value="<pad>").numpy()[1].tolist() == [b"hi", b"<pad>", b"<pad>"]
    assert isinstance(toks.numpy(), np.ndarray)
