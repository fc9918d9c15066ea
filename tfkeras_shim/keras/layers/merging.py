"""keras.layers merging: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
and their functional forms (add, subtract, ..., concatenate, dot).

Element-wise merges broadcast like Keras (inputs of different ranks get size-1 axes inserted
after the batch axis). Masks combine the Keras way: AND for element-wise merges, concatenated
then ANY over the last axis for Concatenate.
"""
import torch

from ...framework.tensor import wrap, _tdtype, _tshape
from ..engine.layer import Layer

__all__ = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
           "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot"]


def _broadcast_shape(a, b):
    if a is None or b is None:
        return None
    if len(a) < len(b):
        return _broadcast_shape(b, a)
    if not b:
        return tuple(a)
    out = list(a[:-len(b)])
    for i, j in zip(a[-len(b):], b):
        if i is None or j is None:
            out.append(None)
        elif i == 1:
            out.append(j)
        elif j == 1 or i == j:
            out.append(i)
        else:
            raise ValueError("Inputs have incompatible shapes. "
                             f"Received shapes {tuple(a)} and {tuple(b)}")
    return tuple(out)


class Merge(Layer):
    """Base of the element-wise merge layers."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _merge_function(self, inputs):
        raise NotImplementedError

    def build(self, input_shape):
        if not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A merge layer should be called on a list of inputs. "
                             f"Received: input_shape={input_shape} (not a list of shapes)")
        if len(input_shape) < 1:
            raise ValueError("A merge layer should be called on a list of at least 1 input. "
                             f"Got {len(input_shape)} inputs. Full input_shape received: {input_shape}")
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError("Cannot merge tensors with different batch sizes. "
                             f"Received tensors with shapes {input_shape}")
        out = tuple(input_shape[0])[1:] if input_shape[0] is not None else None
        for s in input_shape[1:]:
            out = _broadcast_shape(out, tuple(s)[1:] if s is not None else None)
        self.built = True

    def call(self, inputs):
        ranks = [x.dim() for x in inputs]
        if len(set(ranks)) > 1:
            m = max(ranks)
            inputs = [x.reshape((_tshape(x)[0],) + (1,) * (m - x.dim()) + tuple(_tshape(x))[1:])
                      if x.dim() < m else x for x in inputs]
        return self._merge_function(inputs)

    def compute_output_shape(self, input_shape):
        if input_shape[0]:
            batch = input_shape[0][0]
        else:
            batch = None
        out = tuple(input_shape[0])[1:]
        for s in input_shape[1:]:
            out = _broadcast_shape(out, tuple(s)[1:])
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) == 1:
            batch = next(iter(batch_sizes))
        return (batch,) + tuple(out)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received: mask={mask}")
        if not isinstance(inputs, (tuple, list)):
            raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
        if len(mask) != len(inputs):
            raise ValueError("The lists `inputs` and `mask` should have the same length. "
                             f"Received: inputs={inputs} of length {len(inputs)}, and mask={mask} "
                             f"of length {len(mask)}")
        if any(m is None for m in mask):
            return None
        out = mask[0]
        for m in mask[1:]:
            out = torch.logical_or(out, m)
        return wrap(out)

    def get_config(self):
        return super().get_config()


class Add(Merge):
    """Sum of a list of inputs."""

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = torch.add(out, x)
        return out


class Subtract(Merge):
    """Difference of exactly two inputs."""

    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: input_shape={input_shape}")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"A `Subtract` layer should be called on exactly 2 inputs. Received: inputs={inputs}")
        return torch.sub(inputs[0], inputs[1])


class Multiply(Merge):
    """Element-wise product of a list of inputs."""

    def _merge_function(self, inputs):
        masks = [getattr(x, "_keras_mask", None) for x in inputs]
        if all(m is None for m in masks):
            out = inputs[0]
            for x in inputs[1:]:
                out = torch.mul(out, x)
            return out
        has_output_mask = all(m is not None for m in masks)
        output = None
        output_mask = None
        for x, mask in zip(inputs, masks):
            if mask is not None:
                mask = mask.bool().unsqueeze(-1).expand(_tshape(x))
                x = torch.where(mask, x, torch.ones((), dtype=_tdtype(x), device=x.device))
                if has_output_mask:
                    output_mask = mask if output_mask is None else torch.logical_or(output_mask, mask)
            output = x if output is None else torch.mul(output, x)
        if has_output_mask:
            output = wrap(torch.where(output_mask, output, torch.zeros((), dtype=_tdtype(output), device=output.device)))
            output._keras_mask = wrap(torch.any(output_mask, dim=-1))
        return output


class Average(Merge):
    """Element-wise mean of a list of inputs."""

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = torch.add(out, x)
        return torch.div(out, len(inputs))


def _merge_with_masks(op, inputs):
    """Keras's Maximum/Minimum: masked entries take the other operand; masks are ORed."""
    output = None
    output_mask = None
    for x in inputs:
        mask = getattr(x, "_keras_mask", None)
        if mask is not None:
            mask = mask.bool().unsqueeze(-1).expand(_tshape(x))
        if output is None:
            output, output_mask = x, mask
            continue
        if mask is not None:
            x = torch.where(mask, x, output)
        if output_mask is not None:
            output = torch.where(output_mask, output, x)
        if mask is not None and output_mask is not None:
            output_mask = torch.logical_or(output_mask, mask)
        else:
            output_mask = None
        output = op(output, x)
    if output_mask is not None:
        output = wrap(output)
        output._keras_mask = wrap(torch.any(output_mask, dim=-1))
    return output


