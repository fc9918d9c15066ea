"""keras.callbacks.OrbaxCheckpoint: needs the orbax-checkpoint package (JAX); not supported."""
from .callback import Callback

__all__ = ["OrbaxCheckpoint"]


class OrbaxCheckpoint(Callback):
    def __init__(self, directory, monitor="val_loss", verbose=0, save_best_only=False, mode="auto",
                 save_freq="epoch", initial_value_threshold=None, max_to_keep=1,
                 save_on_background=True, save_weights_only=False):
        raise ImportError("OrbaxCheckpoint requires the 'orbax-checkpoint' package. You can "
                          "install it via pip install orbax-checkpoint")
