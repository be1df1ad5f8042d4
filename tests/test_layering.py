"""Layers are one-way: cli -> api -> formats, validation -> core, schemas (ARCHITECTURE.md, issue 12).

Every module's imports are read with ``ast`` (function-level imports included, since the lazy imports are the ones
that drift), resolved to modules of the package, and checked: no import reaches a higher layer, formats and
validation do not import each other, a format imports no other format (shared ``_``-prefixed helper modules in
formats/ are allowed, and so is the registry with its contract), and no two packages import each other in a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "resumeconv"
PACKAGE = "resumeconv"

#: Layer of each package (the top-level modules resumeconv/__init__, migrate, merge, render, orcid_api and any
#: other top-level module or package not named here are the API layer).
#: ``python -m resumeconv`` (``__main__``) is the command line. Within the lowest layer, core may use schemas
#: (field names and definitions for dates and identifiers), never the other way.
LAYERS = {"cli": 4, "api": 3, "formats": 2, "validation": 2, "core": 1, "schemas": 0}
#: Packages of one layer that must not import each other.
APART = {frozenset({"formats", "validation"})}


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported module of the package, line) for every import statement anywhere in the module."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    yield _known(alias.name), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not (target == PACKAGE or target.startswith(PACKAGE + ".")):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else _known(target)), node.lineno


def _known(module: str) -> str:
    """The deepest module of the package that ``module`` names (a name inside a module is that module)."""
    while module not in MODULES and "." in module:
        module = module.rsplit(".", 1)[0]
    return module


def package_of(module: str) -> str:
    if module == f"{PACKAGE}.__main__":
        return "cli"
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS and parts[1] != "api":
        return parts[1]
    return "api"


def format_unit(module: str) -> str | None:
    """The format a module belongs to (``formats.X`` or ``formats.X.*``), None for the registry, the contract
    and shared ``_`` helpers."""
    parts = module.split(".")
    if len(parts) < 3 or parts[1] != "formats" or parts[2].startswith("_"):
        return None
    return parts[2]


EDGES = [(name, target, line) for name, path in MODULES.items() for target, line in imports(name, path)]


def test_the_package_is_found() -> None:
    assert {"resumeconv.formats", "resumeconv.core.losses", "resumeconv.cli"} <= set(MODULES)
    assert len(EDGES) > 50


def test_no_import_goes_up_a_layer_or_across() -> None:
    bad = []
    for name, target, line in EDGES:
        src, dst = package_of(name), package_of(target)
        if LAYERS[dst] > LAYERS[src] or frozenset({src, dst}) in APART:
            bad.append(f"{MODULES[name].relative_to(SRC.parent)}:{line}: {src} imports {target} ({dst})")
    assert bad == []


def test_no_format_imports_another_format() -> None:
    bad = []
    for name, target, line in EDGES:
        mine, theirs = format_unit(name), format_unit(target)
        if package_of(name) == "formats" and theirs is not None and mine != theirs:
            bad.append(f"{MODULES[name].relative_to(SRC.parent)}:{line}: imports {target}")
    assert bad == []


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for name, target, _ in EDGES:
        src, dst = package_of(name), package_of(target)
        if src != dst:
            graph.setdefault(src, set()).add(dst)
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert cycles == []


def test_no_cycle_between_modules_of_validation_and_schemas() -> None:
    """lint <-> validation was a cycle; modules of these packages import each other one way."""
    graph: dict[str, set[str]] = {}
    for name, target, _ in EDGES:
        if package_of(name) in ("validation", "schemas", "core") and name != target:
            graph.setdefault(name, set()).add(target)
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert cycles == []


@pytest.mark.parametrize(("source", "module", "expected"), [
    ("from ..validation import is_valid", "resumeconv.formats.x", ["resumeconv.validation"]),
    ("from . import ReadResult", "resumeconv.formats.x", ["resumeconv.formats"]),
    ("def f():\n    from ...core.losses import pointer", "resumeconv.formats.x.y", ["resumeconv.core.losses"]),
    ("import resumeconv.cli", "resumeconv.core.x", ["resumeconv.cli"]),
])
def test_imports_are_resolved_like_python_does(tmp_path: Path, source: str, module: str, expected: list[str]) -> None:
    path = tmp_path / "m.py"
    path.write_text(source)
    assert [t for t, _ in imports(module, path)] == expected


def format_internal(module: str) -> bool:
    """A module beneath the registry that is no format's public face: a format package's submodule
    (``formats.orcid.reader``), a shared ``_`` helper or the contract. A format's own package or module
    (``formats.orcid``, ``formats.typst``) is public: what its ``__init__`` or module exports."""
    parts = module.split(".")
    return len(parts) >= 3 and parts[1] == "formats" and (parts[2].startswith("_") or len(parts) > 3)


def test_api_and_cli_reach_formats_only_through_public_names() -> None:
    """The API (resumeconv/__init__, migrate, merge, render, orcid_api, enrich, batch, ...) uses the registry and a
    format's public names, never its internals; the CLI uses the API and the registry, never a format module."""
    bad = []
    for name, target, line in EDGES:
        src = package_of(name)
        where = f"{MODULES[name].relative_to(SRC.parent)}:{line}"
        if src in ("api", "cli") and format_internal(target):
            bad.append(f"{where}: {src} imports the format internal {target}")
        elif src == "cli" and target.startswith(f"{PACKAGE}.formats."):
            bad.append(f"{where}: the CLI imports the format {target} (call the API instead)")
    assert bad == []


@pytest.mark.parametrize(("module", "internal"), [
    ("resumeconv.formats", False), ("resumeconv.formats.orcid", False), ("resumeconv.formats.typst", False),
    ("resumeconv.formats.orcid.reader", True), ("resumeconv.formats._pdf", True),
    ("resumeconv.formats._contract", True), ("resumeconv.core.xml", False),
])
def test_what_counts_as_a_format_internal(module: str, internal: bool) -> None:
    assert format_internal(module) is internal
