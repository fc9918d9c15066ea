"""Image preprocessing / augmentation layers against tf.keras 2.21
(tests/golden/keras_layers/image_preprocessing.json, recorded by tools/gen_image_layers_golden.py).

Deterministic calls (Resizing in every mode, CenterCrop, the random layers at inference) and the
random layers' `transform_images` on fixed transformations are compared value by value; the
random draws themselves differ from TF's (torch RNG), so training-mode calls are checked for
shapes, dtypes, ranges, seed reproducibility and their use in models and tf.data pipelines.
"""
import re

import numpy as np
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.keras import layers
from tfkeras_shim.keras.layers import image_preprocessing as ip
from tests.keras import layer_golden as G

GOLD = G.load("image_preprocessing")
ALL = ("tf.keras.layers.Resizing", "tf.keras.layers.CenterCrop", "tf.keras.layers.RandomFlip",
       "tf.keras.layers.RandomRotation", "tf.keras.layers.RandomZoom", "tf.keras.layers.RandomTranslation",
       "tf.keras.layers.RandomContrast", "tf.keras.layers.RandomBrightness", "tf.keras.layers.RandomCrop")
RANDOM = [("RandomFlip", {}), ("RandomRotation", {"factor": 0.2}), ("RandomZoom", {"height_factor": 0.2}),
          ("RandomTranslation", {"height_factor": 0.2, "width_factor": 0.2}),
          ("RandomContrast", {"factor": 0.5}), ("RandomBrightness", {"factor": 0.2}),
          ("RandomCrop", {"height": 3, "width": 4})]


def _strip(msg):
    """The core message of a tf.keras error (without Keras's call-context wrapping)."""
    m = re.search(r"\x1b\[1m(.*?)\x1b\[0m", msg, re.S)
    return (m.group(1) if m else msg).replace(" name: ", "").strip()


def _np(rec):
    return G.np_of(rec)


def _tree(rec):
    if isinstance(rec, dict) and set(rec) == {"dtype", "shape", "value"}:
        return _np(rec)
    if isinstance(rec, dict):
        return {k: _tree(v) for k, v in rec.items()}
    if isinstance(rec, list):
        return tuple(_tree(v) for v in rec)
    return rec


# ---------------------------------------------------------------------------------------------
# golden: deterministic calls

@pytest.mark.covers(*ALL)
@pytest.mark.parametrize("cid,case", G.case_params("image_preprocessing"))
def test_image_layers_match_tf_keras(cid, case):
    G.check(case, rtol=2e-5, atol=2e-4)


@pytest.mark.covers("tf.keras.layers.Resizing")
def test_resizing_integer_outputs_are_exact():
    for cid in ("resize_u8_bilinear", "resize_u8_nearest", "resize_u8_bicubic_saturate",
                "resize_u8_lanczos5_saturate", "resize_i32_area", "resize_pad_aspect_u8"):
        case = GOLD["cases"][cid]
        _, ys, _, _ = G.run(case)
        np.testing.assert_array_equal(ys[0].numpy(), _np(case["outputs"][0]), err_msg=cid)


# ---------------------------------------------------------------------------------------------
# golden: fixed transformations

def _layer(rec):
    kw = {k: tuple(v) if isinstance(v, list) else v for k, v in rec["kwargs"].items()}
    return getattr(layers, rec["cls"])(**kw)


@pytest.mark.covers("tf.keras.layers.RandomRotation", "tf.keras.layers.RandomZoom",
                    "tf.keras.layers.RandomTranslation", "tf.keras.layers.RandomFlip",
                    "tf.keras.layers.RandomContrast", "tf.keras.layers.RandomBrightness",
                    "tf.keras.layers.RandomCrop")
@pytest.mark.parametrize("tid", sorted(GOLD["transforms"]))
def test_transform_images_match_tf_keras(tid):
    rec = GOLD["transforms"][tid]
    layer = _layer(rec)
    x = tf.constant(_np(rec["input"]))
    tr = _tree(rec["transformation"])
    y = layer.transform_images(x, tr, training=True)
    want = _np(rec["output"])
    assert isinstance(y, tf.Tensor) and y.dtype.name == rec["output_dtype"]
    assert tuple(y.shape) == want.shape
    if want.dtype.kind in "iu":
        np.testing.assert_array_equal(np.asarray(y), want)
    else:
        np.testing.assert_allclose(np.asarray(y), want, rtol=1e-5, atol=1e-4)


