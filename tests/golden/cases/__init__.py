"""Golden op cases: one module per op family, each with CASES = [(id, code[, options]), ...].

`code` is a Python expression (or statements setting `out`) using `tf` and `np` only; it is run
unchanged by real TensorFlow (tools/gen_golden.py, by hand) and by the shim (tests/test_golden_ops.py).
options: rtol (default 1e-6), atol (default 0), shape_only (random ops), requires (a module the
case needs, e.g. "PIL": skipped without it), seed (int: both sides
call tf.random.set_seed first).
"""
import importlib
import pkgutil


def families():
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(family):
    return importlib.import_module(f"{__name__}.{family}").CASES
