"""`grader watch [ID]`: re-grade a challenge each time one of its files in exercises/ is saved.

    grader watch [ID] [--isolated] [--cold-start] [--seed N] [--timeout-per-test S]
                 [--timeout S] [--memory-mb N]

Each save clears the screen and redraws the challenge's report, a progress bar of the
kit (from the state file) and what to try next. Without ID it starts on the first
challenge not yet at 100 (in the suggested order) and follows whichever challenge's file
is saved. Grading is in-process by default (it is the person's own code, and the
fastest); --isolated grades as `grader ID` does. A pre-warmed fork server (below) starts
each grading process with pytest, numpy, pandas and scikit-learn already imported.
Ctrl-C stops watching with exit code 0.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from grader import cli, reports, state
from grader.catalog import load_catalog, load_hints
from grader.learner import learning_order, progress_bar
from grader.sandbox import child_environment
from grader.scoring import ChallengeResult, Status

# What the fork server imports once: pytest, the plugin, and the libraries most hidden
# tests and submissions import (a few hundred MB of address space, shared by the children).
WARM_MODULES = ("pytest", "grader.plugin", "grader.worker", "numpy", "pandas", "scipy.stats",
                "joblib", "sklearn", "sklearn.metrics", "sklearn.model_selection",
                "sklearn.linear_model", "sklearn.preprocessing", "sklearn.pipeline")


def add_arguments(name: str, parser) -> None:
    parser.add_argument("id", nargs="?", metavar="ID",
                        help="the challenge (default: the first not yet at 100)")
    parser.add_argument("--isolated", action="store_true",
                        help="run the code in the isolated worker, as `grader ID` does")
    parser.add_argument("--cold-start", action="store_true",
                        help="start every grading process from scratch (no fork server)")
    cli.add_grading_options(parser, jobs_help=None)


def run(name: str, args, env) -> int:
    catalog = load_catalog(env.root)
    watched = catalog.select([args.id] if args.id else [])
    entries = state.load(env.root, env.console(err=True))
    first = args.id or next((c.id for c in learning_order(catalog)
                             if state.best(entries, c.id) != 100), watched[0].id)
    options = cli.options_from(args)
    options.mode = "isolated" if args.isolated else "in-process"
    server = None if args.cold_start else ForkServer.start()
    if server:
        options.launcher = server
    session = Session(env.root, catalog, [c.id for c in watched], options, env.console())
    previous = signal.signal(signal.SIGINT, _interrupt(server))
    try:
        loop(session, first, saved_files(env.root / "exercises"))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, previous)
        if server:
            server.close()
    print("\nstopped watching", file=env.stdout)
    return cli.ExitCode.OK


def loop(session: "Session", first: str, changes: Iterable[set[str]]) -> None:
    """Grade `first`, then the challenge owning each batch of saved files, until changes end.

    `changes` is any iterable of sets of paths: watchfiles in real use, a list in tests
    (so its end is the stop condition).
    """
    session.show(first, "starting")
    for changed in changes:
        cid = session.owner(changed)
        if cid is not None:
            session.show(cid, "saved " + ", ".join(sorted(Path(p).name for p in changed)))


def _interrupt(server: "ForkServer | None"):
    """Ctrl-C: stop the grade under way at once (killing its child), then leave."""

    def handler(signum, frame):
        if server:
            server.close()
        raise KeyboardInterrupt

    return handler


def saved_files(folder: Path, stop_event=None) -> Iterator[set[str]]:
    """Each batch of files created, changed or deleted under folder (watchfiles)."""
    import watchfiles

    for batch in watchfiles.watch(folder, stop_event=stop_event, step=30):
        yield {path for _, path in batch}


class Session:
    """Grades one challenge of exercises/, records the score, and redraws the screen."""

    def __init__(self, root: Path, catalog, ids: list[str], options, console):
        self.root, self.catalog, self.ids = Path(root), catalog, ids
        self.options, self.console = options, console
        self.files = {os.path.realpath(catalog.exercise_dir(catalog.challenges[cid]) / f): cid
                      for cid in ids for f in catalog.challenges[cid].files}

    def owner(self, changed: set[str]) -> str | None:
        """The watched challenge one of the changed paths belongs to, if any."""
        return next((self.files[p] for p in map(os.path.realpath, changed) if p in self.files),
                    None)

    def show(self, cid: str, why: str) -> ChallengeResult:
        console = self.console
        console.clear()
        console.print(f"grading {cid} ({why}) ...", style="dim", markup=False)
        kit = cli.grade_kit([self.catalog.challenges[cid]], self.root / "exercises",
                            "exercises/", self.options, console, jobs=1)
        entries = state.record(self.root, kit, console)
        reports.print_report(kit, console)
        console.print()
        console.print(progress_bar(self.catalog, entries))
        (result,) = kit.challenges
        console.print(next_step(result, self.catalog, entries, follow=len(self.ids) > 1),
                      markup=False, highlight=False)
        where = f"exercises/{cid}" if len(self.ids) == 1 else "exercises/"
        console.print(f"watching {where}: save a file to re-grade, Ctrl-C to stop",
                      style="dim", markup=False)
        return result


def next_step(result: ChallengeResult, catalog, entries: dict, follow: bool) -> str:
    """One suggestion: the next challenge when this one passes, else what to fix first."""
    cid = result.id
    if result.score == 100:
        todo = [c for c in learning_order(catalog) if state.best(entries, c.id) != 100]
        if not todo:
            return f"{cid} passes, and so does every other challenge. Well done!"
        n = todo[0]
        then = "save a file there" if follow else f"run `grader watch {n.id}`"
        return (f"{cid} passes! Next: {n.id} ({n.difficulty}, ~{n.minutes} min): read "
                f"exercises/{n.id}/README.md, then {then}.")
    levels = len(load_hints(catalog.challenges[cid]))
    stuck = f"\nStuck? `grader hint {cid}` ({levels} levels, gentlest first)." if levels else ""
    if result.status == Status.NOT_IMPLEMENTED:
        files = ", ".join(catalog.challenges[cid].files)
        return f"Next: read exercises/{cid}/README.md, then fill in {files}.{stuck}"
    if not result.failures:
        return f"Next: {result.notes[0] if result.notes else 'see the report above'}.{stuck}"
    first = result.failures[0]
    message = (first.message.strip().splitlines() or [""])[0]
    return f"Try next: {first.name}: {first.doc or message}\n    {message}{stuck}"


# ---------------------------------------------------------------- the fork server


class ForkServer:
    """A process that has imported what a grading child needs, forking one child per grade.

    A fresh `python -m pytest` spends most of a small challenge's grading time importing
    pytest, numpy, pandas and scikit-learn. The server pays that once; each grade forks a
    child from it that runs pytest.main with the runner's own arguments, so the child starts
    warm yet still imports the hidden tests and the person's code afresh. The server starts
    with the environment runner gives its children, and talks over a Unix socket in a
    private folder. It is runner.Options.launcher: called like subprocess.Popen, it falls
    back to subprocess.Popen for anything it cannot start. Grades go one at a time.
    """

    def __init__(self, folder: str, listener: socket.socket, proc: subprocess.Popen):
        self.folder, self.listener, self.proc = folder, listener, proc
        self.children: list[_Forked] = []
        self.closed = False

    @classmethod
    def start(cls) -> "ForkServer | None":
        if not (sys.platform.startswith("linux") and hasattr(socket, "send_fds")):
            return None
        folder = tempfile.mkdtemp(prefix="grader-forkserver-")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        listener.bind(os.path.join(folder, "socket"))
        listener.listen()
        code = f"from grader.watch import serve; serve({listener.fileno()}, {os.getpid()})"
        proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=(listener.fileno(),),
                                cwd=folder, env=child_environment(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, start_new_session=True)
        return cls(folder, listener, proc)

    def __call__(self, cmd, *, stdout, stderr, stdin, pass_fds=(), preexec_fn=None, **popen):
        if self.closed:
            raise RuntimeError("watch is stopping")
        request = _request(cmd, stdout, stderr, stdin, pass_fds, preexec_fn, popen)
        if request is None or self.proc.poll() is not None:
            return subprocess.Popen(cmd, stdout=stdout, stderr=stderr, stdin=stdin,
                                    pass_fds=pass_fds, preexec_fn=preexec_fn, **popen)
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        conn.connect(self.listener.getsockname())
        socket.send_fds(conn, [json.dumps(request).encode()], [stdout.fileno(), *pass_fds])
        child = _Forked(conn)
        self.children = [c for c in self.children if c.returncode is None] + [child]
        return child

    def close(self) -> None:
        """Stop the server and any child still running (Ctrl-C in the middle of a grade)."""
        if self.closed:
            return
        self.closed = True
        for child in self.children:
            if child.returncode is None:
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except OSError:
                    pass
        self.proc.kill()
        self.proc.wait()
        self.listener.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _request(cmd, stdout, stderr, stdin, pass_fds, preexec_fn, popen) -> dict | None:
    """The child's start as plain data, or None if the server cannot reproduce it."""
    preexec = None
    if preexec_fn is not None:
        func = getattr(preexec_fn, "func", None)
        if func is None or preexec_fn.keywords:
            return None
        preexec = [func.__module__, func.__qualname__, list(preexec_fn.args)]
    if (list(cmd[1:3]) != ["-m", "pytest"] or stderr != subprocess.STDOUT
            or stdin != subprocess.DEVNULL or not popen.get("start_new_session")
            or not hasattr(stdout, "fileno")):
        return None
    return {"args": list(cmd[3:]), "cwd": str(popen["cwd"]), "env": popen["env"],
            "fds": list(pass_fds), "preexec": preexec}