@pytest.mark.covers("tf.keras.layers.RandomRotation")
def test_rotation_matrix_from_angles_matches_keras():
    for tid, rec in GOLD["transforms"].items():
        if not tid.startswith("rotation"):
            continue
        tr = _tree(rec["transformation"])
        x = _np(rec["input"])
        cf = rec["kwargs"].get("data_format") == "channels_first"
        h, w = (x.shape[2], x.shape[3]) if cf else (x.shape[1], x.shape[2])
        a = torch.as_tensor(tr["angle"])
        b = a.shape[0]
        z = torch.zeros(b)
        m = ip._affine_matrix(0.5, 0.5, a, z, z, torch.ones(b), z, z, h, w)
        np.testing.assert_allclose(m.numpy(), tr["rotation_matrix"], rtol=1e-5, atol=1e-5, err_msg=tid)


# ---------------------------------------------------------------------------------------------
# golden: errors and configs

@pytest.mark.covers(*ALL, "tf.keras.layers.GroupNormalization", "tf.keras.layers.GaussianNoise",
                    "tf.keras.layers.GaussianDropout", "tf.keras.layers.AlphaDropout",
                    "tf.keras.layers.SpatialDropout2D", "tf.keras.layers.UnitNormalization")
@pytest.mark.parametrize("eid", sorted(GOLD["errors"]))
def test_errors_match_tf_keras(eid):
    want = GOLD["errors"][eid]
    L = layers
    x2 = np.zeros((3, 4), np.float32)
    x4 = np.zeros((1, 4, 4, 3), np.float32)
    u8 = np.zeros((1, 4, 4, 3), np.uint8)
    calls = {
        "rotation_factor_big": lambda: L.RandomRotation(1.5),
        "rotation_factor_list3": lambda: L.RandomRotation([0.1, 0.2, 0.3]),
        "rotation_fill_mode": lambda: L.RandomRotation(0.1, fill_mode="mirror"),
        "rotation_interpolation": lambda: L.RandomRotation(0.1, interpolation="bicubic"),
        "zoom_factor_minus1": lambda: L.RandomZoom(-1.0),
        "zoom_factor_list3": lambda: L.RandomZoom((0.1, 0.2, 0.3)),
        "zoom_width_factor": lambda: L.RandomZoom(0.1, width_factor=1.5),
        "zoom_fill_mode": lambda: L.RandomZoom(0.1, fill_mode="bad"),
        "translation_factor": lambda: L.RandomTranslation(1.1, 0.1),
        "translation_factor_str": lambda: L.RandomTranslation("a", 0.1),
        "contrast_factor_big": lambda: L.RandomContrast(1.5),
        "contrast_factor_neg": lambda: L.RandomContrast(-0.1),
        "brightness_value_range": lambda: L.RandomBrightness(0.2, value_range=5),
        "brightness_value_range3": lambda: L.RandomBrightness(0.2, value_range=(0, 1, 2)),
        "brightness_factor": lambda: L.RandomBrightness(1.5),
        "flip_rank2": lambda: L.RandomFlip()(x2),
        "contrast_rank2": lambda: L.RandomContrast(0.2)(x2),
        "resize_bad_interpolation": lambda: L.Resizing(2, 2, interpolation="cubic")(x4),
        "resize_crop_and_pad": lambda: L.Resizing(2, 2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)(x4),
        "resize_fill_mode": lambda: L.Resizing(2, 2, pad_to_aspect_ratio=True, fill_mode="reflect")(x4),
        "resize_pad_u8_float_fill":
            lambda: L.Resizing(6, 4, pad_to_aspect_ratio=True)(np.zeros((1, 5, 5, 3), np.uint8)),
        "contrast_u8_training": lambda: L.RandomContrast(0.2)(u8, training=True),
        "group_norm_groups0": lambda: L.GroupNormalization(groups=0),
        "group_norm_not_multiple": lambda: L.GroupNormalization(groups=3)(x2),
        "group_norm_too_many": lambda: L.GroupNormalization(groups=8)(x2),
        "gaussian_noise_stddev": lambda: L.GaussianNoise(1.5),
        "gaussian_dropout_rate": lambda: L.GaussianDropout(-0.1),
        "alpha_dropout_rate": lambda: L.AlphaDropout(1.5),
        "spatial_dropout2d_rank": lambda: L.SpatialDropout2D(0.1)(np.zeros((2, 3, 4), np.float32)),
        "unit_norm_axis_str": lambda: L.UnitNormalization(axis="a"),
        "unit_norm_int": lambda: L.UnitNormalization()(np.array([[3, 4]], np.int32)),
        "gaussian_noise_int": lambda: L.GaussianNoise(0.1)(np.array([[1, 2]], np.int32), training=True),
        "gaussian_dropout_int": lambda: L.GaussianDropout(0.1)(np.array([[1, 2]], np.int32), training=True),
        "alpha_dropout_int": lambda: L.AlphaDropout(0.1)(np.array([[1, 2]], np.int32), training=True),
        "spatial_dropout1d_int": lambda: L.SpatialDropout1D(0.5)(np.array([[[1, 2]]], np.int32), training=True),
    }
    fn = calls[eid]
    if want is None:
        fn()
        return
    with pytest.raises(Exception) as info:
        fn()
    assert type(info.value).__name__ == want[0]
    got, exp = _strip(str(info.value)), _strip(want[1])
    if eid == "spatial_dropout2d_rank":  # the layer name differs (auto naming order)
        got, exp = re.sub(r"layer '\w+'", "", got), re.sub(r"layer '\w+'", "", exp)
    assert got == exp


