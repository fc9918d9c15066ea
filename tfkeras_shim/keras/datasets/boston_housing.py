"""keras.datasets.boston_housing."""
import numpy as np

from ..utils.data_utils import get_file
from ._housing import check, split


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """((x_train, y_train), (x_test, y_test)): float64 (N, 13) features and (N,) prices."""
    check(test_split)
    path = get_file(path, origin="https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz",
                    file_hash="f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5")
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    return split(x, y, test_split, seed)
