"""JSON Resume as JSON and YAML: the canonical document itself, so nothing is lost either way."""

from __future__ import annotations

from typing import Any

from ..core import document
from ..core.errors import InputError
from ..core.fileio import decode_text
from . import ReadResult, WriteResult


def read(data: bytes, *, source: str | None = None, format: str = "json", **_: Any) -> ReadResult:
    text = decode_text(data, source)
    if not text.strip():
        raise InputError("file is empty", source)
    doc = document.parse_yaml(text, source) if format == "yaml" else document.parse_json(text, source)
    if not isinstance(doc, dict):
        kind = type(doc).__name__ if doc is not None else "null"
        raise InputError(f"a resume must be an object at the top level, not {_KIND.get(kind, kind)}", source)
    return ReadResult(doc)


def write(doc: dict[str, Any], *, format: str = "json", **_: Any) -> WriteResult:
    text = document.dump_yaml(doc) if format == "yaml" else document.dump_json(doc)
    return WriteResult(text.encode("utf-8"))


_KIND = {"list": "an array", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean"}
