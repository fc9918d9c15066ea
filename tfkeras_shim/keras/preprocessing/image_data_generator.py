"""tf.keras.preprocessing.image.ImageDataGenerator and its iterators (Keras 3's legacy code).

Like Keras, everything here runs in numpy on the host, one image at a time, and the iterators
hand out numpy batches; `model.fit(iterator)` takes them as a `keras.utils.PyDataset` (the
Iterator base class is one) and moves each batch to the device.

Same numbers as tf.keras:
* Random draws use numpy's global RNG with Keras's exact sequence of calls (`np.random.seed(seed
  + total_batches_seen)` per batch, then per image the rotation, shifts, shear, zoom, the two flip
  draws, channel shift, brightness), so a seeded iterator yields the very batches tf.keras
  yields: same order, same transforms.
* Affine resampling (rotation/shift/shear/zoom) is scipy.ndimage.affine_transform's, reproduced in
  numpy by `_ndimage.py` (bit-identical for interpolation orders 0 and 1 in the modes "constant",
  "nearest", "reflect", "wrap", "mirror"): scipy is not needed. Orders 2..5 use scipy when
  installed (ImportError otherwise).
* `standardize`, `fit` (mean/std/ZCA) are the same numpy expressions (ZCA's SVD may differ in the
  last bits where numpy's LAPACK differs).
* Brightness shifts go through Pillow's ImageEnhance as in Keras (Pillow is an optional
  dependency; `brightness_range` and `apply_brightness_shift` need it, as do `flow_from_directory`
  batches and `save_to_dir`).
Differences: no thread pool while listing directories (the order is the same); the
`flow_from_dataframe` path needs pandas, as in Keras.
"""
import collections
import math
import os
import threading
import warnings

import numpy as np

from .. import backend
from ..utils import image_utils
from ..utils.data_utils import PyDataset
from ..utils.io_utils import print_msg
from ._ndimage import affine_transform_channels

__all__ = ["Iterator", "DirectoryIterator", "NumpyArrayIterator", "DataFrameIterator",
           "ImageDataGenerator", "apply_affine_transform", "apply_brightness_shift",
           "apply_channel_shift", "random_rotation", "random_shift", "random_shear", "random_zoom",
           "random_brightness", "random_channel_shift", "smart_resize", "flip_axis",
           "transform_matrix_offset_center"]


# ---------------------------------------------------------------------------------------------
# iterators


class Iterator(PyDataset):
    """Base class of the image iterators: a PyDataset of `ceil(n / batch_size)` batches that is
    also a Python iterator (`next(it)` cycles forever, reshuffling at each pass).

    Subclasses implement `_get_batches_of_transformed_samples(index_array)`.
    """

    white_list_formats = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")

    def __init__(self, n, batch_size, shuffle, seed, **kwargs):
        super().__init__(**kwargs)
        self.n = n
        self.batch_size = batch_size
        self.seed = seed
        self.shuffle = shuffle
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self.index_array = None
        self.index_generator = self._flow_index()

    def _set_index_array(self):
        self.index_array = np.random.permutation(self.n) if self.shuffle else np.arange(self.n)

    def __getitem__(self, idx):
        if idx >= len(self):
            raise ValueError(f"Asked to retrieve element {idx}, but the Sequence has length {len(self)}")
        if self.seed is not None:
            np.random.seed(self.seed + self.total_batches_seen)
        self.total_batches_seen += 1
        if self.index_array is None:
            self._set_index_array()
        start = self.batch_size * idx
        return self._get_batches_of_transformed_samples(self.index_array[start:start + self.batch_size])

    def __len__(self):
        return (self.n + self.batch_size - 1) // self.batch_size

    def on_epoch_end(self):
        self._set_index_array()

    def reset(self):
        self.batch_index = 0

    def _flow_index(self):
        self.reset()
        while True:
            if self.seed is not None:
                np.random.seed(self.seed + self.total_batches_seen)
            if self.batch_index == 0:
                self._set_index_array()
            current = (self.batch_index * self.batch_size) % self.n if self.n else 0
            if self.n > current + self.batch_size:
                self.batch_index += 1
            else:
                self.batch_index = 0
            self.total_batches_seen += 1
            yield self.index_array[current:current + self.batch_size]

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            index_array = next(self.index_generator)
        return self._get_batches_of_transformed_samples(index_array)

    def _get_batches_of_transformed_samples(self, index_array):
        raise NotImplementedError


def _iter_valid_files(directory, white_list_formats, follow_links):
    """(root, filename) of the files under `directory` with an allowed extension, folders in
    sorted path order and files sorted within each."""
    for root, _, files in sorted(os.walk(directory, followlinks=follow_links), key=lambda t: t[0]):
        for fname in sorted(files):
            if fname.lower().endswith(".tiff"):
                warnings.warn('Using ".tiff" files with multiple bands will cause distortion. '
                              "Please verify your output.", stacklevel=2)
            if fname.lower().endswith(white_list_formats):
                yield root, fname


def _list_valid_filenames_in_directory(directory, white_list_formats, split, class_indices, follow_links):
    """(class indices, paths relative to the parent of `directory`) of one class folder; `split`
    = (start, stop) fractions keeps that slice of the folder's files."""
    dirname = os.path.basename(directory)
    files = list(_iter_valid_files(directory, white_list_formats, follow_links))
    if split:
        start, stop = int(split[0] * len(files)), int(split[1] * len(files))
        files = files[start:stop]
    classes, filenames = [], []
    for root, fname in files:
        classes.append(class_indices[dirname])
        filenames.append(os.path.join(dirname, os.path.relpath(os.path.join(root, fname), directory)))
    return classes, filenames


