"""keras.datasets loaders on the fake cache of shared/reference/datasets (offline; compared with
offline_loading.txt, what the real tf.keras loaders returned on the same files)."""
import importlib
import os
import shutil
import urllib.error

import numpy as np
import pytest

from tfkeras_shim.keras import datasets
from tfkeras_shim.keras.utils import data_utils

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "..", "..", "shared", "reference", "datasets")
if not os.path.isdir(REF):
    REF = "/work/shared/reference/datasets"
FAKE = os.path.join(REF, "fake_keras_home")
pytestmark = pytest.mark.skipif(not os.path.isdir(FAKE), reason="shared/reference/datasets not available")


@pytest.fixture
def home(tmp_path, monkeypatch):
    shutil.copytree(FAKE, tmp_path, dirs_exist_ok=True)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))

    def offline(url, *a, **k):
        raise urllib.error.URLError(OSError(-2, "Name or service not known"))
    monkeypatch.setattr(data_utils.urllib.request, "urlretrieve", offline)
    return tmp_path


@pytest.fixture
def no_hash(monkeypatch):
    real = data_utils.get_file

    def patched(*a, **k):
        k["file_hash"] = None
        return real(*a, **k)
    for name in ("mnist", "fashion_mnist", "cifar10", "imdb", "boston_housing"):
        monkeypatch.setattr(importlib.import_module(f"tfkeras_shim.keras.datasets.{name}"), "get_file", patched)


def desc(t):
    return "(%s)" % ", ".join(f"{getattr(a, 'shape', len(a))} {getattr(a, 'dtype', type(a).__name__)}" for a in t)


def reference_lines():
    return open(os.path.join(REF, "offline_loading.txt")).read()


@pytest.mark.covers("keras.datasets.mnist.load_data", "keras.datasets.fashion_mnist.load_data",
                    "keras.datasets.cifar10.load_data", "keras.datasets.imdb.load_data",
                    "keras.datasets.imdb.get_word_index", "keras.datasets.boston_housing.load_data")
def test_loaders_match_reference(home, no_hash):
    ref = reference_lines()
    (a, b), (c, d) = datasets.mnist.load_data()
    assert f"mnist.load_data():          train {desc((a, b))} test {desc((c, d))}" in ref
    (a, b), (c, d) = datasets.fashion_mnist.load_data()
    assert f"fashion_mnist.load_data():  train {desc((a, b))} test {desc((c, d))}" in ref
    (a, b), (c, d) = datasets.cifar10.load_data()
    assert f"cifar10.load_data():        train {desc((a, b))} test {desc((c, d))}" in ref
    assert a[0, 0, 0].tolist() == [1, 2, 3]
    assert sorted(os.listdir(home / "datasets" / "cifar-10-batches-py-target" / "cifar-10-batches-py")) == \
        ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"]
    (a, b), (c, d) = datasets.imdb.load_data()
    assert f"imdb.load_data():           train {desc((a, b))} test {desc((c, d))}" in ref
    assert a[0] == [1, 4, 10, 11, 12]
    assert datasets.imdb.get_word_index() == {"the": 1, "and": 2, "a": 3}
    (a, b), (c, d) = datasets.boston_housing.load_data()
    assert f"boston_housing.load_data(): train {desc((a, b))} test {desc((c, d))}" in ref


def test_fashion_mnist_has_no_pinned_hash(home):
    (a, b), _ = datasets.fashion_mnist.load_data()
    assert a.shape == (3, 28, 28)


@pytest.mark.covers("keras.datasets.imdb.load_data")
def test_imdb_arguments(home, no_hash):
    (a, b), (c, d) = datasets.imdb.load_data(num_words=12, skip_top=5, oov_char=2)
    assert a[0] == [2, 2, 10, 11, 2]
    (a, _), _ = datasets.imdb.load_data(start_char=None, index_from=0, oov_char=None)
    assert list(a) == [[1, 7, 8, 9], [1, 14], [1, 5]]  # the largest index (22) is dropped, as in tf.keras
    (a, b), _ = datasets.imdb.load_data(maxlen=4)
    assert all(len(x) < 4 for x in a)
    with pytest.raises(ValueError, match="no sequence was kept"):
        datasets.imdb.load_data(maxlen=1)
    (x1, _), _ = datasets.imdb.load_data(seed=1)
    (x2, _), _ = datasets.imdb.load_data(seed=1)
    assert list(x1) == list(x2)


def test_boston_arguments(home, no_hash):
    (a, b), (c, d) = datasets.boston_housing.load_data(test_split=0.5, seed=0)
    assert a.shape == (5, 13) and c.shape == (5, 13)
    x = np.load(home / "datasets" / "boston_housing.npz")["x"]
    idx = np.arange(10)
    np.random.RandomState(0).shuffle(idx)
    assert (a == x[idx[:5]]).all()
    with pytest.raises(ValueError, match="Invalid `test_split` argument"):
        datasets.boston_housing.load_data(test_split=1.0)


@pytest.mark.covers("keras.utils.get_file")
def test_hash_mismatch_offline_message(home, capsys):
    with pytest.raises(Exception) as e:
        datasets.mnist.load_data()
    out = capsys.readouterr().out
    ref = reference_lines()
    first = ref.split("(hash mismatch -> re-download attempt, offline)\n")[1].splitlines()
    assert out.splitlines()[0] == first[0]
    assert out.splitlines()[1] == first[1]
    msg = str(e.value)
    assert msg.startswith(first[2][len("Exception: "):])
    assert str(home / "datasets" / "mnist.npz") in msg  # names the cache path
    assert not (home / "datasets" / "mnist.npz").exists()  # like tf.keras, the stale file is gone


def test_missing_file_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(data_utils.urllib.request, "urlretrieve",
                        lambda *a, **k: (_ for _ in ()).throw(urllib.error.URLError("offline")))
    with pytest.raises(Exception, match="URL fetch failure on https://storage.googleapis.com/tensorflow/"
                                        "tf-keras-datasets/imdb.npz"):
        datasets.imdb.load_data()


def test_cifar_refuses_malicious_pickle(tmp_path, monkeypatch):
    import pickle
    from tfkeras_shim.keras.datasets.cifar import load_batch
    p = tmp_path / "bad"
    p.write_bytes(pickle.dumps(os.system))
    with pytest.raises(pickle.UnpicklingError, match="Refusing to deserialize"):
        load_batch(str(p))


def test_cifar100_label_mode():
    with pytest.raises(ValueError, match="`label_mode` must be one of"):
        datasets.cifar100.load_data(label_mode="x")


def test_reuters_and_names():
    assert len(datasets.reuters.get_label_names()) == 46
    assert set(dir(datasets)) >= {"mnist", "cifar10", "imdb", "reuters", "boston_housing"}
