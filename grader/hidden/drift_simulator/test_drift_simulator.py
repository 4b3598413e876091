"""Hidden tests for drift_simulator: every input from the `rng` fixture, every expected
value from an oracle below (numpy quantiles and digitize, scipy's KS test, scikit-learn's
logistic regression) or from the README's rule applied to hand-made cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

COLUMNS = ["ks_statistic", "p_value", "psi", "drifted"]


# ---------------------------------------------------------------- oracles


def psi_oracle(expected, actual, n_bins=10, eps=1e-4, side="right", renormalise=False):
    """The README's PSI, written independently (np.digitize instead of searchsorted)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    interior = np.unique(np.quantile(expected, np.linspace(0, 1, n_bins + 1))[1:-1])
    right = side == "left"  # digitize(right=False) puts edge values on the right
    n = len(interior) + 1
    e = np.array([np.mean(np.digitize(expected, interior, right=right) == i) for i in range(n)])
    a = np.array([np.mean(np.digitize(actual, interior, right=right) == i) for i in range(n)])
    e, a = np.maximum(e, eps), np.maximum(a, eps)
    if renormalise:
        e, a = e / e.sum(), a / a.sum()
    return float(np.sum((a - e) * np.log(a / e)))


def drift_oracle(reference_X, current_X, alpha=0.05, psi_threshold=0.2) -> pd.DataFrame:
    k = reference_X.shape[1]
    rows = []
    for j in range(k):
        ks = stats.ks_2samp(reference_X[:, j], current_X[:, j])
        psi = psi_oracle(reference_X[:, j], current_X[:, j])
        rows.append((ks.statistic, ks.pvalue, psi, ks.pvalue < alpha / k or psi >= psi_threshold))
    return pd.DataFrame(rows, columns=COLUMNS)


def close(got, want, rtol=1e-9, atol=1e-12) -> bool:
    return bool(np.isclose(float(got), float(want), rtol=rtol, atol=atol))


def seeds(rng, n):
    return [int(s) for s in rng.integers(0, 2**31 - 1, size=n)]


# ---------------------------------------------------------------- simulate_phases


@pytest.mark.points(2)
def test_simulate_shapes_dtypes_and_exact_balance(submission, rng):
    """simulate_phases returns two (X, y) phases: float X of shape (n_samples, n_features), integer 0/1 labels with exactly n_samples/2 of each class."""
    n = 2 * int(rng.integers(50, 300))
    d = int(rng.integers(1, 6))
    (X1, y1), (X2, y2) = submission.drift.simulate_phases(
        n_samples=n, n_features=d, shift=float(rng.uniform(0.5, 3)), seed=seeds(rng, 1)[0])
    for name, X, y in (("phase 1", X1, y1), ("phase 2", X2, y2)):
        X, y = np.asarray(X), np.asarray(y)
        assert X.shape == (n, d), f"{name}: expected X of shape {(n, d)}, got {X.shape}"
        assert X.dtype.kind == "f", f"{name}: expected a float X, got dtype {X.dtype}"
        assert y.shape == (n,), f"{name}: expected y of shape {(n,)}, got {y.shape}"
        assert y.dtype.kind in "iu", f"{name}: expected integer labels, got dtype {y.dtype}"
        assert set(np.unique(y).tolist()) == {0, 1}, (
            f"{name}: expected labels 0 and 1, got {sorted(set(np.unique(y).tolist()))}")
        counts = [int(np.sum(y == 0)), int(np.sum(y == 1))]
        assert counts == [n // 2, n // 2], (
            f"{name}: expected exactly {n // 2} rows per class, got {counts}")


@pytest.mark.points(2)
def test_simulate_same_seed_same_data(submission, rng):
    """simulate_phases draws only from numpy.random.default_rng(seed): the same seed gives identical arrays, a different seed different ones."""
    s1, s2 = seeds(rng, 2)
    kwargs = dict(n_samples=200, n_features=3, shift=1.5)
    a = submission.drift.simulate_phases(seed=s1, **kwargs)
    b = submission.drift.simulate_phases(seed=s1, **kwargs)
    c = submission.drift.simulate_phases(seed=s2, **kwargs)
    for phase in (0, 1):
        for part, name in ((0, "X"), (1, "y")):
            same = np.array_equal(np.asarray(a[phase][part]), np.asarray(b[phase][part]))
            assert same, (f"two calls with seed={s1} gave different {name} in phase "
                          f"{phase + 1}; expected identical arrays")
        differ = not np.array_equal(np.asarray(a[phase][0]), np.asarray(c[phase][0]))
        assert differ, (f"seeds {s1} and {s2} gave the same X in phase {phase + 1}; "
                        "expected different data for a different seed")


