# Seed tutorial 002 (Coursera-style notes, "拟合"): model.predict on a sigmoid model checked
# against numpy, the coffee-roasting data normalized, then
# model.compile(loss=BinaryCrossentropy(), optimizer=Adam(learning_rate=0.01)); model.fit(Xt, Yt, epochs=10).
# Completed where the text elides it: X_train, sigmoidnp, load_coffee_data (deterministic numpy
# data), the two-layer model's weights, and Xt/Yt (a 32-row slice: one batch per epoch, so the
# result does not depend on how each framework shuffles).
import numpy as np
import tensorflow as tf
from tensorflow.keras import Sequential


def sigmoidnp(z):
    return 1 / (1 + np.exp(-z))


X_train = np.array([0., 1, 2, 3, 4, 5], dtype=np.float32).reshape(-1, 1)
model = Sequential(
    [
        tf.keras.Input(shape=(1,)),
        tf.keras.layers.Dense(1, activation='sigmoid', name='L1')
    ]
)
logistic_layer = model.get_layer('L1')
set_w = np.array([[2]])
set_b = np.array([-4.5])
# set_weights takes a list of numpy arrays
logistic_layer.set_weights([set_w, set_b])
print(logistic_layer.get_weights())

a1 = model.predict(X_train[0].reshape(1, 1))
print(a1)
alog = sigmoidnp(np.dot(set_w, X_train[0].reshape(1, 1)) + set_b)
print(alog)


def load_coffee_data():
    rng = np.random.RandomState(2)
    X = rng.rand(200, 2)
    X[:, 1] = X[:, 1] * 4 + 11.5
    X[:, 0] = X[:, 0] * (285 - 150) + 150
    line = -3 / (260 - 175) * X[:, 0] + 21
    Y = ((X[:, 0] > 175) & (X[:, 0] < 260) & (X[:, 1] > 12) & (X[:, 1] < 15) & (X[:, 1] <= line))
    return X, Y.astype(np.float64).reshape(-1, 1)


X, Y = load_coffee_data()
print(X.shape, Y.shape)

print(f"Temperature Max, Min pre normalization: {np.max(X[:,0]):0.2f}, {np.min(X[:,0]):0.2f}")
print(f"Duration Max, Min pre normalization: {np.max(X[:,1]):0.2f}, {np.min(X[:,1]):0.2f}")
norm_l = tf.keras.layers.Normalization(axis=-1)
norm_l.adapt(X)  # learns mean, variance
Xn = norm_l(X)
print(f"Temperature Max, Min post normalization: {np.max(Xn[:,0]):0.2f}, {np.min(Xn[:,0]):0.2f}")
print(f"Duration Max, Min post normalization: {np.max(Xn[:,1]):0.2f}, {np.min(Xn[:,1]):0.2f}")

Xt = np.array(Xn)[:32]
Yt = Y[:32]

model = Sequential(
    [
        tf.keras.Input(shape=(2,)),
        tf.keras.layers.Dense(3, activation='sigmoid', name='layer1'),
        tf.keras.layers.Dense(1, activation='sigmoid', name='layer2')
    ]
)
model.get_layer("layer1").set_weights([np.array([[0.8, 0.94, 0.54], [-0.16, 0.8, -0.07]]), np.zeros(3)])
model.get_layer("layer2").set_weights([np.array([[-0.67], [0.23], [0.84]]), np.zeros(1)])

model.compile(
    loss = tf.keras.losses.BinaryCrossentropy(),
    optimizer = tf.keras.optimizers.Adam(learning_rate=0.01),
)

model.fit(
    Xt,Yt,
    epochs=10,
)

W1, b1 = model.get_layer("layer1").get_weights()
W2, b2 = model.get_layer("layer2").get_weights()
print(f"W1{W1.shape}:\n", W1, f"\nb1{b1.shape}:", b1)
print(f"W2{W2.shape}:\n", W2, f"\nb2{b2.shape}:", b2)
X_test = np.array([[200, 13.9], [200, 17]])
X_testn = norm_l(X_test)
predictions = model.predict(X_testn)
print("predictions = \n", predictions)
