"""tf.keras.preprocessing.image.ImageDataGenerator, its iterators, smart_resize and the
transform functions (keras/preprocessing/image_data_generator.py, _ndimage.py).

Golden values come from real tf.keras 2.21 (Keras 3.15 legacy code, scipy 1.17, Pillow 13):
tools/gen_image_data_generator_golden.py -> tests/golden/keras/image_data_generator.json.
Keras draws its random transforms from numpy's global RNG and resamples with scipy; the shim
makes the same numpy calls and reproduces scipy's sampling in numpy, so seeded batches and fixed
transforms are compared exactly. Pillow is optional: tests that decode images or shift
brightness skip without it (directory listing does not need it)."""
import json
import os
import struct
import subprocess
import sys
import textwrap
import warnings
import zlib

import numpy as np
import pytest

import tfkeras_shim as tf
from tfkeras_shim.keras.preprocessing import _ndimage

I = tf.keras.preprocessing.image
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
G = json.load(open(os.path.join(ROOT, "tests", "golden", "keras", "image_data_generator.json")))

IDG = "tf.keras.preprocessing.image.ImageDataGenerator"
NAI = "tf.keras.preprocessing.image.NumpyArrayIterator"
DIT = "tf.keras.preprocessing.image.DirectoryIterator"
ITR = "tf.keras.preprocessing.image.Iterator"


def A(rec):
    return np.asarray(rec["value"], dtype=rec["dtype"]).reshape(rec["shape"])