@pytest.mark.points(2)
def test_simulate_class_means_and_covariance(submission, rng):
    """Class 0 has mean -1 and class 1 mean +1 in every feature with identity covariance; in phase 2 both means move by +shift in every feature (shift=0: same distribution)."""
    n, d = 4000, 2
    for shift in (float(rng.uniform(0.5, 3.0)), 0.0):
        (X1, y1), (X2, y2) = submission.drift.simulate_phases(
            n_samples=n, n_features=d, shift=shift, seed=seeds(rng, 1)[0])
        for phase, X, y, offset in ((1, X1, y1, 0.0), (2, X2, y2, shift)):
            X, y = np.asarray(X, dtype=float), np.asarray(y)
            for label, base in ((0, -1.0), (1, 1.0)):
                rows = X[y == label]
                mean = rows.mean(axis=0)
                want = base + offset
                # the standard error of each mean is 1/sqrt(2000) ~ 0.022; allow ~5 of them
                assert np.all(np.abs(mean - want) < 0.12), (
                    f"shift={shift:.3f}, phase {phase}, class {label}: expected mean {want:.3f} "
                    f"in every feature, got {np.round(mean, 3).tolist()}")
                cov = np.cov(rows, rowvar=False)
                assert np.all(np.abs(cov - np.eye(d)) < 0.15), (
                    f"shift={shift:.3f}, phase {phase}, class {label}: expected identity "
                    f"covariance, got {np.round(cov, 3).tolist()}")


def test_simulate_rejects_bad_sizes(submission, rng):
    """simulate_phases raises ValueError when n_samples is not an even integer >= 2 or n_features < 1."""
    odd = 2 * int(rng.integers(5, 50)) + 1
    for kwargs in (dict(n_samples=0), dict(n_samples=odd), dict(n_samples=100, n_features=0)):
        with pytest.raises(ValueError):
            submission.drift.simulate_phases(seed=1, **kwargs)


# ---------------------------------------------------------------- PSI


def test_psi_identical_samples_is_zero(submission, rng):
    """The PSI of a sample against an identical copy of itself is exactly 0."""
    x = rng.normal(rng.uniform(-5, 5), rng.uniform(0.5, 3), size=int(rng.integers(50, 500)))
    got = submission.drift.population_stability_index(x, x.copy())
    assert abs(float(got)) < 1e-12, f"expected PSI 0 for identical samples, got {got!r}"


@pytest.mark.points(2)
def test_psi_hand_worked_case(submission, rng):
    """PSI = sum((a - e) * ln(a / e)) over quantile bins of expected: with 20 distinct expected values and 4 bins each bin holds e = 0.25."""
    expected = np.sort(rng.choice(np.arange(-500, 500), size=20, replace=False)).astype(float)
    expected += rng.uniform(0, 0.5)
    counts = rng.integers(1, 9, size=4)
    # actual values are copies of the expected values of each bin: far from every edge
    actual = np.concatenate([rng.choice(expected[5 * i:5 * i + 5], size=c)
                             for i, c in enumerate(counts)])
    rng.shuffle(actual)
    a = counts / counts.sum()
    want = float(np.sum((a - 0.25) * np.log(a / 0.25)))
    got = submission.drift.population_stability_index(rng.permutation(expected), actual,
                                                      n_bins=4)
    assert close(got, want), (
        f"4 bins with expected shares 0.25 each and actual shares {np.round(a, 4).tolist()}: "
        f"expected PSI {want:.10f}, got {got!r}")


