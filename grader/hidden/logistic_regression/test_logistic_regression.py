"""Hidden tests for logistic_regression: logreg.py (from scratch) and compare.py.

Every input comes from the `rng` fixture; every expected value from the oracles below
(the README's formulas written out in NumPy, scipy's expit, scikit-learn).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from grader.probes import warnings_during

# ---------------------------------------------------------------- oracles (the README's rules)


def _bce(t, p, eps=1e-12):
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))


def _J(X, t, w, b, l2):
    return _bce(t, expit(X @ w + b)) + 0.5 * l2 * float(w @ w)


def _gd(X, t, lr, l2, steps, fit_intercept=True):
    """[(w, b, loss)] after each of `steps` full-batch updates from zeros, plus the initial loss."""
    n = len(X)
    w, b = np.zeros(X.shape[1]), 0.0
    out = []
    for _ in range(steps):
        r = expit(X @ w + b) - t
        gw = X.T @ r / n + l2 * w
        gb = r.mean() if fit_intercept else 0.0
        w, b = w - lr * gw, b - lr * gb
        out.append((w, b, _J(X, t, w, b, l2)))
    return _J(X, t, np.zeros(X.shape[1]), 0.0, l2), out


def _small_problem(rng, n=None, d=3, positive_share=None):
    """A small dense problem with unequal classes (so the intercept moves)."""
    n = n or int(rng.integers(9, 16))
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d)
    share = positive_share if positive_share is not None else rng.uniform(0.65, 0.85)
    t = (rng.uniform(size=n) < share).astype(float)
    t[0], t[1] = 0.0, 1.0  # both classes present
    return X, t


def _signal_problem(rng, n, d=3):
    """Targets drawn from a logistic model on X, so both classes get predicted."""
    X = rng.normal(size=(n, d))
    t = (rng.uniform(size=n) < expit(X @ (2 * rng.normal(size=d)))).astype(float)
    t[0], t[1] = 0.0, 1.0
    return X, t


def _standardized(rng, n=400, d=6, flip_y=0.05, class_sep=1.0, weights=None):
    X, y = make_classification(
        n_samples=n, n_features=d, n_informative=d - 2, n_redundant=1, flip_y=flip_y,
        class_sep=class_sep, weights=weights, random_state=int(rng.integers(2**31 - 1)),
    )
    return StandardScaler().fit_transform(X), y


def _words(rng, k=2, length=5):
    """k distinct random lowercase words."""
    words = set()
    while len(words) < k:
        words.add("".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), size=length)))
    return list(words)


def _sklearn_same_objective(X, y, l2, fit_intercept=True):
    C = np.inf if l2 == 0 else 1.0 / (len(X) * l2)
    return LogisticRegression(C=C, fit_intercept=fit_intercept, tol=1e-12,
                              max_iter=20_000).fit(X, y)


# ---------------------------------------------------------------- sigmoid and loss


@pytest.mark.points(2)
def test_sigmoid_values(submission, rng):
    """sigmoid(z) is 1 / (1 + exp(-z)) elementwise, keeps the input's shape, and is 0 at -1000 and 1 at +1000."""
    z = rng.uniform(-40, 40, size=(3, 5))
    z[0, :4] = [-1000.0, 1000.0, -700.5, 700.5]
    z[1, 0] = 0.0
    got = np.asarray(submission.logreg.sigmoid(z), dtype=float)
    assert got.shape == z.shape, f"expected shape {z.shape}, got {got.shape}"
    want = expit(z)
    err = np.abs(got - want)
    bad = err > 1e-15 + 1e-12 * want
    assert not bad.any(), (
        f"sigmoid is off at z = {z[bad][:3].tolist()}: expected {want[bad][:3].tolist()}, "
        f"got {got[bad][:3].tolist()}"
    )


