"""tf.sysconfig answers for the torch build (TF 2.21 tensorflow-cpu printed
OrderedDict([('is_cuda_build', False), ('is_rocm_build', False), ('is_tensorrt_build', False)]))."""
import os

import pytest
import torch

import tfkeras_shim as tf


@pytest.mark.covers("tf.sysconfig.get_build_info", "tf.sysconfig.get_include", "tf.sysconfig.get_lib",
                    "tf.sysconfig.get_compile_flags", "tf.sysconfig.get_link_flags",
                    "tf.sysconfig.CXX11_ABI_FLAG", "tf.sysconfig.CXX_VERSION", "tf.sysconfig.MONOLITHIC_BUILD")
def test_build_facts():
    info = tf.sysconfig.get_build_info()
    assert list(info)[:3] == ["is_cuda_build", "is_rocm_build", "is_tensorrt_build"]
    assert info["is_cuda_build"] == (torch.version.cuda is not None) and info["is_tensorrt_build"] is False
    if torch.version.cuda is None:
        assert dict(info) == {"is_cuda_build": False, "is_rocm_build": False, "is_tensorrt_build": False}
    assert os.path.isdir(tf.sysconfig.get_include()) and os.path.isdir(tf.sysconfig.get_lib())
    assert tf.sysconfig.get_compile_flags()[0] == "-I" + tf.sysconfig.get_include()
    assert tf.sysconfig.get_link_flags()[0] == "-L" + tf.sysconfig.get_lib()
    assert tf.sysconfig.CXX11_ABI_FLAG in (0, 1) and tf.sysconfig.CXX_VERSION == 201703
    assert tf.sysconfig.MONOLITHIC_BUILD == 0
