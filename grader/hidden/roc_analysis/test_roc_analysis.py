"""Hidden tests for roc_analysis: metrics.py against scikit-learn and hand-built cases,
experiment.py on the flights data, plot_curves' PNG.

Every input comes from the `rng` fixture (or the run's seed); every expected value comes
from scikit-learn or from counting on this side. The person's code is reached only
through the `submission` fixture.
"""

from __future__ import annotations

import struct

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm
from sklearn.model_selection import train_test_split

KINDS = ["many_ties", "distinct", "all_tied"]
EXPERIMENT_KEYS = {
    "roc_auc", "average_precision", "tn", "fp", "fn", "tp", "precision", "recall", "f1",
    "best_threshold", "best_precision", "best_recall", "best_f1", "n_train", "n_test",
    "n_test_positive",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- trusted helpers


def _labels(rng, n, share=0.3):
    """0/1 labels with both classes present."""
    y = (rng.random(n) < share).astype(int)
    y[:2] = [1, 0]
    return rng.permutation(y)


def _data(rng, kind, n=None):
    """(y, scores): many ties, all distinct, or one single tied score."""
    n = n or int(rng.integers(40, 120))
    y = _labels(rng, n, share=rng.uniform(0.1, 0.5))
    if kind == "many_ties":
        levels = int(rng.integers(3, 8))
        scores = rng.integers(0, levels, n) / levels
    elif kind == "distinct":
        scores = rng.random(n)
    else:
        scores = np.full(n, rng.uniform(-2, 2))
    return y, scores.astype(float)


def _at(y, scores, t):
    """(tp, fp, fn) of predicting score >= t."""
    pred = scores >= t
    return int(np.sum(pred & (y == 1))), int(np.sum(pred & (y == 0))), int(np.sum(~pred & (y == 1)))


def _prf(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


def _table(y, scores):
    """Distinct thresholds (increasing) with precision, recall, F1 counted directly."""
    ts = np.unique(scores)
    rows = [_prf(*_at(y, scores, t)) for t in ts]
    return ts, np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), np.array([r[2] for r in rows])


def _oracle_threshold_for_precision(y, scores, min_precision):
    ts, p, r, _ = _table(y, scores)
    ok = p >= min_precision
    if not ok.any():
        return None
    best = ok & (r == r[ok].max())
    return float(ts[best].max())


def _raises_value_error(func, *args):
    """'' when func(*args) raises ValueError, else what happened instead."""
    try:
        func(*args)
    except ValueError:
        return ""
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001 - report the wrong type to the person
        return f"raised {type(exc).__name__}: {exc}"
    return "returned normally"


def _short(a, k=12):
    """The first k values of an array, rounded, for a readable message."""
    vals = np.round(np.asarray(a, dtype=float), 4).tolist()
    return str(vals[:k])[:-1] + (", ...]" if len(vals) > k else "]")


def _curves_close(got, want, names):
    assert len(got) == 3, f"expected a tuple of 3 arrays ({', '.join(names)}), got {len(got)} items"
    for name, g, w in zip(names, got, want):
        g = np.asarray(g, dtype=float)
        assert g.shape == w.shape, (
            f"{name}: expected shape {w.shape} (one point per distinct score), got {g.shape}; "
            f"expected {_short(w)}, got {_short(g)}"
        )
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12, err_msg=f"{name} differs")


# ---------------------------------------------------------------- confusion counts, P/R/F1


@pytest.mark.points(2)
def test_confusion_counts_match_sklearn(submission, rng):
    """confusion_counts returns the tn, fp, fn, tp counts as a dict of ints."""
    for _ in range(3):
        n = int(rng.integers(20, 200))
        y, pred = _labels(rng, n), (rng.random(n) < 0.4).astype(int)
        got = submission.metrics.confusion_counts(y, pred)
        tn, fp, fn, tp = skm.confusion_matrix(y, pred, labels=[0, 1]).ravel()
        want = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)}
        assert set(got) == set(want), f"expected keys {sorted(want)}, got {sorted(got)}"
        got = {k: int(v) for k, v in got.items()}
        assert got == want, f"expected {want}, got {got}"


