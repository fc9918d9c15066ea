"""torch.compile for shim code: `compile_fn(fn)` runs `fn` compiled where torch can, eagerly where not.

Used by `tf.function(jit_compile=True)` and meant for `Model.compile(jit_compile=True)` (the
train/test/predict steps). What it adds to a bare `torch.compile(fn)`:

* Compilation problems never reach the caller and never run a step twice. A backend that cannot
  compile a graph (no C++ compiler, an unsupported op ...) leaves that graph running eagerly;
  an internal error of TorchDynamo leaves that frame running eagerly (`suppress_errors`, only
  while compiling for this function), and an error raised by the compiler stack before anything
  ran makes the call run eagerly. Each time ONE RuntimeWarning is issued and `fn` runs
  uncompiled from then on. Errors raised by `fn` itself propagate unchanged.
* `torch.autograd.grad` (GradientTape, Keras train steps) is traced into the graph instead of
  splitting it (`torch._dynamo.config.trace_autograd_ops`, only while compiling for this
  function; `trace_autograd=False` turns it off).
* `warmup=n` runs the first n calls eagerly (layers build, optimizer slots and Variables are
  created there), then compiles. `autotune=n` then times n compiled and n eager calls
  (alternating, real work: nothing runs twice; calls that compiled are not counted) and keeps
  the faster way: compiled code with many graph breaks can be slower than eager.
* Results are handed back as shim tensors. As in TF, they carry gradients only when a
  GradientTape is recording at the call (`output_grads="tape"`; True: always, False: never):
  otherwise they are detached inside the compiled code, which lets a train step that returns
  its loss compile to one graph. Called from code that is itself being compiled, it simply
  runs `fn` (the outer compilation traces it).

Shim tensors and Variables go into compiled code as they are (`framework/tensor.py` makes
their TF-style `.dtype`/`.shape` and `wrap` traceable). Inside traced code `.dtype` is the torch
dtype and `.shape` a torch.Size (both compare equal to TF's objects; `.shape.as_list()` is not
available there). tf.* ops keep TF's dtype rules; Python operators between tensors follow
torch's (TorchDynamo maps `a / b` to torch's operator, never to a subclass's `__truediv__`),
and their results are plain torch tensors until they leave the compiled function.

Performance needs whole graphs: every graph break (code TorchDynamo cannot trace) splits the
step, and each piece pays its own guards and launch costs. `TORCH_LOGS=graph_breaks` shows
where they are.

Cost per call on top of torch.compile's own wrapper: about 1-2 µs (thread-local state, the output wrap).
"""
import logging
import statistics
import threading
import time
import warnings

import torch

from .framework.tensor import Tensor, wrap_nest

__all__ = ["compile_fn", "CompiledFunction", "is_compile_error", "prepare_torch_compile"]

_COMPILER_MODULES = ("torch._dynamo", "torch._inductor", "torch.fx", "torch._subclasses",
                     "torch._functorch", "torch._export", "torch._higher_order_ops",
                     "torch._guards", "torch._prims", "torch._refs", "torch._decomp")
_tracing = torch.compiler.is_dynamo_compiling


def is_compile_error(e):
    """True for exceptions raised by torch's compiler stack (not by the user's function)."""
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        mod = type(e).__module__ or ""
        if mod.startswith(_COMPILER_MODULES):
            return True
        e = e.__cause__
    return False


# ---------------------------------------------------------------------------------------------
# per-thread state of the compiled call that is running (read by the compile-start hook)

class _Session(threading.local):
    active = None     # the CompiledFunction being called on this thread
    saved = None      # dynamo config values to restore once that call returns
    error = None      # the first compiler error TorchDynamo suppressed during the call


_session = _Session()
_DYNAMO_LOGGER = "torch._dynamo.convert_frame"


class _SuppressedErrors(logging.Filter):
    """Catches the warning TorchDynamo logs when it suppresses a compiler error (the frame then
    runs eagerly): the CompiledFunction reports it as its one warning instead."""

    def filter(self, record):
        s = _session
        if s.active is None or s.saved is None or record.levelno < logging.WARNING \
                or not record.exc_info or record.exc_info[1] is None:
            return True  # not an error (e.g. "hit config.recompile_limit": that frame runs eagerly)
        if s.error is None:
            s.error = record.exc_info[1]
        return False


def _on_compile_start(args=None):
    """TorchDynamo starts compiling: if it is for one of our calls, set the config it needs."""
    s = _session
    if s.active is None or s.saved is not None:
        return
    import torch._dynamo.config as cfg
    s.saved = (cfg.trace_autograd_ops, cfg.suppress_errors)
    cfg.trace_autograd_ops = bool(s.active.trace_autograd)
    cfg.suppress_errors = True


