"""tf.SparseTensor and tf.sparse ops (framework/sparse_tensor.py, tfkeras_shim/sparse.py).
SparseTensors are recorded as [indices, values, dense_shape] (serialize.py cannot record them)."""

_ST = "st = tf.sparse.SparseTensor(indices=[[0, 1], [0, 2], [2, 3]], values=[-1., -3., 2.], dense_shape=[3, 4])\n"
_P = "p = lambda s: [s.indices, s.values, s.dense_shape, s.shape.as_list(), s.dtype.name]\n"


def _c(cid, body, opts=None):
    return (cid, _ST + _P + body, opts or {})


CASES = [
    _c("construct", "out = p(st)"),
    _c("repr", "out = repr(st)"),
    _c("construct_bad_count", "out = tf.sparse.SparseTensor([[0, 1]], [1., 2.], [3, 4])"),
    _c("construct_bad_rank", "out = tf.sparse.SparseTensor([0, 1], [1.], [3, 4])"),
    _c("to_dense", "out = [tf.sparse.to_dense(st), tf.sparse.to_dense(st, default_value=9.)]"),
    _c("to_dense_unordered", "out = tf.sparse.to_dense(tf.sparse.SparseTensor([[2, 3], [0, 1]], [1, 2], [3, 4]))"),
    _c("to_dense_no_validate", "out = tf.sparse.to_dense(tf.sparse.SparseTensor([[2, 3], [0, 1]], [1, 2], [3, 4]), validate_indices=False)"),
    _c("to_dense_oob", "out = tf.sparse.to_dense(tf.sparse.SparseTensor([[0, 5]], [1.], [3, 4]))"),
    _c("from_dense", "out = p(tf.sparse.from_dense(tf.constant([[0, 1], [2, 0]])))"),
    _c("reorder", "out = p(tf.sparse.reorder(tf.sparse.SparseTensor([[2, 3], [0, 1]], [1, 2], [3, 4])))"),
    _c("reshape", "out = [p(tf.sparse.reshape(st, [4, 3])), p(tf.sparse.reshape(st, [-1, 2]))]"),
    _c("reshape_bad", "out = tf.sparse.reshape(st, [5, 3])"),
    _c("add_sparse", "out = p(tf.sparse.add(st, tf.sparse.SparseTensor([[0, 1], [1, 1]], [1., 5.], [3, 4])))"),
    _c("add_threshold", "out = p(tf.sparse.add(st, tf.sparse.SparseTensor([[0, 1], [1, 1]], [1., 5.], [3, 4]), threshold=0.5))"),
    _c("add_dense", "out = tf.sparse.add(st, tf.ones([3, 4]))"),
    _c("add_dense_bad_dtype", "out = tf.sparse.add(st, tf.ones([3, 4], tf.int32))"),
    _c("add_shape_mismatch", "out = tf.sparse.add(st, tf.sparse.SparseTensor([[0, 0]], [1.], [3, 5]))"),
    _c("matmul", "out = [tf.sparse.sparse_dense_matmul(st, tf.reshape(tf.range(8.), [4, 2])), "
       "tf.sparse.sparse_dense_matmul(st, tf.ones([3, 2]), adjoint_a=True), "
       "tf.sparse.sparse_dense_matmul(tf.ones([2, 3]), st)]"),
    _c("matmul_bad", "out = tf.sparse.sparse_dense_matmul(st, tf.ones([3, 3]))"),
    _c("reduce_sum", "out = [tf.sparse.reduce_sum(st), tf.sparse.reduce_sum(st, 1), tf.sparse.reduce_sum(st, -1, keepdims=True), "
       "tf.sparse.reduce_sum(st, 0)]"),
    _c("reduce_sum_sparse", "out = p(tf.sparse.reduce_sum(st, 1, output_is_sparse=True))"),
    _c("reduce_max", "out = [tf.sparse.reduce_max(st), tf.sparse.reduce_max(st, 1), p(tf.sparse.reduce_max(st, 1, output_is_sparse=True))]"),
    _c("slice", "out = [p(tf.sparse.slice(st, [0, 2], [3, 2])), p(tf.sparse.slice(st, [1, 3], [5, 5]))]"),
    _c("retain", "out = p(tf.sparse.retain(st, [True, False, True]))"),
    _c("fill_empty_rows", "s, e = tf.sparse.fill_empty_rows(st, -7.)\nout = [p(s), e]"),
    _c("concat", "out = [p(tf.sparse.concat(1, [st, st])), p(tf.sparse.concat(0, [st, st]))]"),
    _c("concat_bad", "out = tf.sparse.concat(0, [st, tf.sparse.SparseTensor([[0, 0]], [1.], [3, 5])])"),
    _c("concat_expand", "out = p(tf.sparse.concat(0, [st, tf.sparse.SparseTensor([[0, 0]], [1.], [3, 5])], expand_nonconcat_dims=True))"),
    _c("expand_dims", "out = [p(tf.sparse.expand_dims(st, 0)), p(tf.sparse.expand_dims(st, -1))]"),
    _c("transpose", "out = p(tf.sparse.transpose(st))"),
    _c("to_indicator", "out = tf.sparse.to_indicator(tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 3, 0], [2, 3]), 4)"),
    _c("split", "out = [p(s) for s in tf.sparse.split(sp_input=tf.sparse.SparseTensor([[0, 0], [1, 1], [2, 4]], [1, 2, 3], [3, 5]), num_split=2, axis=1)]"),
    _c("mul_div_dense", "out = [p(st * tf.constant([1., 2., 3., 4.])), p(st / 2.)]"),
    _c("mask", "a = tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.], [5., 6.]]), tf.constant([0, 2, 5]), tf.constant([6, 2]))\n"
       "m = tf.sparse.mask(a, tf.constant([2]))\nout = [m.values, m.indices]"),
    _c("convert_error", "out = tf.convert_to_tensor(st)"),
]
