"""A content-based product recommender: TF-IDF over title + category, cosine similarity.

Fill in the methods of ContentRecommender; README.md states the full contract.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


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
        """Validate the catalogue and build its TF-IDF matrix.

        Parameters
        ----------
        products : pandas.DataFrame
            Columns product_id (unique integers), title (str), category (str) and
            price (float); other columns are ignored. Not modified.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If a required column is missing, the catalogue has no rows, or a
            product_id occurs more than once.

        Notes
        -----
        The text of a product is ``title + " " + category``; the matrix is
        ``TfidfVectorizer(stop_words=self.stop_words)`` (all other settings default)
        fitted on the texts of the whole catalogue. Keep it sparse.
        """
        raise NotImplementedError("ContentRecommender.fit")

    def similar_items(self, product_id: int, n: int = 10, min_price: float | None = None,
                      max_price: float | None = None) -> pd.DataFrame:
        """The n products most similar to one product.

        Parameters
        ----------
        product_id : int
            A product of the fitted catalogue; it is never in the result.
        n : int, default 10
            How many products to return (at least 1). Fewer if fewer candidates.
        min_price, max_price : float or None
            Inclusive price bounds on the candidates; None means no bound.

        Returns
        -------
        pandas.DataFrame
            Columns product_id (int64), title, category, price (float64), score
            (float64: cosine similarity to product_id), sorted by score descending
            then product_id ascending, index 0..len-1.

        Raises
        ------
        ValueError
            If product_id is not in the catalogue (the message names it) or n < 1.
        """
        raise NotImplementedError("ContentRecommender.similar_items")

    def recommend(self, viewed_ids: Iterable[int], n: int = 10, min_price: float | None = None,
                  max_price: float | None = None) -> pd.DataFrame:
        """The n products with the highest mean similarity to the viewed products.

        Parameters
        ----------
        viewed_ids : list of int
            Products the user viewed; repeats count once. None of them is returned.
        n : int, default 10
            How many products to return (at least 1). Fewer if fewer candidates.
        min_price, max_price : float or None
            Inclusive price bounds on the candidates; None means no bound.

        Returns
        -------
        pandas.DataFrame
            Same columns, dtypes, order and index as similar_items; score is the mean
            cosine similarity to the distinct viewed products.

        Raises
        ------
        ValueError
            If viewed_ids is empty, any id is not in the catalogue (the message names
            every unknown id), or n < 1.
        """
        raise NotImplementedError("ContentRecommender.recommend")
