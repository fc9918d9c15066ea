"""tf.io.gfile on the local file system (plain `open`, `os`, `glob`, `shutil`), with TF's errors.

Differences from TF: no cloud file systems (gs://, s3://); such paths raise UnimplementedError.
"""
import glob as _glob
import os
import shutil

from ..framework import errors


def _path(p):
    if hasattr(p, "numpy") and not isinstance(p, (str, bytes)):
        p = p.numpy()
    if isinstance(p, bytes):
        p = p.decode("utf-8")
    p = os.fspath(p)
    if "://" in p and not p.startswith("file://"):
        raise errors.UnimplementedError(None, None, f"File system scheme '{p.split('://')[0]}' not "
                                        "implemented (file: '{p}')")
    return p[len("file://"):] if p.startswith("file://") else p


def _not_found(path, msg=None):
    return errors.NotFoundError(None, None, msg or f"{path}; No such file or directory")


class GFile:
    """tf.io.gfile.GFile(name, mode='r'): a file object over `open` (text modes read str)."""

    def __init__(self, name, mode="r"):
        self._name = _path(name)
        if mode.replace("b", "") not in ("r", "w", "a", "r+", "w+", "a+"):
            raise errors.InvalidArgumentError(None, None, "mode is not 'r' or 'w' or 'a' or 'r+' or 'w+' or 'a+'")
        self._mode = mode
        self._f = None

    def _file(self):
        if self._f is None:
            kwargs = {} if "b" in self._mode else {"encoding": "utf-8", "newline": ""}
            try:
                self._f = open(self._name, self._mode, **kwargs)
            except FileNotFoundError:
                raise _not_found(self._name) from None
            except IsADirectoryError:
                raise errors.FailedPreconditionError(None, None, f"{self._name}; Is a directory") from None
        return self._f

    @property
    def name(self):
        return self._name

    @property
    def mode(self):
        return self._mode

    def size(self):
        try:
            return os.path.getsize(self._name)
        except FileNotFoundError:
            raise _not_found(self._name) from None

    def read(self, n=-1):
        return self._file().read(n)

    def readline(self):
        return self._file().readline()

    def readlines(self):
        return self._file().readlines()

    def write(self, data):
        f = self._file()
        if "b" in self._mode and isinstance(data, str):
            data = data.encode("utf-8")
        elif "b" not in self._mode and isinstance(data, bytes):
            data = data.decode("utf-8")
        f.write(data)

    def seek(self, offset=None, whence=0, position=None):
        if position is not None:
            offset = position
        return self._file().seek(offset, whence)

    def tell(self):
        return self._file().tell()

    def seekable(self):
        return True

    def flush(self):
        if self._f is not None:
            self._f.flush()

    def close(self):
        if self._f is not None:
            self._f.close()
            self._f = None

    def __iter__(self):
        return iter(self._file())

    def __next__(self):
        return next(self._file())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


Open = GFile
FastGFile = GFile


def exists(path):
    return os.path.exists(_path(path))


def isdir(path):
    return os.path.isdir(_path(path))


def glob(pattern):
    if isinstance(pattern, (list, tuple)):
        out = []
        for p in pattern:
            out.extend(glob(p))
        return out
    return sorted(_glob.glob(_path(pattern)))


def listdir(path):
    p = _path(path)
    if not os.path.isdir(p):
        raise _not_found(p, f"Could not find directory {p}")
    return os.listdir(p)


def makedirs(path):
    os.makedirs(_path(path), exist_ok=True)


def mkdir(path):
    p = _path(path)
    if not os.path.isdir(p):
        try:
            os.mkdir(p)
        except FileNotFoundError:
            raise _not_found(p) from None


def remove(path):
    p = _path(path)
    if os.path.isdir(p):
        raise errors.FailedPreconditionError(None, None, f"{p}; Is a directory")
    try:
        os.remove(p)
    except FileNotFoundError:
        raise _not_found(p) from None


def rmtree(path):
    p = _path(path)
    if not os.path.exists(p):
        raise _not_found(p, f"{p} not found")
    if os.path.isdir(p):
        shutil.rmtree(p)
    else:
        os.remove(p)


def copy(src, dst, overwrite=False):
    s, d = _path(src), _path(dst)
    if os.path.exists(d) and not overwrite:
        raise errors.AlreadyExistsError(None, None, "file already exists")
    if not os.path.exists(s):
        raise _not_found(s)
    shutil.copyfile(s, d)


def rename(src, dst, overwrite=False):
    s, d = _path(src), _path(dst)
    if os.path.exists(d) and not overwrite:
        raise errors.AlreadyExistsError(None, None, "file already exists")
    if not os.path.exists(s):
        raise _not_found(s)
    os.replace(s, d)


class FileStatistics:
    def __init__(self, length, mtime_nsec, is_directory):
        self.length = length
        self.mtime_nsec = mtime_nsec
        self.is_directory = is_directory


def stat(path):
    p = _path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise _not_found(p) from None
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(p))


def walk(top, topdown=True, onerror=None):
    for root, dirs, files in os.walk(_path(top), topdown=topdown, onerror=onerror):
        yield root, dirs, files


def join(path, *paths):
    return os.path.join(path, *paths)


def get_registered_schemes():
    return ["file", ""]


__all__ = ["GFile", "Open", "FastGFile", "exists", "isdir", "glob", "listdir", "makedirs", "mkdir", "remove",
           "rmtree", "copy", "rename", "stat", "walk", "join", "get_registered_schemes"]
