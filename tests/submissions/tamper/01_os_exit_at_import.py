"""Attack 1: end the process with os._exit(0) as soon as the module is imported."""
import os

os._exit(0)
