"""tf.strings through the public API the way tutorials use it (values recorded from TF 2.21)."""
import re
import string

import numpy as np
import pytest

import tfkeras_shim as tf

TEXTS = ["This movie was GREAT!<br />Loved it.", "Bad... (1/10) \"meh\" it's not great",
         "great great movie, it's bad"]


def custom_standardization(input_data):
    lowercase = tf.strings.lower(input_data)
    stripped_html = tf.strings.regex_replace(lowercase, "<br />", " ")
    return tf.strings.regex_replace(stripped_html, "[%s]" % re.escape(string.punctuation), "")


@pytest.mark.covers("tf.strings.lower", "tf.strings.regex_replace", "tf.keras.layers.TextVectorization")
def test_text_classification_custom_standardization():
    assert custom_standardization(tf.constant(TEXTS)).numpy().tolist() == [
        b"this movie was great loved it", b"bad 110 meh its not great", b"great great movie its bad"]
    layer = tf.keras.layers.TextVectorization(max_tokens=20, standardize=custom_standardization,
                                              output_mode="int", output_sequence_length=8)
    layer.adapt(tf.data.Dataset.from_tensor_slices(TEXTS).batch(2))
    assert layer.get_vocabulary() == ["", "[UNK]", "great", "movie", "its", "bad", "was", "this", "not",
                                      "meh", "loved", "it", "110"]
    out = layer(tf.constant(TEXTS))
    assert out.dtype == tf.int64
    assert out.numpy().tolist() == [[7, 3, 6, 2, 10, 11, 0, 0], [5, 12, 9, 4, 8, 2, 0, 0],
                                    [2, 2, 3, 4, 5, 0, 0, 0]]


@pytest.mark.covers("tf.strings.to_number", "tf.strings.substr", "tf.strings.length")
def test_dataset_map_string_ops():
    ds = tf.data.Dataset.from_tensor_slices(["1.5,ab", "2.25,cd"])
    ds = ds.map(lambda s: (tf.strings.to_number(tf.strings.substr(s, 0, tf.strings.length(s) - 3)),
                           tf.strings.length(s)))
    got = [(float(a.numpy()), int(b.numpy())) for a, b in ds]
    assert got[0] == (1.5, 6)
    assert got[1] == (2.25, 7)


@pytest.mark.covers("tf.strings.split", "tf.strings.bytes_split", "tf.strings.unicode_split")
def test_split_scalar_dense_vector_ragged():
    assert tf.strings.split("a b").numpy().tolist() == [b"a", b"b"]
    assert tf.strings.split(["a b", "c d"]).to_list() == [[b"a", b"b"], [b"c", b"d"]]
    assert tf.strings.bytes_split(["ab"]).to_list() == [[b"a", b"b"]]
    assert tf.strings.unicode_split(np.array(["ab"]), "UTF-8").to_list() == [[b"a", b"b"]]


@pytest.mark.covers("tf.as_string")
def test_top_level_as_string_is_the_strings_one():
    """TF 2.21: tf.as_string is tf.strings.as_string; float32 0.1 with precision 20."""
    assert tf.as_string is tf.strings.as_string
    assert tf.as_string(tf.constant([0.1]), precision=20).numpy().tolist() == [b"0.10000000149011611938"]
