"""Small helpers that run on the submission's side (in the worker, or in-process).

Hidden tests reach them through the `submission` fixture; they exist so that a question
about an object that lives with the submission ("what are this pipeline's steps?", "did the
call change its input?") can be answered with plain data.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


def describe(obj: Any, _depth: int = 0) -> Any:
    """A scikit-learn estimator as plain data: {"class", "module", "params"}, recursively.

    Lists and tuples of (name, estimator) pairs (Pipeline steps, ColumnTransformer
    transformers) are described element by element; anything that is not plain data
    becomes its repr.
    """
    if _depth > 20:
        return repr(obj)
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [describe(x, _depth + 1) for x in obj]
    if isinstance(obj, dict):
        return {str(k): describe(v, _depth + 1) for k, v in obj.items()}
    if hasattr(obj, "get_params") and callable(obj.get_params):
        params = obj.get_params(deep=False)
        return {
            "class": type(obj).__name__,
            "module": type(obj).__module__,
            "params": {k: describe(v, _depth + 1) for k, v in params.items()},
        }
    if isinstance(obj, type):
        return f"{obj.__module__}.{obj.__qualname__}"
    return repr(obj)


def inputs_after(func, *args, **kwargs):
    """Call func and hand back (result, args, kwargs) as they are after the call.

    The trusted side compares them with its own copies to see whether the call mutated
    its inputs, which it cannot observe directly when the call ran in another process.
    """
    result = func(*args, **kwargs)
    return result, list(args), kwargs


class Server:
    """A uvicorn server for an ASGI app on a free loopback port, in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self, timeout: float = 15.0) -> "Server":
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start serving")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def warnings_during(func, *args, **kwargs):
    """Call func and hand back (result, [message of every warning it raised])."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args, **kwargs)
    return result, [f"{w.category.__name__}: {w.message}" for w in caught]


def start_server(app) -> Server:
    """Serve app on a free loopback port; the caller reads .url and later calls .stop()."""
    return Server(app).start()
