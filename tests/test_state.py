"""The progress file: best and last score per challenge, atomic writes, corrupt files set aside."""

import io
import json

import pytest
from rich.console import Console

from grader import state
from grader.cli import Environment, main
from grader.scoring import ChallengeResult, KitResult, Status


def kit(**scores) -> KitResult:
    challenges = [ChallengeResult(id=cid, title=cid, difficulty="easy", score=score,
                                  status=Status.PARTIAL) for cid, score in scores.items()]
    return KitResult(score=0, challenges=challenges, seed=1, mode="in-process", version="0",
                     target="exercises/")


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, no_color=True, width=200), out


def test_record_keeps_best_and_last_with_timestamps(tmp_path):
    c, _ = console()
    state.record(tmp_path, kit(toy=50.0), c)
    state.record(tmp_path, kit(toy=75.0, other=10.0), c)
    entries = state.record(tmp_path, kit(toy=25.0), c)
    toy = entries["toy"]
    assert (toy["best"], toy["last"], toy["runs"]) == (75.0, 25.0, 3)
    assert toy["best_at"] and toy["last_at"] >= toy["best_at"]
    assert state.load(tmp_path) == entries
    assert state.best(entries, "other") == 10.0 and state.best(entries, "nope") is None
    data = json.loads((tmp_path / state.STATE_FILE).read_text())
    assert data["version"] == state.VERSION


def test_no_file_means_no_progress(tmp_path):
    assert state.load(tmp_path) == {}


@pytest.mark.parametrize("text", [
    "{not json", "[]", '{"challenges": []}', '{"challenges": {"toy": {"best": "high"}}}',
    '{"challenges": {"toy": {"best": NaN}}}', "\xff\xfe",
])
def test_corrupt_file_is_set_aside_with_one_warning(tmp_path, text):
    (tmp_path / state.STATE_FILE).write_text(text, encoding="latin-1")
    c, out = console()
    assert state.load(tmp_path, c) == {}
    assert "could not be read" in out.getvalue() and out.getvalue().count("\n") == 1
    aside = list(tmp_path.glob(f"{state.STATE_FILE}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="latin-1") == text
    state.record(tmp_path, kit(toy=40.0), c)
    assert state.load(tmp_path)["toy"]["best"] == 40.0


def test_record_leaves_no_temporary_files(tmp_path):
    c, _ = console()
    state.record(tmp_path, kit(toy=1.0), c)
    assert sorted(p.name for p in tmp_path.iterdir()) == [state.STATE_FILE]


def test_grading_exercises_records_but_grading_solutions_does_not(toy_kit):
    env = Environment(stdout=io.StringIO(), stderr=io.StringIO(), root=toy_kit, color=False)
    assert main(["--solutions", "--in-process"], env) == 0
    assert state.load(toy_kit) == {}
    assert main(["--in-process"], env) == 0
    assert state.load(toy_kit)["toy"]["best"] == 0