def _restore(saved):
    import torch._dynamo.config as cfg
    cfg.trace_autograd_ops, cfg.suppress_errors = saved


_prepared = False


def prepare_torch_compile():
    """Adapt torch.compile to shim code (idempotent; also run by framework/tensor.py the first
    time torch.compile fakeifies a shim tensor, so a bare `torch.compile(model)` works too).

    * AOTAutograd's first-run aliasing check (`_AnalyzeCustomOpInputOutputMode`) refuses tensor
      subclasses it does not list, although shim Tensors dispatch like plain tensors (their
      `__torch_function__` is disabled, they define no `__torch_dispatch__`).
    * The hook that sets `trace_autograd_ops`/`suppress_errors` while TorchDynamo compiles for
      a CompiledFunction, and the log filter that turns a suppressed error into its warning.
    """
    global _prepared
    if _prepared:
        return
    _prepared = True
    import torch._dynamo  # noqa: F401 - first: importing AOTAutograd alone leaves dynamo half-imported
    try:
        from torch._functorch._aot_autograd import runtime_wrappers as rw
        handled = tuple(rw.HANDLED_TYPES)
        if Tensor not in handled:
            rw.HANDLED_TYPES = handled + (Tensor,)
    except Exception:  # noqa: BLE001 - other torch versions: nothing to adapt
        pass
    global _start_callbacks
    try:
        from torch._dynamo.callback import callback_handler
        _start_callbacks = callback_handler.start_callbacks
        logging.getLogger(_DYNAMO_LOGGER).addFilter(_SuppressedErrors())
    except Exception:  # noqa: BLE001 - without the hook: no autograd tracing, errors raise
        _start_callbacks = None


_tapes = None  # autodiff._recording_stack: the GradientTapes recording on this thread
_start_callbacks = None  # TorchDynamo's list of compile-start hooks (torch._dynamo.reset clears it)


def _detach_nest(x):
    if isinstance(x, torch.Tensor):
        return x.detach() if x.requires_grad else x
    if isinstance(x, (list, tuple)):
        r = [_detach_nest(v) for v in x]
        return type(x)(*r) if hasattr(x, "_fields") else type(x)(r)
    if isinstance(x, dict):
        return {k: _detach_nest(v) for k, v in x.items()}
    return x


def _detaching(fn):
    """`fn` with its tensor results detached, inside the code torch.compile traces: a train step
    that differentiates its own loss and returns it then compiles to one graph (TorchDynamo splits
    the graph where torch.autograd.grad consumes the graph of a tensor the function returns)."""
    def run(*args, **kwargs):
        return _detach_nest(fn(*args, **kwargs))
    run.__name__ = getattr(fn, "__name__", "run")
    run.__qualname__ = getattr(fn, "__qualname__", run.__name__)
    return run


def _make_backend(owner, backend):
    """A backend that compiles with `backend` and, if that raises, runs the graph eagerly and
    records the failure on `owner` (so it warns once and stops compiling)."""
    def compile_graph(gm, example_inputs):
        try:
            b = backend
            if isinstance(b, str):
                from torch._dynamo.backends.registry import lookup_backend
                b = lookup_backend(b)
            return b(gm, example_inputs)
        except Exception as e:  # noqa: BLE001 - any backend failure: that graph runs eagerly
            if owner._pending is None:
                owner._pending = e
            return gm.forward
    return compile_graph


