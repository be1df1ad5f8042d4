"""BibTeX entries for publications: shared by the ``orcid-bibtex`` and ``bibtex`` writers and by the ORCID work
writers, whose works embed the ``orcid-bibtex`` entry as their citation (formats never import each other).

For ORCID, entry types are chosen from what ORCID's own BibTeX importer makes of them (``BIBTEX_TO_ORCID``, taken from
ORCID's web app, orcid-angular ``work-bibtex-modal.component.ts``): the entry type whose ORCID work type equals
the schema's ``x-orcid-work-type`` of our publication type. Fields follow that importer too: ``doi`` bare,
arXiv as lowercase ``eprint`` with ``eprinttype = {arxiv}``, numeric ``year`` and ``month``, ``author`` joined
with `` and ``. Text is LaTeX-escaped; non-ASCII letters stay UTF-8, which ORCID's importer and biber read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.losses import Coverage, LossReport, pointer
from ..schemas import item_schema

#: ORCID's BibTeX importer: entry type -> ORCID work type (anything else gets no type and is refused).
BIBTEX_TO_ORCID: dict[str, str] = {
    "article": "journal-article", "book": "book", "booklet": "other", "conference": "conference-paper",
    "inbook": "book-chapter", "incollection": "book-chapter", "inproceedings": "conference-paper",
    "manual": "manual", "mastersthesis": "supervised-student-publication", "misc": "other",
    "phdthesis": "dissertation-thesis", "proceedings": "conference-paper", "techreport": "report",
    "unpublished": "other",
}
#: When several entry types give the same ORCID type, the most conventional one is written.
_PREFERRED = ("article", "inproceedings", "incollection", "book", "phdthesis", "techreport", "manual", "misc")
_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}",
}
#: ``^`` is written as itself: pybtex (latexcodec), bibtexparser 1 and 2 and ORCID's importer all read a bare ``^``
#: back as ``^``, while ``\^{}`` decodes to nothing in bibtexparser 2 and to ``ˆ`` in latexcodec, and
#: ``\textasciicircum{}`` is unknown to ORCID, bibtexparser 1 and latexcodec (tests/test_bibtex_consumers.py).
#: The price: LaTeX itself stops at a bare ``^`` outside math, which only a title holding one meets.
_ESCAPE_RE = re.compile("|".join(re.escape(k) for k in _ESCAPES))
_UNESCAPE_RE = re.compile("|".join(re.escape(v) for v in _ESCAPES.values()))
_BRACE = re.compile("[{}]")
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
#: TeX ligatures (``--`` is an en dash, ``` `` ``` an opening quote...): an empty group between the characters
#: keeps them as typed.
_LIGATURE_RE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")


def orcid_work_types() -> dict[str, str]:
    """Our publication type -> ORCID v3.0 work type, as the schema declares it (``x-orcid-work-type``)."""
    types: dict[str, str] = item_schema("publications")["properties"]["type"]["x-orcid-work-type"]
    return types


def escape(text: str, *, ligatures: bool = True) -> str:
    """LaTeX-escape the characters BibTeX and LaTeX treat specially and, in text (``ligatures``), break
    ligatures, so the text reads back as written; ``pages`` keeps its ``--`` range dash."""
    escaped = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)
    return _LIGATURE_RE.sub("{}", escaped) if ligatures else escaped


def unescape(text: str) -> str:
    """Undo :func:`escape`'s character escapes only: for fields read verbatim (volume, number, pages), where
    LaTeX decoding would turn a real-world ``1--10`` into an en dash."""
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPES[m.group(0)], text)


def entry_type(pub_type: str | None) -> str:
    """The BibTeX entry type that ORCID's importer turns into our type's ORCID work type (``misc`` if none)."""
    wanted = orcid_work_types().get(pub_type or "", "other")
    for name in _PREFERRED:
        if BIBTEX_TO_ORCID[name] == wanted:
            return name
    return "misc"


def author_field(names: list[str]) -> str:
    """``author`` value: names in order joined with `` and ``, each as :func:`core.names.bibtex_name` writes it
    (organisations braced whole, "and" inside a name braced again for ORCID's importer)."""
    from ..core.names import bibtex_name

    return " and ".join(bibtex_name(n, escape) for n in names)


@dataclass
class Entry:
    """One BibTeX entry before rendering: the fields in output order."""

    type: str
    key: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, value: str, *, raw: bool = False) -> None:
        self.fields.append((name, value if raw else "{" + value + "}"))

    def render(self) -> str:
        body = ",\n".join(f"  {name} = {value}" for name, value in self.fields)
        return f"@{self.type}{{{self.key},\n{body}\n}}\n"