class BatchFromFilesMixin:
    """Loading, transforming and labelling batches of image files (DirectoryIterator and
    DataFrameIterator)."""

    def set_processing_attrs(self, image_data_generator, target_size, color_mode, data_format, save_to_dir,
                             save_prefix, save_format, subset, interpolation, keep_aspect_ratio):
        self.image_data_generator = image_data_generator
        self.target_size = tuple(target_size)
        self.keep_aspect_ratio = keep_aspect_ratio
        if color_mode not in {"rgb", "rgba", "grayscale"}:
            raise ValueError(f'Invalid color mode: {color_mode}; expected "rgb", "rgba", or "grayscale".')
        self.color_mode = color_mode
        self.data_format = data_format
        channels = {"rgba": 4, "rgb": 3, "grayscale": 1}[color_mode]
        self.image_shape = (self.target_size + (channels,) if data_format == "channels_last"
                            else (channels,) + self.target_size)
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format
        self.interpolation = interpolation
        split = None
        if subset is not None:
            validation_split = self.image_data_generator._validation_split
            if subset == "validation":
                split = (0, validation_split)
            elif subset == "training":
                split = (validation_split, 1)
            else:
                raise ValueError(f'Invalid subset name: {subset};expected "training" or "validation"')
        self.split = split
        self.subset = subset

    def _get_batches_of_transformed_samples(self, index_array):
        batch_x = np.zeros((len(index_array),) + self.image_shape, dtype=self.dtype)
        filepaths = self.filepaths
        gen = self.image_data_generator
        for i, j in enumerate(index_array):
            img = image_utils.load_img(filepaths[j], color_mode=self.color_mode, target_size=self.target_size,
                                       interpolation=self.interpolation, keep_aspect_ratio=self.keep_aspect_ratio)
            x = image_utils.img_to_array(img, data_format=self.data_format)
            if hasattr(img, "close"):
                img.close()
            if gen:
                params = gen.get_random_transform(x.shape)
                x = gen.apply_transform(x, params)
                x = gen.standardize(x)
            batch_x[i] = x
        if self.save_to_dir:
            for i, j in enumerate(index_array):
                img = image_utils.array_to_img(batch_x[i], self.data_format, scale=True)
                fname = f"{self.save_prefix}_{j}_{np.random.randint(1e7)}.{self.save_format}"
                img.save(os.path.join(self.save_to_dir, fname))
        mode = self.class_mode
        if mode == "input":
            batch_y = batch_x.copy()
        elif mode in {"binary", "sparse"}:
            batch_y = np.asarray(self.classes, dtype=self.dtype)[index_array]
        elif mode == "categorical":
            batch_y = np.zeros((len(batch_x), len(self.class_indices)), dtype=self.dtype)
            for i, k in enumerate(index_array):
                batch_y[i, self.classes[k]] = 1.0
        elif mode == "multi_output":
            batch_y = [out[index_array] for out in self.labels]
        elif mode == "raw":
            batch_y = self.labels[index_array]
        else:
            return batch_x
        if self.sample_weight is None:
            return batch_x, batch_y
        return batch_x, batch_y, self.sample_weight[index_array]

    @property
    def filepaths(self):
        raise NotImplementedError(f"`filepaths` property method has not been implemented in {type(self).__name__}.")

    @property
    def labels(self):
        raise NotImplementedError(f"`labels` property method has not been implemented in {type(self).__name__}.")

    @property
    def sample_weight(self):
        raise NotImplementedError(
            f"`sample_weight` property method has not been implemented in {type(self).__name__}.")


class DirectoryIterator(BatchFromFilesMixin, Iterator):
    """Batches of images read from `directory/<class>/...` (sub-folders searched recursively).

    Attributes as in Keras: `class_indices` (name -> index, classes sorted by folder name unless
    `classes` is given), `classes` (int32 label per file), `filenames` (relative to
    `directory`), `filepaths`, `samples`, `num_classes`. Prints "Found N images belonging to K
    classes.".
    """

    allowed_class_modes = {"categorical", "binary", "sparse", "input", None}

    def __init__(self, directory, image_data_generator, target_size=(256, 256), color_mode="rgb", classes=None,
                 class_mode="categorical", batch_size=32, shuffle=True, seed=None, data_format=None,
                 save_to_dir=None, save_prefix="", save_format="png", follow_links=False, subset=None,
                 interpolation="nearest", keep_aspect_ratio=False, dtype=None):
        if data_format is None:
            data_format = backend.image_data_format()
        if dtype is None:
            dtype = backend.floatx()
        super().set_processing_attrs(image_data_generator, target_size, color_mode, data_format, save_to_dir,
                                     save_prefix, save_format, subset, interpolation, keep_aspect_ratio)
        self.directory = directory
        self.classes = classes
        if class_mode not in self.allowed_class_modes:
            raise ValueError(f"Invalid class_mode: {class_mode}; expected one of: {self.allowed_class_modes}")
        self.class_mode = class_mode
        self.dtype = dtype
        self.samples = 0
        if not classes:
            classes = [d for d in sorted(os.listdir(directory)) if os.path.isdir(os.path.join(directory, d))]
        self.num_classes = len(classes)
        self.class_indices = dict(zip(classes, range(len(classes))))
        labels, self.filenames = [], []
        for name in classes:
            lab, files = _list_valid_filenames_in_directory(os.path.join(directory, name), self.white_list_formats,
                                                            self.split, self.class_indices, follow_links)
            labels += lab
            self.filenames += files
        self.samples = len(self.filenames)
        self.classes = np.array(labels, dtype="int32").reshape(self.samples)
        print_msg(f"Found {self.samples} images belonging to {self.num_classes} classes.")
        self._filepaths = [os.path.join(self.directory, f) for f in self.filenames]
        super().__init__(self.samples, batch_size, shuffle, seed)

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        return self.classes

    @property
    def sample_weight(self):
        return None


