"""keras.layers core: Dense, Activation, Dropout, Identity, Lambda (and Input/InputLayer).

Dense keeps the Keras layout (kernel `[input_dim, units]`) and computes `x @ W + b` with one
`torch.addmm` for 2-D inputs (`matmul` + add on the last axis of N-D inputs). Integer inputs are
promoted to the compute dtype, as keras.ops.matmul does. sigmoid/softmax outputs carry the
pre-activation logits as `_keras_logits` (set by keras.activations), which the cross-entropy
losses use like tf.keras does.
"""
import inspect

import torch
import torch.nn.functional as F

from ...framework.tensor import wrap, _tdtype, _tshape
from ...framework.tensor_shape import TensorShape
from .. import activations, constraints, initializers, regularizers
from ..engine.layer import Layer
from ..engine.input_spec import InputSpec
from ..engine.keras_tensor import Input, InputLayer
from ..engine.seed_generator import SeedGenerator

__all__ = ["Dense", "Activation", "Dropout", "Identity", "Lambda", "Masking", "Input", "InputLayer"]


def _ser(module, obj):
    if obj is None:
        return None
    f = getattr(module, "serialize", None)
    return f(obj) if f is not None else obj


class Dense(Layer):
    """Densely connected layer: `activation(inputs @ kernel + bias)` on the last axis."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 lora_rank=None, lora_alpha=None, quantization_config=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        try:
            ok = int(units) == units and int(units) > 0 and not isinstance(units, bool)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError("Received an invalid value for `units`, expected a positive integer. "
                             f"Received: units={units}")
        self.units = int(units)
        self.activation = activations.get(activation)
        self._linear = self.activation is activations.linear
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True
        self.bias = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs, training=None):
        k = self.kernel
        b = self.bias
        x = inputs
        ctd = self._ctd
        if _tdtype(x) is not ctd:
            x = x.to(ctd)
        if _tdtype(k) is not ctd:  # mixed precision: float32 weights, float16 compute
            k = k.to(ctd)
            b = b.to(ctd) if b is not None else None
        if x.dim() == 2 and b is not None:
            y = torch.addmm(b, x, k)
        else:
            y = torch.matmul(x, k)
            if b is not None:
                y = y + b
        if self._linear:
            return y
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)[:-1] + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": _ser(activations, self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": _ser(initializers, self.kernel_initializer),
            "bias_initializer": _ser(initializers, self.bias_initializer),
            "kernel_regularizer": _ser(regularizers, self.kernel_regularizer),
            "bias_regularizer": _ser(regularizers, self.bias_regularizer),
            "kernel_constraint": _ser(constraints, self.kernel_constraint),
            "bias_constraint": _ser(constraints, self.bias_constraint),
            "quantization_config": None,
        })
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config


class Activation(Layer):
    """Applies an activation function (name or callable) to its input."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)
        self._build_at_init()

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {"activation": _ser(activations, self.activation)}
        base = super().get_config()
        return {**base, **config}


class Dropout(Layer):
    """Zeroes a fraction `rate` of the inputs and scales the rest by 1/(1-rate), only when the
    resolved `training` flag is true (inference returns the input unchanged)."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(rate, (int, float)) and not 0 <= rate <= 1:
            raise ValueError("Invalid value received for argument `rate`. Expected a float value "
                             f"between 0 and 1. Received: rate={rate}")
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return _dropout(inputs, self.rate, self.noise_shape, self.seed_generator)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        base = super().get_config()
        return {**base, "rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape}


def _dropout(x, rate, noise_shape, seed_generator):
    gen = seed_generator.torch_generator(x.device) if seed_generator is not None else None
    if rate >= 1:
        return torch.zeros_like(x)
    if noise_shape is None and gen is None:
        return F.dropout(x, rate, True)
    shape = tuple(_tshape(x)) if noise_shape is None else tuple(
        s if s is not None else _tshape(x)[i] for i, s in enumerate(noise_shape))
    td = _tdtype(x)
    r = torch.rand(shape, generator=gen, device=x.device, dtype=td if td.is_floating_point else torch.float32)
    keep = (r >= rate).to(td)
    return x * keep / (1.0 - rate)


class Identity(Layer):
    """Returns its input unchanged."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self._build_at_init()

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape


class Lambda(Layer):
    """Wraps an arbitrary function of the inputs as a layer."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.arguments = arguments or {}
        self.function = function
        if mask is not None:
            self.supports_masking = True
        else:
            self.supports_masking = False
        self.mask = mask
        self._output_shape = output_shape
        try:
            params = inspect.signature(function).parameters
            self._fn_mask = "mask" in params
            self._fn_training = "training" in params
        except (TypeError, ValueError):
            self._fn_mask = self._fn_training = False

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_mask:
            kwargs["mask"] = mask
        if self._fn_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            raise NotImplementedError("Lambda without output_shape: inferred by running the function.")
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        shape = tuple(self._output_shape)
        if isinstance(input_shape, (tuple, list, TensorShape)) and input_shape and \
                all(d is None or isinstance(d, int) for d in input_shape):
            return (input_shape[0],) + shape
        return shape

    def get_config(self):
        config = super().get_config()
        config.update({"function": getattr(self.function, "__name__", repr(self.function)),
                       "arguments": self.arguments})
        if self._output_shape is not None:
            config["output_shape"] = self._output_shape
        return config


class Masking(Layer):
    """Masks timesteps whose features all equal `mask_value`: the output is zero there and
    carries a boolean `_keras_mask` of shape `inputs.shape[:-1]`."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self._build_at_init()

    def compute_mask(self, inputs, mask=None):
        if not isinstance(inputs, torch.Tensor):
            from ...framework.tensor import convert_to_tensor
            inputs = convert_to_tensor(inputs)
        return wrap(torch.any(inputs != self.mask_value, dim=-1))

    def call(self, inputs):
        boolean_mask = torch.any(inputs != self.mask_value, dim=-1, keepdim=True)
        outputs = inputs * boolean_mask.to(_tdtype(inputs))
        outputs = wrap(outputs)
        outputs._keras_mask = wrap(boolean_mask.squeeze(-1))
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "mask_value": self.mask_value}
