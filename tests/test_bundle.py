"""The candidate's kit (export) and opening what comes back (folders, zips, git repositories)."""

import io
import os
import shutil
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from grader import bundle
from grader.catalog import KIT_ROOT, load_catalog
from grader.cli import Environment, ExitCode, main


def run(root, *argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Environment(stdout=out, stderr=err, root=root, color=False, width=100))
    return code, out.getvalue(), err.getvalue()


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def secret_files(root: Path) -> dict[str, bytes]:
    """Every file a candidate must never receive: solutions/ and grader/hidden/."""
    found = {}
    for part in ("solutions", "grader/hidden"):
        found.update({f"{part}/{k}": v for k, v in files_under(root / part).items()})
    return found


def assert_nothing_secret(bundle_files: dict[str, bytes], root: Path) -> None:
    secret = secret_files(root)
    assert secret, "the kit has reference and hidden files to compare against"
    for rel, data in bundle_files.items():
        assert not rel.startswith(("solutions/", "grader/", "tests/")), rel
        assert data not in secret.values(), f"{rel} has the content of a reference or hidden file"


def test_export_lists_only_candidate_files(toy_kit, tmp_path):
    out = tmp_path / "kit-for-alice"
    code, stdout, _ = run(toy_kit, "export", str(out))
    assert code == ExitCode.OK and "exported 1 challenge" in stdout
    got = files_under(out)
    assert sorted(got) == ["README.md", "exercises/toy/toy.py", "pyproject.toml"]
    assert got["exercises/toy/toy.py"] == (toy_kit / "exercises/toy/toy.py").read_bytes()
    assert_nothing_secret(got, toy_kit)
    readme = got["README.md"].decode()
    assert "`exercises/toy/toy.py`" in readme and "about 5 min" in readme
    assert "pytest exercises/<id>" in readme and "zip" in readme and "git" in readme


def test_export_zip_has_the_same_files_under_one_folder(toy_kit, tmp_path):
    code, stdout, _ = run(toy_kit, "export", str(tmp_path / "alice"), "--zip")
    assert code == ExitCode.OK
    with zipfile.ZipFile(tmp_path / "alice.zip") as zf:
        names = sorted(zf.namelist())
        assert all(not stat.S_ISLNK(i.external_attr >> 16) for i in zf.infolist())
        contents = {n.removeprefix("alice/"): zf.read(n) for n in names}
    assert names == ["alice/README.md", "alice/exercises/toy/toy.py", "alice/pyproject.toml"]
    assert_nothing_secret(contents, toy_kit)


def test_export_skips_links_caches_and_unlisted_files(toy_kit, tmp_path):
    ex = toy_kit / "exercises" / "toy"
    (ex / "peek.py").symlink_to(toy_kit / "solutions" / "toy" / "toy.py")
    (ex / "__pycache__").mkdir()
    (ex / "__pycache__" / "toy.cpython-311.pyc").write_bytes(b"\0")
    (ex / ".notes.md").write_text("private")
    (ex / "model.pkl").write_bytes(b"\0")
    (ex / "data").mkdir()
    (ex / "data" / "small.csv").write_text("a,b\n1,2\n")
    out = tmp_path / "out"
    assert run(toy_kit, "export", str(out))[0] == ExitCode.OK
    assert sorted(files_under(out / "exercises" / "toy")) == ["data/small.csv", "toy.py"]


