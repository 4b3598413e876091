"""Simulate a covariate shift, watch a model's accuracy fall, and detect the drift.

Reference solution. Every rule here is stated in exercises/drift_simulator/README.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

COLUMNS = ["ks_statistic", "p_value", "psi", "drifted"]


def simulate_phases(n_samples: int = 2000, n_features: int = 3, shift: float = 2.0,
                    seed: int = 0):
    """Two phases of a balanced two-class Gaussian problem; phase 2 moves both class means.

    Class 0 has mean -1, class 1 mean +1 in every feature (identity covariance). In
    phase 2 both means move by `shift` in every feature, so the boundary a phase-1
    model learned no longer separates the classes.
    """
    if int(n_samples) != n_samples or n_samples < 2 or n_samples % 2:
        raise ValueError(f"n_samples must be an even integer >= 2, got {n_samples}")
    if int(n_features) != n_features or n_features < 1:
        raise ValueError(f"n_features must be an integer >= 1, got {n_features}")
    n_samples, n_features = int(n_samples), int(n_features)
    rng = np.random.default_rng(seed)
    phases = []
    for offset in (0.0, float(shift)):
        y = rng.permutation(np.repeat([0, 1], n_samples // 2))
        X = rng.standard_normal((n_samples, n_features)) + (2 * y[:, None] - 1) + offset
        phases.append((X, y))
    return phases[0], phases[1]


def _as_1d(values, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got {arr.ndim} dimensions")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def population_stability_index(expected, actual, n_bins: int = 10, eps: float = 1e-4) -> float:
    """PSI of `actual` against `expected`, on quantile bins of `expected`.

    Interior edges are the quantiles of `expected` (duplicates dropped); the outer bins
    are open so every value of `actual` lands somewhere. A value equal to an edge goes
    to the bin on its right. Shares are clipped below at eps so an empty bin gives a
    large but finite term instead of ln(0).
    """
    expected = _as_1d(expected, "expected")
    actual = _as_1d(actual, "actual")
    if n_bins < 2:
        raise ValueError(f"n_bins must be at least 2, got {n_bins}")
    edges = np.quantile(expected, np.linspace(0, 1, n_bins + 1))
    interior = np.unique(edges[1:-1])
    n_out = len(interior) + 1
    e = np.bincount(np.searchsorted(interior, expected, side="right"), minlength=n_out)
    a = np.bincount(np.searchsorted(interior, actual, side="right"), minlength=n_out)
    e = np.maximum(e / expected.size, eps)
    a = np.maximum(a / actual.size, eps)
    return float(np.sum((a - e) * np.log(a / e)))


def ks_test(reference, current) -> tuple[float, float]:
    """Two-sample Kolmogorov-Smirnov test: (statistic, two-sided p-value)."""
    reference = _as_1d(reference, "reference")
    current = _as_1d(current, "current")
    result = stats.ks_2samp(reference, current)
    return float(result.statistic), float(result.pvalue)


def _as_2d(values, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows x features), got {arr.ndim} dimensions")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    return arr


def detect_drift(reference_X, current_X, alpha: float = 0.05,
                 psi_threshold: float = 0.2) -> pd.DataFrame:
    """One row per feature: KS statistic, p-value, PSI and the drift verdict.

    With k features, k KS tests run at once; Bonferroni keeps the chance of any false
    alarm at or below alpha by testing each at alpha / k.
    """
    reference_X = _as_2d(reference_X, "reference_X")
    current_X = _as_2d(current_X, "current_X")
    if reference_X.shape[1] != current_X.shape[1]:
        raise ValueError(f"reference_X has {reference_X.shape[1]} features, "
                         f"current_X has {current_X.shape[1]}")
    n_features = reference_X.shape[1]
    rows = []
    for j in range(n_features):
        statistic, p_value = ks_test(reference_X[:, j], current_X[:, j])
        psi = population_stability_index(reference_X[:, j], current_X[:, j])
        drifted = p_value < alpha / n_features or psi >= psi_threshold
        rows.append((statistic, p_value, psi, bool(drifted)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype({"ks_statistic": float, "p_value": float, "psi": float, "drifted": bool})


def run_simulation(shift: float = 2.0, n_samples: int = 2000, seed: int = 0) -> dict:
    """Train on phase 1, score on held-out phase 1 and on phase 2, and test for drift."""
    (X1, y1), (X2, y2) = simulate_phases(n_samples=n_samples, n_features=3, shift=shift,
                                         seed=seed)
    X_train, X_test, y_train, y_test = train_test_split(
        X1, y1, test_size=0.25, random_state=seed, stratify=y1)
    model = LogisticRegression().fit(X_train, y_train)
    phase1 = float(model.score(X_test, y_test))
    phase2 = float(model.score(X2, y2))
    table = detect_drift(X1, X2)
    return {
        "phase1_accuracy": phase1,
        "phase2_accuracy": phase2,
        "accuracy_drop": phase1 - phase2,
        "drift_table": table,
        "drift_detected": bool(table["drifted"].any()),
    }


class DriftMonitor:
    """Watch a stream in batches; test the newest `window` rows against the reference."""

    def __init__(self, reference_X, window: int = 500, alpha: float = 0.05,
                 psi_threshold: float = 0.2):
        self.reference_X = _as_2d(reference_X, "reference_X")
        if int(window) != window or window < 1:
            raise ValueError(f"window must be an integer >= 1, got {window}")
        self.window = int(window)
        self.alpha = alpha
        self.psi_threshold = psi_threshold
        self.alarms_: list[int] = []
        self._recent = np.empty((0, self.reference_X.shape[1]))
        self._n_batches = 0

    def update(self, batch) -> bool:
        """Add a batch; True when the full window of newest rows shows drift."""
        batch = _as_2d(batch, "batch")
        if batch.shape[1] != self.reference_X.shape[1]:
            raise ValueError(f"batch has {batch.shape[1]} features, "
                             f"the reference has {self.reference_X.shape[1]}")
        index = self._n_batches
        self._n_batches += 1
        self._recent = np.vstack([self._recent, batch])[-self.window:]
        if len(self._recent) < self.window:
            return False
        table = detect_drift(self.reference_X, self._recent, self.alpha, self.psi_threshold)
        alarm = bool(table["drifted"].any())
        if alarm:
            self.alarms_.append(index)
        return alarm
