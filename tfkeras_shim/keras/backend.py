"""keras.backend: global Keras settings and auto-naming (Keras 3 semantics).

Auto-naming follows Keras 3: one counter per snake_case prefix shared by layers, models,
variables and KerasTensors (`dense`, `dense_1`, ...); an explicit name does not consume a
counter; `clear_session()` resets every counter. `get_uid(prefix)` shares the same counters.
"""
import collections
import re

import numpy as np
import torch

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"

_uids = collections.defaultdict(int)
_session_hooks = []  # callables run by clear_session (other modules register resets here)


def floatx():
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    accepted = {"bfloat16", "float16", "float32", "float64"}
    value = str(getattr(value, "name", value))
    if value not in accepted:
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of {accepted}")
    _FLOATX = value


def epsilon():
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = value


def image_data_format():
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    data_format = str(data_format).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("The `data_format` argument must be one of {'channels_first', "
                         f"'channels_last'}}. Received: data_format={data_format}")
    _IMAGE_DATA_FORMAT = data_format


def backend():
    """The name of the backend: tf.keras reports 'tensorflow'."""
    return "tensorflow"


# -- naming -----------------------------------------------------------------------------------

_SNAKE_1 = re.compile("(.)([A-Z][a-z]+)")
_SNAKE_2 = re.compile("([a-z])([A-Z])")
_NONWORD = re.compile(r"\W+")
_snake_cache = {}


def to_snake_case(name):
    """CamelCase -> snake_case the way Keras names layers (`Conv2DTranspose` -> `conv2d_transpose`)."""
    r = _snake_cache.get(name)
    if r is None:
        s = _NONWORD.sub("", name)
        s = _SNAKE_1.sub(r"\1_\2", s)
        r = _SNAKE_2.sub(r"\1_\2", s).lower()
        _snake_cache[name] = r
    return r


def uniquify(name):
    """`name` the first time, then `name_1`, `name_2`, ..."""
    n = _uids[name]
    _uids[name] = n + 1
    return f"{name}_{n}" if n else name


def auto_name(prefix):
    return uniquify(to_snake_case(prefix))


def get_uid(prefix=""):
    """keras.backend.get_uid: increments and returns the counter of `prefix` (1 the first time)."""
    _uids[prefix] += 1
    return _uids[prefix]


def reset_uids():
    _uids.clear()


def clear_session(free_memory=True):
    """Reset auto-naming counters (and whatever other modules registered)."""
    _uids.clear()
    for hook in list(_session_hooks):
        hook()


# -- small helpers used by Keras-1/2 code ------------------------------------------------------

def is_keras_tensor(x):
    from .engine.keras_tensor import KerasTensor
    return isinstance(x, KerasTensor)


def standardize_dtype(dtype):
    """Any dtype-like -> Keras dtype string ('float32', 'int64', ...)."""
    if dtype is None:
        return floatx()
    if isinstance(dtype, str):
        if dtype in ("float", "double", "int", "half"):
            return {"float": "float32", "double": "float64", "int": "int64", "half": "float16"}[dtype]
        from ..framework import dtypes as _dt
        return _dt.as_dtype(dtype).name
    name = getattr(dtype, "name", None)
    if isinstance(name, str) and not isinstance(dtype, (np.dtype, type)):
        return name
    from ..framework import dtypes as _dt
    if isinstance(dtype, torch.dtype):
        return _dt.from_torch(dtype).name
    return _dt.as_dtype(dtype).name


def is_float_dtype(dtype):
    d = standardize_dtype(dtype)
    return d.startswith("float") or d.startswith("bfloat")


def int_shape(x):
    s = getattr(x, "shape", None)
    return tuple(s) if s is not None else None


def count_params(x):
    return int(np.prod(tuple(x.shape)))


def get_value(x):
    """A numpy copy of a tensor/variable; other values come back unchanged."""
    if isinstance(x, torch.Tensor) or hasattr(x, "numpy"):
        return np.asarray(x)
    return x


def batch_get_value(xs):
    return [np.asarray(x) for x in xs]


