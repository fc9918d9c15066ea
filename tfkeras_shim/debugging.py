"""tf.debugging: eager assertions with TF's error classes and messages.

Each assert computes its condition with one reduction and reads one boolean on the host (an
eager assert has to). Failing value asserts raise `tf.errors.InvalidArgumentError` with TF's
text ("Condition x == y did not hold." and the first `summarize` values); static checks
(rank, dtype, shape) raise ValueError/TypeError as TF does.
`enable_check_numerics` and `set_log_device_placement` are accepted and only recorded.
"""
import numpy as np
import torch

from .framework import dtypes as _dt
from .framework import errors
from .framework.tensor import StringTensor, convert_to_tensor, wrap, _tdtype
from .framework.tensor_shape import TensorShape
from .ops import _args

__all__ = ["Assert", "assert_equal", "assert_none_equal", "assert_less", "assert_less_equal",
           "assert_greater", "assert_greater_equal", "assert_near", "assert_rank",
           "assert_rank_at_least", "assert_rank_in", "assert_shapes", "assert_type",
           "assert_integer", "assert_positive", "assert_negative", "assert_non_negative",
           "assert_non_positive", "assert_all_finite", "assert_proper_iterable", "assert_scalar",
           "assert_same_float_dtype", "is_numeric_tensor", "check_numerics",
           "enable_check_numerics", "disable_check_numerics", "set_log_device_placement",
           "get_log_device_placement", "enable_traceback_filtering",
           "disable_traceback_filtering", "is_traceback_filtering_enabled"]


def _t(x):
    if isinstance(x, (torch.Tensor, StringTensor)):
        return x
    return convert_to_tensor(x)


def _dtype(x):
    return x.dtype if isinstance(x, StringTensor) else _dt._BY_TORCH[_tdtype(x)]


def _np(x):
    return x._a if isinstance(x, StringTensor) else np.asarray(x.numpy())


def _desc(x):
    return f"shape={TensorShape(x.shape)} dtype={_dtype(x).name}"


def _prefix(message):
    return f"{message}.  " if message else ""


def _summarize(summarize):
    if summarize is None:
        return 3
    return 10 ** 9 if summarize < 0 else int(summarize)


