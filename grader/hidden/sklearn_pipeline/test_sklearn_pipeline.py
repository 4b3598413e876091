"""Hidden tests for sklearn_pipeline: structure, no leakage, model selection, storage.

Inputs are resampled penguins (with extra missing values and new categories drawn from the
`rng` fixture); every expected value comes from scikit-learn run here, on the trusted side,
with the recipe the README spells out.
"""

from __future__ import annotations

import json
import re
import string
from datetime import datetime, timedelta, timezone

import joblib
import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

NUM = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CAT = ["species", "island"]


# ---------------------------------------------------------------- trusted-side helpers


def _penguins(datasets_dir) -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(datasets_dir / "penguins.csv")
    df = df[df["sex"].notna()].reset_index(drop=True)
    return df[NUM + CAT].copy(), df["sex"].copy()


def _sample(rng, datasets_dir, n=None, nan_rate=0.06):
    """A resample of the labelled penguins with extra missing cells, index 0..n-1."""
    X, y = _penguins(datasets_dir)
    n = n or int(rng.integers(200, len(X) + 1))
    rows = np.sort(rng.choice(len(X), size=n, replace=False))
    X = X.iloc[rows].reset_index(drop=True)
    y = y.iloc[rows].reset_index(drop=True)
    for col in NUM + CAT:
        holes = rng.random(n) < nan_rate
        X.loc[holes, col] = np.nan
    return X, y


def _oracle_pipeline(num, cat, estimator=None) -> Pipeline:
    """The README's recipe, built here so that a submission cannot change it."""
    pre = ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", StandardScaler())]), list(num)),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                  ("onehot", OneHotEncoder(handle_unknown="ignore"))]), list(cat)),
    ])
    model = LogisticRegression(max_iter=1000) if estimator is None else clone(estimator)
    return Pipeline([("preprocess", pre), ("model", model)])


def _oracle_scores(pipeline, X, y, cv, random_state, scoring="accuracy") -> np.ndarray:
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    return cross_val_score(clone(pipeline), X, y, cv=folds, scoring=scoring)


def _word(rng, k=7) -> str:
    return "".join(rng.choice(list(string.ascii_lowercase), size=k))


def _names(rng, k) -> list[str]:
    """k distinct lowercase candidate names."""
    names: list[str] = []
    while len(names) < k:
        w = _word(rng)
        if w not in names:
            names.append(w)
    return names


def _features(rng):
    """A random non-empty choice and order of the penguin features."""
    num = [str(c) for c in rng.permutation(NUM)[: int(rng.integers(1, len(NUM) + 1))]]
    cat = [str(c) for c in rng.permutation(CAT)[: int(rng.integers(1, len(CAT) + 1))]]
    return num, cat


def _transformers(desc) -> dict:
    """{name: (description, columns)} of a described ColumnTransformer."""
    return {t[0]: (t[1], list(t[2])) for t in desc["params"]["transformers"]}


def _steps(desc) -> list:
    """[(name, description)] of a described Pipeline."""
    return [(s[0], s[1]) for s in desc["params"]["steps"]]


