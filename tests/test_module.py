"""tf.Module (tfkeras_shim/module.py): the TF tutorial patterns, checkpoints, and the torch side
(a tf.Module is an nn.Module). Values against TF are in tests/golden/cases/module.py."""
import copy
import os
import pickle

import numpy as np
import pytest
import torch

import tfkeras_shim as tf


class Dense(tf.Module):
    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.random.normal([in_features, out_features]), name="w")
        self.b = tf.Variable(tf.zeros([out_features]), name="b")

    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)


class MLP(tf.Module):
    def __init__(self, sizes, name=None):
        super().__init__(name=name)
        self.layers = []
        with self.name_scope:
            for a, b in zip(sizes[:-1], sizes[1:]):
                self.layers.append(Dense(a, b))

    @tf.Module.with_name_scope
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


@pytest.mark.covers("tf.Module", "tf.Module.variables", "tf.Module.trainable_variables",
                    "tf.Module.submodules", "tf.Module.name", "tf.Module.name_scope")
def test_tutorial_mlp_collections():
    m = MLP([3, 4, 2], name="mlp")
    assert m.name == "mlp" and m.name_scope.name == "mlp/"
    assert [s.name_scope.name for s in m.submodules] == ["mlp/dense/", "mlp/dense/"]
    assert m.submodules == tuple(m.layers)
    assert isinstance(m.variables, tuple) and len(m.variables) == 4
    assert [tuple(v.shape) for v in m.trainable_variables] == [(4,), (3, 4), (2,), (4, 2)]
    assert m.non_trainable_variables == ()
    out = m(tf.ones([5, 3]))
    assert out.shape == (5, 2) and out.dtype == tf.float32


@pytest.mark.covers("tf.Module", "tf.Module.non_trainable_variables", "tf.Module._flatten")
def test_flatten_order_dedup_and_paths():
    m = tf.Module()
    shared = tf.Variable(1.0, name="shared")
    m.z = {"b": shared, "a": tf.Variable(2.0, trainable=False, name="na")}
    m.a = shared
    m.sub = tf.Module(name="sub")
    m.sub.v = shared
    m.sub.k = tf.Variable(3.0, name="k")
    assert [v.name for v in m.variables] == ["shared:0", "na:0", "k:0"]
    assert [v.name for v in m.non_trainable_variables] == ["na:0"]
    paths = [p for p, _ in m._flatten(with_path=True, predicate=lambda x: isinstance(x, tf.Variable))]
    assert paths == [("a",), ("z", "a"), ("z", "b"), ("sub", "k"), ("sub", "v")]
    assert list(m._flatten(recursive=False, predicate=lambda x: isinstance(x, tf.Module))) == [m.sub]
    rev = [p for p, _ in m._flatten(with_path=True, attribute_traversal_key=lambda k: [-ord(c) for c in k],
                                    predicate=lambda x: isinstance(x, tf.Variable))]
    assert rev[0] == ("z", "a") and rev[-1] == ("sub", "k")


