"""The hand-written torch training loop every fit workload compares against.

What a careful torch user writes: data moved to the device once as tensors, one `randperm`
per epoch, index slicing per batch, `zero_grad` / forward / loss / `backward` / `step`,
running loss and accuracy accumulated on the device (no host sync per step), one `.item()`
at the end of the epoch. Mixed precision: `torch.autocast` (+ `GradScaler` for float16).
"""
import torch


def fit_epoch(model, opt, loss_fn, x, y, batch_size, acc="multiclass", amp_dtype=None,
              scaler=None, n_batches=None):
    n = x.shape[0]
    dev = x.device
    model.train()
    perm = torch.randperm(n, device=dev)
    total = torch.zeros((), device=dev)
    correct = torch.zeros((), device=dev)
    stop = n if n_batches is None else min(n, n_batches * batch_size)
    for i in range(0, stop, batch_size):
        idx = perm[i:i + batch_size]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        if amp_dtype is not None:
            with torch.autocast(device_type=dev.type, dtype=amp_dtype):
                out = model(xb)
                loss = loss_fn(out, yb)
        else:
            out = model(xb)
            loss = loss_fn(out, yb)
        if scaler is not None:
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
        else:
            loss.backward()
            opt.step()
        with torch.no_grad():
            total += loss.detach() * xb.shape[0]
            if acc == "multiclass":
                correct += (out.argmax(1) == yb).sum()
            else:
                correct += ((out > 0).to(yb.dtype) == yb).sum()
    return (total / stop).item()


def amp_setup(precision, device):
    """(autocast dtype, GradScaler or None) for a Keras policy name."""
    if precision in (None, "float32"):
        return None, None
    if precision == "mixed_float16":
        return torch.float16, torch.amp.GradScaler(device)
    if precision == "mixed_bfloat16":
        return torch.bfloat16, None
    raise ValueError(precision)
