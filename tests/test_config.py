"""tf.config (devices as torch sees them, threads, determinism) and tf.device placement."""
import pytest
import torch

import tfkeras_shim as tf
from tfkeras_shim.framework import device as _device


@pytest.fixture
def restore_devices():
    yield
    _device._visible_gpus = None
    _device.reset_default()


@pytest.mark.covers("tf.config.list_physical_devices", "tf.config.experimental.list_physical_devices")
def test_physical_devices_reflect_torch():
    devs = tf.config.list_physical_devices()
    assert devs[0] == tf.config.PhysicalDevice(name="/physical_device:CPU:0", device_type="CPU")
    assert repr(devs[0]) == "PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')"
    n_gpu = torch.cuda.device_count() if torch.cuda.is_available() else 0
    gpus = tf.config.list_physical_devices("GPU")
    assert len(gpus) == n_gpu
    assert [d.name for d in gpus] == [f"/physical_device:GPU:{i}" for i in range(n_gpu)]
    assert tf.config.list_physical_devices("CPU") == devs[:1]
    assert tf.config.list_physical_devices("cpu") == []  # device types are case-sensitive, as TF
    assert tf.config.experimental.list_physical_devices("CPU") == devs[:1]


@pytest.mark.covers("tf.config.list_logical_devices", "tf.config.get_visible_devices")
def test_logical_and_visible_devices():
    logical = tf.config.list_logical_devices()
    assert logical[0] == tf.config.LogicalDevice(name="/device:CPU:0", device_type="CPU")
    assert tf.config.get_visible_devices("CPU") == tf.config.list_physical_devices("CPU")


@pytest.mark.covers("tf.config.set_visible_devices")
def test_hiding_gpus_sends_new_tensors_to_cpu(restore_devices):
    tf.config.set_visible_devices(tf.config.list_physical_devices("CPU"))
    assert tf.config.get_visible_devices("GPU") == []
    assert tf.config.list_logical_devices("GPU") == []
    assert tf.constant([1.0]).device.type == "cpu"
    assert tf.Variable(1.0).device.type == "cpu"


@pytest.mark.covers("tf.config.set_visible_devices")
def test_set_visible_devices_rejects_wrong_type(restore_devices):
    with pytest.raises(ValueError, match="Unrecognized device"):
        tf.config.set_visible_devices(tf.config.list_physical_devices("CPU"), "GPU")


@pytest.mark.covers("tf.device")
def test_device_scope_cpu():
    with tf.device("/CPU:0"):
        t = tf.constant(1.0)
        v = tf.Variable([1.0, 2.0])
    assert t.device.type == "cpu" and v.device.type == "cpu"
    with tf.device("/job:localhost/replica:0/task:0/device:CPU:0"):
        assert tf.zeros((2,)).device.type == "cpu"


@pytest.mark.cuda
@pytest.mark.covers("tf.device", "tf.config.experimental.set_memory_growth",
                    "tf.config.experimental.get_memory_info")
def test_gpu_placement_and_memory():
    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    gpu = tf.config.list_physical_devices("GPU")[0]
    tf.config.experimental.set_memory_growth(gpu, True)
    assert tf.config.experimental.get_memory_growth(gpu) is True
    with tf.device("/GPU:0"):
        t = tf.ones((256, 256))
    assert t.device.type == "cuda"
    info = tf.config.experimental.get_memory_info("GPU:0")
    assert info["current"] > 0 and info["peak"] >= info["current"]
    assert tf.config.experimental.get_device_details(gpu)["device_name"]


@pytest.mark.covers("tf.config.experimental.set_memory_growth", "tf.config.experimental.get_memory_growth",
                    "tf.config.experimental.get_memory_info")
def test_memory_functions_on_cpu():
    cpu = tf.config.list_physical_devices("CPU")[0]
    with pytest.raises(ValueError, match="non-GPU"):
        tf.config.experimental.set_memory_growth(cpu, True)
    for gpu in tf.config.list_physical_devices("GPU"):
        tf.config.experimental.set_memory_growth(gpu, True)  # the tutorial loop
    assert tf.config.experimental.get_memory_info("CPU:0") == {"current": 0, "peak": 0}
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="No matching devices"):
            tf.config.experimental.get_memory_info("GPU:0")


@pytest.mark.covers("tf.config.threading.set_intra_op_parallelism_threads",
                    "tf.config.threading.get_intra_op_parallelism_threads",
                    "tf.config.threading.set_inter_op_parallelism_threads",
                    "tf.config.threading.get_inter_op_parallelism_threads")
def test_threading_calls_torch():
    before = torch.get_num_threads()
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        assert torch.get_num_threads() == 1
        assert tf.config.threading.get_intra_op_parallelism_threads() == 1
        tf.config.threading.set_inter_op_parallelism_threads(2)  # may be too late for torch; accepted
        assert tf.config.threading.get_inter_op_parallelism_threads() == 2
    finally:
        tf.config.threading.set_intra_op_parallelism_threads(0)
        tf.config.threading.set_inter_op_parallelism_threads(0)
    assert torch.get_num_threads() == before


@pytest.mark.covers("tf.config.experimental.enable_op_determinism")
def test_enable_op_determinism():
    try:
        tf.config.experimental.enable_op_determinism()
        assert torch.are_deterministic_algorithms_enabled()
        assert torch.is_deterministic_algorithms_warn_only_enabled()
    finally:
        torch.use_deterministic_algorithms(False)
        torch.backends.cudnn.deterministic = False


@pytest.mark.covers("tf.config.experimental.enable_tensor_float_32_execution",
                    "tf.config.experimental.tensor_float_32_execution_enabled")
def test_tf32_switch():
    before = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    try:
        tf.config.experimental.enable_tensor_float_32_execution(False)
        assert tf.config.experimental.tensor_float_32_execution_enabled() is False
        tf.config.experimental.enable_tensor_float_32_execution(True)
        assert torch.backends.cuda.matmul.allow_tf32
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = before


@pytest.mark.covers("tf.config.optimizer.set_jit", "tf.config.optimizer.get_jit",
                    "tf.config.set_soft_device_placement", "tf.config.get_soft_device_placement",
                    "tf.config.optimizer.get_experimental_options")
def test_accepted_settings():
    assert tf.config.optimizer.get_jit() == ""
    tf.config.optimizer.set_jit(True)
    assert tf.config.optimizer.get_jit() == "autoclustering"
    tf.config.optimizer.set_jit(False)
    assert tf.config.optimizer.get_experimental_options()["disable_meta_optimizer"] is False
    assert tf.config.get_soft_device_placement() is True
    tf.config.set_soft_device_placement(False)
    assert tf.config.get_soft_device_placement() is False
    tf.config.set_soft_device_placement(True)
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()])
    assert len(tf.config.get_logical_device_configuration(cpu)) == 1


@pytest.mark.covers("tf.config.experimental.set_memory_growth")
def test_config_submodules_import_like_tf():
    import importlib
    mod = importlib.import_module("tfkeras_shim.config.experimental")
    assert mod.set_memory_growth is tf.config.experimental.set_memory_growth
    assert importlib.import_module("tfkeras_shim.config.threading") is tf.config.threading


@pytest.mark.covers("tf.debugging.set_log_device_placement", "tf.debugging.enable_check_numerics")
def test_debugging_switches_accepted():
    tf.debugging.set_log_device_placement(True)
    assert tf.debugging.get_log_device_placement() is True
    tf.debugging.set_log_device_placement(False)
    tf.debugging.enable_check_numerics()
    tf.debugging.disable_check_numerics()
