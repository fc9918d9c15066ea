"""tf.test: device queries and `tf.test.TestCase` (unittest with TF's array assertions).

Device answers come from torch (CUDA available / built with CUDA). TestCase's assertions
compare tensors, Variables, numpy arrays and nests of them as TF's do (`assertAllClose`
defaults rtol=atol=1e-6); `evaluate` returns numpy values. Differences: no graph-mode helpers
(`cached_session`, `session` raise), `is_built_with_xla()` is False (torch.compile stands in).
"""
import unittest

import numpy as np
import torch

__all__ = ["TestCase", "main", "is_gpu_available", "gpu_device_name", "is_built_with_cuda",
           "is_built_with_gpu_support", "is_built_with_rocm", "is_built_with_xla",
           "is_cpu_target_available", "compute_gradient"]


def is_built_with_cuda():
    return torch.version.cuda is not None


def is_built_with_rocm():
    return getattr(torch.version, "hip", None) is not None


def is_built_with_gpu_support():
    return is_built_with_cuda() or is_built_with_rocm()


def is_built_with_xla():
    return False


def is_cpu_target_available(cpu_target):
    return False


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    """Deprecated in TF (use tf.config.list_physical_devices('GPU')); warns like TF."""
    from .ops.control_flow_ops import get_logger
    get_logger().warning("is_gpu_available (from tensorflow.python.framework.test_util) is "
                         "deprecated and will be removed in a future version.\nInstructions for "
                         "updating:\nUse `tf.config.list_physical_devices('GPU')` instead.")
    if not torch.cuda.is_available():
        return False
    if min_cuda_compute_capability is not None:
        return torch.cuda.get_device_capability(0) >= tuple(min_cuda_compute_capability)
    return True


def gpu_device_name():
    return "/device:GPU:0" if torch.cuda.is_available() else ""


def compute_gradient(f, x, delta=None):
    """(theoretical, numerical) Jacobians of `f` at the list `x`, as TF returns them."""
    from . import autodiff
    from .framework.tensor import convert_to_tensor
    xs = [convert_to_tensor(v) for v in x]
    theoretical, numerical = [], []
    for i, xi in enumerate(xs):
        with autodiff.GradientTape(persistent=True) as tape:
            tape.watch(xi)
            y = f(*xs)
        jac = tape.jacobian(y, xi)
        yn = np.asarray(y.numpy())
        theoretical.append(np.asarray(jac.numpy()).reshape(xi.numpy().size, yn.size).T)
        orig = xi.numpy()
        base = orig.astype(np.float64)
        eps = delta if delta is not None else (1e-3 if orig.dtype != np.float64 else 1e-7)
        cols = []
        for k in range(base.size):
            up, dn = base.copy().reshape(-1), base.copy().reshape(-1)
            up[k] += eps
            dn[k] -= eps
            args_up = list(xs)
            args_dn = list(xs)
            args_up[i] = convert_to_tensor(up.reshape(base.shape).astype(xi.numpy().dtype))
            args_dn[i] = convert_to_tensor(dn.reshape(base.shape).astype(xi.numpy().dtype))
            cols.append((np.asarray(f(*args_up).numpy(), np.float64)
                         - np.asarray(f(*args_dn).numpy(), np.float64)).reshape(-1) / (2 * eps))
        numerical.append(np.stack(cols, axis=1).astype(theoretical[-1].dtype))
    return tuple(theoretical), tuple(numerical)


def _np(x):
    """numpy value of a tensor / nest; a list where the items' shapes differ."""
    if hasattr(x, "numpy"):
        return np.asarray(x.numpy())
    if isinstance(x, (list, tuple)):
        items = [_np(v) for v in x]
        if any(isinstance(v, list) for v in items):
            return items
        try:
            return np.asarray(items)
        except ValueError:
            return items
    return np.asarray(x)


