"""keras.layers.EinsumDense: `activation(einsum(equation, x, kernel) + bias)`.

Equations take Keras's three forms `X,Y->Z`, `...X,Y->...Z` and `X...,Y->Z...`; the kernel shape,
bias shape (`bias_axes`: the output letters to bias, broadcast from the first of them to the end)
and output shape follow Keras's rules and errors. One `torch.einsum` per call. A default
VarianceScaling initializer (glorot_uniform ...) gets its fans from the kernel's contracted
(input) and new (output) axes, as Keras does. LoRA and quantization are not supported.
"""
import re

import torch

from ...framework.tensor import _tdtype
from .. import activations, constraints, initializers, regularizers
from ..engine.input_spec import InputSpec
from ..engine.layer import Layer

__all__ = ["EinsumDense"]


def _analyze_einsum_string(equation, bias_axes, input_shape, output_shape):
    """(kernel_shape, bias_shape or None, full output shape, kernel input axes, kernel output axes)."""
    s = re.sub(r"\.\.\.", "0", equation)
    m = re.match("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", s)
    if m:
        return _analyze_split(m, bias_axes, input_shape, output_shape)
    m = re.match("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", s)
    if m:
        return _analyze_split(m, bias_axes, input_shape, output_shape, left_elided=True)
    m = re.match("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", s)
    if m:
        return _analyze_split(m, bias_axes, input_shape, output_shape)
    raise ValueError(f"Invalid einsum equation '{equation}'. Equations must be in the form "
                     "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....")


def _analyze_split(m, bias_axes, input_shape, output_shape, left_elided=False):
    input_spec, weight_spec, output_spec = m.group(1), m.group(2), m.group(3)
    input_shape = tuple(input_shape)
    elided = len(input_shape) - len(input_spec)
    output_shape = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    output_shape.insert(0, input_shape[0])
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output_shape.insert(1, input_shape[i])
    elif elided > 0 and not left_elided:
        for i in range(len(input_shape) - elided, len(input_shape)):
            output_shape.append(input_shape[i])
    if left_elided:
        in_map = {d: (i + elided) - len(input_shape) for i, d in enumerate(input_spec)}
        out_map = {d: i + elided for i, d in enumerate(output_spec)}
    else:
        in_map = {d: i for i, d in enumerate(input_spec)}
        out_map = {d: i for i, d in enumerate(output_spec)}
    for d in input_spec:
        if d in out_map:
            o = output_shape[out_map[d]]
            if o is not None and o != input_shape[in_map[d]]:
                raise ValueError(f"Input shape and output shape do not match at shared dimension '{d}'. "
                                 f"Input shape is {input_shape[in_map[d]]}, and output shape is {o}.")
    for d in output_spec:
        if d not in input_spec and d not in weight_spec:
            raise ValueError(f"Dimension '{d}' was specified in the output '{output_spec}' but has no "
                             f"corresponding dim in the input spec '{input_spec}' or weight spec "
                             f"'{output_spec}'")
    weight_shape, input_axes, output_axes = [], [], []
    for i, d in enumerate(weight_spec):
        if d in out_map:
            weight_shape.append(output_shape[out_map[d]])
            output_axes.append(i)
        elif d in in_map:
            weight_shape.append(input_shape[in_map[d]])
            input_axes.append(i)
        else:
            raise ValueError(f"Weight dimension '{d}' did not have a match in either the input spec "
                             f"'{input_spec}' or the output spec '{output_spec}'. For this layer, the "
                             "weight must be fully specified.")
    bias_shape = None
    if bias_axes is not None:
        n_left = elided if left_elided else 0
        idx = {c: output_shape[i + n_left] for i, c in enumerate(output_spec)}
        for c in bias_axes:
            if c not in output_spec:
                raise ValueError(f"Bias dimension '{c}' was requested, but is not part of the output spec "
                                 f"'{output_spec}'")
        first = min(output_spec.find(c) for c in bias_axes)
        bias_shape = [idx[c] if c in bias_axes else 1 for c in output_spec[first:]]
        if not left_elided:
            bias_shape += [1] * elided
    return weight_shape, bias_shape, output_shape, input_axes, output_axes


class EinsumDense(Layer):
    """A dense layer of any rank, written as an einsum equation (Keras 3 semantics)."""

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, bias_constraint=None, lora_rank=None,
                 lora_alpha=None, gptq_unpacked_column_size=None, quantization_config=None, **kwargs):
        if lora_rank or quantization_config is not None or gptq_unpacked_column_size:
            raise NotImplementedError("EinsumDense LoRA / quantization is not supported by tfkeras_shim.")
        super().__init__(**kwargs)
        self.equation = equation
        self.partial_output_shape = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.quantization_config = quantization_config

    def build(self, input_shape):
        kernel_shape, bias_shape, _, input_axes, output_axes = _analyze_einsum_string(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        self.input_spec = InputSpec(ndim=len(input_shape))
        init = self.kernel_initializer
        if isinstance(init, initializers.VarianceScaling) and (init.input_axes is None or init.output_axes is None):
            config = init.get_config()
            config["seed"] = init.seed
            config["input_axes"] = input_axes
            config["output_axes"] = output_axes
            init = type(init).from_config(config)
        self._kernel = self.add_weight(name="kernel", shape=tuple(kernel_shape), initializer=init,
                                       regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        if bias_shape is not None:
            self.bias = self.add_weight(name="bias", shape=tuple(bias_shape), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self._linear = self.activation is activations.linear

    @property
    def kernel(self):
        if not self.built:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self.__dict__["_kernel"]

    def compute_output_shape(self, input_shape):
        return tuple(_analyze_einsum_string(self.equation, self.bias_axes, input_shape,
                                            self.partial_output_shape)[2])

    def call(self, inputs, training=None):
        x = inputs
        k = self.__dict__["_kernel"]
        td = _tdtype(x)
        if _tdtype(k) is not td:
            k = k.to(td)
        y = torch.einsum(self.equation, x, k)
        b = self.bias
        if b is not None:
            y = y + (b if _tdtype(b) is td else b.to(td))
        if not self._linear:
            y = self.activation(y)
        return y

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape, "equation": self.equation,
            "activation": activations.serialize(self.activation), "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config
