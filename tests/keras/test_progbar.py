"""keras.utils.Progbar and ProgbarLogger: byte-for-byte against tf.keras 2.21.

* tests/golden/callbacks/progbar.json and the pb_* cases of callbacks.json were recorded from
  real tf.keras with a scripted clock (tools/gen_callbacks_golden.py): same clock -> same bytes.
* tests/golden/callbacks/console/fit_verbose1.raw.txt / fit_verbose2.txt are the stdout of a
  real fit/evaluate/predict (shared/reference/gen/gen_console.py); the clock below is chosen so
  that the shim prints exactly those bytes, timings included. With the real clock the output
  equals them once timings are normalised.
"""
import io
import json
import os
import re

import pytest
import torch

from tfkeras_shim.keras import callbacks as cbmod
from tfkeras_shim.keras.utils import progbar as progbar_mod
from tfkeras_shim.keras.utils.progbar import Progbar
from tests.golden.callbacks import cases, driver

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(os.path.dirname(HERE), "golden", "callbacks")
with open(os.path.join(GOLDEN_DIR, "progbar.json")) as _f:
    PROGBAR_GOLDEN = json.load(_f)["cases"]
with open(os.path.join(GOLDEN_DIR, "callbacks.json")) as _f:
    FIT_GOLDEN = json.load(_f)["cases"]
PB_CASES = [c for c in cases.FIT_CASES if c["id"].startswith("pb_")]


def _console(name):
    with open(os.path.join(GOLDEN_DIR, "console", name), encoding="utf-8", newline="") as f:
        return f.read()


def patch_clock(clock):
    saved = progbar_mod._clock
    progbar_mod._clock = clock

    def undo():
        progbar_mod._clock = saved
    return undo


class _K:
    callbacks = cbmod


def run_fit_case(case, wrap=None):
    return driver.run_case(_K, case, patch_clock, wrap_batch_logs=wrap)


@pytest.mark.covers("tf.keras.utils.Progbar")
@pytest.mark.parametrize("case", cases.PROGBAR_CASES, ids=[c["id"] for c in cases.PROGBAR_CASES])
def test_progbar_matches_tf_keras(case):
    got = cases.run_progbar_case(Progbar, case, patch_clock)
    assert got == PROGBAR_GOLDEN[case["id"]]


@pytest.mark.covers("tf.keras.callbacks.ProgbarLogger", "tf.keras.callbacks.CallbackList",
                    "tf.keras.callbacks.History")
@pytest.mark.parametrize("case", PB_CASES, ids=[c["id"] for c in PB_CASES])
def test_progbar_logger_matches_tf_keras(case):
    assert run_fit_case(case) == FIT_GOLDEN[case["id"]]


def _tensors(d):
    return {k: torch.tensor(v, dtype=torch.float64) if isinstance(v, float) else v for k, v in d.items()}


@pytest.mark.covers("tf.keras.callbacks.ProgbarLogger")
@pytest.mark.parametrize("case_id", ["pb_fit_v1", "pb_unknown_steps_v1", "pb_interval_skip", "pb_evaluate_predict"])
def test_tensor_and_deferred_logs_print_the_same(case_id):
    case = next(c for c in PB_CASES if c["id"] == case_id)
    want = FIT_GOLDEN[case_id]
    assert run_fit_case(case, wrap=_tensors) == want
    assert run_fit_case(case, wrap=lambda d: (lambda: d)) == want


# -- the reference console run (real tf.keras fit/evaluate/predict) ----------------------------
def _segments(raw):
    """The progress-bar output between the script's '### ...' lines, in order."""
    out, cur = [], []
    for line in raw.split("\n")[:-1]:
        if line.startswith("### "):
            if cur:
                out.append("\n".join(cur) + "\n")
            cur = []
        else:
            cur.append(line)
    if cur:
        out.append("\n".join(cur) + "\n")
    return out


