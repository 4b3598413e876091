"""Shared fixtures for the kit's own tests: a toy kit, and a grading helper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader import runner
from grader.catalog import KIT_ROOT, load_catalog

FIXTURES = Path(__file__).parent / "fixtures"
SUBMISSIONS = Path(__file__).parent / "submissions"


@pytest.fixture
def toy_kit(tmp_path) -> Path:
    """A private copy of a one-challenge kit (tests/fixtures/toykit) to grade against."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "toykit", root)
    return root


def grade(root: Path, cid: str, source: Path, mode: str = "isolated", **options):
    """Grade one challenge of the kit at root from source (a folder holding <cid>/)."""
    challenge = load_catalog(root).challenges[cid]
    return runner.grade(challenge, Path(source) / cid, runner.Options(mode=mode, **options))


@pytest.fixture(scope="session")
def kit_catalog():
    return load_catalog(KIT_ROOT)