def test_export_never_overwrites(toy_kit, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("the interviewer's file")
    code, _, err = run(toy_kit, "export", str(out))
    assert code == ExitCode.USAGE and "already exists" in err and err.count("\n") == 1
    assert files_under(out) == {"mine.txt": b"the interviewer's file"}
    (tmp_path / "k.zip").write_text("old")
    assert run(toy_kit, "export", str(tmp_path / "k.zip"), "--zip")[0] == ExitCode.USAGE
    assert (tmp_path / "k.zip").read_text() == "old"


def test_export_refuses_a_solved_stub(toy_kit, tmp_path):
    shutil.copy(toy_kit / "solutions/toy/toy.py", toy_kit / "exercises/toy/toy.py")
    code, _, err = run(toy_kit, "export", str(tmp_path / "out"))
    assert code == ExitCode.USAGE and "identical to a reference" in err
    assert not (tmp_path / "out").exists()


def test_export_with_hints_and_unknown_challenge(toy_kit, tmp_path):
    (toy_kit / "grader/hidden/toy/hints.toml").write_text(
        '[[hint]]\ntext = "Start small."\n\n[[hint]]\ntext = "Use numpy."\n')
    assert run(toy_kit, "export", str(tmp_path / "h"), "--with-hints")[0] == ExitCode.OK
    hints = (tmp_path / "h" / "HINTS.md").read_text()
    assert "## toy: Toy" in hints and "1. Start small.\n2. Use numpy." in hints
    assert "HINTS.md" in (tmp_path / "h" / "README.md").read_text()
    code, _, err = run(toy_kit, "export", str(tmp_path / "x"), "--challenges", "nope")
    assert code == ExitCode.USAGE and "unknown challenge nope" in err


def test_candidate_pyproject_has_the_exercise_libraries_only():
    data = tomllib.loads(bundle.candidate_pyproject(KIT_ROOT))
    names = {bundle._requirement_name(d) for d in data["project"]["dependencies"]}
    assert {"numpy", "pandas", "scikit-learn", "pytest"} <= names
    assert not names & {"rich", "pyarrow", "watchfiles", "ml-exercise-kit"}
    assert data["tool"]["setuptools"]["packages"] == []


@pytest.mark.slow
def test_real_kit_export_is_clean_and_its_public_tests_run(tmp_path):
    out = tmp_path / "kit"
    code, _, _ = run(KIT_ROOT, "export", str(out), "--with-hints")
    assert code == ExitCode.OK
    got = files_under(out)
    assert_nothing_secret(got, KIT_ROOT)
    catalog = load_catalog(KIT_ROOT)
    for c in catalog.challenges.values():
        assert all(f"exercises/{c.id}/{name}" in got for name in c.files)
        assert all(f"datasets/{name}" in got for name in c.datasets)

    def pytest_in(folder):
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                              cwd=folder, capture_output=True, text=True, timeout=300)

    stubs = pytest_in(out)
    assert stubs.returncode == 1 and " failed" in stubs.stdout and " passed" not in stubs.stdout
    solved = tmp_path / "solved"
    shutil.copytree(out, solved)
    for c in catalog.challenges.values():
        for name in c.files:
            shutil.copy(catalog.solution_dir(c) / name, solved / "exercises" / c.id / name)
    refs = pytest_in(solved)
    assert refs.returncode == 0, refs.stdout[-2000:]


# --------------------------------------------------------------------------- zips


