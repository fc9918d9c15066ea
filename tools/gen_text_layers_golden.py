"""Record real tf.keras (TF 2.21 / Keras 3.15.1) results for the text / categorical preprocessing
layers (by hand, never in CI):

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_text_layers_golden.py

Writes tests/golden/keras_layers/text_layers.json, read by tests/keras/test_text_layers.py:

* "cases": TextVectorization / StringLookup / IntegerLookup / Hashing / Discretization built from
  a config, optionally adapted (list, array, tensor, batched or unbatched tf.data.Dataset,
  generator of batches, steps) or given a vocabulary (list, file, set_vocabulary), then called on
  inputs given as tensors, numpy arrays or lists: outputs (dtype, shape, values), vocabulary,
  vocabulary size, get_config() (name left out), and the KerasTensor a call on keras.Input gives.
* "errors": constructor / adapt / call errors (class name and message) of small code snippets.
* "hash": FarmHash Fingerprint64 (`tf.fingerprint`) and keyed SipHash
  (`tf.strings.to_hash_bucket_strong`) of byte strings of every length 0..140 and a few longer.
* "e2e": the text-classification tutorial pattern on a small synthetic corpus: TextVectorization
  adapted on `raw_ds.map(lambda x, y: x)`, `ds.map(lambda x, y: (vectorize_layer(x), y))`,
  Sequential [Embedding, GlobalAveragePooling1D, Dense(1)] fit from fixed initial weights, the
  same with the TextVectorization inside the model taking raw strings, an export model's
  evaluate / predict: vocabulary, vectors, History losses and accuracies.
* "tutorials": the word2vec pattern `text_ds.batch(n).map(vectorize_layer).unbatch()` and the
  structured-data pattern (StringLookup / IntegerLookup adapted on `ds.map(lambda x, y: x[name])`,
  CategoryEncoding, a dict-input model fit and predict).
* "keras_files": `.keras` files saved by tf.keras (base64) holding a TextVectorization and a
  tf-idf StringLookup, their zip member names and predictions, for load tests.
"""
import base64
import json
import os
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

keras = tf.keras
L = keras.layers
OUT = os.path.join(ROOT, "tests", "golden", "keras_layers", "text_layers.json")

TEXTS = ["The cat sat on the mat.", "The dog ate my HOMEWORK!", "a b c  d\te\nf", "cat-dog it's", "",
         "Ünïcode ÀB tést", "  the   end  ", "Mr. O'Neil's e-mail: x@y.com (sic) [ok] {no} 50% #1 ~ok~"]
QUERIES = ["the cat ate the dog", "unknown words only", "", "THE MAT!", "a b c d e f g h i j k l"]


def case(cid, cls, config=None, adapt=None, calls=(), set_vocabulary=None, vocab_file=None, symbolic=()):
    return {"id": cid, "cls": cls, "config": config or {}, "adapt": adapt, "calls": list(calls),
            "set_vocabulary": set_vocabulary, "vocab_file": vocab_file, "symbolic": list(symbolic)}


def inp(value, dtype="string", as_="tensor"):
    return {"value": value, "dtype": dtype, "as": as_}