@pytest.mark.points(2)
def test_precision_recall_f1_match_formulas(submission, rng):
    """precision_recall_f1 returns (tp/(tp+fp), tp/(tp+fn), 2tp/(2tp+fp+fn))."""
    for _ in range(3):
        n = int(rng.integers(20, 200))
        y, pred = _labels(rng, n), (rng.random(n) < 0.4).astype(int)
        pred[np.flatnonzero(y)[0]] = 1  # at least one true positive
        got = submission.metrics.precision_recall_f1(y, pred)
        want = (skm.precision_score(y, pred), skm.recall_score(y, pred), skm.f1_score(y, pred))
        assert len(got) == 3, f"expected (precision, recall, f1), got {len(got)} values"
        np.testing.assert_allclose(np.asarray(got, dtype=float), want, rtol=1e-12,
                                   err_msg="(precision, recall, f1) differ")


@pytest.mark.points(2)
def test_empty_denominators_give_zero(submission, rng):
    """A precision, recall or F1 whose denominator is 0 is 0.0, never NaN."""
    n = int(rng.integers(10, 50))
    y = _labels(rng, n)
    got = submission.metrics.precision_recall_f1(y, np.zeros(n, dtype=int))
    got = tuple(float(v) for v in got)
    assert got[0] == 0.0 and got[2] == 0.0 and got[1] == 0.0, (
        f"nothing predicted positive: expected (0.0, 0.0, 0.0), got {got}")
    pred = (rng.random(n) < 0.5).astype(int)
    pred[0] = 1
    got = tuple(float(v) for v in submission.metrics.precision_recall_f1(np.zeros(n, dtype=int), pred))
    assert got == (0.0, 0.0, 0.0), f"no positive in y_true: expected (0.0, 0.0, 0.0), got {got}"


# ---------------------------------------------------------------- curves and areas


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", KINDS)
def test_roc_curve_matches_sklearn(submission, rng, kind):
    """roc_curve gives sklearn's roc_curve(drop_intermediate=False): +inf first, then each distinct score once, decreasing."""
    y, scores = _data(rng, kind)
    want = skm.roc_curve(y, scores, drop_intermediate=False)
    got = submission.metrics.roc_curve(y, scores)
    _curves_close(got, want, ("fpr", "tpr", "thresholds"))


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", KINDS)
def test_roc_auc_matches_sklearn(submission, rng, kind):
    """roc_auc equals sklearn's roc_auc_score, a tie between a positive and a negative counting one half."""
    for _ in range(3):
        y, scores = _data(rng, kind)
        want = skm.roc_auc_score(y, scores)
        got = float(submission.metrics.roc_auc(y, scores))
        assert abs(got - want) <= 1e-12, f"expected AUC {want!r}, got {got!r}"


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", KINDS)
def test_precision_recall_curve_matches_sklearn(submission, rng, kind):
    """precision_recall_curve gives sklearn's: thresholds increasing, then the point precision 1, recall 0 without a threshold."""
    y, scores = _data(rng, kind)
    want = skm.precision_recall_curve(y, scores)
    got = submission.metrics.precision_recall_curve(y, scores)
    _curves_close(got, want, ("precision", "recall", "thresholds"))


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", KINDS)
def test_average_precision_matches_sklearn(submission, rng, kind):
    """average_precision is the step-wise sum of (R_n - R_{n-1}) * P_n, as sklearn's average_precision_score (not trapezoids)."""
    for _ in range(3):
        y, scores = _data(rng, kind)
        want = skm.average_precision_score(y, scores)
        got = float(submission.metrics.average_precision(y, scores))
        assert abs(got - want) <= 1e-12, f"expected AP {want!r}, got {got!r}"


# ---------------------------------------------------------------- choosing thresholds


@pytest.mark.points(3)
def test_threshold_for_precision_rule(submission, rng):
    """threshold_for_precision returns the score threshold of highest recall among those with precision >= min_precision (the largest on ties)."""
    for _ in range(4):
        y, scores = _data(rng, "many_ties" if rng.random() < 0.5 else "distinct")
        _, p, _, _ = _table(y, scores)
        min_precision = float(rng.uniform(p.min(), p.max()))
        want = _oracle_threshold_for_precision(y, scores, min_precision)
        got = float(submission.metrics.threshold_for_precision(y, scores, min_precision))
        gp, gr, _ = _prf(*_at(y, scores, got))
        wp, wr, _ = _prf(*_at(y, scores, want))
        assert got == want, (
            f"min_precision={min_precision:.4f}: expected threshold {want} (precision {wp:.4f}, "
            f"recall {wr:.4f}), got {got} (precision {gp:.4f}, recall {gr:.4f})")


