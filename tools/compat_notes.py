"""Hand-written notes for compat_matrix.md: names that work only partly, and why.

A name listed here is shown as `partial` (even when tests cover it) with its note.
Keep notes short and concrete: what differs from TF.
"""
PARTIAL = {
    "tf.bfloat16": "computes in bfloat16; `.numpy()` returns float32 (numpy has no bfloat16)",
    "tf.Tensor": "tensors are hashable (torch needs it; TF2 raises TypeError); `.device` is a torch.device",
    "tf.string": "string tensors live on the host as numpy object arrays; only conversion, indexing, ==, + and a few array ops are supported",
    "tf.argmax": "a NaN's index is returned (TF skips NaNs)",
    "tf.argmin": "a NaN's index is returned (TF skips NaNs)",
    "tf.math.argmax": "a NaN's index is returned (TF skips NaNs)",
    "tf.math.argmin": "a NaN's index is returned (TF skips NaNs)",
    "tf.math.top_k": "sorted=False returns entries in index order (TF's order is unspecified)",
    "tf.sort": "NaNs come first with direction='DESCENDING'",
    "tf.linalg.svd": "singular vectors may differ from TF's LAPACK by a sign per column",
    "tf.linalg.qr": "columns may differ from TF's LAPACK by a sign",
    "tf.linalg.eigh": "eigenvectors may differ from TF's LAPACK by a sign per column",
    "tf.linalg.eig": "eigenvectors may differ from TF's LAPACK by a phase per column",
    "tf.train.Checkpoint": "own format under TF's file names (JSON index + npz); reading a TF-written checkpoint needs TensorFlow",
    "tf.train.CheckpointManager": "own checkpoint format (see tf.train.Checkpoint)",
    "tf.train.load_checkpoint": "own checkpoint format only",
    "tf.train.list_variables": "own checkpoint format only",
    "tf.train.load_variable": "own checkpoint format only",
    "tf.IndexedSlices": "indices and dense_shape are always int32; inside torch.compile (jit_compile=True) row lookups "
                        "get dense gradients, so Adam/RMSprop/Adagrad see (sum g)^2 for repeated ids there; a plain torch "
                        "`loss.backward()` loop also gets dense grads (torch.optim accepts them)",
    "tf.keras.config.enable_traceback_filtering": "a flag only: tracebacks keep the shim's frames",
    "tf.keras.config.disable_traceback_filtering": "a flag only: tracebacks keep the shim's frames",
    "tf.keras.config.set_backend": "only 'tensorflow' (the shim is one backend); other names raise ValueError",
    "tf.distribute.MirroredStrategy": "one replica on the current device (num_replicas_in_sync == 1) even with several GPUs",
    "tf.distribute.MultiWorkerMirroredStrategy": "a single worker, one replica (TF_CONFIG clusters are not supported)",
    "tf.test.TestCase": "eager only: session()/cached_session() raise; TF also collects a skipped test_session test",
    "tf.test.is_built_with_xla": "always False (torch.compile plays XLA's part)",
    "tf.sysconfig.get_include": "torch's headers (custom ops build against torch here)",
    "tf.sysconfig.get_lib": "torch's libraries",
    "tf.sysconfig.get_compile_flags": "flags for torch's headers",
    "tf.sysconfig.get_link_flags": "links torch (-ltorch -lc10)",
    "tf.version.GIT_VERSION": "'tfkeras_shim' (no TF git build)",
    "tf.version.COMPILER_VERSION": "'torch'",
    "tf.version.GRAPH_DEF_VERSION": "0: there are no GraphDefs",
    "tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER": "0: there are no GraphDefs",
    "tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER": "0: there are no GraphDefs",
    "tf.math.softplus": "float32 denormal results are kept (TF's CPU kernels flush them to 0: softplus(-100) is 0.0 in TF)",
}

# Keras-2 behaviour kept on purpose where Keras 3 would silently differ (see README / issue notes).
KERAS2_COMPAT = {
    "tf.keras.layers.Layer": "a tf.Variable assigned as a layer attribute is tracked as a weight (Keras 3 ignores it); "
                             "add_weight('name', shape) with a positional name works (Keras 3 raises); Python lists/floats "
                             "are accepted as inputs; set_weights checks every shape before assigning anything; "
                             "layer.input_shape/output_shape still exist",
    "tf.keras.Model": "model.build(shape) on a subclassed model runs it once on a placeholder so its weights exist "
                      "(Keras 3 creates none)",
    "tf.keras.Sequential": "Sequential.input/.output return the internal graph's tensors (Keras 3 raises)",
}

# Rows for things that are not attribute names (runner, methods, behaviours) -> description.
EXTRA = {
    "python -m tfkeras_shim": "run an unchanged TF script with tensorflow/keras imports aliased to the shim",
    "tfkeras_shim.install_aliases": "the same aliasing, in-process",
}
