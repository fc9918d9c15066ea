"""Record real TensorFlow's results for the golden op cases (run by hand, never in CI).

    .venv-tf/bin/python tools/gen_golden.py [family ...]

Needs tensorflow-cpu (2.21) in the running Python. Writes tests/golden/data/<family>.json.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from tests.golden import cases  # noqa: E402
from tests.golden.serialize import run_case  # noqa: E402


def main(argv):
    fams = argv or cases.families()
    out_dir = os.path.join(ROOT, "tests", "golden", "data")
    os.makedirs(out_dir, exist_ok=True)
    for fam in fams:
        records = {}
        for case in cases.load(fam):
            cid, code = case[0], case[1]
            opts = case[2] if len(case) > 2 else {}
            if "seed" in opts:
                tf.random.set_seed(opts["seed"])
            records[cid] = {"code": code, "result": run_case(code, {"tf": tf, "np": np})}
        meta = {"tensorflow": tf.__version__, "numpy": np.__version__}
        with open(os.path.join(out_dir, f"{fam}.json"), "w") as f:
            json.dump({"meta": meta, "cases": records}, f, indent=1, sort_keys=True)
        print(f"{fam}: {len(records)} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
