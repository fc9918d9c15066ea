"""keras.layers BatchNormalization and LayerNormalization with Keras's numbers.

BatchNormalization (momentum 0.99, epsilon 1e-3): batch statistics only when the resolved
`training` argument is true and the layer is trainable (torch's module.train() flag plays no
part); moving statistics updated as `moving * momentum + batch * (1 - momentum)` with the
*biased* batch variance (torch's running_var uses the unbiased one). Weights in Keras order:
gamma, beta, moving_mean, moving_variance (the last two non-trainable).
Both layers compute `x * inv + (beta - mean * inv)`, inv = gamma / sqrt(var + eps), as
tf.nn.batch_normalization does, in one fused multiply-add.
"""
import torch
import torch.nn.functional as F

from ...framework import errors
from ...framework.dtypes import as_dtype
from ...framework.tensor import _tdtype, _tshape
from ...framework.tensor_shape import TensorShape
from .. import backend as _backend
from .. import constraints, initializers, regularizers
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec

__all__ = ["BatchNormalization", "LayerNormalization", "UnitNormalization", "GroupNormalization"]

_LOW = (torch.float16, torch.bfloat16)


def _normalize(x, mean, var, gamma, beta, eps):
    """x * inv + (beta - mean * inv) with inv = rsqrt(var + eps) * gamma (broadcast shapes)."""
    inv = torch.rsqrt(var + eps)
    if gamma is not None:
        inv = inv * gamma
    shift = -mean * inv
    if beta is not None:
        shift = shift + beta
    return torch.addcmul(shift, x, inv)


class BatchNormalization(Layer):
    """Normalizes over all axes but `axis` (default -1, the NHWC channels)."""

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", moving_mean_initializer="zeros",
                 moving_variance_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, synchronized=False, **kwargs):
        for legacy in ("fused", "virtual_batch_size", "adjustment"):
            kwargs.pop(legacy, None)
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)) and len(axis) == 1:
            axis = axis[0]
        self.axis = int(axis)
        self.synchronized = synchronized
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        if renorm:
            raise NotImplementedError("BatchNormalization(renorm=True) is not supported by tfkeras_shim.")
        self.renorm = renorm
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.gamma = None
        self.beta = None
        self.moving_mean = None
        self.moving_variance = None
        self._reduction_axes = None

    def build(self, input_shape):
        ndim = len(input_shape)
        if not -ndim <= self.axis < ndim:
            raise ValueError(f"Axis {self.axis} is out of bounds for input shape {tuple(input_shape)}. "
                             f"Received: axis={self.axis}")
        shape = (input_shape[self.axis],)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True, autocast=False)
        if self.center:
            self.beta = self.add_weight(shape=shape, name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True, autocast=False)
        self.moving_mean = self.add_weight(shape=shape, name="moving_mean",
                                           initializer=self.moving_mean_initializer, trainable=False,
                                           autocast=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer,
                                               trainable=False, autocast=False)
        self.input_spec = InputSpec(ndim=ndim, axes={self.axis: input_shape[self.axis]})
        axis = self.axis % ndim
        self._reduction_axes = tuple(d for d in range(ndim) if d != axis)
        self._bshape = None if axis == ndim - 1 else tuple(input_shape[d] if d == axis else 1
                                                           for d in range(ndim))

    def _b(self, v):
        """A per-channel vector shaped to broadcast against the input."""
        if v is None or self._bshape is None:
            return v
        return v.reshape(tuple(-1 if s is None else s for s in self._bshape))

    def _moments(self, x, mask):
        if mask is None:
            var, mean = torch.var_mean(x, dim=self._reduction_axes, correction=0)
            return mean, var
        m = mask.to(torch.bool).unsqueeze(-1).expand(_tshape(x))
        zero = torch.zeros((), dtype=_tdtype(x), device=x.device)
        wsum = m.to(_tdtype(x)).sum(self._reduction_axes, keepdim=True)
        mean = torch.where(m, x, zero).sum(self._reduction_axes, keepdim=True) / (wsum + _backend.epsilon())
        d = torch.where(m, x - mean, zero)
        var = (d * d).sum(self._reduction_axes, keepdim=True) / (wsum + _backend.epsilon())
        return mean.reshape(-1), var.reshape(-1)

    def call(self, inputs, training=None, mask=None):
        if mask is not None and mask.dim() != inputs.dim() - 1:
            raise ValueError("The mask provided should be one dimension less than the inputs. Received: "
                             f"mask.shape={TensorShape(tuple(mask.shape))}, "
                             f"inputs.shape={TensorShape(tuple(inputs.shape))}")
        x = inputs
        out_dtype = _tdtype(x)
        if out_dtype in _LOW:
            x = x.float()
        xd = _tdtype(x)
        gamma = None if self.gamma is None else self.gamma.to(xd)
        beta = None if self.beta is None else self.beta.to(xd)
        if training and self.trainable:
            mean, var = self._moments(x, mask)
            m = self.momentum
            with torch.no_grad():
                mm, mv = self.moving_mean, self.moving_variance
                torch.Tensor.copy_(mm, mm * m + mean.detach().to(_tdtype(mm)) * (1.0 - m))
                torch.Tensor.copy_(mv, mv * m + var.detach().to(_tdtype(mv)) * (1.0 - m))
        else:
            mean = self.moving_mean.to(xd)
            var = self.moving_variance.to(xd)
        y = _normalize(x, self._b(mean), self._b(var), self._b(gamma), self._b(beta), self.epsilon)
        return y.to(out_dtype) if _tdtype(y) is not out_dtype else y

    def compute_output_shape(self, input_shape):
        n = len(input_shape)
        if self.axis >= n or self.axis < -n:
            raise ValueError(f"Axis {self.axis} is out of bounds for input shape {tuple(input_shape)}. "
                             f"Received: axis={self.axis}")
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
            "center": self.center, "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized, "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping, "renorm_momentum": self.renorm_momentum,
        })
        return config


