"""Record real tf.keras results for the training golden cases (run by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_training_golden.py [family ...]

Families: optimizers, losses, metrics, schedules (tests/golden/training/cases.py).
Writes tests/golden/training/<family>.json.
"""
import json
import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.trainers import compile_utils  # noqa: E402

from tests.golden.serialize import run_case  # noqa: E402
from tests.golden.training import cases  # noqa: E402


def env():
    return {"tf": tf, "np": np, "keras": tf.keras,
            "compile_get_metric": compile_utils.get_metric,
            "compile_get_loss": compile_utils.get_loss}


def main(argv):
    fams = argv or list(cases.FAMILIES)
    out_dir = os.path.join(ROOT, "tests", "golden", "training")
    warnings.simplefilter("ignore")
    for fam in fams:
        records = {}
        for cid, code, opts in cases.FAMILIES[fam]:
            tf.keras.backend.clear_session()
            records[cid] = {"code": code, "result": run_case(code, env())}
        meta = {"tensorflow": tf.__version__, "keras": tf.keras.__version__,
                "numpy": np.__version__}
        with open(os.path.join(out_dir, f"{fam}.json"), "w") as f:
            json.dump({"meta": meta, "cases": records}, f, indent=1, sort_keys=True)
        print(f"{fam}: {len(records)} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
