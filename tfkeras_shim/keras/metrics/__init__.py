"""keras.metrics: stateful Keras 3 metrics with device-resident state, and metric functions.

Also the compile helper `get_metric(identifier, y_true, y_pred)`, which resolves 'accuracy'/'acc'
to Binary/Sparse/Categorical accuracy from the label and output shapes as Keras 3 does.
"""
import inspect

from ..losses import (to_snake_case, serialize_object, deserialize_object,
                      is_binary_or_sparse_categorical,
                      binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
                      categorical_focal_crossentropy, sparse_categorical_crossentropy, hinge,
                      squared_hinge, categorical_hinge, huber, kl_divergence, poisson, log_cosh,
                      mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
                      mean_squared_logarithmic_error)
from .base import Metric, Mean, Sum, MeanMetricWrapper
from .accuracy_metrics import (Accuracy, BinaryAccuracy, CategoricalAccuracy,
                               SparseCategoricalAccuracy, TopKCategoricalAccuracy,
                               SparseTopKCategoricalAccuracy, accuracy, binary_accuracy,
                               categorical_accuracy, sparse_categorical_accuracy,
                               top_k_categorical_accuracy, sparse_top_k_categorical_accuracy)
from .confusion_metrics import (TruePositives, FalsePositives, TrueNegatives, FalseNegatives,
                                Precision, Recall, AUC, SensitivityAtSpecificity,
                                SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision)
from .f_score_metrics import FBetaScore, F1Score
from .iou_metrics import IoU, MeanIoU, BinaryIoU, OneHotIoU, OneHotMeanIoU
from .regression_metrics import (MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
                                 MeanSquaredLogarithmicError, RootMeanSquaredError,
                                 CosineSimilarity, LogCoshError, R2Score, KLDivergence, Poisson,
                                 BinaryCrossentropy, CategoricalCrossentropy,
                                 SparseCategoricalCrossentropy, Hinge, SquaredHinge,
                                 CategoricalHinge)
from .correlation_metrics import (PearsonCorrelation, ConcordanceCorrelation,
                                  pearson_correlation, concordance_correlation)

# tf.keras.metrics legacy function aliases
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

__all__ = [
    "Metric", "Mean", "Sum", "MeanMetricWrapper", "Accuracy", "BinaryAccuracy",
    "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
    "SparseTopKCategoricalAccuracy", "TruePositives", "FalsePositives", "TrueNegatives",
    "FalseNegatives", "Precision", "Recall", "AUC", "SensitivityAtSpecificity",
    "SpecificityAtSensitivity", "PrecisionAtRecall", "RecallAtPrecision", "MeanSquaredError",
    "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
    "RootMeanSquaredError", "CosineSimilarity", "LogCoshError", "R2Score", "KLDivergence",
    "Poisson", "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
    "Hinge", "SquaredHinge", "CategoricalHinge", "FBetaScore", "F1Score",
    "IoU", "MeanIoU", "BinaryIoU", "OneHotIoU", "OneHotMeanIoU", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
    "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "binary_crossentropy",
    "binary_focal_crossentropy", "categorical_crossentropy", "categorical_focal_crossentropy",
    "sparse_categorical_crossentropy", "hinge", "squared_hinge", "categorical_hinge", "huber",
    "kl_divergence", "kld", "KLD", "kullback_leibler_divergence", "poisson", "logcosh",
    "mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE",
    "get", "serialize", "deserialize",
    "PearsonCorrelation", "ConcordanceCorrelation", "pearson_correlation",
    "concordance_correlation",
]

_CLASSES = [Metric, Mean, Sum, MeanMetricWrapper, MeanSquaredError, RootMeanSquaredError,
            MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
            CosineSimilarity, LogCoshError, R2Score, AUC, FalseNegatives, FalsePositives,
            Precision, PrecisionAtRecall, Recall, RecallAtPrecision, SensitivityAtSpecificity,
            SpecificityAtSensitivity, TrueNegatives, TruePositives, Hinge, SquaredHinge,
            CategoricalHinge, KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
            SparseCategoricalCrossentropy, Accuracy, BinaryAccuracy, CategoricalAccuracy,
            SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
            F1Score, FBetaScore, IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU,
            PearsonCorrelation, ConcordanceCorrelation]

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in _CLASSES})
ALL_OBJECTS_DICT.update({
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy,
    "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
    "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError,
})

_FUNCTIONS = {f.__name__: f for f in (
    binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
    top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, binary_crossentropy,
    binary_focal_crossentropy, categorical_crossentropy, categorical_focal_crossentropy,
    sparse_categorical_crossentropy, hinge, squared_hinge, categorical_hinge, huber,
    kl_divergence, poisson, log_cosh, mean_squared_error, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_logarithmic_error, accuracy,
    pearson_correlation, concordance_correlation)}


def _lookup_function(config):
    if callable(config):
        return config
    if isinstance(config, dict) and config.get("class_name") == "function":
        config = config.get("config")
    fn = _FUNCTIONS.get(config)
    if fn is None:
        raise ValueError(f"Could not interpret metric identifier: {config}")
    return fn


def serialize(metric):
    """Metric instance -> config dict; function -> function reference dict."""
    return serialize_object(metric, "keras.metrics")


def deserialize(config, custom_objects=None):
    lookup = dict(ALL_OBJECTS_DICT)
    lookup.update(_FUNCTIONS)
    return deserialize_object(config, lookup, custom_objects, kind="metric")


def get(identifier):
    """A Metric instance (or metric function) from a name, a config dict or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier, None)
    else:
        obj = identifier
    if callable(obj):
        if inspect.isclass(obj):
            obj = obj()
        return obj
    raise ValueError(f"Could not interpret metric identifier: {identifier}")


def get_object_name(obj):
    if hasattr(obj, "name"):
        return obj.name
    if hasattr(obj, "__name__"):
        return to_snake_case(obj.__name__)
    if hasattr(obj, "__class__"):
        return to_snake_case(obj.__class__.__name__)
    return to_snake_case(str(obj))


def get_metric(identifier, y_true, y_pred):
    """compile's metric resolution ('accuracy'/'acc' by shapes; functions wrapped; renamed)."""
    if identifier is None:
        raise ValueError("Expected metric, received `None`")
    if str(identifier).lower() not in ("accuracy", "acc"):
        obj = get(identifier)
    else:
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            obj = BinaryAccuracy(name=str(identifier))
        elif is_sparse:
            obj = SparseCategoricalAccuracy(name=str(identifier))
        else:
            obj = CategoricalAccuracy(name=str(identifier))
    name = identifier if isinstance(identifier, str) else get_object_name(obj)
    if not isinstance(obj, Metric):
        obj = MeanMetricWrapper(obj)
    obj.name = name
    return obj
