"""Safe loading (no pickle, no bytecode in safe mode, hostile archives and HDF5 files refused with
clear errors) and crash-safe saving (an interrupted save leaves the previous file intact)."""
import io
import os
import pickle
import sys
import zipfile

import h5py
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.keras.saving import saving_lib, serialization_lib

from . import _util

pytestmark = pytest.mark.filterwarnings("ignore:You are saving your model as an HDF5 file")


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


def _model():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d")], name="m")


def _rewrite_zip(src, dst, replace=None, extra=None, compress=None):
    """Copy a zip, replacing members' bytes and adding members."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data,
                          compress_type=(compress or {}).get(info.filename, zipfile.ZIP_STORED))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)


@pytest.fixture
def no_pickle(monkeypatch):
    """Any use of pickle / torch.load / marshal fails the test."""
    def boom(*a, **k):
        raise AssertionError("pickle/marshal used on a load path")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, boom)
    monkeypatch.setattr(torch, "load", boom)
    # the only bytecode decoder of the saving code (Python's own imports keep theirs)
    monkeypatch.setattr(serialization_lib, "marshal", type("NoMarshal", (), {"loads": staticmethod(boom)}))


@pytest.mark.covers("tf.keras.models.load_model", "tf.keras.Model.load_weights", "tf.train.Checkpoint.restore")
def test_no_pickle_on_any_load_path(no_pickle, tmp_path):
    x = np.load(_util.fx("interop_x.npy"))
    ref = np.load(_util.fx("interop_pred.npy"))
    assert _util.max_diff(keras.models.load_model(_util.fx("model.keras"))(x), ref) < 1e-5
    assert _util.max_diff(keras.models.load_model(_util.fx("model_legacy.h5"))(x), ref) < 1e-5
    m = _util.interop_model(keras)
    m.load_weights(_util.fx("model.weights.h5"))
    ck = tf.train.Checkpoint(model=m)
    path = ck.save(str(tmp_path / "ckpt"))
    tf.train.Checkpoint(model=_util.interop_model(keras)).restore(path).assert_existing_objects_matched()
    m.export(str(tmp_path / "exp"), verbose=False)
    assert _util.max_diff(tf.saved_model.load(str(tmp_path / "exp")).serve(x), ref) < 1e-5
    with pytest.raises(ValueError, match="safe_mode=False"):  # refused before any bytecode is read
        keras.models.load_model(_util.fx("lambda_model.keras"))


@pytest.mark.covers("keras.saving.deserialize_keras_object", "tf.keras.models.load_model",
                    "keras.config.enable_unsafe_deserialization")
def test_lambdas_need_unsafe_mode(tmp_path):
    lam = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda t: t + 1.0, name="inc")])
    lam.save(tmp_path / "l.keras")
    with pytest.raises(ValueError, match="Requested the deserialization of a `Lambda` layer"):
        keras.models.load_model(tmp_path / "l.keras")
    m = keras.models.load_model(tmp_path / "l.keras", safe_mode=False)
    assert m(np.zeros((1, 2), "float32")).numpy().tolist() == [[1.0, 1.0]]
    with pytest.warns(UserWarning, match="lambda"):
        cfg = keras.saving.serialize_keras_object(lambda v: v * 3)
    with pytest.raises(ValueError, match="Requested the deserialization of a Python lambda"):
        keras.saving.deserialize_keras_object(cfg)
    assert keras.saving.deserialize_keras_object(cfg, safe_mode=False)(2) == 6
    keras.saving.enable_unsafe_deserialization()
    try:
        assert keras.models.load_model(tmp_path / "l.keras") is not None
    finally:
        serialization_lib._SAFE_MODE[0] = None
    keras.config.enable_unsafe_deserialization()
    try:
        assert keras.models.load_model(tmp_path / "l.keras") is not None
    finally:
        keras.config._unsafe_deserialization = False
    with pytest.raises(ValueError, match="safe_mode=False"):
        keras.models.load_model(tmp_path / "l.keras")


@pytest.mark.covers("keras.saving.deserialize_keras_object")
def test_configs_cannot_import_or_call_arbitrary_code():
    before = set(sys.modules)
    with pytest.raises(TypeError, match="Could not locate class 'Popen'"):
        keras.saving.deserialize_keras_object({"module": "subprocess", "class_name": "Popen",
                                               "config": {"args": ["true"]}, "registered_name": None})
    with pytest.raises(TypeError, match="Could not locate function 'system'"):
        keras.saving.deserialize_keras_object({"module": "os", "class_name": "function",
                                               "config": "system", "registered_name": None})
    with pytest.raises(TypeError):
        keras.saving.deserialize_keras_object({"module": "shim_evil_never_imported", "class_name": "X",
                                               "config": {}, "registered_name": None})
    assert "shim_evil_never_imported" not in sys.modules and set(sys.modules) - before <= {"subprocess", "os"}
    with pytest.raises(ValueError, match="not a modeling function"):
        keras.saving.deserialize_keras_object({"module": "keras.models", "class_name": "function",
                                               "config": "load_model", "registered_name": None})


@pytest.mark.covers("tf.keras.models.load_model")
@pytest.mark.parametrize("member", ["../evil.txt", "/abs/evil.txt", "assets/../../evil.txt",
                                    "..\\evil.txt"])
def test_zip_path_traversal_refused(tmp_path, member):
    _model().save(tmp_path / "ok.keras")
    _rewrite_zip(tmp_path / "ok.keras", tmp_path / "bad.keras", extra={member: b"x"})
    with pytest.raises(ValueError, match="path traversal"):
        keras.models.load_model(tmp_path / "bad.keras")
    with pytest.raises(ValueError, match="path traversal"):
        _model().load_weights(tmp_path / "bad.keras")


@pytest.mark.covers("tf.keras.models.load_model")
def test_decompression_bomb_refused(tmp_path, monkeypatch):
    _model().save(tmp_path / "ok.keras")
    with zipfile.ZipFile(tmp_path / "ok.keras") as z:
        cfg = z.read("config.json")
    padded = cfg + b" " * (4 << 20)  # 4 MiB of spaces: deflates ~1000:1
    _rewrite_zip(tmp_path / "ok.keras", tmp_path / "bomb.keras", replace={"config.json": padded},
                 compress={"config.json": zipfile.ZIP_DEFLATED})
    assert os.path.getsize(tmp_path / "bomb.keras") < (1 << 20)
    monkeypatch.setattr(saving_lib, "ZIP_MEMBER_BOMB_FLOOR_BYTES", 1 << 20)
    with pytest.raises(ValueError, match="decompression bomb"):
        keras.models.load_model(tmp_path / "bomb.keras")
    monkeypatch.setattr(saving_lib, "ZIP_MEMBER_BOMB_FLOOR_BYTES", 1 << 30)
    monkeypatch.setattr(saving_lib, "JSON_MEMBER_MAX_BYTES", 1 << 20)
    with pytest.raises(ValueError, match="decompression bomb"):
        keras.models.load_model(tmp_path / "bomb.keras")
    monkeypatch.setattr(saving_lib, "JSON_MEMBER_MAX_BYTES", 256 << 20)
    assert keras.models.load_model(tmp_path / "bomb.keras") is not None  # a plain big config loads


def _weights_copy(tmp_path, edit):
    m = _model()
    m.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "a") as f:
        edit(f)
    return m


@pytest.mark.covers("tf.keras.Model.load_weights")
def test_hdf5_links_refused(tmp_path):
    with h5py.File(tmp_path / "other.h5", "w") as o:
        o["data"] = np.ones((3, 2), "float32")

    def external(f):
        del f["layers/dense/vars/0"]
        f["layers/dense/vars/0"] = h5py.ExternalLink(str(tmp_path / "other.h5"), "/data")

    m = _weights_copy(tmp_path, external)
    with pytest.raises(ValueError, match="Not allowed: H5 file with ExternalLink"):
        m.load_weights(tmp_path / "w.weights.h5")

    def soft(f):
        f["layers/dense/vars"].move("1", "bias")
        f["layers/dense/vars/1"] = h5py.SoftLink("/layers/dense/vars/bias")

    m = _weights_copy(tmp_path, soft)
    with pytest.raises(ValueError, match="Not allowed: H5 file with SoftLink"):
        m.load_weights(tmp_path / "w.weights.h5")
    # the same weights file inside a .keras archive
    m.save(tmp_path / "m.keras")
    with open(tmp_path / "w.weights.h5", "rb") as f:
        bad = f.read()
    _rewrite_zip(tmp_path / "m.keras", tmp_path / "bad.keras", replace={"model.weights.h5": bad})
    with pytest.raises(ValueError, match="SoftLink"):
        keras.models.load_model(tmp_path / "bad.keras")
    # and in a legacy .h5 model file
    m.save(tmp_path / "legacy.h5")
    with h5py.File(tmp_path / "legacy.h5", "a") as f:
        f["model_weights/link"] = h5py.SoftLink("/model_weights/d")
    with pytest.raises(ValueError, match="SoftLink"):
        keras.models.load_model(tmp_path / "legacy.h5")


@pytest.mark.covers("tf.keras.Model.load_weights", "tf.keras.models.load_model")
def test_shape_bomb_and_external_dataset_refused(tmp_path):
    def bomb(f):
        del f["layers/dense/vars/0"]
        # declares 16 GiB, stores nothing (chunked, never written)
        f["layers/dense/vars"].create_dataset("0", shape=(1 << 16, 1 << 16), dtype="float32",
                                              chunks=(64, 64), compression="gzip")

    m = _weights_copy(tmp_path, bomb)
    with pytest.raises(ValueError, match="shape bomb"):
        m.load_weights(tmp_path / "w.weights.h5")

    raw = tmp_path / "raw.bin"
    np.ones((3, 2), "float32").tofile(raw)

    def external(f):
        del f["layers/dense/vars/0"]
        f["layers/dense/vars"].create_dataset("0", shape=(3, 2), dtype="float32",
                                              external=[(str(raw), 0, h5py.h5f.UNLIMITED)])

    m = _weights_copy(tmp_path, external)
    with pytest.raises(ValueError, match="external Dataset"):
        m.load_weights(tmp_path / "w.weights.h5")


@pytest.mark.covers("tf.train.Checkpoint.restore")
def test_checkpoint_object_arrays_refused(tmp_path):
    v = tf.Variable([1.0, 2.0])
    path = tf.train.Checkpoint(v=v).write(str(tmp_path / "c"))
    buf = io.BytesIO()
    np.savez(buf, t0=np.array([{"a": 1}], dtype=object))
    with open(path + ".data-00000-of-00001", "wb") as f:
        f.write(buf.getvalue())
    with pytest.raises(ValueError, match="allow_pickle"):
        tf.train.Checkpoint(v=v).read(path)


# ---------------------------------------------------------------------------------------------
# interrupted saves

def _snapshot(d):
    return {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))}


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.Model.save_weights")
def test_interrupted_save_keeps_previous_file(tmp_path, monkeypatch):
    m = _model()
    m.save(tmp_path / "m.keras")
    m.save_weights(tmp_path / "m.weights.h5")
    m.save(tmp_path / "m.h5")
    before = _snapshot(tmp_path)
    m.get_layer("d").kernel.assign(np.zeros((3, 2), "float32"))

    real_writestr = zipfile.ZipFile.writestr

    def failing_writestr(self, name, data, *a, **k):
        if name == "model.weights.h5":
            real_writestr(self, name, data[: len(data) // 2], *a, **k)
            raise OSError("disk full (simulated)")
        return real_writestr(self, name, data, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(OSError, match="simulated"):
        m.save(tmp_path / "m.keras")
    monkeypatch.undo()

    real_setitem = saving_lib.H5IOStore.__setitem__
    calls = []

    def failing_setitem(self, key, value):
        calls.append(key)
        if len(calls) == 2:
            raise OSError("killed (simulated)")
        return real_setitem(self, key, value)

    monkeypatch.setattr(saving_lib.H5IOStore, "__setitem__", failing_setitem)
    with pytest.raises(OSError, match="simulated"):
        m.save_weights(tmp_path / "m.weights.h5")
    monkeypatch.undo()

    import tfkeras_shim.keras.saving.legacy_h5_format as legacy
    monkeypatch.setattr(legacy, "save_weights_to_hdf5_group",
                        lambda *a: (_ for _ in ()).throw(OSError("crash (simulated)")))
    with pytest.raises(OSError, match="simulated"):
        m.save(tmp_path / "m.h5")
    monkeypatch.undo()

    # the previous files are intact and no temporary file was left behind
    assert _snapshot(tmp_path) == before
    back = keras.models.load_model(tmp_path / "m.keras")
    assert not np.allclose(back.get_layer("d").kernel.numpy(), 0.0)


@pytest.mark.covers("tf.train.Checkpoint.save", "tf.train.CheckpointManager.save")
def test_interrupted_checkpoint_write_keeps_previous(tmp_path, monkeypatch):
    v = tf.Variable([1.0, 2.0])
    ck = tf.train.Checkpoint(v=v)
    path = ck.write(str(tmp_path / "c"))
    before = _snapshot(tmp_path)
    v.assign([5.0, 6.0])

    def failing_savez(*a, **k):
        raise OSError("crash (simulated)")

    monkeypatch.setattr(np, "savez", failing_savez)
    with pytest.raises(OSError, match="simulated"):
        ck.write(path)
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before
    ck.read(path).assert_consumed()
    assert v.numpy().tolist() == [1.0, 2.0]


@pytest.mark.covers("tf.keras.models.load_model")
def test_tf_checkpoint_and_savedmodel_give_clear_errors(tmp_path):
    with pytest.raises(tf.errors.UnimplementedError, match="needs TensorFlow"):
        tf.train.Checkpoint(v=tf.Variable(1.0)).restore(_util.fx("tf_checkpoint/ckpt-1"))
    with pytest.raises(tf.errors.UnimplementedError, match="TensorBundle"):
        tf.train.list_variables(_util.fx("tf_checkpoint"))
    d = tmp_path / "sm"
    d.mkdir()
    (d / "saved_model.pb").write_bytes(b"\x08\x01")
    with pytest.raises(ValueError, match="needs TensorFlow"):
        tf.saved_model.load(str(d))
    with pytest.raises(ValueError, match="SavedModel"):
        keras.models.load_model(str(d))
