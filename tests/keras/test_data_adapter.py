"""The data adapter of fit/evaluate/predict (engine/data_adapter.py): every input form becomes
device batches; numpy data moves to the device once; one permutation per epoch."""
import warnings

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim import keras
from tfkeras_shim.framework.tensor import Tensor
from tfkeras_shim.keras.engine import data_adapter as da

CPU = torch.device("cpu")


def _batches(adapter):
    return list(adapter.iterator())


@pytest.mark.covers("tf.keras.utils.unpack_x_y_sample_weight", "tf.keras.utils.pack_x_y_sample_weight")
def test_pack_and_unpack_like_keras():
    assert da.unpack_x_y_sample_weight(1) == (1, None, None)
    assert da.unpack_x_y_sample_weight((1,)) == (1, None, None)
    assert da.unpack_x_y_sample_weight([1, 2]) == (1, 2, None)
    assert da.unpack_x_y_sample_weight((1, 2, 3)) == (1, 2, 3)
    with pytest.raises(ValueError, match="Data is expected to be in format"):
        da.unpack_x_y_sample_weight((1, 2, 3, 4))
    assert da.pack_x_y_sample_weight(1) == 1
    assert da.pack_x_y_sample_weight([1, 2]) == ([1, 2],)
    assert da.pack_x_y_sample_weight(1, 2) == (1, 2)
    assert da.pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)


@pytest.mark.covers("tf.keras.Model.fit")
def test_arrays_converted_once_floats_to_floatx_ints_kept():
    x = np.arange(20, dtype=np.float64).reshape(10, 2)
    y = np.arange(10, dtype=np.int64)
    ad = da.get_data_adapter(x, y, batch_size=4, device=CPU)
    assert isinstance(ad, da.ArrayDataAdapter)
    assert ad.num_batches == 3 and ad.batch_size == 4
    xs, ys, _ = ad.arrays
    assert xs.dtype == torch.float32 and ys.dtype == torch.int64
    b = _batches(ad)
    assert [tuple(t[0].shape) for t in b] == [(4, 2), (4, 2), (2, 2)]
    assert all(type(t[0]) is Tensor and type(t[1]) is Tensor for t in b)
    np.testing.assert_array_equal(np.concatenate([t[1].numpy() for t in b]), y)
    # a float32 array on the CPU is used without a copy; unshuffled batches are views of it
    x32 = np.ones((8, 3), np.float32)
    ad = da.get_data_adapter(x32, batch_size=4, device=CPU)
    assert ad.arrays[0].data_ptr() == x32.__array_interface__["data"][0]
    first = _batches(ad)[0]
    assert first.data_ptr() == x32.__array_interface__["data"][0]


@pytest.mark.covers("tf.keras.Model.fit")
def test_one_permutation_per_epoch_covers_every_sample():
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    torch.manual_seed(0)
    ad = da.get_data_adapter(x, x[:, 0] * 2, batch_size=3, shuffle=True, device=CPU)
    seen = []
    for xb, yb in ad.iterator():
        np.testing.assert_array_equal(yb.numpy(), xb.numpy()[:, 0] * 2)  # x and y stay aligned
        seen.extend(xb.numpy()[:, 0].tolist())
    assert sorted(seen) == list(range(10)) and seen != list(range(10))
    # shuffle="batch": order changes only inside each batch
    ad = da.get_data_adapter(x, batch_size=5, shuffle="batch", device=CPU)
    b = _batches(ad)
    assert sorted(b[0].numpy()[:, 0].tolist()) == [0, 1, 2, 3, 4]


@pytest.mark.covers("tf.keras.Model.fit")
def test_nested_inputs_dicts_lists_and_sample_weights():
    x = {"a": np.zeros((6, 2), np.float32), "b": np.ones((6, 3), np.float32)}
    y = [np.zeros((6, 1)), np.ones((6,))]
    ad = da.get_data_adapter(x, y, sample_weight=np.arange(6, dtype=np.float32), batch_size=4,
                             device=CPU)
    xb, yb, wb = _batches(ad)[0]
    assert set(xb) == {"a", "b"} and tuple(xb["b"].shape) == (4, 3)
    assert isinstance(yb, list) and tuple(yb[1].shape) == (4,)
    # one sample_weight array for two outputs is replicated per output
    assert isinstance(wb, list) and len(wb) == 2
    np.testing.assert_array_equal(wb[0].numpy(), [0, 1, 2, 3])


@pytest.mark.covers("tf.keras.Model.fit")
def test_python_lists_of_numbers_are_arrays():
    ad = da.get_data_adapter([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0, 1, 0], batch_size=2, device=CPU)
    xb, yb = _batches(ad)[0]
    assert tuple(xb.shape) == (2, 2) and xb.dtype == tf.float32
    assert yb.numpy().tolist() == [0, 1]


