"""Text where text is expected: a value a writer prints is a string or a number, never a Python ``repr`` of an
object (``{'de': ..., 'en': ...}``) or a list; anything else is reported instead of written."""

from __future__ import annotations

from typing import Any, Protocol


class _Report(Protocol):
    def add(self, ptr: str, reason: str, kind: Any = "loss") -> None: ...


def describe(value: Any) -> str:
    """What kind of value this is, in words for the person who wrote it."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number" if isinstance(value, (int, float)) else "a string"


def text_of(value: Any, pointer: str, report: _Report) -> str | None:
    """``value`` as the text a writer prints: a string as is, a number in its usual form; for anything else
    (an object, a list, true/false, null) None, and a loss at ``pointer`` saying so."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    report.add(pointer, f"{describe(value)} where text is expected: not written (write it as text)")
    return None
