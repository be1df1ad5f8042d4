"""The four bibliographic sources: how to ask each one for a title, and how to read its answer into candidates.

Each source's answer shape is the one its documentation gives (OpenAlex ``/works``, Crossref ``/works``, the
arXiv Atom feed of ``/api/query``, DBLP ``/search/publ/api?format=json``). A parser never trusts the shape: a
missing or mistyped field is skipped, and an answer that is not the documented kind at all raises
:class:`MalformedAnswer`.

Preprints and published versions are kept apart: a DOI is tagged ``published`` or ``preprint`` (arXiv's own
DataCite DOIs ``10.48550/arXiv.*`` become arXiv ids, Crossref ``posted-content`` and OpenAlex ``preprint``
records carry preprint DOIs), so the matcher never writes a preprint's DOI onto the published paper.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from ..core import ids

#: Source name -> (default base URL, environment variable that overrides it, default seconds between requests).
SOURCES: dict[str, tuple[str, str, float]] = {
    "openalex": ("https://api.openalex.org", "RESUMECONV_OPENALEX_URL", 0.1),
    "crossref": ("https://api.crossref.org", "RESUMECONV_CROSSREF_URL", 0.2),
    "arxiv": ("https://export.arxiv.org", "RESUMECONV_ARXIV_URL", 3.0),
    "dblp": ("https://dblp.org", "RESUMECONV_DBLP_URL", 1.0),
}
ROWS = 5
_ARXIV_DOI = re.compile(r"(?i)^10\.48550/arxiv\.(.+)$")
_ARXIV_ABS = re.compile(r"(?i)arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?$")


class MalformedAnswer(Exception):
    """An answer that is not the source's documented shape (not JSON, not a feed, wrong top level)."""


@dataclass
class Candidate:
    """One record a source offered: what it says, and the ids it would give."""

    source: str
    title: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str = ""
    doi: str | None = None
    #: ``published`` for the version of record, ``preprint`` for a preprint server's DOI.
    doi_version: str = "published"
    arxiv: str | None = None
    #: The record itself describes a preprint (arXiv, CoRR, posted-content).
    preprint: bool = False
    record: str = ""

    def ids_text(self) -> str:
        parts = []
        if self.doi:
            parts.append(f"doi {self.doi}" + (" (preprint)" if self.doi_version == "preprint" else ""))
        if self.arxiv:
            parts.append(f"arXiv {self.arxiv}")
        return ", ".join(parts) or "no id"

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "record": self.record, "title": self.title, "authors": self.authors,
                "year": self.year, "venue": self.venue, "doi": self.doi,
                "doiVersion": self.doi_version if self.doi else None,
                "arxiv": self.arxiv, "preprint": self.preprint}


def base_url(source: str, explicit: dict[str, str] | None = None) -> str:
    """The source's API root: ``--base-url SOURCE=URL``, else its environment variable, else the public API."""
    default, env, _ = SOURCES[source]
    url = (explicit or {}).get(source) or os.environ.get(env) or default
    return url.rstrip("/")


def query_words(title: str) -> str:
    """The title as plain words (no punctuation that a query syntax could read as an operator)."""
    return ids.title_key(title)


def query_url(source: str, base: str, title: str, mailto: str | None, api_key: str | None = None) -> str:
    """The search URL that asks ``source`` for records with this title.

    OpenAlex: ``per_page`` and ``api_key`` as its current documentation spells them (developers.openalex.org,
    "Authentication & Pricing": a key is required since 13 February 2026; without one the daily budget is tiny).
    """
    words = query_words(title)
    polite = {"mailto": mailto} if mailto else {}
    if source == "openalex":
        key = {"api_key": api_key} if api_key else {}
        return f"{base}/works?" + urlencode({"filter": f"title.search:{words}", "per_page": ROWS, **polite, **key})
    if source == "crossref":
        return f"{base}/works?" + urlencode({"query.bibliographic": title, "rows": ROWS, **polite})
    if source == "arxiv":
        return f"{base}/api/query?" + urlencode({"search_query": f'ti:"{words}"', "start": 0,
                                                 "max_results": ROWS})
    if source == "dblp":
        return f"{base}/search/publ/api?" + urlencode({"q": words, "format": "json", "h": ROWS})
    raise KeyError(source)


def accept(source: str) -> str:
    return "application/atom+xml" if source == "arxiv" else "application/json"


def parse(source: str, text: str) -> list[Candidate]:
    """The candidates in one answer of ``source``."""
    return _PARSERS[source](text)


