"""Attack 2: sys.exit(0) inside every call, hoping a clean exit reads as success."""
import sys


def _attack(*args, **kwargs):
    sys.exit(0)


replace_every_function(_attack)
