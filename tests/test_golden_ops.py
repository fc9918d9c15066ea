"""The shim against real TensorFlow's recorded results (tests/golden/data, made by tools/gen_golden.py)."""
import json
import os

import numpy as np
import pytest

import tfkeras_shim as tf
from tests.golden import cases
from tests.golden.serialize import compare, run_case

DATA = os.path.join(os.path.dirname(__file__), "golden", "data")


def _params():
    out = []
    for fam in cases.families():
        path = os.path.join(DATA, f"{fam}.json")
        recorded = json.load(open(path))["cases"] if os.path.exists(path) else {}
        for case in cases.load(fam):
            cid, code = case[0], case[1]
            opts = case[2] if len(case) > 2 else {}
            out.append(pytest.param(fam, cid, code, opts, recorded.get(cid), id=f"{fam}:{cid}"))
    return out


@pytest.mark.parametrize("family,cid,code,opts,recorded", _params())
def test_matches_tensorflow(family, cid, code, opts, recorded):
    assert recorded is not None, f"no TF record for {family}:{cid}; run tools/gen_golden.py {family}"
    assert recorded["code"] == code, f"case {cid} changed since TF recorded it; re-run tools/gen_golden.py"
    if "requires" in opts:  # an optional extra (e.g. Pillow for JPEG re-encoding)
        pytest.importorskip(opts["requires"])
    if "seed" in opts:
        tf.random.set_seed(opts["seed"])
    got = run_case(code, {"tf": tf, "np": np})
    diffs = compare(recorded["result"], got, rtol=opts.get("rtol", 1e-6), atol=opts.get("atol", 0.0),
                    shape_only=opts.get("shape_only", False))
    assert not diffs, "\n".join(diffs)
