"""Watch mode's latency: from saving a file to the redrawn result, against plain pytest.

    python benchmarks/bench_watch.py [--repeats 5] [ID]      (default ID: data_cleaning)

Builds temporary kits whose exercises/ID holds the reference (so the grade passes), then,
alternating in each repeat, times:
  - pytest:        `python -m pytest exercises/ID/test_ID_public.py` (the baseline)
  - grader ID:     `python -m grader ID` (isolated, a fresh process, as a person types it)
  - watch:         save -> redrawn result in `grader watch ID` (in-process, fork server)
  - watch (cold):  the same with --cold-start (a fresh child python per grade)
and prints the medians and their ratios to the baseline. Goal: watch within ~1.5 s.
"""

from __future__ import annotations

import argparse
import io
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from grader import runner, watch
from grader.catalog import KIT_ROOT, load_catalog
from grader.cli import Environment


def make_kit(root: Path, cid: str) -> Path:
    """A kit holding only challenge cid, its data, and the reference in exercises/."""
    challenge = load_catalog(KIT_ROOT).challenges[cid]
    shutil.copytree(challenge.hidden_dir, root / "grader" / "hidden" / cid)
    shutil.copytree(KIT_ROOT / "exercises" / cid, root / "exercises" / cid)
    for name in challenge.files:
        shutil.copy(KIT_ROOT / "solutions" / cid / name, root / "exercises" / cid / name)
    (root / "datasets").mkdir()
    for name in challenge.datasets:
        shutil.copy(KIT_ROOT / "datasets" / name, root / "datasets" / name)
    return root


def timed(cmd: list[str], cwd: Path, expect: str) -> float:
    """Seconds to run cmd; warns when its output lacks `expect` (it did not pass)."""
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if expect not in done.stdout:
        print(f"  warning: {' '.join(cmd[:4])}... did not pass:\n{done.stdout[-500:]}"
              f"{done.stderr[-500:]}", file=sys.stderr)
    return seconds


class WatchedKit:
    """A watch session on its own kit, in a thread, with real file events."""

    def __init__(self, root: Path, cid: str, launcher):
        self.root, self.cid, self.drawn = root, cid, queue.Queue()
        self.file = root / "exercises" / cid / load_catalog(root).challenges[cid].files[0]
        self.stop = threading.Event()
        options = runner.Options(mode="in-process", launcher=launcher)
        console = Environment(stdout=io.StringIO(), color=False, width=100).console()
        self.session = watch.Session(root, load_catalog(root), [cid], options, console)
        show = self.session.show

        def timed_show(*a):
            started = time.perf_counter()
            self.drawn.put((started, show(*a).score, time.perf_counter()))

        self.session.show = timed_show
        changes = watch.saved_files(root / "exercises", stop_event=self.stop)
        self.thread = threading.Thread(target=watch.loop, args=(self.session, cid, changes))
        self.thread.start()
        self.drawn.get(timeout=300)  # the first grade
        time.sleep(1.0)  # let the file watcher come up
        self.save()  # warm-up

    def save(self) -> float:
        """Save the file (a new comment line); seconds until the result is redrawn."""
        started = time.perf_counter()
        with self.file.open("a") as fh:
            fh.write(f"# saved at {started}\n")
        graded_from = 0.0
        while graded_from < started:  # skip a redraw that began before this save
            graded_from, score, done = self.drawn.get(timeout=300)
        if score != 100:
            print(f"  warning: watch scored {score}", file=sys.stderr)
        return done - started

    def close(self) -> None:
        self.stop.set()
        self.thread.join(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("id", nargs="?", default="data_cleaning")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cid = args.id
    tmp = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    plain = make_kit(tmp / "plain", cid)
    server = watch.ForkServer.start()
    warm = WatchedKit(make_kit(tmp / "warm", cid), cid, server)
    cold = WatchedKit(make_kit(tmp / "cold", cid), cid, None)
    public = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
              f"exercises/{cid}/test_{cid}_public.py"]
    grade = [sys.executable, "-m", "grader", "--submission", str(plain / "exercises"), cid]
    runs = {"pytest": [], "grader ID": [], "watch": [], "watch (cold)": []}
    try:
        for i in range(args.repeats):
            runs["pytest"].append(timed(public, plain, " passed"))
            runs["grader ID"].append(timed(grade, tmp, "kit score 100.0"))  # cwd: not a kit
            runs["watch"].append(warm.save())
            runs["watch (cold)"].append(cold.save())
            print(f"  run {i + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in runs.items()),
                  flush=True)
    finally:
        warm.close()
        cold.close()
        server.close()
        shutil.rmtree(tmp, ignore_errors=True)
    base = statistics.median(runs["pytest"])
    print(f"{cid}, medians of {args.repeats}:")
    for name, times in runs.items():
        m = statistics.median(times)
        print(f"  {name:<13} {m:5.2f} s  {m / base:4.2f}x plain pytest of the public tests")


if __name__ == "__main__":
    main()
