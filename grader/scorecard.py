"""What an interviewer keeps: a KitResult as a scorecard (Markdown or HTML), Gradescope's
results.json, or JUnit XML.

Everything is a pure function of the KitResult and the command that reproduces it, in a
fixed order (challenges by id, tests in the hidden files' order), so two interviewers
grading the same submission with the same seed read the same numbers. Text that came from
the submission (test messages, integrity findings) is escaped or fenced, never markup.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from grader.reports import write_atomic
from grader.scoring import ChallengeResult, KitResult, TestResult

VERDICT = {"passed": "passed", "failed": "failed", "error": "error",
           "not_implemented": "not implemented", "timeout": "timed out",
           "crashed": "crashed", "not_run": "not run"}
JUNIT_ERROR_KINDS = {"error", "timeout", "crashed", "not_run"}  # the rest are <failure>
GRADESCOPE_VISIBILITY = "after_published"
# Control characters (terminal escapes, NUL) and what XML 1.0 cannot hold.
UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
INTEGRITY_NOTE = "static scan, for a reviewer: these do not change the score"


def write_report(kit: KitResult, path: Path, command: str) -> None:
    """The scorecard: HTML when path ends in .html (or .htm), Markdown otherwise."""
    html_page = Path(path).suffix.lower() in (".html", ".htm")
    write_atomic(path, (to_html if html_page else to_markdown)(kit, command))


def write_gradescope(kit: KitResult, path: Path) -> None:
    write_atomic(path, json.dumps(to_gradescope(kit), indent=2) + "\n")


def write_junit(kit: KitResult, path: Path) -> None:
    write_atomic(path, to_junit(kit))


# --------------------------------------------------------------------------- shared facts


def _challenges(kit: KitResult) -> list[ChallengeResult]:
    return sorted(kit.challenges, key=lambda c: c.id)


def summary(kit: KitResult, command: str) -> list[tuple[str, str]]:
    """The facts at the top of the scorecard, as (label, value)."""
    n = len(kit.challenges)
    return [
        ("submission", kit.target),
        ("kit score", f"{kit.score:.2f} / 100 (mean of {n} challenge{'s' if n != 1 else ''})"),
        ("grader version", kit.version),
        ("seed", str(kit.seed)),
        ("mode", kit.mode),
        ("time spent grading", f"{kit.seconds:.1f} s"),
        ("reproduce", command),
    ]


def challenge_row(ch: ChallengeResult) -> list[str]:
    """challenge, title, difficulty, tests passed, points, score, status, time."""
    return [ch.id, ch.title, ch.difficulty, f"{ch.passed_count}/{len(ch.tests)}", _points(ch.tests),
            f"{ch.score:.2f}", str(ch.status), f"{ch.seconds:.1f} s"]


CHALLENGE_HEADER = ["challenge", "title", "difficulty", "tests passed", "points", "score",
                    "status", "time"]
TEST_HEADER = ["#", "test", "verdict", "points", "rule checked"]


def test_row(i: int, t: TestResult) -> list[str]:
    return [str(i), t.name, VERDICT.get(t.kind, t.kind), f"{_num(t.points)} / {_num(t.max_points)}",
            t.doc]


def _points(tests: list[TestResult]) -> str:
    return f"{_num(sum(t.points for t in tests))} / {_num(sum(t.max_points for t in tests))}"


def _num(x: float) -> str:
    return f"{x:g}"


def clean(text: str) -> str:
    """text without control characters: a submission's message may hold any (ESC, NUL...)."""
    return UNPRINTABLE.sub("?", text)


def _failure_text(t: TestResult) -> str:
    return clean(t.message.strip()) or "(no message)"


def _lines(items: list[str]) -> str:
    return clean("\n".join(items))