S = "string"
TV, SL, IL, H, D = "TextVectorization", "StringLookup", "IntegerLookup", "Hashing", "Discretization"
CASES = [
    # --- TextVectorization ----------------------------------------------------------------------
    case("tv_default", TV, {}, {"kind": "list", "data": TEXTS},
         [inp(TEXTS), inp(QUERIES), inp([["the cat"], ["dog"]], as_="numpy"), inp(["x y"], as_="list")],
         symbolic=[{"shape": [1], "dtype": S}, {"shape": [], "dtype": S}]),
    case("tv_max_tokens_seq", TV, {"max_tokens": 6, "output_sequence_length": 4},
         {"kind": "numpy", "data": TEXTS}, [inp(TEXTS), inp(QUERIES)],
         symbolic=[{"shape": [1], "dtype": S}]),
    case("tv_seq_pad", TV, {"output_sequence_length": 12}, {"kind": "tensor", "data": TEXTS},
         [inp(QUERIES), inp([["the cat"], ["x"]])]),
    case("tv_dataset_batched", TV, {"max_tokens": 12}, {"kind": "dataset", "data": TEXTS, "batch": 3},
         [inp(QUERIES)]),
    case("tv_dataset_unbatched", TV, {}, {"kind": "dataset_unbatched", "data": TEXTS}, [inp(QUERIES)]),
    case("tv_dataset_steps", TV, {}, {"kind": "dataset", "data": TEXTS, "batch": 2, "steps": 2},
         [inp(QUERIES)]),
    case("tv_generator", TV, {}, {"kind": "batches", "data": [TEXTS[:3], TEXTS[3:]]}, [inp(QUERIES)]),
    case("tv_multi_hot", TV, {"output_mode": "multi_hot", "max_tokens": 8}, {"kind": "list", "data": TEXTS},
         [inp(TEXTS), inp([["the cat"], ["dog dog"]], as_="numpy")],
         symbolic=[{"shape": [1], "dtype": S}, {"shape": [], "dtype": S}]),
    case("tv_binary_alias", TV, {"output_mode": "binary", "max_tokens": 8}, {"kind": "list", "data": TEXTS},
         [inp(QUERIES)]),
    case("tv_count", TV, {"output_mode": "count", "max_tokens": 8}, {"kind": "list", "data": TEXTS},
         [inp(TEXTS)]),
    case("tv_count_pad", TV, {"output_mode": "count", "max_tokens": 30, "pad_to_max_tokens": True},
         {"kind": "list", "data": TEXTS}, [inp(QUERIES)], symbolic=[{"shape": [1], "dtype": S}]),
    case("tv_tf_idf", TV, {"output_mode": "tf_idf", "max_tokens": 8}, {"kind": "list", "data": TEXTS},
         [inp(TEXTS), inp(QUERIES)], symbolic=[{"shape": [1], "dtype": S}]),
    case("tv_tf_idf_batches", TV, {"output_mode": "tf_idf"}, {"kind": "dataset", "data": TEXTS, "batch": 3},
         [inp(QUERIES)]),
    case("tv_tf_idf_pad", TV, {"output_mode": "tf_idf", "max_tokens": 25, "pad_to_max_tokens": True},
         {"kind": "list", "data": TEXTS}, [inp(QUERIES)]),
    case("tv_tf_idf_given", TV, {"output_mode": "tf_idf", "vocabulary": ["the", "cat", "dog"],
                                 "idf_weights": [0.5, 1.5, 2.5]}, None, [inp(QUERIES)]),
    case("tv_ngrams2", TV, {"ngrams": 2}, {"kind": "list", "data": TEXTS}, [inp(QUERIES)]),
    case("tv_ngrams_tuple", TV, {"ngrams": (1, 3), "output_sequence_length": 9},
         {"kind": "list", "data": TEXTS}, [inp(QUERIES)]),
    case("tv_ngrams_only2", TV, {"ngrams": (2,), "output_mode": "count"}, {"kind": "list", "data": TEXTS},
         [inp(QUERIES)]),
    case("tv_character", TV, {"split": "character", "standardize": "lower"}, {"kind": "list", "data": TEXTS},
         [inp(["Tést!", "ab"])]),
    case("tv_strip_only", TV, {"standardize": "strip_punctuation"}, {"kind": "list", "data": TEXTS},
         [inp(QUERIES)]),
    case("tv_lower_only", TV, {"standardize": "lower"}, {"kind": "list", "data": TEXTS}, [inp(QUERIES)]),
    case("tv_no_split", TV, {"standardize": None, "split": None}, {"kind": "list", "data": TEXTS},
         [inp(TEXTS), inp([["The cat sat on the mat."], ["zz"]])],
         symbolic=[{"shape": [1], "dtype": S}, {"shape": [], "dtype": S}]),
    case("tv_no_split_multi_hot", TV, {"split": None, "output_mode": "multi_hot"},
         {"kind": "list", "data": ["a", "b", "a", "c"]}, [inp(["a", "b", "z"]), inp([["a"], ["z"]])],
         symbolic=[{"shape": [], "dtype": S}]),
    case("tv_no_split_one_hot", TV, {"split": None, "output_mode": "one_hot"},
         {"kind": "list", "data": ["a", "b", "a", "c"]}, [inp(["a", "b", "z"]), inp([["a"], ["z"]])]),
    case("tv_no_split_seq", TV, {"split": None, "output_sequence_length": 3},
         {"kind": "list", "data": ["a", "b", "a", "c"]}, [inp([["a"], ["z"]])]),
    case("tv_vocab_arg", TV, {"vocabulary": ["the", "cat", "sat", "dog"]}, None,
         [inp(QUERIES)], symbolic=[{"shape": [1], "dtype": S}]),
    case("tv_vocab_with_specials", TV, {"vocabulary": ["", "[UNK]", "the", "cat"]}, None, [inp(QUERIES)]),
    case("tv_vocab_file", TV, {}, None, [inp(QUERIES)], vocab_file=["the", "cat", "mat", "dog"]),
    case("tv_set_vocabulary", TV, {"output_sequence_length": 3}, None, [inp(QUERIES)],
         set_vocabulary={"vocabulary": ["cat", "the", "zebra"]}),
    case("tv_unicode_lower", TV, {}, {"kind": "list", "data": ["ÀÉÎ àéî ABC abc", "Straße STRASSE"]},
         [inp(["àéî abc", "ÀÉÎ ABC", "strasse"])]),
    case("tv_scalar", TV, {}, {"kind": "list", "data": TEXTS}, [inp("the cat sat")]),
    # --- StringLookup ---------------------------------------------------------------------------
    case("sl_vocab", SL, {"vocabulary": ["a", "b", "c", "d"]}, None,
         [inp([["a", "c", "d"], ["d", "z", "b"]]), inp(["a", "q"], as_="list"), inp("b"),
          inp([["a", "c"]], as_="numpy")],
         symbolic=[{"shape": [3], "dtype": S}]),
    case("sl_oov2", SL, {"vocabulary": ["a", "b", "c", "d"], "num_oov_indices": 2}, None,
         [inp(["a", "z", "q", "hello", "world", "b", "xyz", "The quick brown fox jumps over the lazy dog!"])]),
    case("sl_oov3_mask", SL, {"vocabulary": ["a", "b"], "num_oov_indices": 3, "mask_token": "[M]"}, None,
         [inp(["a", "z", "[M]", "hello", "world", "b"])]),
    case("sl_mask", SL, {"vocabulary": ["a", "b"], "mask_token": "[MASK]"}, None, [inp(["a", "[MASK]", "q"])]),
    case("sl_invert", SL, {"vocabulary": ["a", "b", "c"], "invert": True}, None,
         [inp([[0, 1, 2, 3, 7, -1]], "int64")]),
    case("sl_invert_mask", SL, {"vocabulary": ["a", "b", "c"], "invert": True, "mask_token": "M"}, None,
         [inp([[0, 1, 2, 3, 4, 7]], "int64")]),
    case("sl_one_hot", SL, {"vocabulary": ["a", "b", "c"], "output_mode": "one_hot"}, None,
         [inp([["a", "b"], ["c", "z"]]), inp(["a", "b", "a"]), inp([["a"], ["z"]])],
         symbolic=[{"shape": [2], "dtype": S}, {"shape": [1], "dtype": S}]),
    case("sl_multi_hot", SL, {"vocabulary": ["a", "b", "c"], "output_mode": "multi_hot"}, None,
         [inp([["a", "b"], ["c", "z"]]), inp(["a", "b", "a"])], symbolic=[{"shape": [2], "dtype": S}]),
    case("sl_count", SL, {"vocabulary": ["a", "b", "c"], "output_mode": "count"}, None,
         [inp([["a", "b", "a"], ["c", "z", "z"]]), inp(["a", "b", "a"])]),
    case("sl_count_pad", SL, {"vocabulary": ["a", "b", "c"], "output_mode": "count", "pad_to_max_tokens": True,
                              "max_tokens": 7}, None, [inp([["a", "b", "a"], ["c", "z", "z"]])]),
    case("sl_multi_hot_mask", SL, {"vocabulary": ["a", "b", "c"], "output_mode": "multi_hot",
                                   "mask_token": ""}, None, [inp([["a", ""], ["c", "z"]])]),
    case("sl_tf_idf_given", SL, {"vocabulary": ["a", "b", "c"], "idf_weights": [0.5, 1.0, 2.0],
                                 "output_mode": "tf_idf"}, None, [inp([["a", "b", "a"], ["c", "z", "z"]])]),
    case("sl_adapt", SL, {}, {"kind": "numpy", "data": [["b", "a", "c"], ["b", "d", "a"], ["e", "b", "x"]]},
         [inp([["b", "x", "q"]])]),
    case("sl_adapt_max_tokens", SL, {"max_tokens": 3}, {"kind": "list", "data": ["b", "a", "c", "b"]},
         [inp(["a", "b", "c"])]),
    case("sl_adapt_tf_idf", SL, {"output_mode": "tf_idf"},
         {"kind": "numpy", "data": [["b", "a", "c"], ["b", "d", "a"], ["e", "b", "x"]]},
         [inp([["b", "a", "q"]])]),
    case("sl_adapt_dataset", SL, {"num_oov_indices": 2, "mask_token": ""},
         {"kind": "dataset", "data": ["b", "a", "", "c", "b", "[UNK]", "z", "a", "b"], "batch": 4},
         [inp(["b", "", "zz", "[UNK]"])]),
    case("sl_adapt_tf_idf_dataset", SL, {"output_mode": "tf_idf"},
         {"kind": "dataset", "data": ["b", "a", "c", "b", "z", "a", "b"], "batch": 3}, [inp(["b", "a", "q"])]),
    case("sl_vocab_specials", SL, {"vocabulary": ["[UNK]", "x", "y"]}, None, [inp(["x", "y", "z"])]),
    case("sl_vocab_file", SL, {}, None, [inp(["x", "y", "z", ""])], vocab_file=["x", " y", "y "]),
    case("il_vocab_file", IL, {}, None, [inp([1, 2, 3, 7, -2], "int64")], vocab_file=["7", "-2", " 3"]),
    case("sl_vocab_file_invert", SL, {"invert": True}, None, [inp([0, 1, 2, 3, 4], "int64")],
         vocab_file=["x", "y", "z"]),
    case("sl_vocab_numpy", SL, {"vocabulary": {"numpy": ["p", "q"]}}, None, [inp(["q", "p", "r"])]),
    # --- IntegerLookup --------------------------------------------------------------------------
    case("il_vocab", IL, {"vocabulary": [12, 36, 1138, 42]}, None,
         [inp([[12, 1138, 42], [42, 1000, 36]], "int64"), inp([12, 7], "int32"), inp([1.0, 42.0], "float64"),
          inp([12, 36], "int64", as_="list")], symbolic=[{"shape": [3], "dtype": "int64"}]),
    case("il_invert", IL, {"vocabulary": [12, 36, 1138, 42], "invert": True}, None,
         [inp([[1, 3, 4], [4, 0, 2], [9, -3, 1]], "int64")]),
    case("il_invert_mask", IL, {"vocabulary": [12, 36], "invert": True, "mask_token": 0}, None,
         [inp([[0, 1, 2, 3, 4]], "int64")]),
    case("il_mask", IL, {"vocabulary": [12, 36], "mask_token": 0}, None, [inp([[12, 0, 5]], "int64")]),
    case("il_oov3", IL, {"vocabulary": [12, 36], "num_oov_indices": 3}, None,
         [inp([[12, 0, 5, 7, 8, -1, -5, 36]], "int64")]),
    case("il_oov3_farmhash", IL, {"vocabulary": [12, 36], "num_oov_indices": 3, "oov_method": "farmhash"}, None,
         [inp([[12, 0, 5, 7, 8, -1, -5, 36, 123456789012]], "int64")]),
    case("il_oov2_farmhash_salt", IL, {"vocabulary": [12, 36], "num_oov_indices": 2, "oov_method": "farmhash",
                                       "salt": 7}, None, [inp([[12, 0, 5, 7, 8, -1, -5, 36]], "int64")]),
    case("il_adapt", IL, {}, {"kind": "numpy", "data": [[12, 1138, 42], [42, 1000, 36], [7, 7, 42]], "dtype": "int64"},
         [inp([[42, 7, 99]], "int64")]),
    case("il_adapt_mask_max", IL, {"mask_token": 0, "max_tokens": 4},
         {"kind": "numpy", "data": [5, 0, 0, 0, 3, 3, 4, 5, 5, 9, -1, -1, -1, -1], "dtype": "int64"},
         [inp([[5, 3, 0, 9, -1]], "int64")]),
    case("il_multi_hot", IL, {"vocabulary": [3, 5, 7], "output_mode": "multi_hot"}, None,
         [inp([[3, 5], [7, 9]], "int64")], symbolic=[{"shape": [2], "dtype": "int64"}]),
    case("il_count_pad", IL, {"vocabulary": [3, 5, 7], "output_mode": "count", "pad_to_max_tokens": True,
                              "max_tokens": 6}, None, [inp([[3, 3, 9], [7, 5, 5]], "int64")]),
    case("il_one_hot", IL, {"vocabulary": [3, 5, 7], "output_mode": "one_hot"}, None,
         [inp([3, 5, 9], "int64"), inp([[3], [9]], "int64")]),
    case("il_tf_idf", IL, {"output_mode": "tf_idf"},
         {"kind": "numpy", "data": [[1, 2, 2], [2, 3, 4]], "dtype": "int64"},
         [inp([[2, 2, 9]], "int64")]),
    # --- Hashing --------------------------------------------------------------------------------
    case("h_str", H, {"num_bins": 3}, None,
         [inp([["A"], ["B"], ["C"], ["D"], ["E"]]), inp(["A", "B"]), inp("A"),
          inp(["", "a much longer string that goes past sixty-four bytes of input, to the long path!!"])],
         symbolic=[{"shape": [1], "dtype": S}]),
    case("h_int", H, {"num_bins": 5}, None,
         [inp([[1], [2], [3], [-4], [12345678901]], "int64"), inp([[1], [2]], "int32"),
          inp([1.7, -3.9, 2.2], "float64")]),
    case("h_mask_str", H, {"num_bins": 3, "mask_value": ""}, None, [inp([["A"], ["B"], [""], ["D"], ["E"]])]),
    case("h_mask_int", H, {"num_bins": 4, "mask_value": 0}, None, [inp([[0, 1, 2, 3, 0]], "int64")]),
    case("h_salt", H, {"num_bins": 7, "salt": 133}, None, [inp([["A"], ["B"], ["C"], ["D"], ["E"]])]),
    case("h_salt_pair", H, {"num_bins": 7, "salt": [133, 137]}, None, [inp([["A"], ["B"], ["C"], ["D"], ["E"]]),
                                                                       inp([[1, 2, 3]], "int64")]),
    case("h_one_hot", H, {"num_bins": 3, "output_mode": "one_hot"}, None, [inp([["A"], ["B"], ["C"]])],
         symbolic=[{"shape": [1], "dtype": S}]),
    case("h_multi_hot", H, {"num_bins": 3, "output_mode": "multi_hot"}, None,
         [inp([["A", "B"], ["B", "B"], ["C", "D"]])],
         symbolic=[{"shape": [2], "dtype": S}]),
    case("h_count", H, {"num_bins": 3, "output_mode": "count"}, None, [inp([["A", "B"], ["B", "B"], ["C", "D"]])]),
    case("h_int32", H, {"num_bins": 3, "dtype": "int32"}, None, [inp(["A", "B"])]),
    # --- Discretization -------------------------------------------------------------------------
    case("d_bounds", D, {"bin_boundaries": [0.1, 1.0, 2.5]}, None,
         [inp([[0.1, 0.09999999, 1.0, 2.5, 3, -1]], "float64"), inp([[0.1, 1.0, 2.5]], "float32"),
          inp([[0, 1, 2, 3]], "int64"), inp([0.5, 1.5], "float32")], symbolic=[{"shape": [6], "dtype": "float32"}]),
    case("d_one_hot", D, {"bin_boundaries": [0.0, 1.0], "output_mode": "one_hot"}, None,
         [inp([[-1.0, 0.5], [2.0, 2.0]], "float32"), inp([-1.0, 0.5, 0.7], "float32")],
         symbolic=[{"shape": [2], "dtype": "float32"}, {"shape": [1], "dtype": "float32"}]),
    case("d_multi_hot", D, {"bin_boundaries": [0.0, 1.0], "output_mode": "multi_hot"}, None,
         [inp([[-1.0, 0.5], [2.0, 2.0]], "float32"), inp([[[-1.0, 0.5, 3.0], [2.0, 2.0, 2.0]]], "float32")],
         symbolic=[{"shape": [2], "dtype": "float32"}, {"shape": [2, 3], "dtype": "float32"}]),
    case("d_count", D, {"bin_boundaries": [0.0, 1.0], "output_mode": "count"}, None,
         [inp([[-1.0, 0.5], [2.0, 2.0]], "float32"), inp([-1.0, 0.5, 0.7], "float32")]),
    case("d_adapt", D, {"num_bins": 4, "epsilon": 0.01}, {"kind": "numpy", "data": "normal1000x3", "dtype": "float64"},
         [inp("normal1000x3[:5]", "float64")]),
    case("d_adapt_dataset", D, {"num_bins": 5}, {"kind": "dataset", "data": "normal1000x3", "batch": 64,
                                                 "dtype": "float64"}, [inp("normal1000x3[:5]", "float64")]),
    case("d_adapt_small", D, {"num_bins": 3}, {"kind": "numpy", "data": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]},
         [inp([[1.5, 2.0, 4.0, 7.0]], "float32")]),
    case("d_adapt_batches", D, {"num_bins": 4, "epsilon": 0.05},
         {"kind": "batches", "data": "normal1000x3", "batch": 100, "dtype": "float64"},
         [inp("normal1000x3[:5]", "float64")]),
]

