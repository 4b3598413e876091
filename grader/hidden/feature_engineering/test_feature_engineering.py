"""Hidden tests for feature_engineering: every input drawn from `rng`, every answer from an oracle.

The oracles below are small, slow, obviously-correct versions of the README's rules
(python datetime, dict counting, explicit KFold loops, numpy edges), written
independently of any submission.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest
import sklearn.base
import sklearn.model_selection
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

PARTS = ("year", "month", "day", "dayofweek", "hour", "is_weekend")
RTOL, ATOL = 1e-9, 1e-12

# ---------------------------------------------------------------- generators


def words(rng, k, prefix="c"):
    """k distinct random category names."""
    names = set()
    while len(names) < k:
        names.add(prefix + "".join(rng.choice(list("abcdefghijkmnpqrstuvwxyz"), 3)))
    return sorted(names)


def categories(rng, n, pool, p_missing=0.0, must_have=()):
    """n draws from pool with uneven weights, some replaced by None; each must_have value
    (e.g. a category unseen in train, or None) occurs at least once at a random place."""
    weights = rng.dirichlet(np.ones(len(pool)))
    values = list(rng.choice(pool, size=n, p=weights))
    values = [None if rng.random() < p_missing else v for v in values]
    for v, i in zip(must_have, rng.choice(n, size=len(must_have), replace=False)):
        values[i] = v
    return values


def stamps(rng, n):
    """n random datetimes between 2005 and 2030, to the second."""
    start = datetime(2005, 1, 1)
    seconds = rng.integers(0, 25 * 365 * 86400, size=n)
    return [start + timedelta(seconds=int(s)) for s in seconds]


def as_text(ts):
    return ts.strftime("%Y-%m-%d %H:%M:%S")


def garbage(rng):
    """A value that is not a time stamp."""
    year = int(rng.integers(2005, 2030))
    return [None, "", "not a date", f"{year}-02-30 08:00:00", "??"][int(rng.integers(5))]


def shuffled_index(rng, n):
    """A non-default integer index, so position and label differ."""
    return pd.Index(rng.permutation(n) * 3 + 1000)


# ---------------------------------------------------------------- oracles


def key(v):
    """One key for every missing value, the value itself otherwise."""
    return "<missing>" if v is None or (isinstance(v, float) and math.isnan(v)) else v


def oracle_parts(value):
    """The six datetime parts of one value, or None when it is not a time stamp."""
    if isinstance(value, datetime):
        ts = value
    else:
        try:
            ts = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except (TypeError, ValueError):
            return None
    dow = ts.weekday()  # Monday = 0
    return {"year": ts.year, "month": ts.month, "day": ts.day, "dayofweek": dow,
            "hour": ts.hour, "is_weekend": int(dow >= 5)}


def oracle_frequency(train, test):
    counts = {}
    for v in train:
        counts[key(v)] = counts.get(key(v), 0) + 1
    share = lambda v: counts.get(key(v), 0) / len(train)  # noqa: E731
    return np.array([share(v) for v in train]), np.array([share(v) for v in test])


def oracle_target_table(cats, y, smoothing):
    """(encode(value), prior) from these rows, by the README formula."""
    prior = float(np.mean(y))
    n, s = {}, {}
    for v, t in zip(cats, y):
        n[key(v)] = n.get(key(v), 0) + 1
        s[key(v)] = s.get(key(v), 0.0) + float(t)

    def encode(v):
        k = key(v)
        if k not in n:
            return prior
        return (s[k] + smoothing * prior) / (n[k] + smoothing)

    return encode, prior


def oracle_target(train, y, test, smoothing, n_splits, random_state):
    """(out-of-fold train encodings, test encodings)."""
    y = np.asarray(y, dtype=float)
    encode, _ = oracle_target_table(train, y, smoothing)
    test_enc = np.array([encode(v) for v in test])
    oof = np.full(len(train), np.nan)
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fit_rows, held_rows in folds.split(np.zeros(len(train))):
        enc, _ = oracle_target_table([train[i] for i in fit_rows], y[fit_rows], smoothing)
        for i in held_rows:
            oof[i] = enc(train[i])
    return oof, test_enc


def oracle_edges(train, n_bins, strategy):
    values = np.array([v for v in train if not np.isnan(v)], dtype=float)
    if strategy == "quantile":
        edges = np.quantile(values, np.linspace(0, 1, n_bins + 1))
    else:
        edges = np.linspace(values.min(), values.max(), n_bins + 1)
    return np.unique(edges)


def oracle_codes(values, edges):
    """Code = number of inner edges <= v (so out-of-range values land in the end bins)."""
    inner = edges[1:-1]
    return np.array([np.nan if np.isnan(v) else float(np.sum(inner <= v)) for v in values])


# ---------------------------------------------------------------- comparison helpers


def as_float(values) -> np.ndarray:
    """Values of a returned Series/array as float64 (missing -> NaN), whatever the dtype."""
    return pd.Series(values).astype("float64").to_numpy()


def assert_values(got, want, what, rtol=RTOL, atol=ATOL):
    got, want = as_float(got), np.asarray(want, dtype=float)
    assert got.shape == want.shape, f"{what}: expected {want.shape[0]} values, got {got.shape[0]}"
    bad_nan = np.flatnonzero(np.isnan(got) != np.isnan(want))
    assert len(bad_nan) == 0, (
        f"{what}: missing values in the wrong places; at position {bad_nan[0]} expected "
        f"{float(want[bad_nan[0]])}, got {float(got[bad_nan[0]])}")
    ok = np.isclose(got, want, rtol=rtol, atol=atol) | np.isnan(want)
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise AssertionError(f"{what}: {int((~ok).sum())} of {len(want)} values differ; "
                             f"at position {i} expected {float(want[i])!r}, got {float(got[i])!r}")


def assert_same_index_and_name(got, source, what):
    assert list(got.index) == list(source.index), (
        f"{what}: expected the index of the input Series (first labels "
        f"{list(source.index[:3])}), got {list(got.index[:3])}")
    assert got.name == source.name, f"{what}: expected name {source.name!r}, got {got.name!r}"


def parts_frame(values, column):
    """Expected six-part DataFrame (float, NaN when unparseable) for a list of values."""
    rows = []
    for v in values:
        p = oracle_parts(v)
        rows.append([np.nan] * 6 if p is None else [p[name] for name in PARTS])
    return pd.DataFrame(rows, columns=[f"{column}_{name}" for name in PARTS], dtype=float)


# ---------------------------------------------------------------- add_datetime_features


@pytest.mark.points(3)
def test_datetime_parts_follow_the_calendar(submission, rng):
    """Year, month, day, hour, day of week (Monday = 0, Sunday = 6) and the weekend flag (Saturday and Sunday) come from the time stamp."""
    col = f"when_{rng.integers(100, 999)}"
    times = stamps(rng, 400)
    df = pd.DataFrame({col: [as_text(t) for t in times], "x": rng.normal(size=400)})
    got = submission.features.add_datetime_features(df, col)
    want = parts_frame(times, col)
    for name in want.columns:
        assert name in got.columns, f"expected a column {name!r}, got columns {list(got.columns)}"
        assert_values(got[name], want[name], f"column {name}")


@pytest.mark.points(2)
def test_datetime_unparseable_values_become_missing(submission, rng):
    """A value that is not a time stamp gives a missing value in all six new columns of its row, never an error; the other rows are unaffected."""
    col = f"ts_{rng.integers(100, 999)}"
    values = [as_text(t) for t in stamps(rng, 200)]
    bad = rng.choice(200, size=25, replace=False)
    for i in bad:
        values[i] = garbage(rng)
    df = pd.DataFrame({col: values})
    got = submission.features.add_datetime_features(df, col)
    want = parts_frame(values, col)
    for name in want.columns:
        assert_values(got[name], want[name], f"column {name} (with {len(bad)} unparseable rows)")


@pytest.mark.points(1)
def test_datetime_columns_order_and_dtype(submission, rng):
    """The result keeps every input column unchanged, then appends the six parts in the README's order, each of dtype Int64."""
    col = f"dep_{rng.integers(100, 999)}"
    values = [as_text(t) for t in stamps(rng, 50)]
    values[int(rng.integers(50))] = "not a date"
    df = pd.DataFrame({"a": rng.integers(0, 9, 50), col: values, "b": rng.normal(size=50)})
    got = submission.features.add_datetime_features(df, col)
    want_cols = ["a", col, "b"] + [f"{col}_{p}" for p in PARTS]
    assert list(got.columns) == want_cols, f"expected columns {want_cols}, got {list(got.columns)}"
    for name in want_cols[3:]:
        assert str(got[name].dtype) == "Int64", (
            f"column {name}: expected dtype Int64, got {got[name].dtype}")
    assert list(got[col].astype(object)) == list(df[col].astype(object)), (
        f"the original column {col!r} must stay unchanged")
    assert list(got.index) == list(df.index), "expected the input's index on the result"


