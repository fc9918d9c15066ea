"""keras.optimizers.OptimizerMap and MultiOptimizer: different optimizers for different variables.

`OptimizerMap(default_optimizer, optimizer_map=None)` is a mutable mapping from variable-path
keys to optimizers: an exact key wins, else the keys are tried as `re.fullmatch` patterns (more
than one match raises ValueError), else the default. Calling it on a variable looks up
`variable.path` (a plain `tf.Variable` has none and raises AttributeError, as in tf.keras).

`MultiOptimizer(optimizer_map, loss_scale_factor=None, name=None)` takes an OptimizerMap or any
callable `variable -> optimizer`. `build` assigns each variable to its optimizer and builds each
sub-optimizer on its variables; `apply` splits the gradients and runs each sub-optimizer's
own (foreach) step, then counts its own `iterations`. As in Keras 3.15: the sub-optimizers'
`loss_scale_factor` is overwritten by the MultiOptimizer's (None by default); `learning_rate`
raises AttributeError (use `.optimizers`); `variables` is its own iteration and learning-rate
variables followed by each sub-optimizer's; the gradients must match the built variables
one-to-one; a sub-optimizer that only gets None gradients raises after the earlier ones stepped.
Differences: `get_weights()` returns all of `variables` (tf.keras's MultiOptimizer has no
`get_weights`).
"""
import re
from collections.abc import MutableMapping

import torch

from .base import Optimizer
from .loss_scale_optimizer import LossScaleOptimizer


def _serialize(obj):
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, dict):
        return {k: _serialize(v) for k, v in obj.items()}
    from ..losses import serialize_object
    return serialize_object(obj, "keras.optimizers")


def _deserialize(config, custom_objects=None):
    from ..saving import serialization_lib
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


class OptimizerMap(MutableMapping):
    """Variable-path keys (exact, then regex `fullmatch`) -> optimizers, with a default."""

    def __init__(self, default_optimizer, optimizer_map=None):
        if not isinstance(default_optimizer, Optimizer):
            raise TypeError("default_optimizer must be a Keras Optimizer instance. "
                            f"Received: {default_optimizer}")
        if optimizer_map is not None and not isinstance(optimizer_map, dict):
            raise TypeError(f"optimizer_map must be a dictionary. Received: {optimizer_map}")
        self._default_optimizer = default_optimizer
        self._optimizer_map = optimizer_map or dict()

    @property
    def default_optimizer(self):
        return self._default_optimizer

    def __getitem__(self, key):
        got = self._optimizer_map.get(key, self)
        if got is not self:
            return got
        matches = [p for p in self._optimizer_map if re.fullmatch(p, key)]
        if len(matches) > 1:
            raise ValueError(f"Multiple optimizers assigned to variable {key}.")
        if matches:
            return self._optimizer_map[matches[0]]
        return self._default_optimizer

    def __setitem__(self, key, optimizer):
        if key in self._optimizer_map:
            raise ValueError(f"'{key}' already exists in the OptimizerMap with value "
                             f"{self._optimizer_map[key]}. Please make sure to not use "
                             "duplicated keys.")
        if not isinstance(key, str):
            raise ValueError(f"key must be a string. Received: {key}")
        if not isinstance(optimizer, Optimizer):
            raise ValueError(f"optimizer must be a Keras Optimizer instance. Received: {optimizer}")
        if isinstance(optimizer, LossScaleOptimizer):
            raise ValueError("optimizer cannot be LossScaleOptimizer.")
        if isinstance(optimizer, MultiOptimizer):
            raise ValueError("optimizer cannot be MultiOptimizer.")
        self._optimizer_map[key] = optimizer

    def __delitem__(self, key):
        del self._optimizer_map[key]

    def __len__(self):
        return len(self._optimizer_map)

    def __iter__(self):
        return iter(self._optimizer_map)

    def __call__(self, variable):
        return self[variable.path]

    def get_config(self):
        return {"default_optimizer": _serialize(self._default_optimizer),
                "optimizer_map": _serialize(self._optimizer_map)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        default = _deserialize(config["default_optimizer"], custom_objects)
        mapping = _deserialize(config["optimizer_map"], custom_objects)
        return cls(default, mapping)

    def __repr__(self):
        return f"<keras.src.optimizers.multi_optimizer.OptimizerMap object at {hex(id(self))}>"


class MultiOptimizer(Optimizer):
    """Delegates each variable to the optimizer an OptimizerMap (or a callable) picks."""

    def __init__(self, optimizer_map, loss_scale_factor=None, name=None):
        super().__init__(learning_rate=0.0, loss_scale_factor=loss_scale_factor, name=name)
        self._optimizer_map = optimizer_map
        self._inner_optimizers = []
        self._var_to_optimizer_idx = {}
        if hasattr(optimizer_map, "values"):
            for opt in optimizer_map.values():
                if not any(opt is o for o in self._inner_optimizers):
                    opt.loss_scale_factor = loss_scale_factor
                    self._inner_optimizers.append(opt)
        default = getattr(optimizer_map, "default_optimizer", None)
        if default is not None and not any(default is o for o in self._inner_optimizers):
            default.loss_scale_factor = loss_scale_factor
            self._inner_optimizers.append(default)

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        self._var_to_optimizer_idx = {}
        self._trainable_variables_indices = {}
        per_opt = [[] for _ in self._inner_optimizers]
        inner = self._inner_optimizers
        for i, var in enumerate(var_list):
            opt = self._optimizer_map(var)
            if not isinstance(opt, Optimizer):
                raise ValueError(f"Optimizer for variable {var} is not an Optimizer instance.")
            if isinstance(opt, LossScaleOptimizer):
                raise ValueError("LossScaleOptimizer cannot be used inside an MultiOptimizer.")
            if isinstance(opt, MultiOptimizer):
                raise ValueError("MultiOptimizer cannot be used inside an MultiOptimizer.")
            k = next((j for j, o in enumerate(inner) if o is opt), None)
            if k is None:
                opt.loss_scale_factor = self.loss_scale_factor
                inner.append(opt)
                per_opt.append([])
                k = len(inner) - 1
            self._var_to_optimizer_idx[self._var_key(var)] = k
            per_opt[k].append(var)
        for opt, variables in zip(inner, per_opt):
            if variables:
                opt.build(variables)
        super().build(var_list)

    @property
    def optimizers(self):
        return self._inner_optimizers

    @property
    def variables(self):
        out = self._variables[:]
        for opt in self._inner_optimizers:
            out.extend(opt.variables)
        return out

    @property
    def learning_rate(self):
        raise AttributeError("Learning rate cannot be accessed on a MultiOptimizer. Access the "
                             "learning rate on the individual sub-optimizers instead.")

    @learning_rate.setter
    def learning_rate(self, value):
        raise AttributeError("Learning rate cannot be set on a MultiOptimizer. Set the learning "
                             "rate on the individual sub-optimizers instead.")

    @property
    def loss_scale_factor(self):
        return self.__dict__.get("_loss_scale_factor")

    @loss_scale_factor.setter
    def loss_scale_factor(self, value):
        self.__dict__["_loss_scale_factor"] = value
        for opt in self.__dict__.get("_inner_optimizers", ()):
            opt.loss_scale_factor = value

    @property
    def iterations(self):
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Split `grads` by sub-optimizer and apply each part with that optimizer."""
        if len(grads) == 0:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must "
                                 "already be built on a list of variables. Call "
                                 "`optimizer.build(trainable_variables)` first.")
            trainable_variables = self._trainable_variables
        trainable_variables = list(trainable_variables)
        if not self.built:
            self.build(trainable_variables)
        if len(grads) != len(self._trainable_variables_indices):
            raise ValueError("Gradients must match trainable variables one-to-one. Received "
                             f"{len(grads)} gradients and {len(self._trainable_variables_indices)} "
                             "variables.")
        parts = [([], []) for _ in self._inner_optimizers]
        where = self._var_to_optimizer_idx
        for g, v in zip(grads, trainable_variables):
            part = parts[where[self._var_key(v)]]
            part[0].append(g)
            part[1].append(v)
        for opt, (gs, vs) in zip(self._inner_optimizers, parts):
            if gs:
                opt.apply(gs, vs)
        with torch.no_grad():
            self._iterations.add_(1)

    def finalize_variable_values(self, var_list):
        parts = [[] for _ in self._inner_optimizers]
        for v in var_list:
            parts[self._var_to_optimizer_idx[self._var_key(v)]].append(v)
        for opt, variables in zip(self._inner_optimizers, parts):
            if variables:
                opt.finalize_variable_values(variables)

    def set_weights(self, weights):
        if not self.built:
            raise ValueError("You are calling `set_weights()` on an optimizer that has not yet "
                             "been built. Please call `optimizer.build(trainable_variables)` to "
                             "create the optimizer weights before calling `set_weights()`.")
        own = len(self._variables)
        for i in range(own):
            self._variables[i].assign(weights[i])
        start = own
        for opt in self._inner_optimizers:
            n = len(opt.variables)
            if n > 0:
                opt.set_weights(weights[start:start + n])
                start += n

    def get_weights(self):
        return [v.numpy() for v in self.variables]

    def get_config(self):
        return {"optimizer_map": _serialize(self._optimizer_map),
                "loss_scale_factor": self.loss_scale_factor, "name": self.name}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["optimizer_map"] = _deserialize(config["optimizer_map"], custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<keras.src.optimizers.multi_optimizer.MultiOptimizer object at {hex(id(self))}>"
