"""The Candidate layout both directions share: namespaces, section order, codes and the custom sections."""

from __future__ import annotations

from typing import Any, NamedTuple

from ...core import languages

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
CEFR_CODES = dict(zip(languages.CEFR_DIMENSIONS, ("CEF-Understanding-Listening", "CEF-Understanding-Reading",
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
#: How the writer links a DOI (Publication/DOI/Link); the reader also takes DOI/Value and bare DOIs.
DOI_URL = "https://doi.org/"
#: The fluency a mother tongue reads back with.
NATIVE = "Native speaker"


def language_code(text: Any) -> tuple[str, str] | None:
    """(code, name it reads back as) of a language, as the editor writes it with ``schemeName="NORMAL"``.

    The editor's codes are ISO 639-2, bibliographic where B and T differ: real exports write ``fre`` for French
    (benfante-cv.xml, the FATelarico sample) beside ``eng`` and ``ita``. Only languages certainly in ISO 639-2
    (those with a 639-1 or a 639-2/B code) get a code; the rest (Neapolitan, which the FATelarico export itself
    writes as FREE_TEXT, Mandarin, a name no table has) are None: FREE_TEXT, the text kept.
    """
    found = languages.lookup(text)
    if found is None or not (found.alpha_2 or found.bibliographic):
        return None
    return found.bibliographic or found.alpha_3, found.name


def language_name(code: str | None, scheme: str | None) -> str | None:
    """The language a NORMAL code names ('fre', 'eng', 'ita'; 639-1 and 639-3 codes too); other text as it is."""
    if not code or scheme == "FREE_TEXT":
        return code
    found = languages.from_code(code)
    return found.name if found else code
