# Seed tutorial 003 (TensorFlow 模型建立与训练): an MLP trained with a GradientTape loop on
# `tf.keras.losses.sparse_categorical_crossentropy`, then evaluated with
# `tf.keras.metrics.SparseCategoricalAccuracy` fed by `model.predict` batch by batch.
# Completed where the text elides it: the data loader (deterministic synthetic 28x28 images
# instead of MNIST, batches drawn with numpy as the book's MNISTLoader does) and fixed initial
# weights, so that both frameworks start from the same point.
import numpy as np
import tensorflow as tf


class MNISTLoader():
    def __init__(self):
        rs = np.random.RandomState(0)
        proto = rs.rand(10, 28, 28, 1).astype(np.float32)
        self.train_label = rs.randint(0, 10, 600).astype(np.int32)
        self.test_label = rs.randint(0, 10, 300).astype(np.int32)
        self.train_data = (proto[self.train_label] + 0.8 * rs.rand(600, 28, 28, 1)).astype(np.float32) / 1.8
        self.test_data = (proto[self.test_label] + 0.8 * rs.rand(300, 28, 28, 1)).astype(np.float32) / 1.8
        self.num_train_data, self.num_test_data = self.train_data.shape[0], self.test_data.shape[0]

    def get_batch(self, batch_size):
        index = np.random.randint(0, self.num_train_data, batch_size)
        return self.train_data[index, :], self.train_label[index]


class MLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.flatten = tf.keras.layers.Flatten()
        self.dense1 = tf.keras.layers.Dense(units=100, activation=tf.nn.relu)
        self.dense2 = tf.keras.layers.Dense(units=10)

    def call(self, inputs):
        x = self.flatten(inputs)
        x = self.dense1(x)
        x = self.dense2(x)
        output = tf.nn.softmax(x)
        return output


np.random.seed(0)
num_epochs = 1
batch_size = 50
learning_rate = 0.001
model = MLP()
data_loader = MNISTLoader()
model(data_loader.test_data[:1])
rw = np.random.RandomState(1)
model.set_weights([rw.uniform(-0.1, 0.1, w.shape).astype(np.float32) for w in model.get_weights()])
optimizer = tf.keras.optimizers.Adam(learning_rate=learning_rate)

num_batches = int(data_loader.num_train_data // batch_size * num_epochs)
for batch_index in range(num_batches):
    X, y = data_loader.get_batch(batch_size)
    with tf.GradientTape() as tape:
        y_pred = model(X)
        loss = tf.keras.losses.sparse_categorical_crossentropy(y_true=y, y_pred=y_pred)
        loss = tf.reduce_mean(loss)
        print("batch %d: loss %f" % (batch_index, loss.numpy()))
    grads = tape.gradient(loss, model.variables)
    optimizer.apply_gradients(grads_and_vars=zip(grads, model.variables))

sparse_categorical_accuracy = tf.keras.metrics.SparseCategoricalAccuracy()
num_batches = int(data_loader.num_test_data // batch_size)
for batch_index in range(num_batches):
    start_index, end_index = batch_index * batch_size, (batch_index + 1) * batch_size
    y_pred = model.predict(data_loader.test_data[start_index: end_index])
    sparse_categorical_accuracy.update_state(y_true=data_loader.test_label[start_index: end_index], y_pred=y_pred)
print("test accuracy: %f" % sparse_categorical_accuracy.result())
