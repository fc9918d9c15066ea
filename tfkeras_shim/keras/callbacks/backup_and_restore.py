"""keras.callbacks.BackupAndRestore(backup_dir, save_freq='epoch', double_checkpoint=False,
delete_checkpoint=True) (Keras 3.15 behaviour).

Saves `backup_dir/latest.weights.h5` (through `model.save_weights`) and
`backup_dir/training_metadata.json` (`{"epoch": E, "batch": B}`: E = epochs completed, B = last
batch index seen in the current epoch, 0 after an epoch end) at each epoch end, or every
`save_freq` training batches. On train begin it loads them back (`model.load_weights`, the
optimizer built first so its slots load too) and sets `model._initial_epoch = E`: THE TRAINER
MUST START AT `model._initial_epoch or initial_epoch`. A step-level backup resumes at the start
of its epoch (batches are not skipped, as in tf.keras). With double_checkpoint the previous
pair is kept as `*.bkp` and used when loading the latest fails. On a successful train end the
folder is deleted (delete_checkpoint=True).
"""
import json
import os
import shutil

from .callback import Callback
from .logs import accepts_raw_logs

__all__ = ["BackupAndRestore"]


class BackupAndRestore(Callback):
    def __init__(self, backup_dir, save_freq="epoch", double_checkpoint=False, delete_checkpoint=True):
        super().__init__()
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = 0
        self._current_epoch = 0
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        self.backup_dir = backup_dir
        self._weights_path = os.path.join(backup_dir, "latest.weights.h5")
        self._training_metadata_path = os.path.join(backup_dir, "training_metadata.json")
        self._prev_weights_path = f"{self._weights_path}.bkp"
        self._prev_training_metadata_path = f"{self._training_metadata_path}.bkp"
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError("Invalid value for argument `save_freq`. Received: "
                             f"save_freq={save_freq}. Expected either 'epoch' or an integer value.")

    def on_train_begin(self, logs=None):
        try:
            self._load_model()
        except OSError:
            if not os.path.exists(self._prev_weights_path):
                raise
            shutil.copy(self._prev_weights_path, self._weights_path)
            if os.path.exists(self._prev_training_metadata_path):
                shutil.copy(self._prev_training_metadata_path, self._training_metadata_path)
            elif os.path.exists(self._training_metadata_path):
                os.remove(self._training_metadata_path)
            self._load_model()

    def _load_model(self):
        model = self.model
        if not getattr(model, "built", True):
            raise ValueError("To use the BackupAndRestore callback, you model must be built before "
                             f"you call `fit()`. Model {model} is unbuilt. You can build it "
                             "beforehand by calling it on a batch of data.")
        if os.path.exists(self._weights_path):
            optimizer = getattr(model, "optimizer", None)
            if optimizer is not None and not getattr(optimizer, "built", True):
                optimizer.build(model.trainable_variables)
            model.load_weights(self._weights_path)
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path, "r") as f:
                model._initial_epoch = json.loads(f.read())["epoch"]

    def on_epoch_end(self, epoch, logs=None):
        self._current_epoch = epoch + 1
        self._last_batch_seen = 0
        if self.save_freq == "epoch":
            self._save_model()

    @accepts_raw_logs
    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model()

    def _save_model(self):
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint and os.path.exists(self._weights_path):
            shutil.copy(self._weights_path, self._prev_weights_path)
        if self.double_checkpoint and os.path.exists(self._training_metadata_path):
            shutil.copy(self._training_metadata_path, self._prev_training_metadata_path)
        self.model.save_weights(filepath=self._weights_path, overwrite=True)
        with open(self._training_metadata_path, "w") as f:
            f.write(json.dumps({"epoch": self._current_epoch, "batch": self._last_batch_seen}))

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        if batch <= self._last_batch_seen:
            added = batch + 1
        else:
            added = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)
