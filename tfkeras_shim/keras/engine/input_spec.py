"""keras.layers.InputSpec and the input compatibility check (Keras 3 messages)."""


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    return [x]


class InputSpec:
    """Specifies the rank, dtype and shape of every input to a layer."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None, optional=False):
        from ..backend import standardize_dtype
        self.dtype = standardize_dtype(dtype) if dtype is not None else None
        if shape is not None:
            self.shape = tuple(None if d is None else int(d) for d in shape)
            self.ndim = len(self.shape)
        else:
            self.ndim = ndim
            self.shape = None
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        try:
            axes = axes or {}
            self.axes = {int(k): axes[k] for k in axes}
        except (ValueError, TypeError):
            raise TypeError(f"Argument `axes` must be a dict with integer keys. Received: axes={axes}") from None
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim else self.max_ndim) - 1
            max_axis = max(self.axes)
            if max_axis > max_dim:
                raise ValueError(f"Axis {max_axis} is greater than the maximum allowed value: {max_dim}")

    def __repr__(self):
        spec = [
            f"dtype={self.dtype}" if self.dtype else "",
            f"shape={self.shape}" if self.shape else "",
            f"ndim={self.ndim}" if self.ndim else "",
            f"max_ndim={self.max_ndim}" if self.max_ndim else "",
            f"min_ndim={self.min_ndim}" if self.min_ndim else "",
            f"axes={self.axes}" if self.axes else "",
        ]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim,
                "max_ndim": self.max_ndim, "min_ndim": self.min_ndim, "axes": self.axes,
                "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _shape_of(x):
    s = x.shape
    return tuple(s)


def _dtype_name(x):
    from ..backend import standardize_dtype
    return standardize_dtype(x.dtype)


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raise Keras's ValueError when `inputs` do not satisfy `input_spec`."""
    if not input_spec:
        return
    specs = _flatten(input_spec)
    if isinstance(inputs, dict):
        names = [s.name for s in specs]
        if all(names):
            lst = []
            for n in names:
                if n not in inputs:
                    raise ValueError(f'Missing data for input "{n}". You passed a data dictionary '
                                     f"with keys {list(inputs.keys())}. Expected the following keys: {names}")
                lst.append(inputs[n])
            inputs = lst
    flat = _flatten(inputs)
    if len(flat) != len(specs):
        spec_names = [s.name for s in specs if s is not None]
        if len(spec_names) == len(specs) and all(spec_names):
            raise ValueError(
                f'Layer "{layer_name}" expects {len(specs)} named input(s) with keys {spec_names}, '
                f"but it received {len(flat)} input tensors. Pass inputs as a dict, e.g. `layer({{"
                + ", ".join(f"'{n}': ..." for n in spec_names) + "})`.")
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received '
                         f"{len(flat)} input tensors. Inputs received: {flat}")
    for i, (x, spec) in enumerate(zip(flat, specs)):
        if spec is None or (x is None and spec.optional):
            continue
        if not hasattr(x, "shape"):
            raise ValueError(f"Inputs to a layer should be tensors. Got '{x}' (of type {type(x)}) "
                             f"as input for layer '{layer_name}'.")
        shape = _shape_of(x)
        ndim = len(shape)
        head = f"Input {i} with name '{spec.name}' of layer '{layer_name}' is incompatible with the layer: "
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(head + f"expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(head + f"expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(head + f"expected min_ndim={spec.min_ndim}, found ndim={ndim}. "
                             f"Full shape received: {shape}")
        if spec.dtype is not None:
            d = _dtype_name(x)
            if d != spec.dtype:
                raise ValueError(head + f"expected dtype={spec.dtype}, found dtype={d}")
        if spec.axes:
            for axis, value in spec.axes.items():
                if value is not None:
                    try:
                        got = shape[axis]
                    except IndexError:
                        got = -1
                    if got not in (value, None):
                        raise ValueError(head + f"expected axis {axis} of input shape to have value "
                                         f"{value}, but received input with shape {shape}")
        if spec.shape is not None:
            spec_shape = spec.shape
            if spec.allow_last_axis_squeeze:
                if shape and shape[-1] == 1:
                    shape = shape[:-1]
                if spec_shape and spec_shape[-1] == 1:
                    spec_shape = spec_shape[:-1]
            for sd, d in zip(spec_shape, shape):
                if sd is not None and d is not None and sd != d:
                    raise ValueError(head + f"expected shape={spec.shape}, found shape={shape}")


__all__ = ["InputSpec", "assert_input_compatibility"]
