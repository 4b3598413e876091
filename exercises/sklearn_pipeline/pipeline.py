"""A reusable scikit-learn pipeline: preprocessing, cross-validation, model selection, storage.

Fill in the functions below; the exact contract of each is in README.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

NUMERIC_FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORICAL_FEATURES = ["species", "island"]
TARGET = "sex"
RESULT_COLUMNS = ["name", "mean", "std", "fit_time"]


def load_penguins(path: str | Path) -> tuple[pd.DataFrame, pd.Series]:
    """Load the labelled penguins.

    Parameters
    ----------
    path : str or Path
        The penguins CSV (``NA`` marks a missing value).

    Returns
    -------
    X : DataFrame
        The columns ``NUMERIC_FEATURES + CATEGORICAL_FEATURES`` in that order, for the
        rows whose ``sex`` is present, file order kept, index ``0 .. n-1``.
    y : Series
        The ``sex`` column of the same rows (named ``"sex"``, index ``0 .. n-1``).
    """
    raise NotImplementedError


def build_preprocessor(numeric_features: list[str],
                       categorical_features: list[str]) -> ColumnTransformer:
    """An unfitted ColumnTransformer for numeric and categorical columns.

    Parameters
    ----------
    numeric_features : list of str
        Columns that go through ``"numeric"``: SimpleImputer(strategy="median") as
        ``"impute"``, then StandardScaler as ``"scale"``.
    categorical_features : list of str
        Columns that go through ``"categorical"``: SimpleImputer(strategy="most_frequent")
        as ``"impute"``, then OneHotEncoder(handle_unknown="ignore") as ``"onehot"``.

    Returns
    -------
    ColumnTransformer
        Transformers ``"numeric"`` then ``"categorical"``; other columns are dropped.

    Raises
    ------
    ValueError
        Both lists empty, or a name listed more than once (in one list or across both).
    """
    raise NotImplementedError


def build_pipeline(numeric_features: list[str], categorical_features: list[str],
                   estimator: BaseEstimator | None = None) -> Pipeline:
    """An unfitted Pipeline: ``"preprocess"`` (build_preprocessor) then ``"model"``.

    Parameters
    ----------
    numeric_features, categorical_features : list of str
        Passed to build_preprocessor (same ValueErrors).
    estimator : estimator or None
        The model; the pipeline holds ``sklearn.base.clone(estimator)``.
        None means ``LogisticRegression(max_iter=1000)``.

    Returns
    -------
    Pipeline
    """
    raise NotImplementedError


def cross_validate_pipeline(pipeline: Pipeline, X: pd.DataFrame, y: pd.Series, cv: int = 5,
                            scoring: str = "accuracy", random_state: int = 0) -> dict:
    """Cross-validate the whole pipeline on stratified, shuffled folds.

    Parameters
    ----------
    pipeline : Pipeline
        Unfitted; stays unfitted (each fold fits a clone).
    X : DataFrame
    y : Series
    cv : int
        Number of folds of ``StratifiedKFold(n_splits=cv, shuffle=True,
        random_state=random_state)``.
    scoring : str
        A scikit-learn scorer name, as for ``cross_val_score``.
    random_state : int
        Seed of the fold shuffle.

    Returns
    -------
    dict
        ``{"mean": float, "std": float, "scores": list[float]}``: the fold scores of
        ``cross_val_score`` in fold order, their mean and population std (ddof=0).
    """
    raise NotImplementedError


def select_model(X: pd.DataFrame, y: pd.Series, candidates: dict[str, BaseEstimator],
                 numeric_features: list[str], categorical_features: list[str], cv: int = 5,
                 log_path: str | Path | None = None,
                 random_state: int = 0) -> tuple[str, Pipeline, pd.DataFrame]:
    """Cross-validate every candidate inside the full pipeline and refit the best.

    Parameters
    ----------
    X : DataFrame
    y : Series
    candidates : dict of str -> estimator
        Unfitted classifiers, evaluated in the dict's order.
    numeric_features, categorical_features : list of str
        Columns of X for build_pipeline.
    cv : int
        Number of stratified folds (accuracy, same folds for every candidate).
    log_path : str, Path or None
        When set, one JSON line per candidate (keys name, mean, std, scores, fit_time)
        is appended to this file.
    random_state : int
        Seed of the fold shuffle.

    Returns
    -------
    best_name : str
        Highest mean accuracy; ties broken by name (ascending).
    fitted_pipeline : Pipeline
        build_pipeline with the best candidate, fitted on all of X, y.
    results : DataFrame
        Columns ``["name", "mean", "std", "fit_time"]``, sorted by mean descending then
        name ascending, index ``0 .. n-1``.

    Raises
    ------
    ValueError
        No candidates, bad feature lists, or a feature that is not a column of X
        (checked before any fitting).
    """
    raise NotImplementedError


def save_model(pipeline: Pipeline, path: str | Path, metadata: dict | None = None) -> None:
    """Write a fitted pipeline and its metadata to one joblib file.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted, made by build_pipeline.
    path : str or Path
        Where to write ``{"pipeline": pipeline, "metadata": stored}`` with joblib.dump.
    metadata : dict or None
        Caller's entries (e.g. the CV score); save_model adds ``"sklearn_version"``,
        ``"saved_at"`` (UTC, ISO 8601), ``"numeric_features"`` and
        ``"categorical_features"``.

    Raises
    ------
    ValueError
        The pipeline is not fitted.
    """
    raise NotImplementedError


def load_model(path: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    """Read a file written by save_model.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    pipeline : Pipeline
    metadata : dict

    Raises
    ------
    FileNotFoundError
        No file at path.
    ValueError
        The file is not one save_model wrote.
    """
    raise NotImplementedError
