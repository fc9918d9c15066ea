"""keras.callbacks.LambdaCallback: hooks given as functions.

`on_epoch_begin/on_epoch_end(epoch, logs)`, `on_train_begin/on_train_end(logs)`,
`on_train_batch_begin/on_train_batch_end(batch, logs)`; any other hook can be passed by keyword
(e.g. `on_test_end=`), as Keras stores extra keyword arguments as attributes.
"""
from .callback import Callback

__all__ = ["LambdaCallback"]


class LambdaCallback(Callback):
    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None, **kwargs):
        super().__init__()
        self.__dict__.update(kwargs)
        for name, fn in (("on_epoch_begin", on_epoch_begin), ("on_epoch_end", on_epoch_end),
                         ("on_train_begin", on_train_begin), ("on_train_end", on_train_end),
                         ("on_train_batch_begin", on_train_batch_begin),
                         ("on_train_batch_end", on_train_batch_end)):
            if fn is not None:
                setattr(self, name, fn)