_FILE = "import os, tempfile; p = os.path.join(tempfile.mkdtemp(), 'v.txt'); "
ERRORS = [
    ("tv_bad_standardize", "L.TextVectorization(standardize='upper')"),
    ("tv_bad_split", "L.TextVectorization(split='comma')"),
    ("tv_bad_mode", "L.TextVectorization(output_mode='hex')"),
    ("tv_bad_ngrams", "L.TextVectorization(ngrams=[1, 2])"),
    ("tv_seq_len_non_int", "L.TextVectorization(output_sequence_length=[3])"),
    ("tv_seq_len_multi_hot", "L.TextVectorization(output_mode='multi_hot', output_sequence_length=3)"),
    ("tv_rank2_input", "L.TextVectorization(vocabulary=['a'])(tf.constant([['a', 'b']]))"),
    ("tv_adapt_after_vocab", "L.TextVectorization(vocabulary=['a']).adapt(['a b'])"),
    ("tv_tf_idf_no_weights", "L.TextVectorization(output_mode='tf_idf', vocabulary=['a'])"),
    ("tv_multi_hot_no_vocab", "L.TextVectorization(output_mode='multi_hot')(tf.constant(['a']))"),
    ("sl_max_tokens_1", "L.StringLookup(max_tokens=1)"),
    ("sl_pad_no_max", "L.StringLookup(pad_to_max_tokens=True)"),
    ("sl_neg_oov", "L.StringLookup(num_oov_indices=-1)"),
    ("sl_invert_mode", "L.StringLookup(invert=True, output_mode='multi_hot')"),
    ("sl_idf_mode", "L.StringLookup(vocabulary=['a'], idf_weights=[1.0])"),
    ("sl_empty_vocab", "L.StringLookup(vocabulary=[])"),
    ("sl_repeated", "L.StringLookup(vocabulary=['a', 'b', 'a'])"),
    ("sl_mask_in_vocab", "L.StringLookup(vocabulary=['a', 'M'], mask_token='M')"),
    ("sl_oov_in_vocab_invert", "L.StringLookup(vocabulary=['a', '[UNK]'], invert=True)"),
    ("sl_too_big", "L.StringLookup(vocabulary=['a', 'b', 'c'], max_tokens=3)"),
    ("sl_oov0", "L.StringLookup(vocabulary=['a', 'b'], num_oov_indices=0)(tf.constant(['a', 'z', 'q']))"),
    ("sl_bad_kwarg", "L.StringLookup(foo=1)"),
    ("sl_bad_salt", "L.StringLookup(salt='x')"),
    ("sl_bad_oov_method", "L.StringLookup(oov_method='mod')"),
    ("sl_missing_file", "L.StringLookup(vocabulary='/nonexistent/vocab.txt')"),
    ("sl_idf_len", "L.StringLookup(vocabulary=['a', 'b'], idf_weights=[1.0], output_mode='tf_idf')"),
    ("sl_uninitialized", "L.StringLookup()(tf.constant(['a']))"),
    ("sl_file_empty_line", _FILE + "open(p, 'w').write('x\\n\\ny\\n'); L.StringLookup(vocabulary=p)"),
    ("sl_file_crlf_empty", _FILE + "open(p, 'wb').write(b'a\\n\\r\\nb\\n'); L.StringLookup(vocabulary=p)"),
    ("sl_file_duplicate", _FILE + "open(p, 'w').write('a\\nb\\na\\n'); L.StringLookup(vocabulary=p)"),
    ("sl_file_tf_idf", _FILE + "open(p, 'w').write('a\\n'); "
     "L.StringLookup(vocabulary=p, output_mode='tf_idf', idf_weights=[1.0])"),
    ("il_file_bad_int", _FILE + "open(p, 'w').write('5\\nx\\n'); L.IntegerLookup(vocabulary=p)"),
    ("il_max_tokens", "L.IntegerLookup(max_tokens=1)"),
    ("il_neg_oov", "L.IntegerLookup(num_oov_indices=-2)"),
    ("il_dtype", "L.IntegerLookup(vocabulary_dtype='int32')"),
    ("il_salt_floormod", "L.IntegerLookup(salt=3)"),
    ("il_oov0", "L.IntegerLookup(vocabulary=[1, 2], num_oov_indices=0)(tf.constant([1, 5, 7], dtype='int64'))"),
    ("h_no_bins", "L.Hashing(num_bins=None)"),
    ("h_zero_bins", "L.Hashing(num_bins=0)"),
    ("h_bad_mode", "L.Hashing(num_bins=3, output_mode='tf_idf')"),
    ("h_float_dtype_int", "L.Hashing(num_bins=3, dtype='float32')"),
    ("h_bad_salt", "L.Hashing(num_bins=3, salt='s')"),
    ("d_neither", "L.Discretization()"),
    ("d_both", "L.Discretization(num_bins=2, bin_boundaries=[1.0])"),
    ("d_neg_bins", "L.Discretization(num_bins=-1)"),
    ("d_adapt_bounds", "L.Discretization(bin_boundaries=[1.0]).adapt(np.ones(3))"),
    ("d_bad_mode", "L.Discretization(num_bins=3, output_mode='tf_idf')"),
    ("d_call_unadapted", "L.Discretization(num_bins=3)(np.ones(3))"),
]