@pytest.mark.points(1)
def test_datetime_accepts_datetime_dtype(submission, rng):
    """A column that already holds datetimes (datetime64) works the same as ISO strings."""
    col = f"t{rng.integers(100, 999)}"
    times = stamps(rng, 120)
    df = pd.DataFrame({col: pd.to_datetime(pd.Series(times))})
    got = submission.features.add_datetime_features(df, col)
    want = parts_frame(times, col)
    for name in want.columns:
        assert_values(got[name], want[name], f"column {name} from a datetime64 column")


# ---------------------------------------------------------------- frequency_encode


@pytest.mark.points(2)
def test_frequency_encode_is_share_of_train_rows(submission, rng):
    """Each category is encoded by its count in train divided by the number of train rows."""
    pool = words(rng, int(rng.integers(4, 9)))
    train = pd.Series(categories(rng, 300, pool), name="cat")
    test = pd.Series(categories(rng, 80, pool), name="cat")
    got_train, got_test = submission.features.frequency_encode(train, test)
    want_train, want_test = oracle_frequency(list(train), list(test))
    assert_values(got_train, want_train, "train encodings")
    assert_values(got_test, want_test, "test encodings")


@pytest.mark.points(2)
def test_frequency_encode_unseen_and_missing(submission, rng):
    """Categories unseen in train get 0.0; missing values are a category of their own, counted among all train rows."""
    pool = words(rng, 5)
    unseen = words(rng, 3, prefix="new_")
    train = pd.Series(categories(rng, 200, pool, p_missing=0.15, must_have=[None]),
                      name="carrier")
    test = pd.Series(categories(rng, 60, pool, p_missing=0.2, must_have=unseen + [None]),
                     name="carrier")
    got_train, got_test = submission.features.frequency_encode(train, test)
    want_train, want_test = oracle_frequency(list(train), list(test))
    assert_values(got_train, want_train, "train encodings (train has missing values)")
    assert_values(got_test, want_test, "test encodings (unseen categories -> 0.0, missing -> share)")

    clean = pd.Series(categories(rng, 100, pool), name="carrier")
    got_train, got_test = submission.features.frequency_encode(clean, test)
    want_train, want_test = oracle_frequency(list(clean), list(test))
    assert_values(got_test, want_test, "test encodings when train has no missing value "
                                       "(a missing test value is unseen -> 0.0)")


