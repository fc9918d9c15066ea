"""keras.config: global settings and debug caps, as tf.keras 2.21 (Keras 3.15) behaves."""
import warnings

import numpy as np
import pytest

from tfkeras_shim import keras

C = keras.config


@pytest.fixture
def restore():
    yield
    C.set_max_epochs(None)
    C.set_max_steps_per_epoch(None)
    C.set_floatx("float32")
    C.set_epsilon(1e-7)
    C.set_image_data_format("channels_last")
    keras.backend.clear_session()  # also resets the global dtype policy (as Keras 3)
    C.enable_flash_attention()
    C.enable_interactive_logging()
    C.enable_traceback_filtering()


@pytest.mark.covers("tf.keras.config.set_max_epochs", "tf.keras.config.max_epochs",
                    "tf.keras.config.set_max_steps_per_epoch", "tf.keras.config.max_steps_per_epoch")
def test_debug_caps_limit_fit_evaluate_predict(restore):
    """TF 2.21 with caps 2 / 3 and 16 batches of 4: 2 epochs of 3 steps (with Keras's two
    warnings), evaluate 3 steps, predict 12 rows; None lifts the caps."""
    assert C.max_epochs() is None and C.max_steps_per_epoch() is None
    C.set_max_epochs(2)
    C.set_max_steps_per_epoch(3)
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    m.compile("sgd", "mse")
    x, y = np.ones((64, 2), "float32"), np.ones((64, 1), "float32")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        h = m.fit(x, y, epochs=5, batch_size=4, verbose=0)
    msgs = [str(e.message) for e in w]
    assert "Limiting epochs to 2" in msgs and "Limiting steps_per_epoch to 3" in msgs
    assert len(h.history["loss"]) == 2 and C.max_epochs() == 2 and C.max_steps_per_epoch() == 3
    assert m.predict(x, batch_size=4, verbose=0).shape == (12, 1)
    C.set_max_epochs(None)
    C.set_max_steps_per_epoch(None)
    assert len(m.fit(x, y, epochs=3, batch_size=4, verbose=0).history["loss"]) == 3
    assert m.predict(x, batch_size=4, verbose=0).shape == (64, 1)


@pytest.mark.covers("tf.keras.config.enable_flash_attention", "tf.keras.config.disable_flash_attention",
                    "tf.keras.config.is_flash_attention_enabled", "tf.keras.config.is_nnx_enabled",
                    "tf.keras.config.backend", "tf.keras.config.set_backend")
def test_switches_and_backend(restore):
    assert C.is_flash_attention_enabled() is None  # TF 2.21: None until disabled
    C.disable_flash_attention()
    assert C.is_flash_attention_enabled() is False
    C.enable_flash_attention()
    assert C.is_flash_attention_enabled() is None
    assert C.is_nnx_enabled() is False
    assert C.backend() == "tensorflow"
    C.set_backend("tensorflow")
    with pytest.raises(ValueError, match="backend"):
        C.set_backend("jax")


@pytest.mark.covers("tf.keras.config.floatx", "tf.keras.config.set_floatx", "tf.keras.config.epsilon",
                    "tf.keras.config.set_epsilon", "tf.keras.config.image_data_format",
                    "tf.keras.config.set_image_data_format", "tf.keras.config.dtype_policy",
                    "tf.keras.config.set_dtype_policy")
def test_numeric_settings(restore):
    assert (C.floatx(), C.epsilon(), C.image_data_format()) == ("float32", 1e-7, "channels_last")
    C.set_floatx("float64")
    assert keras.layers.Dense(1).compute_dtype == "float64"
    C.set_floatx("float32")
    C.set_epsilon(1e-5)
    assert C.epsilon() == 1e-5
    C.set_image_data_format("channels_first")
    assert keras.layers.Conv2D(2, 3).data_format == "channels_first"
    C.set_image_data_format("channels_last")
    C.set_dtype_policy("mixed_float16")
    assert C.dtype_policy().name == "mixed_float16"
    assert keras.layers.Dense(1).compute_dtype == "float16"


@pytest.mark.covers("tf.keras.config.enable_interactive_logging", "tf.keras.config.disable_interactive_logging",
                    "tf.keras.config.is_interactive_logging_enabled", "tf.keras.config.enable_traceback_filtering",
                    "tf.keras.config.disable_traceback_filtering", "tf.keras.config.is_traceback_filtering_enabled")
def test_logging_and_traceback_switches(restore):
    assert C.is_interactive_logging_enabled()
    C.disable_interactive_logging()
    assert not C.is_interactive_logging_enabled()
    C.enable_interactive_logging()
    assert C.is_traceback_filtering_enabled()
    C.disable_traceback_filtering()
    assert not C.is_traceback_filtering_enabled()
