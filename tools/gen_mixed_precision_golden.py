"""Record real tf.keras (TF 2.21 / Keras 3.15) mixed-precision results (by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_mixed_precision_golden.py

Runs the procedures of tests/golden/keras/mixed_precision_cases.py on CPU (oneDNN off, so that
float16/bfloat16 results do not depend on the CPU) and writes tests/golden/keras/mixed_precision.json.
"""
import json
import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ["CUDA_VISIBLE_DEVICES"] = ""

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from tests.golden.keras import mixed_precision_cases as C  # noqa: E402


def main():
    warnings.simplefilter("ignore")
    out = {"layers": {}, "lso": {}, "tape_loop": {}, "fit": {}}
    for policy in ("mixed_float16", "mixed_bfloat16"):
        for case in C.LAYERS:
            out["layers"][f"{policy}/{case[0]}"] = C.layer_case(tf, policy, case)
    for case in C.LSO_SEQUENCES:
        out["lso"][case[0]] = C.lso_sequence(tf, case)
    for target in (1.0, 3000.0):
        out["tape_loop"][str(target)] = C.tape_loop(tf, target)
    for case in C.FITS:
        out["fit"][case[0]] = C.fit_case(tf, case)
    out["meta"] = {"tensorflow": tf.__version__, "keras": tf.keras.__version__,
                   "numpy": np.__version__}
    path = os.path.join(ROOT, "tests", "golden", "keras", "mixed_precision.json")
    with open(path, "w") as f:
        json.dump(out, f, sort_keys=True, allow_nan=True)
    print(f"{len(out['layers'])} layer cases, {len(out['lso'])} sequences, "
          f"{len(out['fit'])} fits -> {path}")


if __name__ == "__main__":
    main()
