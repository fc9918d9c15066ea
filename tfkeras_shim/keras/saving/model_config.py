"""Keras 3 configs of Sequential and Functional models (`get_config` / `from_config`).

The formats are Keras's own, so a config written here rebuilds the model in real Keras and the
reverse: Sequential lists its layers (the InputLayer included) plus `build_input_shape`;
Functional lists every layer with its `inbound_nodes` (call arguments with `__keras_tensor__`
placeholders naming the producing layer, node and tensor) and `input_layers`/`output_layers`.

Keras's Functional models own a node from their creation (linking their inputs to their outputs);
this package's do not, so the node indices of nested Functional models in `input_layers` /
`output_layers` are shifted by one on the way out and back, as Keras expects.
"""
import inspect
import types

from . import serialization_lib


def _functional_cls():
    from ..engine.functional import Functional
    return Functional


def functional_like_constructor(cls):
    Functional = _functional_cls()
    try:
        spec = inspect.getfullargspec(cls.__init__)
    except TypeError:
        return False
    args = spec.args[1:]
    if args == inspect.getfullargspec(Functional.__init__).args[1:]:
        return True
    if cls.__init__ is Functional.__init__:
        return True
    return spec.varargs is not None and spec.varkw is not None


def _layer_base_config(model):
    from ..engine.layer import Layer
    return Layer.get_config(model)


# ---------------------------------------------------------------------------------------------
# operators on KerasTensors (`x * 2.0`, `x + y`, `x[:, 1:]` ...): Keras records them as
# keras.src.ops.numpy operations

_KT_METHODS = {"__add__": ("Add", False), "__radd__": ("Add", True),
               "__sub__": ("Subtract", False), "__rsub__": ("Subtract", True),
               "__mul__": ("Multiply", False), "__rmul__": ("Multiply", True),
               "__truediv__": ("TrueDivide", False), "__rtruediv__": ("TrueDivide", True),
               "__pow__": ("Power", False), "__matmul__": ("Matmul", False),
               "__neg__": ("Negative", False), "__abs__": ("Absolute", False),
               "__getitem__": ("GetItem", False), "__lt__": ("Less", False),
               "__gt__": ("Greater", False)}


def _getitem(a, key):
    return a[tuple(key) if isinstance(key, list) else key]


_OP_FUNCTIONS = {"Add": lambda a, b: a + b, "Subtract": lambda a, b: a - b,
                 "Multiply": lambda a, b: a * b, "TrueDivide": lambda a, b: a / b,
                 "Divide": lambda a, b: a / b, "Power": lambda a, b: a ** b,
                 "Matmul": lambda a, b: a @ b, "Negative": lambda a: -a, "Absolute": lambda a: abs(a),
                 "Less": lambda a, b: a < b, "Greater": lambda a, b: a > b, "GetItem": _getitem}
_CODE_TABLE = None


def _op_kind(op):
    """(Keras op class name, reversed operands, key of __getitem__) of an operation layer."""
    global _CODE_TABLE
    recorded = getattr(op, "_keras_op", None)
    if recorded is not None:
        return recorded, False, None
    if _CODE_TABLE is None:
        from ..engine.keras_tensor import KerasTensor
        table = {}
        for meth, info in _KT_METHODS.items():
            f = getattr(KerasTensor, meth, None)
            for const in getattr(getattr(f, "__code__", None), "co_consts", ()):
                if isinstance(const, types.CodeType):
                    table[const] = info
        _CODE_TABLE = table
    fn = getattr(op, "fn", None)
    info = _CODE_TABLE.get(getattr(fn, "__code__", None))
    if info is None:
        raise NotImplementedError(
            f"Cannot serialize the operation '{op.name}' of this Functional model. Wrap the "
            "computation in a Layer (or a `keras.layers.Lambda` of a named function).")
    key = fn.__defaults__[0] if info[0] == "GetItem" and fn.__defaults__ else None
    return info[0], info[1], key


def _op_args(op, node):
    name, rev, key = _op_kind(op)
    args = tuple(node.call_args)
    if getattr(op, "_keras_op", None) is None:
        if rev and len(args) == 2:
            args = (args[1], args[0])
        if name == "GetItem":
            args = (args[0], key)
    return name, args


