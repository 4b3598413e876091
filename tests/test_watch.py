"""`grader watch`: the loop with an injected change source, the next step, the fork server."""

import io
import shutil
import threading
import time

import pytest

from grader import runner, state, watch
from grader.catalog import load_catalog
from grader.cli import Environment, ExitCode, main
from grader.scoring import ChallengeResult, Status, TestResult


def run(root, *argv):
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, root=root, color=False, width=100)
    return main(list(argv), env), out.getvalue(), err.getvalue()


def add_twin(root, cid="toy2"):
    """A second challenge in the kit, a copy of toy."""
    for part in ("grader/hidden", "exercises", "solutions"):
        shutil.copytree(root / part / "toy", root / part / cid)


def solve(root, cid="toy"):
    shutil.copy(root / "solutions" / cid / "toy.py", root / "exercises" / cid / "toy.py")


@pytest.fixture
def server():
    srv = watch.ForkServer.start()
    yield srv
    srv.close()


# ---------------------------------------------------------------- what to try next


def result(score, status, tests=(), notes=()):
    return ChallengeResult(id="toy", title="Toy", difficulty="easy", score=score, status=status,
                           tests=list(tests), notes=list(notes))


def test_next_step_points_to_the_next_challenge_when_this_one_passes(toy_kit):
    add_twin(toy_kit)
    catalog = load_catalog(toy_kit)
    entries = {"toy": {"best": 100.0}}
    text = watch.next_step(result(100, Status.PASSED), catalog, entries, follow=True)
    assert "toy passes" in text and "Next: toy2" in text and "save a file there" in text
    text = watch.next_step(result(100, Status.PASSED), catalog, entries, follow=False)
    assert "grader watch toy2" in text
    entries["toy2"] = {"best": 100.0}
    assert "every other challenge" in watch.next_step(result(100, Status.PASSED), catalog,
                                                      entries, follow=True)


def test_next_step_names_the_first_failing_test_and_the_hints(toy_kit):
    (toy_kit / "grader" / "hidden" / "toy" / "hints.toml").write_text('[[hint]]\ntext = "x"\n')
    catalog = load_catalog(toy_kit)
    tests = [TestResult("test_a", True, 1, 1),
             TestResult("test_b", False, 0, 1, message="expected 3, got 4\nmore", doc="b is 3."),
             TestResult("test_c", False, 0, 1, message="other")]
    text = watch.next_step(result(33, Status.PARTIAL, tests), catalog, {}, follow=False)
    assert "test_b: b is 3." in text and "expected 3, got 4" in text and "more" not in text
    assert "test_c" not in text and "grader hint toy" in text
    text = watch.next_step(result(0, Status.NOT_IMPLEMENTED, tests), catalog, {}, follow=False)
    assert "exercises/toy/README.md" in text and "toy.py" in text
    text = watch.next_step(result(0, Status.CRASHED, notes=["could not be collected"]), catalog,
                           {}, follow=False)
    assert "could not be collected" in text


def test_owner_maps_saved_files_to_watched_challenges(toy_kit):
    add_twin(toy_kit)
    session = watch.Session(toy_kit, load_catalog(toy_kit), ["toy"], runner.Options(), None)
    exercises = toy_kit / "exercises"
    assert session.owner({str(exercises / "toy" / "toy.py")}) == "toy"
    assert session.owner({str(exercises / "toy2" / "toy.py")}) is None
    assert session.owner({str(exercises / "toy" / "notes.txt")}) is None


# ---------------------------------------------------------------- the loop


def test_loop_regrades_on_save_and_redraws(toy_kit, server):
    out = io.StringIO()
    console = Environment(stdout=out, color=False, width=100).console()
    options = runner.Options(mode="in-process", launcher=server)
    session = watch.Session(toy_kit, load_catalog(toy_kit), ["toy"], options, console)
    stub = toy_kit / "exercises" / "toy" / "toy.py"

    def changes():
        yield {str(toy_kit / "exercises" / "toy" / "scratch.txt")}  # not a challenge file
        solve(toy_kit)
        yield {str(stub)}

    watch.loop(session, "toy", changes())
    text = out.getvalue()
    assert text.count("grading toy") == 2
    first, second = text.split("grading toy (saved toy.py)")
    assert "not implemented" in first and "progress" in first and "README.md" in first
    assert "4/4" in second and "toy passes" in second and "1/1 challenges at 100" in second
    assert state.load(toy_kit)["toy"]["best"] == 100 and state.load(toy_kit)["toy"]["runs"] == 2


def test_watch_without_id_starts_on_the_first_challenge_not_at_100(toy_kit, monkeypatch):
    add_twin(toy_kit)
    solve(toy_kit)
    run(toy_kit, "toy", "--in-process")  # records toy at 100
    monkeypatch.setattr(watch, "saved_files", lambda folder: iter([]))
    code, out, _ = run(toy_kit, "watch")
    assert code == ExitCode.OK
    assert "grading toy2 (starting)" in out and "watching exercises/:" in out
    assert "stopped watching" in out


def test_ctrl_c_leaves_cleanly_with_exit_0(toy_kit, monkeypatch):
    closed = []
    original = watch.ForkServer.close
    monkeypatch.setattr(watch.ForkServer, "close", lambda self: closed.append(original(self)))

    def interrupted(folder):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(watch, "saved_files", interrupted)
    code, out, err = run(toy_kit, "watch", "toy")
    assert code == ExitCode.OK and "stopped watching" in out and not err
    assert closed == [None]


def test_watch_unknown_id_is_a_one_line_usage_error(toy_kit):
    code, _, err = run(toy_kit, "watch", "nope")
    assert code == ExitCode.USAGE and "unknown challenge nope" in err and err.count("\n") == 1


# ---------------------------------------------------------------- fork server and file events


def test_fork_server_gives_the_same_verdicts_as_a_cold_start(toy_kit, server):
    body = (toy_kit / "solutions" / "toy" / "toy.py").read_text()
    body = body.replace("return float(np.mean(x))", "import os; os._exit(3)")
    (toy_kit / "exercises" / "toy" / "toy.py").write_text(body.replace("n % 2", "n % 3"))
    challenge = load_catalog(toy_kit).challenges["toy"]
    verdicts = []
    for launcher in (server, None):
        options = runner.Options(mode="in-process", launcher=launcher)
        graded = runner.grade(challenge, toy_kit / "exercises" / "toy", options)
        verdicts.append([(t.name, t.kind, t.message) for t in graded.tests])
    assert verdicts[0] == verdicts[1]
    assert [kind for _, kind, _ in verdicts[0]] == ["crashed", "passed", "passed", "failed"]


def test_saved_files_reports_a_real_save(tmp_path):
    target = tmp_path / "toy.py"
    target.write_text("a = 1\n")
    stop, seen = threading.Event(), []

    def consume():
        for batch in watch.saved_files(tmp_path, stop_event=stop):
            seen.append(batch)
            stop.set()

    thread = threading.Thread(target=consume)
    thread.start()
    deadline = time.monotonic() + 20
    while not seen and time.monotonic() < deadline:  # until the watcher is up and sees it
        target.write_text(f"a = {time.monotonic()}\n")
        time.sleep(0.2)
    stop.set()
    thread.join(10)
    assert seen and str(target) in seen[0]
