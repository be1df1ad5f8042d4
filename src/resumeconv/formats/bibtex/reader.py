"""The ``bibtex`` reader: publications from any common BibTeX.

A small parser rather than bibtexparser: bibtexparser 2.1 mangled ``{\\"u}`` accents and left ``@string``
concatenations (``nips # { 2023}``) unresolved in our tests, and printed parse errors to stdout. This one resolves
``@string`` macros and ``#`` concatenation, skips ``@comment``/``@preamble`` and ``%`` lines, keeps brace groups
intact, decodes LaTeX with pylatexenc, and names line and column on bad input.
"""


from __future__ import annotations

import functools
import re
from typing import Any

from ...core.errors import InputError, UnsafeInputError
from ...core.fileio import decode_text
from ...core.losses import LossReport, pointer
from .. import ReadResult
from .._bibtex_entry import (
    BIBLATEX_TYPES,
    BIBLATEX_VENUE,
    BIBTEX_TO_ORCID,
    PLAIN_TYPES,
    PLAIN_VENUE,
    balanced,
    orcid_work_types,
    unescape,
)

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
#: @string expansion budget: FACTOR times the input's length plus MIN characters in all.
MACRO_EXPANSION_FACTOR = 10
MACRO_EXPANSION_MIN = 1 << 20
#: Deeper brace nesting is refused: no real entry needs it, and LaTeX decoding recurses per level.
MAX_BRACE_DEPTH = 64
#: What makes LaTeX text more than characters in braces: commands, math, comments, ties, alignment, ligatures.
_NEEDS_DECODER = re.compile(r"[\\$%~&]|--|``|''|[?!]`")
#: ``\\&``, ``\\%``, ``\\$``, ``\\#``, ``\\_``: escaped characters that stand for themselves.
_CHAR_ESCAPE = re.compile(r"\\[&%$#_]")
_SPACE = re.compile(r"(?:\s+|%[^\n]*\n?)*")
#: The characters a value scan stops at: escapes, braces and the quote that may close the value.
_GROUPING = re.compile(r'[\\{}"]')
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s]*(?:preprint\s+)?(?:arxiv:)?\s*([0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?)", re.I)


class Parser:
    """A BibTeX tokenizer over one string, tracking the offset for line:column errors."""

    def __init__(self, text: str, source: str | None):
        self.text, self.source, self.pos = text, source, 0
        self.macros: dict[str, str] = {m: str(n) for m, n in _MONTHS.items()}
        #: Characters @string macros may still add in all: nested or repeated macros cannot blow up memory.
        self.expansion_limit = MACRO_EXPANSION_FACTOR * len(text) + MACRO_EXPANSION_MIN
        self.expansion_budget = self.expansion_limit

    def error(self, message: str, at: int | None = None) -> InputError:
        at = self.pos if at is None else at
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return InputError(f"invalid BibTeX: {message}", self.source, line, column)

    def skip_space(self) -> None:
        """Past whitespace and ``%`` comment lines."""
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]  # matches the empty string

    def expect(self, chars: str) -> str:
        self.skip_space()
        if self.pos >= len(self.text) or self.text[self.pos] not in chars:
            found = repr(self.text[self.pos]) if self.pos < len(self.text) else "end of file"
            raise self.error(f"expected {' or '.join(repr(c) for c in chars)}, found {found}")
        self.pos += 1
        return self.text[self.pos - 1]

    def name(self) -> str:
        self.skip_space()
        match = re.compile(r"[^\s,={}()\"#%]+").match(self.text, self.pos)
        if not match:
            raise self.error("expected a name")
        self.pos = match.end()
        return match.group(0)

    def braced(self) -> str:
        """The text of a ``{...}`` group (after its opening brace), nested braces kept."""
        return self._until("}", "unbalanced braces: '{' is never closed")

    def quoted(self) -> str:
        """The text of a ``"..."`` value (after its opening quote); quotes inside braces do not end it."""
        return self._until('"', "unterminated quoted value")

    def _until(self, closer: str, unterminated: str) -> str:
        """Scan to ``closer`` at brace depth zero (backslash escapes skipped); the text before it."""
        start, depth = self.pos, 0
        while match := _GROUPING.search(self.text, self.pos):
            self.pos, ch = match.start(), match.group(0)
            if ch == "\\":
                self.pos += 2
                continue
            if ch == closer and depth == 0:
                self.pos += 1
                return self.text[start:self.pos - 1]
            if ch == "{":
                depth += 1
                self._check_depth(depth + 1)
            elif ch == "}":
                depth -= 1
            self.pos += 1
        raise self.error(unterminated, start - 1)

    def _check_depth(self, depth: int) -> None:
        if depth > MAX_BRACE_DEPTH:
            error = self.error(f"braces nested deeper than {MAX_BRACE_DEPTH} levels")
            raise UnsafeInputError(error.message, error.source, error.line, error.column)

    def value(self) -> str:
        """A field value: pieces (braced, quoted, number or macro) joined by ``#``."""
        pieces = []
        while True:
            self.skip_space()
            ch = self.text[self.pos] if self.pos < len(self.text) else ""
            if ch == "{":
                self.pos += 1
                pieces.append(self.braced())
            elif ch == '"':
                self.pos += 1
                pieces.append(self.quoted())
            else:
                at = self.pos
                word = self.name()
                if word.isdigit():
                    pieces.append(word)
                elif word.lower() in self.macros:
                    pieces.append(self._expand(word.lower(), at))
                else:
                    raise self.error(f"undefined @string macro '{word}'", at)
            self.skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == "#":
                self.pos += 1
                continue
            return "".join(pieces)

    def _expand(self, macro: str, at: int) -> str:
        value = self.macros[macro]
        self.expansion_budget -= len(value)
        if self.expansion_budget < 0:
            error = self.error(f"@string macros expand to more than {self.expansion_limit} characters "
                               "(macro bomb refused)", at)
            raise UnsafeInputError(error.message, error.source, error.line, error.column)
        return value

    def entries(self) -> list[tuple[str, str, dict[str, str], int]]:
        """(type, key, fields, line) of every entry; @string defines macros, @comment/@preamble are skipped."""
        out: list[tuple[str, str, dict[str, str], int]] = []
        line, counted = 1, 0
        while True:
            at = self.text.find("@", self.pos)
            if at < 0:
                return out
            self.pos = at + 1
            kind = self.name().lower()
            line, counted = line + self.text.count("\n", counted, at), at
            close = {"{": "}", "(": ")"}[self.expect("{(")]
            if kind == "comment":
                self._skip_group(close)
            elif kind == "preamble":
                self.value()
                self.expect(close)
            elif kind == "string":
                name = self.name().lower()
                self.expect("=")
                self.macros[name] = self.value()
                self.expect(close)
            else:
                key = self.name()
                out.append((kind, key, self._fields(close), line))

    def _skip_group(self, close: str) -> None:
        if close == "}":
            self.braced()
        else:
            end = self.text.find(")", self.pos)
            self.pos = len(self.text) if end < 0 else end + 1

    def _fields(self, close: str) -> dict[str, str]:
        fields: dict[str, str] = {}
        while True:
            sep = self.expect("," + close)
            if sep == close:
                return fields
            self.skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == close:
                self.pos += 1
                return fields
            name = self.name().lower()
            self.expect("=")
            fields[name] = self.value()


