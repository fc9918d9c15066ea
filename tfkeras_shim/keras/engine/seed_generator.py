"""keras.random.SeedGenerator: the int64 `[seed, counter]` state Keras 3 layers keep for their
random ops (Dropout ...). Listed in `layer.variables` (not in `weights`), as in Keras 3.

The random streams are torch's: a generator seeded from `seed` when one is given (so runs are
repeatable), otherwise torch's global RNG (`tf.random.set_seed` / `keras.utils.set_random_seed`
seed it). The numbers differ from TF's, as any two RNG implementations do.
"""
import random as _pyrandom

import torch

from ...framework.device import current_device
from .. import backend as _backend


class SeedGenerator:
    _is_seed_generator = True

    def __init__(self, seed=None, name=None, **kwargs):
        from .layer import KerasVariable
        if name is None:
            name = _backend.auto_name(self.__class__.__name__)
        self.name = name
        self._initial_seed = seed
        if seed is None:
            seed = _pyrandom.randint(1, int(1e9))
        self._seed = int(seed)
        data = torch.tensor([self._seed, 0], dtype=torch.int64, device=current_device())
        self.state = KerasVariable._create(data, "seed_generator_state", f"{name}/seed_generator_state",
                                           trainable=False)
        self._generator = None

    def next(self, ordered=True):
        with torch.no_grad():
            torch.Tensor.add_(self.state, torch.tensor([0, 1], dtype=torch.int64, device=self.state.device))
        return self.state

    def torch_generator(self, device):
        """A torch.Generator for this seed (None when the layer got no explicit seed)."""
        if self._initial_seed is None:
            return None
        g = self._generator
        if g is None or g.device != device:
            g = torch.Generator(device=device)
            g.manual_seed(self._seed)
            self._generator = g
        return g

    def get_config(self):
        return {"seed": self._initial_seed}


__all__ = ["SeedGenerator"]