class NumpyArrayIterator(Iterator):
    """Batches of (transformed, standardized) images from a rank-4 array, with labels `y`,
    `sample_weight`, and extra inputs when `x` is `(images, other_array_or_list)`."""

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False, sample_weight=None, seed=None,
                 data_format=None, save_to_dir=None, save_prefix="", save_format="png", subset=None,
                 ignore_class_split=False, dtype=None):
        if data_format is None:
            data_format = backend.image_data_format()
        if dtype is None:
            dtype = backend.floatx()
        self.dtype = dtype
        x, y, sample_weight = _host(x), _host(y), _host(sample_weight)
        x_misc = []
        if isinstance(x, (tuple, list)):
            extra = x[1]
            x_misc = [np.asarray(a) for a in extra] if isinstance(extra, list) else [np.asarray(extra)]
            x = x[0]
            for a in x_misc:
                if len(x) != len(a):
                    raise ValueError("All of the arrays in `x` should have the same length. Found a pair with: "
                                     f"len(x[0]) = {len(x)}, len(x[?]) = {len(a)}")
        if y is not None and len(x) != len(y):
            raise ValueError("`x` (images tensor) and `y` (labels) should have the same length. Found: "
                             f"x.shape = {np.asarray(x).shape}, y.shape = {np.asarray(y).shape}")
        if sample_weight is not None and len(x) != len(sample_weight):
            raise ValueError("`x` (images tensor) and `sample_weight` should have the same length. Found: "
                             f"x.shape = {np.asarray(x).shape}, "
                             f"sample_weight.shape = {np.asarray(sample_weight).shape}")
        if subset is not None:
            if subset not in {"training", "validation"}:
                raise ValueError(f'Invalid subset name: {subset}; expected "training" or "validation".')
            split_idx = int(len(x) * image_data_generator._validation_split)
            if (y is not None and not ignore_class_split
                    and not np.array_equal(np.unique(y[:split_idx]), np.unique(y[split_idx:]))):
                raise ValueError("Training and validation subsets have different number of classes after the split. "
                                 "If your numpy arrays are sorted by the label, you might want to shuffle them.")
            part = slice(None, split_idx) if subset == "validation" else slice(split_idx, None)
            x = x[part]
            x_misc = [np.asarray(a[part]) for a in x_misc]
            if y is not None:
                y = y[part]
        self.x = np.asarray(x, dtype=self.dtype)
        self.x_misc = x_misc
        if self.x.ndim != 4:
            raise ValueError(f"Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape "
                             f"{self.x.shape}")
        channels_axis = 3 if data_format == "channels_last" else 1
        if self.x.shape[channels_axis] not in {1, 3, 4}:
            warnings.warn(f'NumpyArrayIterator is set to use the data format convention "{data_format}" (channels on '
                          f"axis {channels_axis}), i.e. expected either 1, 3, or 4 channels on axis {channels_axis}. "
                          f"However, it was passed an array with shape {self.x.shape} "
                          f"({self.x.shape[channels_axis]} channels).", stacklevel=2)
        self.y = np.asarray(y) if y is not None else None
        self.sample_weight = np.asarray(sample_weight) if sample_weight is not None else None
        self.image_data_generator = image_data_generator
        self.data_format = data_format
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format
        super().__init__(x.shape[0], batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array):
        batch_x = np.zeros((len(index_array),) + self.x.shape[1:], dtype=self.dtype)
        gen = self.image_data_generator
        for i, j in enumerate(index_array):
            x = self.x[j]
            params = gen.get_random_transform(x.shape)
            x = gen.apply_transform(x.astype(self.dtype), params)
            batch_x[i] = gen.standardize(x)
        if self.save_to_dir:
            for i, j in enumerate(index_array):
                img = image_utils.array_to_img(batch_x[i], self.data_format, scale=True)
                fname = f"{self.save_prefix}_{j}_{np.random.randint(1e4)}.{self.save_format}"
                img.save(os.path.join(self.save_to_dir, fname))
        miscs = [a[index_array] for a in self.x_misc]
        inputs = [batch_x] + miscs if miscs else batch_x
        if self.y is None:
            return inputs
        if self.sample_weight is None:
            return inputs, self.y[index_array]
        return inputs, self.y[index_array], self.sample_weight[index_array]


