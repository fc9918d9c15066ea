"""tf.version: the TF version the shim follows (names as TF 2.21 exports them)."""
import pytest

import tfkeras_shim as tf


@pytest.mark.covers("tf.version.VERSION", "tf.version.GIT_VERSION", "tf.version.COMPILER_VERSION",
                    "tf.version.GRAPH_DEF_VERSION", "tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER",
                    "tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER")
def test_version_names():
    assert tf.version.VERSION == tf.__version__ == "2.21.0"
    assert isinstance(tf.version.GIT_VERSION, str) and isinstance(tf.version.COMPILER_VERSION, str)
    for n in ("GRAPH_DEF_VERSION", "GRAPH_DEF_VERSION_MIN_CONSUMER", "GRAPH_DEF_VERSION_MIN_PRODUCER"):
        assert isinstance(getattr(tf.version, n), int)
