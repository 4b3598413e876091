"""Benchmark: the logistic_regression reference against scikit-learn's lbfgs.

Fits both on 100,000 x 20 standardized training samples from make_classification (plus
25,000 held out for accuracy) with the same objective: l2 = 1e-5, i.e. scikit-learn's
C = 1 / (n_train * l2) = 1, its default. Reports the reference's median fit time as a
ratio to scikit-learn's, and the hold-out accuracy difference.

    python benchmarks/bench_logistic_regression.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solutions" / "logistic_regression"))
from logreg import LogisticRegressionGD  # noqa: E402

N_TRAIN, N_TEST, N_FEATURES, L2, SEED = 100_000, 25_000, 20, 1e-5, 0
GD_PARAMS = dict(learning_rate=1.0, max_iter=1000, tol=1e-7, l2=L2)


def median_fit_time(make_model, X, y, repeats):
    """Median wall time of make_model().fit(X, y), and the last fitted model."""
    times = []
    for _ in range(repeats):
        model = make_model()
        start = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - start)
    return statistics.median(times), model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    X, y = make_classification(n_samples=N_TRAIN + N_TEST, n_features=N_FEATURES, n_informative=10,
                               n_redundant=5, flip_y=0.05, random_state=SEED)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=N_TEST, stratify=y,
                                              random_state=SEED)
    scaler = StandardScaler().fit(X_tr)
    X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)

    t_gd, gd = median_fit_time(lambda: LogisticRegressionGD(**GD_PARAMS), X_tr, y_tr, args.repeats)
    t_sk, sk = median_fit_time(lambda: LogisticRegression(C=1.0 / (len(X_tr) * L2)),
                               X_tr, y_tr, args.repeats)
    acc_gd = float(np.mean(gd.predict(X_te) == y_te))
    acc_sk = float(sk.score(X_te, y_te))

    print(f"data: {len(X_tr)} x {N_FEATURES} training rows (standardized), l2={L2}")
    print(f"reference GD : {t_gd:.3f} s median of {args.repeats} ({gd.n_iter_} iterations), "
          f"accuracy {acc_gd:.4f}")
    print(f"sklearn lbfgs: {t_sk:.3f} s median of {args.repeats}, accuracy {acc_sk:.4f}")
    print(f"time ratio (reference / sklearn): {t_gd / t_sk:.2f}")
    print(f"accuracy difference (reference - sklearn): {acc_gd - acc_sk:+.4f}")
    print(f"max |coef difference|: {np.max(np.abs(gd.coef_ - sk.coef_.ravel())):.2e}")


if __name__ == "__main__":
    main()
