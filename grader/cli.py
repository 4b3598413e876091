"""The `grader` command. `main(argv, env)` takes an injectable Environment so tests drive it.

    grader [ID ...] [--solutions | --submission PATH] [--in-process] [--json PATH]
           [--fail-under N] [--seed N] [--timeout-per-test S] [--timeout S]
           [--memory-mb N] [--jobs N] [-v]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TextIO

from rich.console import Console

from grader import __version__, reports, runner, state
from grader.catalog import KIT_ROOT, CatalogError, load_catalog
from grader.plugin import DEFAULT_SEED
from grader.scoring import KitResult, kit_score


class ExitCode(IntEnum):
    OK = 0               # grading ran, whatever the score
    BELOW_THRESHOLD = 1  # --fail-under was not met
    USAGE = 2            # bad arguments, unknown challenge, missing folder
    INTERRUPTED = 130


@dataclass
class Environment:
    """Everything the CLI touches outside itself."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    root: Path = KIT_ROOT
    color: bool | None = None  # None: colour when stdout is a terminal
    width: int | None = None

    def console(self, err: bool = False) -> Console:
        return Console(file=self.stderr if err else self.stdout, force_terminal=self.color,
                       no_color=self.color is False, width=self.width, highlight=False,
                       soft_wrap=False)


class UsageError(Exception):
    """Bad command line: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="grader", description="Grade the ML exercises against hidden tests.")
    p.add_argument("ids", nargs="*", metavar="ID", help="challenges to grade (default: all)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--solutions", action="store_true", help="grade the reference solutions")
    target.add_argument("--submission", type=Path, metavar="PATH",
                        help="grade a folder laid out like exercises/ (a candidate's copy)")
    p.add_argument("--in-process", action="store_true",
                   help="import the code into the test process (fast; not for untrusted code)")
    p.add_argument("--json", type=Path, metavar="PATH", help="write the full result as JSON")
    p.add_argument("--fail-under", type=float, metavar="N", help="exit 1 if the score is below N")
    add_grading_options(p)
    p.add_argument("-v", "--verbose", action="store_true", help="show every detail")
    p.add_argument("--version", action="version", version=f"grader {__version__}")
    return p


# Subcommands live in their own modules, each with add_arguments(name, parser) and
# run(name, args, env) -> int; `grader` with no subcommand grades (run_grade below).
COMMANDS: dict[str, str] = {
    "list": "grader.learner", "hint": "grader.learner", "reset": "grader.learner",
    "verify": "grader.learner", "watch": "grader.watch",
    "export": "grader.interview", "grade": "grader.interview", "batch": "grader.interview",
}


def add_grading_options(p: argparse.ArgumentParser,
                        jobs_help: str | None = "challenges graded at once") -> None:
    """The options every grading command shares: seed, limits, and (unless jobs_help is None)
    parallelism."""
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the hidden inputs")
    p.add_argument("--timeout-per-test", type=float, metavar="S")
    p.add_argument("--timeout", type=float, metavar="S", help="time limit per challenge")
    p.add_argument("--memory-mb", type=int, metavar="N", help="memory cap for submitted code")
    if jobs_help is not None:
        p.add_argument("--jobs", "-j", type=_at_least_one, default=os.cpu_count() or 1,
                       metavar="N", help=jobs_help)


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    env = env or Environment()
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            module = importlib.import_module(COMMANDS[argv[0]])
            parser = _Parser(prog=f"grader {argv[0]}")
            module.add_arguments(argv[0], parser)
            return module.run(argv[0], parser.parse_args(argv[1:]), env)
        return run_grade(build_parser().parse_args(argv), env)
    except (UsageError, CatalogError) as exc:
        print(f"grader: error: {exc}", file=env.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("grader: interrupted", file=env.stderr)
        return ExitCode.INTERRUPTED


def resolve_target(args, root: Path) -> tuple[Path, str]:
    """The folder holding <id>/ subfolders to grade, and how to name it."""
    if args.solutions:
        return root / "solutions", "solutions/"
    if args.submission:
        folder = args.submission.expanduser().resolve()
        if not folder.is_dir():
            raise UsageError(f"submission folder {args.submission} does not exist")
        return folder, str(args.submission)
    return root / "exercises", "exercises/"


def run_grade(args, env: Environment) -> int:
    catalog = load_catalog(env.root)
    challenges = catalog.select(args.ids)
    if not challenges:
        raise UsageError(f"no challenges found under {env.root / 'grader' / 'hidden'}")
    target, label = resolve_target(args, env.root)
    options = options_from(args)
    console = env.console()
    kit = grade_kit(challenges, target, label, options, console, args.jobs)
    reports.print_report(kit, console, verbose=args.verbose)
    if target == env.root / "exercises":
        state.record(env.root, kit, console)
    if args.json:
        reports.write_json(kit, args.json)
    if args.fail_under is not None and kit.score < args.fail_under:
        return ExitCode.BELOW_THRESHOLD
    return ExitCode.OK


def options_from(args) -> runner.Options:
    return runner.Options(
        mode="in-process" if getattr(args, "in_process", False) else "isolated",
        seed=args.seed, timeout_per_test=args.timeout_per_test, timeout_total=args.timeout,
        memory_mb=args.memory_mb,
    )


def grade_kit(challenges, target: Path, label: str, options: runner.Options,
              console: Console, jobs: int) -> KitResult:
    """Grade each challenge from target/<id>, `jobs` at a time, with live progress."""
    started = time.monotonic()
    with reports.Progress(console, [c.id for c in challenges]) as progress:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(runner.grade, c, target / c.id, options, progress.update)
                       for c in challenges]
            results = [f.result() for f in futures]
    return KitResult(score=kit_score(results), challenges=results, seed=options.seed,
                     mode=options.mode, version=__version__, target=label,
                     seconds=round(time.monotonic() - started, 2))
