"""Loading the pickled parts of Keras dataset files without running arbitrary code.

IMDB/Reuters `.npz` files hold ragged sequences as numpy object arrays (a pickle stream inside the
`.npy` member), and CIFAR batches are pickled dicts. Both are read with an unpickler that only
resolves the globals numpy needs to rebuild arrays; anything else is refused.
"""
import io
import pickle
import zipfile

import numpy as np

_ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
            ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
            ("numpy._core.multiarray", "scalar")}


class RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"Refusing to deserialize `{module}.{name}` while loading a Keras dataset. "
                                     "The file may be corrupted or malicious.")


def load_pickle(fileobj, encoding="ASCII"):
    return RestrictedUnpickler(fileobj, encoding=encoding).load()


def _read_npy(fp):
    version = np.lib.format.read_magic(fp)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(fp)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(fp)
    if dtype.hasobject:
        return load_pickle(fp, encoding="latin1")
    start = fp.tell()
    fp.seek(start)
    data = fp.read()
    arr = np.frombuffer(data, dtype=dtype, count=int(np.prod(shape)) if shape else 1)
    if fortran:
        return arr.reshape(shape[::-1]).transpose()
    return arr.reshape(shape).copy()


def load_npz(path):
    """dict of arrays from an .npz file; object arrays are unpickled with the restricted unpickler."""
    out = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            key = name[:-4] if name.endswith(".npy") else name
            with zf.open(name) as f:
                out[key] = _read_npy(io.BytesIO(f.read()))
    return out
