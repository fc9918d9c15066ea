"""keras.utils.Progbar: the Keras 3 progress bar, same bytes as tf.keras 2.21 (keras 3.15).

    Progbar(target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
            stateless_metrics=None, unit_name="step")
    bar.update(current, values=None, finalize=None); bar.add(n, values=None)

verbose=1 redraws one line: `\\b` x (previous line width) + `\\r` (on any POSIX system, a tty, a
notebook or PyCharm; elsewhere each frame starts with `\\n`), then
`ESC[1m 3/10ESC[0m ESC[32m━━━━━━ESC[0mESC[37m━━━━━━━━━━━━━━ESC[0m ESC[1m2sESC[0m 71ms/step - loss: 0.6931`
(count right-aligned to the width of `target`; ETA `%ds`, `m:ss` past 60 s, `h:mm:ss` past an
hour; the last frame shows the elapsed time instead; per-step time `1s`, `71ms`, `12us`, the
first step excluded from the average once there are more), padded with spaces to cover a longer
previous frame, and "\\n" after the final frame. It redraws at most every `interval` seconds
(the final frame always). Unknown target: `      7/Unknown` and no bar. Values print `.4f`, or
`.4e` when |v| <= 1e-3. verbose=2 prints only the final frame, plainly:
`3/3 - 2s - 684ms/step - accuracy: 0.4375 - loss: 0.7259` (here `.4e` when v <= 1e-3, negative
numbers included, as in Keras). All output goes through `io_utils.print_msg`.

Metrics named in `stateful_metrics` are shown as given; the others are averaged over the steps
(weighted by the step increments). Pass `stateless_metrics=set()` to show all as given (what
ProgbarLogger does).

Shim extension for the trainer: `values` may be a zero-argument callable returning the
`(name, value)` pairs (or a dict). When every metric is stateful it is called only when a frame
is drawn, so a progress bar costs no host sync on the steps it skips.
"""
import math
import os
import sys
import time

import numpy as np

from . import io_utils

__all__ = ["Progbar"]

_clock = time.time  # tests replace this to script the timings

_BOLD, _GREEN, _WHITE, _RESET = "\x1b[1m", "\x1b[32m", "\x1b[37m", "\x1b[0m"
_BAR = "\u2501"


def _dynamic_display():
    out = sys.stdout
    return bool((hasattr(out, "isatty") and out.isatty()) or "ipykernel" in sys.modules
                or "posix" in sys.modules or "PYCHARM_HOSTED" in os.environ)


def _format_step_time(seconds, unit_name):
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit_name}"
    return f" {seconds * 1e6:.0f}us/{unit_name}"