@pytest.mark.points(2)
def test_sigmoid_no_overflow_warning(submission, rng):
    """sigmoid must not overflow: no warning (e.g. 'overflow encountered in exp') even for z = -1000 or 1000."""
    z = rng.uniform(-1000, 1000, size=50)
    z[:2] = [-1000.0, 1000.0]
    got, caught = submission.run(warnings_during, submission.logreg.sigmoid, z)
    got = np.asarray(got, dtype=float)
    assert not caught, f"expected no warning, got {caught[:3]}"
    assert np.all(np.isfinite(got)), f"expected finite values, got {got[~np.isfinite(got)][:3]}"
    assert abs(got[0]) <= 1e-15 and abs(got[1] - 1) <= 1e-12, (
        f"expected sigmoid(-1000) = 0 and sigmoid(1000) = 1, got {got[0]} and {got[1]}"
    )


@pytest.mark.points(2)
def test_binary_cross_entropy_mean_and_clipping(submission, rng):
    """binary_cross_entropy is the mean of -[y log p + (1-y) log(1-p)] with p clipped to [eps, 1 - eps]."""
    n = int(rng.integers(20, 40))
    y = (rng.uniform(size=n) < 0.5).astype(float)
    p = rng.uniform(0.01, 0.99, size=n)
    p[:4] = [0.0, 1.0, 0.0, 1.0]
    y[:4] = [1.0, 0.0, 0.0, 1.0]  # two hopeless predictions, two perfect ones
    eps = float(10.0 ** -rng.integers(4, 9))
    got = submission.logreg.binary_cross_entropy(y, p, eps=eps)
    want = _bce(y, p, eps)
    assert np.isclose(float(got), want, rtol=1e-10), f"expected {want!r} with eps={eps}, got {got!r}"
    got_default = submission.logreg.binary_cross_entropy(y[4:], p[4:])
    want_default = _bce(y[4:], p[4:])
    assert np.isclose(float(got_default), want_default, rtol=1e-10), (
        f"expected {want_default!r} with the default eps, got {got_default!r}"
    )


def test_binary_cross_entropy_rejects_mismatched_lengths(submission, rng):
    """binary_cross_entropy raises ValueError when y_true and y_prob have different lengths."""
    n = int(rng.integers(5, 10))
    with pytest.raises(ValueError):
        submission.logreg.binary_cross_entropy(np.ones(n), np.full(n + 1, 0.5))


# ---------------------------------------------------------------- the estimator's conventions


def test_init_stores_parameters(submission, rng):
    """__init__ stores each argument unchanged under its own name (learning_rate, max_iter, tol, l2, fit_intercept)."""
    params = dict(learning_rate=float(rng.uniform(0.01, 1)), max_iter=int(rng.integers(5, 500)),
                  tol=float(rng.uniform(1e-9, 1e-3)), l2=float(rng.uniform(0, 1)),
                  fit_intercept=bool(rng.integers(2)))
    model = submission.logreg.LogisticRegressionGD(**params)
    for name, want in params.items():
        got = getattr(model, name)
        assert got == want, f"expected model.{name} == {want!r}, got {got!r}"


# ---------------------------------------------------------------- the gradient


@pytest.mark.points(3)
def test_one_step_matches_formula(submission, rng):
    """One update from zeros is w = -learning_rate * X^T (0.5 - t) / n and b = -learning_rate * mean(0.5 - t)."""
    X, t = _small_problem(rng)
    lr, l2 = float(rng.uniform(0.1, 1.0)), float(rng.uniform(0.1, 1.0))
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=1, tol=0.0, l2=l2)
    model.fit(X, t)
    _, steps = _gd(X, t, lr, l2, 1)
    w, b, _ = steps[0]
    np.testing.assert_allclose(np.asarray(model.coef_), w, rtol=1e-9, atol=1e-12,
                               err_msg="coef_ after one update from zeros")
    got_b = float(model.intercept_)
    assert np.isclose(got_b, b, rtol=1e-9, atol=1e-12), (
        f"expected intercept_ {b!r} after one update, got {got_b!r}"
    )


