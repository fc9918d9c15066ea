"""`model.predict(x, batch_size=1024)` of the MLP 784-256-256-10 on 60000x784 float32 numpy,
against a torch loop: from_numpy once, eval(), no_grad, slices of 1024, cat, .numpy().
Median of 3 timed calls per process after a warm-up call on 2048 rows."""
import statistics

from ._common import classification, peak, pin_threads, reset_peak, rss_mib, time_once, torch_device
from .mlp import torch_model

BATCH = 1024


def build(keras):
    return keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10),
    ])


def _measure(fn, n, device, warm):
    warm()
    rss0 = rss_mib()
    ok = reset_peak(device)
    times = [time_once(fn, device, units=n // BATCH)[0] for _ in range(3)]
    res = peak(device)
    dt = statistics.median(times)
    res.update(value=n / dt, unit="samples/s", seconds=dt, samples=n, rss_peak_reset=ok,
               rss_before_mib=rss0, rss_fit_delta_mib=res["rss_peak_mib"] - rss0)
    return res


def run(impl, cfg):
    n = cfg.n(60000, 20480, BATCH)
    x, _ = classification(n, (784,))
    if impl in ("shim", "keras3"):
        if impl == "shim":
            import tfkeras_shim as tf
            threads = pin_threads(impl, cfg.threads, tf)
            keras = tf.keras
        else:
            import keras
            threads = pin_threads(impl, cfg.threads)
        model = build(keras)
        res = _measure(lambda: model.predict(x, batch_size=BATCH, verbose=0), n, cfg.device,
                       lambda: model.predict(x[:2048], batch_size=BATCH, verbose=0))
    else:
        import torch
        threads = pin_threads(impl, cfg.threads)
        dev = torch_device(cfg.device)
        model = torch_model().to(dev)

        def predict(xs):
            model.eval()
            xt = torch.from_numpy(xs).to(dev)
            with torch.no_grad():
                out = torch.cat([model(xt[i:i + BATCH]) for i in range(0, len(xs), BATCH)])
            return out.cpu().numpy()

        res = _measure(lambda: predict(x), n, cfg.device, lambda: predict(x[:2048]))
    res["torch_threads"] = threads
    return res