# --- OpenAlex ---------------------------------------------------------------------------------------------------

def _openalex(text: str) -> list[Candidate]:
    answer = _json_object(text, "OpenAlex")
    results = answer.get("results")
    if not isinstance(results, list):
        raise MalformedAnswer("OpenAlex: the answer has no 'results' list")
    out = []
    for work in results:
        if not isinstance(work, dict):
            continue
        title = _markup_free(work.get("title")) or _markup_free(work.get("display_name"))
        if not title:
            continue
        preprint = work.get("type") == "preprint" or work.get("type_crossref") == "posted-content"
        cand = Candidate("openalex", title, record=_text(work.get("id")), preprint=preprint)
        for authorship in _list(work.get("authorships")):
            author = authorship.get("author") if isinstance(authorship, dict) else None
            name = _text(author.get("display_name")) if isinstance(author, dict) else ""
            if name:
                cand.authors.append(name)
        year = work.get("publication_year")
        cand.year = year if isinstance(year, int) else None
        primary = work.get("primary_location")
        source = primary.get("source") if isinstance(primary, dict) else None
        cand.venue = _markup_free(source.get("display_name")) if isinstance(source, dict) else ""
        _set_doi(cand, _text(work.get("doi")), preprint)
        for location in [primary, *_list(work.get("locations"))]:
            if isinstance(location, dict) and not cand.arxiv:
                cand.arxiv = _arxiv_from_url(_text(location.get("landing_page_url")))
        out.append(cand)
    return out


# --- Crossref ---------------------------------------------------------------------------------------------------

def _crossref(text: str) -> list[Candidate]:
    answer = _json_object(text, "Crossref")
    message = answer.get("message")
    items = message.get("items") if isinstance(message, dict) else None
    if answer.get("status") != "ok" or not isinstance(items, list):
        raise MalformedAnswer("Crossref: the answer is not an 'ok' work-list with 'message.items'")
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        title = _markup_free(_first(item.get("title")))
        if not title:
            continue
        preprint = item.get("type") == "posted-content" or item.get("subtype") == "preprint"
        cand = Candidate("crossref", title, record=_text(item.get("DOI")), preprint=preprint)
        for author in _list(item.get("author")):
            if isinstance(author, dict):
                name = " ".join(x for x in (_text(author.get("given")), _text(author.get("family"))) if x)
                name = name or _text(author.get("name"))
                if name:
                    cand.authors.append(name)
        for key in ("issued", "published-print", "published-online", "posted", "published"):
            cand.year = _date_year(item.get(key))
            if cand.year:
                break
        cand.venue = _markup_free(_first(item.get("container-title")))
        _set_doi(cand, _text(item.get("DOI")), preprint)
        out.append(cand)
    return out


def _date_year(value: Any) -> int | None:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else None
    year = first[0] if first else None
    return year if isinstance(year, int) and 1000 <= year <= 2999 else None


# --- arXiv ------------------------------------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"


def _arxiv(text: str) -> list[Candidate]:
    from ..core.errors import InputError
    from ..core.xml import parse as parse_xml

    try:
        root = parse_xml(text.encode("utf-8"), "arXiv answer").getroot()
    except InputError as err:
        raise MalformedAnswer(f"arXiv: {err}") from None
    if root.tag != f"{_ATOM}feed":
        raise MalformedAnswer("arXiv: the answer is not an Atom feed")
    out = []
    for entry in root.iter(f"{_ATOM}entry"):
        ident = _xml_text(entry.find(f"{_ATOM}id"))
        bare = _arxiv_from_url(ident)
        title = " ".join(_xml_text(entry.find(f"{_ATOM}title")).split())
        if not bare or not title:
            continue  # arXiv reports a bad query as an entry titled "Error" whose id is not an abs/ URL
        cand = Candidate("arxiv", title, record=ident, arxiv=bare, preprint=True)
        cand.authors = [_xml_text(a.find(f"{_ATOM}name")) for a in entry.iter(f"{_ATOM}author")]
        cand.authors = [a for a in cand.authors if a]
        published = _xml_text(entry.find(f"{_ATOM}published"))
        cand.year = int(published[:4]) if published[:4].isdigit() else None
        cand.venue = " ".join(_xml_text(entry.find(f"{_ARXIV_NS}journal_ref")).split())
        doi = _xml_text(entry.find(f"{_ARXIV_NS}doi")).split()
        if doi and ids.is_doi(doi[0]):
            cand.doi = ids.strip_doi(doi[0])  # the published version's DOI, as the authors gave it to arXiv
        out.append(cand)
    return out


