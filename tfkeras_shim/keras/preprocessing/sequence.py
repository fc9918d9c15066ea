"""keras.preprocessing.sequence."""
from ..utils.data_utils import pad_sequences, timeseries_dataset_from_array  # noqa: F401
