"""Record real tf.keras (TF 2.21 / Keras 3.15) results for the 3-D (and the remaining 1-D/2-D)
convolution, pooling and reshaping layers (by hand, never in CI).

    TF_CPP_MIN_LOG_LEVEL=3 .venv-tf/bin/python tools/gen_conv3d_golden.py [section ...]

Sections: conv3d, pooling3d, reshaping3d (default: all). Writes tests/golden/keras_layers/<section>.json.

* "cases": layer calls in the format of tools/gen_keras_layers_golden.py (checked by
  tests/keras/layer_golden.check), each with "grads" added: the gradients of sum(y * cotangent)
  (cotangent drawn from a seeded generator) with respect to the input and to every trainable
  weight, and "symbolic": the Functional output shapes of keras.Input of the case's shape and of
  the same shape with unknown spatial dims (or the error raised).
* "errors": constructor / call / compute_output_shape errors (class name and message), evaluated
  from code strings with `L` (keras.layers), `keras`, `np` and `tf`.
* conv3d also saves tests/golden/keras_layers/conv3d_model.keras (a Functional model using the new
  layers, seeded weights) with its input and output under "model".
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import gen_keras_layers_golden as base  # noqa: E402

tf = base.tf
keras = base.keras
L = base.L
arr = base.arr
OUT = base.OUT

CF = "channels_first"

CONV3D = [
    L("conv3d_valid", "Conv3D", {"filters": 3, "kernel_size": 2}, (2, 4, 5, 6, 2)),
    L("conv3d_same_s1", "Conv3D", {"filters": 3, "kernel_size": 3, "padding": "same"}, (2, 4, 4, 5, 2)),
    L("conv3d_same_s2_odd", "Conv3D", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"}, (1, 5, 6, 7, 2)),
    L("conv3d_same_k2_s1", "Conv3D", {"filters": 2, "kernel_size": 2, "padding": "same"}, (1, 4, 4, 4, 2)),
    L("conv3d_rect", "Conv3D", {"filters": 3, "kernel_size": (1, 2, 3), "strides": (1, 2, 1), "padding": "same"}, (2, 3, 6, 5, 3)),
    L("conv3d_dilation_same", "Conv3D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, (1, 6, 6, 6, 2)),
    L("conv3d_dilation_valid", "Conv3D", {"filters": 2, "kernel_size": 2, "dilation_rate": (2, 1, 1)}, (1, 5, 4, 4, 2)),
    L("conv3d_groups", "Conv3D", {"filters": 4, "kernel_size": 3, "groups": 2, "padding": "same"}, (2, 4, 4, 4, 4)),
    L("conv3d_nobias_relu", "Conv3D", {"filters": 3, "kernel_size": 2, "use_bias": False, "activation": "relu"}, (2, 3, 4, 4, 3)),
    L("conv3d_one_channel_s2", "Conv3D", {"filters": 3, "kernel_size": 3, "strides": 2}, (2, 3, 3, 5, 1)),
    L("conv3d_one_channel_rect", "Conv3D", {"filters": 2, "kernel_size": 2, "strides": (1, 1, 3)}, (2, 2, 3, 3, 1)),
    L("conv3d_channels_first", "Conv3D", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (2, 2, 4, 5, 6)),
    L("convolution3d_alias", "Convolution3D", {"filters": 2, "kernel_size": (2, 1, 2)}, (1, 3, 3, 3, 2)),
    L("conv3dt_valid", "Conv3DTranspose", {"filters": 2, "kernel_size": 2}, (2, 3, 3, 3, 2)),
    L("conv3dt_same", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "padding": "same"}, (1, 3, 2, 4, 2)),
    L("conv3dt_same_s2", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"}, (1, 2, 3, 4, 2)),
    L("conv3dt_valid_s2", "Conv3DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2}, (1, 2, 3, 2, 2)),
    L("conv3dt_k2_s2_same", "Conv3DTranspose", {"filters": 2, "kernel_size": 2, "strides": (2, 1, 2), "padding": "same"}, (1, 2, 3, 3, 2)),
    L("conv3dt_outpad", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 1}, (1, 2, 2, 3, 2)),
    L("conv3dt_same_outpad", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": (1, 0, 1)}, (1, 2, 3, 2, 2)),
    L("conv3dt_dilation", "Conv3DTranspose", {"filters": 2, "kernel_size": 2, "dilation_rate": 2}, (1, 3, 3, 3, 2)),
    L("conv3dt_relu_nobias", "Conv3DTranspose", {"filters": 2, "kernel_size": 2, "activation": "relu", "use_bias": False}, (1, 2, 2, 2, 3)),
    L("conv3dt_channels_first", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (1, 3, 2, 3, 2)),
    L("convolution3dtranspose_alias", "Convolution3DTranspose", {"filters": 2, "kernel_size": 2, "strides": 2}, (1, 2, 2, 2, 2)),
    L("conv1dt_valid", "Conv1DTranspose", {"filters": 3, "kernel_size": 3}, (2, 5, 2)),
    L("conv1dt_valid_s3", "Conv1DTranspose", {"filters": 2, "kernel_size": 2, "strides": 3}, (2, 4, 3)),
    L("conv1dt_outpad", "Conv1DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 1}, (2, 4, 2)),
    L("conv1dt_dilation_same", "Conv1DTranspose", {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, (2, 6, 2)),
    L("conv1dt_channels_first", "Conv1DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (2, 3, 5)),
    L("convolution1dtranspose_alias", "Convolution1DTranspose", {"filters": 2, "kernel_size": 4, "strides": 2, "padding": "same"}, (1, 5, 2)),
    L("convolution2dtranspose_alias", "Convolution2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2}, (1, 3, 3, 2)),
    L("convolution2d_alias", "Convolution2D", {"filters": 3, "kernel_size": 3, "padding": "same"}, (1, 5, 5, 2)),
    L("convolution1d_alias", "Convolution1D", {"filters": 3, "kernel_size": 3, "padding": "causal"}, (2, 6, 2)),
    L("conv2d_channels_first", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (2, 2, 7, 6)),
    L("conv1d_channels_first", "Conv1D", {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (2, 2, 7)),
    L("conv2d_one_channel_s3", "Conv2D", {"filters": 3, "kernel_size": (2, 3), "strides": (1, 3)}, (2, 3, 5, 1)),
    L("conv2d_one_channel_s2", "Conv2D", {"filters": 3, "kernel_size": (3, 2), "strides": (1, 2)}, (2, 5, 3, 1)),
    L("conv1d_one_channel_s2", "Conv1D", {"filters": 2, "kernel_size": 3, "strides": 2}, (2, 4, 1)),
    L("depthwise2d_one_channel_s2", "DepthwiseConv2D", {"kernel_size": 3, "strides": 2, "depth_multiplier": 2}, (2, 3, 5, 1)),
    L("depthwise2d_s2_d2", "DepthwiseConv2D", {"kernel_size": 3, "strides": 2, "dilation_rate": 2, "padding": "same"}, (1, 9, 8, 2)),
    L("depthwise2d_channels_first", "DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2, "padding": "same", "data_format": CF}, (1, 2, 5, 6)),
    L("separable2d_s2_d2", "SeparableConv2D", {"filters": 3, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, (1, 9, 9, 2)),
    L("separable2d_channels_first", "SeparableConv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (1, 2, 7, 6)),
    L("separableconvolution2d_alias", "SeparableConvolution2D", {"filters": 2, "kernel_size": 2, "depth_multiplier": 2}, (1, 4, 4, 2)),
    L("dw1d_valid", "DepthwiseConv1D", {"kernel_size": 3}, (2, 9, 3)),
    L("dw1d_same_s2_dm2", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2}, (2, 8, 3)),
    L("dw1d_dilation_same", "DepthwiseConv1D", {"kernel_size": 3, "dilation_rate": 2, "padding": "same"}, (2, 9, 2)),
    L("dw1d_s2_d2", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "dilation_rate": 2}, (2, 11, 2)),
    L("dw1d_s2_d2_same", "DepthwiseConv1D", {"kernel_size": 2, "strides": 3, "dilation_rate": 2, "padding": "same"}, (2, 10, 2)),
    L("dw1d_channels_first", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2, "data_format": CF}, (2, 3, 7)),
    L("dw1d_relu_nobias", "DepthwiseConv1D", {"kernel_size": 2, "activation": "relu", "use_bias": False}, (2, 5, 3)),
    L("dw1d_one_channel_s2", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "depth_multiplier": 3}, (2, 4, 1)),
    L("sep1d_valid", "SeparableConv1D", {"filters": 3, "kernel_size": 3}, (2, 8, 2)),
    L("sep1d_same_s2_dm2", "SeparableConv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2}, (2, 9, 3)),
    L("sep1d_dilation", "SeparableConv1D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "activation": "tanh"}, (2, 9, 2)),
    L("sep1d_s2_d2", "SeparableConv1D", {"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2, "padding": "same"}, (2, 9, 2)),
    L("sep1d_channels_first", "SeparableConv1D", {"filters": 3, "kernel_size": 2, "padding": "same", "data_format": CF}, (2, 2, 6)),
    L("sep1d_nobias", "SeparableConv1D", {"filters": 3, "kernel_size": 2, "use_bias": False}, (2, 5, 2)),
    L("separableconvolution1d_alias", "SeparableConvolution1D", {"filters": 2, "kernel_size": 3, "strides": 2}, (1, 7, 2)),
]

NEG = "negative"
POOLING3D = [
    L("maxpool3d_default", "MaxPooling3D", {}, (2, 4, 5, 6, 3)),
    L("maxpool3d_same_3_s2", "MaxPooling3D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 5, 6, 7, 2), input_kind=NEG),
    L("maxpool3d_same_2_s1", "MaxPooling3D", {"pool_size": 2, "strides": 1, "padding": "same"}, (1, 3, 4, 5, 2), input_kind=NEG),
    L("maxpool3d_same_mixed", "MaxPooling3D", {"pool_size": (2, 3, 2), "strides": (1, 2, 2), "padding": "same"}, (1, 3, 6, 5, 2), input_kind=NEG),
    L("maxpool3d_rect", "MaxPooling3D", {"pool_size": (1, 2, 3), "strides": (1, 2, 1)}, (1, 3, 6, 5, 2)),
    L("maxpool3d_channels_first", "MaxPooling3D", {"pool_size": 2, "padding": "same", "data_format": CF}, (1, 2, 3, 5, 4), input_kind=NEG),
    L("maxpool3d_alias", "MaxPool3D", {"pool_size": (2, 2, 1)}, (1, 4, 4, 3, 2)),
    L("avgpool3d_2", "AveragePooling3D", {"pool_size": 2}, (2, 4, 5, 6, 2)),
    L("avgpool3d_same_3_s2", "AveragePooling3D", {"pool_size": 3, "strides": 2, "padding": "same"}, (1, 5, 6, 7, 2)),
    L("avgpool3d_same_2_s1", "AveragePooling3D", {"pool_size": 2, "strides": 1, "padding": "same"}, (1, 4, 5, 3, 2)),
    L("avgpool3d_same_3_s1", "AveragePooling3D", {"pool_size": 3, "strides": 1, "padding": "same"}, (1, 3, 4, 5, 2)),
    L("avgpool3d_same_mixed", "AveragePooling3D", {"pool_size": (2, 3, 4), "strides": (1, 2, 3), "padding": "same"}, (1, 3, 7, 8, 2)),
    L("avgpool3d_rect", "AveragePooling3D", {"pool_size": (2, 1, 3), "strides": (1, 2, 2)}, (2, 3, 5, 7, 2)),
    L("avgpool3d_channels_first", "AveragePooling3D", {"pool_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (1, 2, 5, 4, 6)),
    L("avgpool3d_alias", "AvgPool3D", {"pool_size": 2, "strides": 1}, (1, 3, 3, 3, 2)),
    L("gmp3d", "GlobalMaxPooling3D", {}, (2, 3, 4, 5, 3)),
    L("gmp3d_keepdims", "GlobalMaxPooling3D", {"keepdims": True}, (2, 3, 4, 5, 3)),
    L("gmp3d_alias_cf", "GlobalMaxPool3D", {"data_format": CF, "keepdims": True}, (2, 3, 4, 2, 3)),
    L("gap3d", "GlobalAveragePooling3D", {}, (2, 3, 4, 5, 3)),
    L("gap3d_keepdims", "GlobalAveragePooling3D", {"keepdims": True}, (2, 3, 4, 5, 3)),
    L("gap3d_alias_cf", "GlobalAvgPool3D", {"data_format": CF}, (2, 3, 4, 2, 3)),
    L("aap1d_10_4", "AdaptiveAveragePooling1D", {"output_size": 4}, (2, 10, 3)),
    L("aap1d_3_5", "AdaptiveAveragePooling1D", {"output_size": 5}, (2, 3, 2)),
    L("aap1d_cf", "AdaptiveAveragePooling1D", {"output_size": (3,), "data_format": CF}, (2, 2, 7)),
    L("amp1d_10_4", "AdaptiveMaxPooling1D", {"output_size": 4}, (2, 10, 3)),
    L("amp1d_7_3_cf", "AdaptiveMaxPooling1D", {"output_size": 3, "data_format": CF}, (2, 2, 7)),
    L("amp1d_4_6", "AdaptiveMaxPooling1D", {"output_size": 6}, (1, 4, 2)),
    L("aap2d", "AdaptiveAveragePooling2D", {"output_size": (3, 4)}, (2, 7, 9, 2)),
    L("aap2d_int", "AdaptiveAveragePooling2D", {"output_size": 2}, (1, 5, 5, 3)),
    L("aap2d_cf_up", "AdaptiveAveragePooling2D", {"output_size": (5, 3), "data_format": CF}, (1, 2, 3, 7)),
    L("amp2d", "AdaptiveMaxPooling2D", {"output_size": (4, 2)}, (2, 6, 5, 2)),
    L("amp2d_cf", "AdaptiveMaxPooling2D", {"output_size": 3, "data_format": CF}, (1, 2, 8, 7)),
    L("aap3d", "AdaptiveAveragePooling3D", {"output_size": (2, 3, 4)}, (1, 5, 6, 7, 2)),
    L("aap3d_cf", "AdaptiveAveragePooling3D", {"output_size": 2, "data_format": CF}, (1, 2, 5, 4, 3)),
    L("amp3d", "AdaptiveMaxPooling3D", {"output_size": (3, 2, 4)}, (1, 4, 5, 6, 2)),
    L("amp3d_up", "AdaptiveMaxPooling3D", {"output_size": (3, 4, 5)}, (1, 2, 3, 3, 2)),
    L("maxpool2d_same_2_s1", "MaxPooling2D", {"pool_size": 2, "strides": 1, "padding": "same"}, (2, 4, 5, 2), input_kind=NEG),
    L("maxpool2d_channels_first", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (1, 2, 6, 7), input_kind=NEG),
    L("avgpool2d_same_2_s1", "AveragePooling2D", {"pool_size": 2, "strides": 1, "padding": "same"}, (2, 4, 5, 2)),
    L("avgpool2d_same_4_s3", "AveragePooling2D", {"pool_size": 4, "strides": 3, "padding": "same"}, (1, 7, 8, 2)),
    L("avgpool2d_same_mixed", "AveragePooling2D", {"pool_size": (2, 3), "strides": (1, 2), "padding": "same"}, (1, 5, 6, 2)),
    L("avgpool2d_channels_first", "AveragePooling2D", {"pool_size": 2, "padding": "same", "data_format": CF}, (1, 2, 5, 7)),
    L("maxpool1d_default_alias", "MaxPool1D", {}, (2, 7, 3)),
    L("maxpool1d_same_2_s1", "MaxPooling1D", {"pool_size": 2, "strides": 1, "padding": "same"}, (2, 5, 2), input_kind=NEG),
    L("maxpool1d_channels_first", "MaxPooling1D", {"pool_size": 3, "strides": 2, "padding": "same", "data_format": CF}, (2, 2, 8), input_kind=NEG),
    L("avgpool1d_same_4_s3", "AveragePooling1D", {"pool_size": 4, "strides": 3, "padding": "same"}, (2, 8, 2)),
    L("avgpool1d_channels_first", "AveragePooling1D", {"pool_size": 2, "padding": "same", "data_format": CF}, (2, 3, 7)),
    L("avgpool1d_alias", "AvgPool1D", {"pool_size": 3, "strides": 1}, (2, 6, 2)),
    L("maxpool2d_alias", "MaxPool2D", {"pool_size": (2, 3)}, (1, 5, 7, 2)),
    L("avgpool2d_alias", "AvgPool2D", {"pool_size": 2, "strides": 1, "padding": "same"}, (1, 3, 4, 2)),
    L("gmp1d_alias", "GlobalMaxPool1D", {"data_format": CF}, (2, 3, 5)),
    L("gap1d_alias", "GlobalAvgPool1D", {"keepdims": True}, (2, 5, 3)),
    L("gmp2d_alias", "GlobalMaxPool2D", {"data_format": CF}, (2, 3, 4, 5)),
    L("gap2d_alias", "GlobalAvgPool2D", {"data_format": CF, "keepdims": True}, (2, 3, 4, 5)),
]

RESHAPING3D = [
    L("upsampling3d", "UpSampling3D", {}, (1, 2, 3, 2, 2)),
    L("upsampling3d_rect", "UpSampling3D", {"size": (1, 2, 3)}, (2, 2, 2, 3, 2)),
    L("upsampling3d_cf", "UpSampling3D", {"size": (2, 1, 3), "data_format": CF}, (1, 2, 2, 3, 2)),
    L("zeropad3d", "ZeroPadding3D", {}, (1, 2, 3, 2, 2)),
    L("zeropad3d_asym", "ZeroPadding3D", {"padding": ((1, 2), (0, 1), (3, 0))}, (1, 2, 3, 2, 2)),
    L("zeropad3d_int", "ZeroPadding3D", {"padding": 2}, (1, 2, 2, 2, 1)),
    L("zeropad3d_tuple", "ZeroPadding3D", {"padding": (1, 0, 2)}, (1, 2, 3, 2, 2)),
    L("zeropad3d_cf", "ZeroPadding3D", {"padding": ((0, 1), (2, 0), (1, 1)), "data_format": CF}, (1, 2, 2, 3, 2)),
    L("cropping3d", "Cropping3D", {}, (1, 4, 5, 6, 2)),
    L("cropping3d_asym", "Cropping3D", {"cropping": ((1, 0), (0, 2), (2, 1))}, (2, 4, 5, 6, 2)),
    L("cropping3d_int", "Cropping3D", {"cropping": 1}, (1, 3, 4, 5, 2)),
    L("cropping3d_tuple", "Cropping3D", {"cropping": (0, 1, 2)}, (1, 3, 4, 5, 2)),
    L("cropping3d_cf", "Cropping3D", {"cropping": ((0, 2), (1, 0), (1, 1)), "data_format": CF}, (1, 2, 4, 5, 6)),
    L("zeropad2d_cf", "ZeroPadding2D", {"padding": ((1, 0), (2, 1)), "data_format": CF}, (1, 2, 3, 3)),
    L("zeropad1d_int", "ZeroPadding1D", {"padding": 2}, (2, 3, 2)),
    L("zeropad1d_cf", "ZeroPadding1D", {"padding": (0, 2), "data_format": CF}, (2, 2, 3)),
    L("cropping2d_cf", "Cropping2D", {"cropping": ((1, 0), (0, 2)), "data_format": CF}, (1, 2, 4, 5)),
    L("cropping2d_tuple", "Cropping2D", {"cropping": (1, 2)}, (1, 4, 6, 2)),
    L("cropping1d_default", "Cropping1D", {}, (2, 5, 3)),
    L("upsampling2d_cf", "UpSampling2D", {"size": (2, 3), "data_format": CF}, (1, 2, 2, 3)),
    L("upsampling2d_bilinear_cf", "UpSampling2D", {"size": 2, "interpolation": "bilinear", "data_format": CF}, (1, 2, 3, 2)),
    L("upsampling2d_bicubic", "UpSampling2D", {"size": (2, 3), "interpolation": "bicubic"}, (1, 3, 4, 2)),
    L("upsampling2d_lanczos3", "UpSampling2D", {"size": 2, "interpolation": "lanczos3"}, (1, 3, 4, 2)),
    L("upsampling2d_lanczos5_cf", "UpSampling2D", {"size": 2, "interpolation": "lanczos5", "data_format": CF}, (1, 2, 3, 4)),
    L("upsampling2d_area", "UpSampling2D", {"size": 3, "interpolation": "area"}, (1, 2, 3, 2)),
    L("upsampling1d_default", "UpSampling1D", {}, (2, 3, 2)),
    L("permute_4d", "Permute", {"dims": (3, 2, 1)}, (2, 3, 4, 2)),
    L("repeat_vector_1", "RepeatVector", {"n": 1}, (3, 2)),
]

SECTIONS = {"conv3d": CONV3D, "pooling3d": POOLING3D, "reshaping3d": RESHAPING3D}


# One input channel, an output dim of 1 and a stride > 1: TF's default oneDNN float32 kernels return
# garbage (rows shifted); these cases are recorded from the same layers in float64 (TF's Eigen
# kernels), cast to float32. "onednn_float32_max_error" keeps how far the float32 result was off.
ONEDNN_WRONG = {"conv2d_one_channel_s3", "conv2d_one_channel_s2", "conv3d_one_channel_rect"}


def _fresh(case, dtype=None):
    cls = getattr(keras.layers, case["cls"])
    config = dict(case["config"])
    if dtype is not None:
        config["dtype"] = dtype
    return cls(**config)


def _f32(a):
    return arr(np.asarray(a).astype(np.float32))


def gen_grads(case, rec, dtype="float32"):
    """d sum(y * cot) / d(input, trainable weights), with the recorded weights."""
    layer = _fresh(case, dtype)
    x = tf.constant(np.asarray(rec["input"]["value"], dtype=rec["input"]["dtype"]).reshape(rec["input"]["shape"]))
    x = tf.cast(x, dtype) if x.dtype.is_floating else x
    layer.build(x.shape)
    if rec["weights_in"] is not None:
        layer.set_weights([np.asarray(w["value"], np.float32).reshape(w["shape"]).astype(dtype)
                           for w in rec["weights_in"]])
    out_shape = rec["outputs"][0]["shape"]
    cot = np.random.default_rng(3000 + case["seed"]).uniform(-1, 1, out_shape).astype(np.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x)
        loss = tf.reduce_sum(y * tf.cast(cot, y.dtype))
    try:
        grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
    except LookupError as e:  # ResizeArea has no gradient in TF
        return {"cotangent": arr(cot), "loss": float(loss), "grads": None, "grads_error": str(e)}
    out = {"cotangent": arr(cot), "loss": float(loss),
           "grads": [None if g is None else _f32(g) for g in grads]}
    if dtype != "float32":
        out["outputs"] = [_f32(y)]
    return out


def gen_symbolic(case):
    """Functional output shapes: the case's input shape, and the same with unknown spatial dims."""
    shape = tuple(case["input_shape"][1:])
    cf = case["config"].get("data_format") == CF
    rank = len(shape) - 1
    unknown = ((shape[0],) + (None,) * rank) if cf else ((None,) * rank + (shape[-1],))
    out = {}
    for key, s in (("full", shape), ("none_spatial", unknown)):
        try:
            y = _fresh(case)(keras.Input(shape=s))
            out[key] = {"input": list(s), "output": list(y.shape)}
        except Exception as e:  # noqa: BLE001
            out[key] = {"input": list(s), "error": [type(e).__name__, str(e)]}
    return out


