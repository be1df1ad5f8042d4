"""OpenAlex works JSON (``GET /works?filter=author.id:A…``, one ``/works/W…``, or a list of works): publications.

Field meanings are OpenAlex's Work object (docs.openalex.org, "Work object"). What is read, and how:

- ``display_name`` (or ``title``) with its inline HTML (``<i>``, ``<sub>``) as plain text;
- authors in ``authorships`` order (``display_name``, else ``raw_author_name``), an ORCID iD kept; the author whose
  OpenAlex id or ORCID iD is the ``owner`` option is the CV's owner (``self``);
- ``publication_date`` at its real precision: OpenAlex fills an unknown month and day as ``-01-01``, so such a
  date is kept as its year (and said);
- the DOI; an arXiv id from any location on arxiv.org; the venue from the primary location's source;
- the type from ``type_crossref`` where present (``proceedings-article`` is a conference paper), else ``type``; a
  work in a repository (arXiv, bioRxiv, SSRN, ...) that has no journal is a preprint;
- ``is_retracted`` is kept as a note ("Retracted (OpenAlex)"), so it is never lost or hidden;
- what the CV has no place for (citation counts, concepts, abstracts as inverted indexes) is not copied; that is
  the index's data about the work, not the work.
"""

from __future__ import annotations

import re
from typing import Any

from ..core import ids
from ..core.errors import InputError
from ..core.losses import LossReport, pointer
from ._contract import Option, ReadResult, Source

OPTIONS: tuple[Option, ...] = (
    Option("owner", str, None, "an OpenAlex author id (A…) or ORCID iD: that author is marked as the CV's owner",
           direction="read"),
)

_TYPES = {"journal-article": "journal-article", "proceedings-article": "conference-paper",
          "posted-content": "preprint", "preprint": "preprint", "book-chapter": "book-chapter", "book": "book",
          "monograph": "book", "edited-book": "edited-book", "dissertation": "dissertation", "dataset": "dataset",
          "report": "report", "article": "journal-article", "review": "journal-article", "letter": "journal-article",
          "editorial": "journal-article", "standard": "other", "other": "other", "paratext": "other",
          "erratum": "other", "retraction": "other", "peer-review": "other", "software": "software"}
_TAG = re.compile(r"<[^>]{0,200}>")
_ACCEPTS = re.compile(r'"id"\s*:\s*"https://openalex\.org/W\d')
#: The note a retracted work carries, so a CV (or sync) never shows it as sound without saying so.
RETRACTED_NOTE = "Retracted (OpenAlex)"


def accepts(source: Source, *, format: str = "openalex") -> bool:
    """OpenAlex works: an ``id`` that is an OpenAlex work URL."""
    return _ACCEPTS.search(source.head) is not None


def read(data: bytes, *, source: str | None = None, format: str = "openalex", owner: str | None = None,
         **options: Any) -> ReadResult:
    """Publications from an OpenAlex works answer; ``owner`` (an author id or ORCID iD) marks ``self``."""
    from ..core.document import parse_json
    from ..core.fileio import decode_text

    answer = parse_json(decode_text(data, source), source)
    works = _works(answer, source)
    report = LossReport()
    pubs = [_publication(w, i, owner, report) for i, w in enumerate(works)]
    pubs = [p for p in pubs if p is not None]
    return ReadResult.untyped({"publications": pubs} if pubs else {}, report.items)


def _works(answer: Any, source: str | None) -> list[dict[str, Any]]:
    if isinstance(answer, dict) and isinstance(answer.get("results"), list):
        return [w for w in answer["results"] if isinstance(w, dict)]
    if isinstance(answer, dict) and str(answer.get("id", "")).startswith("https://openalex.org/W"):
        return [answer]
    if isinstance(answer, list) and all(isinstance(w, dict) for w in answer):
        return answer
    if isinstance(answer, dict) and "error" in answer:
        raise InputError(f"OpenAlex answered with an error, not works: {answer.get('message') or answer['error']}",
                         source)
    raise InputError("not an OpenAlex works answer: no 'results' list and no work object", source)


