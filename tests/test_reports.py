"""Report formats against golden files (set UPDATE_GOLDEN=1 to rewrite them)."""

import io
import json
import os
from pathlib import Path

from rich.console import Console

from grader import reports
from grader.scoring import ChallengeResult, KitResult, Status, TestResult

GOLDEN = Path(__file__).parent / "golden"


def sample() -> KitResult:
    ok = TestResult("test_a", True, 2.0, 2.0, "", "a works.", "passed", "t.py::test_a")
    bad = TestResult("test_b", False, 0.0, 1.0, "expected 3 rows, got 4", "drops duplicates.",
                     "failed", "t.py::test_b")
    hung = TestResult("test_c", False, 0.0, 1.0, "the call to fit() did not return within 10 s",
                      "fit converges.", "timeout", "t.py::test_c")
    todo = TestResult("test_d", False, 0.0, 1.0, "not implemented yet", "d works.",
                      "not_implemented", "t.py::test_d")
    return KitResult(score=37.5, seed=7, mode="isolated", version="0.1.0", target="exercises/",
                     seconds=3.0, challenges=[
        ChallengeResult("alpha", "Alpha", "easy", 50.0, Status.PARTIAL, [ok, bad, hung], 1.5,
                        integrity=["a.py line 3: runs dynamic code (exec)"],
                        notes=["b.py is missing from exercises/alpha"]),
        ChallengeResult("beta", "Beta", "medium", 25.0, Status.TIMED_OUT, [hung], 1.0),
        ChallengeResult("gamma", "Gamma", "high", 0.0, Status.NOT_IMPLEMENTED, [todo], 0.5),
    ])


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_terminal_report_matches_golden():
    out = io.StringIO()
    reports.print_report(sample(), Console(file=out, width=90, no_color=True, highlight=False))
    check("report.txt", out.getvalue())


def test_json_report_matches_golden(tmp_path):
    path = tmp_path / "r.json"
    reports.write_json(sample(), path)
    data = json.loads(path.read_text())
    assert data["challenges"][0]["passed"] == 1 and data["challenges"][0]["total"] == 3
    check("report.json", path.read_text())
