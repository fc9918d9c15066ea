"""tf.data.Options and its option groups. Accepted and kept; they do not change how the shim runs
(there is no graph optimiser or thread pool to tune)."""
import enum


class AutoShardPolicy(enum.IntEnum):
    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


class ExternalStatePolicy(enum.IntEnum):
    WARN = 0
    IGNORE = 1
    FAIL = 2


class AutotuneAlgorithm(enum.IntEnum):
    DEFAULT = 0
    HILL_CLIMB = 1
    GRADIENT_DESCENT = 2
    MAX_PARALLELISM = 3
    STAGE_BASED = 4


class _OptionGroup:
    """Attributes default to None; setting an unknown one raises like TF."""

    _fields = {}
    _groups = {}

    def __init__(self):
        for k, v in self._fields.items():
            object.__setattr__(self, k, v)
        for k, cls in self._groups.items():
            object.__setattr__(self, k, cls())

    def __setattr__(self, name, value):
        if name not in self._fields and name not in self._groups:
            raise AttributeError(f"Cannot set the property {name} on {type(self).__name__}.")
        object.__setattr__(self, name, value)

    def __eq__(self, other):
        return type(other) is type(self) and vars(self) == vars(other)

    def __ne__(self, other):
        return not self == other

    __hash__ = object.__hash__

    def _merge_from(self, other):
        for k, v in self._fields.items():
            ov = getattr(other, k)
            if ov is not None:
                object.__setattr__(self, k, ov)
        for k in self._groups:
            getattr(self, k)._merge_from(getattr(other, k))

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} object>"


class AutotuneOptions(_OptionGroup):
    _fields = {"enabled": None, "cpu_budget": None, "ram_budget": None, "autotune_algorithm": None,
               "initial_parallelism": None, "min_parallelism": None}


class DistributeOptions(_OptionGroup):
    _fields = {"auto_shard_policy": AutoShardPolicy.AUTO, "num_devices": None}


class OptimizationOptions(_OptionGroup):
    _fields = {k: None for k in ("apply_default_optimizations", "filter_fusion", "filter_parallelization",
                                 "inject_prefetch", "seq_interleave_prefetch", "map_and_batch_fusion",
                                 "map_and_filter_fusion", "map_fusion", "map_parallelization",
                                 "noop_elimination", "parallel_batch", "shuffle_and_repeat_fusion",
                                 "warm_start")}


class ThreadingOptions(_OptionGroup):
    _fields = {"max_intra_op_parallelism": None, "private_threadpool_size": None}


class Options(_OptionGroup):
    """tf.data.Options: set attributes, pass to `Dataset.with_options`."""

    _fields = {"deterministic": None, "experimental_deterministic": None,
               "experimental_external_state_policy": None, "experimental_intra_op_parallelism": None,
               "experimental_optimization_options": None, "experimental_slack": None,
               "experimental_symbolic_checkpoint": None, "experimental_threading": None,
               "experimental_warm_start": None, "dataset_name": None, "framework_type": None}
    _groups = {"autotune": AutotuneOptions, "experimental_distribute": DistributeOptions,
               "experimental_optimization": OptimizationOptions, "threading": ThreadingOptions}

    def __setattr__(self, name, value):
        if name in ("deterministic", "experimental_deterministic"):
            object.__setattr__(self, "deterministic", value)
            object.__setattr__(self, "experimental_deterministic", value)
            return
        super().__setattr__(name, value)

    def merge(self, options):
        out = Options()
        out._merge_from(self)
        if options is not None:
            out._merge_from(options)
        return out


__all__ = ["Options", "AutoShardPolicy", "ExternalStatePolicy", "AutotuneAlgorithm", "AutotuneOptions",
           "DistributeOptions", "OptimizationOptions", "ThreadingOptions"]