@pytest.mark.points(3)
def test_two_steps_match_formula(submission, rng):
    """Two updates follow grad_w = X^T(p - t)/n + l2 * w and grad_b = mean(p - t): the intercept is not penalised."""
    X, t = _small_problem(rng, positive_share=0.85)
    lr, l2 = float(rng.uniform(0.3, 1.0)), float(rng.uniform(0.3, 1.0))
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=2, tol=0.0, l2=l2)
    model.fit(X, t)
    _, steps = _gd(X, t, lr, l2, 2)
    w, b, _ = steps[1]
    np.testing.assert_allclose(np.asarray(model.coef_), w, rtol=1e-9, atol=1e-12,
                               err_msg="coef_ after two updates")
    got_b = float(model.intercept_)
    assert np.isclose(got_b, b, rtol=1e-9, atol=1e-12), (
        f"expected intercept_ {b!r} after two updates, got {got_b!r}"
    )


@pytest.mark.points(2)
def test_gradient_finite_difference(submission, rng):
    """The step taken from a non-zero point equals learning_rate times the gradient of J = BCE + (l2/2)||w||^2 (finite-difference check)."""
    X, t = _small_problem(rng, n=int(rng.integers(20, 30)), d=4, positive_share=0.8)
    lr, l2 = float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.2, 1.0))
    one = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=1, tol=0.0, l2=l2)
    two = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=2, tol=0.0, l2=l2)
    one.fit(X, t)
    two.fit(X, t)
    w1, b1 = np.asarray(one.coef_, dtype=float), float(one.intercept_)
    w2, b2 = np.asarray(two.coef_, dtype=float), float(two.intercept_)
    got = np.append((w1 - w2) / lr, (b1 - b2) / lr)
    theta = np.append(w1, b1)
    h = 1e-6
    want = np.empty_like(theta)
    for j in range(len(theta)):
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        want[j] = (_J(X, t, up[:-1], up[-1], l2) - _J(X, t, down[:-1], down[-1], l2)) / (2 * h)
    np.testing.assert_allclose(
        got, want, rtol=1e-5, atol=1e-7,
        err_msg="the second update (weights..., intercept) divided by learning_rate "
                "should be the gradient of J at the first iterate",
    )


# ---------------------------------------------------------------- the loop


@pytest.mark.points(2)
def test_loss_history_is_loss_after_each_update(submission, rng):
    """loss_history_ holds J after each update (not the initial loss), so its length is n_iter_ == max_iter when tol is never met."""
    X, t = _small_problem(rng, n=30, d=3)
    lr, l2 = float(rng.uniform(0.05, 0.3)), float(rng.uniform(0.0, 0.5))
    k = int(rng.integers(3, 9))
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=k, tol=0.0, l2=l2)
    model.fit(X, t)
    _, steps = _gd(X, t, lr, l2, k)
    want = np.array([s[2] for s in steps])
    got = np.asarray(model.loss_history_, dtype=float)
    n_iter = int(model.n_iter_)
    assert n_iter == k, f"expected n_iter_ == max_iter == {k}, got {n_iter}"
    assert got.shape == (k,), f"expected {k} values in loss_history_, got {got.shape[0]}"
    np.testing.assert_allclose(got, want, rtol=1e-9,
                               err_msg="loss_history_ should be J after update 1, 2, ...")


