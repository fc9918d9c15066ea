"""keras.datasets: the tf.keras loaders (same origins, cache layout under $KERAS_HOME/datasets,
file names, hashes, arguments and return values). Files are fetched with keras.utils.get_file."""
import importlib as _importlib

_NAMES = ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing",
          "california_housing")
__all__ = list(_NAMES)


def __getattr__(name):
    if name in _NAMES:
        m = _importlib.import_module(f"{__name__}.{name}")
        globals()[name] = m
        return m
    raise AttributeError(f"module 'keras.datasets' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_NAMES))
