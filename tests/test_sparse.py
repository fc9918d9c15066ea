"""tf.SparseTensor / tf.sparse through the public API (values are checked in tests/golden/cases/sparse.py)."""
import pytest

import tfkeras_shim as tf


@pytest.mark.covers("tf.sparse.SparseTensor", "tf.sparse.to_dense", "tf.sparse.reorder")
def test_attributes_do_not_retype_internal_state():
    st = tf.sparse.SparseTensor([[1, 0], [0, 2]], [3., 4.], [2, 3])
    repr(st)
    r = tf.sparse.reorder(st)
    assert r.indices.numpy().tolist() == [[0, 2], [1, 0]]
    assert tf.sparse.to_dense(r).numpy().tolist() == [[0., 0., 4.], [3., 0., 0.]]
    assert st.indices.dtype == tf.int64 and st.dense_shape.dtype == tf.int64


@pytest.mark.covers("tf.sparse.SparseTensor")
def test_convert_to_tensor_rejected():
    with pytest.raises(ValueError, match="unsupported type"):
        tf.convert_to_tensor(tf.sparse.SparseTensor([[0]], [1.], [2]))
