"""Europass Candidate XML (the editor at europa.eu/europass since 2020), read and written; also read from its PDFs.

No XSD is published for this format: the layout follows real exports (element order, namespaces, boilerplate).
Sections with a Candidate home go there; what has none (honours, mentees, metrics, ...) goes to custom ``Others``
sections, one ``Others`` element per entry as the editor's importer wants. Fields without an element are written
into the entry's rich text (labelled paragraphs, or ``key: JSON``) and read back from there; the writer reads its
own output back so that whatever still differs is in the loss report.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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
    Option("language", str, "en", "the CV's language, a two-letter code (en, fr, it)"),
)
NS = "http://www.europass.eu/1.0"
NSMAP = {None: NS, "oa": "http://www.openapplications.org/oagis/9", "eures": "http://www.europass_eures.eu/1.0",
         "hr": "http://www.hr-xml.org/3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
READ_NSMAP = {"": NS, **{k: v for k, v in NSMAP.items() if k}}
TARGET = "Europass (Candidate)"
SCHEME = {"schemeID": "resumeconv", "schemeAgencyName": "EUROPASS"}
#: CandidateProfile children in the order real exports write them.
PROFILE_ORDER = ("hr:ID", "hr:ExecutiveSummary", "EmploymentHistory", "EducationHistory", "eures:Licenses",
                 "Certifications", "PublicationHistory", "PersonQualifications", "EmploymentReferences",
                 "CreativeWorks", "Projects", "SocialAndPoliticalActivities", "Skills", "NetworksAndMemberships",
                 "ConferencesAndSeminars", "VoluntaryWorks", "CourseCertifications")
CEFR_CODES = dict(zip(common.CEFR_DIMENSIONS, ("CEF-Understanding-Listening", "CEF-Understanding-Reading",
                                               "CEF-Speaking-Interaction", "CEF-Speaking-Production",
                                               "CEF-Writing-Production"), strict=True))
SOCIAL_NAMES = {"facebook": "Facebook", "twitter": "Twitter", "instagram": "Instagram", "linkedin": "LinkedIn",
                "youtube": "YouTube", "pinterest": "Pinterest", "tumblr": "Tumblr"}


class Custom(NamedTuple):
    """A custom ``Others`` section we write: its title, and which fields fill an entry's title, dates and text."""

    title: str
    path: tuple[str, ...]
    name: str
    date: str | None = None
    end: str | None = None
    text: str | None = None
    link: str | None = None


#: The custom sections, in output order; the reader maps them back by title.
CUSTOM = (
    Custom("Research highlights", ("basics", "researchHighlights"), "title", text="summary"),
    Custom("Honours and awards", ("awards",), "title", "date", text="summary"),
    Custom("Certificates", ("certificates",), "name", "date", link="url"),
    Custom("Mentees", ("meta", "mentees"), "name", "startDate", "endDate", "summary"),
    Custom("Metrics", ("basics", "metrics"), "name", "date", link="url"),
    Custom("Hobbies and interests", ("interests",), "name"),
    Custom("References", ("references",), "name", text="reference"),
)
#: Fields of basics that the writer places (the rest are losses).
BASICS_MAPPED = frozenset({"name", "email", "phone", "url", "orcid", "profiles", "location", "summary",
                           *(c.path[1] for c in CUSTOM if c.path[0] == "basics")})
ORCID_URL = "https://orcid.org/"
#: The fluency a mother tongue reads back with.
NATIVE = "Native speaker"


def _q(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{NSMAP[prefix or None]}}}{local}"


def _el(parent: Any, tag: str, text: str | None = None, /, **attrs: str) -> Any:
    node = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        node.text = text
    return node


def _date(parent: Any, name: str, value: str | None) -> None:
    if value:
        _el(_el(parent, name), "hr:FormattedDateTime", value)


# ====================================================================== writer

def write(doc: dict[str, Any], *, format: str = "europass", language: str = "en", **_: Any) -> WriteResult:
    """The Candidate XML of ``doc``; ``language`` is the CV's language code the editor asks for."""
    if not re.fullmatch(r"[a-z]{2}", language):
        raise UsageError(f"language '{language}' is not a two-letter code such as en, fr or it")
    report = LossReport()
    writer = _Writer(common.prepare(doc, report, TARGET), language, report)
    root = writer.build()
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True, pretty_print=True)
    return WriteResult(data, report.items)


