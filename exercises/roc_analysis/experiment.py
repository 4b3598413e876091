"""An imbalanced-classification experiment on a stratified hold-out, and its plots.

scikit-learn, imbalanced-learn and matplotlib are allowed here, and so are your own
functions from metrics.py (``from metrics import ...``). See README.md for the contract.
"""

from __future__ import annotations


def run_experiment(X, y, model: str = "logistic_regression", balance: str | None = None,
                   test_size: float = 0.25, random_state: int = 0) -> dict:
    """Fit a classifier on the training part, balanced as asked; report hold-out metrics.

    Parameters
    ----------
    X : DataFrame or ndarray of shape (n, d)
        Numeric features, no missing values.
    y : Series or ndarray of shape (n,)
        Labels, 0 or 1.
    model : {"logistic_regression", "random_forest"}
    balance : {None, "class_weight", "smote", "undersample"}
        Applied to the training part only, after the split.
    test_size : float
        Strictly between 0 and 1.
    random_state : int
        Used by the split, the resampler and the model.

    Returns
    -------
    dict
        Exactly the keys roc_auc, average_precision, tn, fp, fn, tp, precision, recall,
        f1 (at ``score >= 0.5``), best_threshold, best_precision, best_recall, best_f1,
        n_train (after resampling), n_test, n_test_positive.

    Raises
    ------
    ValueError
        Unknown model or balance, test_size outside (0, 1), or X and y of different
        lengths.
    """
    raise NotImplementedError("run_experiment")


def plot_curves(y_true, scores, path) -> None:
    """Write one PNG with the ROC curve (and chance diagonal) and the PR curve (and prevalence).

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True labels, 0 or 1.
    scores : array-like of shape (n,)
        Scores, higher = more likely positive.
    path : str or pathlib.Path
        Where to write the PNG.

    Returns
    -------
    None
    """
    raise NotImplementedError("plot_curves")
