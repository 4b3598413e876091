"""Reference solution for the data_cleaning challenge.

Small functions, one cleaning rule each, chained by `clean`. Every function works on a
copy, so a caller's DataFrame never changes.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.api.types import is_bool_dtype, is_integer_dtype, is_numeric_dtype

# "studyName" -> "study_Name": a lowercase letter or digit followed by an uppercase letter.
_LOWER_UPPER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# "HTTPStatus" -> "HTTP_Status": an uppercase letter followed by an uppercase letter that
# starts a capitalised word.
_ACRONYM_WORD = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def to_snake_case(name: str) -> str:
    """Turn a column name into snake_case ("Culmen Length (mm)" -> "culmen_length_mm")."""
    name = name.strip()
    name = _LOWER_UPPER.sub("_", name)
    name = _ACRONYM_WORD.sub("_", name)
    name = _NON_ALNUM.sub("_", name)
    return name.lower().strip("_")


def normalize_column_names(df: pd.DataFrame) -> pd.DataFrame:
    """Rename every column with to_snake_case; refuse names that clash or vanish."""
    seen: dict[str, object] = {}
    new_names = []
    for original in df.columns:
        new = to_snake_case(str(original))
        if not new:
            raise ValueError(f"column {original!r} has no letters or digits, "
                             "so its snake_case name is empty")
        if new in seen:
            raise ValueError(f"columns {seen[new]!r} and {original!r} "
                             f"both normalize to {new!r}")
        seen[new] = original
        new_names.append(new)
    out = df.copy()
    out.columns = new_names
    return out


def drop_duplicate_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows equal to an earlier row in every column (missing equals missing)."""
    return df[~df.duplicated(keep="first")].copy()


def drop_sparse_rows(df: pd.DataFrame, max_missing_fraction: float = 0.5) -> pd.DataFrame:
    """Drop rows whose fraction of missing cells is strictly above the threshold."""
    if not 0 <= max_missing_fraction <= 1:
        raise ValueError(f"max_missing_fraction must be between 0 and 1, "
                         f"got {max_missing_fraction}")
    if df.shape[1] == 0:
        return df.copy()
    missing_fraction = df.isna().sum(axis=1) / df.shape[1]
    return df[~(missing_fraction > max_missing_fraction)].copy()


def _numeric_columns(df: pd.DataFrame) -> list:
    """Columns with a numeric dtype that is not boolean (bool and "boolean" are excluded)."""
    return [c for c in df.columns
            if is_numeric_dtype(df[c].dtype) and not is_bool_dtype(df[c].dtype)]


def _writable(s: pd.Series) -> pd.Series:
    """Integer columns become float so that a median such as 2.5 can be written into them."""
    return s.astype("float64") if is_integer_dtype(s.dtype) else s


def fill_missing_with_median(df: pd.DataFrame) -> pd.DataFrame:
    """Fill missing cells of each numeric column with that column's median."""
    out = df.copy()
    for col in _numeric_columns(out):
        s = out[col]
        if s.isna().any() and s.notna().any():
            out[col] = _writable(s).fillna(s.median())
    return out


def replace_outliers_iqr(df: pd.DataFrame, k: float = 1.5) -> pd.DataFrame:
    """Replace values outside [Q1 - k*IQR, Q3 + k*IQR] with the column's median."""
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    out = df.copy()
    for col in _numeric_columns(out):
        s = out[col]
        outliers = _outlier_mask(s, k)
        if outliers.any():
            out[col] = _writable(s).mask(outliers, s.median())
    return out


def _outlier_mask(s: pd.Series, k: float) -> pd.Series:
    """True where a value lies strictly outside the IQR fences; missing values are False."""
    q1, q3 = s.quantile(0.25), s.quantile(0.75)
    iqr = q3 - q1
    outside = (s < q1 - k * iqr) | (s > q3 + k * iqr)
    return outside.fillna(False).astype(bool)


def profile(df: pd.DataFrame) -> pd.DataFrame:
    """One row per column: dtype, missing count and fraction, unique count, IQR outliers."""
    numeric = set(_numeric_columns(df))
    rows = []
    for col in df.columns:
        s = df[col]
        rows.append({
            "dtype": str(s.dtype),
            "missing": int(s.isna().sum()),
            "missing_fraction": float(s.isna().mean()),
            "unique": int(s.nunique(dropna=True)),
            "outliers": int(_outlier_mask(s, 1.5).sum()) if col in numeric else None,
        })
    columns = ["dtype", "missing", "missing_fraction", "unique", "outliers"]
    out = pd.DataFrame(rows, columns=columns, index=pd.Index(df.columns, name="column"))
    out["outliers"] = out["outliers"].astype("Int64")
    return out


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """The whole pipeline, each step on the previous step's output, then a fresh index."""
    out = normalize_column_names(df)
    out = drop_duplicate_rows(out)
    out = drop_sparse_rows(out)
    out = fill_missing_with_median(out)
    out = replace_outliers_iqr(out)
    return out.reset_index(drop=True)