@pytest.mark.points(2)
def test_threshold_for_precision_boundary_is_inclusive(submission, rng):
    """A threshold whose precision equals min_precision exactly qualifies (precision >= min_precision)."""
    for _ in range(200):
        y, scores = _data(rng, "many_ties")
        ts, p, _, _ = _table(y, scores)
        for m in rng.permutation(np.unique(p[p > 0])):
            want = _oracle_threshold_for_precision(y, scores, m)
            strict = _oracle_threshold_for_precision(y, scores, np.nextafter(m, 2.0))
            if strict != want:
                break
        else:
            continue
        break
    else:
        pytest.fail("could not build a case (test generator problem)")
    m = float(m)
    got = float(submission.metrics.threshold_for_precision(y, scores, m))
    gp, gr, _ = _prf(*_at(y, scores, got))
    assert got == want, (f"min_precision={m!r} (reached exactly by threshold {want}): expected "
                         f"{want}, got {got} (precision {gp!r}, recall {gr:.4f})")


@pytest.mark.points(2)
def test_threshold_for_precision_tie_returns_largest(submission, rng):
    """When several thresholds reach the same highest recall, threshold_for_precision returns the largest."""
    a, b, c = (int(v) for v in rng.integers([2, 1, 2], [6, 4, 6]))
    d = b * c // a + 1 + int(rng.integers(0, 3))
    high, mid, low = np.sort(rng.uniform(0, 1, 3))[::-1]
    scores = np.r_[np.full(a, high), np.full(b, mid), np.full(c + d, low)]
    y = np.r_[np.ones(a), np.zeros(b), np.ones(c), np.zeros(d)].astype(int)
    order = rng.permutation(len(y))
    y, scores = y[order], scores[order]
    p_mid, p_low = a / (a + b), (a + c) / (a + b + c + d)
    min_precision = float((p_mid + p_low) / 2)
    got = float(submission.metrics.threshold_for_precision(y, scores, min_precision))
    assert got == high, (f"thresholds {high} and {mid} both reach precision >= {min_precision:.4f} "
                         f"with the same recall {a / (a + c):.4f}: expected the largest, {high}, got {got}")


@pytest.mark.points(2)
def test_threshold_for_precision_unreachable_raises(submission, rng):
    """threshold_for_precision raises ValueError when no threshold reaches min_precision."""
    y, scores = _data(rng, "many_ties")
    y[np.argmax(scores)] = 0  # the top score is a negative: precision 1 is out of reach
    _, p, _, _ = _table(y, scores)
    for min_precision in (float(p.max() + (1 - p.max()) / 2), 1.0):
        what = _raises_value_error(submission.metrics.threshold_for_precision, y, scores, min_precision)
        assert not what, (f"the highest precision reachable is {p.max():.4f}; with min_precision="
                          f"{min_precision:.4f} expected ValueError, but it {what}")


@pytest.mark.points(3)
def test_best_f1_threshold_rule(submission, rng):
    """best_f1_threshold returns a distinct score whose F1 (of score >= it) is the highest."""
    for _ in range(4):
        y, scores = _data(rng, "many_ties" if rng.random() < 0.5 else "distinct")
        ts, _, _, f1 = _table(y, scores)
        got = float(submission.metrics.best_f1_threshold(y, scores))
        assert np.any(ts == got), f"expected one of the scores, got {got}"
        gf1 = _prf(*_at(y, scores, got))[2]
        assert gf1 >= f1.max() * (1 - 1e-12), (
            f"expected F1 {f1.max():.6f} (threshold {ts[np.argmax(f1)]}), got threshold {got} with F1 {gf1:.6f}")


