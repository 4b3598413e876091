"""`grader grade` and `grader batch` end to end on the toy kit (each grade takes a few seconds)."""

import csv
import io
import json
import stat
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from grader import interview
from grader.cli import Environment, ExitCode, main

BUG = ('"odd" if n % 2 else "even"', '"neither"')  # loses test_label (1 of 5 points)


def run(root, *argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Environment(stdout=out, stderr=err, root=root, color=False, width=100))
    return code, out.getvalue(), err.getvalue()


def returned_kit(toy_kit: Path, folder: Path, body: str | None = None) -> Path:
    """An exported kit as a candidate sends it back, with toy.py replaced by body."""
    assert run(toy_kit, "export", str(folder))[0] == ExitCode.OK
    if body is not None:
        (folder / "exercises" / "toy" / "toy.py").write_text(body)
    return folder


def zip_folder(folder: Path, archive: Path) -> Path:
    """Zip folder the way `zip -r` does: one top folder, unix modes."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder)}")
    return archive


def reference(toy_kit: Path) -> str:
    return (toy_kit / "solutions" / "toy" / "toy.py").read_text()


def test_reference_zip_grades_100_with_every_output(toy_kit, tmp_path):
    kit = returned_kit(toy_kit, tmp_path / "alice", reference(toy_kit))
    archive = zip_folder(kit, tmp_path / "alice.zip")
    out = tmp_path / "out"
    code, stdout, _ = run(toy_kit, "grade", str(archive), "--report", str(out / "card.md"),
                          "--gradescope", str(out / "results.json"), "--junit",
                          str(out / "junit.xml"), "--json", str(out / "result.json"))
    assert code == ExitCode.OK
    assert "seed 20240601" in stdout and "kit score 100.0 / 100" in stdout
    assert f"reproduce: grader grade {archive} --challenges toy --seed 20240601" in stdout
    card = (out / "card.md").read_text()
    assert "| kit score | 100.00 / 100 (mean of 1 challenge) |" in card
    assert "| 1 | test_mean | passed | 2 / 2 | mean_of returns the arithmetic mean" in card
    gradescope = json.loads((out / "results.json").read_text())
    assert gradescope["score"] == 100 and all(t["status"] == "passed" for t in gradescope["tests"])
    suite = ET.parse(out / "junit.xml").getroot().find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "0"
    assert json.loads((out / "result.json").read_text())["challenges"][0]["score"] == 100


def test_returned_stubs_grade_0_with_an_html_scorecard(toy_kit, tmp_path):
    kit = returned_kit(toy_kit, tmp_path / "bob")
    code, stdout, _ = run(toy_kit, "grade", str(kit), "--report", str(tmp_path / "card.html"))
    assert code == ExitCode.OK and "kit score 0.0 / 100" in stdout
    page = (tmp_path / "card.html").read_text()
    assert "not implemented" in page and "0.00 / 100" in page


def test_same_submission_same_scores_and_the_seed_is_settable(toy_kit, tmp_path):
    body = reference(toy_kit).replace(*BUG)
    archive = zip_folder(returned_kit(toy_kit, tmp_path / "carol", body), tmp_path / "carol.zip")
    results = []
    for i in range(2):
        path = tmp_path / f"r{i}.json"
        code, stdout, _ = run(toy_kit, "grade", str(archive), "--seed", "5", "--json", str(path))
        assert code == ExitCode.OK and "seed 5;" in stdout and "--seed 5" in stdout
        data = json.loads(path.read_text())
        results.append([(t["name"], t["passed"], t["points"], t["message"])
                        for t in data["challenges"][0]["tests"]] + [data["score"], data["seed"]])
    assert results[0] == results[1]
    assert results[0][-2] == 80.0


def test_git_repository_is_graded_at_its_last_commit(toy_kit, tmp_path):
    repo = returned_kit(toy_kit, tmp_path / "dave", reference(toy_kit))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "done"]):
        subprocess.run(git + argv, cwd=repo, check=True, capture_output=True, timeout=60)
    (repo / "exercises" / "toy" / "toy.py").write_text(reference(toy_kit).replace(*BUG))
    code, stdout, _ = run(toy_kit, "grade", str(repo), "--json", str(tmp_path / "r.json"))
    assert code == ExitCode.OK
    score = json.loads((tmp_path / "r.json").read_text())["score"]
    assert score == 100, "uncommitted edits are not part of the submission"


def malicious_zip(path: Path, kind: str) -> Path:
    entries = {
        "traversal": [("../evil", b"pwned")],
        "absolute": [(f"{path.parent}/evil", b"pwned")],
        "link to /etc": [("exercises/toy/etc", b"/etc", stat.S_IFLNK | 0o777)],
        "zip bomb": [("exercises/toy/big.py", b"\0" * (30 * 2**20))],
    }[kind]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("exercises/toy/toy.py", "x = 1\n")
        for name, data, *mode in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (mode[0] if mode else stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    return path


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("kind, words", [
    ("traversal", "escapes the extraction folder"), ("absolute", "absolute path"),
    ("link to /etc", "symbolic link"), ("zip bomb", "zip bomb"),
])
def test_malicious_zip_is_refused_and_writes_nothing(toy_kit, tmp_path, monkeypatch, kind, words):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    archive = malicious_zip(tmp_path / "evil.zip", kind)
    before = tree(tmp_path)
    code, stdout, err = run(toy_kit, "grade", str(archive), "--report", str(tmp_path / "card.md"))
    assert code == ExitCode.USAGE and stdout == ""
    assert err.startswith("grader: error: refused: ") and words in err and err.count("\n") == 1
    assert tree(tmp_path) == before, "nothing written, not even in the temporary folder"
    assert not Path("/evil").exists() and not (tmp_path.parent / "evil").exists()


@pytest.mark.parametrize("argv, words", [
    (["grade", "/no/such/thing.zip"], "does not exist"),
    (["grade", "{empty}"], "no challenge folder found"),
    (["grade", "{empty}", "--jobs", "0"], "--jobs/-j: must be at least 1"),
    (["grade", "{empty}", "--in-process"], "unrecognized arguments"),
    (["batch", "/no/such/folder", "--out", "g.csv"], "does not exist"),
    (["batch", "{empty}"], "required: --out"),
])
def test_usage_errors_exit_2_with_one_line(toy_kit, tmp_path, argv, words):
    (tmp_path / "empty").mkdir()
    argv = [a.replace("{empty}", str(tmp_path / "empty")) for a in argv]
    code, _, err = run(toy_kit, *argv)
    assert code == ExitCode.USAGE and words in err and err.count("\n") == 1


def test_batch_grades_every_submission_and_skips_them_on_rerun(toy_kit, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    zip_folder(returned_kit(toy_kit, tmp_path / "alice", reference(toy_kit)), subs / "alice.zip")
    returned_kit(toy_kit, subs / "bob")
    returned_kit(toy_kit, subs / "crash", "import os\nos._exit(3)\n")
    malicious_zip(subs / "evil.zip", "traversal")
    (subs / "garbage.zip").write_bytes(b"not a zip at all")
    (subs / "notes.txt").write_text("not a submission")
    grades = tmp_path / "grades.csv"
    code, stdout, _ = run(toy_kit, "batch", str(subs), "--out", str(grades), "--jobs", "2")
    assert code == ExitCode.OK and "5 to grade" in stdout
    with open(grades, newline="") as fh:
        rows = {r["submission"]: r for r in csv.DictReader(fh)}
    assert list(rows) == ["alice.zip", "bob", "crash", "evil.zip", "garbage.zip"]
    assert rows["alice.zip"] == {"submission": "alice.zip", "status": "graded", "toy": "100.00",
                                 "total": "100.00"}
    assert (rows["bob"]["total"], rows["crash"]["status"], rows["crash"]["total"]) == \
        ("0.00", "graded", "0.00")
    evil, garbage = rows["evil.zip"], rows["garbage.zip"]
    assert evil["status"].startswith("refused: ") and "escapes" in evil["status"]
    assert garbage["status"].startswith("refused: ") and garbage["total"] == ""
    before = grades.read_text()
    code, stdout, _ = run(toy_kit, "batch", str(subs), "--out", str(grades))
    assert code == ExitCode.OK and "0 to grade" in stdout and grades.read_text() == before


def test_batch_rerun_retries_errors_and_force_regrades(toy_kit, tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    for name in ("a", "b", "c"):
        (subs / name / "toy").mkdir(parents=True)
    grades = tmp_path / "grades.csv"
    grades.write_text("submission,status,toy,total\na,graded,50.00,50.00\nb,error: boom,,\n")
    graded = []

    def fake(root, entry, options, tmp, budget):
        graded.append(entry.name)
        return {"submission": entry.name, "status": "graded", "toy": "10.00", "total": "10.00"}

    monkeypatch.setattr(interview, "grade_entry", fake)
    assert run(toy_kit, "batch", str(subs), "--out", str(grades))[0] == ExitCode.OK
    assert sorted(graded) == ["b", "c"]
    assert "a,graded,50.00,50.00" in grades.read_text()
    graded.clear()
    run(toy_kit, "batch", str(subs), "--out", str(grades), "--force")
    assert sorted(graded) == ["a", "b", "c"] and "a,graded,10.00,10.00" in grades.read_text()


def test_batch_row_from_a_grade_that_went_wrong(tmp_path):
    missing = tmp_path / "none.json"
    row = interview.batch_row("x.zip", 1, "Traceback...\nRuntimeError: boom\n", missing)
    assert row == {"submission": "x.zip", "status": "error: RuntimeError: boom", "total": ""}
    row = interview.batch_row("y.zip", 2, "grader: error: refused: it is a link\n", missing)
    assert row["status"] == "refused: it is a link"
    assert interview.read_rows(tmp_path / "absent.csv") == {}
