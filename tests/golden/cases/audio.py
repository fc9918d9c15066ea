"""tf.audio: 16-bit PCM WAV encode/decode (tfkeras_shim/audio.py)."""
_A = "tf.constant([[0.0, 0.5], [-0.5, 1.0], [-1.0, 0.25]])"

CASES = [
    ("encode_wav_bytes", f"tf.audio.encode_wav({_A}, 16000)"),
    ("decode_roundtrip", f"list(tf.audio.decode_wav(tf.audio.encode_wav({_A}, 16000)))"),
    ("decode_fewer_channels_more_samples",
     f"tf.audio.decode_wav(tf.audio.encode_wav({_A}, 8000), desired_channels=1, desired_samples=5)[0]"),
    ("decode_more_channels_fewer_samples",
     f"tf.audio.decode_wav(tf.audio.encode_wav({_A}, 8000), desired_channels=3, desired_samples=2)[0]"),
    ("decode_mono_clipping", "tf.audio.decode_wav(tf.audio.encode_wav(tf.constant([[2.0], [-2.0], [0.1]]), 100))[0]"),
    ("decode_not_riff", "tf.audio.decode_wav(tf.constant(b'xxxxxxxxxxxx'))"),
    ("encode_rank_1", "tf.audio.encode_wav(tf.constant([0.1, 0.2]), 100)"),
]
