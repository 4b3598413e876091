"""Hidden tests for data_cleaning: every rule of exercises/data_cleaning/README.md.

The person's code is reached only through the `submission` fixture. Inputs come from the
`rng` fixture or are small frames built from the rule; expected values come from the
oracles below (numpy medians and percentiles, plain loops), never from the reference.
"""

from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pytest
from pandas.api.types import is_bool_dtype, is_numeric_dtype

PROFILE_COLUMNS = ["dtype", "missing", "missing_fraction", "unique", "outliers"]
SEPARATORS = [" ", "  ", "-", "_", "__", " (", ") ", "/", ".", " - ", "%", ": ", "#"]

# ---------------------------------------------------------------- oracles


def _numeric(df: pd.DataFrame) -> list:
    return [c for c in df.columns
            if is_numeric_dtype(df[c].dtype) and not is_bool_dtype(df[c].dtype)]


def _floats(s: pd.Series) -> np.ndarray:
    return s.to_numpy(dtype="float64", na_value=np.nan)


_LOWER_OR_DIGIT = set(string.ascii_lowercase + string.digits)
_UPPER = set(string.ascii_uppercase)
_ALNUM = set(string.ascii_letters + string.digits)


def _snake_oracle(name: str) -> str:
    """The README's to_snake_case rules, written as a character loop."""
    s = name.strip()
    out = []
    for i, ch in enumerate(s):
        prev = s[i - 1] if i > 0 else ""
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch in _UPPER and (prev in _LOWER_OR_DIGIT and prev
                             or prev in _UPPER and prev and nxt in string.ascii_lowercase and nxt):
            out.append("_")
        out.append(ch if ch in _ALNUM else "_")
    text = "".join(out)
    while "__" in text:
        text = text.replace("__", "_")
    return text.lower().strip("_")


def _oracle_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    seen, keep = set(), []
    for row in df.itertuples(index=False):
        key = tuple("<missing>" if pd.isna(v) else v for v in row)
        keep.append(key not in seen)
        seen.add(key)
    return df[np.array(keep, dtype=bool)]


def _oracle_sparse(df: pd.DataFrame, t: float = 0.5) -> pd.DataFrame:
    fraction = df.isna().to_numpy().sum(axis=1) / df.shape[1]
    return df[~(fraction > t)]