def _xml_text(element: Any) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


# --- DBLP -------------------------------------------------------------------------------------------------------

def _dblp(text: str) -> list[Candidate]:
    answer = _json_object(text, "DBLP")
    result = answer.get("result")
    hits = result.get("hits") if isinstance(result, dict) else None
    if not isinstance(hits, dict):
        raise MalformedAnswer("DBLP: the answer has no 'result.hits'")
    out = []
    for hit in _list(hits.get("hit")):
        info = hit.get("info") if isinstance(hit, dict) else None
        if not isinstance(info, dict):
            continue
        title = _markup_free(info.get("title")).rstrip(".")
        if not title:
            continue
        venue = info.get("venue")
        venue_text = ", ".join(_markup_free(v) for v in venue) if isinstance(venue, list) else _markup_free(venue)
        preprint = venue_text == "CoRR" or info.get("type") == "Informal and Other Publications"
        cand = Candidate("dblp", title, record=_text(info.get("key")) or _text(info.get("url")), venue=venue_text,
                         preprint=preprint)
        authors = info.get("authors")
        for author in _list(authors.get("author")) if isinstance(authors, dict) else []:
            name = _markup_free(author.get("text") if isinstance(author, dict) else author)
            if name:
                cand.authors.append(_dblp_name(name))
        year = _text(info.get("year"))
        cand.year = int(year) if year.isdigit() else None
        _set_doi(cand, _text(info.get("doi")), preprint)
        for link in _list(info.get("ee")):
            if not cand.arxiv:
                cand.arxiv = _arxiv_from_url(_text(link))
        out.append(cand)
    return out


def _dblp_name(name: str) -> str:
    """DBLP disambiguates homonyms with a number: 'Yihua Zhang 0001' is 'Yihua Zhang'."""
    return re.sub(r"\s+\d{4}$", "", name)


# --- shared -----------------------------------------------------------------------------------------------------

def _set_doi(cand: Candidate, value: str, preprint: bool) -> None:
    """Put a DOI where it belongs: arXiv's DataCite DOI is an arXiv id, a preprint server's DOI is tagged so."""
    if not value:
        return
    bare = ids.strip_doi(value)
    if not ids.is_doi(bare):
        return
    arxiv = _ARXIV_DOI.match(bare)
    if arxiv:
        if not cand.arxiv and ids.is_arxiv(arxiv.group(1)):
            cand.arxiv = ids.strip_arxiv(arxiv.group(1))
        cand.preprint = True
        return
    cand.doi = bare
    cand.doi_version = "preprint" if preprint else "published"


def _arxiv_from_url(url: str) -> str | None:
    match = _ARXIV_ABS.search(url.strip()) if url else None
    if match and ids.is_arxiv(match.group(1)):
        return re.sub(r"v\d+$", "", match.group(1))
    return None


def _json_object(text: str, name: str) -> dict[str, Any]:
    try:
        answer = json.loads(text)
    except (ValueError, RecursionError):
        raise MalformedAnswer(f"{name}: the answer is not JSON") from None
    if not isinstance(answer, dict):
        raise MalformedAnswer(f"{name}: the answer is not a JSON object")
    return answer


def _list(value: Any) -> list[Any]:
    """A list field; DBLP gives a single item as an object, not a list of one."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


#: Inline markup the sources put in titles: JATS and HTML (Crossref: <scp>, <i>, <sub>...), MathML (mml:), and
#: any namespaced JATS tag. Only these names are removed, so a '<' in a real title stays.
_MARKUP = re.compile(r"</?(?:(?:jats|mml):[\w.-]+|i|b|u|em|strong|sub|sup|scp|sc|tt|span|small|italic|bold|"
                     r"inline-formula|monospace|underline|roman|sans-serif)(?:\s[^<>]*)?/?>", re.IGNORECASE)


def _markup_free(value: Any) -> str:
    """A title or name as text: markup tags removed, then HTML/XML entities (DBLP's ``&apos;``, ``&amp;``)
    decoded once, then white space folded."""
    if not isinstance(value, str):
        return ""
    import html

    return _text(html.unescape(_MARKUP.sub("", value)))


_PARSERS: dict[str, Callable[[str], list[Candidate]]] = {
    "openalex": _openalex, "crossref": _crossref, "arxiv": _arxiv, "dblp": _dblp,
}
