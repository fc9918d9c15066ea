"""keras.optimizers.AdamW: Adam plus decoupled weight decay (default 0.004) applied before the step."""
from .adam import Adam
from .base import base_kwargs


class AdamW(Adam):
    """Adam with `w -= w * weight_decay * lr` before each update (Keras's AdamW)."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals(), "beta_1", "beta_2", "epsilon", "amsgrad"))
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")
