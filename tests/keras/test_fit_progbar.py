"""The console output of a real fit/evaluate/predict against tf.keras's bytes.

tests/golden/fit/fit_run.py is shared/reference/gen/_fit_run.py (the scenario that produced
fit_verbose1.raw.txt and fit_verbose2.txt, copied next to it); it runs unchanged through
`python -m tfkeras_shim`. The initial weights and the shuffling order come from each
framework's own random generators, so the metric values differ; they are masked here (the
golden case `progbar_verbose*_fixed_weights` of test_fit_golden.py compares the values of the
same scenario with fixed weights and no shuffling). Everything else must match byte for byte
apart from timings: lines, `Epoch i/N`, colours, `\\r`/`\\b` redraws, bar widths, metric order,
`.4f` formatting, the printed lists and dicts.
"""
import glob
import os
import re
import subprocess
import sys

import pytest

from tests.keras.test_seed_scripts import compare as _compare_tokens

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "tests", "golden", "fit")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(verbose):
    env = dict(os.environ, TFKERAS_SHIM_DEVICE="cpu", COLUMNS="80")
    r = subprocess.run([sys.executable, "-m", "tfkeras_shim", os.path.join(GOLD, "fit_run.py"),
                        str(verbose)], capture_output=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    return r.stdout.decode("utf-8")


def _normalise(text):
    text = re.sub(r"\d+(ms|us|s)/step", "T/step", text)
    text = re.sub(r"\x1b\[1m\d+(:\d+)*s\x1b\[0m", "\x1b[1mT\x1b[0m", text)
    text = re.sub(r" - \d+s - ", " - T - ", text)
    text = re.sub(r"-?\d+\.\d+(e[-+]\d+)?", "N", text)
    return text.rstrip(" ")  # a frame pads over a longer previous one (timing-dependent widths)


def _frames(raw):
    """[(backspaces, frame text)] per output line."""
    out = []
    for line in raw.split("\n"):
        if "\r" not in line:
            out.append([(0, line)])
            continue
        parts = line.split("\r")
        frames = []
        for i in range(1, len(parts)):
            back = len(parts[i - 1]) - len(parts[i - 1].rstrip("\b"))
            frames.append((back, parts[i].rstrip("\b")))
        out.append(frames)
    return out


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.Model.evaluate", "tf.keras.Model.predict",
                    "tf.keras.callbacks.ProgbarLogger", "tf.keras.callbacks.History")
def test_verbose2_output_matches_tf():
    got = _run(2)
    want = open(os.path.join(GOLD, "fit_verbose2.txt"), encoding="utf-8").read()
    assert _normalise(got).splitlines() == _normalise(want).splitlines()


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.Model.evaluate", "tf.keras.Model.predict",
                    "tf.keras.callbacks.ProgbarLogger")
def test_verbose1_output_matches_tf_bytes():
    raw = _run(1)
    fg = _frames(raw)
    fw = _frames(open(os.path.join(GOLD, "fit_verbose1.raw.txt"), encoding="utf-8", newline="").read())
    assert len(fg) == len(fw)
    for lg, lw in zip(fg, fw):
        # the last frame of each bar (and every plain line) is the same text
        assert _normalise(lg[-1][1]) == _normalise(lw[-1][1]), (lg[-1], lw[-1])
        assert (len(lg) > 1) == (len(lw) > 1)
        if len(lg) > 1:
            # each redraw first backs over the previous frame's printed width, then `\r`
            assert lg[0][0] == 0 and lw[0][0] == 0
            for prev, cur in zip(lg, lg[1:]):
                assert cur[0] == len(ANSI.sub("", prev[1])), (prev, cur)
            # intermediate frames (how many depends on the 0.05 s redraw interval) are the
            # first-step frames TF draws, or final-looking ones
            allowed = {_normalise(f) for _, f in lw}
            for _, f in lg[:-1]:
                assert _normalise(f) in allowed or _normalise(f)[:12] in {a[:12] for a in allowed}, f


# ---------------------------------------------------------------------------------------------
# training seed tutorials (tests/golden/keras/seeds/training/*.py, outputs recorded by
# tools/gen_fit_golden.py): compared as a terminal shows them, timings normalised

TRAINING_SEEDS = sorted(glob.glob(os.path.join(ROOT, "tests", "golden", "keras", "seeds", "training",
                                               "*.py")))


def render(raw):
    """What a terminal shows at the end (ANSI colours dropped, \\r and \\b applied)."""
    lines, cur, col = [], [], 0
    for ch in ANSI.sub("", raw):
        if ch == "\r":
            col = 0
        elif ch == "\b":
            col = max(col - 1, 0)
        elif ch == "\n":
            lines.append("".join(cur).rstrip())
            cur, col = [], 0
        else:
            if col < len(cur):
                cur[col] = ch
            else:
                cur.extend([" "] * (col - len(cur)))
                cur.append(ch)
            col += 1
    if cur:
        lines.append("".join(cur).rstrip())
    text = "\n".join(lines) + "\n"
    text = re.sub(r"\d+(ms|us|s)/step", "T/step", text)
    return re.sub(r"(\u2501 )\d+(:\d+)*s ", r"\1Ts ", text)


@pytest.mark.covers("tf.keras.Model.fit", "tf.keras.Model.predict", "tf.keras.Model.compile",
                    "tf.keras.losses.BinaryCrossentropy", "tf.keras.optimizers.Adam",
                    "tf.keras.metrics.SparseCategoricalAccuracy",
                    "tf.keras.losses.sparse_categorical_crossentropy")
@pytest.mark.parametrize("script", TRAINING_SEEDS, ids=[os.path.basename(s)[:-3] for s in TRAINING_SEEDS])
def test_training_seed_script_through_runner(script):
    want_path = script[:-3] + ".tf.txt"
    assert os.path.exists(want_path), "run tools/gen_fit_golden.py with the TF venv"
    env = dict(os.environ, COLUMNS="80", TFKERAS_SHIM_DEVICE="cpu")
    r = subprocess.run([sys.executable, "-m", "tfkeras_shim", script], capture_output=True, env=env,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    got = render(r.stdout.decode("utf-8"))
    want = render(open(want_path, encoding="utf-8", newline="").read())
    diffs = _compare_tokens(got, want)
    assert not diffs, "\n".join(diffs)
