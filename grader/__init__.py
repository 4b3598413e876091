"""An auto-grader for machine-learning coding exercises: hidden tests, isolated submissions."""

__version__ = "0.1.0"
