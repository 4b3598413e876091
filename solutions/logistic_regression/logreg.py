"""Logistic regression trained by full-batch gradient descent, in NumPy only.

The model minimises J(w, b) = mean binary cross-entropy + (l2 / 2) * ||w||^2 (the
intercept b is not penalised), starting from zeros, exactly as the README states.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """1 / (1 + exp(-z)) elementwise, without overflow for large |z|.

    exp is only ever taken of -|z| (<= 0), so it lies in (0, 1] and cannot overflow.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def binary_cross_entropy(y_true, y_prob, eps: float = 1e-12) -> float:
    """Mean of -[y log p + (1 - y) log(1 - p)], with p clipped to [eps, 1 - eps]."""
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    if y_true.ndim != 1 or y_prob.ndim != 1 or len(y_true) != len(y_prob):
        raise ValueError(
            f"y_true and y_prob must be 1-D of the same length, got shapes "
            f"{y_true.shape} and {y_prob.shape}"
        )
    p = np.clip(y_prob, eps, 1 - eps)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def _check_X(X) -> np.ndarray:
    """X as a finite 2-D float array, or a ValueError saying what is wrong."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got {X.ndim}-D")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values")
    return X


class LogisticRegressionGD:
    """Binary logistic regression fitted by full-batch gradient descent.

    Parameters
    ----------
    learning_rate : step size of each gradient-descent update.
    max_iter : largest number of updates.
    tol : stop as soon as one update lowers the loss by less than tol.
    l2 : strength of the penalty (l2 / 2) * ||coef_||^2; the intercept is not penalised.
    fit_intercept : learn an intercept (else it stays 0.0).
    """

    def __init__(self, learning_rate: float = 0.1, max_iter: int = 1000, tol: float = 1e-6,
                 l2: float = 0.0, fit_intercept: bool = True):
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.l2 = l2
        self.fit_intercept = fit_intercept

    def _loss(self, X, y01, w, b) -> float:
        """The objective J(w, b) the README defines."""
        p = sigmoid(X @ w + b)
        return binary_cross_entropy(y01, p) + 0.5 * self.l2 * float(w @ w)

    def fit(self, X, y) -> "LogisticRegressionGD":
        """Learn coef_ and intercept_ from zeros; classes_[1] is the positive class."""
        X = _check_X(X)
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(
                f"y must be 1-D with one label per row of X ({len(X)}), got shape {y.shape}"
            )
        if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or infinite values")
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"y must have exactly 2 classes, got {len(classes)}")
        y01 = (y == classes[1]).astype(float)

        n = len(X)
        w = np.zeros(X.shape[1])
        b = 0.0
        prev = self._loss(X, y01, w, b)
        history = []
        for _ in range(self.max_iter):
            residual = sigmoid(X @ w + b) - y01
            grad_w = X.T @ residual / n + self.l2 * w
            grad_b = residual.mean() if self.fit_intercept else 0.0
            w = w - self.learning_rate * grad_w
            b = b - self.learning_rate * grad_b
            loss = self._loss(X, y01, w, b)
            history.append(loss)
            if prev - loss < self.tol:
                break
            prev = loss

        self.classes_ = classes
        self.coef_ = w
        self.intercept_ = float(b)
        self.loss_history_ = history
        self.n_iter_ = len(history)
        return self

    def _fitted_X(self, X) -> np.ndarray:
        """Refuse to predict before fit; check X against the fitted number of features."""
        if not hasattr(self, "coef_"):
            raise RuntimeError("this LogisticRegressionGD is not fitted yet: call fit first")
        X = _check_X(X)
        if X.shape[1] != len(self.coef_):
            raise ValueError(f"X has {X.shape[1]} features, the model was fitted with "
                             f"{len(self.coef_)}")
        return X

    def decision_function(self, X) -> np.ndarray:
        """The log-odds of classes_[1]: X @ coef_ + intercept_."""
        X = self._fitted_X(X)
        return X @ self.coef_ + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        """Column 0: P(classes_[0]); column 1: P(classes_[1]) = sigmoid(decision)."""
        p1 = sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X) -> np.ndarray:
        """classes_[1] where P(classes_[1]) >= 0.5, classes_[0] elsewhere."""
        p1 = self.predict_proba(X)[:, 1]
        return self.classes_[(p1 >= 0.5).astype(int)]