#: The plain writer: our type -> (entry type, ``type``/``entrysubtype`` value or None). Classic entry types, which
#: every BibTeX style and biblatex know; the reader maps these pairs back, so every type of ours round-trips.
PLAIN_TYPES: dict[str, tuple[str, str | None]] = {
    "conference-paper": ("inproceedings", None), "journal-article": ("article", None),
    "workshop-paper": ("inproceedings", "Workshop paper"), "preprint": ("misc", "Preprint"), "book": ("book", None),
    "book-chapter": ("incollection", None), "edited-book": ("book", "Edited book"),
    "magazine-article": ("article", "magazine"), "dissertation": ("phdthesis", None),
    "report": ("techreport", None), "tutorial": ("misc", "Tutorial"), "lecture-speech": ("misc", "Lecture"),
    "poster": ("misc", "Poster"), "dataset": ("misc", "Dataset"), "software": ("misc", "Software"),
    "patent": ("misc", "Patent"), "other": ("misc", None),
}
#: What resumeconv's plain writer wrote before it wrote classic BibTeX (biblatex types): read back the same.
BIBLATEX_TYPES: dict[str, tuple[str, str | None]] = {
    "edited-book": ("collection", None), "dissertation": ("thesis", "phdthesis"), "report": ("report", "techreport"),
    "dataset": ("dataset", None), "software": ("software", None), "patent": ("patent", None),
}
#: Where the plain writer puts the venue, by entry type: the classic field, which biblatex reads as its alias
#: (``journal`` as ``journaltitle``, ``school`` as ``institution``).
PLAIN_VENUE = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle",
               "book": "booktitle", "phdthesis": "school", "techreport": "institution"}
#: Venue fields of biblatex entries (read only).
BIBLATEX_VENUE = {"collection": "booktitle", "thesis": "institution", "report": "institution"}
#: BibTeX's month macros, which classic styles print as names and biblatex reads as numbers.
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def build_entry(pub: dict[str, Any], index: int, key: str, report: LossReport, *, plain: bool = False) -> Entry:
    """The entry for ``publications[index]``: ORCID-ready (year/month, types ORCID's importer knows), or with
    ``plain`` for classic BibTeX styles and biblatex alike (``year``, ``month`` macro, classic entry types and
    venue fields); what BibTeX cannot carry goes to ``report``."""
    ptr = ("publications", index)
    if plain:
        kind, subtype = PLAIN_TYPES.get(pub.get("type") or "", ("misc", None))
        entry = Entry(kind, key)
    else:
        entry = Entry(entry_type(pub.get("type")), key)
        kind, subtype = entry.type, None
        wanted = orcid_work_types().get(pub.get("type") or "", "other")
        if BIBTEX_TO_ORCID[entry.type] != wanted:
            report.add(pointer(*ptr, "type"), f"ORCID's BibTeX import has no entry type for '{wanted}'; written as "
                       f"@{entry.type}, which ORCID files as '{BIBTEX_TO_ORCID[entry.type]}'", "normalization")
    _add_authors(entry, pub, ptr, report)
    if pub.get("name"):
        entry.add("title", "{" + escape(pub["name"]) + "}")
    venue = pub.get("venue") or {}
    venue_name = venue.get("name") or venue.get("short")
    if venue_name and not venue_name.strip():
        report.add(pointer(*ptr, "venue"), "a blank venue name is left out")
    elif venue_name:
        field_name = PLAIN_VENUE.get(kind, "howpublished") if plain else \
            "journal" if entry.type == "article" else "booktitle"
        entry.add(field_name, "{" + escape(venue_name) + "}")  # braced like the title: styles keep its capitals
    if subtype:
        entry.add("entrysubtype" if kind == "article" else "type", subtype)
    _add_date(entry, pub, ptr, report, plain)
    for name, key_ in (("volume", "volume"), ("number", "issue"), ("pages", "pages"), ("publisher", "publisher")):
        if pub.get(key_):
            entry.add(name, escape(str(pub[key_]), ligatures=key_ == "publisher"))
    _add_ids(entry, pub, ptr, report)
    note = _note(pub, ptr, report)
    if note:
        entry.add("note", escape(note))
    if pub.get("summary"):
        entry.add("abstract", escape(pub["summary"]))
    return entry


def _add_authors(entry: Entry, pub: dict[str, Any], ptr: tuple[str | int, ...],
                 report: LossReport) -> None:
    """``author``; a blank name (BibTeX and ORCID would read an empty author) is left out and reported."""
    names = []
    for j, author in enumerate(pub.get("authors") or []):
        name = author.get("name", "")
        if name.strip():
            names.append(name)
        else:
            report.add(pointer(*ptr, "authors", j), "an author without a name is left out")
    if names:
        entry.add("author", author_field(names))


