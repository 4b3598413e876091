"""The tamper suite: hostile submissions against the toy challenge, graded isolated.

Each attack (tests/submissions/tamper/NN_name.py) is appended to the untouched stub and
must score no more than the stub (0); the run must complete with a full table.
"""

import os
import uuid
from pathlib import Path

import pytest

from conftest import SUBMISSIONS, grade

ATTACKS = sorted(p.stem for p in (SUBMISSIONS / "tamper").glob("*.py"))
TEST_NAMES = ["test_mean", "test_auc", "test_frame", "test_label"]


HELPER = """

def replace_every_function(attack):
    for name in ("mean_of", "auc", "double_frame", "label"):
        globals()[name] = attack

"""


def plant(attack: str, kit: Path, tmp_path: Path, marker: str = "") -> Path:
    """The stub with the attack appended, as a submission folder."""
    stub = (kit / "exercises" / "toy" / "toy.py").read_text()
    body = stub + HELPER + (SUBMISSIONS / "tamper" / f"{attack}.py").read_text()
    body = body.replace("{KIT}", str(kit)).replace("{MARKER}", marker)
    folder = tmp_path / "submission" / "toy"
    folder.mkdir(parents=True)
    (folder / "toy.py").write_text(body)
    return folder.parent


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if marker.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_scores_no_more_than_the_stub(toy_kit, tmp_path, attack):
    marker = f"tamper-{uuid.uuid4().hex}"
    hidden = toy_kit / "grader" / "hidden" / "toy" / "test_toy.py"
    hidden_before = hidden.read_text()
    result = grade(toy_kit, "toy", plant(attack, toy_kit, tmp_path, marker), timeout_per_test=2)
    assert result.score == 0, [(t.name, t.kind, t.message) for t in result.tests]
    assert [t.name for t in result.tests] == TEST_NAMES
    assert all(not t.passed and t.message for t in result.tests)
    assert hidden.read_text() == hidden_before, "the hidden tests were modified"
    assert processes_with(marker) == [], "a process started by the submission survived"
    assert not list(toy_kit.rglob("results.json")) and not list(toy_kit.rglob("conftest.py"))


def test_reading_the_reference_is_flagged_under_integrity(toy_kit, tmp_path):
    result = grade(toy_kit, "toy", plant("09_import_reference", toy_kit, tmp_path))
    assert any("solutions" in finding for finding in result.integrity), result.integrity
    assert "PermissionError" in result.tests[0].message


def test_in_process_mode_is_not_tamper_proof(toy_kit, tmp_path):
    """Why isolation is the default: in-process, patched assertion helpers fool the tests."""
    result = grade(toy_kit, "toy", plant("06_patch_assertion_helpers", toy_kit, tmp_path),
                   mode="in-process")
    assert result.score > 0


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_worker_environment_is_minimal(toy_kit, tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN", "hunter2")
    folder = tmp_path / "submission" / "toy"
    folder.mkdir(parents=True)
    (folder / "toy.py").write_text(
        "import os, sys\n"
        "def label(n):\n"
        "    leaked = 'SECRET_TOKEN' in os.environ\n"
        "    stdin_closed = sys.stdin is None or not sys.stdin.readable() or sys.stdin.read() == ''\n"
        "    return 'odd' if n % 2 else 'even' if (not leaked and stdin_closed) else 'leak'\n"
        "def mean_of(x):\n    import numpy\n    return float(numpy.mean(x))\n"
        "def auc(y, s):\n    raise NotImplementedError\n"
        "def double_frame(df):\n    return df * 2\n")
    result = grade(toy_kit, "toy", folder.parent)
    assert {t.name: t.passed for t in result.tests}["test_label"], result.tests
    assert os.environ["SECRET_TOKEN"] == "hunter2"
