"""A FastAPI service that serves the Iris classifier saved by train.py.

Serve it with:  MODEL_PATH=model.joblib uvicorn --factory app:create_app
See README.md for the full contract of every endpoint and of the request log.
"""

from __future__ import annotations

from fastapi import FastAPI

from train import load_model  # noqa: F401  (the model is read with this, once)

LOG_COLUMNS = ["timestamp", "sepal_length", "sepal_width", "petal_length", "petal_width",
               "prediction", "confidence", "latency_ms"]


def create_app(model_path: str | None = None, log_path: str | None = None) -> FastAPI:
    """Build the prediction service.

    Parameters
    ----------
    model_path : str or None
        A bundle written by train.save_model. When None, the environment variable
        MODEL_PATH is used; when that is unset too, raise ValueError.
    log_path : str or None
        A CSV file that receives one row per predicted instance. When None, the
        environment variable PREDICTION_LOG is used; when that is unset too, nothing
        is logged.

    Returns
    -------
    FastAPI
        The app, with GET /health, POST /predict and POST /predict/batch as README.md
        describes. The model is loaded here, once (load_model's errors propagate);
        requests never read the model file again.
    """
    raise NotImplementedError("create_app")
