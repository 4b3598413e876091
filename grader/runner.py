"""Grade challenges: one child pytest process per challenge, watched from outside.

The child (pytest + grader.plugin + the hidden tests) streams JSON events over a pipe:
the collected tests with their points, then "start" and "result" per test. The runner
enforces the per-test and per-challenge timeouts from here, so a test that hangs is named
and a child that dies (sys.exit, os._exit, a segfault, the memory cap) costs only the
test it was running: the runner starts a fresh child for the tests not yet run.
"""

from __future__ import annotations

import functools
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from grader import scan
from grader.catalog import Challenge
from grader.sandbox import child_environment, copy_submission, kill_group, limit_resources
from grader.scoring import ChallengeResult, TestResult, challenge_score, challenge_status

MAX_CONSECUTIVE_CRASHES = 3
GRACE_SECONDS = 10.0  # isolated mode times calls out itself; the runner's watch is a backstop


@dataclass
class Options:
    mode: str = "isolated"  # or "in-process"
    seed: int = 20240601
    timeout_per_test: float | None = None
    timeout_total: float | None = None
    memory_mb: int | None = None
    only: list[str] = field(default_factory=list)  # test names; empty = all
    # Starts the child pytest; called like subprocess.Popen (the default). Watch mode passes
    # a pre-warmed fork server here (grader/watch.py) to skip the child's imports.
    launcher: Callable[..., subprocess.Popen] | None = None