def set_value(x, value):
    """Assign `value` to a variable (e.g. `K.set_value(model.optimizer.learning_rate, 1e-3)`)."""
    x.assign(np.asarray(value, dtype=standardize_dtype(x.dtype)))


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def learning_phase():
    return 0





# -- the legacy Keras 2 backend functions tf.keras.backend still exports (K.mean, K.square ...) --
# Thin wrappers over the shim's tf ops, with the legacy defaults (floatx for new values, bool
# inputs of mean/std/var cast to floatx, epsilon-clipped cross-entropies).

def _tf():
    import tfkeras_shim
    return tfkeras_shim


def _fx(x):
    tf = _tf()
    x = tf.convert_to_tensor(x)
    return tf.cast(x, floatx()) if x.dtype == tf.bool else x


def _alias(name, tf_name=None, module=None):
    def fn(*args, **kwargs):
        tf = _tf()
        target = getattr(tf, module) if module else tf
        return getattr(target, tf_name or name)(*args, **kwargs)
    fn.__name__ = name
    fn.__doc__ = f"keras.backend.{name} (legacy): tf.{(module + '.') if module else ''}{tf_name or name}."
    return fn


for _n, _t, _m in [("abs", None, None), ("exp", None, None), ("sqrt", None, None), ("square", None, None),
                   ("sin", None, None), ("cos", None, None), ("sign", None, None), ("round", None, None),
                   ("maximum", None, None), ("minimum", None, None), ("equal", None, None),
                   ("not_equal", None, None), ("greater", None, None), ("greater_equal", None, None),
                   ("less", None, None), ("less_equal", None, None), ("cast", None, None),
                   ("reshape", None, None), ("stack", None, None), ("tile", None, None),
                   ("zeros_like", None, None), ("ones_like", None, None), ("stop_gradient", None, None),
                   ("gather", None, None), ("log", None, "math"), ("pow", None, None),
                   ("tanh", None, "nn"), ("sigmoid", None, "nn"), ("softplus", None, "nn"),
                   ("softsign", None, "nn"), ("cumsum", None, "math"), ("cumprod", None, "math"),
                   ("shape", None, None), ("transpose", None, None)]:
    globals()[_n] = _alias(_n, _t, _m)
del _n, _t, _m


def mean(x, axis=None, keepdims=False):
    return _tf().reduce_mean(_fx(x), axis, keepdims)


