"""Diagnostics (one finding about a file) and the reporters that print them: text, json and github."""

from __future__ import annotations

import json
from typing import Any, Literal, NamedTuple

from ..core.text import printable

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    """A finding before it is placed in a file: what the schema check and the lint rules produce.

    NamedTuples rather than dataclasses here and in the other modules on the ``validate`` path: they are
    created at a fraction of the import cost, and start-up is what a CI hook feels.
    """

    pointer: str
    rule: str
    message: str
    severity: Severity = "warning"
    #: Point at the key rather than the value (unexpected keys, legacy names).
    at_key: bool = False


class Diagnostic(NamedTuple):
    """One finding; the same fields as the JSON report, so library and CLI users see the same thing."""

    file: str
    line: int | None
    column: int | None
    #: RFC 6901 pointer into the document; None when the problem is the file itself (unreadable, bad syntax).
    pointer: str | None
    severity: Severity
    rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self._asdict().items() if k != "file"}

    def text(self) -> str:
        """``FILE:LINE:COL: severity: message (at pointer)``, one line whatever the values hold."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return printable(f"{where}: {self.severity}: {self.message}{self._at()}")

    def github(self) -> str:
        props = [f"file={_gh_prop(self.file)}"]
        if self.line is not None:
            props += [f"line={self.line}", f"col={self.column or 1}"]
        props.append(f"title={_gh_prop('resumeconv ' + self.rule)}")
        return f"::{self.severity} {','.join(props)}::{_gh_data(self.message + self._at())}"

    def _at(self) -> str:
        return "" if self.pointer is None else f" (at {self.pointer or '/'})"


def report_json(file: str, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """The stable per-file JSON object: ``{"file", "valid", "errors": [...]}`` (warnings included, by severity)."""
    return {
        "file": file,
        "valid": not any(d.severity == "error" for d in diagnostics),
        "errors": [d.as_dict() for d in diagnostics],
    }


def dumps_json(reports: list[dict[str, Any]]) -> str:
    return json.dumps(reports, indent=2, ensure_ascii=False)


def _gh_data(value: str) -> str:
    """A value for a workflow command: controls escaped as in every report, then GitHub's own percent escapes."""
    return printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")
