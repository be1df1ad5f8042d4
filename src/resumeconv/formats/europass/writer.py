"""The Candidate writer: one element per field that has one, the rest into each entry's rich text.

Sections with a Candidate home go there; what has none (honours, mentees, metrics, ...) goes to custom ``Others``
sections, one ``Others`` element per entry as the editor's importer wants. The writer reads its own output back so
that whatever still differs is in the loss report.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ...core import languages, phones, places
from ...core.dates import date_of
from ...core.errors import UsageError
from ...core.losses import LossReport, pointer
from .. import WriteResult
from .._europass import fields, names, prepare, publications, richtext, sections
from .model import (
    BASICS_MAPPED,
    CEFR_CODES,
    CUSTOM,
    DOI_URL,
    NATIVE,
    NS,
    NSMAP,
    ORCID_URL,
    PROFILE_ORDER,
    SCHEME,
    SOCIAL_NAMES,
    TARGET,
    Custom,
    language_code,
)


def _q(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{NSMAP[prefix or None]}}}{local}"


def _el(parent: Any, tag: str, text: str | None = None, /, **attrs: str) -> Any:
    node = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        node.text = text
    return node


def _date(parent: Any, name: str, value: str | None) -> None:
    date = date_of(value)
    if date is not None:
        _el(_el(parent, name), "hr:FormattedDateTime", date.iso)


def write(doc: dict[str, Any], *, format: str = "europass", language: str | None = None, **_: Any) -> WriteResult:
    """The Candidate XML of ``doc``.

    ``language`` is the CV's language code (CandidateProfile/@languageCode); by default it comes from the document
    (``meta.language``, else its text, see ``languages.detect``), and when neither says, the attribute is left out
    (Europass then reads the CV as English, rule BR-COM-01) and the report says so.
    """
    if language is not None and not re.fullmatch(r"[a-z]{2}", language):
        raise UsageError(f"language '{language}' is not a two-letter code such as en, fr or it")
    report = LossReport()
    if language is None:
        language = languages.detect(doc)
        if language is None:
            report.add("", "the CV's language is not in meta.language and its text does not show it clearly: "
                       "no CandidateProfile languageCode (Europass takes English; set it with -O language=xx)",
                       "normalization")
    writer = _Writer(prepare.prepare(doc, report, TARGET), language, report)
    root = writer.build()
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True, pretty_print=True)
    return WriteResult(data, report.items)


def _fields(parent: Any, item: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> None:
    """One child element per (field, element) pair whose field has a value, in the order given."""
    for key, tag in pairs:
        if item.get(key):
            _el(parent, tag, item[key])


def _organization(parent: Any, name: str | None, place: tuple[str, str | None] | None) -> None:
    """An organization's name and (city, country code), as employers and schools both carry them."""
    if name:
        _el(parent, "hr:OrganizationName", name)
    if place:
        address = _el(_el(_el(parent, "OrganizationContact"), "Communication"), "Address")
        _el(address, "oa:CityName", place[0])
        if place[1]:
            _el(address, "CountryCode", place[1].lower())


