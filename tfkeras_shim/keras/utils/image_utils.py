"""keras.utils.load_img / img_to_array / array_to_img / save_img (Keras 3 semantics).

Images are Pillow images, as in Keras: Pillow is an optional dependency (`pip install Pillow`,
or the `image` extra) imported on first use; without it `load_img`, `array_to_img` and
`save_img` raise ImportError (`img_to_array` of an array or tensor works without it).
Arrays are numpy, float32 (`keras.config.floatx()`) unless `dtype` says otherwise, in
`keras.config.image_data_format()` layout unless `data_format` says otherwise.
"""
import io
import pathlib
import warnings

import numpy as np

from .. import backend

__all__ = ["load_img", "img_to_array", "array_to_img", "save_img"]

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def _pil(fn):
    try:
        from PIL import Image
    except ImportError:
        raise ImportError(f"Could not import PIL.Image. The use of `{fn}` requires PIL: "
                          "`pip install Pillow` (or `pip install tfkeras_shim[image]`).") from None
    return Image


def _data_format(data_format):
    if data_format is None:
        return backend.image_data_format()
    value = str(data_format).lower()
    if value not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', "
                         f"'channels_last'}}. Received: data_format={value}")
    return value


def _dtype(dtype):
    return backend.floatx() if dtype is None else getattr(dtype, "name", dtype)


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest",
             keep_aspect_ratio=False):
    """Read an image file (path, pathlib.Path, bytes path or io.BytesIO) as a PIL image.

    color_mode: "rgb" (default), "rgba" or "grayscale" (8-bit "L", kept 16/32-bit if so).
    target_size: (height, width) to resize to with `interpolation` ("nearest" default,
    "bilinear", "bicubic", "hamming", "box", "lanczos"); `keep_aspect_ratio` crops the
    centre to the target's aspect ratio first.
    """
    Image = _pil("load_img")
    if isinstance(path, io.BytesIO):
        img = Image.open(path)
    elif isinstance(path, (pathlib.Path, bytes, str)):
        if isinstance(path, pathlib.Path):
            path = str(path.resolve())
        with open(path, "rb") as f:
            img = Image.open(io.BytesIO(f.read()))
    else:
        raise TypeError(f"path should be path-like or io.BytesIO, not {type(path)}")

    if color_mode == "grayscale":
        if img.mode not in ("L", "I;16", "I"):  # 16/32-bit grayscale stays as it is
            img = img.convert("L")
    elif color_mode == "rgba":
        if img.mode != "RGBA":
            img = img.convert("RGBA")
    elif color_mode == "rgb":
        if img.mode != "RGB":
            img = img.convert("RGB")
    else:
        raise ValueError('color_mode must be "grayscale", "rgb", or "rgba"')

    if target_size is None:
        return img
    size = (int(target_size[1]), int(target_size[0]))  # PIL sizes are (width, height)
    if img.size == size:
        return img
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(f"Invalid interpolation method {interpolation} specified. Supported "
                         f"methods are {', '.join(_INTERPOLATIONS)}")
    resampling = getattr(Image, "Resampling", Image)
    resample = getattr(resampling, interpolation.upper())
    if not keep_aspect_ratio:
        return img.resize(size, resample)
    w, h = img.size
    tw, th = size
    crop_w = min(w, h * tw // th)
    crop_h = min(h, w * th // tw)
    left = (w - crop_w) // 2
    top = (h - crop_h) // 2
    return img.resize(size, resample, box=(left, top, left + crop_w, top + crop_h))


def img_to_array(img, data_format=None, dtype=None):
    """A PIL image (or array / tensor) as a rank-3 numpy array (HWC, or CHW for
    channels_first); grayscale images get a channel axis of 1."""
    data_format = _data_format(data_format)
    x = np.asarray(img, dtype=_dtype(dtype))
    if x.ndim == 3:
        return x.transpose(2, 0, 1) if data_format == "channels_first" else x
    if x.ndim == 2:
        return x[None] if data_format == "channels_first" else x[:, :, None]
    raise ValueError(f"Unsupported image shape: {x.shape}")


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A rank-3 array as a PIL image: 3 channels RGB, 4 RGBA, 1 "L" (or 32-bit "I" when values
    exceed 255). `scale` maps min..max to 0..255 first; values are then truncated to uint8."""
    data_format = _data_format(data_format)
    dtype = _dtype(dtype)
    Image = _pil("array_to_img")
    x = np.asarray(x, dtype=dtype)
    if x.ndim != 3:
        raise ValueError("Expected image array to have rank 3 (single image). Got array with "
                         f"shape: {x.shape}")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        top = np.max(x)
        if top != 0:
            x /= top
        x *= 255
    channels = x.shape[2]
    if channels == 4:
        return Image.fromarray(x.astype("uint8"), "RGBA")
    if channels == 3:
        return Image.fromarray(x.astype("uint8"), "RGB")
    if channels == 1:
        if np.max(x) > 255:
            return Image.fromarray(x[:, :, 0].astype("int32"), "I")
        return Image.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"Unsupported channel number: {channels}")


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Write an image array to a path or file object (`file_format` from the extension unless
    given; RGBA saved as JPEG is converted to RGB with a warning). `kwargs` go to PIL's save."""
    data_format = _data_format(data_format)
    if file_format is None and isinstance(path, (str, pathlib.Path)):
        file_format = pathlib.Path(path).suffix[1:].lower()
    if file_format and file_format.lower() == "jpg":
        file_format = "jpeg"
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and file_format == "jpeg":
        warnings.warn("The JPEG format does not support RGBA images, converting to RGB.",
                      stacklevel=2)
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)
