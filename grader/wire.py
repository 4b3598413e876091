"""What crosses from the untrusted worker to the trusted side: plain data that cannot run code.

A frame is a JSON tree plus binary blobs. Scalars, lists, tuples, dicts travel in the JSON;
numeric and boolean arrays as .npy read with allow_pickle=False; DataFrames, Series and
Index as Arrow IPC streams (dtypes and index kept through pandas' metadata). Anything else
is replaced by a handle: an id the trusted side can send back to ask about the object.
Never pickle, joblib or dill in this direction.
"""

from __future__ import annotations

import io
import json
import struct
from typing import Any, Callable

import numpy as np

MAX_FRAME = 1 << 31  # refuse results larger than 2 GiB
_HEAD = struct.Struct("!II")  # json length, number of blobs
_BLOB = struct.Struct("!Q")


class WireError(Exception):
    """A frame that is malformed, too large, or holds an unknown tag."""


# ------------------------------------------------------------------ encoding (worker side)


def encode(value: Any, make_handle: Callable[[Any], dict]) -> bytes:
    """The frame for value; objects that are not plain data go through make_handle."""
    blobs: list[bytes] = []
    tree = _enc(value, blobs, make_handle, 0)
    head = json.dumps(tree).encode()
    parts = [_HEAD.pack(len(head), len(blobs)), head]
    for b in blobs:
        parts += [_BLOB.pack(len(b)), b]
    return b"".join(parts)


def _enc(v, blobs, make_handle, depth):
    if depth > 100:
        return make_handle(v)
    if v is None or isinstance(v, (bool, str)) or type(v) in (int, float):
        return v
    if isinstance(v, (np.generic, np.ndarray)) and _npy_ok(v):
        blobs.append(_npy(np.asarray(v)))
        return {"$": "npy" if isinstance(v, np.ndarray) else "npscalar", "b": len(blobs) - 1}
    if isinstance(v, np.ndarray):  # object dtype: element by element
        items = [_enc(x, blobs, make_handle, depth + 1) for x in v.ravel().tolist()]
        return {"$": "objarray", "shape": list(v.shape), "v": items}
    if isinstance(v, (list, tuple)) and type(v) in (list, tuple):
        return {"$": type(v).__name__, "v": [_enc(x, blobs, make_handle, depth + 1) for x in v]}
    if type(v) is dict:
        return {"$": "dict", "k": [_enc(k, blobs, make_handle, depth + 1) for k in v],
                "v": [_enc(x, blobs, make_handle, depth + 1) for x in v.values()]}
    if type(v) in (set, frozenset):
        return {"$": type(v).__name__, "v": [_enc(x, blobs, make_handle, depth + 1) for x in v]}
    if type(v) is bytes:
        blobs.append(v)
        return {"$": "bytes", "b": len(blobs) - 1}
    missing = _missing_kind(v)
    if missing:
        return {"$": missing}
    pandas = _pandas_kind(v)
    if pandas:
        try:
            blobs.append(_arrow(v, pandas))
            return {"$": "arrow", "kind": pandas, "b": len(blobs) - 1}
        except Exception:  # noqa: BLE001 - mixed object columns Arrow cannot type
            return _frame_fallback(v, pandas, blobs, make_handle, depth)
    return make_handle(v)


def _npy_ok(v) -> bool:
    return np.asarray(v).dtype.kind in "biufcmMUSV" and not np.asarray(v).dtype.hasobject


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


def _missing_kind(v) -> str:
    """'NA' for pandas.NA, 'NaT' for pandas.NaT: the missing-value markers pandas uses."""
    import sys

    pd = sys.modules.get("pandas")
    if pd is not None and v is pd.NA:
        return "NA"
    if pd is not None and v is pd.NaT:
        return "NaT"
    return ""


def _pandas_kind(v) -> str:
    import sys

    pd = sys.modules.get("pandas")
    if pd is None:
        return ""
    if isinstance(v, pd.DataFrame):
        return "frame"
    if isinstance(v, pd.Series):
        return "series"
    if isinstance(v, pd.Index):
        return "index"
    return ""


def _as_frame(v, kind):
    import pandas as pd

    if kind == "series":
        return v.to_frame(name="__series__")
    if kind == "index":
        return pd.DataFrame(index=v)
    return v


def _arrow(v, kind) -> bytes:
    import pyarrow as pa

    frame = _as_frame(v, kind)
    if not all(isinstance(c, str) for c in frame.columns):
        raise TypeError("non-string column labels")
    if any(t == object for t in frame.dtypes) or frame.index.dtype == object:
        raise TypeError("object columns: Arrow would re-type their values")
    table = pa.Table.from_pandas(frame, preserve_index=True)
    if kind == "series":
        meta = dict(table.schema.metadata or {})
        meta[b"grader_series_name"] = json.dumps(_plain_name(v.name)).encode()
        table = table.replace_schema_metadata(meta)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _plain_name(name):
    return name if name is None or isinstance(name, (str, int, float, bool)) else str(name)


