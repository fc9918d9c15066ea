# Seed tutorial 001 (three ways to build models), completed with data and fixed weights.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, Sequential, Input, Model
from tensorflow.keras.layers import Dense


def fixed(model):
    model.set_weights([np.linspace(-1, 1, w.size, dtype="float32").reshape(w.shape) for w in model.get_weights()])


model = Sequential([Input(shape=(3,)),Dense(2, activation='relu', name='layer1'),Dense(3, activation='relu', name='layer2'),Dense(4, name='layer3'),] )
model.summary()
fixed(model)
print(model(np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])))


def get_models():
    encoder_input = Input(shape=(28, 28, 1), name="img")
    x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    encoder_output = layers.GlobalMaxPooling2D()(x)
    encoder = Model(encoder_input, encoder_output, name="encoder")
    x = layers.Reshape((4, 4, 1))(encoder_output)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
    x = layers.UpSampling2D(3)(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
    autoencoder = Model(encoder_input, decoder_output, name="autoencoder")
    return encoder, autoencoder


encoder, autoencoder = get_models()
autoencoder.summary()
fixed(autoencoder)
img = np.linspace(0, 1, 2 * 28 * 28, dtype="float32").reshape(2, 28, 28, 1)
print(np.round(encoder(img).numpy(), 3))
print(np.round(autoencoder(img).numpy()[0, 10:14, 10:14, 0], 3))


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs, **kwargs):
        return tf.matmul(inputs, self.w) + self.b


class MyModel(keras.Model):
    def __init__(self, units=32, **kwargs):
        super(MyModel, self).__init__(**kwargs)
        self.units = units
        self.linear = Linear(self.units)

    def call(self, inputs, **kwargs):
        outputs = self.linear(inputs)
        return outputs


model = MyModel(32)
fixed(model)
print(model(np.ones((2, 32), "float32"))[:, :4])
print([w.path for w in model.weights])


class MyLayer(layers.Layer):
    def __init__(self, **kwargs):
        super(MyLayer, self).__init__(**kwargs)
        self.embedding = layers.Embedding(input_dim=5000, output_dim=16, mask_zero=True)
        self.lstm = layers.LSTM(32)

    def call(self, inputs):
        x = self.embedding(inputs)
        mask = self.embedding.compute_mask(inputs)
        output = self.lstm(x, mask=mask)
        return output


ml = MyLayer()
ids = np.array([[5, 9, 3, 0, 0], [7, 1, 0, 0, 0]], dtype="int32")
ml(ids)
fixed(ml)
print(np.round(ml(ids).numpy()[:, :6], 5))
