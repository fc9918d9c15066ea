"""tf.Module: a container of tf.Variables and sub-Modules, found by walking attributes.

As in TF, `variables`, `trainable_variables`, `non_trainable_variables` and `submodules` are
computed on every access by walking the instance attributes in sorted name order (lists,
tuples, namedtuples and dicts are searched too, dict keys sorted), the module's own values
first, then each sub-Module's (breadth first); every object is reported once.

Like TF 2.21 (whose Keras 3 layers are not tf.Modules and whose Keras variables are not
tf.Variables), Keras layers and models held by a Module are neither submodules nor searched
for variables (a tf.train.Checkpoint of the Module does save them).

Also a `torch.nn.Module`: Variables and torch modules (Keras layers included) held by
attributes, lists, tuples and dicts are registered with torch, so `parameters()`,
`state_dict()` and `.to(device)` work. Lists and dicts assigned to attributes are wrapped
(as TF wraps them) so that later `append`s are registered too. A module holding one of its
ancestors is not registered under it with torch (torch's walks do not handle cycles).

Differences from TF: `_flatten` also lists the module's `_name` / `_name_scope` attributes but not TF's internal
tracking attributes; `expand_composites` is accepted and ignored.
"""
import collections.abc
import functools
import re
import sys

import torch

from .framework.variables import Variable
from .ops.control_flow_ops import name_scope

__all__ = ["Module"]

_NN_STATE = frozenset(vars(torch.nn.Module())) | {"_compiled_call_impl", "_shim_torch"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# an upper-case letter after a lower-case letter/digit, or starting a capitalised word
_WORD_START = re.compile(r"(?<=[a-z0-9])([A-Z])|(?<!^)([A-Z])(?=[a-z])")


def _snake(name):
    return _WORD_START.sub(lambda m: "_" + (m.group(1) or m.group(2)), name).lower()


def _is_tf_variable(obj):
    """A tf.Variable as TF 2.21 counts them: Keras 3 variables are not."""
    if not isinstance(obj, Variable):
        return False
    layer_mod = sys.modules.get(f"{__package__}.keras.engine.layer")
    return layer_mod is None or not isinstance(obj, layer_mod.KerasVariable)


def _is_trainable(obj):
    return _is_tf_variable(obj) and obj.trainable


def _is_non_trainable(obj):
    return _is_tf_variable(obj) and not obj.trainable


def _is_module(obj):
    return isinstance(obj, Module)


# ---------------------------------------------------------------------------------------------
# nests, as TF's nest.flatten_with_tuple_paths walks them

def _leaves(value, path):
    """(path, leaf) pairs: lists/tuples by index, namedtuples by field, mappings by sorted key."""
    if isinstance(value, collections.abc.Mapping):
        try:
            keys = sorted(value)
        except TypeError:
            raise TypeError("nest only supports dicts with sortable keys.") from None
        for k in keys:
            yield from _leaves(value[k], path + (k,))
    elif isinstance(value, tuple) and hasattr(type(value), "_fields"):
        for k, v in zip(value._fields, value):
            yield from _leaves(v, path + (k,))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    else:
        yield path, value


def _walk(module, recursive, predicate, key, ignore, with_path, prefix, seen, stack):
    if id(module) in stack:  # a back edge of a cycle: list its own values only
        recursive = False
    attrs = vars(module)
    children = []
    for name in sorted(attrs, key=key):
        if name in ignore:
            continue
        value = attrs[name]
        try:
            leaves = list(_leaves(value, (name,)))
        except Exception as e:  # noqa: BLE001 - reported like TF
            raise ValueError(f"Error processing property {name!r} of {value!r}") from e
        for path, leaf in leaves:
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (prefix + path, leaf) if with_path else leaf
            if recursive and isinstance(leaf, Module):
                children.append((prefix + path, leaf))
    stack.append(id(module))
    for path, child in children:
        yield from _walk(child, recursive, predicate, key, child._TF_MODULE_IGNORED_PROPERTIES,
                         with_path, path, seen, stack)
    stack.pop()


# ---------------------------------------------------------------------------------------------
# wrapped containers (keep torch's registry in step with later mutations)

class _TrackedList(list):
    __slots__ = ("_owner", "_attr")

    def _changed(self):
        owner = self._owner
        if owner is not None and vars(owner).get(self._attr) is self:
            owner._register_torch(self._attr, self)


def _mutator(name):
    base = getattr(list, name)

    def method(self, *args, **kwargs):
        out = base(self, *args, **kwargs)
        self._changed()
        return out

    method.__name__ = name
    return method


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__",
              "__delitem__", "__iadd__", "__imul__", "sort", "reverse"):
    setattr(_TrackedList, _name, _mutator(_name))


