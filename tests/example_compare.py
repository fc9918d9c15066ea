"""Run a TF script through `python -m tfkeras_shim` and compare its stdout with what real
TensorFlow printed for it (a `<script>.expected.txt` recorded with the TF venv).

Comparison rules (`compare_output`):
- same number of lines; each line, with its decimal numbers replaced by `#`, must be identical
  (text, whitespace, summary tables, integers such as shapes and parameter counts, dtypes);
- decimal numbers (`1.25`, `0.`, `-3.5e-05`) must agree within
  `rtol * |expected| + one unit in the last printed place`. The unit term exists because a
  printed number is rounded: two float32 results that differ by 1e-9 can still print as
  0.3173 and 0.3174 when the true value sits on a rounding boundary. A number printed with no
  digit after the point (numpy's `0.`) gets no unit allowance.

Default rtol 1e-4. Training runs accumulate float32 rounding differences step by step (oneDNN and
torch sum matmul/conv products in different orders, and their exp/log/tanh differ in the last ulp).
Measured on the examples: shim vs TF differ by at most ~2e-5 relative after 3-10 epochs, and
perturbing the initial weights of the *TF* run itself by 1e-6 relative moves the printed numbers
by the same amount. A real difference in a formula (Adam's epsilon placement, BCE clipping, a
mask ignored, a wrong 'same' padding) shows up at 1e-3 or more, so 1e-4 keeps a 5x margin over
the noise and stays well below any genuine bug.
"""
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")

# a decimal number not glued to a name (conv2d_1, v1.2 are not numbers); integers stay text
_NUM = re.compile(r"(?<![\w.])-?\d+\.\d*(?:[eE][-+]?\d+)?")


def shim_env(**extra):
    """Environment for a shim subprocess: CPU, no .pyc litter, no inherited PYTHONPATH, an
    80-column terminal (Keras sizes summary() tables from COLUMNS, TF and the shim alike), and
    one intra-op thread: the examples' tensors are tiny, the printed numbers are the same with
    1 or 2 threads, and on a busy 2-core machine torch's spinning worker threads can make such
    runs 10x slower."""
    env = dict(os.environ, TFKERAS_SHIM_DEVICE="cpu", PYTHONDONTWRITEBYTECODE="1", COLUMNS="80")
    env.setdefault("OMP_NUM_THREADS", "1")
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def run_example(script, *args, timeout=300):
    """`python -m tfkeras_shim <script> args...` from the repository root; a CompletedProcess."""
    path = script if os.path.isabs(script) else os.path.join(EXAMPLES, script)
    return subprocess.run([sys.executable, "-m", "tfkeras_shim", path, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=shim_env())


def expected_output(script):
    """The recorded TF stdout for examples/<name>.py: examples/<name>.expected.txt."""
    path = script if os.path.isabs(script) else os.path.join(EXAMPLES, script)
    with open(path[:-3] + ".expected.txt", encoding="utf-8") as f:
        return f.read()


def _unit(tok):
    """One unit in the last printed place of a decimal token (0 when no digit follows '.')."""
    mantissa, _, exponent = tok.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    if decimals == 0:
        return 0.0
    return 10.0 ** (int(exponent or 0) - decimals)


def _close(got, want, rtol):
    g, w = float(got), float(want)
    if math.isnan(g) or math.isnan(w):
        return math.isnan(g) and math.isnan(w)
    if math.isinf(g) or math.isinf(w):
        return g == w
    return abs(g - w) <= rtol * abs(w) + max(_unit(got), _unit(want))


def compare_output(got, want, rtol=1e-4, max_report=12):
    """Differences between two printed outputs under the rules above; [] when they match."""
    diffs = []
    got_lines, want_lines = got.splitlines(), want.splitlines()
    if len(got_lines) != len(want_lines):
        diffs.append(f"{len(got_lines)} lines, TF printed {len(want_lines)}")
    for i, (g, w) in enumerate(zip(got_lines, want_lines), start=1):
        if _NUM.sub("#", g) != _NUM.sub("#", w):
            diffs.append(f"line {i}: text differs\n  shim: {g!r}\n  TF:   {w!r}")
        else:
            for a, b in zip(_NUM.findall(g), _NUM.findall(w)):
                if not _close(a, b, rtol):
                    diffs.append(f"line {i}: {a} != TF {b} (rtol {rtol})\n  shim: {g}\n  TF:   {w}")
        if len(diffs) >= max_report:
            diffs.append("...")
            break
    return diffs


def max_relative_difference(got, want):
    """Largest |got - want| / |want| over the decimal numbers of two outputs with equal skeletons."""
    worst = 0.0
    for g, w in zip(got.splitlines(), want.splitlines()):
        for a, b in zip(_NUM.findall(g), _NUM.findall(w)):
            if float(b) != 0.0:
                worst = max(worst, abs(float(a) - float(b)) / abs(float(b)))
    return worst