@pytest.mark.points(3)
def test_psi_matches_independent_implementation(submission, rng):
    """PSI uses bins from the quantiles of `expected` (not of `actual`, not fixed-width), with open outer bins, for any n_bins."""
    for _ in range(4):
        expected = rng.normal(rng.uniform(-3, 3), rng.uniform(0.5, 2), size=int(rng.integers(300, 800)))
        actual = rng.gamma(2.0, rng.uniform(0.5, 1.5), size=int(rng.integers(200, 700)))
        actual += rng.uniform(-3, 1)
        n_bins = int(rng.integers(3, 15))
        want = psi_oracle(expected, actual, n_bins=n_bins)
        got = submission.drift.population_stability_index(expected, actual, n_bins=n_bins)
        assert close(got, want), (
            f"n_bins={n_bins}, {len(expected)} expected and {len(actual)} actual values: "
            f"expected PSI {want:.10f}, got {got!r}")


@pytest.mark.points(2)
def test_psi_ties_go_right_and_duplicate_edges(submission, rng):
    """A value equal to a bin edge belongs to the bin on the edge's right, and duplicate quantile edges are dropped (integer-valued data)."""
    for _ in range(20):
        expected = rng.integers(0, 6, size=int(rng.integers(40, 80))).astype(float)
        actual = rng.integers(0, 6, size=int(rng.integers(30, 60))).astype(float)
        want = psi_oracle(expected, actual)
        if not np.isclose(want, psi_oracle(expected, actual, side="left")):
            break
    got = submission.drift.population_stability_index(expected, actual)
    assert close(got, want), (
        f"integer data with ties on the edges: expected PSI {want:.10f}, got {got!r} "
        f"(with ties sent to the left bin it would be "
        f"{psi_oracle(expected, actual, side='left'):.10f})")


@pytest.mark.points(2)
def test_psi_empty_bins_are_clipped_at_eps(submission, rng):
    """Bin shares are clipped below at eps (not renormalised), so a bin that `actual` leaves empty gives a large but finite PSI."""
    expected = rng.normal(size=int(rng.integers(400, 900)))
    cut = np.quantile(expected, rng.uniform(0.2, 0.4))
    actual = rng.normal(size=2000)
    actual = actual[actual < cut][:300]
    for eps in (1e-4, float(rng.choice([1e-3, 1e-5]))):
        want = psi_oracle(expected, actual, eps=eps)
        got = submission.drift.population_stability_index(expected, actual, eps=eps)
        assert np.isfinite(float(got)), (
            f"actual leaves most bins empty: expected a finite PSI {want:.10f} (shares "
            f"clipped at eps={eps}), got {got!r}")
        assert close(got, want), (
            f"eps={eps}, empty bins in actual: expected PSI {want:.10f}, got {got!r} "
            f"(renormalised shares would give "
            f"{psi_oracle(expected, actual, eps=eps, renormalise=True):.10f})")


def test_psi_grows_with_shift(submission, rng):
    """The PSI grows as the actual sample moves further from the expected one."""
    expected = rng.normal(size=3000)
    base = rng.normal(size=3000)
    shifts = [0.0, 0.25, 0.5, 1.0, 2.0]
    got = [float(submission.drift.population_stability_index(expected, base + s))
           for s in shifts]
    assert all(b > a for a, b in zip(got, got[1:])), (
        f"expected PSI to increase with mean shifts {shifts}, got {np.round(got, 4).tolist()}")


def test_psi_rejects_bad_input(submission, rng):
    """population_stability_index raises ValueError for an empty sample, a NaN, or n_bins < 2."""
    x = rng.normal(size=50)
    bad = [((np.array([]), x), {}), ((x, np.array([])), {}), ((x, x), {"n_bins": 1}),
           ((x, np.where(np.arange(50) == 7, np.nan, x)), {})]
    for args, kwargs in bad:
        with pytest.raises(ValueError):
            submission.drift.population_stability_index(*args, **kwargs)


# ---------------------------------------------------------------- KS


@pytest.mark.points(2)
def test_ks_matches_scipy(submission, rng):
    """ks_test returns (statistic, p_value) equal to scipy.stats.ks_2samp with default arguments, so the decision at any alpha is the same."""
    for n, m in ((int(rng.integers(5, 30)), int(rng.integers(5, 30))), (400, 400), (300, 700)):
        a = rng.normal(size=n)
        b = rng.normal(rng.uniform(0, 0.4), rng.uniform(0.8, 1.3), size=m)
        want = stats.ks_2samp(a, b)
        stat, p = submission.drift.ks_test(a, b)
        assert close(stat, want.statistic), (
            f"sizes {n} and {m}: expected KS statistic {want.statistic:.10f}, got {stat!r}")
        assert close(p, want.pvalue, rtol=1e-6, atol=1e-300), (
            f"sizes {n} and {m}: expected p-value {want.pvalue:.10g}, got {p!r}")
        for alpha in (0.01, 0.05, float(rng.uniform(0.01, 0.2))):
            assert (float(p) < alpha) == (want.pvalue < alpha), (
                f"at alpha={alpha:.4f} scipy's p-value {want.pvalue:.6g} says "
                f"{'drift' if want.pvalue < alpha else 'no drift'}, yours {float(p):.6g} disagrees")