def _format_eta(eta):
    if eta > 3600:
        return "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
    if eta > 60:
        return "%d:%02d" % (eta // 60, eta % 60)
    return "%ds" % eta


def _as_number(value):
    """A displayed value -> a number (tensors are read here, arrays averaged)."""
    if isinstance(value, float):
        return value
    if hasattr(value, "detach") and hasattr(value, "numel"):  # torch / shim tensor
        value = value.detach().cpu().numpy()
    return np.mean(value)


class Progbar:
    """Displays a progress bar (see the module docstring for the exact format)."""

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
                 stateless_metrics=None, unit_name="step"):
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError(
                "Only one of `stateful_metrics` or `stateless_metrics` can be provided. "
                "`stateful_metrics` is used to make metrics stateless by default (with an "
                "exclusion list), while `stateless_metrics` is used to make metrics stateful by "
                "default (with an exclusion list).")
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        if stateful_metrics is not None:
            self.stateful_metrics = set(stateful_metrics)
            self.stateless_metrics = None
        elif stateless_metrics is not None:
            self.stateful_metrics = None
            self.stateless_metrics = set(stateless_metrics)
        else:
            self.stateful_metrics = set()
            self.stateless_metrics = None
        self._dynamic_display = _dynamic_display()
        self._seen_so_far = 0
        self._values = {}
        self._values_order = []
        self._start = _clock()
        self._last_update = 0
        self._time_at_epoch_start = self._start
        self._time_after_first_step = None
        self._prev_total_width = 0

    # -- bookkeeping ----------------------------------------------------------------------------
    def _is_stateless(self, name):
        if self.stateful_metrics is not None:
            return name not in self.stateful_metrics
        return name in self.stateless_metrics

    def _all_stateful(self):
        return self.stateful_metrics is None and not self.stateless_metrics

    def _record(self, current, values, finalize):
        if callable(values):
            values = values()
        if isinstance(values, dict):
            values = values.items()
        for name, value in values or ():
            if name not in self._values_order:
                self._values_order.append(name)
            if not self._is_stateless(name) or finalize:
                self._values[name] = [value, 1]
                continue
            steps = max(current - self._seen_so_far, 1)
            slot = self._values.get(name)
            if slot is None:
                self._values[name] = [value * steps, steps]
            else:
                slot[0] += value * steps
                slot[1] += steps

    def _step_time(self, current, now):
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_unit

    def _average(self, name):
        total, count = self._values[name]
        return _as_number(total) / max(1, count)

    # -- public -----------------------------------------------------------------------------------
    def update(self, current, values=None, finalize=None):
        """Move the bar to step `current`; `values` = [(name, value_for_this_step), ...]."""
        if finalize is None:
            finalize = False if self.target is None else current >= self.target
        now = _clock()
        deferred = callable(values) and self._all_stateful()
        draw = (self.verbose == 1 and (finalize or now - self._last_update >= self.interval)) or (
            self.verbose == 2 and finalize and self.target is not None and self.target > 0)
        if not deferred or draw:
            self._record(current, values, finalize)
        self._seen_so_far = current
        per_unit = self._step_time(current, now)
        if self.verbose == 1:
            if not draw:
                return
            self._draw(current, now, per_unit, finalize)
        elif draw:
            self._print_summary(current, now, per_unit)
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    # -- rendering --------------------------------------------------------------------------------
    def _draw(self, current, now, per_unit, finalize):
        if self._dynamic_display:
            head = "\b" * self._prev_total_width + "\r"
        else:
            head = "\n"
        target = self.target
        if target is not None and target > 0:
            count = "%*d/%d" % (int(math.log10(target)) + 1, current, target)
            done = int(self.width * (float(current) / target))
            bar = f"{_BOLD}{count}{_RESET} "
            width = len(count) + 1
            if done > 0:
                bar += f"{_GREEN}{_BAR * done}{_RESET}"
            bar += f"{_WHITE}{_BAR * (self.width - done)}{_RESET}"
            width += max(done, 0) + max(self.width - done, 0)
            time_text = _format_eta(per_unit * (target - current)) if not finalize else None
        else:
            bar = "%7d/Unknown" % current
            width = len(bar)
            time_text = None
        if time_text is None:
            time_text = f"{now - self._start:.0f}s"
        info = f" {_BOLD}{time_text}{_RESET}"
        plain = " " + time_text + _format_step_time(per_unit, self.unit_name)
        for name in self._values_order:
            avg = self._average(name)
            plain += f" - {name}: {avg:.4f}" if abs(avg) > 1e-3 else f" - {name}: {avg:.4e}"
        info += plain[1 + len(time_text):]
        total_width = width + len(plain)
        message = head + bar + info
        if self._prev_total_width > total_width:
            message += " " * (self._prev_total_width - total_width)
        if finalize:
            message += "\n"
        io_utils.print_msg(message, line_break=False)
        self._prev_total_width = total_width

    def _print_summary(self, current, now, per_unit):
        count = "%*d/%d" % (int(math.log10(self.target)) + 1, current, self.target)
        info = f"{count} - {now - self._start:.0f}s -{_format_step_time(per_unit, self.unit_name)}"
        for name in self._values_order:
            avg = self._average(name)
            info += f" - {name}: {avg:.4f}" if avg > 1e-3 else f" - {name}: {avg:.4e}"
        io_utils.print_msg(info + "\n", line_break=False)
