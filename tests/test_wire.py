"""The worker-to-trusted wire format: faithful for plain data, inert for everything else."""

import pickle

import numpy as np
import pandas as pd
import pytest

from grader import wire


def roundtrip(value):
    handles = []
    frame = wire.encode(value, lambda obj: handles.append(obj) or {"$": "handle", "id": len(handles)})
    return wire.decode(frame, lambda info: ("handle", info["id"]))


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, float("inf"), "text", [1, "a", None], (1, (2, 3)), {"a": 1, 2: [3]},
    {1, 2}, b"bytes", {"nested": {"t": (1.5, [True])}},
])
def test_plain_python_values(value):
    assert roundtrip(value) == value and type(roundtrip(value)) is type(value)


@pytest.mark.parametrize("arr", [
    np.arange(6).reshape(2, 3), np.array([True, False]), np.array([1.5, np.nan]),
    np.array(["a", "bc"]), np.array(["2024-01-01"], dtype="datetime64[D]"), np.zeros((0, 3)),
])
def test_arrays_keep_dtype_and_shape(arr):
    got = roundtrip(arr)
    assert got.dtype == arr.dtype and got.shape == arr.shape
    np.testing.assert_array_equal(got, arr)


def test_numpy_scalars_and_object_arrays():
    assert type(roundtrip(np.float64(2.5))) is np.float64
    got = roundtrip(np.array(["a", None, 3], dtype=object))
    assert got.dtype == object and got.tolist() == ["a", None, 3]


def test_frames_keep_dtypes_and_index():
    df = pd.DataFrame({
        "f": [1.0, None, 3.0], "s": ["x", None, "z"], "c": pd.Categorical(["u", "v", "u"]),
        "i": pd.array([1, None, 3], dtype="Int64"), "b": [True, False, True],
        "t": pd.to_datetime(["2024-01-01", None, "2024-03-01"]),
    }, index=pd.Index([10, 20, 30], name="key"))
    pd.testing.assert_frame_equal(roundtrip(df), df)
    pd.testing.assert_series_equal(roundtrip(df["s"]), df["s"])
    pd.testing.assert_index_equal(roundtrip(df.index), df.index)
    s = pd.Series([1, 2], name=None)
    pd.testing.assert_series_equal(roundtrip(s), s)


def test_frames_arrow_cannot_type_fall_back_column_by_column():
    df = pd.DataFrame({0: [1, "a"], "x": [1.5, 2.5]})
    got = roundtrip(df)
    assert list(got.columns) == [0, "x"] and got[0].tolist() == [1, "a"]


def test_objects_become_handles_never_pickles():
    class Model:
        pass

    value = {"model": Model(), "n": 1}
    got = roundtrip(value)
    assert got["model"] == ("handle", 1) and got["n"] == 1
    frame = wire.encode(value, lambda obj: {"$": "handle", "id": 1})
    assert b"Model" not in frame and pickle.PROTO not in frame[:2]


def test_npy_with_object_payload_is_refused():
    """A forged frame that smuggles a pickled object array must not be loaded."""
    import io

    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
    frame = wire.encode({"$": "x"}, lambda o: {})  # a valid frame, then forge the tree
    forged = wire._HEAD.pack(len(b'{"$": "npy", "b": 0}'), 1) + b'{"$": "npy", "b": 0}' + \
        wire._BLOB.pack(len(buf.getvalue())) + buf.getvalue()
    with pytest.raises(ValueError):
        wire.decode(forged, lambda info: None)
    assert frame


def test_unknown_tag_is_an_error():
    forged = wire._HEAD.pack(len(b'{"$": "pickle"}'), 0) + b'{"$": "pickle"}'
    with pytest.raises(wire.WireError):
        wire.decode(forged, lambda info: None)


def test_object_columns_keep_their_python_values():
    df = pd.DataFrame({"n": pd.Series([1, 2, 3], dtype=object), "s": ["a", "b", None],
                       "f": [1.0, 2.0, 3.0]}, index=pd.Index(["x", "y", "z"], dtype=object))
    got = roundtrip(df)
    pd.testing.assert_frame_equal(got, df)
    assert got["n"].dtype == object and got.index.dtype == object


def test_missing_markers_survive_next_to_object_columns():
    df = pd.DataFrame({"maybe": pd.array([True, None], dtype="boolean"),
                       "o": pd.Series([1, None], dtype=object),
                       "t": pd.to_datetime(["2024-01-01", None])})
    got = roundtrip(df)
    pd.testing.assert_frame_equal(got, df)
    assert roundtrip(pd.NA) is pd.NA and roundtrip(pd.NaT) is pd.NaT
    assert roundtrip(np.array([pd.NA, 1], dtype=object))[0] is pd.NA
