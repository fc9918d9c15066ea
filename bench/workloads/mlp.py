"""MLP 784-256-256-10, batch 128, Adam(1e-3), sparse categorical cross-entropy from logits,
accuracy metric, one epoch over N synthetic samples (after a 5-batch warm-up fit)."""
from ._common import classification, pin_threads, time_fit, torch_device

BATCH = 128


def build(keras):
    """The tf.keras model (also run unchanged on Keras 3)."""
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model


def keras_fit(keras, x, y, cfg):
    model = build(keras)
    warm = lambda: model.fit(x[:5 * BATCH], y[:5 * BATCH], batch_size=BATCH, epochs=1, verbose=0)
    fit = lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0).history["loss"][-1]
    return time_fit(fit, len(x), cfg.device, warmup=warm, batch=BATCH)


def torch_model():
    import torch.nn as nn
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                         nn.Linear(256, 10))


def run(impl, cfg):
    n = cfg.n(60000, 12800, BATCH)
    x, y = classification(n, (784,))
    if impl == "shim":
        import tfkeras_shim as tf
        threads = pin_threads(impl, cfg.threads, tf)
        res = keras_fit(tf.keras, x, y, cfg)
    elif impl == "keras3":
        import keras
        threads = pin_threads(impl, cfg.threads)
        res = keras_fit(keras, x, y, cfg)
    else:
        import torch
        from ._torchloop import fit_epoch
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = torch_model().to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        xt, yt = torch.from_numpy(x).to(dev), torch.from_numpy(y).to(dev)
        res = time_fit(lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH), n, cfg.device,
                       warmup=lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, n_batches=5),
                       batch=BATCH)
    res["torch_threads"] = threads
    return res
