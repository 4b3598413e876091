"""Attack 4: allocate memory without bound in every call."""


def mean_of(x):
    raise NotImplementedError


def auc(y, s):
    raise NotImplementedError


def double_frame(df):
    raise NotImplementedError


def label(n):
    raise NotImplementedError


def _attack(*args, **kwargs):
    hog = []
    while True:
        hog.append(bytearray(50_000_000))


for _name in ("mean_of", "auc", "double_frame", "label"):
    globals()[_name] = _attack

