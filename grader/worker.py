"""The untrusted worker and the trusted side's proxy to it.

`python -m grader.worker FOLDER FD` imports the person's modules from FOLDER and executes
requests that arrive on socket FD. Requests (trusted -> worker) are pickles: they may carry
rich values, and `Remote` proxies inside them resolve to the worker's own objects. Replies
(worker -> trusted) are grader.wire frames: plain data that cannot run code when read.

`RemoteSubmission` is what hidden tests get as `submission` in isolated mode. Each call
has a timeout; a worker that dies or hangs is killed with everything it started, the test
fails with a plain message, and the next call starts a fresh worker.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import io
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from grader import wire
from grader.sandbox import (
    Submission,
    SubmissionCrash,
    SubmissionError,
    SubmissionImportError,
    SubmissionTimeout,
    child_environment,
    import_module,
    kill_group,
    limit_resources,
    location_in,
    restrict_filesystem,
)


# ====================================================================== worker side


class _Worker:
    def __init__(self, folder: Path):
        self.folder = folder
        self.objects: dict[int, object] = {}
        self.ids: dict[int, int] = {}  # id(obj) -> handle id, so `fit` returning self is stable
        self.imported: dict[str, object] = {}

    def preload(self, names: list[str]) -> None:
        """Import the person's modules before the first request, while the trusted side
        collects its tests; a failure is kept and raised when the module is asked for."""
        for name in names:
            try:
                self.imported[name] = import_module(self.folder, name)
            except SubmissionImportError as exc:
                self.imported[name] = exc

    def handle(self, obj) -> dict:
        key = id(obj)
        hid = self.ids.get(key)
        if hid is None or self.objects.get(hid) is not obj:
            hid = len(self.objects) + 1
            self.objects[hid] = obj
            self.ids[key] = hid
        try:
            text = repr(obj)[:200]
        except Exception:  # noqa: BLE001
            text = f"<{type(obj).__name__}>"
        return {"$": "handle", "id": hid, "type": type(obj).__name__, "repr": text,
                "callable": callable(obj)}

    def execute(self, op: str, args: tuple):
        if op == "module":
            module = self.imported.get(args[0]) or import_module(self.folder, args[0])
            if isinstance(module, BaseException):
                raise module
            return module
        target, *rest = args
        if op == "getattr":
            return getattr(target, rest[0])
        if op == "setattr":
            return setattr(target, rest[0], rest[1])
        if op == "call":
            return target(*rest[0], **rest[1])
        if op == "len":
            return len(target)
        if op == "iter":
            return list(target)
        if op == "getitem":
            return target[rest[0]]
        if op == "contains":
            return rest[0] in target
        if op == "repr":
            return repr(target)
        if op == "str":
            return str(target)
        if op == "bool":
            return bool(target)
        raise ValueError(f"unknown operation {op}")

    def reply(self, request: bytes) -> bytes:
        try:
            op, args = _WorkerUnpickler(io.BytesIO(request), self.objects).load()
            value = self.execute(op, args)
            return wire.encode({"ok": value}, self.handle)
        except BaseException as exc:  # noqa: BLE001 - everything goes back as data
            return wire.encode({"error": _describe_error(exc, self.folder)}, self.handle)


class _WorkerUnpickler(pickle.Unpickler):
    def __init__(self, file, objects):
        super().__init__(file)
        self.objects = objects

    def persistent_load(self, pid):
        kind, hid = pid
        if kind != "handle" or hid not in self.objects:
            raise ValueError("this object no longer exists in the submission's process")
        return self.objects[hid]


def _describe_error(exc: BaseException, folder: Path) -> dict:
    name = type(exc).__name__
    where = location_in(exc.__traceback__, folder)
    args = list(exc.args) if all(isinstance(a, (str, int, float, type(None)))
                                 for a in exc.args) else None
    return {"type": name, "builtin": getattr(builtins, name, None) is type(exc),
            "message": str(exc), "args": args, "where": where}


def worker_main(argv: list[str]) -> None:
    folder, fd, denied, writable, modules = Path(argv[0]), int(argv[1]), *argv[2:5]
    restrict_filesystem(denied=[Path(p) for p in denied.split(os.pathsep) if p],
                        writable=[Path(p) for p in writable.split(os.pathsep) if p])
    sock = socket.socket(fileno=fd)
    worker = _Worker(folder)
    worker.preload([m for m in modules.split(",") if m])
    while True:
        try:
            request = wire.recv(sock)
        except (EOFError, OSError):
            return
        wire.send(sock, worker.reply(request))


# ====================================================================== trusted side


class Remote:
    """A handle to an object living in the worker; behaves like it for plain-data questions."""

    __slots__ = ("_client", "_id", "_gen", "_label", "_type", "_repr")

    def __init__(self, client, info: dict, label: str):
        for key, value in (("_client", client), ("_id", info["id"]), ("_gen", client.generation),
                           ("_label", label), ("_type", info["type"]), ("_repr", info["repr"])):
            object.__setattr__(self, key, value)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._client.request("getattr", self, name, label=name)

    def __setattr__(self, name, value):
        self._client.request("setattr", self, name, value, label=name)

    def __call__(self, *args, **kwargs):
        return self._client.request("call", self, args, kwargs, label=f"{self._label}()")

    def __len__(self):
        return self._client.request("len", self, label=f"len({self._label})")

    def __iter__(self):
        return iter(self._client.request("iter", self, label=f"iter({self._label})"))

    def __getitem__(self, key):
        return self._client.request("getitem", self, key, label=f"{self._label}[...]")

    def __contains__(self, item):
        return self._client.request("contains", self, item, label=f"... in {self._label}")

    def __bool__(self):
        return self._client.request("bool", self, label=f"bool({self._label})")

    def __repr__(self):
        return self._client.request("repr", self, label=f"repr({self._label})")

    def __str__(self):
        return self._client.request("str", self, label=f"str({self._label})")


class _Pickler(pickle.Pickler):
    def __init__(self, file, client):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.client = client

    def persistent_id(self, obj):
        if type(obj) is Remote:
            if obj._gen != self.client.generation:
                raise SubmissionCrash(
                    f"{obj._label} was lost when the submission's process was restarted "
                    "after an earlier crash or timeout")
            return ("handle", obj._id)
        return None


class RemoteSubmission(Submission):
    """The person's modules, living in an untrusted worker process (isolated mode)."""

    def __init__(self, folder: Path, modules: tuple[str, ...], call_timeout: float,
                 memory_mb: int, cpu_seconds: float | None = None,
                 denied: list[Path] = (), writable: list[Path] = ()):
        super().__init__(folder, modules)
        self._timeout = call_timeout
        self._memory_mb = memory_mb
        self._cpu_seconds = cpu_seconds
        self._denied = [str(p) for p in denied]
        self._writable = [str(p) for p in writable]
        self._scratch = Path(writable[-1]) if writable else None
        self._proc = None
        self._sock = None
        self._token = uuid.uuid4().hex
        self._modules: dict[str, Remote] = {}
        self.generation = 0

    def _module(self, name: str):
        module = self._modules.get(name)
        if module is None or module._gen != self.generation:
            module = self.request("module", name, label=f"import {name}")
            self._modules[name] = module
        return module

    def run(self, func, *args, **kwargs):
        label = f"{getattr(func, '__name__', 'function')}()"
        return self.request("call", func, args, kwargs, label=label)

    def start(self) -> "RemoteSubmission":
        """Start the worker now (it imports the person's modules while tests are collected)."""
        if self._proc is None:
            self._start()
        return self

    def close(self) -> None:
        self._kill()

    # ---- plumbing

    def request(self, op: str, *args, label: str = "the call"):
        if self._proc is None:
            self._start()
        buf = io.BytesIO()
        _Pickler(buf, self).dump((op, args))
        deadline = time.monotonic() + self._timeout
        try:
            self._sock.settimeout(self._timeout)
            wire.send(self._sock, buf.getvalue())
            reply = self._recv_until(deadline)
        except (TimeoutError, socket.timeout):
            self._kill()
            raise SubmissionTimeout(
                f"the call to {label} did not return within {self._timeout:.0f} s") from None
        except (EOFError, OSError) as exc:
            why = self._kill()
            raise SubmissionCrash(f"the submission's process died during {label}: {why}"
                                  if why else f"lost the submission's process: {exc}") from None
        value = wire.decode(reply, lambda info: Remote(self, info, _name_of(label)))
        if "error" in value:
            _raise(value["error"], label)
        return value["ok"]

    def _recv_until(self, deadline: float) -> bytes:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        self._sock.settimeout(remaining)
        return wire.recv(self._sock)

    def _start(self) -> None:
        parent, child = socket.socketpair()
        scratch = self._scratch or self._folder
        env = child_environment({"TMPDIR": str(scratch), "MPLCONFIGDIR": str(scratch),
                                 "GRADER_WORKER_TOKEN": self._token})
        memory, cpu = self._memory_mb, self._cpu_seconds
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "grader.worker", str(self._folder), str(child.fileno()),
             os.pathsep.join(self._denied), os.pathsep.join([str(self._folder)] + self._writable),
             ",".join(self._names)],
            cwd=self._folder, env=env, stdin=subprocess.DEVNULL, pass_fds=(child.fileno(),),
            start_new_session=True, preexec_fn=lambda: _worker_limits(memory, cpu),
        )
        child.close()
        self._sock = parent

    def _kill(self) -> str:
        """Kill the worker, its process group, and anything carrying its token; say why it died."""
        proc, self._proc = self._proc, None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if proc is None:
            return ""
        code = proc.poll()
        kill_group(proc)
        kill_by_token(self._token)
        self.generation += 1
        if code is None:
            code = proc.returncode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name} (memory or CPU cap?)"
        return f"it exited with code {code}" if code is not None else ""


def _name_of(label: str) -> str:
    return label.removesuffix("()").removeprefix("import ")


def _raise(err: dict, label: str):
    name, message, where = err["type"], err["message"], err["where"]
    if name == "SubmissionImportError":
        raise SubmissionImportError(message)
    if name in ("SystemExit", "KeyboardInterrupt", "GeneratorExit"):
        raise SubmissionCrash(f"{label} tried to end the process ({name} {message})".strip())
    cls = getattr(builtins, name, None)
    if err["builtin"] and isinstance(cls, type) and issubclass(cls, Exception):
        exc = cls(*err["args"]) if err["args"] is not None else cls(message)
    else:
        exc = SubmissionError(f"{name}: {message}")
    exc.submission_location = where
    raise exc


def _worker_limits(memory_mb, cpu_seconds) -> None:
    """In the worker before exec: caps, and die with the trusted process."""
    limit_resources(memory_mb, cpu_seconds)
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def kill_by_token(token: str) -> None:
    """Kill every process whose environment carries token (catches daemons that setsid)."""
    needle = f"GRADER_WORKER_TOKEN={token}".encode()
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGKILL)


if __name__ == "__main__":
    worker_main(sys.argv[1:])
