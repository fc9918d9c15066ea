"""keras.layers ConvLSTM1D / ConvLSTM2D / ConvLSTM3D: an LSTM whose transforms are convolutions.

Weights in Keras layout on the cell sublayer ('conv_lstm2d/conv_lstm_cell/kernel'): kernel
[*k, in, 4*filters], recurrent_kernel [*k, filters, 4*filters], bias [4*filters]; gates i, f, c, o.
The input convolution does not depend on the recurrence, so it runs once over all timesteps
(batch and time merged, one torch conv with the full 4-gate kernel); each step then runs one
'same' stride-1 recurrent convolution. channels_last data reaches torch as permuted views
(the shared `convolutional.conv`). Input dropout (4 masks, fixed over time) runs one convolution
per gate; recurrent dropout one recurrent convolution per gate and step, as Keras computes them.
"""
import torch

from .. import activations, constraints, initializers, regularizers
from ..engine.input_spec import InputSpec
from ..engine.layer import Layer
from .convolutional import conv, conv_output_shape, standardize_data_format, standardize_padding, \
    standardize_tuple
from .recurrent import _DropoutCell, _KerasRNN, _plain, _step_loop

__all__ = ["ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"]


class ConvLSTMCell(_DropoutCell, Layer):
    """One ConvLSTM step (not exported by Keras either)."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.rank = rank
        if rank > 3:
            raise ValueError(f"Rank {rank} convolutions are not currently implemented. Received: rank={rank}")
        self.filters = filters
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides", allow_zero=True)
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please "
                             "provide `strides=1` or `dilation_rate=1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.dropout_mask_count = 4
        self.input_spec = InputSpec(ndim=rank + 2)
        self.state_size = -1  # Keras: defined by the input's spatial shape

    def build(self, inputs_shape, states_shape=None):
        inputs_shape = tuple(inputs_shape)
        if self.data_format == "channels_first":
            channel_axis, self.spatial_dims = 1, tuple(inputs_shape[2:])
        else:
            channel_axis, self.spatial_dims = -1, tuple(inputs_shape[1:-1])
        if None in self.spatial_dims:
            raise ValueError("ConvLSTM layers only support static input shapes for the spatial dimension. "
                             f"Received invalid input shape: input_shape={inputs_shape}")
        if inputs_shape[channel_axis] is None:
            raise ValueError("The channel dimension of the inputs (last axis) should be defined. Found "
                             f"None. Full input shape received: input_shape={inputs_shape}")
        self.input_spec = InputSpec(ndim=self.rank + 3, shape=(None,) + inputs_shape[1:])
        self.input_dim = input_dim = inputs_shape[channel_axis]
        f = self.filters
        self.kernel = self.add_weight(shape=self.kernel_size + (input_dim, 4 * f), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=self.kernel_size + (f, 4 * f), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        if self.use_bias:
            if self.unit_forget_bias:
                base = self.bias_initializer

                def bias_initializer(shape, dtype=None):
                    from ...framework.tensor import convert_to_tensor
                    parts = [base((f,), dtype=dtype), initializers.get("ones")((f,), dtype=dtype),
                             base((2 * f,), dtype=dtype)]
                    return torch.cat([_plain(convert_to_tensor(p)) for p in parts])
            else:
                bias_initializer = self.bias_initializer
            self.bias = self.add_weight(shape=(4 * f,), name="bias", initializer=bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None

    def compute_output_shape(self, inputs_shape, states_shape=None):
        out = conv_output_shape(inputs_shape, self.filters, self.kernel_size, self.strides, self.padding,
                                self.data_format, self.dilation_rate)
        return out, [out, out]

    def get_initial_state(self, batch_size=None):
        from ...framework import dtypes as _dt
        from ...framework.device import current_device
        from ...framework.tensor import wrap
        if self.data_format == "channels_last":
            shape = (batch_size,) + self.spatial_dims + (self.input_dim,)
        else:
            shape = (batch_size, self.input_dim) + self.spatial_dims
        state_shape = self.compute_output_shape(shape)[0]
        td = _dt.as_dtype(self.compute_dtype).torch_dtype
        return [wrap(torch.zeros(state_shape, dtype=td, device=current_device())) for _ in range(2)]

    # -- computing ----------------------------------------------------------------------------
    def _gate_slices(self, w):
        f = self.filters
        return [w[..., g * f:(g + 1) * f] for g in range(4)]

    def input_transform(self, x, training=False):
        """(B, T, *spatial, C) -> the input convolutions of all steps, (B, T, *out, 4F), in one conv."""
        B, T = x.shape[0], x.shape[1]
        flat = x.reshape((B * T,) + tuple(x.shape[2:]))
        args = (self.strides, self.padding, self.dilation_rate, 1, self.data_format)
        if training and 0.0 < self.dropout < 1.0:
            masks = self.get_dropout_mask(flat[:B])
            ks = self._gate_slices(self.kernel)
            bs = self._gate_slices(self.bias) if self.use_bias else [None] * 4
            xs = flat.view((B, T) + tuple(flat.shape[1:]))
            parts = [conv((xs * m.unsqueeze(1)).reshape(flat.shape), k, b, *args)
                     for m, k, b in zip(masks, ks, bs)]
            axis = -1 if self.data_format == "channels_last" else 1
            y = torch.cat(parts, dim=axis)
        else:
            y = conv(flat, self.kernel, self.bias if self.use_bias else None, *args)
        return y.reshape((B, T) + tuple(y.shape[1:]))

    def step(self, xc, states, training=False):
        """One step on the precomputed input convolution `xc` (B, *out, 4F)."""
        h_tm1, c_tm1 = states[0], states[1]
        ones = (1,) * self.rank
        args = (ones, "same", ones, 1, self.data_format)
        axis = -1 if self.data_format == "channels_last" else 1
        if training and 0.0 < self.recurrent_dropout < 1.0:
            masks = self.get_recurrent_dropout_mask(h_tm1)
            rs = self._gate_slices(self.recurrent_kernel)
            hz = torch.cat([conv(h_tm1 * m, r, None, *args) for m, r in zip(masks, rs)], dim=axis)
        else:
            hz = conv(h_tm1, self.recurrent_kernel, None, *args)
        z = torch.split(xc + hz, self.filters, dim=axis)
        ra, act = self.recurrent_activation, self.activation
        i, f, o = ra(z[0]), ra(z[1]), ra(z[3])
        c = f * c_tm1 + i * act(z[2])
        h = o * act(c)
        return h, [h, c]

    def call(self, inputs, states, training=False):
        xc = self.input_transform(inputs.unsqueeze(1), training).squeeze(1)
        return self.step(xc, states, training)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "unit_forget_bias": self.unit_forget_bias,
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout, "seed": self.seed,
        })
        return config


_CELL_KEYS = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
              "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
              "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer",
              "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
              "recurrent_dropout")


class ConvLSTM(_KerasRNN):
    """Base of ConvLSTM1D/2D/3D (`rank` spatial dims)."""

    _cell_keys = _CELL_KEYS
    _rank = None

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        rank = self._rank
        cell = ConvLSTMCell(rank=rank, filters=filters, kernel_size=kernel_size, strides=strides,
                            padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                            activation=activation, recurrent_activation=recurrent_activation,
                            use_bias=use_bias, kernel_initializer=kernel_initializer,
                            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                            unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
                            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
                            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
                            bias_constraint=bias_constraint, dropout=dropout,
                            recurrent_dropout=recurrent_dropout, seed=seed, name="conv_lstm_cell",
                            dtype=kwargs.get("dtype"))
        unroll = kwargs.pop("unroll", False)
        super().__init__(cell, return_sequences, return_state, go_backwards, stateful, unroll,
                         activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=rank + 3)

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        b, steps = sequences_shape[0], sequences_shape[1]
        state_shape = tuple(self.cell.compute_output_shape((b,) + tuple(sequences_shape[2:]))[0][1:])
        out = (b, steps) + state_shape if self.return_sequences else (b,) + state_shape
        if self.return_state:
            return out, (b,) + state_shape, (b,) + state_shape
        return out

    def compute_mask(self, _, mask):
        if isinstance(mask, (list, tuple)):
            mask = mask[0] if mask else None
        out_mask = mask if self.return_sequences else None
        if self.return_state:
            return [out_mask, None, None]
        return out_mask

    def _fast_path(self, x, states, mask, training):
        cell = self.cell
        cell.reset_dropout_mask()
        cell.reset_recurrent_dropout_mask()
        try:
            xc = cell.input_transform(x, training)
            return _step_loop(lambda xt, st: cell.step(xt, st, training), xc, states, mask,
                              self.go_backwards, self.zero_output_for_mask, self.return_sequences)
        finally:
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()


class ConvLSTM1D(ConvLSTM):
    """1-D convolutional LSTM: inputs (batch, time, steps, channels)."""
    _rank = 1


class ConvLSTM2D(ConvLSTM):
    """2-D convolutional LSTM: inputs (batch, time, rows, cols, channels)."""
    _rank = 2


class ConvLSTM3D(ConvLSTM):
    """3-D convolutional LSTM: inputs (batch, time, dim1, dim2, dim3, channels)."""
    _rank = 3