X5 = "np.ones((1,4,4,4,2),'float32')"
X4 = "np.ones((1,4,4,2),'float32')"
X3 = "np.ones((1,6,2),'float32')"
ERRORS = {
    "conv3d": [
        ("conv3d_causal", "L.Conv3D(2, 3, padding='causal')"),
        ("conv3d_bad_padding", "L.Conv3D(2, 3, padding='full')"),
        ("conv3d_filters0", "L.Conv3D(0, 3)"),
        ("conv3d_groups0", "L.Conv3D(2, 3, groups=0)"),
        ("conv3d_groups_filters", "L.Conv3D(3, 3, groups=2)"),
        ("conv3d_groups_channels", f"L.Conv3D(4, 1, groups=4)({X5})"),
        ("conv3d_kernel_len", "L.Conv3D(2, (3, 3))"),
        ("conv3d_kernel_zero", "L.Conv3D(2, (3, 0, 3))"),
        ("conv3d_strides_zero", "L.Conv3D(2, 3, strides=(1, 0, 1))"),
        ("conv3d_strides_dilation", "L.Conv3D(2, 3, strides=2, dilation_rate=2)"),
        ("conv3d_bad_data_format", "L.Conv3D(2, 3, data_format='NDHWC')"),
        ("conv3d_too_small", "L.Conv3D(2, 3)(np.ones((1,2,4,4,1),'float32'))"),
        ("conv3d_too_small_symbolic", "L.Conv3D(2, 3, dilation_rate=2)(keras.Input((4,8,8,1)))"),
        ("conv3d_4d_input", f"L.Conv3D(2, 3)({X4})"),
        ("conv3d_6d_input", "L.Conv3D(2, 1)(np.ones((2,1,4,4,4,1),'float32'))"),
        ("conv3d_channels_changed", f"(lambda c: (c({X5}), c(np.ones((1,4,4,4,3),'float32'))))(L.Conv3D(2, 1))"),
        ("conv2d_5d_input", "L.Conv2D(2, 1)(np.ones((2,3,4,4,1),'float32'))"),
        ("conv2d_too_small", "L.Conv2D(2, 3)(np.ones((1,2,4,1),'float32'))"),
        ("conv1d_too_small", "L.Conv1D(2, 5)(np.ones((1,3,1),'float32'))"),
        ("conv3dt_causal", "L.Conv3DTranspose(2, 3, padding='causal')"),
        ("conv3dt_strides_dilation", "L.Conv3DTranspose(2, 3, strides=2, dilation_rate=2)"),
        ("conv3dt_output_padding", "L.Conv3DTranspose(2, 3, strides=2, output_padding=2)"),
        ("conv3dt_output_padding_len", "L.Conv3DTranspose(2, 3, strides=2, output_padding=(1, 1))"),
        ("conv3dt_filters0", "L.Conv3DTranspose(0, 3)"),
        ("conv1dt_causal", "L.Conv1DTranspose(2, 3, padding='causal')"),
        ("conv1dt_output_padding", "L.Conv1DTranspose(2, 3, output_padding=1)"),
        ("dw1d_causal", "L.DepthwiseConv1D(3, padding='causal')"),
        ("dw1d_dm0", "L.DepthwiseConv1D(3, depth_multiplier=0)"),
        ("dw1d_too_small", "L.DepthwiseConv1D(5)(np.ones((1,3,2),'float32'))"),
        ("dw1d_too_small_symbolic", "L.DepthwiseConv1D(5)(keras.Input((3,2)))"),
        ("dw1d_4d_input", "L.DepthwiseConv1D(1)(np.ones((2,3,4,1),'float32'))"),
        ("dw1d_kernel_len", "L.DepthwiseConv1D((3, 3))"),
        ("dw2d_too_small", "L.DepthwiseConv2D(3)(np.ones((1,2,5,2),'float32'))"),
        ("sep1d_causal", "L.SeparableConv1D(2, 3, padding='causal')"),
        ("sep1d_filters0", "L.SeparableConv1D(0, 3)"),
        ("sep1d_dm0", "L.SeparableConv1D(2, 3, depth_multiplier=0)"),
        ("sep1d_too_small", "L.SeparableConv1D(2, 4)(np.ones((1,3,2),'float32'))"),
        ("sep2d_too_small_symbolic", "L.SeparableConv2D(2, 4)(keras.Input((3,5,2)))"),
    ],
    "pooling3d": [
        ("avgpool3d_no_pool_size", "L.AveragePooling3D()"),
        ("maxpool3d_pool_len", "L.MaxPooling3D((2, 2))"),
        ("maxpool3d_pool_zero", "L.MaxPooling3D((2, 0, 2))"),
        ("maxpool3d_strides_neg", "L.MaxPooling3D(2, strides=-1)"),
        ("maxpool3d_strides_zero_call", f"L.MaxPooling3D(2, strides=0)({X5})"),
        ("maxpool3d_bad_padding_call", f"L.MaxPooling3D(padding='full')({X5})"),
        ("maxpool3d_bad_padding_symbolic", "L.MaxPooling3D(padding='full')(keras.Input((4,4,4,2)))"),
        ("maxpool3d_upper_padding_symbolic", "L.MaxPooling3D(padding='SAME')(keras.Input((4,4,4,2)))"),
        ("maxpool3d_too_small_symbolic", "L.MaxPooling3D(5)(keras.Input((4,5,6,3)))"),
        ("maxpool3d_cos_too_small", "L.MaxPooling3D(3).compute_output_shape((2,2,4,4,1))"),
        ("maxpool3d_4d_input", f"L.MaxPooling3D()({X4})"),
        ("maxpool3d_int_input", "L.MaxPooling3D()(np.ones((1,2,2,2,1),'int32'))"),
        ("avgpool3d_int_input", "L.AveragePooling3D(2)(np.ones((1,2,2,2,1),'int32'))"),
        ("avgpool2d_int_input", "L.AveragePooling2D(2)(np.ones((1,2,2,1),'int32'))"),
        ("maxpool2d_bad_padding_call", f"L.MaxPooling2D(padding='full')({X4})"),
        ("maxpool1d_bad_padding_call", f"L.MaxPooling1D(padding='causal')({X3})"),
        ("gmp3d_4d_input", f"L.GlobalMaxPooling3D()({X4})"),
        ("gap3d_bad_data_format", "L.GlobalAveragePooling3D(data_format='NDHWC')"),
        ("aap1d_float", "L.AdaptiveAveragePooling1D(2.0)"),
        ("aap1d_tuple2", "L.AdaptiveAveragePooling1D((2, 2))"),
        ("amp1d_tuple2", "L.AdaptiveMaxPooling1D([2, 3])"),
        ("aap2d_tuple3", "L.AdaptiveAveragePooling2D((2, 2, 2))"),
        ("amp2d_str", "L.AdaptiveMaxPooling2D('a')"),
        ("aap3d_tuple2", "L.AdaptiveAveragePooling3D((2, 2))"),
        ("amp3d_float", "L.AdaptiveMaxPooling3D(2.0)"),
        ("aap1d_bad_data_format", "L.AdaptiveAveragePooling1D(2, data_format='nchw')"),
        ("aap1d_upper_data_format", "L.AdaptiveAveragePooling1D(2, data_format='CHANNELS_FIRST')"),
        ("aap1d_int_input", "L.AdaptiveAveragePooling1D(2)(np.ones((2,4,3),'int32'))"),
        ("aap1d_4d_input", f"L.AdaptiveAveragePooling1D(2)({X4})"),
        ("amp3d_4d_input", f"L.AdaptiveMaxPooling3D(2)({X4})"),
    ],
    "reshaping3d": [
        ("upsampling3d_size0", "L.UpSampling3D(size=0)"),
        ("upsampling3d_size_len", "L.UpSampling3D(size=(2, 2))"),
        ("upsampling3d_4d_input", f"L.UpSampling3D()({X4})"),
        ("zeropad3d_tuple2", "L.ZeroPadding3D((1, 2))"),
        ("zeropad3d_str", "L.ZeroPadding3D('a')"),
        ("zeropad3d_float", "L.ZeroPadding3D(1.5)"),
        ("zeropad3d_neg_entry", "L.ZeroPadding3D((1, (0, -1), 2))"),
        ("zeropad3d_entry_len", "L.ZeroPadding3D((1, (0, 1, 2), 2))"),
        ("zeropad3d_neg_call", f"L.ZeroPadding3D(-1)({X5})"),
        ("zeropad2d_neg_call", f"L.ZeroPadding2D(-1)({X4})"),
        ("zeropad3d_bad_data_format", "L.ZeroPadding3D(data_format='x')"),
        ("cropping3d_neg", "L.Cropping3D(-1)"),
        ("cropping3d_tuple2", "L.Cropping3D((1, 2))"),
        ("cropping3d_str", "L.Cropping3D('a')"),
        ("cropping3d_float", "L.Cropping3D(1.5)"),
        ("cropping3d_neg_entry", "L.Cropping3D(((1, 0), 2, (0, -2)))"),
        ("cropping3d_too_big", "L.Cropping3D(((2, 2), (0, 0), (0, 0)))(np.ones((2,4,5,6,3),'float32'))"),
        ("cropping3d_too_big_symbolic", "L.Cropping3D(((2, 2), (0, 0), (0, 0)))(keras.Input((4,5,6,3)))"),
        ("cropping3d_cos_too_big", "L.Cropping3D(((0, 0), (3, 2), (0, 0))).compute_output_shape((None,4,5,6,3))"),
        ("cropping3d_4d_input", f"L.Cropping3D()({X4})"),
        ("upsampling2d_bad_interpolation", f"L.UpSampling2D(interpolation='gaussian')({X4})"),
        ("upsampling1d_float", "L.UpSampling1D(2.0)"),
        ("upsampling1d_zero", "L.UpSampling1D(0)"),
        ("upsampling1d_cos", "L.UpSampling1D(3).compute_output_shape((None, 4, 2))"),
        ("cropping1d_cos_too_big", "L.Cropping1D((3, 3)).compute_output_shape((None, 5, 2))"),
        ("cropping1d_too_big", "L.Cropping1D((3, 3))(np.ones((2,5,2),'float32'))"),
    ],
}

