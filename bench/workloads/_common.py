"""Helpers shared by the workload modules: threads, timing, memory, synthetic data, devices.

Memory: CPU peak RSS is the kernel's high-water mark `VmHWM` from /proc/self/status, reset just
before the timed region by writing "5" to /proc/self/clear_refs (Linux >= 4.0), so the figure is
the peak reached during the measured fit (data and model already resident count, imports do
too). Where clear_refs cannot be written the peak since process start is reported
(`rss_peak_reset: false`). On CUDA: torch.cuda.max_memory_allocated after
reset_peak_memory_stats.
"""
import os
import statistics
import time

import numpy as np


class Config:
    def __init__(self, impl, device, threads, quick, scale=1.0):
        self.impl, self.device, self.threads, self.quick, self.scale = impl, device, threads, quick, scale

    def n(self, full, quick, multiple=1):
        """Sample count: `full` or `quick`, times --scale, rounded down to a multiple."""
        v = int((quick if self.quick else full) * self.scale)
        return max(multiple, v // multiple * multiple)


# -- threads ---------------------------------------------------------------------------------

def pin_threads(impl, n, tf=None):
    """Pin intra-op threads the way each side's user does; return what torch reports."""
    import torch
    if impl == "shim":
        tf.config.threading.set_intra_op_parallelism_threads(n)   # must set torch's pool
    else:
        torch.set_num_threads(n)
    return torch.get_num_threads()


# -- devices ---------------------------------------------------------------------------------

def sync(device):
    if device == "cuda":
        import torch
        torch.cuda.synchronize()


def torch_device(device):
    import torch
    return torch.device("cuda" if device == "cuda" else "cpu")


# -- memory ----------------------------------------------------------------------------------

def _status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_mib():
    return _status_kb("VmRSS") / 1024.0


def reset_peak(device):
    ok = True
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        ok = False
    if device == "cuda":
        import torch
        torch.cuda.reset_peak_memory_stats()
    return ok


def peak(device):
    out = {"rss_peak_mib": _status_kb("VmHWM") / 1024.0}
    if device == "cuda":
        import torch
        out["cuda_peak_mib"] = torch.cuda.max_memory_allocated() / 2**20
    return out


# -- timing ----------------------------------------------------------------------------------

REGION = {"seconds": 0.0, "units": 0}   # totals over all timed regions of this process


def _timed_region(fn):
    """Every measured call goes through this frame (bench/run.py --profile keeps only the
    samples under it and divides by REGION's units to get time per step / call)."""
    return fn()


def time_once(fn, device, units=1):
    sync(device)
    t0 = time.perf_counter()
    out = _timed_region(fn)
    sync(device)
    dt = time.perf_counter() - t0
    REGION["seconds"] += dt
    REGION["units"] += units
    return dt, out


def time_fit(fn, n_samples, device, warmup=None, batch=None):
    """Warm-up (optional, untimed), reset the memory peak, time `fn` once: throughput, memory.
    Profile units are steps (n_samples / batch)."""
    res = {}
    if warmup is not None:
        sync(device)
        t0 = time.perf_counter()
        warmup()
        sync(device)
        res["warmup_s"] = time.perf_counter() - t0
    rss_before = rss_mib()
    res["rss_peak_reset"] = reset_peak(device)
    steps = -(-n_samples // batch) if batch else 1
    dt, out = time_once(fn, device, units=steps)
    res.update(peak(device))
    res["rss_before_mib"] = rss_before
    res["rss_fit_delta_mib"] = res["rss_peak_mib"] - rss_before
    res.update(value=n_samples / dt, unit="samples/s", seconds=dt, samples=n_samples)
    if batch:
        res["us_per_step"] = dt / steps * 1e6
    if out is not None:
        res["final_loss"] = float(out)
    return res


def _calls(fn, n):
    for _ in range(n):
        fn()


def time_calls(fn, device, min_block_s=0.1, blocks=11, warmup=30):
    """Median per-call time (µs) over `blocks` blocks of calls, each block ~min_block_s.
    The median over short blocks resists the bursts of other jobs on a shared machine;
    block_min_us is the quiet-machine estimate."""
    for _ in range(warmup):
        fn()
    sync(device)
    n = 1                                     # size one block (untimed for the profile)
    while True:
        sync(device)
        t0 = time.perf_counter()
        _calls(fn, n)
        sync(device)
        dt = time.perf_counter() - t0
        if dt >= min_block_s / 4 or n >= 1 << 20:
            break
        n *= 2
    n = max(1, int(n * min_block_s / max(dt, 1e-9)))
    per = []
    for _ in range(blocks):
        dt, _ = time_once(lambda: _calls(fn, n), device, units=n)
        per.append(dt / n * 1e6)
    return {"value": statistics.median(per), "unit": "us", "calls_per_block": n,
            "blocks": blocks, "block_min_us": min(per), "block_max_us": max(per)}


# -- synthetic data --------------------------------------------------------------------------

def rng(seed=0):
    return np.random.default_rng(seed)


def classification(n, shape, classes=10, seed=0):
    r = rng(seed)
    x = r.random((n,) + tuple(shape), dtype=np.float32)
    y = r.integers(0, classes, size=(n,)).astype(np.int64)
    return x, y


def sequences(n, length=100, vocab=10000, masked=False, seed=0):
    """Token ids in [1, vocab); with `masked`, random lengths 10..length, zeros after (right
    padding)."""
    r = rng(seed)
    x = r.integers(1, vocab, size=(n, length)).astype(np.int32)
    if masked:
        lengths = r.integers(10, length + 1, size=(n,))
        x[np.arange(length)[None, :] >= lengths[:, None]] = 0
    y = r.integers(0, 2, size=(n, 1)).astype(np.float32)
    return x, y
