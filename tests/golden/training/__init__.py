"""Golden fixtures for losses, metrics, optimizers and schedules (cases in cases.py, TF results in
<family>.json recorded by tools/gen_training_golden.py). `params`/`check` serve the shim tests."""
import json
import os
import types
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def shim_env():
    import tfkeras_shim as tf
    from tfkeras_shim.keras import activations, losses, metrics, optimizers
    keras = getattr(tf, "keras", None)
    if keras is None or not hasattr(keras, "optimizers"):
        keras = types.SimpleNamespace(losses=losses, metrics=metrics, optimizers=optimizers,
                                      activations=activations)
    return {"tf": tf, "np": np, "keras": keras, "compile_get_metric": metrics.get_metric,
            "compile_get_loss": losses.get_compile_loss}


def params(family):
    import pytest
    from . import cases
    path = os.path.join(HERE, f"{family}.json")
    recorded = json.load(open(path))["cases"] if os.path.exists(path) else {}
    return [pytest.param(cid, code, opts, recorded.get(cid), id=cid)
            for cid, code, opts in cases.FAMILIES[family]]


def check(cid, code, opts, recorded):
    from tests.golden.serialize import compare, run_case
    assert recorded is not None, f"no TF record for {cid}; run tools/gen_training_golden.py"
    assert recorded["code"] == code, f"case {cid} changed; re-run tools/gen_training_golden.py"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = run_case(code, shim_env())
    diffs = compare(recorded["result"], got, rtol=opts.get("rtol", 1e-5),
                    atol=opts.get("atol", 1e-6))
    assert not diffs, "\n".join(diffs)
