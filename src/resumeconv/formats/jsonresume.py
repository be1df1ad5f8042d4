"""JSON Resume as JSON and YAML: the canonical document itself, so nothing is lost either way."""

from __future__ import annotations

import re
from typing import Any

from ..core import document
from ..core.fileio import decode_text
from ._contract import Option, ReadResult, Source, WriteResult

#: Neither direction takes options: the canonical document has one form.
OPTIONS: tuple[Option, ...] = ()
#: A line that opens an object or array (JSON), or a YAML marker, directive or ``key:`` at a line's start.
_JSON = re.compile(r"^\s*[{\[]", re.MULTILINE)
_YAML = re.compile(r"^(---|%YAML|[A-Za-z_$][\w$-]*\s*:)", re.MULTILINE)


def accepts(source: Source, *, format: str = "json") -> bool:
    """JSON or YAML syntax: generic, so the registry asks only after the formats with content of their own (and,
    for YAML, after the file name)."""
    return (_JSON if format == "json" else _YAML).search(source.head) is not None


def read(data: bytes, *, source: str | None = None, format: str = "json") -> ReadResult:
    return ReadResult.untyped(document.parse_document(decode_text(data, source), source, format))


def write(doc: dict[str, Any], *, format: str = "json") -> WriteResult:
    text = document.dump_yaml(doc) if format == "yaml" else document.dump_json(doc)
    return WriteResult(text.encode("utf-8"))
