"""BibTeX entries for publications, shared by the ``orcid-bibtex`` writer and the ORCID work writer's citation.

Entry types are chosen from what ORCID's own BibTeX importer makes of them (``BIBTEX_TO_ORCID``, taken from
ORCID's web app, orcid-angular ``work-bibtex-modal.component.ts``): the entry type whose ORCID work type equals
the schema's ``x-orcid-work-type`` of our publication type. Fields follow that importer too: ``doi`` bare,
arXiv as lowercase ``eprint`` with ``eprinttype = {arxiv}``, numeric ``year`` and ``month``, ``author`` joined
with `` and ``. Text is LaTeX-escaped; non-ASCII letters stay UTF-8, which ORCID's importer and biber read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..core.losses import LossReport, pointer
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
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_ESCAPE_RE = re.compile("|".join(re.escape(k) for k in _ESCAPES))
_UNESCAPE_RE = re.compile("|".join(re.escape(v) for v in _ESCAPES.values()))
_BRACE = re.compile("[{}]")
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
#: TeX ligatures (``--`` is an en dash, ``` `` ``` an opening quote...): an empty group between the characters
#: keeps them as typed.
_LIGATURE_RE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")


def orcid_work_types() -> dict[str, str]:
    """Our publication type -> ORCID v3.0 work type, as the schema declares it (``x-orcid-work-type``)."""
    return item_schema("publications")["properties"]["type"]["x-orcid-work-type"]


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
    """``author`` value: names in order joined with `` and ``; a name BibTeX would split or reorder is braced."""
    return " and ".join(_protect_name(n) for n in names)


def _protect_name(name: str) -> str:
    text = escape(" ".join(name.split()))
    if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + text + "}"
    return text


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


def citation_key(pub: dict[str, Any], taken: set[str]) -> str:
    """A stable, unique key: first author's family name, year, first title word (``zhang2025fragile``)."""
    authors = pub.get("authors") or []
    family = _ascii_word(_family_name(authors[0].get("name", ""))) if authors else ""
    year = str(pub.get("releaseDate", ""))[:4]
    words = [w for w in (_ascii_word(w) for w in str(pub.get("name", "")).split()) if len(w) > 3]
    base = (family or "anon") + year + (words[0] if words else "")
    key, n = base, 0
    while key in taken:
        n += 1
        key = base + _suffix(n)
    taken.add(key)
    return key


def _suffix(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(97 + rem) + out
    return out


def _family_name(name: str) -> str:
    if "," in name:
        left, right = (s.strip() for s in name.split(",", 1))
        return left if len(left) > len(right) else right
    parts = name.split()
    return parts[-1] if parts else ""


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def build_entry(pub: dict[str, Any], index: int, key: str, report: LossReport) -> Entry:
    """The ORCID-ready entry for ``publications[index]``; what BibTeX cannot carry goes to ``report``."""
    from ..core import dates

    ptr = ("publications", index)
    entry = Entry(entry_type(pub.get("type")), key)
    wanted = orcid_work_types().get(pub.get("type") or "", "other")
    if BIBTEX_TO_ORCID[entry.type] != wanted:
        report.add(pointer(*ptr, "type"), f"ORCID's BibTeX import has no entry type for '{wanted}'; written as "
                   f"@{entry.type}, which ORCID files as '{BIBTEX_TO_ORCID[entry.type]}'", "normalization")
    names = [a.get("name", "") for a in pub.get("authors") or []]
    if names:
        entry.add("author", author_field(names))
    if pub.get("name"):
        entry.add("title", "{" + escape(pub["name"]) + "}")
    venue = pub.get("venue") or {}
    venue_name = venue.get("name") or venue.get("short")
    if venue_name:
        entry.add("journal" if entry.type == "article" else "booktitle", escape(venue_name))
    if pub.get("releaseDate") and dates.is_iso(pub["releaseDate"]):
        year, month, day = dates.parts(pub["releaseDate"])
        entry.add("year", str(year))
        if month:
            entry.add("month", str(month))
        if day:
            entry.add("date", pub["releaseDate"])
            report.add(pointer(*ptr, "releaseDate"), "ORCID's BibTeX import reads year and month only; the day is "
                       "kept in the biblatex 'date' field", "normalization")
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


def _add_ids(entry: Entry, pub: dict[str, Any], ptr: tuple, report: LossReport) -> None:
    """Identifiers verbatim, as ORCID's importer and biblatex's verbatim ``doi`` field read them."""
    from ..core import ids

    if pub.get("doi") and _verbatim_safe(pub["doi"], (*ptr, "doi"), report):
        entry.add("doi", ids.strip_doi(pub["doi"]))
    if pub.get("arxiv"):
        entry.add("eprint", ids.strip_arxiv(pub["arxiv"]))
        entry.add("eprinttype", "arxiv")
    if pub.get("url") and _verbatim_safe(pub["url"], (*ptr, "url"), report):
        entry.add("url", pub["url"].replace("%", r"\%").replace("#", r"\#"))


def _verbatim_safe(text: str, ptr: tuple, report: LossReport) -> bool:
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


def _note(pub: dict[str, Any], ptr: tuple, report: LossReport) -> str:
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


def report_unmapped(doc: dict[str, Any], handled: dict[str, str], target: str, report: LossReport) -> None:
    """Report what a works-only target leaves out: every other top-level key (``basics`` included: at most its
    ``orcid`` travels, on the owner's author entries), every unmapped or empty publication field."""
    for section in doc:
        if section != "publications":
            report.add(pointer(section), f"{target} carries publications only")
    for i, pub in enumerate(doc.get("publications") or []):
        for key, value in pub.items():
            if key not in handled:
                report.add(pointer("publications", i, key), f"{target} has no field for '{key}'")
            elif value in ("", [], {}) and key not in ("notes", "venue"):
                report.add(pointer("publications", i, key), "empty value left out")
        venue = pub.get("venue") or {}
        if venue.get("name") and venue.get("short"):
            report.add(pointer("publications", i, "venue", "short"),
                       f"{target} keeps one venue name; the short label is left out")
        for key in venue:
            if key not in ("name", "short"):
                report.add(pointer("publications", i, "venue", key), f"{target} has no field for venue '{key}'")
