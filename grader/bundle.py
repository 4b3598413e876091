"""What crosses between interviewer and candidate: the kit handed out, the work that comes back.

`export_kit` builds the candidate's kit from an allow-list (stubs, prompts, public tests,
the data they read); nothing from solutions/ or grader/hidden/ goes in, and no file whose
bytes equal a reference or a hidden file. `open_submission` turns what came back (a folder,
a .zip or a git repository) into a folder to grade, unpacking archives only into a
temporary folder after refusing anything unsafe (paths that escape, links, zip bombs,
names that are not UTF-8).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import subprocess
import tempfile
import tomllib
import zipfile
from pathlib import Path, PurePosixPath
from typing import Iterator

from grader.catalog import Catalog, Challenge, load_hints
from grader.sandbox import child_environment

EXERCISE_SUFFIXES = {".py", ".md", ".txt", ".csv", ".json", ".toml"}
GRADER_ONLY = {"rich", "pyarrow", "watchfiles"}  # the kit's dependencies a candidate never needs
SKIPPED_DIRS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", "__MACOSX",
                "node_modules", ".ipynb_checkpoints"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same kit gives the same zip

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100                 # uncompressed / compressed, per entry
RATIO_FLOOR_BYTES = 1024 * 1024  # small files may compress well (a run of spaces); ignore them
CLONE_SECONDS = 120


class Refused(Exception):
    """The export or the submission cannot be used safely; the message says why in one line."""


# --------------------------------------------------------------------------- export


def export_kit(catalog: Catalog, challenges: list[Challenge], out: Path,
               with_hints: bool = False, as_zip: bool = False) -> Path:
    """Write the candidate's kit to the folder `out` (or the zip `out`); return the path."""
    out = Path(out)
    if as_zip and out.suffix != ".zip":
        out = out.with_name(out.name + ".zip")
    if out.exists() and (as_zip or not out.is_dir() or any(out.iterdir())):
        raise Refused(f"{out} already exists; choose a new or empty folder")
    files = kit_files(catalog, challenges, with_hints)
    if as_zip:
        _write_zip(out, out.stem, files)
    else:
        for rel, data in files.items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return out


def kit_files(catalog: Catalog, challenges: list[Challenge], with_hints: bool) -> dict[str, bytes]:
    """Every file of the kit as {relative path: bytes}, checked against the references."""
    files: dict[str, bytes] = {}
    for c in challenges:
        folder = catalog.exercise_dir(c)
        for path in _allowed_files(folder):
            files[f"exercises/{c.id}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
        for name in c.datasets:
            data = catalog.root / "datasets" / name
            if data.is_symlink() or not data.is_file():
                raise Refused(f"datasets/{name}, read by {c.id}, is missing")
            files[f"datasets/{name}"] = data.read_bytes()
            card = data.with_suffix(".md")
            if card.is_file() and not card.is_symlink():
                files[f"datasets/{card.name}"] = card.read_bytes()
    secret = _secret_contents(catalog)
    for rel, data in files.items():
        if data in secret:
            raise Refused(f"{rel} is identical to a reference or hidden file; restore the "
                          "stub before exporting")
    files["README.md"] = candidate_readme(challenges, with_hints).encode()
    files["pyproject.toml"] = candidate_pyproject(catalog.root).encode()
    if with_hints:
        files["HINTS.md"] = hints_markdown(challenges).encode()
    return dict(sorted(files.items()))


def _allowed_files(folder: Path) -> list[Path]:
    """Regular files under folder with an allowed suffix; no links, no hidden or cache folders."""
    found = []
    for base, dirs, names in os.walk(folder):  # does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(names):
            path = Path(base) / name
            if (not name.startswith(".") and path.suffix in EXERCISE_SUFFIXES
                    and not path.is_symlink() and path.is_file()):
                found.append(path)
    return found


def _secret_contents(catalog: Catalog) -> set[bytes]:
    """The bytes of every file under solutions/ and grader/hidden/ (never to be handed out)."""
    secret = set()
    for folder in (catalog.root / "solutions", catalog.root / "grader" / "hidden"):
        for base, _, names in os.walk(folder):
            for name in names:
                path = Path(base) / name
                if path.is_file() and not path.is_symlink():
                    secret.add(path.read_bytes())
    return secret


def _write_zip(out: Path, top: str, files: dict[str, bytes]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "x", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel, data in files.items():
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=ZIP_DATE)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest else "")
                    if part) or "0 min"


