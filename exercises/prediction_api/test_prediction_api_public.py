"""Worked examples for prediction_api. Run with: pytest exercises/prediction_api

They call the app in-process with FastAPI's TestClient; the grader also talks to it over
HTTP under a real uvicorn server, with inputs generated at grading time.
"""

import csv
import warnings

import numpy as np
import pytest

with warnings.catch_warnings():  # starlette's TestClient announces a future change
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from app import create_app
from train import load_model, save_model, train_model

SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
VIRGINICA = {"sepal_length": 6.7, "sepal_width": 3.0, "petal_length": 5.2, "petal_width": 2.3}


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.joblib"
    save_model(train_model(random_state=0), path)
    return path


def test_bundle_has_the_stated_names_and_a_good_accuracy():
    bundle = train_model(random_state=0)
    assert bundle["feature_names"] == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert bundle["class_names"] == ["setosa", "versicolor", "virginica"]
    assert isinstance(bundle["model_version"], str) and bundle["model_version"]
    assert 0.9 <= bundle["train_accuracy"] <= 1.0


def test_save_load_round_trip_and_missing_file(model_file, tmp_path):
    bundle = load_model(model_file)
    assert bundle["class_names"] == ["setosa", "versicolor", "virginica"]
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "no_such_model.joblib")
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(ValueError):
        load_model(tmp_path / "notes.txt")


def test_health_and_a_classic_setosa(model_file):
    client = TestClient(create_app(model_path=str(model_file)))
    health = client.get("/health").json()
    assert health == {"status": "ok", "model_version": load_model(model_file)["model_version"]}

    answer = client.post("/predict", json=SETOSA).json()
    assert answer["prediction"] == "setosa"
    model = load_model(model_file)["model"]
    want = model.predict_proba(np.array([list(SETOSA.values())]))[0]
    got = [answer["probabilities"][c] for c in ["setosa", "versicolor", "virginica"]]
    np.testing.assert_allclose(got, want, rtol=1e-9)  # unrounded
    assert answer["confidence"] == max(got)


def test_batch_answers_in_order(model_file):
    client = TestClient(create_app(model_path=str(model_file)))
    resp = client.post("/predict/batch", json={"instances": [VIRGINICA, SETOSA, VIRGINICA]})
    assert resp.status_code == 200
    assert [p["prediction"] for p in resp.json()["predictions"]] == ["virginica", "setosa", "virginica"]
    assert client.post("/predict/batch", json={"instances": []}).status_code == 422


def test_bad_input_answers_422_naming_the_field(model_file):
    client = TestClient(create_app(model_path=str(model_file)))
    resp = client.post("/predict", json={**SETOSA, "petal_width": "0.2"})
    assert resp.status_code == 422
    assert any(e["loc"][-1] == "petal_width" for e in resp.json()["detail"])
    resp = client.post("/predict", json={**SETOSA, "colour": 1.0})
    assert resp.status_code == 422
    assert any("colour" in e["loc"] for e in resp.json()["detail"])
    assert client.post("/predict", json={**SETOSA, "sepal_length": 0}).status_code == 422
    assert client.post("/predict", json={**SETOSA, "sepal_length": 100}).status_code == 200


def test_each_prediction_is_logged(model_file, tmp_path):
    log = tmp_path / "log.csv"
    client = TestClient(create_app(model_path=str(model_file), log_path=str(log)))
    client.post("/predict", json=SETOSA)
    client.post("/predict/batch", json={"instances": [VIRGINICA, SETOSA]})
    client.post("/predict", json={**SETOSA, "sepal_width": -1})  # rejected: not logged
    rows = list(csv.reader(log.open(newline="")))
    assert rows[0] == ["timestamp", "sepal_length", "sepal_width", "petal_length",
                       "petal_width", "prediction", "confidence", "latency_ms"]
    assert [r[5] for r in rows[1:]] == ["setosa", "virginica", "setosa"]
    assert rows[1][0].endswith(("+00:00", "Z"))


def test_create_app_reads_the_environment(model_file, monkeypatch):
    monkeypatch.setenv("MODEL_PATH", str(model_file))
    monkeypatch.delenv("PREDICTION_LOG", raising=False)
    client = TestClient(create_app())
    assert client.get("/health").json()["status"] == "ok"
