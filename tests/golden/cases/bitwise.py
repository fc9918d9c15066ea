"""tf.bitwise (tfkeras_shim/bitwise.py)."""
CASES = [
    ("and_int32", "tf.bitwise.bitwise_and(tf.constant([12, 10, -1]), tf.constant([10, 6, 5]))"),
    ("or_uint8", "tf.bitwise.bitwise_or(tf.constant([12, 200], tf.uint8), tf.constant([3, 100], tf.uint8))"),
    ("xor_int64_scalar", "tf.bitwise.bitwise_xor(tf.constant([12, 7], tf.int64), 5)"),
    ("invert_int8_uint16", "[tf.bitwise.invert(tf.constant([0, 5, -128], tf.int8)), tf.bitwise.invert(tf.constant([0, 1], tf.uint16))]"),
    ("left_shift", "tf.bitwise.left_shift(tf.constant([1, 3, -2]), tf.constant([2, 4, 1]))"),
    ("right_shift_signed", "tf.bitwise.right_shift(tf.constant([16, -16, 7]), tf.constant([2, 2, 1]))"),
    ("right_shift_uint8", "tf.bitwise.right_shift(tf.constant([200, 7], tf.uint8), tf.constant([3, 1], tf.uint8))"),
    ("broadcast", "tf.bitwise.bitwise_and(tf.constant([[12], [5]]), tf.constant([10, 6, 4]))"),
    ("float_rejected", "tf.bitwise.bitwise_and(tf.constant([1.0]), tf.constant([2.0]))"),
    ("bool_rejected", "tf.bitwise.bitwise_or(tf.constant([True]), tf.constant([False]))"),
    ("invert_float_rejected", "tf.bitwise.invert(tf.constant([1.0]))"),
    ("dtype_mismatch", "tf.bitwise.bitwise_and(tf.constant([1]), tf.constant([1], tf.int64))"),
]
CASES += [
    ("uint32_and_shift", "[tf.bitwise.bitwise_and(tf.constant([4000000000], tf.uint32), tf.constant([255], tf.uint32)), tf.bitwise.right_shift(tf.constant([4000000000], tf.uint32), tf.constant([4], tf.uint32))]"),
    ("uint64_xor_invert", "[tf.bitwise.bitwise_xor(tf.constant([2**63 + 5], tf.uint64), tf.constant([3], tf.uint64)), tf.bitwise.invert(tf.constant([0], tf.uint64))]"),
]