def _add_date(entry: Entry, pub: dict[str, Any], ptr: tuple[str | int, ...], report: LossReport,
              plain: bool) -> None:
    """Plain: ``year`` and a ``month`` macro, which classic styles and biblatex both read; a day has no classic
    field (biblatex's ``date`` beside ``year`` makes biber warn), so it is reported. ORCID: braced numeric ``year``
    and ``month`` (a bare number ending an entry makes ORCID's parser reject the whole file); the day only in
    ``date``, which ORCID ignores."""
    from ..core import dates

    value = pub.get("releaseDate")
    if value is None:
        return
    date = dates.date_of(value)
    if date is None:
        report.add(pointer(*ptr, "releaseDate"), f"{value!r} is not a calendar date (YYYY, YYYY-MM or "
                   "YYYY-MM-DD); left out")
        return
    release = date.iso
    year, month, day = date
    if plain:
        entry.add("year", str(year))
        if month:
            entry.add("month", MONTH_MACROS[month - 1], raw=True)
        if day:
            report.add(pointer(*ptr, "releaseDate"), "BibTeX keeps the year and month: the day is left out")
        return
    entry.add("year", str(year))
    if month:
        entry.add("month", str(month))
    if day:
        entry.add("date", release)
        report.add(pointer(*ptr, "releaseDate"), "ORCID's BibTeX import reads the year and month only: the work gets "
                   "no day (it stays in the citation's biblatex 'date' field)")


def _add_ids(entry: Entry, pub: dict[str, Any], ptr: tuple[str | int, ...], report: LossReport) -> None:
    """Identifiers verbatim, as ORCID's importer (which never decodes them) and biblatex's verbatim ``doi`` and
    ``url`` fields read them."""
    from ..core import ids

    if pub.get("doi") and _verbatim_safe(pub["doi"], (*ptr, "doi"), report):
        entry.add("doi", ids.strip_doi(pub["doi"]))
    if pub.get("arxiv"):
        entry.add("eprint", ids.strip_arxiv(pub["arxiv"]))
        entry.add("eprinttype", "arxiv")
    if pub.get("url") and _verbatim_safe(pub["url"], (*ptr, "url"), report):
        entry.add("url", pub["url"])


def _verbatim_safe(text: str, ptr: tuple[str | int, ...], report: LossReport) -> bool:
    """Whether ``{text}`` parses back as ``text`` (no backslash, braces balanced); if not, the loss is reported."""
    if "\\" not in text and balanced(text):
        return True
    report.add(pointer(*ptr), "a backslash or unbalanced braces cannot be written verbatim in BibTeX; left out")
    return False


def balanced(text: str) -> bool:
    """Whether every brace closes one opened before it and all are closed."""
    depth = 0
    for match in _BRACE.finditer(text):
        depth += 1 if match.group(0) == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _note(pub: dict[str, Any], ptr: tuple[str | int, ...], report: LossReport) -> str:
    """The ``note``: the CV's remarks, then who contributed equally (BibTeX has no field for that mark)."""
    parts = list(pub.get("notes") or [])
    equal = [a.get("name", "") for a in pub.get("authors") or [] if a.get("equalContribution")]
    if equal:
        parts.append("Equal contribution: " + ", ".join(equal))
        for j, author in enumerate(pub.get("authors") or []):
            if author.get("equalContribution"):
                report.add(pointer(*ptr, "authors", j, "equalContribution"),
                           "kept as text in the note ('Equal contribution: ...')", "normalization")
    return "; ".join(parts)


def publication_coverage(doc: dict[str, Any], handled: frozenset[str], target: str, report: LossReport) -> Coverage:
    """What a works-only target uses of ``doc``, for the loss engine: every handled, non-empty publication field
    (an empty one is reported here); the engine reports the rest (other sections, other fields, the short venue
    label beside a name) with the reasons registered below."""
    reasons = {section: f"{target} carries publications only" for section in doc if section != "publications"}
    reasons["publications/*/venue/short"] = f"{target} keeps one venue name; the short label is left out"
    cover = Coverage(f"{target} has no field for it", reasons)
    if "publications" in doc and not doc["publications"]:
        cover.use("publications")
    for i, pub in enumerate(doc.get("publications") or []):
        for key, value in pub.items():
            if key not in handled:
                continue
            if value in ("", [], {}) and key not in ("notes", "venue"):
                report.add(pointer("publications", i, key), "empty value left out")
            elif key == "venue" and isinstance(value, dict):
                cover.use("publications", i, "venue", "name" if value.get("name") else "short")
            elif key == "authors" and isinstance(value, list):
                for j, author in enumerate(value):
                    for field_name in author if isinstance(author, dict) else ():
                        cover.use("publications", i, "authors", j, field_name)
            else:
                cover.use("publications", i, key)
    return cover