def same(got, rec):
    """Exact equality with a recorded array, dtype included."""
    want = A(rec)
    got = np.asarray(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_array_equal(got, want)


def pil():
    return pytest.importorskip("PIL.Image")


# -- the PNG tree of the generator script (written without Pillow) ------------------------------

def write_png(path, a):
    a = np.asarray(a, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    h, w, c = a.shape
    raw = b"".join(b"\x00" + a[r].tobytes() for r in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, {1: 0, 3: 2, 4: 6}[c], 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


TREE = [("cats/c1.png", 1, (5, 7, 3)), ("cats/c2.PNG", 2, (8, 4, 3)), ("cats/c0.png", 3, (6, 6, 1)),
        ("cats/c3.png", 4, (7, 7, 4)), ("dogs/d1.png", 5, (4, 9, 3)), ("dogs/sub/d2.png", 6, (6, 5, 3)),
        ("dogs/sub/d3.png", 7, (3, 3, 3)), ("dogs/a0.png", 8, (10, 6, 3)), ("owls/o1.png", 9, (6, 6, 3)),
        ("owls/o2.png", 10, (5, 5, 1)), ("owls/o3.png", 11, (9, 8, 3)), ("stray.png", 12, (4, 4, 3))]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("imgs")
    for rel, seed, shape in TREE:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        write_png(p, np.random.RandomState(seed).randint(0, 256, shape))
    (root / "cats" / "notes.txt").write_text("not an image")
    (root / "dogs" / "sub" / "readme.md").write_text("not an image")
    (root / "bats").mkdir()
    return str(root) + os.sep


def flat(batch):
    if isinstance(batch, tuple):
        out = []
        for b in batch:
            out += b if isinstance(b, list) else [b]
        return out
    return batch if isinstance(batch, list) else [batch]


def quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*a, **k)


# -- affine transforms: bit-identical to Keras + scipy ------------------------------------------

@pytest.mark.covers("tf.keras.preprocessing.image.apply_affine_transform")
@pytest.mark.parametrize("case", G["affine"], ids=[c["id"] for c in G["affine"]])
def test_apply_affine_transform_matches_keras(case):
    x = A(case["input"])
    same(I.apply_affine_transform(x.copy(), **case["kwargs"]), case["output"])


@pytest.mark.covers("tf.keras.preprocessing.image.apply_affine_transform")
def test_apply_affine_transform_noop_returns_input_and_takes_tensors():
    x = np.random.RandomState(0).rand(3, 4, 5).astype("float32")
    assert I.apply_affine_transform(x) is x
    y = I.apply_affine_transform(tf.constant(x), theta=10.0)
    np.testing.assert_array_equal(y, I.apply_affine_transform(x, theta=10.0))


def test_ndimage_stand_in_needs_no_scipy(monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)
    x = np.random.RandomState(1).rand(2, 5, 5)
    rec = {c["id"]: c for c in G["affine"]}["rot30_reflect"]
    same(I.apply_affine_transform(A(rec["input"]).copy(), **rec["kwargs"]), rec["output"])
    with pytest.raises(ImportError, match="order=3.*require SciPy"):
        _ndimage.affine_transform_channels(x, np.eye(2), [0.5, 0.5], order=3, mode="nearest")
    with pytest.raises(RuntimeError, match="boundary mode not supported"):
        _ndimage.affine_transform_channels(x, np.eye(2), [0.5, 0.5], order=1, mode="bogus")


# -- random parameters: numpy's global RNG, drawn in Keras's order -------------------------------

def _check_draw(got, want):
    assert set(got) == set(want)
    for k, w in want.items():
        if w is None:
            assert got[k] is None, k
        else:
            assert type(got[k]).__name__ == w["type"], (k, type(got[k]), w["type"])
            assert np.asarray(got[k]).item() == w["value"], (k, got[k], w["value"])


@pytest.mark.covers(IDG, "tf.keras.preprocessing.image.ImageDataGenerator.get_random_transform")
@pytest.mark.parametrize("case", G["random_params"]["generators"],
                         ids=[c["id"] for c in G["random_params"]["generators"]])
def test_get_random_transform_matches_keras(case):
    g = I.ImageDataGenerator(**case["kwargs"])
    shape = tuple(case["shape"])
    draws = [g.get_random_transform(shape, seed=s) for s in (0, 1, 123)]
    np.random.seed(42)
    draws += [g.get_random_transform(shape) for _ in range(2)]
    for got, want in zip(draws, case["draws"]):
        _check_draw(got, want)


RANDOM_FUNCS = {
    "random_rotation": lambda a: I.random_rotation(a, 40, row_axis=0, col_axis=1, channel_axis=2),
    "random_shift": lambda a: I.random_shift(a, 0.2, 0.3, row_axis=0, col_axis=1, channel_axis=2,
                                             fill_mode="constant"),
    "random_shear": lambda a: I.random_shear(a, 25, row_axis=0, col_axis=1, channel_axis=2, fill_mode="wrap"),
    "random_zoom": lambda a: I.random_zoom(a, (0.6, 1.4), row_axis=0, col_axis=1, channel_axis=2,
                                           fill_mode="reflect"),
    "random_channel_shift": lambda a: I.random_channel_shift(a, 40.0, channel_axis=2),
    "random_brightness": lambda a: I.random_brightness(a, (0.3, 1.7)),
    "random_brightness_noscale": lambda a: I.random_brightness(a, (0.3, 1.7), scale=False),
    "random_transform": lambda a: I.ImageDataGenerator(rotation_range=30, zoom_range=0.2, shear_range=5,
                                                       horizontal_flip=True).random_transform(a, seed=9),
}


@pytest.mark.covers("tf.keras.preprocessing.image.random_rotation", "tf.keras.preprocessing.image.random_shift",
                    "tf.keras.preprocessing.image.random_shear", "tf.keras.preprocessing.image.random_zoom",
                    "tf.keras.preprocessing.image.random_channel_shift",
                    "tf.keras.preprocessing.image.random_brightness",
                    "tf.keras.preprocessing.image.ImageDataGenerator.random_transform")
@pytest.mark.parametrize("case", G["random_params"]["functions"],
                         ids=[c["id"] for c in G["random_params"]["functions"]])
def test_random_functions_match_keras_after_np_seed(case):
    if "brightness" in case["id"]:
        pil()
    x = A(G["random_params"]["input"])
    np.random.seed(5)
    same(RANDOM_FUNCS[case["id"]](x.copy()), case["output"])


# -- flow(): seeded batches equal tf.keras's ------------------------------------------------------

def _flow_inputs(case):
    x = A(case["x"])
    n = x.shape[0]
    y = np.arange(n) % 3 if case["with_y"] else None
    w = np.linspace(0.5, 2.0, n) if case["with_w"] else None
    xin = (x, np.arange(n * 2, dtype=np.float32).reshape(n, 2)) if case["misc"] else x
    return xin, y, w


@pytest.mark.covers(IDG, NAI, ITR, "tf.keras.preprocessing.image.ImageDataGenerator.flow",
                    "tf.keras.preprocessing.image.ImageDataGenerator.apply_transform",
                    "tf.keras.preprocessing.image.ImageDataGenerator.standardize")
@pytest.mark.parametrize("case", G["flow"]["cases"], ids=[c["id"] for c in G["flow"]["cases"]])
def test_flow_batches_match_keras(case):
    xin, y, w = _flow_inputs(case)
    g = I.ImageDataGenerator(**case["gen"])
    it = g.flow(xin, y, sample_weight=w, **case["flow"])
    assert isinstance(it, I.NumpyArrayIterator) and isinstance(it, tf.keras.utils.PyDataset)
    assert len(it) == case["len"]
    for idx, want in zip([0, len(it) - 1, 0], case["getitem"]):
        got = flat(it[idx])
        assert len(got) == len(want)
        for a, rec in zip(got, want):
            same(a, rec)
    it.on_epoch_end()
    for a, rec in zip(flat(it[1]), case["getitem_after_epoch"]):
        same(a, rec)
    it2 = g.flow(xin, y, sample_weight=w, **case["flow"])
    for want in case["next"]:
        for a, rec in zip(flat(next(it2)), want):
            same(a, rec)


@pytest.mark.covers(NAI, "tf.keras.preprocessing.image.ImageDataGenerator.flow")
def test_flow_subsets_match_keras():
    s = G["flow"]["subset"]
    g = I.ImageDataGenerator(validation_split=s["split"])
    for subset, want in s["result"].items():
        it = g.flow(A(s["x"]), A(s["y"]), batch_size=20, shuffle=False, subset=subset)
        assert it.n == want["n"]
        bx, by = it[0]
        same(bx, want["x"])
        same(by, want["y"])


@pytest.mark.covers(NAI, ITR)
def test_flow_iteration_protocol():
    x = np.random.RandomState(3).rand(10, 4, 4, 3).astype("float32")
    y = np.arange(10)
    it = I.ImageDataGenerator().flow(x, y, batch_size=4, shuffle=False)
    assert iter(it) is it
    sizes = [len(next(it)[1]) for _ in range(5)]
    assert sizes == [4, 4, 2, 4, 4]          # next() cycles forever; the last batch is short
    seen = [it[i][1].tolist() for i in range(len(it))]
    assert seen == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    # shuffle: one permutation per epoch, every sample once
    it = I.ImageDataGenerator().flow(x, y, batch_size=3, shuffle=True, seed=1)
    epoch = np.concatenate([it[i][1] for i in range(len(it))])
    assert sorted(epoch.tolist()) == list(range(10)) and epoch.tolist() != list(range(10))
    # the same seed gives the same batches; flow() yields float32 images (floatx)
    a = I.ImageDataGenerator(rotation_range=30).flow(x, y, seed=4, batch_size=5)[0]
    b = I.ImageDataGenerator(rotation_range=30).flow(x, y, seed=4, batch_size=5)[0]
    np.testing.assert_array_equal(a[0], b[0])
    assert a[0].dtype == np.float32 and a[0].shape == (5, 4, 4, 3)


@pytest.mark.covers(NAI)
def test_flow_accepts_tensors_and_warns_on_odd_channels():
    x = np.random.RandomState(3).rand(6, 4, 4, 3).astype("float32")
    it = I.ImageDataGenerator().flow(tf.constant(x), tf.constant(np.arange(6)), batch_size=6, shuffle=False)
    bx, by = it[0]
    np.testing.assert_array_equal(bx, x)
    assert by.tolist() == list(range(6))
    with pytest.warns(UserWarning, match="expected either 1, 3, or 4 channels"):
        I.ImageDataGenerator().flow(np.zeros((2, 4, 4, 5)))


# -- standardize / fit ---------------------------------------------------------------------------

STANDARDIZE_EXTRA = {"preprocessing_fn": {"preprocessing_function": lambda a: a * 2.0 - 1.0}}


@pytest.mark.covers(IDG, "tf.keras.preprocessing.image.ImageDataGenerator.standardize",
                    "tf.keras.preprocessing.image.ImageDataGenerator.fit")
@pytest.mark.parametrize("case", G["standardize"]["cases"], ids=[c["id"] for c in G["standardize"]["cases"]])
def test_standardize_and_fit_match_keras(case):
    x = A(G["standardize"]["x"])
    kw = dict(case["kwargs"], **STANDARDIZE_EXTRA.get(case["id"], {}))
    g = quiet(I.ImageDataGenerator, **kw)
    data = x if kw.get("data_format") != "channels_first" else np.ascontiguousarray(x.transpose(0, 3, 1, 2))
    if kw.get("featurewise_center") or kw.get("zca_whitening"):
        g.fit(data)
    assert [g.featurewise_center, g.featurewise_std_normalization, g.samplewise_center] == case["flags"]
    one = g.standardize(data[1].copy())
    batch = g.standardize(data[:3].copy())
    if "zca" in case:     # an SVD: allow LAPACK rounding
        np.testing.assert_allclose(g.zca_whitening_matrix, A(case["zca"]), rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(one, A(case["single"]), rtol=1e-4, atol=1e-4)
        np.testing.assert_allclose(batch, A(case["batch"]), rtol=1e-4, atol=1e-4)
        return
    same(one, case["single"])
    same(batch, case["batch"])
    for attr in ("mean", "std"):
        if attr in case:
            same(getattr(g, attr), case[attr])
        else:
            assert getattr(g, attr) is None


@pytest.mark.covers("tf.keras.preprocessing.image.ImageDataGenerator.fit")
def test_fit_with_augmentation_rounds_matches_keras():
    g = I.ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True, rotation_range=20,
                             horizontal_flip=True)
    g.fit(A(G["standardize"]["x"]), augment=True, rounds=2, seed=3)
    same(g.mean, G["standardize"]["augment"]["mean"])
    same(g.std, G["standardize"]["augment"]["std"])


@pytest.mark.covers(IDG, "tf.keras.preprocessing.image.ImageDataGenerator.standardize")
def test_constructor_overrides_and_unfit_warnings():
    with pytest.warns(UserWarning, match="overrides setting of `featurewise_center`"):
        g = I.ImageDataGenerator(featurewise_std_normalization=True)
    assert g.featurewise_center
    with pytest.warns(UserWarning, match="`zca_whitening`, which overrides"):
        g = I.ImageDataGenerator(zca_whitening=True)
    with pytest.warns(UserWarning, match="hasn't been fit on any training data"):
        g.standardize(np.ones((2, 2, 3), "float32"))
    g = I.ImageDataGenerator()
    assert (g.zoom_range, g.fill_mode, g.cval, g.interpolation_order, g.dtype, g.data_format) == \
        ([1.0, 1.0], "nearest", 0.0, 1, "float32", "channels_last")
    assert (g.channel_axis, g.row_axis, g.col_axis) == (3, 1, 2)
    assert I.ImageDataGenerator(zoom_range=0.25).zoom_range == [0.75, 1.25]


# -- flow_from_directory -----------------------------------------------------------------------

@pytest.mark.covers(DIT, "tf.keras.preprocessing.image.ImageDataGenerator.flow_from_directory")
@pytest.mark.parametrize("case", G["directory"]["listing"], ids=[c["id"] for c in G["directory"]["listing"]])
def test_directory_listing_matches_keras(tree, capsys, case):
    it = I.ImageDataGenerator(**case["gen"]).flow_from_directory(tree, shuffle=False, **case["flow"])
    assert capsys.readouterr().out == case["printed"]
    assert list(it.class_indices.items()) == list(case["class_indices"].items())
    assert it.filenames == case["filenames"]
    same(it.classes, case["classes"])
    assert (it.samples, it.num_classes, len(it), list(it.image_shape)) == \
        (case["samples"], case["num_classes"], case["len"], case["image_shape"])
    assert it.filepaths == [os.path.join(tree, f) for f in case["filenames"]]
    assert it.labels is it.classes and it.sample_weight is None


@pytest.mark.covers(DIT, "tf.keras.preprocessing.image.ImageDataGenerator.flow_from_directory")
@pytest.mark.parametrize("case", G["directory"]["batches"], ids=[c["id"] for c in G["directory"]["batches"]])
def test_directory_batches_match_keras(tree, capsys, case):
    pil()
    fkw = {k: tuple(v) if k == "target_size" else v for k, v in case["flow"].items()}
    it = I.ImageDataGenerator(**case["gen"]).flow_from_directory(tree, **fkw)
    for i, want in enumerate(case["batches"]):
        got = flat(it[i])
        assert len(got) == len(want)
        for a, rec in zip(got, want):
            same(a, rec)


# -- smart_resize, channel shift, brightness -----------------------------------------------------

@pytest.mark.covers("tf.keras.preprocessing.image.smart_resize")
@pytest.mark.parametrize("case", G["smart_resize"], ids=[c["id"] for c in G["smart_resize"]])
def test_smart_resize_matches_keras(case):
    x = A(case["input"])
    y = I.smart_resize(x, tuple(case["size"]), **case["kwargs"])
    want = A(case["output"])
    assert type(y).__name__ == case["type"] == "ndarray"
    assert y.dtype == want.dtype and y.shape == want.shape
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-4)
    t = I.smart_resize(tf.constant(x), tuple(case["size"]), **case["kwargs"])
    assert isinstance(t, tf.Tensor)
    np.testing.assert_allclose(t.numpy(), want, rtol=1e-5, atol=1e-4)


@pytest.mark.covers("tf.keras.preprocessing.image.apply_channel_shift")
def test_apply_channel_shift_matches_keras():
    x = A(G["simple"]["channel_shift"]["input"])
    got = [I.apply_channel_shift(x.copy(), 40.0, 0), I.apply_channel_shift(x.copy(), -70.0, 2)]
    for g, rec in zip(got, G["simple"]["channel_shift"]["cases"]):
        same(g, rec["output"])


@pytest.mark.covers("tf.keras.preprocessing.image.apply_brightness_shift")
@pytest.mark.parametrize("case", G["simple"]["brightness"], ids=[c["id"] for c in G["simple"]["brightness"]])
def test_apply_brightness_shift_matches_keras(case):
    pil()
    same(I.apply_brightness_shift(A(case["input"]).copy(), case["brightness"], case["scale"]), case["output"])


def test_brightness_without_pillow_raises_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match="requires PIL"):
        I.apply_brightness_shift(np.ones((2, 2, 3)), 0.5)


