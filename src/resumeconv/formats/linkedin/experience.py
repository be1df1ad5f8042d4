"""Positions in the Experience section of LinkedIn profile text, anchored on their date-range lines."""

from __future__ import annotations

import re
from typing import Any

from ...core import dates
from .._linkedin_common import month_index, parse_duration, split_description, work_location

#: Position fields written as labelled description lines (as LinkedIn users do) and read back from them.
DESCRIPTION_FIELDS = (("department", "Team"), ("project", "Project"))
NAME_PARTICLES = frozenset(["van", "von", "der", "de", "den", "da", "del", "della", "di", "du", "le", "la",
                             "bin", "al", "ter", "ten"])


#: A year with perhaps a month word before it, in any language and abbreviated (``Sept. 2020``, ``enero de 2023``);
#: the date codec then decides whether the word is a month.
DATE = r"(?:[^\W\d_]+\.?\s+(?:de\s+)?)?\d{4}"
_RANGE = re.compile(rf"^(?P<start>{DATE})\s*[-–]\s*(?P<end>{DATE}|Present)(?:\s*\((?P<dur>[^)]*)\))?$")


def range_match(line: str) -> re.Match[str] | None:
    """A position's date line (``Sept. 2020 - Present (1 year)``): its start is a date the codec reads, or a year
    after one capitalised word (as LinkedIn's English text has always been read); a description line such as
    ``in 2019 - 2020`` is not one."""
    match = _RANGE.match(line)
    if match and (dates.parse_human(match["start"]) or re.fullmatch(r"(?:[A-Z][a-z]+\s+)?\d{4}", match["start"])):
        return match
    return None


def location_like(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 80 or text[-1] in ".;:!?" or re.match(r"^[•·▪*-]", text) or "|" in text:
        return False
    if text.lower() in ("remote", "hybrid", "on-site") or " · " in text:
        return True
    words = re.findall(r"[^\s,]+", text)
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES or w.lower() in ("and", "of", "upon", "am")
               for w in words if len(w) >= 3 and not w[0].isdigit()) and not any(c.isdigit() for c in text)


class Experience:
    """Positions from the Experience section: anchored on their date-range lines.

    A company with several roles has a total-tenure line; its roles end where the span from the first role's end
    back to a role's start reaches that tenure. Otherwise the line just above a title is the company."""

    def __init__(self, lines: list[str], pdf: bool):
        self.lines = [x.strip() for x in lines]
        self.pdf = pdf

    def parse(self) -> list[dict[str, Any]]:
        ranges = [i for i, x in enumerate(self.lines) if range_match(x)]
        out: list[dict[str, Any]] = []
        group: dict[str, Any] | None = None
        meta_end = -1
        for r in ranges:
            title_at = self.previous(r)
            header = [i for i in range(meta_end + 1, title_at) if self.lines[i]] if title_at is not None else []
            item: dict[str, Any] = {}
            tenure = parse_duration(self.lines[header[-1]]) if header else None
            if tenure is not None and len(header) >= 2:
                group = {"name": self.lines[header[-2]], "tenure": tenure, "end": None}
                company, prev_desc = group["name"], header[:-2]
            elif group is not None:
                company, prev_desc = group["name"], header
            else:
                company, prev_desc = (self.lines[header[-1]] if header else None), header[:-1]
            if out:
                self.describe(out[-1], prev_desc)
            if company:
                item["name"] = company
            if title_at is not None:
                item["position"] = self.lines[title_at]
            end = self.dates(self.lines[r], item)
            if group is not None:
                group = self.advance(group, item, end)
            meta_end = self.location(r, item, in_group=group is not None)
            out.append(item)
        if out:
            self.describe(out[-1], [i for i in range(meta_end + 1, len(self.lines)) if self.lines[i]])
        return out

    def previous(self, index: int) -> int | None:
        for i in range(index - 1, -1, -1):
            if self.lines[i]:
                return i
        return None

    def dates(self, line: str, item: dict[str, Any]) -> str | None:
        """Set start/end from a range line; return the end, for "Present" the month the duration reaches."""
        match = range_match(line)
        assert match is not None
        start = dates.parse_human(match["start"])
        if start:
            item["startDate"] = start
        if match["end"] != "Present":
            end = dates.parse_human(match["end"])
            if end:
                item["endDate"] = end
            return end
        months = parse_duration(match["dur"] or "")
        first = month_index(start) if start else None
        if first is None or not months:
            return None
        year, month = divmod(first + months - 1, 12)
        return dates.format_iso(year, month + 1)

    def location(self, r: int, item: dict[str, Any], *, in_group: bool) -> int:
        """Read the optional location line after a range line; the index of the last line of the position's head.

        A line followed by a title and its range, or by a tenure line, is the next company's name instead, unless
        the current company's group of roles goes on."""
        after = [i for i in range(r + 1, len(self.lines)) if self.lines[i]][:3]
        if not after or not location_like(self.lines[after[0]]) or range_match(self.lines[after[0]]):
            return r
        following = [self.lines[i] for i in after[1:]]
        if following and range_match(following[0]):
            return r
        if following and parse_duration(following[0]) is not None:
            return r
        if len(following) == 2 and range_match(following[1]) and not in_group:
            return r
        work_location(self.lines[after[0]], item)
        return after[0]

    @staticmethod
    def advance(group: dict[str, Any], item: dict[str, Any], end: str | None) -> dict[str, Any] | None:
        """Keep a position group open until its roles span the company's total tenure (whole years when a date
        has no month, as LinkedIn counts them then)."""
        if group["end"] is None:
            group["end"] = end
        start = item.get("startDate")
        if group["end"] is None or not start:
            return None
        last, first = month_index(group["end"]), month_index(start)
        if last is None or first is None:
            years = dates.parts(group["end"])[0] - dates.parts(start)[0]
            return None if years * 12 >= group["tenure"] - 11 else group
        return None if last - first + 1 >= group["tenure"] else group

    def describe(self, item: dict[str, Any], indices: list[int]) -> None:
        if not indices:
            return
        summary, highlights = split_description("\n".join(self.lines[i] for i in indices))
        kept = []
        for line in (summary or "").splitlines():
            key = next((k for k, label in DESCRIPTION_FIELDS if line.startswith(f"{label}: ")), None)
            if key and key not in item:
                item[key] = line.split(": ", 1)[1].strip()
            else:
                kept.append(line)
        if kept:
            item["summary"] = "\n".join(kept)
        if highlights:
            item["highlights"] = highlights