@pytest.mark.covers("tf.keras.Model.fit")
def test_class_weight_becomes_sample_weight():
    y = np.array([0, 1, 2, 1, 5])
    w = da.class_weight_to_sample_weights(y, {0: 0.5, 1: 2.0})
    np.testing.assert_allclose(w.numpy(), [0.5, 2.0, 1.0, 2.0, 1.0])
    onehot = np.eye(3)[[2, 0, 1]]
    np.testing.assert_allclose(da.class_weight_to_sample_weights(onehot, {2: 3.0}).numpy(), [3, 1, 1])
    col = np.array([[1.0], [0.0], [0.6]])
    np.testing.assert_allclose(da.class_weight_to_sample_weights(col, {1: 4.0}).numpy(), [4, 1, 4])
    ad = da.get_data_adapter(np.zeros((3, 1)), np.array([0, 1, 1]), class_weight={1: 3.0},
                             batch_size=8, device=CPU)
    _, _, wb = _batches(ad)[0]
    np.testing.assert_allclose(wb.numpy(), [1, 3, 3])


@pytest.mark.covers("tf.keras.Model.fit")
def test_class_weight_on_dataset_raises_past_table_like_tf():
    """tf.keras gathers Dataset class weights from a table of max(class) + 1 entries: missing
    classes below the largest key weigh 1.0, labels past it raise (arrays weigh them 1.0)."""
    x = np.arange(8, dtype="float32").reshape(4, 2)
    y = np.array([0, 1, 2, 1])

    def fit(data, cw):
        m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, kernel_initializer="ones")])
        m.compile("sgd", "sparse_categorical_crossentropy")
        kw = dict(batch_size=4, shuffle=False) if isinstance(data, tuple) else {}
        args = data if isinstance(data, tuple) else (data,)
        return m.fit(*args, class_weight=cw, verbose=0, **kw).history["loss"][0]

    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    # losses recorded from tf.keras 2.21 on the same data
    assert fit(ds, {0: 1.0, 2: 3.0}) == pytest.approx(1.64792, abs=1e-5)
    assert fit(ds, {1: 2.0, 2: 3.0}) == pytest.approx(2.19722, abs=1e-5)
    assert fit((x, y), {0: 1.0, 1: 2.0}) == pytest.approx(1.64792, abs=1e-5)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[2\] = 2 is not in \[0, 2\)"):
        fit(ds, {0: 1.0, 1: 2.0})


@pytest.mark.covers("tf.keras.Model.fit")
def test_cardinality_error_message():
    with pytest.raises(ValueError) as e:
        da.get_data_adapter(np.zeros((10, 2)), np.zeros(8), device=CPU)
    assert str(e.value) == ("Data cardinality is ambiguous. Make sure all arrays contain the same "
                            "number of samples.'x' sizes: 10\n'y' sizes: 8\n")


@pytest.mark.covers("tf.keras.Model.fit")
def test_validation_split_takes_the_last_fraction_before_shuffling():
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    (tx, ty, tw), (vx, vy, vw) = da.train_validation_split((x, x[:, 0], None), 0.3, device=CPU)
    assert tx.numpy()[:, 0].tolist() == list(range(7))
    assert vy.numpy().tolist() == [7, 8, 9] and tw is None and vw is None
    with pytest.raises(ValueError, match="not sufficient to split"):
        da.train_validation_split((x, None, None), 0.95, device=CPU)
    ds = tf.data.Dataset.from_tensor_slices(x).batch(2)
    with pytest.raises(ValueError, match="only supported for tensors or NumPy arrays"):
        da.train_validation_split((ds, None, None), 0.2)


@pytest.mark.covers("tf.data.Dataset", "tf.keras.Model.fit")
def test_dataset_batch_chain_uses_the_batch_plan():
    x = np.arange(12, dtype=np.float32).reshape(12, 1)
    ds = tf.data.Dataset.from_tensor_slices((x, x[:, 0])).shuffle(12, seed=1).batch(5)
    ad = da.get_data_adapter(ds, device=CPU)
    assert isinstance(ad, da.DatasetAdapter) and ad._plan is not None
    assert ad.num_batches == 3
    b1 = _batches(ad)
    b2 = _batches(ad)
    seen1 = sorted(v for xb, _ in b1 for v in xb.numpy()[:, 0].tolist())
    assert seen1 == list(range(12))
    # a new order each pass, as iterating the dataset twice gives
    assert [xb.numpy().tolist() for xb, _ in b1] != [xb.numpy().tolist() for xb, _ in b2]
    # the same batches as iterating the dataset itself
    ds2 = tf.data.Dataset.from_tensor_slices((x, x[:, 0])).batch(5)
    got = [xb.numpy().tolist() for xb, _ in _batches(da.get_data_adapter(ds2, device=CPU))]
    assert got == [xb.numpy().tolist() for xb, _ in ds2]


