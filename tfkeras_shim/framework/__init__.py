"""Tensor layer of the shim: dtypes, shapes, errors, device choice, Tensor and Variable."""
