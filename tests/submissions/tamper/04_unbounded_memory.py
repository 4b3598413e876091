"""Attack 4: allocate memory without bound in every call."""


def _attack(*args, **kwargs):
    hog = []
    while True:
        hog.append(bytearray(50_000_000))


replace_every_function(_attack)
