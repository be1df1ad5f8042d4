"""LinkedIn profile text writer: the sections of a profile as LinkedIn's "Save to PDF" shows them, as plain text to
paste into LinkedIn's forms field by field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...core import dates
from ...core.errors import UsageError
from ...core.losses import Coverage, LossReport, pointer
from .. import WriteResult
from .._linkedin_common import (
    PROFICIENCIES,
    WORKPLACE_LABELS,
    WORKPLACES,
    duration,
    month_text,
    proficiency,
    today_iso,
)
from .entries import PHONE, is_email, linkedin_slug
from .experience import DESCRIPTION_FIELDS
from .reader import (
    AWARD_FIELDS,
    CERTIFICATE_FIELDS,
    CONTROL,
    PROJECT_FIELDS,
    PUBLICATION_FIELDS,
    VOLUNTEER_FIELDS,
    escape,
)

#: Why a field stays behind, by its generic path ("*" for any index); the default covers everything else.
#: Runs of ASCII white space (what folding touches; str.split() would also fold non-breaking spaces).
_ASCII_SPACE = re.compile(r"[ \t\r\v\f]+")
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
    "awards/*/dates": "LinkedIn's honour form has one issue date",
    "awards/*/amount": "LinkedIn's honour form has no field for it",
    "awards/*/selectivity": "LinkedIn's honour form has no field for it",
    "awards/*/host": "LinkedIn's honour form has no field for it",
    "skills/*/level": "LinkedIn skills have no level",
    "skills/*/keywords": "LinkedIn skills have no keywords",
    "languages/*/fluency": "no LinkedIn proficiency level matches this fluency (none is guessed)",
    "languages/*/cefr": "LinkedIn has no CEFR levels",
    "interests": "LinkedIn has no interests section",
    "references": "recommendations are written by others on LinkedIn",
    "meta": "not part of a LinkedIn profile (LinkedIn has no section for mentees, publication overviews or sources)",
}
_PUBLICATION_REASON = "LinkedIn's publication form has no field for it"
_EDU_REASON = "LinkedIn's profile text shows only school, degree, field and dates"
_DEFAULT_REASON = "LinkedIn's profile has no field for it"


@dataclass
class _Writer:
    doc: dict[str, Any]
    today: str
    report: LossReport = field(default_factory=LossReport)
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        reasons = dict(_REASONS)
        for name in ("type", "status", "doi", "arxiv", "volume", "issue", "pages", "notes", "group"):
            reasons[f"publications/*/{name}"] = _PUBLICATION_REASON
        for name in ("department", "status", "advisors", "committee", "researchAreas", "thesis", "courses"):
            reasons[f"education/*/{name}"] = _EDU_REASON
        self.cover = Coverage(_DEFAULT_REASON, reasons)

    def write(self) -> str:
        self.header()
        self.contact()
        self.skills()
        self.languages()
        self.records("Certifications", "certificates", "name", CERTIFICATE_FIELDS)
        self.records("Honors-Awards", "awards", "title", AWARD_FIELDS)
        self.records("Publications", "publications", "name", PUBLICATION_FIELDS)
        self.summary()
        self.experience()
        self.education()
        self.records("Volunteering", "volunteer", "organization", VOLUNTEER_FIELDS)
        self.records("Projects", "projects", "name", PROJECT_FIELDS)
        self.required()
        self.limits()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        text = "\n".join(self.lines) + "\n"
        return text

    def section(self, heading: str, body: list[str]) -> None:
        if body:
            self.lines.extend([heading, *map(escape, body), ""])

    def text(self, *parts: str | int) -> str | None:
        """The string at a document path, marked as carried; None when absent or not text."""
        node = _at(self.doc, *parts)
        if not isinstance(node, str) or not node.strip():
            return None
        self.cover.use(*parts)
        if "\n" not in node:
            return _ASCII_SPACE.sub(" ", node).strip(" ")  # a non-breaking space is kept, not folded
        return "\n".join(CONTROL.sub(" ", x).rstrip() for x in node.strip().split("\n"))

    def items(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.doc.get(section)
        return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)] if isinstance(value, list) else []

    def header(self) -> None:
        head = [x for x in (self.text("basics", "name"), self.text("basics", "label"), self.basics_location()) if x]
        if head:
            self.lines.extend([*map(escape, head), ""])

    def basics_location(self) -> str | None:
        parts = [self.text("basics", "location", key) for key in ("city", "region", "countryCode")]
        if parts[0] and parts[1] and not parts[2]:
            self.report.add(pointer("basics", "location", "region"), "written as 'City, Region'; LinkedIn's text "
                            "reads a place of two parts as city and country", "normalization")
        return ", ".join(p for p in parts if p) or None

    def contact(self) -> None:
        body: list[str] = []
        for key, valid, what in (("phone", PHONE.match, "a phone number"), ("email", is_email, "an e-mail address")):
            value = _one_line(self.doc, "basics", key)
            shown = self.text("basics", key) if value and valid(value) else None
            if shown:
                body.append(shown)
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
                    if profile.get("username") == linkedin_slug(url):
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

    def records(self, heading: str, section: str, key: str, fields: tuple[tuple[str, str], ...]) -> None:
        """One item a line, its other fields under it as ``  Label: value`` in the order of LinkedIn's form."""
        body: list[str] = []
        for i, item in self.items(section):
            name = self.text(section, i, key)
            if name is None:
                continue
            body.append(name)
            for label, field_name in fields:
                value = self.field(section, i, item, field_name)
                if value:
                    first, *rest = value.split("\n")
                    body.append(f"  {label}: {first}")
                    body.extend(f"    {x}" for x in rest)
        self.section(heading, body)

    def field(self, section: str, i: int, item: dict[str, Any], name: str) -> str | None:
        """A record's field as one text value (dates as LinkedIn shows them, authors joined by '; ')."""
        value = item.get(name)
        date = dates.date_of(value) if name in dates.date_fields() else None
        if date is not None:
            self.cover.use(section, i, name)
            if date.precision == "day":
                self.report.add(pointer(section, i, name), "LinkedIn shows month and year only", "normalization")
            return month_text(date.iso)
        if name == "authors" and isinstance(value, list):
            names = [a.get("name") for a in value if isinstance(a, dict)]
            if not names or not all(isinstance(n, str) and n.strip() and ";" not in n for n in names):
                return None
            shown = [" ".join(str(n).split()) for n in names]
            for j, author in enumerate(value):
                self.cover.use(section, i, name, j, "name")
                if set(author) - {"name"}:
                    self.report.add(pointer(section, i, name, j), "LinkedIn's author list holds names only")
                    for key in author:
                        self.cover.use(section, i, name, j, key)
            return "; ".join(shown)
        if name == "highlights" and isinstance(value, list):
            texts = [t for j, _ in enumerate(value) if (t := self.text(section, i, name, j))]
            return "\n".join(f"• {t}" for t in texts) or None
        return self.text(section, i, name)

    def required(self) -> None:
        """LinkedIn's profile form requires a headline and a location. Reported as a normalization: nothing of
        the CV is lost, but LinkedIn will not save the profile as it is (the same for the length limits)."""
        basics = self.doc.get("basics")
        if not isinstance(basics, dict) or not self.doc:
            return
        if not (isinstance(basics.get("label"), str) and basics["label"].strip()):
            self.report.add(pointer("basics", "label"), "missing: LinkedIn requires a headline", "normalization")
        location = basics.get("location")
        if not (isinstance(location, dict) and any(location.get(k) for k in ("city", "region", "countryCode"))):
            self.report.add(pointer("basics", "location"), "missing: LinkedIn requires a location",
                            "normalization")

    def limits(self) -> None:
        """Report text longer than LinkedIn's fields take (the text is written whole; LinkedIn would cut it)."""
        checks: list[tuple[list[str | int], int, str]] = [
            (["basics", "label"], 220, "headline"), (["basics", "summary"], 2600, "About section")]
        for i, _ in self.items("work"):
            checks.append((["work", i, "position"], 100, "position title"))
        for where, limit, what in checks:
            value = _at(self.doc, *where)
            if isinstance(value, str) and len(value) > limit:
                self.report.add(pointer(*where), f"{len(value)} characters: LinkedIn's {what} takes at most {limit}",
                                "normalization")
        for i, item in self.items("work"):
            parts = [item.get("summary"), *(item.get("highlights") or [])]
            size = len("\n".join(x for x in parts if isinstance(x, str)))
            if size > 2000:
                self.report.add(pointer("work", i), f"the description is {size} characters: LinkedIn's position "
                                "description takes at most 2000", "normalization")

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
        starts = [d.iso for x in items if (d := dates.date_of(x.get("startDate")))]
        ends = [d.iso for x in items if (d := dates.date_of(x.get("endDate") or self.today))]
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
        read = {key: dates.read_date(item.get(key)) for key in ("startDate", "endDate")}
        start, end = read["startDate"].iso, read["endDate"].iso
        for key, value in (("startDate", start), ("endDate", end)):
            if value:
                self.cover.use(section, i, key)
                if dates.precision(value) == "day":
                    self.report.add(pointer(section, i, key), "LinkedIn shows month and year only", "normalization")
        if start is None:
            return month_text(end) if end and section == "education" else None
        if read["endDate"].state == "unreadable":
            # never "Present": an end date that cannot be read is not an ongoing position
            self.report.add(pointer(section, i, "endDate"), f"'{read['endDate'].text}' is not a date: the range "
                            "is written with the start alone and no 'Present'")
            return month_text(start)
        shown = f"{month_text(start)} - {month_text(end) if end else 'Present'}"
        if section == "education":
            return shown
        return f"{shown} ({duration(start, end or self.today)})"

    def description(self, i: int) -> list[str]:
        out = []
        for key, label in DESCRIPTION_FIELDS:
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



def write_text(doc: dict[str, Any], today: str | date | None) -> WriteResult:
    """The profile text and its losses; ``today`` is what "Present" is measured to."""
    try:
        now = today_iso(today)
    except ValueError as err:
        raise UsageError(str(err)) from None
    writer = _Writer(doc, now)
    return WriteResult(writer.write().encode("utf-8"), writer.report.items, coverage=writer.cover)
