"""Import time in a fresh interpreter (the import statements only, not interpreter start-up).

Every side imports torch first and times it (`torch_s`); the shim then times
`import tfkeras_shim` (its own share, `own_s`: the shim imports torch first anyway, so
torch_s + own_s is the cold `import tfkeras_shim` a user sees), Keras 3 `import keras`.
This module must not import numpy or anything else before the timed imports.
See also bench/ops_overhead.py (import section, -X importtime breakdown)."""
import time


def run(impl, cfg):
    t0 = time.perf_counter()
    import torch  # noqa: F401
    t1 = time.perf_counter()
    if impl == "shim":
        import tfkeras_shim  # noqa: F401
    elif impl == "keras3":
        import keras  # noqa: F401
    t2 = time.perf_counter()
    return {"value": t2 - t0, "unit": "s", "torch_s": t1 - t0, "own_s": t2 - t1}