def make_zip(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    """entries: (name, data, unix mode); mode 0 leaves the unix attributes out."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = mode << 16
            zf.writestr(info, data)
    return path


FILE = stat.S_IFREG | 0o644


def refused(path: Path) -> str:
    with pytest.raises(bundle.Refused) as exc:
        with bundle.open_submission(path):
            pass
    return str(exc.value)


@pytest.mark.parametrize("name, mode, words", [
    ("../evil", FILE, "escapes"),
    ("toy/../../evil", FILE, "escapes"),
    ("/tmp/evil", FILE, "absolute"),
    ("C:/evil", FILE, "absolute"),
    ("toy\\..\\..\\evil", FILE, "backslash"),
    ("toy/etc", stat.S_IFLNK | 0o777, "symbolic link"),
    ("toy/fifo", stat.S_IFIFO | 0o644, "not a regular file"),
])
def test_unsafe_entries_are_refused(tmp_path, name, mode, words):
    archive = make_zip(tmp_path / "evil.zip", [("toy/toy.py", b"x = 1\n", FILE),
                                               (name, b"/etc", mode)])
    assert words in refused(archive)


def test_zip_bomb_and_size_caps(tmp_path, monkeypatch):
    bomb = make_zip(tmp_path / "bomb.zip", [("toy/toy.py", b"\0" * (20 * 2**20), FILE)])
    assert bomb.stat().st_size < 2**20
    assert "zip bomb" in refused(bomb)
    monkeypatch.setattr(bundle, "MAX_TOTAL_BYTES", 1000)
    big = make_zip(tmp_path / "big.zip", [("a.bin", os.urandom(600), FILE),
                                          ("b.bin", os.urandom(600), FILE)])
    assert "MB uncompressed" in refused(big)
    monkeypatch.setattr(bundle, "MAX_ENTRIES", 3)
    many = make_zip(tmp_path / "many.zip", [(f"f{i}", b"", FILE) for i in range(4)])
    assert "too many entries" in refused(many)


def test_entry_larger_than_its_header_is_stopped(tmp_path, monkeypatch):
    archive = make_zip(tmp_path / "liar.zip", [("toy/toy.py", b"a" * 5000, FILE)])
    original = zipfile.ZipFile.infolist

    def shrunk(self):
        infos = original(self)
        for info in infos:
            info.file_size = 10  # the header lies: the stream holds 5000 bytes
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", shrunk)
    reason = refused(archive)  # zipfile stops at the declared size (bad CRC); so would we
    assert "Bad CRC" in reason or "larger than its header" in reason


def test_names_that_are_not_utf8_are_refused(tmp_path):
    cp437 = make_zip(tmp_path / "a.zip", [("toy/caf_X.py", b"", FILE)])
    cp437.write_bytes(cp437.read_bytes().replace(b"caf_X", b"caf\xe9X"))  # flag 0x800 unset
    assert "not UTF-8" in refused(cp437)
    utf8 = make_zip(tmp_path / "b.zip", [("toy/caf\u00e9.py", b"", FILE)])  # flag 0x800 set
    utf8.write_bytes(utf8.read_bytes().replace("\u00e9".encode(), b"\xff\xfe"))
    assert "not valid UTF-8" in refused(utf8)


def test_duplicates_and_garbage_are_refused(tmp_path):
    dup = tmp_path / "dup.zip"
    with zipfile.ZipFile(dup, "w") as zf:
        zf.writestr("toy/toy.py", "a")
        with pytest.warns(UserWarning):
            zf.writestr("toy/toy.py", "b")
    assert "twice" in refused(dup)
    (tmp_path / "junk.zip").write_bytes(b"PK not really")
    assert "not a folder, a .zip" in refused(tmp_path / "junk.zip")
    assert "does not exist" in refused(tmp_path / "missing.zip")


def test_safe_zip_is_extracted_to_a_temporary_folder_only(tmp_path, monkeypatch):
    """Skipped folders (.venv with its links, .git) are left out; the copy is gone afterwards."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    archive = make_zip(tmp_path / "alice.zip", [
        ("alice/exercises/toy/toy.py", b"x = 1\n", FILE),
        ("alice/.venv/bin/python", b"/usr/bin/python3", stat.S_IFLNK | 0o777),
        ("alice/.git/HEAD", b"ref: refs/heads/main\n", FILE),
        ("alice/notes/", b"", stat.S_IFDIR | 0o755),
    ])
    before = files_under(tmp_path)
    with bundle.open_submission(archive) as folder:
        assert folder.is_relative_to(tmp_path / "tmp")
        root = bundle.challenge_root(folder, ["toy", "other"])
        assert root == folder / "alice" / "exercises"
        assert bundle.present_challenges(root, ["toy", "other"]) == ["toy"]
        assert not any((folder / "alice" / skipped).exists() for skipped in (".venv", ".git"))
    assert files_under(tmp_path) == before and not any((tmp_path / "tmp").iterdir())


def test_challenge_root_needs_a_challenge_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(bundle.Refused, match="no challenge folder"):
        bundle.challenge_root(tmp_path, ["toy"])
    (tmp_path / "toy").symlink_to(tmp_path / "a")
    with pytest.raises(bundle.Refused):
        bundle.challenge_root(tmp_path, ["toy"])


# --------------------------------------------------------------------------- git


def git(repo: Path, *argv: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *argv],
                   cwd=repo, check=True, capture_output=True, timeout=60)


def test_git_repository_is_cloned_at_head_without_hooks_or_links(tmp_path):
    repo = tmp_path / "candidate"
    (repo / "exercises" / "toy").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "exercises/toy/toy.py").write_text("committed = True\n")
    (repo / "exercises/toy/link.py").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "work")
    (repo / "exercises/toy/toy.py").write_text("committed = False\n")
    marker = tmp_path / "hook-ran"
    hook = repo / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    with bundle.open_submission(repo) as folder:
        assert folder != repo
        toy = bundle.challenge_root(folder, ["toy"]) / "toy"
        assert (toy / "toy.py").read_text() == "committed = True\n"
        assert not (toy / "link.py").is_symlink()
    assert not marker.exists()
    with pytest.raises(bundle.Refused, match="cannot clone"):
        (tmp_path / "broken" / ".git").mkdir(parents=True)
        with bundle.open_submission(tmp_path / "broken"):
            pass