# ------------------------------------------------------------------------------------------------

def normal_data(spec):
    base = np.random.default_rng(0).standard_normal((1000, 3))
    if spec == "normal1000x3":
        return base
    if spec == "normal1000x3[:5]":
        return base[:5]
    raise KeyError(spec)


def make_value(value, dtype):
    if isinstance(value, str) and value.startswith("normal"):
        return normal_data(value).astype(dtype)
    if dtype == S:
        return np.array(value)
    return np.array(value, dtype=dtype)


def make_input(spec):
    a = make_value(spec["value"], spec["dtype"])
    if spec["as"] == "tensor":
        return tf.constant(a)
    if spec["as"] == "numpy":
        return a
    return spec["value"]


def adapt_data(spec):
    kind = spec["kind"]
    dtype = spec.get("dtype", S)
    a = make_value(spec["data"], dtype) if kind != "batches" or isinstance(spec["data"], str) else None
    if kind == "list":
        return spec["data"]
    if kind == "numpy":
        return a
    if kind == "tensor":
        return tf.constant(a)
    if kind == "dataset":
        return tf.data.Dataset.from_tensor_slices(a).batch(spec["batch"])
    if kind == "dataset_unbatched":
        return tf.data.Dataset.from_tensor_slices(a)
    if kind == "batches":
        if a is not None:
            return (a[i:i + spec["batch"]] for i in range(0, len(a), spec["batch"]))
        return (np.array(b) for b in spec["data"])
    raise KeyError(kind)


