"""tf.keras.mixed_precision (Keras 3 names, as TF 2.21 exports them)."""
from ..engine.layer import (DTypePolicy, DTypePolicy as Policy, global_policy as dtype_policy,  # noqa: F401
                            global_policy, set_global_policy as set_dtype_policy, set_global_policy)
from ..optimizers.loss_scale_optimizer import LossScaleOptimizer  # noqa: F401

__all__ = ["DTypePolicy", "Policy", "dtype_policy", "global_policy", "set_dtype_policy",
           "set_global_policy", "LossScaleOptimizer"]