def _pretty(item, summarize):
    """One entry of an eager assert's message: tensors as a list of element strings."""
    if isinstance(item, (torch.Tensor, StringTensor)):
        a = _np(item)
        if a.ndim == 0:
            return str(a[()])
        flat = a.reshape(-1)
        items = [str(v) for v in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
        return str(items)
    return str(item)


def _raise_data(data, summarize):
    raise errors.InvalidArgumentError(None, None, "\n".join(_pretty(d, summarize) for d in data))


def _all_true(cond):
    return bool(torch.all(cond)) if isinstance(cond, torch.Tensor) else bool(np.all(cond))


def _compare(op, x, y):
    from .ops import math_ops
    if isinstance(x, StringTensor) or isinstance(y, StringTensor):
        eq = x == y if isinstance(x, StringTensor) else y == x
        return eq if op == "equal" else wrap(~eq)
    return getattr(math_ops, op)(x, y)


def _binary_assert(sym, op, x, y, message, summarize, data=None):
    x, y = _t(x), _t(y)
    test = _compare(op, x, y)
    if _all_true(test):
        return None
    n = _summarize(summarize)
    if data is None:
        data = [f"Condition x {sym} y did not hold."]
        if n > 0:
            xa, ya = _np(x), _np(y)
            if xa.shape == ya.shape and xa.ndim:
                mask = ~np.asarray(_np(test), dtype=bool)
                idx = np.argwhere(mask)
                k = min(n, idx.shape[0])
                data += [f"Indices of first {k} different values:", idx[:k],
                         "Corresponding x values:", xa[mask].reshape(-1)[:k],
                         "Corresponding y values:", ya[mask].reshape(-1)[:k]]
            xf, yf = xa.reshape(-1), ya.reshape(-1)
            data += [f"First {min(xf.size, n)} elements of x:", xf[:n],
                     f"First {min(yf.size, n)} elements of y:", yf[:n]]
        if message is not None:
            data = [message] + data
    _raise_data(data, n)


def assert_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert("==", "equal", x, y, message, summarize)


def assert_none_equal(x, y, summarize=None, message=None, name=None):
    return _binary_assert("!=", "not_equal", x, y, message, summarize)


def assert_less(x, y, message=None, summarize=None, name=None):
    return _binary_assert("<", "less", x, y, message, summarize)


def assert_less_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert("<=", "less_equal", x, y, message, summarize)


def assert_greater(x, y, message=None, summarize=None, name=None):
    return _binary_assert(">", "greater", x, y, message, summarize)


def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert(">=", "greater_equal", x, y, message, summarize)


def _sign_assert(x, message, summarize, sym, op, zero_left, glue="\n"):
    x = _t(x)
    if _dtype(x) is _dt.bool:
        raise TypeError("Cannot convert 0 to EagerTensor of dtype bool")
    zero = wrap(torch.zeros((), dtype=_tdtype(x), device=x.device))
    cond = f"Condition x {sym} 0 did not hold element-wise:"
    head = f"x ({_desc(x)}) = "
    data = [_prefix(message)] + ([cond + head] if glue == "" else [cond, head]) + [x]
    a, b = (zero, x) if zero_left else (x, zero)
    return _binary_assert("", op, a, b, None, summarize, data=data)


def assert_positive(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, ">", "less", True)


def assert_negative(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, "<", "less", False)


def assert_non_negative(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, ">=", "less_equal", True)


def assert_non_positive(x, message=None, summarize=None, name=None):
    # TF's message has no line break between the condition and "x (...)"; kept identical.
    return _sign_assert(x, message, summarize, "<=", "less_equal", False, glue="")


def _summarize_eager(item, summarize):
    if isinstance(item, (str, bytes)):
        item = StringTensor(np.array(item, dtype=object))
    if not isinstance(item, (torch.Tensor, StringTensor)):
        item = _t(item)
    a = _np(item)
    n = a.size if summarize is not None and summarize < 0 else (3 if summarize is None else summarize)
    if a.ndim:
        flat = a.reshape(-1)
        items = [str(v) for v in flat[:n]]
        if len(items) < flat.size:
            items.append("...")
    else:
        items = [str(a[()])] if n != 0 else []
    return ", ".join(items)


def _assert_message(condition, data, summarize):
    return (f"Expected '{str(condition)}' to be true. Summarized data: "
            + "\n".join(_summarize_eager(d, summarize) for d in data))


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's name
    """Raise InvalidArgumentError (with `data` summarized) unless `condition` holds."""
    if not bool(condition):
        raise errors.InvalidArgumentError(None, None, _assert_message(condition, data, summarize))
    return None


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """|x - y| <= atol + rtol * |y| elementwise; default tolerances 10 * eps of the dtype."""
    x, y = _t(x), _t(y)
    d = _dtype(x)
    npd = np.dtype(d.as_numpy_dtype) if d is not _dt.bfloat16 else None
    if npd is None or npd.kind not in "fc":
        raise ValueError(f"data type {np.dtype(d.as_numpy_dtype).type if npd is None else npd.type} not inexact")
    eps = float(np.finfo(npd).eps)
    rtol = wrap(torch.tensor(10 * eps if rtol is None else rtol, dtype=_tdtype(x)))
    atol = wrap(torch.tensor(10 * eps if atol is None else atol, dtype=_tdtype(x)))
    if _tdtype(y) is not _tdtype(x):
        from .ops import math_ops
        math_ops.subtract(x, y)  # raises TF's dtype error
    diff = torch.abs(x - y)
    tol = atol.to(x.device) + rtol.to(x.device) * torch.abs(y)
    ok = wrap(torch.all(diff <= tol).cpu())
    if bool(ok):
        return None
    data = [_prefix(message),
            f"x and y not equal to tolerance rtol = {str(rtol)}, atol = {str(atol)}",
            f"x ({_desc(x)}) = ", x, f"y ({_desc(y)}) = ", y]
    raise errors.InvalidArgumentError(None, None, _assert_message(ok, data, summarize))


def _static_rank(x):
    x = _t(x)
    return x, len(x.shape)


def _rank_value(rank):
    if isinstance(rank, torch.Tensor):
        if rank.dim() != 0:
            raise ValueError("Rank must be a scalar.")
        return int(rank)
    if isinstance(rank, (list, tuple, np.ndarray)):
        raise ValueError("Rank must be a scalar.")
    return int(rank)


def assert_rank(x, rank, message=None, name=None):
    x, r = _static_rank(x)
    want = _rank_value(rank)
    if r != want:
        raise ValueError(f"{_prefix(message)}Tensor  must have rank {want}.  Received rank {r}, "
                         f"shape {TensorShape(x.shape)}")
    return None


def assert_rank_at_least(x, rank, message=None, name=None):
    x, r = _static_rank(x)
    want = _rank_value(rank)
    if r < want:
        raise ValueError(f"{_prefix(message)}Tensor  must have rank at least {want}.  Received rank "
                         f"{r}, shape {TensorShape(x.shape)}")
    return None


def assert_rank_in(x, ranks, message=None, name=None):
    x, r = _static_rank(x)
    wants = tuple(_rank_value(v) for v in ranks)
    if r not in wants:
        raise ValueError(f"{_prefix(message)}Tensor  must have rank in {wants}.  Received rank {r}, "
                         f"shape {TensorShape(x.shape)}")
    return None


def assert_scalar(tensor, message=None, name=None):
    tensor = _t(tensor)
    if len(tensor.shape) != 0:
        raise ValueError(f"{_prefix(message)}Expected scalar shape, saw shape: {TensorShape(tensor.shape)}.")
    return None


def assert_type(tensor, tf_type, message=None, name=None):
    tensor = _t(tensor)
    want = _dt.as_dtype(tf_type)
    if _dtype(tensor) != want:
        raise TypeError(f"{_prefix(message)}tensor must be of type {want!r}; got {_dtype(tensor)!r}")
    return None


def assert_integer(x, message=None, name=None):
    x = _t(x)
    d = _dtype(x)
    if not d.is_integer:
        raise TypeError(f'{_prefix(message)}Expected "x" to be integer type.  Found: tensor of dtype {d}')
    return None


def assert_proper_iterable(values):
    """Lists, tuples, sets, generators are proper; tensors, arrays and strings are not."""
    if isinstance(values, (torch.Tensor, StringTensor, np.ndarray, str, bytes)) or \
            not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be a "proper" iterable.  Found: {type(values)}')


def assert_same_float_dtype(tensors=None, dtype=None):
    """The common float dtype of `tensors` (and `dtype`); float32 when there is none."""
    first = None
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
        if not dtype.is_floating:
            raise ValueError(f"Expected floating point type, got {dtype}.")
    for t in tensors or ():
        d = _dtype(t)
        if dtype is None:
            dtype, first = d, t
        elif d != dtype:
            raise ValueError(f"{str(t)}, type={d}, must be of the same type ({dtype})"
                             f"{'' if first is None else ' as ' + str(first)}.")
    if dtype is None:
        return _dt.float32
    if not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


def is_numeric_tensor(tensor):
    return isinstance(tensor, torch.Tensor) and _dtype(tensor) is not _dt.string


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """Checks ranks and dimension sizes; symbols ('N') must agree across tensors.

    Spec entries: int (exact size), str symbol, '.'/None (any size), a leading '*' (any number
    of leading dims). As in TF, an empty or one-entry spec also accepts a scalar.
    """
    items = list(shapes.items()) if isinstance(shapes, dict) else list(shapes)
    symbols = {}
    pre = _prefix(message)
    for x, spec in items:
        x = _t(x)
        if isinstance(spec, (str, bytes)) or not hasattr(spec, "__iter__"):
            raise ValueError(f"Tensor {_desc(x)}.  Specified shape must be an iterable.  An iterable "
                             f"has the attribute `__iter__` or `__getitem__`.  Received specified shape: {spec}")
        spec = list(spec)
        shape = tuple(x.shape)
        r = len(shape)
        star = bool(spec) and (spec[0] == "*" or spec[0] is Ellipsis)
        if star:
            spec = spec[1:]
            if r < len(spec):
                raise ValueError(f"{pre}Tensor  must have rank at least {len(spec)}.  Received rank "
                                 f"{r}, shape {TensorShape(shape)}")
        elif len(spec) <= 1:
            if r not in (0, 1):
                raise ValueError(f"{pre}Tensor  must have rank in (0, 1).  Received rank {r}, "
                                 f"shape {TensorShape(shape)}")
            if r == 0:
                continue
            if not spec:
                spec = [1]
        elif r != len(spec):
            raise ValueError(f"{pre}Tensor  must have rank {len(spec)}.  Received rank {r}, "
                             f"shape {TensorShape(shape)}")
        offset = r - len(spec)
        for j, s in enumerate(spec):
            dim = j - len(spec) if star else j
            size = shape[offset + j]
            if s is None or s == "." or s == "*":
                continue
            if isinstance(s, str):
                if s not in symbols:
                    symbols[s] = (size, _desc(x), dim)
                    continue
                want, src, src_dim = symbols[s]
                if size != want:
                    raise ValueError(f"{pre}Specified by tensor {src} dimension {src_dim}.  Tensor "
                                     f"{_desc(x)} dimension {dim} must have size {want}.  Received "
                                     f"size {size}, shape {TensorShape(shape)}")
            elif not isinstance(s, (int, np.integer)):
                raise ValueError(f"Attempt to convert a value ({s!r}) with an unsupported type "
                                 f"({type(s)}) to a Tensor.")
            elif size != int(s):
                raise ValueError(f"{pre}Specified explicitly.  Tensor {_desc(x)} dimension {dim} must "
                                 f"have size {int(s)}.  Received size {size}, shape {TensorShape(shape)}")
    return None


_ALLOWED_NUMERICS = "bfloat16, half, float, double"


def check_numerics(tensor, message, name=None):
    """Returns `tensor`; InvalidArgumentError if it holds Inf or NaN (floating dtypes only)."""
    x = _t(tensor)
    d = _tdtype(x)
    if d not in (torch.float16, torch.bfloat16, torch.float32, torch.float64):
        raise _args.not_allowed("CheckNumerics", d, _ALLOWED_NUMERICS)
    flags = torch.stack([torch.isinf(x).any(), torch.isnan(x).any()]).tolist()
    if flags[0] or flags[1]:
        what = "Inf and NaN" if all(flags) else ("Inf" if flags[0] else "NaN")
        raise errors.invalid_argument(f"{message} : Tensor had {what} values", "CheckNumerics")
    return wrap(x) if type(x) is torch.Tensor else x


def assert_all_finite(x, message, name=None):
    return check_numerics(x, message, name)


_state = {"check_numerics": False, "log_device_placement": False, "traceback_filtering": True}


def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    """Accepted; the shim does not instrument every op (use check_numerics explicitly)."""
    _state["check_numerics"] = True


def disable_check_numerics():
    _state["check_numerics"] = False


def set_log_device_placement(enabled):
    """Accepted and recorded; the shim does not log op placement."""
    _state["log_device_placement"] = bool(enabled)


def get_log_device_placement():
    return _state["log_device_placement"]


def enable_traceback_filtering():
    _state["traceback_filtering"] = True


def disable_traceback_filtering():
    _state["traceback_filtering"] = False


def is_traceback_filtering_enabled():
    return _state["traceback_filtering"]
