"""keras.utils.load_img / img_to_array / array_to_img / save_img (keras/utils/image_utils.py).

Expected modes, shapes, dtypes, errors and pixel sums were read from Keras 3.15 (TF 2.21) with
the same Pillow on the same files."""
import io
import pathlib
import sys
import warnings

import numpy as np
import pytest

import tfkeras_shim as tf

Image = pytest.importorskip("PIL.Image")
U = tf.keras.utils


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("imgs")
    rng = np.random.RandomState(0)
    rgb = rng.randint(0, 256, (7, 10, 3)).astype("uint8")
    Image.fromarray(rgb, "RGB").save(d / "rgb.png")
    Image.fromarray(rgb[:, :, 0], "L").save(d / "gray.png")
    Image.fromarray(np.dstack([rgb, rgb[:, :, :1]]), "RGBA").save(d / "rgba.png")
    Image.fromarray(rng.randint(0, 65535, (5, 6)).astype("uint16")).save(d / "g16.png")
    Image.fromarray(rgb, "RGB").convert("P").save(d / "pal.png")
    return d, rgb


@pytest.mark.covers("tf.keras.utils.load_img", "tf.keras.utils.img_to_array")
@pytest.mark.parametrize("name,mode,want_mode,shape,total", [
    ("rgb.png", "rgb", "RGB", (7, 10, 3), 24773),
    ("rgb.png", "grayscale", "L", (7, 10, 1), 8213),
    ("rgb.png", "rgba", "RGBA", (7, 10, 4), 42623),
    ("gray.png", "rgb", "RGB", (7, 10, 3), 23397),
    ("gray.png", "grayscale", "L", (7, 10, 1), 7799),
    ("rgba.png", "rgb", "RGB", (7, 10, 3), 24773),
    ("rgba.png", "rgba", "RGBA", (7, 10, 4), 32572),
    ("g16.png", "grayscale", "I;16", (5, 6, 1), 914196),  # 16-bit grayscale is kept
    ("pal.png", "rgb", "RGB", (7, 10, 3), 24735),
])
def test_load_img_color_modes(files, name, mode, want_mode, shape, total):
    d, _ = files
    img = U.load_img(str(d / name), color_mode=mode)
    assert isinstance(img, Image.Image) and img.mode == want_mode
    assert img.size == (shape[1], shape[0])  # PIL: (width, height)
    a = U.img_to_array(img)
    assert a.dtype == np.float32 and a.shape == shape and a.sum() == total


@pytest.mark.covers("tf.keras.utils.load_img")
@pytest.mark.parametrize("interpolation,total", [
    ("nearest", 6110), ("bilinear", 7129), ("bicubic", 7133), ("hamming", 7037), ("box", 7112),
    ("lanczos", 7133)])
def test_load_img_target_size(files, interpolation, total):
    d, _ = files
    img = U.load_img(d / "rgb.png", target_size=(4, 5), interpolation=interpolation)
    assert img.size == (5, 4) and np.asarray(img).astype(np.int64).sum() == total


@pytest.mark.covers("tf.keras.utils.load_img")
def test_load_img_keep_aspect_ratio_paths_and_errors(files):
    d, rgb = files
    img = U.load_img(d / "rgb.png", target_size=(5, 5), keep_aspect_ratio=True)
    assert img.size == (5, 5) and np.asarray(img).astype(np.int64).sum() == 8200
    img = U.load_img(d / "rgb.png", target_size=(3, 9), keep_aspect_ratio=True, interpolation="bilinear")
    assert img.size == (9, 3) and np.asarray(img).astype(np.int64).sum() == 9867
    # no resize needed: the interpolation is not even checked
    assert U.load_img(d / "rgb.png", target_size=[7, 10], interpolation="bogus").size == (10, 7)
    for src in (str(d / "rgb.png").encode(), io.BytesIO((d / "rgb.png").read_bytes())):
        np.testing.assert_array_equal(np.asarray(U.load_img(src)), rgb)
    with pytest.raises(ValueError, match="Invalid interpolation method area"):
        U.load_img(d / "rgb.png", target_size=(4, 5), interpolation="area")
    with pytest.raises(ValueError, match='color_mode must be "grayscale", "rgb", or "rgba"'):
        U.load_img(d / "rgb.png", color_mode="RGB")
    with pytest.raises(TypeError, match="path should be path-like or io.BytesIO"):
        U.load_img(3)
    with open(d / "rgb.png", "rb") as f, pytest.raises(TypeError):
        U.load_img(f)
    with pytest.raises(FileNotFoundError):
        U.load_img(d / "missing.png")


