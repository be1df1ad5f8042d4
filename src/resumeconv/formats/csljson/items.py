"""CSL-JSON: the citation data of Zotero, pandoc and every citeproc (read and write; publications only).

An item per publication: authors as ``family``/``given`` (particles and suffixes split off as CSL names them,
``literal`` for organisations and single names), ``issued`` at the CV date's real precision, ``container-title``
(and ``container-title-short``) from the venue, DOI, URL, volume, issue, page, abstract, status, and the type
mapped from our schema's publication types. CSL has no arXiv field: a preprint carries ``number: "arXiv:ID"``
(Zotero's convention), any other work a ``note`` line ``arXiv: ID``; the reader takes both back. What CSL
cannot hold (author marks, the CV's own headings, everything outside publications) is reported as a loss; the
registry reads the output back (``readback``) so that any other difference is reported too.

The reader takes Zotero's exports as they are: rich-text markup in titles (``<i>``, ``<span
class="nocase">``) is removed, date ranges keep their start, and CSL variables the CV has no place for
(``accessed``, ``publisher-place``, ``language``, ...) are reported with pointers into the CSL array.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...core import ids, names
from ...core.dates import date_of, days_in_month, format_iso, is_iso
from ...core.errors import InputError
from ...core.fileio import decode_text
from ...core.keys import Keys, is_derived
from ...core.losses import LossReport, pointer
from .._contract import ReadResult, WriteResult

#: Our publication type -> (CSL type, CSL genre that tells it apart when several share a CSL type).
TO_CSL: dict[str, tuple[str, str | None]] = {
    "conference-paper": ("paper-conference", None),
    "journal-article": ("article-journal", None),
    "workshop-paper": ("paper-conference", "workshop paper"),
    "preprint": ("article", None),
    "book": ("book", None),
    "book-chapter": ("chapter", None),
    "edited-book": ("book", None),
    "magazine-article": ("article-magazine", None),
    "dissertation": ("thesis", None),
    "report": ("report", None),
    "tutorial": ("speech", "tutorial"),
    "lecture-speech": ("speech", None),
    "poster": ("speech", "poster"),
    "dataset": ("dataset", None),
    "software": ("software", None),
    "patent": ("patent", None),
    "other": ("document", None),
}
FROM_CSL: dict[str, str] = {csl: ours for ours, (csl, genre) in TO_CSL.items() if genre is None
                            and ours != "edited-book"}
FROM_CSL.update({"manuscript": "other", "article-newspaper": "magazine-article", "speech": "lecture-speech",
                 "presentation": "lecture-speech", "paper-conference": "conference-paper"})
_GENRES = {(csl, genre): ours for ours, (csl, genre) in TO_CSL.items() if genre}
_STATUS = {"published": "published", "accepted": "accepted", "in-press": "in press", "submitted": "submitted",
           "under-review": "under review", "preprint": "preprint", "in-preparation": "in preparation"}
_STATUS_BACK = {v: k for k, v in _STATUS.items()}
#: The HTML-like markup CSL allows in text fields (what Zotero writes for italics, small caps, no-case).
_RICH_TEXT = re.compile(r"</?(?:i|b|sub|sup|sc)>|<span (?:class=\"nocase\"|style=\"font-variant:\s*small-caps;?\")>"
                        r"|</span>", re.IGNORECASE)
_ARXIV_LINE = re.compile(r"^arxiv:\s*(\S+)$", re.IGNORECASE)
#: Publication fields the writer maps; anything else a publication holds is reported.
_MAPPED = frozenset({"name", "authors", "releaseDate", "venue", "publisher", "doi", "url", "volume", "issue",
                     "pages", "summary", "status", "notes", "arxiv", "type"})
#: CSL variables the reader maps (the rest are reported).
_READ = frozenset({"id", "type", "title", "author", "editor", "issued", "container-title", "container-title-short",
                   "journalAbbreviation", "publisher", "DOI", "URL", "volume", "issue", "page", "abstract", "note",
                   "number", "status", "genre", "event-title", "event"})


# ----------------------------------------------------------------------------------------------------- writing

def write(doc: dict[str, Any], *, format: str = "csl-json") -> WriteResult:
    """The CV's publications as a CSL-JSON array, with what CSL cannot hold reported (the registry reads the
    output back and reports any other difference)."""
    report = LossReport()
    for key in doc:
        if key != "publications":
            report.add(pointer(key), "CSL-JSON holds publications only")
    pubs = doc.get("publications")
    if pubs == []:
        report.add(pointer("publications"), "an empty list writes no item", "normalization")
    keys = Keys()
    items = [_item(pub, i, keys, report) for i, pub in enumerate(pubs if isinstance(pubs, list) else [])
             if isinstance(pub, dict)]
    data = (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return WriteResult(data, report.items)


def _item(pub: dict[str, Any], index: int, keys: Keys, report: LossReport) -> dict[str, Any]:
    def at(*where: str | int) -> str:
        return pointer("publications", index, *where)

    ours = pub.get("type")
    csl_type, genre = TO_CSL.get(ours, ("document", None)) if isinstance(ours, str) else ("document", None)
    if not ours:
        report.add(at(), "no type given: written as CSL 'document'", "normalization")
    item: dict[str, Any] = {"id": keys.key(pub), "type": csl_type}
    if genre:
        item["genre"] = genre
    if isinstance(pub.get("name"), str):
        item["title"] = pub["name"]
    _item_authors(pub, item, at, report)
    date = date_of(pub.get("releaseDate"))
    if date is not None:
        item["issued"] = {"date-parts": [[p for p in date if p is not None]]}
    _item_venue(pub, item, at, report)
    for ours_key, csl_key in (("publisher", "publisher"), ("doi", "DOI"), ("url", "URL"), ("volume", "volume"),
                              ("issue", "issue"), ("summary", "abstract")):
        if isinstance(pub.get(ours_key), str):
            item[csl_key] = pub[ours_key]
    if isinstance(pub.get("pages"), str):
        item["page"] = pub["pages"].replace("--", "–")
    if pub.get("status") in _STATUS:
        item["status"] = _STATUS[pub["status"]]
    _item_notes(pub, item)
    for key in pub:
        if key == "group":
            report.add(at(key), "CSL has no place for the CV's own heading")
        elif key not in _MAPPED:
            report.add(at(key), f"CSL has no place for '{key}'")
    return item


def _item_authors(pub: dict[str, Any], item: dict[str, Any], at: Any, report: LossReport) -> None:
    """``author`` (``editor`` for an edited book) as CSL names; author marks have no CSL place (reported)."""
    people = [_csl_name(a.get("name", "")) for a in pub.get("authors") or [] if isinstance(a, dict)]
    if people:
        item["editor" if pub.get("type") == "edited-book" else "author"] = people
    for j, author in enumerate(pub.get("authors") or []):
        for key in author if isinstance(author, dict) else ():
            if key != "name":
                report.add(at("authors", j, key), f"CSL names have no place for '{key}'")


def _item_venue(pub: dict[str, Any], item: dict[str, Any], at: Any, report: LossReport) -> None:
    venue = pub.get("venue")
    if isinstance(venue, dict):
        for key, value in venue.items():
            if key in ("name", "short") and isinstance(value, str):
                item["container-title" if key == "name" else "container-title-short"] = value
            else:
                report.add(at("venue", key), f"CSL has no place for the venue's '{key}'")


def _item_notes(pub: dict[str, Any], item: dict[str, Any]) -> None:
    """``note`` from the notes; the arXiv id as Zotero writes it (``number`` of an article, else a note line)."""
    notes = [n for n in pub.get("notes") or [] if isinstance(n, str)]
    arxiv = pub.get("arxiv")
    if isinstance(arxiv, str) and arxiv:
        if item["type"] == "article":
            item["number"] = f"arXiv:{arxiv}"
        else:
            notes.append(f"arXiv: {arxiv}")
    if notes:
        item["note"] = "\n".join(notes)


def _csl_name(name: str) -> dict[str, str]:
    """A printed name as a CSL name (family/given/particle/suffix, or literal), split by :mod:`core.names`."""
    return names.to_csl(names.parse(name))


# ----------------------------------------------------------------------------------------------------- reading

def read(data: bytes, *, source: str | None = None, format: str = "csl-json") -> ReadResult:
    """A CSL-JSON array (Zotero's, pandoc's, ours) as a document with publications only."""
    from ...core.document import parse_json

    text = decode_text(data, source)
    if not text.strip():
        raise InputError("file is empty", source)
    items = parse_json(text, source)
    if not isinstance(items, list):
        raise InputError("CSL-JSON is an array of items, not " + type(items).__name__.replace("dict", "an object"),
                         source)
    report = LossReport()
    pubs = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            pubs.append(_publication(item, i, report))
        else:
            report.add(pointer(i), "not a CSL item (an object): skipped")
    return ReadResult.untyped({"publications": pubs} if pubs else {}, report.items)


def _publication(item: dict[str, Any], index: int, report: LossReport) -> dict[str, Any]:
    def at(*where: str | int) -> str:
        return pointer(index, *where)

    pub: dict[str, Any] = {}
    title = _string(item, "title", at, report)
    if title is not None:
        plain = _plain(title)
        if plain != title:
            report.add(at("title"), "rich-text markup removed", "normalization")
        pub["name"] = plain
    _pub_type_and_authors(item, pub, at, report)
    date = _date(item.get("issued"), at("issued"), report)
    if date:
        pub["releaseDate"] = date
    venue = _pub_venue(item, at, report)
    if venue:
        pub["venue"] = venue
    for csl_key, ours_key in (("publisher", "publisher"), ("URL", "url"), ("volume", "volume"),
                              ("issue", "issue"), ("abstract", "summary")):
        value = _string(item, csl_key, at, report)
        if value:
            pub[ours_key] = value
    _pub_checked_fields(item, pub, at, report)
    _pub_number_and_notes(item, pub, at, report)
    if "id" in item and not is_derived(item["id"], pub):
        report.add(at("id"), "the CSL item id (a citation key) is not kept")
    for key in item:
        if key not in _READ:
            report.add(at(key), f"the CV has no place for the CSL variable '{key}'")
    return pub


def _pub_type_and_authors(item: dict[str, Any], pub: dict[str, Any], at: Any, report: LossReport) -> None:
    """Our type (from the CSL type and genre) and the authors, or the editors when there are no authors."""
    authors = _names(item.get("author"), at("author"), report)
    editors = _names(item.get("editor"), at("editor"), report)
    csl_type = item.get("type")
    genre = item.get("genre") if isinstance(item.get("genre"), str) else None
    ours = _our_type(csl_type, genre, bool(editors and not authors))
    if ours is not None:
        pub["type"] = ours
    if isinstance(csl_type, str) and ours not in (None, "edited-book") and TO_CSL[ours][0] != csl_type:
        report.add(at("type"), f"CSL type '{csl_type}' read as '{ours}'", "normalization")
    if genre and (csl_type, genre) not in _GENRES:
        report.add(at("genre"), "the CV has no place for a CSL genre")
    if authors:
        pub["authors"] = [{"name": n} for n in authors]
        if editors:
            report.add(at("editor"), "the CV keeps authors only; editors are left out")
    elif editors:
        pub["authors"] = [{"name": n} for n in editors]
        if ours != "edited-book":
            report.add(at("editor"), "editors read as the work's authors", "normalization")


def _pub_venue(item: dict[str, Any], at: Any, report: LossReport) -> dict[str, str]:
    """The venue: the container title (else the event), and its short form."""
    venue: dict[str, str] = {}
    container = _string(item, "container-title", at, report)
    event = _string(item, "event-title", at, report) or _string(item, "event", at, report)
    if container:
        venue["name"] = _plain(container)
        if event:
            report.add(at("event-title" if "event-title" in item else "event"),
                       "the CV keeps one venue name: the container title")
    elif event:
        venue["name"] = _plain(event)
    short = _string(item, "container-title-short", at, report) or _string(item, "journalAbbreviation", at, report)
    if short:
        venue["short"] = short
    return venue


def _pub_checked_fields(item: dict[str, Any], pub: dict[str, Any], at: Any, report: LossReport) -> None:
    """DOI, pages and status: kept when they are what the CV holds, else reported."""
    doi = _string(item, "DOI", at, report)
    if doi:
        if ids.is_doi(doi):
            pub["doi"] = ids.strip_doi(doi)
        else:
            report.add(at("DOI"), f"'{doi}' is not a DOI")
    page = _string(item, "page", at, report)
    if page:
        pub["pages"] = page.replace("–", "--")
    status = _string(item, "status", at, report)
    if status:
        if status.lower() in _STATUS_BACK:
            pub["status"] = _STATUS_BACK[status.lower()]
        else:
            report.add(at("status"), f"status '{status}' is not one the CV knows")


def _pub_number_and_notes(item: dict[str, Any], pub: dict[str, Any], at: Any, report: LossReport) -> None:
    """The arXiv id from ``number`` or a note line (Zotero's conventions); the other note lines as notes."""
    number = _string(item, "number", at, report)
    found = _ARXIV_LINE.match(number.strip()) if number else None
    if found and ids.is_arxiv(found.group(1)):
        pub["arxiv"] = ids.strip_arxiv(found.group(1))
    elif number:
        report.add(at("number"), "the CV has no place for a CSL number")
    note = _string(item, "note", at, report)
    notes = []
    for line in note.splitlines() if note else []:
        found = _ARXIV_LINE.match(line.strip())
        if found and ids.is_arxiv(found.group(1)) and "arxiv" not in pub:
            pub["arxiv"] = ids.strip_arxiv(found.group(1))
        elif line.strip():
            notes.append(line.strip())
    if notes:
        pub["notes"] = notes


def _our_type(csl_type: Any, genre: str | None, edited: bool) -> str | None:
    if not isinstance(csl_type, str):
        return None
    if genre and (csl_type, genre.lower()) in _GENRES:
        return _GENRES[(csl_type, genre.lower())]
    if csl_type == "book" and edited:
        return "edited-book"
    return FROM_CSL.get(csl_type, "other")


def _string(item: dict[str, Any], key: str, at: Any, report: LossReport) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        report.add(at(key), f"'{key}' is not text: left out")
        return None
    return value.strip() or None


def _plain(text: str) -> str:
    return " ".join(_RICH_TEXT.sub("", text).split())


def _names(value: Any, where: str, report: LossReport) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        report.add(where, "not a list of names: left out")
        return []
    out = []
    for j, name in enumerate(value):
        text = _name_text(name) if isinstance(name, dict) else ""
        if text:
            out.append(text)
        else:
            report.add(f"{where}/{j}", "a name with neither family nor literal: left out")
    return out


def _name_text(name: dict[str, Any]) -> str:
    """A CSL name as the CV prints it; "" for a name with neither family nor literal."""
    literal = name.get("literal")
    if not (isinstance(literal, str) and literal.strip()) and not isinstance(name.get("family"), str):
        return ""
    return names.display(names.from_csl(name))


def _date(value: Any, where: str, report: LossReport) -> str | None:
    """The start of a CSL date at its real precision (YYYY, YYYY-MM or YYYY-MM-DD), or None with a loss."""
    if value is None:
        return None
    if not isinstance(value, dict):
        report.add(where, "not a CSL date: left out")
        return None
    date_parts = value.get("date-parts")
    if isinstance(date_parts, list) and date_parts and isinstance(date_parts[0], list) and date_parts[0]:
        if len(date_parts) > 1:
            report.add(where, "a date range: the CV keeps its start")
        for extra in ("season", "circa"):
            if value.get(extra):
                report.add(f"{where}/{extra}", f"the CV has no place for a date's '{extra}'")
        numbers = []
        for part in date_parts[0][:3]:
            text = str(part).strip()
            if not text.lstrip("-").isdigit():
                break
            numbers.append(int(text))
        return _iso(numbers, where, report)
    raw = value.get("raw") if isinstance(value.get("raw"), str) else value.get("literal")
    if isinstance(raw, str) and is_iso(raw.strip()):
        return str(raw.strip())
    report.add(where, f"date '{raw}' is not a date the CV can hold" if raw else "an empty date: left out")
    return None


def _iso(numbers: list[int], where: str, report: LossReport) -> str | None:
    if not numbers or not 1000 <= numbers[0] <= 2999:
        report.add(where, "a year outside 1000-2999 cannot be held by the CV")
        return None
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 and numbers[1] != 0 else None
    day = numbers[2] if len(numbers) > 2 and month is not None and numbers[2] != 0 else None
    if month is not None and not 1 <= month <= 12:
        report.add(where, f"month {month} is not a month (seasons are 13-16): the CV keeps the year")
        month = day = None
    if month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
        report.add(where, f"day {day} is not a day of the month: the CV keeps year and month")
        day = None
    return format_iso(year, month, day)
