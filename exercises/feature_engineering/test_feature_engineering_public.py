"""Worked examples for feature_engineering. Run: pytest exercises/feature_engineering"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from features import (FeatureEngineer, add_datetime_features, bin_numeric,
                       frequency_encode, target_encode)

FLIGHTS = Path(__file__).resolve().parents[2] / "datasets" / "flights_sample.csv"


def test_datetime_parts_monday_is_zero():
    df = pd.DataFrame({"dep": ["2013-01-07 06:30:00", "2013-01-13 23:05:00", "oops"]})
    out = add_datetime_features(df, "dep")
    # 2013-01-07 was a Monday, 2013-01-13 a Sunday
    assert list(out.columns) == ["dep", "dep_year", "dep_month", "dep_day", "dep_dayofweek",
                                 "dep_hour", "dep_is_weekend"]
    assert out.loc[0, "dep_dayofweek"] == 0 and out.loc[0, "dep_is_weekend"] == 0
    assert out.loc[1, "dep_dayofweek"] == 6 and out.loc[1, "dep_is_weekend"] == 1
    assert out.loc[1, "dep_hour"] == 23
    assert out.iloc[2, 1:].isna().all()          # "oops" -> missing everywhere
    assert str(out["dep_year"].dtype) == "Int64"
    assert list(df.columns) == ["dep"]           # the input is untouched


def test_frequency_encode_counts_missing_and_unseen():
    train = pd.Series(["UA", "AA", "UA", None], name="carrier")
    test = pd.Series(["UA", "B6", None], name="carrier")
    enc_train, enc_test = frequency_encode(train, test)
    assert enc_train.tolist() == [0.5, 0.25, 0.5, 0.25]
    assert enc_test.tolist() == [0.5, 0.0, 0.25]   # B6 is unseen; missing is a category


def test_target_encode_formula_and_out_of_fold():
    train = pd.Series(["a", "a", "a", "b", "b", "c"], name="dest")
    y = [1, 1, 0, 0, 0, 1]
    test = pd.Series(["a", "b", "zzz"], name="dest")
    enc_train, enc_test = target_encode(train, y, test, smoothing=2.0, n_splits=3,
                                        random_state=1)
    prior = 3 / 6
    # test rows: all of train.  a: n=3, mean=2/3 -> (2 + 2*0.5) / (3 + 2) = 0.6
    assert enc_test.tolist() == pytest.approx([0.6, (0 + 1) / 4, prior])
    # train rows: out-of-fold, with the fold's own prior
    for fit_rows, held_rows in KFold(3, shuffle=True, random_state=1).split(train):
        fit_prior = np.mean([y[i] for i in fit_rows])
        for i in held_rows:
            same = [j for j in fit_rows if train[j] == train[i]]
            want = (sum(y[j] for j in same) + 2.0 * fit_prior) / (len(same) + 2.0)
            assert enc_train[i] == pytest.approx(want)


def test_bin_numeric_quantiles_and_out_of_range():
    train = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], name="x")
    test = pd.Series([-10.0, 2.5, 3.0, 100.0, np.nan], name="x")
    codes_train, codes_test = bin_numeric(train, test, n_bins=2)
    # edges = quantiles [1, 3, 5]: bin 0 is [1, 3), bin 1 is [3, 5]
    assert codes_train.tolist() == [0, 0, 1, 1, 1]
    assert codes_test.iloc[:4].tolist() == [0, 0, 1, 1]
    assert codes_test.isna().iloc[4]
    assert str(codes_test.dtype) == "Int64"


def test_bin_numeric_merges_duplicate_edges():
    train = pd.Series([0.0, 0.0, 0.0, 0.0, 1.0, 2.0])
    codes, _ = bin_numeric(train, train, n_bins=4)
    # quantile edges [0, 0, 0, 0.75, 2] -> unique [0, 0.75, 2]: two bins only
    assert codes.tolist() == [0, 0, 0, 0, 1, 1]


def test_feature_engineer_in_a_pipeline():
    flights = pd.read_csv(FLIGHTS).iloc[:3000]
    fe = FeatureEngineer(datetime_cols=["scheduled_departure"], categorical_cols=["carrier"],
                         categorical_encoding="target", numeric_cols=["distance"],
                         binned_cols=["distance"], n_bins=4)
    out = fe.fit_transform(flights, flights["delayed"])
    assert list(out.columns) == list(fe.get_feature_names_out())
    assert list(out.columns[-3:]) == ["carrier_target", "distance_scaled", "distance_bin"]
    assert not out.isna().any().any()
    assert clone(fe).get_params()["n_bins"] == 4
    model = Pipeline([("fe", fe), ("scale", StandardScaler()),
                      ("model", LogisticRegression(max_iter=1000))])
    scores = cross_val_score(model, flights, flights["delayed"], cv=3, scoring="roc_auc")
    assert np.all(np.isfinite(scores))
