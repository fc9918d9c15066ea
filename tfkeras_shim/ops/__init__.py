"""tf.* operations: thin functions over torch with TF argument names and TF dtype rules."""
