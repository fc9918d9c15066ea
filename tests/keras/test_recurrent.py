"""LSTM / GRU / SimpleRNN against tf.keras: fused kernels on Keras-layout weights, masks, states."""
import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tests.keras import layer_golden as G

COVERS = ("tf.keras.layers.LSTM", "tf.keras.layers.GRU", "tf.keras.layers.SimpleRNN", "tf.keras.layers.Bidirectional")


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cid,case", G.case_params("recurrent"))
def test_recurrent_matches_tf_keras(cid, case):
    G.check(case)


def _rand(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype("float32")


def _no_loop(monkeypatch):
    from tfkeras_shim.keras.layers import recurrent as R

    def boom(*a, **k):
        raise AssertionError("per-step loop used")
    monkeypatch.setattr(R, "_step_loop", boom)


def _loop_copy(layer):
    """A copy of `layer` forced onto the per-step loop (same weights)."""
    cfg = layer.get_config()
    cfg.pop("name")
    twin = type(layer).from_config(cfg)
    return twin


@pytest.mark.covers(*COVERS)
@pytest.mark.parametrize("cls", ["LSTM", "GRU", "SimpleRNN"])
@pytest.mark.parametrize("mask_kind", [None, "right", "left"])
def test_fused_path_is_used_and_matches_the_step_loop(monkeypatch, cls, mask_kind):
    x = _rand(3, 7, 5)
    mask = None
    if mask_kind == "right":
        mask = np.arange(7)[None, :] < np.array([[7], [4], [0]])
    elif mask_kind == "left":
        mask = np.arange(7)[None, :] >= np.array([[0], [3], [6]])
    fused = getattr(layers, cls)(4, return_sequences=True, return_state=True)
    fused(x)
    loop = _loop_copy(fused)
    loop(x)
    loop.set_weights(fused.get_weights())
    loop._fast_path = lambda *a, **k: None
    kw = {} if mask is None else {"mask": tf.constant(mask)}
    want = loop(x, **kw)
    with monkeypatch.context() as mp:
        _no_loop(mp)
        got = fused(x, **kw)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g.numpy(), w.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.covers("tf.keras.layers.LSTM")
def test_scattered_mask_falls_back_to_the_loop():
    x = _rand(2, 5, 3)
    mask = np.array([[1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], bool)
    lstm = layers.LSTM(2, return_sequences=True)
    y = lstm(x, mask=tf.constant(mask)).numpy()
    np.testing.assert_array_equal(y[0, 1], y[0, 0])   # masked step repeats the previous output
    np.testing.assert_array_equal(y[0, 3], y[0, 2])


@pytest.mark.covers("tf.keras.layers.LSTM")
def test_lstm_gradients_reach_keras_layout_weights():
    lstm = layers.LSTM(3, return_sequences=True)
    x = tf.constant(_rand(2, 4, 5))
    y = lstm(x, mask=tf.constant(np.array([[1, 1, 1, 0], [1, 1, 1, 1]], bool)))
    y.sum().backward()
    cell = lstm.cell
    assert tuple(cell.kernel.grad.shape) == (5, 12)
    assert tuple(cell.recurrent_kernel.grad.shape) == (3, 12)
    assert tuple(cell.bias.grad.shape) == (12,)


@pytest.mark.covers("tf.keras.layers.LSTM")
def test_lstm_init_unit_forget_bias_and_paths():
    lstm = layers.LSTM(3)
    lstm(_rand(1, 2, 4))
    np.testing.assert_array_equal(lstm.cell.bias.numpy(), [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    r = lstm.cell.recurrent_kernel.numpy()          # orthogonal (3, 12): orthonormal rows
    np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-5)
    assert [w.path.split("/", 1)[1] for w in lstm.weights] == [
        "lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias"]


@pytest.mark.covers("tf.keras.layers.LSTM")
def test_lstm_initial_state_and_return_state():
    x = _rand(2, 3, 4)
    lstm = layers.LSTM(2, return_state=True)
    out, h, c = lstm(x)
    np.testing.assert_allclose(out.numpy(), h.numpy())
    h0, c0 = _rand(2, 2, seed=5), _rand(2, 2, seed=6)
    out2, h2, c2 = lstm(x, initial_state=[h0, c0])
    assert not np.allclose(out2.numpy(), out.numpy())
    loop = _loop_copy(lstm)
    loop(x)
    loop.set_weights(lstm.get_weights())
    loop._fast_path = lambda *a, **k: None
    ref = loop(x, initial_state=[h0, c0])
    for g, w in zip((out2, h2, c2), ref):
        np.testing.assert_allclose(g.numpy(), w.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.Embedding")
def test_embedding_mask_into_lstm_like_the_subclassing_guide():
    class MyLayer(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.embedding = layers.Embedding(input_dim=50, output_dim=4, mask_zero=True)
            self.lstm = layers.LSTM(3)

        def call(self, inputs):
            x = self.embedding(inputs)
            mask = self.embedding.compute_mask(inputs)
            return self.lstm(x, mask=mask)

    ids = np.array([[3, 5, 7, 0, 0], [1, 2, 0, 0, 0]])
    m = MyLayer()
    y1 = m(ids).numpy()
    y2 = m(ids[:, :3]).numpy()      # padding does not change the result
    np.testing.assert_allclose(y1, y2, rtol=1e-6)
    assert len(m.weights) == 4


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.GRU")
def test_rnn_errors():
    with pytest.raises(ValueError, match="expected a positive integer"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="expected ndim=3"):
        layers.LSTM(2)(np.zeros((2, 3), "float32"))


@pytest.mark.covers("tf.keras.layers.LSTMCell", "tf.keras.layers.RNN")
def test_cells_and_generic_rnn():
    tf.keras.backend.clear_session()
    cell = layers.LSTMCell(3)
    h, st = cell(np.ones((2, 4), "float32"), [np.zeros((2, 3), "float32"), np.zeros((2, 3), "float32")])
    assert tuple(h.shape) == (2, 3) and len(st) == 2
    assert [w.path for w in cell.weights] == ["lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias"]
    rnn = layers.RNN(layers.LSTMCell(2), return_sequences=True)
    assert tuple(rnn(np.ones((1, 3, 2), "float32")).shape) == (1, 3, 2)
    assert [w.path for w in rnn.weights] == ["rnn/lstm_cell_1/kernel", "rnn/lstm_cell_1/recurrent_kernel",
                                             "rnn/lstm_cell_1/bias"]
    # a generic RNN over the built-in cell gives the fused LSTM's numbers
    x = _rand(2, 4, 2)
    lstm = layers.LSTM(2, return_sequences=True)
    lstm(x)
    lstm.set_weights(rnn.get_weights())
    np.testing.assert_allclose(rnn(x).numpy(), lstm(x).numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.covers("tf.keras.layers.RNN")
def test_rnn_with_a_user_cell():
    class MinimalRNNCell(layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.state_size = units

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones", name="kernel")
            self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), initializer="identity",
                                                    name="recurrent_kernel")

        def call(self, inputs, states):
            prev = states[0]
            out = tf.matmul(inputs, self.kernel) + tf.matmul(prev, self.recurrent_kernel)
            return out, [out]

    layer = layers.RNN(MinimalRNNCell(2), return_sequences=True)
    x = np.ones((1, 3, 2), "float32")
    np.testing.assert_allclose(layer(x).numpy(), [[[2, 2], [4, 4], [6, 6]]])
    m = np.array([[True, False, True]])
    np.testing.assert_allclose(layer(x, mask=tf.constant(m)).numpy(), [[[2, 2], [2, 2], [4, 4]]])


# ---------------------------------------------------------------------------------------------
# stateful RNNs and StackedRNNCells (numbers from tools/gen_rnn_extra_golden.py)

def _extra(section):
    import json
    import os
    with open(os.path.join(G.DATA, "recurrent_extra.json")) as f:
        return json.load(f)[section]


def _stateful_ids():
    return sorted(_extra("stateful"))


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.GRU", "tf.keras.layers.SimpleRNN",
                    "tf.keras.layers.RNN.reset_states", "tf.keras.layers.RNN.reset_state")
@pytest.mark.parametrize("cid", [c for c in _stateful_ids() if not c.startswith("fit_")])
def test_stateful_two_halves_match_tf_keras(cid):
    case = _extra("stateful")[cid]
    x = G.np_of(case["input"])
    inp = tf.keras.Input(shape=(None, 3), batch_size=2)
    lay = getattr(layers, case["cls"])(4, stateful=True, return_sequences=case["return_sequences"])
    m = tf.keras.Model(inp, lay(inp))
    lay.set_weights([G.np_of(w) for w in case["weights"]])
    a = m(x[:, :3])
    b = m(x[:, 3:])
    np.testing.assert_allclose(a.numpy(), G.np_of(case["first"]), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(b.numpy(), G.np_of(case["second"]), rtol=1e-5, atol=1e-6)
    assert [(v.name, v.path, v.trainable) for v in lay.states] == \
        [("rnn_state", f"{lay.name}/rnn_state", False)] * len(lay.states)
    for v, want in zip(lay.states, case["states"]):
        np.testing.assert_allclose(v.numpy(), G.np_of(want), rtol=1e-5, atol=1e-6)
    assert len(m.weights) == 3  # states are not weights
    lay.reset_states()
    for v in lay.states:
        assert not v.numpy().any()
    np.testing.assert_allclose(m(x).numpy(), G.np_of(case["full"]), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="Expected batch size: 2\n- Received batch size: 1"):
        m(x[:1])


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.GRU", "tf.keras.Model.fit")
@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_stateful_fit_carries_states_like_tf_keras(cls):
    case = _extra("stateful")[f"fit_{cls}"]
    m = tf.keras.Sequential([tf.keras.Input(batch_shape=(2, 5, 3)), getattr(layers, cls)(4, stateful=True),
                             layers.Dense(1)])
    m.set_weights([G.np_of(w) for w in case["weights"]])
    m.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
    h = m.fit(G.np_of(case["x"]), G.np_of(case["y"]), batch_size=2, epochs=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(h.history["loss"], case["loss"], rtol=1e-5)
    for got, want in zip(m.get_weights(), case["weights_after"]):
        np.testing.assert_allclose(got, G.np_of(want), rtol=1e-5, atol=1e-6)
    pred = m.predict(G.np_of(case["x"]), batch_size=2, verbose=0)
    np.testing.assert_allclose(pred, G.np_of(case["pred"]), rtol=1e-5, atol=1e-5)
    for v, want in zip(m.layers[0].states, case["states"]):
        np.testing.assert_allclose(v.numpy(), G.np_of(want), rtol=1e-5, atol=1e-5)


@pytest.mark.covers("tf.keras.layers.LSTM", "tf.keras.layers.RNN")
def test_stateful_needs_a_static_batch_size():
    with pytest.raises(ValueError, match="the batch size must be static"):
        tf.keras.Sequential([tf.keras.Input(shape=(4, 3)), layers.LSTM(3, stateful=True)])
    lay = layers.SimpleRNN(3, stateful=True)
    lay.reset_states()  # before build: nothing to reset
    assert lay.states is None
    y = lay(np.ones((2, 4, 3), "float32"))  # eager call: the batch size of the first input
    assert lay.states[0].shape == (2, 3)
    np.testing.assert_allclose(lay.states[0].numpy(), y.numpy())
    # an explicit initial_state is used, and the final state is still stored
    y2 = lay(np.ones((2, 4, 3), "float32"), initial_state=[np.zeros((2, 3), "float32")])
    np.testing.assert_allclose(y2.numpy(), y.numpy(), rtol=1e-6)
    m = tf.keras.Sequential([layers.GRU(2, stateful=True, batch_input_shape=(3, 4, 1))])
    assert m.layers[0].states[0].shape == (3, 2)


@pytest.mark.covers("tf.keras.layers.StackedRNNCells", "tf.keras.layers.RNN")
@pytest.mark.parametrize("cid", ["simple_simple", "lstm_gru", "lstm_only"])
def test_stacked_rnn_cells_match_tf_keras(cid):
    case = _extra("stacked")[cid]
    x = G.np_of(case["input"])
    cells = [getattr(layers, c)(u) for c, u in case["cells"]]
    r = layers.RNN(cells, return_sequences=True, return_state=True)
    r(x)
    r.set_weights([G.np_of(w) for w in case["weights"]])
    res = r(tf.constant(x))
    assert len(res) == len(case["outputs"])
    np.testing.assert_allclose(res[0].numpy(), G.np_of(case["outputs"][0]), rtol=1e-5, atol=1e-6)
    for got, want in zip(res[1:], case["outputs"][1:]):
        assert isinstance(got, list) and len(got) == len(want)
        for g, w in zip(got, want):
            assert isinstance(g, tf.Tensor)
            np.testing.assert_allclose(g.numpy(), G.np_of(w), rtol=1e-5, atol=1e-6)
    if len(cells) > 1:
        mask = tf.constant(np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool))
        np.testing.assert_allclose(r(x, mask=mask)[0].numpy(), G.np_of(case["masked_output"]),
                                   rtol=1e-5, atol=1e-6)
    import re

    def unnumbered(p):  # layer name counters depend on what ran before
        return re.sub(r"_\d+(?=/)", "", p)
    assert [unnumbered(v.path) for v in r.weights] == [unnumbered(p) for p in case["weight_paths"]]
    assert r.cell.state_size == case["state_size"]
    assert r.cell.output_size == case["output_size"]
    cos = r.compute_output_shape((None, 5, 3))
    assert json_shapes(cos) == case["cos"]
    assert sorted(r.cell.get_config()) == case["stacked_config_keys"]
    # config round trip keeps the stack
    twin = layers.RNN.from_config(r.get_config())
    twin(x)
    twin.set_weights(r.get_weights())
    np.testing.assert_allclose(twin(x)[0].numpy(), res[0].numpy())
    assert isinstance(twin.cell, layers.StackedRNNCells)


def json_shapes(s):
    if isinstance(s, (list, tuple)) and s and all(isinstance(e, (list, tuple)) or e is None for e in s) \
            and any(isinstance(e, (list, tuple)) for e in s):
        return [json_shapes(e) for e in s]
    return list(s)


@pytest.mark.covers("tf.keras.layers.StackedRNNCells")
def test_stacked_cells_direct_call_and_errors():
    st = layers.StackedRNNCells([layers.SimpleRNNCell(3), layers.LSTMCell(2)])
    x = np.ones((2, 4), "float32")
    states = st.get_initial_state(batch_size=2)
    st.build((2, 4))
    out, new = st(tf.constant(x), states)
    assert out.shape == (2, 2)
    assert [len(s) for s in new] == [1, 2]
    with pytest.raises(ValueError, match="All cells must have a `call` method"):
        layers.StackedRNNCells([object()])


@pytest.mark.covers("tf.keras.layers.Bidirectional")
def test_stateful_bidirectional_carries_and_resets_like_tf_keras():
    # numbers printed by the same code under tf.keras 2.21
    x = np.linspace(-1, 1, 2 * 6 * 3).reshape(2, 6, 3).astype("float32")
    inp = tf.keras.Input(shape=(6, 3), batch_size=2)
    b = layers.Bidirectional(layers.SimpleRNN(2, stateful=True,
                                              kernel_initializer=tf.keras.initializers.Constant(0.1),
                                              recurrent_initializer=tf.keras.initializers.Constant(0.3)))
    m = tf.keras.Model(inp, b(inp))
    a1, a2 = m(x).numpy(), m(x).numpy()
    np.testing.assert_allclose(a1[0], [-0.18944, -0.18944, -0.47068, -0.47068], atol=1e-5)
    np.testing.assert_allclose(a2[0], [-0.19376, -0.19376, -0.48222, -0.48222], atol=1e-5)
    b.reset_states()
    np.testing.assert_allclose(m(x).numpy(), a1, rtol=1e-6)