@pytest.mark.points(2)
def test_stopping_rule(submission, rng):
    """fit stops after the first update with previous_loss - new_loss < tol; n_iter_ counts that update."""
    X, t = _small_problem(rng, n=60, d=3)
    lr, l2 = float(rng.uniform(0.1, 0.4)), float(rng.uniform(0.02, 0.1))
    j0, steps = _gd(X, t, lr, l2, 200)
    losses = np.array([j0] + [s[2] for s in steps])
    improvement = losses[:-1] - losses[1:]  # improvement[k - 1]: made by update k
    for k in range(int(rng.integers(8, 30)), 200):
        tol = float(np.sqrt(improvement[k - 1] * improvement[k]))
        stop = int(np.argmax(improvement < tol)) + 1
        if improvement[stop - 1] < tol and np.min(np.abs(improvement[:stop] - tol)) > 1e-6 * tol:
            break
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=500, tol=tol, l2=l2)
    model.fit(X, t)
    n_iter = int(model.n_iter_)
    n_hist = len(model.loss_history_)
    assert n_iter == stop, f"expected n_iter_ == {stop} with tol={tol:.3g}, got {n_iter}"
    assert n_hist == stop, f"expected {stop} values in loss_history_, got {n_hist}"

    big = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=50, tol=10.0, l2=l2)
    big.fit(X, t)
    n_iter = int(big.n_iter_)
    assert n_iter == 1, f"expected n_iter_ == 1 when tol exceeds any improvement, got {n_iter}"


def test_loss_history_non_increasing(submission, rng):
    """With a small learning rate gradient descent never increases the loss: loss_history_ is non-increasing."""
    X, y = _standardized(rng, n=200, d=5)
    lr = float(rng.uniform(0.05, 0.2))
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=300, tol=1e-12,
                                                   l2=0.01)
    model.fit(X, y)
    hist = np.asarray(model.loss_history_, dtype=float)
    assert len(hist) > 10, f"expected more than 10 updates at tol=1e-12, got {len(hist)}"
    rises = np.diff(hist)
    assert np.all(rises <= 1e-12), (
        f"expected a non-increasing loss_history_, it rose by {rises.max():.3g} at update "
        f"{int(np.argmax(rises)) + 2}"
    )


def test_refit_starts_from_zeros(submission, rng):
    """Each call to fit starts again from zeros: fitting A then B gives the same model as fitting B alone."""
    Xa, ta = _small_problem(rng, n=30)
    Xb, tb = _small_problem(rng, n=25)
    kw = dict(learning_rate=0.3, max_iter=5, tol=0.0, l2=0.1)
    model = submission.logreg.LogisticRegressionGD(**kw)
    model.fit(Xa, ta)
    model.fit(Xb, tb)
    _, steps = _gd(Xb, tb, 0.3, 0.1, 5)
    np.testing.assert_allclose(np.asarray(model.coef_), steps[-1][0], rtol=1e-9, atol=1e-12,
                               err_msg="coef_ after a second fit")
    n_hist = len(model.loss_history_)
    assert n_hist == 5, f"expected 5 values in loss_history_ after the second fit, got {n_hist}"


def test_no_intercept(submission, rng):
    """With fit_intercept=False the intercept stays 0.0 and only the weights are updated."""
    X, t = _small_problem(rng, positive_share=0.85)
    lr, l2 = float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.0, 0.5))
    model = submission.logreg.LogisticRegressionGD(learning_rate=lr, max_iter=3, tol=0.0, l2=l2,
                                                   fit_intercept=False)
    model.fit(X, t)
    _, steps = _gd(X, t, lr, l2, 3, fit_intercept=False)
    got_b = float(model.intercept_)
    assert got_b == 0.0, f"expected intercept_ == 0.0, got {got_b!r}"
    np.testing.assert_allclose(np.asarray(model.coef_), steps[-1][0], rtol=1e-9, atol=1e-12,
                               err_msg="coef_ after three updates without intercept")


# ---------------------------------------------------------------- against scikit-learn