def _host(v):
    """Tensors (shim or torch) as numpy arrays; lists/tuples of them element-wise."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return type(v)(_host(a) for a in v)
    if hasattr(v, "numpy") and not isinstance(v, np.ndarray):
        try:
            return v.numpy()
        except Exception:  # noqa: BLE001 - e.g. a torch tensor that needs detach()
            return v.detach().cpu().numpy()
    return v


def validate_filename(filename, white_list_formats):
    """Whether `filename` is an existing file with an allowed extension."""
    return filename.lower().endswith(white_list_formats) and os.path.isfile(filename)


class DataFrameIterator(BatchFromFilesMixin, Iterator):
    """Batches of images listed in a pandas DataFrame (`x_col` file names, `y_col` labels)."""

    allowed_class_modes = {"binary", "categorical", "input", "multi_output", "raw", "sparse", None}

    def __init__(self, dataframe, directory=None, image_data_generator=None, x_col="filename", y_col="class",
                 weight_col=None, target_size=(256, 256), color_mode="rgb", classes=None, class_mode="categorical",
                 batch_size=32, shuffle=True, seed=None, data_format="channels_last", save_to_dir=None,
                 save_prefix="", save_format="png", subset=None, interpolation="nearest", keep_aspect_ratio=False,
                 dtype="float32", validate_filenames=True):
        super().set_processing_attrs(image_data_generator, target_size, color_mode, data_format, save_to_dir,
                                     save_prefix, save_format, subset, interpolation, keep_aspect_ratio)
        df = dataframe.copy()
        self.directory = directory or ""
        self.class_mode = class_mode
        self.dtype = dtype
        self._check_params(df, x_col, y_col, weight_col, classes)
        if validate_filenames:
            df = self._filter_valid_filepaths(df, x_col)
        labelled = class_mode not in ["input", "multi_output", "raw", None]
        if labelled:
            df, classes = self._filter_classes(df, y_col, classes)
            num_classes = len(classes)
            self.class_indices = dict(zip(classes, range(len(classes))))
        if self.split:
            n = len(df)
            df = df.iloc[int(self.split[0] * n):int(self.split[1] * n), :]
        if labelled:
            self.classes = self.get_classes(df, y_col)
        self.filenames = df[x_col].tolist()
        self._sample_weight = df[weight_col].values if weight_col else None
        if class_mode == "multi_output":
            self._targets = [np.array(df[col].tolist()) for col in y_col]
        if class_mode == "raw":
            self._targets = df[y_col].values
        self.samples = len(self.filenames)
        validated = "validated" if validate_filenames else "non-validated"
        if labelled:
            print_msg(f"Found {self.samples} {validated} image filenames belonging to {num_classes} classes.")
        else:
            print_msg(f"Found {self.samples} {validated} image filenames.")
        self._filepaths = [os.path.join(self.directory, f) for f in self.filenames]
        super().__init__(self.samples, batch_size, shuffle, seed)

    def _check_params(self, df, x_col, y_col, weight_col, classes):
        if self.class_mode not in self.allowed_class_modes:
            raise ValueError(f"Invalid class_mode: {self.class_mode}; expected one of: {self.allowed_class_modes}")
        if self.class_mode == "multi_output" and not isinstance(y_col, list):
            raise TypeError(f'If class_mode="{self.class_mode}", y_col must be a list. Received '
                            f"{type(y_col).__name__}.")
        if not all(isinstance(v, str) for v in df[x_col]):
            raise TypeError(f"All values in column x_col={x_col} must be strings.")
        if self.class_mode in {"binary", "sparse"} and not all(isinstance(v, str) for v in df[y_col]):
            raise TypeError(f'If class_mode="{self.class_mode}", y_col="{y_col}" column values must be strings.')
        if self.class_mode == "binary":
            if classes:
                if len(set(classes)) != 2:
                    raise ValueError(f'If class_mode="binary" there must be 2 classes. {len(set(classes))} '
                                     "class/es were given.")
            elif df[y_col].nunique() != 2:
                raise ValueError(f'If class_mode="binary" there must be 2 classes. Found {df[y_col].nunique()} '
                                 "classes.")
        if self.class_mode == "categorical" and not all(isinstance(v, (str, list, tuple)) for v in df[y_col]):
            raise TypeError(f'If class_mode="{self.class_mode}", y_col="{y_col}" column values must be type string, '
                            "list or tuple.")
        if classes and self.class_mode in {"input", "multi_output", "raw", None}:
            warnings.warn(f'`classes` will be ignored given the class_mode="{self.class_mode}"', stacklevel=3)
        if weight_col and not issubclass(df[weight_col].dtype.type, np.number):
            raise TypeError(f"Column weight_col={weight_col} must be numeric.")

    def get_classes(self, df, y_col):
        return [[self.class_indices[v] for v in lab] if isinstance(lab, (list, tuple)) else self.class_indices[lab]
                for lab in df[y_col]]

    @staticmethod
    def _filter_classes(df, y_col, classes):
        df = df.copy()

        def keep(labels, wanted):
            if isinstance(labels, (list, tuple)):
                return [c for c in labels if c in wanted] or None
            if isinstance(labels, str):
                return labels if labels in wanted else None
            raise TypeError(f"Expect string, list or tuple but found {type(labels)} in {y_col} column ")

        if classes:
            classes = list(collections.OrderedDict.fromkeys(classes).keys())
            df[y_col] = df[y_col].apply(lambda v: keep(v, classes))
        else:
            found = set()
            for v in df[y_col]:
                found.update(v) if isinstance(v, (list, tuple)) else found.add(v)
            classes = sorted(found)
        return df.dropna(subset=[y_col]), classes

    def _filter_valid_filepaths(self, df, x_col):
        paths = df[x_col].map(lambda f: os.path.join(self.directory, f))
        mask = paths.apply(validate_filename, args=(self.white_list_formats,))
        n_invalid = int((~mask).sum())
        if n_invalid:
            warnings.warn(f'Found {n_invalid} invalid image filename(s) in x_col="{x_col}". These filename(s) will be '
                          "ignored.", stacklevel=3)
        return df[mask]

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        return self._targets if self.class_mode in {"multi_output", "raw"} else self.classes

    @property
    def sample_weight(self):
        return self._sample_weight


# ---------------------------------------------------------------------------------------------
# ImageDataGenerator


def flip_axis(x, axis):
    """`x` reversed along `axis` (a view)."""
    x = np.asarray(x).swapaxes(axis, 0)
    return x[::-1, ...].swapaxes(0, axis)


_UNFIT = ("This ImageDataGenerator specifies `{}`, but it hasn't been fit on any training data. Fit it first by "
          "calling `.fit(numpy_data)`.")


class ImageDataGenerator:
    """Real-time image augmentation and normalization (Keras's deprecated generator, as
    tf.keras 2.21 still ships it). See the module docstring for what matches TF exactly."""

    def __init__(self, featurewise_center=False, samplewise_center=False, featurewise_std_normalization=False,
                 samplewise_std_normalization=False, zca_whitening=False, zca_epsilon=1e-6, rotation_range=0,
                 width_shift_range=0.0, height_shift_range=0.0, brightness_range=None, shear_range=0.0,
                 zoom_range=0.0, channel_shift_range=0.0, fill_mode="nearest", cval=0.0, horizontal_flip=False,
                 vertical_flip=False, rescale=None, preprocessing_function=None, data_format=None,
                 validation_split=0.0, interpolation_order=1, dtype=None):
        if data_format is None:
            data_format = backend.image_data_format()
        if dtype is None:
            dtype = backend.floatx()
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening = zca_whitening
        self.zca_epsilon = zca_epsilon
        self.rotation_range = rotation_range
        self.width_shift_range = width_shift_range
        self.height_shift_range = height_shift_range
        self.shear_range = shear_range
        self.zoom_range = zoom_range
        self.channel_shift_range = channel_shift_range
        self.fill_mode = fill_mode
        self.cval = cval
        self.horizontal_flip = horizontal_flip
        self.vertical_flip = vertical_flip
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.dtype = dtype
        self.interpolation_order = interpolation_order
        if data_format not in {"channels_last", "channels_first"}:
            raise ValueError('`data_format` should be `"channels_last"` (channel after row and column) or '
                             f'`"channels_first"` (channel before row and column). Received: {data_format}')
        self.data_format = data_format
        if data_format == "channels_first":
            self.channel_axis, self.row_axis, self.col_axis = 1, 2, 3
        else:
            self.channel_axis, self.row_axis, self.col_axis = 3, 1, 2
        if validation_split and not 0 < validation_split < 1:
            raise ValueError(f"`validation_split` must be strictly between 0 and 1.  Received: {validation_split}")
        self._validation_split = validation_split
        self.mean = None
        self.std = None
        self.zca_whitening_matrix = None
        if isinstance(zoom_range, (float, int)):
            self.zoom_range = [1 - zoom_range, 1 + zoom_range]
        elif len(zoom_range) == 2 and all(isinstance(v, (float, int)) for v in zoom_range):
            self.zoom_range = [zoom_range[0], zoom_range[1]]
        else:
            raise ValueError(f"`zoom_range` should be a float or a tuple or list of two floats. Received: {zoom_range}")
        if zca_whitening:
            if not featurewise_center:
                self.featurewise_center = True
                warnings.warn("This ImageDataGenerator specifies `zca_whitening`, which overrides setting of "
                              "`featurewise_center`.", stacklevel=2)
            if featurewise_std_normalization:
                self.featurewise_std_normalization = False
                warnings.warn("This ImageDataGenerator specifies `zca_whitening` which overrides setting "
                              "of`featurewise_std_normalization`.", stacklevel=2)
        if featurewise_std_normalization and not featurewise_center:
            self.featurewise_center = True
            warnings.warn("This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides "
                          "setting of `featurewise_center`.", stacklevel=2)
        if samplewise_std_normalization and not samplewise_center:
            self.samplewise_center = True
            warnings.warn("This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides "
                          "setting of `samplewise_center`.", stacklevel=2)
        if brightness_range is not None and (not isinstance(brightness_range, (tuple, list))
                                             or len(brightness_range) != 2):
            raise ValueError(f"`brightness_range should be tuple or list of two floats. Received: {brightness_range}")
        self.brightness_range = brightness_range

    # -- iterators

    def flow(self, x, y=None, batch_size=32, shuffle=True, sample_weight=None, seed=None, save_to_dir=None,
             save_prefix="", save_format="png", ignore_class_split=False, subset=None):
        """A NumpyArrayIterator over `x` (rank 4), `y` and `sample_weight`."""
        return NumpyArrayIterator(x, y, self, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight,
                                  seed=seed, data_format=self.data_format, save_to_dir=save_to_dir,
                                  save_prefix=save_prefix, save_format=save_format,
                                  ignore_class_split=ignore_class_split, subset=subset, dtype=self.dtype)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb", classes=None,
                            class_mode="categorical", batch_size=32, shuffle=True, seed=None, save_to_dir=None,
                            save_prefix="", save_format="png", follow_links=False, subset=None,
                            interpolation="nearest", keep_aspect_ratio=False):
        """A DirectoryIterator over `directory/<class>/...` images (loading them needs Pillow)."""
        return DirectoryIterator(directory, self, target_size=target_size, color_mode=color_mode,
                                 keep_aspect_ratio=keep_aspect_ratio, classes=classes, class_mode=class_mode,
                                 data_format=self.data_format, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                 save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
                                 follow_links=follow_links, subset=subset, interpolation=interpolation,
                                 dtype=self.dtype)

    def flow_from_dataframe(self, dataframe, directory=None, x_col="filename", y_col="class", weight_col=None,
                            target_size=(256, 256), color_mode="rgb", classes=None, class_mode="categorical",
                            batch_size=32, shuffle=True, seed=None, save_to_dir=None, save_prefix="",
                            save_format="png", subset=None, interpolation="nearest", validate_filenames=True,
                            **kwargs):
        """A DataFrameIterator over the files a pandas DataFrame lists."""
        if "has_ext" in kwargs:
            warnings.warn("has_ext is deprecated, filenames in the dataframe have to match the exact filenames in "
                          "disk.", DeprecationWarning, stacklevel=2)
        if "sort" in kwargs:
            warnings.warn("sort is deprecated, batches will be created in thesame order than the filenames provided "
                          "if `shuffle`is set to `False`.", DeprecationWarning, stacklevel=2)
        if class_mode == "other":
            warnings.warn('`class_mode="other"` is deprecated, please use `class_mode="raw"`.', DeprecationWarning,
                          stacklevel=2)
            class_mode = "raw"
        if "drop_duplicates" in kwargs:
            warnings.warn("drop_duplicates is deprecated, you can drop duplicates by using the "
                          "pandas.DataFrame.drop_duplicates method.", DeprecationWarning, stacklevel=2)
        return DataFrameIterator(dataframe, directory, self, x_col=x_col, y_col=y_col, weight_col=weight_col,
                                 target_size=target_size, color_mode=color_mode, classes=classes,
                                 class_mode=class_mode, data_format=self.data_format, batch_size=batch_size,
                                 shuffle=shuffle, seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
                                 save_format=save_format, subset=subset, interpolation=interpolation,
                                 validate_filenames=validate_filenames, dtype=self.dtype)

    # -- normalization

    def standardize(self, x):
        """Apply preprocessing_function, rescale, sample-wise then feature-wise centring and
        scaling, and ZCA whitening to `x` (in place where numpy allows, as in Keras)."""
        if self.preprocessing_function:
            x = self.preprocessing_function(x)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        if self.featurewise_center:
            if self.mean is not None:
                x -= self.mean
            else:
                warnings.warn(_UNFIT.format("featurewise_center"), stacklevel=2)
        if self.featurewise_std_normalization:
            if self.std is not None:
                x /= self.std + 1e-6
            else:
                warnings.warn(_UNFIT.format("featurewise_std_normalization"), stacklevel=2)
        if self.zca_whitening:
            if self.zca_whitening_matrix is not None:
                flat = x.reshape(-1, math.prod(x.shape[-3:]))
                x = np.reshape(flat @ self.zca_whitening_matrix, x.shape)
            else:
                warnings.warn(_UNFIT.format("zca_whitening"), stacklevel=2)
        return x

    def fit(self, x, augment=False, rounds=1, seed=None):
        """Compute the feature-wise mean / std / ZCA matrix of a rank-4 sample `x` (after
        `rescale`; over `rounds` random augmentations of it when `augment`)."""
        x = np.asarray(_host(x), dtype=self.dtype)
        if x.ndim != 4:
            raise ValueError("Input to `.fit()` should have rank 4. Got array with shape: " + str(x.shape))
        if x.shape[self.channel_axis] not in {1, 3, 4}:
            warnings.warn(f'Expected input to be images (as Numpy array) following the data format convention '
                          f'"{self.data_format}" (channels on axis {self.channel_axis}), i.e. expected either 1, 3 or '
                          f"4 channels on axis {self.channel_axis}. However, it was passed an array with shape "
                          f"{x.shape} ({x.shape[self.channel_axis]} channels).", stacklevel=2)
        if seed is not None:
            np.random.seed(seed)
        x = np.copy(x)
        if self.rescale:
            x *= self.rescale
        if augment:
            ax = np.zeros((rounds * x.shape[0],) + x.shape[1:], dtype=self.dtype)
            for r in range(rounds):
                for i in range(x.shape[0]):
                    ax[i + r * x.shape[0]] = self.random_transform(x[i])
            x = ax
        shape = [1, 1, 1]
        shape[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.reshape(np.mean(x, axis=(0, self.row_axis, self.col_axis)), shape)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = np.reshape(np.std(x, axis=(0, self.row_axis, self.col_axis)), shape)
            x /= self.std + 1e-6
        if self.zca_whitening:
            n = len(x)
            flat = np.reshape(x, (n, -1))
            u, s, _ = np.linalg.svd(flat.T, full_matrices=False)
            s_inv = np.sqrt(n) / (s + self.zca_epsilon)
            self.zca_whitening_matrix = (u * s_inv).dot(u.T)

    # -- augmentation

    def get_random_transform(self, img_shape, seed=None):
        """A dict of random transform parameters ('theta', 'tx', 'ty', 'shear', 'zx', 'zy',
        'flip_horizontal', 'flip_vertical', 'channel_shift_intensity', 'brightness') drawn from
        numpy's global RNG exactly as Keras draws them."""
        row_axis, col_axis = self.row_axis - 1, self.col_axis - 1
        if seed is not None:
            np.random.seed(seed)
        theta = np.random.uniform(-self.rotation_range, self.rotation_range) if self.rotation_range else 0
        tx = _shift_draw(self.height_shift_range, img_shape[row_axis])
        ty = _shift_draw(self.width_shift_range, img_shape[col_axis])
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        flip_horizontal = (np.random.random() < 0.5) * self.horizontal_flip
        flip_vertical = (np.random.random() < 0.5) * self.vertical_flip
        channel_shift_intensity = None
        if self.channel_shift_range != 0:
            channel_shift_intensity = np.random.uniform(-self.channel_shift_range, self.channel_shift_range)
        brightness = None
        if self.brightness_range is not None:
            brightness = np.random.uniform(self.brightness_range[0], self.brightness_range[1])
        return {"theta": theta, "tx": tx, "ty": ty, "shear": shear, "zx": zx, "zy": zy,
                "flip_horizontal": flip_horizontal, "flip_vertical": flip_vertical,
                "channel_shift_intensity": channel_shift_intensity, "brightness": brightness}

    def apply_transform(self, x, transform_parameters):
        """Apply the transform described by a `get_random_transform` dict to one 3-D image
        (missing keys mean no change)."""
        row_axis, col_axis, channel_axis = self.row_axis - 1, self.col_axis - 1, self.channel_axis - 1
        p = transform_parameters
        x = apply_affine_transform(x, p.get("theta", 0), p.get("tx", 0), p.get("ty", 0), p.get("shear", 0),
                                   p.get("zx", 1), p.get("zy", 1), row_axis=row_axis, col_axis=col_axis,
                                   channel_axis=channel_axis, fill_mode=self.fill_mode, cval=self.cval,
                                   order=self.interpolation_order)
        if p.get("channel_shift_intensity") is not None:
            x = apply_channel_shift(x, p["channel_shift_intensity"], channel_axis)
        if p.get("flip_horizontal", False):
            x = flip_axis(x, col_axis)
        if p.get("flip_vertical", False):
            x = flip_axis(x, row_axis)
        if p.get("brightness") is not None:
            x = apply_brightness_shift(x, p["brightness"], False)
        return x

    def random_transform(self, x, seed=None):
        """`apply_transform(x, get_random_transform(x.shape, seed))`."""
        return self.apply_transform(x, self.get_random_transform(x.shape, seed))


