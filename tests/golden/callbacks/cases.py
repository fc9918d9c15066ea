"""Callback / progress-bar cases recorded from real tf.keras by tools/gen_callbacks_golden.py and
replayed on the shim by tests/keras/test_callbacks.py and test_progbar.py (see driver.py).

FIT_CASES: dicts for driver.run_case. PROGBAR_CASES: direct keras.utils.Progbar use.
"""


def _seq(name, values, extra=None):
    """Epoch logs with `name` taking `values` (and a constant training loss)."""
    out = []
    for v in values:
        d = {"loss": 0.5, name: v}
        d.update(extra or {})
        out.append(d)
    return out


ES_ATTRS = ["wait", "best", "stopped_epoch", "best_epoch", "min_delta"]
RLR_ATTRS = ["wait", "best", "cooldown_counter"]


def _batches(epochs, n, start=0.7, step=-0.01, acc0=0.4):
    logs, v = [], start
    for e in range(epochs):
        row = []
        for b in range(n):
            row.append({"accuracy": round(acc0 + 0.01 * (e * n + b), 4), "loss": round(v, 6)})
            v += step
        logs.append(row)
    return logs


def _fit_logs(epochs, val=True):
    out = []
    for e in range(epochs):
        d = {"accuracy": 0.4375 + 0.01 * e, "loss": 0.7259 - 0.001 * e}
        if val:
            d.update({"val_accuracy": 0.3125, "val_loss": 0.7482 - 0.001 * e})
        out.append(d)
    return out