def op_layer_from_config(layer_data):
    """An operation layer for a keras.src.ops.* entry of a Functional config."""
    from ..engine.functional import OpLayer
    cname = layer_data["class_name"]
    fn = _OP_FUNCTIONS.get(cname)
    if fn is None:
        raise TypeError(f"Could not deserialize the Keras operation '{cname}' "
                        f"({layer_data.get('module')}): tfkeras_shim supports the operators of "
                        f"KerasTensors ({', '.join(sorted(_OP_FUNCTIONS))}) in Functional models.")
    op = OpLayer(fn, name=(layer_data.get("config") or {}).get("name") or layer_data.get("name"))
    op.__dict__["_keras_op"] = cname
    return op


# ---------------------------------------------------------------------------------------------
# Functional

def _node_offset(op):
    Functional = _functional_cls()
    return 1 if isinstance(op, Functional) else 0


def functional_get_config(model):
    if not functional_like_constructor(type(model)):
        return _layer_base_config(model)
    from ..engine.keras_tensor import KerasTensor
    own = model.__dict__.get("_network_nodes") or set()
    config = {"name": model.name, "trainable": model.trainable}
    reindex = {}
    for op in model._operations:
        kept = _node_offset(op)
        for i, node in enumerate(op._inbound_nodes):
            if node in own:
                reindex[(id(op), i)] = kept
                kept += 1

    def ser_tensor(x):
        if isinstance(x, KerasTensor):
            op, ni, ti = x._keras_history
            irrelevant = sum(1 for n in op._inbound_nodes[:ni] if n not in own)
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(x.shape), "dtype": str(x.dtype),
                               "keras_history": [op.name, ni - irrelevant, ti]}}
        if isinstance(x, (list, tuple)):
            r = [ser_tensor(v) for v in x]
            return tuple(r) if isinstance(x, tuple) else r
        if isinstance(x, dict):
            return {k: ser_tensor(v) for k, v in x.items()}
        return serialization_lib.serialize_keras_object(x)

    layers = []
    for op in model._operations:
        if getattr(op, "_is_op", False):
            nodes = []
            cname = None
            for node in op._inbound_nodes:
                if node in own and not node.is_input:
                    cname, args = _op_args(op, node)
                    nodes.append({"args": list(ser_tensor(args)), "kwargs": ser_tensor(dict(node.call_kwargs))})
            if cname is None:
                cname = _op_kind(op)[0]
            layers.append({"module": "keras.src.ops.numpy", "class_name": cname,
                           "config": {"name": op.name}, "registered_name": cname, "name": op.name,
                           "inbound_nodes": nodes})
            continue
        nodes = []
        info = getattr(op, "_call_info", None)
        for node in op._inbound_nodes:
            if node in own and not node.is_input and node.input_tensors:
                kwargs = dict(node.call_kwargs)
                if (info is not None and info.has_mask and "mask" not in kwargs
                        and len(node.call_args) + len(kwargs) == 1):
                    kwargs["mask"] = None  # Keras records the (absent) mask of a single input
                nodes.append({"args": list(ser_tensor(tuple(node.call_args))),
                              "kwargs": ser_tensor(kwargs)})
        lc = serialization_lib.serialize_keras_object(op)
        lc["name"] = op.name
        lc["inbound_nodes"] = nodes
        layers.append(lc)
    config["layers"] = layers

    def tensor_ref(t):
        op, ni, ti = t._keras_history
        key = (id(op), ni)
        if key not in reindex:
            raise RuntimeError(f"Internal error: could not find node {op.name}[{ni}].")
        return [op.name, reindex[key], ti]

    def map_struct(s):
        if isinstance(s, KerasTensor):
            return tensor_ref(s)
        if isinstance(s, dict):
            return {k: map_struct(v) for k, v in s.items()}
        if isinstance(s, tuple):
            return tuple(map_struct(v) for v in s)
        return [map_struct(v) for v in s]

    config["input_layers"] = map_struct(model._inputs_struct)
    config["output_layers"] = map_struct(model._outputs_struct)
    return config


