"""tf.distribute on one device: the strategy API as tf 2.21 answers it on a one-CPU machine
(values below are what TF printed for the same calls)."""
import numpy as np
import pytest

import tfkeras_shim as tf


@pytest.mark.covers("tf.distribute.MirroredStrategy", "tf.distribute.get_strategy",
                    "tf.distribute.has_strategy", "tf.distribute.in_cross_replica_context",
                    "tf.distribute.get_replica_context", "tf.distribute.Strategy")
def test_scope_and_keras_fit_inside_it():
    s = tf.distribute.MirroredStrategy()
    assert s.num_replicas_in_sync == 1
    assert not tf.distribute.has_strategy() and not tf.distribute.in_cross_replica_context()
    with s.scope():
        assert tf.distribute.has_strategy() and tf.distribute.get_strategy() is s
        assert tf.distribute.in_cross_replica_context() and tf.distribute.get_replica_context() is None
        m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
        m.compile("sgd", "mse")
    h = m.fit(np.ones((8, 2)), np.ones((8, 1)), epochs=2, batch_size=4, verbose=0)
    np.testing.assert_allclose(h.history["loss"], [0.9418, 0.73531], atol=1e-5)  # TF 2.21
    assert type(tf.distribute.get_strategy()).__name__ == "_DefaultDistributionStrategy"


@pytest.mark.covers("tf.distribute.ReduceOp", "tf.distribute.ReplicaContext", "tf.distribute.OneDeviceStrategy",
                    "tf.distribute.DistributedDataset", "tf.distribute.InputContext",
                    "tf.distribute.MultiWorkerMirroredStrategy")
def test_run_reduce_and_datasets():
    s = tf.distribute.MirroredStrategy()
    r = s.run(lambda x: x * 2, args=(tf.constant([1.0, 2.0]),))
    assert r.numpy().tolist() == [2.0, 4.0]
    assert s.reduce(tf.distribute.ReduceOp.SUM, r, axis=None).numpy().tolist() == [2.0, 4.0]
    assert float(s.reduce("MEAN", r, axis=0)) == 3.0

    def step(x):
        ctx = tf.distribute.get_replica_context()
        return ctx.all_reduce(tf.distribute.ReduceOp.SUM, x), ctx.num_replicas_in_sync, int(ctx.replica_id_in_sync_group)

    total, n, rid = s.run(step, args=(tf.constant(3.0),))
    assert (float(total), n, rid) == (3.0, 1, 0)
    dd = s.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices(np.arange(4.0)).batch(2))
    assert type(dd).__name__ == "DistributedDataset"
    assert [x.numpy().tolist() for x in dd] == [[0.0, 1.0], [2.0, 3.0]]
    dd2 = s.distribute_datasets_from_function(lambda ctx: tf.data.Dataset.range(ctx.get_per_replica_batch_size(4)))
    assert [int(x) for x in dd2] == [0, 1, 2, 3]
    assert tf.distribute.OneDeviceStrategy("/cpu:0").num_replicas_in_sync == 1
    assert tf.distribute.MultiWorkerMirroredStrategy().num_replicas_in_sync == 1
    assert len(s.experimental_local_results(r)) == 1
    with pytest.raises(ValueError):
        s.reduce("MAX", r, axis=None)