@pytest.mark.points(1)
def test_encoders_keep_index_name_and_dtype(submission, rng):
    """Returned Series keep the index and name of their input; encodings are float64 and bin codes Int64."""
    pool = words(rng, 4)
    train = pd.Series(categories(rng, 60, pool), index=shuffled_index(rng, 60), name="origin")
    test = pd.Series(categories(rng, 20, pool), index=shuffled_index(rng, 20), name="dest")
    y = rng.integers(0, 2, 60)
    calls = {
        "frequency_encode": submission.features.frequency_encode(train, test),
        "target_encode": submission.features.target_encode(train, y, test, n_splits=3),
    }
    for fname, (got_train, got_test) in calls.items():
        assert_same_index_and_name(got_train, train, f"{fname} train output")
        assert_same_index_and_name(got_test, test, f"{fname} test output")
        for label, got in (("train", got_train), ("test", got_test)):
            assert str(got.dtype) == "float64", (
                f"{fname} {label} output: expected dtype float64, got {got.dtype}")
    numbers = pd.Series(rng.normal(size=60), index=train.index, name="distance")
    other = pd.Series(rng.normal(size=20), index=test.index, name="miles")
    got_train, got_test = submission.features.bin_numeric(numbers, other, n_bins=4)
    assert_same_index_and_name(got_train, numbers, "bin_numeric train output")
    assert_same_index_and_name(got_test, other, "bin_numeric test output")
    for label, got in (("train", got_train), ("test", got_test)):
        assert str(got.dtype) == "Int64", f"bin_numeric {label} output: expected Int64, got {got.dtype}"


# ---------------------------------------------------------------- target_encode


def target_case(rng, n=300, p_missing=0.0):
    pool = words(rng, int(rng.integers(5, 10)))
    train = pd.Series(categories(rng, n, pool, p_missing=p_missing), name="dest")
    rates = dict(zip(pool, rng.uniform(0.05, 0.8, len(pool))))
    y = np.array([rng.random() < rates.get(v, 0.3) for v in train], dtype=int)
    return pool, train, y


@pytest.mark.points(3)
def test_target_encode_test_values_use_all_of_train(submission, rng):
    """Test rows get (n_c * mean_c + smoothing * prior) / (n_c + smoothing) with n_c, mean_c and prior = mean(y) from all train rows."""
    pool, train, y = target_case(rng)
    test = pd.Series(categories(rng, 100, pool), name="dest")
    smoothing = float(rng.uniform(0.5, 30))
    _, got = submission.features.target_encode(train, y, test, smoothing=smoothing,
                                               n_splits=4, random_state=int(rng.integers(1000)))
    _, want = oracle_target(list(train), y, list(test), smoothing, 4, 0)
    assert_values(got, want, f"test encodings (smoothing={smoothing:.3f})")

    # y given as a Series with a scrambled index is still matched by position
    y_series = pd.Series(y, index=shuffled_index(rng, len(y)))
    _, got = submission.features.target_encode(train, y_series, test, smoothing=smoothing)
    assert_values(got, want, "test encodings when y is a Series with another index "
                             "(y is matched to train by position)")


