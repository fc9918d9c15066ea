"""Record real tf.keras (TF 2.21 / Keras 3) results for the image preprocessing, regularization,
PReLU and Unit/GroupNormalization layer tests (by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_image_layers_golden.py [section ...]

Sections: image_preprocessing, regularization_layers (default: both). Writes
tests/golden/keras_layers/<section>.json.

* "cases": deterministic layer calls in the format of tools/gen_keras_layers_golden.py (checked by
  tests/keras/layer_golden.check): Resizing in every interpolation mode, CenterCrop, the random
  layers at inference, RandomCrop's deterministic paths, PReLU, Unit/GroupNormalization, and the
  noise layers at inference.
* "transforms": the random layers' `transform_images` run on fixed transformations (rotation
  matrices built by Keras from chosen angles, zooms, translations, flips, contrast factors,
  brightness deltas, crop offsets), so the sampling code is compared value by value.
* "errors": constructor / call errors (class name and message).
* "configs": full get_config() of a few layers; "training": statistics of training-mode calls
  that do not depend on the random bits (AlphaDropout constants, ActivityRegularization loss).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import gen_keras_layers_golden as base  # noqa: E402

tf = base.tf
keras = base.keras
L = base.L
arr = base.arr
OUT = base.OUT


def _make_input(case):
    shape = tuple(case["input_shape"])
    kind = case["input_kind"]
    rng = np.random.default_rng(1000 + case["seed"])
    if kind == "u8":
        return rng.integers(0, 256, shape).astype(np.uint8)
    if kind == "i32":
        return rng.integers(0, 256, shape).astype(np.int32)
    if kind == "checker_u8":  # 0/255 checkerboard: bicubic and lanczos overshoot, the casts saturate
        idx = np.indices(shape).sum(axis=0)
        return np.where(idx % 2 == 0, 0, 255).astype(np.uint8)
    if kind == "f64":
        return rng.standard_normal(shape)
    return _base_make_input(case)


_base_make_input = base.make_input
base.make_input = _make_input


R = "Resizing"
IMAGE_CASES = [
    # Resizing: every mode, down and up, non-integer ratios
    L("resize_bilinear_down", R, {"height": 5, "width": 4}, (2, 8, 10, 3), input_kind="pixels"),
    L("resize_bilinear_up", R, {"height": 7, "width": 9}, (1, 4, 5, 2)),
    L("resize_bilinear_mixed", R, {"height": 3, "width": 11}, (2, 6, 4, 1)),
    L("resize_nearest_down", R, {"height": 5, "width": 4, "interpolation": "nearest"}, (2, 8, 10, 3)),
    L("resize_nearest_up", R, {"height": 7, "width": 9, "interpolation": "nearest"}, (1, 4, 5, 2)),
    L("resize_bicubic_down", R, {"height": 5, "width": 4, "interpolation": "bicubic"}, (2, 8, 10, 3)),
    L("resize_bicubic_up", R, {"height": 7, "width": 9, "interpolation": "bicubic"}, (1, 4, 5, 2)),
    L("resize_bicubic_big", R, {"height": 20, "width": 30, "interpolation": "bicubic"}, (1, 23, 37, 1)),
    L("resize_area_down", R, {"height": 4, "width": 3, "interpolation": "area"}, (2, 10, 7, 2)),
    L("resize_area_up", R, {"height": 7, "width": 5, "interpolation": "area"}, (1, 4, 3, 2)),
    L("resize_area_int_ratio", R, {"height": 4, "width": 4, "interpolation": "area"}, (1, 8, 12, 1)),
    L("resize_lanczos3_down", R, {"height": 5, "width": 4, "interpolation": "lanczos3"}, (2, 8, 10, 3)),
    L("resize_lanczos3_up", R, {"height": 7, "width": 9, "interpolation": "lanczos3"}, (1, 4, 5, 2)),
    L("resize_lanczos5_down", R, {"height": 5, "width": 6, "interpolation": "lanczos5"}, (1, 12, 13, 2)),
    L("resize_lanczos5_up", R, {"height": 9, "width": 8, "interpolation": "lanczos5"}, (1, 4, 5, 2)),
    L("resize_bilinear_aa_down", R, {"height": 5, "width": 4, "antialias": True}, (2, 16, 10, 3)),
    L("resize_bilinear_aa_up", R, {"height": 7, "width": 9, "antialias": True}, (1, 4, 5, 2)),
    L("resize_bicubic_aa_down", R, {"height": 5, "width": 4, "interpolation": "bicubic", "antialias": True}, (2, 16, 10, 3)),
    L("resize_lanczos3_aa_down", R, {"height": 6, "width": 5, "interpolation": "lanczos3", "antialias": True}, (1, 20, 13, 2)),
    L("resize_nearest_aa", R, {"height": 5, "width": 4, "interpolation": "nearest", "antialias": True}, (2, 8, 10, 3)),
    L("resize_area_aa", R, {"height": 4, "width": 3, "interpolation": "area", "antialias": True}, (2, 10, 7, 2)),
    L("resize_bicubic_aa_big", R, {"height": 9, "width": 7, "interpolation": "bicubic", "antialias": True}, (1, 40, 33, 1)),
    L("resize_same_size_bicubic", R, {"height": 4, "width": 5, "interpolation": "bicubic"}, (1, 4, 5, 2)),
    # aspect ratio handling
    L("resize_crop_aspect_wide", R, {"height": 4, "width": 4, "crop_to_aspect_ratio": True}, (2, 6, 11, 2)),
    L("resize_crop_aspect_tall", R, {"height": 3, "width": 6, "crop_to_aspect_ratio": True}, (1, 9, 5, 2)),
    L("resize_pad_aspect_wide", R, {"height": 4, "width": 4, "pad_to_aspect_ratio": True, "fill_value": 7.0}, (2, 5, 11, 2)),
    L("resize_pad_aspect_tall", R, {"height": 6, "width": 6, "pad_to_aspect_ratio": True}, (1, 9, 4, 2)),
    L("resize_pad_aspect_u8", R, {"height": 6, "width": 4, "pad_to_aspect_ratio": True, "fill_value": 3}, (1, 5, 5, 1), input_kind="u8"),
    # dtypes, layouts
    L("resize_u8_bilinear", R, {"height": 5, "width": 3}, (2, 7, 6, 3), input_kind="u8"),
    L("resize_u8_nearest", R, {"height": 5, "width": 9, "interpolation": "nearest"}, (2, 7, 6, 3), input_kind="u8"),
    L("resize_u8_bicubic_saturate", R, {"height": 7, "width": 9, "interpolation": "bicubic"}, (1, 4, 5, 1), input_kind="checker_u8"),
    L("resize_u8_lanczos5_saturate", R, {"height": 9, "width": 7, "interpolation": "lanczos5"}, (1, 4, 5, 1), input_kind="checker_u8"),
    L("resize_i32_area", R, {"height": 3, "width": 4, "interpolation": "area"}, (1, 7, 9, 2), input_kind="i32"),
    L("resize_channels_first", R, {"height": 5, "width": 3, "data_format": "channels_first"}, (2, 3, 8, 7)),
    L("resize_channels_first_bicubic", R, {"height": 5, "width": 9, "interpolation": "bicubic", "data_format": "channels_first"}, (1, 2, 4, 6)),
    L("resize_unbatched", R, {"height": 5, "width": 3}, (8, 7, 3)),
    L("resize_unbatched_crop", R, {"height": 4, "width": 4, "crop_to_aspect_ratio": True, "interpolation": "area"}, (9, 5, 2)),
    L("resize_f64_layer", R, {"height": 5, "width": 3, "dtype": "float64"}, (1, 7, 6, 2), input_kind="f64"),
    # CenterCrop
    L("center_crop_odd_even", "CenterCrop", {"height": 4, "width": 5}, (2, 7, 8, 3)),
    L("center_crop_square", "CenterCrop", {"height": 3, "width": 3}, (2, 8, 8, 1)),
    L("center_crop_smaller", "CenterCrop", {"height": 6, "width": 6}, (2, 4, 5, 2)),
    L("center_crop_mixed", "CenterCrop", {"height": 6, "width": 6}, (1, 9, 4, 2)),
    L("center_crop_u8", "CenterCrop", {"height": 3, "width": 4}, (2, 5, 6, 3), input_kind="u8"),
    L("center_crop_channels_first", "CenterCrop", {"height": 3, "width": 2, "data_format": "channels_first"}, (2, 3, 6, 5)),
    L("center_crop_unbatched", "CenterCrop", {"height": 3, "width": 2}, (6, 5, 3)),
    L("center_crop_f64_small", "CenterCrop", {"height": 5, "width": 5, "dtype": "float64"}, (1, 3, 3, 1), input_kind="f64"),
    # the random layers at inference
    L("flip_inference", "RandomFlip", {}, (2, 4, 5, 3), call={"training": False}),
    L("flip_inference_u8", "RandomFlip", {"mode": "horizontal"}, (2, 4, 5, 3), call={"training": False}, input_kind="u8"),
    L("rotation_inference_u8", "RandomRotation", {"factor": 0.2}, (2, 4, 5, 3), call={"training": False}, input_kind="u8"),
    L("zoom_inference", "RandomZoom", {"height_factor": 0.2, "width_factor": (-0.1, 0.3)}, (4, 5, 3), call={"training": False}, input_kind="u8"),
    L("translation_inference", "RandomTranslation", {"height_factor": 0.2, "width_factor": 0.1}, (2, 4, 5, 3), call={"training": False}),
    L("contrast_inference_u8", "RandomContrast", {"factor": 0.3}, (2, 4, 5, 3), call={"training": False}, input_kind="u8"),
    L("brightness_inference_u8", "RandomBrightness", {"factor": 0.3}, (2, 4, 5, 3), call={"training": False}, input_kind="u8"),
    L("random_crop_inference_u8", "RandomCrop", {"height": 2, "width": 3, "seed": 5}, (2, 4, 5, 3), call={"training": False}, input_kind="u8"),
    # RandomCrop's deterministic training paths (image not larger than the target)
    L("random_crop_small", "RandomCrop", {"height": 6, "width": 6, "seed": 1}, (2, 4, 5, 2), call={"training": True}),
    L("random_crop_one_dim_small", "RandomCrop", {"height": 5, "width": 6, "seed": 1}, (2, 8, 4, 2), call={"training": True}),
    L("random_crop_equal", "RandomCrop", {"height": 4, "width": 5, "seed": 1}, (2, 4, 5, 2), call={"training": True}, input_kind="u8"),
    L("random_crop_small_channels_first", "RandomCrop", {"height": 6, "width": 5, "seed": 1, "data_format": "channels_first"}, (1, 2, 4, 3), call={"training": True}),
]

REG_CASES = [
    L("gaussian_noise_inference", "GaussianNoise", {"stddev": 0.3}, (3, 4)),
    L("gaussian_dropout_inference", "GaussianDropout", {"rate": 0.3}, (3, 4)),
    L("alpha_dropout_inference", "AlphaDropout", {"rate": 0.3}, (3, 4)),
    L("spatial_dropout1d_inference", "SpatialDropout1D", {"rate": 0.3}, (2, 3, 4)),
    L("spatial_dropout2d_inference", "SpatialDropout2D", {"rate": 0.3}, (2, 3, 3, 4)),
    L("spatial_dropout3d_inference", "SpatialDropout3D", {"rate": 0.3, "data_format": "channels_first"}, (2, 3, 2, 2, 2)),
    L("activity_regularization", "ActivityRegularization", {"l1": 0.01, "l2": 0.1}, (3, 4)),
    L("prelu", "PReLU", {}, (3, 4)),
    L("prelu_shared_hw", "PReLU", {"shared_axes": [1, 2]}, (2, 3, 4, 5)),
    L("prelu_shared_int", "PReLU", {"shared_axes": 1}, (2, 3, 4)),
    L("prelu_constant_init", "PReLU", {"alpha_initializer": {"class_name": "Constant", "config": {"value": 0.25}}}, (2, 5), set_weights=False),
    L("unit_norm", "UnitNormalization", {}, (3, 4)),
    L("unit_norm_axes", "UnitNormalization", {"axis": [1, 2]}, (2, 3, 4)),
    L("unit_norm_axis1", "UnitNormalization", {"axis": 1}, (2, 3, 4)),
    L("group_norm", "GroupNormalization", {"groups": 2}, (2, 3, 3, 4)),
    L("group_norm_instance", "GroupNormalization", {"groups": -1}, (2, 3, 3, 4)),
    L("group_norm_one_group", "GroupNormalization", {"groups": 1, "epsilon": 1e-5}, (2, 5, 6)),
    L("group_norm_axis1", "GroupNormalization", {"groups": 2, "axis": 1}, (2, 4, 3, 3)),
    L("group_norm_3d", "GroupNormalization", {"groups": 3}, (2, 5, 6)),
    L("group_norm_no_center", "GroupNormalization", {"groups": 2, "center": False}, (2, 3, 4)),
    L("group_norm_no_scale", "GroupNormalization", {"groups": 2, "scale": False}, (2, 3, 4)),
    L("group_norm_f64", "GroupNormalization", {"groups": 2}, (2, 3, 4), input_kind="f64"),
    L("group_norm_defaults", "GroupNormalization", {}, (2, 2, 64), set_weights=False),
]


def gen_cases(cases):
    return {c["id"]: base.run_layer_case(c) for c in cases}


# ------------------------------------------------------------------------------------------
# fixed transformations

def _img(shape, seed=7):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def _ramp(shape):
    return (np.arange(np.prod(shape)).reshape(shape) % 97).astype(np.float32)


def _np_tree(t):
    if isinstance(t, dict):
        return {k: _np_tree(v) for k, v in t.items() if k != "input_shape"}
    if isinstance(t, (tuple, list)):
        return [_np_tree(v) for v in t]
    if hasattr(t, "numpy") or isinstance(t, np.ndarray):
        return arr(np.asarray(t))
    return t


def _transform(layer_cls, kwargs, x, transformation, angles=None):
    layer = getattr(keras.layers, layer_cls)(**kwargs)
    xin = tf.constant(x)
    if angles is not None:
        b = len(angles)
        shape = x.shape
        h, w = (shape[2], shape[3]) if kwargs.get("data_format") == "channels_first" else (shape[1], shape[2])
        a = tf.constant(np.asarray(angles, np.float32))
        z = tf.zeros([b])
        m = layer._compute_affine_matrix(center_x=0.5, center_y=0.5, angle=a, translate_x=z, translate_y=z,
                                         scale=tf.ones([b]), shear_x=z, shear_y=z, height=h, width=w)
        transformation = {"angle": a, "rotation_matrix": m}
    y = layer.transform_images(xin, transformation, training=True)
    return {"cls": layer_cls, "kwargs": kwargs, "input": arr(x), "transformation": _np_tree(transformation),
            "output": arr(np.asarray(y)), "output_dtype": y.dtype.name}


def gen_transforms():
    t = {}
    x = _img((2, 6, 7, 2))
    xr = _ramp((2, 6, 7, 2))
    for fill in ["reflect", "wrap", "constant", "nearest"]:
        for interp in ["bilinear", "nearest"]:
            kw = {"factor": 0.5, "fill_mode": fill, "interpolation": interp}
            if fill == "constant":
                kw["fill_value"] = 0.5
            t[f"rotation_{fill}_{interp}"] = _transform("RandomRotation", kw, x, None, angles=[30.0, -100.0])
            t[f"rotation_90_45_{fill}_{interp}"] = _transform("RandomRotation", kw, xr, None, angles=[90.0, 45.0])
            zoom = {"height_zoom": np.array([[0.7], [1.4]], np.float32), "width_zoom": np.array([[1.2], [0.5]], np.float32)}
            t[f"zoom_{fill}_{interp}"] = _transform("RandomZoom", {"height_factor": 0.5, "fill_mode": fill,
                                                                  "interpolation": interp,
                                                                  "fill_value": kw.get("fill_value", 0.0)}, xr, zoom)
            big = {"height_zoom": np.array([[2.6], [0.5]], np.float32), "width_zoom": np.array([[3.1], [0.5]], np.float32)}
            t[f"zoom_out_far_{fill}_{interp}"] = _transform("RandomZoom", {"height_factor": 0.5, "fill_mode": fill,
                                                                          "interpolation": interp}, xr, big)
            tr = {"translations": np.array([[1.0, -2.0], [-2.5, 0.4]], np.float32)}
            t[f"translation_{fill}_{interp}"] = _transform("RandomTranslation", {"height_factor": 0.5, "width_factor": 0.5,
                                                                                "fill_mode": fill, "interpolation": interp,
                                                                                "fill_value": kw.get("fill_value", 0.0)}, x, tr)
            far = {"translations": np.array([[9.3, -13.7], [-15.2, 6.6]], np.float32)}
            t[f"translation_far_{fill}_{interp}"] = _transform("RandomTranslation", {"height_factor": 1.0, "width_factor": 1.0,
                                                                                    "fill_mode": fill, "interpolation": interp},
                                                               xr, far)
    xc = np.transpose(x, (0, 3, 1, 2)).copy()
    t["rotation_channels_first"] = _transform("RandomRotation", {"factor": 0.5, "data_format": "channels_first"}, xc, None,
                                              angles=[30.0, -100.0])
    t["zoom_channels_first"] = _transform("RandomZoom", {"height_factor": 0.5, "data_format": "channels_first"}, xc,
                                          {"height_zoom": np.array([[0.7], [1.4]], np.float32),
                                           "width_zoom": np.array([[1.2], [0.5]], np.float32)})
    t["translation_channels_first"] = _transform("RandomTranslation", {"height_factor": 0.5, "width_factor": 0.5,
                                                                      "data_format": "channels_first"}, xc,
                                                 {"translations": np.array([[1.0, -2.0], [-2.5, 0.4]], np.float32)})
    t["rotation_one_row_1x1"] = _transform("RandomRotation", {"factor": 0.5}, _img((1, 1, 5, 1)), None, angles=[20.0])
    flips = {"flips": np.array([True, False]).reshape(2, 1, 1, 1)}
    for mode in ["horizontal", "vertical", "horizontal_and_vertical"]:
        t[f"flip_{mode}"] = _transform("RandomFlip", {"mode": mode}, xr, flips)
    t["flip_channels_first"] = _transform("RandomFlip", {"mode": "horizontal", "data_format": "channels_first"},
                                          np.transpose(xr, (0, 3, 1, 2)).copy(), flips)
    pix = np.random.default_rng(3).uniform(0, 255, (2, 4, 5, 3)).astype(np.float32)
    t["contrast"] = _transform("RandomContrast", {"factor": 0.5}, pix,
                               {"contrast_factor": np.array([0.5, 1.3], np.float32).reshape(2, 1, 1, 1)})
    t["contrast_unit_range"] = _transform("RandomContrast", {"factor": 0.9, "value_range": (0, 1)},
                                          np.random.default_rng(4).uniform(0, 1, (2, 4, 5, 3)).astype(np.float32),
                                          {"contrast_factor": np.array([1.9, 0.2], np.float32).reshape(2, 1, 1, 1)})
    t["contrast_channels_first"] = _transform("RandomContrast", {"factor": 0.5, "data_format": "channels_first"},
                                              np.transpose(pix, (0, 3, 1, 2)).copy(),
                                              {"contrast_factor": np.array([0.5, 1.3], np.float32).reshape(2, 1, 1, 1)})
    t["brightness"] = _transform("RandomBrightness", {"factor": 0.5}, pix,
                                 {"rgb_delta": np.array([-30.5, 50.2], np.float32).reshape(2, 1, 1, 1)})
    t["brightness_unit_range"] = _transform("RandomBrightness", {"factor": 0.5, "value_range": (1, 0)},
                                            np.random.default_rng(4).uniform(0, 1, (2, 4, 5, 3)).astype(np.float32),
                                            {"rgb_delta": np.array([-0.3, 0.45], np.float32).reshape(2, 1, 1, 1)})
    u8 = np.random.default_rng(5).integers(0, 256, (2, 4, 5, 3)).astype(np.uint8)
    t["brightness_u8_wrap"] = _transform("RandomBrightness", {"factor": 0.5}, u8,
                                         {"rgb_delta": np.array([-127.5, 100.7], np.float32).reshape(2, 1, 1, 1)})
    t["brightness_i32"] = _transform("RandomBrightness", {"factor": 0.5}, u8.astype(np.int32),
                                     {"rgb_delta": np.array([-127.5, 100.7], np.float32).reshape(2, 1, 1, 1)})
    t["random_crop_offsets"] = _transform("RandomCrop", {"height": 3, "width": 4, "seed": 1}, xr, (1, 2))
    t["random_crop_offsets_channels_first"] = _transform("RandomCrop", {"height": 3, "width": 4, "seed": 1,
                                                                        "data_format": "channels_first"},
                                                         np.transpose(xr, (0, 3, 1, 2)).copy(), (2, 1))
    return t


# ------------------------------------------------------------------------------------------
# errors, configs

def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    return None


def gen_errors():
    Ls = keras.layers
    x2 = np.zeros((3, 4), np.float32)
    x4 = np.zeros((1, 4, 4, 3), np.float32)
    u8 = np.zeros((1, 4, 4, 3), np.uint8)
    e = {
        "rotation_factor_big": _err(lambda: Ls.RandomRotation(1.5)),
        "rotation_factor_list3": _err(lambda: Ls.RandomRotation([0.1, 0.2, 0.3])),
        "rotation_fill_mode": _err(lambda: Ls.RandomRotation(0.1, fill_mode="mirror")),
        "rotation_interpolation": _err(lambda: Ls.RandomRotation(0.1, interpolation="bicubic")),
        "zoom_factor_minus1": _err(lambda: Ls.RandomZoom(-1.0)),
        "zoom_factor_list3": _err(lambda: Ls.RandomZoom((0.1, 0.2, 0.3))),
        "zoom_width_factor": _err(lambda: Ls.RandomZoom(0.1, width_factor=1.5)),
        "zoom_fill_mode": _err(lambda: Ls.RandomZoom(0.1, fill_mode="bad")),
        "translation_factor": _err(lambda: Ls.RandomTranslation(1.1, 0.1)),
        "translation_factor_str": _err(lambda: Ls.RandomTranslation("a", 0.1)),
        "contrast_factor_big": _err(lambda: Ls.RandomContrast(1.5)),
        "contrast_factor_neg": _err(lambda: Ls.RandomContrast(-0.1)),
        "brightness_value_range": _err(lambda: Ls.RandomBrightness(0.2, value_range=5)),
        "brightness_value_range3": _err(lambda: Ls.RandomBrightness(0.2, value_range=(0, 1, 2))),
        "brightness_factor": _err(lambda: Ls.RandomBrightness(1.5)),
        "flip_rank2": _err(lambda: Ls.RandomFlip()(x2)),
        "contrast_rank2": _err(lambda: Ls.RandomContrast(0.2)(x2)),
        "resize_bad_interpolation": _err(lambda: Ls.Resizing(2, 2, interpolation="cubic")(x4)),
        "resize_crop_and_pad": _err(lambda: Ls.Resizing(2, 2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)(x4)),
        "resize_fill_mode": _err(lambda: Ls.Resizing(2, 2, pad_to_aspect_ratio=True, fill_mode="reflect")(x4)),
        "resize_pad_u8_float_fill": _err(lambda: Ls.Resizing(6, 4, pad_to_aspect_ratio=True)(np.zeros((1, 5, 5, 3), np.uint8))),
        "contrast_u8_training": _err(lambda: Ls.RandomContrast(0.2)(u8, training=True)),
        "group_norm_groups0": _err(lambda: Ls.GroupNormalization(groups=0)),
        "group_norm_not_multiple": _err(lambda: Ls.GroupNormalization(groups=3)(x2)),
        "group_norm_too_many": _err(lambda: Ls.GroupNormalization(groups=8)(x2)),
        "gaussian_noise_stddev": _err(lambda: Ls.GaussianNoise(1.5)),
        "gaussian_dropout_rate": _err(lambda: Ls.GaussianDropout(-0.1)),
        "alpha_dropout_rate": _err(lambda: Ls.AlphaDropout(1.5)),
        "spatial_dropout2d_rank": _err(lambda: Ls.SpatialDropout2D(0.1)(np.zeros((2, 3, 4), np.float32))),
        "unit_norm_axis_str": _err(lambda: Ls.UnitNormalization(axis="a")),
        "unit_norm_int": _err(lambda: Ls.UnitNormalization()(np.array([[3, 4]], np.int32))),
        "gaussian_noise_int": _err(lambda: Ls.GaussianNoise(0.1)(np.array([[1, 2]], np.int32), training=True)),
        "gaussian_dropout_int": _err(lambda: Ls.GaussianDropout(0.1)(np.array([[1, 2]], np.int32), training=True)),
        "alpha_dropout_int": _err(lambda: Ls.AlphaDropout(0.1)(np.array([[1, 2]], np.int32), training=True)),
        "spatial_dropout1d_int": _err(lambda: Ls.SpatialDropout1D(0.5)(np.array([[[1, 2]]], np.int32), training=True)),
    }
    return e


def gen_configs():
    Ls = keras.layers
    layers = {
        "RandomFlip": Ls.RandomFlip("horizontal", seed=3),
        "RandomRotation": Ls.RandomRotation((0.3, -0.1), fill_mode="constant", fill_value=1.0),
        "RandomZoom": Ls.RandomZoom((-0.2, 0.3), width_factor=0.1, interpolation="nearest"),
        "RandomTranslation": Ls.RandomTranslation(0.1, (-0.2, 0.1), fill_mode="wrap"),
        "RandomContrast": Ls.RandomContrast(0.2),
        "RandomContrast_pair": Ls.RandomContrast((0.1, 0.3), value_range=(0, 1)),
        "RandomBrightness": Ls.RandomBrightness(0.2, value_range=(255, 0)),
        "RandomBrightness_pair": Ls.RandomBrightness((-0.1, 0.4)),
        "RandomCrop": Ls.RandomCrop(3, 4, seed=9),
        "Resizing": Ls.Resizing(3, 4, interpolation="area", antialias=1),
        "CenterCrop": Ls.CenterCrop(3, 4, data_format="channels_first"),
        "GaussianNoise": Ls.GaussianNoise(0.1, seed=2),
        "GaussianDropout": Ls.GaussianDropout(0.2),
        "AlphaDropout": Ls.AlphaDropout(0.2, noise_shape=(None, 1)),
        "SpatialDropout1D": Ls.SpatialDropout1D(0.2),
        "SpatialDropout2D": Ls.SpatialDropout2D(0.2, data_format="channels_first"),
        "SpatialDropout3D": Ls.SpatialDropout3D(0.2, seed=1),
        "ActivityRegularization": Ls.ActivityRegularization(l1=0.1),
        "PReLU": Ls.PReLU(shared_axes=[1, 2], alpha_regularizer="l2", alpha_constraint="non_neg"),
        "UnitNormalization": Ls.UnitNormalization(axis=(1, 2)),
        "GroupNormalization": Ls.GroupNormalization(groups=4, gamma_regularizer="l2"),
    }
    out = {}
    for k, layer in layers.items():
        cfg = layer.get_config()
        cfg.pop("name", None)
        out[k] = {"config": json.loads(json.dumps(cfg, default=base._json_default)), "built": bool(layer.built),
                  "supports_masking": bool(layer.supports_masking),
                  "n_variables": len(layer.variables), "n_weights": len(layer.weights)}
    return out


def gen_training():
    Ls = keras.layers
    x = np.random.default_rng(11).standard_normal((200, 50)).astype(np.float32)
    y = np.asarray(Ls.AlphaDropout(0.3, seed=1)(x, training=True))
    alpha_p = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
    a = ((1 - 0.3) * (1 + 0.3 * alpha_p ** 2)) ** -0.5
    b = -a * alpha_p * 0.3
    dropped = np.isclose(y, a * alpha_p + b, atol=1e-6)
    kept_ok = bool(np.allclose(y[~dropped], a * x[~dropped] + b, rtol=1e-5, atol=1e-6))
    reg = Ls.ActivityRegularization(l1=0.01, l2=0.1)
    xr = np.random.default_rng(12).standard_normal((4, 3)).astype(np.float32)
    reg(xr)
    sd = np.asarray(Ls.SpatialDropout2D(0.5, seed=1)(np.ones((4, 3, 3, 6), np.float32), training=True))
    return {"alpha_dropout": {"rate": 0.3, "dropped_value": float(a * alpha_p + b), "a": a, "b": b,
                              "dropped_fraction": float(dropped.mean()), "kept_formula_ok": kept_ok,
                              "output_dtype": "float32"},
            "activity_regularization": {"input": arr(xr), "losses": [float(np.asarray(v)) for v in reg.losses]},
            "spatial_dropout2d_values": sorted(set(np.round(sd.ravel(), 5).tolist()))}


def gen_image_preprocessing():
    return {"cases": gen_cases(IMAGE_CASES), "transforms": gen_transforms(), "errors": gen_errors(),
            "configs": gen_configs()}


def gen_regularization_layers():
    return {"cases": gen_cases(REG_CASES), "training": gen_training()}


SECTIONS = {"image_preprocessing": gen_image_preprocessing, "regularization_layers": gen_regularization_layers}


def main(argv):
    names = argv or list(SECTIONS)
    os.makedirs(OUT, exist_ok=True)
    for name in names:
        keras.utils.set_random_seed(0)
        keras.backend.clear_session()
        data = SECTIONS[name]()
        data["meta"] = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(data, f, indent=None, sort_keys=True, default=base._json_default)
            f.write("\n")
        print(f"{name}: {len(data.get('cases', {}))} cases, {len(data.get('transforms', {}))} transforms")


if __name__ == "__main__":
    main(sys.argv[1:])
