"""tf.image: random ops (ranges, seed determinism), tf.data map pipelines, NMS, codecs re-export."""
import numpy as np
import pytest

import tfkeras_shim as tf


def _img(shape=(2, 6, 8, 3), seed=0):
    return tf.constant(np.random.RandomState(seed).rand(*shape).astype(np.float32))


def _is_flip_of(out, x, axis):
    o, a = np.asarray(out), np.asarray(x)
    return np.array_equal(o, a) or np.array_equal(o, np.flip(a, axis))


@pytest.mark.covers("tf.image.random_flip_left_right", "tf.image.random_flip_up_down")
def test_random_flips_per_image_and_both_outcomes():
    x = _img((64, 3, 4, 1))
    y = tf.image.random_flip_left_right(x).numpy()
    a = x.numpy()
    flipped = [np.array_equal(y[i], a[i, :, ::-1]) for i in range(64)]
    same = [np.array_equal(y[i], a[i]) for i in range(64)]
    assert all(f or s for f, s in zip(flipped, same))
    assert 5 < sum(flipped) < 59          # chosen per image, both outcomes occur
    z = tf.image.random_flip_up_down(x[0])
    assert z.shape == (3, 4, 1) and _is_flip_of(z, x[0], 0)


@pytest.mark.covers("tf.image.random_flip_left_right", "tf.image.random_brightness", "tf.image.random_crop")
def test_seeded_random_ops_repeat_after_set_seed():
    x = _img()

    def run():
        tf.random.set_seed(7)
        return [tf.image.random_flip_left_right(x, seed=1).numpy(),
                tf.image.random_brightness(x, 0.3, seed=2).numpy(),
                tf.image.random_crop(x, [2, 3, 3, 3], seed=3).numpy(),
                tf.image.random_hue(x, 0.2, seed=4).numpy()]
    a, b = run(), run()
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)


@pytest.mark.covers("tf.image.stateless_random_flip_left_right", "tf.image.stateless_random_brightness",
                    "tf.image.stateless_random_contrast", "tf.image.stateless_random_crop",
                    "tf.image.stateless_random_saturation", "tf.image.stateless_random_hue",
                    "tf.image.stateless_random_flip_up_down")
def test_stateless_ops_are_functions_of_the_seed():
    x = _img()
    for fn in (lambda s: tf.image.stateless_random_flip_left_right(x, s),
               lambda s: tf.image.stateless_random_flip_up_down(x, s),
               lambda s: tf.image.stateless_random_brightness(x, 0.3, s),
               lambda s: tf.image.stateless_random_contrast(x, 0.2, 1.8, s),
               lambda s: tf.image.stateless_random_saturation(x, 0.2, 1.8, s),
               lambda s: tf.image.stateless_random_hue(x, 0.3, s),
               lambda s: tf.image.stateless_random_crop(x, [1, 3, 3, 3], s)):
        np.testing.assert_array_equal(fn((1, 2)).numpy(), fn([1, 2]).numpy())
    outs = {tf.image.stateless_random_brightness(x, 0.5, (i, 0)).numpy().tobytes() for i in range(5)}
    assert len(outs) > 1


@pytest.mark.covers("tf.image.random_brightness", "tf.image.random_contrast", "tf.image.random_saturation",
                    "tf.image.random_hue")
def test_random_colour_ops_stay_in_range():
    x = _img()
    for _ in range(10):
        d = (tf.image.random_brightness(x, 0.2) - x).numpy()
        assert np.allclose(d, d.flat[0], atol=1e-6) and abs(d.flat[0]) <= 0.2 + 1e-6
    u = tf.constant(np.full((4, 4, 3), 100, np.uint8))
    y = tf.image.random_brightness(u, 0.1)
    assert y.dtype == tf.uint8 and abs(int(y.numpy()[0, 0, 0]) - 100) <= 26
    c = tf.image.random_contrast(x, 0.5, 1.5)
    assert c.shape == x.shape and c.dtype == tf.float32
    s = tf.image.random_saturation(tf.constant(np.full((2, 2, 3), 7, np.uint8)), 0.5, 1.5)
    assert s.dtype == tf.uint8 and np.all(s.numpy() == 7)          # grey pixels keep their value
    h = tf.image.random_hue(x, 0.5)
    np.testing.assert_allclose(tf.reduce_max(h, -1).numpy(), tf.reduce_max(x, -1).numpy(), rtol=1e-5)


@pytest.mark.covers("tf.image.random_crop")
def test_random_crop_takes_a_window():
    x = tf.reshape(tf.range(5 * 7), [5, 7, 1])
    seen = set()
    for _ in range(40):
        c = tf.image.random_crop(x, [2, 3, 1]).numpy()[..., 0]
        r, q = divmod(int(c[0, 0]), 7)
        np.testing.assert_array_equal(c, x.numpy()[r:r + 2, q:q + 3, 0])
        seen.add((r, q))
    assert len(seen) > 5 and all(r <= 3 and q <= 4 for r, q in seen)


