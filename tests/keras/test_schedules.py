"""Learning-rate schedules against real tf.keras (tests/golden/training/schedules.json)."""
import pytest

from tests.golden.training import check, params


@pytest.mark.covers(
    "tf.keras.optimizers.schedules.LearningRateSchedule",
    "tf.keras.optimizers.schedules.ExponentialDecay",
    "tf.keras.optimizers.schedules.PiecewiseConstantDecay",
    "tf.keras.optimizers.schedules.PolynomialDecay",
    "tf.keras.optimizers.schedules.InverseTimeDecay", "tf.keras.optimizers.schedules.CosineDecay",
    "tf.keras.optimizers.schedules.CosineDecayRestarts",
    "tf.keras.optimizers.schedules.serialize", "tf.keras.optimizers.schedules.deserialize")
@pytest.mark.parametrize("cid,code,opts,recorded", params("schedules"))
def test_schedule_matches_tf(cid, code, opts, recorded):
    check(cid, code, opts, recorded)
