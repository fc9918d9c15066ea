# Seed tutorial 002 (Coursera-style notes): Dense get/set_weights, a sigmoid model, Normalization.
import numpy as np
import tensorflow as tf
from tensorflow.keras import Sequential

X_train = np.array([[1.0], [2.0]], dtype=np.float32)
linear_layer = tf.keras.layers.Dense(units=1, activation='linear', )
print(linear_layer.get_weights())
a1 = linear_layer(X_train[0].reshape(1, 1))
set_w = np.array([[200]])
set_b = np.array([100])
# set_weights takes a list of numpy arrays
linear_layer.set_weights([set_w, set_b])
print(linear_layer.get_weights())
prediction_tf = linear_layer(X_train)
prediction_np = np.dot(X_train, set_w) + set_b
print(prediction_tf, prediction_np)

model = Sequential(
    [
        tf.keras.Input(shape=(1,)),
        tf.keras.layers.Dense(1, activation='sigmoid', name='L1')
    ]
)
model.summary()
logistic_layer = model.get_layer('L1')
w, b = logistic_layer.get_weights()
print(w.shape, b.shape)
set_w = np.array([[2]])
set_b = np.array([-4.5])
# set_weights takes a list of numpy arrays
logistic_layer.set_weights([set_w, set_b])
print(logistic_layer.get_weights())
print(model(X_train[0].reshape(1, 1)))

rng = np.random.RandomState(0)
X = np.stack([rng.uniform(151.32, 284.99, 200), rng.uniform(11.51, 15.45, 200)], axis=1)
print(f"Temperature Max, Min pre normalization: {np.max(X[:,0]):0.2f}, {np.min(X[:,0]):0.2f}")
print(f"Duration Max, Min pre normalization: {np.max(X[:,1]):0.2f}, {np.min(X[:,1]):0.2f}")
norm_l = tf.keras.layers.Normalization(axis=-1)
norm_l.adapt(X)  # learns mean, variance
Xn = norm_l(X)
print(f"Temperature Max, Min post normalization: {np.max(Xn[:,0]):0.2f}, {np.min(Xn[:,0]):0.2f}")
print(f"Duration Max, Min post normalization: {np.max(Xn[:,1]):0.2f}, {np.min(Xn[:,1]):0.2f}")

model = Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(3, activation='sigmoid', name='layer1'),
                    tf.keras.layers.Dense(1, activation='sigmoid', name='layer2')])
model.get_layer("layer1").set_weights([np.array([[0.8, 0.94, 0.54], [-0.16, 0.8, -0.07]]), np.zeros(3)])
model.get_layer("layer2").set_weights([np.array([[-0.67], [0.23], [0.84]]), np.zeros(1)])
W1, b1 = model.get_layer("layer1").get_weights()
W2, b2 = model.get_layer("layer2").get_weights()
print(f"W1{W1.shape}:\n", W1, f"\nb1{b1.shape}:", b1)
print(f"W2{W2.shape}:\n", W2, f"\nb2{b2.shape}:", b2)
print(model(Xn[:3]))
