"""Feature engineering without leakage: datetime parts, encodings, bins, one transformer.

Every statistic (category shares, target means, bin edges, scaling constants) is learned
from the training data only and then applied, unchanged, to any other data. Target
encodings of the training rows are out-of-fold, so no row ever sees its own target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.model_selection import KFold

DATETIME_PARTS = ("year", "month", "day", "dayofweek", "hour", "is_weekend")
CATEGORICAL_ENCODINGS = ("frequency", "target")
SCALINGS = ("standard", "minmax")
BIN_STRATEGIES = ("quantile", "uniform")


# ---------------------------------------------------------------- datetime parts


def _datetime_parts(values: pd.Series) -> dict[str, pd.Series]:
    """The six parts of a column of timestamps (strings or datetimes), as nullable Int64."""
    stamps = pd.to_datetime(values, errors="coerce", format="ISO8601")
    dayofweek = stamps.dt.day_of_week  # Monday = 0 ... Sunday = 6
    parts = {
        "year": stamps.dt.year,
        "month": stamps.dt.month,
        "day": stamps.dt.day,
        "dayofweek": dayofweek,
        "hour": stamps.dt.hour,
        "is_weekend": (dayofweek >= 5).astype(float).where(stamps.notna()),
    }
    return {name: part.astype("Int64") for name, part in parts.items()}


def add_datetime_features(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy of df with six parts of the timestamp column appended (see README)."""
    _require_columns(df, [column])
    out = df.copy()
    for name, part in _datetime_parts(df[column]).items():
        out[f"{column}_{name}"] = part
    return out


# ---------------------------------------------------------------- encodings


def _lookup(values: pd.Series, table: pd.Series, default: float) -> pd.Series:
    """table[value] for each value (missing values are one key), default when absent."""
    keys = values.astype(object).where(values.notna(), np.nan)  # None and NaN: one key
    return keys.map(table).fillna(default).astype("float64")


def _category_stats(categories: pd.Series, y: np.ndarray) -> pd.DataFrame:
    """Per category (missing values form their own category): n and the sum of y."""
    keys = categories.astype(object).where(categories.notna(), np.nan)
    frame = pd.DataFrame({"key": keys.to_numpy(), "y": y})
    return frame.groupby("key", dropna=False)["y"].agg(["count", "sum"])


def _smoothed_means(categories: pd.Series, y: np.ndarray, smoothing: float):
    """(per-category encoding, prior) learned from these rows only."""
    prior = float(np.mean(y))
    stats = _category_stats(categories, y)
    encoding = (stats["sum"] + smoothing * prior) / (stats["count"] + smoothing)
    return encoding, prior


def _out_of_fold(categories: pd.Series, y: np.ndarray, smoothing: float,
                 n_splits: int, random_state) -> np.ndarray:
    """Each row encoded with statistics of the other folds only."""
    encoded = np.empty(len(categories))
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fit_rows, held_rows in folds.split(np.zeros(len(categories))):
        table, prior = _smoothed_means(categories.iloc[fit_rows], y[fit_rows], smoothing)
        encoded[held_rows] = _lookup(categories.iloc[held_rows], table, prior).to_numpy()
    return encoded