@pytest.mark.points(2)
def test_best_f1_threshold_tie_returns_largest(submission, rng):
    """When several thresholds share the highest F1, best_f1_threshold returns the largest."""
    P, a, b = [(4, 2, 4), (6, 4, 3), (6, 3, 6), (8, 4, 8), (12, 9, 4), (12, 8, 6)][int(rng.integers(0, 6))]
    n_low = int(rng.integers(1, 10))
    high, mid, low = np.sort(rng.uniform(0, 1, 3))[::-1]
    # high: a positives (p=1, r=a/P); mid: the other positives and b negatives (p=a/P, r=1)
    scores = np.r_[np.full(a, high), np.full(P - a + b, mid), np.full(n_low, low)]
    y = np.r_[np.ones(P), np.zeros(b + n_low)].astype(int)
    order = rng.permutation(len(y))
    y, scores = y[order], scores[order]
    f1 = 2 * a / (a + P)
    got = float(submission.metrics.best_f1_threshold(y, scores))
    assert got == high, (f"thresholds {high} and {mid} share the highest F1 {f1:.4f}: "
                         f"expected the largest, {high}, got {got}")


# ---------------------------------------------------------------- bad input, purity, imports

SCORE_FUNCTIONS = ["roc_curve", "roc_auc", "precision_recall_curve", "average_precision",
                   "best_f1_threshold", "threshold_for_precision"]


def _call_args(name, y, scores):
    return (y, scores, 0.0) if name == "threshold_for_precision" else (y, scores)


@pytest.mark.parametrize("case", ["one_class", "length_mismatch", "nan_score"])
def test_bad_input_raises(submission, rng, case):
    """Every function taking scores raises ValueError for one class only, lengths that differ, or NaN scores."""
    y, scores = _data(rng, "many_ties")
    if case == "one_class":
        y = np.full(len(y), int(rng.integers(0, 2)))
    elif case == "length_mismatch":
        scores = scores[: len(scores) - int(rng.integers(1, 4))]
    else:
        scores = scores.copy()
        scores[int(rng.integers(0, len(scores)))] = np.nan
    for name in SCORE_FUNCTIONS:
        what = _raises_value_error(getattr(submission.metrics, name), *_call_args(name, y, scores))
        assert not what, f"{name} with {case.replace('_', ' ')}: expected ValueError, but it {what}"
    if case == "length_mismatch":
        pred = (scores >= np.median(scores)).astype(int)
        for name in ("confusion_counts", "precision_recall_f1"):
            what = _raises_value_error(getattr(submission.metrics, name), y, pred)
            assert not what, f"{name} with lengths {len(y)} and {len(pred)}: expected ValueError, but it {what}"


def test_inputs_not_modified(submission, rng):
    """The metrics functions never modify y_true or scores."""
    y, scores = _data(rng, "distinct")
    for name in ("roc_curve", "precision_recall_curve", "best_f1_threshold"):
        _, args, _ = submission.inputs_after(getattr(submission.metrics, name), y.copy(), scores.copy())
        np.testing.assert_array_equal(np.asarray(args[0]), y, err_msg=f"{name} changed y_true")
        np.testing.assert_array_equal(np.asarray(args[1]), scores, err_msg=f"{name} changed scores")


@pytest.mark.points(2)
def test_metrics_has_no_sklearn(submission, rng, forbidden_imports):
    """metrics.py is written with NumPy only: it imports neither scikit-learn nor imbalanced-learn."""
    y, scores = _data(rng, "many_ties")
    submission.metrics.roc_auc(y, scores)  # the file must do something before this counts
    assert not forbidden_imports, "forbidden imports: " + "; ".join(forbidden_imports)


# ---------------------------------------------------------------- the experiment


@pytest.fixture(scope="module")
def flights(datasets_dir):
    """X, y exactly as the README builds them."""
    df = pd.read_csv(datasets_dir / "flights_sample.csv")
    when = pd.to_datetime(df["scheduled_departure"])
    X = pd.concat(
        [
            pd.DataFrame({"hour": when.dt.hour, "month": when.dt.month,
                          "distance": df["distance"]}).astype(float),
            pd.get_dummies(df[["carrier", "origin"]], dtype=float),
        ],
        axis=1,
    )
    y = (df["arr_delay"] > 60).astype(int)
    return X, y