# (batch logs of the shown first step, final logs) as printed by the reference run
_FIT1 = [({"accuracy": 0.375, "loss": 0.7259}, {"accuracy": 0.4375, "loss": 0.7259, "val_accuracy": 0.3125, "val_loss": 0.7482}),
         ({"accuracy": 0.375, "loss": 0.7248}, {"accuracy": 0.4375, "loss": 0.7244, "val_accuracy": 0.3125, "val_loss": 0.7471})]
_EVAL = ({"accuracy": 0.53125, "loss": 0.697}, {"accuracy": 0.421875, "loss": 0.7293561100959778})
_FIT2 = ({"accuracy": 0.34375, "loss": 0.7371}, {"accuracy": 0.421875, "loss": 0.7292})
# clock deltas between successive Progbar clock reads reproducing the reference timings
_DELTAS_V1 = [1.2, 0.01, 0.01, 0.174, 0.5,       # epoch 1: 1s/step, skipped, skipped, final 97ms/step
              0.049, 0.01, 0.01, 0.032, 0.5,     # epoch 2: 49ms/step ... 26ms/step
              0.092, 0.005, 0.009, 0.5,          # evaluate: 92ms/step, skipped, 14ms/step
              0.032, 0.005, 0.009, 0.5,          # predict: 32ms/step, skipped, 14ms/step
              0.254, 0.005, 0.011, 0.5]          # fit(epochs=1): 254ms/step, skipped, 16ms/step
_DELTAS_V2 = [2.052, 0.5, 0.312, 0.5, 0.238, 0.5, 0.1, 0.5, 0.53, 0.5]


def _reference_run(verbose, clock):
    """Drive CallbackList exactly as tf.keras's fit/evaluate/predict did in gen/_fit_run.py."""
    undo = patch_clock(clock) if clock is not None else (lambda: None)
    out = []
    try:
        def capture(fn):
            buf = io.StringIO()
            import contextlib
            with contextlib.redirect_stdout(buf):
                fn()
            out.append(buf.getvalue())

        def fit(epochs, steps, logs, val):
            model = driver.StubModel()
            cbl = cbmod.CallbackList(None, add_history=True, add_progbar=True, model=model,
                                     verbose=verbose, epochs=epochs, steps=steps)
            cbl.on_train_begin()
            for epoch in range(epochs):
                first, final = logs[epoch]
                cbl.on_epoch_begin(epoch)
                for b in range(steps):
                    cbl.on_train_batch_begin(b)
                    cbl.on_train_batch_end(b, _tensors(first) if b == 0 else {"loss": torch.tensor(9.0)})
                if val:
                    cbl.on_test_begin()
                    cbl.on_test_batch_begin(0)
                    cbl.on_test_batch_end(0, {"loss": torch.tensor(9.0)})
                    cbl.on_test_end({k[4:]: v for k, v in final.items() if k.startswith("val_")})
                cbl.on_epoch_end(epoch, dict(final))
            cbl.on_train_end(final)
            assert model.history.params == {"verbose": verbose, "epochs": epochs, "steps": steps}

        def run_eval(kind, steps, logs):
            cbl = cbmod.CallbackList(None, add_progbar=True, model=driver.StubModel(),
                                     verbose=verbose, epochs=1, steps=steps)
            getattr(cbl, f"on_{kind}_begin")()
            for b in range(steps):
                getattr(cbl, f"on_{kind}_batch_begin")(b)
                if kind == "test":
                    cbl.on_test_batch_end(b, _tensors(logs[0]) if b == 0 else {"loss": torch.tensor(9.0)})
                else:
                    cbl.on_predict_batch_end(b, {"outputs": torch.zeros(32, 1)})
            getattr(cbl, f"on_{kind}_end")(logs[1] if logs else None)

        capture(lambda: fit(2, 3, _FIT1, True))
        capture(lambda: run_eval("test", 2, _EVAL))
        capture(lambda: run_eval("predict", 2, None))
        capture(lambda: fit(1, 2, [_FIT2], False))
    finally:
        undo()
    return out


