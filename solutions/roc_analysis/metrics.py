"""Binary classification metrics from scratch (NumPy only).

Every curve is built from one idea: sort the scores from high to low, treat a group of
tied scores as a single threshold, and count the true and false positives of the rule
"predicted positive = score >= threshold" at each distinct score.
"""

from __future__ import annotations

import numpy as np


def _labels(y, name: str = "y_true") -> np.ndarray:
    """y as a 1-D int array of 0/1, or ValueError."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {y.shape}")
    if not np.isin(y, [0, 1]).all():
        raise ValueError(f"{name} must contain only 0 and 1")
    return y.astype(int)


def _labels_and_scores(y_true, scores) -> tuple[np.ndarray, np.ndarray]:
    """Checked (y, s) for the score-based functions: same length, finite scores, both classes."""
    y = _labels(y_true)
    s = np.asarray(scores, dtype=float)
    if s.ndim != 1 or len(s) != len(y):
        raise ValueError(f"scores must be 1-D with the length of y_true ({len(y)}), "
                         f"got shape {s.shape}")
    if not np.isfinite(s).all():
        raise ValueError("scores contain NaN or infinite values")
    if len(np.unique(y)) < 2:
        raise ValueError("y_true must contain both classes 0 and 1")
    return y, s


def _counts_by_threshold(y: np.ndarray, s: np.ndarray):
    """Distinct scores from high to low, with tp and fp when predicting score >= each."""
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    # the last position of each group of tied scores: a tie is one threshold, not several
    last = np.r_[np.flatnonzero(np.diff(s_sorted)), len(s) - 1]
    tps = np.cumsum(y_sorted)[last]
    fps = (last + 1) - tps
    return s_sorted[last], tps, fps


def confusion_counts(y_true, y_pred) -> dict:
    """{"tn", "fp", "fn", "tp"} as ints for 0/1 labels and 0/1 predictions."""
    y, p = _labels(y_true), _labels(y_pred, "y_pred")
    if len(y) != len(p):
        raise ValueError(f"y_true has {len(y)} values but y_pred has {len(p)}")
    return {
        "tn": int(np.sum((y == 0) & (p == 0))),
        "fp": int(np.sum((y == 0) & (p == 1))),
        "fn": int(np.sum((y == 1) & (p == 0))),
        "tp": int(np.sum((y == 1) & (p == 1))),
    }


def precision_recall_f1(y_true, y_pred) -> tuple[float, float, float]:
    """(precision, recall, F1); 0.0 wherever a denominator is 0."""
    c = confusion_counts(y_true, y_pred)
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float(precision), float(recall), float(f1)


def roc_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds): thresholds from +inf down through every distinct score."""
    y, s = _labels_and_scores(y_true, scores)
    thresholds, tps, fps = _counts_by_threshold(y, s)
    fpr = np.r_[0, fps] / fps[-1]
    tpr = np.r_[0, tps] / tps[-1]
    thresholds = np.r_[np.inf, thresholds]
    return fpr, tpr, thresholds


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve by the trapezoid rule (a tie counts one half)."""
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def precision_recall_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, thresholds): thresholds ascending, then the point (1, 0)."""
    y, s = _labels_and_scores(y_true, scores)
    thresholds, tps, fps = _counts_by_threshold(y, s)
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def average_precision(y_true, scores) -> float:
    """Sum over thresholds of (gain in recall) x precision: a step function, no interpolation."""
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return float(np.sum((recall[:-1] - recall[1:]) * precision[:-1]))


def threshold_for_precision(y_true, scores, min_precision: float) -> float:
    """The score threshold of highest recall with precision >= min_precision (largest on ties)."""
    if not 0.0 <= min_precision <= 1.0:
        raise ValueError(f"min_precision must be in [0, 1], got {min_precision}")
    precision, recall, thresholds = precision_recall_curve(y_true, scores)
    precision, recall = precision[:-1], recall[:-1]  # drop the point without a threshold
    ok = precision >= min_precision
    if not ok.any():
        raise ValueError(f"no threshold reaches precision {min_precision} "
                         f"(the highest is {precision.max()})")
    best = ok & (recall == recall[ok].max())
    return float(thresholds[best].max())


def best_f1_threshold(y_true, scores) -> float:
    """The score threshold with the highest F1 (the largest one when several tie)."""
    y, s = _labels_and_scores(y_true, scores)
    thresholds, tps, fps = _counts_by_threshold(y, s)
    fns = tps[-1] - tps
    f1 = 2 * tps / (2 * tps + fps + fns)
    i = int(np.argmax(f1))  # thresholds run from high to low: the first maximum is the largest
    return float(thresholds[i])
