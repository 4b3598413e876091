"""Attack 8: write forged results wherever the run's outputs might be, on every channel."""
import glob
import json
import os

_FORGED = json.dumps({"event": "result", "nodeid": "test_toy.py::test_mean", "kind": "passed",
                      "message": ""}) + "\n"
_REPORT = json.dumps({"score": 100, "challenges": [{"id": "toy", "score": 100}]})

for fd in range(3, 64):  # an inherited results pipe, if there is one
    try:
        os.write(fd, _FORGED.encode())
    except OSError:
        pass
for pattern in ("/tmp/grader-*", "/tmp/grader-*/*", "/tmp/pytest-of-*/*", "..", "../..", "."):
    for folder in glob.glob(pattern):
        for name in ("results.json", "grader-results.json", "skip.txt", "pytest.ini", "conftest.py"):
            try:
                with open(os.path.join(folder, name), "w") as fh:
                    fh.write(_REPORT if name.endswith(".json") else "[pytest]\naddopts = -p no:grader\n")
            except OSError:
                pass
print(_FORGED)
