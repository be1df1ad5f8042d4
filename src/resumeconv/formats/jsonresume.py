"""JSON Resume as JSON and YAML: the canonical document itself, so nothing is lost either way."""

from __future__ import annotations

from typing import Any

from ..core import document
from ..core.fileio import decode_text
from ._contract import Option, ReadResult, WriteResult

#: Neither direction takes options: the canonical document has one form.
OPTIONS: tuple[Option, ...] = ()


def read(data: bytes, *, source: str | None = None, format: str = "json") -> ReadResult:
    return ReadResult(document.parse_document(decode_text(data, source), source, format))


def write(doc: dict[str, Any], *, format: str = "json") -> WriteResult:
    text = document.dump_yaml(doc) if format == "yaml" else document.dump_json(doc)
    return WriteResult(text.encode("utf-8"))
