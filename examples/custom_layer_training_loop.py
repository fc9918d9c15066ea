"""A custom layer, a subclassed model and a hand-written GradientTape training loop.

Three classes of 2-D points (three noisy arms of a spiral) are classified by a small network built
from our own Dense-like layer, trained batch by batch from a tf.data pipeline with
`optimizer.apply_gradients`, and tracked with stateful Keras metrics. Written for TensorFlow;
runs unchanged on the shim:

    python examples/custom_layer_training_loop.py                  # real TensorFlow
    python -m tfkeras_shim examples/custom_layer_training_loop.py  # tfkeras_shim on PyTorch

Both print the same numbers: the data and the starting weights come from a seeded numpy
generator and the dataset is not shuffled by tf.data (the numpy data is shuffled once up front).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras

NUM_CLASSES = 3


def make_spiral(points_per_class, seed):
    """Points on three spiral arms with Gaussian noise; labels 0, 1, 2 (int32)."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for label in range(NUM_CLASSES):
        r = np.linspace(0.1, 1.0, points_per_class)
        theta = r * 4.0 + label * 2.0 * np.pi / NUM_CLASSES + rng.normal(0.0, 0.2, points_per_class)
        xs.append(np.stack([r * np.sin(theta), r * np.cos(theta)], axis=1))
        ys.append(np.full(points_per_class, label))
    x = np.concatenate(xs).astype(np.float32)
    y = np.concatenate(ys).astype(np.int32)
    order = rng.permutation(len(x))
    return x[order], y[order]


class MyDense(keras.layers.Layer):
    """y = activation(x @ w + b); the weights are created once the input size is known."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units),
                                 initializer="random_normal", trainable=True)
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return self.activation(tf.matmul(inputs, self.w) + self.b)


class SpiralClassifier(keras.Model):
    def __init__(self, hidden=32, **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = MyDense(hidden, activation="tanh")
        self.hidden2 = MyDense(hidden, activation="tanh")
        self.classifier = MyDense(NUM_CLASSES)          # logits

    def call(self, inputs, training=None):
        x = self.hidden1(inputs)
        x = self.hidden2(x)
        return self.classifier(x)


x_train, y_train = make_spiral(200, seed=3)
x_test, y_test = make_spiral(50, seed=4)
print("train:", x_train.shape, y_train.shape, "test:", x_test.shape, y_test.shape)

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(32)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(64)

model = SpiralClassifier(name="spiral_classifier")
model(x_train[:1])                                      # builds every layer
print("layers:", [layer.name for layer in model.layers])
for v in model.trainable_variables:
    print(f"  {v.name:2s} {tuple(v.shape)} {v.dtype}")
print("parameters:", model.count_params())

# Replace the random initial values with values from a seeded numpy generator.
rng = np.random.default_rng(0)
new_weights = []
for w in model.get_weights():
    if w.ndim == 2:                                     # kernel (fan_in, units): LeCun-normal scale
        new_weights.append(rng.normal(0.0, 1.0 / np.sqrt(w.shape[0]), size=w.shape))
    else:                                               # bias
        new_weights.append(np.zeros(w.shape))
model.set_weights(new_weights)

loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=0.01)
train_loss = keras.metrics.Mean(name="train_loss")
train_acc = keras.metrics.SparseCategoricalAccuracy(name="train_accuracy")
test_acc = keras.metrics.SparseCategoricalAccuracy(name="test_accuracy")


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_loss.update_state(loss)
    train_acc.update_state(y, logits)
    return loss


for epoch in range(8):
    train_loss.reset_state()
    train_acc.reset_state()
    test_acc.reset_state()
    for x_batch, y_batch in train_ds:
        train_step(x_batch, y_batch)
    for x_batch, y_batch in test_ds:
        test_acc.update_state(y_batch, model(x_batch, training=False))
    print(f"epoch {epoch + 1}: loss {train_loss.result():.5f}  "
          f"accuracy {float(train_acc.result()):.4f}  test accuracy {float(test_acc.result()):.4f}")

print("optimizer steps:", int(optimizer.iterations))

# The same evaluation with the functional loss and probabilities.
probs = tf.nn.softmax(model(x_test))
per_example = keras.losses.sparse_categorical_crossentropy(y_true=y_test, y_pred=probs)
print("test loss (mean of per-example losses):", f"{float(tf.reduce_mean(per_example)):.5f}")
print("first predictions:", tf.argmax(probs[:8], axis=-1).numpy(), "labels:", y_test[:8])
print("final train accuracy result():", train_acc.result())
