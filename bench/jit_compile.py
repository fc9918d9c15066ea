"""Eager vs `jit_compile=True` (torch.compile) for small MLP train steps on the shim.

    .venv/bin/python bench/jit_compile.py                 # all workloads, inductor
    .venv/bin/python bench/jit_compile.py --quick         # fewer rounds (smoke run)
    .venv/bin/python bench/jit_compile.py --workload tape_small --backend aot_eager

Workloads (each a full training step: forward, loss, gradient, optimizer update):
  tape_small   Keras MLP 64-128-128-10, batch 32, Adam, the TF2 custom-loop step
               (`GradientTape` + `optimizer.apply_gradients`) under `tf.function`
  tape_mnist   the same step for MLP 784-256-256-10, batch 128
  keras_step   `model.train_step((x, y))` of a compiled Keras model (64-128-128-10, batch 32,
               Adam, sparse CE from logits, accuracy) through `tfkeras_shim._compile.compile_fn`
               (what `Model.compile(jit_compile=True)` uses), first step eager (`warmup=1`)
  raw_tf       tf.Variables + tf.matmul/tf.nn.relu + GradientTape + `assign_sub` (no Keras)

Modes: `eager` (the plain Python step), `jit` (`tf.function(jit_compile=True)` / `compile_fn`),
and `jit-noag` (`compile_fn(trace_autograd=False)`: torch.autograd.grad is not traced, the graph
splits there). Eager and compiled steps train copies of one model from the same weights;
"max abs dw" is the largest difference of their weights after 10 steps (the numbers check;
over hundreds of steps float32 rounding differences get amplified by ReLU/Adam, as between
any two differently fused implementations).

Timing: torch pinned to `--threads` threads (default 1), one fresh process per workload
(TorchDynamo's caches and counters do not leak between workloads). After the compile
(first calls, reported as "compile s"), rounds of `--steps` steps alternate between the modes;
figures are medians over `--rounds` rounds in ms per step of CPU time (`time.process_time`:
on a shared machine other jobs inflate wall time, shown in brackets, by whole scheduler slices). "graphs"/"breaks" are
torch._dynamo counters of that mode (unique graphs, graph-break reasons).
"""
import argparse
import contextlib
import datetime
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np


def _model(tf, sizes, seed=0):
    keras = tf.keras
    tf.random.set_seed(seed)
    layers = [keras.Input(shape=(sizes[0],))]
    layers += [keras.layers.Dense(n, activation="relu") for n in sizes[1:-1]]
    layers += [keras.layers.Dense(sizes[-1])]
    return keras.Sequential(layers)


def _data(tf, n_in, batch, n_out=10):
    r = np.random.default_rng(0)
    return (tf.constant(r.random((batch, n_in), dtype=np.float32)),
            tf.constant(r.integers(0, n_out, size=(batch,)).astype(np.int32)))


def tape_steps(tf, sizes, batch, modes):
    """{mode: (step(), weights())} for the custom-loop step, one model copy per mode."""
    from tfkeras_shim._compile import compile_fn
    x, y = _data(tf, sizes[0], batch)
    ref = None
    out = {}
    for mode in modes:
        model = _model(tf, sizes)
        if ref is None:
            ref = model.get_weights()
        model.set_weights(ref)
        opt = tf.keras.optimizers.Adam(learning_rate=1e-3)
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        def train_step(x, y, model=model, opt=opt, loss_fn=loss_fn):
            with tf.GradientTape() as tape:
                logits = model(x, training=True)
                loss = loss_fn(y, logits)
            grads = tape.gradient(loss, model.trainable_variables)
            opt.apply_gradients(zip(grads, model.trainable_variables))
            return loss

        if mode == "jit":
            fn = tf.function(train_step, jit_compile=True)
        elif mode == "jit-noag":
            fn = compile_fn(train_step, trace_autograd=False, backend=_ARGS.backend)
        else:
            fn = train_step
        out[mode] = (lambda fn=fn: fn(x, y), model.get_weights)
    return out