@pytest.mark.covers(*ALL, "tf.keras.layers.GaussianNoise", "tf.keras.layers.GaussianDropout",
                    "tf.keras.layers.AlphaDropout", "tf.keras.layers.SpatialDropout1D",
                    "tf.keras.layers.SpatialDropout2D", "tf.keras.layers.SpatialDropout3D",
                    "tf.keras.layers.ActivityRegularization", "tf.keras.layers.PReLU",
                    "tf.keras.layers.UnitNormalization", "tf.keras.layers.GroupNormalization")
def test_configs_match_tf_keras():
    L = layers
    made = {
        "RandomFlip": L.RandomFlip("horizontal", seed=3),
        "RandomRotation": L.RandomRotation((0.3, -0.1), fill_mode="constant", fill_value=1.0),
        "RandomZoom": L.RandomZoom((-0.2, 0.3), width_factor=0.1, interpolation="nearest"),
        "RandomTranslation": L.RandomTranslation(0.1, (-0.2, 0.1), fill_mode="wrap"),
        "RandomContrast": L.RandomContrast(0.2),
        "RandomContrast_pair": L.RandomContrast((0.1, 0.3), value_range=(0, 1)),
        "RandomBrightness": L.RandomBrightness(0.2, value_range=(255, 0)),
        "RandomBrightness_pair": L.RandomBrightness((-0.1, 0.4)),
        "RandomCrop": L.RandomCrop(3, 4, seed=9),
        "Resizing": L.Resizing(3, 4, interpolation="area", antialias=1),
        "CenterCrop": L.CenterCrop(3, 4, data_format="channels_first"),
        "GaussianNoise": L.GaussianNoise(0.1, seed=2),
        "GaussianDropout": L.GaussianDropout(0.2),
        "AlphaDropout": L.AlphaDropout(0.2, noise_shape=(None, 1)),
        "SpatialDropout1D": L.SpatialDropout1D(0.2),
        "SpatialDropout2D": L.SpatialDropout2D(0.2, data_format="channels_first"),
        "SpatialDropout3D": L.SpatialDropout3D(0.2, seed=1),
        "ActivityRegularization": L.ActivityRegularization(l1=0.1),
        "PReLU": L.PReLU(shared_axes=[1, 2], alpha_regularizer="l2", alpha_constraint="non_neg"),
        "UnitNormalization": L.UnitNormalization(axis=(1, 2)),
        "GroupNormalization": L.GroupNormalization(groups=4, gamma_regularizer="l2"),
    }
    import json
    for k, layer in made.items():
        want = GOLD["configs"][k]
        cfg = layer.get_config()
        cfg.pop("name", None)
        cfg = json.loads(json.dumps(cfg, default=lambda o: list(o) if isinstance(o, tuple) else str(o)))
        assert cfg == want["config"], k
        assert bool(layer.built) == want["built"], k
        assert bool(layer.supports_masking) == want["supports_masking"], k
        assert (len(layer.variables), len(layer.weights)) == (want["n_variables"], want["n_weights"]), k
    # RandomCrop records a random seed in its config when none is given (Keras does too)
    assert isinstance(L.RandomCrop(2, 2).get_config()["seed"], int)
    assert L.RandomContrast(0.2).factor == (0, 0.2) and L.RandomRotation(0.2).factor == (-0.2, 0.2)