# -- errors --------------------------------------------------------------------------------------

ERRORS = {
    "bad_data_format": lambda g, x4: I.ImageDataGenerator(data_format="channels_middle"),
    "bad_validation_split": lambda g, x4: I.ImageDataGenerator(validation_split=1.5),
    "bad_zoom": lambda g, x4: I.ImageDataGenerator(zoom_range=(0.5, 1.0, 2.0)),
    "bad_brightness": lambda g, x4: I.ImageDataGenerator(brightness_range=0.5),
    "flow_rank3": lambda g, x4: g.flow(np.zeros((4, 5, 5)), np.zeros(4)),
    "flow_len_mismatch": lambda g, x4: g.flow(x4, np.zeros(3)),
    "flow_weight_mismatch": lambda g, x4: g.flow(x4, np.zeros(4), sample_weight=np.ones(5)),
    "flow_bad_subset": lambda g, x4: g.flow(x4, np.zeros(4), subset="test"),
    "flow_class_split": lambda g, x4: I.ImageDataGenerator(validation_split=0.5).flow(
        x4, np.array([0, 0, 1, 1]), subset="training"),
    "getitem_past_end": lambda g, x4: g.flow(x4, np.zeros(4), batch_size=2)[2],
    "fit_rank3": lambda g, x4: g.fit(np.zeros((4, 5, 5))),
    "affine_same_axes": lambda g, x4: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, row_axis=1, col_axis=1),
    "affine_bad_axes": lambda g, x4: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, row_axis=1, col_axis=2,
                                                              channel_axis=3),
    "affine_rank2": lambda g, x4: I.apply_affine_transform(np.zeros((4, 4)), theta=3, row_axis=0, col_axis=1,
                                                           channel_axis=2),
    "affine_channel_middle": lambda g, x4: I.apply_affine_transform(np.zeros((4, 3, 4)), theta=3, row_axis=0,
                                                                    col_axis=2, channel_axis=1),
    "affine_bad_mode": lambda g, x4: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, fill_mode="bogus"),
    "random_zoom_bad": lambda g, x4: I.random_zoom(np.zeros((3, 4, 4)), (0.5,)),
    "random_brightness_bad": lambda g, x4: I.random_brightness(np.zeros((4, 4, 3)), (0.5,)),
    "smart_resize_rank2": lambda g, x4: I.smart_resize(np.zeros((4, 4)), (2, 2)),
    "smart_resize_size": lambda g, x4: I.smart_resize(np.zeros((4, 4, 3)), (2,)),
    "smart_resize_kwarg": lambda g, x4: I.smart_resize(np.zeros((4, 4, 3)), (2, 2), foo=1),
}


