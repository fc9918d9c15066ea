"""keras.utils data helpers: get_file, pad_sequences, *_dataset_from_*, PyDataset, split_dataset
(expected values checked against tf.keras 3.15 / TF 2.21)."""
import hashlib
import io
import os
import tarfile
import urllib.error
import zipfile

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras.utils import data_utils as du


def _offline(monkeypatch):
    def fail(url, *a, **k):
        raise urllib.error.URLError("offline")
    monkeypatch.setattr(du.urllib.request, "urlretrieve", fail)


@pytest.mark.covers("keras.utils.pad_sequences", "keras.preprocessing.sequence.pad_sequences")
def test_pad_sequences():
    r = du.pad_sequences([[1, 2, 3], [4, 5], [6]])
    assert r.dtype == np.int32 and r.tolist() == [[1, 2, 3], [0, 4, 5], [0, 0, 6]]
    r = du.pad_sequences([[1, 2, 3], [4, 5], [6]], maxlen=2, padding="post", truncating="post", value=-1)
    assert r.tolist() == [[1, 2], [4, 5], [6, -1]]
    r = du.pad_sequences([[1.5, 2]], dtype="float32", maxlen=4)
    assert r.dtype == np.float32 and r.tolist() == [[0, 0, 1.5, 2]]
    assert du.pad_sequences([[], [1]]).tolist() == [[0], [1]]
    assert du.pad_sequences([np.ones((2, 3)), np.ones((1, 3))]).shape == (2, 2, 3)
    assert du.pad_sequences([[1, 2, 3]], maxlen=2).tolist() == [[2, 3]]  # truncating='pre'
    with pytest.raises(ValueError, match='Padding type "mid" not understood'):
        du.pad_sequences([[1]], padding="mid")
    with pytest.raises(ValueError, match="is not compatible with `value`'s type"):
        du.pad_sequences([["a"]], value="x")
    with pytest.raises(ValueError):
        du.pad_sequences([])


@pytest.mark.covers("keras.utils.timeseries_dataset_from_array")
def test_timeseries_dataset_from_array():
    data = np.arange(20).reshape(10, 2).astype(np.float64)
    ds = du.timeseries_dataset_from_array(data, np.arange(10), sequence_length=3, batch_size=4)
    got = [(a.numpy().tolist(), b.numpy().tolist()) for a, b in ds]
    assert got[0][1] == [0, 1, 2, 3] and got[1][1] == [4, 5, 6, 7] and len(got) == 2
    assert got[0][0][1] == [[2.0, 3.0], [4.0, 5.0], [6.0, 7.0]]
    spec = ds.element_spec
    assert repr(spec[0]) == "TensorSpec(shape=(None, None, 2), dtype=tf.float64, name=None)"
    assert repr(spec[1]) == "TensorSpec(shape=(None,), dtype=tf.int64, name=None)"
    assert int(ds.cardinality()) == 2
    r = [a.numpy().tolist() for a in du.timeseries_dataset_from_array(
        data, None, sequence_length=4, sequence_stride=3, sampling_rate=2, batch_size=2)]
    assert r == [[[[0.0, 1.0], [4.0, 5.0], [8.0, 9.0], [12.0, 13.0]], [[6.0, 7.0], [10.0, 11.0], [14.0, 15.0],
                                                                      [18.0, 19.0]]]]
    r = [a.numpy().tolist() for a in du.timeseries_dataset_from_array(np.arange(10), None, sequence_length=3,
                                                                      start_index=2, end_index=8, batch_size=10)]
    assert r == [[[2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7]]]
    s = [a.numpy().tolist() for a in du.timeseries_dataset_from_array(np.arange(10), None, sequence_length=2,
                                                                      shuffle=True, seed=3, batch_size=10)][0]
    assert sorted(s) == [[i, i + 1] for i in range(9)]


def _text_tree(tmp_path):
    for c, texts in (("neg", ["bad", "awful"]), ("pos", ["good", "great", "fine"])):
        (tmp_path / c).mkdir()
        for i, t in enumerate(texts):
            (tmp_path / c / f"{i}.txt").write_text(t)
    return str(tmp_path)