@pytest.mark.points(3)
def test_target_encode_train_values_are_out_of_fold(submission, rng):
    """Train rows are encoded out-of-fold: KFold(n_splits, shuffle=True, random_state) and, per fold, the prior and category statistics of the other folds only."""
    pool, train, y = target_case(rng)
    smoothing = float(rng.uniform(1, 20))
    n_splits = int(rng.integers(3, 7))
    random_state = int(rng.integers(10_000))
    got, _ = submission.features.target_encode(train, y, train.iloc[:5], smoothing=smoothing,
                                               n_splits=n_splits, random_state=random_state)
    want, in_sample = oracle_target(list(train), y, list(train), smoothing, n_splits, random_state)
    assert not np.allclose(as_float(got), in_sample), (
        "train encodings equal the in-sample encodings computed on all of train: each row "
        "saw its own target (leakage); they must be out-of-fold")
    assert_values(got, want, f"out-of-fold train encodings (n_splits={n_splits}, "
                             f"random_state={random_state}, smoothing={smoothing:.3f})")


@pytest.mark.points(2)
def test_target_encode_row_never_sees_own_target(submission, rng):
    """Changing one training row's target never changes that row's own train encoding."""
    pool, train, y = target_case(rng, n=150)
    base, _ = submission.features.target_encode(train, y, train.iloc[:3], n_splits=5)
    base = as_float(base)
    for i in rng.choice(len(train), size=3, replace=False):
        flipped = y.copy()
        flipped[i] = 1 - flipped[i]
        got, _ = submission.features.target_encode(train, flipped, train.iloc[:3], n_splits=5)
        got = as_float(got)
        assert np.isclose(got[i], base[i], rtol=RTOL, atol=ATOL), (
            f"flipping the target of train row {i} changed its own encoding from "
            f"{float(base[i])!r} to {float(got[i])!r}: the row sees its own target (leakage)")


@pytest.mark.points(1)
def test_target_encode_unseen_and_missing(submission, rng):
    """Unseen test categories get the prior (mean of all train targets); missing values are a category of their own."""
    pool, train, y = target_case(rng, p_missing=0.1)
    test = pd.Series(categories(rng, 60, pool, p_missing=0.2,
                                must_have=words(rng, 2, prefix="zz") + [None]), name="dest")
    got_train, got_test = submission.features.target_encode(train, y, test, smoothing=5.0,
                                                             n_splits=3, random_state=7)
    want_train, want_test = oracle_target(list(train), y, list(test), 5.0, 3, 7)
    assert_values(got_test, want_test, "test encodings (unseen -> prior, missing -> its own mean)")
    assert_values(got_train, want_train, "out-of-fold train encodings with missing categories")


# ---------------------------------------------------------------- bin_numeric


@pytest.mark.points(3)
def test_bin_quantile_edges_from_train(submission, rng):
    """Quantile edges np.quantile(train, linspace(0, 1, n_bins + 1)); v is in bin i when edges[i] <= v < edges[i+1], the maximum in the last bin."""
    n_bins = int(rng.integers(3, 9))
    train = pd.Series(rng.lognormal(3, 1, size=int(rng.integers(200, 400))), name="distance")
    test = pd.Series(rng.lognormal(3, 1.2, size=100), name="distance")
    got_train, got_test = submission.features.bin_numeric(train, test, n_bins=n_bins)
    edges = oracle_edges(list(train), n_bins, "quantile")
    assert_values(got_train, oracle_codes(train.to_numpy(), edges), f"train codes (n_bins={n_bins})")
    assert_values(got_test, oracle_codes(test.to_numpy(), edges), f"test codes (n_bins={n_bins})")
    counts = np.bincount(as_float(got_train).astype(int), minlength=n_bins)
    assert len(counts) == n_bins and counts.max() - counts.min() <= 2, (
        f"quantile bins of distinct train values should hold nearly equal counts, got {counts}")


@pytest.mark.points(2)
def test_bin_uniform_edges_from_train(submission, rng):
    """Uniform edges np.linspace(train.min(), train.max(), n_bins + 1)."""
    n_bins = int(rng.integers(2, 8))
    train = pd.Series(rng.normal(50, 20, size=250), name="x")
    test = pd.Series(rng.normal(50, 20, size=80), name="x")
    got_train, got_test = submission.features.bin_numeric(train, test, n_bins=n_bins,
                                                          strategy="uniform")
    edges = oracle_edges(list(train), n_bins, "uniform")
    assert_values(got_train, oracle_codes(train.to_numpy(), edges), f"train codes (uniform, n_bins={n_bins})")
    assert_values(got_test, oracle_codes(test.to_numpy(), edges), f"test codes (uniform, n_bins={n_bins})")


