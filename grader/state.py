"""The learner's progress: best and last score per challenge, in .grader-state.json at the kit root.

The file is the person's own history (git ignores it), so it must never stop the grader:
it is written atomically, and a file that cannot be read as state is moved aside
(.grader-state.json.corrupt-<timestamp>) with a one-line warning, then started afresh.

    {"version": 1, "challenges": {"<id>": {"best": 75.0, "last": 50.0, "runs": 3,
                                          "best_at": "<ISO time>", "last_at": "<ISO time>"}}}
"""

from __future__ import annotations

import json
import math
import os
from datetime import datetime
from pathlib import Path

from grader.reports import write_atomic

STATE_FILE = ".grader-state.json"
VERSION = 1


def path(root: Path) -> Path:
    return Path(root) / STATE_FILE


def load(root: Path, console=None) -> dict[str, dict]:
    """The per-challenge entries ({} when there is no file yet or it was corrupt)."""
    file = path(root)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError):
        data = None
    if not _valid(data):
        _set_aside(file, console)
        return {}
    return data["challenges"]


def record(root: Path, kit, console) -> dict[str, dict]:
    """Remember each graded challenge's last score, and its best; return all the entries."""
    entries = load(root, console)
    now = _now()
    for ch in kit.challenges:
        entry = entries.setdefault(ch.id, {"best": ch.score, "best_at": now, "runs": 0})
        if ch.score > entry["best"]:
            entry.update(best=ch.score, best_at=now)
        entry.update(last=ch.score, last_at=now, runs=entry["runs"] + 1)
    write_atomic(path(root), json.dumps({"version": VERSION, "challenges": entries}, indent=2))
    return entries


def best(entries: dict[str, dict], cid: str) -> float | None:
    """The best score recorded for cid, None if it was never graded."""
    entry = entries.get(cid)
    return None if entry is None else entry["best"]


def _valid(data) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("challenges"), dict):
        return False
    for entry in data["challenges"].values():
        if not isinstance(entry, dict):
            return False
        numbers = [entry.get("best"), entry.get("runs", 0), entry.get("last", 0)]
        if not all(isinstance(n, (int, float)) and not isinstance(n, bool) and math.isfinite(n)
                   for n in numbers):
            return False
    return True


def _set_aside(file: Path, console) -> None:
    aside = file.with_name(f"{file.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        os.replace(file, aside)
        where = f"moved it to {aside.name}"
    except OSError as exc:
        where = f"could not move it aside ({exc})"
    if console is not None:
        console.print(f"warning: {file.name} could not be read as progress; {where} and "
                      "started afresh", style="yellow", markup=False, highlight=False,
                      soft_wrap=True)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
