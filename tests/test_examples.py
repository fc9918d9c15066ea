"""examples/*.py run unchanged through `python -m tfkeras_shim` and print what real TensorFlow
printed for them (examples/<name>.expected.txt).

Record the expected files with the TF venv (from the repository root):

    COLUMNS=80 TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python examples/<name>.py > examples/<name>.expected.txt

Lines must match as text with their decimal numbers within rtol 1e-4 plus one unit in the last
printed digit; tests/example_compare.py explains why that tolerance (float32 noise accumulated over
a few epochs of training stays ~1e-5, real formula differences show up at >= 1e-3).
examples/linear_regression.py is checked the same way by tests/test_runner.py.
"""
import functools

import pytest

from tests.example_compare import compare_output, expected_output, run_example

RUNNER = "python -m tfkeras_shim"


@functools.lru_cache(maxsize=None)
def _run(script):
    return run_example(script)


def _check(script, upto=None):
    r = _run(script)
    assert r.returncode == 0, r.stderr[-4000:]
    assert r.stderr == "", r.stderr[-4000:]           # TF printed nothing but its C++ log lines
    got, want = r.stdout, expected_output(script)
    if upto is not None:                              # compare only the lines before `upto`
        want_lines = want.splitlines()
        n = next(i for i, line in enumerate(want_lines) if line.startswith(upto))
        got, want = "\n".join(got.splitlines()[:n]), "\n".join(want_lines[:n])
    diffs = compare_output(got, want)
    assert not diffs, f"{script} under the shim differs from TF:\n" + "\n".join(diffs)


@pytest.mark.covers(RUNNER, "tf.keras.layers.Normalization", "tf.keras.layers.Normalization.adapt",
                    "tf.keras.Sequential", "tf.keras.Input", "tf.keras.layers.Dense",
                    "tf.keras.Model.summary", "tf.keras.Model.get_layer", "tf.keras.layers.Layer.set_weights",
                    "tf.keras.layers.Layer.get_weights", "tf.keras.Model.compile", "tf.keras.Model.fit",
                    "tf.keras.Model.evaluate", "tf.keras.Model.predict", "tf.keras.losses.BinaryCrossentropy",
                    "tf.keras.optimizers.Adam")
def test_keras_sequential_classifier():
    """The README demo: Normalization.adapt, Sequential, set_weights, summary, compile/fit/evaluate/predict."""
    _check("keras_sequential_classifier.py")


@pytest.mark.covers(RUNNER, "tf.keras.layers.Layer", "tf.keras.layers.Layer.add_weight",
                    "tf.keras.layers.Layer.build", "tf.keras.Model", "tf.keras.Model.set_weights",
                    "tf.keras.Model.count_params", "tf.keras.Model.trainable_variables",
                    "tf.keras.activations.get", "tf.GradientTape", "tf.function",
                    "tf.keras.optimizers.Adam.apply_gradients", "tf.keras.optimizers.Adam.iterations",
                    "tf.keras.metrics.Mean", "tf.keras.metrics.SparseCategoricalAccuracy",
                    "tf.keras.losses.SparseCategoricalCrossentropy",
                    "tf.keras.losses.sparse_categorical_crossentropy",
                    "tf.data.Dataset.from_tensor_slices", "tf.data.Dataset.batch", "tf.nn.softmax", "tf.argmax")
def test_custom_layer_training_loop():
    """Subclassed Layer/Model, GradientTape + apply_gradients, stateful metrics, tf.data batches."""
    _check("custom_layer_training_loop.py")


@pytest.mark.covers(RUNNER, "tf.keras.Input", "tf.keras.Model", "tf.keras.layers.Conv2D",
                    "tf.keras.layers.MaxPooling2D", "tf.keras.layers.GlobalMaxPooling2D",
                    "tf.keras.layers.Reshape", "tf.keras.layers.Conv2DTranspose",
                    "tf.keras.layers.UpSampling2D", "tf.keras.Model.summary", "tf.keras.Model.layers",
                    "tf.keras.optimizers.SGD", "tf.keras.Model.fit", "tf.keras.Model.predict",
                    "tf.keras.Model.evaluate")
def test_functional_autoencoder():
    """Functional encoder/decoder (the seed's architecture) with shared layers, summary, fit with SGD."""
    _check("functional_autoencoder.py")


@pytest.mark.covers(RUNNER, "tf.keras.utils.pad_sequences", "tf.keras.layers.Embedding",
                    "tf.keras.layers.Embedding.compute_mask", "tf.keras.layers.LSTM")
def test_text_lstm_masking_before_training():
    """Padding, masks from compute_mask, and the masked LSTM forward pass match TF (lines before fit)."""
    _check("text_lstm_masking.py", upto="history keys:")


@pytest.mark.covers(RUNNER, "tf.IndexedSlices")
def test_text_lstm_masking_training():
    """Embedding(mask_zero) + LSTM trained with Adam: repeated tokens use IndexedSlices semantics."""
    _check("text_lstm_masking.py")


def test_compare_output_rules():
    """The comparator: rounding flips in the last digit pass, real numeric or text changes fail."""
    want = "epoch 1  loss 0.3174\n[[ 0.     0.2432]]\nTotal params: 28,241 (110.32 KB)\n"
    assert compare_output(want, want) == []
    assert compare_output(want.replace("0.3174", "0.3173"), want) == []      # last-digit rounding
    assert compare_output(want.replace("0.2432", "0.2434"), want)             # 8e-4 relative
    assert compare_output(want.replace("28,241", "28,242"), want)             # integers are text
    assert compare_output(want.replace("epoch 1", "epoch 2"), want)
    assert compare_output(want.replace("loss", "Loss"), want)
    assert compare_output(want + "extra\n", want)
    assert compare_output("x 1.5e-05\n", "x 1.6e-05\n") == []                 # unit of 1.5e-05 is 1e-06
    assert compare_output("x 1.5e-05\n", "x 1.8e-05\n")
    assert compare_output("x nan\n", "x nan\n") == []
    assert compare_output("conv2d_1 -0.\n", "conv2d_1 0.\n") == []