def keras_steps(tf, sizes, batch, modes):
    from tfkeras_shim._compile import compile_fn
    x, y = _data(tf, sizes[0], batch)
    ref = None
    out = {}
    for mode in modes:
        model = _model(tf, sizes)
        if ref is None:
            ref = model.get_weights()
        model.set_weights(ref)
        model.compile(optimizer=tf.keras.optimizers.Adam(1e-3),
                      loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
        step = model.train_step
        if mode == "jit":
            fn = compile_fn(step, warmup=1, backend=_ARGS.backend)
        elif mode == "jit-noag":
            fn = compile_fn(step, warmup=1, trace_autograd=False, backend=_ARGS.backend)
        else:
            fn = step
        out[mode] = (lambda fn=fn: fn((x, y)), model.get_weights)
    return out


def raw_steps(tf, sizes, batch, modes):
    from tfkeras_shim._compile import compile_fn
    x, y = _data(tf, sizes[0], batch)
    r = np.random.default_rng(1)
    init = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        init += [(r.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32),
                 np.zeros(b, np.float32)]
    out = {}
    for mode in modes:
        ws = [tf.Variable(v) for v in init]

        def train_step(x, y, ws=ws):
            with tf.GradientTape() as tape:
                h = x
                for i in range(0, len(ws) - 2, 2):
                    h = tf.nn.relu(tf.matmul(h, ws[i]) + ws[i + 1])
                logits = tf.matmul(h, ws[-2]) + ws[-1]
                loss = tf.reduce_mean(
                    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
            grads = tape.gradient(loss, ws)
            for w, g in zip(ws, grads):
                w.assign_sub(0.01 * g)
            return loss

        if mode == "jit":
            fn = tf.function(train_step, jit_compile=True)
        elif mode == "jit-noag":
            fn = compile_fn(train_step, trace_autograd=False, backend=_ARGS.backend)
        else:
            fn = train_step
        out[mode] = (lambda fn=fn: fn(x, y), lambda ws=ws: [w.numpy() for w in ws])
    return out


WORKLOADS = {
    "tape_small": (tape_steps, (64, 128, 128, 10), 32),
    "tape_mnist": (tape_steps, (784, 256, 256, 10), 128),
    "keras_step": (keras_steps, (64, 128, 128, 10), 32),
    "raw_tf": (raw_steps, (64, 128, 128, 10), 32),
}
_ARGS = None


@contextlib.contextmanager
def _backend(name):
    """tf.function(jit_compile=True) compiles with torch.compile's default backend (inductor);
    --backend swaps it for this run."""
    import torch
    if name == "inductor":
        yield
        return
    real = torch.compile

    def compile_with(fn, **kw):
        kw["backend"] = name if not callable(kw.get("backend")) else kw["backend"]
        return real(fn, **kw)
    torch.compile = compile_with
    try:
        yield
    finally:
        torch.compile = real


def _sync_time(fn, n):
    """(wall ms, CPU ms) per call. CPU time (time.process_time) is what decides: other jobs on
    a shared machine inflate wall time by whole scheduler slices, not this process's CPU time."""
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        out = fn()
    if hasattr(out, "numpy"):
        out.numpy()
    return (time.perf_counter() - w0) / n * 1e3, (time.process_time() - c0) / n * 1e3


def bench(name, modes, rounds, steps):
    import torch
    import torch._dynamo
    from torch._dynamo.utils import counters
    import tfkeras_shim as tf
    make, sizes, batch = WORKLOADS[name]
    torch._dynamo.reset()
    fns = make(tf, sizes, batch, modes)
    info = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for mode in modes:
            counters.clear()
            step, _ = fns[mode]
            t0 = time.perf_counter()
            for _ in range(2):       # compile (jit) or warm up (eager); warmup=1 steps included
                step()
            first = time.perf_counter() - t0
            breaks = sum(counters["graph_break"].values())
            info[mode] = {"compile_s": first, "graphs": counters["stats"]["unique_graphs"],
                          "breaks": breaks, "fallback": None}
        for w in caught:
            if issubclass(w.category, RuntimeWarning) and "eagerly" in str(w.message):
                for mode in modes:
                    if mode != "eager" and info[mode]["fallback"] is None:
                        info[mode]["fallback"] = str(w.message)[:200]
    for mode in modes:       # numbers check after 10 steps (longer runs drift apart chaotically:
        for _ in range(8):   # float32 rounding differs, ReLU/Adam amplify it)
            fns[mode][0]()
    ws = {m: fns[m][1]() for m in modes}
    for mode in modes:
        info[mode]["dw"] = max(float(np.abs(a - b).max()) for a, b in zip(ws[mode], ws[modes[0]]))
    times = {m: [] for m in modes}
    for r in range(rounds):
        order = modes if r % 2 == 0 else list(reversed(modes))
        for mode in order:
            times[mode].append(_sync_time(fns[mode][0], steps))
    for mode in modes:
        info[mode]["wall_ms"] = statistics.median(t[0] for t in times[mode])
        info[mode]["ms"] = statistics.median(t[1] for t in times[mode])
    return info


def _run_worker(name, a):
    """One workload in a fresh interpreter (TorchDynamo state does not leak between workloads)."""
    import json
    import subprocess
    cmd = [sys.executable, __file__, "--worker", name, "--backend", a.backend, "--threads",
           str(a.threads), "--rounds", str(a.rounds), "--steps", str(a.steps)]
    for m in a.mode or []:
        cmd += ["--mode", m]
    r = subprocess.run(cmd, capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"worker {name} failed:\n{r.stderr[-3000:]}")


def main(argv=None):
    global _ARGS
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workload", action="append", choices=sorted(WORKLOADS))
    p.add_argument("--mode", action="append", choices=["eager", "jit", "jit-noag"])
    p.add_argument("--backend", default="inductor", help="torch.compile backend (default inductor)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--steps", type=int, default=30, help="steps per timed round")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    a = _ARGS = p.parse_args(argv)
    if a.quick:
        a.rounds, a.steps = 3, 10
    modes = a.mode or ["eager", "jit", "jit-noag"]
    if "eager" not in modes:
        modes = ["eager"] + modes
    import torch
    torch.set_num_threads(a.threads)
    if a.worker:
        import json
        with _backend(a.backend):
            info = bench(a.worker, modes, a.rounds, a.steps)
        print("RESULT " + json.dumps(info))
        return 0
    workloads = a.workload or list(WORKLOADS)
    try:
        load = f", load average {os.getloadavg()[0]:.2f}"
    except OSError:
        load = ""
    print(f"# tfkeras_shim jit_compile benchmark, {datetime.date.today().isoformat()}")
    print(f"{os.cpu_count()}-core CPU, Python {platform.python_version()}, torch {torch.__version__}, "
          f"torch threads {a.threads}, backend {a.backend}{load}")
    print(f"median of {a.rounds} rounds x {a.steps} steps, CPU ms per step (wall ms in brackets); "
          f"one process per workload\n")
    print("| workload | mode | CPU ms/step (wall) | speedup vs eager | compile s | graphs | breaks | max abs dw | fallback |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for name in workloads:
        info = _run_worker(name, a)
        base = info["eager"]["ms"]
        for mode in modes:
            i = info[mode]
            comp = "-" if mode == "eager" else f"{i['compile_s']:.1f}"
            fb = "-" if mode == "eager" else ("no" if i["fallback"] is None else i["fallback"])
            graphs = "-" if mode == "eager" else i["graphs"]
            breaks = "-" if mode == "eager" else i["breaks"]
            print(f"| {name} | {mode} | {i['ms']:.3f} ({i['wall_ms']:.3f}) | {base / i['ms']:.2f}x | {comp} | {graphs} | "
                  f"{breaks} | {i['dw']:.1e} | {fb} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