@pytest.mark.points(2)
def test_bin_out_of_range_and_missing(submission, rng):
    """Test values below or above the train range fall in the first or last bin; missing values (in train or test) get a missing code and are ignored when learning edges."""
    n_bins = int(rng.integers(3, 7))
    values = rng.uniform(10, 20, size=200)
    values[rng.choice(200, size=15, replace=False)] = np.nan
    train = pd.Series(values, name="v")
    test_values = np.concatenate([rng.uniform(-50, 9.9, 10), rng.uniform(20.1, 90, 10),
                                  rng.uniform(10, 20, 10), [np.nan] * 3])
    test = pd.Series(rng.permutation(test_values), name="v")
    for strategy in ("quantile", "uniform"):
        got_train, got_test = submission.features.bin_numeric(train, test, n_bins=n_bins,
                                                              strategy=strategy)
        edges = oracle_edges(list(values), n_bins, strategy)
        assert_values(got_train, oracle_codes(values, edges),
                      f"{strategy} train codes with missing train values")
        assert_values(got_test, oracle_codes(test.to_numpy(), edges),
                      f"{strategy} test codes with out-of-range and missing values")


@pytest.mark.points(2)
def test_bin_duplicate_edges_are_merged(submission, rng):
    """Duplicate quantile edges are merged (np.unique), leaving k = len(edges) - 1 bins coded 0..k-1 with no gaps."""
    common = float(rng.integers(1, 50))
    values = np.where(rng.random(300) < 0.6, common, rng.integers(0, 100, 300)).astype(float)
    n_bins = int(rng.integers(6, 11))
    train = pd.Series(values, name="v")
    test = pd.Series(rng.integers(-10, 120, 60).astype(float), name="v")
    got_train, got_test = submission.features.bin_numeric(train, test, n_bins=n_bins)
    edges = oracle_edges(list(values), n_bins, "quantile")
    k = len(edges) - 1
    assert_values(got_train, oracle_codes(values, edges),
                  f"train codes ({n_bins} bins asked, {k} left after merging duplicate edges)")
    assert_values(got_test, oracle_codes(test.to_numpy(), edges),
                  f"test codes ({n_bins} bins asked, {k} left after merging duplicate edges)")

    constant = pd.Series(np.full(20, common), name="v")
    got_train, got_test = submission.features.bin_numeric(constant, test, n_bins=n_bins)
    assert_values(got_train, np.zeros(20), "codes when every train value is the same (one bin)")
    assert_values(got_test, np.zeros(len(test)), "test codes when train has a single bin")


@pytest.mark.points(2)
def test_bin_edges_do_not_depend_on_test(submission, rng):
    """Bin edges are learned from train only: the same test value gets the same code whatever else is in the test set."""
    n_bins = int(rng.integers(3, 7))
    train = pd.Series(rng.normal(0, 1, 200), name="v")
    test_a = pd.Series(rng.normal(0, 1, 50), name="v")
    test_b = pd.Series(np.concatenate([test_a.to_numpy(), rng.normal(5, 3, 150)]), name="v")
    edges = oracle_edges(list(train), n_bins, "quantile")
    for label, test in (("a test set", test_a), ("a larger, shifted test set", test_b)):
        _, got = submission.features.bin_numeric(train, test, n_bins=n_bins)
        assert_values(got, oracle_codes(test.to_numpy(), edges),
                      f"test codes for {label} (edges must come from train)")


# ---------------------------------------------------------------- errors and mutation


@pytest.mark.points(1)
def test_invalid_names_raise_value_error(submission, rng):
    """Unknown column names and strategies raise ValueError with a message naming them."""
    col = f"nope_{rng.integers(100, 999)}"
    df = pd.DataFrame({"t": [as_text(t) for t in stamps(rng, 10)], "x": rng.normal(size=10)})
    with pytest.raises(ValueError, match=re.escape(col)):
        submission.features.add_datetime_features(df, col)
    word = f"median{rng.integers(10, 99)}"
    with pytest.raises(ValueError, match=re.escape(word)):
        submission.features.bin_numeric(df["x"], df["x"], strategy=word)
    FE = submission.features.FeatureEngineer
    y = rng.integers(0, 2, 10)
    for params, bad in (
        ({"numeric_cols": ["x", col]}, col),
        ({"numeric_cols": ["x"], "scaling": word}, word),
        ({"categorical_cols": ["t"], "categorical_encoding": word}, word),
        ({"binned_cols": ["x"], "bin_strategy": word}, word),
    ):
        with pytest.raises(ValueError, match=re.escape(bad)):
            FE(**params).fit(df, y)


