"""Discover challenges: one id names exercises/<id>, solutions/<id> and grader/hidden/<id>.

Everything the engine knows about a challenge comes from grader/hidden/<id>/manifest.toml,
so adding a challenge never touches engine code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.toml"
HINTS = "hints.toml"


class CatalogError(Exception):
    """A manifest is missing, malformed, or names files that do not exist."""


@dataclass(frozen=True)
class Forbidden:
    """Modules a person's file must not import (e.g. scikit-learn in a from-scratch file)."""

    file: str
    modules: tuple[str, ...]
    test: str = ""  # the hidden test that a violation fails, whatever the child reports


@dataclass(frozen=True)
class Challenge:
    id: str
    title: str
    difficulty: str
    files: tuple[str, ...]
    hidden_dir: Path
    minutes: int = 60
    skills: tuple[str, ...] = ()
    timeout_per_test: float = 60.0
    timeout_total: float = 600.0
    memory_mb: int = 4096
    forbidden: tuple[Forbidden, ...] = ()
    datasets: tuple[str, ...] = ()

    @property
    def modules(self) -> tuple[str, ...]:
        """Importable module names of the person's files (cleaning.py -> cleaning)."""
        return tuple(Path(f).stem for f in self.files if f.endswith(".py"))


@dataclass
class Catalog:
    root: Path
    challenges: dict[str, Challenge] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return list(self.challenges)

    def select(self, ids: list[str] | None) -> list[Challenge]:
        """The named challenges in the order given, or all of them; unknown ids raise."""
        if not ids:
            return list(self.challenges.values())
        unknown = [i for i in ids if i not in self.challenges]
        if unknown:
            raise CatalogError(
                f"unknown challenge {', '.join(unknown)}; known: {', '.join(self.ids)}"
            )
        return [self.challenges[i] for i in dict.fromkeys(ids)]

    def exercise_dir(self, challenge: Challenge) -> Path:
        return self.root / "exercises" / challenge.id

    def solution_dir(self, challenge: Challenge) -> Path:
        return self.root / "solutions" / challenge.id


def load_manifest(path: Path) -> Challenge:
    """Parse one manifest.toml into a Challenge, with a clear error for each mistake."""
    cid = path.parent.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read manifest: {exc}") from None
    missing = [k for k in ("title", "difficulty", "files") if k not in data]
    if missing:
        raise CatalogError(f"{path}: missing key(s) {', '.join(missing)}")
    limits = data.get("limits", {})
    forbidden = tuple(
        Forbidden(file=f["file"], modules=tuple(f["modules"]), test=f.get("test", ""))
        for f in data.get("forbidden", [])
    )
    for f in forbidden:
        if f.file not in data["files"]:
            raise CatalogError(f"{path}: forbidden imports name {f.file}, not one of the files")
    return Challenge(
        id=cid,
        title=data["title"],
        difficulty=data["difficulty"],
        files=tuple(data["files"]),
        hidden_dir=path.parent,
        minutes=int(data.get("minutes", 60)),
        skills=tuple(data.get("skills", ())),
        timeout_per_test=float(limits.get("timeout_per_test", 60)),
        timeout_total=float(limits.get("timeout_total", 600)),
        memory_mb=int(limits.get("memory_mb", 4096)),
        forbidden=forbidden,
        datasets=tuple(data.get("datasets", ())),
    )


def load_hints(challenge: Challenge) -> list[str]:
    """The challenge's hints in order, nudge first (grader/hidden/<id>/hints.toml); [] if none."""
    file = challenge.hidden_dir / HINTS
    if not file.is_file():
        return []
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        return [str(h["text"]).strip() for h in data.get("hint", [])]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise CatalogError(f"{file}: cannot read hints: {exc}") from None


def load_catalog(root: Path = KIT_ROOT) -> Catalog:
    """Every challenge under root/grader/hidden, sorted by id."""
    root = Path(root).resolve()
    catalog = Catalog(root=root)
    for manifest in sorted((root / "grader" / "hidden").glob(f"*/{MANIFEST}")):
        challenge = load_manifest(manifest)
        catalog.challenges[challenge.id] = challenge
    return catalog


def check_catalog(catalog: Catalog, challenges: list[Challenge] | None = None) -> list[str]:
    """Problems a maintainer must fix: manifests naming files that do not exist, mirrors missing."""
    problems = []
    for c in challenges or catalog.challenges.values():
        for folder in (catalog.exercise_dir(c), catalog.solution_dir(c)):
            for name in c.files:
                if not (folder / name).is_file():
                    problems.append(f"{c.id}: {folder.relative_to(catalog.root)}/{name} is missing")
        for name in c.datasets:
            if not (catalog.root / "datasets" / name).is_file():
                problems.append(f"{c.id}: datasets/{name} is missing")
        if not list(c.hidden_dir.glob("test_*.py")):
            problems.append(f"{c.id}: no hidden tests in {c.hidden_dir.relative_to(catalog.root)}")
    return problems