def read(data: bytes, *, source: str | None = None, format: str, **options: Any) -> ReadResult:
    """Publications from any common BibTeX; fields our schema cannot hold are reported as losses."""
    parser = Parser(decode_text(data, source), source)
    report = LossReport()
    pubs = [publication(kind, key, fields, i, report) for i, (kind, key, fields, _line) in
            enumerate(parser.entries())]
    return ReadResult.untyped({"publications": pubs} if pubs else {}, report.items)


def _latex(text: str) -> str:
    """Plain text of a LaTeX value; whitespace folded, as BibTeX and LaTeX treat it.

    Text without commands (but ``\\&``-like escapes), math, comments, ties, ``&`` or ligatures only loses its
    group braces and escapes: done here as pylatexenc would, because pylatexenc takes a millisecond per entry
    (seconds for a 3,000-work CV, which the writer reads back too).
    """
    text = text.replace("\\^{}", "\\textasciicircum{}")  # the circumflex itself, not an accent on nothing
    bare = _CHAR_ESCAPE.sub("", text)
    if _NEEDS_DECODER.search(bare) or not balanced(bare):
        plain = _latex_decoder().latex_to_text(text)
    else:
        plain = _CHAR_ESCAPE.sub(lambda m: m.group(0)[1], text).replace("{", "").replace("}", "")
    return " ".join(plain.replace("\xa0", " ").split())


@functools.cache
def _latex_decoder() -> Any:
    """pylatexenc's decoder, with ``\\textasciicircum`` read as the ``^`` the writer escaped (not ``ˆ``)."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    context.add_context_category("resumeconv", prepend=True,
                                 macros=[MacroTextSpec("textasciicircum", simplify_repl="^")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


def split_authors(value: str) -> list[str]:
    """Names of an ``author`` field in order: split on top-level `` and ``, each read by :mod:`core.names`
    (``Last, First`` becomes ``First Last``; a name wholly in braces is kept as written)."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value, re.IGNORECASE):
        tok = match.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start:match.start()])
            start = match.end()
    names.append(value[start:])
    return [n for n in (_one_name(x.strip()) for x in names) if n]


def _one_name(raw: str) -> str:
    """One BibTeX name as the CV prints it ("King, Jr., Martin Luther" -> "Martin Luther King Jr.")."""
    from ...core import names

    return names.display(names.from_bibtex(raw, _latex))