@pytest.mark.covers("tf.data.Dataset", "tf.keras.Model.fit")
def test_dataset_other_chains_are_iterated_and_unknown_size():
    x = np.arange(8, dtype=np.float32).reshape(8, 1)
    ds = tf.data.Dataset.from_tensor_slices(x).filter(lambda v: v[0] > 2).batch(2)
    ad = da.get_data_adapter(ds, device=CPU)
    assert ad.num_batches is None
    assert [b.numpy()[:, 0].tolist() for b in _batches(ad)] == [[3, 4], [5, 6], [7]]


@pytest.mark.covers("tf.keras.Model.fit")
def test_dataset_argument_errors():
    ds = tf.data.Dataset.from_tensor_slices(np.zeros((4, 1))).batch(2)
    with pytest.raises(ValueError, match="`y` should not be passed"):
        da.get_data_adapter(ds, np.zeros(4))
    with pytest.raises(ValueError, match="`sample_weights` should not be passed"):
        da.get_data_adapter(ds, sample_weight=np.zeros(4))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        da.get_data_adapter(ds, shuffle=True)
    assert "will be ignored" in str(w[0].message)
    with pytest.raises(ValueError, match="Unrecognized data type"):
        da.get_data_adapter("nope")


@pytest.mark.covers("tf.keras.Model.fit")
def test_generator_first_two_batches_replayed_each_pass():
    def gen():
        for i in range(4):
            yield (np.full((2, 1), i, np.float32), np.zeros(2))
    ad = da.get_data_adapter(gen(), device=CPU)
    assert ad.num_batches is None
    first = [b[0].numpy()[0, 0] for b in _batches(ad)]
    second = [b[0].numpy()[0, 0] for b in _batches(ad)]
    assert first == [0, 1, 2, 3] and second == [0, 1]
    with pytest.raises(ValueError, match="must return a tuple"):
        da.get_data_adapter((np.zeros(2) for _ in range(2)))
    with pytest.raises(ValueError, match="at least one batch"):
        da.get_data_adapter((x for x in []))


@pytest.mark.covers("tf.keras.utils.PyDataset", "tf.keras.utils.Sequence")
def test_pydataset_and_torch_dataloader():
    class Seq(keras.utils.PyDataset):
        def __init__(self):
            super().__init__()
            self.ends = 0

        def __len__(self):
            return 3

        def __getitem__(self, i):
            return np.full((2, 1), i, np.float32), np.zeros(2)

        def on_epoch_end(self):
            self.ends += 1
    s = Seq()
    ad = da.get_data_adapter(s, device=CPU)
    it = da.EpochIterator(ad)
    assert [b[0][0].numpy()[0, 0] for _, _, b in it.epoch()] == [0, 1, 2]
    assert s.ends == 1
    dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.arange(6.0).reshape(6, 1),
                                                                     torch.zeros(6)), batch_size=4)
    ad = da.get_data_adapter(dl, device=CPU)
    assert ad.num_batches == 2
    xb, yb = _batches(ad)[0]
    assert type(xb) is Tensor and tuple(xb.shape) == (4, 1)


@pytest.mark.covers("tf.keras.Model.fit")
def test_epoch_iterator_steps_per_epoch_continues_and_warns():
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    ad = da.get_data_adapter(x, batch_size=2, device=CPU)  # 5 batches
    it = da.EpochIterator(ad, steps_per_epoch=3)
    e1 = [b[0].numpy()[0, 0] for _, _, b in it.epoch()]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        e2 = [b[0].numpy()[0, 0] for _, _, b in it.epoch()]
    assert e1 == [0, 2, 4] and e2 == [6, 8]
    assert any("ran out of data" in str(m.message) for m in w)
    e3 = [b[0].numpy()[0, 0] for _, _, b in it.epoch()]
    assert e3 == [0, 2, 4]
    # steps_per_execution groups batches
    it = da.EpochIterator(ad, steps_per_execution=2)
    assert [(s, e, len(b)) for s, e, b in it.epoch()] == [(0, 1, 2), (2, 3, 2), (4, 5, 1)]


@pytest.mark.cuda
@pytest.mark.covers("tf.keras.Model.fit")
def test_arrays_moved_to_cuda_once():
    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    dev = torch.device("cuda")
    ad = da.get_data_adapter(np.zeros((10, 2), np.float32), np.zeros(10), batch_size=4,
                             shuffle=True, device=dev)
    assert ad.arrays[0].device.type == "cuda"
    assert all(b[0].device.type == "cuda" for b in ad.iterator())


@pytest.mark.covers("tf.keras.Model.fit")
def test_string_arrays_stay_on_the_host_and_batch_as_tf_strings():
    ad = da.get_data_adapter(np.array(["a", "b", "c"]), np.array([0, 1, 2]), batch_size=2,
                             shuffle=True, device=CPU)
    got = []
    for xb, yb in ad.iterator():
        assert type(xb).__name__ == "StringTensor" and xb.dtype == tf.string
        got.extend(zip([v.decode() for v in xb.numpy().tolist()], yb.numpy().tolist()))
    assert sorted(got) == [("a", 0), ("b", 1), ("c", 2)]
