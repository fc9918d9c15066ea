"""tf.train: Example protos for TFRecord data (train/example.py).

Checkpointing (`Checkpoint`, `CheckpointManager`, `latest_checkpoint`, ...) is added by the
saving work in train/checkpoint.py and exported from here (see the marked place below).
"""
from .example import (Example, SequenceExample, Features, Feature, FeatureList, FeatureLists,  # noqa: F401
                      BytesList, FloatList, Int64List)

__all__ = ["Example", "SequenceExample", "Features", "Feature", "FeatureList", "FeatureLists",
           "BytesList", "FloatList", "Int64List"]

# --- checkpoints (owned by the saving work) ------------------------------------------------------
# When tfkeras_shim/train/checkpoint.py exists it provides Checkpoint, CheckpointManager,
# latest_checkpoint, CheckpointOptions ...; they are re-exported here.
try:
    from .checkpoint import *  # noqa: F401,F403,E402
    from . import checkpoint as _checkpoint  # noqa: E402
    __all__ += list(getattr(_checkpoint, "__all__", []))
except ModuleNotFoundError as _e:  # pragma: no cover - until the checkpoint module lands
    if _e.name != __name__ + ".checkpoint":
        raise
