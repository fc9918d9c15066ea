"""ResNet-20 (CIFAR style: conv16, 3 stages x 3 basic blocks of 16/32/64 filters with
BatchNorm, 1x1 projection shortcuts at stage changes, global average pooling, Dense(10)) on
32x32x3 synthetic data, batch 256, SGD(0.1, momentum 0.9), sparse CE from logits, accuracy.
CUDA rows only (bench/run.py skips it on CPU unless --allow-cpu-only-workloads).
Note: TF 'same' padding with stride 2 on an even size pads bottom/right only; the torch model
uses padding=1 (symmetric, what torch users write), so the shim pays an F.pad there."""
from ._common import classification, pin_threads, time_fit, torch_device

BATCH = 256


def build(keras):
    L = keras.layers

    def conv_bn(x, filters, kernel, stride, relu=True):
        x = L.Conv2D(filters, kernel, strides=stride, padding="same", use_bias=False)(x)
        x = L.BatchNormalization()(x)
        return L.Activation("relu")(x) if relu else x

    inputs = keras.Input(shape=(32, 32, 3))
    x = conv_bn(inputs, 16, 3, 1)
    for stage, filters in enumerate((16, 32, 64)):
        for block in range(3):
            stride = 2 if stage > 0 and block == 0 else 1
            y = conv_bn(x, filters, 3, stride)
            y = conv_bn(y, filters, 3, 1, relu=False)
            if stride != 1:
                x = conv_bn(x, filters, 1, stride, relu=False)
            x = L.Activation("relu")(L.Add()([x, y]))
    x = L.GlobalAveragePooling2D()(x)
    outputs = L.Dense(10)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model


def keras_fit(keras, x, y, cfg, precision):
    if precision:
        keras.mixed_precision.set_global_policy(precision)
    model = build(keras)
    warm = lambda: model.fit(x[:3 * BATCH], y[:3 * BATCH], batch_size=BATCH, epochs=1, verbose=0)
    fit = lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0).history["loss"][-1]
    return time_fit(fit, len(x), cfg.device, warmup=warm, batch=BATCH)


def torch_model():
    import torch.nn as nn

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.b1 = nn.BatchNorm2d(cout)
            self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.b2 = nn.BatchNorm2d(cout)
            self.short = None
            if stride != 1:
                self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                           nn.BatchNorm2d(cout))
            self.relu = nn.ReLU()

        def forward(self, x):
            y = self.relu(self.b1(self.c1(x)))
            y = self.b2(self.c2(y))
            s = x if self.short is None else self.short(x)
            return self.relu(s + y)

    layers = [nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    cin = 16
    for stage, filters in enumerate((16, 32, 64)):
        for block in range(3):
            layers.append(Block(cin, filters, 2 if stage > 0 and block == 0 else 1))
            cin = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def run(impl, cfg, precision=None):
    n = cfg.n(25600, 1024, BATCH)
    x, y = classification(n, (32, 32, 3))
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
        if cfg.device == "cuda":
            model = model.to(memory_format=torch.channels_last)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        loss_fn = torch.nn.CrossEntropyLoss()
        amp, scaler = amp_setup(precision, cfg.device)
        xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy()).to(dev)
        if cfg.device == "cuda":
            xt = xt.contiguous(memory_format=torch.channels_last)
        yt = torch.from_numpy(y).to(dev)
        kw = dict(amp_dtype=amp, scaler=scaler)
        res = time_fit(lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, **kw), n, cfg.device,
                       warmup=lambda: fit_epoch(model, opt, loss_fn, xt, yt, BATCH, n_batches=3, **kw),
                       batch=BATCH)
    res["torch_threads"] = threads
    return res
