"""Attack 13 (extra): rewrite the hidden tests and the grader so the next run passes."""
import glob

for path in glob.glob("{KIT}/grader/hidden/toy/*.py") + glob.glob("{KIT}/grader/*.py"):
    try:
        with open(path, "w") as fh:
            fh.write("def test_nothing():\n    pass\n")
    except OSError:
        pass
