"""Adafactor, Lamb and Muon: behaviour beyond the golden cases (the golden cases against real
tf.keras are in tests/golden/training/cases.py, run by tests/keras/test_optimizers.py)."""
import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import optimizers
from tfkeras_shim.keras.optimizers.muon import _newton_schulz5
from tests.keras.host_reads import apply_without_host_reads, step

keras = tf.keras

_NAMES = ("tf.keras.optimizers.Adafactor", "tf.keras.optimizers.Lamb", "tf.keras.optimizers.Muon")


def _model(seed=0):
    rs = np.random.RandomState(seed)
    model = keras.Sequential([keras.Input((3,), dtype="int32"),
                              keras.layers.Embedding(6, 4, name="emb"), keras.layers.Flatten(),
                              keras.layers.Dense(8, "tanh", name="d1"),
                              keras.layers.Dense(8, "tanh", name="d2"),
                              keras.layers.Dense(2, name="head")], name="m")
    model.set_weights([rs.normal(size=w.shape).astype(np.float32) * 0.3
                       for w in model.get_weights()])
    x = rs.randint(0, 6, size=(16, 3)).astype(np.int32)
    y = rs.normal(size=(16, 2)).astype(np.float32)
    return model, x, y


_step = step


@pytest.mark.covers(*_NAMES)
@pytest.mark.parametrize("make", [lambda: optimizers.Adafactor(0.05), lambda: optimizers.Lamb(0.05),
                                  lambda: optimizers.Muon(0.05)], ids=["adafactor", "lamb", "muon"])
def test_train_in_place_without_host_reads(make, monkeypatch):
    model, x, y = _model()
    opt = make()
    losses = [_step(model, opt, x, y)]
    ptrs = [v.data_ptr() for v in model.trainable_variables]
    apply_without_host_reads(opt, model, x, y, monkeypatch)
    for _ in range(8):
        losses.append(_step(model, opt, x, y))
    assert losses[-1] < losses[0]
    assert [v.data_ptr() for v in model.trainable_variables] == ptrs
    assert all(not v.requires_grad for v in opt.variables)
    assert all(np.isfinite(v.numpy()).all() for v in model.trainable_variables)


@pytest.mark.covers("tf.keras.optimizers.Adafactor")
def test_adafactor_slots_and_placeholder_paths():
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    k = tf.Variable(np.ones((2, 3, 4), np.float32), name="k")
    b = tf.Variable(np.ones(2, np.float32), name="b")
    opt = optimizers.Adafactor(name="o")
    opt.build([w, k, b])
    got = [(v.path, tuple(v.shape), v.numpy().dtype.name) for v in opt.variables]
    assert got == [("o/iteration", (), "int64"), ("o/learning_rate", (), "float32"),
                   ("o/w:0", (3,), "float32"), ("o/w:0", (2,), "float32"),
                   ("o/w_0_velocity", (3, 2), "float32"),
                   ("o/k:0", (2, 3), "float32"), ("o/k:0", (2, 4), "float32"),
                   ("o/k_0_velocity", (2, 3, 4), "float32"),
                   ("b:0", (), "int32"), ("b:0", (), "int32"), ("o/b_0_velocity", (2,), "float32")]
    # built by the first apply, the placeholders get the optimizer's scope (as in Keras)
    opt = optimizers.Adafactor(name="o")
    opt.apply_gradients([(tf.ones(2), b)])
    assert [v.path for v in opt.variables][2:4] == ["o/b:0", "o/b:0"]


@pytest.mark.covers("tf.keras.optimizers.Adafactor")
def test_adafactor_relative_step_is_a_no_op_like_keras():
    out = []
    for rel in (True, False):
        w = tf.Variable(np.array([[1.0, -2.0], [0.5, 3.0]], np.float32))
        opt = optimizers.Adafactor(0.9, relative_step=rel)
        for s in (1.0, 2.0, 0.5):
            opt.apply_gradients([(tf.constant(np.full((2, 2), s, np.float32)), w)])
        out.append(w.numpy())
    np.testing.assert_array_equal(out[0], out[1])


@pytest.mark.covers("tf.keras.optimizers.Lamb")
def test_lamb_trust_ratio_one_for_zero_weights():
    w = tf.Variable(np.zeros(3, np.float32))
    optimizers.Lamb(0.1).apply_gradients([(tf.constant([1.0, -2.0, 0.5]), w)])
    # first step: update = m_hat / (sqrt(v_hat) + eps) = sign(g) (up to eps), ratio 1
    np.testing.assert_allclose(w.numpy(), [-0.1, 0.1, -0.1], rtol=1e-5)


