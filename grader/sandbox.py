"""Where the person's code runs: a fresh copy of their files, under limits.

`copy_submission` takes only the files the manifest names (a conftest.py, pytest.ini,
sitecustomize.py or .pth in a submission never comes along). `open_submission` gives the
hidden tests their `submission` object: in-process (fast, for debugging) or isolated in a
worker process (the default, see grader/worker.py).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import traceback
from pathlib import Path

from grader import probes


class SubmissionImportError(BaseException):
    """The person's module could not be imported (syntax error, exception at import...).

    This and the two below derive from BaseException, so a hidden test's
    pytest.raises(Exception) can never mistake them for an error the code raised on purpose.
    """


class SubmissionTimeout(BaseException):
    """A call into the submission did not return in time."""


class SubmissionCrash(BaseException):
    """The submission's process died, or tried to end itself, during a call."""


class SubmissionError(Exception):
    """The submission raised an exception that is not a built-in type; names the original."""


def copy_submission(source: Path, files: tuple[str, ...], dest: Path) -> list[str]:
    """Copy the manifest's files from source into dest; return the names that were missing.

    Symbolic links are not followed (a link is treated as a missing file), so a submission
    cannot smuggle in a file from elsewhere on the machine.
    """
    missing = []
    dest.mkdir(parents=True, exist_ok=True)
    for name in files:
        src = source / name
        if src.is_symlink() or not src.is_file():
            missing.append(name)
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return missing


def limit_resources(memory_mb: int | None, cpu_seconds: float | None = None) -> None:
    """Cap the address space and CPU time of the current process (call in a child)."""
    if memory_mb:
        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if cpu_seconds:
        secs = int(cpu_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (secs, secs + 5))


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A minimal environment for child processes: no secrets inherited from the caller."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT", "TMPDIR", "VIRTUAL_ENV")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update({
        "HOME": os.environ.get("TMPDIR", "/tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONNOUSERSITE": "1",
    })
    env.update(extra or {})
    return env


def open_submission(folder: Path, manifest, mode: str, call_timeout: float, memory_mb: int,
                    denied: list[Path] = (), writable: list[Path] = ()):
    """The `submission` object the hidden tests use.

    Isolated mode: a worker that cannot read `denied`, writes only to `writable`, and is
    capped at memory_mb of address space and the challenge's time limit of CPU.
    """
    if mode == "in-process":
        return LocalSubmission(folder, manifest.modules)
    from grader.worker import RemoteSubmission

    return RemoteSubmission(folder, manifest.modules, call_timeout=call_timeout,
                            memory_mb=memory_mb, cpu_seconds=manifest.timeout_total,
                            denied=denied, writable=writable)


def location_in(tb, folder: Path) -> str:
    """'in cleaning.py, line 12, in clean': the deepest frame of tb inside the person's folder."""
    folder = str(Path(folder).resolve())
    for frame in reversed(traceback.extract_tb(tb)):
        if frame.filename.startswith(folder):
            return f"in {Path(frame.filename).name}, line {frame.lineno}, in {frame.name}"
    return ""


def import_error_message(name: str, exc: BaseException, folder: Path) -> str:
    """'could not import cleaning.py: SyntaxError: ... (line 3)' in the person's own terms."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        where = f"line {exc.lineno}"
    else:
        where = location_in(exc.__traceback__, folder)
    return f"could not import {name}.py: {type(exc).__name__}: {exc}" + (f" ({where})" if where else "")


def kill_group(proc) -> None:
    """Kill a child started with start_new_session=True and everything in its group."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def import_module(folder: Path, name: str):
    """Import the person's module `name` from folder, with a readable error on failure."""
    folder = folder.resolve()
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit at import must not end the run
        raise SubmissionImportError(import_error_message(name, exc, folder)) from None


class Submission:
    """What hidden tests call as `submission`; the two modes differ only in where `run` runs.

    `submission.<module>` is one of the person's modules (the manifest's files); the
    helpers below answer questions about their objects with plain data.
    """

    def __init__(self, folder: Path, modules: tuple[str, ...]):
        self._folder = Path(folder).resolve()
        self._names = modules

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"the submission has no module {name!r}")
        return self._module(name)

    def _module(self, name: str):
        raise NotImplementedError

    def run(self, func, *args, **kwargs):
        """Run a trusted, importable function next to the submission."""
        raise NotImplementedError

    def inputs_after(self, func, *args, **kwargs):
        """(result, args, kwargs) after calling func, to check that inputs were not mutated."""
        return self.run(probes.inputs_after, func, *args, **kwargs)

    def describe(self, obj):
        """An estimator as plain data: {"class", "module", "params"}, recursively."""
        return self.run(probes.describe, obj)

    @contextlib.contextmanager
    def serve(self, target: str, **kwargs):
        """Serve `module:factory(**kwargs)` on a loopback port; yields the base URL."""
        module, _, factory = target.partition(":")
        app = getattr(getattr(self, module), factory)(**kwargs)
        server = self.run(probes.start_server, app)
        try:
            yield server.url
        finally:
            with contextlib.suppress(SubmissionCrash):  # it died with its process already
                server.stop()

    def close(self) -> None:
        pass