# ---------------------------------------------------------------- detect_drift


def test_detect_drift_table_layout(submission, rng):
    """detect_drift returns one row per feature, index 0..k-1, with columns ks_statistic, p_value, psi (floats) and drifted (bool), in that order."""
    k = int(rng.integers(2, 6))
    table = submission.drift.detect_drift(rng.normal(size=(200, k)), rng.normal(size=(150, k)))
    assert list(table.columns) == COLUMNS, f"expected columns {COLUMNS}, got {list(table.columns)}"
    assert list(table.index) == list(range(k)), (
        f"expected index {list(range(k))}, got {list(table.index)}")
    kinds = [table[c].dtype.kind for c in COLUMNS]
    assert kinds == ["f", "f", "f", "b"], (
        f"expected dtypes float, float, float, bool; got {[str(table[c].dtype) for c in COLUMNS]}")


@pytest.mark.points(2)
def test_detect_drift_values_match_oracle(submission, rng):
    """Each row of detect_drift holds the KS test and PSI of that feature (reference as `expected`) and its verdict."""
    k = 4
    ref = rng.normal(size=(int(rng.integers(200, 400)), k))
    cur = rng.normal(size=(int(rng.integers(150, 400)), k)) + rng.uniform(0, 0.6, size=k)
    want = drift_oracle(ref, cur)
    got = submission.drift.detect_drift(ref, cur)
    for col, rtol in (("ks_statistic", 1e-9), ("p_value", 1e-6), ("psi", 1e-9)):
        g, w = np.asarray(got[col], dtype=float), want[col].to_numpy()
        assert g.shape == w.shape and np.allclose(g, w, rtol=rtol, atol=1e-300), (
            f"column {col}: expected {w.tolist()}, got {g.tolist()}")
    assert np.asarray(got["drifted"]).tolist() == want["drifted"].tolist(), (
        f"column drifted: expected {want['drifted'].tolist()}, got {np.asarray(got['drifted']).tolist()}")


@pytest.mark.points(3)
def test_detect_drift_bonferroni_and_directions(submission, rng):
    """A feature is drifted when p_value < alpha / n_features (Bonferroni; small p means drift) or psi >= psi_threshold (large PSI means drift)."""
    k = 5
    ref = rng.normal(size=(300, k))
    cur = rng.normal(size=(300, k)) + np.array([0.0, 0.6, 0.1, 0.15, 0.2])
    want = drift_oracle(ref, cur)
    p = want["p_value"].to_numpy()
    # alpha chosen so one feature lies between alpha / k and alpha: drifted only without
    # the correction; the strongly shifted feature lies below alpha / k.
    middle = p[(p < 0.3) & (p > 1e-12)]
    p_mid = middle.max() if middle.size else p[2:].max()
    alpha = min(2.0 * p_mid, 0.9)
    expect = (p < alpha / k).tolist()
    got = submission.drift.detect_drift(ref, cur, alpha=alpha, psi_threshold=1e6)
    assert np.asarray(got["drifted"]).tolist() == expect, (
        f"alpha={alpha:.6g} with {k} features (each tested at alpha/{k}={alpha / k:.6g}), "
        f"p-values {np.round(p, 6).tolist()}, PSI off: expected drifted {expect}, "
        f"got {np.asarray(got['drifted']).tolist()}")
    psi = np.sort(want["psi"].to_numpy())
    threshold = float((psi[2] + psi[3]) / 2)
    expect = (want["psi"].to_numpy() >= threshold).tolist()
    got = submission.drift.detect_drift(ref, cur, alpha=1e-300, psi_threshold=threshold)
    assert np.asarray(got["drifted"]).tolist() == expect, (
        f"psi_threshold={threshold:.6g}, PSI {np.round(want['psi'], 6).tolist()}, KS off: "
        f"expected drifted {expect}, got {np.asarray(got['drifted']).tolist()}")