# ---------------------------------------------------------------------------------------------
# training-mode behaviour (properties; the random bits cannot equal TF's)

def _img(shape=(4, 8, 10, 3), seed=0, dtype="float32"):
    return np.random.default_rng(seed).uniform(0, 255, shape).astype(dtype)


@pytest.mark.covers(*ALL)
@pytest.mark.parametrize("cls,kw", RANDOM)
def test_random_layers_training_shapes_dtypes_and_inference_identity(cls, kw):
    x = _img()
    layer = getattr(layers, cls)(seed=3, **kw)
    out_hw = (3, 4) if cls == "RandomCrop" else (8, 10)
    for inp in (x, x[0]):
        y = layer(inp)                       # Keras 3: a direct call augments (training defaults to True)
        assert y.dtype == tf.float32
        assert tuple(y.shape) == inp.shape[:-3] + out_hw + (3,)
        y = layer(inp, training=True)
        assert tuple(y.shape) == inp.shape[:-3] + out_hw + (3,)
        z = layer(inp, training=False)
        np.testing.assert_array_equal(z.numpy(), inp)
    assert layer.compute_output_shape((None, 8, 10, 3)) == (None,) + out_hw + (3,)


@pytest.mark.covers(*ALL)
@pytest.mark.parametrize("cls,kw", RANDOM)
def test_random_layers_seed_reproducible(cls, kw):
    x = _img()
    a = getattr(layers, cls)(seed=11, **kw)
    b = getattr(layers, cls)(seed=11, **kw)
    ya = [a(x).numpy() for _ in range(3)]
    yb = [b(x).numpy() for _ in range(3)]
    for u, v in zip(ya, yb):
        np.testing.assert_array_equal(u, v)
    if cls != "RandomFlip":   # successive draws differ
        assert not all(np.array_equal(ya[0], v) for v in ya[1:])
    tf.keras.utils.set_random_seed(5)
    c1 = getattr(layers, cls)(**kw)(x).numpy()
    tf.keras.utils.set_random_seed(5)
    c2 = getattr(layers, cls)(**kw)(x).numpy()
    np.testing.assert_array_equal(c1, c2)


@pytest.mark.covers("tf.keras.layers.RandomFlip")
def test_random_flip_flips_whole_images():
    x = _img((64, 3, 4, 2))
    for mode, ops in [("horizontal", [lambda a: a[:, ::-1]]), ("vertical", [lambda a: a[::-1]]),
                      ("horizontal_and_vertical", [lambda a: a[::-1, ::-1]])]:
        y = layers.RandomFlip(mode, seed=1)(x).numpy()
        flipped = [np.array_equal(y[i], ops[0](x[i])) for i in range(64)]
        same = [np.array_equal(y[i], x[i]) for i in range(64)]
        assert all(f or s for f, s in zip(flipped, same))
        assert 10 < sum(flipped) < 54


@pytest.mark.covers("tf.keras.layers.RandomRotation", "tf.keras.layers.RandomZoom",
                    "tf.keras.layers.RandomTranslation")
