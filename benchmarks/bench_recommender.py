"""Query latency of the recommender as the catalogue grows: p50 and p99, and growth ratios.

    python benchmarks/bench_recommender.py [--sizes 10000 100000 1000000] [--queries 200]
                                           [--submission solutions/recommender]

For each size, builds a catalogue with datasets/make_products.py (seed 0), fits a
ContentRecommender from the given folder (default: the reference), then times
`similar_items(id, n=10)` and `recommend(3 ids, n=10, max_price=median)` one call at a
time on random products. Prints fit time, p50/p99 latency in milliseconds, and each
size's p50 as a ratio to the smallest size's (linear growth: the ratio follows the size
ratio; anything that builds an N x N matrix fails long before 1M).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def latencies(call, args_list) -> np.ndarray:
    """Milliseconds per call, one call per argument tuple (after one warm-up call)."""
    call(*args_list[0])
    out = []
    for args in args_list:
        t = time.perf_counter()
        call(*args)
        out.append((time.perf_counter() - t) * 1000)
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200, help="calls per method and size")
    parser.add_argument("--submission", type=Path, default=ROOT / "solutions" / "recommender")
    opts = parser.parse_args()

    make_products = load(ROOT / "datasets" / "make_products.py", "make_products").make_products
    recommender = load(opts.submission / "recommender.py", "recommender")
    print(f"{'products':>10} {'fit s':>7} {'method':>14} {'p50 ms':>8} {'p99 ms':>8} {'p50 ratio':>10}")
    base = {}
    for size in opts.sizes:
        rng = np.random.default_rng(0)
        products = make_products(size, rng)
        ids = products["product_id"].to_numpy()
        t = time.perf_counter()
        model = recommender.ContentRecommender().fit(products)
        fit_s = time.perf_counter() - t
        median = float(products["price"].median())
        picks = rng.choice(size, size=(opts.queries, 3), replace=True)
        cases = {
            "similar_items": (lambda pid: model.similar_items(pid, n=10),
                              [(int(ids[p[0]]),) for p in picks]),
            "recommend": (lambda viewed: model.recommend(viewed, n=10, max_price=median),
                          [([int(ids[i]) for i in p],) for p in picks]),
        }
        for method, (call, args) in cases.items():
            ms = latencies(call, args)
            p50, p99 = np.percentile(ms, 50), np.percentile(ms, 99)
            base.setdefault(method, p50)
            print(f"{size:>10,} {fit_s:>7.2f} {method:>14} {p50:>8.2f} {p99:>8.2f} "
                  f"{p50 / base[method]:>9.1f}x", flush=True)
        del model, products
    sys.stdout.flush()


if __name__ == "__main__":
    main()
