"""Train, save and load the Iris classifier that the prediction service serves.

The model travels as a "bundle": a plain dict holding the fitted estimator and the
metadata the service needs. See README.md for the full contract.
"""

from __future__ import annotations

from pathlib import Path

FEATURE_NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
CLASS_NAMES = ["setosa", "versicolor", "virginica"]


def train_model(random_state: int = 0) -> dict:
    """Fit a classifier with predict_proba on all 150 rows of scikit-learn's Iris data.

    Parameters
    ----------
    random_state : int, default 0
        Seed for any randomness in the model; the same value gives the same model.

    Returns
    -------
    dict
        The bundle, with exactly these keys:

        - ``"model"``: the fitted estimator. ``model.predict_proba(X)`` takes a 2-D
          numpy array whose columns follow ``feature_names`` (in cm) and returns one
          column per class, column i being the probability of ``class_names[i]``.
        - ``"feature_names"``: ``["sepal_length", "sepal_width", "petal_length",
          "petal_width"]``.
        - ``"class_names"``: ``["setosa", "versicolor", "virginica"]``.
        - ``"model_version"``: a non-empty string of your choice.
        - ``"train_accuracy"``: a Python float, the fraction of the 150 training rows
          that ``model.predict`` classifies correctly (at least 0.9).
    """
    raise NotImplementedError("train_model")


def save_model(bundle: dict, path: str | Path) -> None:
    """Write the bundle to path with joblib (overwriting any file there).

    Parameters
    ----------
    bundle : dict
        A bundle as returned by train_model.
    path : str or Path
        Destination file; its folder exists.
    """
    raise NotImplementedError("save_model")


def load_model(path: str | Path) -> dict:
    """Read a bundle written by save_model.

    Parameters
    ----------
    path : str or Path
        The file save_model wrote.

    Returns
    -------
    dict
        The bundle, with the same keys and values that were saved.

    Raises
    ------
    FileNotFoundError
        If no file exists at path; the message contains the path.
    ValueError
        If the file is not a bundle: not a joblib file at all, or a joblib file holding
        anything other than a dict with the five bundle keys whose "model" has
        predict_proba.
    """
    raise NotImplementedError("load_model")
