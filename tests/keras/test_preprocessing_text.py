"""keras.preprocessing.text helpers whose results depend on Python's per-process `hash`
(the numbers against tf.keras are in tests/golden/cases/keras_preprocessing.py)."""
import pytest

from tfkeras_shim import keras

P = keras.preprocessing.text


@pytest.mark.covers("tf.keras.preprocessing.text.one_hot", "tf.keras.preprocessing.text.text_to_word_sequence")
def test_one_hot_ids_in_range_and_consistent():
    words = P.text_to_word_sequence("The cat, the CAT; and a dog!")
    assert words == ["the", "cat", "the", "cat", "and", "a", "dog"]
    ids = P.one_hot("The cat, the CAT; and a dog!", 7)
    assert len(ids) == 7 and all(1 <= i <= 6 for i in ids)
    assert ids[0] == ids[2] and ids[1] == ids[3]  # same word, same id within a process
