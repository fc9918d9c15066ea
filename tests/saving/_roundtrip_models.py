"""The six model kinds of test_roundtrip.py (importable in a fresh process: classes registered)."""
import numpy as np

KINDS = ("seq_plain", "seq_custom", "func_plain", "func_custom", "sub_plain", "sub_custom")
_DEFS = {}


def define(keras):
    if id(keras) in _DEFS:
        return _DEFS[id(keras)]
    reg = keras.saving.register_keras_serializable

    @reg(package="RT")
    class Gain(keras.layers.Layer):
        """A custom layer with a trainable weight and a config entry."""

        def __init__(self, factor=1.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def build(self, input_shape):
            self.g = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="g")

        def call(self, x):
            return x * self.g * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    @reg(package="RT")
    class PlainSub(keras.Model):
        def __init__(self, units=4, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.hidden = keras.layers.Dense(units, activation="relu")
            self.out = keras.layers.Dense(1)

        def call(self, x):
            return self.out(self.hidden(x))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    @reg(package="RT")
    class CustomSub(keras.Model):
        def __init__(self, units=4, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.hidden = keras.layers.Dense(units)
            self.gains = [Gain(1.5), Gain(0.5)]
            self.norm = keras.layers.BatchNormalization()
            self.out = keras.layers.Dense(1)

        def call(self, x, training=False):
            h = self.hidden(x)
            for g in self.gains:
                h = g(h)
            return self.out(self.norm(h, training=training))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    _DEFS[id(keras)] = {"Gain": Gain, "PlainSub": PlainSub, "CustomSub": CustomSub}
    return _DEFS[id(keras)]


def build(keras, kind):
    d = define(keras)
    L = keras.layers
    if kind == "seq_plain":
        return keras.Sequential([keras.Input((5,)), L.Dense(4, activation="relu"), L.Dense(1)])
    if kind == "seq_custom":
        return keras.Sequential([keras.Input((5,)), L.Dense(4), d["Gain"](1.5), L.BatchNormalization(),
                                 L.Dense(1)])
    if kind == "func_plain":
        i = keras.Input((5,))
        return keras.Model(i, L.Dense(1)(L.Dense(4, activation="tanh")(i)))
    if kind == "func_custom":
        i = keras.Input((5,))
        h = d["Gain"](2.0)(L.Dense(4)(i))
        return keras.Model(i, L.Dense(1)(L.BatchNormalization()(h)))
    if kind == "sub_plain":
        return d["PlainSub"](4)
    if kind == "sub_custom":
        return d["CustomSub"](4)
    raise ValueError(kind)


def data():
    rs = np.random.RandomState(0)
    x = rs.rand(16, 5).astype("float32")
    return x, (x @ rs.rand(5, 1)).astype("float32")