class CompiledFunction:
    """Callable returned by `compile_fn`. `compiled`: True while calls go to torch.compile's
    code; `failed`: the exception that made it fall back to eager, or None; `calls`: calls so far.
    """

    def __init__(self, fn, name=None, warmup=0, backend="inductor", mode=None, options=None,
                 dynamic=None, fullgraph=False, trace_autograd=True, output_grads="tape",
                 autotune=0, stacklevel=1):
        if output_grads not in ("tape", True, False):
            raise ValueError(f"output_grads must be 'tape', True or False, got {output_grads!r}")
        self.fn = fn
        self.name = name or getattr(fn, "__name__", type(fn).__name__)
        self.warmup = int(warmup)
        self.backend = backend
        self.mode = mode
        self.options = options
        self.dynamic = dynamic
        self.fullgraph = fullgraph
        self.trace_autograd = trace_autograd
        self.output_grads = output_grads
        self.autotune = int(autotune)
        self.stacklevel = stacklevel
        self.calls = 0
        self.failed = None
        self.choice = None         # autotune's verdict: "compiled" or "eager"
        self.timings = {"compiled": [], "eager": []}   # seconds per call, while autotuning
        self._ok_calls = 0
        self._compiled = None      # outputs keep their autograd graph
        self._detached = None      # outputs detached inside the compiled code
        self._pending = None

    @property
    def compiled(self):
        return self.failed is None and (self._compiled is not None or self._detached is not None)

    def _want_output_grads(self):
        g = self.output_grads
        if g == "tape":
            global _tapes
            if _tapes is None:
                from .autodiff import _recording_stack as _tapes
            return bool(_tapes())
        return g

    def _build(self, keep_grads):
        prepare_torch_compile()
        inner = self.backend
        if inner == "inductor" and (self.mode is not None or self.options):
            inner = torch._TorchCompileInductorWrapper(self.mode, self.options, self.dynamic)
        fn = self.fn if keep_grads else _detaching(self.fn)
        c = torch.compile(fn, backend=_make_backend(self, inner), dynamic=self.dynamic,
                          fullgraph=self.fullgraph)
        if keep_grads:
            self._compiled = c
        else:
            self._detached = c
        return c

    def __call__(self, *args, **kwargs):
        if _tracing():  # inside another function being compiled: that compilation traces fn
            return self.fn(*args, **kwargs)
        self.calls += 1
        if self.failed is not None or self.calls <= self.warmup or self.choice == "eager":
            return self.fn(*args, **kwargs)
        timing = self.autotune and self.choice is None and self._ok_calls >= 2
        if timing and len(self.timings["eager"]) < len(self.timings["compiled"]):
            t0 = time.perf_counter()
            out = self.fn(*args, **kwargs)
            self._timed("eager", t0)
            return out
        keep = self._want_output_grads()
        compiled = self._compiled if keep else self._detached
        if compiled is None:
            try:
                compiled = self._build(keep)
            except Exception as e:  # noqa: BLE001 - cannot even build: run eagerly
                self._fallback(e)
                return self.fn(*args, **kwargs)
        hooks = _start_callbacks
        if hooks is not None and _on_compile_start not in hooks:
            hooks.append(_on_compile_start)
        s = _session
        outer = s.active, s.saved, s.error
        s.active, s.saved, s.error = self, None, None
        error = None
        t0 = time.perf_counter()
        try:
            out = compiled(*args, **kwargs)
        except Exception as e:
            if not is_compile_error(e):
                raise
            error = e  # raised while compiling, before that frame ran (later ones are suppressed)
        finally:
            saved, suppressed = s.saved, s.error
            s.active, s.saved, s.error = outer
            if saved is not None:
                _restore(saved)
        if error is not None:
            self._fallback(error)
            return self.fn(*args, **kwargs)
        error = self._pending or suppressed
        if error is not None:
            self._fallback(error)  # the call completed: the failed graph or frame ran eagerly
        else:
            self._ok_calls += 1
            if timing and saved is None:  # (a call that compiled something is not timed)
                self._timed("compiled", t0)
        return wrap_nest(out)

    def _timed(self, which, t0):
        if torch.cuda.is_available() and torch.cuda.is_initialized():
            torch.cuda.synchronize()
        self.timings[which].append(time.perf_counter() - t0)
        c, e = self.timings["compiled"], self.timings["eager"]
        if len(c) >= self.autotune and len(e) >= self.autotune:
            self.choice = "compiled" if statistics.median(c) <= statistics.median(e) else "eager"

    def _fallback(self, e):
        self.failed = e
        self._compiled = self._detached = None
        self._pending = None
        text = str(e).strip()
        msg = text.splitlines()[0] if text else ""
        warnings.warn(f"jit_compile: torch.compile could not compile {self.name!r} "
                      f"({type(e).__name__}: {msg[:300]}); running it eagerly instead.",
                      RuntimeWarning, stacklevel=self.stacklevel + 2)

    def __repr__(self):
        state = "eager (fallback)" if self.failed is not None else \
            "eager (faster)" if self.choice == "eager" else \
            "compiled" if self.compiled else "not compiled yet"
        return f"<CompiledFunction {self.name} ({state})>"


def compile_fn(fn, **kwargs):
    """`fn` compiled with torch.compile where possible, else run eagerly after ONE warning.

    Keyword arguments: `warmup` (eager calls before compiling, default 0), `backend`
    ("inductor"), `mode`, `options`, `dynamic`, `fullgraph` (as torch.compile), `trace_autograd`
    (trace torch.autograd.grad into the graph, default True), `output_grads` ("tape": results
    keep their autograd graph only while a GradientTape records, as in TF; True; False),
    `autotune` (n > 0: once compiled calls run, time n compiled and n eager calls, alternating,
    and keep whichever is faster; `.choice`, `.timings`), `name` (for the warning),
    `stacklevel` (frames above the caller the warning points at, default 1: the caller).
    """
    return CompiledFunction(fn, **kwargs)