class LayerNormalization(Layer):
    """Normalizes each sample over `axis` (default -1), epsilon 1e-3 (torch's default is 1e-5)."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, **kwargs):
        rms_scaling = kwargs.pop("rms_scaling", False)
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Expected an int or a list/tuple of ints for the argument 'axis', but "
                            f"received: {axis!r}")
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        ndim = len(input_shape)
        if isinstance(self.axis, (list, tuple)):
            self.axis = sorted(self.axis)
            shape = tuple(input_shape[d] for d in self.axis)
        else:
            shape = (input_shape[self.axis],)
            self.axis = [self.axis]
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True, autocast=False)
        else:
            self.gamma = None
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True, autocast=False)
        else:
            self.beta = None
        axes = sorted(a % ndim for a in self.axis)
        self._axes = tuple(axes)
        self._trailing = axes == list(range(ndim - len(axes), ndim))
        self._bshape = [1] * ndim
        for a in axes:
            self._bshape[a] = -1 if input_shape[a] is None else input_shape[a]

    def call(self, inputs):
        x = inputs
        out_dtype = _tdtype(x)
        if out_dtype in _LOW:
            x = x.float()
        xd = _tdtype(x)
        gamma = None if self.gamma is None else self.gamma.to(xd)
        beta = None if self.beta is None else self.beta.to(xd)
        if self.rms_scaling:
            var = torch.var(x, dim=self._axes, keepdim=True, correction=0)
            y = x * torch.rsqrt(var + self.epsilon)
            if gamma is not None:
                y = y * gamma.reshape(self._bshape)
        elif self._trailing:
            xs = _tshape(x)
            y = F.layer_norm(x, tuple(xs[a] for a in self._axes), gamma, beta, self.epsilon)
        else:
            var, mean = torch.var_mean(x, dim=self._axes, keepdim=True, correction=0)
            y = _normalize(x, mean, var, None if gamma is None else gamma.reshape(self._bshape),
                           None if beta is None else beta.reshape(self._bshape), self.epsilon)
        return y.to(out_dtype) if _tdtype(y) is not out_dtype else y

    def compute_output_shape(self, input_shape):
        axes = [self.axis] if isinstance(self.axis, int) else self.axis
        n = len(input_shape)
        for a in axes:
            if a >= n or a < -n:
                raise ValueError(f"Axis {a} is out of bounds for input shape {tuple(input_shape)}. "
                                 f"Received: axis={self.axis}")
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis, "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config


class UnitNormalization(Layer):
    """Scales each sample to unit L2 norm over `axis`: `x * min(rsqrt(sum(x**2)), 1e12)`."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Invalid value for `axis` argument: expected an int or a list/tuple of ints. "
                            f"Received: axis={axis}")
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs):
        x = inputs
        if not _tdtype(x).is_floating_point:
            raise errors.invalid_argument(
                f"Value for attr 'T' of {as_dtype(_tdtype(x)).name} is not in the list of allowed values: "
                "bfloat16, half, float, double, complex64, complex128\n\t; NodeDef: {{node Rsqrt}}; "
                "Op<name=Rsqrt; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, "
                "DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>", "Rsqrt")
        if x.dim() == 0:
            x = x.reshape(1)
        dims = tuple(self.axis) if isinstance(self.axis, list) else self.axis
        inv = torch.rsqrt(torch.sum(x * x, dim=dims, keepdim=True))
        return x * torch.clamp_max(inv, 1e12)

    def compute_output_shape(self, input_shape):
        axes = [self.axis] if isinstance(self.axis, int) else self.axis
        for axis in axes:
            if axis >= len(input_shape) or axis < -len(input_shape):
                raise ValueError(f"Axis {self.axis} is out of bounds for input shape {input_shape}.")
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class GroupNormalization(Layer):
    """Normalizes groups of `groups` channels along `axis` (epsilon 1e-3; `groups=-1` is instance
    normalization). Statistics in float32 at least (float64 inputs stay float64: the layer does
    not autocast its inputs, as in Keras); the result is cast back to the input dtype (integer
    inputs truncate, as in Keras), then to the compute dtype."""

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, **kwargs):
        if not isinstance(groups, int) or (groups <= 0 and groups != -1):
            raise ValueError("Received an invalid value for argument `groups`, expected a positive integer "
                             f"(or `-1` for instance normalization). Received: groups={groups}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.autocast = False
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

    def build(self, input_shape):
        dim = input_shape[self.axis]
        if dim is None:
            raise ValueError(f"Axis {self.axis} of input tensor should have a defined dimension but the layer "
                             f"received an input with shape {input_shape}.")
        if self.groups == -1:
            self.groups = dim
        if dim < self.groups:
            raise ValueError(f"Number of groups ({self.groups}) cannot be more than the number of channels "
                             f"({dim}).")
        if dim % self.groups != 0:
            raise ValueError(f"Number of groups ({self.groups}) must be a multiple of the number of channels "
                             f"({dim}).")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        if self.scale:
            self.gamma = self.add_weight(shape=(dim,), name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         autocast=False)
        else:
            self.gamma = None
        if self.center:
            self.beta = self.add_weight(shape=(dim,), name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        autocast=False)
        else:
            self.beta = None

    def call(self, inputs):
        x = inputs
        in_dtype = _tdtype(x)
        shape = tuple(_tshape(x))
        nd = len(shape)
        a = self.axis % nd
        g = self.groups
        gshape = shape[:a] + (g, shape[a] // g) + shape[a + 1:]
        cd = in_dtype if in_dtype in (torch.float32, torch.float64) else torch.float32
        xg = x.reshape(gshape).to(cd)
        red = tuple(d for d in range(1, nd + 1) if d != a)
        var, mean = torch.var_mean(xg, dim=red, keepdim=True, correction=0)
        bshape = [1] * (nd + 1)
        bshape[a] = g
        bshape[a + 1] = shape[a] // g
        gamma = None if self.gamma is None else self.gamma.to(cd).reshape(bshape)
        beta = None if self.beta is None else self.beta.to(cd).reshape(bshape)
        y = _normalize(xg, mean, var, gamma, beta, self.epsilon)
        # Keras casts back to the input dtype (integers truncate), then to the compute dtype
        return y.to(in_dtype).reshape(shape).to(self._ctd)

    def compute_output_shape(self, input_shape):
        axes = [self.axis] if isinstance(self.axis, int) else self.axis
        for axis in axes:
            if axis >= len(input_shape) or axis < -len(input_shape):
                raise ValueError(f"Axis {axis} is out of bounds for input shape {input_shape}. "
                                 f"Received: axis={self.axis}")
        return input_shape

    def get_config(self):
        return {**super().get_config(),
                "groups": self.groups, "axis": self.axis, "epsilon": self.epsilon,
                "center": self.center, "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint)}
