"""keras.preprocessing.image (the Keras 2 module path tf.keras still has): the image helpers
of keras.utils. Missing: ImageDataGenerator and its iterators, smart_resize, the random_*
transform functions."""
from ..utils.image_utils import array_to_img, img_to_array, load_img, save_img  # noqa: F401
