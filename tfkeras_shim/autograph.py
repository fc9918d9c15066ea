"""tf.autograph: nothing to convert, since the shim runs Python control flow eagerly.

`experimental.do_not_convert` and `to_graph` return the function unchanged; `to_code` returns
its source; `set_verbosity` / `experimental.set_loop_options` are accepted.
"""
import enum
import inspect
import sys
import types

_verbosity = 0


def set_verbosity(level, alsologtostdout=False):
    global _verbosity
    _verbosity = int(level)


def get_verbosity():
    return _verbosity


def trace(*args):
    """Prints its arguments (TF's autograph.trace prints them during tracing)."""
    sys.stdout.write(" ".join(str(a) for a in args) + "\n")


def to_graph(entity, recursive=True, experimental_optional_features=None):
    return entity


def to_code(entity, recursive=True, experimental_optional_features=None):
    return inspect.getsource(entity)


class Feature(enum.Enum):
    ALL = "ALL"
    AUTO_CONTROL_DEPS = "AUTO_CONTROL_DEPS"
    ASSERT_STATEMENTS = "ASSERT_STATEMENTS"
    BUILTIN_FUNCTIONS = "BUILTIN_FUNCTIONS"
    EQUALITY_OPERATORS = "EQUALITY_OPERATORS"
    LISTS = "LISTS"
    NAME_SCOPES = "NAME_SCOPES"


def do_not_convert(func=None):
    """Decorator (with or without parentheses) that returns `func` unchanged."""
    if func is None:
        return do_not_convert
    return func


def set_loop_options(parallel_iterations=None, swap_memory=None, maximum_iterations=None,
                     shape_invariants=None):
    pass


experimental = types.ModuleType(f"{__name__}.experimental", "tf.autograph.experimental")
experimental.do_not_convert = do_not_convert
experimental.Feature = Feature
experimental.set_loop_options = set_loop_options
sys.modules[experimental.__name__] = experimental

__all__ = ["experimental", "set_verbosity", "to_code", "to_graph", "trace"]
