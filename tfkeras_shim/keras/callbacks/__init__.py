"""keras.callbacks: the tf.keras 2.21 (Keras 3.15) callbacks.

Public: Callback, CallbackList, History, ProgbarLogger, EarlyStopping, ReduceLROnPlateau,
LearningRateScheduler, CSVLogger, LambdaCallback, TerminateOnNaN, ModelCheckpoint,
BackupAndRestore, RemoteMonitor, TensorBoard (needs the tensorboard package; otherwise a
warning and no output), SwapEMAWeights, OrbaxCheckpoint (raises ImportError, as tf.keras without
orbax).

For the trainer: see `callback_list.py` (how fit/evaluate/predict drive the hooks) and
`logs.py` (logs may hold device tensors or be a zero-argument callable; `pythonify_logs`).
"""
from .callback import Callback
from .callback_list import CallbackList
from .history import History
from .progbar_logger import ProgbarLogger
from .early_stopping import EarlyStopping
from .reduce_lr_on_plateau import ReduceLROnPlateau
from .learning_rate_scheduler import LearningRateScheduler
from .csv_logger import CSVLogger
from .lambda_callback import LambdaCallback
from .terminate_on_nan import TerminateOnNaN
from .model_checkpoint import ModelCheckpoint
from .backup_and_restore import BackupAndRestore
from .remote_monitor import RemoteMonitor
from .tensorboard import TensorBoard
from .swap_ema_weights import SwapEMAWeights
from .orbax_checkpoint import OrbaxCheckpoint

__all__ = ["BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History",
           "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "OrbaxCheckpoint",
           "ProgbarLogger", "ReduceLROnPlateau", "RemoteMonitor", "SwapEMAWeights", "TensorBoard",
           "TerminateOnNaN"]