@pytest.mark.covers("tf.Module", "tf.GradientTape", "tf.Variable.assign_sub")
def test_training_with_assign_sub_reaches_the_line():
    class Model(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(5.0)
            self.b = tf.Variable(0.0)

        def __call__(self, x):
            return self.w * x + self.b

    model = Model()
    x = tf.constant(np.linspace(-1, 1, 50, dtype="float32"))
    y = 3.0 * x + 2.0
    for _ in range(200):
        with tf.GradientTape() as t:
            loss = tf.reduce_mean(tf.square(y - model(x)))
        dw, db = t.gradient(loss, [model.w, model.b])
        model.w.assign_sub(0.1 * dw)
        model.b.assign_sub(0.1 * db)
    assert abs(float(model.w.numpy()) - 3.0) < 1e-3 and abs(float(model.b.numpy()) - 2.0) < 1e-3


@pytest.mark.covers("tf.Module", "tf.keras.optimizers.SGD")
def test_training_with_keras_optimizer_and_tf_function():
    tf.random.set_seed(0)
    m = MLP([2, 8, 1])
    opt = tf.keras.optimizers.SGD(0.05)
    x = tf.random.normal([64, 2])
    y = tf.reduce_sum(x, axis=1, keepdims=True)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as t:
            loss = tf.reduce_mean((m(x) - y) ** 2)
        grads = t.gradient(loss, m.trainable_variables)
        opt.apply_gradients(zip(grads, m.trainable_variables))
        return loss

    first = float(step(x, y))
    for _ in range(100):
        last = float(step(x, y))
    assert last < first * 0.8


@pytest.mark.covers("tf.Module.with_name_scope")
def test_with_name_scope_wraps_and_enters_scope():
    class M(tf.Module):
        @tf.Module.with_name_scope
        def scope_now(self):
            """doc"""
            return tf.get_current_name_scope()

    m = M(name="outer")
    assert m.scope_now() == "outer" and tf.get_current_name_scope() == ""
    assert M.scope_now.__name__ == "scope_now" and M.scope_now.__doc__ == "doc"


@pytest.mark.covers("tf.Module")
def test_names_and_errors():
    class HTTPServer2D(tf.Module):
        pass

    assert tf.Module().name == "module" and HTTPServer2D().name == "http_server2_d"
    with pytest.raises(ValueError, match="not a valid module name"):
        tf.Module(name="a.b")
    with pytest.raises(AttributeError):
        tf.Module().name = "x"
    with pytest.raises(TypeError, match="not callable"):
        tf.Module()(1)


@pytest.mark.covers("tf.Module")
def test_keras_layers_are_not_modules_but_torch_sees_them():
    m = tf.Module()
    m.k = tf.keras.layers.Dense(3)
    m.k.build((None, 2))
    m.own = tf.Variable(1.0)
    assert not isinstance(m.k, tf.Module)
    assert m.submodules == () and [v.name for v in m.variables] == ["Variable:0"]  # as TF 2.21
    assert sorted(n for n, _ in m.named_parameters()) == ["k.bias", "k.kernel", "own"]


@pytest.mark.covers("tf.Module")
def test_module_inside_keras_layer_is_not_a_keras_weight():
    class Block(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(tf.ones([2, 3]))

    class L(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.block = Block()

        def call(self, x):
            return x @ self.block.w

    layer = L()
    assert layer(tf.ones([1, 2])).numpy().tolist() == [[2.0, 2.0, 2.0]]
    assert layer.weights == []  # TF 2.21: Keras 3 layers do not track tf.Module variables
    assert [n for n, _ in layer.named_parameters()] == ["block.w"]


@pytest.mark.covers("tf.Module")
def test_torch_registry_follows_appends_deletes_and_copies():
    m = MLP([2, 3, 1])
    names = [n for n, _ in m.named_parameters()]
    assert names == ["layers.0.w", "layers.0.b", "layers.1.w", "layers.1.b"]
    m.layers.append(Dense(1, 1))
    assert len(list(m.parameters())) == 6 and len(m.variables) == 6
    m.layers.pop()
    assert len(list(m.parameters())) == 4
    m.extra = (tf.Variable(1.0), [tf.Variable(2.0)])
    assert "extra.0" in m.state_dict() and "extra.1_0" in m.state_dict()
    del m.extra
    assert len(m.state_dict()) == 4 and len(m.variables) == 4
    m.to("cpu")
    for clone in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert len(clone.variables) == 4 and clone.variables[0] is not m.variables[0]
        np.testing.assert_array_equal(clone.variables[1].numpy(), m.variables[1].numpy())
        clone.layers.append(Dense(1, 1))
        assert len(list(clone.parameters())) == 6


@pytest.mark.covers("tf.Module")
def test_cycles_do_not_break_torch_walks():
    a = tf.Module(name="a")
    b = tf.Module(name="b")
    a.b = b
    b.a = a
    a.v = tf.Variable(1.0)
    assert [s.name for s in a.submodules] == ["b"] and [s.name for s in b.submodules] == ["a"]
    a.to("cpu")
    assert list(a.state_dict()) == ["v"]
    assert [v.name for v in b.variables] == ["Variable:0"]


@pytest.mark.covers("tf.Module", "tf.train.Checkpoint", "tf.train.list_variables")
def test_checkpoint_saves_and_restores_module_variables(tmp_path):
    m = MLP([2, 3, 1])
    m.extra = {"x": tf.Variable(7.0)}
    m._private = tf.Variable(1.0)
    m.k = tf.keras.layers.Dense(2)
    m.k.build((None, 2))
    path = tf.train.Checkpoint(model=m).save(os.fspath(tmp_path / "ckpt"))
    keys = [k for k, _ in tf.train.list_variables(path)]
    assert keys == ["model/_private", "model/extra/x", "model/k/vars/0", "model/k/vars/1",
                    "model/layers/0/b", "model/layers/0/w", "model/layers/1/b", "model/layers/1/w",
                    "save_counter"]
    saved = [v.numpy() for v in m.variables] + [w.numpy() for w in m.k.weights]
    for v in m.variables + tuple(m.k.weights):
        v.assign(tf.zeros_like(v))
    tf.train.Checkpoint(model=m).restore(path).assert_consumed()
    for a, b in zip(saved, [v.numpy() for v in m.variables] + [w.numpy() for w in m.k.weights]):
        np.testing.assert_array_equal(a, b)
    # a Module as the root: its attributes are the top-level keys (as TF)
    root = tf.train.Checkpoint(m).write(os.fspath(tmp_path / "root"))
    assert [k for k, _ in tf.train.list_variables(root)][:2] == ["_private", "extra/x"]
    m.layers.append(Dense(1, 1))
    status = tf.train.Checkpoint(model=m).restore(path)
    with pytest.raises(AssertionError):
        status.assert_consumed()


@pytest.mark.covers("tf.Module", "tf.train.Checkpoint")
def test_checkpoint_with_module_cycle(tmp_path):
    a = tf.Module(name="a")
    a.child = tf.Module(name="child")
    a.child.parent = a
    a.child.w = tf.Variable([1.0, 2.0])
    path = tf.train.Checkpoint(net=a).save(os.fspath(tmp_path / "c"))
    a.child.w.assign([0.0, 0.0])
    tf.train.Checkpoint(net=a).restore(path)
    assert a.child.w.numpy().tolist() == [1.0, 2.0]


@pytest.mark.covers("tf.Module")
def test_saved_model_of_a_plain_module_is_refused(tmp_path):
    m = MLP([2, 1])
    with pytest.raises(NotImplementedError, match="not supported"):
        tf.saved_model.save(m, os.fspath(tmp_path / "sm"))


@pytest.mark.covers("tf.Module.name_scope")
def test_variables_created_in_module_scope_get_its_prefix():
    m = MLP([2, 1], name="mlp")
    assert m.layers[0].w.name == "mlp/w:0"


@pytest.mark.covers("tf.Module")
def test_is_a_torch_module_with_tf_repr():
    m = MLP([2, 1])
    assert isinstance(m, torch.nn.Module)
    assert repr(m).startswith("<") and "MLP object at" in repr(m)
    assert all(isinstance(p, tf.Variable) for p in m.parameters())