def _frame_fallback(v, kind, blobs, make_handle, depth):
    """Column by column, for frames Arrow cannot carry (mixed objects, non-str labels)."""
    frame = _as_frame(v, kind)
    enc = lambda x: _enc(x, blobs, make_handle, depth + 1)  # noqa: E731
    return {
        "$": "frame", "kind": kind,
        "columns": enc(list(frame.columns)),
        "dtypes": [str(t) for t in frame.dtypes],
        "data": [enc(col.to_numpy()) if col.dtype == object
                 else enc(col.reset_index(drop=True).rename(None))
                 for col in (frame.iloc[:, i] for i in range(frame.shape[1]))],
        "index": enc(frame.index.to_numpy()),
        "index_dtype": str(frame.index.dtype),
        "index_name": _plain_name(frame.index.name),
        "name": _plain_name(getattr(v, "name", None)),
    }


# ------------------------------------------------------------------ decoding (trusted side)


def decode(frame: bytes, make_remote: Callable[[dict], Any]) -> Any:
    """The value a frame holds; handles become whatever make_remote builds from them."""
    if len(frame) < _HEAD.size:
        raise WireError("truncated frame")
    head_len, n_blobs = _HEAD.unpack_from(frame)
    pos = _HEAD.size
    tree = json.loads(frame[pos:pos + head_len])
    pos += head_len
    blobs = []
    for _ in range(n_blobs):
        (size,) = _BLOB.unpack_from(frame, pos)
        pos += _BLOB.size
        blobs.append(frame[pos:pos + size])
        pos += size
    return _dec(tree, blobs, make_remote)


def _dec(t, blobs, make_remote):
    if not isinstance(t, dict):
        return t
    tag = t.get("$")
    rec = lambda x: _dec(x, blobs, make_remote)  # noqa: E731
    if tag == "npy":
        return np.load(io.BytesIO(blobs[t["b"]]), allow_pickle=False)
    if tag == "npscalar":
        return np.load(io.BytesIO(blobs[t["b"]]), allow_pickle=False)[()]
    if tag == "objarray":
        out = np.empty(len(t["v"]), dtype=object)
        out[:] = [rec(x) for x in t["v"]]
        return out.reshape(t["shape"])
    if tag in ("list", "tuple", "set", "frozenset"):
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](
            rec(x) for x in t["v"])
    if tag == "dict":
        return {rec(k): rec(v) for k, v in zip(t["k"], t["v"])}
    if tag == "bytes":
        return blobs[t["b"]]
    if tag == "arrow":
        return _from_arrow(blobs[t["b"]], t["kind"])
    if tag == "frame":
        return _from_fallback(t, rec)
    if tag == "handle":
        return make_remote(t)
    if tag in ("NA", "NaT"):
        import pandas as pd

        return pd.NA if tag == "NA" else pd.NaT
    raise WireError(f"unknown tag {tag!r}")


def _from_arrow(blob: bytes, kind: str):
    import pyarrow as pa

    table = pa.ipc.open_stream(blob).read_all()
    frame = table.to_pandas()
    if kind == "series":
        series = frame["__series__"]
        raw = (table.schema.metadata or {}).get(b"grader_series_name", b"null")
        series.name = json.loads(raw)
        return series
    if kind == "index":
        return frame.index
    return frame


def _typed(values, dtype: str):
    """values (object dtype) cast back to the dtype they had, where pandas can."""
    if dtype == "object":
        return values
    try:
        return values.astype(dtype)
    except (TypeError, ValueError):
        return values


def _from_fallback(t, rec):
    import pandas as pd

    columns = rec(t["columns"])
    index = _typed(pd.Index(rec(t["index"]), name=t["index_name"], dtype=object),
                   t.get("index_dtype", "object"))
    columns_data = {}
    for i, (col, dtype) in enumerate(zip(t["data"], t["dtypes"])):
        values = rec(col)
        if isinstance(values, pd.Series):  # a typed column that travelled by Arrow
            columns_data[i] = values.set_axis(index)
        else:
            columns_data[i] = _typed(pd.Series(values, index=index, dtype=object), dtype)
    frame = pd.DataFrame(columns_data, index=index)
    frame.columns = columns
    if t["kind"] == "series":
        series = frame.iloc[:, 0]
        series.name = t["name"]
        return series
    return frame.index if t["kind"] == "index" else frame


# ------------------------------------------------------------------ framing on a socket


def send(sock, payload: bytes) -> None:
    sock.sendall(_BLOB.pack(len(payload)) + payload)


def recv(sock) -> bytes:
    (size,) = _BLOB.unpack(_recv_exact(sock, _BLOB.size))
    if size > MAX_FRAME:
        raise WireError(f"a result of {size} bytes is larger than the limit")
    return _recv_exact(sock, size)


def _recv_exact(sock, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the connection")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
