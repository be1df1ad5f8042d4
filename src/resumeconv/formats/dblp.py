"""DBLP person XML (``https://dblp.org/pid/PID.xml``): one researcher's publications, read into the CV's list.

The format is DBLP's own (dblp.dtd, "DBLP — Some Lessons Learned", and the person pages' XML export): a
``<dblpperson name pid n>`` root, the ``<person>`` record (names, ORCID and homepage URLs, affiliations) and one
``<r>`` per record (``article``, ``inproceedings``, ``incollection``, ``book``, ``proceedings``, ``phdthesis``,
``mastersthesis``, ``data``, ``www``). What is read, and how:

- authors in order, each with DBLP's homonym number dropped ("Qiang Liu 0034" is printed "Qiang Liu"); the author
  whose ``pid`` is the page's person is the CV's owner (``self``), and an ``orcid`` attribute is kept;
- the title without DBLP's closing period and with inline markup (``<i>``, ``<sub>``) as plain text;
- the year (DBLP records no day; a ``<month>`` is kept when it names one), journal or booktitle as the venue,
  volume, number, pages;
- a DOI and an arXiv id from the ``<ee>`` links (the first other link is the URL only when there is neither); a CoRR
  record (``journal`` CoRR, ``publtype="informal"``) is a preprint;
- what the CV has no place for is reported: editors, homepage (``www``) records, withdrawn records (kept, and said).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..core import ids
from ..core.errors import InputError
from ..core.losses import LossReport, pointer
from ._contract import Option, ReadResult, Source

if TYPE_CHECKING:
    from lxml import etree

OPTIONS: tuple[Option, ...] = ()
_ACCEPTS = re.compile(r"<dblpperson[\s>]")


def accepts(source: Source, *, format: str = "dblp") -> bool:
    """A DBLP person page (``<dblpperson>``)."""
    return _ACCEPTS.search(source.head) is not None

#: DBLP record element -> our publication type.
_TYPES = {"article": "journal-article", "inproceedings": "conference-paper", "incollection": "book-chapter",
          "book": "book", "proceedings": "edited-book", "phdthesis": "dissertation", "mastersthesis": "dissertation",
          "data": "dataset"}
_HOMONYM = re.compile(r"\s+\d{4}$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def read(data: bytes, *, source: str | None = None, format: str = "dblp", **options: Any) -> ReadResult:
    """The publications of a DBLP person page; the page's person is marked ``self`` in every author list."""
    from ..core.xml import parse

    root = parse(data, source).getroot()
    if root.tag != "dblpperson":
        raise InputError(f"not a DBLP person page: the root element is <{root.tag}>, not <dblpperson>", source,
                         root.sourceline if isinstance(root.sourceline, int) else None)
    owner_pid = root.get("pid")
    report = LossReport()
    pubs: list[dict[str, Any]] = []
    for record in root.iterfind("r/*"):
        where = pointer("publications", len(pubs))
        if record.tag == "www":
            report.add("", f"DBLP homepage record '{_text(record.find('title'))}' is not a publication; left out")
            continue
        if record.tag not in _TYPES:
            report.add("", f"DBLP record type <{record.tag}> ({record.get('key')}) is not read; left out")
            continue
        pubs.append(_publication(record, owner_pid, where, report))
    document: dict[str, Any] = {}
    name = root.get("name")
    if name:
        document["basics"] = {"name": _HOMONYM.sub("", name)}
    if pubs:
        document["publications"] = pubs
    return ReadResult.untyped(document, report.items)


def _publication(record: etree._Element, owner_pid: str | None, where: str,
                 report: LossReport) -> dict[str, Any]:
    pub: dict[str, Any] = {"name": _title(record)}
    authors = [_author(a, owner_pid) for a in record.iterfind("author")]
    if authors:
        pub["authors"] = authors
    editors = [_text(e) for e in record.iterfind("editor")]
    if editors:
        report.add(where, f"editors ({', '.join(editors)}) have no place in a publication of the CV")
    kind = _TYPES[record.tag]
    venue = _text(record.find("journal")) or _text(record.find("booktitle"))
    informal = record.get("publtype") == "informal"
    if venue == "CoRR" or (informal and kind == "journal-article"):
        kind = "preprint"
    pub["type"] = kind
    if venue:
        pub["venue"] = {"name": venue}
    date = _date(record)
    if date:
        pub["releaseDate"] = date
    for field, tag in (("volume", "volume"), ("issue", "number"), ("pages", "pages")):
        value = _text(record.find(tag))
        if value and not (field == "volume" and value.startswith("abs/")):
            pub[field] = value.replace("-", "--") if field == "pages" and "--" not in value else value
    links = [_text(ee) for ee in record.iterfind("ee")]
    for url in links:
        _identifier(pub, url)
    web = [u for u in links if u.startswith(("https://", "http://")) and "wikidata.org/" not in u]
    if web and "doi" not in pub and "arxiv" not in pub:
        pub["url"] = web[0]
    publisher = _text(record.find("publisher")) or _text(record.find("school"))
    if publisher:
        pub["publisher"] = publisher
    if record.get("publtype") == "withdrawn":
        report.add(where, "DBLP marks this record withdrawn", "normalization")
    return pub


def _author(element: etree._Element, owner_pid: str | None) -> dict[str, Any]:
    author: dict[str, Any] = {"name": _HOMONYM.sub("", _text(element))}
    if owner_pid and element.get("pid") == owner_pid:
        author["self"] = True
    orcid = element.get("orcid")
    if orcid and ids.is_orcid(orcid):
        author["orcid"] = ids.normalize_orcid(orcid)
    return author


def _title(record: etree._Element) -> str:
    title = _text(record.find("title"))
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _date(record: etree._Element) -> str | None:
    year = _text(record.find("year"))
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = _text(record.find("month")).lower()
    found = [i for i, name in enumerate(_MONTHS, start=1) if month and name.startswith(month[:3])]
    return f"{year}-{found[0]:02d}" if len(found) == 1 else year


def _identifier(pub: dict[str, Any], url: str) -> None:
    doi = ids.find_doi(url) if "doi.org/" in url else None
    if doi and "doi" not in pub and ids.is_doi(doi):
        pub["doi"] = doi
    elif re.match(r"https?://(www\.)?arxiv\.org/(abs|pdf)/", url) and "arxiv" not in pub:
        arxiv = ids.strip_arxiv(url.removesuffix(".pdf"))
        if ids.is_arxiv(arxiv):
            pub["arxiv"] = arxiv


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split()) if element is not None else ""
