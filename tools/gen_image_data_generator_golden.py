"""Record real tf.keras (TF 2.21 / Keras 3.15 legacy code) results for
tests/keras/test_image_data_generator.py (by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_image_data_generator_golden.py

Needs scipy and Pillow in .venv-tf (Keras's ImageDataGenerator imports them on use:
`.venv-tf/bin/pip install scipy pillow`). Writes tests/golden/keras/image_data_generator.json:

* "affine": apply_affine_transform with fixed parameters (every fill mode, orders 0 and 1,
  channels first/last, float32/float64/uint8 inputs) -- compared bit for bit;
* "random_params": get_random_transform(shape, seed) dicts for several generator settings and
  the module-level random_* functions after np.random.seed (numpy's global RNG is shared by
  Keras and the shim, so the draws are the same);
* "flow": seeded NumpyArrayIterator batches (by index and by next()), subsets, sample weights,
  extra inputs;
* "standardize"/"fit": rescale, sample-wise and feature-wise statistics, ZCA;
* "directory": flow_from_directory over a PNG tree written here (the same tree the test writes
  with the same pure-Python PNG writer): printed line, class_indices, filenames, classes,
  batches in every class_mode / color_mode, subsets, shuffling with a seed;
* "dataframe": flow_from_dataframe listings and batches, recorded only when pandas imports
  (recorded with pandas 3.1.1; the test skips without pandas);
* "smart_resize", "channel_shift", "brightness", "errors".
"""
import contextlib
import io
import json
import os
import shutil
import struct
import sys
import tempfile
import warnings
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

I = tf.keras.preprocessing.image
OUT = os.path.join(ROOT, "tests", "golden", "keras", "image_data_generator.json")


def arr(a):
    a = np.asarray(a)
    return {"dtype": a.dtype.name, "shape": list(a.shape),
            "value": a.astype(np.float64).ravel().tolist() if a.dtype.kind == "f" else a.ravel().tolist()}


