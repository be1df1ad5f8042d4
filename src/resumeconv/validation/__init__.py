"""Validation of a document against a profile: schema checks, then lint rules, placed at line:column.

Two paths. The fast path asks only "is it valid?" (:func:`resumeconv.schemas.check.is_valid`, the precompiled check,
so jsonschema is not even imported); a valid document with no lint findings never builds a source map or an
explanation. The slow path (:mod:`.explain`) words every schema error for people. Reading files is not done here:
the API layer (:func:`resumeconv.validate`) reads them, through the format registry when they are not JSON/YAML,
and passes the document and, for JSON/YAML, its text for positions.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..schemas import PROFILES
from ..schemas.check import fast_check, is_valid, validator
from .diagnostics import Diagnostic, Finding
from .explain import explain, schema_findings

__all__ = ["check", "explain", "fast_check", "is_valid", "place", "schema_findings", "validate", "validator"]

#: Syntaxes whose text gives line:column positions (the JSON Resume document itself).
MAPPED_SYNTAXES = ("json", "yaml")


def check(doc: Any, profile: str = "academic", *, strict: bool = False, lint: bool = True,
          today: datetime.date | None = None) -> list[Finding]:
    """Schema findings plus lint findings (warnings, or errors with ``strict``); a lint finding at a place the
    schema already reports is dropped, so each problem is said once."""
    if profile not in PROFILES:
        from ..core.errors import UsageError

        raise UsageError(f"unknown profile '{profile}'; profiles: {', '.join(PROFILES)}")
    findings = schema_findings(doc, profile)
    if lint and isinstance(doc, dict):
        from .lint import lint as run_lint

        taken = {f.pointer for f in findings}
        for found in run_lint(doc, profile=profile, today=today):
            if found.pointer not in taken:
                findings.append(Finding(found.pointer, found.rule, found.message,
                                        "error" if strict else found.severity, found.at_key))
    return findings


def validate(doc: Any, profile: str = "academic", *, strict: bool = False, lint: bool = True,
             file: str | None = None, today: datetime.date | None = None, text: str | None = None,
             syntax: str | None = None) -> list[Diagnostic]:
    """Every problem of a document, not only the first, as diagnostics of ``file``.

    With the document's source ``text`` and its ``syntax`` (json or yaml), each diagnostic gets line and column;
    the source map is built only when there is a finding.
    """
    findings = check(doc, profile, strict=strict, lint=lint, today=today)
    name = file or "<document>"
    if not findings or text is None or syntax not in MAPPED_SYNTAXES:
        return place(findings, name)
    from .sourcemap import build

    return place(findings, name, build(text, syntax))


def place(findings: list[Finding], file: str, smap: Any = None) -> list[Diagnostic]:
    """Diagnostics in reading order: by line and column when there is a source map, else by pointer."""
    out = []
    for found in findings:
        where = smap.locate(found.pointer, key=found.at_key) if smap is not None else None
        line, column = where if where else (None, None)
        out.append(Diagnostic(file, line, column, found.pointer, found.severity, found.rule, found.message))
    out.sort(key=lambda d: (d.line or 0, d.column or 0, _pointer_order(d.pointer or "")))
    return out


def _pointer_order(ptr: str) -> list[tuple[int, int | str]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in ptr.split("/")[1:]]