class TestCase(unittest.TestCase):
    """unittest.TestCase with TF's tensor assertions."""

    def evaluate(self, tensors):
        if isinstance(tensors, dict):
            return {k: self.evaluate(v) for k, v in tensors.items()}
        if isinstance(tensors, (list, tuple)):
            return type(tensors)(self.evaluate(v) for v in tensors)
        return _np(tensors) if hasattr(tensors, "numpy") else tensors

    def _pair(self, a, b):
        a, b = _np(a), _np(b)
        if isinstance(a, list) or isinstance(b, list):
            return a, b
        return np.asarray(a), np.asarray(b)

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):
        a, b = self._pair(a, b)
        if isinstance(a, list):
            self.assertEqual(len(a), len(b), msg)
            for x, y in zip(a, b):
                self.assertAllClose(x, y, rtol=rtol, atol=atol, msg=msg)
            return
        self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}. {msg or ''}")
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=msg or "", equal_nan=True)

    def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6, float_rtol=1e-6,
                                      float_atol=1e-6, half_rtol=1e-3, half_atol=1e-3,
                                      bfloat16_rtol=1e-2, bfloat16_atol=1e-2, msg=None):
        a2, b2 = self._pair(a, b)
        dt = np.result_type(np.asarray(a2).dtype, np.asarray(b2).dtype)
        if dt == np.float32:
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        elif dt == np.float16:
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        self.assertAllClose(a2, b2, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)
        except AssertionError:
            return
        raise AssertionError(msg or "The two values are close at all elements.")

    def assertAllEqual(self, a, b, msg=None):
        a, b = self._pair(a, b)
        if isinstance(a, list):
            self.assertEqual(len(a), len(b), msg)
            for x, y in zip(a, b):
                self.assertAllEqual(x, y, msg)
            return
        self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}. {msg or ''}")
        np.testing.assert_array_equal(a, b, err_msg=msg or "")

    def assertNotAllEqual(self, a, b, msg=None):
        a, b = self._pair(a, b)
        if a.shape == b.shape and np.array_equal(a, b):
            raise AssertionError(msg or "Expected unequal values, got equal ones.")

    def _cmp(self, a, op, what, msg):
        a = np.asarray(_np(a))
        if not np.all(op(a)):
            raise AssertionError(msg or f"Not all values are {what}: {a}")

    def assertAllGreater(self, a, comparison_target):
        self._cmp(a, lambda v: v > comparison_target, f"> {comparison_target}", None)

    def assertAllGreaterEqual(self, a, comparison_target):
        self._cmp(a, lambda v: v >= comparison_target, f">= {comparison_target}", None)

    def assertAllLess(self, a, comparison_target):
        self._cmp(a, lambda v: v < comparison_target, f"< {comparison_target}", None)

    def assertAllLessEqual(self, a, comparison_target):
        self._cmp(a, lambda v: v <= comparison_target, f"<= {comparison_target}", None)

    def assertAllInRange(self, target, lower_bound, upper_bound, open_lower_bound=False,
                         open_upper_bound=False):
        lo = (lambda v: v > lower_bound) if open_lower_bound else (lambda v: v >= lower_bound)
        hi = (lambda v: v < upper_bound) if open_upper_bound else (lambda v: v <= upper_bound)
        self._cmp(target, lambda v: lo(v) & hi(v), f"in range [{lower_bound}, {upper_bound}]", None)

    def assertAllInSet(self, target, expected_set):
        values = set(np.asarray(_np(target)).reshape(-1).tolist())
        extra = values - set(expected_set)
        if extra:
            raise AssertionError(f"{extra} is not in {set(expected_set)}")

    def assertShapeEqual(self, input_a, input_b, msg=None):
        self.assertEqual(tuple(np.shape(_np(input_a))), tuple(input_b.shape), msg)

    def assertDTypeEqual(self, target, expected_dtype):
        self.assertEqual(np.asarray(_np(target)).dtype, np.dtype(getattr(expected_dtype, "as_numpy_dtype", expected_dtype)))

    def session(self, *args, **kwargs):
        raise NotImplementedError("tf.test.TestCase.session: TF1 graph sessions do not exist in "
                                  "tfkeras_shim (eager only).")

    cached_session = session


def main(argv=None):
    """Runs the tests of the calling module (unittest.main)."""
    return unittest.main(argv=argv)
