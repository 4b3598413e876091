"""Attack 3: an endless loop in every call."""


def mean_of(x):
    raise NotImplementedError


def auc(y, s):
    raise NotImplementedError


def double_frame(df):
    raise NotImplementedError


def label(n):
    raise NotImplementedError


def _attack(*args, **kwargs):
    while True:
        pass


for _name in ("mean_of", "auc", "double_frame", "label"):
    globals()[_name] = _attack

