"""ARCHITECTURE.md stays true: its package table names exactly the packages under src/resumeconv, and every module
its tree names exists."""

from __future__ import annotations

import re

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
