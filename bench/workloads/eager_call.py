"""Eager `model(x)` latency: 3-Dense Sequential (16 -> 64 relu -> 64 relu -> 8) on a (32, 16)
float32 batch, against the same nn.Sequential forward (grad mode on, as a plain `model(x)` in
torch is; the torch worker also reports the forward under torch.no_grad as `no_grad_us`).
Same shapes as bench/keras_call_overhead.py, which breaks the overhead down further
(Sequential / Functional / subclassed, Layer.__call__ alone)."""
import numpy as np

from ._common import pin_threads, time_calls, torch_device


def build(keras):
    return keras.Sequential([
        keras.Input(shape=(16,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(8),
    ])


def run(impl, cfg):
    xn = np.random.default_rng(0).random((32, 16), dtype=np.float32)
    block = 0.05 if cfg.quick else 0.2
    if impl == "shim":
        import tfkeras_shim as tf
        threads = pin_threads(impl, cfg.threads, tf)
        model = build(tf.keras)
        x = tf.constant(xn)
        res = time_calls(lambda: model(x), cfg.device, min_block_s=block)
    elif impl == "keras3":
        import keras
        threads = pin_threads(impl, cfg.threads)
        model = build(keras)
        x = keras.ops.convert_to_tensor(xn)
        res = time_calls(lambda: model(x), cfg.device, min_block_s=block)
    else:
        import torch
        import torch.nn as nn
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
                              nn.Linear(64, 8)).to(dev)
        xt = torch.from_numpy(xn).to(dev)
        res = time_calls(lambda: model(xt), cfg.device, min_block_s=block)
        with torch.no_grad():
            res["no_grad_us"] = time_calls(lambda: model(xt), cfg.device, min_block_s=block,
                                           blocks=3)["value"]
    res["torch_threads"] = threads
    return res
