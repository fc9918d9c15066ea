"""keras.callbacks.TensorBoard on the shim's `tf.summary` writer (TF 2 event files, the same
records tf.keras writes; no tensorboard package needed).

Writes the same tags as Keras 3: `epoch_<metric>` (and `epoch_learning_rate`) per epoch in
`log_dir/train`, the `val_` metrics as `epoch_<metric>` in `log_dir/validation`,
`batch_<metric>` every `update_freq` training batches when update_freq is 'batch' or an int,
`evaluation_<metric>_vs_iterations` after each evaluation, and weight histograms
(`<weight.path>/histogram`) every `histogram_freq` epochs. Not supported: the model graph
(write_graph), images, embeddings, profiling (profile_batch).
"""
import os
import time
import warnings

from .callback import Callback
from .logs import accepts_raw_logs, pythonify_logs
from .reduce_lr_on_plateau import _lr_value

__all__ = ["TensorBoard"]


def _summary_writer_class():
    """TF-format event files from tfkeras_shim.summary (the same records tf.keras writes; no
    tensorboard package needed)."""
    return _TFSummaryWriter


class _TFSummaryWriter:
    """The part of torch's SummaryWriter API the callback uses, on tfkeras_shim.summary."""

    def __init__(self, logdir):
        from ... import summary
        self._summary = summary
        self._writer = summary.create_file_writer(logdir)

    def _write(self, fn, tag, value, step):
        state = self._summary._state
        old = state.writer
        state.writer = self._writer  # not as_default(), which flushes on exit
        try:
            fn(tag, value, step=int(step))
        finally:
            state.writer = old

    def add_scalar(self, tag, value, step):
        self._write(self._summary.scalar, tag, float(value), step)

    def add_histogram(self, tag, values, step):
        self._write(self._summary.histogram, tag, values, step)

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()


class TensorBoard(Callback):
    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0,
                 embeddings_freq=0, embeddings_metadata=None):
        super().__init__()
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self.profile_batch = profile_batch
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._writers = None
        self._global_train_batch = 0
        self._epoch_start_time = 0.0
        self._epoch_start_iterations = 0

    def _get_writers(self):
        if self._writers is None:
            cls = _summary_writer_class()
            if cls is None:
                warnings.warn("TensorBoard callback: the `tensorboard` package is not installed "
                              "(pip install tensorboard); nothing is logged.", stacklevel=3)
                self._writers = False
            else:
                self._writers = (cls(self._train_dir), cls(self._val_dir))
        return self._writers

    def _iterations(self):
        opt = getattr(self.model, "optimizer", None)
        it = getattr(opt, "iterations", None)
        return None if it is None else int(it)

    def on_train_begin(self, logs=None):
        self._global_train_batch = 0
        self._get_writers()

    def on_train_end(self, logs=None):
        if self._writers:
            for w in self._writers:
                w.close()
        self._writers = None

    def on_epoch_begin(self, epoch, logs=None):
        if self.write_steps_per_second:
            self._epoch_start_iterations = self._iterations() or 0
            self._epoch_start_time = time.time()

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1

    @accepts_raw_logs
    def on_train_batch_end(self, batch, logs=None):
        writers = self._get_writers()
        if not writers or self.update_freq == "epoch" or self._global_train_batch % self.update_freq:
            return
        for name, value in pythonify_logs(logs).items():
            if isinstance(value, float):
                writers[0].add_scalar(f"batch_{name}", value, self._global_train_batch)

    def on_epoch_end(self, epoch, logs=None):
        writers = self._get_writers()
        if not writers:
            return
        logs = logs or {}
        train = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
        optimizer = getattr(self.model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        if optimizer is not None and hasattr(optimizer, "optimizers"):
            for opt in optimizer.optimizers:
                train[f"learning_rate_{opt.name}"] = _lr_value(opt)
        elif optimizer is not None and hasattr(optimizer, "learning_rate"):
            train["learning_rate"] = _lr_value(optimizer)
        if self.write_steps_per_second:
            elapsed = time.time() - self._epoch_start_time
            train["steps_per_second"] = ((self._iterations() or 0) - self._epoch_start_iterations) / elapsed
        for writer, values in ((writers[0], train), (writers[1], val)):
            for name, value in values.items():
                writer.add_scalar(f"epoch_{name}", value, epoch)
            writer.flush()
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            for layer in self.model.layers:
                for weight in layer.weights:
                    tag = getattr(weight, "path", getattr(weight, "name", "weight")).replace(":", "_")
                    writers[0].add_histogram(f"{tag}/histogram", weight.detach().cpu().numpy(), epoch)

    def on_test_end(self, logs=None):
        writers = self._get_writers()
        step = self._iterations()
        if not writers or step is None:
            return
        for name, value in (logs or {}).items():
            writers[1].add_scalar(f"evaluation_{name}_vs_iterations", value, step)
