"""Cleaning functions for the Palmer penguins field table (see README.md for every rule).

Every DataFrame function returns a new DataFrame and never mutates its input.
"Numeric" always means: numeric dtype and not boolean
(`is_numeric_dtype(dtype) and not is_bool_dtype(dtype)`).
"""

from __future__ import annotations

import pandas as pd


def to_snake_case(name: str) -> str:
    """Turn a column name into snake_case.

    Strip whitespace; put an underscore between a lowercase letter or digit and a
    following uppercase letter, and between an uppercase letter and a following
    uppercase letter that starts a capitalised word; turn every run of characters that
    are not ASCII letters or digits into one underscore; lowercase; remove leading and
    trailing underscores.

    Parameters
    ----------
    name : str
        A column name such as "Culmen Length (mm)" or "studyName".

    Returns
    -------
    str
        "culmen_length_mm", "study_name"; "" when the name has no letters or digits.

    Examples
    --------
    >>> to_snake_case("HTTPStatusCode")
    'http_status_code'
    """
    raise NotImplementedError("to_snake_case")


def normalize_column_names(df: pd.DataFrame) -> pd.DataFrame:
    """Rename every column with ``to_snake_case(str(label))``.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        A new frame: same values, dtypes, index and column order, new column names.

    Raises
    ------
    ValueError
        When two columns get the same new name (the message contains the new name and
        the original names), or when a name becomes "" (the message contains it).
    """
    raise NotImplementedError("normalize_column_names")


def drop_duplicate_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows equal in every column to an earlier row; keep the first occurrence.

    Missing cells count as equal to each other; index labels are not compared.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        A new frame with the kept rows in their order, with their index labels.
    """
    raise NotImplementedError("drop_duplicate_rows")


def drop_sparse_rows(df: pd.DataFrame, max_missing_fraction: float = 0.5) -> pd.DataFrame:
    """Drop rows whose fraction of missing cells is strictly greater than the threshold.

    A row's missing fraction is (missing cells in the row) / (number of columns); a row
    exactly at the threshold is kept.

    Parameters
    ----------
    df : pandas.DataFrame
    max_missing_fraction : float, default 0.5
        Between 0 and 1 inclusive.

    Returns
    -------
    pandas.DataFrame
        A new frame with the kept rows in their order, with their index labels; a frame
        with no columns comes back unchanged.

    Raises
    ------
    ValueError
        When max_missing_fraction is below 0 or above 1.
    """
    raise NotImplementedError("drop_sparse_rows")


def fill_missing_with_median(df: pd.DataFrame) -> pd.DataFrame:
    """Fill the missing cells of each numeric (not boolean) column with its median.

    The median is that of the column's non-missing values. Other columns are untouched;
    a numeric column with no values at all stays missing.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        A new frame; an integer column that receives a median may become float.
    """
    raise NotImplementedError("fill_missing_with_median")


def replace_outliers_iqr(df: pd.DataFrame, k: float = 1.5) -> pd.DataFrame:
    """Replace IQR outliers in each numeric (not boolean) column with the column's median.

    Per column: Q1, Q3 (pandas' default linear interpolation) and the median of the
    non-missing values as given; values strictly below Q1 - k*IQR or strictly above
    Q3 + k*IQR become that median. Missing cells stay missing; an all-missing column and
    non-numeric columns are untouched.

    Parameters
    ----------
    df : pandas.DataFrame
    k : float, default 1.5
        Width of the fences in IQRs; must be >= 0.

    Returns
    -------
    pandas.DataFrame
        A new frame; an integer column that receives a median may become float.

    Raises
    ------
    ValueError
        When k is negative.
    """
    raise NotImplementedError("replace_outliers_iqr")


def profile(df: pd.DataFrame) -> pd.DataFrame:
    """Summarise each column of df in one row.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Indexed by df's column labels in df's order, with exactly the columns
        ``["dtype", "missing", "missing_fraction", "unique", "outliers"]``:
        ``str(dtype)``, count of missing cells, that count / len(df), number of distinct
        non-missing values, and the number of IQR outliers (k = 1.5, same rule as
        replace_outliers_iqr) for numeric (not boolean) columns, missing for the others.
    """
    raise NotImplementedError("profile")


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Normalize names, drop duplicates, drop sparse rows, fill medians, replace outliers.

    In that order, each step on the previous step's output with default arguments (so
    the outlier quartiles come from the filled data), then reset the index to
    0..n-1 without keeping the old one.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        The cleaned frame with a RangeIndex.
    """
    raise NotImplementedError("clean")
