"""Scorecard (Markdown, HTML), Gradescope results.json and JUnit XML from a fixed KitResult.

Golden files in tests/golden/ (set UPDATE_GOLDEN=1 to rewrite them).
"""

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from grader import scorecard
from grader.scoring import ChallengeResult, KitResult, Status, TestResult

GOLDEN = Path(__file__).parent / "golden"
COMMAND = "grader grade alice.zip --challenges alpha beta --seed 7"
# Gradescope's documented results.json fields (gradescope-autograders.readthedocs.io, specs),
# plus the top-level max_score this kit adds (see docs/interview.md).
GRADESCOPE_TOP = {"score", "execution_time", "output", "output_format", "test_output_format",
                  "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
                  "leaderboard", "max_score"}
GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output",
                   "output_format", "tags", "visibility", "extra_data"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def sample() -> KitResult:
    """Two challenges, listed out of order; messages a submission could have shaped."""
    ok = TestResult("test_rows", True, 2.0, 2.0, "", "keeps every row.", "passed",
                    "t.py::test_rows")
    bad = TestResult("test_cols", False, 0.0, 1.0, "expected ['a|b'], got <script>x</script>\n```",
                     "names columns | in snake_case.", "failed", "t.py::test_cols")
    died = TestResult("test_fit", False, 0.0, 1.0, "the test process exited (code 3)\x00\x1b[31m",
                      "fit converges.", "crashed", "t.py::test_fit")
    return KitResult(score=33.33, seed=7, mode="isolated", version="0.1.0", target="alice.zip",
                     seconds=12.34, challenges=[
        ChallengeResult("beta", "Beta & co", "medium", 0.0, Status.CRASHED, [died], 4.0),
        ChallengeResult("alpha", "Alpha", "easy", 66.67, Status.PARTIAL, [ok, bad], 8.2,
                        integrity=["a.py line 3: runs dynamic code (exec)"],
                        notes=["b.py is missing from alice.zip/alpha"]),
    ])


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_markdown_scorecard_matches_golden(tmp_path):
    scorecard.write_report(sample(), tmp_path / "card.md", COMMAND)
    text = (tmp_path / "card.md").read_text()
    assert text.index("## alpha") < text.index("## beta"), "challenges are ordered by id"
    for fact in ("33.33 / 100", "seed | 7", "0.1.0", "12.3 s", COMMAND, "runs dynamic code",
                 "keeps every row.", "2 / 2", "expected ['a|b']"):
        assert fact in text, fact
    assert "````text" in text, "a message with ``` gets a longer fence"
    assert "\x00" not in text and "\x1b" not in text, "control characters are replaced"
    check("scorecard.md", text)


def test_html_scorecard_matches_golden_and_escapes(tmp_path):
    scorecard.write_report(sample(), tmp_path / "card.html", COMMAND)
    text = (tmp_path / "card.html").read_text()
    assert "<script>" not in text and "&lt;script&gt;" in text and "Beta &amp; co" in text
    assert text.startswith("<!DOCTYPE html>") and "http" not in text, "self-contained"
    check("scorecard.html", text)


def test_same_result_same_scorecard():
    assert scorecard.to_markdown(sample(), COMMAND) == scorecard.to_markdown(sample(), COMMAND)


def test_gradescope_results_follow_the_documented_fields(tmp_path):
    scorecard.write_gradescope(sample(), tmp_path / "results.json")
    text = (tmp_path / "results.json").read_text()
    data = json.loads(text)
    assert set(data) <= GRADESCOPE_TOP
    assert isinstance(data["score"], float) and data["max_score"] == 100.0
    assert isinstance(data["execution_time"], int) and data["visibility"] in VISIBILITIES
    for test in data["tests"]:
        assert set(test) <= GRADESCOPE_TEST and {"name", "score", "max_score"} <= set(test)
        assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITIES
        assert isinstance(test["output"], str) and 0 <= test["score"] <= test["max_score"]
    assert abs(sum(t["max_score"] for t in data["tests"]) - 100) < 1e-3
    assert abs(sum(t["score"] for t in data["tests"]) - data["score"]) < 1e-2
    assert [t["name"] for t in data["tests"]] == ["alpha: test_rows", "alpha: test_cols",
                                                 "beta: test_fit"]
    check("gradescope.json", text)


def test_gradescope_challenge_without_tests_keeps_its_weight():
    kit = sample()
    kit.challenges[0].tests = []
    data = scorecard.to_gradescope(kit)
    assert abs(sum(t["max_score"] for t in data["tests"]) - 100) < 1e-3
    assert data["tests"][-1]["name"] == "beta: hidden tests" and data["tests"][-1]["score"] == 0


def test_junit_parses_with_one_suite_per_challenge(tmp_path):
    scorecard.write_junit(sample(), tmp_path / "junit.xml")
    text = (tmp_path / "junit.xml").read_text()
    root = ET.fromstring(text.encode())
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "2"
    alpha, beta = root.findall("testsuite")
    assert alpha.get("name") == "alpha" and alpha.get("failures") == "1"
    assert beta.get("errors") == "1" and beta.find("testcase/error") is not None
    failure = alpha.find("testcase[@name='test_cols']/failure")
    assert failure.get("message") == "names columns | in snake_case." and "<script>" in failure.text
    assert alpha.find("testcase[@name='test_rows']/failure") is None
    assert "\x00" not in text and "\x1b" not in text, "characters XML cannot hold are replaced"
    check("junit.xml", text)
