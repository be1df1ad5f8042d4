"""Line and column of an offset, counting every line ending people's editors write: LF, CRLF and a lone CR.

Python's json module and a plain ``count("\\n")`` see a file saved with classic Mac line endings (CR only) as one
line, so every finding would point at line 1.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line starts (the first is 0)."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``offset`` in ``text``."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def line_col_bytes(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters, undecodable bytes counting one each) of a byte offset."""
    line, start = 1, 0
    for match in _BREAK_BYTES.finditer(data, 0, offset):
        line, start = line + 1, match.end()
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1
