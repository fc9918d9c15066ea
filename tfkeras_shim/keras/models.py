"""keras.models: Model, Sequential, clone_model; load_model/save_model come from keras.saving."""
from .engine.model import Model
from .engine.sequential import Sequential
from .engine.functional import Functional
from .engine.keras_tensor import Input, InputLayer

__all__ = ["Model", "Sequential", "clone_model", "load_model", "save_model", "model_from_json"]


def _saving(name):
    try:
        from . import saving
    except ImportError:
        raise NotImplementedError(f"keras.models.{name} needs keras.saving, which is not implemented yet.") from None
    return getattr(saving, name)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True, **kwargs):
    return _saving("load_model")(filepath, custom_objects=custom_objects, compile=compile,
                                 safe_mode=safe_mode, **kwargs)


def save_model(model, filepath, overwrite=True, **kwargs):
    return _saving("save_model")(model, filepath, overwrite=overwrite, **kwargs)


def model_from_json(json_string, custom_objects=None):
    return _saving("model_from_json")(json_string, custom_objects=custom_objects)


def _clone_layer(layer):
    return layer.__class__.from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A new model with the same architecture and freshly initialized weights (Keras semantics)."""
    clone_function = clone_function or _clone_layer
    if isinstance(model, Sequential):
        new_layers = []
        for layer in model._layers:
            if isinstance(layer, InputLayer):
                new_layers.append(InputLayer(batch_shape=layer.batch_shape, dtype=layer.dtype,
                                             name=layer.name))
            else:
                new_layers.append(clone_function(layer))
        return Sequential(new_layers, name=model.name, trainable=model.trainable)
    if isinstance(model, Functional):
        values = {}
        if input_tensors is not None:
            its = input_tensors if isinstance(input_tensors, (list, tuple)) else [input_tensors]
            for ref, t in zip(model._flat_inputs, its):
                values[id(ref)] = t
        else:
            for ref in model._flat_inputs:
                values[id(ref)] = Input(batch_shape=tuple(ref.shape), dtype=ref.dtype,
                                        name=ref._keras_history.operation.name)
        clones = {}
        from .engine.functional import _substitute, _pack
        from .engine.layer import _flat
        for node, op, _ in model._plan:
            new_op = clones.get(id(op))
            if new_op is None:
                new_op = clones[id(op)] = op if getattr(op, "_is_op", False) else clone_function(op)
            args = _substitute(node.call_args, values)
            kw = _substitute(node.call_kwargs, values)
            out = new_op(*args, **kw)
            for kt, o in zip(node.output_tensors, _flat(out)):
                values[id(kt)] = o
        ins = _pack(model._inputs_struct, [values[id(x)] for x in model._flat_inputs])
        outs = _pack(model._outputs_struct, [values[id(x)] for x in model._flat_outputs])
        return Model(ins, outs, name=model.name)
    raise ValueError("Arguments `clone_function` and `input_tensors` are only supported for Sequential "
                     "models or Functional models. Received model of type '"
                     f"{model.__class__.__name__}', with clone_function={clone_function} and "
                     f"input_tensors={input_tensors}") if clone_function is not _clone_layer else \
        ValueError(f"Expected `model` argument to be a `Model` instance. Received: model={model}")
