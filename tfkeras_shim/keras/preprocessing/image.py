"""keras.preprocessing.image (the Keras 2 module path tf.keras still has): the image helpers of
keras.utils, `smart_resize`, and the deprecated ImageDataGenerator with its iterators and
transform functions (image_data_generator.py)."""
from ..utils.image_utils import array_to_img, img_to_array, load_img, save_img  # noqa: F401
from .image_data_generator import (DirectoryIterator, ImageDataGenerator,  # noqa: F401
                                   Iterator, NumpyArrayIterator, apply_affine_transform,
                                   apply_brightness_shift, apply_channel_shift, random_brightness,
                                   random_channel_shift, random_rotation, random_shear, random_shift,
                                   random_zoom, smart_resize)

__all__ = ["DirectoryIterator", "ImageDataGenerator", "Iterator", "NumpyArrayIterator",
           "apply_affine_transform", "apply_brightness_shift", "apply_channel_shift", "array_to_img",
           "img_to_array", "load_img", "random_brightness", "random_channel_shift", "random_rotation",
           "random_shear", "random_shift", "random_zoom", "save_img", "smart_resize"]
