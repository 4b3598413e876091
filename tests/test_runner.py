"""The runner: a broken submission costs its own points, never the run."""

import json

import pytest

from conftest import grade

MODES = ["isolated", "in-process"]


def write_submission(tmp_path, body: str, extra: dict | None = None):
    folder = tmp_path / "sub" / "toy"
    folder.mkdir(parents=True)
    (folder / "toy.py").write_text(body)
    for name, text in (extra or {}).items():
        (folder / name).write_text(text)
    return folder.parent


@pytest.mark.parametrize("mode", MODES)
def test_reference_scores_100_and_stub_0(toy_kit, mode):
    ref = grade(toy_kit, "toy", toy_kit / "solutions", mode)
    assert ref.score == 100 and str(ref.status) == "passed", ref
    stub = grade(toy_kit, "toy", toy_kit / "exercises", mode)
    assert stub.score == 0 and str(stub.status) == "not implemented", stub
    assert all(t.message.startswith("not implemented") for t in stub.tests)


BROKEN = {
    "raise_at_import": "raise RuntimeError('boom')\n",
    "sys_exit_at_import": "import sys\nsys.exit(0)\n",
    "os_exit_at_import": "import os\nos._exit(0)\n",
    "loop_at_import": "while True:\n    pass\n",
    "syntax_error": "def mean_of(x)\n    return 1\n",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_submission_scores_0_with_a_full_table(toy_kit, tmp_path, mode, kind):
    source = write_submission(tmp_path, BROKEN[kind])
    result = grade(toy_kit, "toy", source, mode, timeout_per_test=2)
    assert result.score == 0
    assert [t.name for t in result.tests] == ["test_mean", "test_auc", "test_frame", "test_label"]
    assert all(t.message for t in result.tests), [t.message for t in result.tests]


@pytest.mark.parametrize("mode", MODES)
def test_conftest_in_submission_is_never_copied(toy_kit, tmp_path, mode):
    conftest = (
        "import pytest\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    out = yield\n"
        "    rep = out.get_result()\n"
        "    rep.outcome = 'passed'\n"
    )
    stub = (toy_kit / "exercises" / "toy" / "toy.py").read_text()
    source = write_submission(tmp_path, stub, {"conftest.py": conftest, "pytest.ini": "[pytest]\n",
                                               "sitecustomize.py": "import os; os._exit(0)\n"})
    result = grade(toy_kit, "toy", source, mode)
    assert result.score == 0 and str(result.status) == "not implemented"


def test_hang_names_the_test_that_hung(toy_kit, tmp_path):
    stub = (toy_kit / "exercises" / "toy" / "toy.py").read_text()
    body = stub.replace("def label(n):\n    raise NotImplementedError",
                        "def label(n):\n    while True:\n        pass")
    result = grade(toy_kit, "toy", write_submission(tmp_path, body), timeout_per_test=1)
    hung = [t for t in result.tests if t.kind == "timeout"]
    assert [t.name for t in hung] == ["test_label"]
    assert "label()" in hung[0].message and "within 1 s" in hung[0].message
    assert str(result.status) == "timed out"


def test_hang_in_process_is_caught_by_the_runner(toy_kit, tmp_path):
    body = (toy_kit / "solutions" / "toy" / "toy.py").read_text() + (
        "\ndef label(n):\n    while True:\n        pass\n")
    result = grade(toy_kit, "toy", write_submission(tmp_path, body), "in-process", timeout_per_test=1)
    assert [t.name for t in result.tests if t.kind == "timeout"] == ["test_label"]
    assert result.passed_count == 3  # the other tests still ran after the restart


def test_missing_file_is_reported(toy_kit, tmp_path):
    (tmp_path / "empty" / "toy").mkdir(parents=True)
    result = grade(toy_kit, "toy", tmp_path / "empty")
    assert result.score == 0
    assert any("toy.py is missing" in n for n in result.notes)
    assert all("could not import toy.py" in t.message for t in result.tests)


def test_only_runs_the_named_tests(toy_kit):
    result = grade(toy_kit, "toy", toy_kit / "solutions", only=["test_auc"])
    assert [t.name for t in result.tests] == ["test_auc"] and result.score == 100


def test_engine_counts_tests_independently_of_the_child(toy_kit, tmp_path):
    """A submission that kills its process after the first call loses every later test."""
    body = (toy_kit / "solutions" / "toy" / "toy.py").read_text() + (
        "\n_mean = mean_of\n"
        "def mean_of(x):\n    import os\n    r = _mean(x)\n    os._exit(0)\n")
    result = grade(toy_kit, "toy", write_submission(tmp_path, body), "in-process")
    assert len(result.tests) == 4
    assert [t.name for t in result.tests if not t.passed] == ["test_mean"]
    assert json.dumps([t.message for t in result.tests])


def test_forbidden_import_fails_the_test_the_manifest_names(toy_kit, tmp_path):
    """The engine's own scan fails the named test, whatever the child process reports."""
    manifest = toy_kit / "grader" / "hidden" / "toy" / "manifest.toml"
    manifest.write_text(manifest.read_text() + '\n[[forbidden]]\nfile = "toy.py"\n'
                        'modules = ["sklearn"]\ntest = "test_auc"\n')
    body = (toy_kit / "solutions" / "toy" / "toy.py").read_text() + (
        "\nfrom sklearn.metrics import roc_auc_score as auc\n")
    result = grade(toy_kit, "toy", write_submission(tmp_path, body))
    verdicts = {t.name: t.passed for t in result.tests}
    assert verdicts == {"test_mean": True, "test_auc": False, "test_frame": True, "test_label": True}
    assert "forbidden import: toy.py line" in result.tests[1].message
    assert any("imports sklearn.metrics" in f for f in result.integrity)
