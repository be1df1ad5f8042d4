"""The one date codec: partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the human forms CVs and exports write them in.

A date keeps its real precision everywhere: ``Jan 2019`` is ``2019-01``, never ``2019-01-01``. Readers turn text
into a :class:`DateRead` with :func:`read_text` (ISO, numeric forms, month names and abbreviations in English and
LinkedIn's UI languages, ``2019年1月``); writers read a document's field with :func:`read_date` and write the
:class:`PartialDate` it holds in their own form. "Present" in any of those languages is ``ongoing`` only where the
text says so; anything else that is not a date is ``unreadable`` with its text, never a guessed day or month.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, NamedTuple

from ..schemas import definition, field_names

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
#: Words that mean "still ongoing" (JSON Resume says so by leaving endDate out): English and LinkedIn's UI
#: languages (what its profiles and exports print for a current position).
PRESENT_WORDS = frozenset({
    "present", "now", "current", "currently", "ongoing", "today", "till date", "to date", "until now",
    "heute", "aktuell", "bis heute", "aujourd'hui", "aujourd’hui", "présent", "actualidad", "actual", "presente",
    "hoy", "o momento", "atual", "oggi", "attuale", "heden", "nu", "obecnie", "teraz", "halen",
    "günümüz", "şu an", "idag", "i dag", "nå", "prezent", "în prezent", "současnost", "dosud", "súčasnosť",
    "sekarang", "saat ini", "kini", "настоящее время", "по настоящее время", "н.в.", "сейчас", "тепер",
    "теперішній час", "дотепер", "jelenleg", "napjainkig", "nyt", "tähän asti", "σήμερα", "παρόν",
    "現在", "至今", "现在", "目前", "현재",
    "ปัจจุบัน", "الحاضر", "حتى الآن", "hiện tại", "kasalukuyan", "वर्तमान", "বর্তমান", "היום", "כיום",
})


class PartialDate(NamedTuple):
    """A date at the precision it was written: a year, a year and month, or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        return format_iso(self.year, self.month, self.day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "year" if self.month is None else "month" if self.day is None else "day"

    @classmethod
    def from_iso(cls, value: str) -> PartialDate:
        return cls(*parts(value))


class DateRead(NamedTuple):
    """What a date field or text says: ``absent`` (no value), ``ongoing`` (an end date written as "Present"), ``date``
    (``iso`` holds it, at the precision written) or ``unreadable`` (``text`` holds what was written)."""

    state: Literal["absent", "ongoing", "date", "unreadable"]
    iso: str | None = None
    text: str | None = None

    @property
    def date(self) -> PartialDate | None:
        """The date, or None for any other state."""
        return PartialDate.from_iso(self.iso) if self.iso is not None else None


@cache
def month_words() -> dict[str, int]:
    """Every month name and abbreviation this reader knows (lower case, NFC) -> month number."""
    from ._months import MONTH_WORDS

    out: dict[str, int] = {}
    for months in MONTH_WORDS.values():
        for number, spellings in enumerate(months, start=1):
            for word in spellings.split(" "):
                out.setdefault(word.replace("\u00a0", " "), number)
    return out


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any known language (``Sept.``, ``janv.``, ``Januar``), else None."""
    return month_words().get(_norm(word).strip(".,"))


#: Words that may stand beside a month and year without changing them ("enero de 2023", "1 ноября 2019 г.").
_FILLERS = frozenset({"de", "del", "di", "of", "the", "den", "le", "el", "г", "г.", "года", "р", "р.", "року",
                      "roku", "r.", "year", "năm", "m.", "m", "a", "à", "em", "in", "im", "en", "ve"})
_NUMERIC_FORMS = (
    r"^(?P<y>\d{4})$",
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$",
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$",
    r"^(?P<m>\d{1,2})[/.-](?P<y>\d{4})$",
    r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})$",
    # Chinese, Japanese, Korean: 2019年1月2日, 2019년 1월 2일; Vietnamese: tháng 1 năm 2019, thg 1 2019
    r"^(?P<y>\d{4})\s*(?:年|년)\s*(?:(?P<m>\d{1,2})\s*(?:月|월)\s*(?:(?P<d>\d{1,2})\s*(?:日|일))?)?$",
    r"^(?:ngày\s+(?P<d>\d{1,2})\s+)?(?:tháng|thg)\s*(?P<m>\d{1,2}),?\s+(?:năm\s+)?(?P<y>\d{4})$",
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|º|o|\.)?$")


@cache
def _numeric_forms() -> list[re.Pattern[str]]:
    """The numeric forms, compiled on first use (the valid path of ``validate`` never needs them)."""
    return [re.compile(p) for p in _NUMERIC_FORMS]


@cache
def _iso_pattern() -> re.Pattern[str]:
    return re.compile(definition("iso8601")["pattern"])


def _norm(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", " ".join(text.lower().split()))


def date_fields() -> frozenset[str]:
    """The fields our schema types as dates (``iso8601`` or format ``date``): the one list every module uses."""
    return field_names("date")


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
    """Whether the text says "still ongoing" (``Present``, ``heute``, ``aujourd'hui``, ``至今``, ...)."""
    return _norm(text).strip("()").rstrip(".") in PRESENT_WORDS or _norm(text).strip("()") in PRESENT_WORDS


def read_text(text: str) -> DateRead:
    """The one reader of a written date: ISO (``2019-01``), numeric (``07/2025``, ``28.09.2023``, ``2023-9-28``),
    a month name or abbreviation in English or a LinkedIn UI language with an optional day (``Jan 2019``,
    ``Sept. 2020``, ``Januar 2019``, ``janv. 2019``, ``ene. 2019``, ``enero de 2023``, ``Nov 12, 2023``,
    ``1 ноября 2019 г.``), or CJK (``2019年1月``, ``2019년 1월``).

    ``Present`` in any of those languages is ``ongoing``; anything else is ``unreadable`` (with the text): a
    month word no table knows, two years, a day-first/month-first ambiguity (``03/04/2020``), a day the calendar
    does not have. Nothing is guessed.
    """
    value = " ".join(text.strip().split())
    if not value:
        return DateRead("absent")
    if is_present(value):
        return DateRead("ongoing", text=text)
    found = _numeric(value) or _worded(value)
    if found is None or not _valid(*found):
        return DateRead("unreadable", text=text)
    return DateRead("date", format_iso(*found))


def _numeric(value: str) -> tuple[int, int | None, int | None] | None:
    for form in _numeric_forms():
        match = form.match(value)
        if match:
            groups = match.groupdict()
            return (int(groups["y"]), int(groups["m"]) if groups.get("m") else None,
                    int(groups["d"]) if groups.get("d") else None)
    return None


def _worded(value: str) -> tuple[int, int | None, int | None] | None:
    """A month word, a year and perhaps a day, in any order, with filler words and commas between them."""
    years = _YEAR.findall(value)
    if len(years) != 1:
        return None
    rest = _norm(_YEAR.sub(" ", value)).replace(",", " ")
    month: int | None = None
    day: int | None = None
    for word in rest.split():
        token = word.strip(".")
        number = month_number(word)
        if number is not None and month is None:
            month = number
        elif (match := _DAY.match(word)) and day is None:
            day = int(match.group(1))
        elif token in _FILLERS or word in _FILLERS or not token:
            continue
        else:
            return None
    if month is None:
        return None
    return int(years[0]), month, day


def parse_human(text: str) -> str | None:
    """ISO partial date for a human date (see :func:`read_text`), at the precision written; None when the text is
    not a date (or names no real day, or says "Present")."""
    read = read_text(text)
    return read.iso if read.state == "date" else None


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
    if is_iso(value):
        return DateRead("date", value)
    if looks_iso(value):
        return DateRead("unreadable", text=value)
    return read_text(value)


def date_of(value: object) -> PartialDate | None:
    """The date a writer can write from a field's value, or None (absent, ongoing or unreadable)."""
    return read_date(value).date
