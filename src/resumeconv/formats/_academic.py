"""Text helpers shared by the writers that turn academic fields into prose (theme, markdown).

Both writers print the same things the same way: author lists with the owner marked, venues, human dates.
(What a writer used is recorded by :class:`resumeconv.core.losses.Coverage`, the loss engine's part.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..core.dates import MONTH_NAMES, date_of
from ..schemas.vocab import TALK_TYPES

#: Project types that are one-off events (talks and tutorials): the schema's definitions/talkType.
EVENT_TYPES = TALK_TYPES
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Escape Markdown syntax so that text prints as written (themes render summaries as Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def author_list(authors: Iterable[dict[str, Any]], *, bold_self: bool = True) -> str:
    """Markdown author list: the owner (``self: true``) in bold, ``*`` after equal contributors, ``†`` after
    corresponding authors."""
    names = []
    for author in authors:
        name = md_escape(str(author.get("name", "")))
        if bold_self and author.get("self") is True:
            name = f"**{name}**"
        if author.get("equalContribution") is True:
            name += "\\*"
        if author.get("corresponding") is True:
            name += "†"
        names.append(name)
    return ", ".join(names)


def has_mark(items: Iterable[dict[str, Any]], key: str) -> bool:
    """True when any author carries the flag ``key`` (for the legend line)."""
    return any(isinstance(a, dict) and a.get(key) is True for a in items)


def venue_text(venue: Any) -> str:
    """'Full name (short)', or whichever of the two the venue has."""
    if not isinstance(venue, dict):
        return ""
    name, short = venue.get("name"), venue.get("short")
    if name and short and short != name:
        return f"{name} ({short})"
    return str(name or short or "")


def human_date(value: Any) -> str:
    """'2025', 'Sep 2025' or 'Sep 12, 2025': the real precision, never more; text that is no date as written."""
    date = date_of(value)
    if date is None:
        return str(value)
    year, month, day = date
    if month is None:
        return str(year)
    mon = MONTH_NAMES[month - 1][:3]
    return f"{mon} {day}, {year}" if day else f"{mon} {year}"


def date_range(start: Any, end: Any, *, ongoing: bool = True) -> str:
    """'2015 – 2019', 'Sep 2025 – present' (when ``ongoing``), or one date when start and end are equal."""
    if start and end and start != end:
        return f"{human_date(start)} – {human_date(end)}"
    if start and not end:
        return f"{human_date(start)} – present" if ongoing else human_date(start)
    return human_date(start or end) if (start or end) else ""


def metric_text(metric: dict[str, Any]) -> str:
    """'Citations: 1805 (Google Scholar, Nov 3, 2025)'."""
    where = join_nonempty([metric.get("source"), human_date(metric["date"]) if metric.get("date") else None])
    text = f"{str(metric.get('name', '')).capitalize()}: {metric.get('value', '')}"
    return f"{text} ({where})" if where else text


def join_nonempty(items: Iterable[Any] | str, sep: str = ", ") -> str:
    """Join the non-empty values as text; a lone string (where a list was expected) is kept whole."""
    if isinstance(items, str):
        return items
    return sep.join(str(x) for x in items if x not in (None, "", [], {}))
