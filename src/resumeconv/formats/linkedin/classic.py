"""The 2014-2017 LinkedIn PDF layout: one column, bold ``Title  at   Company`` lines, grey headings."""

from __future__ import annotations

import re
from typing import Any

from ...core.errors import InputError
from ...core.losses import pointer
from .._pdf import Line
from .headings import CLASSIC_HEADINGS, norm
from .pdflines import Builder, Section, in_order, join_parts, paragraphs_of, sizes_of, split_sections


class ClassicLayout(Builder):
    """The 2014-2017 one-column layout."""

    def __init__(self, lines: list[Line], source: str | None):
        super().__init__(source)
        self.lines = in_order(lines)

    def read(self) -> dict[str, Any]:
        if not self.lines:
            raise InputError("the LinkedIn PDF has no text (a scan?)", self.source)
        name_size = max(x.size for x in self.lines)
        names = [i for i, x in enumerate(self.lines) if x.size >= name_size - 0.5]
        # the last page repeats name and headline above "Contact NAME on LinkedIn" and the recommendations
        end = next((i for i in names if i > names[0] + 1 and self.lines[i].page > self.lines[names[0]].page),
                   len(self.lines))
        body = self.lines[names[0] + 1:end]
        name_lines = [self.lines[i] for i in names if i < end]
        self.basics()["name"] = join_parts([x.text for x in name_lines])
        sizes = sizes_of([x for x in body if not x.bold])
        heading_size = sizes[0] if sizes else 0
        top, sections = split_sections(body, lambda x: abs(x.size - heading_size) < 0.3 and not x.bold)
        for line in top:
            if "@" in line.text and " " not in line.text:
                self.basics()["email"] = line.text
            elif line.size > 12.5 and "label" not in self.basics():
                self.basics()["label"] = line.text
        for section in sections:
            section.kind = CLASSIC_HEADINGS.get(norm(section.heading.text) if section.heading else "")
            reader = {"summary": self.summary, "work": self.work, "volunteer": self.work,
                      "education": self.education, "languages": self.classic_languages, "skills": self.bold_items,
                      "certificates": self.bold_items, "awards": self.bold_items,
                      "publications": self.bold_items}.get(section.kind or "")
            if reader is None:
                self.lose_section(section, f"/{section.kind}" if section.kind else "")
            else:
                reader(section)
        return self.doc

    def summary(self, section: Section) -> None:
        text = "\n\n".join(paragraphs_of(section.lines))
        if text:
            self.basics()["summary"] = text

    def work(self, section: Section) -> None:
        key = section.kind or "work"
        out: list[dict[str, Any]] = []
        head: list[Line] = []
        item: dict[str, Any] | None = None
        body: list[Line] = []
        for line in section.lines:
            if line.bold:
                if head:
                    head.append(line)  # a title and company too long for one line
                    continue
                if item is not None:
                    self.describe(item, body)
                head, item, body = [line], None, []
            elif head:
                item = self.title_line(joined_raw(head), key)
                out.append(item)
                head = []
                if not self.dates(line.text, item, pointer(key, len(out) - 1)):
                    body.append(line)
            else:
                body.append(line)
        if head:
            out.append(self.title_line(joined_raw(head), key))
        elif item is not None:
            self.describe(item, body)
        if out:
            self.doc.setdefault(key, []).extend(out)

    def title_line(self, raw: str, key: str) -> dict[str, Any]:
        """``Title  at   Company``: the separator word stands apart by runs of spaces, whatever its language. Files
        of 2017 print it with single spaces; their headings are English (the only ones this layout's sections are
        told by), so a single `` at `` splits the line; with two, which one separates is not guessed."""
        parts = re.split(r"\s{2,}\S+\s{2,}", raw, maxsplit=1)
        if len(parts) != 2 and " ".join(raw.split()).count(" at ") == 1:
            parts = " ".join(raw.split()).split(" at ")
        org = "organization" if key == "volunteer" else "name"
        if len(parts) == 2:
            return {"position": " ".join(parts[0].split()), org: " ".join(parts[1].split())}
        return {"position": " ".join(raw.split())}

    def describe(self, item: dict[str, Any], lines: list[Line]) -> None:
        text = "\n".join(paragraphs_of(lines))
        if text:
            item["summary"] = text

    def education(self, section: Section) -> None:
        out: list[dict[str, Any]] = []
        for line in section.lines:
            if line.bold:
                out.append({"institution": line.text})
            elif out and len(out[-1]) == 1:
                self.degree(line.text, out[-1], pointer("education", len(out) - 1))
        if out:
            self.doc["education"] = out

    def classic_languages(self, section: Section) -> None:
        names = [x for x in section.lines if x.bold]
        levels = [x for x in section.lines if not x.bold]
        items = []
        for name in names:
            level = next((x.text for x in levels if abs(x.top - name.top) < 4 and x.page == name.page), None)
            items.append(f"{name.text} {level}" if level and level.startswith("(") else name.text)
        self.languages(items)

    def bold_items(self, section: Section) -> None:
        key, name = {"skills": ("skills", "name"), "certificates": ("certificates", "name"),
                     "awards": ("awards", "title"), "publications": ("publications", "name")}[section.kind or ""]
        self.titled(key, name, [x.text for x in section.lines if x.bold])


def joined_raw(lines: list[Line]) -> str:
    return " ".join(x.raw.strip() for x in lines)
