"""keras.utils.Config: a dict with attribute access, JSON export and freezing (Keras 3)."""
import copy
import difflib
import json

__all__ = ["Config"]


class Config:
    """`Config(a=1)`; `cfg.b = 2` / `cfg["b"] = 2`; `freeze()` makes every change a ValueError;
    iteration is over the sorted keys."""

    _OWN = ("_data", "_frozen")

    def __init__(self, **kwargs):
        object.__setattr__(self, "_data", dict(kwargs))
        object.__setattr__(self, "_frozen", False)

    @property
    def frozen(self):
        return self._frozen

    def freeze(self):
        object.__setattr__(self, "_frozen", True)

    def unfreeze(self):
        object.__setattr__(self, "_frozen", False)

    def _check(self):
        if self._frozen:
            raise ValueError("Cannot mutate attribute(s) because the config is frozen.")

    def as_dict(self):
        return copy.copy(self._data)

    def to_json(self):
        return json.dumps(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, keyname, value=None):
        return self._data.get(keyname, value)

    def pop(self, *args):
        self._check()
        return self._data.pop(*args)

    def update(self, *args, **kwargs):
        self._check()
        return self._data.update(*args, **kwargs)

    def __setattr__(self, name, value):
        if name in self._OWN or hasattr(type(self), name):
            return object.__setattr__(self, name, value)
        self._check()
        self._data[name] = value

    def __getattr__(self, name):
        data = self.__dict__.get("_data", {})
        if name in data:
            return data[name]
        msg = f"Unknown attribute: '{name}'."
        close = difflib.get_close_matches(name, data.keys(), n=1, cutoff=0.7)
        if close:
            msg += f" Did you mean '{close[0]}'?"
        raise AttributeError(msg)

    def __setitem__(self, key, item):
        self._check()
        self._data[key] = item

    def __getitem__(self, key):
        return self._data[key]

    def __delitem__(self, key):
        self._check()
        del self._data[key]

    def __contains__(self, item):
        return item in self._data

    def __iter__(self):
        return iter(sorted(self._data))

    def __len__(self):
        return len(self._data)

    def __repr__(self):
        return f"<Config {self._data}>"