def test_geometric_draw_ranges():
    x = np.zeros((256, 5, 6, 1), np.float32)
    r = layers.RandomRotation((-0.1, 0.25), seed=1)
    t = r.get_random_transformation(tf.constant(x))
    ang = t["angle"].numpy()
    assert ang.min() >= -36.0 and ang.max() <= 90.0 and ang.std() > 20
    assert t["rotation_matrix"].shape == (256, 8)
    z = layers.RandomZoom((-0.2, 0.3), width_factor=(0.1, 0.2), seed=1).get_random_transformation(tf.constant(x))
    assert z["height_zoom"].shape == (256, 1)
    assert 0.8 <= z["height_zoom"].numpy().min() and z["height_zoom"].numpy().max() <= 1.3
    assert 1.1 <= z["width_zoom"].numpy().min() and z["width_zoom"].numpy().max() <= 1.2
    z2 = layers.RandomZoom(0.2, seed=1).get_random_transformation(tf.constant(x))
    np.testing.assert_array_equal(z2["width_zoom"].numpy(), z2["height_zoom"].numpy())   # one factor
    tr = layers.RandomTranslation(0.2, (-0.5, 0.0), seed=1).get_random_transformation(tf.constant(x))["translations"]
    tr = tr.numpy()
    assert tr.shape == (256, 2)
    assert -3.0 <= tr[:, 0].min() and tr[:, 0].max() <= 0.0       # width: factor * 6 pixels
    assert -1.0 <= tr[:, 1].min() and tr[:, 1].max() <= 1.0       # height: factor * 5 pixels
    assert layers.RandomFlip().get_random_transformation(tf.constant(x), training=False) is None


@pytest.mark.covers("tf.keras.layers.RandomContrast", "tf.keras.layers.RandomBrightness")
def test_color_layers_ranges_and_value_range():
    x = _img((64, 4, 5, 3))
    y = layers.RandomContrast(0.5, seed=2)(x, training=True).numpy()
    assert y.min() >= 0 and y.max() <= 255
    f = layers.RandomContrast((0.2, 0.4), seed=2).get_random_transformation(tf.constant(x))["contrast_factor"].numpy()
    assert f.shape == (64, 1, 1, 1) and f.min() >= 0.8 and f.max() <= 1.4
    # per image the output is an affine map of the input about its per-channel mean
    m = x.mean(axis=(1, 2), keepdims=True)
    xi = layers.RandomContrast((0.0, 0.0), seed=2)(x).numpy()
    np.testing.assert_allclose(xi, np.clip(x, 0, 255), rtol=1e-5, atol=1e-3)
    assert np.all(np.isfinite(m))
    u = np.random.default_rng(1).uniform(0, 1, (32, 4, 4, 3)).astype("float32")
    b = layers.RandomBrightness(0.5, value_range=(0, 1), seed=1)(u).numpy()
    assert b.min() >= 0 and b.max() <= 1
    d = (b - u)[(b > 0) & (b < 1)]
    assert np.abs(d).max() <= 0.5 + 1e-6
    delta = layers.RandomBrightness((-0.2, 0.1), seed=1).get_random_transformation(tf.constant(x))["rgb_delta"]
    assert delta.shape == (64, 1, 1, 1)
    assert -0.2 * 255 <= delta.numpy().min() and delta.numpy().max() <= 0.1 * 255
    # integer images keep their dtype (outside graphs)
    assert layers.RandomBrightness(0.2)(x.astype("uint8")).dtype == tf.uint8


@pytest.mark.covers("tf.keras.layers.RandomCrop")
def test_random_crop_windows_are_slices_of_the_input():
    x = _img((2, 8, 10, 3))
    layer = layers.RandomCrop(3, 4, seed=4)
    seen = set()
    for _ in range(20):
        y = layer(x).numpy()
        hits = [(i, j) for i in range(6) for j in range(7) if np.array_equal(y, x[:, i:i + 3, j:j + 4])]
        assert len(hits) == 1
        seen.add(hits[0])
    assert len(seen) > 5
    y = layers.RandomCrop(3, 4, data_format="channels_first", seed=1)(np.transpose(x, (0, 3, 1, 2)))
    assert tuple(y.shape) == (2, 3, 3, 4)


@pytest.mark.covers("tf.keras.layers.RandomRotation", "tf.keras.layers.RandomZoom")
def test_fill_modes_and_interpolation_effects():
    x = np.ones((1, 6, 6, 1), np.float32)
    r = layers.RandomRotation((0.125, 0.125), fill_mode="constant", fill_value=-1.0, interpolation="nearest")
    y = r(x).numpy()   # a 45 degree turn: corners fall outside the image
    assert set(np.unique(y)) == {-1.0, 1.0} and y[0, 0, 0, 0] == -1.0 and y[0, 3, 3, 0] == 1.0
    y = layers.RandomRotation((0.125, 0.125), fill_mode="reflect")(x).numpy()
    np.testing.assert_allclose(y, 1.0, rtol=1e-6)   # reflection of a constant image stays constant
    z = layers.RandomZoom((1.0, 1.0), fill_mode="constant")(x).numpy()   # zoom out x2
    assert z[0, 0, 0, 0] == 0.0 and z[0, 3, 3, 0] == 1.0
    zi = layers.RandomZoom((-0.5, -0.5), interpolation="nearest")(_img((1, 6, 6, 1))).numpy()
    assert set(np.unique(zi)) <= set(np.unique(_img((1, 6, 6, 1))))   # nearest: only input values


