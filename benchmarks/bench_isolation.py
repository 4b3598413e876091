"""Isolation's price: grading time isolated vs --in-process, and per-call round trips.

    python benchmarks/bench_isolation.py [--repeats 3] [ID ...]

Grades the reference solutions in both modes, alternating, and prints medians and their
ratio (goal: isolated within 1.3x of in-process). Then times calls through the worker for
a scalar and for a 10,000-row DataFrame, against the same calls made in-process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from grader import runner
from grader.catalog import load_catalog
from grader.worker import RemoteSubmission


def grade_kit(ids, mode) -> float:
    catalog = load_catalog()
    started = time.perf_counter()
    for c in catalog.select(ids):
        result = runner.grade(c, catalog.solution_dir(c), runner.Options(mode=mode))
        if result.score != 100:
            print(f"  warning: {c.id} scored {result.score} in {mode} mode", file=sys.stderr)
    return time.perf_counter() - started


def per_call(n_calls: int = 200) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp())
    (folder / "echo.py").write_text("def echo(x):\n    return x\n")
    remote = RemoteSubmission(folder, ("echo",), call_timeout=30, memory_mb=4096)
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=10_000), "b": rng.integers(0, 9, 10_000),
                          "c": rng.choice(["x", "y", "z"], 10_000)})
    echo = remote.echo.echo
    out = {}
    for label, value in (("scalar", 1.5), ("frame_10k", frame)):
        echo(value)  # warm up
        times = []
        for _ in range(n_calls):
            t = time.perf_counter()
            echo(value)
            times.append(time.perf_counter() - t)
        out[label] = statistics.median(times) * 1000
    remote.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    runs = {"in-process": [], "isolated": []}
    for i in range(args.repeats):
        for mode in ("in-process", "isolated") if i % 2 == 0 else ("isolated", "in-process"):
            runs[mode].append(grade_kit(args.ids, mode))
            print(f"  run {i + 1} {mode}: {runs[mode][-1]:.1f} s", flush=True)
    iso, inp = statistics.median(runs["isolated"]), statistics.median(runs["in-process"])
    print(f"whole kit on references: isolated {iso:.1f} s, in-process {inp:.1f} s "
          f"(medians of {args.repeats}); ratio {iso / inp:.2f}x (goal <= 1.3x)")
    calls = per_call()
    print(f"round trip per call (median of 200): scalar {calls['scalar']:.2f} ms, "
          f"10,000-row DataFrame there and back {calls['frame_10k']:.2f} ms")


if __name__ == "__main__":
    main()
