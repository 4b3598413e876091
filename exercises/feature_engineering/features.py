"""Feature engineering without leakage: datetime parts, encodings, bins, one transformer.

Fill in every function and method that raises NotImplementedError. README.md states the
exact rules; the docstrings below summarise them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin


def add_datetime_features(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Append six parts of a time stamp column.

    Parameters
    ----------
    df : pandas.DataFrame
        Input table; not modified.
    column : str
        Column of datetimes or ISO 8601 strings ("YYYY-MM-DD HH:MM:SS").

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` (all columns unchanged, ``column`` included) followed by
        ``<column>_year``, ``_month``, ``_day``, ``_dayofweek`` (Monday = 0, Sunday = 6),
        ``_hour`` and ``_is_weekend`` (1 on Saturday/Sunday, else 0), all of dtype
        ``Int64``. Unparseable values give ``<NA>`` in all six columns, never an error.

    Raises
    ------
    ValueError
        If ``column`` is not in ``df`` (the message names it).
    """
    raise NotImplementedError


def frequency_encode(train: pd.Series, test: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Encode each category by its share among all train rows.

    Parameters
    ----------
    train, test : pandas.Series
        Category values. Missing values (None/NaN) are a category of their own.

    Returns
    -------
    (pandas.Series, pandas.Series)
        float64 encodings of train and of test, each with the index and name of its
        input. share(c) = count of c in train / len(train); unseen in train -> 0.0.

    Raises
    ------
    ValueError
        If ``train`` is empty.
    """
    raise NotImplementedError


def target_encode(train: pd.Series, y, test: pd.Series, smoothing: float = 10.0,
                  n_splits: int = 5, random_state: int | None = 0
                  ) -> tuple[pd.Series, pd.Series]:
    """Encode each category by its smoothed mean target, without leakage.

    encoded(c) = (n_c * mean_c + smoothing * prior) / (n_c + smoothing), prior = mean(y);
    a category with n_c = 0 gets the prior.

    Parameters
    ----------
    train : pandas.Series
        Categories of the training rows (missing values are a category of their own).
    y : array-like of float
        Target, one value per train row, matched by position.
    test : pandas.Series
        Categories to encode with statistics of all of train.
    smoothing : float, default 10.0
        Weight of the prior, >= 0.
    n_splits : int, default 5
        Folds of ``KFold(n_splits, shuffle=True, random_state=random_state)`` used for
        the out-of-fold train encodings (each fold uses its own prior and statistics
        from the other folds).
    random_state : int or None, default 0
        Seed of the fold assignment.

    Returns
    -------
    (pandas.Series, pandas.Series)
        Out-of-fold float64 encodings of train, and float64 encodings of test; each with
        the index and name of its input.

    Raises
    ------
    ValueError
        Empty train, ``len(y) != len(train)``, ``smoothing < 0``, or too many folds.
    """
    raise NotImplementedError


def bin_numeric(train: pd.Series, test: pd.Series, n_bins: int = 5,
                strategy: str = "quantile") -> tuple[pd.Series, pd.Series]:
    """Bin numbers with edges learned from the non-missing train values.

    Parameters
    ----------
    train, test : pandas.Series
        Numbers; missing values get a missing code.
    n_bins : int, default 5
        Largest number of bins (duplicate edges are merged with ``np.unique``).
    strategy : {"quantile", "uniform"}, default "quantile"
        ``np.quantile(values, np.linspace(0, 1, n_bins + 1))`` or
        ``np.linspace(min, max, n_bins + 1)``.

    Returns
    -------
    (pandas.Series, pandas.Series)
        Codes 0..k-1 (k = len(edges) - 1), dtype ``Int64``, each with the index and name
        of its input. v is in bin i when edges[i] <= v < edges[i+1]; v == edges[-1] is in
        the last bin; values outside the train range go to the first or last bin.

    Raises
    ------
    ValueError
        Unknown strategy (the message names it), n_bins < 1, or no train value.
    """
    raise NotImplementedError


class FeatureEngineer(TransformerMixin, BaseEstimator):
    """Datetime parts, encoded categories, scaled and binned numbers, learned in fit.

    Parameters
    ----------
    datetime_cols : list of str or None
        Columns expanded into six datetime parts each.
    categorical_cols : list of str or None
        Columns encoded as ``<col>_freq`` or ``<col>_target``.
    categorical_encoding : {"frequency", "target"}, default "frequency"
    numeric_cols : list of str or None
        Columns scaled into ``<col>_scaled``.
    scaling : {"standard", "minmax"}, default "standard"
    binned_cols : list of str or None
        Columns binned into ``<col>_bin``.
    n_bins : int, default 5
    bin_strategy : {"quantile", "uniform"}, default "quantile"
    smoothing : float, default 10.0
    n_splits : int, default 5
    random_state : int or None, default 0
        Target encoding settings (see ``target_encode``).

    Output of transform: a DataFrame with X's index, float64 columns in the order of
    ``get_feature_names_out()``: datetime parts, then categories, then scaled, then bins.
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

    def fit(self, X: pd.DataFrame, y=None) -> "FeatureEngineer":
        """Validate the parameters and learn every statistic from X (and y).

        Raises
        ------
        ValueError
            Unknown encoding/scaling/bin strategy, a listed column missing from X, no
            column listed, or y missing for target encoding.
        """
        raise NotImplementedError

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Apply what fit learned; learn nothing from X."""
        raise NotImplementedError

    def fit_transform(self, X: pd.DataFrame, y=None, **fit_params) -> pd.DataFrame:
        """fit(X, y).transform(X), except target encodings are out-of-fold."""
        raise NotImplementedError

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Output column names, in order, as a numpy array of str."""
        raise NotImplementedError