def _shift_draw(shift_range, size):
    """Keras's shift draw: an int or a list picks a value (and a sign), a float is uniform in
    [-r, r); ranges below 1 are fractions of `size`."""
    if not shift_range:
        return 0
    try:
        t = np.random.choice(shift_range)
        t *= np.random.choice([-1, 1])
    except ValueError:  # a float range: choice() refuses it before drawing anything
        t = np.random.uniform(-shift_range, shift_range)
    if np.max(shift_range) < 1:
        t *= size
    return t


# ---------------------------------------------------------------------------------------------
# module-level transforms


def random_rotation(x, rg, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest", cval=0.0,
                    interpolation_order=1):
    """Rotate a 3-D image by a uniform random angle in [-rg, rg) degrees."""
    theta = np.random.uniform(-rg, rg)
    return apply_affine_transform(x, theta=theta, row_axis=row_axis, col_axis=col_axis, channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval, order=interpolation_order)


def random_shift(x, wrg, hrg, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest", cval=0.0,
                 interpolation_order=1):
    """Shift a 3-D image by random fractions of its height (`hrg`) and width (`wrg`)."""
    h, w = x.shape[row_axis], x.shape[col_axis]
    tx = np.random.uniform(-hrg, hrg) * h
    ty = np.random.uniform(-wrg, wrg) * w
    return apply_affine_transform(x, tx=tx, ty=ty, row_axis=row_axis, col_axis=col_axis, channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval, order=interpolation_order)


