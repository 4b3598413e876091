"""Worked examples for logistic_regression. Run with: pytest exercises/logistic_regression

They show the contract on tiny cases; the grader's hidden tests check much more.
"""

import warnings

import numpy as np
import pytest

from compare import compare_with_sklearn
from logreg import LogisticRegressionGD, binary_cross_entropy, sigmoid


def test_sigmoid_is_stable():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails this test
        got = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(got, [0.0, 0.5, 1.0], atol=1e-15)


def test_binary_cross_entropy_by_hand():
    # -(log 0.8 + log 0.6) / 2
    got = binary_cross_entropy([1, 0], [0.8, 0.4])
    assert got == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)


def test_one_step_from_zeros():
    # At w = 0, b = 0 every p is 0.5, so grad_w = X^T (0.5 - t) / n and grad_b = mean(0.5 - t).
    X = np.array([[1.0, 2.0], [-1.0, 0.0], [3.0, 1.0]])
    y = np.array([1, 0, 1])
    model = LogisticRegressionGD(learning_rate=0.1, max_iter=1, tol=0.0).fit(X, y)
    np.testing.assert_allclose(model.coef_, [-0.1 * (-0.5 - 0.5 - 1.5) / 3, -0.1 * (-1.0 - 0.5) / 3])
    assert model.intercept_ == pytest.approx(-0.1 * (-0.5 + 0.5 - 0.5) / 3)
    assert model.n_iter_ == 1 and len(model.loss_history_) == 1


def test_string_labels_and_probabilities():
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    y = np.array(["no", "no", "yes", "yes"])
    model = LogisticRegressionGD(learning_rate=0.5, max_iter=200).fit(X, y)
    assert list(model.classes_) == ["no", "yes"]  # sorted: "yes" is the positive class
    assert model.coef_[0] > 0
    proba = model.predict_proba(X)
    assert proba.shape == (4, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(model.predict(X)) == ["no", "no", "yes", "yes"]


def test_predict_before_fit_names_fit():
    with pytest.raises(Exception, match="fit"):
        LogisticRegressionGD().predict(np.zeros((1, 2)))


def test_compare_with_sklearn_runs():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X @ [1.0, -2.0, 0.5] + rng.normal(size=200) > 0).astype(int)
    out = compare_with_sklearn(X, y, learning_rate=1.0, max_iter=2000, tol=1e-10, l2=0.01)
    assert sorted(out) == ["coef_max_abs_diff", "difference", "scratch_accuracy", "sklearn_accuracy"]
    assert abs(out["difference"]) <= 0.02
    assert out["coef_max_abs_diff"] < 1e-3