class _TrackedDict(dict):
    __slots__ = ("_owner", "_attr")

    _changed = _TrackedList._changed


for _name in ("__setitem__", "__delitem__", "update", "pop", "popitem", "clear", "setdefault"):
    _base = getattr(dict, _name)

    def _dict_method(self, *args, _base=_base, **kwargs):
        out = _base(self, *args, **kwargs)
        self._changed()
        return out

    _dict_method.__name__ = _name
    setattr(_TrackedDict, _name, _dict_method)


def _plain_list(self, proto):
    return (list, (list(self),))


def _plain_dict(self, proto):
    return (dict, (dict(self),))


_TrackedList.__reduce_ex__ = _plain_list
_TrackedDict.__reduce_ex__ = _plain_dict


class _Holder(torch.nn.Module):
    """Registers with torch the variables/modules found in a list, tuple or dict attribute."""

    def __repr__(self):
        return f"{type(self).__name__}({list(self._modules) + list(self._parameters)})"


def _torch_key(k):
    k = str(k).replace(".", "_")
    return k or "_"


# ---------------------------------------------------------------------------------------------
# the Module

class Module(torch.nn.Module):
    """tf.Module. Subclass it, call `super().__init__(name=...)`, and assign Variables and
    sub-Modules to attributes; `variables`, `trainable_variables` and `submodules` find them."""

    # attributes _flatten skips (TF's name; subclasses may extend it)
    _TF_MODULE_IGNORED_PROPERTIES = _NN_STATE

    def __init__(self, name=None):
        self._ensure_torch_state()
        if name is None:
            name = _snake(type(self).__name__)
        elif not _IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid "
                             "Python identifiers (e.g. a valid class name).")
        self._name = name
        with name_scope(name) as scope:
            self._name_scope = name_scope(scope)

    def _ensure_torch_state(self):
        d = self.__dict__
        if "_parameters" not in d:
            torch.nn.Module.__init__(self)
            d["_shim_torch"] = {}  # attribute -> torch registry key it occupies

    # -- attributes ---------------------------------------------------------------------------
    def __setattr__(self, name, value):
        d = self.__dict__
        if "_parameters" not in d:
            if name in _NN_STATE:
                return object.__setattr__(self, name, value)
            self._ensure_torch_state()
        if name in _NN_STATE:
            return object.__setattr__(self, name, value)
        t = type(value)
        if t is list:
            value = _TrackedList(value)
            value._owner, value._attr = self, name
        elif t is dict:
            value = _TrackedDict(value)
            value._owner, value._attr = self, name
        object.__setattr__(self, name, value)  # properties (e.g. `name`) raise here as in TF
        self._register_torch(name, value)

    def __getattr__(self, name):  # only reached when normal lookup fails
        prop = getattr(type(self), name, None)
        if isinstance(prop, property) and prop.fget is not None:
            return prop.fget(self)  # re-raise the property's own AttributeError
        return torch.nn.Module.__getattr__(self, name)

    def __delattr__(self, name):
        self._unregister_torch(name)
        object.__delattr__(self, name)

    def _unregister_torch(self, name):
        reg = self.__dict__.get("_shim_torch")
        key = reg.pop(name, None) if reg else None
        if key is not None:
            self._parameters.pop(key, None)
            self._modules.pop(key, None)

    def _reaches_self(self, module):
        return any(m is self for m in module.modules())

    def _register_torch(self, name, value):
        """Mirror the attribute in torch's registry (parameters / submodules)."""
        self._unregister_torch(name)
        key = _torch_key(name)
        if key in self._parameters or key in self._modules:
            return  # taken by a torch-style registration; leave it
        if isinstance(value, torch.nn.Parameter):
            self._parameters[key] = value
        elif isinstance(value, torch.nn.Module):
            if self._reaches_self(value):
                return
            self._modules[key] = value
        elif isinstance(value, (list, tuple, dict)):
            holder = self._holder(value)
            if holder is None:
                return
            self._modules[key] = holder
        else:
            return
        self._shim_torch[name] = key

    def _holder(self, value):
        holder = _Holder()
        seen = set()

        def visit(v, path):
            if isinstance(v, torch.nn.Parameter):
                if id(v) not in seen:
                    seen.add(id(v))
                    holder._parameters[path] = v
            elif isinstance(v, torch.nn.Module):
                if id(v) not in seen and not self._reaches_self(v):
                    seen.add(id(v))
                    holder._modules[path] = v
            elif isinstance(v, dict):
                for k, e in v.items():
                    visit(e, f"{path}_{_torch_key(k)}" if path else _torch_key(k))
            elif isinstance(v, (list, tuple)):
                for i, e in enumerate(v):
                    visit(e, f"{path}_{i}" if path else str(i))

        visit(value, "")
        return holder if holder._parameters or holder._modules else None

    # -- TF API -------------------------------------------------------------------------------
    @property
    def name(self):
        """The name given to (or derived from the class by) the constructor."""
        return self._name

    @property
    def name_scope(self):
        """A `tf.name_scope` for this module (entering it gives e.g. 'outer/my_module/')."""
        return self._name_scope

    @property
    def variables(self):
        """Variables of this module (by attribute name) then of its submodules, each once."""
        return tuple(self._flatten(predicate=_is_tf_variable))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(predicate=_is_trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=_is_non_trainable))

    @property
    def submodules(self):
        """All Modules reachable through attributes (direct ones first), each once."""
        return tuple(self._flatten(predicate=_is_module))

    def _flatten(self, recursive=True, predicate=None, attribute_traversal_key=None,
                 with_path=False, expand_composites=False):
        """Generator over attribute values (leaves of nests), sorted by attribute name, then
        those of submodules if `recursive`; `with_path` yields (path tuple, value) pairs and
        does not de-duplicate."""
        if predicate is None:
            predicate = _always
        return _walk(self, recursive, predicate, attribute_traversal_key,
                     self._TF_MODULE_IGNORED_PROPERTIES, with_path, (), {id(self)}, [])

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: run the method inside `self.name_scope`."""
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        return method_with_name_scope

    # -- checkpoints --------------------------------------------------------------------------
    def _checkpoint_children(self):
        """{attribute: value} of the attributes a tf.train.Checkpoint saves (by name)."""
        from .train.checkpoint import _is_trackable
        out = {}
        attrs = vars(self)
        for name in sorted(attrs):
            if name in self._TF_MODULE_IGNORED_PROPERTIES or name in ("_name", "_name_scope"):
                continue
            value = attrs[name]
            if _is_trackable(value) and (not isinstance(value, (list, tuple, dict))
                                         or _holds_trackable(value, _is_trackable)):
                out[name] = value
        return out

    # -- Python / torch surface ---------------------------------------------------------------
    __repr__ = object.__repr__

    def __setstate__(self, state):  # pickle / deepcopy: wrap list and dict attributes again
        torch.nn.Module.__setstate__(self, state)
        d = self.__dict__
        for name, value in list(d.items()):
            if name not in _NN_STATE and type(value) in (list, dict):
                wrapped = (_TrackedList if type(value) is list else _TrackedDict)(value)
                wrapped._owner, wrapped._attr = self, name
                d[name] = wrapped

    def forward(self, *args, **kwargs):
        raise TypeError(f"'{type(self).__name__}' object is not callable")


def _always(_):
    return True


def _holds_trackable(value, is_trackable, depth=0):
    if depth > 8:
        return False
    if isinstance(value, dict):
        return any(_holds_trackable(v, is_trackable, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_trackable(v, is_trackable, depth + 1) for v in value)
    return is_trackable(value)