def plain(v):
    """JSON-able copy of transform dicts (numpy scalars -> Python, with their type name)."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if v is None:
        return None
    return {"type": type(v).__name__, "value": np.asarray(v).item()}


def image(seed, shape, kind="f32"):
    rng = np.random.RandomState(seed)
    if kind == "u8":
        return rng.randint(0, 256, shape).astype(np.uint8)
    if kind == "f64":
        return rng.uniform(-2, 3, shape)
    return (rng.rand(*shape) * 255).astype(np.float32)


# ------------------------------------------------------------------------------------------
# PNG fixtures (the test writes the same tree with the same code)


def write_png(path, a):
    a = np.asarray(a, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    h, w, c = a.shape
    color = {1: 0, 3: 2, 4: 6}[c]
    raw = b"".join(b"\x00" + a[r].tobytes() for r in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


TREE = [  # (relative path, seed, shape); shapes (h, w, c) with c 1 (gray), 3 (RGB) or 4 (RGBA)
    ("cats/c1.png", 1, (5, 7, 3)),
    ("cats/c2.PNG", 2, (8, 4, 3)),
    ("cats/c0.png", 3, (6, 6, 1)),
    ("cats/c3.png", 4, (7, 7, 4)),
    ("dogs/d1.png", 5, (4, 9, 3)),
    ("dogs/sub/d2.png", 6, (6, 5, 3)),
    ("dogs/sub/d3.png", 7, (3, 3, 3)),
    ("dogs/a0.png", 8, (10, 6, 3)),
    ("owls/o1.png", 9, (6, 6, 3)),
    ("owls/o2.png", 10, (5, 5, 1)),
    ("owls/o3.png", 11, (9, 8, 3)),
    ("stray.png", 12, (4, 4, 3)),
]
OTHER_FILES = ["cats/notes.txt", "dogs/sub/readme.md"]
EMPTY_DIRS = ["bats"]


def build_tree(root):
    for rel, seed, shape in TREE:
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_png(path, np.random.RandomState(seed).randint(0, 256, shape))
    for rel in OTHER_FILES:
        with open(os.path.join(root, rel), "w") as f:
            f.write("not an image")
    for rel in EMPTY_DIRS:
        os.makedirs(os.path.join(root, rel), exist_ok=True)


def captured(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        out = fn()
    return out, buf.getvalue()


# ------------------------------------------------------------------------------------------


AFFINE = [  # (id, image (seed, shape, kind), kwargs)
    ("rot30_nearest", (0, (3, 7, 6), "f32"), dict(theta=30.0)),
    ("rot30_constant", (0, (3, 7, 6), "f32"), dict(theta=30.0, fill_mode="constant", cval=-5.0)),
    ("rot30_reflect", (0, (3, 7, 6), "f32"), dict(theta=30.0, fill_mode="reflect")),
    ("rot30_wrap", (0, (3, 7, 6), "f32"), dict(theta=30.0, fill_mode="wrap")),
    ("rot30_mirror", (0, (3, 7, 6), "f32"), dict(theta=30.0, fill_mode="mirror")),
    ("rot30_order0", (0, (3, 7, 6), "f32"), dict(theta=30.0, order=0)),
    ("rot90", (1, (2, 5, 5), "f32"), dict(theta=90)),
    ("rot_neg45_cl", (2, (6, 8, 3), "f32"), dict(theta=-45.0, row_axis=0, col_axis=1, channel_axis=2)),
    ("shift_int", (3, (2, 6, 7), "f32"), dict(tx=2, ty=-1)),
    ("shift_float_constant", (3, (2, 6, 7), "f32"), dict(tx=1.7, ty=-2.4, fill_mode="constant")),
    ("shift_reflect_far", (3, (2, 6, 7), "f32"), dict(tx=9.3, ty=-11.1, fill_mode="reflect")),
    ("shift_wrap_far", (3, (2, 6, 7), "f32"), dict(tx=-8.6, ty=15.2, fill_mode="wrap")),
    ("shear", (4, (1, 8, 8), "f32"), dict(shear=20.0)),
    ("shear_constant", (4, (1, 8, 8), "f32"), dict(shear=-35.0, fill_mode="constant", cval=1.0)),
    ("zoom", (5, (3, 6, 9), "f32"), dict(zx=0.7, zy=1.3)),
    ("zoom_in_reflect", (5, (3, 6, 9), "f32"), dict(zx=1.8, zy=1.8, fill_mode="reflect")),
    ("all_cl", (6, (9, 7, 3), "f32"), dict(theta=17.0, tx=1.2, ty=-0.8, shear=8.0, zx=0.9, zy=1.1,
                                           row_axis=0, col_axis=1, channel_axis=2)),
    ("all_cl_constant", (6, (9, 7, 3), "f32"), dict(theta=-63.0, tx=-2.2, ty=1.8, shear=-12.0, zx=1.2, zy=0.8,
                                                    row_axis=0, col_axis=1, channel_axis=2, fill_mode="constant",
                                                    cval=128.0)),
    ("all_cl_order0", (6, (9, 7, 3), "f32"), dict(theta=17.0, tx=1.2, ty=-0.8, shear=8.0, zx=0.9, zy=1.1,
                                                  row_axis=0, col_axis=1, channel_axis=2, order=0)),
    ("swapped_axes", (7, (3, 6, 8), "f32"), dict(theta=25.0, tx=1.0, row_axis=2, col_axis=1, channel_axis=0)),
    ("f64", (8, (2, 5, 6), "f64"), dict(theta=11.0, zx=1.1, zy=0.95)),
    ("u8", (9, (4, 5, 3), "u8"), dict(theta=33.0, tx=0.5, row_axis=0, col_axis=1, channel_axis=2)),
    ("u8_constant", (9, (4, 5, 3), "u8"), dict(theta=33.0, row_axis=0, col_axis=1, channel_axis=2,
                                               fill_mode="constant", cval=7.6)),
    ("one_row", (10, (1, 1, 6), "f32"), dict(theta=5.0, tx=0.3)),
    ("noop", (11, (1, 3, 3), "f32"), dict()),
] + [  # float64 images keep scipy's float64 rounding: these catch any change in its arithmetic
    (f"f64_all_{mode}", (12, (2, 9, 11), "f64"), dict(theta=37.0, tx=2.3, ty=-1.7, shear=13.0, zx=0.83, zy=1.17,
                                                      fill_mode=mode, cval=0.5))
    for mode in ("nearest", "constant", "reflect", "wrap", "mirror")
] + [
    ("f64_far_reflect", (13, (2, 6, 5), "f64"), dict(tx=-23.37, ty=31.91, zx=2.9, zy=0.61, fill_mode="reflect")),
    ("f64_far_wrap", (13, (2, 6, 5), "f64"), dict(tx=-23.37, ty=31.91, zx=2.9, zy=0.61, fill_mode="wrap")),
    ("f64_far_mirror", (13, (2, 6, 5), "f64"), dict(tx=-23.37, ty=31.91, zx=2.9, zy=0.61, fill_mode="mirror")),
    ("f64_order0_nearest", (12, (2, 9, 11), "f64"), dict(theta=-71.0, zx=1.4, zy=1.4, order=0)),
]

GENERATOR_CONFIGS = [  # random_params: (id, ImageDataGenerator kwargs, image shape)
    ("default", {}, (8, 6, 3)),
    ("float_ranges", dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.15, shear_range=10.0,
                          zoom_range=0.3, channel_shift_range=20.0, horizontal_flip=True, vertical_flip=True,
                          brightness_range=(0.5, 1.5)), (8, 6, 3)),
    ("int_shifts", dict(width_shift_range=3, height_shift_range=2), (10, 12, 3)),
    ("list_shifts", dict(width_shift_range=[-0.1, 0.05, 0.2], height_shift_range=[-4, 2, 5]), (10, 12, 3)),
    ("zoom_pair", dict(zoom_range=[0.5, 1.0], rotation_range=5), (4, 4, 1)),
    ("channels_first", dict(data_format="channels_first", width_shift_range=0.5, height_shift_range=0.25),
     (3, 10, 20)),
]

FLOW_CONFIGS = [  # (id, ImageDataGenerator kwargs, flow kwargs, x (seed, shape), with y, with sample_weight, misc)
    ("plain_noshuffle", dict(rescale=1 / 255.0), dict(batch_size=4, shuffle=False), (20, (10, 6, 5, 3)), True,
     False, False),
    ("aug_seeded", dict(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2, zoom_range=0.2,
                        shear_range=10, horizontal_flip=True, vertical_flip=True, fill_mode="reflect"),
     dict(batch_size=4, shuffle=True, seed=7), (21, (10, 6, 5, 3)), True, False, False),
    ("aug_constant_weights", dict(rotation_range=45, fill_mode="constant", cval=10.0, channel_shift_range=30.0,
                                  samplewise_center=True, samplewise_std_normalization=True),
     dict(batch_size=3, shuffle=True, seed=1), (22, (7, 5, 5, 1)), True, True, False),
    ("misc_inputs", dict(width_shift_range=2, fill_mode="wrap"), dict(batch_size=5, shuffle=True, seed=3),
     (23, (8, 4, 6, 3)), True, False, True),
    ("no_y", dict(horizontal_flip=True), dict(batch_size=4, seed=11), (24, (6, 4, 4, 3)), False, False, False),
    ("channels_first", dict(data_format="channels_first", rotation_range=20, zoom_range=0.1),
     dict(batch_size=4, seed=5), (25, (6, 3, 5, 7)), True, False, False),
]


def record_affine():
    out = []
    for cid, (seed, shape, kind), kw in AFFINE:
        x = image(seed, shape, kind)
        y = I.apply_affine_transform(x.copy(), **kw)
        out.append({"id": cid, "input": arr(x), "kwargs": kw, "output": arr(y)})
    return out


def record_random_params():
    gens = []
    for cid, kw, shape in GENERATOR_CONFIGS:
        g = I.ImageDataGenerator(**kw)
        draws = [plain(g.get_random_transform(shape, seed=s)) for s in (0, 1, 123)]
        np.random.seed(42)
        draws += [plain(g.get_random_transform(shape)) for _ in range(2)]
        gens.append({"id": cid, "kwargs": kw, "shape": list(shape), "draws": draws})
    funcs = []
    x = image(30, (7, 6, 3))
    cases = [
        ("random_rotation", lambda a: I.random_rotation(a, 40, row_axis=0, col_axis=1, channel_axis=2)),
        ("random_shift", lambda a: I.random_shift(a, 0.2, 0.3, row_axis=0, col_axis=1, channel_axis=2,
                                                  fill_mode="constant")),
        ("random_shear", lambda a: I.random_shear(a, 25, row_axis=0, col_axis=1, channel_axis=2, fill_mode="wrap")),
        ("random_zoom", lambda a: I.random_zoom(a, (0.6, 1.4), row_axis=0, col_axis=1, channel_axis=2,
                                                fill_mode="reflect")),
        ("random_channel_shift", lambda a: I.random_channel_shift(a, 40.0, channel_axis=2)),
        ("random_brightness", lambda a: I.random_brightness(a, (0.3, 1.7))),
        ("random_brightness_noscale", lambda a: I.random_brightness(a, (0.3, 1.7), scale=False)),
        ("random_transform", lambda a: I.ImageDataGenerator(rotation_range=30, zoom_range=0.2, shear_range=5,
                                                            horizontal_flip=True).random_transform(a, seed=9)),
    ]
    for cid, fn in cases:
        np.random.seed(5)
        y = fn(x.copy())
        funcs.append({"id": cid, "output": arr(y)})
    return {"generators": gens, "functions": funcs, "input": arr(x)}


def record_flow():
    out = []
    for cid, gkw, fkw, (seed, shape), with_y, with_w, misc in FLOW_CONFIGS:
        x = image(seed, shape)
        y = np.arange(shape[0]) % 3 if with_y else None
        w = np.linspace(0.5, 2.0, shape[0]) if with_w else None
        xin = (x, np.arange(shape[0] * 2, dtype=np.float32).reshape(shape[0], 2)) if misc else x
        g = I.ImageDataGenerator(**gkw)
        it = g.flow(xin, y, sample_weight=w, **fkw)
        rec = {"id": cid, "gen": gkw, "flow": fkw, "x": arr(x), "with_y": with_y, "with_w": with_w, "misc": misc,
               "len": len(it), "getitem": [], "next": []}
        for idx in [0, len(it) - 1, 0]:
            rec["getitem"].append([arr(a) for a in _flat(it[idx])])
        it.on_epoch_end()
        rec["getitem_after_epoch"] = [arr(a) for a in _flat(it[1])]
        it2 = g.flow(xin, y, sample_weight=w, **fkw)
        for _ in range(len(it2) + 1):
            rec["next"].append([arr(a) for a in _flat(next(it2))])
        out.append(rec)
    # subsets
    x = image(40, (10, 4, 4, 3))
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    g = I.ImageDataGenerator(validation_split=0.3)
    sub = {}
    for subset in ("training", "validation"):
        it = g.flow(x, y, batch_size=20, shuffle=False, subset=subset)
        bx, by = it[0]
        sub[subset] = {"n": it.n, "x": arr(bx), "y": arr(by)}
    return {"cases": out, "subset": {"x": arr(x), "y": arr(y), "split": 0.3, "result": sub}}


def _flat(batch):
    if isinstance(batch, tuple):
        out = []
        for b in batch:
            out += b if isinstance(b, list) else [b]
        return out
    return batch if isinstance(batch, list) else [batch]


def record_standardize():
    x = image(50, (6, 5, 4, 3))
    res = []
    configs = [
        ("rescale", dict(rescale=1 / 255.0)),
        ("samplewise", dict(samplewise_center=True, samplewise_std_normalization=True)),
        ("featurewise", dict(featurewise_center=True, featurewise_std_normalization=True)),
        ("featurewise_rescale", dict(featurewise_center=True, featurewise_std_normalization=True, rescale=0.01)),
        ("center_only", dict(featurewise_center=True)),
        ("zca", dict(zca_whitening=True, zca_epsilon=1e-2)),
        ("channels_first", dict(featurewise_center=True, featurewise_std_normalization=True,
                                data_format="channels_first")),
        ("preprocessing_fn", dict(preprocessing_function=lambda a: a * 2.0 - 1.0, rescale=0.5)),
    ]
    for cid, kw in configs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = I.ImageDataGenerator(**kw)
        data = x if kw.get("data_format") != "channels_first" else np.ascontiguousarray(x.transpose(0, 3, 1, 2))
        needs_fit = kw.get("featurewise_center") or kw.get("zca_whitening")
        if needs_fit:
            g.fit(data)
        one = g.standardize(data[1].copy())
        batch = g.standardize(data[:3].copy())
        rec = {"id": cid, "kwargs": {k: v for k, v in kw.items() if k != "preprocessing_function"},
               "single": arr(one), "batch": arr(batch), "flags": [g.featurewise_center, g.featurewise_std_normalization,
                                                                  g.samplewise_center]}
        if g.mean is not None:
            rec["mean"] = arr(g.mean)
        if g.std is not None:
            rec["std"] = arr(g.std)
        if g.zca_whitening_matrix is not None:
            rec["zca"] = arr(g.zca_whitening_matrix)
        res.append(rec)
    # fit with augmentation and rounds (seeded)
    g = I.ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True, rotation_range=20,
                             horizontal_flip=True)
    g.fit(x, augment=True, rounds=2, seed=3)
    aug = {"mean": arr(g.mean), "std": arr(g.std)}
    return {"x": arr(x), "cases": res, "augment": aug}


def record_directory():
    root = tempfile.mkdtemp()
    try:
        build_tree(root)
        d = os.path.join(root, "")
        out = {"listing": [], "batches": []}
        listing = [
            ("default", {}, {}),
            ("classes_given", {}, dict(classes=["owls", "cats", "missing"])),
            ("training", dict(validation_split=0.34), dict(subset="training")),
            ("validation", dict(validation_split=0.34), dict(subset="validation")),
        ]
        for cid, gkw, fkw in listing:
            g = I.ImageDataGenerator(**gkw)
            it, printed = captured(lambda: g.flow_from_directory(d, shuffle=False, **fkw))
            out["listing"].append({"id": cid, "gen": gkw, "flow": fkw, "printed": printed,
                                   "class_indices": it.class_indices, "filenames": it.filenames,
                                   "classes": arr(it.classes), "samples": it.samples, "num_classes": it.num_classes,
                                   "len": len(it), "image_shape": list(it.image_shape)})
        batch_cases = [
            ("categorical", {}, dict(target_size=(6, 6), batch_size=5, shuffle=False)),
            ("binary_gray", dict(rescale=1 / 255.0), dict(target_size=(4, 5), color_mode="grayscale",
                                                          class_mode="binary", batch_size=4, shuffle=False,
                                                          classes=["cats", "dogs"])),
            ("sparse_rgba_bilinear", {}, dict(target_size=(5, 4), color_mode="rgba", class_mode="sparse",
                                              batch_size=6, shuffle=False, interpolation="bilinear")),
            ("input_mode", {}, dict(target_size=(3, 3), class_mode="input", batch_size=3, shuffle=False)),
            ("none_mode", {}, dict(target_size=(3, 3), class_mode=None, batch_size=3, shuffle=False)),
            ("keep_aspect", {}, dict(target_size=(4, 4), batch_size=11, shuffle=False, keep_aspect_ratio=True)),
            ("seeded_aug", dict(rotation_range=25, horizontal_flip=True, zoom_range=0.2, rescale=1 / 255.0),
             dict(target_size=(6, 6), batch_size=4, shuffle=True, seed=13, class_mode="sparse")),
            ("channels_first", dict(data_format="channels_first"), dict(target_size=(4, 6), batch_size=4,
                                                                        shuffle=False)),
        ]
        for cid, gkw, fkw in batch_cases:
            g = I.ImageDataGenerator(**gkw)
            it, _ = captured(lambda: g.flow_from_directory(d, **fkw))
            batches = [[arr(a) for a in _flat(it[i])] for i in range(min(len(it), 3))]
            out["batches"].append({"id": cid, "gen": gkw, "flow": {k: list(v) if isinstance(v, tuple) else v
                                                                   for k, v in fkw.items()},
                                   "batches": batches})
        return out
    finally:
        shutil.rmtree(root)


DF_ROWS = [  # (filename, class, tags, weight, value); filenames relative to the tree root
    ("cats/c1.png", "cat", ["cat", "small"], 1.0, 0.5),
    ("dogs/d1.png", "dog", ["dog"], 2.0, 1.5),
    ("cats/c2.PNG", "cat", ["cat", "big"], 0.5, 2.5),
    ("missing.png", "dog", ["dog"], 1.0, 3.5),
    ("cats/notes.txt", "cat", ["cat"], 1.0, 4.5),
    ("owls/o1.png", "owl", ["owl", "big"], 3.0, 5.5),
    ("dogs/sub/d2.png", "dog", ["dog", "small"], 1.5, 6.5),
    ("owls/o3.png", "owl", ["owl"], 0.25, 7.5),
]

DF_CASES = [  # (id, generator kwargs, flow_from_dataframe kwargs, record batches)
    ("categorical", {}, dict(y_col="label", target_size=(4, 4), batch_size=3, shuffle=False), True),
    ("binary_classes", {}, dict(y_col="label", classes=["dog", "cat"], class_mode="binary", target_size=(4, 4),
                                batch_size=4, shuffle=False), True),
    ("sparse_weights", {}, dict(y_col="label", class_mode="sparse", weight_col="w", target_size=(3, 3),
                                batch_size=4, shuffle=False), True),
    ("multilabel", {}, dict(y_col="tags", target_size=(3, 3), batch_size=3, shuffle=False), True),
    ("raw", {}, dict(y_col="value", class_mode="raw", target_size=(3, 3), batch_size=4, shuffle=False), True),
    ("multi_output", {}, dict(y_col=["value", "w"], class_mode="multi_output", target_size=(3, 3), batch_size=4,
                              shuffle=False), True),
    ("none_unvalidated", {}, dict(class_mode=None, validate_filenames=False, target_size=(3, 3), shuffle=False),
     False),
    ("subset", dict(validation_split=0.4), dict(y_col="label", subset="validation", target_size=(3, 3),
                                                shuffle=False), True),
    ("seeded_aug", dict(rotation_range=20, horizontal_flip=True), dict(y_col="label", class_mode="sparse",
                                                                       target_size=(5, 5), batch_size=3, seed=4),
     True),
]


def record_dataframe():
    try:
        import pandas as pd
    except ImportError:
        print("pandas missing: no dataframe section")
        return None
    root = tempfile.mkdtemp()
    try:
        build_tree(root)
        df = pd.DataFrame({"filename": [r[0] for r in DF_ROWS], "label": [r[1] for r in DF_ROWS],
                           "tags": [r[2] for r in DF_ROWS], "w": [r[3] for r in DF_ROWS],
                           "value": [r[4] for r in DF_ROWS]})
        out = []
        for cid, gkw, fkw, with_batches in DF_CASES:
            g = I.ImageDataGenerator(**gkw)
            with warnings.catch_warnings(record=True) as wrn:
                warnings.simplefilter("always")
                it, printed = captured(lambda: g.flow_from_dataframe(df, directory=root, **fkw))
            rec = {"id": cid, "gen": gkw, "flow": {k: list(v) if isinstance(v, tuple) else v for k, v in fkw.items()},
                   "printed": printed, "warnings": [str(w.message) for w in wrn],
                   "filenames": it.filenames, "samples": it.samples, "len": len(it)}
            if hasattr(it, "class_indices"):
                rec["class_indices"] = it.class_indices
                rec["classes"] = [list(c) if isinstance(c, (list, tuple)) else int(c) for c in it.classes]
            if with_batches:
                rec["batches"] = [[arr(a) for a in _flat(it[i])] for i in range(min(len(it), 2))]
            out.append(rec)
        return out
    finally:
        shutil.rmtree(root)


def record_smart_resize():
    cases = []
    specs = [
        ("f32_wide", (0, (5, 9, 3), "f32"), (4, 4), {}),
        ("u8_tall", (1, (9, 5, 2), "u8"), (3, 6), {}),
        ("u8_nearest", (1, (9, 5, 2), "u8"), (4, 4), dict(interpolation="nearest")),
        ("f64_bicubic", (2, (6, 7, 1), "f64"), (5, 5), dict(interpolation="bicubic")),
        ("batch", (3, (2, 6, 8, 3), "f32"), (3, 5), {}),
        ("channels_first", (4, (3, 7, 5), "f32"), (4, 2), dict(data_format="channels_first")),
        ("upscale", (5, (3, 4, 1), "f32"), (6, 9), {}),
    ]
    for cid, (seed, shape, kind), size, kw in specs:
        x = image(seed, shape, kind)
        y = I.smart_resize(x, size, **kw)
        cases.append({"id": cid, "input": arr(x), "size": list(size), "kwargs": kw, "output": arr(y),
                      "type": type(y).__name__})
    return cases


def record_simple():
    x = image(60, (3, 4, 5))
    shifts = [{"id": "channel_shift_ax0", "output": arr(I.apply_channel_shift(x.copy(), 40.0, 0))},
              {"id": "channel_shift_ax2", "output": arr(I.apply_channel_shift(x.copy(), -70.0, 2))}]
    xb = image(61, (4, 5, 3))
    xneg = image(62, (4, 5, 3), "f64") * 100
    bright = []
    for cid, a, b, scale in [("b_scale", xb, 1.3, True), ("b_noscale", xb, 0.6, False),
                             ("b_outside_noscale", xneg, 1.4, False), ("b_outside_scale", xneg, 0.8, True)]:
        bright.append({"id": cid, "input": arr(a), "brightness": b, "scale": scale,
                       "output": arr(I.apply_brightness_shift(a.copy(), b, scale))})
    return {"channel_shift": {"input": arr(x), "cases": shifts}, "brightness": bright}


def record_errors():
    def err(fn):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fn()
        except Exception as e:  # noqa: BLE001
            return [type(e).__name__, str(e)]
        return None

    x4 = np.zeros((4, 5, 5, 3), np.float32)
    g = I.ImageDataGenerator()
    cases = {
        "bad_data_format": lambda: I.ImageDataGenerator(data_format="channels_middle"),
        "bad_validation_split": lambda: I.ImageDataGenerator(validation_split=1.5),
        "bad_zoom": lambda: I.ImageDataGenerator(zoom_range=(0.5, 1.0, 2.0)),
        "bad_brightness": lambda: I.ImageDataGenerator(brightness_range=0.5),
        "flow_rank3": lambda: g.flow(np.zeros((4, 5, 5)), np.zeros(4)),
        "flow_len_mismatch": lambda: g.flow(x4, np.zeros(3)),
        "flow_weight_mismatch": lambda: g.flow(x4, np.zeros(4), sample_weight=np.ones(5)),
        "flow_bad_subset": lambda: g.flow(x4, np.zeros(4), subset="test"),
        "flow_class_split": lambda: I.ImageDataGenerator(validation_split=0.5).flow(
            x4, np.array([0, 0, 1, 1]), subset="training"),
        "getitem_past_end": lambda: g.flow(x4, np.zeros(4), batch_size=2)[2],
        "fit_rank3": lambda: g.fit(np.zeros((4, 5, 5))),
        "affine_same_axes": lambda: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, row_axis=1, col_axis=1),
        "affine_bad_axes": lambda: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, row_axis=1, col_axis=2,
                                                            channel_axis=3),
        "affine_rank2": lambda: I.apply_affine_transform(np.zeros((4, 4)), theta=3, row_axis=0, col_axis=1,
                                                         channel_axis=2),
        "affine_channel_middle": lambda: I.apply_affine_transform(np.zeros((4, 3, 4)), theta=3, row_axis=0,
                                                                  col_axis=2, channel_axis=1),
        "affine_bad_mode": lambda: I.apply_affine_transform(np.zeros((3, 4, 4)), theta=3, fill_mode="bogus"),
        "random_zoom_bad": lambda: I.random_zoom(np.zeros((3, 4, 4)), (0.5,)),
        "random_brightness_bad": lambda: I.random_brightness(np.zeros((4, 4, 3)), (0.5,)),
        "smart_resize_rank2": lambda: I.smart_resize(np.zeros((4, 4)), (2, 2)),
        "smart_resize_size": lambda: I.smart_resize(np.zeros((4, 4, 3)), (2,)),
        "smart_resize_kwarg": lambda: I.smart_resize(np.zeros((4, 4, 3)), (2, 2), foo=1),
    }
    out = {k: err(fn) for k, fn in cases.items()}
    root = tempfile.mkdtemp()
    try:
        build_tree(root)
        out["dir_bad_class_mode"] = err(lambda: g.flow_from_directory(root, class_mode="multi"))
        out["dir_bad_color_mode"] = err(lambda: g.flow_from_directory(root, color_mode="cmyk"))
        out["dir_bad_subset"] = err(lambda: I.ImageDataGenerator(validation_split=0.2).flow_from_directory(
            root, subset="test"))
    finally:
        shutil.rmtree(root)
    return out


def main():
    data = {"keras": tf.keras.__version__ if hasattr(tf.keras, "__version__") else "",
            "tensorflow": tf.__version__}
    data["affine"] = record_affine()
    data["random_params"] = record_random_params()
    data["flow"] = record_flow()
    data["standardize"] = record_standardize()
    data["directory"] = record_directory()
    data["smart_resize"] = record_smart_resize()
    data["simple"] = record_simple()
    data["errors"] = record_errors()
    data["dataframe"] = record_dataframe()
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    sys.exit(main())