class _Forked:
    """The part of subprocess.Popen the runner uses, for a child of the fork server."""

    def __init__(self, conn: socket.socket):
        self.conn = conn
        self.pid = json.loads(conn.recv(4096))["pid"]
        self.returncode = None

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.conn.settimeout(timeout)
            try:
                reply = self.conn.recv(4096)
            except TimeoutError:
                raise subprocess.TimeoutExpired(f"fork server child {self.pid}", timeout) from None
            self.returncode = json.loads(reply)["returncode"] if reply else -signal.SIGKILL
            self.conn.close()
        return self.returncode

    def poll(self) -> int | None:
        try:
            return self.wait(0)
        except subprocess.TimeoutExpired:
            return None


def serve(listener_fd: int, parent: int) -> None:
    """The server's loop: import once, then fork a pytest child per request, one at a time."""
    import select

    for name in WARM_MODULES:
        importlib.import_module(name)
    listener = socket.socket(fileno=listener_fd)
    while os.getppid() == parent:  # leave when the watch process is gone
        if not select.select([listener], [], [], 1.0)[0]:
            continue
        conn, _ = listener.accept()
        with conn:
            message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 8)
            request = json.loads(message)
            pid = os.fork()
            if pid == 0:
                _run_child(request, fds, [listener, conn])
            for fd in fds:
                os.close(fd)
            conn.send(json.dumps({"pid": pid}).encode())
            _, status = os.waitpid(pid, 0)
            try:
                conn.send(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())
            except OSError:
                pass


def _run_child(request: dict, fds: list[int], sockets: list[socket.socket]) -> None:
    """In the forked child: become what `python -m pytest ARGS` in cwd would be, run, exit."""
    code = 70
    try:
        os.setsid()
        import fcntl

        low = max([2, *request["fds"]]) + 1  # move the received fds above every target
        moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, low) for fd in fds]
        for fd in fds:
            os.close(fd)
        for s in sockets:
            s.close()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(moved[0], 1)
        os.dup2(moved[0], 2)
        for fd, target in zip(moved[1:], request["fds"]):
            os.dup2(fd, target)
        for fd in moved:
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[0] = request["cwd"]
        sys.argv = ["pytest", *request["args"]]
        import numpy
        import pytest

        numpy.random.seed()  # a fresh process would not share the server's global state
        if request["preexec"]:
            module, name, args = request["preexec"]
            getattr(importlib.import_module(module), name)(*args)
        code = int(pytest.main(request["args"]))
    except BaseException:  # noqa: BLE001 - report anything, then leave without cleanup
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