# --------------------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def _md_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _fence(text: str) -> str:
    """text in a code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def to_markdown(kit: KitResult, command: str) -> str:
    out = [f"# Scorecard: {_cell(kit.target)}", "",
           _md_table(["", ""], [[k, f"`{v}`" if k == "reproduce" else v]
                                for k, v in summary(kit, command)]),
           "", "## Scores", "",
           _md_table(CHALLENGE_HEADER, [challenge_row(c) for c in _challenges(kit)],
                     right={3, 4, 5, 7})]
    for ch in _challenges(kit):
        out += ["", f"## {ch.id}: {_cell(ch.title)}", "",
                f"Score {ch.score:.2f} / 100 ({_points(ch.tests)} points, status {ch.status}).",
                "", _md_table(TEST_HEADER, [test_row(i, t) for i, t in enumerate(ch.tests, 1)],
                              right={0, 3})]
        if ch.failures:
            out += ["", "Messages of the tests that did not pass:"]
            for t in ch.failures:
                out += ["", f"**{t.name}** ({VERDICT.get(t.kind, t.kind)}): {_cell(t.doc)}", "",
                        _fence(_failure_text(t))]
        if ch.notes:
            out += ["", "Notes:", "", _fence(_lines(ch.notes))]
        out += ["", f"Integrity findings ({INTEGRITY_NOTE}):", ""]
        out += [_fence(_lines(ch.integrity)) if ch.integrity else "none"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML

STYLE = ("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}"
         "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;"
         "padding:.25em .6em;text-align:left;vertical-align:top}pre{background:#f5f5f5;"
         "padding:.5em;white-space:pre-wrap}")


def _html_table(header: list[str] | None, rows: list[list[str]]) -> str:
    head = ("<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
            if header else "")
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table>{head}{body}</table>"


def _pre(text: str) -> str:
    return f"<pre>{html.escape(text)}</pre>"


def to_html(kit: KitResult, command: str) -> str:
    title = html.escape(f"Scorecard: {kit.target}")
    out = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">",
           f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
           f"<h1>{title}</h1>", _html_table(None, [list(r) for r in summary(kit, command)]),
           "<h2>Scores</h2>",
           _html_table(CHALLENGE_HEADER, [challenge_row(c) for c in _challenges(kit)])]
    for ch in _challenges(kit):
        out += [f"<h2>{html.escape(f'{ch.id}: {ch.title}')}</h2>",
                f"<p>Score {ch.score:.2f} / 100 ({html.escape(_points(ch.tests))} points, "
                f"status {html.escape(str(ch.status))}).</p>",
                _html_table(TEST_HEADER, [test_row(i, t) for i, t in enumerate(ch.tests, 1)])]
        if ch.failures:
            out.append("<p>Messages of the tests that did not pass:</p>")
            for t in ch.failures:
                out += [f"<p><b>{html.escape(t.name)}</b> ({VERDICT.get(t.kind, t.kind)}): "
                        f"{html.escape(t.doc)}</p>", _pre(_failure_text(t))]
        if ch.notes:
            out += ["<p>Notes:</p>", _pre(_lines(ch.notes))]
        out.append(f"<p>Integrity findings ({INTEGRITY_NOTE}):</p>")
        out.append(_pre(_lines(ch.integrity)) if ch.integrity else "<p>none</p>")
    out.append("</body>\n</html>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Gradescope


def to_gradescope(kit: KitResult) -> dict:
    """Gradescope's results.json: each challenge weighs 100 / n, shared among its tests by
    points, so the tests' scores add up to the kit score and their max_scores to 100."""
    weight = 100.0 / len(kit.challenges) if kit.challenges else 0.0
    tests = []
    for ch in _challenges(kit):
        total = sum(t.max_points for t in ch.tests)
        if total <= 0:  # nothing collected: one line carries the challenge's weight
            tests.append(_gradescope_test(f"{ch.id}: hidden tests", 0.0, weight, False,
                                          _lines(ch.notes) or "no hidden test ran"))
            continue
        for t in ch.tests:
            share = weight * t.max_points / total
            output = t.doc if t.passed else f"{t.doc}\n\n{_failure_text(t)}".strip()
            tests.append(_gradescope_test(f"{ch.id}: {t.name}", share if t.passed else 0.0,
                                          share, t.passed, output))
    lines = [f"Kit score {kit.score:.2f} / 100 (seed {kit.seed}, grader {kit.version})."]
    lines += [f"{ch.id}: {ch.score:.2f} / 100 ({ch.status})" for ch in _challenges(kit)]
    integrity = {ch.id: [clean(f) for f in ch.integrity] for ch in _challenges(kit) if ch.integrity}
    return {
        "score": kit.score,
        "max_score": 100.0,
        "execution_time": round(kit.seconds),
        "output": "\n".join(lines),
        "visibility": GRADESCOPE_VISIBILITY,
        "stdout_visibility": "hidden",
        "extra_data": {"seed": kit.seed, "version": kit.version, "mode": kit.mode,
                       "integrity": integrity},  # stored for staff, never shown to students
        "tests": tests,
    }


def _gradescope_test(name: str, score: float, max_score: float, passed: bool,
                     output: str) -> dict:
    return {"name": name, "score": round(score, 4), "max_score": round(max_score, 4),
            "status": "passed" if passed else "failed", "output": output,
            "visibility": GRADESCOPE_VISIBILITY}


# --------------------------------------------------------------------------- JUnit


def to_junit(kit: KitResult) -> str:
    """testsuites > one testsuite per challenge > testcase, with <failure> or <error>."""
    root = ET.Element("testsuites", name="grader",
                      tests=str(sum(len(c.tests) for c in kit.challenges)),
                      failures=str(sum(len(c.failures) for c in kit.challenges)),
                      time=f"{kit.seconds:.2f}")
    for ch in _challenges(kit):
        errors = sum(t.kind in JUNIT_ERROR_KINDS for t in ch.failures)
        suite = ET.SubElement(root, "testsuite", name=ch.id, tests=str(len(ch.tests)),
                              failures=str(len(ch.failures) - errors), errors=str(errors),
                              skipped="0", time=f"{ch.seconds:.2f}")
        props = ET.SubElement(suite, "properties")
        for key, value in (("score", f"{ch.score:.2f}"), ("status", str(ch.status)),
                           ("seed", str(kit.seed)), ("version", kit.version)):
            ET.SubElement(props, "property", name=key, value=value)
        for t in ch.tests:
            case = ET.SubElement(suite, "testcase", classname=ch.id, name=t.name, time="0")
            if not t.passed:
                tag = "error" if t.kind in JUNIT_ERROR_KINDS else "failure"
                bad = ET.SubElement(case, tag, message=clean(t.doc or t.name),
                                    type=VERDICT.get(t.kind, t.kind))
                bad.text = _failure_text(t)
        if ch.integrity or ch.notes:
            ET.SubElement(suite, "system-out").text = _lines(ch.notes + ch.integrity)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
