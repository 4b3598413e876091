"""Compare the from-scratch model with scikit-learn's on one split (scikit-learn allowed here).

Read README.md, section 4, for the exact contract.
"""

from __future__ import annotations

from logreg import LogisticRegressionGD  # noqa: F401  (you will need it)


def compare_with_sklearn(X, y, test_size: float = 0.25, random_state: int = 0, **params) -> dict:
    """Fit both models with the same objective on the same stratified split.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Two distinct labels.
    test_size, random_state :
        Passed to ``train_test_split(..., stratify=y)``.
    **params :
        Keyword arguments of ``LogisticRegressionGD``. scikit-learn's
        ``LogisticRegression`` gets ``C = 1 / (n_train * l2)`` (``numpy.inf`` when
        ``l2 == 0``) and the same ``fit_intercept``.

    Returns
    -------
    dict
        ``{"scratch_accuracy", "sklearn_accuracy", "difference", "coef_max_abs_diff"}``,
        all floats; ``difference = scratch_accuracy - sklearn_accuracy``;
        ``coef_max_abs_diff`` compares the weights only (not the intercept).
    """
    raise NotImplementedError("compare_with_sklearn")
