"""The static scan reads the person's files without running them."""

from grader import scan
from grader.catalog import Forbidden


def test_forbidden_imports_found_in_every_form(tmp_path):
    (tmp_path / "logreg.py").write_text(
        "import numpy as np\nimport sklearn\nfrom sklearn.linear_model import LogisticRegression\n"
        "import importlib\nm = importlib.import_module('sklearn')\n")
    found = scan.forbidden_imports(tmp_path, [Forbidden("logreg.py", ("sklearn", "torch"))])
    assert len(found) == 3 and "line 2" in found[0] and "line 3" in found[1]
    assert "string" in found[2]


def test_clean_file_has_no_findings(tmp_path):
    (tmp_path / "ok.py").write_text("import numpy as np\n\ndef f(x):\n    return np.mean(x)\n")
    assert scan.forbidden_imports(tmp_path, [Forbidden("ok.py", ("sklearn",))]) == []
    assert scan.integrity(tmp_path, ("ok.py",)) == []


def test_integrity_lists_dynamic_code_processes_and_kit_paths(tmp_path):
    (tmp_path / "x.py").write_text(
        "import os, subprocess, ctypes, socket\n"
        "exec('1')\neval('2')\nos.system('ls')\n__import__('json')\n"
        "open('../../solutions/x/x.py')\n"
        "os.execvp('sh', ['sh'])\nos.spawnl(os.P_NOWAIT, 'sh')\n")
    whats = {f.what for f in scan.integrity(tmp_path, ("x.py",))}
    for word in ("subprocess", "ctypes", "socket", "exec", "eval", "os.system", "__import__",
                 "outside the submission", "os.exec*", "os.spawn*"):
        assert any(word in w for w in whats), (word, whats)


def test_unparseable_file_is_skipped(tmp_path):
    (tmp_path / "bad.py").write_text("def f(:\n")
    assert scan.integrity(tmp_path, ("bad.py",)) == []
