"""LinkedIn profile text: the sections of a LinkedIn profile as its "Save to PDF" shows them, written as plain text
to paste field by field, and read back from that text, from pdftotext/pypdf extractions, or from the PDF itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import dates, ids
from ..core.errors import InputError, UnsafeInputError, UsageError
from ..core.fileio import decode_text
from ..core.losses import LossReport, covered, differences, pointer
from . import ReadResult, WriteResult
from ._contract import Option
from ._linkedin_common import (
    PROFICIENCIES,
    WORKPLACE_LABELS,
    WORKPLACES,
    Coverage,
    basics_location,
    duration,
    month_index,
    month_text,
    parse_duration,
    proficiency,
    split_description,
    today_iso,
    work_location,
)

SIDEBAR = ("Contact", "Top Skills", "Languages", "Certifications", "Honors-Awards", "Publications", "Patents")
MAIN = ("Summary", "Experience", "Education")

# ---------------------------------------------------------------------------------------------------- writer

#: Why a field stays behind, by its generic path ("*" for any index); the default covers everything else.
_REASONS = {
    "$schema": "not part of a LinkedIn profile",
    "basics/image": "LinkedIn's photo is uploaded, not given as a URL",
    "basics/metrics": "LinkedIn has no field for citation metrics",
    "basics/location/address": "LinkedIn shows only city, region and country",
    "basics/location/postalCode": "LinkedIn shows only city, region and country",
    "basics/profiles/*/network": "LinkedIn labels websites only Personal, Company, Blog, Portfolio or Other",
    "work/*/url": "a LinkedIn position links the company page, not a URL",
    "work/*/description": "a LinkedIn position has no company description",
    "work/*/employmentType": "LinkedIn's profile text shows no employment type",
    "education/*/url": "LinkedIn's profile text shows no school URL",
    "education/*/location": "LinkedIn's profile text shows no school location",
    "education/*/score": "LinkedIn's profile text shows no grade",
    "awards/*/date": "LinkedIn's profile text lists honour titles only",
    "awards/*/dates": "LinkedIn's profile text lists honour titles only",
    "awards/*/awarder": "LinkedIn's profile text lists honour titles only",
    "awards/*/summary": "LinkedIn's profile text lists honour titles only",
    "awards/*/amount": "LinkedIn's profile text lists honour titles only",
    "awards/*/selectivity": "LinkedIn's profile text lists honour titles only",
    "awards/*/host": "LinkedIn's profile text lists honour titles only",
    "certificates/*/date": "LinkedIn's profile text lists certification names only",
    "certificates/*/url": "LinkedIn's profile text lists certification names only",
    "certificates/*/issuer": "LinkedIn's profile text lists certification names only",
    "skills/*/level": "LinkedIn skills have no level",
    "skills/*/keywords": "LinkedIn skills have no keywords",
    "languages/*/fluency": "no LinkedIn proficiency level matches this fluency (none is guessed)",
    "languages/*/cefr": "LinkedIn has no CEFR levels",
    "volunteer": "LinkedIn's profile text has no volunteering section",
    "projects": "LinkedIn's profile text has no projects section",
    "interests": "LinkedIn has no interests section",
    "references": "recommendations are written by others on LinkedIn",
    "meta": "not part of a LinkedIn profile (LinkedIn has no section for mentees, publication overviews or sources)",
}
#: Position fields written as labelled description lines (as LinkedIn users do) and read back from them.
_DESCRIPTION_FIELDS = (("department", "Team"), ("project", "Project"))
_PUBLICATION_REASON = "LinkedIn's profile text lists publication titles only"
_EDU_REASON = "LinkedIn's profile text shows only school, degree, field and dates"
#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("today", str, None, "the date 'Present' is measured to, YYYY-MM[-DD]; default the real date"),
)
_DEFAULT_REASON = "LinkedIn's profile has no field for it"


@dataclass
class _Writer:
    doc: dict[str, Any]
    today: str
    report: LossReport = field(default_factory=LossReport)
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        reasons = dict(_REASONS)
        for name in ("authors", "venue", "type", "status", "doi", "arxiv", "volume", "issue", "pages", "notes",
                     "group", "publisher", "releaseDate", "url", "summary"):
            reasons[f"publications/*/{name}"] = _PUBLICATION_REASON
        for name in ("department", "status", "advisors", "committee", "researchAreas", "thesis", "courses"):
            reasons[f"education/*/{name}"] = _EDU_REASON
        self.cover = Coverage(self.doc, self.report, reasons, _DEFAULT_REASON)

    def write(self) -> str:
        self.header()
        self.contact()
        self.skills()
        self.languages()
        self.titles("Certifications", "certificates", "name")
        self.titles("Honors-Awards", "awards", "title")
        self.titles("Publications", "publications", "name")
        self.summary()
        self.experience()
        self.education()
        self.cover.report_rest()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        text = "\n".join(self.lines) + "\n"
        self.check(text)
        return text

    def check(self, text: str) -> None:
        """Read the text back and report what comes back otherwise and no loss names yet (a company name that
        reads as a location, a phone-like headline, ...): the text form cannot tell these apart."""
        try:
            back = _Reader(_prepare(text), None).read()
        except InputError:
            return
        for ptr, gone in differences(self.doc, back):
            if not covered(ptr, self.report):
                reason = "lost: LinkedIn's text form reads this back as something else" if gone else \
                    "LinkedIn's text form reads this back in another form"
                self.report.add(ptr, reason, "loss" if gone else "normalization")

    def section(self, heading: str, body: list[str]) -> None:
        if body:
            self.lines.extend([heading, *map(_escape, body), ""])

    def text(self, *parts: str | int) -> str | None:
        """The string at a document path, marked as carried; None when absent or not text."""
        node = _at(self.doc, *parts)
        if not isinstance(node, str) or not node.strip():
            return None
        self.cover.use(*parts)
        if "\n" not in node:
            return " ".join(node.split())
        return "\n".join(_CONTROL.sub(" ", x).rstrip() for x in node.strip().split("\n"))

    def items(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.doc.get(section)
        return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)] if isinstance(value, list) else []

    def header(self) -> None:
        head = [x for x in (self.text("basics", "name"), self.text("basics", "label"), self.basics_location()) if x]
        if head:
            self.lines.extend([*map(_escape, head), ""])

    def basics_location(self) -> str | None:
        parts = [self.text("basics", "location", key) for key in ("city", "region", "countryCode")]
        return ", ".join(p for p in parts if p) or None

    def contact(self) -> None:
        body = []
        for key, valid, what in (("phone", _PHONE.match, "a phone number"), ("email", _is_email, "an e-mail address")):
            value = _one_line(self.doc, "basics", key)
            if value and valid(value):
                body.append(self.text("basics", key))
            elif value:
                self.report.add(pointer("basics", key), f"not {what} LinkedIn's Contact section can show")
        profiles = self.doc.get("basics", {}).get("profiles") or []
        for i, profile in enumerate(profiles if isinstance(profiles, list) else []):
            if not isinstance(profile, dict):
                continue
            linkedin = str(profile.get("network", "")).lower() == "linkedin"
            url = _one_line(self.doc, "basics", "profiles", i, "url")
            if linkedin and not url and _one_line(self.doc, "basics", "profiles", i, "username"):
                url = f"www.linkedin.com/in/{self.text('basics', 'profiles', i, 'username')}"
            if url:
                self.cover.use("basics", "profiles", i, "url")
                if linkedin:
                    self.cover.use("basics", "profiles", i, "network")
                    if profile.get("username") == _linkedin_slug(url):
                        self.cover.use("basics", "profiles", i, "username")
                body.append(f"{url} ({'LinkedIn' if linkedin else 'Other'})")
        url = _one_line(self.doc, "basics", "url")
        if url:
            body.append(f"{self.text('basics', 'url')} (Personal)")
        orcid = self.text("basics", "orcid")
        if orcid:
            body.append(f"orcid.org/{orcid} (Other)")
        self.section("Contact", body)

    def skills(self) -> None:
        self.section("Top Skills", [x for i, _ in self.items("skills") if (x := self.text("skills", i, "name"))])

    def languages(self) -> None:
        body = []
        for i, item in self.items("languages"):
            name = self.text("languages", i, "language")
            if name is None:
                continue
            level = proficiency(item["fluency"]) if isinstance(item.get("fluency"), str) else None
            if level is not None:
                self.cover.use("languages", i, "fluency")
                name = f"{name} ({PROFICIENCIES[level][1]})"
                if item["fluency"] != PROFICIENCIES[level][0]:
                    self.report.add(pointer("languages", i, "fluency"),
                                    f"written as LinkedIn's level '{PROFICIENCIES[level][1]}'", "normalization")
            body.append(name)
        self.section("Languages", body)

    def titles(self, heading: str, section: str, key: str) -> None:
        self.section(heading, [x for i, _ in self.items(section) if (x := self.text(section, i, key))])

    def summary(self) -> None:
        paragraphs = [self.text("basics", "summary")]
        highlights = self.doc.get("basics", {}).get("researchHighlights")
        for i, item in enumerate(highlights if isinstance(highlights, list) else []):
            if isinstance(item, dict):
                title = self.text("basics", "researchHighlights", i, "title")
                text = self.text("basics", "researchHighlights", i, "summary")
                paragraphs.append(": ".join(x for x in (title, text) if x) or None)
        if any(paragraphs[1:]):
            self.report.add(pointer("basics", "researchHighlights"), "merged into the Summary text", "normalization")
            self.report.add(pointer("basics", "summary"), "research highlights appended as paragraphs",
                            "normalization")
        self.section("Summary", _blank_separated([p for p in paragraphs if p]))

    def experience(self) -> None:
        groups: list[list[tuple[int, dict[str, Any]]]] = []
        for i, item in self.items("work"):
            if groups and groups[-1][0][1].get("name") == item.get("name") and item.get("name"):
                groups[-1].append((i, item))
            else:
                groups.append([(i, item)])
        body: list[str] = []
        for group in groups:
            company = self.text("work", group[0][0], "name")
            body.append(company or "")
            if len(group) > 1:
                body.append(self.tenure([item for _, item in group]))
            for n, (i, _item) in enumerate(group):
                if n:
                    self.text("work", i, "name")
                    body.append("")
                body.extend(self.position(i))
            body.append("")
        self.section("Experience", body[:-1] if body else body)

    def tenure(self, items: list[dict[str, Any]]) -> str:
        """Total time at a company: from the earliest start to the latest end (LinkedIn's group line)."""
        starts = [x["startDate"] for x in items if dates.is_iso(x.get("startDate"))]
        ends = [x.get("endDate") or self.today for x in items if dates.is_iso(x.get("endDate") or self.today)]
        if not starts or not ends:
            return ""
        return duration(min(starts, key=dates.sort_key), max(ends, key=lambda d: dates.sort_key(d, end=True)))

    def position(self, i: int) -> list[str]:
        out = [self.text("work", i, "position") or ""]
        rng = self.range("work", i)
        if rng:
            out.append(rng)
        else:
            self.report.add(pointer("work", i, "startDate"), "a LinkedIn position needs a start date; none written")
        place = self.text("work", i, "location")
        if place and place.lower() in WORKPLACES:
            self.report.add(pointer("work", i), f"location '{place}' is LinkedIn's location type: read back as "
                            "workplaceType", "normalization")
        kind = self.doc["work"][i].get("workplaceType")
        if kind in WORKPLACE_LABELS:
            self.cover.use("work", i, "workplaceType")
            place = f"{place} · {WORKPLACE_LABELS[kind]}" if place else WORKPLACE_LABELS[kind]
        if place:
            out.append(place)
        out.extend(self.description(i))
        return out

    def range(self, section: str, i: int) -> str | None:
        """``September 2025 - Present (3 months)`` for a position, ``2015 - 2019`` for a degree, ``2019`` for a
        degree with only an end; a day is dropped (reported); None without dates."""
        item = self.doc[section][i]
        start, end = (x if dates.is_iso(x) else None for x in (item.get("startDate"), item.get("endDate")))
        for key, value in (("startDate", start), ("endDate", end)):
            if value:
                self.cover.use(section, i, key)
                if dates.precision(value) == "day":
                    self.report.add(pointer(section, i, key), "LinkedIn shows month and year only", "normalization")
        if start is None:
            return month_text(end) if end and section == "education" else None
        shown = f"{month_text(start)} - {month_text(end) if end else 'Present'}"
        if section == "education":
            return shown
        return f"{shown} ({duration(start, end or self.today)})"

    def description(self, i: int) -> list[str]:
        out = []
        for key, label in _DESCRIPTION_FIELDS:
            value = self.text("work", i, key)
            if value:
                out.append(f"{label}: {value}")
                self.report.add(pointer("work", i, key), "written into the description text", "normalization")
        summary = self.text("work", i, "summary")
        if summary:
            out[:0] = summary.splitlines()
        for j, _ in enumerate(self.doc["work"][i].get("highlights") or []):
            value = self.text("work", i, "highlights", j)
            if value:
                out.append(f"• {value}")
        return out

    def education(self) -> None:
        body: list[str] = []
        for i, _item in self.items("education"):
            if body:
                body.append("")
            body.append(self.text("education", i, "institution") or "")
            degree = ", ".join(x for x in (self.text("education", i, "studyType"), self.text("education", i, "area"))
                               if x)
            rng = self.range("education", i)
            if rng:
                degree = f"{degree} · ({rng})" if degree else f"({rng})"
            if degree:
                body.append(degree)
        self.section("Education", body)


def _escape(line: str) -> str:
    """A leading space keeps a text line that reads like a heading or a page footer from being taken for one."""
    return f" {line}" if line in SIDEBAR or line in MAIN or _FOOTER.match(line) else line


def _unescape(line: str) -> str:
    return line[1:] if line[:1] == " " and _escape(line[1:]) != line[1:] else line


def _blank_separated(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs:
        if out:
            out.append("")
        out.extend(paragraph.splitlines())
    return out


def _at(doc: Any, *parts: str | int) -> Any:
    """The value at a document path, or None."""
    node = doc
    for part in parts:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _one_line(doc: dict[str, Any], *parts: str | int) -> str | None:
    """A string at a document path when it is one non-empty line (a URL, phone or e-mail), else None."""
    node = _at(doc, *parts)
    return node.strip() if isinstance(node, str) and node.strip() and "\n" not in node else None


def _is_email(value: str) -> bool:
    return "@" in value and not any(c.isspace() for c in value)


def _linkedin_slug(url: str) -> str | None:
    match = re.search(r"linkedin\.com/in/([^/?#\s]+)/?$", url)
    return match.group(1) if match else None


def write(doc: dict[str, Any], *, format: str = "linkedin", today: str | date | None = None, **_: Any) -> WriteResult:
    """Write the profile text; ``today`` (YYYY-MM[-DD], default the real date) is what "Present" is measured to."""
    try:
        now = today_iso(today)
    except ValueError as err:
        raise UsageError(str(err)) from None
    writer = _Writer(doc, now)
    return WriteResult(writer.write().encode("utf-8"), writer.report.items)

# ---------------------------------------------------------------------------------------------------- reader

_FOOTER = re.compile(r"^Page \d+ of \d+\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_DATE = r"(?:[A-Z][a-z]+\s+)?\d{4}"
_RANGE = re.compile(rf"^(?P<start>{_DATE})\s*[-–]\s*(?P<end>{_DATE}|Present)(?:\s*\((?P<dur>[^)]*)\))?$")
_EDU_DATES = re.compile(rf"(?:\s*·\s*|\s*)\((?P<start>{_DATE})(?:\s*[-–]\s*(?P<end>{_DATE}|Present))?\)$")
_LABEL = re.compile(r"\s*\((?P<label>[A-Za-z][A-Za-z ]*)\)$")
_PHONE = re.compile(r"^[+(]*\d[\d ()./+-]{5,}$")
_LANGUAGE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<level>[^()]+)\))?$")
_CONNECTORS = frozenset(["a", "an", "the", "of", "on", "in", "for", "with", "and", "or", "to", "at", "by",
                         "from", "via", "vs", "-", "–", ":", "&"])
