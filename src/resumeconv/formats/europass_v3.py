"""Europass CV XML v3 (``SkillsPassport``, official XSD v3.4), read and written.

The writer's output validates against the official XSD. v3 has structure for the person, work, education and
languages only; every academic section becomes one ``Achievement`` (code ``publications``, ``honors_awards``,
``conferences``, ``memberships``, ``citations``..., or a custom label) whose description lists its entries as
escaped HTML, the way the official examples store rich text. Each entry is ``<strong>title</strong> (dates)``
followed by its other fields as labelled lines, which our reader takes back. The reader is lenient: it accepts
the official examples and real exports that do not validate against their own XSD.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from typing import Any

from lxml import etree

from ..core.errors import InputError, UsageError
from ..core.losses import LossReport, pointer
from . import ReadResult, WriteResult
from . import _europass_common as common
from ._contract import Option
from ._europass_common import put
from ._europass_xml import Tree, parse, pdf_root

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("language", str, "en", "the CV's locale: two letters, e.g. en, or sr-lat"),
    Option("created", str, None, "the document timestamp (ISO date-time); default meta.lastModified, else now"),
)
NS = "http://europass.cedefop.europa.eu/Europass"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://europass.cedefop.europa.eu/xml/v3.4.0/EuropassSchema.xsd"
TARGET = "Europass v3"
#: The fluency a mother tongue reads back with.
NATIVE = "Native speaker"
#: ISO 3166 codes that Europass v3 writes its own way.
COUNTRY_TO_V3 = {"GB": "UK", "GR": "EL"}
COUNTRY_FROM_V3 = {v: k for k, v in COUNTRY_TO_V3.items()}
#: The country codes the v3 XSD accepts (included/EuropassISOCountries_V1.7.0.xsd, type countryCode).
_COUNTRY_CODES = """
BE BG CZ DK DE EE IE EL ES FR HR IS IT CY LT LV LU HU MT NL NO AT PL PT RO SI SK FI SE UK TR CH AD AE AF AG AL AM AO
AR AU AZ BA BB BD BF BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CI CL CM CN CO CR RS CU CV DJ DM DO DZ EC EG ER ET
FJ FM GA GD GE GH GL GM GN GQ GT GW GY HN HT ID IL IN IQ IR JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR
LS LY MA MC MD MG MH MK ML MM MN MR MU MV MW MX MY MZ NA NE NG NI NP NR NU NZ OM PA PE PG PH PK PS PW PY QA RU RW SA
SB SC SD SG SL SM SN SO SR ST SV SY SZ TD TG TH TJ TL TM TN TO TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW
ME SS XK"""
COUNTRIES = frozenset(_COUNTRY_CODES.split())
#: The e-mail pattern of the v3 XSD (ContactEmailContactType).
EMAIL = re.compile(r"[^@]+@[^.]+\..+")
CEFR_TAGS = dict(zip(common.CEFR_DIMENSIONS, ("Listening", "Reading", "SpokenInteraction", "SpokenProduction",
                                              "Writing"), strict=True))
#: (document path, Achievement code or None, label, title field, date fields, text field), in output order.
ACHIEVEMENTS: tuple[tuple[str, str | None, str, str, tuple[str, ...], str | None], ...] = (
    ("basics/researchHighlights", None, "Research highlights", "title", (), "summary"),
    ("publications", "publications", "Publications", "name", ("releaseDate",), "summary"),
    ("projects#talks", "conferences", "Conferences", "name", ("startDate", "endDate"), "description"),
    ("projects", "projects", "Projects", "name", ("startDate", "endDate"), "description"),
    ("awards", "honors_awards", "Honours and awards", "title", ("date",), "summary"),
    ("volunteer", None, "Volunteering", "position", ("startDate", "endDate"), "summary"),
    ("volunteer#service", "memberships", "Memberships", "position", ("startDate", "endDate"), "summary"),
    ("meta/mentees", None, "Mentees", "name", ("startDate", "endDate"), "summary"),
    ("certificates", "certifications", "Certifications", "name", ("date",), None),
    ("basics/metrics", "citations", "Citations", "name", ("date",), None),
    ("interests", None, "Hobbies and interests", "name", (), None),
    ("references", "references", "References", "name", (), "reference"),
)
AUTHORS_REASON = {"authors": "v3 has no structured authors: written as an 'Authors:' text line, in order, with the "
                            "equal-contribution mark"}
_HEAD = re.compile(r"\((?P<from>\d{4}(?:-\d\d){0,2})(?: – (?P<to>\d{4}(?:-\d\d){0,2}))?\)")


def _el(parent: Any, tag: str, text: str | None = None, /, **attrs: str) -> Any:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _path(parent: Any, *names: str) -> Any:
    for name in names:
        parent = _el(parent, name)
    return parent


def _date(parent: Any, name: str, value: str | None) -> None:
    """A v3 date: attributes year, month='--MM', day='---DD', at the precision the document has."""
    if not value:
        return
    bits = value.split("-")
    attrs = {"year": bits[0]}
    if len(bits) > 1:
        attrs["month"] = f"--{bits[1]}"
    if len(bits) > 2:
        attrs["day"] = f"---{bits[2]}"
    _el(parent, name, **attrs)


# ====================================================================== writer

def write(doc: dict[str, Any], *, format: str = "europass-v3", language: str = "en", created: str | None = None,
          **_: Any) -> WriteResult:
    """The SkillsPassport XML of ``doc``.

    ``created`` is the document timestamp v3 requires (ISO date-time); by default meta.lastModified, else now.
    """
    if not re.fullmatch(r"[a-zA-Z]{2}(-[a-zA-Z]{3})?", language):
        raise UsageError(f"language '{language}' is not a v3 locale (two letters, e.g. en or sr-lat)")
    if created is not None and _timestamp(created, now=False) is None:
        raise UsageError(f"created '{created}' is not an ISO date-time such as 2025-11-03T00:00:00Z")
    report = LossReport()
    writer = _Writer(common.prepare(doc, report, TARGET), report)
    root = writer.build(language, created)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return WriteResult(data, report.items)


class _Writer:
    def __init__(self, doc: dict[str, Any], report: LossReport):
        self.doc = doc
        self.report = report

    def build(self, language: str, created: str | None) -> Any:
        root = etree.Element(f"{{{NS}}}SkillsPassport", nsmap={None: NS, "xsi": XSI}, locale=language)
        root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        meta = self.doc.get("meta") if isinstance(self.doc.get("meta"), dict) else {}
        stamp = _timestamp(created) if created else _timestamp(meta.get("lastModified"))
        info = _el(root, "DocumentInfo")
        for name, value in (("DocumentType", "ECV"), ("CreationDate", stamp), ("LastUpdateDate", stamp),
                            ("XSDVersion", "V3.4"), ("Generator", "resumeconv")):
            _el(info, name, value)
        learner = _el(root, "LearnerInfo")
        basics = self.doc.get("basics") if isinstance(self.doc.get("basics"), dict) else {}
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
        given, family = common.split_name(str(basics.get("name") or ""))
        name = _el(ident, "PersonName")
        if given:
            _el(name, "FirstName", given)
        _el(name, "Surname", family)
        contact = _el(ident, "ContactInfo")
        self._address(contact, basics.get("location") if isinstance(basics.get("location"), dict) else {})
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
        fields = {"address": "AddressLine", "postalCode": "PostalCode", "city": "Municipality"}
        for key in loc:
            if key not in (*fields, "countryCode"):
                self.report.add(pointer("basics", "location", key), f"{TARGET} addresses have no such field")
        if not any(loc.get(k) for k in (*fields, "countryCode")):
            return
        box = _path(contact, "Address", "Contact")
        for key, tag in fields.items():
            if loc.get(key):
                _el(box, tag, loc[key])
        code = str(loc.get("countryCode") or "").upper()
        code = COUNTRY_TO_V3.get(code, code)
        if code in COUNTRIES:
            _el(_el(box, "Country"), "Code", code)
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
        activities = common.rich_text(item, ptr, mapped, "summary", "highlights", self.report, TARGET)
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
        activities = common.rich_text(item, ptr, mapped, None, None, self.report, TARGET)
        if activities:
            _el(node, "Activities", activities)
        self._organisation(node, "Organisation", item.get("institution"), item.get("location"), item.get("url"))
        if item.get("area"):
            _el(_el(node, "Field"), "Label", item["area"])

    # -------------------------------------------------------- skills

    def _skills(self, learner: Any) -> None:
        languages = self.doc.get("languages") or []
        skills = self.doc.get("skills") or []
        if not (languages or skills):
            return
        node = _el(learner, "Skills")
        if languages:
            self._languages(_el(node, "Linguistic"), languages)
        if skills:
            lines = []
            for i, skill in enumerate(skills):
                ptr = pointer("skills", i)
                keywords = [k for k in skill.get("keywords") or [] if isinstance(k, str)]
                lines.append(f"{skill.get('name', '')}: {common.LIST_SEP.join(keywords)}" if keywords
                             else str(skill.get("name", "")))
                for key in skill:
                    if key not in ("name", "keywords"):
                        reason = "v3 has no skill levels" if key == "level" else f"{TARGET} has no field for it"
                        self.report.add(f"{ptr}/{key}", reason)
            self.report.add("/skills", "written as the free text of job-related skills", "normalization")
            _el(_el(node, "JobRelated"), "Description", common.to_html(bullets=lines))

    def _languages(self, node: Any, languages: list[dict[str, Any]]) -> None:
        mother = [(i, x) for i, x in enumerate(languages) if common.is_mother_tongue(x)]
        foreign = [(i, x) for i, x in enumerate(languages) if (i, x) not in mother]
        if mother:
            parent = _el(node, "MotherTongueList")
            for i, lang in mother:
                _el(_path(parent, "MotherTongue", "Description"), "Label", lang.get("language", ""))
                if lang["fluency"] != NATIVE:
                    self.report.add(pointer("languages", i, "fluency"),
                                    f"written as a mother tongue; reads back as '{NATIVE}'", "normalization")
                self._language_losses(lang, pointer("languages", i), ("language", "fluency"))
        if foreign:
            parent = _el(node, "ForeignLanguageList")
            for i, lang in foreign:
                entry = _el(parent, "ForeignLanguage")
                _el(_el(entry, "Description"), "Label", lang.get("language", ""))
                cefr = lang.get("cefr") if isinstance(lang.get("cefr"), dict) else {}
                levels = [(d, str(cefr.get(d) or "").upper()) for d in common.CEFR_DIMENSIONS]
                if any(level in common.CEFR_LEVELS for _, level in levels):
                    prof = _el(entry, "ProficiencyLevel")
                    for dim, level in levels:
                        if level in common.CEFR_LEVELS:
                            _el(prof, CEFR_TAGS[dim], level)
                ptr = pointer("languages", i)
                for dim, level in levels:
                    if cefr.get(dim) and level not in common.CEFR_LEVELS:
                        self.report.add(f"{ptr}/cefr/{dim}", "not a CEFR level (A1..C2)")
                self._language_losses(lang, ptr, ("language", "cefr"))

    def _language_losses(self, lang: dict[str, Any], ptr: str, mapped: tuple[str, ...]) -> None:
        for key in lang:
            if key not in mapped:
                reason = "v3 keeps language levels only as CEFR levels" if key == "fluency" else \
                    f"{TARGET} has no field for it"
                self.report.add(f"{ptr}/{key}", reason)

    # -------------------------------------------------------- achievements

    def _achievements(self, learner: Any) -> None:
        for key, first, what in (("projects", common.is_talk, "conferences and projects"),
                                 ("volunteer", common.is_volunteering, "volunteering and memberships")):
            common.order_note(self.doc.get(key) or [], first, pointer(key), self.report, TARGET, what)
        common.order_note(self.doc.get("languages") or [], common.is_mother_tongue, "/languages", self.report,
                          TARGET, "mother tongues and foreign languages")
        blocks = []
        for where, code, label, title_key, date_keys, text_key in ACHIEVEMENTS:
            entries = self._entries(where)
            intro = self._intro(where)
            if not entries and not intro:
                continue
            items = [self._entry(item, ptr, where, title_key, date_keys, text_key) for ptr, item in entries]
            blocks.append((code, label, common.to_html([intro] if intro else []) + _ol(items)))
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
        meta = self.doc.get("meta") if isinstance(self.doc.get("meta"), dict) else {}
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
            if parts[0] == "projects" and common.is_talk(item) != (kind == "talks"):
                continue
            if parts[0] == "volunteer" and common.is_volunteering(item) == (kind == "service"):
                continue
            out.append((pointer(*parts, i), item))
        return out

    def _entry(self, item: dict[str, Any], ptr: str, where: str, title_key: str, date_keys: tuple[str, ...],
               text_key: str | None) -> str:
        item = dict(item)
        if isinstance(item.get("authors"), list):
            common.author_losses(item["authors"], f"{ptr}/authors", {"equalContribution"}, self.report, TARGET)
            item["authors"] = common.author_names(item["authors"])
        if isinstance(item.get("affiliations"), list):
            item["affiliations"] = [common.affiliation_text(a) for a in item["affiliations"] if isinstance(a, dict)]
        title = item.get(title_key)
        dates = [item[k] for k in date_keys if item.get(k)]
        head = f"<strong>{html.escape(title, quote=False)}</strong>" if isinstance(title, str) and title else ""
        if dates:
            head += f" ({' – '.join(dates)})"
        for key in date_keys:
            if item.get(key):
                self.report.add(f"{ptr}/{key}", "v3 has no dates on achievements: written as text after the title",
                                "normalization")
        body = common.rich_text(item, ptr, {title_key, *date_keys}, text_key, "highlights", self.report, TARGET,
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


# ====================================================================== reader

def probe(data: bytes) -> bool:
    """For detection when other formats also match (PDFs): a legacy Europass PDF embeds SkillsPassport XML."""
    return data.lstrip()[:5] != b"%PDF-" or pdf_root(data, "SkillsPassport")


def read(data: bytes, *, source: str | None = None, format: str = "europass-v3", **_: Any) -> ReadResult:
    tree = parse(data, source)
    root = tree.getroot()
    name = etree.QName(root)
    if name.localname == "Candidate":
        raise InputError("this is a current Europass (Candidate) file: read it with -f europass", source)
    if name.localname != "SkillsPassport" or name.namespace != NS:
        old = " (Europass v2 learnerinfo is not supported)" if name.localname == "learnerinfo" else ""
        raise InputError(f"not a Europass v3 SkillsPassport document (root element is {name.localname}){old}",
                         source)
    reader = _Reader(Tree(root, {"": NS}))
    return ReadResult(reader.read(), reader.report.items)


class _Reader:
    def __init__(self, tree: Tree):
        self.t = tree
        self.report = LossReport()
        self.doc: dict[str, Any] = {"basics": {}}

    def read(self) -> dict[str, Any]:
        t = self.t
        for path in ("DocumentInfo", "PrintingPreferences"):
            t.skip(t.find(t.root, path))
        learner = t.find(t.root, "LearnerInfo")
        self._identification(t.find(learner, "Identification"))
        statement = t.text(learner, "Headline/Type/Code") == "personal_statement"
        put(self.doc["basics"], "summary" if statement else "label", t.text(learner, "Headline/Description/Label"))
        for el in t.findall(learner, "WorkExperienceList/WorkExperience"):
            self._work(el)
        for el in t.findall(learner, "EducationList/Education"):
            self._education(el)
        self._skills(t.find(learner, "Skills"))
        for el in t.findall(learner, "AchievementList/Achievement"):
            self._achievement(el)
        t.report_leftovers(self.report)
        if not self.doc.get("basics"):
            self.doc.pop("basics", None)
        return self.doc

    def _section(self, path: tuple[str, ...]) -> list[dict[str, Any]]:
        parent = self.doc.setdefault(path[0], {}) if len(path) > 1 else self.doc
        return parent.setdefault(path[-1], [])

    # -------------------------------------------------------- person

    def _identification(self, ident: Any) -> None:
        t = self.t
        basics = self.doc["basics"]
        t.mark(ident, "/basics")
        put(basics, "name", common.join_name(t.text(ident, "PersonName/FirstName"),
                                             t.text(ident, "PersonName/Surname")))
        contact = t.find(ident, "ContactInfo")
        put(basics, "email", t.text(contact, "Email/Contact"))
        phones = [t.text(el, "Contact") for el in t.findall(contact, "TelephoneList/Telephone")]
        put(basics, "phone", next(filter(None, phones), None))
        for el in t.findall(contact, "TelephoneList/Telephone")[1:]:
            t.used.discard(t.find(el, "Contact"))
        for site in t.findall(contact, "WebsiteList/Website"):
            self._website(basics, t.text(site, "Contact"), t.text(site, "Use/Label"))
        box = t.find(contact, "Address/Contact")
        loc: dict[str, Any] = {}
        for key, tag in (("address", "AddressLine"), ("postalCode", "PostalCode"), ("city", "Municipality")):
            put(loc, key, t.text(box, tag))
        code = t.text(box, "Country/Code")
        put(loc, "countryCode", COUNTRY_FROM_V3.get(code or "", code))
        if code:
            t.text(box, "Country/Label")
        put(basics, "location", loc)

    def _website(self, basics: dict[str, Any], url: str | None, label: str | None) -> None:
        if not url:
            return
        if url.startswith("https://orcid.org/") and "orcid" not in basics:
            basics["orcid"] = url.rsplit("/", 1)[1]
        elif label is None and "url" not in basics:
            basics["url"] = url
        else:
            basics.setdefault("profiles", []).append({k: v for k, v in (("network", label), ("url", url)) if v})

    # -------------------------------------------------------- experience

    def _period(self, el: Any, item: dict[str, Any]) -> None:
        t = self.t
        put(item, "startDate", _read_date(t, t.find(el, "Period/From")))
        put(item, "endDate", _read_date(t, t.find(el, "Period/To")))
        t.text(el, "Period/Current")

    def _organisation(self, org: Any, item: dict[str, Any], name_key: str) -> None:
        t = self.t
        put(item, name_key, t.text(org, "Name"))
        put(item, "location", t.text(org, "ContactInfo/Address/Contact/Municipality"))
        put(item, "url", t.text(org, "ContactInfo/Website/Contact"))

    def _rich(self, text: str | None, path: tuple[str, ...], item: dict[str, Any], text_key: str | None,
              bullets_key: str | None = None) -> None:
        rest = common.take_rich(text, path, item, text_key, bullets_key)
        if rest:
            self.report.add(pointer(*path, len(self._section(path))),
                            f"description '{' '.join(rest)[:60]}' has no place in JSON Resume")

    def _work(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        t.mark(el, pointer("work", len(self._section(("work",)))))
        self._period(el, item)
        put(item, "position", t.text(el, "Position/Label"))
        self._organisation(t.find(el, "Employer"), item, "name")
        self._rich(t.text(el, "Activities"), ("work",), item, "summary", "highlights")
        self._section(("work",)).append(item)

    def _education(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        t.mark(el, pointer("education", len(self._section(("education",)))))
        self._period(el, item)
        put(item, "studyType", t.text(el, "Title"))
        self._organisation(t.find(el, "Organisation"), item, "institution")
        put(item, "area", t.text(el, "Field/Label"))
        self._rich(t.text(el, "Activities"), ("education",), item, None)
        self._section(("education",)).append(item)

    # -------------------------------------------------------- skills

    def _skills(self, skills: Any) -> None:
        t = self.t
        for el in t.findall(skills, "Linguistic/MotherTongueList/MotherTongue"):
            name = t.text(el, "Description/Label") or t.text(el, "Description/Code")
            if name:
                self._section(("languages",)).append({"language": name, "fluency": NATIVE})
        for el in t.findall(skills, "Linguistic/ForeignLanguageList/ForeignLanguage"):
            t.mark(el, pointer("languages", len(self._section(("languages",)))))
            item: dict[str, Any] = {}
            put(item, "language", t.text(el, "Description/Label") or t.text(el, "Description/Code"))
            t.text(el, "Description/Code")
            cefr = {dim: t.text(el, f"ProficiencyLevel/{tag}") for dim, tag in CEFR_TAGS.items()}
            put(item, "cefr", {k: v for k, v in cefr.items() if v})
            self._section(("languages",)).append(item)
        for line in common.from_html(t.text(skills, "JobRelated/Description")).bullets:
            name, sep, keywords = line.partition(": ")
            skill: dict[str, Any] = {"name": name}
            if sep:
                skill["keywords"] = [k.strip() for k in keywords.split(common.LIST_SEP.strip()) if k.strip()]
            self._section(("skills",)).append(skill)

    # -------------------------------------------------------- achievements

    def _achievement(self, el: Any) -> None:
        t = self.t
        code = t.text(el, "Title/Code")
        label = t.text(el, "Title/Label")
        spec = next((s for s in ACHIEVEMENTS if (code and s[1] == code) or (not s[1] and s[2] == label)), None)
        text = t.text(el, "Description")
        if spec is None or not text or "<li>" not in text:
            for path in ("Description", "Title/Label", "Title/Code"):
                t.used.discard(t.find(el, path))
            self.t.mark(el, "")
            return
        where, _, _, title_key, date_keys, text_key = spec
        path = tuple(where.partition("#")[0].split("/"))
        intro, items = _split_list(text)
        if intro and where == "publications":
            self.doc.setdefault("meta", {})["publicationsOverview"] = "\n".join(common.from_html(intro).paragraphs)
        for entry in items:
            self._entry(entry, path, where, title_key, date_keys, text_key)

    def _entry(self, entry: str, path: tuple[str, ...], where: str, title_key: str, date_keys: tuple[str, ...],
               text_key: str | None) -> None:
        rich = common.from_html(entry)
        lines = list(rich.paragraphs)
        first = lines[0] if lines else ""
        item: dict[str, Any] = {}
        if rich.strong and rich.strong[0][0] and first.startswith(rich.strong[0][0]):
            item[title_key] = rich.strong[0][0]
            head = first[len(item[title_key]):].strip()
            lines.pop(0)
        else:
            head = first.strip() if _HEAD.fullmatch(first.strip()) else ""
            if head:
                lines.pop(0)
        match = _HEAD.fullmatch(head)
        if match:
            for key, value in zip(date_keys, (match["from"], match["to"]), strict=False):
                put(item, key, value)
        elif head:
            lines.insert(0, head)
        rest = common.take_coded(rich, item) + common.take_extras(lines, path, item)
        if rich.bullets:
            item["highlights"] = rich.bullets
        if rest and text_key:
            item[text_key] = "\n".join(rest)
        common.retype(item, path)
        if where == "projects#talks" and "type" not in item:
            item["type"] = "conference"
        if where == "volunteer#service" and "type" not in item:
            item["type"] = "other"
        self._section(path).append(item)


def _split_list(text: str) -> tuple[str, list[str]]:
    """(text before the list, raw HTML of each top-level <li>) of an achievement's description."""
    start = text.find("<ol>") if "<ol>" in text else text.find("<ul>")
    intro, body = (text[:start], text[start + 4:]) if start >= 0 else ("", text)
    items, depth, begin = [], 0, 0
    for match in re.finditer(r"<(/?)li\b[^>]*>", body):
        if not match.group(1):
            depth += 1
            if depth == 1:
                begin = match.end()
        else:
            depth -= 1
            if depth == 0:
                items.append(body[begin:match.start()])
    return intro, items


def _read_date(t: Tree, el: Any) -> str | None:
    """'2019-03' from year='2019' month='--03'; None when the element or its year is missing or malformed."""
    if el is None:
        return None
    t.used.add(el)
    year = (el.get("year") or "").strip()
    month = (el.get("month") or "").strip().lstrip("-")
    day = (el.get("day") or "").strip().lstrip("-")
    if not re.fullmatch(r"\d{4}", year):
        return None
    if re.fullmatch(r"\d\d", month):
        return f"{year}-{month}-{day}" if re.fullmatch(r"\d\d", day) else f"{year}-{month}"
    return year
