"""The learner's commands: `grader list`, `hint ID`, `reset ID` and the maintainer's `verify`.

    grader list                      challenges in the suggested order, with best scores
    grader hint ID [--level N]       hints 1..N (a nudge first, nearly the answer last)
    grader reset ID [--yes]          put the stub back; the person's file is kept as a .bak
    grader verify [ID ...]           stubs score 0, references 100, manifests name real files
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from rich.table import Table
from rich.text import Text

from grader import cli, state
from grader.catalog import Catalog, CatalogError, Challenge, check_catalog, load_catalog, load_hints
from grader.scoring import Status

DIFFICULTY_RANK = {"easy": 0, "medium": 1, "high": 2}
MIN_LEAK_CHARS = 30  # a reference line this long found in a hint counts as leaked solution
NOT_DONE = 1  # exit code: reset was cancelled, or verify found a problem


def add_arguments(name: str, parser) -> None:
    if name in ("hint", "reset"):
        parser.add_argument("id", metavar="ID", help="the challenge")
    if name == "hint":
        parser.add_argument("--level", type=int, default=1, metavar="N",
                            help="show hints 1..N (default 1, the gentlest)")
    elif name == "reset":
        parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    elif name == "verify":
        parser.add_argument("ids", nargs="*", metavar="ID", help="challenges (default: all)")
        cli.add_grading_options(parser)


def run(name: str, args, env) -> int:
    catalog = load_catalog(env.root)
    return {"list": run_list, "hint": run_hint, "reset": run_reset,
            "verify": run_verify}[name](catalog, args, env)


# ---------------------------------------------------------------- shared views


def learning_order(catalog: Catalog) -> list[Challenge]:
    """Challenges from gentlest to hardest: difficulty words, then minutes, then id."""

    def rank(c: Challenge) -> tuple:
        words = [DIFFICULTY_RANK[w] for w in c.difficulty.lower().split() if w in DIFFICULTY_RANK]
        return (sum(words) / len(words) if words else 1, c.minutes, c.id)

    return sorted(catalog.challenges.values(), key=rank)


def progress_bar(catalog: Catalog, entries: dict[str, dict], width: int = 24) -> Text:
    """'progress ██████░░░░ 3/8 challenges at 100, mean best score 41' from the state file."""
    ids = catalog.ids
    done = sum(state.best(entries, i) == 100 for i in ids)
    mean = sum(state.best(entries, i) or 0 for i in ids) / len(ids) if ids else 0.0
    filled = round(width * mean / 100)
    return Text.assemble("progress ", ("█" * filled, "green"), ("░" * (width - filled), "dim"),
                         f" {done}/{len(ids)} challenges at 100, mean best score {mean:.0f}")


# ---------------------------------------------------------------- list


def run_list(catalog: Catalog, args, env) -> int:
    entries = state.load(env.root, env.console(err=True))
    table = Table(title="Challenges (suggested order)", title_justify="left")
    for column in ("challenge", "difficulty", "time"):
        table.add_column(column)
    table.add_column("best", justify="right")
    table.add_column("skills")
    for c in learning_order(catalog):
        best = state.best(entries, c.id)
        shown = Text("-", style="dim") if best is None else Text(
            f"{best:.0f}", style="bold green" if best == 100 else "")
        table.add_row(c.id, c.difficulty, f"~{c.minutes} min", shown, ", ".join(c.skills))
    console = env.console()
    console.print(table)
    console.print(progress_bar(catalog, entries))
    console.print("Start one with `grader watch ID` (or `grader ID` to grade once).", style="dim")
    return cli.ExitCode.OK


# ---------------------------------------------------------------- hint


def run_hint(catalog: Catalog, args, env) -> int:
    (challenge,) = catalog.select([args.id])
    hints = load_hints(challenge)
    console = env.console()
    if not hints:
        console.print(f"{challenge.id} has no hints yet: reread exercises/{challenge.id}/README.md")
        return cli.ExitCode.OK
    if args.level < 1:
        raise cli.UsageError("--level starts at 1")
    if args.level > len(hints):
        raise cli.UsageError(f"{challenge.id} has {len(hints)} hint levels; "
                             f"--level {args.level} is beyond the last")
    for level, text in enumerate(hints[:args.level], start=1):
        console.print(Text(f"hint {level}/{len(hints)}", style="bold"))
        console.print(text, markup=False, highlight=False)
        console.print()
    if args.level < len(hints):
        console.print(f"More: grader hint {challenge.id} --level {args.level + 1}", style="dim")
    else:
        console.print("That was the last hint.", style="dim")
    return cli.ExitCode.OK


# ---------------------------------------------------------------- reset


def run_reset(catalog: Catalog, args, env) -> int:
    (challenge,) = catalog.select([args.id])
    folder = catalog.exercise_dir(challenge)
    changed = {}
    for name in challenge.files:
        pristine = committed_file(env.root, f"exercises/{challenge.id}/{name}")
        current = folder / name
        if not current.is_file() or current.read_bytes() != pristine:
            changed[name] = pristine
    if not changed:
        print(f"{challenge.id}: the stub files are already as committed; nothing to do.",
              file=env.stdout)
        return cli.ExitCode.OK
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    print(f"Reset {', '.join(changed)} in exercises/{challenge.id} to the stub? Your current "
          f"version is kept beside it as <file>.{stamp}.bak.", file=env.stdout)
    if not args.yes:
        print("Type y to reset: ", end="", file=env.stdout, flush=True)
        if env.stdin.readline().strip().lower() not in ("y", "yes"):
            print("Cancelled; nothing changed.", file=env.stdout)
            return NOT_DONE
    for name, pristine in changed.items():
        target = folder / name
        if target.is_file():
            backup = _free_name(target.with_name(f"{target.name}.{stamp}.bak"))
            shutil.copy2(target, backup)
            print(f"  kept your {name} as {backup.name}", file=env.stdout)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pristine)
        print(f"  restored {name}", file=env.stdout)
    return cli.ExitCode.OK


def committed_file(root: Path, relative: str) -> bytes:
    """The file as committed at HEAD of the git checkout holding root."""
    try:
        done = subprocess.run(["git", "-C", str(root), "show", f"HEAD:./{relative}"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise cli.UsageError(f"cannot reset: git is not available ({exc})") from None
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()
        raise cli.UsageError(f"cannot reset: no committed copy of {relative} in git "
                             f"({why[-1] if why else 'git failed'})")
    return done.stdout


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        candidate, n = path.with_name(f"{path.name}.{n}"), n + 1
    return candidate


# ---------------------------------------------------------------- verify


def run_verify(catalog: Catalog, args, env) -> int:
    challenges = catalog.select(args.ids)
    console = env.console()
    problems = check_catalog(catalog, challenges)
    problems += [p for c in challenges for p in hint_problems(catalog, c)]
    console.print(f"files and hints of {len(challenges)} challenge(s): "
                  f"{'ok' if not problems else f'{len(problems)} problem(s)'}")
    options = cli.options_from(args)
    for label, want in (("exercises", "stub"), ("solutions", "reference")):
        kit = cli.grade_kit(challenges, env.root / label, f"{label}/", options, console, args.jobs)
        found = [p for ch in kit.challenges if (p := _score_problem(ch, want))]
        console.print(f"{want}s ({label}/, isolated): "
                      f"{len(challenges) - len(found)}/{len(challenges)} as expected")
        problems += found
    for problem in problems:
        console.print(f"  - {problem}", style="red", markup=False, highlight=False)
    console.print("verify: ok" if not problems else f"verify: {len(problems)} problem(s)",
                  style="bold green" if not problems else "bold red")
    return cli.ExitCode.OK if not problems else NOT_DONE


def _score_problem(ch, want: str) -> str | None:
    """Why a stub (must score 0, 'not implemented') or reference (must score 100) is wrong."""
    if want == "stub" and (ch.score != 0 or ch.status != Status.NOT_IMPLEMENTED):
        passed = [t.name for t in ch.tests if t.passed]
        return (f"{ch.id}: the stub scores {ch.score:.0f} ({ch.status}); expected 0 "
                f"(not implemented)" + (f"; it passes {', '.join(passed)}" if passed else ""))
    if want == "reference" and ch.score != 100:
        failed = [t.name for t in ch.failures] + ch.notes
        return f"{ch.id}: the reference scores {ch.score:.0f}; fails {', '.join(failed)}"
    return None


def hint_problems(catalog: Catalog, challenge: Challenge) -> list[str]:
    """A hints file that does not parse, or a hint that quotes a line of the reference."""
    try:
        hints = load_hints(challenge)
    except CatalogError as exc:
        return [f"{challenge.id}: {exc}"]
    problems = []
    for name in challenge.files:
        file = catalog.solution_dir(challenge) / name
        lines = file.read_text(encoding="utf-8").splitlines() if file.is_file() else []
        for line in {s.strip() for s in lines if len(s.strip()) >= MIN_LEAK_CHARS}:
            if any(line in h for h in hints):
                problems.append(f"{challenge.id}: a hint quotes the reference ({name}): {line}")
    return problems
