"""Binary classification metrics from scratch: NumPy only (no scikit-learn, no imblearn).

Conventions (see README.md): y_true / y_pred are 1-D arrays of 0/1, 1 = positive;
"predicted positive" means score >= threshold; tied scores form one threshold; a
precision, recall or F1 whose denominator is 0 is 0.0. Functions never modify inputs.
"""

from __future__ import annotations

import numpy as np


def confusion_counts(y_true, y_pred) -> dict:
    """Count the four cells of the confusion matrix.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1.
    y_pred : array-like of shape (n,)
        Predicted labels, 0 or 1.

    Returns
    -------
    dict
        ``{"tn": int, "fp": int, "fn": int, "tp": int}``.

    Raises
    ------
    ValueError
        If the lengths differ or a value is not 0/1.
    """
    raise NotImplementedError("confusion_counts")


def precision_recall_f1(y_true, y_pred) -> tuple[float, float, float]:
    """Precision, recall and F1 of 0/1 predictions.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        True and predicted labels, 0 or 1.

    Returns
    -------
    tuple of float
        ``(tp / (tp + fp), tp / (tp + fn), 2 tp / (2 tp + fp + fn))``, each 0.0 when
        its denominator is 0.

    Raises
    ------
    ValueError
        If the lengths differ or a value is not 0/1.
    """
    raise NotImplementedError("precision_recall_f1")


def roc_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ROC curve, the same points as sklearn's roc_curve(drop_intermediate=False).

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores, higher = more likely positive.

    Returns
    -------
    fpr, tpr, thresholds : ndarray of shape (k + 1,)
        ``thresholds[0] = np.inf`` with fpr = tpr = 0, then each of the k distinct
        scores once in decreasing order; fpr[i], tpr[i] are the rates of predicting
        ``score >= thresholds[i]``.

    Raises
    ------
    ValueError
        Lengths differ, NaN/inf scores, labels not 0/1, or only one class in y_true.
    """
    raise NotImplementedError("roc_curve")


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve (equal to sklearn's roc_auc_score; a tie counts 1/2).

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As for `roc_curve`.
    """
    raise NotImplementedError("roc_auc")


def precision_recall_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision-recall curve, the same values as sklearn's precision_recall_curve.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores.

    Returns
    -------
    precision, recall : ndarray of shape (k + 1,)
        precision[i], recall[i] of predicting ``score >= thresholds[i]`` for i < k;
        the last point is precision 1.0, recall 0.0 (no threshold).
    thresholds : ndarray of shape (k,)
        The k distinct scores in increasing order.

    Raises
    ------
    ValueError
        As for `roc_curve`.
    """
    raise NotImplementedError("precision_recall_curve")


def average_precision(y_true, scores) -> float:
    """Step-wise average precision: sum of (R_n - R_{n-1}) * P_n (not the trapezoid rule).

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores.

    Returns
    -------
    float
        Equal to sklearn's average_precision_score.

    Raises
    ------
    ValueError
        As for `roc_curve`.
    """
    raise NotImplementedError("average_precision")


def threshold_for_precision(y_true, scores, min_precision: float) -> float:
    """The threshold of highest recall among those with precision >= min_precision.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores.
    min_precision : float
        In [0, 1].

    Returns
    -------
    float
        One of the distinct scores t (predicting ``score >= t``). When several reach the
        same highest recall, the largest of them.

    Raises
    ------
    ValueError
        No threshold reaches min_precision, min_precision outside [0, 1], or bad input
        as for `roc_curve`.
    """
    raise NotImplementedError("threshold_for_precision")


def best_f1_threshold(y_true, scores) -> float:
    """The threshold with the highest F1 (the largest one when several tie).

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1; both classes must be present.
    scores : array-like of shape (n,)
        Finite scores.

    Returns
    -------
    float
        One of the distinct scores t; F1 is that of predicting ``score >= t``.

    Raises
    ------
    ValueError
        As for `roc_curve`.
    """
    raise NotImplementedError("best_f1_threshold")
