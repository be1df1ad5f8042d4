"""Text where text is expected: a value a writer prints is a string or a number, never a Python ``repr`` of an
object (``{'de': ..., 'en': ...}``) or a list; anything else is reported instead of written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

#: What a terminal or a CI log would act on rather than show: C0 and C1 controls (newlines, ESC, which starts ANSI
#: and OSC sequences, DEL), Unicode line and paragraph separators, bidirectional overrides (which reorder what is
#: shown), and lone surrogates (which no stream can encode).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(line: str) -> str:
    """``line`` safe to print as one line of a report: every control character, line break, bidi override and
    lone surrogate written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), so a value in a CV can neither
    start a line of its own (forging a CI annotation) nor send escape sequences to the terminal. The one function
    every human-readable line goes through."""
    return _UNPRINTABLE.sub(_escape, line) if _UNPRINTABLE.search(line) else line


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


#: Characters XML 1.0 cannot carry: controls other than tab, newline and carriage return, surrogates, U+FFFE/FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (lxml refuses them; writers report the removal)."""
    return NOT_XML.sub("", text)


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice ``word`` most likely means ('did you mean'): the same word in another case first, else the
    closest spelling at least ``cutoff`` similar (difflib's ratio); None when nothing is that close."""
    options = list(choices)
    folded = {c.casefold(): c for c in options}
    if word.casefold() in folded:
        return folded[word.casefold()]
    import difflib

    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return close[0] if close else None