_NAME_PARTICLES = frozenset(["van", "von", "der", "de", "den", "da", "del", "della", "di", "du", "le", "la",
                             "bin", "al", "ter", "ten"])
_DEGREE = re.compile(r"\b(bachelor|master|doctor|ph\.?\s?d|d\.?phil|m\.?sc|b\.?sc|b\.?a|m\.?a|mba|b\.?s|m\.?s|"
                     r"b\.?eng|m\.?eng|diploma|associate|licen[cs]|certificate|habilitation|postdoc)", re.IGNORECASE)
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
    pdf = "\f" in text or any(_FOOTER.match(x) for x in text.splitlines())
    lines: list[str] = []
    after_footer = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\f", "").replace("\u00a0", " ").rstrip()
        if pdf and _FOOTER.match(line.strip()):
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


def _sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]], list[str]]:
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
            if word in names and names.index(word) > seen[column]:
                seen[column] = names.index(word)
                current = bodies.setdefault(word, [])
                order.append(word)
                break
        else:
            current.append(line)
    return top, bodies, order


def _location_like(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 80 or text[-1] in ".;:!?" or re.match(r"^[•·▪*-]", text) or "|" in text:
        return False
    if text.lower() in ("remote", "hybrid", "on-site") or " · " in text:
        return True
    words = re.findall(r"[^\s,]+", text)
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES or w.lower() in ("and", "of", "upon", "am")
               for w in words if len(w) >= 3 and not w[0].isdigit()) and not any(c.isdigit() for c in text)


