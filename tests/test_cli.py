"""The CLI driven through its injectable Environment: exit codes, JSON shape, messages."""

import io
import json

import pytest

from grader.cli import Environment, ExitCode, main


def run(root, *argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Environment(stdout=out, stderr=err, root=root, color=False, width=100))
    return code, out.getvalue(), err.getvalue()


def test_untouched_kit_prints_table_with_not_implemented(toy_kit):
    code, out, err = run(toy_kit)
    assert code == ExitCode.OK
    assert "not implemented" in out and "total" in out
    assert "Traceback" not in out + err


def test_solutions_score_100(toy_kit):
    code, out, _ = run(toy_kit, "--solutions", "toy")
    assert code == ExitCode.OK
    assert "100" in out and "passed" in out


def test_json_shape(toy_kit, tmp_path):
    path = tmp_path / "out" / "result.json"
    code, _, _ = run(toy_kit, "--json", str(path))
    data = json.loads(path.read_text())
    assert code == 0
    assert data["score"] == 0 and data["seed"] and data["mode"] == "isolated"
    (ch,) = data["challenges"]
    assert ch["id"] == "toy" and ch["score"] == 0 and ch["status"] == "not implemented"
    assert {"name", "passed", "points", "max_points", "message"} <= set(ch["tests"][0])
    assert sum(t["max_points"] for t in ch["tests"]) == 5


@pytest.mark.parametrize("threshold, expected", [("50", ExitCode.BELOW_THRESHOLD), ("0", ExitCode.OK)])
def test_fail_under(toy_kit, threshold, expected):
    code, _, _ = run(toy_kit, "--fail-under", threshold)
    assert code == expected


def test_fail_under_met_by_solutions(toy_kit):
    assert run(toy_kit, "--solutions", "--fail-under", "100")[0] == ExitCode.OK


@pytest.mark.parametrize("argv, words", [
    (["nope"], "unknown challenge nope"),
    (["--submission", "/no/such/folder"], "does not exist"),
    (["--jobs", "0"], "--jobs/-j: must be at least 1"),
    (["--bogus"], "unrecognized arguments"),
])
def test_usage_errors_exit_2_with_one_line(toy_kit, argv, words):
    code, out, err = run(toy_kit, *argv)
    assert code == ExitCode.USAGE
    assert words in err and err.count("\n") == 1 and err.startswith("grader: error:")


def test_failed_tests_show_docstring_and_message_not_source(toy_kit, tmp_path):
    sub = tmp_path / "sub" / "toy"
    sub.mkdir(parents=True)
    body = (toy_kit / "solutions" / "toy" / "toy.py").read_text()
    (sub / "toy.py").write_text(body.replace('"odd" if n % 2 else "even"', '"neither"'))
    code, out, _ = run(toy_kit, "--submission", str(sub.parent))
    assert code == 0
    assert 'label says "odd" or "even".' in out and "got 'neither'" in out
    assert "def test_label" not in out and "assert got == want" not in out


def test_python_dash_m_grader_runs(toy_kit):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "grader", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("grader ")
