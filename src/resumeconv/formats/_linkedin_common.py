"""What LinkedIn's profile text and its data export share: month ranges with LinkedIn's duration arithmetic,
proficiency names, workplace words, locations, and bullet splitting.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..core import dates
from ..core.losses import LossReport

#: LinkedIn's proficiency levels: the export's full name, the PDF's short name (both in LinkedIn's own order).
PROFICIENCIES = (
    ("Native or bilingual proficiency", "Native or Bilingual"),
    ("Full professional proficiency", "Full Professional"),
    ("Professional working proficiency", "Professional Working"),
    ("Limited working proficiency", "Limited Working"),
    ("Elementary proficiency", "Elementary"),
)
#: Common CV fluency words that name one of LinkedIn's levels without doubt; anything else is not guessed.
_FLUENCY_WORDS = {
    "native": 0, "native speaker": 0, "bilingual": 0, "mother tongue": 0, "first language": 0,
    "fluent": 1, "elementary": 4, "beginner": 4, "basic": 4,
}
#: LinkedIn's "location type" words, as shown where the location goes, and our workplaceType values.
WORKPLACES = {"remote": "remote", "hybrid": "hybrid", "on-site": "on-site", "onsite": "on-site"}
WORKPLACE_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "on-site": "On-site"}
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–]|-(?=\s))\s*")
_DURATION = re.compile(r"^(?:(?P<y>\d+) years?)?\s*(?:(?P<m>\d+) months?)?$|^less than a year$")


def proficiency(fluency: str) -> int | None:
    """Index into PROFICIENCIES for a fluency written either LinkedIn's way or in a plain unambiguous word."""
    key = " ".join(fluency.lower().replace("-", " ").split())
    for i, names in enumerate(PROFICIENCIES):
        if key in (n.lower() for n in names):
            return i
    return _FLUENCY_WORDS.get(key)


def month_index(iso: str) -> int | None:
    """Months since year 0 for a date with a month; None for a year-only date."""
    year, month, _ = dates.parts(iso)
    return None if month is None else year * 12 + month - 1


def today_iso(today: str | date | None) -> str:
    """The month "Present" is measured to: an ISO date string or date (an option), else the real date."""
    if today is None or today == "":
        return date.today().strftime("%Y-%m")
    if isinstance(today, date):
        return today.strftime("%Y-%m")
    if not dates.is_iso(str(today)) or dates.precision(str(today)) == "year":
        raise ValueError(f"today must be an ISO date with a month (YYYY-MM or YYYY-MM-DD), not '{today}'")
    return str(today)[:7]


def duration(start: str, end: str) -> str:
    """LinkedIn's duration between two dates: both end months count; year-only dates count whole years."""
    first, last = month_index(start), month_index(end)
    if first is None or last is None:
        years = dates.parts(end)[0] - dates.parts(start)[0]
        return "less than a year" if years < 1 else _plural(years, "year")
    return months_text(last - first + 1)


def months_text(months: int) -> str:
    """``22`` -> ``1 year 10 months`` (LinkedIn's wording)."""
    years, rest = divmod(max(months, 1), 12)
    return " ".join(p for p in (_plural(years, "year"), _plural(rest, "month")) if p)


def parse_duration(text: str) -> int | None:
    """Months in a LinkedIn duration (``1 year 10 months``); 0 for ``less than a year``; None when not one."""
    match = _DURATION.match(text.strip())
    if not match or not text.strip():
        return None
    return int(match["y"] or 0) * 12 + int(match["m"] or 0)


def _plural(n: int, unit: str) -> str:
    return "" if n == 0 else f"{n} {unit}" + ("" if n == 1 else "s")


def month_text(iso: str) -> str:
    """``2025-09`` -> ``September 2025``; ``2017`` -> ``2017`` (a day is not shown by LinkedIn)."""
    year, month, _ = dates.parts(iso)
    return str(year) if month is None else f"{dates.MONTH_NAMES[month - 1]} {year}"


def split_description(text: str) -> tuple[str | None, list[str]]:
    """A position's description as (summary, highlights): bullet lines become highlights, a line after a bullet
    continues it, and the lines before the first bullet are the summary."""
    summary: list[str] = []
    highlights: list[str] = []
    # real exports have no newlines: "Leads the team. • Shipped v2 • Cut noise" holds its bullets inline
    text = re.sub(r"[ \t]+•[ \t]+", "\n• ", text)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _BULLET.match(line) and _BULLET.sub("", line):
            highlights.append(_BULLET.sub("", line))
        elif highlights:
            highlights[-1] = f"{highlights[-1]} {line}"
        else:
            summary.append(line)
    return ("\n".join(summary) or None), highlights


def work_location(text: str, item: dict[str, Any]) -> None:
    """Set ``location`` and/or ``workplaceType`` from LinkedIn's location line (``Remote``, ``Leiden · Hybrid``)."""
    place, _, kind = text.strip().rpartition(" · ")
    if not kind:
        return
    if kind.lower() in WORKPLACES:
        item["workplaceType"] = WORKPLACES[kind.lower()]
        if place:
            item["location"] = place
    else:
        item["location"] = text.strip()


def basics_location(text: str, report: LossReport, ptr: str) -> dict[str, str]:
    """LinkedIn's ``City, Region, Country`` as a JSON Resume location; a country name has no field (the schema
    wants an ISO code), so it is reported unless it already is a two-letter code."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    out: dict[str, str] = {}
    if not parts:
        return out
    out["city"] = parts[0]
    if len(parts) >= 3:
        out["region"] = ", ".join(parts[1:-1])
    if len(parts) >= 2:
        country = parts[-1]
        if re.fullmatch(r"[A-Z]{2}", country):
            out["countryCode"] = country
        else:
            report.add(ptr, f"country '{country}' kept out: location.countryCode needs an ISO 3166 code")
    return out
