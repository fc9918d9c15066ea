"""Linear regression with tf.Variable, tf.GradientTape and plain gradient descent.

Written for TensorFlow; runs unchanged on the shim:

    python examples/linear_regression.py                  # real TensorFlow
    python -m tfkeras_shim examples/linear_regression.py  # tfkeras_shim on PyTorch
"""
import numpy as np
import tensorflow as tf

# Noisy samples of y = 3x + 2.
rng = np.random.default_rng(seed=7)
x_np = rng.uniform(-1.0, 1.0, size=(256, 1)).astype("float32")
y_np = (3.0 * x_np + 2.0 + rng.normal(0.0, 0.1, size=(256, 1))).astype("float32")
x = tf.constant(x_np)
y = tf.constant(y_np)

# Parameters start at zero; the model is y_hat = x @ w + b.
w = tf.Variable(tf.zeros([1, 1]), name="weight")
b = tf.Variable(tf.zeros([1]), name="bias")
learning_rate = 0.1


def predict(inputs):
    return tf.matmul(inputs, w) + b


def mse(target, prediction):
    return tf.reduce_mean(tf.square(target - prediction))


for step in range(201):
    with tf.GradientTape() as tape:
        loss = mse(y, predict(x))
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)
    b.assign_sub(learning_rate * db)
    if step % 50 == 0:
        print(f"step {step:3d}  loss {loss.numpy():.6f}")

final_loss = mse(y, predict(x))
print(f"learned w = {w.numpy()[0, 0]:.4f} (true 3.0), b = {b.numpy()[0]:.4f} (true 2.0)")
print(f"final loss = {float(final_loss):.6f}")
print(w)