def rec(t):
    a = t.numpy() if hasattr(t, "numpy") else np.asarray(t)
    dt = t.dtype.name if hasattr(t, "dtype") and hasattr(t.dtype, "name") else str(a.dtype)
    if a.dtype == object or a.dtype.kind == "S":
        value = np.vectorize(lambda b: b.decode("utf-8", "replace"), otypes=[object])(a).tolist() \
            if a.size else a.tolist()
    elif a.dtype.kind == "f":
        value = a.astype(np.float64).tolist()
    else:
        value = a.tolist()
    return {"dtype": dt, "shape": list(a.shape), "value": value}


def plain(v):
    if isinstance(v, (np.str_, bytes)):
        return v.decode() if isinstance(v, bytes) else str(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def build(c, tmp):
    cfg = dict(c["config"])
    if isinstance(cfg.get("vocabulary"), dict):
        cfg["vocabulary"] = np.array(cfg["vocabulary"]["numpy"])
    if c["vocab_file"] is not None:
        path = os.path.join(tmp, c["id"] + ".txt")
        with open(path, "w") as f:
            f.write("\n".join(c["vocab_file"]) + "\n")
        cfg["vocabulary"] = path
    layer = getattr(L, c["cls"])(**cfg)
    if c["set_vocabulary"] is not None:
        layer.set_vocabulary(**c["set_vocabulary"])
    if c["adapt"] is not None:
        kw = {"steps": c["adapt"]["steps"]} if "steps" in c["adapt"] else {}
        layer.adapt(adapt_data(c["adapt"]), **kw)
    return layer


def run_case(c, tmp):
    out = dict(c)
    if isinstance(out["config"].get("ngrams"), tuple):
        out["config"] = dict(out["config"], ngrams=list(out["config"]["ngrams"]))
    try:
        layer = build(c, tmp)
    except Exception as e:  # noqa: BLE001
        out["build_error"] = [type(e).__name__, normalize_message(str(e))]
        return out
    results = []
    for call in c["calls"]:
        try:
            results.append({"output": rec(layer(make_input(call)))})
        except Exception as e:  # noqa: BLE001
            msg = str(e)
            if "\x1b[1m" in msg:
                msg = msg.split("\x1b[1m", 1)[1].split("\x1b[0m", 1)[0]
            results.append({"error": [type(e).__name__, normalize_message(msg)]})
    out["results"] = results
    if hasattr(layer, "get_vocabulary"):
        out["vocabulary"] = plain(layer.get_vocabulary())
        out["vocabulary_nospecial"] = plain(layer.get_vocabulary(include_special_tokens=False))
        out["vocabulary_size"] = int(layer.vocabulary_size())
    if c["cls"] == D:
        out["bin_boundaries"] = plain(layer.bin_boundaries)
    cfg = layer.get_config()
    cfg.pop("name", None)
    if c["vocab_file"] is None:
        out["config_out"] = plain(cfg)
    sym = []
    for s in c["symbolic"]:
        fresh = build(c, tmp)
        kt = fresh(keras.Input(shape=tuple(s["shape"]), dtype=s["dtype"]))
        sym.append({"shape": s["shape"], "dtype": s["dtype"], "out_shape": list(kt.shape),
                    "out_dtype": str(kt.dtype)})
    out["symbolic"] = sym
    return out


def normalize_message(msg, path=None):
    """Drop TF's `{{function_node ...}} ` prefix and ` name: ` suffix; the temp path -> <path>."""
    if msg.startswith("{{function_node"):
        msg = msg.split("}} ", 1)[1]
    if msg.endswith(" name: "):
        msg = msg[:-len(" name: ")]
    if path:
        msg = msg.replace(path, "<path>")
    return msg


def run_errors():
    out = {}
    for eid, code in ERRORS:
        ns = {"L": L, "tf": tf, "np": np}
        try:
            exec(code, ns)
            out[eid] = {"code": code, "error": None}
        except Exception as e:  # noqa: BLE001
            msg = str(e)
            marker = "\x1b[1m"
            if marker in msg:  # Keras's "Exception encountered when calling ..." wrapper: keep the core
                msg = msg.split(marker, 1)[1].split("\x1b[0m", 1)[0]
            msg = normalize_message(msg, ns.get("p"))
            out[eid] = {"code": code, "error": [type(e).__name__, msg]}
    return out


def run_hash():
    rng = np.random.default_rng(5)
    strs = [bytes(rng.integers(0, 256, n, dtype=np.uint8)) for n in list(range(0, 141)) + [200, 255, 256, 257, 1000]]
    strs += [b"", b"A", b"hello", "Ünïcode".encode(), b"12345678901"]
    fp = tf.fingerprint(tf.constant(strs)).numpy()
    fast = [int.from_bytes(bytes(r.tolist()), "little") for r in fp]
    t = tf.constant(strs)
    strong = tf.strings.to_hash_bucket_strong(t, 2 ** 62, key=[7, 11]).numpy().tolist()
    strong2 = tf.strings.to_hash_bucket_strong(t, 1000003, key=[-5, 123456789]).numpy().tolist()
    fast_mod = tf.strings.to_hash_bucket_fast(t, 1000003).numpy().tolist()
    return {"strings_hex": [s.hex() for s in strs], "fingerprint64": [str(v) for v in fast],
            "fast_mod_1000003": fast_mod, "strong_7_11_mod_2_62": strong,
            "strong_big_key_mod_1000003": strong2, "big_key": [-5, 123456789]}


# ------------------------------------------------------------------------------------------------
# the tutorial pattern

def corpus():
    rng = np.random.default_rng(7)
    pos = ["great", "wonderful", "loved", "superb"]
    neg = ["awful", "boring", "hated", "terrible"]
    fill = ["the", "movie", "was", "a", "film", "plot", "actors", "and", "it", "I", "this", "really", "so", "story"]
    texts, labels = [], []
    for _ in range(96):
        lab = int(rng.integers(0, 2))
        words = list(rng.choice(fill, size=int(rng.integers(3, 14))))
        for _ in range(int(rng.integers(1, 3))):
            words.insert(int(rng.integers(0, len(words) + 1)), str(rng.choice(pos if lab else neg)))
        if rng.random() < 0.15:
            words.insert(0, str(rng.choice(pos + neg)))
        s = " ".join(str(w) for w in words)
        s = s[0].upper() + s[1:] + str(rng.choice([".", "!", "...", " :)", ""]))
        if rng.random() < 0.2:
            s = "<br />" + s
        texts.append(s)
        labels.append(lab)
    return texts, labels


E2E = {"max_features": 20, "sequence_length": 10, "embedding_dim": 16, "batch": 16, "epochs": 4, "lr": 0.05,
       "examples": ["The movie was great!", "It was terrible...", "boring", "I loved this film, so wonderful"]}


def initial_weights(e):
    rs = np.random.default_rng(1)
    return [rs.uniform(-0.05, 0.05, (e["max_features"] + 1, e["embedding_dim"])).astype("float32"),
            rs.uniform(-0.3, 0.3, (e["embedding_dim"], 1)).astype("float32"), np.zeros(1, "float32")]


def run_e2e():
    e = dict(E2E)
    texts, labels = corpus()
    raw_train_ds = tf.data.Dataset.from_tensor_slices((texts, labels)).batch(e["batch"])
    vectorize_layer = L.TextVectorization(max_tokens=e["max_features"], output_mode="int",
                                          output_sequence_length=e["sequence_length"])
    vectorize_layer.adapt(raw_train_ds.map(lambda x, y: x))

    def vectorize_text(text, label):
        text = tf.expand_dims(text, -1)
        return vectorize_layer(text), label

    train_ds = raw_train_ds.map(vectorize_text)
    first_x, first_y = next(iter(train_ds))
    mapped_plain = raw_train_ds.map(lambda x, y: (vectorize_layer(x), y))
    px, _ = next(iter(mapped_plain))
    w0 = initial_weights(e)

    def compile_(m):
        m.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True),
                  optimizer=keras.optimizers.Adam(e["lr"]),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)])

    model = keras.Sequential([L.Embedding(e["max_features"] + 1, e["embedding_dim"]),
                              L.GlobalAveragePooling1D(), L.Dense(1)])
    model.build((None, e["sequence_length"]))
    model.set_weights(w0)
    compile_(model)
    h1 = model.fit(train_ds, epochs=e["epochs"], verbose=0)
    model2 = keras.Sequential([vectorize_layer, L.Embedding(e["max_features"] + 1, e["embedding_dim"]),
                               L.GlobalAveragePooling1D(), L.Dense(1)])
    model2(tf.constant(["hello"]))
    model2.set_weights(w0)
    compile_(model2)
    h2 = model2.fit(raw_train_ds, epochs=e["epochs"], verbose=0)
    export = keras.Sequential([vectorize_layer, model, L.Activation("sigmoid")])
    export.compile(loss=keras.losses.BinaryCrossentropy(from_logits=False), optimizer="adam",
                   metrics=["accuracy"])
    ev = export.evaluate(raw_train_ds, verbose=0)
    pred = export.predict(tf.constant(e["examples"]), verbose=0)
    e.update({
        "texts": texts, "labels": labels, "vocabulary": plain(vectorize_layer.get_vocabulary()),
        "first_batch": rec(first_x), "first_batch_plain_map": rec(px), "first_labels": rec(first_y),
        "initial_weights": [w.tolist() for w in w0],
        "history_map": plain(h1.history), "history_raw": plain(h2.history),
        "final_weights_raw": [w.tolist() for w in model2.get_weights()],
        "export_evaluate": plain(ev), "export_predict": pred.astype(np.float64).tolist(),
    })
    return e


