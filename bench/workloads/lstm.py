"""Embedding(10000, 64)-LSTM(64)-Dense(1, sigmoid) on length-100 token sequences, batch 128,
Adam(1e-3), binary cross-entropy, accuracy; one epoch after a 3-batch warm-up.
`masked`: Embedding(mask_zero=True) and right-padded sequences (lengths 10..100); the torch
loop packs them with pack_padded_sequence (lengths from `x != 0` per batch) and takes h_n,
which is what Keras returns for a masked LSTM (the output at the last unmasked step)."""
from ._common import pin_threads, sequences, time_fit, torch_device

BATCH = 128


def build(keras, masked):
    layers = keras.layers
    model = keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"),
        layers.Embedding(10000, 64, mask_zero=masked),
        layers.LSTM(64),
        layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def keras_fit(keras, x, y, cfg, masked):
    model = build(keras, masked)
    warm = lambda: model.fit(x[:3 * BATCH], y[:3 * BATCH], batch_size=BATCH, epochs=1, verbose=0)
    fit = lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0).history["loss"][-1]
    return time_fit(fit, len(x), cfg.device, warmup=warm, batch=BATCH)


def torch_model(masked):
    import torch
    import torch.nn as nn
    from torch.nn.utils.rnn import pack_padded_sequence

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(10000, 64)
            self.lstm = nn.LSTM(64, 64, batch_first=True)
            self.fc = nn.Linear(64, 1)

        def forward(self, x):
            e = self.emb(x)
            if masked:
                lengths = (x != 0).sum(1).cpu()
                e = pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
            _, (h, _) = self.lstm(e)
            return self.fc(h[-1])

    return Net()


def run(impl, cfg, masked=False):
    full = 5120 if cfg.device == "cpu" else 25600
    if impl == "keras3":       # Keras 3 runs LSTMs as a Python loop on torch: fewer samples
        full //= 4
    n = cfg.n(full, 1024, BATCH)
    x, y = sequences(n, masked=masked)
    if impl == "shim":
        import tfkeras_shim as tf
        threads = pin_threads(impl, cfg.threads, tf)
        res = keras_fit(tf.keras, x, y, cfg, masked)
    elif impl == "keras3":
        import keras
        threads = pin_threads(impl, cfg.threads)
        res = keras_fit(keras, x, y, cfg, masked)
    else:
        import torch
        from ._torchloop import fit_epoch
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = torch_model(masked).to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.BCEWithLogitsLoss()
        xt = torch.from_numpy(x.astype("int64")).to(dev)
        yt = torch.from_numpy(y).to(dev)
        res = time_fit(lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, acc="binary"), n,
                       cfg.device,
                       warmup=lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, acc="binary",
                                                n_batches=3), batch=BATCH)
    res["torch_threads"] = threads
    return res
