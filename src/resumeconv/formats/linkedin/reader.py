"""LinkedIn profile text reader: this format's own text, pdftotext/pypdf text of "Save to PDF", or the canonical
text the layout analysis makes of a PDF (headings in English, one item a line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...core import dates
from ...core.errors import InputError
from ...core.losses import Loss, LossReport, pointer
from .._linkedin_common import basics_location
from .entries import DEGREE, LABEL, PHONE, contact_entries, contact_entry, language_item
from .experience import DATE, NAME_PARTICLES, Experience, location_like

SIDEBAR = ("Contact", "Top Skills", "Languages", "Certifications", "Honors-Awards", "Publications", "Patents")
MAIN = ("Summary", "Experience", "Education", "Volunteering", "Projects")
#: The fields under an item, as ``  Label: value`` lines, in the order of LinkedIn's own forms.
CERTIFICATE_FIELDS = (("Issuing organization", "issuer"), ("Issue date", "date"), ("Credential URL", "url"))
AWARD_FIELDS = (("Issuer", "awarder"), ("Issue date", "date"), ("Description", "summary"))
PUBLICATION_FIELDS = (("Publication", "venue"), ("Publisher", "publisher"), ("Publication date", "releaseDate"),
                      ("Authors", "authors"), ("Publication URL", "url"), ("Description", "summary"))
VOLUNTEER_FIELDS = (("Role", "position"), ("Start date", "startDate"), ("End date", "endDate"),
                    ("Description", "summary"))
PROJECT_FIELDS = (("Description", "description"), ("Start date", "startDate"), ("End date", "endDate"),
                  ("Project URL", "url"))
_DETAIL = re.compile(r"^  (?P<label>[A-Za-z][A-Za-z/ ]*): (?P<value>.*)$")

def escape(line: str) -> str:
    """A leading space keeps a text line that reads like a heading or a page footer from being taken for one."""
    return f" {line}" if line in SIDEBAR or line in MAIN or FOOTER.match(line) else line


def unescape(line: str) -> str:
    return line[1:] if line[:1] == " " and escape(line[1:]) != line[1:] else line


FOOTER = re.compile(r"^Page \d+ of \d+\s*$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_EDU_DATES = re.compile(rf"(?:\s*·\s*|\s*)\((?P<start>{DATE})(?:\s*[-–]\s*(?P<end>{DATE}|Present))?\)$")


_CONNECTORS = frozenset(["a", "an", "the", "of", "on", "in", "for", "with", "and", "or", "to", "at", "by",
                         "from", "via", "vs", "-", "–", ":", "&"])
#: Words of headlines, not of names: they keep a short headline ("Research Engineer") from passing as the name.
_ROLE_WORDS = frozenset(["engineer", "researcher", "research", "scientist", "professor", "student", "developer",
                         "manager", "lecturer", "intern", "director", "analyst", "consultant", "fellow", "candidate",
                         "phd", "postdoc", "postdoctoral", "designer", "founder", "assistant", "associate", "lead",
                         "head", "officer", "specialist", "architect", "teacher", "doctoral", "senior", "junior"])
#: Rough character widths (in em, Helvetica-like) to tell a line LinkedIn wrapped in its narrow sidebar.
_NARROW, _WIDE = set("ijlI ftr.,;:'()-|!"), set("mwMW")
_SIDEBAR_WIDTH = 17.0


@dataclass
class _Text:
    """The extracted lines and what kind of extraction they came from."""

    lines: list[str]
    pdf: bool


def _prepare(text: str) -> _Text:
    """Drop page footers, form feeds and the blank lines a page break leaves; note whether this came from a PDF."""
    pdf = "\f" in text or any(FOOTER.match(x) for x in text.splitlines())
    lines: list[str] = []
    after_footer = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\f", "").rstrip()
        if pdf and FOOTER.match(line.strip()):
            after_footer = True
            continue
        if after_footer and not line.strip():
            continue
        after_footer = False
        lines.append(line.strip() if pdf else line)
    return _Text(lines, pdf)


def _width(text: str) -> float:
    return sum(0.28 if c in _NARROW else 0.8 if c in _WIDE else 0.68 if c.isupper() else 0.53 for c in text)


def _continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` continues an item LinkedIn wrapped in the sidebar (titles wrap at about 35 characters)."""
    words = nxt.split()
    if not words or not prev:
        return False
    if prev.endswith("-") or nxt[0].islower() or prev.split()[-1].lower() in _CONNECTORS:
        return True
    return 11 <= _width(prev) <= _SIDEBAR_WIDTH < _width(f"{prev} {words[0]}")


