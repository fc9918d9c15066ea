"""tf.IndexedSlices gradients of row lookups (Embedding, tf.gather, tf.nn.embedding_lookup) and how
the optimizers, clipping and tf.clip_by_* treat repeated rows (framework/indexed_slices.py)."""

_EMB = """
emb = tf.keras.layers.Embedding(4, 2, embeddings_initializer="zeros")
emb.build((None,))
emb.embeddings.assign(np.array([[0.1, -0.2], [0.3, 0.4], [0.5, -0.6], [0.7, 0.8]], np.float32))
opt = tf.keras.optimizers.{opt}(learning_rate=0.1{extra})
ids = tf.constant([[1, 1, 2], [1, 0, 2]])
w = tf.constant([[1., -2., 3.], [4., 5., -6.]])
for step in range({steps}):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(emb(ids) * w[..., None] * tf.constant([1., -2.]))
    g = tape.gradient(loss, emb.trainable_variables)
    opt.apply_gradients(zip(g, emb.trainable_variables))
out = emb.embeddings.numpy()"""


def _emb(opt, extra="", steps=3, tol=2e-6):
    key = (opt + extra.replace(", ", "_").replace("=", "").replace(".", "p")).lower()
    return (f"emb_{key}", _EMB.format(opt=opt, extra=extra, steps=steps), {"rtol": tol, "atol": tol})


CASES = [
    _emb("SGD"), _emb("SGD", ", momentum=0.9"), _emb("Adam"), _emb("Adam", ", amsgrad=True"),
    _emb("AdamW"), _emb("Adamax"), _emb("Nadam"), _emb("RMSprop"),
    _emb("RMSprop", ", momentum=0.9"), _emb("RMSprop", ", centered=True", tol=1e-5),
    _emb("Adagrad"), _emb("Adadelta"), _emb("Ftrl"), _emb("Lion"),
    _emb("Adam", ", clipnorm=1.0"), _emb("Adam", ", global_clipnorm=1.0"),
    _emb("SGD", ", clipnorm=1.0"), _emb("SGD", ", global_clipnorm=1.0"),
    _emb("SGD", ", clipvalue=0.5"), _emb("RMSprop", ", clipvalue=0.5"),
    _emb("Adagrad", ", clipnorm=1.0"), _emb("Adam", ", use_ema=True"),
    _emb("SGD", ", weight_decay=0.1"), _emb("Adam", ", weight_decay=0.1"),
    _emb("Adam", ", gradient_accumulation_steps=2", steps=4),
    ("tape_gives_indexed_slices", """
emb = tf.keras.layers.Embedding(4, 2, embeddings_initializer="ones")
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(emb(tf.constant([[1, 1, 2]])) * tf.constant([[[1.], [-3.], [2.]]]))
g = tape.gradient(loss, emb.trainable_variables)[0]
out = [type(g).__name__, g.values, g.dense_shape, tf.convert_to_tensor(g), g.shape.as_list(),
       g.dtype.name]"""),
    ("indices_of_lookup", """
emb = tf.keras.layers.Embedding(4, 2)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(emb(tf.constant([[3, 1], [1, 0]])))
out = tf.cast(tape.gradient(loss, emb.trainable_variables)[0].indices, tf.int64)"""),
    ("clip_by_global_norm_counts_occurrences", """
emb = tf.keras.layers.Embedding(4, 2, embeddings_initializer="ones")
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(emb(tf.constant([[1, 1, 2]])) * tf.constant([[[1.], [-3.], [2.]]]))
g = tape.gradient(loss, emb.trainable_variables)[0]
c, n = tf.clip_by_global_norm([g, None], 1.0)
out = [type(c[0]).__name__, n, tf.convert_to_tensor(c[0]), c[1] is None, tf.linalg.global_norm([g])]"""),
    ("clip_by_norm_keeps_slices", """
emb = tf.keras.layers.Embedding(4, 2, embeddings_initializer="ones")
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(emb(tf.constant([[1, 1, 2]])) * tf.constant([[[1.], [-3.], [2.]]]))
g = tape.gradient(loss, emb.trainable_variables)[0]
c = tf.clip_by_norm(g, 1.0)
out = [type(c).__name__, tf.convert_to_tensor(c), tf.reduce_sum(g), tf.convert_to_tensor(-g)]"""),
    ("gather_and_embedding_lookup_of_variable", """
v = tf.Variable(np.array([[0.1, -0.2], [0.3, 0.4], [0.5, -0.6]], np.float32))
opt = tf.keras.optimizers.Adam(0.1)
kinds = []
for fn in (lambda: tf.gather(v, [0, 0, 2]), lambda: tf.nn.embedding_lookup(v, [[0, 0], [2, 0]])):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(fn() * tf.constant([1., -3.]))
    g = tape.gradient(loss, [v])
    kinds.append(type(g[0]).__name__)
    opt.apply_gradients(zip(g, [v]))
out = [kinds, v.numpy()]""", {"rtol": 2e-6, "atol": 2e-6}),
    ("dense_use_of_variable_gives_tensor", """
v = tf.Variable([[1., 2.], [3., 4.]])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.gather(v, [1, 1])) + tf.reduce_sum(v * v)
out = tape.gradient(loss, v)"""),
    ("fit_rmsprop_repeated_ids", """
model = tf.keras.Sequential([tf.keras.Input((3,), dtype="int32"),
                             tf.keras.layers.Embedding(4, 2, embeddings_initializer="ones"),
                             tf.keras.layers.Flatten(),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("rmsprop", "mse")
x = np.array([[1, 1, 2], [1, 0, 3]]); y = np.array([1., -1.])
h = model.fit(x, y, epochs=3, batch_size=2, verbose=0)
out = [model.layers[0].get_weights()[0], np.array(h.history["loss"])]""", {"rtol": 2e-6, "atol": 2e-6}),
    ("fit_adam_masked_lstm_text", """
tf.keras.utils.set_random_seed(0)
model = tf.keras.Sequential([tf.keras.Input((5,), dtype="int32"),
                             tf.keras.layers.Embedding(6, 3, embeddings_initializer="ones", mask_zero=True),
                             tf.keras.layers.GlobalAveragePooling1D(),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("adam", "mse")
x = np.array([[1, 1, 1, 2, 0], [3, 1, 3, 0, 0]]); y = np.array([0.5, -0.5])
h = model.fit(x, y, epochs=3, batch_size=2, verbose=0)
out = [model.layers[0].get_weights()[0], np.array(h.history["loss"])]""", {"rtol": 2e-6, "atol": 2e-6}),
]