def _is_leaf_ref(t):
    return (isinstance(t, (list, tuple)) and len(t) == 3 and isinstance(t[0], str)
            and isinstance(t[1], int) and isinstance(t[2], int))


def _deserialize_node(node_data, created):
    """(args, kwargs) of a recorded call; IndexError when an inbound node does not exist yet."""
    from ..engine.keras_tensor import KerasTensor
    if not node_data:
        return [], {}
    if isinstance(node_data, list):  # legacy (Keras 2 / .h5) format: [[name, node, tensor, kwargs], ...]
        tensors = []
        kwargs = {}
        for entry in node_data:
            name, ni, ti = entry[0], entry[1], entry[2]
            if len(entry) == 4:
                kwargs = entry[3] or {}
            elif len(entry) != 3:
                raise ValueError("Cannot deserialize the model (invalid config data?)")
            if name not in created:
                raise ValueError(f"Invalid Functional model configuration. Missing node: {name}")
            layer = created[name]
            if len(layer._inbound_nodes) <= ni:
                raise IndexError(f"Layer node index out of bounds: {name}[{ni}]")
            tensors.append(layer._inbound_nodes[ni].output_tensors[ti])
        return [tensors[0] if len(tensors) == 1 else tensors], kwargs
    args = serialization_lib.deserialize_keras_object(node_data.get("args", []))
    kwargs = serialization_lib.deserialize_keras_object(node_data.get("kwargs", {})) or {}

    def revive(x):
        if isinstance(x, KerasTensor):
            hist = getattr(x, "_pre_serialization_keras_history", None)
            if hist is None:
                return x
            layer = created.get(hist[0])
            if layer is None:
                raise ValueError(f"Unknown layer: {hist[0]}")
            if len(layer._inbound_nodes) <= hist[1]:
                raise IndexError(f"Layer node index out of bounds: {hist[0]}[{hist[1]}]")
            return layer._inbound_nodes[hist[1]].output_tensors[hist[2]]
        if isinstance(x, list):
            return [revive(v) for v in x]
        if isinstance(x, tuple):
            return tuple(revive(v) for v in x)
        if isinstance(x, dict):
            return {k: revive(v) for k, v in x.items()}
        return x

    return revive(list(args)), revive(dict(kwargs))


def functional_from_config(cls, config, custom_objects=None):
    """Rebuild a Functional model (or a subclass with Functional's constructor) from its config."""
    from ..engine.layer import Layer
    from .legacy_h5_format import legacy_layer_from_config
    config = dict(config)
    created = {}
    pending = {}
    order = []
    fconfig = {k: config.pop(k) for k in ("layers", "input_layers", "output_layers")}
    for k in ("name", "trainable"):
        fconfig[k] = config.pop(k, None)
    for layer_data in fconfig["layers"]:
        name = layer_data["name"]
        if str(layer_data.get("module") or "").startswith("keras.src.ops"):
            layer = op_layer_from_config(layer_data)
        elif "module" not in layer_data:
            layer = legacy_layer_from_config(layer_data, custom_objects)
        else:
            layer = serialization_lib.deserialize_keras_object(layer_data, custom_objects=custom_objects)
        if not isinstance(layer, Layer):
            raise ValueError("Unexpected object from deserialization, expected a layer or operation, "
                             f"got a {type(layer)}")
        created[name] = layer
        order.append(name)
        nodes = layer_data.get("inbound_nodes") or []
        if nodes:
            pending[name] = list(nodes)
    while pending:
        progressed = False
        for name in order:
            nodes = pending.get(name)
            if not nodes:
                continue
            layer = created[name]
            done = 0
            for node_data in nodes:
                try:
                    args, kwargs = _deserialize_node(node_data, created)
                except IndexError:
                    break
                layer(*args, **kwargs)
                done += 1
            if done:
                progressed = True
                if done == len(nodes):
                    del pending[name]
                else:
                    pending[name] = nodes[done:]
        if not progressed:
            raise ValueError("Invalid Functional model configuration. The graph of the Functional "
                             "model either has loops or disconnected nodes. The following nodes "
                             f"failed to be resolved: {pending}")

    def get_tensor(name, ni, ti):
        if name not in created:
            raise RuntimeError(f"Internal error: could not find layer {name}.")
        layer = created[name]
        ni -= _node_offset(layer)
        return layer._inbound_nodes[ni].output_tensors[ti]

    def map_tensors(t):
        if _is_leaf_ref(t):
            return get_tensor(*t[:3])
        if isinstance(t, dict):
            return {k: map_tensors(v) for k, v in t.items()}
        if isinstance(t, tuple):
            return tuple(map_tensors(v) for v in t)
        return [map_tensors(v) for v in t]

    inputs = map_tensors(fconfig["input_layers"])
    outputs = map_tensors(fconfig["output_layers"])
    kwargs = {k: v for k, v in config.items() if k not in ("dtype",)}
    if fconfig["trainable"] is not None:
        kwargs["trainable"] = fconfig["trainable"]
    return cls(inputs=inputs, outputs=outputs, name=fconfig["name"], **kwargs)