def _publication(work: dict[str, Any], index: int, owner: str | None,
                 report: LossReport) -> dict[str, Any] | None:
    where = pointer("publications", index)
    title = _plain(work.get("display_name") or work.get("title"))
    if not title:
        report.add(where, f"OpenAlex work {work.get('id', index + 1)} has no title; left out")
        return None
    pub: dict[str, Any] = {"name": title}
    authors = [a for a in (_author(x, owner) for x in _list(work.get("authorships"))) if a]
    if authors:
        pub["authors"] = authors
    source_info = _dict(_dict(work.get("primary_location")).get("source"))
    venue = _plain(source_info.get("display_name"))
    kind = _TYPES.get(str(work.get("type_crossref") or work.get("type") or "other"), "other")
    if source_info.get("type") == "repository" and kind == "journal-article":
        kind = "preprint"
    pub["type"] = kind
    if venue:
        pub["venue"] = {"name": venue}
    date = _date(work, where, report)
    if date:
        pub["releaseDate"] = date
    doi = work.get("doi") or _dict(work.get("ids")).get("doi")
    if isinstance(doi, str) and ids.is_doi(doi):
        pub["doi"] = ids.strip_doi(doi)
    arxiv = _arxiv(work)
    if arxiv:
        pub["arxiv"] = arxiv
    biblio = _dict(work.get("biblio"))
    for field, key in (("volume", "volume"), ("issue", "issue")):
        if isinstance(biblio.get(key), str) and biblio[key]:
            pub[field] = biblio[key]
    first, last = biblio.get("first_page"), biblio.get("last_page")
    if isinstance(first, str) and first:
        pub["pages"] = f"{first}--{last}" if isinstance(last, str) and last and last != first else first
    if work.get("is_retracted") is True:
        pub["notes"] = [RETRACTED_NOTE]
    return pub


def _author(authorship: Any, owner: str | None) -> dict[str, Any] | None:
    entry = _dict(authorship)
    person = _dict(entry.get("author"))
    name = _plain(person.get("display_name") or entry.get("raw_author_name"))
    if not name:
        return None
    author: dict[str, Any] = {"name": name}
    orcid = person.get("orcid")
    if isinstance(orcid, str) and ids.is_orcid(orcid):
        author["orcid"] = ids.normalize_orcid(orcid)
    if owner and _is_owner(person, author.get("orcid"), owner):
        author["self"] = True
    return author


def _is_owner(person: dict[str, Any], orcid: str | None, owner: str) -> bool:
    wanted = owner.strip()
    if ids.is_orcid(wanted):
        return orcid == ids.normalize_orcid(wanted)
    return str(person.get("id", "")).rsplit("/", 1)[-1].upper() == wanted.rsplit("/", 1)[-1].upper()


def _date(work: dict[str, Any], where: str, report: LossReport) -> str | None:
    year = work.get("publication_year")
    value = work.get("publication_date")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        if value.endswith("-01-01"):
            report.add(pointer(where, "releaseDate"), f"OpenAlex's date {value} is kept as the year {value[:4]}: "
                       "OpenAlex writes -01-01 for an unknown month and day", "normalization")
            return value[:4]
        return value
    return str(year) if isinstance(year, int) and 1000 <= year <= 9999 else None


def _arxiv(work: dict[str, Any]) -> str | None:
    for location in _list(work.get("locations")):
        for key in ("landing_page_url", "pdf_url"):
            url = _dict(location).get(key)
            if isinstance(url, str) and re.match(r"https?://(www\.)?arxiv\.org/(abs|pdf)/", url):
                found = ids.strip_arxiv(url)
                if ids.is_arxiv(found):
                    return found
    return None


def _plain(value: Any) -> str:
    """Text without OpenAlex's inline HTML and entities, spaces folded."""
    if not isinstance(value, str):
        return ""
    from html import unescape  # not at the top: detection imports this module on validate's start-up path

    return " ".join(unescape(_TAG.sub("", value)).split())


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
