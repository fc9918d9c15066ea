"""tf.test: device queries, compute_gradient, and tf.test.TestCase's assertions (TF 2.21 gave the
same answers for the same script on a CPU machine)."""
import unittest

import numpy as np
import pytest
import torch

import tfkeras_shim as tf


class _T(tf.test.TestCase):
    def test_assertions(self):
        self.assertAllClose(tf.constant([1.0, 2.0]), [1.0, 2.0000001])
        self.assertAllEqual(tf.constant([[1, 2]]), np.array([[1, 2]]))
        self.assertAllClose([tf.constant(1.0), tf.constant([2.0])], [1.0, [2.0]])
        self.assertNotAllClose(tf.constant([1.0]), [1.1])
        self.assertAllGreater(tf.constant([1, 2]), 0)
        self.assertAllLessEqual(tf.constant([1, 2]), 2)
        self.assertAllInRange(tf.constant([0.5]), 0, 1)
        self.assertAllInSet(tf.constant([1, 2, 1]), {1, 2})
        self.assertEqual(self.evaluate(tf.constant(3)), 3)
        with self.assertRaises(AssertionError):
            self.assertAllClose(tf.constant([1.0]), [1.01])
        with self.assertRaises(AssertionError):
            self.assertAllEqual(tf.constant([1, 2]), [1, 3])
        with self.assertRaises(AssertionError):
            self.assertAllEqual(tf.constant([1, 2]), [[1, 2]])
        with self.assertRaises(AssertionError):
            self.assertAllGreater(tf.constant([0, 2]), 0)


@pytest.mark.covers("tf.test.TestCase", "tf.test.main")
def test_testcase_assertions():
    r = unittest.TextTestRunner(verbosity=0, stream=open("/dev/null", "w")).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(_T))
    assert r.wasSuccessful() and r.testsRun == 1


@pytest.mark.covers("tf.test.is_gpu_available", "tf.test.gpu_device_name", "tf.test.is_built_with_cuda",
                    "tf.test.is_built_with_gpu_support", "tf.test.is_built_with_rocm",
                    "tf.test.is_built_with_xla", "tf.test.compute_gradient")
def test_device_queries_and_compute_gradient():
    gpu = torch.cuda.is_available()
    assert tf.test.is_gpu_available() == gpu
    assert tf.test.gpu_device_name() == ("/device:GPU:0" if gpu else "")
    assert tf.test.is_built_with_cuda() == (torch.version.cuda is not None)
    assert tf.test.is_built_with_gpu_support() == tf.test.is_built_with_cuda()
    assert tf.test.is_built_with_rocm() is False and tf.test.is_built_with_xla() is False
    th, nu = tf.test.compute_gradient(lambda v: v * v, [tf.constant([1.0, 2.0])])
    np.testing.assert_allclose(th[0], [[2.0, 0.0], [0.0, 4.0]])
    np.testing.assert_allclose(nu[0], [[2.0, 0.0], [0.0, 4.0]], atol=1e-2)
    assert th[0].dtype == np.float32 and nu[0].dtype == np.float32
