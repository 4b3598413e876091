"""A FastAPI service that serves the Iris classifier saved by train.py.

Production habits, each in one place: the model is loaded once when the app is created;
pydantic rejects bad input with a 422 before the model sees it; every answer carries the
class name, its probability and all class probabilities; a lock keeps the CSV request
log whole when requests run at the same time.

Serve it with:  MODEL_PATH=model.joblib uvicorn --factory app:create_app
"""

from __future__ import annotations

import csv
import os
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import numpy as np
from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax

from train import load_model

LOG_COLUMNS = ["timestamp", "sepal_length", "sepal_width", "petal_length", "petal_width",
               "prediction", "confidence", "latency_ms"]

# A measurement in cm: a real JSON number (strict: no "5.1", no true), finite, in (0, 100].
Feature = Annotated[float, Field(strict=True, gt=0, le=100, allow_inf_nan=False)]


class Measurements(BaseModel):
    """One flower; unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    sepal_length: Feature
    sepal_width: Feature
    petal_length: Feature
    petal_width: Feature


class Batch(BaseModel):
    """Between 1 and 1,000 flowers, each validated like a single request."""

    model_config = ConfigDict(extra="forbid")

    instances: list[Measurements] = Field(min_length=1, max_length=1000)


class PredictionLog:
    """Appends one CSV row per predicted instance; the header is written once, at start."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        if not self.path.exists() or self.path.stat().st_size == 0:
            with open(self.path, "w", newline="") as f:
                csv.writer(f).writerow(LOG_COLUMNS)

    def append(self, rows: list[list]) -> None:
        """Write the rows of one request as one block (threads take turns).

        Line buffering sends each row to the file as soon as it is complete, so a crash
        loses at most one row; the lock keeps another request's rows from landing
        between them.
        """
        with self._lock:
            with open(self.path, "a", newline="", buffering=1) as f:
                csv.writer(f).writerows(rows)


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with {"detail": [{"loc", "msg", "type"}, ...]}, without echoing the input.

    FastAPI's default body repeats the offending value, and a NaN or Infinity there
    cannot be written as JSON: the client would get a 500 instead of the 422.
    """
    detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    return JSONResponse(status_code=422, content={"detail": detail})


def class_probabilities(model, X: np.ndarray) -> np.ndarray:
    """model.predict_proba(X); for a multiclass LogisticRegression, the same numbers faster.

    On one row, predict_proba spends ten times longer checking its input than computing.
    The input is already validated here, so for that common model we compute what its
    predict_proba computes (the softmax of X @ coef_.T + intercept_) directly. Any other
    model goes through predict_proba.
    """
    if isinstance(model, LogisticRegression) and len(model.classes_) > 2:
        return softmax(X @ model.coef_.T + model.intercept_)
    return model.predict_proba(X)


def create_app(model_path: str | None = None, log_path: str | None = None) -> FastAPI:
    """Build the app; the arguments default to $MODEL_PATH and $PREDICTION_LOG."""
    model_path = model_path or os.environ.get("MODEL_PATH")
    log_path = log_path or os.environ.get("PREDICTION_LOG")
    if not model_path:
        raise ValueError("no model: pass model_path or set MODEL_PATH")

    bundle = load_model(model_path)  # once, here: never inside a request
    model = bundle["model"]
    features = bundle["feature_names"]
    classes = bundle["class_names"]
    log = PredictionLog(log_path) if log_path else None

    def predict_rows(rows: list[Measurements], background: BackgroundTasks) -> list[dict]:
        """Predict every row with one call to the model; queue their log rows."""
        start = time.perf_counter()
        X = np.array([[getattr(row, name) for name in features] for row in rows])
        proba = class_probabilities(model, X)
        answers = []
        for p in proba:
            best = int(np.argmax(p))  # ties go to the first class, like np.argmax
            answers.append({
                "prediction": classes[best],
                "confidence": float(p[best]),
                "probabilities": {name: float(v) for name, v in zip(classes, p)},
            })
        if log is not None:
            latency_ms = (time.perf_counter() - start) * 1000
            stamp = datetime.now(timezone.utc).isoformat()
            background.add_task(log.append, [[stamp, *x, a["prediction"], a["confidence"],
                                              latency_ms] for x, a in zip(X.tolist(), answers)])
        return answers

    app = FastAPI(title="Iris prediction service", version=str(bundle["model_version"]))
    app.add_exception_handler(RequestValidationError, validation_error)

    # A prediction takes microseconds, less than a hop to a worker thread, so the
    # endpoints run on the event loop (async def). The log write is file I/O: it runs
    # after the answer is sent, as a background task in the thread pool, where the
    # writes of concurrent requests overlap; hence the lock in PredictionLog.
    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok", "model_version": bundle["model_version"]}

    @app.post("/predict")
    async def predict(item: Measurements, background: BackgroundTasks) -> dict:
        return predict_rows([item], background)[0]

    @app.post("/predict/batch")
    async def predict_batch(batch: Batch, background: BackgroundTasks) -> dict:
        return {"predictions": predict_rows(batch.instances, background)}

    return app