@pytest.mark.points(4)
def test_matches_sklearn_coefficients(submission, rng):
    """With l2 > 0 and enough iterations, coef_ and intercept_ reach scikit-learn's (C = 1/(n*l2)) within 1e-3."""
    X, y = _standardized(rng, n=400, d=6, weights=[rng.uniform(0.3, 0.7)])
    l2 = float(rng.uniform(0.02, 0.2))
    model = submission.logreg.LogisticRegressionGD(learning_rate=1.0, max_iter=5000, tol=1e-12,
                                                   l2=l2)
    model.fit(X, y)
    ref = _sklearn_same_objective(X, y, l2)
    np.testing.assert_allclose(np.asarray(model.coef_), ref.coef_.ravel(), atol=1e-3, rtol=0,
                               err_msg=f"coef_ vs scikit-learn's with C=1/(n*l2), l2={l2:.3g}")
    got_b, want_b = float(model.intercept_), float(ref.intercept_[0])
    assert abs(got_b - want_b) <= 1e-3, f"expected intercept_ {want_b:.6f} (scikit-learn), got {got_b:.6f}"


@pytest.mark.points(2)
def test_holdout_accuracy_close_to_sklearn(submission, rng):
    """On a held-out split, the accuracy is within 0.02 of scikit-learn's with the same objective."""
    X, y = _standardized(rng, n=600, d=8, flip_y=0.1)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y,
                                              random_state=int(rng.integers(1000)))
    l2 = float(rng.uniform(0.001, 0.02))
    model = submission.logreg.LogisticRegressionGD(learning_rate=0.5, max_iter=3000, tol=1e-10,
                                                   l2=l2)
    model.fit(X_tr, y_tr)
    got = float(np.mean(np.asarray(model.predict(X_te)) == y_te))
    want = float(_sklearn_same_objective(X_tr, y_tr, l2).score(X_te, y_te))
    assert abs(got - want) <= 0.02, f"expected accuracy within 0.02 of {want:.3f}, got {got:.3f}"


# ---------------------------------------------------------------- prediction


@pytest.mark.points(2)
def test_predict_proba_two_columns(submission, rng):
    """predict_proba has shape (n_samples, 2): column 1 is sigmoid(decision_function), column 0 is 1 - column 1."""
    X, y = _standardized(rng, n=150, d=4)
    model = submission.logreg.LogisticRegressionGD(learning_rate=0.5, max_iter=50, l2=0.01)
    model.fit(X, y)
    X_new = rng.normal(scale=3.0, size=(int(rng.integers(20, 40)), 4))
    coef, b = np.asarray(model.coef_, dtype=float), float(model.intercept_)
    dec = np.asarray(model.decision_function(X_new), dtype=float)
    np.testing.assert_allclose(dec, X_new @ coef + b, rtol=1e-10, atol=1e-12,
                               err_msg="decision_function should be X @ coef_ + intercept_")
    proba = np.asarray(model.predict_proba(X_new), dtype=float)
    assert proba.shape == (len(X_new), 2), f"expected shape {(len(X_new), 2)}, got {proba.shape}"
    assert np.all((proba >= 0) & (proba <= 1)), "expected every probability in [0, 1]"
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-12, err_msg="rows should sum to 1")
    np.testing.assert_allclose(proba[:, 1], expit(X_new @ coef + b), rtol=1e-10, atol=1e-15,
                               err_msg="column 1 should be the probability of classes_[1]")


@pytest.mark.points(2)
def test_predict_threshold_at_half(submission, rng):
    """predict returns classes_[1] where P(classes_[1]) >= 0.5 (exactly 0.5 included) and classes_[0] elsewhere."""
    X, t = _small_problem(rng, n=40, d=3)
    labels = np.array(sorted(rng.choice(np.arange(-50, 50), size=2, replace=False)))
    y = labels[t.astype(int)]
    model = submission.logreg.LogisticRegressionGD(learning_rate=0.5, max_iter=20, l2=0.05,
                                                   fit_intercept=False)
    model.fit(X, y)
    X_new = rng.normal(size=(30, 3))
    X_new[:3] = 0.0  # decision exactly 0 without an intercept: probability exactly 0.5
    p1 = np.asarray(model.predict_proba(X_new), dtype=float)[:, 1]
    want = labels[(p1 >= 0.5).astype(int)]
    got = np.asarray(model.predict(X_new))
    assert got.shape == want.shape, f"expected shape {want.shape}, got {got.shape}"
    assert np.array_equal(got[:3], labels[[1, 1, 1]]), (
        f"at probability exactly 0.5 expected classes_[1] = {labels[1]}, got {got[:3].tolist()}"
    )
    assert np.array_equal(got, want), f"expected {want.tolist()}, got {got.tolist()}"


