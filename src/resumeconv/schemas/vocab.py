"""The document's vocabulary, generated from schema/resume.schema.json by scripts/generate_vocab.py.

Do not edit: change the schema and run the script (tests/test_vocab_fresh.py checks this file is fresh).
TypedDicts are total=False: every field of a JSON Resume document is optional unless the schema requires it
(required fields are listed in REQUIRED).
"""

from __future__ import annotations

from typing import TypedDict

#: Top-level sections, in the schema's order.
SECTIONS: tuple[str, ...] = (
    "basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages",
    "interests", "references", "projects", "meta",
)

#: Sections that are lists of items.
ARRAY_SECTIONS: tuple[str, ...] = (
    "work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages", "interests",
    "references", "projects",
)

#: Fields holding a (partial) ISO 8601 date.
DATE_FIELDS: frozenset[str] = frozenset({"date", "endDate", "releaseDate", "startDate"})

#: Fields the schema checks as URIs (format uri).
URI_FIELDS: frozenset[str] = frozenset({"$schema", "canonical", "url"})

#: Fields holding an ORCID identifier.
ORCID_FIELDS: frozenset[str] = frozenset({"orcid"})

#: Fields holding a DOI identifier.
DOI_FIELDS: frozenset[str] = frozenset({"doi"})

#: Fields holding an ARXIV identifier.
ARXIV_FIELDS: frozenset[str] = frozenset({"arxiv"})

#: The CEFR skills a language may rate.
CEFR_DIMENSIONS: tuple[str, ...] = ("listening", "reading", "spokenInteraction", "spokenProduction", "writing")

#: Allowed values of work.employmentType.
EMPLOYMENT_TYPES: tuple[str, ...] = (
    "full-time", "part-time", "internship", "contract", "temporary", "freelance", "self-employed", "apprenticeship",
    "seasonal",
)

#: Allowed values of work.workplaceType.
WORKPLACE_TYPES: tuple[str, ...] = ("on-site", "remote", "hybrid")

#: Allowed values of volunteer.type.
SERVICE_TYPES: tuple[str, ...] = (
    "volunteering", "reviewing", "organizing", "committee", "editorial", "chairing", "judging", "other",
)

#: Allowed values of education.status.
EDUCATION_STATUSES: tuple[str, ...] = ("completed", "in-progress", "candidate", "discontinued")

#: Allowed values of publications.type.
PUBLICATION_TYPES: tuple[str, ...] = (
    "conference-paper", "journal-article", "workshop-paper", "preprint", "book", "book-chapter", "edited-book",
    "magazine-article", "dissertation", "report", "tutorial", "lecture-speech", "poster", "dataset", "software",
    "patent", "other",
)

#: Allowed values of publications.status.
PUBLICATION_STATUSES: tuple[str, ...] = (
    "published", "accepted", "in-press", "submitted", "under-review", "preprint", "in-preparation",
)

#: Allowed values of languages.cefr.listening.
CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")

#: resumeconv extension. The projects.type values that make a project a talk or tutorial (a one-off event);
#: projects.type itself stays free text.
TALK_TYPES: frozenset[str] = frozenset({"invited-talk", "keynote", "panel", "poster", "seminar", "talk", "tutorial"})

#: Required fields of each TypedDict below.
REQUIRED: dict[str, tuple[str, ...]] = {
    "Author": ("name",),
    "Metric": ("name", "value"),
    "BasicsResearchHighlights": ("title",),
    "MetaMenteesAffiliations": ("institution",),
    "MetaMentees": ("name",),
}


#: resumeconv extension. One author of a publication.
class Author(TypedDict, total=False):
    name: str
    self: bool
    equalContribution: bool
    corresponding: bool
    orcid: str


#: resumeconv extension. Where a work appeared or was given.
class Venue(TypedDict, total=False):
    name: str
    short: str


#: resumeconv extension. A bibliometric figure with its source and date.
class Metric(TypedDict, total=False):
    name: str
    value: float
    source: str
    date: str
    url: str


class BasicsLocation(TypedDict, total=False):
    address: str
    postalCode: str
    city: str
    countryCode: str
    region: str


class BasicsProfiles(TypedDict, total=False):
    network: str
    username: str
    url: str