def _items(lines: list[str], pdf: bool) -> list[str]:
    """Sidebar list items: one a line, wrapped lines joined back when the text came from a PDF."""
    out: list[str] = []
    last = ""
    for line in (x.strip() for x in lines):
        if not line:
            continue
        if pdf and out and _continues(last, line):
            out[-1] = out[-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
        else:
            out.append(line)
        last = line
    return out


def _sections(lines: list[str], pdf: bool = False) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Split at headings that come in their expected order (sidebar and main column counted apart).

    Returns the lines before any heading, the body of each section, and the section names in order."""
    bodies: dict[str, list[str]] = {}
    order: list[str] = []
    top: list[str] = []
    seen = {"side": -1, "main": -1}
    current: list[str] = top
    for line in lines:
        word = line.rstrip()
        for column, names in (("side", SIDEBAR), ("main", MAIN)):
            # Volunteering and Projects are this writer's own sections: in PDF text "Projects" is a sidebar item
            if word in names and names.index(word) > seen[column] and (
                    column == "side" or names.index(word) < 3 or not pdf):
                seen[column] = names.index(word)
                current = bodies.setdefault(word, [])
                order.append(word)
                break
        else:
            current.append(line)
    return top, bodies, order


def _name_like(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 50 or re.search(r"[\d|@:()/]", line) or line.endswith("-"):
        return False
    return all((w[0].isupper() or w.lower() in NAME_PARTICLES) and w.lower().strip(".,") not in _ROLE_WORDS
               for w in words)


def _split_preamble(body: list[str]) -> tuple[list[str], list[str]]:
    """Split the main column's name, headline and location off the end of the sidebar section before them."""
    content = [i for i, x in enumerate(body) if x.strip()]
    if not content:
        return body, []
    for k in range(len(content) - 2, -1, -1):
        if _name_like(body[content[k]]):
            return body[:content[k]], body[content[k]:]
    return body, []


def _find_preamble(bodies: dict[str, list[str]], order: list[str]) -> list[str]:
    """The main column's name block when the sidebar came first: at the end of the sidebar section before the
    main column (pdftotext, pypdf), or else at the start of Contact (pdfminer puts it there)."""
    main_at = next((i for i, name in enumerate(order) if name in MAIN), None)
    if main_at and order[main_at - 1] in SIDEBAR:
        last_side = order[main_at - 1]
        bodies[last_side], tail = _split_preamble(bodies[last_side])
        if any(x.strip() for x in tail):
            return [x for x in tail if x.strip()]
    contact = bodies.get("Contact", [])
    lines = [x for x in contact if x.strip()]
    head = 0
    while head < len(lines) and not _contact_like(lines[head]):
        head += 1
    if head and _name_like(lines[0].strip()):
        bodies["Contact"] = lines[head:]
        return lines[:head]
    return []


def _contact_like(line: str) -> bool:
    text = line.strip()
    return bool(PHONE.match(LABEL.sub("", text)) or "@" in text or LABEL.search(text) or "/" in text
                or text.startswith("www.") or re.search(r"\.[a-z]{2,}$", text))


@dataclass
class _Reader:
    text: _Text
    source: str | None
    report: LossReport = field(default_factory=LossReport)
    doc: dict[str, Any] = field(default_factory=dict)

    def read(self) -> dict[str, Any]:
        top, bodies, order = _sections(self.text.lines, self.text.pdf)
        preamble = [x for x in top if x.strip()] or _find_preamble(bodies, order)
        if not order and not 0 < len(preamble) <= 3:
            raise InputError("no LinkedIn profile sections (Contact, Experience, Education, ...) found", self.source)
        self.basics(preamble)
        handlers = {"Contact": self.contact, "Top Skills": self.skills, "Languages": self.languages,
                    "Certifications": self.certifications, "Honors-Awards": self.honors,
                    "Publications": self.publications, "Patents": self.patents, "Summary": self.summary,
                    "Experience": self.experience, "Education": self.education,
                    "Volunteering": self.volunteering, "Projects": self.projects}
        for name in order:
            handlers[name](bodies[name])
        return self.doc

    def basics_dict(self) -> dict[str, Any]:
        basics: dict[str, Any] = self.doc.setdefault("basics", {})
        return basics

    def basics(self, lines: list[str]) -> None:
        if not lines:
            return
        basics = self.basics_dict()
        basics["name"] = lines[0].strip()
        rest = [x.strip() for x in lines[1:]]
        if rest and location_like(rest[-1]) and (len(rest) > 1 or "," in rest[-1]):
            basics["location"] = basics_location(rest.pop(), self.report, pointer("basics", "location"))
        if rest:
            basics["label"] = " ".join(rest)

    def contact(self, lines: list[str]) -> None:
        for entry, label in contact_entries(lines):
            self.contact_entry(entry, label)

    def contact_entry(self, entry: str, label: str | None) -> None:
        contact_entry(self.doc, self.report, entry, label)

    def skills(self, lines: list[str]) -> None:
        self.doc["skills"] = [{"name": x.strip()} for x in lines if x.strip()]

    def languages(self, lines: list[str]) -> None:
        out: list[dict[str, str]] = []
        for line in _items(lines, False):
            if out and self.text.pdf and line.startswith("("):
                line = f"{out.pop()['language']} {line}"
            item = language_item(line)
            if item is not None:
                out.append(item)
        self.doc["languages"] = out

    def records(self, lines: list[str], key: str, fields: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
        """Items one a line; in this writer's text, their fields under them as ``  Label: value`` lines."""
        if self.text.pdf:
            return [{key: x} for x in _items(lines, True)]
        labels = dict(fields)
        out: list[dict[str, Any]] = []
        last: str | None = None
        for raw in lines:
            detail = _DETAIL.match(raw)
            if out and detail and detail["label"] in labels:
                last = labels[detail["label"]]
                out[-1][last] = detail["value"]
            elif out and last and raw.startswith("    ") and raw.strip():
                out[-1][last] += "\n" + raw.strip()
            elif raw.strip():
                out.append({key: unescape(raw).strip()})
                last = None
        for item in out:
            for name, value in list(item.items()):
                if name.endswith(("Date", "date")):
                    iso = dates.parse_human(value)
                    if iso:
                        item[name] = iso
                elif name == "authors":
                    item[name] = [{"name": x.strip()} for x in value.split(";") if x.strip()]
        return out

    def certifications(self, lines: list[str]) -> None:
        self.doc["certificates"] = self.records(lines, "name", CERTIFICATE_FIELDS)

    def honors(self, lines: list[str]) -> None:
        self.doc["awards"] = self.records(lines, "title", AWARD_FIELDS)

    def publications(self, lines: list[str]) -> None:
        self.doc.setdefault("publications", []).extend(self.records(lines, "name", PUBLICATION_FIELDS))

    def volunteering(self, lines: list[str]) -> None:
        self.doc["volunteer"] = self.records(lines, "organization", VOLUNTEER_FIELDS)

    def projects(self, lines: list[str]) -> None:
        self.doc["projects"] = self.records(lines, "name", PROJECT_FIELDS)

    def patents(self, lines: list[str]) -> None:
        self.doc.setdefault("publications", []).extend(
            {"name": x, "type": "patent"} for x in _items(lines, self.text.pdf))

    def summary(self, lines: list[str]) -> None:
        text = _paragraphs(lines) if self.text.pdf else "\n".join(map(unescape, lines)).strip("\n")
        if text.strip():
            self.basics_dict()["summary"] = text

    def experience(self, lines: list[str]) -> None:
        self.doc["work"] = Experience(lines, self.text.pdf).parse()

    def education(self, lines: list[str]) -> None:
        out = []
        for block in _education_blocks(lines, self.text.pdf):
            item: dict[str, Any] = {"institution": block[0]}
            if len(block) > 1:
                _degree_line(" ".join(block[1:]), item)
            out.append(item)
        self.doc["education"] = out


def _paragraphs(lines: list[str]) -> str:
    """PDF text: lines wrapped inside a paragraph joined by spaces; paragraphs kept apart by a blank line."""
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def _education_blocks(lines: list[str], pdf: bool) -> list[list[str]]:
    """One block per school: the school line and its degree line, joined back when the PDF wrapped it.

    In this writer's text blank lines separate schools; in PDF text (blank lines anywhere or nowhere) a line is a
    degree line only when it looks like one (dates, ' · ', a comma or a degree word)."""
    blocks: list[list[str]] = []
    expect_new = True
    for raw in lines:
        line = raw.strip()
        if not line:
            expect_new = not pdf
            continue
        block = blocks[-1] if blocks else []
        if block and (block[-1].count("(") > block[-1].count(")") or (
                pdf and len(block) == 2 and "(" not in block[1] and ("(" in line or "·" in line))):
            block[-1] = f"{block[-1]} {line}"
        elif (pdf or not expect_new) and len(block) == 1 and (not pdf or _degree_like(line)):
            block.append(line)
        else:
            blocks.append([line])
            expect_new = False
    return blocks


def _degree_like(line: str) -> bool:
    return bool(_EDU_DATES.search(line) or " · " in line or ", " in line or DEGREE.search(line))


def _degree_line(line: str, item: dict[str, Any]) -> None:
    """``Degree, Field · (start - end)`` into studyType, area and dates (at the precision written)."""
    match = _EDU_DATES.search(line)
    if match:
        line = line[:match.start()].strip()
        first = dates.parse_human(match["start"])
        last = dates.parse_human(match["end"]) if match["end"] and match["end"] != "Present" else None
        if match["end"] is None:
            first, last = None, first
        for key, value in (("startDate", first), ("endDate", last)):
            if value:
                item[key] = value
    degree, comma, area = line.partition(", ")
    if comma:
        item["studyType"], item["area"] = degree.strip(), area.strip()
    elif degree.strip():
        item["studyType" if DEGREE.search(degree) else "area"] = degree.strip()


#: PDF limits: a "Save to PDF" profile has a handful of pages of some kilobytes each; a page count or a page


def read_text(text: str, source: str | None) -> tuple[dict[str, Any], list[Loss]]:
    """The document and the losses for profile text; blank text is an empty profile."""
    if not text.strip():
        return {}, []
    reader = _Reader(_prepare(text), source)
    return reader.read(), reader.report.items
