"""Padded word-id sequences through Embedding(mask_zero=True) and an LSTM that skips the padding.

Each "review" is a variable-length list of word ids; words 1-24 are "good" words, 25-49 "bad"
ones, and a review is positive when it has more good words than bad. A custom layer wraps the
Embedding and the LSTM and passes the mask on by hand with `compute_mask`; the model then learns
the task with compile/fit. Written for TensorFlow; runs unchanged on the shim:

    python examples/text_lstm_masking.py                  # real TensorFlow
    python -m tfkeras_shim examples/text_lstm_masking.py  # tfkeras_shim on PyTorch

Both print the same numbers: data and starting weights come from seeded numpy generators, and
fit runs with shuffle=False and verbose=0 (epoch logs are printed from the History).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

np.set_printoptions(precision=4, suppress=True)

VOCAB = 50          # id 0 is the padding
MAXLEN = 12


def make_reviews(n, seed):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(3, MAXLEN + 1, size=n)
    reviews = [rng.integers(1, VOCAB, size=int(k)).tolist() for k in lengths]
    labels = np.array([sum(1 if w < 25 else -1 for w in r) > 0 for r in reviews], dtype=np.float32)
    return reviews, labels


class MyLayer(layers.Layer):
    """Embedding + LSTM; the padding mask is computed from the ids and handed to the LSTM."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embedding = layers.Embedding(input_dim=VOCAB, output_dim=8, mask_zero=True)
        self.lstm = layers.LSTM(16)

    def call(self, inputs):
        x = self.embedding(inputs)
        mask = self.embedding.compute_mask(inputs)
        return self.lstm(x, mask=mask)


reviews, labels = make_reviews(384, seed=21)
print("first review:", reviews[0], "label:", labels[0], "positives:", int(labels.sum()), "of", len(labels))

x = keras.utils.pad_sequences(reviews, maxlen=MAXLEN, padding="post")
print("padded:", x.shape, x.dtype)
print(x[:3])

inputs = keras.Input(shape=(MAXLEN,), dtype="int32")
features = MyLayer(name="encoder")(inputs)
outputs = layers.Dense(1, activation="sigmoid", name="classifier")(features)
model = keras.Model(inputs, outputs, name="review_classifier")

rng = np.random.default_rng(2024)
model.set_weights([rng.uniform(-0.3, 0.3, size=w.shape) for w in model.get_weights()])
encoder = model.get_layer("encoder")
for v in encoder.weights:
    print(f"  {v.name:16s} {tuple(v.shape)}")

mask = encoder.embedding.compute_mask(x[:3])
print("mask of the first three rows:\n", mask.numpy().astype(int))

# The mask makes the LSTM stop at the last real word: padding does not change the result.
short = encoder(np.array([[5, 30, 7]]))
padded = encoder(np.array([[5, 30, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]]))
print("padding ignored:", np.allclose(short.numpy(), padded.numpy(), atol=1e-6),
      "state[:4]:", padded.numpy()[0, :4])

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
              loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
history = model.fit(x[:256], labels[:256], batch_size=32, epochs=6, shuffle=False, verbose=0,
                    validation_data=(x[256:], labels[256:]))
print("history keys:", sorted(history.history))
for epoch in range(6):
    logs = {k: round(v[epoch], 4) for k, v in sorted(history.history.items())}
    print(f"epoch {epoch + 1}", logs)

loss, accuracy = model.evaluate(x[256:], labels[256:], verbose=0)
print(f"held-out loss {loss:.5f} accuracy {accuracy:.4f}")
new = keras.utils.pad_sequences([[1, 2, 3], [40, 41, 42, 43, 3], [10, 30, 11]], maxlen=MAXLEN,
                                padding="post")
print("predictions:", model.predict(new, verbose=0)[:, 0])
