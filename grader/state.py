"""The learner's progress file (placeholder: issue 12 fills this in)."""


def record(root, kit, console) -> None:
    """Remember the best score per challenge after grading exercises/."""