FIT_CASES = [
    # ---- EarlyStopping ------------------------------------------------------------------------
    dict(id="es_patience2", callbacks=[["EarlyStopping", {"patience": 2}]], epochs=8,
         epoch_logs=_seq("val_loss", [1.0, 0.9, 0.95, 0.93, 0.8, 0.85, 0.86, 0.87]), record={"0": ES_ATTRS}),
    dict(id="es_patience0", callbacks=[["EarlyStopping", {}]], epochs=4,
         epoch_logs=_seq("val_loss", [1.0, 0.9, 0.95, 0.7]), record={"0": ES_ATTRS}),
    dict(id="es_min_delta", callbacks=[["EarlyStopping", {"min_delta": 0.05, "patience": 1}]], epochs=5,
         epoch_logs=_seq("val_loss", [1.0, 0.97, 0.9, 0.88, 0.86]), record={"0": ES_ATTRS}),
    dict(id="es_min_delta_negative_given", callbacks=[["EarlyStopping", {"min_delta": -0.05, "patience": 1}]],
         epochs=4, epoch_logs=_seq("val_loss", [1.0, 0.97, 0.9, 0.88]), record={"0": ES_ATTRS}),
    dict(id="es_mode_max", callbacks=[["EarlyStopping", {"monitor": "val_accuracy", "mode": "max", "patience": 1}]],
         epochs=6, epoch_logs=_seq("val_accuracy", [0.5, 0.6, 0.6, 0.55, 0.7, 0.65]), record={"0": ES_ATTRS}),
    dict(id="es_auto_from_metric_up", callbacks=[["EarlyStopping", {"monitor": "val_accuracy", "patience": 1}]],
         metrics=[["accuracy", "up"]], epochs=5,
         epoch_logs=_seq("val_accuracy", [0.5, 0.6, 0.6, 0.55, 0.7]), record={"0": ES_ATTRS}),
    dict(id="es_auto_from_metric_down", callbacks=[["EarlyStopping", {"monitor": "val_mse", "patience": 1}]],
         metrics=[["mse", "down"]], epochs=4,
         epoch_logs=_seq("val_mse", [0.5, 0.4, 0.45, 0.5]), record={"0": ES_ATTRS}),
    dict(id="es_auto_unknown_metric", callbacks=[["EarlyStopping", {"monitor": "val_accuracy"}]], epochs=2,
         epoch_logs=_seq("val_accuracy", [0.5, 0.6])),
    dict(id="es_auto_acc_no_direction", callbacks=[["EarlyStopping", {"monitor": "acc"}]],
         metrics=[["acc", None]], epochs=2, epoch_logs=_seq("acc", [0.5, 0.6])),
    dict(id="es_baseline", callbacks=[["EarlyStopping", {"baseline": 0.5, "patience": 2}]], epochs=6,
         epoch_logs=_seq("val_loss", [0.8, 0.7, 0.6, 0.55, 0.4, 0.45]), record={"0": ES_ATTRS}),
    dict(id="es_baseline_reached", callbacks=[["EarlyStopping", {"baseline": 0.5, "patience": 1}]], epochs=6,
         epoch_logs=_seq("val_loss", [0.6, 0.45, 0.4, 0.42, 0.43, 0.3]), record={"0": ES_ATTRS}),
    dict(id="es_restore_on_stop", callbacks=[["EarlyStopping", {"patience": 2, "restore_best_weights": True, "verbose": 1}]],
         epochs=8, epoch_logs=_seq("val_loss", [1.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1]), record={"0": ES_ATTRS}),
    dict(id="es_restore_without_stop", callbacks=[["EarlyStopping", {"patience": 5, "restore_best_weights": True, "verbose": 1}]],
         epochs=4, epoch_logs=_seq("val_loss", [1.0, 0.5, 0.6, 0.7]), record={"0": ES_ATTRS}),
    dict(id="es_restore_start_from_epoch", callbacks=[["EarlyStopping", {"patience": 1, "restore_best_weights": True,
                                                                       "start_from_epoch": 2, "verbose": 1}]],
         epochs=7, epoch_logs=_seq("val_loss", [0.1, 0.2, 0.7, 0.6, 0.65, 0.66, 0.5]), record={"0": ES_ATTRS}),
    dict(id="es_start_from_epoch", callbacks=[["EarlyStopping", {"start_from_epoch": 2, "patience": 1}]], epochs=6,
         epoch_logs=_seq("val_loss", [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]), record={"0": ES_ATTRS}),
    dict(id="es_float32_tie", callbacks=[["EarlyStopping", {"patience": 1}]], epochs=4,
         epoch_logs=_seq("val_loss", [0.3, 0.30000000001, 0.29999999999, 0.2999]), record={"0": ES_ATTRS}),
    dict(id="es_nan", callbacks=[["EarlyStopping", {"patience": 1}]], epochs=4,
         epoch_logs=_seq("val_loss", [1.0, "nan", 0.9, "nan"]), record={"0": ES_ATTRS}),
    dict(id="es_missing_monitor", callbacks=[["EarlyStopping", {}]], epochs=2,
         epoch_logs=[{"loss": 0.5, "accuracy": 0.1}, {"loss": 0.4, "accuracy": 0.2}], record={"0": ES_ATTRS}),
    dict(id="es_unknown_mode", callbacks=[["EarlyStopping", {"mode": "smallest", "monitor": "loss"}]], epochs=3,
         epoch_logs=[{"loss": 0.5}, {"loss": 0.6}, {"loss": 0.7}], record={"0": ES_ATTRS}),
    dict(id="es_loss_min_delta10", callbacks=[["EarlyStopping", {"monitor": "loss", "patience": 1, "min_delta": 10}]],
         epochs=20, epoch_logs=[{"loss": 1.0 - 0.01 * i} for i in range(20)], record={"0": ES_ATTRS}),
    dict(id="es_verbose_with_progbar", callbacks=[["EarlyStopping", {"monitor": "loss", "verbose": 1}]], epochs=5,
         n_batches=2, verbose=1, batch_logs=_batches(5, 2), clock=(1000.0, [0.25]),
         epoch_logs=[{"accuracy": 0.5, "loss": v} for v in (0.7, 0.6, 0.65, 0.5, 0.4)], record={"0": ES_ATTRS}),
    # ---- ReduceLROnPlateau --------------------------------------------------------------------
    dict(id="rlr_basic", callbacks=[["ReduceLROnPlateau", {"patience": 2, "factor": 0.5, "verbose": 1}]], epochs=8, lr=0.1,
         epoch_logs=_seq("val_loss", [1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9]), record={"0": RLR_ATTRS}),
    dict(id="rlr_cooldown_min_lr", callbacks=[["ReduceLROnPlateau", {"patience": 1, "cooldown": 2, "min_lr": 0.01, "verbose": 1}]],
         epochs=10, lr=1.0, epoch_logs=_seq("val_loss", [1.0] * 10), record={"0": RLR_ATTRS}),
    dict(id="rlr_min_delta", callbacks=[["ReduceLROnPlateau", {"patience": 1, "verbose": 1}]], epochs=5, lr=0.1,
         epoch_logs=_seq("val_loss", [1.0, 0.99995, 0.9999, 0.9998, 0.99985]), record={"0": RLR_ATTRS}),
    dict(id="rlr_mode_max", callbacks=[["ReduceLROnPlateau", {"monitor": "val_accuracy", "mode": "max", "patience": 1,
                                                              "factor": 0.2, "verbose": 1}]], epochs=5, lr=0.1,
         epoch_logs=_seq("val_accuracy", [0.5, 0.5, 0.6, 0.59, 0.58]), record={"0": RLR_ATTRS}),
    dict(id="rlr_min_lr_equal_f32", callbacks=[["ReduceLROnPlateau", {"patience": 1, "min_lr": 0.001, "verbose": 1}]],
         epochs=4, lr=0.001, epoch_logs=_seq("val_loss", [1.0] * 4), record={"0": RLR_ATTRS}),
    dict(id="rlr_factor_error", callbacks=[["ReduceLROnPlateau", {"factor": 1.0}]], epochs=1,
         epoch_logs=_seq("val_loss", [1.0])),
    dict(id="rlr_missing_monitor", callbacks=[["ReduceLROnPlateau", {}]], epochs=2,
         epoch_logs=[{"loss": 0.5}, {"loss": 0.4}], record={"0": RLR_ATTRS}),
    dict(id="rlr_empty_logs", callbacks=[["ReduceLROnPlateau", {"monitor": "loss"}]], epochs=2,
         epoch_logs=[{}, {}], record={"0": RLR_ATTRS}),
    dict(id="rlr_in_progbar", callbacks=[["ReduceLROnPlateau", {"monitor": "loss", "patience": 1, "verbose": 1}]],
         epochs=3, n_batches=2, verbose=1, lr=0.001, batch_logs=_batches(3, 2), clock=(1000.0, [0.2]),
         epoch_logs=[{"accuracy": 0.5, "loss": 0.7}] * 3, record={"0": RLR_ATTRS}),
    # ---- LearningRateScheduler ----------------------------------------------------------------
    dict(id="lrs_two_args", callbacks=[["LearningRateScheduler", {"schedule": "halve_from_2", "verbose": 1}]],
         epochs=4, lr=0.1, epoch_logs=[{"loss": 0.5}] * 4),
    dict(id="lrs_epoch_only", callbacks=[["LearningRateScheduler", {"schedule": "epoch_only", "verbose": 1}]],
         epochs=3, lr=0.1, epoch_logs=[{"loss": 0.5}] * 3),
    dict(id="lrs_np_float32", callbacks=[["LearningRateScheduler", {"schedule": "np_float32"}]],
         epochs=3, lr=0.1, epoch_logs=[{"loss": 0.5}] * 3),
    dict(id="lrs_returns_int", callbacks=[["LearningRateScheduler", {"schedule": "returns_int"}]],
         epochs=2, epoch_logs=[{"loss": 0.5}] * 2),
    dict(id="lrs_empty_logs", callbacks=[["LearningRateScheduler", {"schedule": "epoch_only"}]],
         epochs=2, epoch_logs=[{}, {}]),
    # ---- CSVLogger ----------------------------------------------------------------------------
    dict(id="csv_basic", callbacks=[["CSVLogger", {"filename": "log.csv"}]], epochs=3, epoch_logs=_fit_logs(3)),
    dict(id="csv_no_val", callbacks=[["CSVLogger", {"filename": "log.csv"}]], epochs=2,
         epoch_logs=[{"loss": 0.25, "mae": 0.1}, {"loss": 0.125, "mae": 1e-05}]),
    dict(id="csv_sep_append", callbacks=[["CSVLogger", {"filename": "log.csv", "separator": ";", "append": True}]],
         epochs=2, runs=2, epoch_logs=_fit_logs(2)),
    dict(id="csv_odd_values", callbacks=[["CSVLogger", {"filename": "log.csv"}]], epochs=2,
         epoch_logs=[{"loss": "nan", "vec": [1.5, 2], "name": "a,b"}, {"loss": 0.1}]),
    dict(id="csv_with_lr", callbacks=[["ReduceLROnPlateau", {"monitor": "loss"}], ["CSVLogger", {"filename": "log.csv"}]],
         epochs=2, epoch_logs=[{"loss": 0.5}, {"loss": 0.4}]),
    # ---- TerminateOnNaN -----------------------------------------------------------------------
    dict(id="ton_basic", callbacks=[["TerminateOnNaN", {}]], epochs=3, n_batches=3,
         batch_logs=[[{"loss": 0.5}, {"loss": "nan"}, {"loss": 0.4}]] * 3, epoch_logs=[{"loss": "nan"}] * 3),
    dict(id="ton_inf_raise", callbacks=[["TerminateOnNaN", {"raise_error": True}]], epochs=2, n_batches=2,
         batch_logs=[[{"loss": 0.5}, {"loss": "inf"}]] * 2, epoch_logs=[{"loss": 0.5}] * 2),
    # ---- ModelCheckpoint ----------------------------------------------------------------------
    dict(id="mc_best_only", callbacks=[["ModelCheckpoint", {"filepath": "ckpt/e{epoch:02d}-{val_loss:.3f}.keras",
                                                           "save_best_only": True, "verbose": 1}]],
         epochs=4, epoch_logs=_seq("val_loss", [0.69447, 0.67281, 0.7, 0.6]), record={"0": ["best"]}),
    dict(id="mc_every_epoch_weights", callbacks=[["ModelCheckpoint", {"filepath": "w/{epoch}.weights.h5",
                                                                     "save_weights_only": True, "verbose": 1}]],
         epochs=2, epoch_logs=_seq("val_loss", [0.5, 0.4])),
    dict(id="mc_save_freq_batches", callbacks=[["ModelCheckpoint", {"filepath": "b/{epoch}-{batch}-{loss:.2f}.keras",
                                                                   "save_freq": 2, "verbose": 1}]],
         epochs=2, n_batches=3, batch_logs=_batches(2, 3), epoch_logs=_seq("val_loss", [0.5, 0.4])),
    dict(id="mc_initial_threshold", callbacks=[["ModelCheckpoint", {"filepath": "m.keras", "save_best_only": True,
                                                                   "initial_value_threshold": 0.65, "verbose": 1}]],
         epochs=3, epoch_logs=_seq("val_loss", [0.7, 0.6, 0.62]), record={"0": ["best"]}),
    dict(id="mc_mode_max", callbacks=[["ModelCheckpoint", {"filepath": "m.h5", "monitor": "val_accuracy", "mode": "max",
                                                          "save_best_only": True, "verbose": 1}]],
         epochs=3, epoch_logs=_seq("val_accuracy", [0.5, 0.7, 0.6])),
    dict(id="mc_missing_monitor", callbacks=[["ModelCheckpoint", {"filepath": "m.keras", "save_best_only": True}]],
         epochs=2, epoch_logs=[{"loss": 0.5}, {"loss": 0.4}]),
    dict(id="mc_auto_unknown", callbacks=[["ModelCheckpoint", {"filepath": "m.keras", "monitor": "val_acc"}]],
         epochs=1, epoch_logs=_seq("val_acc", [0.5])),
    dict(id="mc_bad_weights_path", callbacks=[["ModelCheckpoint", {"filepath": "w.h5", "save_weights_only": True}]],
         epochs=1, epoch_logs=[{}]),
    dict(id="mc_bad_path", callbacks=[["ModelCheckpoint", {"filepath": "m.pt"}]], epochs=1, epoch_logs=[{}]),
    dict(id="mc_bad_save_freq", callbacks=[["ModelCheckpoint", {"filepath": "m.keras", "save_freq": "batch"}]],
         epochs=1, epoch_logs=[{}]),
    dict(id="mc_format_key_error", callbacks=[["ModelCheckpoint", {"filepath": "m-{val_auc}.keras"}]],
         epochs=1, epoch_logs=_seq("val_loss", [0.5])),
    # ---- BackupAndRestore ---------------------------------------------------------------------
    dict(id="bar_steps_then_resume", callbacks=[["BackupAndRestore", {"backup_dir": "bk", "save_freq": 2,
                                                                     "delete_checkpoint": False}]],
         epochs=2, n_batches=3, runs=2, epoch_logs=[{"loss": 0.5}] * 2),
    dict(id="bar_epoch_deleted", callbacks=[["BackupAndRestore", {"backup_dir": "bk"}]],
         epochs=2, n_batches=1, epoch_logs=[{"loss": 0.5}] * 2),
    dict(id="bar_bad_args", callbacks=[["BackupAndRestore", {"backup_dir": "bk", "save_freq": "step"}]],
         epochs=1, epoch_logs=[{}]),
    # ---- LambdaCallback / History -------------------------------------------------------------
    dict(id="lambda_hooks", callbacks=[["LambdaCallback", {"hooks": ["on_train_begin", "on_epoch_begin", "on_epoch_end",
                                                                    "on_train_batch_begin", "on_train_batch_end",
                                                                    "on_test_end", "on_train_end"]}]],
         epochs=2, n_batches=2, val_batches=1, batch_logs=_batches(2, 2), epoch_logs=_fit_logs(2)),
    dict(id="history_nested_and_unsorted", callbacks=[], epochs=2,
         epoch_logs=[{"z": 1, "a": 0.5, "sub": {"b": 2, "c": True}}, {"z": 2, "a": 0.25, "sub": {"b": 3, "c": False}}]),
    # ---- ProgbarLogger through fit/evaluate/predict -------------------------------------------
    dict(id="pb_fit_v1", callbacks=[], epochs=2, n_batches=3, val_batches=1, verbose=1,
         batch_logs=_batches(2, 3), epoch_logs=_fit_logs(2), clock=(1000.0, [0.3, 0.01, 0.02])),
    dict(id="pb_fit_v2", callbacks=[], epochs=2, n_batches=3, val_batches=1, verbose=2,
         batch_logs=_batches(2, 3), epoch_logs=_fit_logs(2), clock=(1000.0, [0.3, 0.01, 0.02])),
    dict(id="pb_fit_auto", callbacks=[], epochs=2, n_batches=2, verbose="auto",
         batch_logs=_batches(2, 2), epoch_logs=_fit_logs(2, val=False), clock=(1000.0, [0.2])),
    dict(id="pb_epochs1", callbacks=[], epochs=1, n_batches=2, verbose=1,
         batch_logs=_batches(1, 2), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [0.254, 0.016])),
    dict(id="pb_unknown_steps_v1", callbacks=[], epochs=2, n_batches=4, steps=None, verbose=1,
         batch_logs=_batches(2, 4), epoch_logs=_fit_logs(2, val=False), clock=(1000.0, [0.07])),
    dict(id="pb_unknown_steps_v2", callbacks=[], epochs=2, n_batches=4, steps=None, verbose=2,
         batch_logs=_batches(2, 4), epoch_logs=_fit_logs(2, val=False), clock=(1000.0, [0.07])),
    dict(id="pb_interval_skip", callbacks=[], epochs=1, n_batches=12, verbose=1,
         batch_logs=_batches(1, 12), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [0.02])),
    dict(id="pb_eta_minutes", callbacks=[], epochs=1, n_batches=5, verbose=1,
         batch_logs=_batches(1, 5), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [31.7])),
    dict(id="pb_eta_hours", callbacks=[], epochs=1, n_batches=4, verbose=1,
         batch_logs=_batches(1, 4), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [2345.6])),
    dict(id="pb_us_per_step", callbacks=[], epochs=1, n_batches=3, verbose=1,
         batch_logs=_batches(1, 3), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [0.0004])),
    dict(id="pb_small_and_negative_v1", callbacks=[], epochs=1, n_batches=2, verbose=1, clock=(1000.0, [0.5]),
         batch_logs=[[{"loss": 1e-05, "neg": -0.5, "tiny_neg": -1e-6}, {"loss": 0.001, "neg": -0.25, "tiny_neg": 0.0}]],
         epoch_logs=[{"loss": 0.0011, "neg": -0.25, "tiny_neg": 0.0}]),
    dict(id="pb_small_and_negative_v2", callbacks=[], epochs=1, n_batches=2, verbose=2, clock=(1000.0, [0.5]),
         batch_logs=[[{"loss": 1e-05, "neg": -0.5}, {"loss": 0.001, "neg": -0.25}]],
         epoch_logs=[{"loss": 0.0011, "neg": -0.25, "zero": 0.0}]),
    dict(id="pb_many_steps", callbacks=[], epochs=2, n_batches=12, verbose=1,
         batch_logs=_batches(2, 12), epoch_logs=_fit_logs(2, val=False), clock=(1000.0, [0.06, 0.03])),
    dict(id="pb_stop_mid_epoch", callbacks=[["TerminateOnNaN", {}]], epochs=2, n_batches=4, verbose=1,
         batch_logs=[[{"loss": 0.5}, {"loss": 0.6}, {"loss": "nan"}, {"loss": 0.5}]] * 2,
         epoch_logs=[{"loss": "nan"}] * 2, clock=(1000.0, [0.1])),
    dict(id="pb_evaluate_predict", callbacks=[], epochs=0, epoch_logs=[], clock=(1000.0, [0.09, 0.014]),
         evaluate=[
             dict(kind="test", steps=2, n_batches=2, verbose=1, batch_logs=[{"accuracy": 0.53125, "loss": 0.697},
                                                                          {"accuracy": 0.421875, "loss": 0.7294}],
                  final_logs={"accuracy": 0.421875, "loss": 0.7293561100959778}),
             dict(kind="test", steps=2, n_batches=2, verbose=2, batch_logs=[{"loss": 0.697}, {"loss": 0.7294}],
                  final_logs={"loss": 0.7293561100959778}),
             dict(kind="test", steps=None, n_batches=3, verbose=1, batch_logs=[{"loss": 0.6}, {"loss": 0.5}, {"loss": 0.4}],
                  final_logs={"loss": 0.5}),
             dict(kind="predict", steps=2, n_batches=2, verbose=1),
             dict(kind="predict", steps=2, n_batches=2, verbose=2),
             dict(kind="predict", steps=None, n_batches=3, verbose=1),
             dict(kind="predict", steps=None, n_batches=3, verbose=2),
         ]),
    dict(id="pb_user_progbar_shared_with_evaluate", callbacks=[["ProgbarLogger", {}]], epochs=1, n_batches=2, verbose=1,
         batch_logs=_batches(1, 2), epoch_logs=_fit_logs(1, val=False), clock=(1000.0, [0.1]),
         evaluate=[dict(kind="test", steps=2, n_batches=2, verbose=1, shared=True,
                        batch_logs=[{"loss": 0.6}, {"loss": 0.5}], final_logs={"loss": 0.55})]),
]