@pytest.fixture(scope="module")
def random_state(seed):
    return int(np.random.default_rng([seed, 9]).integers(0, 10_000))


@pytest.fixture(scope="module")
def experiment(submission, flights, random_state):
    """run_experiment on the full flights data, each setting run once per module."""
    X, y = flights
    cache = {}

    def run(model="logistic_regression", balance=None, test_size=0.25):
        key = (model, balance, test_size)
        if key not in cache:
            cache[key] = submission.experiment.run_experiment(
                X, y, model=model, balance=balance, test_size=test_size, random_state=random_state)
        return cache[key]

    return run


def _split(X, y, test_size, random_state):
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=random_state)


@pytest.mark.points(2)
@pytest.mark.parametrize("balance", [None, "class_weight", "smote", "undersample"])
def test_holdout_untouched_by_balancing(experiment, flights, random_state, rng, balance):
    """The hold-out is the stratified split of the data given, never resampled: its size and positives match train_test_split(..., stratify=y)."""
    test_size = float(rng.choice([0.2, 0.25, 0.3]))
    got = experiment(balance=balance, test_size=test_size)
    _, _, _, y_test = _split(*flights, test_size, random_state)
    want = (len(y_test), int(y_test.sum()))
    g = (int(got["n_test"]), int(got["n_test_positive"]))
    assert g == want, (f"balance={balance!r}, test_size={test_size}: expected a hold-out of {want[0]} "
                       f"rows with {want[1]} positives, got {g[0]} rows with {g[1]} positives")
    counted = int(got["tn"]) + int(got["fp"]) + int(got["fn"]) + int(got["tp"])
    assert counted == want[0], f"tn+fp+fn+tp should be the {want[0]} hold-out rows, got {counted}"
    assert int(got["tp"]) + int(got["fn"]) == want[1], (
        f"tp+fn should be the {want[1]} hold-out positives, got {int(got['tp']) + int(got['fn'])}")


@pytest.mark.parametrize("balance", [None, "class_weight", "smote", "undersample"])
def test_n_train_reflects_balancing(experiment, flights, random_state, balance):
    """n_train is the number of rows the model was fitted on: the training part, after SMOTE (2 x majority) or undersampling (2 x minority)."""
    got = int(experiment(balance=balance)["n_train"])
    _, _, y_train, _ = _split(*flights, 0.25, random_state)
    pos, neg = int(y_train.sum()), int(len(y_train) - y_train.sum())
    want = {None: pos + neg, "class_weight": pos + neg, "smote": 2 * max(pos, neg),
            "undersample": 2 * min(pos, neg)}[balance]
    assert got == want, (f"balance={balance!r}: the training part has {pos} positives and {neg} negatives, "
                         f"so expected n_train={want}, got {got}")


@pytest.mark.points(3)
def test_reported_numbers_agree(experiment):
    """run_experiment returns exactly the 16 README keys, and the metrics agree with the confusion counts and with each other."""
    got = experiment(balance="class_weight")
    assert set(got) == EXPERIMENT_KEYS, (
        f"missing keys {sorted(EXPERIMENT_KEYS - set(got))}, unexpected keys {sorted(set(got) - EXPERIMENT_KEYS)}")
    tp, fp, fn = int(got["tp"]), int(got["fp"]), int(got["fn"])
    want = _prf(tp, fp, fn)
    g = tuple(float(got[k]) for k in ("precision", "recall", "f1"))
    np.testing.assert_allclose(g, want, rtol=1e-9, atol=1e-12,
                               err_msg="(precision, recall, f1) at 0.5 do not match tp, fp, fn")
    bp, br, bf1 = (float(got[k]) for k in ("best_precision", "best_recall", "best_f1"))
    want_bf1 = 2 * bp * br / (bp + br) if bp + br else 0.0
    assert abs(bf1 - want_bf1) <= 1e-9, f"best_f1 should be 2pr/(p+r) = {want_bf1:.6f}, got {bf1:.6f}"
    assert bf1 >= float(got["f1"]) - 1e-12, (
        f"the best-F1 threshold must do at least as well as 0.5: F1 at 0.5 is {float(got['f1']):.4f}, best_f1 {bf1:.4f}")
    assert 0.0 <= float(got["best_threshold"]) <= 1.0, (
        f"best_threshold is a predicted probability, expected within [0, 1], got {got['best_threshold']}")
    auc, ap = float(got["roc_auc"]), float(got["average_precision"])
    prevalence = int(got["n_test_positive"]) / int(got["n_test"])
    assert 0.6 < auc <= 1.0, f"logistic regression on the flights: expected a hold-out AUC above 0.6, got {auc:.4f}"
    assert prevalence < ap <= 1.0, (
        f"expected an average precision above the hold-out prevalence {prevalence:.4f}, got {ap:.4f}")