class BasicsResearchHighlights(TypedDict, total=False):
    title: str
    summary: str


class Basics(TypedDict, total=False):
    name: str
    label: str
    image: str
    email: str
    phone: str
    url: str
    summary: str
    location: BasicsLocation
    profiles: list[BasicsProfiles]
    orcid: str
    metrics: list[Metric]
    researchHighlights: list[BasicsResearchHighlights]


class WorkItem(TypedDict, total=False):
    name: str
    location: str
    description: str
    position: str
    url: str
    startDate: str
    endDate: str
    summary: str
    highlights: list[str]
    department: str
    project: str
    employmentType: list[str]
    workplaceType: str


class VolunteerItem(TypedDict, total=False):
    organization: str
    position: str
    url: str
    startDate: str
    endDate: str
    summary: str
    highlights: list[str]
    type: str
    venues: list[str]


class EducationItem(TypedDict, total=False):
    institution: str
    url: str
    area: str
    studyType: str
    startDate: str
    endDate: str
    score: str
    courses: list[str]
    location: str
    department: str
    status: str
    advisors: list[str]
    committee: list[str]
    researchAreas: list[str]
    thesis: str


class AwardsItem(TypedDict, total=False):
    title: str
    date: str
    awarder: str
    summary: str
    dates: list[str]
    amount: str
    selectivity: str
    host: str


class CertificatesItem(TypedDict, total=False):
    name: str
    date: str
    url: str
    issuer: str


class PublicationsItem(TypedDict, total=False):
    name: str
    publisher: str
    releaseDate: str
    url: str
    summary: str
    authors: list[Author]
    venue: Venue
    type: str
    status: str
    doi: str
    arxiv: str
    volume: str
    issue: str
    pages: str
    notes: list[str]
    group: str


class SkillsItem(TypedDict, total=False):
    name: str
    level: str
    keywords: list[str]


#: resumeconv extension. CEFR self-assessment per dimension, as in Europass.
class LanguagesItemCefr(TypedDict, total=False):
    listening: str
    reading: str
    spokenInteraction: str
    spokenProduction: str
    writing: str


class LanguagesItem(TypedDict, total=False):
    language: str
    fluency: str
    cefr: LanguagesItemCefr


class InterestsItem(TypedDict, total=False):
    name: str
    keywords: list[str]


class ReferencesItem(TypedDict, total=False):
    name: str
    reference: str


class ProjectsItem(TypedDict, total=False):
    name: str
    description: str
    highlights: list[str]
    keywords: list[str]
    startDate: str
    endDate: str
    url: str
    roles: list[str]
    entity: str
    type: str
    venue: Venue
    presenters: list[str]
    location: str


class MetaMenteesAffiliations(TypedDict, total=False):
    role: str
    institution: str


class MetaMentees(TypedDict, total=False):
    name: str
    affiliations: list[MetaMenteesAffiliations]
    startDate: str
    endDate: str
    outcomes: list[str]
    summary: str


#: resumeconv extension. Provenance of the data.
class MetaSource(TypedDict, total=False):
    file: str
    notes: list[str]


#: The schema version and any other tooling configuration lives here; also academic data with no other home
class Meta(TypedDict, total=False):
    canonical: str
    version: str
    lastModified: str
    mentees: list[MetaMentees]
    publicationsOverview: str
    source: MetaSource


#: JSON Resume v1.0.0 with typed academic fields. The root stays closed and every extension lives inside existing items,
#: so a document valid here is also valid under upstream JSON Resume v1.0.0 (draft-04) and the latest upstream schema
#: (draft-07). Field names live here and nowhere else; schema/README.md explains the mapping.
Resume = TypedDict("Resume", {
    "$schema": str,
    "basics": Basics,
    "work": list[WorkItem],
    "volunteer": list[VolunteerItem],
    "education": list[EducationItem],
    "awards": list[AwardsItem],
    "certificates": list[CertificatesItem],
    "publications": list[PublicationsItem],
    "skills": list[SkillsItem],
    "languages": list[LanguagesItem],
    "interests": list[InterestsItem],
    "references": list[ReferencesItem],
    "projects": list[ProjectsItem],
    "meta": Meta,
}, total=False)