# ---------------------------------------------------------------- labels


@pytest.mark.points(3)
def test_string_labels(submission, rng):
    """String labels work: classes_ is numpy.unique(y), classes_[1] is the positive class, predict returns the strings."""
    X, t = _signal_problem(rng, n=60)
    words = _words(rng)
    first, second = sorted(words)
    t[0], t[1] = 1.0, 0.0  # the first label seen is classes_[1]: order of appearance is wrong
    y = np.where(t == 1, second, first).astype(object)
    model = submission.logreg.LogisticRegressionGD(learning_rate=0.5, max_iter=10, tol=0.0, l2=0.1)
    model.fit(X, y)
    classes = [str(c) for c in model.classes_]
    assert classes == [first, second], f"expected classes_ {[first, second]}, got {classes}"
    _, steps = _gd(X, t, 0.5, 0.1, 10)
    np.testing.assert_allclose(np.asarray(model.coef_), steps[-1][0], rtol=1e-9, atol=1e-12,
                               err_msg=f"coef_ should treat {second!r} (classes_[1]) as positive")
    got = np.asarray(model.predict(X)).astype(str)
    want = np.where(expit(X @ steps[-1][0] + steps[-1][1]) >= 0.5, second, first)
    seen = sorted(set(got.tolist()))
    assert set(seen) <= {first, second}, f"expected labels from {[first, second]}, got {seen[:4]}"
    assert np.array_equal(got, want), f"expected predictions {want[:6].tolist()}..., got {got[:6].tolist()}..."


def test_minus_one_plus_one_labels(submission, rng):
    """Labels -1/1 work: classes_ is [-1, 1], 1 is the positive class, predict returns -1 and 1."""
    X, t = _signal_problem(rng, n=40)
    y = np.where(t == 1, 1, -1)
    model = submission.logreg.LogisticRegressionGD(learning_rate=0.5, max_iter=10, tol=0.0, l2=0.1)
    model.fit(X, y)
    classes = np.asarray(model.classes_).tolist()
    assert classes == [-1, 1], f"expected classes_ [-1, 1], got {classes}"
    _, steps = _gd(X, t, 0.5, 0.1, 10)
    np.testing.assert_allclose(np.asarray(model.coef_), steps[-1][0], rtol=1e-9, atol=1e-12,
                               err_msg="coef_ with labels -1/1 should equal coef_ with 0/1")
    got = np.asarray(model.predict(X))
    want = np.where(expit(X @ steps[-1][0] + steps[-1][1]) >= 0.5, 1, -1)
    assert np.array_equal(got, want), f"expected predictions {want[:8].tolist()}..., got {got[:8].tolist()}..."


# ---------------------------------------------------------------- stability


@pytest.mark.points(2)
def test_separable_data_stays_finite(submission, rng):
    """On perfectly separable data with large features the fit stays finite: no NaN or inf in coef_, loss_history_ or probabilities."""
    n, d = 80, 3
    X = rng.normal(size=(n, d)) * 100
    direction = rng.normal(size=d)
    y = (X @ direction > 0).astype(int)
    y[:2] = [0, 1]
    X[0], X[1] = -50 * direction, 50 * direction
    model = submission.logreg.LogisticRegressionGD(learning_rate=1.0, max_iter=300, tol=0.0)
    model.fit(X, y)
    coef = np.asarray(model.coef_, dtype=float)
    hist = np.asarray(model.loss_history_, dtype=float)
    b = float(model.intercept_)
    assert np.all(np.isfinite(coef)) and np.isfinite(b), f"expected finite coef_/intercept_, got {coef}, {b}"
    assert np.all(np.isfinite(hist)), f"expected a finite loss_history_, found {hist[~np.isfinite(hist)][:3]}"
    proba = np.asarray(model.predict_proba(X * 10), dtype=float)
    assert np.all(np.isfinite(proba)), "expected finite probabilities, found NaN or inf"
    assert np.all((proba >= 0) & (proba <= 1)), "expected probabilities in [0, 1]"
    labels = set(np.asarray(model.predict(X)).tolist())
    assert labels <= {0, 1}, f"expected predictions from classes_ [0, 1], got {sorted(labels)}"


