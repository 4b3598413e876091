"""The pytest side of the grader: fixtures for hidden tests and a result stream for the runner.

Loaded with `-p grader.plugin` into the child process that runs one challenge's hidden
tests. It provides the `submission` fixture (the only road to the person's code), the
`points` marker, the `seed`/`rng` fixtures for test-time inputs, and writes one JSON line
per event to the file descriptor the runner passed, so the verdict leaves this process
by a channel the submission never sees.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest

from grader import scan
from grader.catalog import load_manifest
from grader.sandbox import SubmissionCrash, SubmissionTimeout, location_in, open_submission

DEFAULT_SEED = 20240601


def pytest_addoption(parser):
    group = parser.getgroup("grader")
    group.addoption("--grader-submission", help="folder holding the copy of the person's files")
    group.addoption("--grader-mode", default="isolated", choices=["isolated", "in-process"])
    group.addoption("--grader-results-fd", type=int, default=None,
                    help="file descriptor to stream JSON events to")
    group.addoption("--grader-seed", type=int, default=DEFAULT_SEED)
    group.addoption("--grader-call-timeout", type=float, default=None)
    group.addoption("--grader-memory-mb", type=int, default=None)
    group.addoption("--grader-skip", default=None, help="file of test node ids not to run again")
    group.addoption("--grader-only", default=None, help="comma-separated test names to run")
    group.addoption("--grader-private", default=None,
                    help="a folder of the trusted side the worker must not read")


def pytest_configure(config):
    config.addinivalue_line("markers", "points(n): points this hidden test is worth (default 1)")
    fd = config.getoption("--grader-results-fd")
    config.stash[_STREAM] = os.fdopen(fd, "w", buffering=1) if fd is not None else None
    _start_early(config)


def pytest_collection_modifyitems(config, items):
    only = config.getoption("--grader-only")
    if only:
        wanted = set(only.split(","))
        items[:] = [i for i in items if i.name in wanted or i.originalname in wanted]
    skip_file = config.getoption("--grader-skip")
    skip = set(Path(skip_file).read_text().split()) if skip_file else set()
    _emit(config, "collected", tests=[
        {"nodeid": i.nodeid, "name": i.name, "points": _points(i), "doc": _doc(i)} for i in items
    ])
    items[:] = [i for i in items if i.nodeid not in skip]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _emit(item.config, "start", nodeid=item.nodeid)
    item.stash[_VERDICT] = None
    try:
        return (yield)
    finally:
        verdict = item.stash[_VERDICT] or ("failed", "the test did not run to completion")
        _emit(item.config, "result", nodeid=item.nodeid, kind=verdict[0], message=verdict[1])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    current = item.stash.get(_VERDICT, None)
    if current is not None and current[0] != "passed":
        return report  # keep the first failure (setup before call before teardown)
    if report.failed:
        item.stash[_VERDICT] = _classify(call.excinfo, item)
    elif report.skipped:
        reason = "expected to fail (xfail)" if hasattr(report, "wasxfail") else "skipped"
        item.stash[_VERDICT] = ("failed", f"the test was {reason}, which counts as failed")
    elif report.when == "call":
        if hasattr(report, "wasxfail"):
            item.stash[_VERDICT] = ("failed", "an xfail test passed unexpectedly")
        else:
            item.stash[_VERDICT] = ("passed", "")
    return report


# ---------------------------------------------------------------- fixtures for hidden tests


@pytest.fixture(scope="session")
def manifest(request):
    """The challenge's manifest, read from the folder the hidden tests live in."""
    return load_manifest(request.session.items[0].path.parent / "manifest.toml")


@pytest.fixture(scope="session")
def submission(request, manifest, tmp_path_factory):
    """The person's modules: `submission.<module>.<name>` (see docs/authoring.md)."""
    sub = request.config.stash.get(_EARLY, None) or _open(
        request.config, manifest, tmp_path_factory.getbasetemp())
    yield sub
    sub.close()


