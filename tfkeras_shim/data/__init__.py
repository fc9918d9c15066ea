"""tf.data: input pipelines (see data/dataset.py for what differs from TF and the fast path)."""
from .dataset import (Dataset, DatasetV2, DatasetSpec, OwnedIterator as Iterator, AUTOTUNE,  # noqa: F401
                      INFINITE_CARDINALITY, UNKNOWN_CARDINALITY)
from .options import Options, ThreadingOptions  # noqa: F401
from .readers import TFRecordDataset, TextLineDataset, FixedLengthRecordDataset  # noqa: F401
from . import experimental  # noqa: F401

__all__ = ["Dataset", "DatasetSpec", "Iterator", "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY",
           "Options", "ThreadingOptions", "TFRecordDataset", "TextLineDataset", "FixedLengthRecordDataset",
           "experimental"]