# ---------------------------------------------------------------- errors and inputs


def _bad_inputs(case, rng):
    X = rng.normal(size=(20, 3))
    y = np.arange(20) % 2
    if case == "X is 1-D":
        return X[:, 0], y
    if case == "y is 2-D":
        return X, y.reshape(-1, 1)
    if case == "lengths differ":
        return X, y[:-1]
    if case == "NaN in X":
        X[int(rng.integers(20)), int(rng.integers(3))] = np.nan
    elif case == "inf in X":
        X[int(rng.integers(20)), int(rng.integers(3))] = -np.inf
    elif case == "NaN in y":
        y = y.astype(float)
        y[int(rng.integers(20))] = np.nan
    elif case == "one class":
        y = np.full(20, int(rng.integers(5)))
    elif case == "three classes":
        y = np.arange(20) % 3
    return X, y


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", ["X is 1-D", "y is 2-D", "lengths differ", "NaN in X",
                                  "inf in X", "NaN in y", "one class", "three classes"])
def test_fit_rejects_bad_input(submission, rng, case):
    """fit raises ValueError for X not 2-D, y not 1-D, mismatched lengths, NaN/inf, or y without exactly two classes."""
    X, y = _bad_inputs(case, rng)
    model = submission.logreg.LogisticRegressionGD(max_iter=5)
    with pytest.raises(ValueError):
        model.fit(X, y)


def test_predict_before_fit_names_fit(submission, rng):
    """predict, predict_proba and decision_function before fit raise an error whose message names fit."""
    X = rng.normal(size=(5, 3))
    model = submission.logreg.LogisticRegressionGD()
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises(Exception, match="fit"):
            getattr(model, method)(X)


def test_predict_rejects_wrong_features(submission, rng):
    """predict raises ValueError when X has a different number of features than in fit."""
    X, t = _small_problem(rng, n=20, d=3)
    model = submission.logreg.LogisticRegressionGD(max_iter=5)
    model.fit(X, t)
    with pytest.raises(ValueError):
        model.predict(rng.normal(size=(4, 4)))


def test_fit_does_not_modify_inputs(submission, rng):
    """fit leaves X and y unchanged."""
    X = rng.normal(size=(30, 3)) * 5 + 2
    y = np.where(rng.uniform(size=30) < 0.5, -1, 1)
    y[:2] = [-1, 1]
    X0, y0 = X.copy(), y.copy()
    model = submission.logreg.LogisticRegressionGD(max_iter=5)
    _, args_after, _ = submission.inputs_after(model.fit, X, y)
    np.testing.assert_array_equal(np.asarray(args_after[0]), X0, err_msg="fit modified X")
    np.testing.assert_array_equal(np.asarray(args_after[1]), y0, err_msg="fit modified y")


@pytest.mark.points(2)
def test_no_forbidden_import(submission, rng, forbidden_imports):
    """logreg.py must not import scikit-learn, statsmodels, torch, jax or tensorflow (NumPy only)."""
    X, t = _small_problem(rng, n=20, d=2)
    submission.logreg.LogisticRegressionGD(max_iter=3).fit(X, t)
    assert not forbidden_imports, f"expected no forbidden import, found: {'; '.join(forbidden_imports)}"


# ---------------------------------------------------------------- compare_with_sklearn


