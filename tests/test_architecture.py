"""ARCHITECTURE.md stays true: its package table names exactly the packages under src/resumeconv, and every module
its tree names exists."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
SRC = ROOT / "src" / "resumeconv"


def _packages_on_disk() -> set[str]:
    found = {"resumeconv/"}
    for init in SRC.rglob("__init__.py"):
        rel = init.parent.relative_to(SRC).as_posix()
        if rel != ".":
            found.add(rel + "/")
    return found


def _packages_in_table() -> set[str]:
    section = DOC.split("## Packages", 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([a-z0-9_/]+/)` \|", section, re.MULTILINE)}


def test_every_package_is_named_and_every_named_package_exists() -> None:
    on_disk, named = _packages_on_disk(), _packages_in_table()
    assert sorted(named - on_disk) == [], "ARCHITECTURE.md names packages that do not exist"
    assert sorted(on_disk - named) == [], "packages missing from ARCHITECTURE.md's table"


def test_every_module_in_the_tree_exists() -> None:
    tree = DOC.split("## The tree", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    files = {p.name for p in SRC.rglob("*.py")}
    named = set(re.findall(r"\b([a-z_0-9]+\.py)\b", tree))
    assert len(named) > 10
    assert sorted(named - files) == []
    dirs = set(re.findall(r"^ +([a-z_0-9]+)/", tree, re.MULTILINE))
    assert sorted(d for d in dirs if not any(p.is_dir() for p in SRC.rglob(d))) == []


def test_every_slow_test_named_in_conftest_exists() -> None:
    """The fast lane (-m 'not slow') must not quietly grow slow when a test is renamed."""
    from conftest import SLOW_TESTS

    for module, names in SLOW_TESTS.items():
        text = (ROOT / "tests" / module).read_text(encoding="utf-8")
        assert sorted(n for n in names if f"def {n}(" not in text) == [], module


# --------------------------------------------------------------------------- what the docs cite must exist

_DOCS = sorted({ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "SECURITY.md", ROOT / "CHANGELOG.md",
                *ROOT.glob("docs/*.md"), *ROOT.glob("*/README.md")})
_SKIP_DIRS = {".git", ".ci-venv", "node_modules", ".venv", "build", "dist"}


def _python_files() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")
            if not _SKIP_DIRS.intersection(p.relative_to(ROOT).parts)}


def _resolves(dotted: str) -> bool:
    """``resumeconv.a.b.c``: the longest importable module prefix, then attributes for the rest."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def test_every_python_file_the_docs_cite_exists() -> None:
    """A module renamed or removed must take its mentions in the docs with it (README once cited schemacheck.py)."""
    files = _python_files()
    missing = []
    for doc in _DOCS:
        for name in re.findall(r"(?<![\w./-])([A-Za-z_][\w/]*\.py)\b", doc.read_text(encoding="utf-8")):
            if not any(f == name or f.endswith("/" + name) for f in files):
                missing.append(f"{doc.relative_to(ROOT)}: {name}")
    assert missing == []


def test_every_dotted_resumeconv_name_the_docs_cite_exists() -> None:
    missing = []
    for doc in _DOCS:
        for name in set(re.findall(r"(?<![\w.])(resumeconv(?:\.[A-Za-z_]\w*)+)", doc.read_text(encoding="utf-8"))):
            if not _resolves(name):
                missing.append(f"{doc.relative_to(ROOT)}: {name}")
    assert sorted(missing) == []


def test_every_extra_the_docs_and_ci_name_is_declared() -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
                   ["optional-dependencies"])
    named: set[str] = set()
    for doc in [*_DOCS, ROOT / ".ci" / "run", ROOT / "pyproject.toml"]:
        text = doc.read_text(encoding="utf-8")
        for group in re.findall(r"(?:\.|resumeconv)\[([a-z0-9_,\- ]+)\]", text):
            named.update(x.strip() for x in group.split(","))
    assert named, "no extras found: the pattern is wrong"
    assert sorted(named - declared) == []
