"""tf.linalg namespace."""
from .ops.linalg_ops import (  # noqa: F401
    adjoint, band_part, cholesky, cholesky_solve, cross, det, diag, diag_part, eig, eigh, eigvals,
    eigvalsh, einsum, expm, eye, global_norm, inv, l2_normalize, logdet, logm, lstsq, lu,
    lu_matrix_inverse, lu_reconstruct, lu_solve, matmul, matrix_rank, matrix_transpose, matvec,
    norm, normalize, pinv, qr, set_diag, slogdet, solve, sqrtm, svd, tensor_diag,
    tensor_diag_part, tensordot, trace, triangular_solve,
)

__all__ = [
    "adjoint", "band_part", "cholesky", "cholesky_solve", "cross", "det", "diag", "diag_part",
    "eig", "eigh", "eigvals", "eigvalsh", "einsum", "expm", "eye", "global_norm", "inv",
    "l2_normalize", "logdet", "logm", "lstsq", "lu", "lu_matrix_inverse", "lu_reconstruct",
    "lu_solve", "matmul", "matrix_rank", "matrix_transpose", "matvec", "norm", "normalize", "pinv",
    "qr", "set_diag", "slogdet", "solve", "sqrtm", "svd", "tensor_diag", "tensor_diag_part",
    "tensordot", "trace", "triangular_solve",
]