@pytest.mark.covers("tf.keras.optimizers.Muon")
def test_muon_path_selection_and_slots():
    model, x, y = _model()
    opt = optimizers.Muon(exclude_layers=["head"], name="mu")
    opt.build(model.trainable_variables)
    paths = [v.path for v in model.trainable_variables]
    adam = dict(zip(paths, opt._adam_path))
    assert adam == {"m/emb/embeddings": True, "m/d1/kernel": False, "m/d1/bias": True,
                    "m/d2/kernel": False, "m/d2/bias": True, "m/head/kernel": True,
                    "m/head/bias": True}
    assert all(m is not None for m in opt.momentums)
    assert [v is not None for v in opt.adam_velocities] == list(adam.values())
    opt = optimizers.Muon(exclude_embeddings=False)
    opt.build(model.trainable_variables)
    assert opt._adam_path[0] is False


@pytest.mark.covers("tf.keras.optimizers.Muon")
def test_muon_needs_a_path_on_2d_variables():
    w = tf.Variable(np.ones((2, 3), np.float32))
    with pytest.raises(AttributeError, match="path"):
        optimizers.Muon().build([w])
    v = tf.Variable(np.ones(3, np.float32))
    optimizers.Muon(0.1).apply_gradients([(tf.ones(3), v)])  # 1-D: AdamW path, no path needed


@pytest.mark.covers("tf.keras.optimizers.Muon")
def test_newton_schulz_batched_equals_single_and_is_near_orthogonal():
    rs = np.random.RandomState(0)
    mats = torch.tensor(rs.normal(size=(3, 5, 8)), dtype=torch.float32)
    batched = _newton_schulz5(mats, 5, 3.4445, -4.7750, 2.0315)
    single = torch.stack([_newton_schulz5(m[None], 5, 3.4445, -4.7750, 2.0315)[0] for m in mats])
    torch.testing.assert_close(batched, single, rtol=1e-5, atol=1e-6)
    sv = torch.linalg.svdvals(batched)
    assert float(sv.min()) > 0.5 and float(sv.max()) < 1.3
    tall = _newton_schulz5(mats.mT, 5, 3.4445, -4.7750, 2.0315)
    torch.testing.assert_close(tall, batched.mT, rtol=1e-5, atol=1e-6)


@pytest.mark.covers("tf.keras.optimizers.Muon")
def test_muon_weight_decay_without_weight_decay_arg():
    # Keras's Muon decays AdamW-path variables with adam_weight_decay even if weight_decay=None
    b = tf.Variable(np.ones(2, np.float32))
    optimizers.Muon(0.5, weight_decay=None, adam_weight_decay=0.1).apply_gradients(
        [(tf.zeros(2), b)])
    np.testing.assert_allclose(b.numpy(), [0.95, 0.95], rtol=1e-6)


@pytest.mark.covers("tf.keras.optimizers.get", "tf.keras.optimizers.deserialize",
                    "tf.keras.optimizers.serialize", *_NAMES)
def test_names_and_serialization():
    assert type(optimizers.get("adafactor")).__name__ == "Adafactor"
    assert type(optimizers.get("Muon")).__name__ == "Muon"
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: lamb"):
        optimizers.get("lamb")
    for cls in (optimizers.Adafactor, optimizers.Lamb, optimizers.Muon):
        cfg = optimizers.serialize(cls(0.02, name="x"))
        assert cfg["class_name"] == cls.__name__ and cfg["module"] == "keras.optimizers"
        back = optimizers.deserialize(cfg)
        assert type(back) is cls and back.get_config() == cfg["config"]


@pytest.mark.covers("tf.keras.Model.save", "tf.keras.models.load_model", *_NAMES)
@pytest.mark.parametrize("name", ["Adafactor", "Lamb", "Muon"])
def test_compiled_model_save_load_keeps_optimizer_state(name, tmp_path):
    model, x, y = _model()
    model.compile(optimizer=getattr(optimizers, name)(0.01), loss="mse")
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    path = str(tmp_path / "m.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded.optimizer).__name__ == name
    assert len(loaded.optimizer.variables) == len(model.optimizer.variables)
    for a, b in zip(model.optimizer.variables, loaded.optimizer.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


@pytest.mark.cuda
@pytest.mark.covers(*_NAMES)
@pytest.mark.parametrize("name", ["Adafactor", "Lamb", "Muon"])
def test_cuda_step_no_host_sync(name):
    if not torch.cuda.is_available():
        pytest.skip("no CUDA")
    with tf.device("/GPU:0"):
        model, x, y = _model()
        opt = getattr(optimizers, name)(0.05)
        _step(model, opt, x, y)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        torch.cuda.set_sync_debug_mode("error")
        try:
            opt.apply_gradients(zip(grads, model.trainable_variables))
        finally:
            torch.cuda.set_sync_debug_mode("default")
    assert all(v.device.type == "cuda" for v in opt.variables)
