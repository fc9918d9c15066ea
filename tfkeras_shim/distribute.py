"""tf.distribute: the strategy API tutorials wrap their Keras code in, on one device.

`MirroredStrategy()`, `OneDeviceStrategy(device)` and a single-worker
`MultiWorkerMirroredStrategy()` run everything on the shim's current device with one replica
(`num_replicas_in_sync == 1`), which is what TF does on a machine with one device: `scope()`,
`run`, `reduce`, `experimental_distribute_dataset`, `distribute_datasets_from_function`,
`get_strategy`/`has_strategy`/`in_cross_replica_context`/`get_replica_context` behave as TF's.
Difference from TF: with several GPUs the shim still uses one (no data parallelism yet).
"""
import enum
import threading

from .framework.device import current_device

__all__ = ["ReduceOp", "Strategy", "MirroredStrategy", "OneDeviceStrategy",
           "MultiWorkerMirroredStrategy", "ReplicaContext", "InputContext", "DistributedDataset",
           "get_strategy", "has_strategy", "in_cross_replica_context", "get_replica_context",
           "experimental_set_strategy"]

_state = threading.local()


def _stack():
    s = getattr(_state, "stack", None)
    if s is None:
        s = _state.stack = []
    return s


class ReduceOp(enum.Enum):
    SUM = "SUM"
    MEAN = "MEAN"

    @staticmethod
    def from_variable_aggregation(aggregation):
        name = str(getattr(aggregation, "name", aggregation)).upper()
        if name in ("SUM", "MEAN"):
            return ReduceOp[name]
        raise ValueError(f"Could not convert from `tf.VariableAggregation` {aggregation} to "
                         "`tf.distribute.ReduceOp` type")


def _reduce_op(op):
    if isinstance(op, ReduceOp):
        return op
    try:
        return ReduceOp[str(op).upper()]
    except KeyError:
        raise ValueError(f"Unsupported reduce op: {op!r} (use tf.distribute.ReduceOp.SUM or MEAN)") from None


def _device_name(dev):
    kind = "GPU" if dev.type == "cuda" else "CPU"
    return f"/job:localhost/replica:0/task:0/device:{kind}:{dev.index or 0}"


class InputContext:
    """What `distribute_datasets_from_function` passes to the dataset function."""

    def __init__(self, num_input_pipelines=1, input_pipeline_id=0, num_replicas_in_sync=1):
        self.num_input_pipelines = num_input_pipelines
        self.input_pipeline_id = input_pipeline_id
        self.num_replicas_in_sync = num_replicas_in_sync

    def get_per_replica_batch_size(self, global_batch_size):
        if global_batch_size % self.num_replicas_in_sync != 0:
            raise ValueError(f"The `global_batch_size` {global_batch_size} is not divisible by "
                             f"`num_replicas_in_sync` {self.num_replicas_in_sync}")
        return global_batch_size // self.num_replicas_in_sync


class DistributedDataset:
    """A dataset distributed over the replicas: here the dataset itself, one replica."""

    def __init__(self, dataset):
        self._dataset = dataset

    def __iter__(self):
        return iter(self._dataset)

    @property
    def element_spec(self):
        return self._dataset.element_spec

    def reduce(self, initial_state, reduce_func):
        return self._dataset.reduce(initial_state, reduce_func)


class ReplicaContext:
    """The replica a function runs in: replica 0 of 1."""

    def __init__(self, strategy):
        self._strategy = strategy

    @property
    def strategy(self):
        return self._strategy

    @property
    def num_replicas_in_sync(self):
        return 1

    @property
    def replica_id_in_sync_group(self):
        from .framework.tensor import constant
        return constant(0)

    def all_reduce(self, reduce_op, value, options=None):
        _reduce_op(reduce_op)
        return value  # one replica: the sum and the mean of one value are the value

    def all_gather(self, value, axis, options=None):
        return value

    def merge_call(self, merge_fn, args=(), kwargs=None):
        return merge_fn(self._strategy, *args, **(kwargs or {}))


class _Extended:
    def __init__(self, strategy):
        self._strategy = strategy

    @property
    def worker_devices(self):
        return (_device_name(self._strategy._device),)

    @property
    def parameter_devices(self):
        return self.worker_devices


class _Scope:
    def __init__(self, strategy):
        self._strategy = strategy

    def __enter__(self):
        _stack().append(self._strategy)
        return self._strategy

    def __exit__(self, *exc):
        _stack().pop()
        return False


class Strategy:
    """Base of the strategies (one replica on the current device)."""

    def __init__(self, device=None):
        import torch
        self._device = torch.device(device) if device is not None else current_device()
        self.extended = _Extended(self)

    @property
    def num_replicas_in_sync(self):
        return 1

    def scope(self):
        return _Scope(self)

    def run(self, fn, args=(), kwargs=None, options=None):
        _state.replica = ReplicaContext(self)
        try:
            return fn(*args, **(kwargs or {}))
        finally:
            _state.replica = None

    def reduce(self, reduce_op, value, axis):
        op = _reduce_op(reduce_op)
        if axis is None:
            return value
        from . import math as _math
        return (_math.reduce_sum if op is ReduceOp.SUM else _math.reduce_mean)(value, axis=axis)

    def experimental_distribute_dataset(self, dataset, options=None):
        return DistributedDataset(dataset)

    def distribute_datasets_from_function(self, dataset_fn, options=None):
        return DistributedDataset(dataset_fn(InputContext()))

    experimental_distribute_datasets_from_function = distribute_datasets_from_function

    def experimental_local_results(self, value):
        return (value,)

    def gather(self, value, axis):
        return value


class MirroredStrategy(Strategy):
    """Synchronous data parallelism over local devices: one replica here (see the module note)."""

    def __init__(self, devices=None, cross_device_ops=None):
        device = None
        if devices:
            d = str(list(devices)[0]).lower()
            device = "cuda" if "gpu" in d else "cpu"
        super().__init__(device)


class OneDeviceStrategy(Strategy):
    """Everything on `device` ('/cpu:0', '/gpu:0')."""

    def __init__(self, device):
        d = str(device).lower()
        super().__init__("cuda" if "gpu" in d else "cpu")


class MultiWorkerMirroredStrategy(MirroredStrategy):
    """One worker (TF_CONFIG clusters are not supported)."""

    def __init__(self, cluster_resolver=None, communication_options=None):
        super().__init__()


class _DefaultDistributionStrategy(Strategy):
    pass


_DEFAULT = [None]


def get_strategy():
    """The strategy of the innermost `scope()`, else TF's default (no-op) strategy."""
    s = _stack()
    if s:
        return s[-1]
    if _DEFAULT[0] is None:
        _DEFAULT[0] = _DefaultDistributionStrategy()
    return _DEFAULT[0]


def has_strategy():
    return bool(_stack())


def in_cross_replica_context():
    """True inside a strategy's scope but outside `strategy.run` (as in TF)."""
    return bool(_stack()) and getattr(_state, "replica", None) is None


def get_replica_context():
    """The current ReplicaContext; None in cross-replica context (in a scope, outside run)."""
    r = getattr(_state, "replica", None)
    if r is not None:
        return r
    if _stack():
        return None
    return ReplicaContext(get_strategy())


def experimental_set_strategy(strategy):
    """Enter `strategy`'s scope for the rest of the thread (None leaves it)."""
    s = _stack()
    s.clear()
    if strategy is not None:
        s.append(strategy)
