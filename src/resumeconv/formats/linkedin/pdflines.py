"""What both LinkedIn PDF layouts share: lines joined by their spacing, font sizes, sections split at headings
and named, and the per-section readers that fill the document (``Builder``)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...core.losses import LossReport
from .._pdf import Line
from .dateline import DASH, parse_range
from .entries import DEGREE, language_item
from .headings import heading_kind

BULLET = re.compile(r"^[•·▪◦‣*–-]\s")


def in_order(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda x: (x.page, round(x.top, 1), x.x0))


def line_gap(a: Line, b: Line) -> float | None:
    """Baseline distance from ``a`` to ``b`` on the same page; None across pages."""
    return b.top - a.top if a.page == b.page else None


def join_parts(parts: list[str]) -> str:
    out = ""
    for part in parts:
        out = out + part if out.endswith("-") and not out.endswith(" -") else f"{out} {part}".strip()
    return out


def is_grey(line: Line) -> bool:
    return 0.4 < line.gray < 0.85


def paragraphs_of(lines: list[Line]) -> list[str]:
    """Lines joined into paragraphs: a wrapped line follows at the usual line distance, a new paragraph (or a
    bullet) further down or on a bullet sign."""
    if not lines:
        return []
    gaps = [g for a, b in itertools.pairwise(lines) if (g := line_gap(a, b)) is not None and g > 0]
    step = min(gaps) if gaps else 0.0
    out: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        gap = line_gap(prev, line) if prev else None
        starts = prev is None or BULLET.match(line.text) is not None or (gap is not None and gap > step * 1.3)
        if starts or not out:
            out.append([line.text])
        else:
            out[-1].append(line.text)
        prev = line
    return [join_parts(p) for p in out]


def items_of(lines: list[Line]) -> list[str]:
    """Sidebar list items: a line continues the item above when it sits at wrapped-line distance."""
    out: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        gap = line_gap(prev, line) if prev else None
        if prev is not None and gap is not None and 0 < gap < 1.4 * prev.size and out:
            out[-1].append(line.text)
        else:
            out.append([line.text])
        prev = line
    return [join_parts(p) for p in out]


def is_wrapped(prev: Line | None, line: Line) -> bool:
    """Whether ``line`` continues ``prev`` (same page, at most 1.6 line heights below it)."""
    gap = line_gap(prev, line) if prev is not None else None
    return gap is not None and 0 < gap < 1.6 * max(prev.size if prev else 0, line.size)


def sizes_of(lines: list[Line]) -> list[float]:
    """The distinct font sizes, largest first; sizes within 0.3 pt of each other count as one (15.7 and 15.8)."""
    out: list[float] = []
    for size in sorted({x.size for x in lines}, reverse=True):
        if not out or out[-1] - size >= 0.3:
            out.append(size)
    return out


@dataclass
class Section:
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    kind: str | None = None


def split_sections(lines: list[Line], is_heading: Callable[[Line], bool]) -> tuple[list[Line], list[Section]]:
    top: list[Line] = []
    sections: list[Section] = []
    for line in lines:
        if is_heading(line):
            sections.append(Section(line))
        elif sections:
            sections[-1].lines.append(line)
        else:
            top.append(line)
    return top, sections


def assign_kinds(sections: list[Section], order: tuple[str, ...], guess: Callable[[Section], str | None]) -> None:
    """Name each section by its heading's words, else by its content, else by LinkedIn's fixed order when exactly
    one kind fits between its named neighbours."""
    for s in sections:
        s.kind = heading_kind(s.heading.text, order) if s.heading else None
    for s in sections:
        if s.kind is None:
            s.kind = guess(s)
    taken = {s.kind for s in sections if s.kind}
    for i, s in enumerate(sections):
        if s.kind is not None:
            continue
        before = [order.index(x.kind) for x in sections[:i] if x.kind in order]
        after = [order.index(x.kind) for x in sections[i + 1:] if x.kind in order]
        low, high = max(before, default=-1), min(after, default=len(order))
        fits = [k for k in order[low + 1:high] if k not in taken]
        if len(fits) == 1 and all(x.kind is not None for x in sections[:i] + sections[i + 1:]):
            s.kind = fits[0]
            taken.add(fits[0])


@dataclass
class Builder:
    """What both layouts fill: the document, the losses and the per-section readers they share."""

    source: str | None
    report: LossReport = field(default_factory=LossReport)
    doc: dict[str, Any] = field(default_factory=dict)

    def basics(self) -> dict[str, Any]:
        value: dict[str, Any] = self.doc.setdefault("basics", {})
        return value

    def lose_section(self, section: Section, where: str) -> None:
        title = section.heading.text if section.heading else "(untitled)"
        count = len(section.lines)
        self.report.add(where, f"section '{title}' ({count} line{'s' if count != 1 else ''}) was not recognised "
                        "and is left out")

    def dates(self, text: str, item: dict[str, Any], ptr: str) -> bool:
        found = parse_range(text)
        if found is None:
            return False
        start, end = found
        if start.iso:
            item["startDate"] = start.iso
        if end.iso:
            item["endDate"] = end.iso
        if start.month_unknown or end.month_unknown:
            self.report.add(ptr, f"the month in '{text}' is in no known language; the year alone is kept")
        if end.unreadable:
            self.report.add(ptr, f"the end date in '{text}' could not be read; left out (not read as ongoing)")
        return True

    def languages(self, items: list[str]) -> None:
        out: list[dict[str, str]] = []
        for text in items:
            item = language_item(text)
            if item is not None:
                out.append(item)
        if out:
            self.doc["languages"] = out

    def titled(self, key: str, name: str, items: list[str], extra: dict[str, str] | None = None) -> None:
        if items:
            self.doc.setdefault(key, []).extend({name: x, **(extra or {})} for x in items)

    def degree(self, text: str, item: dict[str, Any], ptr: str) -> None:
        """``Degree, Field · (dates)`` (current) or ``Degree, Field, 2006 - 2010`` (2014-2017)."""
        text = text.strip()
        match = re.search(r"(?:\s*·\s*)?\(([^()]*\d{4}[^()]*)\)$", text)
        if match:
            self.dates(match.group(1), item, ptr)
            if "endDate" not in item and "startDate" in item and not DASH.search(match.group(1)):
                item["endDate"] = item.pop("startDate")  # a lone year on a degree is when it ended
            text = text[:match.start()].strip()
        else:
            tail = re.search(r",\s*([^,]*\d{4}[^,]*)$", text) or re.fullmatch(r"()([^,]*\d{4}[^,]*)", text)
            if tail and parse_range(tail.group(tail.lastindex or 1)):
                self.dates(tail.group(tail.lastindex or 1), item, ptr)
                text = text[:tail.start()].strip() if tail.group(0) != text else ""
        degree, comma, area = text.rstrip(" ·").partition(", ")
        if comma:
            item["studyType"], item["area"] = degree.strip(), area.strip()
        elif degree.strip():
            item["studyType" if DEGREE.search(degree) else "area"] = degree.strip()