def _compare_oracle(submission, X, y, test_size, random_state, **params):
    """What compare_with_sklearn must return, using the person's own model for the scratch side."""
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size,
                                              random_state=random_state, stratify=y)
    model = submission.logreg.LogisticRegressionGD(**params)
    model.fit(X_tr, y_tr)
    scratch_acc = float(np.mean(np.asarray(model.predict(X_te)) == y_te))
    ref = _sklearn_same_objective(X_tr, y_tr, params.get("l2", 0.0))
    sk_acc = float(ref.score(X_te, y_te))
    diff = float(np.max(np.abs(np.asarray(model.coef_, dtype=float) - ref.coef_.ravel())))
    return {"scratch_accuracy": scratch_acc, "sklearn_accuracy": sk_acc,
            "difference": scratch_acc - sk_acc, "coef_max_abs_diff": diff}, len(y_te)


def _check_compare(got, want, n_test):
    keys = sorted(want)
    assert sorted(got) == keys, f"expected keys {keys}, got {sorted(got)}"
    one = 1.0 / n_test
    assert abs(float(got["scratch_accuracy"]) - want["scratch_accuracy"]) <= 1e-9, (
        f"expected scratch_accuracy {want['scratch_accuracy']:.4f} on the stratified split, "
        f"got {float(got['scratch_accuracy']):.4f}"
    )
    assert abs(float(got["sklearn_accuracy"]) - want["sklearn_accuracy"]) <= 1.5 * one, (
        f"expected sklearn_accuracy {want['sklearn_accuracy']:.4f}, "
        f"got {float(got['sklearn_accuracy']):.4f}"
    )
    d = float(got["scratch_accuracy"]) - float(got["sklearn_accuracy"])
    assert abs(float(got["difference"]) - d) <= 1e-9, (
        f"expected difference = scratch_accuracy - sklearn_accuracy = {d:.4f}, "
        f"got {float(got['difference']):.4f}"
    )
    assert abs(float(got["coef_max_abs_diff"]) - want["coef_max_abs_diff"]) <= 1e-3, (
        f"expected coef_max_abs_diff {want['coef_max_abs_diff']:.5f}, "
        f"got {float(got['coef_max_abs_diff']):.5f}"
    )


@pytest.mark.points(3)
def test_compare_with_penalty(submission, rng):
    """compare_with_sklearn fits both models on the same stratified split with C = 1/(n_train * l2) and reports accuracies and the largest weight difference."""
    X, y = _standardized(rng, n=300, d=5, flip_y=0.15, class_sep=0.8, weights=[0.6])
    params = dict(learning_rate=1.0, max_iter=3000, tol=1e-12, l2=float(rng.uniform(0.1, 0.3)))
    for test_size in (0.2, 0.3):
        rs = int(rng.integers(1000))
        got = submission.compare.compare_with_sklearn(X, y, test_size=test_size,
                                                      random_state=rs, **params)
        want, n_test = _compare_oracle(submission, X, y, test_size, rs, **params)
        _check_compare(got, want, n_test)


@pytest.mark.points(2)
def test_compare_without_penalty(submission, rng):
    """With l2 == 0, compare_with_sklearn fits scikit-learn without penalty (C = inf); defaults test_size=0.25, random_state=0."""
    X, y = _standardized(rng, n=300, d=4, flip_y=0.2, class_sep=0.6)
    labels = np.array(_words(rng), dtype=object)
    y = labels[y]
    params = dict(learning_rate=1.0, max_iter=4000, tol=1e-13)
    got = submission.compare.compare_with_sklearn(X, y, **params)
    want, n_test = _compare_oracle(submission, X, y, 0.25, 0, **params)
    _check_compare(got, want, n_test)
    rs = int(rng.integers(1, 1000))
    got = submission.compare.compare_with_sklearn(X, y, random_state=rs, **params)
    want, n_test = _compare_oracle(submission, X, y, 0.25, rs, **params)
    _check_compare(got, want, n_test)
