"""Model definitions shared by the saving tests (shim) and the fixture generator (real TF).

`build(keras, kind)` returns a model of one kind, built with explicit names so that the files a
shim-built model writes can be compared with those real tf.keras writes for the same code.
`custom_objects(keras)` defines the custom classes (registered as 'Fx>...').
"""
import numpy as np

KINDS = ("seq_zoo", "subclassed", "functional", "conv_more", "rnn_more", "func_ops")

_CACHE = {}


def custom_objects(keras):
    """Scale (a layer with a weight), Sub (a subclassed model): registered under Fx."""
    key = id(keras)
    if key in _CACHE:
        return _CACHE[key]
    register = keras.utils.register_keras_serializable

    @register(package="Fx")
    class Scale(keras.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

        def call(self, x):
            return x * self.factor * self.w

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    @register(package="Fx")
    class Sub(keras.Model):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.d1 = keras.layers.Dense(units, name="d1")
            self.blocks = [keras.layers.Dense(units, name="b0"), keras.layers.Dense(units, name="b1")]
            self.heads = {"p": keras.layers.Dense(units, name="hp"), "q": Scale(0.5, name="hq")}
            self._hidden = keras.layers.Dense(units, name="hidden")
            self.scale = Scale(2.0, name="scale")

        def call(self, x):
            x = self.d1(x)
            for b in self.blocks:
                x = b(x)
            x = self.heads["q"](self.heads["p"](x))
            return self.scale(self._hidden(x))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    _CACHE[key] = {"Fx>Scale": Scale, "Fx>Sub": Sub}
    return _CACHE[key]


def build(keras, kind):
    L = keras.layers
    objs = custom_objects(keras)
    Scale, Sub = objs["Fx>Scale"], objs["Fx>Sub"]
    if kind == "seq_zoo":
        return keras.Sequential([
            keras.Input((6,), dtype="int32", name="tok"),
            L.Embedding(20, 4, name="emb"),
            L.LSTM(4, return_sequences=True, name="lstm"),
            L.GRU(3, return_sequences=True, name="gru"),
            L.Bidirectional(L.SimpleRNN(2, return_sequences=True, name="srnn"), name="bidi"),
            L.LayerNormalization(name="ln"),
            L.Reshape((6, 4, 1), name="reshape"),
            L.Conv2D(2, 3, padding="same", name="conv"),
            L.BatchNormalization(name="bn"),
            L.MaxPooling2D(2, name="pool"),
            L.Flatten(name="flat"),
            L.Dropout(0.1, name="drop"),
            L.Dense(3, activation="relu", name="d1"),
            Scale(1.5, name="scale"),
            L.Dense(1, name="out"),
        ], name="zoo")
    if kind == "subclassed":
        m = Sub(3, name="sub")
        m(np.ones((2, 5), "float32"))
        return m
    if kind == "functional":
        a = keras.Input((3,), name="a")
        b = keras.Input((3,), name="b")
        shared = L.Dense(3, name="shared")
        s = L.Add(name="add")([shared(a), shared(b)])
        ii = keras.Input((3,), name="inner_in")
        inner = keras.Model(ii, Scale(3.0, name="iscale")(L.Dense(3, name="idense")(ii)), name="inner")
        h = inner(s)
        c = L.Concatenate(name="cat")([h, a])
        out1 = L.Dense(2, name="out1")(c)
        out2 = Scale(0.5, name="out2")(h)
        return keras.Model([a, b], [out1, out2], name="func")
    if kind == "conv_more":
        m = keras.Sequential([
            keras.Input((8, 8, 3), name="img"),
            L.Normalization(name="norm"),
            L.Conv2D(4, 3, strides=2, padding="same", name="c1"),
            L.DepthwiseConv2D(3, padding="same", name="dw"),
            L.SeparableConv2D(4, 3, padding="same", name="sep"),
            L.Conv2DTranspose(2, 3, strides=2, padding="same", name="tr"),
            L.AveragePooling2D(2, name="avg"),
            L.GlobalAveragePooling2D(name="gap"),
            L.Dense(2, name="out"),
        ], name="convs")
        m.get_layer("norm").adapt(inputs(kind))
        return m
    if kind == "rnn_more":
        return keras.Sequential([
            keras.Input((5, 3), name="seq"),
            L.Conv1D(4, 2, name="c1"),
            L.GRU(3, reset_after=False, return_sequences=True, name="gru"),
            L.SimpleRNN(2, go_backwards=True, return_sequences=True, name="srnn"),
            L.LSTM(2, name="lstm"),
            L.Dense(1, name="out"),
        ], name="rnns")
    if kind == "func_ops":  # operators on KerasTensors (keras.src.ops.numpy in the config)
        a = keras.Input((3,), name="a")
        o = L.Dense(3, name="d")(a) * 2.0 + a
        o = 1.0 - (-o)
        return keras.Model(a, o[:, 1:], name="ops")
    raise ValueError(kind)


def inputs(kind):
    rs = np.random.RandomState(0)
    if kind == "seq_zoo":
        return rs.randint(0, 20, size=(4, 6)).astype("int32")
    if kind == "subclassed":
        return rs.rand(4, 5).astype("float32")
    if kind == "conv_more":
        return rs.rand(4, 8, 8, 3).astype("float32")
    if kind == "rnn_more":
        return rs.rand(4, 5, 3).astype("float32")
    if kind == "func_ops":
        return rs.rand(4, 3).astype("float32")
    return [rs.rand(4, 3).astype("float32"), rs.rand(4, 3).astype("float32")]


def targets(kind):
    rs = np.random.RandomState(1)
    if kind == "seq_zoo":
        return rs.rand(4, 1).astype("float32")
    if kind == "subclassed":
        return rs.rand(4, 3).astype("float32")
    if kind == "conv_more":
        return rs.rand(4, 2).astype("float32")
    if kind == "rnn_more":
        return rs.rand(4, 1).astype("float32")
    if kind == "func_ops":
        return rs.rand(4, 2).astype("float32")
    return [rs.rand(4, 2).astype("float32"), rs.rand(4, 3).astype("float32")]
