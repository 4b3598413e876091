"""Worked examples for sklearn_pipeline: run with `pytest exercises/sklearn_pipeline`.

They show the contract on the real penguins; the grader checks more (see README.md).
"""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from pipeline import (CATEGORICAL_FEATURES, NUMERIC_FEATURES, build_pipeline, build_preprocessor,
                      cross_validate_pipeline, load_model, load_penguins, save_model, select_model)

DATA = Path(__file__).resolve().parents[2] / "datasets" / "penguins.csv"


@pytest.fixture(scope="module")
def penguins():
    return load_penguins(DATA)


def test_load_penguins_drops_the_eleven_unlabelled_rows(penguins):
    X, y = penguins
    assert X.shape == (333, 6)
    assert list(X.columns) == NUMERIC_FEATURES + CATEGORICAL_FEATURES
    assert y.name == "sex" and set(y) == {"male", "female"}
    assert list(X.index) == list(range(333))


def test_pipeline_steps_and_transformers():
    pipe = build_pipeline(NUMERIC_FEATURES, CATEGORICAL_FEATURES)
    assert [name for name, _ in pipe.steps] == ["preprocess", "model"]
    pre = pipe.named_steps["preprocess"]
    assert [(name, cols) for name, _, cols in pre.transformers] == [
        ("numeric", NUMERIC_FEATURES), ("categorical", CATEGORICAL_FEATURES)]
    assert pre.transformers[0][1].named_steps["impute"].strategy == "median"
    assert pre.transformers[1][1].named_steps["onehot"].handle_unknown == "ignore"


def test_feature_list_errors():
    with pytest.raises(ValueError):
        build_preprocessor([], [])
    with pytest.raises(ValueError):
        build_preprocessor(["body_mass_g", "body_mass_g"], ["island"])


def test_cross_validation_matches_cross_val_score(penguins):
    X, y = penguins
    pipe = build_pipeline(NUMERIC_FEATURES, CATEGORICAL_FEATURES)
    got = cross_validate_pipeline(pipe, X, y, cv=5, random_state=0)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    want = cross_val_score(pipe, X, y, cv=folds)
    np.testing.assert_allclose(got["scores"], want)
    assert got["mean"] == pytest.approx(want.mean())
    assert got["std"] == pytest.approx(want.std())  # ddof=0
    assert 0.85 < got["mean"] < 1.0


def test_unseen_island_and_missing_values_do_not_crash(penguins):
    X, y = penguins
    pipe = build_pipeline(NUMERIC_FEATURES, CATEGORICAL_FEATURES).fit(X, y)
    new = X.head(3).copy()
    new.loc[0, "island"] = "Anvers"          # never seen in training
    new.loc[1, "bill_length_mm"] = np.nan    # imputed with the training median
    assert set(pipe.predict(new)) <= {"male", "female"}


def test_select_save_and_load(penguins, tmp_path):
    X, y = penguins
    candidates = {"dummy": DummyClassifier(), "logreg": LogisticRegression(max_iter=1000)}
    log = tmp_path / "runs.jsonl"
    best, fitted, results = select_model(X, y, candidates, NUMERIC_FEATURES, CATEGORICAL_FEATURES,
                                         cv=3, log_path=log)
    assert best == "logreg"
    assert list(results.columns) == ["name", "mean", "std", "fit_time"]
    assert list(results["name"]) == ["logreg", "dummy"]
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [entry["name"] for entry in lines] == ["dummy", "logreg"]

    path = tmp_path / "model.joblib"
    save_model(fitted, path, {"cv_accuracy": float(results["mean"][0])})
    loaded, meta = load_model(path)
    np.testing.assert_array_equal(loaded.predict(X), fitted.predict(X))
    assert meta["cv_accuracy"] == float(results["mean"][0])
    assert meta["numeric_features"] == NUMERIC_FEATURES
    assert {"sklearn_version", "saved_at", "categorical_features"} <= set(meta)