def _check_preprocessor(desc, num, cat) -> None:
    assert desc["class"] == "ColumnTransformer", (
        f"expected a ColumnTransformer, got {desc['class']}")
    names = [t[0] for t in desc["params"]["transformers"]]
    assert names == ["numeric", "categorical"], (
        f"expected transformers ['numeric', 'categorical'] in that order, got {names}")
    tr = _transformers(desc)
    want = {"numeric": (num, [("impute", "SimpleImputer", "median"), ("scale", "StandardScaler", None)]),
            "categorical": (cat, [("impute", "SimpleImputer", "most_frequent"),
                                  ("onehot", "OneHotEncoder", None)])}
    for name, (cols, steps) in want.items():
        sub, got_cols = tr[name]
        assert got_cols == list(cols), f"transformer {name!r}: expected columns {cols}, got {got_cols}"
        assert sub["class"] == "Pipeline", f"transformer {name!r}: expected a Pipeline, got {sub['class']}"
        got_steps = _steps(sub)
        got = [(s, d["class"]) for s, d in got_steps]
        assert got == [(s, c) for s, c, _ in steps], (
            f"transformer {name!r}: expected steps {[(s, c) for s, c, _ in steps]}, got {got}")
        for (s, cls, strategy), (_, d) in zip(steps, got_steps):
            if strategy is not None:
                assert d["params"]["strategy"] == strategy, (
                    f"{name}/{s}: expected strategy={strategy!r}, got {d['params']['strategy']!r}")
            if cls == "OneHotEncoder":
                assert d["params"]["handle_unknown"] == "ignore", (
                    f"{name}/{s}: expected handle_unknown='ignore', got "
                    f"{d['params']['handle_unknown']!r}")


# ---------------------------------------------------------------- loading


@pytest.mark.points(1)
def test_load_penguins_drops_unlabelled_rows(submission, rng, datasets_dir, tmp_path):
    """load_penguins keeps the rows whose sex is known, the six feature columns in order, and a fresh 0..n-1 index."""
    raw = pd.read_csv(datasets_dir / "penguins.csv")
    rows = np.sort(rng.choice(len(raw), size=int(rng.integers(120, 250)), replace=False))
    unlabelled = np.flatnonzero(raw["sex"].isna())
    raw = raw.iloc[np.union1d(rows, unlabelled[rng.random(len(unlabelled)) < 0.7])]
    path = tmp_path / "penguins_sample.csv"
    raw.to_csv(path, index=False, na_rep="NA")

    X, y = submission.pipeline.load_penguins(str(path))

    keep = raw[raw["sex"].notna()].reset_index(drop=True)
    want_X, want_y = keep[NUM + CAT], keep["sex"]
    assert list(X.columns) == NUM + CAT, f"expected columns {NUM + CAT}, got {list(X.columns)}"
    assert len(X) == len(want_X) and len(y) == len(want_y), (
        f"expected {len(want_X)} labelled rows (of {len(raw)}), got X with {len(X)} and y with {len(y)}")
    assert list(X.index) == list(range(len(X))), "expected X to have a fresh index 0..n-1"
    pd.testing.assert_frame_equal(X.reset_index(drop=True), want_X, check_dtype=False)
    assert y.name == "sex", f"expected y to be named 'sex', got {y.name!r}"
    assert list(y.index) == list(range(len(y))), "expected y to have a fresh index 0..n-1"
    assert list(y) == list(want_y), "expected y to be the sex column of the labelled rows, in file order"


# ---------------------------------------------------------------- structure


@pytest.mark.points(2)
def test_preprocessor_structure(submission, rng):
    """build_preprocessor returns a ColumnTransformer with 'numeric' (median impute, scale) and 'categorical' (most-frequent impute, one-hot ignoring unknown categories) on the given columns."""
    num, cat = _features(rng)
    desc = submission.describe(submission.pipeline.build_preprocessor(num, cat))
    _check_preprocessor(desc, num, cat)


@pytest.mark.points(1)
def test_pipeline_structure_and_default_model(submission, rng):
    """build_pipeline returns a Pipeline with steps 'preprocess' and 'model', the model being LogisticRegression(max_iter=1000) by default."""
    num, cat = _features(rng)
    desc = submission.describe(submission.pipeline.build_pipeline(num, cat))
    assert desc["class"] == "Pipeline", f"expected a Pipeline, got {desc['class']}"
    steps = _steps(desc)
    names = [s for s, _ in steps]
    assert names == ["preprocess", "model"], f"expected steps ['preprocess', 'model'], got {names}"
    _check_preprocessor(steps[0][1], num, cat)
    model = steps[1][1]
    assert model["class"] == "LogisticRegression", (
        f"expected the default model to be LogisticRegression, got {model['class']}")
    assert model["params"]["max_iter"] == 1000, (
        f"expected max_iter=1000, got {model['params']['max_iter']}")


