"""tf.summary.experimental: the default step, `summary_scope`, `write_raw_pb`."""
import contextlib
import time


def set_step(step):
    """Default `step` for summaries that get none (an int or an int64 Variable, read at write time)."""
    from . import _state
    _state.step = step


def get_step():
    """The value given to `set_step` (the same object), or None."""
    from . import _state
    return _state.step


@contextlib.contextmanager
def summary_scope(name, default_name="summary", values=None):
    """Yields (tag, scope): `name` (or `default_name`) under the current name scope."""
    from ..ops.control_flow_ops import name_scope
    with name_scope(name or default_name) as scope:
        tag = scope.rstrip("/")
        yield tag, scope


def write_raw_pb(tensor, step=None, name=None):
    """Write serialized `Summary` protos (bytes, or a string tensor of them) as events."""
    from . import _host, _recording, _state, _step_value, _FileSummaryWriter
    from .event_file import event
    from ..framework.tensor import constant
    writer = _state.writer
    if writer is None or not _recording():
        return constant(False)
    step = _step_value(step)
    if isinstance(writer, _FileSummaryWriter):
        for pb in _host(tensor).reshape(-1):
            writer._write(event(time.time(), step, bytes(pb)))
    return constant(True)


__all__ = ["get_step", "set_step", "summary_scope", "write_raw_pb"]