def grade(challenge: Challenge, source: Path, options: Options, on_event=None) -> ChallengeResult:
    """Grade the files of `challenge` found in `source` (a folder laid out like exercises/<id>)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"grader-{challenge.id}-") as tmp:
        tmp = Path(tmp)
        work = tmp / "submission"
        missing = copy_submission(source, challenge.files, work)
        notes = [f"{name} is missing from {source}" for name in missing]
        integrity = [str(f) for f in scan.integrity(work, challenge.files)]
        violations = {rule.test: scan.forbidden_imports(work, (rule,))
                      for rule in challenge.forbidden if rule.test}
        child = _ChildRun(challenge, options, on_event)
        child.run(work, tmp)
    tests = child.results()
    for t in tests:
        found = violations.get(t.name) or violations.get(t.name.split("[")[0])
        if found:  # decided here, from the trusted side's own scan
            t.passed, t.points, t.kind = False, 0.0, "failed"
            t.message = "forbidden import: " + "; ".join(found)
    integrity += [f for found in violations.values() for f in found]
    score = challenge_score(tests)
    return ChallengeResult(
        id=challenge.id,
        title=challenge.title,
        difficulty=challenge.difficulty,
        score=score,
        status=challenge_status(tests, score),
        tests=tests,
        seconds=round(time.monotonic() - started, 2),
        integrity=integrity,
        notes=notes + child.notes,
    )


class _ChildRun:
    """Runs the child pytest until every collected test has a verdict or time runs out."""

    def __init__(self, challenge: Challenge, options: Options, on_event):
        self.challenge = challenge
        self.options = options
        self.on_event = on_event or (lambda *a: None)
        self.collected: list[dict] = []
        self.verdicts: dict[str, tuple[str, str]] = {}
        self.notes: list[str] = []
        per_test = options.timeout_per_test or challenge.timeout_per_test
        self.call_timeout = per_test
        self.test_timeout = per_test if options.mode == "in-process" else per_test + GRACE_SECONDS
        self.total_timeout = options.timeout_total or challenge.timeout_total

    def run(self, work: Path, tmp: Path) -> None:
        deadline = time.monotonic() + self.total_timeout
        crashes = 0
        while True:
            outcome = self._run_child(work, tmp, deadline)
            pending = self._pending()
            if outcome == "finished" or not pending and self.collected:
                return
            if outcome == "deadline":
                self._fail_rest("not run: the challenge's time limit of "
                                f"{self.total_timeout:.0f} s was reached", "timeout")
                self.notes.append(f"stopped after {self.total_timeout:.0f} s (challenge time limit)")
                return
            if not self.collected:
                self.notes.append("the hidden tests could not be collected: " + outcome)
                return
            crashes = crashes + 1 if outcome == "crashed" else 0
            if crashes >= MAX_CONSECUTIVE_CRASHES:
                self._fail_rest("not run: the submission crashed the test process "
                                f"{crashes} times in a row", "crashed")
                return

    def _pending(self) -> list[str]:
        return [t["nodeid"] for t in self.collected if t["nodeid"] not in self.verdicts]

    def _fail_rest(self, message: str, kind: str) -> None:
        for nodeid in self._pending():
            self.verdicts[nodeid] = (kind, message)

    def _command(self, work: Path, tmp: Path, fd: int) -> list[str]:
        trusted = tmp / "trusted"
        trusted.mkdir(exist_ok=True)
        (tmp / "scratch").mkdir(exist_ok=True)  # pytest creates its basetemp inside
        skip = trusted / "skip.txt"
        skip.write_text("\n".join(self.verdicts))
        ini = trusted / "pytest.ini"
        ini.write_text("[pytest]\n")
        cmd = [
            sys.executable, "-m", "pytest", str(self.challenge.hidden_dir),
            "-c", str(ini), "--rootdir", str(self.challenge.hidden_dir),
            "-p", "grader.plugin", "-p", "no:cacheprovider", "-p", "no:warnings",
            "--assert=plain", "--import-mode=importlib", "-q", "--no-header", "-rN",
            "--grader-submission", str(work),
            "--grader-mode", self.options.mode,
            "--grader-results-fd", str(fd),
            "--grader-seed", str(self.options.seed),
            "--grader-call-timeout", str(self.call_timeout),
            "--grader-skip", str(skip),
            "--grader-private", str(trusted),
            "--basetemp", str(tmp / "scratch" / "pytest"),
        ]
        if self.options.memory_mb:
            cmd += ["--grader-memory-mb", str(self.options.memory_mb)]
        if self.options.only:
            cmd += ["--grader-only", ",".join(self.options.only)]
        return cmd

    def _run_child(self, work: Path, tmp: Path, deadline: float) -> str:
        """One child run; returns 'finished', 'crashed', 'timeout', 'deadline' or an error."""
        read_fd, write_fd = os.pipe()
        memory = self.options.memory_mb or self.challenge.memory_mb
        in_process = self.options.mode == "in-process"
        log = open(tmp / "child.log", "ab")
        run_dir = work if in_process else tmp / "trusted"
        run_dir.mkdir(exist_ok=True)
        proc = (self.options.launcher or subprocess.Popen)(
            self._command(work, tmp, write_fd),
            cwd=run_dir, env=child_environment(), stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
            start_new_session=True,
            preexec_fn=functools.partial(limit_resources, memory) if in_process else None,
        )
        os.close(write_fd)
        try:
            return self._follow(proc, os.fdopen(read_fd, "rb", buffering=0), deadline)
        finally:
            kill_group(proc)
            log.close()

    def _follow(self, proc, stream, deadline: float) -> str:
        current, current_started, buffer = None, 0.0, b""
        sel = selectors.DefaultSelector()
        sel.register(stream, selectors.EVENT_READ)
        try:
            while True:
                now = time.monotonic()
                if now > deadline:
                    if current:
                        self.verdicts[current] = ("timeout", "did not finish before the "
                                                  "challenge's time limit")
                    return "deadline"
                if current and now - current_started > self.test_timeout:
                    self.verdicts[current] = ("timeout", f"did not finish within "
                                              f"{self.test_timeout:.0f} s (this test hung)")
                    self.on_event(self.challenge.id, "result", current, False)
                    return "timeout"
                if not sel.select(timeout=0.2):
                    continue
                chunk = stream.read(65536)
                if not chunk:  # the child closed its end: it exited
                    proc.wait()
                    if current:
                        self.verdicts[current] = ("crashed", _death(proc.returncode))
                        self.on_event(self.challenge.id, "result", current, False)
                        return "crashed"
                    return "finished" if self.collected else _death(proc.returncode)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    event = json.loads(line)
                    if event["event"] == "collected" and not self.collected:
                        self.collected = event["tests"]
                        self.on_event(self.challenge.id, "collected", len(self.collected), None)
                    elif event["event"] == "start":
                        current, current_started = event["nodeid"], time.monotonic()
                    elif event["event"] == "result":
                        self.verdicts[event["nodeid"]] = (event["kind"], event["message"])
                        self.on_event(self.challenge.id, "result", event["nodeid"],
                                      event["kind"] == "passed")
                        current = None
        finally:
            sel.close()
            stream.close()

    def results(self) -> list[TestResult]:
        out = []
        for t in self.collected:
            kind, message = self.verdicts.get(t["nodeid"], ("not_run", "the test did not run"))
            passed = kind == "passed"
            out.append(TestResult(
                name=t["name"], nodeid=t["nodeid"], passed=passed,
                points=t["points"] if passed else 0.0, max_points=t["points"],
                message=message, doc=t["doc"], kind=kind,
            ))
        return out


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        why = " (likely the memory cap)" if name in ("SIGKILL", "SIGSEGV", "SIGABRT") else ""
        return f"the test process was killed by {name}{why} while running this test"
    return f"the test process exited (code {code}) while running this test"