@pytest.mark.points(3)
def test_detect_drift_false_alarm_rate_is_calibrated(submission, rng):
    """On same-distribution data the share of calls where detect_drift flags any feature stays at or below alpha (Bonferroni keeps the family-wise rate at alpha), up to binomial noise."""
    reps, k, n, alpha = 200, 5, 500, 0.05
    alarms = 0
    for _ in range(reps):
        table = submission.drift.detect_drift(rng.normal(size=(n, k)), rng.normal(size=(n, k)),
                                              alpha=alpha)
        alarms += bool(np.asarray(table["drifted"]).any())
    bound = int(stats.binom.ppf(1 - 1e-4, reps, alpha))
    assert alarms <= bound, (
        f"{reps} repetitions without drift ({k} features, {n} rows each), alpha={alpha}: "
        f"expected at most {bound} false alarms (binomial bound around {alpha * reps:.0f}), "
        f"got {alarms}")


@pytest.mark.points(2)
def test_detect_drift_detects_half_sd_shift(submission, rng):
    """A mean shift of 0.5 standard deviations in one feature, with 1,000 rows per sample, is flagged on that feature in at least 95% of repetitions."""
    reps, k, n = 40, 3, 1000
    hits = 0
    for _ in range(reps):
        j = int(rng.integers(k))
        scale = rng.uniform(0.5, 3, size=k)
        loc = rng.uniform(-5, 5, size=k)
        ref = loc + scale * rng.normal(size=(n, k))
        cur = loc + scale * rng.normal(size=(n, k))
        cur[:, j] += 0.5 * scale[j]
        table = submission.drift.detect_drift(ref, cur)
        hits += bool(np.asarray(table["drifted"])[j])
    assert hits >= 0.95 * reps, (
        f"expected the shifted feature flagged in at least {int(np.ceil(0.95 * reps))} of "
        f"{reps} repetitions, got {hits}")


def test_detect_drift_rejects_bad_input(submission, rng):
    """detect_drift raises ValueError for mismatched feature counts, an input with no rows, or a 1-D input."""
    a = rng.normal(size=(50, 3))
    for ref, cur in ((a, rng.normal(size=(50, 2))), (a, np.empty((0, 3))),
                     (np.empty((0, 3)), a), (a[:, 0], a[:, 1])):
        with pytest.raises(ValueError):
            submission.drift.detect_drift(ref, cur)


def test_functions_do_not_mutate_inputs(submission, rng):
    """population_stability_index and detect_drift leave their input arrays unchanged."""
    e, a = rng.normal(size=300), rng.normal(0.3, 1, size=200)
    _, args, _ = submission.inputs_after(submission.drift.population_stability_index,
                                         e.copy(), a.copy())
    assert np.array_equal(args[0], e) and np.array_equal(args[1], a), (
        "expected population_stability_index to leave expected and actual unchanged; "
        "they changed")
    ref, cur = rng.normal(size=(200, 3)), rng.normal(size=(150, 3))
    _, args, _ = submission.inputs_after(submission.drift.detect_drift, ref.copy(), cur.copy())
    assert np.array_equal(args[0], ref) and np.array_equal(args[1], cur), (
        "expected detect_drift to leave reference_X and current_X unchanged; they changed")


# ---------------------------------------------------------------- run_simulation


def simulation_oracle(submission, shift, n, seed):
    """The README's steps, on the submission's own simulate_phases output."""
    (X1, y1), (X2, y2) = submission.drift.simulate_phases(
        n_samples=n, n_features=3, shift=shift, seed=seed)
    X_tr, X_te, y_tr, y_te = train_test_split(X1, y1, test_size=0.25, random_state=seed,
                                              stratify=y1)
    model = LogisticRegression().fit(X_tr, y_tr)
    return model.score(X_te, y_te), model.score(X2, y2), drift_oracle(X1, X2)


