"""Run an unchanged TensorFlow script on the shim.

    python -m tfkeras_shim script.py [args ...]
    python -m tfkeras_shim -m package.module [args ...]
    python -m tfkeras_shim -c "import tensorflow as tf; print(tf.add(1, 2))" [args ...]
    tfkeras-shim script.py [args ...]          # console entry point

`tensorflow`, `tensorflow.*`, `keras`, `keras.*` resolve to tfkeras_shim for the run (see
`tfkeras_shim._aliases`). The script sees what `python script.py` would give it: `sys.argv`,
`__name__ == "__main__"`, `__file__`, `sys.path[0]` = the script's directory. An uncaught
exception prints a traceback that starts in the script (the runner's frames are dropped) and
exits with status 1; `SystemExit` passes through.
"""
import os
import runpy
import signal
import sys
import traceback
import types

USAGE = """\
usage: python -m tfkeras_shim [-m module | -c code | script.py] [args ...]

Runs a TensorFlow / Keras program unchanged on PyTorch: `import tensorflow` and
`import keras` (and their submodules) resolve to tfkeras_shim for the run.

  script.py   a Python file (or a directory / zip with __main__.py); - reads stdin
  -m module   run a library module as a script, like `python -m module`
  -c code     run a program given as a string, like `python -c code`
  -h, --help  show this message and exit
  --version   print the tfkeras_shim and torch versions and exit
"""

# Frames of these files are the runner's, not the user's; dropped from tracebacks.
_RUNNER_FILES = {os.path.normcase(os.path.abspath(f)) for f in (__file__, runpy.__file__)}
_RUNNER_FILES.add("<frozen runpy>")   # runpy's code objects are frozen in Python >= 3.11
_ALIAS_FILE = os.path.normcase(os.path.join(os.path.dirname(os.path.abspath(__file__)), "_aliases.py"))


def _usage(stream=sys.stderr, status=2):
    stream.write(USAGE)
    return status


def _fresh_main(file=None):
    """A new `__main__` module, installed in sys.modules like the interpreter does for a script."""
    mod = types.ModuleType("__main__")   # exec() adds __builtins__
    if file is not None:
        mod.__file__ = file
        mod.__cached__ = None
    mod.__spec__ = None
    mod.__package__ = None
    sys.modules["__main__"] = mod
    return mod


def _run_file(path, args):
    if os.path.isdir(path) or not path.endswith(".py") and _is_zip(path):
        sys.argv[:] = [path, *args]
        del sys.path[0:1]   # run_path puts the directory / zip there itself
        runpy.run_path(path, run_name="__main__")  # resolves __main__.py inside
        return
    file = os.path.abspath(path)
    with open(file, "rb") as f:   # bytes: compile() honours a PEP 263 coding cookie
        source = f.read()
    code = compile(source, file, "exec", dont_inherit=True)
    sys.argv[:] = [path, *args]
    sys.path[0:1] = [os.path.dirname(os.path.realpath(file))]
    mod = _fresh_main(file)
    from importlib.machinery import SourceFileLoader
    mod.__loader__ = SourceFileLoader("__main__", file)
    exec(code, mod.__dict__)


def _is_zip(path):
    import zipfile
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _run_module(name, args):
    sys.argv[:] = [name, *args]     # runpy replaces argv[0] with the module's file
    sys.path[0:1] = [os.getcwd()]
    runpy.run_module(name, run_name="__main__", alter_sys=True)


def _run_code(code, args, argv0="-c", filename="<string>"):
    sys.argv[:] = [argv0, *args]
    sys.path[0:1] = [""]
    mod = _fresh_main()
    mod.__loader__ = None
    exec(compile(code, filename, "exec", dont_inherit=True), mod.__dict__)


def _run_stdin(_, args):
    _run_code(sys.stdin.read(), args, "-", "<stdin>")


def _user_traceback(tb):
    """Drop the leading frames of this runner / runpy, and the trailing frames of the alias
    finder (a missing `tensorflow.x` then reads like any failed import)."""
    while tb is not None and os.path.normcase(tb.tb_frame.f_code.co_filename) in _RUNNER_FILES:
        tb = tb.tb_next
    chain = []
    t = tb
    while t is not None:
        chain.append(t)
        t = t.tb_next
    keep = len(chain)
    while keep > 1 and os.path.normcase(chain[keep - 1].tb_frame.f_code.co_filename) == _ALIAS_FILE:
        keep -= 1
    if keep < len(chain):
        chain[keep - 1].tb_next = None
    return tb


def _report(exc):
    tb = _user_traceback(exc.__traceback__)
    exc.__traceback__ = tb   # the default hook prints the exception's own traceback, not `tb`
    try:
        sys.excepthook(type(exc), exc, tb)   # honours a hook the script installed, like python
    except Exception:
        traceback.print_exception(type(exc), exc, tb)


def main(argv=None):
    """Console entry point. Returns (or exits with) the process status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        return _usage()
    first = argv[0]
    if first in ("-h", "--help"):
        return _usage(sys.stdout, 0)
    if first == "--version":
        import torch
        import tfkeras_shim
        print(f"tfkeras_shim {tfkeras_shim.__version__} (TensorFlow API), torch {torch.__version__}")
        return 0
    if first in ("-m", "-c"):
        if len(argv) < 2:
            sys.stderr.write(f"Argument expected for the {first} option\n")
            return _usage()
        run, target, args = (_run_module if first == "-m" else _run_code), argv[1], argv[2:]
    elif first == "-":
        run, target, args = _run_stdin, None, argv[1:]
    elif first.startswith("-"):
        sys.stderr.write(f"unknown option {first!r}\n")
        return _usage()
    else:
        if not os.path.exists(first):
            sys.stderr.write(f"{sys.executable}: can't open file {os.path.abspath(first)!r}: "
                             f"[Errno 2] No such file or directory\n")
            return 2
        run, target, args = _run_file, first, argv[1:]

    from . import _aliases
    _aliases.install()
    try:
        run(target, args)
    except SystemExit:
        raise
    except KeyboardInterrupt as e:
        _report(e)
        sys.stdout.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)   # die by SIGINT, as python does
        os.kill(os.getpid(), signal.SIGINT)
        return 130
    except BaseException as e:  # noqa: B902 - everything the script raised
        _report(e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
