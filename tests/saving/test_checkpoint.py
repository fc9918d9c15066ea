"""tf.train.Checkpoint / CheckpointManager / latest_checkpoint in this project's own format, with
TF's file names and state file, numbering, statuses and deferred restoration."""
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim import keras

from . import _util


@pytest.fixture(autouse=True)
def _fresh():
    keras.backend.clear_session()


@pytest.mark.covers("tf.train.Checkpoint", "tf.train.Checkpoint.save", "tf.train.Checkpoint.write",
                    "tf.train.Checkpoint.restore", "tf.train.Checkpoint.read", "tf.train.latest_checkpoint")
def test_save_numbering_files_and_state(tmp_path):
    v = tf.Variable(1.0)
    ck = tf.train.Checkpoint(v=v)
    prefix = str(tmp_path / "a" / "ckpt")
    assert ck.save(prefix) == prefix + "-1"
    assert ck.save(prefix) == prefix + "-2"
    assert sorted(os.listdir(tmp_path / "a")) == [
        "checkpoint", "ckpt-1.data-00000-of-00001", "ckpt-1.index", "ckpt-2.data-00000-of-00001",
        "ckpt-2.index"]
    assert open(tmp_path / "a" / "checkpoint").read() == \
        'model_checkpoint_path: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-2"\n'
    assert tf.train.latest_checkpoint(str(tmp_path / "a")) == prefix + "-2"
    assert tf.train.latest_checkpoint(str(tmp_path / "none")) is None
    assert int(ck.save_counter.numpy()) == 2 and ck.save_counter.dtype == tf.int64
    w = ck.write(str(tmp_path / "b" / "w"))
    assert w == str(tmp_path / "b" / "w")
    assert sorted(os.listdir(tmp_path / "b")) == ["w.data-00000-of-00001", "w.index"]
    v.assign(5.0)
    ck2 = tf.train.Checkpoint(v=tf.Variable(0.0))
    ck2.restore(prefix + "-1").assert_consumed()
    assert float(ck2.v.numpy()) == 1.0 and int(ck2.save_counter.numpy()) == 1
    assert ck2.save(prefix) == prefix + "-2"  # numbering continues from the restored counter
    ck3 = tf.train.Checkpoint(v=tf.Variable(0.0))
    ck3.read(w).assert_consumed()
    assert float(ck3.v.numpy()) == 1.0
    ck3.restore(str(tmp_path / "a"))  # a directory: its latest checkpoint
    assert float(ck3.v.numpy()) == 1.0


@pytest.mark.covers("tf.train.Checkpoint.restore")
def test_statuses_and_errors(tmp_path):
    ck = tf.train.Checkpoint(v=tf.Variable(1.0), x=tf.Variable([1.0, 2.0]))
    p = ck.save(str(tmp_path / "ckpt"))
    st = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(p)
    with pytest.raises(AssertionError, match="Unresolved object in checkpoint"):
        st.assert_consumed()
    st.assert_existing_objects_matched()
    st.assert_nontrivial_match()
    assert st.expect_partial() is st
    st = tf.train.Checkpoint(w=tf.Variable(0.0)).restore(p)
    with pytest.raises(AssertionError, match="Found 1 Python objects that were not bound to checkpointed values"):
        st.assert_existing_objects_matched()
    with pytest.raises(ValueError, match=r"incompatible tensor with shape \(\)"):
        tf.train.Checkpoint(v=tf.Variable([0.0, 0.0])).restore(p)
    with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files"):
        tf.train.Checkpoint(v=tf.Variable(0.0)).restore(str(tmp_path / "nope-3"))
    with pytest.raises(ValueError, match="was expecting v to be a trackable object"):
        tf.train.Checkpoint(v=5)
    init = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(None)
    with pytest.raises(AssertionError, match="No checkpoint specified"):
        init.assert_consumed()
    init.expect_partial()


@pytest.mark.covers("tf.train.CheckpointManager", "tf.train.CheckpointManager.save",
                    "tf.train.CheckpointManager.latest_checkpoint", "tf.train.CheckpointManager.checkpoints",
                    "tf.train.get_checkpoint_state")
def test_manager_keeps_max_to_keep(tmp_path):
    ck = tf.train.Checkpoint(v=tf.Variable(1.0))
    ck.save(str(tmp_path / "x" / "ckpt"))
    ck.save(str(tmp_path / "x" / "ckpt"))
    d = str(tmp_path / "m")
    m = tf.train.CheckpointManager(ck, d, max_to_keep=2)
    assert m.latest_checkpoint is None and m.checkpoints == []
    assert [m.save() for _ in range(4)] == [os.path.join(d, f"ckpt-{i}") for i in (3, 4, 5, 6)]
    assert m.save(checkpoint_number=10) == os.path.join(d, "ckpt-10")
    assert m.checkpoints == [os.path.join(d, "ckpt-6"), os.path.join(d, "ckpt-10")]
    assert m.latest_checkpoint == tf.train.latest_checkpoint(d) == os.path.join(d, "ckpt-10")
    assert int(ck.save_counter.numpy()) == 7
    assert sorted(os.listdir(d)) == ["checkpoint", "ckpt-10.data-00000-of-00001", "ckpt-10.index",
                                     "ckpt-6.data-00000-of-00001", "ckpt-6.index"]
    lines = open(os.path.join(d, "checkpoint")).read().splitlines()
    assert lines[:3] == ['model_checkpoint_path: "ckpt-10"', 'all_model_checkpoint_paths: "ckpt-6"',
                         'all_model_checkpoint_paths: "ckpt-10"']
    assert [l.split(":")[0] for l in lines[3:]] == ["all_model_checkpoint_timestamps"] * 2 + ["last_preserved_timestamp"]
    st = tf.train.get_checkpoint_state(d)
    assert st.model_checkpoint_path == os.path.join(d, "ckpt-10")
    assert st.all_model_checkpoint_paths == m.checkpoints
    # a new manager on the same directory recovers the list
    assert tf.train.CheckpointManager(ck, d, max_to_keep=2).checkpoints == m.checkpoints
    m3 = tf.train.CheckpointManager(ck, str(tmp_path / "named"), max_to_keep=None, checkpoint_name="model")
    assert os.path.basename(m3.save()) == "model-8"


