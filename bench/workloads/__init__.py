"""Workloads of the benchmark suite (bench/run.py).

Each workload module defines `run(impl, cfg, **params) -> dict` for the implementations it
supports: "shim" (tf.keras code on tfkeras_shim, written the way a TF user writes it),
"torch" (the same model as an idiomatic hand-written torch loop: the limit a torch-backed shim
can reach) and, where it makes sense, "keras3" (Keras 3 on its torch backend, run from
bench/.venv-keras when that venv exists). Every measurement runs in its own interpreter started
by bench/workloads/worker.py; this module only describes the workloads (no heavy imports).

Fields of a spec:
  module, params   which module's `run` and the keyword arguments it gets
  impls            implementations measured
  metric           "throughput" (samples/s, higher is better) or "latency" (seconds or
                   microseconds per call, lower is better) or "import" (seconds)
  target           (op, value): ratio shim/torch that passes, e.g. (">=", 0.95); None = info
  cuda_only        skipped on CPU (ResNet, mixed precision)
"""

FIT_IMPLS = ("shim", "torch", "keras3")

WORKLOADS = {
    "mlp_fit": dict(module="mlp", params={}, impls=FIT_IMPLS, metric="throughput",
                    target=(">=", 0.95),
                    title="MLP 784-256-256-10 fit (batch 128, Adam, sparse CE, 1 epoch)"),
    "cnn_fit": dict(module="cnn", params={}, impls=FIT_IMPLS, metric="throughput",
                    target=(">=", 0.95),
                    title="CNN 28x28x1 C32-P-C64-P-D128-D10 fit (batch 128, Adam)"),
    "lstm_fit": dict(module="lstm", params={"masked": False}, impls=FIT_IMPLS,
                     metric="throughput", target=(">=", 0.95),
                     title="LSTM Emb(10000,64)-LSTM(64)-D1 fit, len 100 (batch 128)"),
    "lstm_masked_fit": dict(module="lstm", params={"masked": True}, impls=FIT_IMPLS,
                            metric="throughput", target=(">=", 0.90),
                            title="same LSTM, mask_zero=True, right padding"),
    "eager_call": dict(module="eager_call", params={}, impls=FIT_IMPLS, metric="latency",
                       target=("<=", 1.5),
                       title="eager model(x), 3-Dense 16-64-64-8, batch 32 (us/call)"),
    "tape_step": dict(module="tape_step", params={"mode": "eager"}, impls=FIT_IMPLS,
                      metric="latency", target=("<=", 1.2),
                      title="GradientTape train step, eager (us/step)"),
    "tape_step_function": dict(module="tape_step", params={"mode": "function"},
                               impls=("shim", "torch"), metric="latency", target=("<=", 1.2),
                               title="GradientTape train step under tf.function (us/step)"),
    "tape_step_jit": dict(module="tape_step", params={"mode": "jit"}, impls=("shim", "torch"),
                          metric="latency", target=None,
                          title="tf.function(jit_compile=True) train step (us/step)"),
    "predict": dict(module="predict", params={}, impls=FIT_IMPLS, metric="throughput",
                    target=(">=", 0.90),
                    title="predict 60000x784 MLP, batch 1024"),
    "import": dict(module="import_time", params={}, impls=FIT_IMPLS, metric="import",
                   target=("<=+", 0.3), title="import tfkeras_shim vs import torch (s)"),
    # CUDA only
    "resnet_fit": dict(module="resnet", params={}, impls=FIT_IMPLS, metric="throughput",
                       target=(">=", 0.95), cuda_only=True,
                       title="ResNet-20 CIFAR 32x32x3 fit (batch 256, SGD momentum)"),
    "cnn_fit_mixed_float16": dict(module="cnn", params={"precision": "mixed_float16"},
                                  impls=FIT_IMPLS, metric="throughput", target=(">=", 0.95),
                                  cuda_only=True, title="CNN fit, mixed_float16"),
    "cnn_fit_mixed_bfloat16": dict(module="cnn", params={"precision": "mixed_bfloat16"},
                                   impls=FIT_IMPLS, metric="throughput", target=(">=", 0.95),
                                   cuda_only=True, title="CNN fit, mixed_bfloat16"),
    "resnet_fit_mixed_float16": dict(module="resnet", params={"precision": "mixed_float16"},
                                     impls=FIT_IMPLS, metric="throughput", target=(">=", 0.95),
                                     cuda_only=True, title="ResNet-20 fit, mixed_float16"),
}

DEFAULT_ORDER = list(WORKLOADS)