def std(x, axis=None, keepdims=False):
    return _tf().math.reduce_std(_fx(x), axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    return _tf().math.reduce_variance(_fx(x), axis=axis, keepdims=keepdims)


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return _tf().reduce_sum(x, axis, keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001
    return _tf().reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001
    return _tf().reduce_min(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    return _tf().reduce_prod(x, axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    tf = _tf()
    return tf.reduce_any(tf.cast(x, tf.bool), axis, keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001
    tf = _tf()
    return tf.reduce_all(tf.cast(x, tf.bool), axis, keepdims)


def argmax(x, axis=-1):
    return _tf().argmax(x, axis)


def argmin(x, axis=-1):
    return _tf().argmin(x, axis)


def clip(x, min_value, max_value):
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)) and max_value < min_value:
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return _tf().clip_by_value(x, min_value, max_value)


def concatenate(tensors, axis=-1):
    tf = _tf()
    if axis < 0:
        rank = len(tf.convert_to_tensor(tensors[0]).shape)
        axis = axis % rank if rank else 0
    return tf.concat(list(tensors), axis)


def expand_dims(x, axis=-1):
    return _tf().expand_dims(x, axis)


def squeeze(x, axis):
    return _tf().squeeze(x, [axis])


def permute_dimensions(x, pattern):
    return _tf().transpose(x, perm=pattern)


def repeat_elements(x, rep, axis):
    return _tf().repeat(x, rep, axis=axis)


def flatten(x):
    return _tf().reshape(x, [-1])


def batch_flatten(x):
    tf = _tf()
    x = tf.convert_to_tensor(x)
    return tf.reshape(x, [-1, int(np.prod(tuple(x.shape)[1:]))])


def ndim(x):
    return len(x.shape)


def dtype(x):
    return standardize_dtype(x.dtype)


def zeros(shape, dtype=None, name=None):
    return _tf().zeros(shape, dtype=dtype or floatx())


def ones(shape, dtype=None, name=None):
    return _tf().ones(shape, dtype=dtype or floatx())


def eye(size, dtype=None, name=None):
    return _tf().eye(size, dtype=dtype or floatx())


def constant(value, dtype=None, shape=None, name=None):
    return _tf().constant(value, dtype=dtype or floatx(), shape=shape)


def variable(value, dtype=None, name=None, constraint=None):
    tf = _tf()
    return tf.Variable(value, dtype=tf.as_dtype(dtype or floatx()), name=name, constraint=constraint)


def cast_to_floatx(x):
    if isinstance(x, torch.Tensor):
        return _tf().cast(x, floatx())
    return np.asarray(x, dtype=floatx())


def one_hot(indices, num_classes):
    return _tf().one_hot(indices, depth=num_classes, axis=-1)


def softmax(x, axis=-1):
    return _tf().nn.softmax(x, axis=axis)


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    from . import activations
    return activations.relu(x, negative_slope=alpha, max_value=max_value, threshold=threshold)


def elu(x, alpha=1.0):
    from . import activations
    return activations.elu(x, alpha)


def hard_sigmoid(x):
    tf = _tf()
    return tf.clip_by_value(x * 0.2 + 0.5, 0.0, 1.0)


def l2_normalize(x, axis=None):
    return _tf().linalg.l2_normalize(x, axis=axis)


def dot(x, y):
    tf = _tf()
    x, y = tf.convert_to_tensor(x), tf.convert_to_tensor(y)
    if len(x.shape) > 2 or len(y.shape) > 2:
        return tf.tensordot(x, y, axes=[[len(x.shape) - 1], [len(y.shape) - 2]])
    return tf.matmul(x, y)


def batch_dot(x, y, axes=None):
    from .layers.merging import _batch_dot
    from ..framework.tensor import wrap
    tf = _tf()
    x, y = tf.convert_to_tensor(x), tf.convert_to_tensor(y)
    if axes is None:
        axes = [len(x.shape) - 1, len(y.shape) - 2]
    if isinstance(axes, int):
        axes = [axes, axes]
    axes = [a % len(t.shape) for a, t in zip(axes, (x, y))]
    return wrap(_batch_dot(x, y, axes))


def binary_crossentropy(target, output, from_logits=False):
    tf = _tf()
    target, output = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    eps = epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    bce = target * tf.math.log(output + eps)
    bce += (1 - target) * tf.math.log(1 - output + eps)
    return -bce


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    tf = _tf()
    target, output = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, True)
    eps = epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1, ignore_class=None):
    tf = _tf()
    target = tf.cast(tf.convert_to_tensor(target), "int64")
    output = tf.convert_to_tensor(output)
    if not from_logits:
        eps = epsilon()
        output = tf.math.log(tf.clip_by_value(output, eps, 1 - eps))
    rank = len(output.shape)
    axis %= rank
    if axis != rank - 1:
        perm = [i for i in range(rank) if i != axis] + [axis]
        output = tf.transpose(output, perm=perm)
    if len(target.shape) == rank:
        target = tf.squeeze(target, [-1])
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return _tf().random.normal(shape, mean=mean, stddev=stddev, dtype=dtype or floatx(), seed=seed)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return _tf().random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype or floatx(), seed=seed)


def update(x, new_x):
    return x.assign(new_x)


def update_add(x, increment):
    return x.assign_add(increment)


def update_sub(x, decrement):
    return x.assign_sub(decrement)


def eval(x):  # noqa: A001 - Keras's name
    return get_value(x)


def is_int_dtype(dtype):
    return standardize_dtype(dtype).startswith(("int", "uint"))


def is_sparse(tensor):
    return False


def name_scope(name):
    import contextlib
    return contextlib.nullcontext()
