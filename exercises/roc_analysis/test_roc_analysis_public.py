"""Worked examples for roc_analysis. Run with: pytest exercises/roc_analysis

They pass once metrics.py and experiment.py are done; the grader's hidden tests check
much more (see README.md, "What is graded").
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from experiment import plot_curves, run_experiment
from metrics import (average_precision, best_f1_threshold, confusion_counts,
                     precision_recall_curve, precision_recall_f1, roc_auc, roc_curve,
                     threshold_for_precision)

DATA = Path(__file__).resolve().parents[2] / "datasets" / "flights_sample.csv"
Y = [0, 0, 1, 1, 0, 1]
S = [0.1, 0.4, 0.35, 0.8, 0.4, 0.8]


def test_confusion_counts_and_prf():
    y_pred = [0, 1, 0, 1, 1, 1]
    assert confusion_counts(Y, y_pred) == {"tn": 1, "fp": 2, "fn": 1, "tp": 2}
    assert precision_recall_f1(Y, y_pred) == pytest.approx((0.5, 2 / 3, 4 / 7))
    assert precision_recall_f1(Y, [0] * 6) == (0.0, 0.0, 0.0)


def test_roc_curve_worked_example():
    fpr, tpr, thresholds = roc_curve(Y, S)
    np.testing.assert_allclose(fpr, [0, 0, 2 / 3, 2 / 3, 1])
    np.testing.assert_allclose(tpr, [0, 2 / 3, 2 / 3, 1, 1])
    np.testing.assert_array_equal(thresholds, [np.inf, 0.8, 0.4, 0.35, 0.1])
    assert roc_auc(Y, S) == pytest.approx(7 / 9)


def test_precision_recall_curve_worked_example():
    precision, recall, thresholds = precision_recall_curve(Y, S)
    np.testing.assert_allclose(precision, [0.5, 0.6, 0.5, 1, 1])
    np.testing.assert_allclose(recall, [1, 1, 2 / 3, 2 / 3, 0])
    np.testing.assert_array_equal(thresholds, [0.1, 0.35, 0.4, 0.8])
    assert average_precision(Y, S) == pytest.approx(13 / 15)


def test_thresholds_worked_example():
    assert best_f1_threshold(Y, S) == 0.8
    assert threshold_for_precision(Y, S, 0.6) == 0.35
    with pytest.raises(ValueError):
        threshold_for_precision([1, 0, 0, 1], [0.1, 0.9, 0.8, 0.2], 0.9)


def test_one_class_is_an_error():
    with pytest.raises(ValueError):
        roc_auc([1, 1, 1], [0.2, 0.5, 0.9])


def _flights():
    df = pd.read_csv(DATA)
    when = pd.to_datetime(df["scheduled_departure"])
    X = pd.concat(
        [
            pd.DataFrame({"hour": when.dt.hour, "month": when.dt.month,
                          "distance": df["distance"]}).astype(float),
            pd.get_dummies(df[["carrier", "origin"]], dtype=float),
        ],
        axis=1,
    )
    return X, (df["arr_delay"] > 60).astype(int)


def test_run_experiment_on_flights():
    X, y = _flights()
    result = run_experiment(X, y, model="logistic_regression", balance="class_weight")
    assert result["n_test"] == 5000
    assert result["n_test_positive"] == 437  # stratified: 8.7% of 5000
    assert result["tn"] + result["fp"] + result["fn"] + result["tp"] == 5000
    assert 0.6 < result["roc_auc"] < 0.8
    assert result["recall"] > 0.4


def test_plot_curves_writes_a_png(tmp_path):
    rng = np.random.default_rng(0)
    y = (rng.random(300) < 0.2).astype(int)
    scores = rng.random(300) + 0.5 * y
    path = tmp_path / "curves.png"
    plot_curves(y, scores, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