@pytest.mark.covers("tf.keras.layers.RandomFlip", "tf.keras.layers.RandomRotation")
def test_dict_inputs_images_labels_and_masks():
    x = _img((2, 6, 6, 3))
    m = np.random.default_rng(0).integers(0, 3, (2, 6, 6, 1)).astype("float32")
    out = layers.RandomFlip(seed=1)({"images": x, "labels": np.array([0, 1]), "segmentation_masks": m})
    assert set(out) == {"images", "labels", "segmentation_masks"}
    for i in range(2):
        flipped = np.array_equal(out["images"][i].numpy(), x[i, ::-1, ::-1])
        assert flipped == np.array_equal(out["segmentation_masks"][i].numpy(), m[i, ::-1, ::-1])
    out = layers.RandomRotation(0.2, seed=1)({"images": x, "segmentation_masks": m})
    assert set(np.unique(out["segmentation_masks"].numpy())) <= {0.0, 1.0, 2.0}   # nearest for masks
    with pytest.raises(ValueError, match="bounding box format"):
        layers.RandomFlip()({"images": x, "bounding_boxes": {"boxes": np.zeros((2, 1, 4))}})


# ---------------------------------------------------------------------------------------------
# in models and tf.data pipelines

def _augment():
    return tf.keras.Sequential([layers.RandomFlip("horizontal", seed=1), layers.RandomRotation(0.1, seed=2),
                                layers.RandomZoom(0.1, seed=3)])


@pytest.mark.covers("tf.keras.layers.RandomFlip", "tf.keras.layers.RandomRotation", "tf.keras.layers.RandomZoom",
                    "tf.keras.layers.Resizing", "tf.keras.layers.Rescaling")
def test_augmentation_in_sequential_and_functional_models():
    x = _img((4, 8, 8, 3))
    aug = _augment()
    assert not np.array_equal(aug(x).numpy(), x)                    # model(x) augments (training=None)
    np.testing.assert_array_equal(aug(x, training=False).numpy(), x)
    np.testing.assert_array_equal(aug.predict(x, verbose=0), x)      # predict: inference
    inp = tf.keras.Input((8, 8, 3))
    h = _augment()(inp)
    h = layers.Resizing(4, 4)(h)
    h = layers.Rescaling(1 / 255.0)(h)
    out = layers.Dense(2)(layers.Flatten()(h))
    model = tf.keras.Model(inp, out)
    assert model.output_shape == (None, 2)
    model.compile(optimizer="adam", loss="mse")
    hist = model.fit(x, np.zeros((4, 2), "float32"), epochs=2, verbose=0)
    assert len(hist.history["loss"]) == 2
    assert model.predict(x, verbose=0).shape == (4, 2)


@pytest.mark.covers("tf.keras.layers.RandomFlip", "tf.keras.layers.RandomRotation", "tf.keras.layers.Resizing",
                    "tf.keras.layers.Rescaling", "tf.data.Dataset.map")
def test_tf_data_map_augmentation_like_the_tutorial():
    x = _img((6, 10, 10, 3), dtype="uint8")
    y = np.arange(6)
    resize_and_rescale = tf.keras.Sequential([layers.Resizing(8, 8), layers.Rescaling(1.0 / 255)])
    aug = _augment()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(3)
    ds = ds.map(lambda a, b: (resize_and_rescale(a), b))
    ds = ds.map(lambda a, b: (aug(a, training=True), b))
    spec = ds.element_spec
    assert spec[0].shape.as_list() == [None, 8, 8, 3] and spec[0].dtype == tf.float32
    batches = list(ds)
    assert [tuple(a.shape) for a, _ in batches] == [(3, 8, 8, 3)] * 2
    for a, _ in batches:
        assert a.numpy().min() >= 0.0 and a.numpy().max() <= 1.0 + 1e-6
    # per element (unbatched 3-D images) too
    ds1 = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: (layers.RandomFlip(seed=1)(a), b))
    assert [tuple(a.shape) for a, _ in ds1] == [(10, 10, 3)] * 6


