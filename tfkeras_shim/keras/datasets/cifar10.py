"""keras.datasets.cifar10."""
import os

import numpy as np

from ..utils.data_utils import get_file
from .cifar import load_batch, _channels_last


def load_data():
    """((x_train, y_train), (x_test, y_test)): uint8 (50000, 32, 32, 3) / (50000, 1), test 10000."""
    path = get_file(fname="cifar-10-batches-py-target", origin="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                    extract=True, file_hash="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce")
    n = 50000
    x_train = np.empty((n, 3, 32, 32), dtype="uint8")
    y_train = np.empty((n,), dtype="uint8")
    path = os.path.join(path, "cifar-10-batches-py")
    for i in range(1, 6):
        x_train[(i - 1) * 10000:i * 10000], y_train[(i - 1) * 10000:i * 10000] = \
            load_batch(os.path.join(path, f"data_batch_{i}"))
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if _channels_last():
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    x_test = x_test.astype(x_train.dtype)
    y_test = y_test.astype(y_train.dtype)
    return (x_train, y_train), (x_test, y_test)
