"""tf.keras.preprocessing.text / .sequence: Keras 2's Tokenizer, hashing helpers, skip-grams and
TimeseriesGenerator (keras/preprocessing/text.py, sequence.py)."""
_TEXTS = '["The cat sat on the mat.", "The dog ate my homework!", "Cat and dog, cat and mat."]'

CASES = [
    ("text_to_word_sequence", """
P = tf.keras.preprocessing.text
out = [P.text_to_word_sequence("Hello, World! It's a-test\\tline"),
       P.text_to_word_sequence("A;B;c", filters="", split=";", lower=False)]"""),
    ("hashing_trick_md5", """
out = tf.keras.preprocessing.text.hashing_trick("the cat sat on the mat", 20, hash_function="md5")"""),
    ("tokenizer_fit_and_sequences", f"""
tok = tf.keras.preprocessing.text.Tokenizer()
tok.fit_on_texts({_TEXTS})
out = [sorted(tok.word_index.items()), sorted(tok.index_word.items()), dict(tok.word_counts),
       sorted(tok.word_docs.items()), sorted(tok.index_docs.items()), tok.document_count,
       tok.texts_to_sequences(["the cat and the unknown dog"]),
       tok.sequences_to_texts([[1, 2, 3, 99]])]"""),
    ("tokenizer_num_words_oov", f"""
tok = tf.keras.preprocessing.text.Tokenizer(num_words=5, oov_token="<OOV>")
tok.fit_on_texts({_TEXTS})
out = [sorted(tok.word_index.items()), tok.texts_to_sequences(["the cat and the unknown dog homework"]),
       tok.sequences_to_texts([[1, 2, 3, 4, 5, 6, 50]])]"""),
    ("tokenizer_char_level_and_lists", """
tok = tf.keras.preprocessing.text.Tokenizer(char_level=True)
tok.fit_on_texts(["abca", "Bcd"])
tok2 = tf.keras.preprocessing.text.Tokenizer(lower=False)
tok2.fit_on_texts([["A", "b", "A"], ["b", "c"]])
out = [sorted(tok.word_index.items()), tok.texts_to_sequences(["dcba"]), sorted(tok2.word_index.items())]"""),
    ("tokenizer_matrices", f"""
tok = tf.keras.preprocessing.text.Tokenizer(num_words=8)
tok.fit_on_texts({_TEXTS})
t = ["the cat the cat dog", "mat homework"]
out = [tok.texts_to_matrix(t, mode=m) for m in ("binary", "count", "freq", "tfidf")]""", {"rtol": 1e-12}),
    ("tokenizer_matrix_errors", """
tok = tf.keras.preprocessing.text.Tokenizer()
out = tok.sequences_to_matrix([[1, 2]])"""),
    ("tokenizer_json_roundtrip", f"""
tok = tf.keras.preprocessing.text.Tokenizer(num_words=6, oov_token="?")
tok.fit_on_texts({_TEXTS})
tok2 = tf.keras.preprocessing.text.tokenizer_from_json(tok.to_json())
out = [sorted(tok2.word_index.items()), sorted(tok2.index_word.items()),
       tok2.texts_to_sequences(["the cat zzz"]), tok2.get_config()["num_words"],
       sorted(tok.get_config())]"""),
    ("tokenizer_bad_kwarg", """
out = tf.keras.preprocessing.text.Tokenizer(foo=1)"""),
    ("make_sampling_table", """
out = tf.keras.preprocessing.sequence.make_sampling_table(12, sampling_factor=1e-2)""", {"rtol": 1e-12}),
    ("skipgrams_unshuffled", """
out = list(tf.keras.preprocessing.sequence.skipgrams([1, 2, 0, 3, 4], 6, window_size=2,
                                                        negative_samples=0.0, shuffle=False))"""),
    ("skipgrams_seeded", """
import random
random.seed(3)
out = list(tf.keras.preprocessing.sequence.skipgrams([1, 2, 3, 4, 5], 10, window_size=1, seed=7,
                                                        categorical=True))"""),
    ("timeseries_generator", """
data = np.arange(20, dtype="float32").reshape(10, 2)
g = tf.keras.preprocessing.sequence.TimeseriesGenerator(data, np.arange(10), length=3, sampling_rate=1,
                                                        stride=2, batch_size=2)
out = [len(g), g[0][0], g[0][1], g[1][0], g[2][1],
       tf.keras.preprocessing.sequence.TimeseriesGenerator(data, np.arange(10), length=2, reverse=True,
                                                           batch_size=3, start_index=1, end_index=7)[1]]"""),
    ("timeseries_generator_errors", """
out = tf.keras.preprocessing.sequence.TimeseriesGenerator(np.zeros(5), np.zeros(4), length=2)"""),
    ("timeseries_generator_start_past_end", """
out = tf.keras.preprocessing.sequence.TimeseriesGenerator(np.zeros(5), np.zeros(5), length=6)"""),
]