@pytest.mark.covers(IDG, NAI, "tf.keras.preprocessing.image.apply_affine_transform",
                    "tf.keras.preprocessing.image.smart_resize")
@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_match_keras(name):
    cls, msg = G["errors"][name]
    with pytest.raises(Exception) as e:
        quiet(ERRORS[name], I.ImageDataGenerator(), np.zeros((4, 5, 5, 3), np.float32))
    assert type(e.value).__name__ == cls
    assert str(e.value) == msg


@pytest.mark.covers(DIT)
def test_directory_errors_match_keras(tree):
    g = I.ImageDataGenerator()
    for name, fn in [("dir_bad_color_mode", lambda: g.flow_from_directory(tree, color_mode="cmyk")),
                     ("dir_bad_subset", lambda: I.ImageDataGenerator(validation_split=0.2).flow_from_directory(
                         tree, subset="test"))]:
        cls, msg = G["errors"][name]
        with pytest.raises(Exception) as e:
            fn()
        assert (type(e.value).__name__, str(e.value)) == (cls, msg)
    cls, msg = G["errors"]["dir_bad_class_mode"]
    with pytest.raises(ValueError) as e:
        g.flow_from_directory(tree, class_mode="multi")
    # the message prints a set of modes, whose order follows string hashing
    head = "Invalid class_mode: multi; expected one of: "
    assert str(e.value).startswith(head) and msg.startswith(head)
    assert set(str(e.value)[len(head) + 1:-1].split(", ")) == set(msg[len(head) + 1:-1].split(", "))


