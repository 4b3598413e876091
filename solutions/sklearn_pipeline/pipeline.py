"""A reusable scikit-learn pipeline: preprocessing, cross-validation, model selection, storage.

Every transformation that learns from data (the imputers' medians and modes, the scaler's
means, the encoder's categories) lives inside one Pipeline, so cross-validation refits it on
each training fold and the validation fold never leaks into it.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import NotFittedError
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted

NUMERIC_FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORICAL_FEATURES = ["species", "island"]
TARGET = "sex"
RESULT_COLUMNS = ["name", "mean", "std", "fit_time"]


def load_penguins(path: str | Path) -> tuple[pd.DataFrame, pd.Series]:
    """Features and labels of the labelled penguins; rows with a missing sex are dropped."""
    df = pd.read_csv(path)
    labelled = df[df[TARGET].notna()].reset_index(drop=True)
    X = labelled[NUMERIC_FEATURES + CATEGORICAL_FEATURES].copy()
    y = labelled[TARGET].copy()
    return X, y


def _check_features(numeric_features: list[str], categorical_features: list[str]) -> None:
    """ValueError when there is no feature at all or a feature is named twice."""
    features = list(numeric_features) + list(categorical_features)
    if not features:
        raise ValueError("no features: give at least one numeric or categorical feature")
    seen = set()
    for name in features:
        if name in seen:
            raise ValueError(f"feature {name!r} is listed twice")
        seen.add(name)


def build_preprocessor(numeric_features: list[str],
                       categorical_features: list[str]) -> ColumnTransformer:
    """Median-impute and scale the numeric columns; mode-impute and one-hot the categorical."""
    _check_features(numeric_features, categorical_features)
    numeric = Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ])
    categorical = Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    return ColumnTransformer([
        ("numeric", numeric, list(numeric_features)),
        ("categorical", categorical, list(categorical_features)),
    ])


def build_pipeline(numeric_features: list[str], categorical_features: list[str],
                   estimator: BaseEstimator | None = None) -> Pipeline:
    """The preprocessor followed by a clone of the estimator (LogisticRegression by default)."""
    model = LogisticRegression(max_iter=1000) if estimator is None else clone(estimator)
    return Pipeline([
        ("preprocess", build_preprocessor(numeric_features, categorical_features)),
        ("model", model),
    ])


def cross_validate_pipeline(pipeline: Pipeline, X: pd.DataFrame, y: pd.Series, cv: int = 5,
                            scoring: str = "accuracy", random_state: int = 0) -> dict:
    """Score the whole pipeline on stratified, shuffled folds: fit on train, score on test."""
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = cross_val_score(pipeline, X, y, cv=folds, scoring=scoring, error_score="raise")
    return {
        "mean": float(np.mean(scores)),
        "std": float(np.std(scores)),
        "scores": [float(s) for s in scores],
    }


def select_model(X: pd.DataFrame, y: pd.Series, candidates: dict[str, BaseEstimator],
                 numeric_features: list[str], categorical_features: list[str], cv: int = 5,
                 log_path: str | Path | None = None,
                 random_state: int = 0) -> tuple[str, Pipeline, pd.DataFrame]:
    """Cross-validate each candidate in the full pipeline; refit the best on all the data."""
    if not candidates:
        raise ValueError("no candidates to compare")
    _check_features(numeric_features, categorical_features)
    absent = [c for c in list(numeric_features) + list(categorical_features) if c not in X.columns]
    if absent:
        raise ValueError(f"feature(s) not in X: {', '.join(map(str, absent))}")

    rows = []
    for name, estimator in candidates.items():
        pipeline = build_pipeline(numeric_features, categorical_features, estimator)
        start = time.perf_counter()
        result = cross_validate_pipeline(pipeline, X, y, cv=cv, random_state=random_state)
        row = {"name": name, **result, "fit_time": time.perf_counter() - start}
        rows.append(row)
        if log_path is not None:
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(row) + "\n")

    rows.sort(key=lambda row: (-row["mean"], row["name"]))
    results = pd.DataFrame(rows, columns=RESULT_COLUMNS)  # the fold scores stay in the log
    best_name = rows[0]["name"]
    best = build_pipeline(numeric_features, categorical_features, candidates[best_name])
    best.fit(X, y)
    return best_name, best, results


def save_model(pipeline: Pipeline, path: str | Path, metadata: dict | None = None) -> None:
    """Write the fitted pipeline and its metadata to one joblib file."""
    try:
        check_is_fitted(pipeline)
    except NotFittedError:
        raise ValueError("the pipeline is not fitted: fit it before saving") from None
    columns = {name: list(cols) for name, _, cols in pipeline.named_steps["preprocess"].transformers}
    stored = dict(metadata or {})
    stored.update({
        "sklearn_version": sklearn.__version__,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "numeric_features": columns.get("numeric", []),
        "categorical_features": columns.get("categorical", []),
    })
    joblib.dump({"pipeline": pipeline, "metadata": stored}, path)


def load_model(path: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    """Read a file written by save_model; FileNotFoundError or ValueError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no saved model at {path}")
    try:
        bundle = joblib.load(path)
    except Exception as exc:
        raise ValueError(f"{path} is not a model file written by save_model ({exc})") from None
    if not isinstance(bundle, dict) or set(bundle) != {"pipeline", "metadata"}:
        raise ValueError(f"{path} is not a model file written by save_model")
    return bundle["pipeline"], bundle["metadata"]