def random_shear(x, intensity, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest", cval=0.0,
                 interpolation_order=1):
    """Shear a 3-D image by a random angle in [-intensity, intensity) degrees."""
    shear = np.random.uniform(-intensity, intensity)
    return apply_affine_transform(x, shear=shear, row_axis=row_axis, col_axis=col_axis, channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval, order=interpolation_order)


def random_zoom(x, zoom_range, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest", cval=0.0,
                interpolation_order=1):
    """Zoom a 3-D image by two random factors drawn from `zoom_range` (lower, upper)."""
    if len(zoom_range) != 2:
        raise ValueError(f"`zoom_range` should be a tuple or list of two floats. Received: {zoom_range}")
    if zoom_range[0] == 1 and zoom_range[1] == 1:
        zx, zy = 1, 1
    else:
        zx, zy = np.random.uniform(zoom_range[0], zoom_range[1], 2)
    return apply_affine_transform(x, zx=zx, zy=zy, row_axis=row_axis, col_axis=col_axis, channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval, order=interpolation_order)


def apply_channel_shift(x, intensity, channel_axis=0):
    """Add `intensity` to every channel, clipped to the image's original min..max."""
    x = np.rollaxis(x, channel_axis, 0)
    lo, hi = np.min(x), np.max(x)
    x = np.stack([np.clip(ch + intensity, lo, hi) for ch in x], axis=0)
    return np.rollaxis(x, 0, channel_axis + 1)