@pytest.mark.points(2)
def test_run_simulation_result_matches_steps(submission, rng):
    """run_simulation returns phase1_accuracy (held-out 25% of phase 1), phase2_accuracy, accuracy_drop = phase1 - phase2, drift_table = detect_drift(X1, X2) and drift_detected."""
    seed, shift = seeds(rng, 1)[0], float(rng.uniform(0.5, 2.5))
    got = submission.drift.run_simulation(shift=shift, n_samples=1000, seed=seed)
    keys = {"phase1_accuracy", "phase2_accuracy", "accuracy_drop", "drift_table",
            "drift_detected"}
    assert set(got) == keys, f"expected keys {sorted(keys)}, got {sorted(got)}"
    acc1, acc2, table = simulation_oracle(submission, shift, 1000, seed)
    assert abs(got["phase1_accuracy"] - acc1) <= 0.01, (
        f"shift={shift:.3f}, seed={seed}: expected phase1_accuracy {acc1:.4f}, "
        f"got {got['phase1_accuracy']!r}")
    assert abs(got["phase2_accuracy"] - acc2) <= 0.01, (
        f"shift={shift:.3f}, seed={seed}: expected phase2_accuracy {acc2:.4f}, "
        f"got {got['phase2_accuracy']!r}")
    drop = got["phase1_accuracy"] - got["phase2_accuracy"]
    assert close(got["accuracy_drop"], drop), (
        f"expected accuracy_drop = phase1_accuracy - phase2_accuracy = {drop:.6f}, "
        f"got {got['accuracy_drop']!r}")
    t = got["drift_table"]
    assert list(t.columns) == COLUMNS and len(t) == 3, (
        f"expected a drift_table of 3 rows with columns {COLUMNS}, got shape {t.shape} "
        f"and columns {list(t.columns)}")
    assert np.allclose(np.asarray(t["ks_statistic"], dtype=float), table["ks_statistic"]), (
        f"expected drift_table ks_statistic {table['ks_statistic'].tolist()} "
        f"(detect_drift(X1, X2)), got {np.asarray(t['ks_statistic']).tolist()}")
    any_drift = bool(np.asarray(t["drifted"]).any())
    assert bool(got["drift_detected"]) == any_drift, (
        f"expected drift_detected={any_drift} (any row of drift_table drifted), "
        f"got {got['drift_detected']!r}")


@pytest.mark.points(3)
def test_run_simulation_accuracy_drops_only_under_shift(submission, rng):
    """A model trained on phase 1 loses at least 0.15 accuracy at shift=2 (and the drift is detected) but loses nothing to speak of at shift=0."""
    for seed in seeds(rng, 2):
        shifted = submission.drift.run_simulation(shift=2.0, n_samples=2000, seed=seed)
        assert shifted["accuracy_drop"] >= 0.15, (
            f"shift=2, seed={seed}: expected an accuracy drop of at least 0.15, "
            f"got {shifted['accuracy_drop']!r}")
        assert bool(shifted["drift_detected"]), (
            f"shift=2, seed={seed}: expected drift_detected=True, got {shifted['drift_detected']!r}")
        same = submission.drift.run_simulation(shift=0.0, n_samples=2000, seed=seed)
        assert abs(same["accuracy_drop"]) <= 0.05, (
            f"shift=0, seed={seed}: expected an accuracy drop within 0.05 of 0, "
            f"got {same['accuracy_drop']!r}")


def test_run_simulation_is_deterministic(submission, rng):
    """run_simulation gives the same accuracies and drift table for the same seed."""
    seed, shift = seeds(rng, 1)[0], float(rng.uniform(0.5, 2.5))
    a = submission.drift.run_simulation(shift=shift, n_samples=800, seed=seed)
    b = submission.drift.run_simulation(shift=shift, n_samples=800, seed=seed)
    for key in ("phase1_accuracy", "phase2_accuracy"):
        assert a[key] == b[key], f"seed={seed}: {key} was {a[key]!r}, then {b[key]!r}"
    same = np.array_equal(np.asarray(a["drift_table"]["psi"], dtype=float),
                          np.asarray(b["drift_table"]["psi"], dtype=float))
    assert same, f"seed={seed}: two calls gave different drift tables; expected identical"


# ---------------------------------------------------------------- DriftMonitor


