"""Helpers of the saving tests: fixture paths, the reference model of layout.txt, comparisons."""
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FX = os.path.join(ROOT, "tests", "fixtures", "saving")


def fx(name):
    return os.path.join(FX, name)


def interop_model(keras):
    """The Sequential of shared/reference/gen/gen_saving.py (the model of layout.txt)."""
    L = keras.layers
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(10, 4), L.LSTM(4, return_sequences=True), L.Reshape((6, 4, 1)),
        L.Conv2D(2, 3, padding="same"), L.BatchNormalization(), L.Flatten(), L.Dense(1),
    ], name="interop_seq")


def interop_data():
    x = np.load(fx("interop_x.npy"))
    y = np.random.RandomState(1).rand(8, 1).astype("float32")
    return x, y


def as_list(p):
    if isinstance(p, dict):
        return [p[k] for k in sorted(p)]
    return list(p) if isinstance(p, (list, tuple)) else [p]


def max_diff(a, b):
    return max(float(np.abs(np.asarray(x) - np.asarray(y)).max()) for x, y in zip(as_list(a), as_list(b)))


def load_npz_list(path):
    with np.load(path) as z:
        return [z[f"arr_{i}"] for i in range(len(z.files))]


def json_diff(a, b, path=""):
    """Readable differences between two JSON-like values (shim first, reference second)."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{path}/{k}: missing")
            elif k not in b:
                out.append(f"{path}/{k}: extra")
            else:
                out += json_diff(a[k], b[k], f"{path}/{k}")
    elif isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            out += json_diff(x, y, f"{path}[{i}]")
    elif a != b:
        out.append(f"{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}")
    return out


def run_fresh(script, *args, timeout=240):
    """Run `script` (Python source) in a fresh interpreter with tests/saving on sys.path."""
    env = dict(os.environ, TFKERAS_SHIM_DEVICE="cpu", PYTHONPATH=os.pathsep.join(
        [HERE, ROOT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    r = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                       timeout=timeout, env=env, cwd=ROOT)
    if r.returncode != 0:
        raise AssertionError(f"fresh process failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout
