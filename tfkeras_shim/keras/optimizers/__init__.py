"""keras.optimizers: Keras 3 optimizers (Keras formulas and defaults) over torch foreach kernels."""
from .base import Optimizer
from .sgd import SGD
from .adam import Adam
from .adamw import AdamW
from .adamax import Adamax
from .nadam import Nadam
from .rmsprop import RMSprop
from .adagrad import Adagrad
from .adadelta import Adadelta
from .ftrl import Ftrl
from .lion import Lion
from .loss_scale_optimizer import LossScaleOptimizer
from .adafactor import Adafactor
from .lamb import Lamb
from .muon import Muon
from .schedule_free_adamw import ScheduleFreeAdamW
from .multi_optimizer import MultiOptimizer, OptimizerMap
from . import schedules
from . import legacy

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad",
           "Adadelta", "Ftrl", "Lion", "Adafactor", "Lamb", "Muon", "ScheduleFreeAdamW",
           "MultiOptimizer", "OptimizerMap", "schedules", "legacy", "get",
           "serialize", "deserialize"]

# Lamb is exported but, as in Keras 3.15, not resolvable by name through `get`.
ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Adafactor, Muon,
               MultiOptimizer, OptimizerMap, Nadam, Ftrl, Lion, ScheduleFreeAdamW)
ALL_OBJECTS_DICT = {cls.__name__.lower(): cls for cls in ALL_OBJECTS}

# mixed precision (keras.optimizers.LossScaleOptimizer, resolvable by name like Keras's)
__all__ += ["LossScaleOptimizer"]
ALL_OBJECTS += (LossScaleOptimizer,)
ALL_OBJECTS_DICT["lossscaleoptimizer"] = LossScaleOptimizer


def serialize(optimizer):
    """Optimizer -> {'module': 'keras.optimizers', 'class_name', 'config', 'registered_name'}."""
    from ..losses import serialize_object
    return serialize_object(optimizer, "keras.optimizers")


def deserialize(config, custom_objects=None):
    """Optimizer from a config dict (class names are case-insensitive for built-ins)."""
    from ..losses import deserialize_object
    config = dict(config)
    lookup = dict(ALL_OBJECTS_DICT)
    if config.get("module") == "keras.optimizers":
        lookup["Lamb"] = Lamb  # saved model configs name it this way (Keras's loader finds it)
    name = config.get("class_name", "")
    if isinstance(name, str) and name.lower() in ALL_OBJECTS_DICT:
        config["class_name"] = name.lower()
    return deserialize_object(config, lookup, custom_objects, kind="optimizer")


def get(identifier):
    """An Optimizer from a name ('adam', 'SGD', ...), a config dict or an Optimizer instance."""
    if identifier is None:
        return None
    try:
        if isinstance(identifier, dict):
            obj = deserialize(identifier)
        elif isinstance(identifier, str):
            obj = deserialize({"class_name": identifier, "config": {}})
        else:
            obj = identifier
    except ValueError:
        obj = None
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
