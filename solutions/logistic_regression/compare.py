"""Fit the from-scratch model and scikit-learn's on the same split, with the same objective."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from logreg import LogisticRegressionGD


def compare_with_sklearn(X, y, test_size: float = 0.25, random_state: int = 0, **params) -> dict:
    """Accuracies of both models on one stratified hold-out split, and how far their coefs are.

    scikit-learn minimises C * sum(loss) + ||w||^2 / 2; dividing by C * n shows it is our
    mean loss + (l2 / 2) ||w||^2 when C = 1 / (n * l2), n being the training rows.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state, stratify=y
    )
    scratch = LogisticRegressionGD(**params).fit(X_train, y_train)

    l2 = params.get("l2", 0.0)
    C = np.inf if l2 == 0 else 1.0 / (len(X_train) * l2)
    reference = LogisticRegression(
        C=C, fit_intercept=params.get("fit_intercept", True), solver="lbfgs",
        tol=1e-10, max_iter=10_000,
    ).fit(X_train, y_train)

    scratch_accuracy = float(np.mean(scratch.predict(X_test) == y_test))
    sklearn_accuracy = float(np.mean(reference.predict(X_test) == y_test))
    return {
        "scratch_accuracy": scratch_accuracy,
        "sklearn_accuracy": sklearn_accuracy,
        "difference": scratch_accuracy - sklearn_accuracy,
        "coef_max_abs_diff": float(np.max(np.abs(scratch.coef_ - reference.coef_.ravel()))),
    }
