"""Turn a KitResult into what people read: the terminal table and the JSON file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from grader.scoring import KitResult, Status

STATUS_STYLE = {
    Status.PASSED: "bold green",
    Status.PARTIAL: "yellow",
    Status.FAILED: "red",
    Status.NOT_IMPLEMENTED: "dim",
    Status.CRASHED: "bold red",
    Status.TIMED_OUT: "bold red",
}
MAX_MESSAGE_LINES = 8


def score_table(result: KitResult) -> Table:
    table = Table(title=f"Grading {result.target} ({result.mode})", title_justify="left")
    table.add_column("challenge", no_wrap=True)
    table.add_column("difficulty", overflow="fold")
    table.add_column("tests", justify="right")
    table.add_column("score", justify="right")
    table.add_column("time", justify="right")
    table.add_column("status", no_wrap=True)
    for ch in result.challenges:
        table.add_row(
            ch.id, ch.difficulty, f"{ch.passed_count}/{len(ch.tests)}", f"{ch.score:.0f}",
            f"{ch.seconds:.1f}s", Text(str(ch.status), style=STATUS_STYLE[ch.status]),
        )
    table.add_section()
    table.add_row("total", "", "", f"{result.score:.1f}", f"{result.seconds:.1f}s", "")
    return table


def _clip(message: str) -> str:
    lines = message.strip().splitlines()
    if len(lines) > MAX_MESSAGE_LINES:
        lines = lines[:MAX_MESSAGE_LINES] + ["..."]
    return "\n      ".join(lines)


def print_report(result: KitResult, console: Console, verbose: bool = False) -> None:
    """The table, then one line per failed test (docstring + message), then notes."""
    console.print(score_table(result))
    for ch in result.challenges:
        failures = ch.failures
        if ch.status == Status.NOT_IMPLEMENTED and not verbose:
            n = len(failures)
            console.print(f"{ch.id}: not implemented yet ({n} hidden test"
                          f"{'s' if n != 1 else ''} waiting)", style="dim")
            continue
        if failures or ch.notes:
            console.print(f"\n[bold]{ch.id}[/bold] ({ch.passed_count}/{len(ch.tests)} passed)")
        for note in ch.notes:
            console.print(Text("  ! ", style="yellow") + Text(note))
        for t in failures:
            head = f"  x {t.name}: {t.doc}" if t.doc else f"  x {t.name}"
            console.print(head, style="red", markup=False, highlight=False)
            console.print(f"      {_clip(t.message)}", markup=False, highlight=False)
        if ch.integrity and verbose:
            console.print("  integrity notes (for a reviewer):")
            for finding in ch.integrity:
                console.print(f"    - {finding}", markup=False, highlight=False)
    console.print(f"\nseed {result.seed}; kit score {result.score:.1f} / 100")


def write_json(result: KitResult, path: Path) -> None:
    """Write atomically so a reader never sees half a file."""
    write_atomic(path, json.dumps(result.to_dict(), indent=2) + "\n")


def write_atomic(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Progress:
    """A live status line per challenge while grading runs (only on a terminal)."""

    def __init__(self, console: Console, ids: list[str]):
        self.console = console
        self.state = {i: {"total": None, "done": 0, "passed": 0} for i in ids}
        self._live = None

    def __enter__(self) -> "Progress":
        if self.console.is_terminal:
            from rich.live import Live

            self._live = Live(self._render(), console=self.console, refresh_per_second=8,
                              transient=True)
            self._live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.__exit__(*exc)

    def update(self, cid: str, event: str, value, passed) -> None:
        s = self.state[cid]
        if event == "collected":
            s["total"] = value
        elif event == "result":
            s["done"] += 1
            s["passed"] += bool(passed)
        if self._live is not None:
            self._live.update(self._render())

    def _render(self) -> Table:
        table = Table.grid(padding=(0, 2))
        for cid, s in self.state.items():
            if s["total"] is None:
                line = "[dim]waiting[/dim]" if s["done"] == 0 else "starting"
            elif s["done"] >= s["total"]:
                line = f"[green]done[/green] {s['passed']}/{s['total']} passed"
            else:
                line = f"running test {s['done'] + 1}/{s['total']} ({s['passed']} passed)"
            table.add_row(cid, Text.from_markup(line))
        return table
