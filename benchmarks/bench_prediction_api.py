"""Throughput and latency of the prediction service, as a ratio to a bare FastAPI endpoint.

    python benchmarks/bench_prediction_api.py [--requests 3000] [--clients 8] [--repeats 3]
                                              [--submission solutions/prediction_api]

Trains the submission's model (train_model(0) + save_model), then serves, each with
uvicorn in its own subprocess (one worker, loopback, free port):

- bare:     a FastAPI app whose `async def` POST /predict returns a constant JSON body;
- api:      the submission's app (`uvicorn --factory app:create_app`), no log;
- api+log:  the same app writing the CSV request log.

Each is hit by `--clients` threads, each holding one keep-alive connection (a minimal
socket client, so the load generator costs little CPU next to the server), sending
`--requests` valid /predict bodies in total after a warm-up, one at a time per client. The
three servers are measured in turn, `--repeats` times; the report gives the median
requests per second and p50/p99 latency, and each app's throughput as a ratio to the
bare endpoint's in the same run. Goal: the api keeps at least 60% of bare throughput.
The client shares the machine with the server, so absolute numbers depend on the cores
available; the ratio is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
BARE_APP = '''
from fastapi import FastAPI

app = FastAPI()


@app.post("/predict")
async def predict() -> dict:
    return {"prediction": "setosa", "confidence": 1.0,
            "probabilities": {"setosa": 1.0, "versicolor": 0.0, "virginica": 0.0}}
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(cwd: Path, target: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """uvicorn in a subprocess; returns it and its base URL once it accepts requests."""
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1", "--port", str(port),
           "--workers", "1", "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/docs", timeout=1)
            return proc, url
        except httpx.TransportError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server {' '.join(target)} did not start")


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on a socket, cheap enough not to be the bottleneck.

    httpx spends a few hundred microseconds of CPU per request, as much as the server, so
    with it the benchmark would measure the client. Requests are encoded in advance.
    """

    def __init__(self, url: str):
        host, port = url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    @staticmethod
    def encode(body: dict) -> bytes:
        data = json.dumps(body).encode()
        return (b"POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: "
                + str(len(data)).encode() + b"\r\n\r\n" + data)

    def request(self, raw: bytes) -> int:
        """Send one encoded request, read the whole response; return its status code."""
        self.sock.sendall(raw)
        while b"\r\n\r\n" not in self.buf:
            self._read()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(self.buf) < length:
            self._read()
        self.buf = self.buf[length:]
        return int(head.split(b" ", 2)[1])

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buf += chunk

    def close(self) -> None:
        self.sock.close()


def load(url: str, bodies: list[dict], clients: int) -> tuple[float, list[float]]:
    """Send every body once from `clients` threads; (requests per second, latencies in s)."""
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client(mine: list[dict]) -> None:
        raws = [RawClient.encode(b) for b in mine]
        own = []
        c = RawClient(url)
        barrier.wait()
        for raw in raws:
            t = time.perf_counter()
            status = c.request(raw)
            own.append(time.perf_counter() - t)
            if status != 200:
                raise RuntimeError(f"{url}: status {status}")
        c.close()
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=client, args=(bodies[i::clients],)) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return len(bodies) / (time.perf_counter() - start), latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--submission", type=Path, default=ROOT / "solutions" / "prediction_api")
    args = parser.parse_args()

    folder = args.submission.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench_prediction_api_"))
    (work / "bare.py").write_text(BARE_APP)
    model = work / "model.joblib"
    subprocess.run([sys.executable, "-c", "import sys; from train import train_model, save_model; "
                    "save_model(train_model(0), sys.argv[1])", str(model)], cwd=folder, check=True)

    rng = np.random.default_rng(0)
    X = np.clip(rng.normal([5.8, 3.0, 3.8, 1.2], [0.8, 0.4, 1.8, 0.8], (args.requests, 4)), 0.1, 100)
    bodies = [dict(zip(FEATURES, map(float, row))) for row in X]
    warmup = bodies[: max(args.clients * 20, 100)]

    servers = {
        "bare": (work, ["bare:app"], {}),
        "api": (folder, ["--factory", "app:create_app"], {"MODEL_PATH": str(model)}),
        "api+log": (folder, ["--factory", "app:create_app"],
                    {"MODEL_PATH": str(model), "PREDICTION_LOG": str(work / "log.csv")}),
    }
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in servers}
    for _ in range(args.repeats):
        for name, (cwd, target, env) in servers.items():
            proc, url = start_server(cwd, target, env)
            try:
                load(url, warmup, args.clients)
                rps, lat = load(url, bodies, args.clients)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            lat_ms = np.array(lat) * 1000
            results[name].append((rps, float(np.percentile(lat_ms, 50)), float(np.percentile(lat_ms, 99))))

    print(f"/predict, {args.requests} requests from {args.clients} clients, "
          f"median of {args.repeats} runs, one uvicorn worker on loopback")
    print(f"{'server':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    bare_rps = statistics.median(r[0] for r in results["bare"])
    for name, runs in results.items():
        rps = statistics.median(r[0] for r in runs)
        p50 = statistics.median(r[1] for r in runs)
        p99 = statistics.median(r[2] for r in runs)
        print(f"{name:<9} {rps:8.0f} {p50:8.2f} {p99:8.2f} {rps / bare_rps:8.0%}")
    ratio = statistics.median(r[0] for r in results["api"]) / bare_rps
    print(f"goal: api >= 60% of bare throughput -> {'met' if ratio >= 0.6 else 'NOT met'} ({ratio:.0%})")


if __name__ == "__main__":
    main()
