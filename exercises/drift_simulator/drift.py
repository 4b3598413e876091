"""Simulate a covariate shift, watch a model's accuracy fall, and detect the drift.

Fill in every function; README.md states the exact contract of each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def simulate_phases(n_samples: int = 2000, n_features: int = 3, shift: float = 2.0,
                    seed: int = 0) -> tuple[tuple[np.ndarray, np.ndarray],
                                            tuple[np.ndarray, np.ndarray]]:
    """Draw two phases of a balanced two-class Gaussian problem.

    Parameters
    ----------
    n_samples : int
        Rows per phase; an even integer >= 2 (exactly half of each class).
    n_features : int
        Number of features, >= 1.
    shift : float
        How far both class means move, in every feature, in phase 2.
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same arrays.

    Returns
    -------
    ((X1, y1), (X2, y2))
        ``X`` float arrays of shape (n_samples, n_features); ``y`` integer arrays of
        0/1 labels. Class 0 has mean -1 and class 1 mean +1 in every feature, identity
        covariance; in phase 2 both means are moved by ``+shift`` in every feature.

    Raises
    ------
    ValueError
        If n_samples is not an even integer >= 2 or n_features is not an integer >= 1.
    """
    raise NotImplementedError("simulate_phases")


def population_stability_index(expected, actual, n_bins: int = 10, eps: float = 1e-4) -> float:
    """Population Stability Index of ``actual`` against ``expected``.

    Parameters
    ----------
    expected, actual : 1-D array-like of finite floats
        The reference sample and the new sample (lengths may differ).
    n_bins : int
        Number of quantile bins before duplicate edges are dropped; >= 2.
    eps : float
        Lower clip for every bin share (shares are not renormalised).

    Returns
    -------
    float
        ``sum((a - e) * ln(a / e))`` over the bins. Interior edges are
        ``np.unique(np.quantile(expected, np.linspace(0, 1, n_bins + 1))[1:-1])``; outer
        bins are open; a value equal to an edge goes to the bin on its right
        (``np.searchsorted(interior, x, side="right")``).

    Raises
    ------
    ValueError
        If a sample is empty, not 1-D or not finite, or if n_bins < 2.
    """
    raise NotImplementedError("population_stability_index")


def ks_test(reference, current) -> tuple[float, float]:
    """Two-sample, two-sided Kolmogorov-Smirnov test.

    Parameters
    ----------
    reference, current : 1-D array-like of floats

    Returns
    -------
    (statistic, p_value) : tuple of float
        Equal to ``scipy.stats.ks_2samp(reference, current)`` with default arguments.

    Raises
    ------
    ValueError
        If a sample is empty.
    """
    raise NotImplementedError("ks_test")


def detect_drift(reference_X, current_X, alpha: float = 0.05,
                 psi_threshold: float = 0.2) -> pd.DataFrame:
    """Test every feature of ``current_X`` against the same feature of ``reference_X``.

    Parameters
    ----------
    reference_X, current_X : 2-D array-like (rows x features)
        Same number of features k; row counts may differ.
    alpha : float
        Family-wise significance level; each KS test runs at ``alpha / k`` (Bonferroni).
    psi_threshold : float
        A feature with ``psi >= psi_threshold`` is drifted.

    Returns
    -------
    pandas.DataFrame
        Columns ``ks_statistic, p_value, psi, drifted`` (float, float, float, bool), one
        row per feature, index 0..k-1. ``drifted = p_value < alpha / k or psi >=
        psi_threshold``.

    Raises
    ------
    ValueError
        If an input is not 2-D, has no rows or columns, or the feature counts differ.
    """
    raise NotImplementedError("detect_drift")


def run_simulation(shift: float = 2.0, n_samples: int = 2000, seed: int = 0) -> dict:
    """Train on phase 1, measure accuracy on both phases, and test the inputs for drift.

    Parameters
    ----------
    shift, n_samples, seed
        Passed to ``simulate_phases`` (with n_features=3).

    Returns
    -------
    dict
        ``phase1_accuracy`` (held-out 25% of phase 1, split with
        ``train_test_split(X1, y1, test_size=0.25, random_state=seed, stratify=y1)``),
        ``phase2_accuracy`` (all of phase 2), ``accuracy_drop`` (phase 1 minus phase 2),
        ``drift_table`` (``detect_drift(X1, X2)``) and ``drift_detected`` (bool). The
        model is ``LogisticRegression()`` with default settings.
    """
    raise NotImplementedError("run_simulation")


class DriftMonitor:
    """Detect drift on a stream over a sliding window of the newest rows.

    Parameters
    ----------
    reference_X : 2-D array-like
        The reference sample (non-empty).
    window : int
        Number of newest rows tested after each batch (integer >= 1).
    alpha, psi_threshold : float
        Passed to ``detect_drift``.

    Attributes
    ----------
    alarms_ : list of int
        0-based indices of the ``update`` calls that returned True.

    Raises
    ------
    ValueError
        From the constructor, if reference_X is not a non-empty 2-D array-like or
        window is not an integer >= 1.
    """

    def __init__(self, reference_X, window: int = 500, alpha: float = 0.05,
                 psi_threshold: float = 0.2):
        raise NotImplementedError("DriftMonitor")

    def update(self, batch) -> bool:
        """Add a batch of rows; return True when the window shows drift.

        Returns False without testing while fewer than ``window`` rows have arrived;
        afterwards runs ``detect_drift(reference_X, newest window rows, alpha,
        psi_threshold)`` and returns whether any feature drifted (recording the batch's
        index in ``alarms_`` when it did).

        Raises
        ------
        ValueError
            If batch is not 2-D, has no rows, or has a different number of features.
        """
        raise NotImplementedError("DriftMonitor.update")
