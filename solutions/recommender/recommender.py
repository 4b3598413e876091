"""A content-based product recommender: TF-IDF over title + category, cosine similarity.

The TF-IDF rows have unit length (l2 norm), so the cosine similarity of two products is
the dot product of their rows, and the mean similarity to several viewed products is the
dot product with the mean of their rows. A query is therefore one sparse matrix-vector
product (memory and time linear in the catalogue); no n x n similarity matrix is built.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

COLUMNS = ["product_id", "title", "category", "price"]
RESULT_COLUMNS = COLUMNS + ["score"]


class ContentRecommender:
    """Recommend products whose title and category read like the ones a user viewed.

    Parameters
    ----------
    stop_words : "english", list of str or None, default "english"
        Passed unchanged to ``TfidfVectorizer(stop_words=...)``.
    """

    def __init__(self, stop_words="english"):
        self.stop_words = stop_words

    def fit(self, products: pd.DataFrame) -> "ContentRecommender":
        """Check the catalogue and build its TF-IDF matrix (one row per product)."""
        missing = [c for c in COLUMNS if c not in products.columns]
        if missing:
            raise ValueError(f"products is missing column(s): {', '.join(missing)}")
        if len(products) == 0:
            raise ValueError("products is empty: cannot fit on an empty catalogue")
        ids = products["product_id"]
        if ids.duplicated().any():
            dups = sorted(ids[ids.duplicated()].unique().tolist())
            raise ValueError(f"duplicate product_id(s): {dups[:10]}")

        catalogue = products[COLUMNS].reset_index(drop=True)
        catalogue = catalogue.astype({"product_id": "int64", "price": "float64"})
        self.catalogue_ = catalogue
        self.vectorizer_ = TfidfVectorizer(stop_words=self.stop_words)
        text = catalogue["title"] + " " + catalogue["category"]
        self.tfidf_ = self.vectorizer_.fit_transform(text).tocsr()
        self.ids_ = catalogue["product_id"].to_numpy()
        self.prices_ = catalogue["price"].to_numpy()
        self.id_index_ = pd.Index(self.ids_)  # product_id -> row, without a Python dict
        return self

    def similar_items(self, product_id: int, n: int = 10, min_price: float | None = None,
                      max_price: float | None = None) -> pd.DataFrame:
        """The n products most similar to one product (itself excluded)."""
        rows = self._rows([product_id])
        return self._top(self._mean_similarity(rows), rows, n, min_price, max_price)

    def recommend(self, viewed_ids: Iterable[int], n: int = 10, min_price: float | None = None,
                  max_price: float | None = None) -> pd.DataFrame:
        """The n products with the highest mean similarity to the distinct viewed products."""
        viewed = list(dict.fromkeys(viewed_ids))  # distinct, first-seen order
        if not viewed:
            raise ValueError("viewed_ids is empty: need at least one viewed product")
        rows = self._rows(viewed)
        return self._top(self._mean_similarity(rows), rows, n, min_price, max_price)

    # ------------------------------------------------------------------ helpers

    def _rows(self, ids: list) -> np.ndarray:
        """Row positions of the given product ids; ValueError naming any unknown id."""
        rows = self.id_index_.get_indexer(ids)
        unknown = [i for i, r in zip(ids, rows) if r < 0]
        if unknown:
            raise ValueError(f"unknown product_id(s): {unknown}")
        return rows

    def _mean_similarity(self, rows: np.ndarray) -> np.ndarray:
        """Mean cosine similarity of every product to the products at `rows` (a dense n-vector)."""
        profile = np.asarray(self.tfidf_[rows].mean(axis=0)).ravel()
        return self.tfidf_ @ profile

    def _top(self, scores: np.ndarray, exclude: np.ndarray, n: int,
             min_price: float | None, max_price: float | None) -> pd.DataFrame:
        """Best n candidates by score desc, then product_id asc, as the result frame."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        keep = np.ones(len(scores), dtype=bool)
        keep[exclude] = False
        if min_price is not None:
            keep &= self.prices_ >= min_price
        if max_price is not None:
            keep &= self.prices_ <= max_price
        rows = np.flatnonzero(keep)
        cand = scores[rows]
        if len(rows) > n:
            # Keep everything scoring at least the n-th best, so ties at the cut survive.
            nth = np.partition(cand, len(cand) - n)[len(cand) - n]
            rows, cand = rows[cand >= nth], cand[cand >= nth]
        order = np.lexsort((self.ids_[rows], -cand))[:n]
        result = self.catalogue_.iloc[rows[order]].reset_index(drop=True)
        result["score"] = cand[order]
        return result[RESULT_COLUMNS]