@pytest.mark.points(1)
def test_functions_do_not_mutate_inputs(submission, rng):
    """No function changes the DataFrame or Series it is given."""
    pool = words(rng, 4)
    df = pd.DataFrame({"t": [as_text(t) for t in stamps(rng, 40)]})
    train = pd.Series(categories(rng, 40, pool, 0.1), name="c")
    test = pd.Series(categories(rng, 15, pool, 0.1), name="c")
    y = pd.Series(rng.integers(0, 2, 40).astype(float))
    nums = pd.Series(rng.normal(size=40), name="n")
    calls = [
        ("add_datetime_features", (df, "t")),
        ("frequency_encode", (train, test)),
        ("target_encode", (train, y, test)),
        ("bin_numeric", (nums, nums.iloc[:10])),
    ]
    for name, args in calls:
        func = getattr(submission.features, name)
        # pass copies, keep the originals: in-process the call may change what it was given
        copies = [a if isinstance(a, str) else a.copy() for a in args]
        _, after, _ = submission.inputs_after(func, *copies)
        for i, (before, now) in enumerate(zip(args, after)):
            if isinstance(before, str):
                continue
            check = pd.testing.assert_frame_equal if isinstance(before, pd.DataFrame) \
                else pd.testing.assert_series_equal
            try:
                check(now, before)
            except AssertionError as exc:
                raise AssertionError(f"{name} changed its argument {i}: {exc}") from None


# ---------------------------------------------------------------- FeatureEngineer


def fe_case(rng, n_train=240, n_test=80):
    """A train and a test frame with a datetime, a categorical and a numeric column."""
    t, c, x = (f"{p}{rng.integers(100, 999)}" for p in ("time", "kind", "size"))
    pool = words(rng, 6)
    train = pd.DataFrame({
        t: [as_text(s) for s in stamps(rng, n_train)],
        c: categories(rng, n_train, pool),
        x: rng.gamma(2.0, 300.0, n_train),
        "noise": rng.normal(size=n_train),
    }, index=shuffled_index(rng, n_train))
    test = pd.DataFrame({
        t: [as_text(s) for s in stamps(rng, n_test)],
        c: categories(rng, n_test, pool, must_have=words(rng, 2, prefix="new")),
        x: np.concatenate([rng.gamma(2.0, 300.0, n_test - 4), [-100.0, 0.0, 5e4, 1e5]]),
        "noise": rng.normal(size=n_test),
    }, index=shuffled_index(rng, n_test))
    y = (rng.random(n_train) < 0.3).astype(int)
    return train, test, y, (t, c, x)


def oracle_fe(train, y, test, cols, encoding, scaling, n_bins, strategy, smoothing=10.0,
              n_splits=5, random_state=0, out_of_fold=False):
    """Expected output of FeatureEngineer fitted on train, applied to test."""
    t, c, x = cols
    out = parts_frame(list(test[t]), t)
    if encoding == "frequency":
        _, out[f"{c}_freq"] = oracle_frequency(list(train[c]), list(test[c]))
    else:
        oof, full = oracle_target(list(train[c]), y, list(test[c]), smoothing, n_splits,
                                  random_state)
        out[f"{c}_target"] = oof if out_of_fold else full
    values = train[x].to_numpy(dtype=float)
    if scaling == "standard":
        center, spread = values.mean(), values.std()
    else:
        center, spread = values.min(), values.max() - values.min()
    out[f"{x}_scaled"] = (test[x].to_numpy(dtype=float) - center) / spread
    out[f"{x}_bin"] = oracle_codes(test[x].to_numpy(dtype=float),
                                   oracle_edges(list(values), n_bins, strategy))
    out.index = test.index
    return out


def assert_frame_matches(got, want, what):
    assert list(got.columns) == list(want.columns), (
        f"{what}: expected columns {list(want.columns)}, got {list(got.columns)}")
    assert list(got.index) == list(want.index), f"{what}: expected the input's index"
    for name in want.columns:
        assert str(got[name].dtype) == "float64", (
            f"{what}: column {name} expected dtype float64, got {got[name].dtype}")
        assert_values(got[name], want[name], f"{what}, column {name}", atol=1e-9)


def make_fe(submission, cols, **params):
    t, c, x = cols
    return submission.features.FeatureEngineer(datetime_cols=[t], categorical_cols=[c],
                                               numeric_cols=[x], binned_cols=[x], **params)


