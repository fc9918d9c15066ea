"""keras.callbacks.RemoteMonitor: POSTs `{'epoch': e, **logs}` to `root + path` at each epoch end.

Form-encoded as `{field: json}` by default, or as a JSON body with send_as_json=True. Uses
`requests` when installed (like Keras), else the standard library's urllib (Keras raises
ImportError without requests). An unreachable server only warns.
"""
import json
import urllib.error
import urllib.parse
import urllib.request
import warnings

import numpy as np

from .callback import Callback

try:
    import requests
except ImportError:
    requests = None

__all__ = ["RemoteMonitor"]


class RemoteMonitor(Callback):
    def __init__(self, root="http://localhost:9000", path="/publish/epoch/end/", field="data",
                 headers=None, send_as_json=False):
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        send = {"epoch": epoch}
        for k, v in (logs or {}).items():
            send[k] = v.item() if isinstance(v, (np.ndarray, np.generic)) else v
        url = self.root + self.path
        try:
            if requests is not None:
                if self.send_as_json:
                    requests.post(url, json=send, headers=self.headers)
                else:
                    requests.post(url, {self.field: json.dumps(send)}, headers=self.headers)
                return
            headers = dict(self.headers or {})
            if self.send_as_json:
                body = json.dumps(send).encode("utf-8")
                headers.setdefault("Content-Type", "application/json")
            else:
                body = urllib.parse.urlencode({self.field: json.dumps(send)}).encode("utf-8")
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=10)
        except Exception as e:  # requests.exceptions.RequestException / URLError / OSError
            if requests is not None and not isinstance(e, requests.exceptions.RequestException):
                raise
            if requests is None and not isinstance(e, (urllib.error.URLError, OSError)):
                raise
            warnings.warn(f"Could not reach RemoteMonitor root server at {self.root}", stacklevel=2)
