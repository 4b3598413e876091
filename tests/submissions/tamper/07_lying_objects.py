"""Attack 7: return objects whose comparisons and conversions lie."""


class Liar:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __bool__(self):
        return True

    def __float__(self):
        return 0.5

    def __sub__(self, other):
        return 0.0

    def __rsub__(self, other):
        return 0.0

    def __abs__(self):
        return 0.0

    def __lt__(self, other):
        return True

    __le__ = __gt__ = __ge__ = __lt__
    __hash__ = object.__hash__


def _attack(*args, **kwargs):
    return Liar()


replace_every_function(_attack)
