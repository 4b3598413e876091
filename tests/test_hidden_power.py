"""The hidden tests' power, for every challenge in the kit.

References score 100 (isolated and in-process), stubs score 0 as "not implemented", each
known mistake in tests/mistakes/<id>.toml is caught by the hidden tests it names, and the
public examples pass with the reference and fail with the stub.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import grade as conftest_grade
from grader.catalog import KIT_ROOT, load_catalog
from grader.watch import ForkServer

CATALOG = load_catalog(KIT_ROOT)
IDS = CATALOG.ids
MISTAKES_DIR = Path(__file__).parent / "mistakes"


def load_mistakes():
    for cid in IDS:
        path = MISTAKES_DIR / f"{cid}.toml"
        entries = tomllib.loads(path.read_text())["mistake"] if path.exists() else []
        for m in entries:
            yield pytest.param(cid, m, id=f"{cid}-{m['name']}")


def grade(cid, folder, mode="isolated", **options):
    """Grade challenge cid from folder (a copy of its exercises/<cid>)."""
    return conftest_grade(KIT_ROOT, cid, folder.parent, mode, **options)


@pytest.fixture(scope="session")
def warm():
    """A pre-warmed fork server (as in watch mode): in-process grades skip the child's imports."""
    server = ForkServer.start()
    yield server
    if server is not None:
        server.close()


def describe(result):
    return [(t.name, t.kind, t.message[:300]) for t in result.tests if not t.passed]


@pytest.mark.parametrize("mode", ["isolated", "in-process"])
@pytest.mark.parametrize("cid", IDS)
def test_reference_scores_100(cid, mode, warm):
    launcher = warm if mode == "in-process" else None
    result = grade(cid, CATALOG.solution_dir(CATALOG.challenges[cid]), mode, launcher=launcher)
    assert result.score == 100, describe(result)


@pytest.mark.parametrize("cid", IDS)
def test_stub_scores_0_not_implemented(cid):
    result = grade(cid, CATALOG.exercise_dir(CATALOG.challenges[cid]))
    assert result.score == 0, [t.name for t in result.tests if t.passed]
    assert str(result.status) == "not implemented", describe(result)


@pytest.mark.parametrize("cid", IDS)
def test_each_challenge_has_six_known_mistakes(cid):
    path = MISTAKES_DIR / f"{cid}.toml"
    assert path.exists(), f"{path} is missing"
    assert len(tomllib.loads(path.read_text())["mistake"]) >= 6


@pytest.mark.parametrize("cid, mistake", list(load_mistakes()))
def test_known_mistake_is_caught(cid, mistake, tmp_path, warm):
    reference = CATALOG.solution_dir(CATALOG.challenges[cid])
    shutil.copytree(reference, tmp_path / cid)
    target = tmp_path / cid / mistake["file"]
    text = target.read_text()
    assert text.count(mistake["old"]) == 1, f"'old' must occur exactly once in {mistake['file']}"
    target.write_text(text.replace(mistake["old"], mistake["new"]))
    result = grade(cid, tmp_path / cid, "in-process", only=list(mistake["caught_by"]),
                   launcher=warm)
    names = {t.name for t in result.tests} | {t.name.split("[")[0] for t in result.tests}
    missing = set(mistake["caught_by"]) - names
    assert not missing, f"caught_by names tests that do not exist: {missing}"
    survivors = [t.name for t in result.tests if t.passed]
    assert not survivors, f"{mistake['name']} was not caught by {survivors}"


@pytest.mark.parametrize("cid", IDS)
def test_public_examples_pass_with_reference_and_fail_with_stub(cid, tmp_path):
    challenge = CATALOG.challenges[cid]
    public = CATALOG.exercise_dir(challenge) / f"test_{cid}_public.py"
    assert public.exists(), f"{public} is missing"

    def run(code_dir: Path) -> int:
        env = {**os.environ, "PYTHONPATH": str(code_dir), "MPLBACKEND": "Agg"}
        return subprocess.run(
            [sys.executable, "-m", "pytest", str(public), "-q", "-p", "no:cacheprovider",
             "--import-mode=importlib", "--rootdir", str(tmp_path), "-c", os.devnull],
            env=env, cwd=tmp_path, capture_output=True, timeout=600).returncode

    assert run(CATALOG.solution_dir(challenge)) == 0, "public tests fail on the reference"
    assert run(CATALOG.exercise_dir(challenge)) != 0, "public tests pass on the stub"
