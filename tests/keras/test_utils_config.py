"""keras.utils.Config against what tf.keras 2.21 printed for the same script."""
import pytest

from tfkeras_shim import keras


@pytest.mark.covers("tf.keras.utils.Config")
def test_config_behaves_like_keras():
    c = keras.utils.Config(learning_rate=0.1, momentum=0.9)
    c.seed = 3
    c["opt"] = "adam"
    assert repr(c) == "<Config {'learning_rate': 0.1, 'momentum': 0.9, 'seed': 3, 'opt': 'adam'}>"
    assert list(c) == ["learning_rate", "momentum", "opt", "seed"] and len(c) == 4
    assert c.to_json() == '{"learning_rate": 0.1, "momentum": 0.9, "seed": 3, "opt": "adam"}'
    assert "seed" in c and c.get("x", 5) == 5
    with pytest.raises(AttributeError, match=r"Unknown attribute: 'learnig_rate'. Did you mean 'learning_rate'\?"):
        c.learnig_rate
    c.freeze()
    assert c.frozen
    for change in (lambda: setattr(c, "x", 1), lambda: c.__setitem__("x", 1), lambda: c.pop("seed"),
                   lambda: c.update(a=1)):
        with pytest.raises(ValueError, match="Cannot mutate attribute\\(s\\) because the config is frozen."):
            change()
    c.unfreeze()
    c.x = 1
    assert c.x == 1 and c.pop("x") == 1 and not c.frozen