# ---------------------------------------------------------------------------------------------
# Sequential

def sequential_get_config(model):
    from ..engine.layer import Layer
    layer_configs = [serialization_lib.serialize_keras_object(layer) for layer in model.__dict__["_layers"]]
    base = Layer.get_config(model)
    config = {"name": model.name, "trainable": base["trainable"], "dtype": base["dtype"],
              "layers": layer_configs}
    if model.__dict__.get("_functional") is not None:
        config["build_input_shape"] = list(model.__dict__["_layers"][0].batch_shape)
    return config


def sequential_from_config(cls, config, custom_objects=None):
    from .legacy_h5_format import legacy_layer_from_config
    if "name" not in config:
        raise ValueError("A Sequential model configuration must be a dictionary containing the "
                         f"'name' and 'layers' keys. Received: config={config}")
    build_input_shape = config.get("build_input_shape")
    kwargs = {"name": config["name"]}
    if "trainable" in config and "trainable" in inspect.signature(cls.__init__).parameters:
        kwargs["trainable"] = config["trainable"]
    model = cls(**kwargs)
    for layer_config in config["layers"]:
        if "module" not in layer_config:
            layer = legacy_layer_from_config(layer_config, custom_objects)
        else:
            layer = serialization_lib.deserialize_keras_object(layer_config, custom_objects=custom_objects)
        model.add(layer, rebuild=False)
    if model.__dict__["_layers"]:
        model._maybe_rebuild()
    if (model.__dict__.get("_functional") is None and build_input_shape
            and isinstance(build_input_shape, (tuple, list))):
        model.build(tuple(build_input_shape))
    return model


# ---------------------------------------------------------------------------------------------
# Model (subclassed or Functional)

def model_from_config(cls, config, custom_objects=None):
    """`keras.Model.from_config`: Functional configs revive as Functional models, anything else
    goes to the constructor (`cls(**config)`)."""
    from ..engine.model import Model
    Functional = _functional_cls()
    is_functional_config = all(k in config for k in ("name", "layers", "input_layers", "output_layers"))
    try:
        spec = inspect.getfullargspec(cls.__init__)
        revivable = (cls in (Functional, Model)
                     or spec.args[1:] == inspect.getfullargspec(Functional.__init__).args[1:]
                     or (spec.varargs == "args" and spec.varkw == "kwargs"))
    except TypeError:
        revivable = cls in (Functional, Model)
    if is_functional_config and revivable:
        target = Functional if cls is Model else cls
        return functional_from_config(target, config, custom_objects=custom_objects)
    try:
        return cls(**config)
    except TypeError as e:
        raise TypeError(
            "Unable to revive model from config. When overriding the `get_config()` method, make "
            "sure that the returned config contains all items used as arguments in the  "
            f"constructor to {cls}, which is the default behavior. You can override this default "
            "behavior by defining a `from_config(cls, config)` class method to specify how to "
            f"create an instance of {cls.__name__} from its config.\n\nReceived config={config}\n\n"
            f"Error encountered during deserialization: {e}") from e
