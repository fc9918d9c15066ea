"""tf.sysconfig: build facts, answered for the torch build underneath (CUDA/ROCm, C++ ABI).

`get_include`/`get_lib`/compile and link flags point at torch's headers and libraries (custom
C++ ops are built against torch here, e.g. with torch.utils.cpp_extension), not TF's."""
import collections
import os

import torch

__all__ = ["get_build_info", "get_include", "get_lib", "get_compile_flags", "get_link_flags",
           "CXX11_ABI_FLAG", "CXX_VERSION", "MONOLITHIC_BUILD"]

CXX11_ABI_FLAG = int(torch.compiled_with_cxx11_abi())
CXX_VERSION = 201703
MONOLITHIC_BUILD = 0


def get_build_info():
    """TF's keys (is_cuda_build, is_rocm_build, is_tensorrt_build, + cuda_version and
    cudnn_version on CUDA builds) from torch's build."""
    cuda = torch.version.cuda
    info = collections.OrderedDict(is_cuda_build=cuda is not None,
                                   is_rocm_build=getattr(torch.version, "hip", None) is not None,
                                   is_tensorrt_build=False)
    if cuda is not None:
        info["cuda_version"] = cuda
        v = torch.backends.cudnn.version()
        if v:
            info["cudnn_version"] = str(v // 1000) if v >= 1000 else str(v)
    return info


def get_include():
    return os.path.join(os.path.dirname(torch.__file__), "include")


def get_lib():
    return os.path.join(os.path.dirname(torch.__file__), "lib")


def get_compile_flags():
    return [f"-I{get_include()}", f"-D_GLIBCXX_USE_CXX11_ABI={CXX11_ABI_FLAG}", "--std=c++17"]


def get_link_flags():
    return [f"-L{get_lib()}", "-ltorch", "-lc10"]