@pytest.mark.points(1)
def test_pipeline_uses_the_given_estimator(submission, rng):
    """build_pipeline puts the given estimator (same class and parameters) in the 'model' step."""
    num, cat = _features(rng)
    est = DecisionTreeClassifier(max_depth=int(rng.integers(2, 9)),
                                 min_samples_leaf=int(rng.integers(1, 6)), random_state=0)
    desc = submission.describe(submission.pipeline.build_pipeline(num, cat, est))
    model = dict(_steps(desc))["model"]
    assert model["class"] == "DecisionTreeClassifier", (
        f"expected the model step to be DecisionTreeClassifier, got {model['class']}")
    for key in ("max_depth", "min_samples_leaf"):
        want = est.get_params()[key]
        assert model["params"][key] == want, f"expected {key}={want}, got {model['params'][key]}"


@pytest.mark.points(1)
def test_bad_feature_lists_raise(submission, rng):
    """No feature at all, or a feature listed twice (in one list or in both), is a ValueError."""
    num, cat = _features(rng)
    bad = [([], []), (num + [num[0]], cat), (num, cat + [cat[0]]), (num + [cat[0]], cat)]
    for n, c in bad:
        for name in ("build_preprocessor", "build_pipeline"):
            with pytest.raises(ValueError):
                getattr(submission.pipeline, name)(n, c)
                pytest.fail(f"expected a ValueError from {name}({n}, {c}), got none")


@pytest.mark.points(1)
def test_one_kind_of_feature_may_be_empty(submission, rng, datasets_dir):
    """One of the two feature lists may be empty: both transformers stay and the pipeline fits and predicts."""
    X, y = _sample(rng, datasets_dir)
    new, _ = _sample(rng, datasets_dir, n=20)
    for num, cat in ((NUM, []), ([], CAT)):
        pipe = submission.pipeline.build_pipeline(num, cat)
        desc = submission.describe(pipe)
        tr = _transformers(dict(_steps(desc))["preprocess"])
        assert list(tr) == ["numeric", "categorical"], (
            f"expected both transformers with num={num}, cat={cat}, got {list(tr)}")
        pipe.fit(X, y)
        got = np.asarray(pipe.predict(new))
        want = _oracle_pipeline(num, cat).fit(X, y).predict(new)
        assert np.mean(got == want) >= 0.95, (
            f"with num={num}, cat={cat}: expected predictions like the README's recipe, "
            f"agreement {np.mean(got == want):.2f}")


# ---------------------------------------------------------------- fitting and leakage