@pytest.mark.covers("tf.data.Dataset.map", "tf.image.resize", "tf.image.convert_image_dtype",
                    "tf.image.random_flip_left_right", "tf.image.resize_with_crop_or_pad")
def test_in_dataset_map_pipeline():
    imgs = np.random.RandomState(0).randint(0, 256, (6, 10, 12, 3)).astype(np.uint8)
    labels = np.arange(6)

    def prep(image, label):
        image = tf.image.convert_image_dtype(image, tf.float32)
        image = tf.image.resize(image, [8, 8])
        image = tf.image.random_flip_left_right(image)
        image = tf.image.resize_with_crop_or_pad(image, 10, 10)
        return image, label

    ds = tf.data.Dataset.from_tensor_slices((imgs, labels)).map(prep).batch(4)
    batches = list(ds)
    assert [b[0].shape for b in batches] == [(4, 10, 10, 3), (2, 10, 10, 3)]
    x = batches[0][0].numpy()
    assert x.dtype == np.float32 and x.min() >= 0 and x.max() <= 1
    assert np.all(x[:, 0] == 0) and np.all(x[:, :, 0] == 0)        # padding
    ds2 = tf.data.Dataset.from_tensor_slices(imgs).batch(3).map(
        lambda b: tf.image.per_image_standardization(tf.image.resize(b, [4, 4], "nearest")))
    out = next(iter(ds2))
    assert out.shape == (3, 4, 4, 3) and out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy().mean(axis=(1, 2, 3)), 0, atol=1e-5)


@pytest.mark.covers("tf.image.non_max_suppression")
def test_nms_scores_order_and_cap():
    boxes = tf.constant([[0, 0, 1, 1], [0, 0.05, 1, 1.05], [0, 5, 1, 6], [0, 9, 1, 10]], tf.float32)
    scores = tf.constant([0.2, 0.9, 0.5, 0.7])
    keep = tf.image.non_max_suppression(boxes, scores, max_output_size=10)
    assert keep.dtype == tf.int32 and keep.numpy().tolist() == [1, 3, 2]
    assert tf.image.non_max_suppression(boxes, scores, 2).numpy().tolist() == [1, 3]
    sel = tf.gather(boxes, keep)
    assert sel.shape == (3, 4)


@pytest.mark.covers("tf.image.decode_png", "tf.image.encode_png", "tf.image.decode_image")
def test_codecs_are_reexported():
    pytest.importorskip("PIL")
    x = tf.constant(np.random.RandomState(0).randint(0, 256, (4, 5, 3)).astype(np.uint8))
    data = tf.image.encode_png(x)
    np.testing.assert_array_equal(tf.image.decode_png(data).numpy(), x.numpy())
    np.testing.assert_array_equal(tf.image.decode_image(data).numpy(), x.numpy())
    assert tf.image.decode_png is tf.io.decode_png


@pytest.mark.covers("tf.image.resize", "tf.image.ResizeMethod")
def test_resize_accepts_numpy_and_lists():
    y = tf.image.resize(np.ones((3, 3, 1), np.float64), (5, 5), method=tf.image.ResizeMethod.BICUBIC)
    assert y.dtype == tf.float32 and y.shape == (5, 5, 1)
    np.testing.assert_allclose(y.numpy(), 1, rtol=1e-6)
    z = tf.image.flip_left_right([[[1], [2]]])
    assert z.numpy().tolist() == [[[2], [1]]] and z.dtype == tf.int32


@pytest.mark.covers("tf.image.ssim", "tf.image.resize", "tf.GradientTape.gradient")
def test_gradients_flow_through_resize_and_ssim():
    x = tf.Variable(_img((1, 16, 16, 3)))
    ref = _img((1, 16, 16, 3), seed=1)
    with tf.GradientTape() as tape:
        y = tf.image.resize(x, [12, 12], method="bicubic")
        loss = 1.0 - tf.reduce_mean(tf.image.ssim(y, tf.image.resize(ref, [12, 12]), max_val=1.0, filter_size=5))
    g = tape.gradient(loss, x)
    assert g is not None and g.shape == (1, 16, 16, 3) and np.isfinite(g.numpy()).all()
    assert np.abs(g.numpy()).sum() > 0


@pytest.mark.covers("tf.image.random_jpeg_quality", "tf.image.adjust_jpeg_quality")
def test_jpeg_quality_round_trip_keeps_dtype_and_shape():
    pytest.importorskip("PIL")
    yy, xx = np.mgrid[0:16, 0:20]
    u = np.stack([yy * 8, xx * 6, (yy + xx) * 3], -1).astype(np.uint8)
    a = tf.image.adjust_jpeg_quality(u, 90)
    assert a.dtype == tf.uint8 and a.shape == (16, 20, 3)
    assert np.abs(a.numpy().astype(int) - u).max() < 20
    f = tf.image.random_jpeg_quality(tf.image.convert_image_dtype(u, tf.float32), 70, 95)
    assert f.dtype == tf.float32 and 0 <= f.numpy().min() and f.numpy().max() <= 1