def candidate_readme(challenges: list[Challenge], with_hints: bool) -> str:
    """The candidate's instructions: what to do, how to check, how long, what to send back."""
    rows = "\n".join(f"| `{c.id}` | {c.title} | {c.difficulty} | about {_duration(c.minutes)} |"
                     for c in challenges)
    graded = "\n".join(f"- `exercises/{c.id}/{name}`" for c in challenges for name in c.files)
    total = _duration(sum(c.minutes for c in challenges))
    hints = ("\nStuck? `HINTS.md` has hints in steps, each giving away more than the last.\n"
             if with_hints else "")
    return f"""# Take-home exercises

Thank you for taking the time. This folder holds {len(challenges)} exercise(s). For each one,
read the prompt, fill in the stub, and check yourself with the worked examples. Your work is
graded afterwards by tests you do not see: they check the rules each prompt states, on
other inputs.

| exercise | what you build | difficulty | suggested time |
|---|---|---|---|
{rows}

Suggested time in total: about {total}. The times are estimates for a careful,
working solution, not limits; tell us if you spent much more.

## Set up

Python 3.11 or newer:

```sh
python3 -m venv .venv && .venv/bin/pip install .
```

This installs the exercises' libraries (listed in `pyproject.toml`) and pytest.

## What to do

1. Read `exercises/<id>/README.md`. It states every rule the grading checks: order of
   steps, tie-breaking, edge cases, which libraries are allowed.
2. Fill in the function and class bodies of the stub(s). Keep the file names, the names
   and the signatures. Only these files are graded:

{graded}

   Put all your code in them: other files you add (notes, notebooks, extra tests) are not
   read by the grading.
3. Run the worked examples: `.venv/bin/pytest exercises/<id>` (or `.venv/bin/pytest` for
   all). They fail until you implement the stub; passing them is a start, not the grade.

The data the exercises read is in `datasets/`, each file with a card (`<name>.md`) that
says where it comes from and what its columns mean.
{hints}
## What to send back

Keep the layout (`exercises/<id>/<file>`) and send the whole folder back, either way:

- a zip of this folder without the virtual environment, for example from its parent
  folder: `zip -r submission.zip <this folder> -x '*/.venv/*'`;
- or a git repository (commit your work; the last commit is graded).

Links, files outside this folder and very large files are refused, so keep it plain.
"""


def candidate_pyproject(root: Path) -> str:
    """A pyproject.toml that installs the exercises' libraries and pytest, nothing of the grader."""
    deps, python = ["pytest>=8.0"], ">=3.11"
    kit = root / "pyproject.toml"
    if kit.is_file():
        project = tomllib.loads(kit.read_text(encoding="utf-8")).get("project", {})
        python = project.get("requires-python", python)
        names = {_requirement_name(d) for d in deps}
        deps += [d for d in project.get("dependencies", [])
                 if _requirement_name(d) not in GRADER_ONLY | names]
    lines = "".join(f'    "{d}",\n' for d in deps)
    return f"""[project]
name = "take-home-exercises"
version = "1.0.0"
description = "Take-home machine-learning exercises."
requires-python = "{python}"
dependencies = [
{lines}]

[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[tool.setuptools]
packages = []  # nothing to install but the dependencies

[tool.pytest.ini_options]
testpaths = ["exercises"]
"""


def _requirement_name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]*", requirement).group().lower().replace("_", "-")