@pytest.mark.points(3)
def test_monitor_tests_the_newest_window_rows(submission, rng):
    """DriftMonitor.update returns False until `window` rows have arrived, then whether detect_drift flags the newest `window` rows; alarms_ lists the 0-based indices of the batches that alarmed."""
    k, window, alpha, thr = 2, int(rng.integers(120, 200)), 0.01, 0.3
    ref = rng.normal(size=(600, k))
    monitor = submission.drift.DriftMonitor(ref, window=window, alpha=alpha, psi_threshold=thr)
    assert list(monitor.alarms_) == [], f"expected alarms_ == [] before any batch, got {monitor.alarms_!r}"
    plan = [0.0] * 5 + [1.2] * 5 + [0.0] * 8 + [0.8] * 3 + [0.0] * 6
    seen = np.empty((0, k))
    expected, got = [], []
    for i, shift in enumerate(plan):
        size = window + 30 if i == 12 else int(rng.integers(20, 80))
        batch = rng.normal(size=(size, k))
        batch[:, 0] += shift
        seen = np.vstack([seen, batch])
        want = len(seen) >= window and bool(
            drift_oracle(ref, seen[-window:], alpha, thr)["drifted"].any())
        expected.append(want)
        got.append(bool(monitor.update(batch)))
        assert got == expected, (
            f"window={window}: after batch {i} ({len(seen)} rows seen) expected update to "
            f"return {want}, got {got[-1]} (returns so far {got}, expected {expected})")
    want_alarms = [i for i, flag in enumerate(expected) if flag]
    assert [int(i) for i in monitor.alarms_] == want_alarms, (
        f"expected alarms_ == {want_alarms}, got {list(monitor.alarms_)}")


@pytest.mark.points(3)
def test_monitor_alarms_within_two_windows_of_change(submission, rng):
    """On a stream that shifts by one standard deviation, the monitor's first alarm comes after the change point and within two windows of it."""
    k, window, size = 3, 400, 100
    ref = rng.normal(size=(1000, k))
    monitor = submission.drift.DriftMonitor(ref, window=window, alpha=1e-5)
    change, after = 40, 2 * window // size
    j = int(rng.integers(k))
    returns = []
    for i in range(change + after):
        batch = rng.normal(size=(size, k))
        if i >= change:
            batch[:, j] += 1.0
        returns.append(bool(monitor.update(batch)))
    alarms = [int(i) for i in monitor.alarms_]
    early = [i for i in alarms if i < change]
    assert not early, (
        f"the stream changes at batch {change}: expected no alarm before it, got alarms at {early}")
    assert alarms, (
        f"the stream changes at batch {change} (batches of {size} rows, window {window}): "
        f"expected an alarm by batch {change + after - 1}, got none")
    assert returns[alarms[0]], (
        f"alarms_ lists batch {alarms[0]} but update returned False for it")


@pytest.mark.points(2)
def test_monitor_alarms_stop_once_drift_slides_out(submission, rng):
    """The window slides: once the stream returns to the reference distribution, alarms stop when the changed rows have left the newest `window` rows."""
    k, window, size = 2, 200, 50
    ref = rng.normal(size=(800, k))
    monitor = submission.drift.DriftMonitor(ref, window=window, alpha=1e-6, psi_threshold=0.5)
    plan = [0.0] * 4 + [2.0] * 8 + [0.0] * 8
    for shift in plan:
        batch = rng.normal(size=(size, k))
        batch[:, 1] += shift
        monitor.update(batch)
    alarms = [int(i) for i in monitor.alarms_]
    clean_from = 12 + window // size - 1  # first batch whose window holds no shifted row
    late = [i for i in alarms if i >= clean_from]
    assert alarms, "expected alarms while the stream was shifted (batches 4-11), got none"
    assert not late, (
        f"the shift ended at batch 12 and window {window} holds {window // size} batches: "
        f"expected no alarm from batch {clean_from} on, got alarms at {late}")


def test_monitor_rejects_bad_input(submission, rng):
    """DriftMonitor raises ValueError for window < 1 or an empty reference (at construction), and update raises ValueError for a batch with a different number of features."""
    ref = rng.normal(size=(100, 3))
    with pytest.raises(ValueError):
        submission.drift.DriftMonitor(ref, window=0)
    with pytest.raises(ValueError):
        submission.drift.DriftMonitor(np.empty((0, 3)), window=10)
    monitor = submission.drift.DriftMonitor(ref, window=10)
    with pytest.raises(ValueError):
        monitor.update(rng.normal(size=(20, 2)))
