"""Attack 3: an endless loop in every call."""


def _attack(*args, **kwargs):
    while True:
        pass


replace_every_function(_attack)
