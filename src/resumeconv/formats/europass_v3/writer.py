"""The SkillsPassport writer: output that validates against the official v3.4 XSD."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from typing import Any

from lxml import etree

from ...core import languages, places
from ...core.dates import date_of
from ...core.errors import UsageError
from ...core.losses import LossReport, pointer
from .. import WriteResult
from .._europass import fields, names, prepare, publications, richtext, sections
from .model import (
    ACHIEVEMENTS,
    AUTHORS_REASON,
    CEFR_TAGS,
    COUNTRIES,
    COUNTRY_TO_V3,
    EMAIL,
    NATIVE,
    NS,
    SCHEMA_LOCATION,
    TARGET,
    XSI,
    language_code,
)


def _el(parent: Any, tag: str, text: str | None = None, /, **attrs: str) -> Any:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _path(parent: Any, *tags: str) -> Any:
    for name in tags:
        parent = _el(parent, name)
    return parent


def _date(parent: Any, name: str, value: str | None) -> None:
    """A v3 date: attributes year, month='--MM', day='---DD', at the precision the document has."""
    date = date_of(value)
    if date is None:
        return
    attrs = {"year": f"{date.year:04d}"}
    if date.month is not None:
        attrs["month"] = f"--{date.month:02d}"
    if date.day is not None:
        attrs["day"] = f"---{date.day:02d}"
    _el(parent, name, **attrs)


def write(doc: dict[str, Any], *, format: str = "europass-v3", language: str | None = None,
          created: str | None = None, **_: Any) -> WriteResult:
    """The SkillsPassport XML of ``doc``.

    ``language`` is the required ``locale``: by default the document's (``meta.language``, else its text), else
    ``en`` with a note. ``created`` is the document timestamp v3 requires (ISO date-time); by default
    meta.lastModified, else now.
    """
    if language is not None and not re.fullmatch(r"[a-zA-Z]{2}(-[a-zA-Z]{3})?", language):
        raise UsageError(f"language '{language}' is not a v3 locale (two letters, e.g. en or sr-lat)")
    if created is not None and _timestamp(created, now=False) is None:
        raise UsageError(f"created '{created}' is not an ISO date-time such as 2025-11-03T00:00:00Z")
    report = LossReport()
    if language is None:
        language = languages.detect(doc)
        if language is None:
            language = "en"
            report.add("", "the CV's language is not in meta.language and its text does not show it clearly: "
                       "written with locale en, which v3 requires (set it with -O language=xx)", "normalization")
    writer = _Writer(prepare.prepare(doc, report, TARGET), report)
    root = writer.build(language, created)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return WriteResult(data, report.items)


class _Writer:
    def __init__(self, doc: dict[str, Any], report: LossReport):
        self.doc = doc
        self.report = report

    def build(self, language: str, created: str | None) -> Any:
        nsmap: Any = {None: NS, "xsi": XSI}  # lxml: the None key is the default namespace
        root = etree.Element(f"{{{NS}}}SkillsPassport", nsmap=nsmap, locale=language)
        root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        meta = prepare.obj(self.doc.get("meta"))
        stamp = _timestamp(created) if created else _timestamp(meta.get("lastModified"))
        info = _el(root, "DocumentInfo")
        for name, value in (("DocumentType", "ECV"), ("CreationDate", stamp), ("LastUpdateDate", stamp),
                            ("XSDVersion", "V3.4"), ("Generator", "resumeconv")):
            _el(info, name, value)
        learner = _el(root, "LearnerInfo")
        basics = prepare.obj(self.doc.get("basics"))
        self._identification(learner, basics)
        self._headline(learner, basics)
        self._list(learner, "WorkExperienceList", "work", self._work)
        self._list(learner, "EducationList", "education", self._education)
        self._skills(learner)
        self._achievements(learner)
        self._leftovers(basics, meta)
        return root

    def _headline(self, learner: Any, basics: dict[str, Any]) -> None:
        """The one v3 headline: the label when there is one, else the summary as a personal statement."""
        if basics.get("label"):
            _el(_path(learner, "Headline", "Description"), "Label", basics["label"])
            if basics.get("summary"):
                self.report.add("/basics/summary", "v3 has one headline, taken by the label: no place for the "
                                "summary")
        elif basics.get("summary"):
            headline = _el(learner, "Headline")
            _el(_el(headline, "Type"), "Code", "personal_statement")
            _el(_el(headline, "Description"), "Label", basics["summary"])

    def _list(self, learner: Any, tag: str, key: str, fn: Any) -> None:
        items = self.doc.get(key) or []
        if items:
            parent = _el(learner, tag)
            for i, item in enumerate(items):
                fn(parent, item, pointer(key, i))

    def _leftovers(self, basics: dict[str, Any], meta: dict[str, Any]) -> None:
        done = {"basics", "work", "education", "languages", "skills", "meta", "publications", "projects", "awards",
                "volunteer", "certificates", "interests", "references"}
        for key in self.doc:
            if key not in done:
                self.report.add(pointer(key), f"{TARGET} has no section for it")
        for key in basics:
            if key not in ("name", "label", "email", "phone", "url", "orcid", "profiles", "location", "summary",
                           "metrics", "researchHighlights"):
                reason = "the v3 photo must be embedded image data, not a link" if key == "image" else \
                    f"{TARGET} has no field for it"
                self.report.add(pointer("basics", key), reason)
        for key in meta:
            if key not in ("mentees", "publicationsOverview"):
                self.report.add(pointer("meta", key), f"{TARGET} has no place for document metadata")

    # -------------------------------------------------------- person

    def _identification(self, learner: Any, basics: dict[str, Any]) -> None:
        ident = _el(learner, "Identification")
        given, family = names.split_name(str(basics.get("name") or ""))
        name = _el(ident, "PersonName")
        if given:
            _el(name, "FirstName", given)
        _el(name, "Surname", family)
        contact = _el(ident, "ContactInfo")
        self._address(contact, prepare.obj(basics.get("location")))
        if basics.get("email") and EMAIL.fullmatch(basics["email"]):
            _el(_el(contact, "Email"), "Contact", basics["email"])
        elif basics.get("email"):
            self.report.add("/basics/email", "v3 accepts only addresses of the form name@domain.tld")
        if basics.get("phone"):
            _el(_path(contact, "TelephoneList", "Telephone"), "Contact", basics["phone"])
        sites: list[tuple[str, str | None]] = []
        if basics.get("url"):
            sites.append((basics["url"], None))
        if basics.get("orcid"):
            sites.append((f"https://orcid.org/{basics['orcid']}", "ORCID"))
            self.report.add("/basics/orcid", "written as the website https://orcid.org/<iD>", "normalization")
        for i, profile in enumerate(basics.get("profiles") or []):
            ptr = pointer("basics", "profiles", i)
            if profile.get("url"):
                sites.append((profile["url"], profile.get("network")))
            else:
                self.report.add(ptr, f"{TARGET} keeps a profile only as a website, and this one has no URL")
            for key in profile:
                if key not in ("url", "network"):
                    self.report.add(f"{ptr}/{key}", f"{TARGET} keeps only the profile's address and network")
        if sites:
            web = _el(contact, "WebsiteList")
            for url, label in sites:
                site = _el(web, "Website")
                _el(site, "Contact", url)
                if label:
                    _el(_el(site, "Use"), "Label", label)
        if not len(contact):
            ident.remove(contact)

    def _address(self, contact: Any, loc: dict[str, Any]) -> None:
        tags = {"address": "AddressLine", "postalCode": "PostalCode", "city": "Municipality"}
        for key in loc:
            if key not in (*tags, "countryCode"):
                self.report.add(pointer("basics", "location", key), f"{TARGET} addresses have no such field")
        if not any(loc.get(k) for k in (*tags, "countryCode")):
            return
        box = _path(contact, "Address", "Contact")
        for key, tag in tags.items():
            if loc.get(key):
                _el(box, tag, loc[key])
        raw = str(loc.get("countryCode") or "")
        iso = places.country_code(raw) if raw else None
        code = COUNTRY_TO_V3.get(iso or "", iso or raw.upper())
        if code in COUNTRIES:
            _el(_el(box, "Country"), "Code", code)
            if iso and iso != raw:
                self.report.add("/basics/location/countryCode", f"written as the ISO code {iso}", "normalization")
        elif code:
            self.report.add("/basics/location/countryCode", "not one of the country codes the v3 schema lists")

    # -------------------------------------------------------- experience

    def _period(self, parent: Any, start: str | None, end: str | None, current: bool | None) -> None:
        if not (start or end or current is not None):
            return
        period = _el(parent, "Period")
        _date(period, "From", start)
        _date(period, "To", end)
        if current is not None:
            _el(period, "Current", "true" if current else "false")

    def _organisation(self, parent: Any, tag: str, name: str | None, place: str | None, url: str | None) -> None:
        if not (name or place or url):
            return
        org = _el(parent, tag)
        if name:
            _el(org, "Name", name)
        if place or url:
            info = _el(org, "ContactInfo")
            if place:
                _el(_path(info, "Address", "Contact"), "Municipality", place)
            if url:
                _el(_el(info, "Website"), "Contact", url)

    def _work(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        node = _el(parent, "WorkExperience")
        self._period(node, item.get("startDate"), item.get("endDate"), not item.get("endDate"))
        if item.get("position"):
            _el(_el(node, "Position"), "Label", item["position"])
        mapped = {"startDate", "endDate", "position", "name", "location", "url"}
        activities = fields.rich_text(item, ptr, mapped, "summary", "highlights", self.report, TARGET)
        if activities:
            _el(node, "Activities", activities)
        self._organisation(node, "Employer", item.get("name"), item.get("location"), item.get("url"))

    def _education(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        node = _el(parent, "Education")
        ongoing = None if item.get("endDate") or not (item.get("startDate") or item.get("status") in (
            "in-progress", "candidate")) else True
        self._period(node, item.get("startDate"), item.get("endDate"), ongoing)
        if item.get("studyType"):
            _el(node, "Title", item["studyType"])
        mapped = {"startDate", "endDate", "studyType", "institution", "location", "url", "area"}
        activities = fields.rich_text(item, ptr, mapped, None, None, self.report, TARGET)
        if activities:
            _el(node, "Activities", activities)
        self._organisation(node, "Organisation", item.get("institution"), item.get("location"), item.get("url"))
        if item.get("area"):
            _el(_el(node, "Field"), "Label", item["area"])

    # -------------------------------------------------------- skills

    def _skills(self, learner: Any) -> None:
        spoken = self.doc.get("languages") or []
        skills = self.doc.get("skills") or []
        if not (spoken or skills):
            return
        node = _el(learner, "Skills")
        if spoken:
            self._languages(_el(node, "Linguistic"), spoken)
        if skills:
            lines = []
            for i, skill in enumerate(skills):
                ptr = pointer("skills", i)
                keywords = [k for k in skill.get("keywords") or [] if isinstance(k, str)]
                lines.append(f"{skill.get('name', '')}: {fields.LIST_SEP.join(keywords)}" if keywords
                             else str(skill.get("name", "")))
                for key in skill:
                    if key not in ("name", "keywords"):
                        reason = "v3 has no skill levels" if key == "level" else f"{TARGET} has no field for it"
                        self.report.add(f"{ptr}/{key}", reason)
            self.report.add("/skills", "written as the free text of job-related skills", "normalization")
            _el(_el(node, "JobRelated"), "Description", richtext.to_html(bullets=lines))

    def _languages(self, node: Any, spoken: list[dict[str, Any]]) -> None:
        mother = [(i, x) for i, x in enumerate(spoken) if sections.is_mother_tongue(x)]
        foreign = [(i, x) for i, x in enumerate(spoken) if (i, x) not in mother]
        if mother:
            parent = _el(node, "MotherTongueList")
            for i, lang in mother:
                self._language(_path(parent, "MotherTongue", "Description"), lang.get("language", ""), True)
                if lang["fluency"] != NATIVE:
                    self.report.add(pointer("languages", i, "fluency"),
                                    f"written as a mother tongue; reads back as '{NATIVE}'", "normalization")
                self._language_losses(lang, pointer("languages", i), ("language", "fluency"))
        if foreign:
            parent = _el(node, "ForeignLanguageList")
            for i, lang in foreign:
                entry = _el(parent, "ForeignLanguage")
                self._language(_el(entry, "Description"), lang.get("language", ""), False)
                cefr = prepare.obj(lang.get("cefr"))
                levels = [(d, str(cefr.get(d) or "").upper()) for d in languages.CEFR_DIMENSIONS]
                if any(level in languages.CEFR_LEVELS for _, level in levels):
                    prof = _el(entry, "ProficiencyLevel")
                    for dim, level in levels:
                        if level in languages.CEFR_LEVELS:
                            _el(prof, CEFR_TAGS[dim], level)
                ptr = pointer("languages", i)
                for dim, level in levels:
                    if cefr.get(dim) and level not in languages.CEFR_LEVELS:
                        self.report.add(f"{ptr}/cefr/{dim}", "not a CEFR level (A1..C2)")
                self._language_losses(lang, ptr, ("language", "cefr"))

    def _language(self, description: Any, text: str, mother: bool) -> None:
        """The language's code where the XSD's list has it (the same language codec as the Candidate writer), and
        its name as the CV writes it: the label is what reads back."""
        coded = language_code(text, mother)
        if coded:
            _el(description, "Code", coded[0])
        _el(description, "Label", text)

    def _language_losses(self, lang: dict[str, Any], ptr: str, mapped: tuple[str, ...]) -> None:
        for key in lang:
            if key not in mapped:
                reason = "v3 keeps language levels only as CEFR levels" if key == "fluency" else \
                    f"{TARGET} has no field for it"
                self.report.add(f"{ptr}/{key}", reason)

    # -------------------------------------------------------- achievements

    def _achievements(self, learner: Any) -> None:
        for key, first, what in (("projects", sections.is_talk, "conferences and projects"),
                                 ("volunteer", sections.is_volunteering, "volunteering and memberships")):
            sections.order_note(self.doc.get(key) or [], first, pointer(key), self.report, TARGET, what)
        sections.order_note(self.doc.get("languages") or [], sections.is_mother_tongue, "/languages", self.report,
                          TARGET, "mother tongues and foreign languages")
        blocks = []
        for where, code, label, title_key, date_keys, text_key in ACHIEVEMENTS:
            entries = self._entries(where)
            intro = self._intro(where)
            if not entries and not intro:
                continue
            items = [self._entry(item, ptr, where, title_key, date_keys, text_key) for ptr, item in entries]
            blocks.append((code, label, richtext.to_html([intro] if intro else []) + _ol(items)))
        if blocks:
            parent = _el(learner, "AchievementList")
            for code, label, description in blocks:
                node = _el(parent, "Achievement")
                title = _el(node, "Title")
                if code:
                    _el(title, "Code", code)
                _el(title, "Label", label)
                _el(node, "Description", description)

    def _intro(self, where: str) -> str | None:
        meta = prepare.obj(self.doc.get("meta"))
        if where == "publications" and meta.get("publicationsOverview"):
            self.report.add("/meta/publicationsOverview", "written as the introduction of the publications "
                            "achievement", "normalization")
            return str(meta["publicationsOverview"])
        return None

    def _entries(self, where: str) -> list[tuple[str, dict[str, Any]]]:
        path, _, kind = where.partition("#")
        parts = path.split("/")
        parent = self.doc.get(parts[0]) if len(parts) > 1 else self.doc
        items = (parent or {}).get(parts[-1]) if isinstance(parent, dict) else None
        out = []
        for i, item in enumerate(items or []):
            if not isinstance(item, dict):
                continue
            if parts[0] == "projects" and sections.is_talk(item) != (kind == "talks"):
                continue
            if parts[0] == "volunteer" and sections.is_volunteering(item) == (kind == "service"):
                continue
            out.append((pointer(*parts, i), item))
        return out

    def _entry(self, item: dict[str, Any], ptr: str, where: str, title_key: str, date_keys: tuple[str, ...],
               text_key: str | None) -> str:
        item = dict(item)
        if isinstance(item.get("authors"), list):
            publications.author_losses(item["authors"], f"{ptr}/authors", {"equalContribution"}, self.report, TARGET)
            item["authors"] = publications.author_names(item["authors"])
        if isinstance(item.get("affiliations"), list):
            item["affiliations"] = [fields.affiliation_text(a) for a in item["affiliations"] if isinstance(a, dict)]
        title = item.get(title_key)
        dates = [item[k] for k in date_keys if item.get(k)]
        head = f"<strong>{html.escape(title, quote=False)}</strong>" if isinstance(title, str) and title else ""
        if dates:
            head += f" ({' – '.join(dates)})"
        for key in date_keys:
            if item.get(key):
                self.report.add(f"{ptr}/{key}", "v3 has no dates on achievements: written as text after the title",
                                "normalization")
        body = fields.rich_text(item, ptr, {title_key, *date_keys}, text_key, "highlights", self.report, TARGET,
                                AUTHORS_REASON)
        return head + body


def _ol(items: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>" if items else ""


def _timestamp(value: Any, *, now: bool = True) -> str | None:
    """An xsd:dateTime for ``value`` (ISO date-time, UTC when it names no zone); else now, or None."""
    if isinstance(value, str):
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            stamp = None
        if stamp is not None and "T" in value:
            stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
            return stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if now else None
