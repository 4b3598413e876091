"""Worked examples for the recommender challenge. Run with `pytest exercises/recommender`.

The grader's hidden tests check the same rules on larger, generated catalogues.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from recommender import ContentRecommender

DATA = Path(__file__).resolve().parents[2] / "datasets" / "products.csv"
COLUMNS = ["product_id", "title", "category", "price", "score"]


def small_catalogue():
    return pd.DataFrame({
        "product_id": [30, 7, 12, 3, 21],
        "title": ["Acme Trail Running Shoes", "Acme Road Running Shoes", "Brewhaus Coffee Maker",
                  "Acme Road Running Shoes", "Brewhaus Espresso Machine"],
        "category": ["Clothing > Shoes", "Clothing > Shoes", "Home > Kitchen",
                     "Clothing > Shoes", "Home > Kitchen"],
        "price": [80.0, 95.0, 60.0, 95.0, 250.0],
    })


def cosine_to(products, rows):
    """The README's scores: mean cosine similarity of every product to the products at rows."""
    X = TfidfVectorizer(stop_words="english").fit_transform(products["title"] + " " + products["category"])
    return np.asarray((X @ X[rows].T).mean(axis=1)).ravel()


def test_similar_items_ranks_by_score_then_product_id():
    products = small_catalogue()
    result = ContentRecommender().fit(products).similar_items(30, n=3)
    assert list(result.columns) == COLUMNS
    # 7 and 3 have the same title and category, so the same score: id 3 comes first.
    assert result["product_id"].tolist() == [3, 7, 12]
    expected = cosine_to(products, [0])[[3, 1, 2]]
    np.testing.assert_allclose(result["score"], expected, atol=1e-9)
    assert list(result.index) == [0, 1, 2]


def test_price_bounds_are_inclusive():
    result = ContentRecommender().fit(small_catalogue()).similar_items(12, n=10, min_price=80.0, max_price=250.0)
    assert result["product_id"].tolist() == [21, 3, 7, 30]  # 80.0 and 250.0 are both kept


def test_recommend_uses_the_mean_over_distinct_viewed_items():
    products = small_catalogue()
    result = ContentRecommender().fit(products).recommend([12, 30, 12], n=3)
    assert result["product_id"].tolist() == [3, 7, 21]  # viewed 12 and 30 are never returned
    scores = cosine_to(products, [2, 0])  # rows of 12 and 30; 12 viewed twice counts once
    np.testing.assert_allclose(result["score"], scores[[3, 1, 4]], atol=1e-9)


def test_errors():
    model = ContentRecommender().fit(small_catalogue())
    with pytest.raises(ValueError, match="999"):
        model.similar_items(999)
    with pytest.raises(ValueError):
        model.recommend([])
    with pytest.raises(ValueError):
        ContentRecommender().fit(small_catalogue().drop(columns="category"))


def test_on_the_shipped_catalogue():
    products = pd.read_csv(DATA)
    model = ContentRecommender().fit(products)
    first = int(products["product_id"].iloc[0])
    result = model.similar_items(first, n=5)
    assert len(result) == 5 and first not in result["product_id"].tolist()
    assert result["score"].is_monotonic_decreasing
    assert str(result["product_id"].dtype) == "int64" and str(result["score"].dtype) == "float64"