def our_type(kind: str, fields: dict[str, str], has_arxiv: bool) -> tuple[str, str | None]:
    """Our type for an entry and a loss reason if inexact: the plain writer's biblatex types (with their ``type``
    or ``entrysubtype``) first, else through the ORCID type ORCID's importer gives the entry type."""
    subtype = (fields.get("entrysubtype") if kind == "article" else fields.get("type")) or None
    pair = (kind, subtype and subtype.strip())
    plain = [ours for table in (PLAIN_TYPES, BIBLATEX_TYPES) for ours, known in table.items() if known == pair]
    if plain and (subtype or kind not in ("misc", "inproceedings", "article")):
        return plain[0], None
    orcid_type = BIBTEX_TO_ORCID.get(kind)
    if kind in ("misc", "unpublished") and has_arxiv and not (fields.get("journal") or fields.get("booktitle")):
        return "preprint", None
    candidates = [ours for ours, theirs in orcid_work_types().items() if theirs == orcid_type]
    if not candidates:
        return "other", f"entry type @{kind} has no publication type of ours; kept as 'other'"
    return (orcid_type if orcid_type in candidates else candidates[0]), None


def publication(kind: str, key: str, fields: dict[str, str], index: int, report: LossReport) -> dict[str, Any]:
    from ...core import ids

    ptr = ("publications", index)
    pub: dict[str, Any] = {}
    used = {"title", "author", "journal", "booktitle", "year", "month", "date", "doi", "eprint", "eprinttype",
            "archiveprefix", "url", "volume", "number", "pages", "publisher", "note", "abstract", "journaltitle",
            "howpublished", "institution", "school"}
    if pub_type_field(kind, fields):
        used.add("entrysubtype" if kind == "article" else "type")
    if fields.get("title"):
        pub["name"] = _latex(fields["title"])
    if fields.get("author"):
        pub["authors"] = [{"name": n} for n in split_authors(fields["author"])]
    venue = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or \
        fields.get(PLAIN_VENUE.get(kind) or BIBLATEX_VENUE.get(kind, "howpublished"))
    arxiv = _arxiv(fields, venue)
    if venue and not (arxiv and _ARXIV_IN_TEXT.search(venue)):
        pub["venue"] = {"name": _latex(venue)}
    pub["type"], reason = our_type(kind, fields, bool(arxiv))
    if reason:
        report.add(pointer(*ptr, "type"), reason, "normalization")
    date = _date(fields)
    if date:
        pub["releaseDate"] = date
    elif fields.get("year"):
        report.add(pointer(*ptr, "releaseDate"), f"'{fields['year']}' is not a year; left out")
    doi = ids.strip_doi(fields.get("doi", "")) if fields.get("doi") else ""
    if doi and ids.is_doi(doi):
        pub["doi"] = doi
    elif doi:
        report.add(pointer(*ptr, "doi"), f"'{doi}' is not a DOI; left out")
    if arxiv:
        pub["arxiv"] = arxiv
    if fields.get("url"):
        pub["url"] = fields["url"].replace(r"\%", "%").replace(r"\#", "#").replace(r"\_", "_")
    for ours, theirs in (("volume", "volume"), ("issue", "number"), ("pages", "pages")):
        if fields.get(theirs):
            pub[ours] = unescape(fields[theirs].strip())
    if fields.get("publisher"):
        pub["publisher"] = _latex(fields["publisher"])
    if fields.get("note"):
        pub["notes"] = [_latex(fields["note"])]
    if fields.get("abstract"):
        pub["summary"] = _latex(fields["abstract"])
    for name in fields:
        if name not in used:
            report.add(pointer(*ptr), f"BibTeX field '{name}' of entry '{key}' has no place in the CV")
    return pub


def pub_type_field(kind: str, fields: dict[str, str]) -> bool:
    """Whether the entry's ``type``/``entrysubtype`` is one the plain writer uses to name our type."""
    subtype = fields.get("entrysubtype") if kind == "article" else fields.get("type")
    pair = (kind, (subtype or "").strip())
    return bool(subtype) and (pair in PLAIN_TYPES.values() or pair in BIBLATEX_TYPES.values())


def _arxiv(fields: dict[str, str], venue: str | None) -> str | None:
    from ...core import ids

    prefix = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if fields.get("eprint") and prefix == "arxiv" and ids.is_arxiv(fields["eprint"]):
        return ids.strip_arxiv(fields["eprint"].strip())
    match = _ARXIV_IN_TEXT.search(venue or "")
    return match.group(1) if match else None


def _date(fields: dict[str, str]) -> str | None:
    from ...core import dates

    if fields.get("date") and dates.is_iso(fields["date"].strip()):
        return fields["date"].strip()
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = fields.get("month", "").strip().lower()
    number = int(month) if month.isdigit() else _MONTHS.get(month[:3])
    return dates.format_iso(int(year), number if number and 1 <= number <= 12 else None)
