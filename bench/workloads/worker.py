"""Run ONE measurement in this interpreter and print it as a `BENCH_RESULT {json}` line.

    python bench/workloads/worker.py WORKLOAD IMPL [--device cpu|cuda] [--threads N]
                                     [--quick] [--scale F]

Started by bench/run.py (one fresh process per measurement); handy on its own for profiling,
e.g. `py-spy record -- .venv/bin/python bench/workloads/worker.py mlp_fit shim`.
The device is fixed before any import: the shim gets TFKERAS_SHIM_DEVICE=cpu on CPU, Keras 3
gets CUDA_VISIBLE_DEVICES="" (it has no other switch).
"""
import argparse
import importlib
import json
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("workload")
    ap.add_argument("impl", choices=("shim", "torch", "keras3"))
    ap.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args(argv)

    if a.device == "cpu":
        os.environ["TFKERAS_SHIM_DEVICE"] = "cpu"
        if a.impl == "keras3":
            os.environ["CUDA_VISIBLE_DEVICES"] = ""
    if a.impl == "keras3":
        os.environ["KERAS_BACKEND"] = "torch"
    sys.path.insert(0, os.path.dirname(HERE))          # bench/ -> package `workloads`
    from workloads import WORKLOADS
    spec = WORKLOADS[a.workload]
    load0 = os.getloadavg()
    t0 = time.time()
    out = {"workload": a.workload, "impl": a.impl, "device": a.device, "threads": a.threads,
           "quick": a.quick, "loadavg_start": load0[0]}
    try:
        mod = importlib.import_module("workloads." + spec["module"])
        if spec["module"] == "import_time":
            res = mod.run(a.impl, None, **spec["params"])
        else:
            from workloads._common import Config
            res = mod.run(a.impl, Config(a.impl, a.device, a.threads, a.quick, a.scale),
                          **spec["params"])
        out.update(res)
        out["ok"] = True
        if "workloads._common" in sys.modules:
            region = sys.modules["workloads._common"].REGION
            out["region_s"], out["region_units"] = region["seconds"], region["units"]
    except Exception as e:  # reported, not raised: the driver shows the row as failed
        out["ok"] = False
        out["error"] = f"{type(e).__name__}: {e}"[:500]
        out["traceback"] = traceback.format_exc()[-3000:]
    out["loadavg_end"] = os.getloadavg()[0]
    out["wall_s"] = time.time() - t0
    try:
        import torch
        out["torch_version"] = torch.__version__
    except Exception:
        pass
    sys.stdout.flush()
    print("BENCH_RESULT " + json.dumps(out), flush=True)
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