def hints_markdown(challenges: list[Challenge]) -> str:
    """The hints of each challenge (grader/hidden/<id>/hints.toml) as plain Markdown."""
    parts = ["# Hints\n\nRead a hint only when stuck: each one gives away more than the last.\n"]
    for c in challenges:
        steps = "\n".join(f"{i}. {text}" for i, text in enumerate(load_hints(c), 1))
        parts.append(f"## {c.id}: {c.title}\n\n{steps or 'No hints for this exercise.'}\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- submissions


@contextlib.contextmanager
def open_submission(path: Path) -> Iterator[Path]:
    """A folder holding the submission: the folder itself, or a temporary unpacked copy.

    A git repository (a folder with .git, or a bare repository) is cloned at HEAD; a .zip is
    checked, then extracted. Temporary copies are removed on exit.
    """
    path = Path(path).expanduser()
    if path.is_dir() and not _is_git_repo(path):
        yield path
        return
    if not path.exists():
        raise Refused(f"{path} does not exist")
    if not path.is_dir() and not zipfile.is_zipfile(path):
        raise Refused(f"{path} is not a folder, a .zip archive or a git repository")
    with tempfile.TemporaryDirectory(prefix="grader-submission-") as tmp:
        dest = Path(tmp) / "submission"
        if path.is_dir():
            clone_head(path, dest)
        else:
            dest.mkdir()
            extract_zip(path, dest)
        yield dest


def _is_git_repo(path: Path) -> bool:
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def clone_head(repo: Path, dest: Path) -> None:
    """Clone repo's HEAD into dest with no hooks, no templates, no links and no user config."""
    cmd = ["git", "-c", "core.hooksPath=/dev/null", "-c", "core.symlinks=false",
           "-c", "core.fsmonitor=false", "clone", "--no-hardlinks", "--quiet", "--template=",
           "--", str(repo), str(dest)]
    env = child_environment({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                             "GIT_TERMINAL_PROMPT": "0", "GIT_ALLOW_PROTOCOL": "file"})
    try:
        proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=CLONE_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Refused(f"cannot clone {repo}: {exc}") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise Refused(f"cannot clone {repo}: {last}")


def extract_zip(archive: Path, dest: Path) -> None:
    """Extract the safe entries of archive into dest, or refuse the whole archive."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in check_zip(zf.infolist()):
                _extract(zf, info, dest)
    except UnicodeDecodeError:
        raise Refused("an entry's name is not valid UTF-8") from None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise Refused(f"cannot extract the archive: {exc}") from None


def check_zip(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The entries worth extracting; raises Refused at the first unsafe one.

    Every entry's name is checked; entries under skipped folders (.git, .venv, caches)
    are then left out, and the rest must be plain files or folders of a sane size.
    """
    if len(infos) > MAX_ENTRIES:
        raise Refused(f"too many entries ({len(infos)}; at most {MAX_ENTRIES})")
    keep, seen, total = [], set(), 0
    for info in infos:
        parts = _safe_parts(info)
        if any(p in SKIPPED_DIRS for p in parts):
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise Refused(f"{info.filename!r} is a symbolic link")
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no unix type given
            raise Refused(f"{info.filename!r} is not a regular file or folder")
        if info.flag_bits & 0x1:
            raise Refused(f"{info.filename!r} is encrypted")
        key = "/".join(parts)
        if key in seen:
            raise Refused(f"{info.filename!r} appears twice")
        seen.add(key)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise Refused(f"more than {MAX_TOTAL_BYTES // 2**20} MB uncompressed")
        if (info.file_size > RATIO_FLOOR_BYTES
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            ratio = info.file_size // max(info.compress_size, 1)
            raise Refused(f"{info.filename!r} expands {ratio} times (a zip bomb?)")
        keep.append(info)
    return keep


def _safe_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The entry's path parts, refusing names that are not UTF-8, absolute, or escape."""
    name = info.orig_filename
    if not info.flag_bits & 0x800 and not name.isascii():
        raise Refused(f"the entry name {name!r} is not UTF-8")
    if "\\" in name or any(ord(ch) < 32 for ch in name):
        raise Refused(f"the entry name {name!r} has a backslash or a control character")
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise Refused(f"the entry {name!r} has an absolute path")
    if ".." in path.parts:
        raise Refused(f"the entry {name!r} escapes the extraction folder")
    return tuple(p for p in path.parts if p != ".")


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    """Write one checked entry under dest, never more bytes than its header declares."""
    target = dest.joinpath(*_safe_parts(info))
    if not target.resolve().is_relative_to(dest.resolve()):
        raise Refused(f"the entry {info.filename!r} escapes the extraction folder")
    if info.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with zf.open(info) as src, open(target, "xb") as dst:
        while chunk := src.read(io.DEFAULT_BUFFER_SIZE * 16):
            written += len(chunk)
            if written > info.file_size:
                raise Refused(f"{info.filename!r} is larger than its header says")
            dst.write(chunk)


def challenge_root(folder: Path, ids: list[str]) -> Path:
    """The folder holding <id>/ subfolders: folder, folder/exercises, or the same one level down
    when the submission is a single top folder (a zipped kit)."""
    candidates = [folder, folder / "exercises"]
    subdirs = [d for d in folder.iterdir() if d.is_dir() and not d.is_symlink()
               and not d.name.startswith(".") and d.name not in SKIPPED_DIRS]
    if len(subdirs) == 1:
        candidates += [subdirs[0], subdirs[0] / "exercises"]
    for candidate in candidates:
        if present_challenges(candidate, ids):
            return candidate
    raise Refused("no challenge folder found (expected exercises/<id>/ or <id>/ for one of "
                  f"{', '.join(ids)})")


def present_challenges(folder: Path, ids: list[str]) -> list[str]:
    """The ids that have a real (not linked) folder under folder."""
    return [i for i in ids if (folder / i).is_dir() and not (folder / i).is_symlink()]
