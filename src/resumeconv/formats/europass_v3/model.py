"""The SkillsPassport layout both directions share: namespace, country codes, CEFR tags and achievement codes."""

from __future__ import annotations

import re
from typing import Any

from ...core import languages

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
#: The language codes the v3 XSD accepts for foreign languages (included/EuropassISOLanguages_V1.10.0.xsd, type
#: foreignCode): ISO 639-1 where there is one, else 639-3; mother tongues (motherCode) take the same less cu, eo,
#: grc, la, oc, vo. Sign languages are left out: no CV names them by these codes.
_LANGUAGE_CODES = """
bg cs da nl en et fi fr de el hu is it lv lt mt no pl pt ro hr sk sl es sv tr ab af sq am ar an hy as az eu be bn bs br
my ca ce zh cu kw co eo fo fj fy ka gd ga gl gv grc gu ht he hi id jv ja kn kk ky kg ko ku lo la li ln lb mk ml mr ms
mg mo mn ne nn nb oc om pa fa ps rm rom ru sr se sd so sc sw ty ta tt te tg tl th bo tk uk ur uz vi vo cy yi yo km ber
fil wol pms ori me"""
LANGUAGE_CODES = frozenset(_LANGUAGE_CODES.split())
MOTHER_CODES = LANGUAGE_CODES - {"cu", "eo", "grc", "la", "oc", "vo"}


def language_code(text: Any, mother: bool) -> tuple[str, str] | None:
    """(v3 code, the name it stands for) of a language the XSD's list has: ISO 639-1, else 639-3; else None."""
    found = languages.lookup(text)
    code = (found.alpha_2 or found.alpha_3) if found else None
    if found is None or code not in (MOTHER_CODES if mother else LANGUAGE_CODES):
        return None
    return str(code), found.name
#: The e-mail pattern of the v3 XSD (ContactEmailContactType).
EMAIL = re.compile(r"[^@]+@[^.]+\..+")
CEFR_TAGS = dict(zip(languages.CEFR_DIMENSIONS, ("Listening", "Reading", "SpokenInteraction", "SpokenProduction",
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
HEAD = re.compile(r"\((?P<from>\d{4}(?:-\d\d){0,2})(?: – (?P<to>\d{4}(?:-\d\d){0,2}))?\)")
