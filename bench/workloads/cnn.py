"""CNN on 28x28x1: Conv2D(32,3,relu)-MaxPool(2)-Conv2D(64,3,relu)-MaxPool(2)-Flatten-
Dense(128,relu)-Dense(10); batch 128, Adam(1e-3), sparse CE from logits, accuracy.
The Keras side takes NHWC numpy (as tutorials feed MNIST); the torch loop gets the same data
as an NCHW tensor, converted once before timing (what a torch user holds).
`precision` = a Keras mixed-precision policy (CUDA rows): torch side uses autocast."""
from ._common import classification, pin_threads, time_fit, torch_device

BATCH = 128


def build(keras):
    layers = keras.layers
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dense(10),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model


def keras_fit(keras, x, y, cfg, precision):
    if precision:
        keras.mixed_precision.set_global_policy(precision)
    model = build(keras)
    warm = lambda: model.fit(x[:5 * BATCH], y[:5 * BATCH], batch_size=BATCH, epochs=1, verbose=0)
    fit = lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0).history["loss"][-1]
    return time_fit(fit, len(x), cfg.device, warmup=warm, batch=BATCH)


def torch_model():
    import torch.nn as nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))


def run(impl, cfg, precision=None):
    n = cfg.n(12800 if cfg.device == "cpu" else 60000, 2560, BATCH)
    x, y = classification(n, (28, 28, 1))
    if impl == "shim":
        import tfkeras_shim as tf
        threads = pin_threads(impl, cfg.threads, tf)
        res = keras_fit(tf.keras, x, y, cfg, precision)
    elif impl == "keras3":
        import keras
        threads = pin_threads(impl, cfg.threads)
        res = keras_fit(keras, x, y, cfg, precision)
    else:
        import torch
        from ._torchloop import amp_setup, fit_epoch
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = torch_model().to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        amp, scaler = amp_setup(precision, cfg.device)
        xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy()).to(dev)
        yt = torch.from_numpy(y).to(dev)
        kw = dict(amp_dtype=amp, scaler=scaler)
        res = time_fit(lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, **kw), n, cfg.device,
                       warmup=lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, n_batches=5, **kw),
                       batch=BATCH)
    res["torch_threads"] = threads
    return res