def frequency_encode(train: pd.Series, test: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Share of each category among all train rows; 0.0 for categories unseen in train."""
    _require_rows(train, "train")
    shares = _category_stats(train, np.zeros(len(train)))["count"] / len(train)
    return _lookup(train, shares, 0.0), _lookup(test, shares, 0.0)


def target_encode(train: pd.Series, y, test: pd.Series, smoothing: float = 10.0,
                  n_splits: int = 5, random_state: int | None = 0
                  ) -> tuple[pd.Series, pd.Series]:
    """Smoothed target means: out-of-fold for train, learned on all of train for test."""
    _require_rows(train, "train")
    y = _check_target(y, len(train))
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    table, prior = _smoothed_means(train, y, smoothing)
    train_out = pd.Series(_out_of_fold(train, y, smoothing, n_splits, random_state),
                          index=train.index, name=train.name)
    return train_out, _lookup(test, table, prior)


# ---------------------------------------------------------------- bins


def _bin_edges(train: pd.Series, n_bins: int, strategy: str) -> np.ndarray:
    """Sorted, distinct edges learned from the non-missing train values."""
    if strategy not in BIN_STRATEGIES:
        raise ValueError(f"strategy must be one of {BIN_STRATEGIES}, got {strategy!r}")
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    values = pd.to_numeric(train).dropna().to_numpy(dtype=float)
    if len(values) == 0:
        raise ValueError("train has no non-missing values to learn bin edges from")
    if strategy == "quantile":
        edges = np.quantile(values, np.linspace(0, 1, n_bins + 1))
    else:
        edges = np.linspace(values.min(), values.max(), n_bins + 1)
    return np.unique(edges)  # merge duplicate edges: fewer, never empty, bins


def _apply_bins(values: pd.Series, edges: np.ndarray) -> pd.Series:
    """Code i when edges[i] <= v < edges[i+1]; outside the edges: first or last bin."""
    numbers = pd.to_numeric(values).to_numpy(dtype=float)
    codes = np.searchsorted(edges[1:-1], numbers, side="right").astype(float)
    codes[np.isnan(numbers)] = np.nan
    return pd.Series(codes, index=values.index, name=values.name).astype("Int64")


def bin_numeric(train: pd.Series, test: pd.Series, n_bins: int = 5,
                strategy: str = "quantile") -> tuple[pd.Series, pd.Series]:
    """Integer bin codes with edges learned on train only."""
    edges = _bin_edges(train, n_bins, strategy)
    return _apply_bins(train, edges), _apply_bins(test, edges)


# ---------------------------------------------------------------- the transformer


class FeatureEngineer(TransformerMixin, BaseEstimator):
    """Datetime parts, encoded categories, scaled and binned numbers, learned in fit.

    Output: a DataFrame of float64 columns, index of X, columns in the order of
    get_feature_names_out() (see README).
    """

    def __init__(self, datetime_cols=None, categorical_cols=None,
                 categorical_encoding="frequency", numeric_cols=None, scaling="standard",
                 binned_cols=None, n_bins=5, bin_strategy="quantile", smoothing=10.0,
                 n_splits=5, random_state=0):
        self.datetime_cols = datetime_cols
        self.categorical_cols = categorical_cols
        self.categorical_encoding = categorical_encoding
        self.numeric_cols = numeric_cols
        self.scaling = scaling
        self.binned_cols = binned_cols
        self.n_bins = n_bins
        self.bin_strategy = bin_strategy
        self.smoothing = smoothing
        self.n_splits = n_splits
        self.random_state = random_state

    def _columns(self):
        return (list(self.datetime_cols or []), list(self.categorical_cols or []),
                list(self.numeric_cols or []), list(self.binned_cols or []))

    def _check_params(self, X):
        if self.categorical_encoding not in CATEGORICAL_ENCODINGS:
            raise ValueError(f"categorical_encoding must be one of {CATEGORICAL_ENCODINGS}, "
                             f"got {self.categorical_encoding!r}")
        if self.scaling not in SCALINGS:
            raise ValueError(f"scaling must be one of {SCALINGS}, got {self.scaling!r}")
        if self.bin_strategy not in BIN_STRATEGIES:
            raise ValueError(f"bin_strategy must be one of {BIN_STRATEGIES}, "
                             f"got {self.bin_strategy!r}")
        columns = self._columns()
        if not any(columns):
            raise ValueError("no columns configured: give at least one column list")
        _require_columns(X, [c for group in columns for c in group])

    def fit(self, X: pd.DataFrame, y=None):
        """Learn every statistic from X (and y for target encoding); return self."""
        self._check_params(X)
        _, categorical, numeric, binned = self._columns()
        if categorical and self.categorical_encoding == "target":
            y = _check_target(y, len(X))
            self.encodings_ = {c: _smoothed_means(X[c], y, self.smoothing) for c in categorical}
        else:
            self.encodings_ = {
                c: (_category_stats(X[c], np.zeros(len(X)))["count"] / len(X), 0.0)
                for c in categorical
            }
        self.scaling_ = {}
        for c in numeric:
            values = pd.to_numeric(X[c]).to_numpy(dtype=float)
            if self.scaling == "standard":
                center, spread = np.nanmean(values), np.nanstd(values)
            else:
                center, spread = np.nanmin(values), np.nanmax(values) - np.nanmin(values)
            self.scaling_[c] = (center, spread if spread > 0 else 1.0)
        self.bin_edges_ = {c: _bin_edges(X[c], self.n_bins, self.bin_strategy) for c in binned}
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Apply what fit learned; nothing is learned from X here."""
        if not hasattr(self, "encodings_"):
            raise ValueError("this FeatureEngineer is not fitted yet: call fit first")
        _require_columns(X, [c for group in self._columns() for c in group])
        datetime, categorical, numeric, binned = self._columns()
        out = {}
        for c in datetime:
            for name, part in _datetime_parts(X[c]).items():
                out[f"{c}_{name}"] = part.astype("float64")
        suffix = "_freq" if self.categorical_encoding == "frequency" else "_target"
        for c in categorical:
            table, default = self.encodings_[c]
            out[c + suffix] = _lookup(X[c], table, default)
        for c in numeric:
            center, spread = self.scaling_[c]
            out[c + "_scaled"] = (pd.to_numeric(X[c]).astype("float64") - center) / spread
        for c in binned:
            out[c + "_bin"] = _apply_bins(X[c], self.bin_edges_[c]).astype("float64")
        frame = pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in out.items()},
                             index=X.index)
        return frame

    def fit_transform(self, X: pd.DataFrame, y=None, **fit_params) -> pd.DataFrame:
        """fit(X, y).transform(X), except target encodings are out-of-fold."""
        out = self.fit(X, y).transform(X)
        _, categorical, _, _ = self._columns()
        if categorical and self.categorical_encoding == "target":
            y = _check_target(y, len(X))
            for c in categorical:
                out[c + "_target"] = _out_of_fold(X[c], y, self.smoothing, self.n_splits,
                                                  self.random_state)
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the output columns, in order."""
        datetime, categorical, numeric, binned = self._columns()
        suffix = "_freq" if self.categorical_encoding == "frequency" else "_target"
        names = [f"{c}_{part}" for c in datetime for part in DATETIME_PARTS]
        names += [c + suffix for c in categorical]
        names += [c + "_scaled" for c in numeric]
        names += [c + "_bin" for c in binned]
        return np.asarray(names, dtype=object)


# ---------------------------------------------------------------- checks


def _require_columns(df: pd.DataFrame, columns) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"column(s) not found: {', '.join(map(str, missing))}")


def _require_rows(values: pd.Series, name: str) -> None:
    if len(values) == 0:
        raise ValueError(f"{name} is empty")


def _check_target(y, n_rows: int) -> np.ndarray:
    if y is None:
        raise ValueError("target encoding needs y")
    y = np.asarray(y, dtype=float)
    if y.shape != (n_rows,):
        raise ValueError(f"y must have one value per row ({n_rows}), got shape {y.shape}")
    if np.isnan(y).any():
        raise ValueError("y has missing values")
    return y