class _Writer:
    def __init__(self, doc: dict[str, Any], language: str | None, report: LossReport):
        self.doc = doc
        self.language = language
        self.report = report
        self.sections: list[tuple[str, bool]] = []

    def build(self) -> Any:
        nsmap: Any = NSMAP  # lxml: the None key is the default namespace
        root = etree.Element(_q("Candidate"), nsmap=nsmap)
        root.set(_q("xsi:schemaLocation"), f"{NS} Candidate.xsd")
        _el(root, "hr:DocumentID", schemeName="DocumentIdentifier", schemeVersionID="4.0", **SCHEME)
        basics = prepare.obj(self.doc.get("basics"))
        self._supplier(root, basics)
        self._person(root, basics)
        profile = _el(root, "CandidateProfile", **({"languageCode": self.language} if self.language else {}))
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
        given, family = names.split_name(str(basics.get("name") or ""))
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
        home = self._home(prepare.obj(basics.get("location")))
        if basics.get("phone"):
            self._phone(person, basics["phone"], home.get("countryCode"))
        if home:
            self._address(person, home)
        for i, item in enumerate(self.doc.get("languages") or []):
            if sections.is_mother_tongue(item):
                text, scheme = self._language_code(item["language"], pointer("languages", i))
                _el(person, "PrimaryLanguageCode", text, name=scheme)
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

    def _phone(self, person: Any, phone: str, country: str | None) -> None:
        """A phone with its dialling code: its own +code, else the one of the CV's country (location.countryCode)."""
        parsed = phones.parse(phone, country)
        if parsed.dial is None or parsed.national is None:
            why = f"not a valid number in {country}" if country else "no location.countryCode to take it from"
            self.report.add("/basics/phone", f"no +country code in the number ({why}), and Europass requires one")
            return
        if not parsed.valid:
            # The same question RenderCV's model asks: both write a number or both say why not.
            self.report.add("/basics/phone", f"{parsed.international} is not a number in an assigned range "
                            "(phonenumbers' metadata): not written")
            return
        comm = _el(person, "Communication")
        _el(comm, "ChannelCode", "Telephone")
        _el(comm, "UseCode", "other")
        _el(comm, "CountryDialing", parsed.dial)
        _el(comm, "oa:DialNumber", parsed.national)
        if parsed.region:
            _el(comm, "CountryCode", parsed.region.lower())
        written = phones.join(parsed.dial, parsed.national)
        if parsed.extension:
            self.report.add("/basics/phone", f"{TARGET} has no field for the extension {parsed.extension}: written "
                            f"as {written}")
        elif written != phone:
            source = f" (dialling code of {country})" if parsed.from_hint else ""
            self.report.add("/basics/phone", f"written as {written}{source}", "normalization")

    def _home(self, loc: dict[str, Any]) -> dict[str, str]:
        """basics.location as Europass addresses hold it: an ISO alpha-2 country, the city split from its country.

        'San Jose, USA' with no countryCode becomes city 'San Jose' and country US; 'USA', 'UK' or 'Venezuela' as a
        countryCode becomes US, GB, VE (names and codes from pycountry and phonenumbers' tables).
        """
        out: dict[str, str] = {}
        for key in loc:
            if key not in ("address", "city", "countryCode", "postalCode"):
                self.report.add(pointer("basics", "location", key), f"{TARGET} addresses have no such field")
        for key in ("address", "city", "postalCode"):
            if isinstance(loc.get(key), str):
                out[key] = loc[key]
        code = loc.get("countryCode")
        if isinstance(code, str):
            iso = places.country_code(code)
            if iso is None:
                self.report.add("/basics/location/countryCode", "not an ISO 3166-1 alpha-2 code or a country name")
            else:
                out["countryCode"] = iso
                if iso != code:
                    self.report.add("/basics/location/countryCode", f"written as the ISO code {iso}",
                                    "normalization")
        split = places.split_place(out["city"]) if "city" in out and "countryCode" not in out else None
        if split:
            out["city"], out["countryCode"] = split
            self.report.add("/basics/location/city", f"written as city '{split[0]}' and country {split[1]}",
                            "normalization")
        return out

    def _address(self, person: Any, home: dict[str, str]) -> None:
        comm = _el(person, "Communication")
        _el(comm, "UseCode", "home")
        address = _el(comm, "Address", type="home")
        for key, tag in (("address", "oa:AddressLine"), ("city", "oa:CityName"), ("countryCode", "CountryCode"),
                         ("postalCode", "oa:PostalCode")):
            if home.get(key):
                _el(address, tag, home[key].lower() if key == "countryCode" else home[key])

    def _summary(self, node: Any, basics: dict[str, Any]) -> None:
        if basics.get("summary"):
            node.text = richtext.to_html(basics["summary"].split("\n\n"))

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
        skills = list(enumerate(doc.get("skills") or []))
        for i, item in sorted(skills, key=lambda pair: bool(prepare.obj(pair[1]).get("keywords"))):
            self._skill(parts["Skills"], item, pointer("skills", i))  # single skills before groups, as exported
        for i, item in enumerate(doc.get("projects") or []):
            talk = sections.is_talk(item)
            parent = parts["ConferencesAndSeminars"] if talk else parts["Projects"]
            self._activity(parent, "ConferenceAndSeminar" if talk else "Project", item, pointer("projects", i),
                           title="name", text="description")
        for i, item in enumerate(doc.get("volunteer") or []):
            own = sections.is_volunteering(item)
            parent = parts["VoluntaryWorks"] if own else parts["NetworksAndMemberships"]
            self._activity(parent, "VoluntaryWork" if own else "NetworkAndMembership", item,
                           pointer("volunteer", i), title="position", text="summary")
        self._meta(prepare.obj(doc.get("meta")))
        for key, first, what in (("projects", sections.is_talk, "conferences and seminars and projects"),
                                 ("volunteer", sections.is_volunteering, "voluntary work and memberships"),
                                 ("languages", sections.is_mother_tongue, "mother tongues and other languages"),
                                 ("skills", lambda x: not x.get("keywords"), "single skills and skill groups")):
            sections.order_note(doc.get(key) or [], first, pointer(key), self.report, TARGET, what)
        for key in doc:
            if key not in known:
                self.report.add(pointer(key), f"{TARGET} has no section for it")
        titles = [("EmploymentHistory", "work-experience"), ("EducationHistory", "education-training"),
                 ("PersonQualifications", "language"), ("Skills", "profile-skills"),
                 ("PublicationHistory", "publication"), ("Projects", "projects"),
                 ("NetworksAndMemberships", "membership"), ("ConferencesAndSeminars", "conference-seminar"),
                 ("VoluntaryWorks", "volunteering")]
        self.sections = [(title, False) for name, title in titles if len(parts[name])]

    def _meta(self, meta: dict[str, Any]) -> None:
        for key in meta:
            if key != "mentees":
                self.report.add(pointer("meta", key), f"{TARGET} has no place for document metadata")

    def _rich(self, item: dict[str, Any], ptr: str, mapped: set[str], text_key: str | None,
              bullets_key: str | None = "highlights") -> str:
        return fields.rich_text(item, ptr, mapped, text_key, bullets_key, self.report, TARGET)

    def _place(self, item: dict[str, Any], ptr: str) -> tuple[str, str | None] | None:
        """An entry's location as (city, ISO country code or None): 'San Jose, USA' -> ('San Jose', 'US')."""
        where = item.get("location")
        if not isinstance(where, str):
            return None
        split = places.split_place(where)
        if split is None:
            return where, None
        name = places.country_name(split[1])
        self.report.add(f"{ptr}/location", f"written as city '{split[0]}' and country {split[1]}; reads back as "
                        f"'{split[0]}, {name}'", "normalization")
        return split

    def _work(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        employer = _el(parent, "EmployerHistory")
        place = self._place(item, ptr)
        _organization(employer, item.get("name"), place)
        position = _el(employer, "PositionHistory")
        if item.get("position"):
            _el(position, "PositionTitle", item["position"], typeCode="FREETEXT")
        if item.get("startDate"):
            period = _el(position, "eures:EmploymentPeriod")
            _date(period, "eures:StartDate", item.get("startDate"))
            _date(period, "eures:EndDate", item.get("endDate"))
            _el(period, "hr:CurrentIndicator", "false" if item.get("endDate") else "true")
        elif item.get("endDate"):
            self.report.add(f"{ptr}/endDate", f"{TARGET} keeps an employment period only with its start date")
        mapped = {"name", "location", "position", "startDate", "endDate", "url", "department"}
        description = self._rich(item, ptr, mapped, "summary")
        if description:
            _el(position, "oa:Description", description)
        if place:
            _el(position, "City", place[0])
            if place[1]:
                _el(position, "Country", place[1].lower())
        _fields(employer, item, (("department", "Department"), ("url", "Link")))

    def _education(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        node = _el(parent, "EducationOrganizationAttendance")
        _organization(node, item.get("institution"), self._place(item, ptr))
        if item.get("startDate") or item.get("endDate"):
            period = _el(node, "AttendancePeriod")
            _date(period, "StartDate", item.get("startDate"))
            _date(period, "EndDate", item.get("endDate"))
            ongoing = _ongoing(item)
            if ongoing is not None:
                _el(period, "Ongoing", "true" if ongoing else "false")
        degree = _el(node, "EducationDegree")
        _el(degree, "hr:DegreeName", str(item.get("studyType") or ""))
        if item.get("score"):
            _el(_el(degree, "FinalGrade"), "hr:ScoreText", item["score"])
        _fields(degree, item, (("thesis", "Thesis"),))
        mapped = {"institution", "location", "startDate", "endDate", "studyType", "score", "thesis", "url"}
        description = self._rich(item, ptr, mapped, None, None)
        if description:
            _el(degree, "OccupationalSkillsCovered", description)
        _fields(node, item, (("url", "Link"),))

    def _publication(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        """Title, Year, Link and DOI have elements; authors, venue and the rest go into the description."""
        node = _el(parent, "Publication")
        html = publications.description(item)
        if html:
            _el(node, "hr:FormattedPublicationDescription", html)
        _fields(node, item, (("name", "Title"),))
        release = date_of(item.get("releaseDate"))
        if release is not None:
            _el(node, "Year", str(release.year))
        if release is not None and release.precision != "year":
            self.report.add(f"{ptr}/releaseDate", f"{TARGET} keeps the year of publication only")
        _fields(node, item, (("url", "Link"),))
        if isinstance(item.get("doi"), str):
            _el(_el(node, "DOI"), "Link", DOI_URL + item["doi"])
            self.report.add(f"{ptr}/doi", f"written as the DOI link {DOI_URL}<doi>", "normalization")
        publications.author_losses(item.get("authors") or [], f"{ptr}/authors", {"self", "equalContribution"},
                                   self.report, TARGET)
        reasons = {"authors": "written as the description's author line (owner in bold, '*' for equal contribution)",
                   "venue": "written as the description's venue line", "notes": "written as a list in the description",
                   "group": f"{TARGET} lists publications without the CV's headings"}
        for key in item:
            if key in ("name", "releaseDate", "url", "doi", "summary"):
                continue
            if key in publications.DESCRIBED:
                reason = reasons.get(key, "written into the description's venue line")
                self.report.add(f"{ptr}/{key}", reason, "normalization")
            else:
                self.report.add(f"{ptr}/{key}", reasons.get(key, f"{TARGET} has no field for it"))

    def _language(self, parent: Any, item: dict[str, Any], ptr: str) -> None:
        cefr = prepare.obj(item.get("cefr"))
        if sections.is_mother_tongue(item):
            if item["fluency"] != NATIVE:
                self.report.add(f"{ptr}/fluency", f"written as a mother tongue; reads back as '{NATIVE}'",
                                "normalization")
            for key in item:
                if key not in ("language", "fluency"):
                    self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")
            return
        node = _el(parent, "PersonCompetency")
        text, scheme = self._language_code(item.get("language") or "", ptr)
        _el(node, "CompetencyID", text, schemeName=scheme)
        _el(node, "hr:TaxonomyID", "language")
        overall = languages.cefr_level(item.get("fluency")) if not cefr else None
        if overall:
            cefr = dict.fromkeys(languages.CEFR_DIMENSIONS, overall)
            self.report.add(f"{ptr}/fluency", f"the CEFR level {overall} written for all five dimensions (listening, "
                            "reading, spoken interaction and production, writing); reads back as cefr",
                            "normalization")
        for dim in languages.CEFR_DIMENSIONS:
            level = str(cefr.get(dim) or "").upper()
            if level in languages.CEFR_LEVELS:
                dimension = _el(node, "eures:CompetencyDimension")
                _el(dimension, "hr:CompetencyDimensionTypeCode", CEFR_CODES[dim])
                _el(_el(dimension, "eures:Score"), "hr:ScoreText", level)
            elif cefr.get(dim):
                self.report.add(f"{ptr}/cefr/{dim}", "not a CEFR level (A1..C2)")
        if item.get("fluency") and not overall:
            self.report.add(f"{ptr}/fluency", f"{TARGET} keeps language levels only as CEFR levels")
        for key in item:
            if key not in ("language", "fluency", "cefr"):
                self.report.add(f"{ptr}/{key}", f"{TARGET} has no field for it")

    def _language_code(self, text: str, ptr: str) -> tuple[str, str]:
        """(text, scheme) of a language: its NORMAL code where the language codec names it, else FREE_TEXT."""
        coded = language_code(text)
        if coded is None:
            return text, "FREE_TEXT"
        code, name = coded
        if name != text:
            self.report.add(f"{ptr}/language", f"written as the ISO 639 code {code}; reads back as '{name}'",
                            "normalization")
        return code, "NORMAL"

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
        """An entry of a Candidate activity section, in the shape of its type in the schema documentation.

        Projects are ActivityType (Title, Date, Description, Link); conferences and voluntary work EventType (with
        a Location after the date, where the editor's exports put it); memberships SocialAndNetworkingActivityType:
        an ``Activity`` with a ``Location`` beside it.
        """
        node = _el(parent, tag)
        body = _el(node, "Activity") if tag == "NetworkAndMembership" else node
        _el(body, "Title", item.get(title) or "")
        self._period(body, item.get("startDate"), item.get("endDate"))
        mapped = {title, "startDate", "endDate", "url"}
        if tag in ("VoluntaryWork", "NetworkAndMembership") and isinstance(item.get("type"), str):
            mapped.add("type")
            self._service_type(item, ptr, tag)
        location = item.get("location") if tag != "Project" and isinstance(item.get("location"), str) else None
        if location:
            mapped.add("location")
            if tag != "NetworkAndMembership":
                _el(body, "Location", location)
        description = self._rich(item, ptr, mapped, text)
        if description:
            _el(body, "Description", description)
        _fields(body, item, (("url", "Link"),))
        if location and tag == "NetworkAndMembership":
            _el(node, "Location", location)

    def _service_type(self, item: dict[str, Any], ptr: str, tag: str) -> None:
        """The kind of service is not written as a 'Type: reviewing' line: voluntary work says 'volunteering' by its
        section; Europass has no field for the other kinds, so they are left out and reported (in words when the
        position already says it: 'Journal Reviewer')."""
        kind = item["type"]
        if tag == "VoluntaryWork":
            self.report.add(f"{ptr}/type", "said by the section it is written in (voluntary work): reads back "
                            "without a type", "normalization")
            return
        position = str(item.get("position") or "")
        stem = _SERVICE_WORDS.get(kind)
        # The reason names no value of the entry, so several entries fold into one line of the report.
        said = ", and its position says it in words" if stem and stem in position.lower() else ""
        self.report.add(f"{ptr}/type", f"{TARGET} has no field for the kind of service; left out{said}")

    def _period(self, node: Any, start: str | None, end: str | None) -> None:
        if start or end:
            period = _el(node, "Date")
            _date(period, "StartDate", start)
            _date(period, "EndDate", end)

    def _other(self, profile: Any, custom: Custom, item: dict[str, Any], ptr: str) -> None:
        if isinstance(item.get("affiliations"), list):
            item = {**item, "affiliations": [fields.affiliation_text(a) for a in item["affiliations"]
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


#: How a position says each kind of service in words (schema: volunteer.type), lower case stems.
_SERVICE_WORDS = {"reviewing": "review", "organizing": "organi", "committee": "committee", "editorial": "edit",
                  "chairing": "chair", "judging": "judg"}


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
