"""A two-layer sigmoid network that learns to tell good coffee roasts from bad ones.

The Keras workflow of a TF2 tutorial, end to end: a Normalization layer adapted to the data,
a Sequential model with named Dense layers, weights set by hand, summary(), compile/fit/
evaluate/predict and get_weights. Written for TensorFlow; runs unchanged on the shim:

    python examples/keras_sequential_classifier.py                  # real TensorFlow
    python -m tfkeras_shim examples/keras_sequential_classifier.py  # tfkeras_shim on PyTorch

Both print the same numbers: the data comes from a seeded numpy generator, the starting
weights are fixed numpy arrays, and fit runs with shuffle=False and verbose=0 (the loss of
each epoch is printed from the History object, so no timings appear in the output).
"""
import numpy as np
import tensorflow as tf
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense

np.set_printoptions(precision=4, suppress=True)


def make_roasts(n, seed):
    """n roasts: (temperature in Celsius, duration in minutes) and 1 for a good roast.

    A roast is good when it is neither under-done (too cool for its length) nor burnt.
    """
    rng = np.random.default_rng(seed)
    temperature = rng.uniform(150.0, 285.0, size=n)
    duration = rng.uniform(11.5, 15.5, size=n)
    hot_enough = temperature > 175.0 + 12.0 * (15.0 - duration)
    not_burnt = temperature < 260.0
    good = hot_enough & not_burnt
    x = np.stack([temperature, duration], axis=1).astype(np.float32)
    y = good.astype(np.float32).reshape(-1, 1)
    return x, y


X, Y = make_roasts(200, seed=1)
print(X.shape, Y.shape, f"good roasts: {int(Y.sum())}")
print(f"Temperature Max, Min pre normalization: {np.max(X[:, 0]):0.2f}, {np.min(X[:, 0]):0.2f}")
print(f"Duration    Max, Min pre normalization: {np.max(X[:, 1]):0.2f}, {np.min(X[:, 1]):0.2f}")

# Normalization learns the per-feature mean and variance from the data.
norm_l = tf.keras.layers.Normalization(axis=-1)
norm_l.adapt(X)
Xn = norm_l(X)
print("learned mean:", norm_l.mean.numpy(), "variance:", norm_l.variance.numpy())
print(f"Temperature Max, Min post normalization: {np.max(Xn[:, 0]):0.2f}, {np.min(Xn[:, 0]):0.2f}")
print(f"Duration    Max, Min post normalization: {np.max(Xn[:, 1]):0.2f}, {np.min(Xn[:, 1]):0.2f}")

# More copies of the data: fewer epochs are needed to train.
Xt = np.tile(Xn, (50, 1))
Yt = np.tile(Y, (50, 1))
print("training set:", Xt.shape, Yt.shape)

model = Sequential(
    [
        tf.keras.Input(shape=(2,)),
        Dense(3, activation="sigmoid", name="layer1"),
        Dense(1, activation="sigmoid", name="layer2"),
    ]
)
model.summary()

# Fixed starting weights instead of the random glorot initialisation.
W1 = np.array([[0.8, 0.94, 0.54], [-0.16, 0.8, -0.07]])
b1 = np.array([0.0, 0.0, 0.0])
W2 = np.array([[-0.67], [0.23], [0.84]])
b2 = np.array([0.0])
model.get_layer("layer1").set_weights([W1, b1])
model.get_layer("layer2").set_weights([W2, b2])
W1, b1 = model.get_layer("layer1").get_weights()
print(f"W1{W1.shape}:\n", W1, f"\nb1{b1.shape}:", b1, W1.dtype)

model.compile(
    loss=tf.keras.losses.BinaryCrossentropy(),
    optimizer=tf.keras.optimizers.Adam(learning_rate=0.01),
)
history = model.fit(Xt, Yt, epochs=10, batch_size=32, shuffle=False, verbose=0)
for epoch, loss in enumerate(history.history["loss"]):
    print(f"epoch {epoch + 1:2d}  loss {loss:.6f}")

loss = model.evaluate(Xn, Y, verbose=0)
print(f"evaluate: loss {loss:.6f}")

# New roasts: normalise them with the same layer, then predict.
X_test = np.array([[200.0, 13.9], [200.0, 12.2], [270.0, 13.0], [230.0, 14.5]])
X_testn = norm_l(X_test)
predictions = model.predict(X_testn, verbose=0)
print("predictions =\n", predictions)
decisions = (predictions >= 0.5).astype(int)
print("decisions =\n", decisions)

for name in ("layer1", "layer2"):
    W, b = model.get_layer(name).get_weights()
    print(f"{name}: W{W.shape}:\n", W, f"\nb{b.shape}:", b)
