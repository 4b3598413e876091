"""Static scan of the person's files (AST only: nothing of theirs is executed).

Two kinds of finding: forbidden imports (the manifest forbids e.g. scikit-learn in a
from-scratch file; a hidden test turns them into lost points) and integrity notes
(dynamic imports, exec/eval, subprocesses, sockets, paths into the kit) that a reviewer
should read but that do not change the score by themselves.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SUSPICIOUS_MODULES = {
    "ctypes": "loads native code (ctypes)",
    "subprocess": "starts processes (subprocess)",
    "socket": "opens network sockets (socket)",
    "multiprocessing": "starts processes (multiprocessing)",
    "importlib": "imports modules dynamically (importlib)",
    "pickle": "unpickles data (pickle)",
    "marshal": "loads code objects (marshal)",
    "signal": "installs signal handlers (signal)",
    "pty": "spawns terminals (pty)",
}
SUSPICIOUS_CALLS = {
    "exec": "runs dynamic code (exec)",
    "eval": "runs dynamic code (eval)",
    "compile": "compiles dynamic code (compile)",
    "__import__": "imports modules dynamically (__import__)",
    "os.system": "runs shell commands (os.system)",
    "os.popen": "runs shell commands (os.popen)",
    "os.fork": "forks the process (os.fork)",
    "os.kill": "sends signals to processes (os.kill)",
    "os._exit": "ends the process abruptly (os._exit)",
    "sys.exit": "ends the process (sys.exit)",
    "os.exec*": "replaces the process (os.exec*)",
    "os.spawn*": "starts processes (os.spawn*)",
}
KIT_PATH_WORDS = ("solutions", "grader", "hidden", "/proc", "site-packages", "..")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.what}"


def _imports(tree: ast.AST):
    """(line, top-level module) for every import statement in tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _parse(path: Path) -> ast.AST | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8", errors="replace"), filename=str(path))
    except (SyntaxError, ValueError, OSError):
        return None


def forbidden_imports(folder: Path, rules) -> list[str]:
    """'logreg.py line 3 imports sklearn (forbidden here)' for each violation of the rules."""
    findings = []
    for rule in rules:
        tree = _parse(folder / rule.file)
        if tree is None:
            continue
        for line, module in _imports(tree):
            top = module.split(".")[0]
            if top in rule.modules:
                findings.append(f"{rule.file} line {line} imports {module} (forbidden here)")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.split(".")[0] in rule.modules and node.value.isidentifier():
                    findings.append(
                        f"{rule.file} line {node.lineno} names the forbidden module "
                        f"{node.value!r} in a string (dynamic import?)"
                    )
    return findings


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def integrity(folder: Path, files: tuple[str, ...]) -> list[Finding]:
    """Constructs a reviewer should look at; they do not change the score by themselves."""
    findings: list[Finding] = []
    for name in files:
        if not name.endswith(".py"):
            continue
        tree = _parse(folder / name)
        if tree is None:
            continue
        for line, module in _imports(tree):
            what = SUSPICIOUS_MODULES.get(module.split(".")[0])
            if what:
                findings.append(Finding(name, line, what))
            if module.split(".")[0] in ("solutions", "grader"):
                findings.append(Finding(name, line, f"imports the kit's own {module}"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef,
                                        ast.ClassDef))
                      and n.body and isinstance(n.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.Call):
                called = _dotted(node.func)
                for key, what in SUSPICIOUS_CALLS.items():
                    if called == key or (key.endswith("*") and called.startswith(key[:-1])):
                        findings.append(Finding(name, node.lineno, what))
                        break
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if "/" in text and any(w in text for w in KIT_PATH_WORDS):
                    shown = text if len(text) <= 70 else "..." + text[-67:]
                    findings.append(Finding(name, node.lineno,
                                            f"refers to a path outside the submission: {shown!r}"))
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.what))
