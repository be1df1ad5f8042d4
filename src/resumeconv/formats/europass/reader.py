"""The Candidate reader: real editor exports and our own output; every element with text it does not use is a loss."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ...core import phones, places
from ...core.errors import InputError
from ...core.losses import LossReport, pointer
from .. import ReadResult
from .._europass import fields, names, others, publications, richtext
from .._europass.fields import put
from .._europass.xml import Tree, parse, wrong_root
from .model import CEFR_CODES, CUSTOM, NATIVE, NS, ORCID_URL, READ_NSMAP, SOCIAL_NAMES, Custom, language_name


def read(data: bytes, *, source: str | None = None, format: str = "europass", **_: Any) -> ReadResult:
    tree = parse(data, source)
    root = tree.getroot()
    if etree.QName(root).localname == "SkillsPassport":
        raise InputError("this is a legacy Europass v3 (SkillsPassport) file: read it with -f europass-v3", source)
    if root.tag != f"{{{NS}}}Candidate":
        raise InputError(wrong_root("a Europass Candidate document", etree.QName(root), "Candidate", NS), source)
    reader = _Reader(Tree(root, READ_NSMAP))
    doc = reader.read()
    return ReadResult.untyped(doc, reader.report.items)


class _Reader:
    def __init__(self, tree: Tree):
        self.t = tree
        self.report = LossReport()
        self.doc: dict[str, Any] = {}

    def read(self) -> dict[str, Any]:
        t = self.t
        for path in ("hr:DocumentID", "CandidateSupplier", "RenderingInformation/Design", "CandidateProfile/hr:ID"):
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
        items: list[dict[str, Any]] = self.doc.setdefault(name, [])
        return items

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
        name = names.join_name(t.text(person, "PersonName/oa:GivenName"), t.text(person, "PersonName/hr:FamilyName"))
        if name:
            basics["name"] = name
        for comm in t.findall(person, "Communication"):
            self._communication(basics, comm)
        natives = [language_name(t.text(el), el.get("name")) for el in t.findall(person, "PrimaryLanguageCode")]
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
            put(basics, "phone", phones.join(t.text(comm, "CountryDialing"), t.text(comm, "oa:DialNumber")))
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
        tags = {"address": "oa:AddressLine", "city": "oa:CityName", "countryCode": "CountryCode",
                  "postalCode": "oa:PostalCode"}
        loc = {key: t.text(address, path) for key, path in tags.items()}
        code = loc.get("countryCode")
        if code:
            loc["countryCode"] = code.upper()
        loc = {k: v for k, v in loc.items() if v}
        if loc:
            basics["location"] = loc

    # -------------------------------------------------------- profile

    def _profile(self, profile: Any) -> None:
        t = self.t
        summary = t.text(profile, "hr:ExecutiveSummary")
        if summary:
            rich = richtext.from_html(summary)
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
                             ("CreativeWorks/CreativeWork", "projects"),
                             ("VoluntaryWorks/VoluntaryWork", "volunteer"),
                             ("NetworksAndMemberships/NetworkAndMembership", "volunteer"),
                             ("SocialAndPoliticalActivities/SocialAndPoliticalActivity", "volunteer")):
            for el in t.findall(profile, tag):
                self._activity(el, section, tag.split("/")[0])
        for el in t.findall(profile, "HobbiesAndInterests/HobbyOrInterest"):
            self._hobby(el)
        for el in t.findall(profile, "Others"):
            self._others(el)

    def _rich(self, text: str | None, path: tuple[str, ...], item: dict[str, Any], text_key: str | None,
              bullets_key: str | None = None) -> None:
        rest = fields.take_rich(text, path, item, text_key, bullets_key)
        if rest:
            self.report.add(pointer(*path, len(self.doc.get(path[-1], []))),
                            f"description '{' '.join(rest)[:60]}' has no place in JSON Resume")

    def _work(self, employer: Any, position: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        put(item, "name", t.text(employer, "hr:OrganizationName"))
        put(item, "position", t.text(position, "PositionTitle"))
        address = "OrganizationContact/Communication/Address/"
        cities = [t.text(position, "City"), t.text(employer, address + "oa:CityName")]
        countries = [t.text(position, "Country"), t.text(employer, address + "CountryCode")]
        put(item, "location", _place(next(filter(None, cities), None), next(filter(None, countries), None)))
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
        address = "OrganizationContact/Communication/Address/"
        put(item, "location", _place(t.text(el, address + "oa:CityName"), t.text(el, address + "CountryCode")))
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
        put(item, "url", t.text(el, "Link"))
        doi = _doi(t.text(el, "DOI/Value") or t.text(el, "DOI/Link") or t.text(el, "DOI"))
        if doi and doi.startswith(("http://", "https://")) and "url" not in item:
            item["url"] = doi
        else:
            put(item, "doi", doi)
        put(item, "publisher", t.text(el, "Publisher"))
        put(item, "volume", t.text(el, "Volume"))
        journal = t.text(el, "Journal")
        if journal:
            item["venue"] = {"name": journal}
        rich = richtext.from_html(t.text(el, "hr:FormattedPublicationDescription"))
        authors = t.text(el, "Authors")
        if authors:
            item["authors"] = publications.parse_authors(authors, rich.strong)
        props = fields.item_properties(("publications",))
        described, rest = publications.read_description(rich, item.get("name"), props["type"].get("enum", ()),
                                                        props["status"].get("enum", ()))
        for key, value in described.items():
            item.setdefault(key, value)
        rest = fields.take_coded(rich, item) + fields.take_extras(rest, ("publications",), item)
        fields.retype(item, ("publications",))
        if rest:
            item["summary"] = "\n".join(rest)
        self._add("publications", item, el)

    def _language(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        code = t.find(el, "CompetencyID")
        put(item, "language", language_name(t.text(code), code.get("schemeName") if code is not None else None))
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
                competencies = [t.text(c, "hr:CompetencyName") for c in t.findall(el, "PersonCompetency")]
                for tax in t.findall(el, "PersonCompetency/hr:TaxonomyID"):
                    t.used.add(tax)
                self._add("skills", {"name": t.text(el, "Title") or "", "keywords": [n for n in competencies if n]}, el)

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
            if container != "VoluntaryWorks" and "type" not in item:
                item["type"] = "other"  # a membership or activity, not volunteering: it goes back where it was
        self._add(section, item, el)

    def _hobby(self, el: Any) -> None:
        """HobbiesAndInterests/HobbyOrInterest (ActivityType): the title is the interest; the rest is reported."""
        name = self.t.text(el, "Title")
        self.t.mark(el, pointer("interests", len(self.doc.get("interests", []))))
        if name:
            self._add("interests", {"name": name}, el)

    def _others(self, el: Any) -> None:
        """A custom section: ours by its exact title; the editor's publications, courses, "About me" and hobbies
        by their title in any interface language (``others.kind_of``); any other one is reported, entry by entry."""
        t = self.t
        section = t.text(el, "Title")
        custom = next((c for c in CUSTOM if c.title == section), None)
        kind = others.kind_of(section) if custom is None else None
        for other in t.findall(el, "Other"):
            if custom is not None:
                self._other(custom, other)
            elif kind is not None:
                getattr(self, f"_other_{kind}")(other)
            else:
                t.skip(other)
                self.report.add("", f"custom section '{section}' (CandidateProfile/Others): the reader does not know "
                                f"which JSON Resume section it is, so its entry '{t.text(other, 'Title') or ''}' "
                                "is not read")

    def _other_publications(self, other: Any) -> None:
        """Each list item of an editor publications block is one publication; the block's title (and a sub-heading
        such as 'Books') is its group."""
        t = self.t
        title = t.text(other, "Title")
        lines = others.lines(t.text(other, "Description"))
        t.mark(other, pointer("publications", len(self.doc.get("publications", []))))
        for line in lines or [others.Line(title or "")]:
            if not line.text:
                continue
            item = others.publication(line) if lines else {"name": line.text}
            group = ": ".join(p for p in (title, line.heading) if p) if lines else None
            if group:
                item["group"] = group
            self._section("publications").append(item)

    def _other_courses(self, other: Any) -> None:
        """A course: an education entry with the course as its one course, and the course's dates."""
        t = self.t
        item: dict[str, Any] = {}
        put(item, "courses", [t.text(other, "Title")] if t.text(other, "Title") else None)
        self._dates(other, item)
        ptr = pointer("education", len(self.doc.get("education", [])))
        rich = richtext.from_html(t.text(other, "Description"))
        text = " ".join([*rich.paragraphs, *rich.bullets])
        if text:
            self.report.add(ptr, f"course description '{text[:60]}' not read: JSON Resume education entries have no "
                            "description (the course title is kept in education.courses)")
        self._add("education", item, other)

    def _other_about(self, other: Any) -> None:
        """An "About me" block: its title and text join basics.summary, after the profile's summary."""
        t = self.t
        rich = richtext.from_html(t.text(other, "Description"))
        parts = [p for p in (t.text(other, "Title"), *rich.paragraphs, *rich.bullets) if p]
        basics = self.doc.setdefault("basics", {})
        t.mark(other, "/basics/summary")
        if parts:
            basics["summary"] = "\n\n".join([*([basics["summary"]] if basics.get("summary") else []), *parts])

    def _other_skills(self, other: Any) -> None:
        """A skills block ('Job-related skills', 'Competenze personali'): a skill named by the entry's title, each
        paragraph and list item of its text one keyword."""
        t = self.t
        rich = richtext.from_html(t.text(other, "Description"))
        item: dict[str, Any] = {"name": t.text(other, "Title") or ""}
        put(item, "keywords", [*rich.paragraphs, *rich.bullets] or None)
        self._add("skills", item, other)

    def _other_interests(self, other: Any) -> None:
        """A hobby: an interest named by the entry's title (its description has no place: interests have names
        and keywords)."""
        self._hobby(other)

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


def _doi(text: str | None) -> str | None:
    """The DOI of a DOI/Value, a DOI/Link (https://doi.org/10.1/x, doi:10.1/x) or a bare DOI; other text as is."""
    if not text:
        return None
    match = re.match(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\..+)", text, re.IGNORECASE)
    return match.group(1) if match else text


def _place(city: str | None, country: str | None) -> str | None:
    """'San Jose, United States' from a city and an ISO country code, as a CV writes a place."""
    name = places.country_name(country) if country and len(country) == 2 else country
    return ", ".join(p for p in (city, name) if p) or None

