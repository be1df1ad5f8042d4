"""Identifiers: ORCID iD checksums, DOI and arXiv syntax and normalization (for checks and de-duplication).

The accepted syntax is the schema's (``definitions/orcid|doi|arxiv``); this module adds what a pattern cannot
say (the ORCID check digit) and the normalizations used to compare records.
"""

from __future__ import annotations

import re
from functools import cache

from ..schemas import definition

# Patterns as text: ``re`` compiles and caches each on first use, so importing this module stays cheap.
_ORCID_URL = r"(?i)^(?:https?://)?(?:www\.|sandbox\.)?orcid\.org/"
_DOI_PREFIX = r"(?i)^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)"
_ARXIV_PREFIX = r"(?i)^(?:arxiv:\s*|(?:https?://)?(?:www\.)?arxiv\.org/(?:abs|pdf)/)"
_ARXIV_VERSION = r"v\d+$"
DOI_IN_TEXT = r"\b10\.\d{4,9}/[^\s\"<>]+"


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(definition(name)["pattern"])


def orcid_check_digit(base15: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for ch in base15:
        total = (total + int(ch)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value: str) -> str:
    """Bare ``0000-0000-0000-000X`` form of an iD given bare or as an orcid.org URL."""
    return re.sub(_ORCID_URL, "", value.strip()).rstrip("/").upper()


def is_orcid(value: str) -> bool:
    """True when ``value`` (bare or URL) has ORCID syntax and a correct check digit."""
    bare = normalize_orcid(value)
    if not _pattern("orcid").match(bare):
        return False
    digits = bare.replace("-", "")
    return orcid_check_digit(digits[:15]) == digits[15]


def strip_doi(value: str) -> str:
    """A DOI without resolver prefix (``https://doi.org/``, ``doi:``), case kept."""
    return re.sub(_DOI_PREFIX, "", value.strip())


def is_doi(value: str) -> bool:
    return bool(_pattern("doi").match(strip_doi(value)))


def doi_key(value: str) -> str:
    """Comparison key for a DOI: no prefix, lowercase (DOIs are case-insensitive)."""
    return strip_doi(value).lower()


def find_doi(text: str) -> str | None:
    """The first DOI in free text or a URL, trailing punctuation removed."""
    match = re.search(DOI_IN_TEXT, text)
    return match.group(0).rstrip(".,;)]}") if match else None


def strip_arxiv(value: str) -> str:
    """An arXiv id without ``arXiv:`` or an arxiv.org URL around it (a ``.pdf`` suffix removed)."""
    bare = re.sub(_ARXIV_PREFIX, "", value.strip())
    return bare[:-4] if bare.lower().endswith(".pdf") else bare


def is_arxiv(value: str) -> bool:
    return bool(_pattern("arxiv").match(strip_arxiv(value)))


def arxiv_key(value: str) -> str:
    """Comparison key for an arXiv id: bare, lowercase, version suffix stripped."""
    return re.sub(_ARXIV_VERSION, "", strip_arxiv(value)).lower()


def title_key(title: str) -> str:
    """Comparison key for a title: case, accents' base letters kept, punctuation and spacing folded."""
    if title.isascii():
        folded = title.lower()
    else:
        import unicodedata

        folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def orcid_problem(value: str, *, bare: bool = True) -> str | None:
    """What is wrong with an ORCID iD (``bare=False`` also accepts an orcid.org URL), or None when it is right."""
    orcid_id = normalize_orcid(value)
    if not _pattern("orcid").match(orcid_id):
        return f"'{value}' is not an ORCID iD; an iD is 16 characters like 0000-0002-1825-0097"
    digits = orcid_id.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        return (f"ORCID iD {orcid_id} fails its ISO 7064 MOD 11-2 check digit (a character is mistyped); "
                "copy it from orcid.org")
    if bare and orcid_id != value:
        return f"write the bare ORCID iD {orcid_id}, without the orcid.org address"
    return None


def doi_problem(value: str) -> str | None:
    """What is wrong with a DOI field (it holds the bare DOI), or None when it is right."""
    if is_doi(value):
        bare = strip_doi(value)
        return None if bare == value else f"write the bare DOI {bare}, without the resolver prefix"
    found = find_doi(value)
    if found:
        return f"'{value}' is not a bare DOI; write {found}"
    return f"'{value}' is not a DOI; a DOI looks like 10.1109/MSP.2023.3303459"


def arxiv_problem(value: str) -> str | None:
    """What is wrong with an arXiv field (it holds the bare identifier), or None when it is right."""
    if is_arxiv(value):
        bare = strip_arxiv(value)
        return None if bare == value else f"write the bare arXiv id {bare}, without 'arXiv:' or the arxiv.org address"
    return f"'{value}' is not an arXiv id; write it as 2310.01234 (new style) or hep-th/9901001 (old style)"