class LocalSubmission(Submission):
    """The person's modules imported into this very process (--in-process).

    Fast and easy to debug, but the code shares memory with the tests: a hostile
    submission can tamper with the verdict. Use isolated mode to grade untrusted work.
    """

    def __init__(self, folder: Path, modules: tuple[str, ...]):
        super().__init__(folder, modules)
        self._modules: dict[str, object] = {}

    def _module(self, name: str):
        if name not in self._modules:
            self._modules[name] = import_module(self._folder, name)
        return self._modules[name]

    def run(self, func, *args, **kwargs):
        return func(*args, **kwargs)


# ---------------------------------------------------------------- filesystem isolation (Landlock)

_FS_FILE = (1 << 0) | (1 << 1) | (1 << 2)  # execute, write_file, read_file
_FS_READ = (1 << 0) | (1 << 2) | (1 << 3)  # execute, read_file, read_dir


def restrict_filesystem(denied: list[Path], writable: list[Path]) -> bool:
    """Shut this process (and its children) out of `denied` and read-only elsewhere.

    Uses Linux Landlock: every path stays readable except the denied ones (the reference
    solutions, the hidden tests, the trusted side's working files); only `writable` folders
    (and /dev/null, /dev/shm) accept writes; signals to processes outside the sandbox are
    blocked. Returns False, changing nothing, where the kernel has no Landlock.
    """
    import ctypes
    import struct

    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1:
        return False
    handled = (1 << 13) - 1
    for version, bit in ((2, 13), (3, 14), (5, 15)):
        handled |= (1 << bit) if abi >= version else 0
    if abi >= 6:
        attr = struct.pack("QQQ", handled, 0, 0b11)  # scope: abstract unix sockets, signals
    else:
        attr = struct.pack("Q", handled)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(444, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    file_rights = _FS_FILE | ((1 << 14) if abi >= 3 else 0) | ((1 << 15) if abi >= 5 else 0)

    def allow(path: Path, rights: int) -> None:
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not os.path.isdir(path):
                rights &= file_rights
            rule = ctypes.create_string_buffer(struct.pack("=Qi", rights & handled, fd), 12)
            libc.syscall(445, ctypes.c_int(ruleset), ctypes.c_int(1), rule, ctypes.c_uint32(0))
        finally:
            os.close(fd)

    for path in _readable_roots([Path(p).resolve() for p in denied]):
        allow(path, _FS_READ)
    for path in [*writable, Path("/dev/null"), Path("/dev/shm")]:
        allow(Path(path), handled)
    libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS, required by landlock_restrict_self
    ok = libc.syscall(446, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    os.close(ruleset)
    return ok


def _readable_roots(denied: list[Path]):
    """The largest folders and files that contain none of `denied`, walking down from /."""

    def covers(p: Path) -> bool:
        return any(d == p or d.is_relative_to(p) for d in denied)

    def visit(folder: Path):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            path = Path(entry.path)
            if path in denied:
                continue
            if entry.is_symlink():
                with contextlib.suppress(OSError):
                    if not covers(path.resolve()):
                        yield path
                continue
            if covers(path) and entry.is_dir(follow_symlinks=False):
                yield from visit(path)
            else:
                yield path

    yield from visit(Path("/"))
