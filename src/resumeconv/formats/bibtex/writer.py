"""The BibTeX writers: ``orcid-bibtex`` (made for ORCID's "Import BibTeX") and ``bibtex`` (plain, biblatex-style).

Both build their entries with the shared ``formats/_bibtex_entry.py``. They check their output against its consumer:
``orcid-bibtex`` against a model of ORCID's importer (orcid-angular ``work-bibtex-modal.component.ts`` with its
``latexParse.decodeLatex``; exact for the escapes we write, and held to the real code by the oracle tests), so its
report says what ORCID makes of each field; ``bibtex`` output is read back by the registry's loss engine with our
own reader (``readback="bibtex"``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...core import names
from ...core.keys import Keys
from ...core.losses import LossReport, pointer
from .. import WriteResult
from .._bibtex_entry import BIBTEX_TO_ORCID, Entry, build_entry, publication_coverage
from .reader import our_type

#: Publication fields the writers carry (authors' flags are reported one by one).
_WRITTEN = frozenset(("name", "authors", "venue", "type", "releaseDate", "doi", "arxiv", "url", "volume",
                      "issue", "pages", "publisher", "notes", "summary"))
_UNENCODABLE = re.compile("[\ud800-\udfff]")
#: What ORCID's ``decodeLatex`` turns our escapes into (its longest-match table has these entries); every other
#: brace is dropped.
_ORCID_DECODE = {r"\textbackslash": "\\", r"\textasciitilde": "~", r"\^{}": "^", r"\&": "&", r"\%": "%",
                 r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}", "{": "", "}": ""}
_ORCID_DECODE_RE = re.compile("|".join(re.escape(k) for k in sorted(_ORCID_DECODE, key=len, reverse=True)))
#: ORCID's work has no field for these: they travel only inside the BibTeX citation stored with the work.
_CITATION_ONLY = ("volume", "issue", "pages", "publisher", "notes", "summary")


def write(doc: dict[str, Any], *, format: str, **options: Any) -> WriteResult:
    """Every publication as a BibTeX entry, in CV order."""
    orcid = format == "orcid-bibtex"
    report = LossReport()
    cover = publication_coverage(doc, _WRITTEN, "BibTeX", report)
    keys = Keys()
    parts = []
    if doc.get("publications") == []:
        report.add(pointer("publications"), "an empty list writes no entry", "normalization")
    for i, pub in enumerate(doc.get("publications") or []):
        entry = build_entry(pub, i, keys.key(pub), report, plain=not orcid)
        _report_author_flags(pub, i, report)
        text = entry.render()
        clean = _UNENCODABLE.sub("", text)
        if clean != text:
            report.add(pointer("publications", i), "lone surrogate characters removed", "normalization")
        if orcid:
            _report_orcid_view(pub, i, entry, report)
        else:
            _report_read_back(pub, i, entry, report)
        parts.append(clean)
    return WriteResult("\n".join(parts).encode("utf-8"), report.items, coverage=cover)


# ------------------------------------------------------------------------------------- what ORCID makes of it


def orcid_decode(value: str) -> str:
    """ORCID's ``decodeLatex`` on a value we wrote: our escapes to their characters, braces dropped."""
    return _ORCID_DECODE_RE.sub(lambda m: _ORCID_DECODE[m.group(0)], value)


def orcid_view(entry: Entry) -> dict[str, Any]:
    """The work ORCID's "Import BibTeX" dialog makes of one of our entries (``populateWork``), in the oracle's
    shape: type, title, journalTitle, publicationDate, url, externalIds, contributors (names)."""
    # The parser skips whitespace after a value's opening brace.
    fields = {name: value[1:-1].lstrip(" \t\r\n") for name, value in entry.fields}
    work: dict[str, Any] = {"type": BIBTEX_TO_ORCID.get(entry.type), "title": None, "journalTitle": None,
                            "publicationDate": None, "url": None, "externalIds": [], "contributors": []}
    if "title" in fields:
        work["title"] = orcid_decode(fields["title"])
        if "booktitle" in fields and "journal" not in fields:
            work["journalTitle"] = orcid_decode(fields["booktitle"])
    elif "booktitle" in fields:
        work["title"] = orcid_decode(fields["booktitle"])
    if "journal" in fields:
        work["journalTitle"] = orcid_decode(fields["journal"])
    for name, kind in (("doi", "doi"), ("eprint", "arxiv"), ("url", "uri")):
        wanted = name in fields and (name != "eprint" or fields.get("eprinttype") == "arxiv")
        if wanted and (kind != "uri" or not work["externalIds"]):
            work["externalIds"].append({"type": kind, "value": fields[name], "relationship": "self"})
    if "year" in fields:
        work["publicationDate"] = {"year": fields["year"].strip()}
        if "month" in fields:
            work["publicationDate"]["month"] = fields["month"].zfill(2)
    work["url"] = fields.get("url")
    author = fields.get("author", "")
    if author.endswith(" and"):
        author = author[:-4]
    if "author" in fields:
        names = (orcid_decode(n).strip() for n in author.split(" and "))
        work["contributors"] = [n for n in names if n]
    return work


