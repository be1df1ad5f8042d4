"""LinkedIn's date lines (``start - end (duration)``), each side read by the one date codec (core/dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core import dates

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")


@dataclass
class When:
    """One side of a date range: the ISO date as precise as written; ``ongoing`` only for a side that says so
    ("Present" in any language); ``month_unknown`` when only the year could be kept; ``unreadable`` otherwise."""

    iso: str | None
    ongoing: bool = False
    month_unknown: bool = False
    unreadable: bool = False


def parse_when(text: str) -> When:
    """One side of a LinkedIn date line, read by the one date codec (``enero de 2023`` -> 2023-01, ``janv. 2019``
    -> 2019-01, ``2019`` -> 2019, ``Present``/``heute``/``至今`` -> ongoing). A month word no table knows keeps the
    year alone, flagged; text with no date at all is unreadable, never "ongoing"."""
    read = dates.read_text(text.strip().strip("()"))
    if read.state == "date":
        return When(read.iso)
    if read.state == "ongoing":
        return When(None, ongoing=True)
    years = _YEAR.findall(text)
    if len(years) == 1:
        return When(years[0], month_unknown=True)
    return When(None, unreadable=bool(text.strip()))


def parse_range(text: str) -> tuple[When, When] | None:
    """A date line ``start - end (duration)``; None when the text is not one (no year on its start side)."""
    body = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())
    parts = DASH.split(body, maxsplit=1)
    start = parse_when(parts[0])
    if start.iso is None:
        return None
    if len(parts) == 1:
        return start, When(None)
    return start, parse_when(parts[1])
