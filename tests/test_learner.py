"""`grader list`, `hint`, `reset` and `verify` on a copy of the toy kit."""

import io
import shutil
import subprocess

import pytest

from grader import state
from grader.cli import Environment, ExitCode, main

HINTS = '[[hint]]\ntext = "Nudge."\n\n[[hint]]\ntext = "Closer."\n\n[[hint]]\ntext = "Nearly."\n'


def run(root, *argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, stdin=io.StringIO(stdin), root=root, color=False,
                      width=100)
    return main(list(argv), env), out.getvalue(), err.getvalue()


def assert_one_line_usage_error(result, words):
    code, _, err = result
    assert code == ExitCode.USAGE
    assert words in err and err.count("\n") == 1 and err.startswith("grader: error:")


@pytest.fixture
def git_kit(toy_kit):
    """The toy kit as a git checkout with everything committed (the pristine copy)."""
    git = ["git", "-C", str(toy_kit), "-c", "user.name=t", "-c", "user.email=t@t",
           "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "kit"], check=True)
    return toy_kit


# ---------------------------------------------------------------- list


def test_list_shows_challenges_and_best_score(toy_kit):
    code, out, _ = run(toy_kit, "list")
    assert code == 0
    assert "toy" in out and "easy" in out and "~5 min" in out and "testing the grader" in out
    assert "0/1 challenges at 100" in out
    (toy_kit / state.STATE_FILE).write_text('{"version": 1, "challenges": {"toy": '
                                            '{"best": 75.0, "last": 50.0, "runs": 2}}}')
    code, out, _ = run(toy_kit, "list")
    assert code == 0 and " 75 " in out and "mean best score 75" in out


def test_list_survives_a_corrupt_state_file(toy_kit):
    (toy_kit / state.STATE_FILE).write_text("{oops")
    code, out, err = run(toy_kit, "list")
    assert code == 0 and "toy" in out
    assert "could not be read" in err and err.count("\n") == 1
    assert not (toy_kit / state.STATE_FILE).exists()
    assert list(toy_kit.glob(".grader-state.json.corrupt-*"))


# ---------------------------------------------------------------- hint


@pytest.mark.parametrize("level, shown, hidden, tail", [
    (None, ["hint 1/3", "Nudge."], ["Closer."], "--level 2"),
    ("2", ["hint 1/3", "Nudge.", "hint 2/3", "Closer."], ["Nearly."], "--level 3"),
    ("3", ["Nudge.", "Closer.", "hint 3/3", "Nearly."], [], "last hint"),
])
def test_hint_levels(toy_kit, level, shown, hidden, tail):
    (toy_kit / "grader" / "hidden" / "toy" / "hints.toml").write_text(HINTS)
    code, out, _ = run(toy_kit, "hint", "toy", *(["--level", level] if level else []))
    assert code == 0
    assert all(s in out for s in shown) and not any(h in out for h in hidden)
    assert tail in out


@pytest.mark.parametrize("level, words", [("4", "has 3 hint levels"), ("0", "starts at 1")])
def test_hint_level_out_of_range(toy_kit, level, words):
    (toy_kit / "grader" / "hidden" / "toy" / "hints.toml").write_text(HINTS)
    assert_one_line_usage_error(run(toy_kit, "hint", "toy", "--level", level), words)


def test_hint_without_hints_file(toy_kit):
    code, out, _ = run(toy_kit, "hint", "toy")
    assert code == 0 and "no hints yet" in out


@pytest.mark.parametrize("argv", [["hint", "nope"], ["reset", "nope", "--yes"], ["verify", "nope"]])
def test_unknown_id_is_a_one_line_usage_error(toy_kit, argv):
    assert_one_line_usage_error(run(toy_kit, *argv), "unknown challenge nope")


# ---------------------------------------------------------------- reset


def edit(root, text="def mean_of(x):\n    return 42\n"):
    path = root / "exercises" / "toy" / "toy.py"
    pristine = path.read_text()
    path.write_text(text)
    return path, pristine


def backups(root):
    return list((root / "exercises" / "toy").glob("toy.py.*.bak"))


def test_reset_after_confirmation_keeps_a_backup(git_kit):
    path, pristine = edit(git_kit)
    code, out, _ = run(git_kit, "reset", "toy", stdin="y\n")
    assert code == 0 and "Type y" in out
    assert path.read_text() == pristine
    (backup,) = backups(git_kit)
    assert backup.read_text() == "def mean_of(x):\n    return 42\n"
    assert backup.name in out


def test_reset_refused_changes_nothing(git_kit):
    path, _ = edit(git_kit)
    code, out, _ = run(git_kit, "reset", "toy", stdin="n\n")
    assert code == 1 and "nothing changed" in out
    assert path.read_text() == "def mean_of(x):\n    return 42\n" and not backups(git_kit)


def test_reset_yes_skips_the_question_and_restores_a_deleted_file(git_kit):
    path, pristine = edit(git_kit)
    run(git_kit, "reset", "toy", "--yes")
    path.unlink()
    code, out, _ = run(git_kit, "reset", "toy", "--yes")
    assert code == 0 and "Type y" not in out
    assert path.read_text() == pristine and len(backups(git_kit)) == 1


def test_reset_leaves_a_pristine_stub_alone(git_kit):
    code, out, _ = run(git_kit, "reset", "toy", "--yes")
    assert code == 0 and "nothing to do" in out and not backups(git_kit)


def test_reset_outside_git_is_a_clear_error(toy_kit):
    path, _ = edit(toy_kit)
    assert_one_line_usage_error(run(toy_kit, "reset", "toy", "--yes"), "no committed copy")
    assert path.read_text() == "def mean_of(x):\n    return 42\n"


# ---------------------------------------------------------------- verify


def test_verify_passes_on_a_good_kit(toy_kit):
    code, out, _ = run(toy_kit, "verify")
    assert code == 0, out
    assert "stubs (exercises/, isolated): 1/1" in out and "verify: ok" in out


def test_verify_reports_every_problem_of_a_broken_kit(toy_kit):
    hidden = toy_kit / "grader" / "hidden" / "toy"
    manifest = hidden / "manifest.toml"
    manifest.write_text('datasets = ["nope.csv"]\n' + manifest.read_text())
    reference = toy_kit / "solutions" / "toy" / "toy.py"
    reference.write_text(reference.read_text().replace('"odd" if n % 2', '"odd" if n % 3'))
    leaked = "y, s = np.asarray(y), np.asarray(s)"  # a line of the reference
    (hidden / "hints.toml").write_text(f'[[hint]]\ntext = "Use {leaked}."\n')
    stub = toy_kit / "exercises" / "toy" / "toy.py"
    shutil.copy(reference, stub)
    code, out, _ = run(toy_kit, "verify")
    assert code == 1
    assert "datasets/nope.csv is missing" in out
    assert "a hint quotes the reference" in out
    assert "the reference scores" in out and "test_label" in out
    assert "the stub scores" in out and "verify: " in out and "problem(s)" in out