@pytest.mark.covers("tf.keras.layers.Resizing", "tf.keras.layers.RandomBrightness", "tf.keras.layers.RandomCrop",
                    "tf.data.Dataset.map", "tf.function")
def test_integer_images_inside_graphs_are_cast_like_keras_data_layer():
    # tf.keras casts inputs of its data layers to the compute dtype inside tf.data / tf.function
    x = _img((2, 5, 5, 3), dtype="uint8")
    eager = layers.Resizing(3, 3)(x)
    assert eager.dtype == tf.uint8                                   # eager: rounded, uint8
    ds = tf.data.Dataset.from_tensor_slices(x).map(layers.Resizing(3, 3))
    assert ds.element_spec.dtype == tf.float32
    got = np.stack([e.numpy() for e in ds])
    want = layers.Resizing(3, 3)(x.astype("float32")).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6)
    crop = layers.RandomCrop(2, 2)
    fn = tf.function(lambda t: crop(t, training=False))
    assert fn(tf.constant(x)).dtype == tf.float32
    assert layers.RandomCrop(2, 2)(x, training=False).dtype == tf.uint8
    # fit/evaluate/predict steps run in a graph in tf.keras too
    m = tf.keras.Sequential([tf.keras.Input((5, 5, 3), dtype="uint8"), layers.Resizing(3, 3)])
    p = m.predict(x, verbose=0)
    assert p.dtype == np.float32 and m(x).dtype == tf.uint8
    np.testing.assert_allclose(p, want, rtol=1e-6)
    # a from_generator generator runs eagerly in TF: no cast there
    resize = layers.Resizing(3, 3)
    gen = tf.data.Dataset.from_generator(lambda: (resize(im).numpy() for im in x),
                                         output_signature=tf.TensorSpec((3, 3, 3), tf.uint8))
    assert [e.dtype for e in gen] == [tf.uint8, tf.uint8]
    tf.config.run_functions_eagerly(True)
    try:
        assert fn(tf.constant(x)).dtype == tf.uint8
    finally:
        tf.config.run_functions_eagerly(False)


@pytest.mark.covers("tf.keras.layers.Resizing", "tf.keras.layers.CenterCrop")
def test_resizing_symbolic_and_unknown_batch():
    inp = tf.keras.Input((None, None, 3))
    out = layers.Resizing(16, 12)(inp)
    assert out.shape == (None, 16, 12, 3)
    m = tf.keras.Model(inp, layers.CenterCrop(8, 8)(out))
    assert m(np.zeros((2, 30, 20, 3), "float32")).shape == (2, 8, 8, 3)
    assert layers.Resizing(4, 5, data_format="channels_first").compute_output_shape((2, 3, 8, 8)) == (2, 3, 4, 5)


@pytest.mark.cuda
@pytest.mark.covers("tf.keras.layers.Resizing", "tf.keras.layers.RandomRotation")
def test_image_layers_on_cuda_match_cpu():
    if not torch.cuda.is_available():
        pytest.skip("no CUDA")
    x = _img((2, 9, 11, 3))
    for interp in ("bilinear", "bicubic", "area", "lanczos3", "nearest"):
        with tf.device("/CPU:0"):
            c = layers.Resizing(5, 7, interpolation=interp)(x).numpy()
        g = layers.Resizing(5, 7, interpolation=interp)(x)
        np.testing.assert_allclose(g.numpy(), c, rtol=1e-5, atol=1e-3)
    tr = {"rotation_matrix": np.array([[0.8, -0.6, 3.0, 0.6, 0.8, -2.0, 0, 0]] * 2, np.float32)}
    r = layers.RandomRotation(0.1)
    with tf.device("/CPU:0"):
        c = r.transform_images(tf.constant(x), tr).numpy()
    g = r.transform_images(tf.constant(x), tr)
    np.testing.assert_allclose(g.numpy(), c, rtol=1e-5, atol=1e-3)