# -- training with the iterators -----------------------------------------------------------------

def _small_model(shape, classes):
    L = tf.keras.layers
    m = tf.keras.Sequential([tf.keras.Input(shape), L.Conv2D(4, 3, activation="relu"), L.Flatten(),
                             L.Dense(classes, activation="softmax")])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


@pytest.mark.covers(IDG, NAI, "tf.keras.preprocessing.image.ImageDataGenerator.flow")
def test_model_fit_on_flow_with_validation_generator():
    rng = np.random.RandomState(0)
    x = rng.rand(24, 8, 8, 3).astype("float32") * 255
    y = rng.randint(0, 3, 24)
    datagen = I.ImageDataGenerator(rescale=1 / 255.0, rotation_range=15, horizontal_flip=True,
                                   validation_split=0.25)
    train = datagen.flow(x, y, batch_size=6, seed=1, subset="training", ignore_class_split=True)
    val = datagen.flow(x, y, batch_size=6, seed=1, subset="validation", ignore_class_split=True)
    model = _small_model((8, 8, 3), 3)
    hist = model.fit(train, epochs=2, validation_data=val, verbose=0)
    assert set(hist.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(hist.history["loss"]) == 2 and all(np.isfinite(hist.history["val_loss"]))
    # steps_per_epoch shorter than the iterator, and evaluate/predict on iterators
    hist = model.fit(datagen.flow(x, y, batch_size=4), steps_per_epoch=3, epochs=2, verbose=0)
    assert len(hist.history["loss"]) == 2
    assert len(model.evaluate(val, verbose=0)) == 2
    assert model.predict(datagen.flow(x, batch_size=5, shuffle=False), verbose=0).shape == (24, 3)


@pytest.mark.covers(DIT, "tf.keras.preprocessing.image.ImageDataGenerator.flow_from_directory")
def test_model_fit_on_flow_from_directory(tree, capsys):
    pil()
    datagen = I.ImageDataGenerator(rescale=1 / 255.0, zoom_range=0.1, validation_split=0.34)
    train = datagen.flow_from_directory(tree, target_size=(6, 6), batch_size=4, class_mode="sparse",
                                        subset="training", seed=2)
    val = datagen.flow_from_directory(tree, target_size=(6, 6), batch_size=4, class_mode="sparse",
                                      subset="validation", seed=2)
    out = capsys.readouterr().out
    assert out == "Found 8 images belonging to 4 classes.\nFound 3 images belonging to 4 classes.\n"
    model = _small_model((6, 6, 3), train.num_classes)
    hist = model.fit(train, steps_per_epoch=train.samples // 4, epochs=2, validation_data=val,
                     validation_steps=1, verbose=0)
    assert len(hist.history["val_loss"]) == 2


@pytest.mark.covers("tf.keras.preprocessing.image.ImageDataGenerator")
def test_unchanged_tf_script_runs(tmp_path):
    script = tmp_path / "aug.py"
    script.write_text(textwrap.dedent("""\
        import numpy as np
        from tensorflow.keras.preprocessing.image import ImageDataGenerator, smart_resize
        import keras
        gen = ImageDataGenerator(rotation_range=10, width_shift_range=0.1)
        x = np.zeros((4, 6, 6, 3), 'float32'); y = np.arange(4)
        bx, by = next(gen.flow(x, y, batch_size=2, seed=0))
        print(bx.shape, by.shape, smart_resize(x[0], (3, 3)).shape,
              keras.preprocessing.image.ImageDataGenerator is ImageDataGenerator)
    """))
    r = subprocess.run([sys.executable, "-m", "tfkeras_shim", str(script)], capture_output=True, text=True,
                       timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "(2, 6, 6, 3) (2,) (3, 3, 3) True"


# -- flow_from_dataframe (pandas is optional, as in Keras) -------------------------------------

DF_ROWS = [("cats/c1.png", "cat", ["cat", "small"], 1.0, 0.5), ("dogs/d1.png", "dog", ["dog"], 2.0, 1.5),
           ("cats/c2.PNG", "cat", ["cat", "big"], 0.5, 2.5), ("missing.png", "dog", ["dog"], 1.0, 3.5),
           ("cats/notes.txt", "cat", ["cat"], 1.0, 4.5), ("owls/o1.png", "owl", ["owl", "big"], 3.0, 5.5),
           ("dogs/sub/d2.png", "dog", ["dog", "small"], 1.5, 6.5), ("owls/o3.png", "owl", ["owl"], 0.25, 7.5)]


@pytest.mark.covers("tf.keras.preprocessing.image.ImageDataGenerator.flow_from_dataframe")
@pytest.mark.parametrize("case", G["dataframe"] or [], ids=[c["id"] for c in G["dataframe"] or []])
def test_flow_from_dataframe_matches_keras(tree, capsys, case):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"filename": [r[0] for r in DF_ROWS], "label": [r[1] for r in DF_ROWS],
                       "tags": [r[2] for r in DF_ROWS], "w": [r[3] for r in DF_ROWS], "value": [r[4] for r in DF_ROWS]})
    fkw = {k: tuple(v) if k == "target_size" else v for k, v in case["flow"].items()}
    with warnings.catch_warnings(record=True) as wrn:
        warnings.simplefilter("always")
        it = I.ImageDataGenerator(**case["gen"]).flow_from_dataframe(df, directory=tree, **fkw)
    assert [str(w.message) for w in wrn] == case["warnings"]
    assert capsys.readouterr().out == case["printed"]
    assert (it.filenames, it.samples, len(it)) == (case["filenames"], case["samples"], case["len"])
    if "class_indices" in case:
        assert list(it.class_indices.items()) == list(case["class_indices"].items())
        assert [list(c) if isinstance(c, (list, tuple)) else int(c) for c in it.classes] == case["classes"]
    if "batches" in case:
        pil()
        for i, want in enumerate(case["batches"]):
            got = flat(it[i])
            assert len(got) == len(want)
            for a, rec in zip(got, want):
                same(a, rec)


# -- the numpy resampler against scipy itself, where scipy is installed ---------------------------

def test_ndimage_stand_in_equals_scipy_bit_for_bit():
    ndimage = pytest.importorskip("scipy.ndimage")
    rng = np.random.RandomState(0)
    for it in range(150):
        h, w = rng.randint(1, 10, 2)
        dt = [np.float32, np.float64, np.uint8, np.int16][it % 4]
        x = (rng.randn(2, h, w) * 60).clip(0 if dt is np.uint8 else -300, 255).astype(dt)
        m = rng.randn(2, 2) * 1.5 if it % 3 else np.eye(2)
        off = rng.uniform(-3 * max(h, w), 3 * max(h, w), 2)
        for mode in _ndimage.MODES:
            for order in (0, 1):
                want = np.stack([ndimage.affine_transform(c, m, off, order=order, mode=mode, cval=-1.5) for c in x])
                got = _ndimage.affine_transform_channels(x, m, off, order=order, mode=mode, cval=-1.5)
                assert got.dtype == want.dtype
                np.testing.assert_array_equal(got, want, err_msg=f"{mode} order={order} {dt}")
