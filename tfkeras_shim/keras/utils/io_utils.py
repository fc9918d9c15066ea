"""keras.utils.io_utils: where Keras's console output goes.

`print_msg(message, line_break=True)` writes to `sys.stdout` and flushes (interactive logging,
the default), or sends the message to the `logging` logger named "keras" at INFO level once
`disable_interactive_logging()` was called (tf.keras sends it to absl logging; the shim has no
absl, so it uses the standard library). Every Keras-style console line of the shim (progress bar,
`Epoch i/N`, callback messages) goes through `print_msg`, so redirecting `sys.stdout` (e.g.
`contextlib.redirect_stdout`) captures all of it, as with tf.keras.

Exposed by tf.keras as keras.utils.{enable,disable,is}_interactive_logging(_enabled) and
keras.config.{enable,disable,is}_interactive_logging(_enabled).
"""
import logging as _logging
import sys

__all__ = ["print_msg", "enable_interactive_logging", "disable_interactive_logging",
           "is_interactive_logging_enabled", "ask_to_proceed_with_overwrite"]

_state = {"interactive_logging": True}
_logger = _logging.getLogger("keras")


def enable_interactive_logging():
    """Send Keras messages to stdout (the default)."""
    _state["interactive_logging"] = True


def disable_interactive_logging():
    """Send Keras messages to the "keras" `logging` logger (INFO) instead of stdout."""
    _state["interactive_logging"] = False


def is_interactive_logging_enabled():
    return _state["interactive_logging"]


def _plain_bars(message):
    # Terminals whose encoding cannot show the bar character get Keras 2's "=" bars.
    return message.replace("\u2501", "=")


def print_msg(message, line_break=True):
    """Write `message` (+ "\\n" unless line_break=False) to stdout and flush."""
    message = str(message)
    if not _state["interactive_logging"]:
        _logger.info(message)
        return
    if line_break:
        message += "\n"
    out = sys.stdout
    try:
        out.write(message)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(_plain_bars(message).encode(encoding, errors="ignore").decode(encoding))
    out.flush()


def ask_to_proceed_with_overwrite(filepath):
    """Ask on stdin whether `filepath` may be overwritten; True for "y"."""
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]").strip().lower()
    while answer not in ("y", "n"):
        answer = input('Enter "y" (overwrite) or "n" (cancel).').strip().lower()
    if answer == "n":
        return False
    print_msg("[TIP] Next time specify overwrite=True!")
    return True