BUILT = ["UpSampling3D()", "ZeroPadding3D()", "Cropping3D()", "MaxPooling3D()", "AveragePooling3D(2)",
         "GlobalMaxPooling3D()", "GlobalAveragePooling3D()", "AdaptiveMaxPooling2D(2)",
         "AdaptiveAveragePooling1D(2)", "Conv3D(2, 3)", "DepthwiseConv1D(3)", "Flatten()", "Reshape((2,))",
         "Permute((1,))", "RepeatVector(2)", "UpSampling1D()", "UpSampling2D()", "ZeroPadding1D()",
         "ZeroPadding2D()", "Cropping1D()", "Cropping2D()"]


def gen_errors(section):
    out = {}
    for eid, code in ERRORS[section]:
        try:
            eval(code, {"L": keras.layers, "keras": keras, "np": np, "tf": tf})
            out[eid] = {"code": code, "error": None}
        except Exception as e:  # noqa: BLE001
            out[eid] = {"code": code, "error": [type(e).__name__, str(e)]}
    return out


def _check_bias_axis(case, rec):
    """Keras 3.15's TF `ops.add` adds a (1, C, 1, ...) bias with `tf.nn.bias_add(NHWC)` when the
    last dim of a channels_first output also equals C: the bias lands on the wrong axis. The shim
    adds it on the channel axis; keep such shapes out of the golden cases."""
    shape = rec["outputs"][0]["shape"]
    if case["config"].get("data_format") == CF and len(shape) > 2 and shape[-1] == shape[1] \
            and case["config"].get("use_bias", True) and rec["weights_in"]:
        raise ValueError(f"{case['id']}: channels_first output {shape} hits the Keras bias_add bug")