PROGBAR_CASES = [
    dict(id="averaged_values", ctor={"target": 10}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["loss", 1.0], ["acc", 0.5]], None], ["update", 3, [["loss", 2.0], ["acc", 0.75]], None],
              ["update", 6, [["loss", 4.0]], None], ["update", 10, [["loss", 3.0], ["acc", 1.0]], None]]),
    dict(id="stateful_metrics", ctor={"target": 4, "stateful_metrics": ["acc"]}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["loss", 1.0], ["acc", 0.5]], None], ["update", 2, [["loss", 2.0], ["acc", 0.75]], None],
              ["update", 4, [["loss", 4.0], ["acc", 0.25]], None]]),
    dict(id="stateless_metrics_arg", ctor={"target": 3, "stateless_metrics": ["loss"]}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["loss", 1.0], ["acc", 0.5]], None], ["update", 2, [["loss", 2.0], ["acc", 0.75]], None],
              ["update", 3, [["loss", 4.0], ["acc", 0.25]], None]]),
    dict(id="unknown_target_add", ctor={"target": None}, clock=(50.0, [0.3]),
         ops=[["add", 1, [["loss", 1.0]]], ["add", 2, [["loss", 0.5]]], ["update", 5, [["loss", 0.25]], True]]),
    dict(id="verbose2_average", ctor={"target": 3, "verbose": 2}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["loss", 1.0]], None], ["update", 2, [["loss", 2.0]], None], ["update", 3, [["loss", 4.0]], None]]),
    dict(id="width_unit_interval0", ctor={"target": 7, "width": 10, "unit_name": "sample", "interval": 0}, clock=(50.0, [0.001]),
         ops=[["update", i, [["loss", 0.5 / i]], None] for i in range(1, 8)]),
    dict(id="past_target", ctor={"target": 5}, clock=(50.0, [0.4]),
         ops=[["update", 3, None, None], ["update", 7, None, False], ["update", 8, None, None]]),
    dict(id="zero_target", ctor={"target": 0}, clock=(50.0, [0.4]),
         ops=[["update", 0, [["loss", 1.0]], None], ["update", 1, [["loss", 1.0]], True]]),
    dict(id="int_and_array_values", ctor={"target": 2, "stateful_metrics": ["arr", "n"]}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["arr", {"np": [1.0, 2.0, 4.0]}], ["n", 3]], None],
              ["update", 2, [["arr", {"np": [0.5]}], ["n", 7]], None]]),
    dict(id="finalize_false_at_target", ctor={"target": 3}, clock=(50.0, [0.4]),
         ops=[["update", 3, [["loss", 0.1]], False], ["update", 3, [["loss", 0.2]], True]]),
    dict(id="verbose0", ctor={"target": 3, "verbose": 0}, clock=(50.0, [0.4]),
         ops=[["update", 1, [["loss", 0.1]], None], ["update", 3, [["loss", 0.2]], None]]),
    dict(id="both_metric_args_error", ctor={"target": 3, "stateful_metrics": ["a"], "stateless_metrics": ["b"]},
         clock=(50.0, [0.4]), ops=[]),
]


def progbar_values(values):
    """JSON values of PROGBAR_CASES -> what the op passes ({"np": [...]} -> numpy array)."""
    import numpy as np
    if values is None:
        return None
    return [(k, np.array(v["np"]) if isinstance(v, dict) else v) for k, v in values]


def run_progbar_case(Progbar, case, patch_clock):
    import contextlib
    import io
    from .driver import Clock
    out = io.StringIO()
    undo = patch_clock(Clock(*case["clock"]))
    error = None
    try:
        with contextlib.redirect_stdout(out):
            bar = Progbar(**case["ctor"])
            for op in case["ops"]:
                if op[0] == "update":
                    bar.update(op[1], progbar_values(op[2]), finalize=op[3])
                else:
                    bar.add(op[1], progbar_values(op[2]))
    except Exception as e:  # noqa: BLE001
        error = f"{type(e).__name__}: {e}"
    finally:
        undo()
    return {"stdout": out.getvalue(), "error": error}
