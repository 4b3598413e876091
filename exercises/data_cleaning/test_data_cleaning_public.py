"""Worked examples for cleaning.py. Run with: pytest exercises/data_cleaning

The graded tests check the same rules on other inputs (see README.md).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cleaning import (
    clean,
    drop_duplicate_rows,
    drop_sparse_rows,
    fill_missing_with_median,
    normalize_column_names,
    profile,
    replace_outliers_iqr,
    to_snake_case,
)

DATA = Path(__file__).resolve().parents[2] / "datasets" / "penguins_raw_messy.csv"


@pytest.mark.parametrize("name, want", [
    ("Culmen Length (mm)", "culmen_length_mm"),
    ("studyName", "study_name"),
    ("Delta 15 N (o/oo)", "delta_15_n_o_oo"),
    ("HTTPStatusCode", "http_status_code"),
    ("  Body Mass (g) ", "body_mass_g"),
])
def test_to_snake_case(name, want):
    assert to_snake_case(name) == want


def test_normalize_column_names_refuses_a_clash():
    df = pd.DataFrame({"Body Mass (g)": [1.0], "body_mass_g": [2.0]})
    with pytest.raises(ValueError, match="body_mass_g"):
        normalize_column_names(df)


def test_drop_duplicate_rows_keeps_the_first_and_its_label():
    df = pd.DataFrame({"a": [1, 2, 1], "b": ["x", "y", "x"]}, index=[10, 20, 30])
    out = drop_duplicate_rows(df)
    assert list(out.index) == [10, 20]


def test_drop_sparse_rows_is_strict():
    df = pd.DataFrame({"a": [1.0, np.nan, np.nan], "b": [1.0, 2.0, np.nan]})
    # missing fractions 0, 0.5, 1.0: only the last one is above 0.5
    assert list(drop_sparse_rows(df).index) == [0, 1]


def test_fill_missing_with_median_leaves_text_alone():
    df = pd.DataFrame({"x": [1.0, 2.0, 10.0, np.nan], "s": ["a", None, "b", "c"]})
    out = fill_missing_with_median(df)
    assert out["x"].tolist() == [1.0, 2.0, 10.0, 2.0]  # the median, not the mean 4.33
    assert out["s"].isna().tolist() == [False, True, False, False]
    assert df["x"].isna().sum() == 1  # the input is unchanged


def test_replace_outliers_iqr():
    df = pd.DataFrame({"mass": [3700.0, 3800.0, 3750.0, 3900.0, 37500.0], "flag": [True] * 5})
    out = replace_outliers_iqr(df)
    # Q1 = 3750, Q3 = 3900, IQR = 150, upper fence 4125; the median is 3800
    assert out["mass"].tolist() == [3700.0, 3800.0, 3750.0, 3900.0, 3800.0]
    assert out["flag"].tolist() == [True] * 5


def test_profile_layout():
    df = pd.DataFrame({"x": [1.0, np.nan, 3.0], "s": ["a", "a", None]})
    p = profile(df)
    assert list(p.columns) == ["dtype", "missing", "missing_fraction", "unique", "outliers"]
    assert list(p.index) == ["x", "s"]
    assert p.loc["x", "missing"] == 1 and p.loc["s", "unique"] == 1
    assert pd.isna(p.loc["s", "outliers"])


def test_clean_on_the_real_file():
    raw = pd.read_csv(DATA)
    tidy = clean(raw)
    assert "body_mass_g" in tidy.columns and "study_name" in tidy.columns
    assert list(tidy.index) == list(range(len(tidy)))
    assert not tidy.duplicated().any()
    assert tidy["body_mass_g"].max() < 10_000  # the 37500 g typo is gone
    assert tidy["body_mass_g"].notna().all()
