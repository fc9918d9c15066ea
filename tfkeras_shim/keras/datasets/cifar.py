"""Reading one CIFAR batch file (a pickled dict) with the restricted unpickler."""
from ._safe_pickle import load_pickle


def load_batch(fpath, label_key="labels"):
    """(data uint8 [N, 3, 32, 32], labels list) of a CIFAR batch file."""
    with open(fpath, "rb") as f:
        d = load_pickle(f, encoding="bytes")
    d = {(k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in d.items()}
    data = d["data"]
    labels = d[label_key]
    return data.reshape(data.shape[0], 3, 32, 32), labels


def _channels_last():
    try:
        from .. import backend
        return backend.image_data_format() == "channels_last"
    except (ImportError, AttributeError):
        return True
