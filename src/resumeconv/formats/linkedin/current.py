"""The current (2018-) LinkedIn PDF layout: a sidebar beside the main column, told apart by sizes and colours."""

from __future__ import annotations

import re
from typing import Any

from ...core.errors import InputError
from ...core.losses import pointer
from .._linkedin_common import WORKPLACES, basics_location, split_description, work_location
from .._pdf import Line
from .dateline import parse_range
from .entries import contact_entries, contact_entry
from .headings import MAIN_KINDS, SIDEBAR_KINDS
from .pdflines import (
    Builder,
    Section,
    assign_kinds,
    in_order,
    is_grey,
    is_wrapped,
    items_of,
    join_parts,
    paragraphs_of,
    sizes_of,
    split_sections,
)


class CurrentLayout(Builder):
    """The two-column layout."""

    def __init__(self, lines: list[Line], source: str | None):
        super().__init__(source)
        self.lines = lines
        #: the grey location lines under positions, whose last part tells a country name
        self.position_places: list[str] = []

    def read(self) -> dict[str, Any]:
        first = [x for x in self.lines if x.page == 1]
        if not first:
            raise InputError("the LinkedIn PDF has no text on its first page (a scan?)", self.source)
        name_size = max(x.size for x in first)
        name_x = min(x.x0 for x in first if x.size == name_size)
        side = in_order([x for x in self.lines if x.x1 < name_x - 5])
        main = in_order([x for x in self.lines if x.x0 >= name_x - 5])
        self.main(main, name_size)
        self.sidebar(side)
        return self.doc

    # ---- main column
    def main(self, lines: list[Line], name_size: float) -> None:
        rest = [x for x in lines if x.size < name_size - 0.5]
        self.position_places = [x.text for x in rest if is_grey(x) and x.size < 11 and "," in x.text]
        names = [x for x in lines if x.size >= name_size - 0.5]
        sizes = sizes_of(rest)
        heading_size = sizes[0] if len(sizes) >= 3 and sizes[0] - sizes[1] >= 2 else None
        if heading_size is None:
            raise InputError("no LinkedIn profile structure found (no section headings in the main column)",
                             self.source)
        top, sections = split_sections(rest, lambda x: abs(x.size - heading_size) < 0.3)
        if names:
            self.basics()["name"] = join_parts([x.text for x in names])
        headline = [x.text for x in top if not is_grey(x)]
        place = [x.text for x in top if is_grey(x)]
        if headline:
            self.basics()["label"] = join_parts(headline)
        text = join_parts(place)
        countries = {x.rpartition(", ")[2] for x in self.position_places}
        if "," in text or (text and text not in countries):
            location = basics_location(text, self.report, pointer("basics", "location"))
            if location:
                self.basics()["location"] = location
        elif text:
            self.report.add(pointer("basics", "location"), f"location '{text}' is a country (positions name it last "
                            "in theirs): location.countryCode needs an ISO 3166 code")
        assign_kinds(sections, MAIN_KINDS, self.guess_main)
        readers = {"summary": self.summary, "work": self.work, "education": self.education}
        for section in sections:
            if section.kind in readers:
                readers[section.kind](section.lines)
            else:
                self.lose_section(section, "")

    @staticmethod
    def guess_main(section: Section) -> str | None:
        sizes = sizes_of(section.lines)
        dated = sum(parse_range(x.text) is not None for x in section.lines)
        if len(sizes) >= 3 and dated:
            return "work"
        if len(sizes) == 2 and any(re.search(r"\(.*\d{4}.*\)$", x.text) for x in section.lines):
            return "education"
        if len(sizes) == 1 and not dated:
            return "summary"
        return None

    def summary(self, lines: list[Line]) -> None:
        text = "\n\n".join(paragraphs_of(lines))
        if text:
            self.basics()["summary"] = text

    def work(self, lines: list[Line]) -> None:
        sizes = sizes_of(lines)
        if len(sizes) < 3:
            self.report.add("/work", "the Experience section has no company, title and date lines; left out")
            return
        company_size, title_size = sizes[0], sizes[1]
        out: list[dict[str, Any]] = []
        company: list[str] = []
        item: dict[str, Any] | None = None
        state = ""
        body: list[Line] = []

        def close() -> None:
            if item is not None:
                self.describe(item, body)

        prev: Line | None = None
        for line in lines:
            last, prev = prev, line
            if abs(line.size - company_size) < 0.3:
                if state == "company" and is_wrapped(last, line):
                    company.append(line.text)
                else:
                    close()
                    item, body, company = None, [], [line.text]
                state = "company"
            elif abs(line.size - title_size) < 0.3:
                if state == "title" and item is not None and is_wrapped(last, line):
                    item["position"] = join_parts([item["position"], line.text])
                    continue
                close()
                body = []
                item = {"name": join_parts(company)} if company else {}
                item["position"] = line.text
                out.append(item)
                state = "title"
            elif item is None or state == "company":
                state = "tenure"  # the company's total time, above its first title
            elif state == "title":
                if not self.dates(line.text, item, pointer("work", len(out) - 1)):
                    self.report.add(pointer("work", len(out) - 1), f"no date line under the title; '{line.text}' "
                                    "read as description")
                    body.append(line)
                state = "dates"
            elif state == "dates" and is_grey(line):
                if line.text.lower() in WORKPLACES:
                    item["workplaceType"] = WORKPLACES[line.text.lower()]
                elif " · " in line.text:
                    work_location(line.text, item)
                else:
                    item["location"] = line.text
                state = "body"
            else:
                body.append(line)
                state = "body"
        close()
        for i, position in enumerate(out):
            if "name" not in position:
                self.report.add(pointer("work", i), "no company line above this title")
        if out:
            self.doc["work"] = out

    def describe(self, item: dict[str, Any], lines: list[Line]) -> None:
        if not lines:
            return
        summary, highlights = split_description("\n".join(paragraphs_of(lines)))
        if summary:
            item["summary"] = summary
        if highlights:
            item["highlights"] = highlights

    def education(self, lines: list[Line]) -> None:
        sizes = sizes_of(lines)
        if not sizes:
            return
        out: list[dict[str, Any]] = []
        school: list[str] = []
        degree: list[str] = []

        def close() -> None:
            if school:
                item: dict[str, Any] = {"institution": join_parts(school)}
                if degree:
                    self.degree(join_parts(degree), item, pointer("education", len(out)))
                out.append(item)

        prev: Line | None = None
        for line in lines:
            if abs(line.size - sizes[0]) < 0.3 and len(sizes) > 1:
                if not (prev is not None and prev.size == line.size and is_wrapped(prev, line)):
                    close()
                    school, degree = [], []
                school.append(line.text)
            else:
                degree.append(line.text)
            prev = line
        close()
        if out:
            self.doc["education"] = out

    # ---- sidebar
    def sidebar(self, lines: list[Line]) -> None:
        if not lines:
            return
        heading_size = max(x.size for x in lines)
        _, sections = split_sections(lines, lambda x: abs(x.size - heading_size) < 0.3)
        assign_kinds(sections, SIDEBAR_KINDS, self.guess_side)
        for section in sections:
            items = items_of(section.lines)
            kind = section.kind
            if kind == "contact":
                for entry, label in contact_entries([x.text for x in section.lines]):
                    contact_entry(self.doc, self.report, entry, label)
            elif kind == "skills":
                self.titled("skills", "name", items)
            elif kind == "languages":
                self.languages(items)
            elif kind == "certificates":
                self.titled("certificates", "name", items)
            elif kind == "awards":
                self.titled("awards", "title", items)
            elif kind == "publications":
                self.titled("publications", "name", items)
            elif kind == "patents":
                self.titled("publications", "name", items, {"type": "patent"})
            else:
                self.lose_section(section, "")

    @staticmethod
    def guess_side(section: Section) -> str | None:
        texts = [x.text for x in section.lines]
        if any("@" in t or "linkedin.com/" in t for t in texts):
            return "contact"
        if texts and all(re.fullmatch(r"[^()]+\([^()]+\)", t) for t in items_of(section.lines)):
            return "languages"
        return None
