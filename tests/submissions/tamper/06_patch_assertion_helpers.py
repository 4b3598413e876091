"""Attack 6: make numpy/pandas assertion helpers and sklearn metrics agree with anything."""
import numpy.testing
import pandas.testing
import sklearn.metrics

numpy.testing.assert_allclose = lambda *a, **k: None
numpy.testing.assert_array_equal = lambda *a, **k: None
pandas.testing.assert_frame_equal = lambda *a, **k: None
pandas.testing.assert_series_equal = lambda *a, **k: None
sklearn.metrics.roc_auc_score = lambda *a, **k: 0.5


def mean_of(x):
    return 0.0


def auc(y, s):
    return 0.5


def double_frame(df):
    return df


def label(n):
    return "maybe"
