"""ORCID works: the one internal model (:class:`Work`) between our publications and ORCID's JSON and XML.

Vocabularies below are ORCID's own (orcid-model ``WorkType.java``, ``Relationship.java``, ``CitationType.java``,
``SequenceType``, contributor roles in ``common-3.0.xsd``); external-id types are the ones ORCID's importers and
recorded answers use. The XSD leaves all of them as plain strings: :func:`server_problems` checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._bibtex_entry import orcid_work_types

NS = {
    "work": "http://www.orcid.org/ns/work", "common": "http://www.orcid.org/ns/common",
    "bulk": "http://www.orcid.org/ns/bulk", "error": "http://www.orcid.org/ns/error",
    "activities": "http://www.orcid.org/ns/activities", "record": "http://www.orcid.org/ns/record",
}
#: ORCID v3.0 work types: orcid-model ``WorkType.java`` (at 32dc3ce, which adds ``review``), 45 in all.
WORK_TYPES = frozenset({
    "annotation", "artistic-performance", "book-chapter", "book-review", "book", "conference-abstract",
    "conference-paper", "conference-poster", "data-management-plan", "data-set", "dictionary-entry",
    "disclosure", "dissertation-thesis", "edited-book", "encyclopedia-entry", "invention", "journal-article",
    "journal-issue", "lecture-speech", "license", "magazine-article", "manual", "newsletter-article",
    "newspaper-article", "online-resource", "other", "patent", "physical-object", "preprint",
    "registered-copyright", "review", "report", "research-technique", "research-tool", "software", "spin-off-company",
    "standards-and-policy", "supervised-student-publication", "technical-standard", "test", "trademark",
    "translation", "website", "working-paper", "undefined"
})


#: Names ORCID reads as another type: ``WorkType.fromValue``'s "known maps", and the v1.2/v2.x ``dissertation``
#: that v3.0 renamed ``dissertation-thesis``.
WORK_TYPE_ALIASES = {"article-journal": "journal-article", "chapter": "book-chapter", "dataset": "data-set",
                     "standard": "standards-and-policy", "dissertation": "dissertation-thesis"}


def _q(prefix: str, name: str) -> str:
    """Clark notation ``{namespace}name`` for an ORCID element."""
    return "{" + NS[prefix] + "}" + name


RELATIONSHIPS = frozenset({"part-of", "self", "version-of", "funded-by"})
ID_TYPES = frozenset({"doi", "arxiv", "uri", "pmid", "pmc", "isbn", "issn", "eid", "other-id", "source-work-id",
                      "bibcode", "agr"})
CITATION_TYPES = frozenset({"bibtex", "formatted-apa", "formatted-chicago", "formatted-harvard", "formatted-ieee",
                            "formatted-mla", "formatted-vancouver", "formatted-unspecified", "ris"})
SEQUENCES = frozenset({"first", "additional"})
ROLES = frozenset({"author", "assignee", "editor", "chair-or-translator", "co-investigator", "co-inventor",
                   "graduate-student", "other-inventor", "principal-investigator", "postdoctoral-researcher",
                   "support-staff"})
_ID_URLS = {"doi": "https://doi.org/{}", "arxiv": "https://arxiv.org/abs/{}"}
#: Record bookkeeping, not part of the work a CV describes: read past without a loss.
_BOOKKEEPING = frozenset({"put-code", "created-date", "last-modified-date", "source", "visibility", "path",
                          "display-index", "work-source", "featured", "media-type"})


@dataclass
class ExternalId:
    type: str
    value: str
    relationship: str | None = "self"
    url: str | None = None


@dataclass
class Contributor:
    name: str | None
    orcid: str | None = None
    sequence: str | None = None
    role: str | None = "author"
    #: The ORCID registry the iD belongs to: ``orcid.org``, or ``sandbox.orcid.org`` for sandbox records.
    host: str = "orcid.org"


@dataclass
class Work:
    """One ORCID work, independent of JSON or XML."""

    title: str
    type: str
    subtitle: str | None = None
    translated_title: str | None = None
    journal_title: str | None = None
    short_description: str | None = None
    citation: tuple[str, str] | None = None
    date: tuple[str, str | None, str | None] | None = None
    external_ids: list[ExternalId] = field(default_factory=list)
    url: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    language_code: str | None = None
    country: str | None = None
    put_code: int | None = None


# ------------------------------------------------------------------------------------------- server rules


def server_problems(work: Work) -> list[str]:
    """What ORCID's server would refuse in a work we POST, beyond what the XSD checks."""
    problems = []
    if not 1 <= len(work.title.strip()) <= 1000:
        problems.append(f"title must have 1 to 1000 characters (has {len(work.title.strip())})")
    if work.type not in WORK_TYPES:
        problems.append(f"'{work.type}' is not an ORCID v3.0 work type")
    if work.put_code is not None:
        problems.append("a new work must not carry a put-code")
    for ext in work.external_ids:
        if ext.type not in ID_TYPES:
            problems.append(f"'{ext.type}' is not an ORCID external-id type")
        if ext.relationship not in RELATIONSHIPS:
            problems.append(f"'{ext.relationship}' is not an external-id relationship")
    if not any(e.relationship == "self" for e in work.external_ids):
        problems.append("no external id with relationship 'self' (ORCID needs one: a DOI, arXiv id or URL)")
    problems += _date_problems(work.date)
    if work.journal_title and len(work.journal_title) > 1000:
        problems.append("journal-title is longer than 1000 characters")
    if work.short_description and len(work.short_description) > 5000:
        problems.append("short-description is longer than 5000 characters")
    if work.citation and work.citation[0] not in CITATION_TYPES:
        problems.append(f"'{work.citation[0]}' is not a citation type")
    for c in work.contributors:
        if c.sequence is not None and c.sequence not in SEQUENCES:
            problems.append(f"contributor sequence '{c.sequence}' is not first/additional")
        if c.role is not None and c.role not in ROLES and not c.role.startswith("http://credit.niso.org/"):
            problems.append(f"contributor role '{c.role}' is not an ORCID role")
    return problems


def _date_problems(date: tuple[str, str | None, str | None] | None) -> list[str]:
    from ...core import dates

    if date is None:
        return []
    year, month, day = date
    for name, value, width in (("year", year, 4), ("month", month, 2), ("day", day, 2)):
        if value is not None and not (len(value) == width and value.isdigit()):
            return [f"publication-date {name} '{value}' must be {width} digits, zero-padded"]
    if day is not None and month is None:
        return ["publication-date has a day but no month"]
    if not dates.is_iso("-".join(x for x in date if x)):
        return [f"publication-date {'-'.join(x for x in date if x)} is not a calendar date"]
    return []


def reverse_type(orcid_type: str) -> str:
    """Our type for an ORCID type: the schema's mapping read backwards (an identical name wins; else 'other')."""
    candidates = [ours for ours, theirs in orcid_work_types().items() if theirs == orcid_type]
    if not candidates:
        return "other"
    return orcid_type if orcid_type in candidates else candidates[0]