def random_channel_shift(x, intensity_range, channel_axis=0):
    """apply_channel_shift by a uniform random intensity in [-intensity_range, intensity_range)."""
    intensity = np.random.uniform(-intensity_range, intensity_range)
    return apply_channel_shift(x, intensity, channel_axis=channel_axis)


def apply_brightness_shift(x, brightness, scale=True):
    """Pillow's ImageEnhance.Brightness(`brightness`) of a channels-last 3-D image (through an
    8-bit image, as in Keras); needs Pillow. Images outside 0..255 are scaled to it first, and
    scaled back when `scale` is False."""
    try:
        from PIL import ImageEnhance
    except ImportError:
        raise ImportError("Could not import PIL.ImageEnhance. `apply_brightness_shift` (and ImageDataGenerator's "
                          "`brightness_range`) requires PIL: `pip install Pillow` (or `pip install "
                          "tfkeras_shim[image]`).") from None
    lo, hi = np.min(x), np.max(x)
    local_scale = (lo < 0) or (hi > 255)
    img = image_utils.array_to_img(x, scale=local_scale or scale)
    img = ImageEnhance.Brightness(img).enhance(brightness)
    x = image_utils.img_to_array(img)
    if not scale and local_scale:
        x = x / 255 * (hi - lo) + lo
    return x


