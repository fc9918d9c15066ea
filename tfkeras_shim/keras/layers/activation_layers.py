"""keras.layers activation layers: ReLU, LeakyReLU, Softmax, ELU (Keras 3 defaults)."""
import torch

from ...framework.tensor import _tdtype
from .. import activations
from ..engine.layer import Layer

__all__ = ["ReLU", "LeakyReLU", "Softmax", "ELU"]


class _ElementwiseActivation(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def compute_output_shape(self, input_shape):
        return input_shape


class ReLU(_ElementwiseActivation):
    """max(x, 0) with optional `max_value`, `negative_slope` below `threshold`."""

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(f"max_value of a ReLU layer cannot be a negative value. Received: {max_value}")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError("negative_slope of a ReLU layer cannot be a negative value. "
                             f"Received: {negative_slope}")
        if threshold is None or threshold < 0.0:
            raise ValueError(f"threshold of a ReLU layer cannot be a negative value. Received: {threshold}")
        self.max_value, self.negative_slope, self.threshold = max_value, negative_slope, threshold

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope, max_value=self.max_value,
                                threshold=self.threshold)

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}


class LeakyReLU(_ElementwiseActivation):
    """x if x > 0 else negative_slope * x (default slope 0.3, as in Keras; `alpha=` accepted)."""

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError("The negative_slope value of a Leaky ReLU layer cannot be None or "
                             f"negative. Expected a float. Received: negative_slope={negative_slope}")
        self.negative_slope = negative_slope

    def call(self, inputs):
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def get_config(self):
        return {**super().get_config(), "negative_slope": self.negative_slope}


class Softmax(_ElementwiseActivation):
    """Softmax over `axis`; masked positions get probability 0."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs, mask=None):
        if mask is not None:
            m = torch.as_tensor(mask, device=inputs.device).bool()
            td = _tdtype(inputs)
            inputs = torch.where(m, inputs, torch.full((), torch.finfo(td).min, dtype=td, device=inputs.device))
        if isinstance(self.axis, (tuple, list)):
            lse = torch.logsumexp(inputs, dim=tuple(self.axis), keepdim=True)
            out = torch.exp(inputs - lse)
        else:
            out = activations.softmax(inputs, axis=self.axis)
        if mask is not None:
            out = torch.where(m, out, torch.zeros((), dtype=_tdtype(out), device=out.device))
        return out

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


class ELU(_ElementwiseActivation):
    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def call(self, inputs):
        return activations.elu(inputs, alpha=self.alpha)

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}