SHAKESPEARE = ["First Citizen: Before we proceed any further, hear me speak.", "All: Speak, speak.",
               "First Citizen: You are all resolved rather to die than to famish?", "All: Resolved. resolved."] * 3
PETS = {"animal": ["Cat", "Dog", "Cat", "Bird", "Dog", "Cat"], "age": [1, 3, 3, 2, 5, 1], "labels": [0, 1, 0, 1, 1, 0]}


def run_tutorials():
    """word2vec: `text_ds.batch(n).map(vectorize_layer).unbatch()`; structured data: StringLookup /
    IntegerLookup adapted on `ds.map(lambda x, y: x[name])` feeding CategoryEncoding, fit, predict."""
    text_ds = tf.data.Dataset.from_tensor_slices(SHAKESPEARE)
    vl = L.TextVectorization(max_tokens=30, output_mode="int", output_sequence_length=6)
    vl.adapt(text_ds.batch(4))
    seqs = [a.tolist() for a in text_ds.batch(4).prefetch(tf.data.AUTOTUNE).map(vl).unbatch().as_numpy_iterator()]
    w2v = {"vocabulary": plain(vl.get_vocabulary()), "sequences": seqs}

    df = {"animal": np.array(PETS["animal"])[:, None], "age": np.array(PETS["age"])[:, None]}
    ds = tf.data.Dataset.from_tensor_slices((df, np.array(PETS["labels"]))).batch(2)
    vocabs = {}

    def enc(name, dtype, max_tokens=None):
        index = L.StringLookup(max_tokens=max_tokens) if dtype == "string" else L.IntegerLookup(max_tokens=max_tokens)
        index.adapt(ds.map(lambda x, y: x[name]))
        encoder = L.CategoryEncoding(num_tokens=index.vocabulary_size())
        vocabs[name] = plain(index.get_vocabulary())
        return lambda feature: encoder(index(feature))

    a_in = keras.Input(shape=(1,), name="animal", dtype="string")
    g_in = keras.Input(shape=(1,), name="age", dtype="int64")
    x = L.concatenate([enc("animal", "string")(a_in), enc("age", "int64", max_tokens=4)(g_in)])
    m = keras.Model({"animal": a_in, "age": g_in}, L.Dense(1)(x))
    m.set_weights([np.arange(8, dtype="float32").reshape(8, 1) / 10, np.zeros(1, "float32")])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss=keras.losses.BinaryCrossentropy(from_logits=True))
    h = m.fit(ds, epochs=3, verbose=0)
    pred = m.predict({"animal": tf.constant([["Cat"], ["Fish"]]), "age": tf.constant([[3], [9]], dtype="int64")},
                     verbose=0)
    structured = {"vocabularies": vocabs, "concat_shape": list(x.shape), "history": plain(h.history),
                  "predict": pred.astype(np.float64).tolist()}
    return {"word2vec": w2v, "structured": structured}