@pytest.mark.points(3)
def test_feature_engineer_transform_follows_the_rules(submission, rng):
    """fit learns shares, mean/std and bin edges from the training frame; transform applies them to new data (unseen categories 0.0, out-of-range numbers in the end bins), with float64 columns in the README's order."""
    train, test, y, cols = fe_case(rng)
    n_bins = int(rng.integers(3, 7))
    fe = make_fe(submission, cols, n_bins=n_bins)
    got = fe.fit(train, y).transform(test)
    want = oracle_fe(train, y, test, cols, "frequency", "standard", n_bins, "quantile")
    assert_frame_matches(got, want, "transform(test) with frequency encoding and standard scaling")


@pytest.mark.points(2)
def test_feature_engineer_target_encoding_and_minmax(submission, rng):
    """With target encoding, transform uses the table learned on all of the fit data (unseen: the prior); minmax scaling uses the fit data's min and max."""
    train, test, y, cols = fe_case(rng)
    smoothing = float(rng.uniform(1, 20))
    fe = make_fe(submission, cols, categorical_encoding="target", scaling="minmax",
                 bin_strategy="uniform", n_bins=4, smoothing=smoothing)
    got = fe.fit(train, y).transform(test)
    want = oracle_fe(train, y, test, cols, "target", "minmax", 4, "uniform", smoothing=smoothing)
    assert_frame_matches(got, want, "transform(test) with target encoding and minmax scaling")


@pytest.mark.points(3)
def test_feature_engineer_fit_transform_is_out_of_fold(submission, rng):
    """fit_transform(X, y) with target encoding returns out-of-fold encodings for the training rows (same KFold rule as target_encode); the other columns equal transform."""
    train, _, y, cols = fe_case(rng)
    n_splits = int(rng.integers(3, 6))
    random_state = int(rng.integers(10_000))
    fe = make_fe(submission, cols, categorical_encoding="target", n_splits=n_splits,
                 random_state=random_state)
    got = fe.fit_transform(train, y)
    want = oracle_fe(train, y, train, cols, "target", "standard", 5, "quantile",
                     n_splits=n_splits, random_state=random_state, out_of_fold=True)
    assert_frame_matches(got, want, f"fit_transform(train, y) (n_splits={n_splits}, "
                                    f"random_state={random_state})")


@pytest.mark.points(3)
def test_feature_engineer_transform_learns_nothing(submission, rng):
    """transform only applies what fit learned: a row's output does not change when other rows are added to the data being transformed."""
    train, test, y, cols = fe_case(rng)
    t, c, x = cols
    for encoding in ("frequency", "target"):
        fe = make_fe(submission, cols, categorical_encoding=encoding).fit(train, y)
        alone = fe.transform(test)
        shifted = test.sample(frac=1.0, random_state=int(rng.integers(1000))).copy()
        shifted[x] = shifted[x] * 10 + 5000
        shifted[c] = words(rng, 1, prefix="other")[0]
        shifted.index = shifted.index + 10_000_000
        together = fe.transform(pd.concat([test, shifted]))
        want = oracle_fe(train, y, test, cols, encoding, "standard", 5, "quantile")
        assert_frame_matches(alone, want, f"transform(test) after fit(train) ({encoding})")
        assert_frame_matches(together.loc[test.index], want,
                             f"rows of test transformed together with other rows ({encoding})")


@pytest.mark.points(1)
def test_feature_engineer_feature_names(submission, rng):
    """get_feature_names_out() lists the output columns in order: datetime parts, categories, scaled, binned."""
    train, _, y, (t, c, x) = fe_case(rng, n_train=60)
    other = "noise"
    fe = submission.features.FeatureEngineer(
        datetime_cols=[t], categorical_cols=[c], categorical_encoding="target",
        numeric_cols=[x, other], scaling="minmax", binned_cols=[other])
    out = fe.fit_transform(train, y)
    want = [f"{t}_{p}" for p in PARTS] + [f"{c}_target", f"{x}_scaled", f"{other}_scaled",
                                          f"{other}_bin"]
    names = [str(n) for n in fe.get_feature_names_out()]
    assert names == want, f"expected feature names {want}, got {names}"
    assert list(out.columns) == want, f"expected output columns {want}, got {list(out.columns)}"


