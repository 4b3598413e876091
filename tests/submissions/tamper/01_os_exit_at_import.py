"""Attack 1: end the process with os._exit(0) as soon as the module is imported."""
import os

os._exit(0)


def mean_of(x):
    raise NotImplementedError


def auc(y, s):
    raise NotImplementedError


def double_frame(df):
    raise NotImplementedError


def label(n):
    raise NotImplementedError