@pytest.mark.covers("keras.utils.text_dataset_from_directory")
def test_text_dataset_from_directory(tmp_path, capsys):
    d = _text_tree(tmp_path)
    ds = du.text_dataset_from_directory(d, batch_size=2, shuffle=False)
    assert capsys.readouterr().out == "Found 5 files belonging to 2 classes.\n"
    got = [(a.numpy().tolist(), b.numpy().tolist()) for a, b in ds]
    assert got == [([b"bad", b"awful"], [0, 0]), ([b"good", b"great"], [1, 1]), ([b"fine"], [1])]
    assert repr(ds.element_spec) == ("(TensorSpec(shape=(None,), dtype=tf.string, name=None), "
                                     "TensorSpec(shape=(None,), dtype=tf.int32, name=None))")
    assert ds.class_names == ["neg", "pos"] and int(ds.cardinality()) == 3
    b = [y.numpy().tolist() for _, y in du.text_dataset_from_directory(d, batch_size=5, shuffle=False,
                                                                       label_mode="binary")]
    assert b == [[[0.0], [0.0], [1.0], [1.0], [1.0]]]
    c = [y.numpy().tolist() for _, y in du.text_dataset_from_directory(d, batch_size=5, shuffle=False,
                                                                       label_mode="categorical")]
    assert c == [[[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]]
    tr, va = du.text_dataset_from_directory(d, batch_size=5, validation_split=0.4, subset="both", seed=1)
    assert "Using 3 files for training.\nUsing 2 files for validation." in capsys.readouterr().out
    assert len(list(tr.unbatch())) == 3 and len(list(va.unbatch())) == 2
    with pytest.raises(ValueError, match="you must provide a `seed`"):
        du.text_dataset_from_directory(d, validation_split=0.2, subset="training")


@pytest.mark.covers("keras.utils.image_dataset_from_directory", "tf.io.decode_png", "tf.io.encode_png",
                    "tf.io.decode_image", "tf.io.decode_jpeg")
def test_image_codecs_and_directory(tmp_path, capsys):
    pytest.importorskip("PIL")
    img = tf.constant(np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3))
    png = tf.io.encode_png(img)
    assert png.dtype == tf.string
    assert tf.io.decode_png(png).numpy().tolist() == img.numpy().tolist()
    assert tf.io.decode_png(png, channels=4).shape == (2, 3, 4)
    assert tf.io.decode_image(png, dtype=tf.float32).numpy()[0, 0].tolist() == pytest.approx([0.0, 1 / 255, 2 / 255])
    jpg = tf.io.encode_jpeg(img)
    assert tf.io.decode_jpeg(jpg).shape == (2, 3, 3) and bool(tf.io.is_jpeg(jpg))
    assert tf.io.decode_png(jpg).shape == (2, 3, 3)  # like TF, any format decodes
    with pytest.raises(tf.errors.InvalidArgumentError, match="Unknown image file format"):
        tf.io.decode_png(b"xx")
    for cls in ("a", "b"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            tf.io.write_file(str(tmp_path / cls / f"{i}.png"), tf.io.encode_png(
                tf.constant(np.full((4, 6, 3), 40 * i + (100 if cls == "b" else 0), np.uint8))))
    ds = du.image_dataset_from_directory(str(tmp_path), image_size=(2, 3), batch_size=3, shuffle=False)
    assert capsys.readouterr().out == "Found 4 files belonging to 2 classes.\n"
    x, y = next(iter(ds))
    assert x.shape == (3, 2, 3, 3) and x.dtype == tf.float32 and y.numpy().tolist() == [0, 0, 1]
    assert x.numpy()[2, 0, 0].tolist() == [100.0, 100.0, 100.0]
    assert ds.class_names == ["a", "b"]


@pytest.mark.covers("keras.utils.PyDataset", "keras.utils.Sequence")
def test_pydataset():
    class Seq(du.PyDataset):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.ended = 0

        def __len__(self):
            return 3

        def __getitem__(self, i):
            return np.full((2, 1), i), np.full((2,), i)

        def on_epoch_end(self):
            self.ended += 1
    s = Seq(workers=2)
    assert len(s) == 3 and s.num_batches == 3 and s.workers == 2 and not s.use_multiprocessing
    assert [b[1].tolist() for b in s] == [[0, 0], [1, 1], [2, 2]]
    s.on_epoch_end()
    assert s.ended == 1 and du.Sequence is du.PyDataset


def test_split_dataset():
    left, right = du.split_dataset(np.arange(10), left_size=0.8)
    assert len(left) == 8 and len(right) == 2
    assert [int(v) for v in right] == [8, 9]
    left, right = du.split_dataset((np.arange(6), np.arange(6) * 2), right_size=2, shuffle=True, seed=1)
    assert len(left) == 4 and all(int(b) == 2 * int(a) for a, b in left)
    l2, r2 = du.split_dataset(tf.data.Dataset.range(5), left_size=2)
    assert [int(v) for v in l2] == [0, 1] and len(r2) == 3


@pytest.mark.covers("keras.utils.get_file")
def test_get_file_cache_hash_extract(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    src = tmp_path / "src.txt"
    src.write_bytes(b"hello")
    url = "file://" + str(src)
    p = du.get_file("x.txt", origin=url, file_hash=hashlib.sha256(b"hello").hexdigest())
    assert p == str(tmp_path / "home" / "datasets" / "x.txt") and open(p, "rb").read() == b"hello"
    assert capsys.readouterr().out.startswith("Downloading data from file://")
    _offline(monkeypatch)
    assert du.get_file("x.txt", origin=url, md5_hash=hashlib.md5(b"hello").hexdigest()) == p  # cached, no network
    with pytest.raises(Exception, match="URL fetch failure on file://.*cache directory"):
        du.get_file("x.txt", origin=url, file_hash="0" * 64)
    assert not os.path.exists(p)
    capsys.readouterr()
    monkeypatch.undo()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    with pytest.raises(ValueError, match="Incomplete or corrupted file detected"):
        du.get_file("y.txt", origin=url, file_hash="0" * 64)
    with pytest.raises(ValueError, match="Paths are no longer accepted"):
        du.get_file("a/b.txt", origin=url)
    with pytest.raises(ValueError, match='Please specify the "origin" argument'):
        du.get_file("a.txt")
    # archives: <fname>_archive + extraction directory; unsafe members are skipped
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name in ("d/a.txt", "../evil.txt"):
            ti = tarfile.TarInfo(name)
            ti.size = 1
            t.addfile(ti, io.BytesIO(b"x"))
    arc = tmp_path / "arc.tar.gz"
    arc.write_bytes(buf.getvalue())
    with pytest.warns(UserWarning, match="Skipping invalid path"):
        out = du.get_file("mydata", origin="file://" + str(arc), extract=True)
    assert out == str(tmp_path / "home" / "datasets" / "mydata")
    assert os.path.exists(os.path.join(out, "d", "a.txt"))
    assert os.path.exists(str(tmp_path / "home" / "datasets" / "mydata_archive"))
    assert not os.path.exists(tmp_path / "home" / "datasets" / "evil.txt")
    zp = tmp_path / "z.zip"
    with zipfile.ZipFile(zp, "w") as z:
        z.writestr("inner/f.txt", "zz")
    out = du.get_file(origin="file://" + str(zp), extract=True)
    assert open(os.path.join(out, "inner", "f.txt")).read() == "zz" and out.endswith("z.zip")
    assert du.hash_file(str(src), "md5") == hashlib.md5(b"hello").hexdigest()
    assert du.validate_file(str(src), hashlib.sha256(b"hello").hexdigest())


@pytest.mark.covers("tf.io.read_file", "tf.io.write_file", "tf.io.gfile.GFile", "tf.io.gfile.exists",
                    "tf.io.gfile.glob", "tf.io.gfile.makedirs", "tf.io.gfile.listdir", "tf.io.gfile.isdir",
                    "tf.io.gfile.remove", "tf.io.gfile.rmtree", "tf.io.gfile.copy", "tf.io.gfile.rename")
def test_io_files(tmp_path):
    g = tf.io.gfile
    d = str(tmp_path)
    g.makedirs(d + "/a/b")
    with g.GFile(d + "/a/f.txt", "w") as f:
        f.write("hi\nthere\n")
    assert sorted(g.listdir(d + "/a")) == ["b", "f.txt"] and g.isdir(d + "/a") and not g.isdir(d + "/zz")
    assert g.glob(d + "/a/*") == [d + "/a/b", d + "/a/f.txt"]
    assert g.GFile(d + "/a/f.txt").read() == "hi\nthere\n" and g.GFile(d + "/a/f.txt", "rb").read() == b"hi\nthere\n"
    assert list(g.GFile(d + "/a/f.txt")) == ["hi\n", "there\n"] and g.GFile(d + "/a/f.txt").size() == 9
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        g.GFile(d + "/zz").read()
    with pytest.raises(tf.errors.NotFoundError, match="Could not find directory"):
        g.listdir(d + "/zz")
    g.copy(d + "/a/f.txt", d + "/c.txt")
    with pytest.raises(tf.errors.AlreadyExistsError, match="file already exists"):
        g.copy(d + "/a/f.txt", d + "/c.txt")
    g.rename(d + "/c.txt", d + "/e.txt")
    assert g.exists(d + "/e.txt") and not g.exists(d + "/c.txt") and g.stat(d + "/e.txt").length == 9
    with pytest.raises(tf.errors.NotFoundError):
        g.remove(d + "/zz")
    with pytest.raises(tf.errors.NotFoundError, match="not found"):
        g.rmtree(d + "/zz")
    g.rmtree(d + "/a")
    assert not g.exists(d + "/a")
    tf.io.write_file(d + "/new/x.bin", "abc")
    t = tf.io.read_file(d + "/new/x.bin")
    assert t.dtype == tf.string and t.numpy() == b"abc"
    with pytest.raises(tf.errors.NotFoundError, match=r"\[Op:ReadFile\]"):
        tf.io.read_file(d + "/missing")
    assert tf.io.decode_raw(b"\x01\x00\x02\x00", tf.int16).numpy().tolist() == [1, 2]
    assert tf.io.encode_base64(b"hello?>").numpy() == b"aGVsbG8_Pg"
    assert tf.io.decode_base64(tf.io.encode_base64(b"hello?>")).numpy() == b"hello?>"
    assert tf.io.matching_files(d + "/*.txt").numpy().tolist() == [(d + "/e.txt").encode()]