def _fields(parent: Any, item: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> None:
    """One child element per (field, element) pair whose field has a value, in the order given."""
    for key, tag in pairs:
        if item.get(key):
            _el(parent, tag, item[key])


def _organization(parent: Any, name: str | None, city: str | None) -> None:
    """An organization's name and city, as employers and schools both carry them."""
    if name:
        _el(parent, "hr:OrganizationName", name)
    if city:
        _el(_el(_el(_el(parent, "OrganizationContact"), "Communication"), "Address"), "oa:CityName", city)


class _Writer:
    def __init__(self, doc: dict[str, Any], language: str, report: LossReport):
        self.doc = doc
        self.language = language
        self.report = report
        self.sections: list[tuple[str, bool]] = []

    def build(self) -> Any:
        root = etree.Element(_q("Candidate"), nsmap=NSMAP)
        root.set(_q("xsi:schemaLocation"), f"{NS} Candidate.xsd")
        _el(root, "hr:DocumentID", schemeName="DocumentIdentifier", schemeVersionID="4.0", **SCHEME)
        basics = self.doc.get("basics") if isinstance(self.doc.get("basics"), dict) else {}
        self._supplier(root, basics)
        self._person(root, basics)
        profile = _el(root, "CandidateProfile", languageCode=self.language)
        parts = {name: _el(profile, name) for name in PROFILE_ORDER}
        parts["hr:ID"].attrib.update({"schemeName": "CandidateProfileID", "schemeVersionID": "1.0", **SCHEME})
        self._summary(parts["hr:ExecutiveSummary"], basics)
        if parts["hr:ExecutiveSummary"].text is None:
            profile.remove(parts["hr:ExecutiveSummary"])
        self._sections(parts)
        for custom in CUSTOM:
            for i, item in enumerate(_items(self.doc, custom.path)):
                self._other(profile, custom, item, pointer(*custom.path, i))
        self._rendering(root)
        return root

    # -------------------------------------------------------- person

    def _supplier(self, root: Any, basics: dict[str, Any]) -> None:
        supplier = _el(root, "CandidateSupplier")
        _el(supplier, "hr:PartyID", schemeName="PartyID", schemeVersionID="1.0", **SCHEME)
        _el(supplier, "hr:PartyName", "Owner")
        contact = _el(supplier, "PersonContact")
        self._name(contact, basics)
        if basics.get("email"):
            self._channel(contact, "Email", basics["email"])
        _el(supplier, "hr:PrecedenceCode", "1")

    def _name(self, parent: Any, basics: dict[str, Any]) -> None:
        given, family = common.split_name(str(basics.get("name") or ""))
        name = _el(parent, "PersonName")
        _el(name, "oa:GivenName", given)
        _el(name, "hr:FamilyName", family)

    def _channel(self, parent: Any, channel: str, uri: str, use: str | None = None, other: str | None = None) -> None:
        comm = _el(parent, "Communication")
        _el(comm, "ChannelCode", channel)
        if use:
            _el(comm, "UseCode", use)
        if other:
            _el(comm, "OtherTitle", other)
        _el(comm, "oa:URI", uri)

    def _person(self, root: Any, basics: dict[str, Any]) -> None:
        person = _el(root, "CandidatePerson")
        self._name(person, basics)
        if basics.get("email"):
            self._channel(person, "Email", basics["email"])
        for i, profile in enumerate(basics.get("profiles") or []):
            self._profile(person, profile, i)
        if basics.get("url"):
            self._channel(person, "Web", basics["url"])
        if basics.get("orcid"):
            self._channel(person, "Web", ORCID_URL + basics["orcid"])
            self.report.add("/basics/orcid", "written as the web address https://orcid.org/<iD>", "normalization")
        if basics.get("phone"):
            self._phone(person, basics["phone"])
        if isinstance(basics.get("location"), dict):
            self._address(person, basics["location"])
        for item in self.doc.get("languages") or []:
            if common.is_mother_tongue(item):
                _el(person, "PrimaryLanguageCode", item["language"], name="FREE_TEXT")
        for key in basics:
            if key not in BASICS_MAPPED:
                reason = {"label": "Candidate has no label or headline",
                          "image": "the Candidate photo must be embedded image data, not a link"}
                self.report.add(pointer("basics", key), reason.get(key, f"{TARGET} has no field for it"))

    def _profile(self, person: Any, profile: dict[str, Any], i: int) -> None:
        ptr = pointer("basics", "profiles", i)
        network = str(profile.get("network") or "")
        url = profile.get("url")
        if not url:
            self.report.add(ptr, f"{TARGET} keeps a social profile only as a web address, and this one has none")
            return
        code = network.lower() if network.lower() in SOCIAL_NAMES else None
        self._channel(person, "Social Media", url, code or "other", None if code else (network or None))
        if code and network != SOCIAL_NAMES[code]:
            self.report.add(f"{ptr}/network", f"written as the code '{code}'", "normalization")
        if profile.get("username"):
            self.report.add(f"{ptr}/username", f"{TARGET} keeps only the profile's web address")
        for key in profile:
            if key not in ("network", "url", "username"):
                self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")

    def _phone(self, person: Any, phone: str) -> None:
        parsed = common.split_phone(phone)
        if parsed is None:
            self.report.add("/basics/phone", "no +country code in the number, and Europass requires one")
            return
        dial, number, region = parsed
        comm = _el(person, "Communication")
        _el(comm, "ChannelCode", "Telephone")
        _el(comm, "UseCode", "other")
        _el(comm, "CountryDialing", dial)
        _el(comm, "oa:DialNumber", number)
        if region:
            _el(comm, "CountryCode", region.lower())
        if common.join_phone(dial, number) != phone:
            self.report.add("/basics/phone", f"written as +{dial} {number}", "normalization")

    def _address(self, person: Any, loc: dict[str, Any]) -> None:
        fields = {"address": "oa:AddressLine", "city": "oa:CityName", "countryCode": "CountryCode",
                  "postalCode": "oa:PostalCode"}
        present = [k for k in fields if loc.get(k) and (k != "countryCode" or re.fullmatch(r"[A-Za-z]{2}", loc[k]))]
        for key in loc:
            if key not in fields:
                self.report.add(pointer("basics", "location", key), f"{TARGET} addresses have no such field")
        if not present:
            return
        comm = _el(person, "Communication")
        _el(comm, "UseCode", "home")
        address = _el(comm, "Address", type="home")
        for key in fields:
            value = str(loc.get(key) or "")
            if key == "countryCode" and value and not re.fullmatch(r"[A-Za-z]{2}", value):
                self.report.add("/basics/location/countryCode", "not an ISO 3166-1 alpha-2 code")
            elif key == "countryCode" and value:
                _el(address, fields[key], value.lower())
                if value != value.upper():
                    self.report.add("/basics/location/countryCode", "reads back in upper case", "normalization")
            elif value:
                _el(address, fields[key], value)

    def _summary(self, node: Any, basics: dict[str, Any]) -> None:
        if basics.get("summary"):
            node.text = common.to_html(basics["summary"].split("\n\n"))

    # -------------------------------------------------------- sections

    def _sections(self, parts: dict[str, Any]) -> None:
        doc = self.doc
        known = {"basics", "work", "education", "publications", "languages", "skills", "projects", "volunteer",
                 "awards", "certificates", "interests", "references", "meta"}
        for i, item in enumerate(doc.get("work") or []):
            self._work(parts["EmploymentHistory"], item, pointer("work", i))
        for i, item in enumerate(doc.get("education") or []):
            self._education(parts["EducationHistory"], item, pointer("education", i))
        for i, item in enumerate(doc.get("publications") or []):
            self._publication(parts["PublicationHistory"], item, pointer("publications", i))
        for i, item in enumerate(doc.get("languages") or []):
            self._language(parts["PersonQualifications"], item, pointer("languages", i))
        for i, item in enumerate(doc.get("skills") or []):
            self._skill(parts["Skills"], item, pointer("skills", i))
        for i, item in enumerate(doc.get("projects") or []):
            talk = common.is_talk(item)
            parent = parts["ConferencesAndSeminars"] if talk else parts["Projects"]
            self._activity(parent, "ConferenceAndSeminar" if talk else "Project", item, pointer("projects", i),
                           title="name", text="description")
        for i, item in enumerate(doc.get("volunteer") or []):
            own = common.is_volunteering(item)
            parent = parts["VoluntaryWorks"] if own else parts["NetworksAndMemberships"]
            self._activity(parent, "VoluntaryWork" if own else "NetworkAndMembership", item,
                           pointer("volunteer", i), title="position", text="summary")
        self._meta(doc.get("meta") if isinstance(doc.get("meta"), dict) else {})
        for key, first, what in (("projects", common.is_talk, "conferences and seminars and projects"),
                                 ("volunteer", common.is_volunteering, "voluntary work and memberships"),
                                 ("languages", common.is_mother_tongue, "mother tongues and other languages"),
                                 ("skills", lambda x: not x.get("keywords"), "single skills and skill groups")):
            common.order_note(doc.get(key) or [], first, pointer(key), self.report, TARGET, what)
        for key in doc:
            if key not in known:
                self.report.add(pointer(key), f"{TARGET} has no section for it")
        names = [("EmploymentHistory", "work-experience"), ("EducationHistory", "education-training"),
                 ("PersonQualifications", "language"), ("Skills", "profile-skills"),
                 ("PublicationHistory", "publication"), ("Projects", "projects"),
                 ("NetworksAndMemberships", "membership"), ("ConferencesAndSeminars", "conference-seminar"),
                 ("VoluntaryWorks", "volunteering")]
        self.sections = [(title, False) for name, title in names if len(parts[name])]

    def _meta(self, meta: dict[str, Any]) -> None:
        for key in meta:
            if key != "mentees":
                self.report.add(pointer("meta", key), f"{TARGET} has no place for document metadata")

    def _rich(self, item: dict[str, Any], ptr: str, mapped: set[str], text_key: str | None,
              bullets_key: str | None = "highlights") -> str:
        return common.rich_text(item, ptr, mapped, text_key, bullets_key, self.report, TARGET)

    def _work(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        employer = _el(parent, "EmployerHistory")
        _organization(employer, item.get("name"), item.get("location"))
        position = _el(employer, "PositionHistory")
        if item.get("position"):
            _el(position, "PositionTitle", item["position"], typeCode="FREETEXT")
        period = _el(position, "eures:EmploymentPeriod")
        _date(period, "eures:StartDate", item.get("startDate"))
        _date(period, "eures:EndDate", item.get("endDate"))
        _el(period, "hr:CurrentIndicator", "false" if item.get("endDate") else "true")
        mapped = {"name", "location", "position", "startDate", "endDate", "url", "department"}
        description = self._rich(item, ptr, mapped, "summary")
        if description:
            _el(position, "oa:Description", description)
        _fields(position, item, (("location", "City"),))
        _fields(employer, item, (("department", "Department"), ("url", "Link")))

    def _education(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        node = _el(parent, "EducationOrganizationAttendance")
        _organization(node, item.get("institution"), item.get("location"))
        period = _el(node, "AttendancePeriod")
        _date(period, "StartDate", item.get("startDate"))
        _date(period, "EndDate", item.get("endDate"))
        ongoing = _ongoing(item)
        if ongoing is not None:
            _el(period, "Ongoing", "true" if ongoing else "false")
        degree = _el(node, "EducationDegree")
        _fields(degree, item, (("studyType", "hr:DegreeName"),))
        mapped = {"institution", "location", "startDate", "endDate", "studyType", "score", "thesis", "url"}
        description = self._rich(item, ptr, mapped, None, None)
        if description:
            _el(degree, "OccupationalSkillsCovered", description)
        if item.get("score"):
            _el(_el(degree, "FinalGrade"), "hr:ScoreText", item["score"])
        _fields(degree, item, (("thesis", "Thesis"),))
        _fields(node, item, (("url", "Link"),))

    def _publication(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        node = _el(parent, "Publication")
        venue = item.get("venue") if isinstance(item.get("venue"), dict) else {}
        release = item.get("releaseDate") or ""
        rest = {k: v for k, v in item.items() if k != "venue"}
        if any(k != "name" for k in venue):
            rest["venue"] = {k: v for k, v in venue.items() if k != "name"}
        mapped = {"name", "doi", "url", "authors", "publisher", "volume"}
        if len(release) == 4:
            mapped.add("releaseDate")
        html = common.citation_html(item) + self._rich(rest, ptr, mapped, "summary", None)
        _el(node, "hr:FormattedPublicationDescription", html)
        _fields(node, item, (("name", "Title"),))
        if release:
            _el(node, "Year", release[:4])
        _fields(node, item, (("doi", "DOI"), ("url", "Link")))
        authors = item.get("authors") or []
        if authors:
            _el(node, "Authors", common.LIST_SEP.join(common.author_names(authors)))
            common.author_losses(authors, f"{ptr}/authors", {"self", "equalContribution"}, self.report, TARGET)
        if venue.get("name"):
            _el(node, "Journal", venue["name"])
        _fields(node, item, (("publisher", "Publisher"), ("volume", "Volume")))

    def _language(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        cefr = item.get("cefr") if isinstance(item.get("cefr"), dict) else {}
        if common.is_mother_tongue(item):
            if item["fluency"] != NATIVE:
                self.report.add(f"{ptr}/fluency", f"written as a mother tongue; reads back as '{NATIVE}'",
                                "normalization")
            for key in item:
                if key not in ("language", "fluency"):
                    self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")
            return
        node = _el(parent, "PersonCompetency")
        _el(node, "CompetencyID", item.get("language") or "", schemeName="FREE_TEXT")
        _el(node, "hr:TaxonomyID", "language")
        for dim in common.CEFR_DIMENSIONS:
            level = str(cefr.get(dim) or "").upper()
            if level in common.CEFR_LEVELS:
                dimension = _el(node, "eures:CompetencyDimension")
                _el(dimension, "hr:CompetencyDimensionTypeCode", CEFR_CODES[dim])
                _el(_el(dimension, "eures:Score"), "hr:ScoreText", level)
            elif cefr.get(dim):
                self.report.add(f"{ptr}/cefr/{dim}", "not a CEFR level (A1..C2)")
        if item.get("fluency"):
            self.report.add(f"{ptr}/fluency", f"{TARGET} keeps language levels only as CEFR levels")
        for key in item:
            if key not in ("language", "fluency", "cefr"):
                self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")

    def _skill(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        keywords = [k for k in item.get("keywords") or [] if isinstance(k, str)]
        group = _el(parent, "SkillsGroup") if keywords else parent
        if keywords:
            _el(group, "Title", item.get("name") or "")
        for name in keywords or [item.get("name") or ""]:
            competency = _el(group, "PersonCompetency")
            _el(competency, "hr:TaxonomyID", "Digital_Skill")
            _el(competency, "hr:CompetencyName", name)
        if item.get("level"):
            self.report.add(f"{ptr}/level", "Candidate has no skill levels")
        for key in item:
            if key not in ("name", "keywords", "level"):
                self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")

    def _activity(self, parent: Any, tag: str, item: dict[str, Any], ptr: str, *, title: str, text: str) -> None:
        node = _el(parent, tag)
        _el(node, "Title", item.get(title) or "")
        self._period(node, item.get("startDate"), item.get("endDate"))
        mapped = {title, "startDate", "endDate", "url"}
        if tag == "ConferenceAndSeminar" and item.get("location"):
            _el(node, "Location", item["location"])
            mapped.add("location")
        description = self._rich(item, ptr, mapped, text)
        if description:
            _el(node, "Description", description)
        _fields(node, item, (("url", "Link"),))

    def _period(self, node: Any, start: str | None, end: str | None) -> None:
        if start or end:
            period = _el(node, "Date")
            _date(period, "StartDate", start)
            _date(period, "EndDate", end)

    def _other(self, profile: Any, custom: Custom, item: dict[str, Any], ptr: str) -> None:
        if isinstance(item.get("affiliations"), list):
            item = {**item, "affiliations": [common.affiliation_text(a) for a in item["affiliations"]
                                             if isinstance(a, dict)]}
        others = _el(profile, "Others")
        _el(others, "Title", custom.title)
        other = _el(others, "Other")
        _el(other, "Title", str(item.get(custom.name) or ""))
        self._period(other, item.get(custom.date or ""), item.get(custom.end or ""))
        mapped = {k for k in (custom.name, custom.date, custom.end, custom.link) if k}
        description = self._rich(item, ptr, mapped, custom.text, None)
        if description:
            _el(other, "Description", description)
        if custom.link and item.get(custom.link):
            _el(other, "Link", item[custom.link])
        if (custom.title, True) not in self.sections:
            self.sections.append((custom.title, True))

    def _rendering(self, root: Any) -> None:
        design = _el(_el(root, "RenderingInformation"), "Design")
        for name, value in (("Template", "Template1"), ("Color", "Default"), ("FontSize", "Medium"),
                            ("Logo", "FirstPage"), ("PageNumbers", "true")):
            _el(design, name, value)
        order = _el(design, "SectionsOrder")
        for title, custom in self.sections:
            section = _el(order, "Section")
            _el(section, "Title", title)
            if custom:
                _el(section, "Custom", "true")


def _items(doc: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    parent = doc.get(path[0]) if len(path) > 1 else doc
    items = parent.get(path[-1]) if isinstance(parent, dict) else None
    return [i for i in items or [] if isinstance(i, dict)]


def _ongoing(item: dict[str, Any]) -> bool | None:
    """True/False only when the document says so: an end date, or a degree in progress."""
    if item.get("endDate"):
        return False
    if item.get("status") in ("in-progress", "candidate") or item.get("startDate"):
        return True
    return None


# ====================================================================== reader

def probe(data: bytes) -> bool:
    """For detection when other formats also match (PDFs): a PDF is ours when it embeds Candidate XML."""
    return data.lstrip()[:5] != b"%PDF-" or pdf_root(data, "Candidate")


def read(data: bytes, *, source: str | None = None, format: str = "europass", **_: Any) -> ReadResult:
    tree = parse(data, source)
    root = tree.getroot()
    if etree.QName(root).localname == "SkillsPassport":
        raise InputError("this is a legacy Europass v3 (SkillsPassport) file: read it with -f europass-v3", source)
    if root.tag != f"{{{NS}}}Candidate":
        raise InputError(f"not a Europass Candidate document (root element is {etree.QName(root).localname})",
                         source)
    reader = _Reader(Tree(root, READ_NSMAP))
    doc = reader.read()
    return ReadResult(doc, reader.report.items)


class _Reader:
    def __init__(self, tree: Tree):
        self.t = tree
        self.report = LossReport()
        self.doc: dict[str, Any] = {}

    def read(self) -> dict[str, Any]:
        t = self.t
        for path in ("hr:DocumentID", "CandidateSupplier", "RenderingInformation", "CandidateProfile/hr:ID"):
            t.skip(t.find(t.root, path))
        self._person(t.find(t.root, "CandidatePerson"))
        profile = t.find(t.root, "CandidateProfile")
        if profile is not None:
            self._profile(profile)
        t.report_leftovers(self.report)
        if not self.doc.get("basics"):
            self.doc.pop("basics", None)
        return self.doc

    def _section(self, name: str) -> list[dict[str, Any]]:
        return self.doc.setdefault(name, [])

    def _add(self, name: str, item: dict[str, Any], el: Any) -> None:
        items = self._section(name)
        self.t.mark(el, pointer(name, len(items)))
        items.append(item)

    # -------------------------------------------------------- person

    def _person(self, person: Any) -> None:
        t = self.t
        basics: dict[str, Any] = {}
        self.doc["basics"] = basics
        t.mark(person, "/basics")
        name = common.join_name(t.text(person, "PersonName/oa:GivenName"), t.text(person, "PersonName/hr:FamilyName"))
        if name:
            basics["name"] = name
        for comm in t.findall(person, "Communication"):
            self._communication(basics, comm)
        natives = [t.text(el) for el in t.findall(person, "PrimaryLanguageCode")]
        for lang in filter(None, natives):
            self._section("languages").append({"language": lang, "fluency": NATIVE})

    def _communication(self, basics: dict[str, Any], comm: Any) -> None:
        """One contact channel into basics; a channel with no free place (a second e-mail) stays a leftover."""
        t = self.t
        if not self._channel_into(basics, comm, t.text(comm, "ChannelCode"), t.text(comm, "oa:URI"),
                                  t.text(comm, "UseCode")):
            t.used.difference_update(comm.iter())

    def _channel_into(self, basics: dict[str, Any], comm: Any, channel: str | None, uri: str | None,
                      use: str | None) -> bool:
        t = self.t
        if channel == "Email" and uri and "email" not in basics:
            basics["email"] = uri
        elif channel == "Telephone" and "phone" not in basics:
            put(basics, "phone", common.join_phone(t.text(comm, "CountryDialing"), t.text(comm, "oa:DialNumber")))
            t.text(comm, "CountryCode")
        elif channel == "Web" and uri:
            if uri.startswith(ORCID_URL) and "orcid" not in basics:
                basics["orcid"] = uri[len(ORCID_URL):].strip("/")
            elif "url" not in basics:
                basics["url"] = uri
            else:
                basics.setdefault("profiles", []).append({"url": uri})
        elif channel == "Social Media" and uri:
            network = t.text(comm, "OtherTitle") or SOCIAL_NAMES.get(use or "", None if use == "other" else use)
            basics.setdefault("profiles", []).append({k: v for k, v in (("network", network), ("url", uri)) if v})
        elif t.find(comm, "Address") is not None and "location" not in basics:
            self._address(basics, t.find(comm, "Address"))
        else:
            return False
        return True

    def _address(self, basics: dict[str, Any], address: Any) -> None:
        t = self.t
        fields = {"address": "oa:AddressLine", "city": "oa:CityName", "countryCode": "CountryCode",
                  "postalCode": "oa:PostalCode"}
        loc = {key: t.text(address, path) for key, path in fields.items()}
        if loc.get("countryCode"):
            loc["countryCode"] = loc["countryCode"].upper()
        loc = {k: v for k, v in loc.items() if v}
        if loc:
            basics["location"] = loc

    # -------------------------------------------------------- profile

    def _profile(self, profile: Any) -> None:
        t = self.t
        summary = t.text(profile, "hr:ExecutiveSummary")
        if summary:
            rich = common.from_html(summary)
            self.doc["basics"]["summary"] = "\n\n".join([*rich.paragraphs, *rich.bullets])
        for el in t.findall(profile, "EmploymentHistory/EmployerHistory"):
            for position in t.findall(el, "PositionHistory") or [None]:
                self._work(el, position)
        for el in t.findall(profile, "EducationHistory/EducationOrganizationAttendance"):
            self._education(el)
        for el in t.findall(profile, "PublicationHistory/Publication"):
            self._publication(el)
        for el in t.findall(profile, "PersonQualifications/PersonCompetency"):
            self._language(el)
        self._skills(t.find(profile, "Skills"))
        for tag, section in (("ConferencesAndSeminars/ConferenceAndSeminar", "projects"),
                             ("Projects/Project", "projects"),
                             ("VoluntaryWorks/VoluntaryWork", "volunteer"),
                             ("NetworksAndMemberships/NetworkAndMembership", "volunteer")):
            for el in t.findall(profile, tag):
                self._activity(el, section, tag.split("/")[0])
        for el in t.findall(profile, "Others"):
            self._others(el)

    def _rich(self, text: str | None, path: tuple[str, ...], item: dict[str, Any], text_key: str | None,
              bullets_key: str | None = None) -> None:
        rest = common.take_rich(text, path, item, text_key, bullets_key)
        if rest:
            self.report.add(pointer(*path, len(self.doc.get(path[-1], []))),
                            f"description '{' '.join(rest)[:60]}' has no place in JSON Resume")

    def _work(self, employer: Any, position: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        put(item, "name", t.text(employer, "hr:OrganizationName"))
        put(item, "position", t.text(position, "PositionTitle"))
        cities = [t.text(position, "City"), t.text(employer, "OrganizationContact/Communication/Address/oa:CityName")]
        put(item, "location", next(filter(None, cities), None))
        put(item, "startDate", t.text(position, "eures:EmploymentPeriod/eures:StartDate/hr:FormattedDateTime"))
        put(item, "endDate", t.text(position, "eures:EmploymentPeriod/eures:EndDate/hr:FormattedDateTime"))
        t.text(position, "eures:EmploymentPeriod/hr:CurrentIndicator")
        links = [t.text(employer, "Link"), t.text(employer, "OrganizationContact/Communication/oa:URI")]
        put(item, "url", next(filter(None, links), None))
        put(item, "department", t.text(employer, "Department"))
        self._rich(t.text(position, "oa:Description"), ("work",), item, "summary", "highlights")
        self._add("work", item, employer)

    def _education(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        put(item, "institution", t.text(el, "hr:OrganizationName"))
        put(item, "location", t.text(el, "OrganizationContact/Communication/Address/oa:CityName"))
        put(item, "url", t.text(el, "Link") or t.text(el, "OrganizationContact/Communication/oa:URI"))
        put(item, "startDate", t.text(el, "AttendancePeriod/StartDate/hr:FormattedDateTime"))
        put(item, "endDate", t.text(el, "AttendancePeriod/EndDate/hr:FormattedDateTime"))
        t.text(el, "AttendancePeriod/Ongoing")
        put(item, "studyType", t.text(el, "EducationDegree/hr:DegreeName"))
        put(item, "score", t.text(el, "EducationDegree/FinalGrade/hr:ScoreText"))
        put(item, "thesis", t.text(el, "EducationDegree/Thesis"))
        self.t.mark(el, pointer("education", len(self.doc.get("education", []))))
        self._rich(t.text(el, "EducationDegree/OccupationalSkillsCovered"), ("education",), item, None)
        self._add("education", item, el)

    def _publication(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        put(item, "name", t.text(el, "Title"))
        put(item, "releaseDate", t.text(el, "Year"))
        put(item, "doi", t.text(el, "DOI"))
        put(item, "url", t.text(el, "Link"))
        put(item, "publisher", t.text(el, "Publisher"))
        put(item, "volume", t.text(el, "Volume"))
        journal = t.text(el, "Journal")
        if journal:
            item["venue"] = {"name": journal}
        rich = common.from_html(t.text(el, "hr:FormattedPublicationDescription"))
        authors = t.text(el, "Authors")
        if authors:
            item["authors"] = common.parse_authors(authors, rich.strong)
        rest = common.take_coded(rich, item) + common.take_extras(rich.paragraphs, ("publications",), item)
        common.retype(item, ("publications",))
        citation = common.from_html(common.citation_html(item)).paragraphs
        if rest and citation and rest[0] == citation[0]:
            rest = rest[1:]
        if rest:
            item["summary"] = "\n".join(rest)
        self._add("publications", item, el)

    def _language(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        put(item, "language", t.text(el, "CompetencyID"))
        t.text(el, "hr:TaxonomyID")
        codes = {v: k for k, v in CEFR_CODES.items()}
        cefr = {}
        for dim in t.findall(el, "eures:CompetencyDimension"):
            code = t.text(dim, "hr:CompetencyDimensionTypeCode")
            level = t.text(dim, "eures:Score/hr:ScoreText")
            if code in codes and level:
                cefr[codes[code]] = level
        if cefr:
            item["cefr"] = cefr
        self._add("languages", item, el)

    def _skills(self, skills: Any) -> None:
        t = self.t
        for el in skills if skills is not None else ():
            if el.tag == t.q("PersonCompetency"):
                t.text(el, "hr:TaxonomyID")
                put_skill = t.text(el, "hr:CompetencyName")
                if put_skill:
                    self._add("skills", {"name": put_skill}, el)
            elif el.tag == t.q("SkillsGroup"):
                names = [t.text(c, "hr:CompetencyName") for c in t.findall(el, "PersonCompetency")]
                for tax in t.findall(el, "PersonCompetency/hr:TaxonomyID"):
                    t.used.add(tax)
                self._add("skills", {"name": t.text(el, "Title") or "", "keywords": [n for n in names if n]}, el)

    def _dates(self, el: Any, item: dict[str, Any]) -> None:
        t = self.t
        put(item, "startDate", t.text(el, "Date/StartDate/hr:FormattedDateTime"))
        put(item, "endDate", t.text(el, "Date/EndDate/hr:FormattedDateTime"))
        t.text(el, "Date/Ongoing")

    def _activity(self, el: Any, section: str, container: str) -> None:
        t = self.t
        body = t.find(el, "Activity") if t.find(el, "Activity") is not None else el
        item: dict[str, Any] = {}
        title = t.text(body, "Title")
        put(item, "name" if section == "projects" else "position", title)
        self._dates(body, item)
        put(item, "location", t.text(el, "Location"))
        put(item, "url", t.text(body, "Link"))
        self.t.mark(el, pointer(section, len(self.doc.get(section, []))))
        text = t.text(body, "Description") or t.text(body, "oa:Description")
        if section == "projects":
            self._rich(text, ("projects",), item, "description", "highlights")
            if container == "ConferencesAndSeminars" and "type" not in item:
                item["type"] = "conference"
        else:
            self._rich(text, ("volunteer",), item, "summary", "highlights")
        self._add(section, item, el)

    def _others(self, el: Any) -> None:
        t = self.t
        section = t.text(el, "Title")
        custom = next((c for c in CUSTOM if c.title == section), None)
        if custom is None:
            t.used.discard(t.find(el, "Title"))
        for other in t.findall(el, "Other"):
            if custom is None:
                t.mark(other, "")
            else:
                self._other(custom, other)

    def _other(self, custom: Custom, other: Any) -> None:
        t = self.t
        parent = self.doc.setdefault(custom.path[0], {}) if len(custom.path) > 1 else self.doc
        items = parent.setdefault(custom.path[-1], [])
        t.mark(other, pointer(*custom.path, len(items)))
        item: dict[str, Any] = {}
        put(item, custom.name, t.text(other, "Title"))
        if custom.date:
            put(item, custom.date, t.text(other, "Date/StartDate/hr:FormattedDateTime"))
        if custom.end:
            put(item, custom.end, t.text(other, "Date/EndDate/hr:FormattedDateTime"))
        if custom.link:
            put(item, custom.link, t.text(other, "Link"))
        self._rich(t.text(other, "Description"), custom.path, item, custom.text)
        items.append(item)


__all__ = ["read", "write"]