def _oracle_fill(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in _numeric(df):
        x = _floats(df[c])
        present = ~np.isnan(x)
        if present.any() and not present.all():
            out[c] = np.where(present, x, np.median(x[present]))
    return out


def _outlier_mask(x: np.ndarray, k: float) -> np.ndarray:
    present = ~np.isnan(x)
    if not present.any():
        return np.zeros(x.shape, dtype=bool)
    q1, q3 = np.percentile(x[present], [25, 75])
    iqr = q3 - q1
    with np.errstate(invalid="ignore"):
        return (x < q1 - k * iqr) | (x > q3 + k * iqr)


def _oracle_outliers(df: pd.DataFrame, k: float = 1.5) -> pd.DataFrame:
    out = df.copy()
    for c in _numeric(df):
        x = _floats(df[c])
        mask = _outlier_mask(x, k)
        if mask.any():
            out[c] = np.where(mask, np.nanmedian(x), x)
    return out


def _oracle_clean(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [_snake_oracle(str(c)) for c in df.columns]
    out = _oracle_duplicates(out)
    out = _oracle_sparse(out)
    out = _oracle_fill(out)
    out = _oracle_outliers(out)
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- comparing frames


def _cell(v):
    return None if pd.isna(v) else v


def _assert_frame_matches(got, want: pd.DataFrame, what: str) -> None:
    """Same columns, index labels and values; numeric columns compared as numbers."""
    assert list(got.columns) == list(want.columns), (
        f"{what}: expected columns {list(want.columns)}, got {list(got.columns)}")
    assert list(got.index) == list(want.index), (
        f"{what}: expected {len(want)} rows with index labels {list(want.index)[:12]}..., "
        f"got {len(got)} rows with labels {list(got.index)[:12]}...")
    numeric = set(_numeric(want))
    for c in want.columns:
        if c in numeric:
            try:
                g = _floats(got[c])
            except (TypeError, ValueError) as exc:
                raise AssertionError(f"{what}: column {c!r} should hold numbers, "
                                     f"got dtype {got[c].dtype} ({exc})") from None
            w = _floats(want[c])
            bad = ~((np.isnan(g) & np.isnan(w)) | np.isclose(g, w, rtol=1e-9, atol=1e-12))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise AssertionError(
                    f"{what}: column {c!r} differs in {int(bad.sum())} row(s); first at "
                    f"row {list(want.index)[i]!r}: expected {w[i]}, got {g[i]}")
        else:
            assert str(got[c].dtype) == str(want[c].dtype), (
                f"{what}: non-numeric column {c!r} must keep its dtype {want[c].dtype}, "
                f"got {got[c].dtype}")
            g, w = [_cell(v) for v in got[c]], [_cell(v) for v in want[c]]
            if g != w:
                i = next(i for i, (a, b) in enumerate(zip(g, w)) if a != b)
                raise AssertionError(
                    f"{what}: non-numeric column {c!r} must be left as it is; first "
                    f"difference at row {list(want.index)[i]!r}: expected {w[i]!r}, got {g[i]!r}")


# ---------------------------------------------------------------- generated inputs


def _word(rng, kind: str) -> str:
    letters = string.ascii_lowercase
    n = int(rng.integers(2, 7))
    word = "".join(rng.choice(list(letters), size=n))
    if kind == "acr":
        return word[: max(2, n - 2)].upper()
    if kind == "num":
        return str(int(rng.integers(0, 1000)))
    if rng.random() < 0.25:
        word += str(int(rng.integers(0, 100)))
    return word.capitalize() if kind == "title" else word


def _may_join(prev_kind: str, prev_word: str, kind: str) -> bool:
    """Whether prev+word with no separator is split exactly between them by the rules."""
    if kind == "title":
        return True  # after a lowercase letter or digit, or at the end of an acronym
    if kind == "acr":
        return prev_word[-1] in _LOWER_OR_DIGIT
    return False


def _random_name(rng, camel_only: bool = False):
    """(name, expected snake_case) built from words, separators and camel joins."""
    n = int(rng.integers(2, 5))
    words, kinds = [], []
    name = ""
    for i in range(n):
        if camel_only and i > 0:
            options = [k for k in ("title", "acr") if _may_join(kinds[-1], words[-1], k)]
            kind = str(rng.choice(options))
        else:
            kind = str(rng.choice(["lower", "title", "acr", "num"]))
        word = _word(rng, kind)
        if i > 0:
            joined = _may_join(kinds[-1], words[-1], kind) and (camel_only or rng.random() < 0.5)
            name += "" if joined else str(rng.choice(SEPARATORS))
        words.append(word)
        kinds.append(kind)
        name += word
    if not camel_only:
        name = str(rng.choice(["", " ", "  ", "(", "_"])) + name
        name += str(rng.choice(["", " ", ")", " (%)", "_ "]))
    return name, "_".join(w.lower() for w in words)


def _unique_names(rng, n: int):
    while True:
        pairs = [_random_name(rng) for _ in range(n)]
        if len({want for _, want in pairs}) == n and len({name for name, _ in pairs}) == n:
            return [p[0] for p in pairs], [p[1] for p in pairs]


def _str_column(rng, n: int, missing: float = 0.0) -> pd.Series:
    values = [str(rng.choice(["Biscoe", "Dream", "Torgersen", "Anvers"])) for _ in range(n)]
    values = [None if rng.random() < missing else v for v in values]
    return pd.Series(values, dtype="str")


def _with_missing(rng, x: np.ndarray, fraction: float) -> np.ndarray:
    x = x.astype(float).copy()
    x[rng.random(x.size) < fraction] = np.nan
    return x


def _mixed_frame(rng, n: int) -> pd.DataFrame:
    """Numeric columns of several dtypes with missing cells and outliers, plus non-numeric ones."""
    a = rng.normal(50, 10, n)
    a[rng.choice(n, size=3, replace=False)] = rng.choice([-1, 1], 3) * rng.uniform(200, 500, 3)
    ints = rng.integers(0, 100, n)
    ints[rng.integers(n)] = 10_000
    nullable = pd.array(rng.integers(0, 20, n), dtype="Int64")
    nullable[rng.random(n) < 0.2] = pd.NA
    return pd.DataFrame({
        "a": _with_missing(rng, a, 0.15),
        "skewed": _with_missing(rng, rng.lognormal(3, 1, n), 0.2),
        "ints": ints,
        "nullable": nullable,
        "flag": rng.random(n) < 0.1,
        "maybe": pd.array([None if rng.random() < 0.2 else bool(rng.random() < 0.1)
                           for _ in range(n)], dtype="boolean"),
        "place": _str_column(rng, n, missing=0.2),
    })


def _messy_frame(rng, n: int, index=None) -> pd.DataFrame:
    """A frame for clean(): messy names, duplicates, sparse rows and rows at the threshold."""
    base = _mixed_frame(rng, n)
    base["note"] = _str_column(rng, n, missing=0.1)  # 8 columns: 4 missing is exactly 0.5
    rows = base.to_dict("records")
    for _ in range(3):  # mostly-empty rows: only ints and flag filled (6 of 8 missing)
        sparse = {c: None for c in base.columns}
        sparse.update(ints=int(rng.integers(0, 100)), flag=bool(rng.random() < 0.5))
        rows.insert(int(rng.integers(len(rows) + 1)), sparse)
    for _ in range(2):  # rows exactly at the threshold: 4 of 8 missing, kept
        half = dict(rows[int(rng.integers(len(rows)))])
        half.update(a=None, skewed=None, nullable=None, maybe=None)
        half["place"] = half["place"] if _cell(half["place"]) is not None else "Dream"
        half["note"] = half["note"] if _cell(half["note"]) is not None else "Biscoe"
        rows.insert(int(rng.integers(len(rows) + 1)), half)
    for _ in range(4):  # exact duplicates, each after its original
        i = int(rng.integers(len(rows)))
        rows.insert(int(rng.integers(i + 1, len(rows) + 1)), dict(rows[i]))
    frame = pd.DataFrame({
        "a": pd.Series([r["a"] for r in rows], dtype="float64"),
        "skewed": pd.Series([r["skewed"] for r in rows], dtype="float64"),
        "ints": np.array([r["ints"] for r in rows], dtype="int64"),
        "nullable": pd.array([r["nullable"] for r in rows], dtype="Int64"),
        "flag": np.array([r["flag"] for r in rows], dtype=bool),
        "maybe": pd.array([r["maybe"] for r in rows], dtype="boolean"),
        "place": pd.Series([r["place"] for r in rows], dtype="str"),
        "note": pd.Series([r["note"] for r in rows], dtype="str"),
    })
    names, _ = _unique_names(rng, frame.shape[1])
    frame.columns = names
    if index is not None:
        frame.index = index(len(frame))
    return frame


def _labels(rng):
    """An index maker: shuffled, gappy integer labels, so an index reset is visible."""
    return lambda n: pd.Index(rng.choice(10 * n, size=n, replace=False) + 7)


# ---------------------------------------------------------------- to_snake_case


@pytest.mark.points(2)
def test_to_snake_case_readme_examples(submission):
    """to_snake_case turns the README's example names into the README's snake_case names."""
    examples = {
        "Culmen Length (mm)": "culmen_length_mm",
        "studyName": "study_name",
        "Delta 15 N (o/oo)": "delta_15_n_o_oo",
        "HTTPStatusCode": "http_status_code",
        "  Body Mass (g) ": "body_mass_g",
        "getHTTPResponse": "get_http_response",
        "Delta15N": "delta15_n",
        "__already__snake__": "already_snake",
    }
    for name, want in examples.items():
        got = submission.cleaning.to_snake_case(name)
        assert got == want, f"to_snake_case({name!r}): expected {want!r}, got {got!r}"


@pytest.mark.points(2)
def test_to_snake_case_generated_names(submission, rng):
    """to_snake_case strips, splits case boundaries, turns every run of other characters into one underscore and lowercases."""
    for _ in range(40):
        name, want = _random_name(rng)
        got = submission.cleaning.to_snake_case(name)
        assert got == want, f"to_snake_case({name!r}): expected {want!r}, got {got!r}"


@pytest.mark.points(2)
def test_to_snake_case_splits_camel_case_and_acronyms(submission, rng):
    """camelCase, PascalCase and acronyms are split into words: "maxDepthHTTPCode" -> "max_depth_http_code"."""
    for _ in range(30):
        name, want = _random_name(rng, camel_only=True)
        got = submission.cleaning.to_snake_case(name)
        assert got == want, f"to_snake_case({name!r}): expected {want!r}, got {got!r}"


# ---------------------------------------------------------------- normalize_column_names


def test_normalize_column_names_renames_every_column(submission, rng):
    """normalize_column_names renames each column with to_snake_case and keeps order, values, dtypes and index."""
    df = _mixed_frame(rng, 12)
    names, want_names = _unique_names(rng, df.shape[1])
    df.columns = names
    df.index = _labels(rng)(len(df))
    want = df.copy()
    want.columns = want_names
    got = submission.cleaning.normalize_column_names(df)
    _assert_frame_matches(got, want, "normalize_column_names")


def test_normalize_column_names_reports_a_clash(submission, rng):
    """Two columns that normalize to the same name give a ValueError naming the new name and both original columns."""
    words = [_word(rng, "lower") for _ in range(int(rng.integers(2, 4)))]
    first = " ".join(w.capitalize() for w in words) + " (" + _word(rng, "lower") + ")"
    unit = _snake_oracle(first).split("_")[-1]
    second = "-".join(w.upper() for w in words) + "-" + unit.upper()
    new = _snake_oracle(first)
    assert _snake_oracle(second) == new  # the test's own premise
    df = pd.DataFrame({"Other Column": rng.normal(size=4), first: rng.normal(size=4),
                       second: rng.normal(size=4)})
    with pytest.raises(ValueError) as info:
        submission.cleaning.normalize_column_names(df)
    message = str(info.value)
    for part in (new, first, second):
        assert part in message, (
            f"the ValueError message should contain {part!r} "
            f"(the clash of {first!r} and {second!r} on {new!r}); got {message!r}")


def test_normalize_column_names_rejects_an_empty_name(submission, rng):
    """A column whose name has no letters or digits gives a ValueError naming that column."""
    bad = "".join(rng.choice(list("()%/-_.#"), size=int(rng.integers(2, 5))))
    df = pd.DataFrame({"Body Mass (g)": rng.normal(size=3), bad: rng.normal(size=3)})
    with pytest.raises(ValueError) as info:
        submission.cleaning.normalize_column_names(df)
    assert bad in str(info.value), (
        f"the ValueError message should contain the column name {bad!r}; got {str(info.value)!r}")


# ---------------------------------------------------------------- drop_duplicate_rows


@pytest.mark.points(2)
def test_drop_duplicate_rows_keeps_the_first(submission, rng):
    """drop_duplicate_rows keeps the first of rows equal in every column (missing equals missing), with their index labels."""
    n = 40
    df = pd.DataFrame({
        "x": _with_missing(rng, rng.integers(0, 3, n), 0.2),
        "y": rng.integers(0, 2, n),
        "z": _str_column(rng, n, missing=0.2).replace({"Anvers": "Dream", "Torgersen": "Dream"}),
    }, index=_labels(rng)(n))
    want = _oracle_duplicates(df)
    assert 0 < len(want) < n
    got = submission.cleaning.drop_duplicate_rows(df)
    _assert_frame_matches(got, want, "drop_duplicate_rows")


# ---------------------------------------------------------------- drop_sparse_rows


@pytest.mark.points(2)
def test_drop_sparse_rows_keeps_rows_exactly_at_the_threshold(submission, rng):
    """drop_sparse_rows drops rows whose missing fraction is strictly greater than the threshold; a row exactly at it stays."""
    ncols = 8
    counts = np.repeat(np.arange(ncols + 1), 3)
    rng.shuffle(counts)
    data = rng.normal(size=(len(counts), ncols))
    for i, k in enumerate(counts):
        data[i, rng.choice(ncols, size=k, replace=False)] = np.nan
    df = pd.DataFrame(data, columns=[f"c{j}" for j in range(ncols)], index=_labels(rng)(len(counts)))
    for t in (0.25, 0.5, 0.75):
        want = df[~(counts / ncols > t)]
        got = submission.cleaning.drop_sparse_rows(df, max_missing_fraction=t)
        _assert_frame_matches(got, want, f"drop_sparse_rows(max_missing_fraction={t})")
    got = submission.cleaning.drop_sparse_rows(df)
    _assert_frame_matches(got, df[~(counts / ncols > 0.5)], "drop_sparse_rows with the default 0.5")


def test_drop_sparse_rows_generated_frames(submission, rng):
    """drop_sparse_rows counts missing cells of every dtype (NaN, None, pd.NA) over all columns."""
    df = _mixed_frame(rng, 30)
    df.iloc[rng.choice(30, size=6, replace=False), [0, 1, 3, 5, 6]] = None
    for t in (0.5, *rng.uniform(0.05, 0.95, size=2)):
        got = submission.cleaning.drop_sparse_rows(df, max_missing_fraction=float(t))
        _assert_frame_matches(got, _oracle_sparse(df, float(t)),
                              f"drop_sparse_rows(max_missing_fraction={t:.3f})")


def test_drop_sparse_rows_rejects_a_threshold_outside_0_1(submission, rng):
    """max_missing_fraction below 0 or above 1 gives a ValueError."""
    df = pd.DataFrame({"a": rng.normal(size=4), "b": [1.0, None, 2.0, None]})
    assert len(submission.cleaning.drop_sparse_rows(df, max_missing_fraction=1.0)) == 4, (
        "max_missing_fraction=1.0 is allowed and keeps every row")
    for t in (-float(rng.uniform(0.01, 1)), 1 + float(rng.uniform(0.01, 1))):
        with pytest.raises(ValueError):
            submission.cleaning.drop_sparse_rows(df, max_missing_fraction=t)


# ---------------------------------------------------------------- fill_missing_with_median


@pytest.mark.points(3)
def test_fill_missing_uses_the_median(submission, rng):
    """fill_missing_with_median fills each numeric column's missing cells with the median of its values (not the mean)."""
    n = 25
    nullable = pd.array(rng.integers(0, 50, n) ** 2, dtype="Int64")
    nullable[rng.choice(n, size=6, replace=False)] = pd.NA
    df = pd.DataFrame({
        "skewed": _with_missing(rng, rng.lognormal(2, 1.5, n), 0.3),
        "even": _with_missing(rng, rng.exponential(10, n), 0.3),
        "nullable_int": nullable,
        "full": rng.normal(size=n),
    }, index=_labels(rng)(n))
    got = submission.cleaning.fill_missing_with_median(df)
    _assert_frame_matches(got, _oracle_fill(df), "fill_missing_with_median")


@pytest.mark.points(2)
def test_fill_missing_leaves_boolean_and_text_columns_alone(submission, rng):
    """Only numeric columns are filled: bool, nullable boolean, text and object columns keep their missing cells."""
    n = 20
    df = pd.DataFrame({
        "value": _with_missing(rng, rng.normal(size=n), 0.3),
        "maybe": pd.array([None if rng.random() < 0.3 else bool(rng.random() < 0.5)
                           for _ in range(n)], dtype="boolean"),
        "flag": rng.random(n) < 0.5,
        "place": _str_column(rng, n, missing=0.3),
    })
    df.loc[0, "maybe"] = pd.NA
    got = submission.cleaning.fill_missing_with_median(df)
    _assert_frame_matches(got, _oracle_fill(df), "fill_missing_with_median")
    objects = pd.DataFrame({
        "value": _with_missing(rng, rng.normal(size=n), 0.3),
        "numbers_as_objects": pd.Series([None if rng.random() < 0.3 else int(v)
                                         for v in rng.integers(0, 9, n)], dtype=object),
    })
    got = submission.cleaning.fill_missing_with_median(objects)
    _assert_frame_matches(got, _oracle_fill(objects), "fill_missing_with_median")


def test_fill_missing_all_missing_column_stays_missing(submission, rng):
    """A numeric column with no values at all stays entirely missing; the other columns are still filled."""
    n = 10
    df = pd.DataFrame({"empty": np.full(n, np.nan),
                       "value": _with_missing(rng, rng.normal(size=n), 0.4)})
    df.loc[0, "value"] = np.nan
    got = submission.cleaning.fill_missing_with_median(df)
    _assert_frame_matches(got, _oracle_fill(df), "fill_missing_with_median")


# ---------------------------------------------------------------- replace_outliers_iqr


@pytest.mark.points(3)
def test_replace_outliers_matches_the_iqr_rule(submission, rng):
    """Values outside [Q1 - k*IQR, Q3 + k*IQR] become the column's median; other values and missing cells stay."""
    df = _mixed_frame(rng, 40)
    df.index = _labels(rng)(len(df))
    for k in (1.5, float(rng.uniform(0.5, 3.0))):
        got = submission.cleaning.replace_outliers_iqr(df, k=k)
        _assert_frame_matches(got, _oracle_outliers(df, k), f"replace_outliers_iqr(k={k:.3f})")
    got = submission.cleaning.replace_outliers_iqr(df)
    _assert_frame_matches(got, _oracle_outliers(df, 1.5), "replace_outliers_iqr with the default k")


def _fence_column(rng, beyond: int):
    """21 integers whose Q1, Q3 sit exactly on sorted positions 5 and 15; the extremes are
    exactly on the 1.5*IQR fences (beyond=0) or one past them (beyond=1)."""
    q1 = int(rng.integers(10, 50))
    iqr = 2 * int(rng.integers(5, 20))
    q3 = q1 + iqr
    low, high = q1 - 3 * iqr // 2, q3 + 3 * iqr // 2  # whole numbers: iqr is even
    v = np.empty(21)
    v[0], v[20] = low - beyond, high + beyond
    v[1:5] = np.sort(rng.integers(low, q1 + 1, 4))
    v[5], v[15] = q1, q3
    v[6:15] = np.sort(rng.integers(q1, q3 + 1, 9))
    v[16:20] = np.sort(rng.integers(q3, high + 1, 4))
    return rng.permutation(v)


@pytest.mark.points(2)
def test_replace_outliers_fences_are_strict(submission, rng):
    """A value exactly equal to Q1 - k*IQR or Q3 + k*IQR is not an outlier; only values strictly beyond are replaced."""
    df = pd.DataFrame({"on_fence": _fence_column(rng, 0), "past_fence": _fence_column(rng, 1)})
    want = _oracle_outliers(df)
    assert _outlier_mask(df["on_fence"].to_numpy(), 1.5).sum() == 0
    assert _outlier_mask(df["past_fence"].to_numpy(), 1.5).sum() == 2
    got = submission.cleaning.replace_outliers_iqr(df, k=1.5)
    _assert_frame_matches(got, want, "replace_outliers_iqr on values exactly at the fences")


def test_replace_outliers_uses_the_median_before_replacement(submission, rng):
    """The replacement is the median of the whole column as given, outliers included, computed before anything is replaced."""
    x = np.concatenate([rng.normal(100, 5, 15), rng.uniform(1000, 2000, 4)])
    df = pd.DataFrame({"x": rng.permutation(x)})
    got = submission.cleaning.replace_outliers_iqr(df)
    _assert_frame_matches(got, _oracle_outliers(df), "replace_outliers_iqr")


@pytest.mark.points(2)
def test_replace_outliers_leaves_boolean_and_text_columns_alone(submission, rng):
    """Only numeric columns are changed: a lone True in a bool column, text and object columns are never outliers."""
    n = 20
    flag = np.zeros(n, dtype=bool)
    flag[rng.integers(n)] = True
    maybe = pd.array([False] * n, dtype="boolean")
    maybe[rng.integers(n)] = True
    objects = [int(v) for v in rng.integers(0, 10, n)]
    objects[rng.integers(n)] = 10_000
    x = rng.normal(size=n)
    x[rng.integers(n)] = 50.0
    df = pd.DataFrame({"x": x, "flag": flag, "maybe": maybe, "place": _str_column(rng, n),
                       "numbers_as_objects": pd.Series(objects, dtype=object)})
    got = submission.cleaning.replace_outliers_iqr(df)
    _assert_frame_matches(got, _oracle_outliers(df), "replace_outliers_iqr")


def test_replace_outliers_with_missing_cells(submission, rng):
    """Quartiles and median ignore missing cells, missing cells stay missing, and an all-missing column is left as it is."""
    n = 30
    x = rng.normal(10, 2, n)
    x[rng.choice(n, size=2, replace=False)] = [-40.0, 60.0]
    nullable = pd.array(rng.integers(0, 10, n), dtype="Int64")
    nullable[rng.integers(n)] = 99
    nullable[rng.choice(n, size=5, replace=False)] = pd.NA
    df = pd.DataFrame({"x": _with_missing(rng, x, 0.25), "empty": np.full(n, np.nan),
                       "nullable": nullable})
    got = submission.cleaning.replace_outliers_iqr(df)
    _assert_frame_matches(got, _oracle_outliers(df), "replace_outliers_iqr")


def test_replace_outliers_rejects_a_negative_k(submission, rng):
    """A negative k gives a ValueError."""
    df = pd.DataFrame({"x": rng.normal(size=10)})
    _assert_frame_matches(submission.cleaning.replace_outliers_iqr(df, k=0.0),
                          _oracle_outliers(df, 0.0), "replace_outliers_iqr(k=0)")
    with pytest.raises(ValueError):
        submission.cleaning.replace_outliers_iqr(df, k=-float(rng.uniform(0.1, 2)))


# ---------------------------------------------------------------- profile


def _profile_rows(got, df: pd.DataFrame):
    assert list(got.columns) == PROFILE_COLUMNS, (
        f"profile: expected columns {PROFILE_COLUMNS}, got {list(got.columns)}")
    assert list(got.index) == list(df.columns), (
        f"profile: expected one row per column, indexed by {list(df.columns)}, "
        f"got index {list(got.index)}")
    return got.to_dict("records")


def test_profile_has_one_row_per_column(submission, rng):
    """profile returns one row per column, indexed by the column names in order, with columns dtype, missing, missing_fraction, unique, outliers."""
    df = _mixed_frame(rng, 15)
    names, _ = _unique_names(rng, df.shape[1])
    df.columns = names
    _profile_rows(submission.cleaning.profile(df), df)


@pytest.mark.points(3)
def test_profile_values(submission, rng):
    """profile gives each column's dtype, missing count and fraction, distinct non-missing values, and IQR outlier count (k = 1.5) for numeric columns."""
    df = _mixed_frame(rng, 40)
    df["empty"] = np.nan
    rows = _profile_rows(submission.cleaning.profile(df), df)
    numeric = set(_numeric(df))
    for c, row in zip(df.columns, rows):
        s = df[c]
        want = {"dtype": str(s.dtype), "missing": int(s.isna().sum()),
                "unique": len({v for v in s if not pd.isna(v)})}
        for key, value in want.items():
            got = row[key] if key == "dtype" else _cell(row[key])
            ok = str(got) == value if key == "dtype" else got is not None and float(got) == value
            assert ok, f"profile row {c!r}, {key}: expected {value!r}, got {row[key]!r}"
        fraction = want["missing"] / len(df)
        got = _cell(row["missing_fraction"])
        assert got is not None and abs(float(got) - fraction) <= 1e-12, (
            f"profile row {c!r}, missing_fraction: expected {fraction}, got {row['missing_fraction']!r}")
        got = _cell(row["outliers"])
        if c in numeric:
            count = int(_outlier_mask(_floats(s), 1.5).sum())
            assert got is not None and float(got) == count, (
                f"profile row {c!r}, outliers: expected {count}, got {row['outliers']!r}")
        else:
            assert got is None, (
                f"profile row {c!r} ({s.dtype}) is not a numeric column: outliers should be "
                f"missing, got {row['outliers']!r}")


def test_profile_has_no_outlier_count_for_booleans(submission, rng):
    """Boolean columns (bool and nullable boolean) are not numeric: their outliers entry in profile is missing."""
    n = 20
    flag = np.zeros(n, dtype=bool)
    flag[rng.integers(n)] = True
    df = pd.DataFrame({"x": rng.normal(size=n), "flag": flag,
                       "maybe": pd.array(flag[::-1].tolist(), dtype="boolean")})
    rows = _profile_rows(submission.cleaning.profile(df), df)
    for c, row in zip(df.columns, rows):
        if c != "x":
            assert _cell(row["outliers"]) is None, (
                f"profile row {c!r} ({df[c].dtype}): outliers should be missing for a boolean "
                f"column, got {row['outliers']!r}")


# ---------------------------------------------------------------- clean


@pytest.mark.points(3)
def test_clean_runs_the_steps_in_order(submission, rng):
    """clean = normalize names, drop duplicates, drop rows more than half missing, fill medians, replace outliers, reset the index."""
    df = _messy_frame(rng, 40, index=_labels(rng))
    got = submission.cleaning.clean(df)
    _assert_frame_matches(got, _oracle_clean(df), "clean")


@pytest.mark.points(2)
def test_clean_takes_quartiles_after_filling(submission, rng):
    """In clean, the outlier step works on the filled data: its quartiles include the medians written by the fill step."""
    for _ in range(50):
        n = 24
        x = rng.normal(50, 5, n)
        x[rng.choice(n, size=11, replace=False)] = np.nan
        df = pd.DataFrame({"Reading (mV)": x, "otherValue": rng.normal(size=n),
                           "Site": _str_column(rng, n)})
        want = _oracle_clean(df)
        before_filling = _oracle_fill(_oracle_outliers(df.set_axis(want.columns, axis=1)))
        if not np.allclose(_floats(want.iloc[:, 0]), _floats(before_filling.iloc[:, 0])):
            break
    got = submission.cleaning.clean(df)
    _assert_frame_matches(got, want, "clean")


@pytest.mark.points(2)
def test_clean_resets_the_index(submission, rng):
    """clean returns a fresh index 0, 1, ..., n-1 and does not keep the old index as a column."""
    df = _messy_frame(rng, 20, index=lambda n: pd.Index([f"row{i}" for i in rng.permutation(n)]))
    want = _oracle_clean(df)
    got = submission.cleaning.clean(df)
    assert list(got.columns) == list(want.columns), (
        f"clean: expected columns {list(want.columns)}, got {list(got.columns)}")
    assert list(got.index) == list(range(len(want))), (
        f"clean: expected the index 0..{len(want) - 1}, got {list(got.index)[:10]}...")


@pytest.mark.points(3)
def test_clean_on_the_real_file(submission, datasets_dir):
    """clean on penguins_raw_messy.csv gives snake_case names, no duplicates or mostly-empty rows, no missing numbers and no typo outliers."""
    df = pd.read_csv(datasets_dir / "penguins_raw_messy.csv")
    want = _oracle_clean(df)
    got = submission.cleaning.clean(df)
    _assert_frame_matches(got, want, "clean(penguins_raw_messy.csv)")


# ---------------------------------------------------------------- no mutation


@pytest.mark.points(3)
def test_functions_do_not_mutate_their_input(submission, rng):
    """No function changes the DataFrame it is given (values, column names, dtypes and index stay the same)."""
    df = _messy_frame(rng, 25, index=_labels(rng))
    for name in ("normalize_column_names", "drop_duplicate_rows", "drop_sparse_rows",
                 "fill_missing_with_median", "replace_outliers_iqr", "profile", "clean"):
        func = getattr(submission.cleaning, name)
        _, args_after, _ = submission.inputs_after(func, df.copy())
        change = _change(df, args_after[0])
        assert not change, f"{name} changed its input DataFrame: {change}"


def _change(before: pd.DataFrame, after) -> str:
    """'' when after equals before; otherwise what changed, in one short sentence."""
    if list(after.columns) != list(before.columns):
        return f"columns were {list(before.columns)}, became {list(after.columns)}"
    if list(after.index) != list(before.index):
        return f"the index was {list(before.index)[:8]}..., became {list(after.index)[:8]}..."
    for c in before.columns:
        if str(after[c].dtype) != str(before[c].dtype):
            return f"column {c!r} had dtype {before[c].dtype}, became {after[c].dtype}"
        b, a = [_cell(v) for v in before[c]], [_cell(v) for v in after[c]]
        if a != b:
            i = next(i for i, (x, y) in enumerate(zip(b, a)) if x != y)
            return f"column {c!r}, row {list(before.index)[i]!r} was {b[i]!r}, became {a[i]!r}"
    return ""
