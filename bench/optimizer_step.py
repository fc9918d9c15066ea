"""Micro-benchmark: one Adam step on an MLP's parameters (784-256-256-10, 6 tensors).

Compares the shim's keras.optimizers.Adam (Keras formulas, foreach kernels, step count and bias
corrections kept on the device) with torch.optim.Adam(foreach=True) on the same shapes.

    python bench/optimizer_step.py [--steps 2000] [--device cpu|cuda] [--threads 2]
"""
import argparse
import time

import numpy as np
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import optimizers

SHAPES = [(784, 256), (256,), (256, 256), (256,), (256, 10), (10,)]


def _time(fn, steps, device):
    if device == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(steps):
        fn()
    if device == "cuda":
        torch.cuda.synchronize()
    return (time.perf_counter() - t0) / steps


def _compare(fa, fb, steps, device, rounds=7):
    """Interleaved blocks (noise on a shared machine hits both); median per-step times."""
    for _ in range(20):
        fa()
        fb()
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(_time(fa, max(steps // rounds, 1), device))
        tb.append(_time(fb, max(steps // rounds, 1), device))
    return float(np.median(ta)), float(np.median(tb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    dev = torch.device(args.device)
    rs = np.random.RandomState(0)
    init = [rs.normal(size=s).astype(np.float32) * 0.05 for s in SHAPES]
    grads = [torch.from_numpy(rs.normal(size=s).astype(np.float32) * 1e-3).to(dev) for s in SHAPES]

    with tf.device(str(dev)):
        svars = [tf.Variable(a, name=f"v{i}") for i, a in enumerate(init)]
    sopt = optimizers.Adam(1e-3)
    pairs = list(zip(grads, svars))

    tparams = [torch.nn.Parameter(torch.from_numpy(a).to(dev)) for a in init]
    for p, g in zip(tparams, grads):
        p.grad = g
    topt = torch.optim.Adam(tparams, lr=1e-3, eps=1e-7, foreach=True)

    t_shim, t_torch = _compare(lambda: sopt.apply_gradients(pairs), topt.step, args.steps,
                               args.device)
    n = sum(int(np.prod(s)) for s in SHAPES)
    print(f"device={args.device} threads={args.threads} params={n} steps={args.steps}")
    print(f"shim keras Adam.apply_gradients : {t_shim * 1e6:8.1f} us/step")
    print(f"torch.optim.Adam(foreach=True)  : {t_torch * 1e6:8.1f} us/step")
    print(f"ratio shim/torch                : {t_shim / t_torch:8.2f}x")


if __name__ == "__main__":
    main()
