"""Logistic regression trained by full-batch gradient descent, in NumPy only.

Read README.md for the exact contract. Do not import scikit-learn, statsmodels, torch,
jax or tensorflow in this file.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z) -> np.ndarray:
    """Elementwise logistic function 1 / (1 + exp(-z)), numerically stable.

    Parameters
    ----------
    z : float or array-like of any shape

    Returns
    -------
    numpy.ndarray
        Float array of the shape of ``numpy.asarray(z)``. No warning (e.g. overflow in
        exp) for any finite input; ``sigmoid(-1000)`` is 0 and ``sigmoid(1000)`` is 1
        within the tolerances of the README.
    """
    raise NotImplementedError("sigmoid")


def binary_cross_entropy(y_true, y_prob, eps: float = 1e-12) -> float:
    """Mean binary cross-entropy with probabilities clipped to [eps, 1 - eps].

    Parameters
    ----------
    y_true : array-like of shape (n,)
        0/1 targets.
    y_prob : array-like of shape (n,)
        Predicted probabilities of class 1.
    eps : float, default 1e-12
        Clipping bound, so that log never sees 0.

    Returns
    -------
    float
        ``-mean(y * log(p) + (1 - y) * log(1 - p))`` with ``p = clip(y_prob, eps, 1 - eps)``.

    Raises
    ------
    ValueError
        If the inputs are not 1-D or their lengths differ.
    """
    raise NotImplementedError("binary_cross_entropy")


class LogisticRegressionGD:
    """Binary logistic regression fitted by full-batch gradient descent.

    Minimises ``J(w, b) = binary_cross_entropy(t, sigmoid(X @ w + b)) + (l2 / 2) * ||w||^2``
    (the intercept is not penalised), starting from ``w = 0, b = 0``, where ``t`` is 1 for
    the positive class ``classes_[1]`` and 0 otherwise.

    Parameters
    ----------
    learning_rate : float, default 0.1
        Step size of each update.
    max_iter : int, default 1000
        Largest number of updates.
    tol : float, default 1e-6
        Stop after the first update that lowers the loss by less than ``tol``
        (``previous_loss - new_loss < tol``).
    l2 : float, default 0.0
        Strength of the penalty ``(l2 / 2) * ||w||^2``.
    fit_intercept : bool, default True
        Learn an intercept; when False it stays 0.0.

    Attributes
    ----------
    coef_ : numpy.ndarray of shape (n_features,)
    intercept_ : float
    loss_history_ : list of float
        The loss after each update (the initial loss is not included); length ``n_iter_``.
    n_iter_ : int
        Number of updates performed, including the one after which the loop stopped.
    classes_ : numpy.ndarray of shape (2,)
        ``numpy.unique(y)``; ``classes_[1]`` is the positive class.
    """

    def __init__(self, learning_rate: float = 0.1, max_iter: int = 1000, tol: float = 1e-6,
                 l2: float = 0.0, fit_intercept: bool = True):
        # scikit-learn convention: store the parameters unchanged, do nothing else.
        raise NotImplementedError("LogisticRegressionGD.__init__")

    def fit(self, X, y) -> "LogisticRegressionGD":
        """Fit the model by gradient descent from zeros.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite numbers.
        y : array-like of shape (n_samples,)
            Exactly two distinct labels of any type (0/1, -1/1, strings...).

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If X is not 2-D, y is not 1-D, their lengths differ, X (or a numeric y)
            holds NaN or inf, or y does not have exactly two classes.
        """
        raise NotImplementedError("LogisticRegressionGD.fit")

    def decision_function(self, X) -> np.ndarray:
        """Log-odds of ``classes_[1]``: ``X @ coef_ + intercept_``, shape (n_samples,).

        Raises an error naming ``fit`` when called before fit; ValueError for a bad X.
        """
        raise NotImplementedError("LogisticRegressionGD.decision_function")

    def predict_proba(self, X) -> np.ndarray:
        """Probabilities, shape (n_samples, 2): column 1 is ``sigmoid(decision_function(X))``
        (probability of ``classes_[1]``), column 0 is ``1 - column 1``.
        """
        raise NotImplementedError("LogisticRegressionGD.predict_proba")

    def predict(self, X) -> np.ndarray:
        """Labels from ``classes_``: ``classes_[1]`` where column 1 of predict_proba is
        >= 0.5, ``classes_[0]`` elsewhere. Shape (n_samples,).
        """
        raise NotImplementedError("LogisticRegressionGD.predict")
