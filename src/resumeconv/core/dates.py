"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the human forms CVs and exports write them in.

A date keeps its real precision everywhere: ``Jan 2019`` is ``2019-01``, never ``2019-01-01``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, NamedTuple

from ..schemas import definition

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
#: Words that mean "still ongoing"; JSON Resume says so by leaving endDate out.
PRESENT_WORDS = frozenset({"present", "now", "current", "currently", "ongoing", "today", "till date", "to date"})

_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_FORM_PATTERNS = (
    r"^(?P<y>\d{4})$",
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$",
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$",
    r"^(?P<m>\d{1,2})[/.-](?P<y>\d{4})$",
    rf"^{_MON}\s*,?\s*(?P<y>\d{{4}})$",
    rf"^{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$",
    rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<y>\d{{4}})$",
)


@cache
def _forms() -> list[re.Pattern[str]]:
    """The human date forms, compiled on first use (the valid path of ``validate`` never needs them)."""
    return [re.compile(p) for p in _FORM_PATTERNS]


@cache
def _iso_pattern() -> re.Pattern[str]:
    return re.compile(definition("iso8601")["pattern"])


def is_iso(value: object) -> bool:
    """True for a JSON Resume date: YYYY, YYYY-MM or YYYY-MM-DD that exists on the calendar."""
    if not isinstance(value, str) or not _iso_pattern().match(value):
        return False
    year, month, day = parts(value)
    return _valid(year, month, day)


def year_number(value: object) -> int | None:
    """A year written as a number (YAML reads ``startDate: 2019`` as an int), or None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        return value
    return None


def looks_iso(value: str) -> bool:
    """True when ``value`` has the shape of an ISO partial date, whether or not the calendar has that day."""
    return bool(_iso_pattern().match(value))


def is_present(text: str) -> bool:
    return text.strip().lower().rstrip(".") in PRESENT_WORDS


def parse_human(text: str) -> str | None:
    """ISO partial date for a human date (``Jan 2019``, ``Sep. 2025``, ``07/2025``, ``2023-9-28``,
    ``Nov 12, 2023``), at the precision written; None when it is not a date (or names no real day).

    Ambiguous day-first/month-first numeric dates (``03/04/2020``) are not guessed: None.
    """
    value = " ".join(text.strip().split())
    for form in _forms():
        match = form.match(value)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["y"])
        if "mon" in groups and groups["mon"] is not None:
            month = MONTHS.get(groups["mon"].lower())
            if month is None:
                return None
        else:
            month = int(groups["m"]) if groups.get("m") else None
        day = int(groups["d"]) if groups.get("d") else None
        if not _valid(year, month, day):
            return None
        return format_iso(year, month, day)
    return None


def parts(value: str) -> tuple[int, int | None, int | None]:
    """(year, month or None, day or None) of an ISO partial date."""
    bits = [int(b) for b in value.split("-")]
    return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)


def format_iso(year: int, month: int | None = None, day: int | None = None) -> str:
    out = f"{year:04d}"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def precision(value: str) -> str:
    """'year', 'month' or 'day'."""
    return ("year", "month", "day")[value.count("-")]


def sort_key(value: str, *, end: bool = False) -> tuple[int, int, int]:
    """Key to compare partial dates; an ``end`` date counts as the end of its period."""
    year, month, day = parts(value)
    return (year, month or (12 if end else 1), day or (31 if end else 1))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Gregorian month length (what calendar.monthrange gives, without importing calendar and locale)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1000 <= year <= 2999:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= days_in_month(year, month)


def date_problem(value: object, *, field: str = "", full: bool = False) -> str:
    """Why ``value`` is not a date for ``field`` and what to write instead (``full``: a day is required).

    The suggestion keeps the precision that was written; it never adds a day or a month.
    """
    if value is None:
        return f"null is not a date; leave {field or 'the field'} out when there is no date"
    if year_number(value) is not None:
        return f"{value} is a number; write the year as text: \"{value}\" (in YAML, put it in quotes)"
    if not isinstance(value, str):
        return f"{value!r} is not a date; write text such as \"2019-01\""
    if not value.strip():
        return f"empty date; leave {field or 'the field'} out when there is no date"
    if is_present(value):
        return f"'{value}' is not a date; leave {field or 'the field'} out for an ongoing entry"
    if looks_iso(value) and not is_iso(value):
        return f"'{value}' is not a date on the calendar"
    iso = value if is_iso(value) else parse_human(value)
    if iso is None:
        return f"'{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-01"
    if full and precision(iso) != "day":
        return (f"'{value}' is not a full date; this field needs YYYY-MM-DD (JSON Resume v1.0.0 checks it as a "
                "date), so add the day only if you know it, or leave the field out")
    return f"'{value}' is not a date; write {iso}"


class DateRead(NamedTuple):
    """What a date field says: ``absent`` (no value), ``ongoing`` (an end date written as "Present"), ``date``
    (``iso`` holds it, at the precision written) or ``unreadable`` (``text`` holds what was written)."""

    state: Literal["absent", "ongoing", "date", "unreadable"]
    iso: str | None = None
    text: str | None = None


def read_date(value: object) -> DateRead:
    """Read a date field for a writer, keeping "cannot be read" apart from "not there": a writer must never show
    an unreadable end date as ongoing (it prints ``text`` or reports it). A year written as a number is a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateRead("absent")
    number = year_number(value)
    if number is not None:
        return DateRead("date", str(number))
    if not isinstance(value, str):
        return DateRead("unreadable", text=str(value))
    if is_present(value):
        return DateRead("ongoing", text=value)
    iso = value if is_iso(value) else parse_human(value)
    return DateRead("date", iso) if iso is not None else DateRead("unreadable", text=value)
