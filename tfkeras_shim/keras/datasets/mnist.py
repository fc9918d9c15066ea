"""keras.datasets.mnist."""
import numpy as np

from ..utils.data_utils import get_file

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def load_data(path="mnist.npz"):
    """((x_train, y_train), (x_test, y_test)): uint8 arrays (60000, 28, 28) / (60000,), test 10000."""
    path = get_file(fname=path, origin=f"{_ORIGIN}mnist.npz",
                    file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")
    with np.load(path, allow_pickle=False) as f:
        x_train, y_train = f["x_train"], f["y_train"]
        x_test, y_test = f["x_test"], f["y_test"]
    return (x_train, y_train), (x_test, y_test)