def _open(config, manifest, scratch: Path):
    folder = config.getoption("--grader-submission")
    if not folder:
        raise pytest.UsageError("hidden tests need --grader-submission FOLDER")
    kit = manifest.hidden_dir.resolve().parents[2]  # <kit>/grader/hidden/<id>
    denied = [kit / "solutions", kit / "grader" / "hidden", kit / "tests", kit / ".git"]
    private = config.getoption("--grader-private")
    return open_submission(
        Path(folder),
        manifest,
        mode=config.getoption("--grader-mode"),
        call_timeout=config.getoption("--grader-call-timeout") or manifest.timeout_per_test,
        memory_mb=config.getoption("--grader-memory-mb") or manifest.memory_mb,
        denied=denied + ([Path(private)] if private else []),
        writable=[scratch],
    )


def _start_early(config) -> None:
    """Isolated runs from the runner: start the worker before collection, so its imports
    overlap the trusted side's. (The runner names the hidden folder as --rootdir.)"""
    manifest_path = Path(config.rootpath) / "manifest.toml"
    basetemp = config.getoption("basetemp")
    if (config.getoption("--grader-mode") != "isolated" or not basetemp
            or not config.getoption("--grader-submission") or not manifest_path.exists()):
        return
    scratch = Path(basetemp).parent  # pytest empties and recreates basetemp itself
    scratch.mkdir(parents=True, exist_ok=True)
    config.stash[_EARLY] = _open(config, load_manifest(manifest_path), scratch).start()


@pytest.fixture(scope="session")
def forbidden_imports(request, manifest):
    """Findings of the static scan: 'logreg.py line 3 imports sklearn', one per violation."""
    folder = Path(request.config.getoption("--grader-submission"))
    return scan.forbidden_imports(folder, manifest.forbidden)


@pytest.fixture(scope="session")
def datasets_dir():
    """The kit's datasets/ folder (read-only data the hidden tests may load)."""
    return Path(__file__).resolve().parent.parent / "datasets"


@pytest.fixture(scope="session")
def seed(request) -> int:
    """The run's seed: every hidden input derives from it, so a regrade reproduces."""
    return request.config.getoption("--grader-seed")


@pytest.fixture
def rng(request, seed):
    """A numpy Generator seeded from the run's seed and the test's own name."""
    import numpy as np

    return np.random.default_rng([seed, zlib.crc32(request.node.name.encode())])


# ---------------------------------------------------------------- internals

_STREAM = pytest.StashKey()
_EARLY = pytest.StashKey()
_VERDICT = pytest.StashKey()


def _emit(config, event, **data):
    stream = config.stash.get(_STREAM, None)
    if stream is not None:
        stream.write(json.dumps({"event": event, **data}) + "\n")


def _points(item) -> float:
    marker = item.get_closest_marker("points")
    return float(marker.args[0]) if marker and marker.args else 1.0


def _doc(item) -> str:
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    return " ".join(doc.strip().split("\n\n")[0].split())


def _classify(excinfo, item) -> tuple[str, str]:
    """(kind, message) for a failed phase: the assertion's own words, never source code."""
    if excinfo is None:
        return "failed", "the test failed"
    exc = excinfo.value
    if isinstance(exc, (SubmissionTimeout, SubmissionCrash)):
        return ("timeout" if isinstance(exc, SubmissionTimeout) else "crashed"), str(exc)
    if isinstance(exc, NotImplementedError):
        detail = str(exc).strip()
        return "not_implemented", "not implemented yet" + (f": {detail}" if detail else "")
    if isinstance(exc, AssertionError):
        return "failed", str(exc).strip() or "an assertion failed"
    where = _submission_frame(excinfo, item)
    text = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return "error", text + (f" ({where})" if where else "")


def _submission_frame(excinfo, item) -> str:
    """Where in the person's files the error was raised (passed along from the worker)."""
    folder = item.config.getoption("--grader-submission")
    where = getattr(excinfo.value, "submission_location", "")
    return where or (location_in(excinfo.tb, folder) if folder else "")
