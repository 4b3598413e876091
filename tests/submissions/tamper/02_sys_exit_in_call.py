"""Attack 2: sys.exit(0) inside every call, hoping a clean exit reads as success."""
import sys


def mean_of(x):
    raise NotImplementedError


def auc(y, s):
    raise NotImplementedError


def double_frame(df):
    raise NotImplementedError


def label(n):
    raise NotImplementedError


def _attack(*args, **kwargs):
    sys.exit(0)


for _name in ("mean_of", "auc", "double_frame", "label"):
    globals()[_name] = _attack

