"""tf.data input pipeline speed: one epoch of
`from_tensor_slices((x, y)).shuffle(60000).batch(128).prefetch(AUTOTUNE)` (x 60000x784 float32,
y int64) against slicing the same numpy arrays with a fresh permutation in a plain loop.

    .venv/bin/python bench/data_pipeline.py           # table
    .venv/bin/python bench/data_pipeline.py --quick   # fewer rounds

Both sides produce every batch as a tensor pair (the plain loop: `torch.from_numpy(x[idx])`),
so the ratio measures the Dataset machinery. Rounds alternate between the two sides; the ratio
reported is median(plain) / median(dataset) (1.0 = as fast as the plain loop; target >= 0.9).
Also timed: the element-wise path (`.map(f)` before `.batch`, which runs per element), the
`_batched_arrays()` hook a fit data adapter uses, and iteration without prefetch.
"""
import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tfkeras_shim as tf  # noqa: E402

N, DIM, B = 60000, 784, 128


def plain_epoch(x, y):
    perm = np.random.permutation(len(x))
    n = 0
    for i in range(0, len(x), B):
        idx = perm[i:i + B]
        batch = torch.from_numpy(x[idx]), torch.from_numpy(y[idx])
        n += batch[0].shape[0] > 0
    return n


def dataset_epoch(ds):
    n = 0
    for a, b in ds:
        n += 1
    return n


def plan_epoch(plan):
    n = 0
    for idx in plan.index_batches():
        a, b = plan.finish(plan.gather(idx))
        n += 1
    return n


def timed(f, *a):
    t = time.perf_counter()
    n = f(*a)
    return time.perf_counter() - t, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=None)
    args = ap.parse_args()
    rounds = args.rounds or (3 if args.quick else 9)
    rng = np.random.RandomState(0)
    x = rng.rand(N, DIM).astype(np.float32)
    y = rng.randint(0, 10, N).astype(np.int64)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(N).batch(B).prefetch(tf.data.AUTOTUNE)
    ds_noprefetch = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(N).batch(B)
    plan = ds._batched_arrays()
    dataset_epoch(ds)
    plain_epoch(x, y)  # warm up
    t_plain, t_ds, t_np, t_plan = [], [], [], []
    for _ in range(rounds):
        t_plain.append(timed(plain_epoch, x, y)[0])
        dt, n = timed(dataset_epoch, ds)
        assert n == -(-N // B)
        t_ds.append(dt)
        t_np.append(timed(dataset_epoch, ds_noprefetch)[0])
        t_plan.append(timed(plan_epoch, plan)[0])
    small = 10000
    elem = tf.data.Dataset.from_tensor_slices((x[:small], y[:small])).map(lambda a, b: (a, b)).batch(B)
    t_elem = statistics.median(timed(dataset_epoch, elem)[0] for _ in range(max(1, rounds // 3)))
    med = statistics.median
    ratio = med(t_plain) / med(t_ds)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
          f"threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f}")
    print(f"{rounds} rounds, one epoch = {-(-N // B)} batches of {B}")
    print("| pipeline | median s/epoch | min s/epoch |")
    print("| --- | --- | --- |")
    print(f"| plain numpy permutation + slicing | {med(t_plain):.4f} | {min(t_plain):.4f} |")
    print(f"| Dataset shuffle.batch.prefetch | {med(t_ds):.4f} | {min(t_ds):.4f} |")
    print(f"| Dataset shuffle.batch (no prefetch) | {med(t_np):.4f} | {min(t_np):.4f} |")
    print(f"| `_batched_arrays()` plan (fit hook) | {med(t_plan):.4f} | {min(t_plan):.4f} |")
    print(f"| element-wise map before batch, {small} rows | {t_elem:.4f} | - |")
    print(f"ratio plain/dataset (median): {ratio:.2f}  (min-based: {min(t_plain) / min(t_ds):.2f}); target >= 0.9: "
          f"{'PASS' if ratio >= 0.9 else 'MISS'}")


if __name__ == "__main__":
    main()