def run_keras_files():
    import zipfile
    out = {}
    texts = ["The cat sat on the mat.", "The dog ate my HOMEWORK!", "a b c"]
    keras.utils.set_random_seed(3)
    tv = L.TextVectorization(max_tokens=20, output_sequence_length=5)
    tv.adapt(texts)
    inp_ = keras.Input(shape=(), dtype="string")
    x = L.Embedding(21, 4)(tv(inp_))
    m = keras.Model(inp_, L.Dense(1)(L.GlobalAveragePooling1D()(x)))
    examples = ["the cat", "dog ate a b", "zzz"]
    sl = L.StringLookup(output_mode="tf_idf")
    sl.adapt(np.array([["b", "a", "c"], ["b", "d", "a"]]))
    inp2 = keras.Input(shape=(3,), dtype="string")
    m2 = keras.Model(inp2, sl(inp2))
    with tempfile.TemporaryDirectory() as d:
        for name, model, ex in (("text_vectorization_model", m, tf.constant(examples)),
                                ("string_lookup_tf_idf_model", m2, tf.constant([["b", "a", "zz"]]))):
            path = os.path.join(d, name + ".keras")
            model.save(path)
            with open(path, "rb") as f:
                blob = f.read()
            with zipfile.ZipFile(path) as z:
                names = sorted(z.namelist())
            out[name] = {"keras_b64": base64.b64encode(blob).decode(), "members": names,
                         "inputs": rec(ex), "predict": rec(model(ex))}
    out["text_vectorization_model"]["vocabulary"] = plain(tv.get_vocabulary())
    return out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        cases = {c["id"]: run_case(c, tmp) for c in CASES}
    data = {"tf_version": tf.__version__, "keras_version": keras.__version__, "cases": cases,
            "errors": run_errors(), "hash": run_hash(), "e2e": run_e2e(), "tutorials": run_tutorials(),
            "keras_files": run_keras_files()}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=0, ensure_ascii=False)
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