def gen_section(section):
    cases = {}
    for case in SECTIONS[section]:
        keras.backend.clear_session()
        rec = base.run_layer_case(case)
        _check_bias_axis(case, rec)
        if case["id"] in ONEDNN_WRONG:
            f32 = np.asarray(rec["outputs"][0]["value"])
            rec.update(gen_grads(case, rec, "float64"))
            rec["onednn_float32_max_error"] = float(np.abs(f32 - np.asarray(rec["outputs"][0]["value"])).max())
        else:
            rec.update(gen_grads(case, rec))
        rec["symbolic"] = gen_symbolic(case)
        rec["full_config"] = _fresh(case).get_config()
        cases[case["id"]] = rec
    data = {"cases": cases, "errors": gen_errors(section)}
    if section == "reshaping3d":
        data["built_at_init"] = {c: bool(eval("L." + c, {"L": keras.layers}).built) for c in BUILT}
    if section == "pooling3d":
        data["aliases"] = {a: getattr(keras.layers, a) is getattr(keras.layers, b) for a, b in [
            ("MaxPool1D", "MaxPooling1D"), ("MaxPool2D", "MaxPooling2D"), ("MaxPool3D", "MaxPooling3D"),
            ("AvgPool1D", "AveragePooling1D"), ("AvgPool2D", "AveragePooling2D"),
            ("AvgPool3D", "AveragePooling3D"), ("GlobalMaxPool1D", "GlobalMaxPooling1D"),
            ("GlobalMaxPool2D", "GlobalMaxPooling2D"), ("GlobalMaxPool3D", "GlobalMaxPooling3D"),
            ("GlobalAvgPool1D", "GlobalAveragePooling1D"), ("GlobalAvgPool2D", "GlobalAveragePooling2D"),
            ("GlobalAvgPool3D", "GlobalAveragePooling3D")]}
    if section == "conv3d":
        data["aliases"] = {a: getattr(keras.layers, a) is getattr(keras.layers, b) for a, b in [
            ("Convolution1D", "Conv1D"), ("Convolution2D", "Conv2D"), ("Convolution3D", "Conv3D"),
            ("Convolution1DTranspose", "Conv1DTranspose"), ("Convolution2DTranspose", "Conv2DTranspose"),
            ("Convolution3DTranspose", "Conv3DTranspose"), ("SeparableConvolution1D", "SeparableConv1D"),
            ("SeparableConvolution2D", "SeparableConv2D")]}
    return data


