"""keras.preprocessing.sequence: pad_sequences, and Keras 2's skip-gram helpers and
TimeseriesGenerator (pure Python/numpy as in tf.keras; `skipgrams` draws from Python's `random`
in Keras's order, so a seeded run gives Keras's couples)."""
import json
import random

import numpy as np

from ..utils.data_utils import pad_sequences, timeseries_dataset_from_array  # noqa: F401

__all__ = ["pad_sequences", "make_sampling_table", "skipgrams", "TimeseriesGenerator"]


def make_sampling_table(size, sampling_factor=1e-5):
    """word2vec's keep probability per word rank, with Zipf-law frequencies (rank 0 as rank 1)."""
    rank = np.arange(size)
    rank[0] = 1
    inv_freq = rank * (np.log(rank) + 0.577) + 0.5 - 1.0 / (12.0 * rank)
    f = sampling_factor * inv_freq
    return np.minimum(1.0, f / np.sqrt(f))


def skipgrams(sequence, vocabulary_size, window_size=4, negative_samples=1.0, shuffle=True,
              categorical=False, sampling_table=None, seed=None):
    """(couples, labels): [word, context] pairs labelled 1 within `window_size`, plus
    `negative_samples` x as many [word, random id] pairs labelled 0. Id 0 is skipped."""
    pos, neg = ([0, 1], [1, 0]) if categorical else (1, 0)
    couples, labels = [], []
    n = len(sequence)
    for i, wi in enumerate(sequence):
        if not wi:
            continue
        if sampling_table is not None and sampling_table[wi] < random.random():
            continue
        for j in range(max(0, i - window_size), min(n, i + window_size + 1)):
            if j != i and sequence[j]:
                couples.append([wi, sequence[j]])
                labels.append(list(pos) if categorical else pos)
    if negative_samples > 0:
        k = int(len(labels) * negative_samples)
        words = [c[0] for c in couples]
        random.shuffle(words)
        couples += [[words[i % len(words)], random.randint(1, vocabulary_size - 1)] for i in range(k)]
        labels += [neg] * k
    if shuffle:
        if seed is None:
            seed = random.randint(0, 10e6)
        random.seed(seed)
        random.shuffle(couples)
        random.seed(seed)
        random.shuffle(labels)
    return couples, labels


def _py_dataset():
    from ..utils import PyDataset
    return PyDataset


class TimeseriesGenerator(_py_dataset()):
    """Batches of (windows of `length` past steps every `sampling_rate`, target at the step)."""

    def __init__(self, data, targets, length, sampling_rate=1, stride=1, start_index=0,
                 end_index=None, shuffle=False, reverse=False, batch_size=128, **kwargs):
        super().__init__(**kwargs)
        if len(data) != len(targets):
            raise ValueError(f"Data and targets have to be of same length. Data length is "
                             f"{len(data)} while target length is {len(targets)}")
        self.data, self.targets, self.length = data, targets, length
        self.sampling_rate, self.stride = sampling_rate, stride
        self.start_index = start_index + length
        self.end_index = len(data) - 1 if end_index is None else end_index
        self.shuffle, self.reverse, self.batch_size = shuffle, reverse, batch_size
        if self.start_index > self.end_index:
            raise ValueError(f"`start_index+length={self.start_index} > end_index={self.end_index}` "
                             "is disallowed, as no part of the sequence would be left to be used "
                             "as current step.")

    def __len__(self):
        span = self.batch_size * self.stride
        return (self.end_index - self.start_index + span) // span

    def __getitem__(self, index):
        if self.shuffle:
            rows = np.random.randint(self.start_index, self.end_index + 1, size=self.batch_size)
        else:
            first = self.start_index + self.batch_size * self.stride * index
            rows = np.arange(first, min(first + self.batch_size * self.stride, self.end_index + 1),
                             self.stride)
        samples = np.array([self.data[r - self.length:r:self.sampling_rate] for r in rows])
        targets = np.array([self.targets[r] for r in rows])
        return (samples[:, ::-1, ...], targets) if self.reverse else (samples, targets)

    def get_config(self):
        def as_json(v, what):
            v = v.tolist() if type(v).__module__ == np.__name__ else v
            try:
                return json.dumps(v)
            except TypeError as e:
                raise TypeError(f"{what} not JSON Serializable: {v}") from e
        return {"data": as_json(self.data, "Data"), "targets": as_json(self.targets, "Targets"),
                "length": self.length, "sampling_rate": self.sampling_rate, "stride": self.stride,
                "start_index": self.start_index, "end_index": self.end_index,
                "shuffle": self.shuffle, "reverse": self.reverse, "batch_size": self.batch_size}

    def to_json(self, **kwargs):
        return json.dumps({"class_name": type(self).__name__, "config": self.get_config()}, **kwargs)