def _name_like(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 50 or re.search(r"[\d|@:()/]", line) or line.endswith("-"):
        return False
    return all((w[0].isupper() or w.lower() in _NAME_PARTICLES) and w.lower().strip(".,") not in _ROLE_WORDS
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
    return bool(_PHONE.match(_LABEL.sub("", text)) or "@" in text or _LABEL.search(text) or "/" in text
                or text.startswith("www.") or re.search(r"\.[a-z]{2,}$", text))


@dataclass
class _Reader:
    text: _Text
    source: str | None
    report: LossReport = field(default_factory=LossReport)
    doc: dict[str, Any] = field(default_factory=dict)

    def read(self) -> dict[str, Any]:
        top, bodies, order = _sections(self.text.lines)
        preamble = [x for x in top if x.strip()] or _find_preamble(bodies, order)
        if not order and not 0 < len(preamble) <= 3:
            raise InputError("no LinkedIn profile sections (Contact, Experience, Education, ...) found", self.source)
        self.basics(preamble)
        handlers = {"Contact": self.contact, "Top Skills": self.skills, "Languages": self.languages,
                    "Certifications": self.certifications, "Honors-Awards": self.honors,
                    "Publications": self.publications, "Patents": self.patents, "Summary": self.summary,
                    "Experience": self.experience, "Education": self.education}
        for name in order:
            handlers[name](bodies[name])
        return self.doc

    def basics_dict(self) -> dict[str, Any]:
        return self.doc.setdefault("basics", {})

    def basics(self, lines: list[str]) -> None:
        if not lines:
            return
        basics = self.basics_dict()
        basics["name"] = lines[0].strip()
        rest = [x.strip() for x in lines[1:]]
        if rest and _location_like(rest[-1]) and (len(rest) > 1 or "," in rest[-1]):
            basics["location"] = basics_location(rest.pop(), self.report, pointer("basics", "location"))
        if rest:
            basics["label"] = " ".join(rest)

    def contact(self, lines: list[str]) -> None:
        for entry, label in _contact_entries(lines):
            self.contact_entry(entry, label)

    def contact_entry(self, entry: str, label: str | None) -> None:
        basics = self.basics_dict()
        key = (label or "").lower()
        if "@" in entry and " " not in entry and not label:
            basics.setdefault("email", entry)
        elif _PHONE.match(entry):
            basics.setdefault("phone", entry)
            if label:
                self.report.add(pointer("basics", "phone"), f"phone type '{label}' has no field")
        elif key == "personal" and "url" not in basics:
            basics["url"] = _with_scheme(entry)
        elif key == "linkedin" or (not label and "linkedin.com/in/" in entry):
            profile = {"network": "LinkedIn", "url": _with_scheme(entry)}
            slug = _linkedin_slug(entry)
            basics.setdefault("profiles", []).append({**profile, "username": slug} if slug else profile)
        elif re.search(r"orcid\.org/", entry) and ids.is_orcid(entry):
            basics.setdefault("orcid", ids.normalize_orcid(entry))
        elif any(c.isspace() for c in entry):
            self.report.add(pointer("basics"), f"contact line '{entry}' is neither a phone, an e-mail nor a URL")
        else:
            profile = {"url": _with_scheme(entry)}
            if label and key != "other":
                profile = {"network": label, **profile}
            basics.setdefault("profiles", []).append(profile)

    def skills(self, lines: list[str]) -> None:
        self.doc["skills"] = [{"name": x.strip()} for x in lines if x.strip()]

    def languages(self, lines: list[str]) -> None:
        out = []
        for line in _items(lines, False):
            if out and self.text.pdf and line.startswith("("):
                line = f"{out.pop()['language']} {line}"
            match = _LANGUAGE.match(line)
            if not match:
                continue
            item = {"language": match["name"].strip()}
            if match["level"]:
                level = proficiency(match["level"])
                item["fluency"] = PROFICIENCIES[level][0] if level is not None else match["level"].strip()
            out.append(item)
        self.doc["languages"] = out

    def certifications(self, lines: list[str]) -> None:
        self.doc["certificates"] = [{"name": x} for x in _items(lines, self.text.pdf)]

    def honors(self, lines: list[str]) -> None:
        self.doc["awards"] = [{"title": x} for x in _items(lines, self.text.pdf)]

    def publications(self, lines: list[str]) -> None:
        self.doc.setdefault("publications", []).extend({"name": x} for x in _items(lines, self.text.pdf))

    def patents(self, lines: list[str]) -> None:
        self.doc.setdefault("publications", []).extend(
            {"name": x, "type": "patent"} for x in _items(lines, self.text.pdf))

    def summary(self, lines: list[str]) -> None:
        text = _paragraphs(lines) if self.text.pdf else "\n".join(map(_unescape, lines)).strip("\n")
        if text.strip():
            self.basics_dict()["summary"] = text

    def experience(self, lines: list[str]) -> None:
        self.doc["work"] = _Experience(lines, self.text.pdf).parse()

    def education(self, lines: list[str]) -> None:
        out = []
        for block in _education_blocks(lines, self.text.pdf):
            item: dict[str, Any] = {"institution": block[0]}
            if len(block) > 1:
                _degree_line(" ".join(block[1:]), item)
            out.append(item)
        self.doc["education"] = out


def _contact_entries(lines: list[str]) -> list[tuple[str, str | None]]:
    """Contact lines as (value, label) pairs; a wrapped URL or e-mail and a label on its own line are joined."""
    out: list[tuple[str, str | None]] = []
    buffer = ""

    def flush(label: str | None = None) -> None:
        nonlocal buffer
        if buffer:
            out.append((buffer, label))
        elif label and out and out[-1][1] is None:
            out[-1] = (out[-1][0], label)
        buffer = ""

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        match = _LABEL.search(line)
        value = line[:match.start()].strip() if match else line
        if value and buffer and (buffer.endswith(("/", "-")) or ("@" in buffer and _email_tail(value))):
            buffer += value
        elif value:
            flush()
            buffer = value
        if match:
            flush(match["label"])
    flush()
    return out


def _email_tail(value: str) -> bool:
    return " " not in value and "/" not in value and "@" not in value and not value.startswith("www.") \
        and not _PHONE.match(value)


def _with_scheme(url: str) -> str:
    return url if re.match(r"^[a-z]+://", url) else f"https://{url}"


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
    return bool(_EDU_DATES.search(line) or " · " in line or ", " in line or _DEGREE.search(line))


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
        item["studyType" if _DEGREE.search(degree) else "area"] = degree.strip()


class _Experience:
    """Positions from the Experience section: anchored on their date-range lines.

    A company with several roles has a total-tenure line; its roles end where the span from the first role's end
    back to a role's start reaches that tenure. Otherwise the line just above a title is the company."""

    def __init__(self, lines: list[str], pdf: bool):
        self.lines = [x.strip() for x in lines]
        self.pdf = pdf

    def parse(self) -> list[dict[str, Any]]:
        ranges = [i for i, x in enumerate(self.lines) if _RANGE.match(x)]
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
        match = _RANGE.match(line)
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
        if not after or not _location_like(self.lines[after[0]]) or _RANGE.match(self.lines[after[0]]):
            return r
        following = [self.lines[i] for i in after[1:]]
        if following and _RANGE.match(following[0]):
            return r
        if following and parse_duration(following[0]) is not None:
            return r
        if len(following) == 2 and _RANGE.match(following[1]) and not in_group:
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
            key = next((k for k, label in _DESCRIPTION_FIELDS if line.startswith(f"{label}: ")), None)
            if key and key not in item:
                item[key] = line.split(": ", 1)[1].strip()
            else:
                kept.append(line)
        if kept:
            item["summary"] = "\n".join(kept)
        if highlights:
            item["highlights"] = highlights


#: PDF limits: a "Save to PDF" profile has a handful of pages of some kilobytes each; a page count or a page
#: content stream far beyond these is a resource attack (decompression bomb), refused before text extraction.
MAX_PDF_PAGES = 100
MAX_PDF_PAGE_CONTENT = 4 * 1024 * 1024


def _pdf_pages(reader: Any, source: str | None) -> list[Any]:
    """The reader's pages once the page count and each page's decoded content size are within the limits."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise UnsafeInputError(f"the PDF has {count} pages (limit {MAX_PDF_PAGES}); a LinkedIn profile has a few",
                               source)
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PDF_PAGE_CONTENT:
            raise UnsafeInputError(f"page {number} of the PDF expands to {size} bytes of content "
                                   f"(limit {MAX_PDF_PAGE_CONTENT})", source)
    return list(reader.pages)


def _pdf_text(data: bytes, source: str | None) -> str:
    """The text of a LinkedIn PDF, page by page with a form feed between, as pdftotext gives it."""
    import io
    import logging

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a runtime dependency
        raise InputError("reading a PDF needs pypdf (pip install pypdf)", source) from None
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)  # pypdf logs its repairs of broken files; the user gets one line or none
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted", source)
        return "\f".join((page.extract_text() or "") + "\n" for page in _pdf_pages(reader, source))
    except InputError:
        raise
    except Exception as err:  # pypdf raises many types on broken files
        raise InputError(f"cannot read the PDF: {' '.join(str(err).split()) or type(err).__name__}", source) from None
    finally:
        log.setLevel(level)


def probe(data: bytes) -> bool:
    """For detection when other formats also match: any PDF the Europass formats did not claim is taken as a
    LinkedIn "Save to PDF" profile (the reader then says plainly if its text is not one)."""
    return True


def read(data: bytes, *, source: str | None = None, format: str = "linkedin", **_: Any) -> ReadResult:
    """Read LinkedIn profile text (this format's own output, or pdftotext/pypdf text of "Save to PDF"), or the PDF.

    Blank text is an empty profile (what this writer makes of an empty document)."""
    text = _pdf_text(data, source) if data.lstrip()[:5] == b"%PDF-" else decode_text(data, source)
    if not text.strip():
        return ReadResult({})
    reader = _Reader(_prepare(text), source)
    return ReadResult(reader.read(), reader.report.items)