def _report_orcid_view(pub: dict[str, Any], index: int, entry: Entry, report: LossReport) -> None:
    """Report, in ORCID's terms, every field where the work ORCID's importer makes differs from the CV."""
    from ...core import dates, ids

    ptr = ("publications", index)
    work = orcid_view(entry)

    def differs(place: tuple[str | int, ...], got: Any) -> None:
        at = pointer(*ptr, *place)
        if not report.covers(at):
            shown = json.dumps(got, ensure_ascii=False)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            report.add(at, f"ORCID's 'Import BibTeX' reads it as {shown}", "normalization")

    title = pub.get("name")
    if not (work["title"] or "").strip() or len(work["title"].strip()) > 1000:
        report.add(pointer(*ptr), "ORCID would refuse this work: its title must have 1 to 1000 characters")
    elif work["title"] != title:
        differs(("name",) if "name" in pub else ("venue",), work["title"])
    _compare_contributors(pub, index, work["contributors"], report)
    venue = pub.get("venue") or {}
    if work["journalTitle"] != (venue.get("name") or venue.get("short") or None) and work["title"] == title:
        differs(("venue",), work["journalTitle"])
    elif venue.get("short") and not venue.get("name"):
        report.add(pointer(*ptr, "venue"), "ORCID keeps one journal title: the short label is sent as it",
                   "normalization")
    release = pub.get("releaseDate")
    if isinstance(release, str) and dates.is_iso(release):
        year, month, _day = dates.parts(release)
        want = {"year": str(year), **({"month": f"{month:02d}"} if month else {})}
        if work["publicationDate"] != want:
            differs(("releaseDate",), work["publicationDate"])
    got = {e["type"]: e["value"] for e in work["externalIds"]}
    for key, kind, norm in (("doi", "doi", ids.strip_doi), ("arxiv", "arxiv", ids.strip_arxiv)):
        if pub.get(key) and got.get(kind) != pub[key]:
            if got.get(kind) == norm(pub[key]):
                report.add(pointer(*ptr, key), f"ORCID gets the bare {kind} id '{got[kind]}'", "normalization")
            else:
                differs((key,), got.get(kind))
    if pub.get("url") and work["url"] != pub["url"]:
        differs(("url",), work["url"])
    for key in _CITATION_ONLY:
        if pub.get(key) and not report.covers(pointer(*ptr, key)):
            report.add(pointer(*ptr, key), "ORCID's importer has no field for it: it stays only in the BibTeX "
                       "citation stored with the work")
    problems = [] if work["type"] else ["ORCID's importer gives this entry type no work type"]
    for problem in problems:
        report.add(pointer(*ptr), f"ORCID would refuse this work: {problem}")


def _compare_contributors(pub: dict[str, Any], index: int, got: list[str], report: LossReport) -> None:
    """ORCID's contributors against the CV's named authors: each name, or the list when the count differs."""
    authors = [(j, a) for j, a in enumerate(pub.get("authors") or []) if a.get("name", "").strip()]
    if len(got) != len(authors):
        report.add(pointer("publications", index, "authors"), f"ORCID's importer reads {len(got)} contributor(s) "
                   f"from this author list of {len(authors)} name(s)")
        return
    for (j, author), name in zip(authors, got, strict=True):
        if name != author["name"]:
            at = pointer("publications", index, "authors", j, "name")
            if name == author["name"].strip():
                report.add(at, "ORCID's importer trims a contributor's name", "normalization")
            elif names.parse(name) == names.parse(author["name"]):
                report.add(at, f"ORCID's importer shows it as {json.dumps(name, ensure_ascii=False)}: the same "
                           "name in BibTeX's order (family name first)", "normalization")
            else:
                report.add(at, f"ORCID's importer reads it as {json.dumps(name, ensure_ascii=False)}")


# ------------------------------------------------------------------------------------- plain: our own read-back


def _report_read_back(pub: dict[str, Any], index: int, entry: Entry, report: LossReport) -> None:
    """Normalizations only visible when the entry is read back: the type the entry gives, and the note that now
    holds the equal-contribution marks."""
    ptr = pointer("publications", index, "type")
    fields = {name: value[1:-1] for name, value in entry.fields}
    back, _ = our_type(entry.type, fields, "eprint" in fields)
    if back != pub.get("type") and not report.covers(ptr):
        given = f"no entry type for '{pub['type']}'" if pub.get("type") else "no type given"
        report.add(ptr, f"{given}: written as @{entry.type}, which reads back as '{back}'", "normalization")
    venue = pub.get("venue")
    if isinstance(venue, dict) and venue.get("short") and not venue.get("name"):
        report.add(pointer("publications", index, "venue"), "BibTeX has one venue name: the short label is written "
                   "as the name", "normalization")
    notes = pub.get("notes")
    if any(isinstance(a, dict) and a.get("equalContribution") for a in pub.get("authors") or []):
        report.add(pointer("publications", index, "notes"), "the equal-contribution marks are added to the note",
                   "normalization")
    elif "notes" in pub and not (isinstance(notes, list) and len(notes) == 1 and notes[0]):
        report.add(pointer("publications", index, "notes"), "BibTeX has one note: the notes are joined with '; ' "
                   "(empty ones left out)", "normalization")


def _report_author_flags(pub: dict[str, Any], index: int, report: LossReport) -> None:
    for j, author in enumerate(pub.get("authors") or []):
        for key in author:
            if key in ("name", "equalContribution"):
                continue
            reason = {"self": "BibTeX has no mark for the CV's owner",
                      "orcid": "BibTeX has no field for an author's ORCID iD",
                      "corresponding": "BibTeX has no mark for a corresponding author"}.get(key)
            report.add(pointer("publications", index, "authors", j, key), reason or f"BibTeX has no field for '{key}'")