@pytest.mark.points(2)
def test_imputer_and_scaler_learn_from_the_fitted_rows(submission, rng, datasets_dir):
    """A fitted pipeline's imputers use the median / most frequent value and the scaler the mean and std of the rows it was fitted on."""
    X, y = _sample(rng, datasets_dir, nan_rate=0.15)
    part = np.sort(rng.choice(len(X), size=len(X) // 2, replace=False))
    Xp, yp = X.iloc[part].reset_index(drop=True), y.iloc[part].reset_index(drop=True)

    pipe = submission.pipeline.build_pipeline(NUM, CAT)
    pipe.fit(Xp, yp)
    tr = pipe["preprocess"].named_transformers_
    num_imp = np.asarray(tr["numeric"]["impute"].statistics_, dtype=float)
    want = np.nanmedian(Xp[NUM].to_numpy(dtype=float), axis=0)
    np.testing.assert_allclose(num_imp, want, rtol=1e-12,
                               err_msg="numeric imputer statistics should be the medians of the fitted rows")
    filled = np.where(np.isnan(Xp[NUM].to_numpy(dtype=float)), want, Xp[NUM].to_numpy(dtype=float))
    np.testing.assert_allclose(np.asarray(tr["numeric"]["scale"].mean_), filled.mean(axis=0), rtol=1e-9,
                               err_msg="scaler means should be those of the imputed fitted rows")
    np.testing.assert_allclose(np.asarray(tr["numeric"]["scale"].scale_), filled.std(axis=0), rtol=1e-9,
                               err_msg="scaler scales should be the stds of the imputed fitted rows")
    cat_imp = [str(v) for v in tr["categorical"]["impute"].statistics_]
    want_cat = [str(v) for v in SimpleImputer(strategy="most_frequent").fit(Xp[CAT]).statistics_]
    assert cat_imp == want_cat, f"expected the most frequent categories {want_cat}, got {cat_imp}"


@pytest.mark.points(3)
def test_fold_scores_equal_cross_val_score(submission, rng, datasets_dir):
    """cross_validate_pipeline returns the fold scores of cross_val_score on StratifiedKFold(cv, shuffle=True, random_state), with their mean and population std."""
    X, y = _sample(rng, datasets_dir)
    cv = int(rng.integers(3, 7))
    random_state = int(rng.integers(0, 10_000))
    pipe = _oracle_pipeline(NUM, CAT, LogisticRegression(C=float(rng.uniform(0.05, 2)), max_iter=1000))
    want = _oracle_scores(pipe, X, y, cv, random_state)

    got = submission.pipeline.cross_validate_pipeline(clone(pipe), X.copy(), y.copy(), cv=cv,
                                                      random_state=random_state)
    scores = np.asarray(got["scores"], dtype=float)
    assert scores.shape == want.shape, f"expected {cv} fold scores, got {scores.shape[0]}"
    np.testing.assert_allclose(scores, want, rtol=0, atol=1e-12,
                               err_msg=f"fold scores (cv={cv}, random_state={random_state}) should "
                                       "equal cross_val_score on stratified shuffled folds")
    assert abs(got["mean"] - want.mean()) < 1e-12, f"expected mean {want.mean()}, got {got['mean']}"
    assert abs(got["std"] - want.std()) < 1e-12, (
        f"expected the population std (ddof=0) {want.std()}, got {got['std']}")


@pytest.mark.points(2)
def test_no_leakage_log_loss_fold_scores(submission, rng, datasets_dir):
    """With scoring='neg_log_loss' the fold scores still equal cross_val_score: the imputers and scaler must be fitted inside each training fold, never on all of X."""
    X, y = _sample(rng, datasets_dir, nan_rate=0.12)
    cv = int(rng.integers(3, 6))
    random_state = int(rng.integers(0, 10_000))
    pipe = _oracle_pipeline(NUM, CAT)
    want = _oracle_scores(pipe, X, y, cv, random_state, scoring="neg_log_loss")

    got = submission.pipeline.cross_validate_pipeline(clone(pipe), X.copy(), y.copy(), cv=cv,
                                                      scoring="neg_log_loss",
                                                      random_state=random_state)
    scores = np.asarray(got["scores"], dtype=float)
    assert scores.shape == want.shape, f"expected {cv} fold scores, got {scores.shape[0]}"
    np.testing.assert_allclose(scores, want, rtol=1e-7, atol=1e-10,
                               err_msg="neg_log_loss fold scores differ from cross_val_score on the "
                                       "same stratified folds: is something fitted before the split?")


@pytest.mark.points(2)
def test_unseen_categories_and_missing_values_at_predict_time(submission, rng, datasets_dir):
    """A fitted pipeline predicts rows with a category never seen in training and with missing values, without error, as the README's recipe does."""
    X, y = _sample(rng, datasets_dir, nan_rate=0.0)
    new, _ = _sample(rng, datasets_dir, n=30, nan_rate=0.0)
    new.loc[rng.random(30) < 0.4, "island"] = "isle_" + _word(rng, 5)
    new.loc[rng.random(30) < 0.2, "species"] = "spec_" + _word(rng, 5)
    for col in NUM + CAT:
        new.loc[rng.random(30) < 0.2, col] = np.nan

    pipe = submission.pipeline.build_pipeline(NUM, CAT)
    pipe.fit(X, y)
    got = np.asarray(pipe.predict_proba(new), dtype=float)
    want = _oracle_pipeline(NUM, CAT).fit(X, y).predict_proba(new)
    assert got.shape == want.shape, f"expected probabilities of shape {want.shape}, got {got.shape}"
    np.testing.assert_allclose(got, want, atol=1e-6,
                               err_msg="probabilities for rows with unseen categories / missing "
                                       "values differ from the README's recipe")


# ---------------------------------------------------------------- select_model


def _score_all(candidates, X, y, cv, random_state):
    """{name: fold scores} of every candidate, computed here."""
    return {name: _oracle_scores(_oracle_pipeline(NUM, CAT, est), X, y, cv, random_state)
            for name, est in candidates.items()}


@pytest.mark.points(3)
def test_select_model_picks_the_best_mean_score(submission, rng, datasets_dir):
    """select_model picks the candidate with the best mean cross-validation accuracy (not the best single fold) and lists every candidate's mean and std, best first."""
    fallback = None
    for _ in range(40):  # draw data on which the best mean and the best last fold disagree
        X, y = _sample(rng, datasets_dir, n=int(rng.integers(70, 110)), nan_rate=0.1)
        cv = int(rng.integers(3, 5))
        random_state = int(rng.integers(0, 10_000))
        names = _names(rng, 5)
        candidates = dict(zip(names, [
            LogisticRegression(C=0.02, max_iter=1000),
            LogisticRegression(C=1.0, max_iter=1000),
            DecisionTreeClassifier(max_depth=int(rng.integers(1, 4)), random_state=0),
            KNeighborsClassifier(n_neighbors=int(rng.integers(1, 8))),
            GaussianNB(),
        ]))
        scores = _score_all(candidates, X, y, cv, random_state)
        by_mean = sorted(names, key=lambda n: (-scores[n].mean(), n))
        by_last = sorted(names, key=lambda n: (-scores[n][-1], n))
        if scores[by_mean[0]].mean() - scores[by_mean[1]].mean() > 1e-6:  # a clear winner
            fallback = fallback or (X, y, cv, random_state, candidates, scores, by_mean)
            if by_mean[0] != by_last[0]:
                break
    else:
        X, y, cv, random_state, candidates, scores, by_mean = fallback

    best, _, results = submission.pipeline.select_model(X, y, candidates, NUM, CAT, cv=cv,
                                                       random_state=random_state)
    win = by_mean[0]
    assert best == win, (
        f"expected best {win!r} (mean accuracy {scores[win].mean():.4f}, last fold "
        f"{scores[win][-1]:.4f}), got {best!r} (mean {scores[best].mean():.4f}, last fold "
        f"{scores[best][-1]:.4f})" if best in scores else f"expected best {win!r}, got {best!r}")
    got_names = [str(n) for n in results["name"]]
    assert sorted(got_names) == sorted(names), f"expected one row per candidate {sorted(names)}, got {got_names}"
    assert got_names[0] == win, f"expected {win!r} in the first row of results, got {got_names[0]!r}"
    means = results["mean"].to_numpy(dtype=float)
    assert np.all(np.diff(means) <= 1e-12), f"expected results sorted by mean, best first; got means {means}"
    np.testing.assert_allclose(means, [scores[n].mean() for n in got_names], atol=1e-9,
                               err_msg="results 'mean' should be each candidate's mean fold accuracy")
    np.testing.assert_allclose(results["std"].to_numpy(dtype=float),
                               [scores[n].std() for n in got_names], atol=1e-9,
                               err_msg="results 'std' should be the population std of the fold accuracies")


@pytest.mark.points(1)
def test_select_model_results_table(submission, rng, datasets_dir):
    """select_model's results has exactly the columns name, mean, std, fit_time, one row per candidate, index 0..n-1, and non-negative fit times."""
    X, y = _sample(rng, datasets_dir, n=120)
    names = _names(rng, 3)
    candidates = dict(zip(names, [LogisticRegression(max_iter=1000), GaussianNB(),
                                  DummyClassifier(strategy="most_frequent")]))
    _, _, results = submission.pipeline.select_model(X, y, candidates, NUM, CAT, cv=3)
    assert list(results.columns) == ["name", "mean", "std", "fit_time"], (
        f"expected columns ['name', 'mean', 'std', 'fit_time'], got {list(results.columns)}")
    assert list(results.index) == list(range(3)), f"expected index [0, 1, 2], got {list(results.index)}"
    assert sorted(map(str, results["name"])) == sorted(names), (
        f"expected one row per candidate {sorted(names)}, got {list(results['name'])}")
    times = results["fit_time"].to_numpy(dtype=float)
    assert np.all(np.isfinite(times)) and np.all(times >= 0), f"expected fit times >= 0, got {times}"


@pytest.mark.points(2)
def test_select_model_breaks_ties_by_name(submission, rng, datasets_dir):
    """Candidates with equal mean scores are ordered by name, so the alphabetically first one wins a tie."""
    X, y = _sample(rng, datasets_dir, n=150)
    a, b = sorted(_names(rng, 2))
    c = float(rng.uniform(0.1, 3))
    loser = _word(rng)
    # dict order puts the later name first, so keeping insertion order is not enough
    candidates = {b: LogisticRegression(C=c, max_iter=1000), loser: DummyClassifier(strategy="prior"),
                  a: LogisticRegression(C=c, max_iter=1000)}
    best, _, results = submission.pipeline.select_model(X, y, candidates, NUM, CAT, cv=3,
                                                       random_state=int(rng.integers(0, 1000)))
    assert best == a, f"{a!r} and {b!r} tie (same model); expected {a!r} to win by name, got {best!r}"
    order = [str(n) for n in results["name"]]
    assert order == [a, b, loser], f"expected results ordered {[a, b, loser]}, got {order}"


@pytest.mark.points(2)
def test_select_model_appends_one_log_line_per_candidate(submission, rng, datasets_dir, tmp_path):
    """With log_path, select_model appends one JSON line per candidate (name, mean, std, scores, fit_time), in the candidates' order, keeping earlier lines."""
    X, y = _sample(rng, datasets_dir, n=140)
    cv = int(rng.integers(3, 5))
    random_state = int(rng.integers(0, 1000))
    names = _names(rng, 3)
    candidates = dict(zip(names, [GaussianNB(), LogisticRegression(C=0.5, max_iter=1000),
                                  DecisionTreeClassifier(max_depth=2, random_state=0)]))
    log = tmp_path / "runs.jsonl"
    earlier = json.dumps({"name": _word(rng), "note": "an earlier run"})
    log.write_text(earlier + "\n", encoding="utf-8")

    submission.pipeline.select_model(X, y, candidates, NUM, CAT, cv=cv, log_path=str(log),
                                     random_state=random_state)

    lines = [ln for ln in log.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert lines and lines[0] == earlier, "expected the lines already in the log to be kept"
    assert len(lines) == 1 + len(names), (
        f"expected {len(names)} new lines (one per candidate), got {len(lines) - 1}")
    scores = _score_all(candidates, X, y, cv, random_state)
    for line, name in zip(lines[1:], names):
        entry = json.loads(line)
        missing = {"name", "mean", "std", "scores", "fit_time"} - set(entry)
        assert not missing, f"log line for {name!r} lacks the keys {sorted(missing)}"
        assert entry["name"] == name, f"expected log lines in the candidates' order; got {entry['name']!r} where {name!r} was due"
        np.testing.assert_allclose(entry["scores"], scores[name], atol=1e-9,
                                   err_msg=f"logged fold scores of {name!r}")
        assert abs(entry["mean"] - scores[name].mean()) < 1e-9, (
            f"expected logged mean {scores[name].mean()} for {name!r}, got {entry['mean']}")
        assert abs(entry["std"] - scores[name].std()) < 1e-9, (
            f"expected logged std {scores[name].std()} for {name!r}, got {entry['std']}")
        assert entry["fit_time"] >= 0, f"expected a fit_time >= 0, got {entry['fit_time']}"


@pytest.mark.points(2)
def test_select_model_refits_the_best_on_all_data(submission, rng, datasets_dir):
    """The pipeline select_model returns is the best candidate refit on all of X and y, not on a fold."""
    X, y = _sample(rng, datasets_dir, nan_rate=0.1)
    new, _ = _sample(rng, datasets_dir, n=40)
    names = _names(rng, 2)
    candidates = dict(zip(names, [LogisticRegression(C=float(rng.uniform(0.2, 2)), max_iter=1000),
                                  DummyClassifier(strategy="prior")]))
    best, fitted, _ = submission.pipeline.select_model(X, y, candidates, NUM, CAT, cv=3)
    assert best == names[0], f"expected {names[0]!r} (logistic regression) to beat a dummy, got {best!r}"

    medians = np.asarray(fitted["preprocess"].named_transformers_["numeric"]["impute"].statistics_,
                         dtype=float)
    want_medians = np.nanmedian(X[NUM].to_numpy(dtype=float), axis=0)
    np.testing.assert_allclose(medians, want_medians, rtol=1e-12,
                               err_msg="the returned pipeline's medians should come from all of X")
    got = np.asarray(fitted.predict_proba(new), dtype=float)
    want = _oracle_pipeline(NUM, CAT, candidates[best]).fit(X, y).predict_proba(new)
    np.testing.assert_allclose(got, want, atol=1e-6,
                               err_msg="the returned pipeline should predict as the best model fit on all data")


@pytest.mark.points(1)
def test_select_model_rejects_bad_inputs(submission, rng, datasets_dir):
    """select_model raises ValueError for a feature that is not a column of X (naming it) and for no candidates."""
    X, y = _sample(rng, datasets_dir, n=60)
    absent = "feature_" + _word(rng, 5)
    with pytest.raises(ValueError, match=re.escape(absent)):
        submission.pipeline.select_model(X, y, {"lr": LogisticRegression()}, NUM + [absent], CAT)
        pytest.fail(f"expected a ValueError naming {absent!r}, got none")
    with pytest.raises(ValueError):
        submission.pipeline.select_model(X, y, {}, NUM, CAT)
        pytest.fail("expected a ValueError for an empty candidates dict, got none")


@pytest.mark.points(1)
def test_inputs_are_not_modified(submission, rng, datasets_dir):
    """select_model and cross_validate_pipeline leave X, y and the feature lists unchanged."""
    X, y = _sample(rng, datasets_dir, n=90)
    num, cat = list(NUM), list(CAT)
    _, args, _ = submission.inputs_after(submission.pipeline.select_model, X.copy(), y.copy(),
                                         {"lr": LogisticRegression(max_iter=1000)}, num, cat, 3)
    pd.testing.assert_frame_equal(args[0], X, obj="X after select_model")
    pd.testing.assert_series_equal(args[1], y, obj="y after select_model")
    assert args[3] == NUM and args[4] == CAT, f"expected the feature lists unchanged, got {args[3]}, {args[4]}"
    _, args, _ = submission.inputs_after(submission.pipeline.cross_validate_pipeline,
                                         _oracle_pipeline(NUM, CAT), X.copy(), y.copy(), 3)
    pd.testing.assert_frame_equal(args[1], X, obj="X after cross_validate_pipeline")
    pd.testing.assert_series_equal(args[2], y, obj="y after cross_validate_pipeline")


# ---------------------------------------------------------------- save / load


@pytest.mark.points(3)
def test_saved_model_predicts_identically_after_load(submission, rng, datasets_dir, tmp_path):
    """A pipeline saved with save_model and read back with load_model predicts exactly as before, and the metadata holds the caller's entries, the scikit-learn version, the UTC time and the feature lists."""
    X, y = _sample(rng, datasets_dir)
    new, _ = _sample(rng, datasets_dir, n=50)
    num, cat = _features(rng)
    pipe = submission.pipeline.build_pipeline(num, cat)
    pipe.fit(X, y)
    extra = {"cv_accuracy": float(rng.uniform(0.6, 1.0)), "run": _word(rng)}
    path = tmp_path / f"{_word(rng)}.joblib"

    before = datetime.now(timezone.utc)
    submission.pipeline.save_model(pipe, str(path), dict(extra))
    after = datetime.now(timezone.utc)
    loaded, meta = submission.pipeline.load_model(str(path))

    np.testing.assert_array_equal(np.asarray(loaded.predict(new)), np.asarray(pipe.predict(new)),
                                  err_msg="the loaded pipeline predicts differently from the saved one")
    np.testing.assert_array_equal(np.asarray(loaded.predict_proba(new)),
                                  np.asarray(pipe.predict_proba(new)),
                                  err_msg="the loaded pipeline's probabilities differ from the saved one's")
    for key, value in extra.items():
        assert meta.get(key) == value, f"expected metadata[{key!r}] == {value!r}, got {meta.get(key)!r}"
    assert meta.get("sklearn_version") == sklearn.__version__, (
        f"expected sklearn_version {sklearn.__version__!r}, got {meta.get('sklearn_version')!r}")
    assert list(meta.get("numeric_features", [])) == num, (
        f"expected numeric_features {num}, got {meta.get('numeric_features')}")
    assert list(meta.get("categorical_features", [])) == cat, (
        f"expected categorical_features {cat}, got {meta.get('categorical_features')}")
    try:
        saved_at = datetime.fromisoformat(str(meta.get("saved_at")))
    except ValueError:
        raise AssertionError(f"expected saved_at in ISO 8601, got {meta.get('saved_at')!r}") from None
    assert saved_at.utcoffset() is not None, f"expected saved_at with a UTC offset, got {meta['saved_at']!r}"
    slack = timedelta(seconds=2)
    assert before - slack <= saved_at <= after + slack, (
        f"expected saved_at between {before.isoformat()} and {after.isoformat()}, got {meta['saved_at']!r}")


@pytest.mark.points(1)
def test_save_refuses_an_unfitted_pipeline(submission, rng, tmp_path):
    """save_model raises ValueError for a pipeline that was never fitted."""
    num, cat = _features(rng)
    pipe = submission.pipeline.build_pipeline(num, cat)
    with pytest.raises(ValueError):
        submission.pipeline.save_model(pipe, str(tmp_path / "unfitted.joblib"))
        pytest.fail("expected a ValueError for an unfitted pipeline, got none")


@pytest.mark.points(1)
def test_load_model_errors(submission, rng, tmp_path):
    """load_model raises FileNotFoundError for a missing file and ValueError for a file save_model did not write."""
    missing = tmp_path / f"{_word(rng)}.joblib"
    with pytest.raises(FileNotFoundError):
        submission.pipeline.load_model(str(missing))
        pytest.fail("expected FileNotFoundError for a missing file, got none")
    text = tmp_path / "notes.joblib"
    text.write_bytes(rng.integers(0, 256, size=200, dtype=np.uint8).tobytes())
    with pytest.raises(ValueError):
        submission.pipeline.load_model(str(text))
        pytest.fail("expected ValueError for a file of random bytes, got none")
    foreign = tmp_path / "foreign.joblib"
    joblib.dump([_word(rng), float(rng.random())], foreign)
    with pytest.raises(ValueError):
        submission.pipeline.load_model(str(foreign))
        pytest.fail("expected ValueError for a joblib file that holds a list, got none")