@pytest.mark.points(2)
@pytest.mark.parametrize("balance", ["class_weight", "smote", "undersample"])
def test_balancing_raises_recall(experiment, balance):
    """With logistic regression, balancing the training part raises the hold-out recall at 0.5 well above no balancing."""
    plain = float(experiment(balance=None)["recall"])
    balanced = float(experiment(balance=balance)["recall"])
    assert balanced >= plain + 0.2, (
        f"expected recall at 0.5 with balance={balance!r} at least 0.2 above no balancing ({plain:.3f}), "
        f"got {balanced:.3f}")


@pytest.mark.points(2)
def test_random_forest_runs(submission, flights, rng):
    """model='random_forest' trains on the training part and scores the stratified hold-out with an AUC clearly above 0.5."""
    X, y = flights
    idx = rng.choice(len(y), 6000, replace=False)
    X, y = X.iloc[idx].reset_index(drop=True), y.iloc[idx].reset_index(drop=True)
    random_state = int(rng.integers(0, 10_000))
    got = submission.experiment.run_experiment(X, y, model="random_forest", balance="class_weight",
                                               random_state=random_state)
    _, _, _, y_test = _split(X, y, 0.25, random_state)
    g = (int(got["n_test"]), int(got["n_test_positive"]))
    assert g == (len(y_test), int(y_test.sum())), (
        f"expected a hold-out of {len(y_test)} rows with {int(y_test.sum())} positives, got {g}")
    auc = float(got["roc_auc"])
    assert 0.55 < auc <= 1.0, f"expected a random-forest hold-out AUC above 0.55, got {auc:.4f}"


def test_unknown_options_raise(submission, flights, rng):
    """run_experiment raises ValueError for an unknown model or balance."""
    X, y = flights
    idx = rng.choice(len(y), 500, replace=False)
    X, y = X.iloc[idx].reset_index(drop=True), y.iloc[idx].reset_index(drop=True)
    run = submission.experiment.run_experiment
    # a valid call first, so that a function that raises for everything gets no credit
    ok = run(X, y, model="logistic_regression", balance=None, random_state=int(rng.integers(0, 100)))
    assert "n_test" in ok, f"a valid call should return the README dict, got keys {sorted(ok)}"
    for kwargs in ({"model": "svm"}, {"balance": "oversample"}, {"model": "Logistic_Regression"}):
        what = _raises_value_error(lambda: run(X, y, **kwargs))
        assert not what, f"run_experiment(..., {kwargs}): expected ValueError, but it {what}"


# ---------------------------------------------------------------- the plot


@pytest.mark.points(3)
def test_plot_curves_writes_png(submission, rng, tmp_path):
    """plot_curves writes one valid PNG file at the path given, of a sensible size in pixels."""
    y, scores = _data(rng, "distinct", n=int(rng.integers(300, 800)))
    path = tmp_path / f"curves_{int(rng.integers(0, 10_000))}.png"
    submission.experiment.plot_curves(y, scores, str(path))
    assert path.is_file(), f"expected a file at {path.name}, found none"
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"expected a PNG file (signature {PNG_SIGNATURE!r}), got {head[:8]!r}"
    assert head[12:16] == b"IHDR", f"expected the PNG header chunk IHDR first, got {head[12:16]!r}"
    width, height = struct.unpack(">II", head[16:24])
    assert 200 <= width <= 5000 and 200 <= height <= 5000, (
        f"expected an image between 200 and 5000 pixels on each side, got {width} x {height}")
    assert path.stat().st_size > 2000, (
        f"a drawing of two curves takes more than 2 kB (a blank image takes a few hundred bytes), "
        f"got {path.stat().st_size} bytes")
