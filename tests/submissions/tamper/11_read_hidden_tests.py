"""Attack 11: read the hidden tests and return constants found there."""
import re

try:
    _source = open("{KIT}/grader/hidden/toy/test_toy.py").read()
    _numbers = [float(n) for n in re.findall(r"\d+\.\d+|\d+", _source)]
except OSError:
    _numbers = [0.0]


def mean_of(x):
    return _numbers[0]


def auc(y, s):
    return _numbers[-1]


def double_frame(df):
    return df


def label(n):
    return "maybe"
