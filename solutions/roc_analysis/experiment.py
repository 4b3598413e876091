"""Train a classifier on imbalanced data, evaluate it on a stratified hold-out, plot curves.

The hold-out is split off first and never touched again: class weights or resampling
change only what the model learns from, so the scores on the hold-out stay honest.
"""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.under_sampling import RandomUnderSampler
from matplotlib.figure import Figure
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from metrics import (average_precision, best_f1_threshold, confusion_counts,
                     precision_recall_curve, precision_recall_f1, roc_auc, roc_curve)

MODELS = ("logistic_regression", "random_forest")
BALANCES = (None, "class_weight", "smote", "undersample")


def _make_model(model: str, class_weight, random_state: int):
    """A fresh, unfitted classifier; class_weight is None or "balanced"."""
    if model == "logistic_regression":
        return make_pipeline(StandardScaler(),
                             LogisticRegression(max_iter=1000, class_weight=class_weight))
    return RandomForestClassifier(n_estimators=100, min_samples_leaf=5, n_jobs=1,
                                  class_weight=class_weight, random_state=random_state)


def _resample(X, y, balance, random_state: int):
    """SMOTE or random undersampling of a training set; anything else leaves it as it is."""
    if balance == "smote":
        return SMOTE(random_state=random_state).fit_resample(X, y)
    if balance == "undersample":
        return RandomUnderSampler(random_state=random_state).fit_resample(X, y)
    return X, y


def run_experiment(X, y, model: str = "logistic_regression", balance: str | None = None,
                   test_size: float = 0.25, random_state: int = 0) -> dict:
    """Fit on the training part (balanced as asked), report hold-out metrics as a dict."""
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    if balance not in BALANCES:
        raise ValueError(f"balance must be one of {BALANCES}, got {balance!r}")
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be strictly between 0 and 1, got {test_size}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} values")

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=random_state)
    X_train, y_train = _resample(X_train, y_train, balance, random_state)

    class_weight = "balanced" if balance == "class_weight" else None
    estimator = _make_model(model, class_weight, random_state).fit(X_train, y_train)
    scores = estimator.predict_proba(X_test)[:, 1]
    y_test = np.asarray(y_test).astype(int)

    counts = confusion_counts(y_test, (scores >= 0.5).astype(int))
    precision, recall, f1 = precision_recall_f1(y_test, (scores >= 0.5).astype(int))
    threshold = best_f1_threshold(y_test, scores)
    best_p, best_r, best_f1 = precision_recall_f1(y_test, (scores >= threshold).astype(int))
    return {
        "roc_auc": roc_auc(y_test, scores),
        "average_precision": average_precision(y_test, scores),
        **counts,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "best_threshold": threshold,
        "best_precision": best_p,
        "best_recall": best_r,
        "best_f1": best_f1,
        "n_train": int(len(y_train)),
        "n_test": int(len(y_test)),
        "n_test_positive": int(y_test.sum()),
    }


def plot_curves(y_true, scores, path) -> None:
    """Save one PNG: ROC curve with the chance diagonal, PR curve with the prevalence line."""
    y = np.asarray(y_true).astype(int)
    fpr, tpr, _ = roc_curve(y, scores)
    precision, recall, _ = precision_recall_curve(y, scores)
    auc, ap, prevalence = roc_auc(y, scores), average_precision(y, scores), y.mean()

    fig = Figure(figsize=(10, 4.5), dpi=100)  # no pyplot: no GUI backend, no global state
    ax_roc, ax_pr = fig.subplots(1, 2)
    ax_roc.plot(fpr, tpr, label=f"model (AUC = {auc:.3f})")
    ax_roc.plot([0, 1], [0, 1], linestyle="--", color="grey", label="chance (AUC = 0.5)")
    ax_roc.set(xlabel="False positive rate", ylabel="True positive rate", title="ROC curve")
    ax_roc.legend(loc="lower right")
    ax_pr.step(recall, precision, where="post", label=f"model (AP = {ap:.3f})")
    ax_pr.axhline(prevalence, linestyle="--", color="grey",
                  label=f"prevalence = {prevalence:.3f}")
    ax_pr.set(xlabel="Recall", ylabel="Precision", title="Precision-recall curve")
    ax_pr.legend(loc="upper right")
    fig.tight_layout()
    fig.savefig(path, format="png")