def random_brightness(x, brightness_range, scale=True):
    """apply_brightness_shift by a uniform random factor drawn from `brightness_range`."""
    if len(brightness_range) != 2:
        raise ValueError(f"`brightness_range should be tuple or list of two floats. Received: {brightness_range}")
    u = np.random.uniform(brightness_range[0], brightness_range[1])
    return apply_brightness_shift(x, u, scale)


def transform_matrix_offset_center(matrix, x, y):
    """`matrix` (3x3, homogeneous) conjugated by a shift to the image centre."""
    o_x = float(x) / 2 - 0.5
    o_y = float(y) / 2 - 0.5
    to_centre = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    back = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(to_centre, matrix), back)


def apply_affine_transform(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, row_axis=1, col_axis=2, channel_axis=0,
                           fill_mode="nearest", cval=0.0, order=1):
    """Rotate (`theta` degrees), shift (`tx` rows, `ty` columns), shear (degrees) and zoom a 3-D
    image about its centre, resampling as scipy.ndimage.affine_transform does (see
    `_ndimage.py`); no-op parameters return `x` itself."""
    x = _host(x)
    if np.unique([row_axis, col_axis, channel_axis]).size != 3:
        raise ValueError("'row_axis', 'col_axis', and 'channel_axis' must be distinct")
    given = {row_axis, col_axis, channel_axis}
    if given != {0, 1, 2}:
        raise ValueError(f"Invalid axis' indices: {given - {0, 1, 2}}")
    if x.ndim != 3:
        raise ValueError("Input arrays must be multi-channel 2D images.")
    if channel_axis not in [0, 2]:
        raise ValueError("Channels are allowed and the first and last dimensions.")
    m = None
    if theta != 0:
        theta = np.deg2rad(theta)
        m = np.array([[np.cos(theta), -np.sin(theta), 0], [np.sin(theta), np.cos(theta), 0], [0, 0, 1]])
    if tx != 0 or ty != 0:
        shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
        m = shift if m is None else np.dot(m, shift)
    if shear != 0:
        shear = np.deg2rad(shear)
        sh = np.array([[1, -np.sin(shear), 0], [0, np.cos(shear), 0], [0, 0, 1]])
        m = sh if m is None else np.dot(m, sh)
    if zx != 1 or zy != 1:
        zoom = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
        m = zoom if m is None else np.dot(m, zoom)
    if m is None:
        return x
    m = transform_matrix_offset_center(m, x.shape[row_axis], x.shape[col_axis])
    x = np.rollaxis(x, channel_axis, 0)
    if col_axis > row_axis:
        # the matrix is written for (x, y) = (row, col) ... swapped as Keras swaps it: P M P
        m[:, [0, 1]] = m[:, [1, 0]]
        m[[0, 1]] = m[[1, 0]]
    x = affine_transform_channels(x, m[:2, :2], m[:2, 2], order=order, mode=fill_mode, cval=cval)
    return np.rollaxis(x, 0, channel_axis + 1)


# ---------------------------------------------------------------------------------------------
# smart_resize


def smart_resize(x, size, interpolation="bilinear", data_format="channels_last", **kwargs):
    """Crop the largest centred window of `size`'s aspect ratio from a 3-D image or 4-D batch,
    then resize it to `size` like tf.image.resize (float32 result; "nearest" keeps the dtype).
    numpy in -> numpy out, tensors in -> a tensor out."""
    import torch

    from ...framework.tensor import wrap
    from ..layers.image_preprocessing import _resize_images
    kwargs.pop("backend_module", None)
    if kwargs:
        raise TypeError(f"smart_resize() got unexpected keyword arguments: {list(kwargs.keys())}")
    if len(size) != 2:
        raise ValueError(f"Expected `size` to be a tuple of 2 integers, but got: {size}.")
    is_numpy = isinstance(x, np.ndarray)
    if isinstance(x, torch.Tensor):
        img = x.detach() if x.requires_grad else x
        img = img.as_subclass(torch.Tensor)
    else:
        img = torch.from_numpy(np.array(x, copy=True) if not is_numpy or not x.flags.writeable else x)
    if img.dim() not in (3, 4):
        raise ValueError("Expected an image array with shape `(height, width, channels)`, or `(batch_size, height, "
                         f"width, channels)`, but got input with incorrect rank, of shape {tuple(img.shape)}.")
    if data_format == "channels_last":
        height, width = img.shape[-3], img.shape[-2]
    else:
        height, width = img.shape[-2], img.shape[-1]
    th, tw = size
    crop_h = max(min(height, int(float(width * th) / tw)), 1)
    crop_w = max(min(width, int(float(height * tw) / th)), 1)
    hs = int(float(height - crop_h) / 2)
    ws = int(float(width - crop_w) / 2)
    if data_format == "channels_last":
        img = img[..., hs:hs + crop_h, ws:ws + crop_w, :]
    else:
        img = img[..., hs:hs + crop_h, ws:ws + crop_w]
    out = _resize_images(img, size, interpolation=interpolation, data_format=data_format)
    if is_numpy:
        return out.cpu().numpy()
    return wrap(out.contiguous())