class Maximum(Merge):
    """Element-wise maximum of a list of inputs."""

    def _merge_function(self, inputs):
        return _merge_with_masks(torch.maximum, inputs)


class Minimum(Merge):
    """Element-wise minimum of a list of inputs."""

    def _merge_function(self, inputs):
        return _merge_with_masks(torch.minimum, inputs)


class Concatenate(Merge):
    """Concatenation of a list of inputs along `axis` (default -1)."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def build(self, input_shape):
        if len(input_shape) < 1 or not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A `Concatenate` layer should be called on a list of at least 1 input. "
                             f"Received: input_shape={input_shape}")
        if all(s is None for s in input_shape):
            return
        shapes = [list(s) for s in input_shape]
        ranks = {len(s) for s in shapes}
        err = ("A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
               f"axis. Received: input_shape={input_shape}")
        if len(ranks) != 1:
            raise ValueError(err)
        rank = ranks.pop()
        ax = self.axis % rank
        for i in range(rank):
            if i == ax:
                continue
            dims = {s[i] for s in shapes} - {None}
            if len(dims) > 1:
                raise ValueError(err)
        self.built = True

    def call(self, inputs):
        return torch.cat(list(inputs), dim=self.axis)

    def compute_output_shape(self, input_shape):
        shapes = [list(s) for s in input_shape]
        out = list(shapes[0])
        ax = self.axis % len(out)
        for s in shapes[1:]:
            if out[ax] is None or s[ax] is None:
                out[ax] = None
            else:
                out[ax] += s[ax]
            for i in range(len(out)):
                if i != ax and out[i] is None:
                    out[i] = s[i]
        return tuple(out)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received mask={mask}")
        if all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                masks.append(torch.ones(_tshape(x), dtype=torch.bool, device=x.device))
            elif m.dim() < x.dim():
                masks.append(m.bool().unsqueeze(-1).expand(_tshape(x)))
            else:
                masks.append(m.bool())
        cat = torch.cat(masks, dim=self.axis)
        return wrap(torch.any(cat, dim=-1))

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def _l2_normalize(x, axis):
    return x / torch.sqrt(torch.clamp((x * x).sum(dim=axis, keepdim=True), min=1e-12))


def _batch_dot(x, y, axes):
    a1, a2 = axes
    xs = tuple(_tshape(x))
    b = xs[0]
    x = torch.movedim(x, a1, -1)
    y = torch.movedim(y, a2, 1)
    xr = tuple(_tshape(x))[1:-1]
    yr = tuple(_tshape(y))[2:]
    k = xs[a1]
    m = 1
    for d in xr:
        m *= d
    n = 1
    for d in yr:
        n *= d
    out = torch.bmm(x.reshape(b, m, k), y.reshape(b, k, n)).reshape((b,) + xr + yr)
    if out.dim() == 1:
        out = out.unsqueeze(1)
    return out


class Dot(Merge):
    """Dot product of two samples along `axes` (batch axis excluded); `normalize` first L2-normalizes."""

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(f"Invalid type for argument `axes`: it should be a list or an int. Received: axes={axes}")
            if len(axes) != 2:
                raise ValueError(f"Invalid format for argument `axes`: it should contain two elements. Received: axes={axes}")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError(f"Invalid format for argument `axes`: list elements should be integers. Received: axes={axes}")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True

    def build(self, input_shape):
        if not isinstance(input_shape[0], (tuple, list)) or len(input_shape) != 2:
            raise ValueError(f"A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={input_shape}")
        self.built = True

    def _axes(self, r1, r2):
        if isinstance(self.axes, int):
            if self.axes < 0:
                return [self.axes % r1, self.axes % r2]
            return [self.axes, self.axes]
        return [a % r if a < 0 else a for a, r in zip(self.axes, (r1, r2))]

    def call(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"A `Dot` layer should be called on exactly 2 inputs. Received: inputs={inputs}")
        x1, x2 = inputs
        axes = self._axes(x1.dim(), x2.dim())
        if self.normalize:
            x1 = _l2_normalize(x1, axes[0])
            x2 = _l2_normalize(x2, axes[1])
        return _batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        s1, s2 = list(input_shape[0]), list(input_shape[1])
        a = self._axes(len(s1), len(s2))
        s1.pop(a[0])
        s2.pop(a[1])
        s2.pop(0)
        out = s1 + s2
        if len(out) == 1:
            out += [1]
        return tuple(out)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, **kwargs):
    return Dot(axes=axes, **kwargs)(inputs)