def gen_model():
    keras.utils.set_random_seed(5)
    lay = keras.layers
    inp = keras.Input((6, 8, 8, 2))
    x = lay.Conv3D(4, 3, padding="same", activation="relu")(inp)
    x = lay.ZeroPadding3D(1)(x)
    x = lay.Cropping3D(((1, 0), (0, 1), (1, 1)))(x)
    x = lay.MaxPooling3D(2)(x)
    x = lay.Conv3DTranspose(3, 2, strides=2, padding="same")(x)
    x = lay.UpSampling3D((1, 1, 2))(x)
    x = lay.AveragePooling3D(2, padding="same")(x)
    a = lay.GlobalMaxPooling3D()(x)
    b = lay.GlobalAveragePooling3D()(lay.AdaptiveMaxPooling3D((2, 2, 3))(x))
    c = lay.Reshape((3 * 4 * 8, 3))(x)
    c = lay.DepthwiseConv1D(3, depth_multiplier=2, strides=2)(c)
    c = lay.SeparableConv1D(4, 3, padding="same")(c)
    c = lay.Flatten()(lay.AdaptiveAveragePooling1D(5)(c))
    out = lay.Concatenate()([a, b, c])
    model = keras.Model(inp, out, name="conv3d_model")
    x_in = np.random.default_rng(6).standard_normal((2, 6, 8, 8, 2)).astype(np.float32)
    y = model(x_in)
    model.save(os.path.join(OUT, "conv3d_model.keras"))
    return {"input": arr(x_in), "output": arr(np.asarray(y)),
            "weight_paths": [w.path for w in model.weights]}


def main(argv):
    names = argv or list(SECTIONS)
    for name in names:
        keras.utils.set_random_seed(0)
        keras.backend.clear_session()
        data = gen_section(name)
        if name == "conv3d":
            data["model"] = gen_model()
        data["meta"] = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(data, f, indent=None, sort_keys=True, default=base._json_default)
            f.write("\n")
        print(f"{name}: {len(data['cases'])} cases, {len(data['errors'])} errors")


if __name__ == "__main__":
    main(sys.argv[1:])
