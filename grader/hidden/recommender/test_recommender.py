"""Hidden tests for the recommender challenge (ContentRecommender in recommender.py).

Catalogues are generated at test time with datasets/make_products.py from the `rng`
fixture, with extra exact duplicates (same title and category, new id) so that ties
exist, and rows in random product_id order so that row order is not id order. The
oracle is the README's vectorizer, TfidfVectorizer(stop_words=...) over
title + " " + category, with cosine similarity as a dot product of unit rows.
"""

from __future__ import annotations

import importlib.util
import re
import time

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

COLUMNS = ["product_id", "title", "category", "price", "score"]
SCORE_ATOL = 1e-9  # scores: the README's tolerance
TIE = 1e-12  # oracle scores closer than this may come in either order (unless identical texts)

_GENERATOR = {}


def _make_products(datasets_dir, n, rng):
    """The kit's catalogue generator (trusted code in datasets/), loaded once."""
    if "make" not in _GENERATOR:
        spec = importlib.util.spec_from_file_location(
            "_recommender_make_products", datasets_dir / "make_products.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _GENERATOR["make"] = module.make_products
    return _GENERATOR["make"](n, rng)


def catalogue(datasets_dir, rng, n=300, dup_rows=25, extra_column=False):
    """n generated products plus copies of dup_rows of them (2 to 6 copies each, new ids).

    Rows are shuffled and the index is a random set of labels, so neither row order nor
    index labels say anything about product_id order.
    """
    base = _make_products(datasets_dir, n, rng)
    picked = rng.choice(n, size=dup_rows, replace=False)
    copies = base.iloc[np.repeat(picked, rng.integers(2, 7, size=dup_rows))]
    products = pd.concat([base, copies], ignore_index=True)
    products["product_id"] = rng.choice(20 * len(products) + 100, size=len(products),
                                        replace=False).astype(np.int64)
    products = products.iloc[rng.permutation(len(products))]
    products.index = rng.choice(10 * len(products), size=len(products), replace=False) + 7
    if extra_column:
        products["stock"] = rng.integers(0, 50, size=len(products))
    return products


def tfidf(products, stop_words="english"):
    """The README's TF-IDF matrix (sparse, rows in the catalogue's row order)."""
    text = products["title"] + " " + products["category"]
    return TfidfVectorizer(stop_words=stop_words).fit_transform(text).tocsr()


def oracle_scores(matrix, rows):
    """Mean cosine similarity of every product to the distinct products at `rows`."""
    rows = np.unique(rows)
    return np.asarray((matrix @ matrix[rows].T).mean(axis=1)).ravel()


def oracle_top(products, scores, excluded_rows, n):
    """Rows of the README's top n without price bounds: score desc, then product_id asc."""
    keep = np.ones(len(products), dtype=bool)
    keep[excluded_rows] = False
    rows = np.flatnonzero(keep)
    order = np.lexsort((products["product_id"].to_numpy()[rows], -scores[rows]))
    return rows[order[:n]]


def rows_of(products, ids):
    return pd.Index(products["product_id"].to_numpy()).get_indexer(list(ids))


def check_result(result, products, scores, excluded_rows, n, min_price=None, max_price=None,
                 what="the result"):
    """Check one query's result against the oracle scores, with the README's rules.

    Exact: columns, length, membership, exclusions, price bounds, id order among products
    of identical text. With tolerance: scores (1e-9) and ranking (oracle scores within
    1e-12 of each other may come in either order).
    """
    assert list(result.columns) == COLUMNS, (
        f"{what}: expected columns {COLUMNS}, got {list(result.columns)}")
    ids = products["product_id"].to_numpy()
    prices = products["price"].to_numpy()
    text = (products["title"] + " " + products["category"]).to_numpy()
    cand = np.ones(len(products), dtype=bool)
    cand[excluded_rows] = False
    if min_price is not None:
        cand &= prices >= min_price
    if max_price is not None:
        cand &= prices <= max_price
    want_len = min(n, int(cand.sum()))
    assert len(result) == want_len, (
        f"{what}: expected {want_len} rows (n={n}, {int(cand.sum())} candidates), got {len(result)}")
    if want_len == 0:
        return
    got_ids = result["product_id"].to_numpy()
    rows = rows_of(products, got_ids)
    assert (rows >= 0).all(), f"{what}: returned product_id(s) not in the catalogue: {got_ids[rows < 0][:5].tolist()}"
    assert len(set(got_ids.tolist())) == len(got_ids), f"{what}: a product_id appears twice: {got_ids.tolist()}"
    for r in rows:
        if r in set(np.asarray(excluded_rows).tolist()):
            raise AssertionError(f"{what}: product {ids[r]} was queried or viewed and must never be returned, "
                                 f"but it is in the result")
        if not cand[r]:
            raise AssertionError(f"{what}: product {ids[r]} has price {prices[r]}, outside the inclusive "
                                 f"bounds min_price={min_price}, max_price={max_price}")
    np.testing.assert_allclose(result["price"].to_numpy(dtype=float), prices[rows], rtol=0, atol=0,
                               err_msg=f"{what}: price must be the product's catalogue price")
    assert result["title"].tolist() == products["title"].to_numpy()[rows].tolist(), (
        f"{what}: title must be the product's catalogue title")
    assert result["category"].tolist() == products["category"].to_numpy()[rows].tolist(), (
        f"{what}: category must be the product's catalogue category")
    want = scores[rows]
    got = result["score"].to_numpy(dtype=float)
    worst = int(np.argmax(np.abs(got - want)))
    assert np.all(np.abs(got - want) <= SCORE_ATOL), (
        f"{what}: score of product {got_ids[worst]} should be {want[worst]:.12f} "
        f"(TF-IDF over title + ' ' + category, cosine similarity), got {got[worst]:.12f}")
    for i in range(len(rows) - 1):
        assert want[i + 1] <= want[i] + TIE, (
            f"{what}: rows must be sorted by score descending; row {i + 1} (product {got_ids[i + 1]}, "
            f"score {want[i + 1]:.12f}) comes after row {i} (product {got_ids[i]}, score {want[i]:.12f})")
    for t in set(text[rows].tolist()):
        group = got_ids[text[rows] == t]
        assert (np.diff(group) > 0).all(), (
            f"{what}: products {group.tolist()} have the same title and category, hence equal scores, "
            f"and must come in product_id ascending order")
    left_out = cand.copy()
    left_out[rows] = False
    if left_out.any():
        best_left = int(np.flatnonzero(left_out)[np.argmax(scores[left_out])])
        assert scores[best_left] <= want.min() + TIE, (
            f"{what}: product {ids[best_left]} (score {scores[best_left]:.12f}) should be in the top {n}, "
            f"above product {got_ids[np.argmin(want)]} (score {want.min():.12f})")
        for r, pid in zip(rows, got_ids):
            twins = left_out & (text == text[r]) & (ids < pid)
            assert not twins.any(), (
                f"{what}: products {ids[twins].tolist()} and {pid} tie (same title and category); the "
                f"smaller product_id must be kept, but {pid} was returned instead")


def fitted(submission, products, **params):
    model = submission.recommender.ContentRecommender(**params)
    model.fit(products.copy())
    return model


# ---------------------------------------------------------------- scores and ranking


@pytest.mark.points(3)
def test_similar_items_scores_and_order_match_tfidf_cosine(submission, datasets_dir, rng):
    """similar_items scores each candidate by the cosine similarity of TF-IDF rows built over title + " " + category, and ranks by score descending, then product_id ascending."""
    products = catalogue(datasets_dir, rng)
    model = fitted(submission, products)
    matrix = tfidf(products)
    for q in rng.choice(len(products), size=6, replace=False):
        n = int(rng.integers(3, 40))
        pid = int(products["product_id"].iloc[q])
        result = model.similar_items(pid, n=n)
        check_result(result, products, oracle_scores(matrix, [q]), [q], n,
                     what=f"similar_items({pid}, n={n})")


def test_similar_items_default_n_is_10(submission, datasets_dir, rng):
    """fit returns the fitted recommender itself, and similar_items returns 10 products when n is not given."""
    products = catalogue(datasets_dir, rng, n=120)
    model = submission.recommender.ContentRecommender().fit(products.copy())  # fit returns self
    q = int(rng.integers(len(products)))
    pid = int(products["product_id"].iloc[q])
    check_result(model.similar_items(pid), products, oracle_scores(tfidf(products), [q]), [q], 10,
                 what=f"similar_items({pid})")


@pytest.mark.points(2)
def test_similar_items_never_returns_the_product_itself(submission, datasets_dir, rng):
    """A product is never recommended as similar to itself, even when n asks for every other product."""
    products = catalogue(datasets_dir, rng, n=80, dup_rows=10)
    model = fitted(submission, products)
    for q in rng.choice(len(products), size=3, replace=False):
        pid = int(products["product_id"].iloc[q])
        got = model.similar_items(pid, n=len(products))["product_id"].tolist()
        assert pid not in got, f"similar_items({pid}) must not contain {pid} itself, but it does"
        assert len(got) == len(products) - 1, (
            f"similar_items({pid}, n={len(products)}) should return every other product "
            f"({len(products) - 1}), got {len(got)}")


@pytest.mark.points(3)
def test_ties_are_broken_by_product_id_ascending(submission, datasets_dir, rng):
    """Products with equal scores (here: identical title and category) come in product_id ascending order, also where n cuts through a group of ties."""
    base = catalogue(datasets_dir, rng, n=12, dup_rows=0)
    products = base.iloc[rng.integers(0, 12, size=90)].copy()  # about 7 copies of each product
    products["product_id"] = rng.choice(5000, size=len(products), replace=False).astype(np.int64)
    products.index = pd.RangeIndex(len(products))
    text = (products["title"] + " " + products["category"]).to_numpy()
    model = fitted(submission, products)
    matrix = tfidf(products)
    for q in rng.choice(len(products), size=4, replace=False):
        pid = int(products["product_id"].iloc[q])
        twins = int((text == text[q]).sum()) - 1
        for n in sorted({max(twins // 2, 1), twins + 3, 40}):
            check_result(model.similar_items(pid, n=n), products, oracle_scores(matrix, [q]), [q], n,
                         what=f"similar_items({pid}, n={n})")
        viewed = [pid, int(products["product_id"].iloc[(q + 1) % len(products)])]
        rows = rows_of(products, viewed)
        check_result(model.recommend(viewed, n=25), products, oracle_scores(matrix, rows), rows, 25,
                     what=f"recommend({viewed}, n=25)")


@pytest.mark.points(3)
def test_recommend_scores_mean_similarity_to_viewed(submission, datasets_dir, rng):
    """recommend scores a candidate by the mean (not the sum) of its cosine similarities to the viewed products."""
    products = catalogue(datasets_dir, rng)
    model = fitted(submission, products)
    matrix = tfidf(products)
    for k in (1, 2, 3, 5):
        rows = rng.choice(len(products), size=k, replace=False)
        viewed = [int(i) for i in products["product_id"].to_numpy()[rows]]
        n = int(rng.integers(5, 30))
        check_result(model.recommend(viewed, n=n), products, oracle_scores(matrix, rows), rows, n,
                     what=f"recommend({viewed}, n={n})")


@pytest.mark.points(2)
def test_recommend_counts_repeated_views_once(submission, datasets_dir, rng):
    """A product viewed several times counts once: the score is the mean over the distinct viewed products."""
    products = catalogue(datasets_dir, rng)
    model = fitted(submission, products)
    matrix = tfidf(products)
    for _ in range(3):
        rows = rng.choice(len(products), size=3, replace=False)
        ids = products["product_id"].to_numpy()[rows]
        viewed = [int(ids[0])] * 3 + [int(ids[1]), int(ids[2]), int(ids[1])]
        viewed = [viewed[i] for i in rng.permutation(len(viewed))]
        check_result(model.recommend(viewed, n=15), products, oracle_scores(matrix, rows), rows, 15,
                     what=f"recommend({viewed}, n=15)")


@pytest.mark.points(2)
def test_recommend_never_returns_viewed_products(submission, datasets_dir, rng):
    """Products the user viewed are never recommended back, even when n asks for everything."""
    products = catalogue(datasets_dir, rng, n=80, dup_rows=10)
    model = fitted(submission, products)
    rows = rng.choice(len(products), size=4, replace=False)
    viewed = [int(i) for i in products["product_id"].to_numpy()[rows]]
    got = model.recommend(viewed, n=len(products))["product_id"].tolist()
    back = sorted(set(got) & set(viewed))
    assert not back, f"recommend({viewed}) must not return viewed products, but returned {back}"
    assert len(got) == len(products) - 4, (
        f"recommend with n={len(products)} should return the {len(products) - 4} products not viewed, "
        f"got {len(got)}")


@pytest.mark.points(2)
def test_stop_words_setting_is_passed_to_the_vectorizer(submission, datasets_dir, rng):
    """stop_words is passed unchanged to TfidfVectorizer: None keeps words like "for", "with" and "and"; a list removes exactly those words."""
    products = catalogue(datasets_dir, rng)
    queries = rng.choice(len(products), size=3, replace=False)
    # The custom list holds two words of each query's title, so the queries' vectors change.
    custom = []
    for q in queries:
        words = sorted({w for w in products["title"].iloc[q].lower().split() if w.isalpha() and len(w) > 2})
        custom += [str(w) for w in rng.choice(words, size=min(2, len(words)), replace=False)]
    for stop_words in (None, sorted(set(custom))):
        model = fitted(submission, products, stop_words=stop_words)
        matrix = tfidf(products, stop_words=stop_words)
        for q in queries:
            pid = int(products["product_id"].iloc[q])
            check_result(model.similar_items(pid, n=20), products, oracle_scores(matrix, [q]), [q], 20,
                         what=f"with stop_words={stop_words!r}, similar_items({pid}, n=20)")


def test_fit_again_replaces_the_catalogue(submission, datasets_dir, rng):
    """Calling fit a second time replaces the first catalogue entirely."""
    first = catalogue(datasets_dir, rng, n=60, dup_rows=5)
    second = catalogue(datasets_dir, rng, n=90, dup_rows=5)
    second["product_id"] = second["product_id"] + int(first["product_id"].max()) + 1
    model = fitted(submission, first)
    model.fit(second.copy())
    q = int(rng.integers(len(second)))
    pid = int(second["product_id"].iloc[q])
    check_result(model.similar_items(pid, n=12), second, oracle_scores(tfidf(second), [q]), [q], 12,
                 what=f"after refitting, similar_items({pid}, n=12)")
    old = int(first["product_id"].iloc[0])
    with pytest.raises(ValueError):
        model.similar_items(old)


# ---------------------------------------------------------------- price range and sizes


@pytest.mark.points(3)
def test_price_bounds_are_inclusive(submission, datasets_dir, rng):
    """min_price and max_price keep products priced exactly at a bound (min_price <= price <= max_price)."""
    products = catalogue(datasets_dir, rng)
    model = fitted(submission, products)
    matrix = tfidf(products)
    prices = products["price"].to_numpy()
    for q in rng.choice(len(products), size=3, replace=False):
        pid = int(products["product_id"].iloc[q])
        scores = oracle_scores(matrix, [q])
        top = oracle_top(products, scores, [q], 8)  # bounds at the prices of the unbounded top 8
        lo, hi = float(prices[top].min()), float(prices[top].max())
        for bounds in ({"min_price": lo}, {"max_price": hi}, {"min_price": lo, "max_price": hi}):
            result = model.similar_items(pid, n=8, **bounds)
            check_result(result, products, scores, [q], 8, **bounds,
                         what=f"similar_items({pid}, n=8, {bounds})")
        rows = np.array([q, top[0]])
        viewed = [int(i) for i in products["product_id"].to_numpy()[rows]]
        scores = oracle_scores(matrix, rows)
        top = oracle_top(products, scores, rows, 6)
        lo, hi = float(prices[top].min()), float(prices[top].max())
        check_result(model.recommend(viewed, n=6, min_price=lo, max_price=hi), products, scores, rows, 6,
                     min_price=lo, max_price=hi, what=f"recommend({viewed}, n=6, min_price={lo}, max_price={hi})")


@pytest.mark.points(2)
def test_fewer_candidates_than_n_returns_all_of_them(submission, datasets_dir, rng):
    """When fewer than n products are candidates (price range, small catalogue), all of them are returned, zero scores included, in ranking order."""
    products = catalogue(datasets_dir, rng, n=150, dup_rows=10)
    model = fitted(submission, products)
    matrix = tfidf(products)
    prices = np.sort(products["price"].to_numpy())
    q = int(rng.integers(len(products)))
    pid = int(products["product_id"].iloc[q])
    scores = oracle_scores(matrix, [q])
    n = len(products) + 5
    check_result(model.similar_items(pid, n=n), products, scores, [q], n,
                 what=f"similar_items({pid}, n={n})")
    start = int(rng.integers(0, len(prices) - 12))
    lo, hi = float(prices[start]), float(prices[start + 9])
    n = int(((prices >= lo) & (prices <= hi)).sum()) + 3
    check_result(model.similar_items(pid, n=n, min_price=lo, max_price=hi), products, scores, [q], n,
                 min_price=lo, max_price=hi, what=f"similar_items({pid}, n={n}, min_price={lo}, max_price={hi})")
    viewed = [pid, int(products["product_id"].iloc[(q + 1) % len(products)])]
    rows = rows_of(products, viewed)
    check_result(model.recommend(viewed, n=n, min_price=lo, max_price=hi), products,
                 oracle_scores(matrix, rows), rows, n, min_price=lo, max_price=hi,
                 what=f"recommend({viewed}, n={n}, min_price={lo}, max_price={hi})")


@pytest.mark.points(2)
def test_no_candidates_gives_an_empty_frame_with_the_columns(submission, datasets_dir, rng):
    """When no product is a candidate the result is an empty DataFrame with the five result columns."""
    products = catalogue(datasets_dir, rng, n=60, dup_rows=5)
    model = fitted(submission, products)
    top_price = float(products["price"].max())
    pid = int(products["product_id"].iloc[int(rng.integers(len(products)))])
    cases = [
        ("similar_items", lambda: model.similar_items(pid, n=5, min_price=top_price + 1.0)),
        ("recommend", lambda: model.recommend([pid], n=5, max_price=-1.0)),
        ("similar_items with min_price > max_price",
         lambda: model.similar_items(pid, n=5, min_price=top_price, max_price=top_price - 1.0)),
    ]
    for label, call in cases:
        result = call()
        assert len(result) == 0, f"{label} with no product in the price range: expected 0 rows, got {len(result)}"
        assert list(result.columns) == COLUMNS, (
            f"{label} with no candidates: expected an empty DataFrame with columns {COLUMNS}, "
            f"got columns {list(result.columns)}")


@pytest.mark.points(2)
def test_result_columns_dtypes_and_fresh_index(submission, datasets_dir, rng):
    """The result has exactly the columns product_id, title, category, price, score (int64, str, str, float64, float64) and a fresh index 0..len-1; extra catalogue columns are not returned."""
    products = catalogue(datasets_dir, rng, n=100, dup_rows=5, extra_column=True)
    model = fitted(submission, products)
    pid = int(products["product_id"].iloc[int(rng.integers(len(products)))])
    for label, result in (("similar_items", model.similar_items(pid, n=7)),
                          ("recommend", model.recommend([pid], n=7))):
        assert list(result.columns) == COLUMNS, f"{label}: expected columns {COLUMNS}, got {list(result.columns)}"
        for col, dtype in (("product_id", "int64"), ("price", "float64"), ("score", "float64")):
            assert str(result[col].dtype) == dtype, f"{label}: column {col} should be {dtype}, got {result[col].dtype}"
        assert list(result.index) == list(range(len(result))), (
            f"{label}: expected a fresh index 0..{len(result) - 1}, got {list(result.index)}")
        for col in ("title", "category"):
            kinds = {type(v).__name__ for v in result[col].tolist()}
            assert kinds == {"str"}, f"{label}: column {col} should hold strings, got values of type(s) {sorted(kinds)}"


def test_inputs_are_not_modified(submission, datasets_dir, rng):
    """fit leaves the catalogue DataFrame unchanged and recommend leaves the viewed_ids list unchanged."""
    products = catalogue(datasets_dir, rng, n=80, dup_rows=5, extra_column=True)
    model = submission.recommender.ContentRecommender()
    _, args_after, _ = submission.inputs_after(model.fit, products.copy())
    pd.testing.assert_frame_equal(args_after[0], products, obj="the catalogue after fit")
    viewed = [int(i) for i in products["product_id"].to_numpy()[rng.choice(len(products), 3, replace=False)]]
    viewed = viewed + viewed[:1]
    _, args_after, _ = submission.inputs_after(model.recommend, list(viewed), n=5)
    assert list(args_after[0]) == viewed, f"recommend changed viewed_ids from {viewed} to {list(args_after[0])}"


# ---------------------------------------------------------------- errors


@pytest.mark.points(2)
def test_fit_rejects_bad_catalogues(submission, datasets_dir, rng):
    """fit raises ValueError for a missing required column, an empty catalogue, or a duplicated product_id."""
    products = catalogue(datasets_dir, rng, n=40, dup_rows=3)
    bad = {}
    for col in ("product_id", "title", "category", "price"):
        bad[f"no {col} column"] = products.drop(columns=[col])
    bad["no rows"] = products.iloc[:0]
    dup = products.copy()
    i, j = rng.choice(len(dup), size=2, replace=False)
    dup.iloc[j, dup.columns.get_loc("product_id")] = dup["product_id"].iloc[i]
    bad["a duplicated product_id"] = dup
    for label, frame in bad.items():
        model = submission.recommender.ContentRecommender()
        with pytest.raises(ValueError):
            model.fit(frame)
            raise AssertionError(f"fit on a catalogue with {label} should raise ValueError, it did not")


def _names_every_id(message, ids):
    return all(re.search(rf"(?<!\d){i}(?!\d)", message) for i in ids)


@pytest.mark.points(2)
def test_unknown_ids_raise_value_error_naming_them(submission, datasets_dir, rng):
    """An unknown product_id (similar_items) or unknown viewed ids (recommend) raise ValueError whose message names every unknown id."""
    products = catalogue(datasets_dir, rng, n=60, dup_rows=3)
    model = fitted(submission, products)
    known = set(products["product_id"].tolist())
    unknown = [int(x) for x in rng.choice(np.arange(10**6, 2 * 10**6), size=2, replace=False)]
    assert not set(unknown) & known
    with pytest.raises(ValueError) as err:
        model.similar_items(unknown[0])
        raise AssertionError(f"similar_items({unknown[0]}) with an unknown id should raise ValueError")
    assert _names_every_id(str(err.value), unknown[:1]), (
        f"the error should name the unknown id {unknown[0]}, got: {err.value}")
    viewed = [int(products["product_id"].iloc[0]), unknown[0], unknown[1]]
    with pytest.raises(ValueError) as err:
        model.recommend(viewed)
        raise AssertionError(f"recommend({viewed}) with unknown ids should raise ValueError")
    assert _names_every_id(str(err.value), unknown), (
        f"the error should name every unknown id {unknown}, got: {err.value}")


def test_bad_n_and_empty_history_raise_value_error(submission, datasets_dir, rng):
    """n < 1 raises ValueError in both query methods, and so does an empty viewed_ids list."""
    products = catalogue(datasets_dir, rng, n=40, dup_rows=3)
    model = fitted(submission, products)
    pid = int(products["product_id"].iloc[int(rng.integers(len(products)))])
    calls = {
        "similar_items(n=0)": lambda: model.similar_items(pid, n=0),
        "similar_items(n=-3)": lambda: model.similar_items(pid, n=-3),
        "recommend(n=0)": lambda: model.recommend([pid], n=0),
        "recommend([])": lambda: model.recommend([]),
    }
    for label, call in calls.items():
        with pytest.raises(ValueError):
            call()
            raise AssertionError(f"{label} should raise ValueError, it returned normally")


# ---------------------------------------------------------------- scale


@pytest.mark.points(4)
def test_scales_to_200k_products(submission, datasets_dir, rng, manifest):
    """fit and 100 queries on 200,000 products run in seconds under the memory cap: keep TF-IDF sparse and never build a products-by-products similarity matrix."""
    products = _make_products(datasets_dir, 200_000, rng)
    ids = products["product_id"].to_numpy()
    started = time.monotonic()
    model = submission.recommender.ContentRecommender()
    model.fit(products.copy())
    queries = rng.choice(len(products), size=100, replace=False)
    results = []
    for k, q in enumerate(queries):
        if k % 2 == 0:
            results.append(model.similar_items(int(ids[q]), n=10))
        else:
            results.append(model.recommend([int(ids[q]), int(ids[queries[k - 1]])], n=10,
                                           max_price=float(products["price"].median())))
    elapsed = time.monotonic() - started
    budget = manifest.timeout_per_test * 0.8
    assert elapsed < budget, f"fit and 100 queries on 200,000 products took {elapsed:.1f} s (budget {budget:.0f} s)"
    matrix = tfidf(products)
    for k in (0, 1, 98, 99):
        q = queries[k]
        if k % 2 == 0:
            check_result(results[k], products, oracle_scores(matrix, [q]), [q], 10,
                         what=f"on 200,000 products, similar_items({ids[q]}, n=10)")
        else:
            rows = [q, queries[k - 1]]
            check_result(results[k], products, oracle_scores(matrix, rows), rows, 10,
                         max_price=float(products["price"].median()),
                         what=f"on 200,000 products, recommend({[int(ids[r]) for r in rows]}, n=10)")