@pytest.mark.covers("tf.keras.callbacks.ProgbarLogger", "tf.keras.utils.Progbar")
def test_reference_console_verbose1_byte_for_byte():
    want = _segments(_console("fit_verbose1.raw.txt"))
    got = _reference_run(1, driver.Clock(1000.0, _DELTAS_V1))
    assert len(want) == 4
    assert got == want


@pytest.mark.covers("tf.keras.callbacks.ProgbarLogger", "tf.keras.utils.Progbar")
def test_reference_console_verbose2_byte_for_byte():
    want = _segments(_console("fit_verbose2.txt"))
    assert _reference_run(2, driver.Clock(1000.0, _DELTAS_V2)) == want


_TIMING = [(re.compile(r"\d+(ms|us|s)/step"), "T/step"), (re.compile(r"━━ [0-9:]+s "), "━━ T "),
           (re.compile(r" - \d+s - "), " - T - ")]


def _render(raw):
    """What a terminal shows at the end; also checks that every `\\b` run erases exactly the
    visible width of the frame before it."""
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    for line in raw.split("\n"):
        for part in line.split("\r"):
            m = re.search(r"\x08+$", part)  # the next frame's backspaces follow the frame they erase
            if m:
                assert len(m.group(0)) == len(ansi.sub("", part[: m.start()])), part
    lines = []
    for line in ansi.sub("", raw).replace("\x08", "").split("\n"):
        lines.append(line.split("\r")[-1].rstrip())
    text = "\n".join(lines)
    for rx, rep in _TIMING:
        text = rx.sub(rep, text)
    return text


@pytest.mark.covers("tf.keras.callbacks.ProgbarLogger")
def test_reference_console_with_real_clock_after_normalising_timings():
    for name, verbose in (("fit_verbose1.raw.txt", 1), ("fit_verbose2.txt", 2)):
        want = _segments(_console(name))
        got = _reference_run(verbose, None)
        assert [_render(g) for g in got] == [_render(w) for w in want]


# -- details ------------------------------------------------------------------------------------
@pytest.mark.covers("tf.keras.utils.Progbar")
def test_non_dynamic_display_starts_frames_with_newline(capsys):
    undo = patch_clock(driver.Clock(10.0, [1.0]))
    try:
        bar = Progbar(2)
        bar._dynamic_display = False
        bar.update(1, [("loss", 0.5)])
        bar.update(2, [("loss", 0.25)])
    finally:
        undo()
    out = capsys.readouterr().out
    assert out.startswith("\n\x1b[1m1/2\x1b[0m") and "\x08" not in out and "\r" not in out
    assert out.count("\n") == 3 and out.endswith("loss: 0.2500\n")  # the final frame shows the final value


@pytest.mark.covers("tf.keras.utils.Progbar")
def test_stdout_that_cannot_encode_the_bar_gets_equal_signs(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr("sys.stdout", stream)
    undo = patch_clock(driver.Clock(10.0, [1.0]))
    try:
        bar = Progbar(2)
        bar.update(2, [("loss", 0.5)])
    finally:
        undo()
    stream.flush()
    assert "====================" in raw.getvalue().decode("ascii")


@pytest.mark.covers("tf.keras.utils.Progbar")
def test_deferred_values_are_read_only_when_drawing():
    reads = []

    def values():
        reads.append(1)
        return [("loss", 0.5)]

    undo = patch_clock(driver.Clock(10.0, [0.01]))
    try:
        with io.StringIO() as buf:
            import contextlib
            with contextlib.redirect_stdout(buf):
                bar = Progbar(30, stateless_metrics=set())
                for i in range(1, 31):
                    bar.update(i, values)
    finally:
        undo()
    assert 5 <= len(reads) <= 8  # step 1, then about every 5th step (50 ms), and the final frame