@pytest.mark.covers("tf.keras.utils.img_to_array")
def test_img_to_array_layouts_and_dtypes(files):
    d, rgb = files
    img = U.load_img(d / "rgb.png")
    assert U.img_to_array(img, data_format="channels_first").shape == (3, 7, 10)
    assert U.img_to_array(img, data_format="CHANNELS_FIRST").shape == (3, 7, 10)
    assert U.img_to_array(img, dtype="float64").dtype == np.float64
    assert U.img_to_array(img, dtype="uint8").dtype == np.uint8
    gray = U.load_img(d / "gray.png", color_mode="grayscale")
    assert U.img_to_array(gray, data_format="channels_first").shape == (1, 7, 10)
    np.testing.assert_array_equal(U.img_to_array(tf.constant(rgb)), rgb.astype("float32"))
    with pytest.raises(ValueError, match=r"Unsupported image shape: \(3,\)"):
        U.img_to_array(np.zeros(3))
    with pytest.raises(ValueError, match="data_format=nhwc"):
        U.img_to_array(img, data_format="NHWC")
    tf.keras.backend.set_image_data_format("channels_first")
    try:
        assert U.img_to_array(img).shape == (3, 7, 10)
    finally:
        tf.keras.backend.set_image_data_format("channels_last")


@pytest.mark.covers("tf.keras.utils.array_to_img")
def test_array_to_img_scaling_and_modes():
    x = np.array([[[-1.0, 0.0, 1.0]], [[3.0, 2.0, 0.5]]], dtype="float32")  # 2x1x3
    img = U.array_to_img(x)
    assert img.mode == "RGB" and img.size == (1, 2)
    np.testing.assert_array_equal(np.asarray(img), ((x + 1) / 4 * 255).astype("uint8"))
    np.testing.assert_array_equal(np.asarray(U.array_to_img(x * 100, scale=False)),
                                  (x * 100).astype("uint8"))
    assert U.array_to_img(np.random.rand(6, 4, 4)).mode == "RGBA"
    assert U.array_to_img(np.random.rand(6, 4, 1)).mode == "L"
    big = U.array_to_img(np.full((2, 2, 1), 1000.0), scale=False)
    assert big.mode == "I" and np.asarray(big).max() == 1000
    cf = U.array_to_img(np.moveaxis(x, 2, 0), data_format="channels_first")
    np.testing.assert_array_equal(np.asarray(cf), np.asarray(img))
    assert np.asarray(U.array_to_img(np.full((2, 2, 3), 7.0))).sum() == 0  # constant -> 0
    np.testing.assert_array_equal(np.asarray(U.array_to_img(tf.constant(x))), np.asarray(img))
    with pytest.raises(ValueError, match="Expected image array to have rank 3"):
        U.array_to_img(np.zeros((6, 4)))
    with pytest.raises(ValueError, match="Unsupported channel number: 5"):
        U.array_to_img(np.zeros((6, 4, 5)))


@pytest.mark.covers("tf.keras.utils.save_img", "tf.keras.utils.load_img")
def test_save_img_roundtrip_formats(tmp_path):
    x = np.random.RandomState(1).rand(5, 4, 3)
    U.save_img(tmp_path / "a.png", x)
    np.testing.assert_array_equal(np.asarray(U.load_img(tmp_path / "a.png")), np.asarray(U.array_to_img(x)))
    U.save_img(str(tmp_path / "cf.png"), np.moveaxis(x, 2, 0), data_format="channels_first")
    np.testing.assert_array_equal(np.asarray(U.load_img(tmp_path / "cf.png")), np.asarray(U.array_to_img(x)))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        U.save_img(str(tmp_path / "b.jpg"), np.random.rand(5, 4, 4), quality=50)
    assert [str(m.message) for m in w] == ["The JPEG format does not support RGBA images, converting to RGB."]
    assert Image.open(tmp_path / "b.jpg").format == "JPEG"
    buf = io.BytesIO()
    U.save_img(buf, x, file_format="png")
    np.testing.assert_array_equal(np.asarray(U.load_img(io.BytesIO(buf.getvalue()))),
                                  np.asarray(U.array_to_img(x)))
    U.save_img(pathlib.Path(tmp_path) / "c.PNG", x)
    assert Image.open(tmp_path / "c.PNG").format == "PNG"


@pytest.mark.covers("tf.keras.utils.load_img", "tf.keras.utils.array_to_img")
def test_without_pillow(monkeypatch, files):
    d, rgb = files
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match="`load_img` requires PIL"):
        U.load_img(d / "rgb.png")
    with pytest.raises(ImportError, match="`array_to_img` requires PIL"):
        U.array_to_img(rgb)
    assert U.img_to_array(rgb).shape == (7, 10, 3)  # arrays need no Pillow


@pytest.mark.covers("tf.keras.utils.load_img")
def test_tutorial_predict_pattern(files):
    d, _ = files
    img = tf.keras.utils.load_img(d / "rgb.png", target_size=(8, 8))
    arr = tf.keras.utils.img_to_array(img)
    batch = tf.expand_dims(arr, 0)
    model = tf.keras.Sequential([tf.keras.Input((8, 8, 3)), tf.keras.layers.Rescaling(1 / 255.),
                                 tf.keras.layers.Flatten(), tf.keras.layers.Dense(2)])
    assert model.predict(batch, verbose=0).shape == (1, 2)
