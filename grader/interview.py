"""Take-home interview mode: `grader export`, `grader grade`, `grader batch`.

    grader export OUT [--challenges ID ...] [--zip] [--with-hints]
    grader grade SUBMISSION [--challenges ID ...] [--report PATH] [--gradescope PATH]
                 [--junit PATH] [--json PATH] [--seed N] [--timeout-per-test S]
                 [--timeout S] [--memory-mb N] [--jobs N] [-v]
    grader batch SUBMISSIONS_DIR --out grades.csv [--jobs N] [--force] [--challenges ...]

Submissions are untrusted: they are always graded in isolated mode, and archives are
unpacked only into temporary folders (grader/bundle.py). `batch` grades each submission in
its own `grader grade` process, so one that breaks the grader cannot stop the others.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from grader import bundle, cli, reports, scorecard
from grader.catalog import load_catalog

BATCH_GRACE_SECONDS = 120  # on top of the challenges' own time limits, before a grade is killed
# Runs `grader grade` against the kit at argv[1] (cli.main has no --root option).
_WORKER = ("import sys; from pathlib import Path; from grader.cli import Environment, main; "
           "sys.exit(main(sys.argv[2:], Environment(root=Path(sys.argv[1]), color=False)))")


def add_arguments(name: str, parser) -> None:
    if name == "export":
        parser.add_argument("out", type=Path, metavar="OUT",
                            help="new (or empty) folder for the candidate's kit")
        parser.add_argument("--zip", action="store_true", help="write OUT.zip instead of a folder")
        parser.add_argument("--with-hints", action="store_true", help="add HINTS.md")
    elif name == "grade":
        parser.add_argument("submission", type=Path, metavar="SUBMISSION",
                            help="a folder, a .zip or a git repository")
        for flag, what in (("--report", "scorecard (Markdown; HTML when PATH ends in .html)"),
                           ("--gradescope", "Gradescope results.json"),
                           ("--junit", "JUnit XML"), ("--json", "the full result as JSON")):
            parser.add_argument(flag, type=Path, metavar="PATH", help=f"write the {what}")
        parser.add_argument("-v", "--verbose", action="store_true", help="show every detail")
        _grading_options(parser)
    else:
        parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR",
                            help="a folder whose entries (folders or .zip files) are submissions")
        parser.add_argument("--out", type=Path, required=True, metavar="CSV",
                            help="the grades, one row per submission")
        parser.add_argument("--force", action="store_true",
                            help="grade again the submissions already in the CSV")
        _grading_options(parser)
    parser.add_argument("--challenges", nargs="+", metavar="ID", default=[],
                        help="challenges to use (default: all for export, those present "
                             "in the submission for grade)")


def _grading_options(parser) -> None:
    cli.add_grading_options(parser, "challenges (grade) or submissions (batch) graded at once")


def run(name: str, args, env: cli.Environment) -> int:
    return {"export": run_export, "grade": run_grade, "batch": run_batch}[name](args, env)


# --------------------------------------------------------------------------- export


def run_export(args, env: cli.Environment) -> int:
    catalog = load_catalog(env.root)
    challenges = catalog.select(args.challenges)
    try:
        out = bundle.export_kit(catalog, challenges, args.out, args.with_hints, args.zip)
    except bundle.Refused as exc:
        raise cli.UsageError(str(exc)) from None
    minutes = sum(c.minutes for c in challenges)
    print(f"exported {len(challenges)} challenge(s) ({', '.join(c.id for c in challenges)}; "
          f"about {minutes} min) to {out}", file=env.stdout)
    print("hand it out; grade what comes back with: grader grade <submission> --report "
          "scorecard.md", file=env.stdout)
    return cli.ExitCode.OK


# --------------------------------------------------------------------------- grade


def run_grade(args, env: cli.Environment) -> int:
    catalog = load_catalog(env.root)
    label, console = str(args.submission), env.console()
    try:
        with bundle.open_submission(args.submission) as folder:
            target = bundle.challenge_root(folder, catalog.ids)
            ids = args.challenges or bundle.present_challenges(target, catalog.ids)
            challenges = catalog.select(sorted(set(ids)))
            kit = cli.grade_kit(challenges, target, label, cli.options_from(args),
                                console, args.jobs)
    except bundle.Refused as exc:
        raise cli.UsageError(f"refused: {exc}") from None
    for ch in kit.challenges:  # name the submission, not the temporary copy, in notes
        ch.notes = [note.replace(str(target), label) for note in ch.notes]
    command = reproduce_command(args, [c.id for c in challenges])
    reports.print_report(kit, console, verbose=args.verbose)
    console.print(f"reproduce: {command}", markup=False, highlight=False, soft_wrap=True)
    if args.report:
        scorecard.write_report(kit, args.report, command)
    if args.gradescope:
        scorecard.write_gradescope(kit, args.gradescope)
    if args.junit:
        scorecard.write_junit(kit, args.junit)
    if args.json:
        reports.write_json(kit, args.json)
    return cli.ExitCode.OK


def reproduce_command(args, ids: list[str]) -> str:
    """The command that grades the same submission the same way (same seed and limits)."""
    return shlex.join(["grader", "grade", str(args.submission), "--challenges", *ids,
                       *_shared_flags(args)])


# --------------------------------------------------------------------------- batch


def run_batch(args, env: cli.Environment) -> int:
    if not args.submissions.is_dir():
        raise cli.UsageError(f"submissions folder {args.submissions} does not exist")
    catalog = load_catalog(env.root)
    challenges = catalog.select(args.challenges)
    rows = {} if args.force else read_rows(args.out)
    entries = submission_entries(args.submissions, args.out)
    todo = [e for e in entries if e.name not in rows or rows[e.name]["status"].startswith("error")]
    print(f"{len(entries)} submission(s); {len(entries) - len(todo)} already graded in "
          f"{args.out}, {len(todo)} to grade", file=env.stdout)
    budget = sum(args.timeout or c.timeout_total for c in challenges) + BATCH_GRACE_SECONDS
    with tempfile.TemporaryDirectory(prefix="grader-batch-") as tmp, \
            ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(grade_entry, env.root, entry, _grade_argv(args), Path(tmp), budget)
                   for entry in todo]
        for future in as_completed(futures):
            row = future.result()
            rows[row["submission"]] = row
            write_rows(args.out, rows, catalog.ids)
            print(f"{row['submission']}: {row['status']}"
                  + (f", total {row['total']}" if row["total"] else ""), file=env.stdout)
    if not todo:
        write_rows(args.out, rows, catalog.ids)
    print(f"wrote {args.out}", file=env.stdout)
    return cli.ExitCode.OK


def submission_entries(folder: Path, out: Path) -> list[Path]:
    """The folders and .zip files of folder, by name; hidden entries and the CSV left out."""
    return sorted((p for p in folder.iterdir()
                   if not p.name.startswith(".") and not p.is_symlink()
                   and (p.is_dir() or p.suffix.lower() == ".zip")
                   and p.resolve() != out.resolve()), key=lambda p: p.name)


def _grade_argv(args) -> list[str]:
    """The `grader grade` options every submission of the batch shares."""
    argv = ["--jobs", "1", *_shared_flags(args)]
    return argv + (["--challenges", *args.challenges] if args.challenges else [])


def _shared_flags(args) -> list[str]:
    """The seed and limits of args as `grader grade` options, so a grade can be repeated."""
    argv = ["--seed", str(args.seed)]
    for flag, value in (("--timeout-per-test", args.timeout_per_test),
                        ("--timeout", args.timeout), ("--memory-mb", args.memory_mb)):
        if value is not None:
            argv += [flag, f"{value:g}"]
    return argv


def grade_entry(root: Path, entry: Path, options: list[str], tmp: Path, budget: float) -> dict:
    """Grade one submission in its own process; always returns a CSV row, never raises."""
    result = tmp / f"{entry.name}.json"
    cmd = [sys.executable, "-c", _WORKER, str(Path(root).resolve()), "grade", str(entry),
           "--json", str(result), *options]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=budget)
    except subprocess.TimeoutExpired:
        return {"submission": entry.name, "status": f"error: no result within {budget:.0f} s",
                "total": ""}
    except Exception as exc:  # noqa: BLE001 - a batch row says what went wrong, whatever it was
        return {"submission": entry.name, "status": f"error: {exc}", "total": ""}
    return batch_row(entry.name, proc.returncode, proc.stderr, result)


def batch_row(name: str, returncode: int, stderr: str, result: Path) -> dict:
    """The CSV row of one finished `grader grade` run."""
    last = (stderr.strip().splitlines() or [f"exit code {returncode}"])[-1]
    reason = last.removeprefix("grader: error: ").removeprefix("refused: ")
    if returncode == cli.ExitCode.USAGE:
        return {"submission": name, "status": f"refused: {reason}", "total": ""}
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
        row = {"submission": name, "status": "graded", "total": f"{data['score']:.2f}"}
        row.update({ch["id"]: f"{ch['score']:.2f}" for ch in data["challenges"]})
        return row
    except (OSError, ValueError, KeyError, TypeError):
        return {"submission": name, "status": f"error: {reason}", "total": ""}


def read_rows(path: Path) -> dict[str, dict]:
    """The rows of an earlier run, by submission ({} when there is no readable CSV)."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            return {r["submission"]: r for r in csv.DictReader(fh)
                    if r.get("submission") and r.get("status") is not None}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def write_rows(path: Path, rows: dict[str, dict], ids: list[str]) -> None:
    """All rows, by submission name; one column per challenge that any row has a score for."""
    used = [i for i in ids if any(row.get(i) for row in rows.values())]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["submission", "status", *used, "total"],
                            extrasaction="ignore", restval="", lineterminator="\n")
    writer.writeheader()
    for name in sorted(rows):
        writer.writerow(rows[name])
    reports.write_atomic(path, buffer.getvalue())