@pytest.mark.covers("tf.train.list_variables", "tf.train.load_variable", "tf.train.load_checkpoint")
def test_readers(tmp_path):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d")])
    ck = tf.train.Checkpoint(step=tf.Variable(7), model=m)
    p = ck.save(str(tmp_path / "ckpt"))
    names = dict(tf.train.list_variables(str(tmp_path)))
    assert names == {"model/layers/dense/vars/0": [3, 2], "model/layers/dense/vars/1": [2],
                     "save_counter": [], "step": []}
    assert tf.train.load_variable(p, "step") == 7
    r = tf.train.load_checkpoint(p)
    assert np.array_equal(r.get_tensor("model/layers/dense/vars/0"), m.get_layer("d").kernel.numpy())
    assert r.get_variable_to_dtype_map()["step"] == tf.int32 and r.has_tensor("save_counter")


def _net_cls():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.l1 = keras.layers.Dense(5)
            self.l2 = keras.layers.Dense(1)

        def call(self, x):
            return self.l2(self.l1(x))
    return Net


def _train_step(net, opt, x):
    with tf.GradientTape() as t:
        loss = tf.reduce_sum(net(x) ** 2)
    grads = t.gradient(loss, net.trainable_variables)
    opt.apply_gradients(zip(grads, net.trainable_variables))


@pytest.mark.covers("tf.train.Checkpoint", "tf.train.CheckpointManager.restore_or_initialize")
def test_model_and_optimizer_resume_identically(tmp_path):
    """The checkpoint guide's loop: a custom training loop with Checkpoint(step, optimizer, net)
    restored before the model and the optimizer are built (deferred restoration)."""
    Net = _net_cls()
    x = np.random.RandomState(0).rand(4, 2).astype("float32")
    net, opt = Net(), keras.optimizers.Adam(0.1)
    ck = tf.train.Checkpoint(step=tf.Variable(1), optimizer=opt, net=net)
    manager = tf.train.CheckpointManager(ck, str(tmp_path), max_to_keep=3)
    assert manager.restore_or_initialize() is None
    for _ in range(3):
        _train_step(net, opt, x)
        ck.step.assign_add(1)
    manager.save()
    for _ in range(2):  # the uninterrupted run continues
        _train_step(net, opt, x)
    net2, opt2 = Net(), keras.optimizers.Adam(0.1)
    ck2 = tf.train.Checkpoint(step=tf.Variable(1), optimizer=opt2, net=net2)
    status = ck2.restore(tf.train.CheckpointManager(ck2, str(tmp_path), max_to_keep=3).latest_checkpoint)
    status.assert_existing_objects_matched()
    with pytest.raises(AssertionError, match="not assigned a value"):
        status.assert_consumed()  # the layers and slots do not exist yet
    assert int(ck2.step.numpy()) == 4 and int(opt2.iterations.numpy()) == 3
    for _ in range(2):
        _train_step(net2, opt2, x)
    status.assert_consumed()
    for a, b in zip(net.weights + opt.variables, net2.weights + opt2.variables):
        assert np.array_equal(a.numpy(), b.numpy())


@pytest.mark.covers("tf.train.Checkpoint")
def test_keras_model_nested_objects(tmp_path):
    m = _util.interop_model(keras)
    m.compile(optimizer="adam", loss="mse")
    x, y = _util.interop_data()
    m.fit(x, y, epochs=1, batch_size=4, verbose=0)
    ck = tf.train.Checkpoint(model=m, extra={"a": tf.Variable([1, 2])}, items=[tf.Variable(3.0)])
    ck.write(str(tmp_path / "c"))
    keras.backend.clear_session()
    m2 = _util.interop_model(keras)
    m2.compile(optimizer="adam", loss="mse")
    m2.optimizer.build(m2.trainable_variables)
    ck2 = tf.train.Checkpoint(model=m2, extra={"a": tf.Variable([0, 0])}, items=[tf.Variable(0.0)])
    ck2.read(str(tmp_path / "c")).assert_consumed()
    assert _util.max_diff(m2(x), m(x)) == 0.0
    assert int(m2.optimizer.iterations.numpy()) == 2
    assert ck2.extra["a"].numpy().tolist() == [1, 2] and float(ck2.items[0].numpy()) == 3.0
