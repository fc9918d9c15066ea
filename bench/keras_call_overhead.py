"""Eager call overhead of Keras models on the shim against the equivalent torch nn.Module.

    .venv/bin/python bench/keras_call_overhead.py [--quick] [--strict]

A 3-Dense MLP (16 -> 64 -> 64 -> 8, relu) on a (32, 16) float32 batch, as Sequential,
Functional and subclassed Keras models, against `nn.Sequential(Linear, ReLU, ...)`.
torch pinned to one thread so the figures measure Python dispatch. Median of paired runs.
Target: Keras model call <= 1.5 x the nn.Sequential forward. Also: per-call overhead of
`Layer.__call__` (Identity layer vs nn.Identity).
"""
import argparse
import statistics
import sys
import timeit

import numpy as np
import torch

TARGET_RATIO = 1.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    import tfkeras_shim as tf
    from tfkeras_shim import keras
    L = keras.layers
    number, repeat = (500, 5) if args.quick else (3000, 9)

    x = tf.constant(np.random.rand(32, 16).astype("float32"))
    xt = torch.randn(32, 16)
    seq = keras.Sequential([keras.Input((16,)), L.Dense(64, activation="relu"),
                            L.Dense(64, activation="relu"), L.Dense(8)])
    inp = keras.Input((16,))
    h = L.Dense(64, activation="relu")(inp)
    h = L.Dense(64, activation="relu")(h)
    fun = keras.Model(inp, L.Dense(8)(h))

    class Sub(keras.Model):
        def __init__(self):
            super().__init__()
            self.a = L.Dense(64, activation="relu")
            self.b = L.Dense(64, activation="relu")
            self.c = L.Dense(8)

        def call(self, x):
            return self.c(self.b(self.a(x)))

    sub = Sub()
    ref = torch.nn.Sequential(torch.nn.Linear(16, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 8))
    ident = L.Identity()
    tident = torch.nn.Identity()
    cases = [("Sequential", lambda: seq(x), lambda: ref(xt)),
             ("Functional", lambda: fun(x), lambda: ref(xt)),
             ("subclassed", lambda: sub(x), lambda: ref(xt)),
             ("Layer.__call__ (Identity)", lambda: ident(x), lambda: tident(xt))]
    failed = False
    print(f"{'case':28s} {'shim us':>9s} {'torch us':>9s} {'ratio':>6s}")
    for name, f, g in cases:
        for _ in range(200):
            f(), g()
        s, t = [], []
        for _ in range(repeat):
            s.append(timeit.timeit(f, number=number) / number * 1e6)
            t.append(timeit.timeit(g, number=number) / number * 1e6)
        ms, mt = statistics.median(s), statistics.median(t)
        ratio = ms / mt
        print(f"{name:28s} {ms:9.2f} {mt:9.2f} {ratio:6.2f}")
        if name != "Layer.__call__ (Identity)" and ratio > TARGET_RATIO:
            failed = True
    print("target: model call <= %.1f x nn.Sequential: %s" % (TARGET_RATIO, "FAIL" if failed else "ok"))
    if args.strict and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
