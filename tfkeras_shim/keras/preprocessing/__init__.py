"""keras.preprocessing (Keras 2 names kept by tf.keras): `sequence.pad_sequences` and the dataset helpers."""
from . import image, sequence, text  # noqa: F401
from ..utils.data_utils import (image_dataset_from_directory, text_dataset_from_directory,  # noqa: F401
                                timeseries_dataset_from_array)
