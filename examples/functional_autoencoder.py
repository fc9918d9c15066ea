"""A convolutional encoder/decoder built with the Keras Functional API.

The encoder squeezes a 28x28x1 image into 16 numbers (Conv2D, MaxPooling2D, GlobalMaxPooling2D);
the decoder grows them back into an image (Reshape, Conv2DTranspose, UpSampling2D). The encoder
is a Model of its own that shares its layers with the autoencoder. Written for TensorFlow; runs
unchanged on the shim:

    python examples/functional_autoencoder.py                  # real TensorFlow
    python -m tfkeras_shim examples/functional_autoencoder.py  # tfkeras_shim on PyTorch

Both print the same numbers: the images and every weight come from seeded numpy generators,
and fit runs with shuffle=False and verbose=0 (epoch losses are printed from the History).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

np.set_printoptions(precision=4, suppress=True)


def make_images(n, seed):
    """n 28x28 grey images, each a bright Gaussian blob on a faintly noisy background."""
    rng = np.random.default_rng(seed)
    grid = np.arange(28, dtype=np.float64)
    rows, cols = np.meshgrid(grid, grid, indexing="ij")
    centres = rng.uniform(6.0, 22.0, size=(n, 2))
    widths = rng.uniform(2.0, 5.0, size=n)
    blobs = np.exp(-((rows - centres[:, 0, None, None]) ** 2 + (cols - centres[:, 1, None, None]) ** 2)
                   / (2.0 * widths[:, None, None] ** 2))
    noise = rng.uniform(0.0, 0.05, size=blobs.shape)
    return (blobs + noise)[..., None].astype(np.float32)


def get_models():
    encoder_input = keras.Input(shape=(28, 28, 1), name="img")
    x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    encoder_output = layers.GlobalMaxPooling2D()(x)
    encoder = keras.Model(encoder_input, encoder_output, name="encoder")

    x = layers.Reshape((4, 4, 1))(encoder_output)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
    x = layers.UpSampling2D(3)(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
    autoencoder = keras.Model(encoder_input, decoder_output, name="autoencoder")
    return encoder, autoencoder


def set_seeded_weights(model, seed):
    """He-style normal kernels (fan_in = kh*kw*in) and small positive biases, layer by layer."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        new = []
        for w in layer.get_weights():
            if w.ndim == 4:
                fan_in = w.shape[0] * w.shape[1] * w.shape[2]
                new.append(rng.normal(0.0, np.sqrt(2.0 / fan_in), size=w.shape))
            else:
                new.append(np.full(w.shape, 0.01))
        if new:
            layer.set_weights(new)


images = make_images(64, seed=5)
print("images:", images.shape, images.dtype, f"mean {images.mean():.5f}")

encoder, autoencoder = get_models()
set_seeded_weights(autoencoder, seed=11)
encoder.summary()
autoencoder.summary()
print("layers shared:", all(layer in autoencoder.layers for layer in encoder.layers))
print("conv kernel shape:", autoencoder.get_layer(index=1).get_weights()[0].shape,
      "transposed-conv kernel shape:", autoencoder.layers[-1].get_weights()[0].shape)

codes = encoder.predict(images, verbose=0)
print("codes:", codes.shape, "first code:", codes[0][:8])
recon = autoencoder.predict(images, batch_size=16, verbose=0)
print("reconstruction:", recon.shape, f"error before training {np.mean((recon - images) ** 2):.6f}")

autoencoder.compile(optimizer=keras.optimizers.SGD(learning_rate=0.02, momentum=0.5), loss="mse")
history = autoencoder.fit(images, images, batch_size=16, epochs=3, shuffle=False, verbose=0)
for epoch, loss in enumerate(history.history["loss"]):
    print(f"epoch {epoch + 1}  loss {loss:.6f}")

recon = autoencoder(images[:16], training=False)
error = tf.reduce_mean(tf.square(recon - images[:16]))
print(f"error after training {float(error):.6f}")
print("evaluate:", f"{autoencoder.evaluate(images, images, batch_size=32, verbose=0):.6f}")
print("centre pixels of image 0:", images[0, 12:16, 14, 0], "reconstructed:", recon.numpy()[0, 12:16, 14, 0])
