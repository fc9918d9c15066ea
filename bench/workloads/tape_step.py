"""One custom training step of a small model (64 -> 128 relu -> 128 relu -> 10, batch 32,
Adam(1e-3), sparse CE from logits): forward, loss, gradient, apply_gradients.

mode "eager": the step as a plain Python function; "function": under @tf.function;
"jit": tf.function(jit_compile=True) (torch.compile; the shim may fall back to eager, reported
as `jit_fallback`). The torch side is always the eager idiomatic step (zero_grad, forward,
loss, backward, torch.optim.Adam.step with torch's defaults). Keras 3 (eager only) uses its
documented torch-backend pattern: loss.backward() and optimizer.apply(grads, variables)."""
import warnings

import numpy as np

from ._common import pin_threads, time_calls, torch_device


def build(keras):
    return keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ])


def shim_step(tf, mode):
    model = build(tf.keras)
    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    if mode == "function":
        train_step = tf.function(train_step)
    elif mode == "jit":
        train_step = tf.function(train_step, jit_compile=True)
    return train_step


def run(impl, cfg, mode="eager"):
    r = np.random.default_rng(0)
    xn = r.random((32, 64), dtype=np.float32)
    yn = r.integers(0, 10, size=(32,))
    block = 0.05 if cfg.quick else 0.25
    extra = {}
    if impl == "shim":
        import tfkeras_shim as tf
        threads = pin_threads(impl, cfg.threads, tf)
        step = shim_step(tf, mode)
        x, y = tf.constant(xn), tf.constant(yn.astype(np.int32))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import time
            t0 = time.perf_counter()
            step(x, y)
            extra["first_call_s"] = time.perf_counter() - t0
        if mode == "jit":
            msgs = [str(w.message) for w in caught if "eager" in str(w.message)]
            extra["jit_fallback"] = bool(msgs)
            if msgs:
                extra["jit_fallback_reason"] = msgs[0][:300]
        res = time_calls(lambda: step(x, y), cfg.device, min_block_s=block)
    elif impl == "keras3":
        import keras
        import torch
        threads = pin_threads(impl, cfg.threads)
        model = build(keras)
        optimizer = keras.optimizers.Adam(learning_rate=1e-3)
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        x, y = keras.ops.convert_to_tensor(xn), keras.ops.convert_to_tensor(yn.astype(np.int32))
        optimizer.build(model.trainable_variables)

        def step():
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
            model.zero_grad()
            loss.backward()
            grads = [v.value.grad for v in model.trainable_variables]
            with torch.no_grad():
                optimizer.apply(grads, model.trainable_variables)
            return loss

        res = time_calls(step, cfg.device, min_block_s=block)
    else:
        import torch
        import torch.nn as nn
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                              nn.Linear(128, 10)).to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        x, y = torch.from_numpy(xn).to(dev), torch.from_numpy(yn).to(dev)

        def step():
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            return loss

        res = time_calls(step, cfg.device, min_block_s=block)
    res.update(extra)
    res["torch_threads"] = threads
    return res