@pytest.mark.points(2)
def test_feature_engineer_clone_and_params(submission, rng):
    """FeatureEngineer follows scikit-learn conventions: get_params returns the constructor arguments, set_params changes them, clone copies them unfitted."""
    train, test, y, cols = fe_case(rng, n_train=100, n_test=30)
    n_bins = int(rng.integers(2, 5))
    fe = make_fe(submission, cols, n_bins=n_bins, smoothing=3.5)
    fe.fit(train, y).transform(test)
    params = fe.get_params()
    assert params.get("n_bins") == n_bins and params.get("numeric_cols") == [cols[2]], (
        f"get_params(): expected n_bins={n_bins} and numeric_cols={[cols[2]]}, got {params}")
    described = submission.describe(submission.run(sklearn.base.clone, fe))
    assert described.get("class") == "FeatureEngineer", f"clone gave {described.get('class')}"
    assert described["params"]["n_bins"] == n_bins and described["params"]["smoothing"] == 3.5, (
        f"clone must keep the parameters; got {described['params']}")
    fe.set_params(n_bins=n_bins + 2, scaling="minmax")
    assert fe.get_params().get("scaling") == "minmax", "set_params(scaling='minmax') had no effect"
    got = fe.fit(train, y).transform(test)
    want = oracle_fe(train, y, test, cols, "frequency", "minmax", n_bins + 2, "quantile")
    assert_frame_matches(got, want, "transform after set_params(n_bins=..., scaling='minmax')")


@pytest.mark.points(1)
def test_feature_engineer_does_not_mutate(submission, rng):
    """fit, transform and fit_transform leave the input frame unchanged."""
    train, test, y, cols = fe_case(rng, n_train=80, n_test=20)
    fe = make_fe(submission, cols, categorical_encoding="target")
    for method, args in (("fit", (train, y)), ("fit_transform", (train, y)),
                         ("transform", (test,))):
        copies = [a.copy() for a in args]
        _, after, _ = submission.inputs_after(getattr(fe, method), *copies)
        try:
            pd.testing.assert_frame_equal(after[0], args[0])
        except AssertionError as exc:
            raise AssertionError(f"FeatureEngineer.{method} changed its input X: {exc}") from None


FLIGHT_COLS = ["scheduled_departure", "carrier", "origin", "dest", "distance"]


def flights(datasets_dir, rng, n):
    data = pd.read_csv(datasets_dir / "flights_sample.csv")
    rows = np.sort(rng.choice(len(data), size=n, replace=False))
    sample = data.iloc[rows].reset_index(drop=True)
    return sample[FLIGHT_COLS], sample["delayed"].to_numpy()


def flights_fe(submission, encoding):
    return submission.features.FeatureEngineer(
        datetime_cols=["scheduled_departure"], categorical_cols=["carrier", "origin", "dest"],
        categorical_encoding=encoding, numeric_cols=["distance"], binned_cols=["distance"])


@pytest.mark.points(2)
def test_feature_engineer_on_flights_matches_rules(submission, rng, datasets_dir):
    """On the real flights sample, fit on one part and transform another gives the README's features, with no missing values."""
    X, y = flights(datasets_dir, rng, 3000)
    train, test = X.iloc[:2000], X.iloc[2000:]
    fe = flights_fe(submission, "target").fit(train, y[:2000])
    got = fe.transform(test)
    assert not got.isna().any().any(), (
        f"the flights data has no missing values, so the output must have none; got "
        f"{int(got.isna().sum().sum())} missing values")
    want = parts_frame(list(test["scheduled_departure"]), "scheduled_departure")
    for c in ("carrier", "origin", "dest"):
        _, want[f"{c}_target"] = oracle_target(list(train[c]), y[:2000], list(test[c]),
                                               10.0, 5, 0)
    d = train["distance"].to_numpy(dtype=float)
    want["distance_scaled"] = (test["distance"].to_numpy(dtype=float) - d.mean()) / d.std()
    want["distance_bin"] = oracle_codes(test["distance"].to_numpy(dtype=float),
                                        oracle_edges(list(d), 5, "quantile"))
    want.index = test.index
    assert_frame_matches(got, want, "flights: transform(test) after fit(train)")


@pytest.mark.points(3)
def test_feature_engineer_in_pipeline_cross_val_score(submission, rng, datasets_dir):
    """FeatureEngineer runs inside a Pipeline with cross_val_score on the flights sample, and the model beats chance (ROC AUC well above 0.5)."""
    X, y = flights(datasets_dir, rng, 5000)
    for encoding in ("target", "frequency"):
        fe = flights_fe(submission, encoding)
        out = fe.fit_transform(X, y)
        assert not out.isna().any().any(), (
            f"fit_transform on the flights data ({encoding}) must give no missing values")
        pipe = Pipeline([("fe", fe), ("scale", StandardScaler()),
                         ("model", LogisticRegression(max_iter=1000))])
        scores = submission.run(sklearn.model_selection.cross_val_score, pipe, X, y, cv=3,
                                scoring="roc_auc")
        scores = np.asarray(scores, dtype=float)
        assert scores.shape == (3,) and np.isfinite(scores).all(), (
            f"expected 3 finite cross-validation scores ({encoding}), got {scores}")
        assert scores.mean() > 0.57, (
            f"expected a mean ROC AUC above 0.57 with {encoding} encoding (the reference "
            f"features give about 0.62 to 0.66), got {scores.mean():.3f}")
