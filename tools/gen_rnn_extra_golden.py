"""Record tf.keras numbers for stateful RNNs, StackedRNNCells and ConvLSTM (run with .venv-tf).

Writes tests/golden/keras_layers/recurrent_extra.json, read by tests/keras/test_recurrent.py
(stateful, stacked) and tests/keras/test_conv_lstm.py (conv_lstm). Weights are fixed
(numpy rng) and set with set_weights, so the shim can replay each case exactly.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow import keras  # noqa: E402

L = keras.layers
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                   "tests", "golden", "keras_layers", "recurrent_extra.json")


def rnd(seed, shape, scale=0.5):
    return (np.random.default_rng(seed).uniform(-1, 1, shape) * scale).astype("float32")


def arr(a):
    a = np.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "value": a.reshape(-1).tolist()}


def set_fixed(layer, seed):
    ws = [rnd(seed + i, w.shape) for i, w in enumerate(layer.get_weights())]
    layer.set_weights(ws)
    return [arr(w) for w in ws]


def stateful_cases():
    out = {}
    x = rnd(1, (2, 6, 3), 1.0)
    for cls in ("SimpleRNN", "LSTM", "GRU"):
        for rs in (False, True):
            inp = keras.Input(shape=(None, 3), batch_size=2)
            lay = getattr(L, cls)(4, stateful=True, return_sequences=rs)
            m = keras.Model(inp, lay(inp))
            w = set_fixed(lay, 10)
            a = m(x[:, :3]).numpy()
            b = m(x[:, 3:]).numpy()
            st = [s.numpy() for s in lay.states]
            lay.reset_states()
            zeros = [s.numpy() for s in lay.states]
            c = m(x).numpy()
            out[f"{cls}_rs{int(rs)}"] = {"cls": cls, "return_sequences": rs, "input": arr(x), "weights": w,
                                         "first": arr(a), "second": arr(b), "states": [arr(s) for s in st],
                                         "zeros": [arr(s) for s in zeros], "full": arr(c)}
    # fit with shuffle=False carries the states across batches
    xs = rnd(2, (4, 5, 3), 1.0)
    ys = rnd(3, (4, 1), 1.0)
    for cls in ("LSTM", "GRU"):
        m = keras.Sequential([keras.Input(batch_shape=(2, 5, 3)), getattr(L, cls)(4, stateful=True),
                              L.Dense(1)])
        ws = [rnd(20 + i, w.shape) for i, w in enumerate(m.get_weights())]
        m.set_weights(ws)
        m.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        h = m.fit(xs, ys, batch_size=2, epochs=2, shuffle=False, verbose=0)
        pred = m.predict(xs, batch_size=2, verbose=0)
        out[f"fit_{cls}"] = {"cls": cls, "x": arr(xs), "y": arr(ys), "weights": [arr(w) for w in ws],
                             "loss": h.history["loss"], "weights_after": [arr(w) for w in m.get_weights()],
                             "states": [arr(s.numpy()) for s in m.layers[0].states], "pred": arr(pred)}
    return out


def stacked_cases():
    out = {}
    x = rnd(4, (2, 5, 3), 1.0)
    specs = {
        "simple_simple": [("SimpleRNNCell", 4), ("SimpleRNNCell", 2)],
        "lstm_gru": [("LSTMCell", 4), ("GRUCell", 2)],
        "lstm_only": [("LSTMCell", 3)],
    }
    for cid, spec in specs.items():
        cells = [getattr(L, c)(u) for c, u in spec]
        r = L.RNN(cells, return_sequences=True, return_state=True)
        r(x)
        w = set_fixed(r, 30)
        res = r(x)
        outs = [arr(res[0].numpy())] + [[arr(e.numpy()) for e in s] for s in res[1:]]
        mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
        # a one-cell stack with a list state fails under a mask in tf.keras (structure mismatch)
        masked = r(x, mask=mask) if len(spec) > 1 else [res[0]]
        out[cid] = {"cells": spec, "input": arr(x), "weights": w, "outputs": outs,
                    "masked_output": arr(masked[0].numpy()),
                    "weight_paths": [v.path for v in r.weights],
                    "state_size": r.cell.state_size, "output_size": r.cell.output_size,
                    "cos": json.loads(json.dumps(r.compute_output_shape((None, 5, 3)))),
                    "stacked_config_keys": sorted(r.cell.get_config()),
                    "rnn_config_keys": sorted(r.get_config())}
    return out


def conv_lstm_cases():
    out = {}
    rng_x = {1: (2, 4, 7, 3), 2: (2, 4, 7, 6, 3), 3: (1, 3, 5, 4, 4, 2)}
    specs = [
        ("2d_default", "ConvLSTM2D", dict(filters=3, kernel_size=3)),
        ("2d_same_seq", "ConvLSTM2D", dict(filters=2, kernel_size=(3, 2), padding="same", return_sequences=True)),
        ("2d_state", "ConvLSTM2D", dict(filters=2, kernel_size=2, strides=2, return_state=True)),
        ("2d_dilation", "ConvLSTM2D", dict(filters=2, kernel_size=2, dilation_rate=2, padding="same",
                                           return_sequences=True, go_backwards=True)),
        ("2d_nobias", "ConvLSTM2D", dict(filters=2, kernel_size=3, use_bias=False, unit_forget_bias=False,
                                         activation="relu", recurrent_activation="hard_sigmoid")),
        ("1d_default", "ConvLSTM1D", dict(filters=3, kernel_size=3, return_sequences=True)),
        ("1d_same_state", "ConvLSTM1D", dict(filters=2, kernel_size=2, padding="same", strides=2,
                                             return_state=True)),
        ("3d_default", "ConvLSTM3D", dict(filters=2, kernel_size=2, return_sequences=True)),
    ]
    for cid, cls, cfg in specs:
        rank = {"ConvLSTM1D": 1, "ConvLSTM2D": 2, "ConvLSTM3D": 3}[cls]
        x = rnd(5, rng_x[rank], 1.0)
        layer = getattr(L, cls)(**cfg)
        layer(x)
        fresh_bias = None
        if layer.use_bias:
            fresh_bias = arr(layer.get_weights()[-1])
        w = set_fixed(layer, 40)
        res = layer(x)
        res = list(res) if isinstance(res, (list, tuple)) else [res]
        out[cid] = {"cls": cls, "config": cfg, "input": arr(x), "weights": w,
                    "outputs": [arr(r.numpy()) for r in res],
                    "weight_info": [{"name": v.name, "path": v.path, "shape": list(v.shape)} for v in layer.weights],
                    "fresh_bias": fresh_bias,
                    "cos": json.loads(json.dumps(layer.compute_output_shape((None,) + rng_x[rank][1:]))),
                    "config_keys": sorted(layer.get_config())}
    return out


def einsum_dense_cases():
    out = {}
    specs = [
        ("matmul", "ab,bc->ac", 4, "c", None, (3, 5)),
        ("seq", "abc,cd->abd", (None, 6), "d", "relu", (2, 3, 5)),
        ("heads", "abc,cde->abde", (None, 3, 4), "de", None, (2, 5, 6)),
        ("heads_bias_e", "abc,cde->abde", (None, 3, 4), "e", None, (2, 5, 6)),
        ("contract2", "abcd,cde->abe", (None, 7), None, "tanh", (2, 3, 4, 5)),
        ("left_elided", "...b,bc->...c", 4, "c", None, (2, 3, 5)),
        ("left_elided2", "...ab,bc->...ac", (3, 4), "ac", None, (2, 2, 3, 5)),
        ("right_elided", "ab...,bc->ac...", (4,), "c", None, (2, 3, 5)),
        ("transpose_out", "abc,dc->adb", (6, None), "d", None, (2, 3, 5)),
    ]
    for cid, eq, oshape, bias_axes, act, ishape in specs:
        x = rnd(6, ishape, 1.0)
        layer = L.EinsumDense(eq, output_shape=oshape, bias_axes=bias_axes, activation=act)
        layer.build(ishape)
        w = set_fixed(layer, 50)
        y = layer(x)
        out[cid] = {"equation": eq, "output_shape": oshape, "bias_axes": bias_axes, "activation": act,
                    "input": arr(x), "weights": w, "output": arr(y.numpy()),
                    "weight_info": [{"name": v.name, "shape": list(v.shape)} for v in layer.weights],
                    "cos": list(layer.compute_output_shape((None,) + ishape[1:])),
                    "config_keys": sorted(layer.get_config())}
    errors = {}
    for cid, eq, oshape, bias_axes, ishape in [
            ("bad_equation", "ab,bc", 4, None, (3, 5)),
            ("shared_mismatch", "abc,cd->abd", (7, 4), None, (2, 3, 5)),
            ("bias_not_in_output", "ab,bc->ac", 4, "x", (3, 5)),
            ("weight_dim_unmatched", "ab,bcz->ac", 4, None, (3, 5)),
            ("output_dim_unmatched", "ab,bc->acz", (4, 2), None, (3, 5))]:
        try:
            L.EinsumDense(eq, output_shape=oshape, bias_axes=bias_axes).build(ishape)
            errors[cid] = None
        except Exception as e:  # noqa: BLE001
            errors[cid] = {"equation": eq, "output_shape": oshape, "bias_axes": bias_axes,
                           "input_shape": ishape, "type": type(e).__name__, "message": str(e)}
    out["_errors"] = errors
    return out


def main():
    data = {"stateful": stateful_cases(), "stacked": stacked_cases(), "conv_lstm": conv_lstm_cases(),
            "einsum_dense": einsum_dense_cases()}
    with open(OUT, "w") as f:
        json.dump(data, f)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
