"""The format registry: every foreign format is a reader and/or writer around the one canonical document.

Entries are declared here as data (name, module, extensions, a cheap content sniff) so that listing or
detecting formats imports no format module; a module is imported only when its reader or writer is used.
Each module defines ``read(data: bytes, *, source: str | None = None, format: str, **options) -> ReadResult``
and/or ``write(doc: dict, *, format: str, **options) -> WriteResult`` (``format`` is the registry name, so one
module may serve several entries). Formats never import each other.
"""

from __future__ import annotations

import importlib
import os
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.errors import InvalidDocumentError, UsageError
from ..core.losses import Loss

if TYPE_CHECKING:
    from collections.abc import Iterator


class ReadResult:
    """A reader's answer: the canonical document and what the source had that it could not hold."""

    __slots__ = ("document", "losses")

    def __init__(self, document: dict[str, Any], losses: list[Loss] | None = None) -> None:
        self.document = document
        self.losses: list[Loss] = list(losses or ())

    def __repr__(self) -> str:
        return f"ReadResult(document=..., losses={self.losses!r})"


class WriteResult:
    """A writer's answer: the bytes to write and what the target could not hold.

    ``more`` holds further parts when a target must be split (e.g. ORCID bulks of at most 100 works); the CLI
    writes them beside the first as ``NAME-2.EXT``, ``NAME-3.EXT``, ...
    """

    __slots__ = ("data", "losses", "more")

    def __init__(self, data: bytes, losses: list[Loss] | None = None, more: list[bytes] | None = None) -> None:
        self.data = data
        self.losses: list[Loss] = list(losses or ())
        self.more: list[bytes] = list(more or ())

    def __repr__(self) -> str:
        return f"WriteResult({len(self.data)} bytes, losses={self.losses!r}, more={len(self.more)} part(s))"

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


class FormatSpec(NamedTuple):
    """A registry entry (plain, immutable data: listing formats imports no format module)."""

    name: str
    module: str
    description: str
    extensions: tuple[str, ...] = ()
    reads: bool = False
    writes: bool = False
    #: A regex searched in the first 8 KiB of input; the highest ``sniff_rank`` among matches wins.
    sniff: str | None = None
    sniff_rank: int = 0
    #: Set when several formats can match the same content (PDFs): the module's ``probe(data) -> bool`` then
    #: looks deeper, and the first candidate, in registry order, that claims the input wins.
    probe: bool = False
    #: Set when the reader also takes a directory (given as ``path=``, the data then empty): a regex searched in
    #: the directory's file names, one a line, to detect it.
    dir_sniff: str | None = None

    def load(self):
        return importlib.import_module(f"{__name__}.{self.module}")

    def read(self, data: bytes, **options: Any) -> ReadResult:
        if not self.reads:
            raise UsageError(f"format '{self.name}' can be written, not read")
        return self.load().read(data, format=self.name, **options)

    def write(self, doc: dict[str, Any], **options: Any) -> WriteResult:
        if not self.writes:
            raise UsageError(f"format '{self.name}' can be read, not written")
        with writing(self.name, doc):
            return self.load().write(doc, format=self.name, **options)


@contextmanager
def writing(target: str, doc: Any, source: str | None = None) -> Iterator[None]:
    """Turn a writer's crash on a schema-invalid document into one clear error.

    Writers trust the schema's types; a document that breaks them must end in a message, not a traceback. The
    same crash on a document the schema accepts is a bug in the writer, and is left to propagate.
    """
    try:
        yield
    except (AttributeError, TypeError, KeyError, IndexError) as err:
        from ..validation import is_valid

        if is_valid(doc, "academic"):
            raise
        where = f"{source}: " if source else ""
        raise InvalidDocumentError(f"{where}cannot write {target}: a value does not have the type the schema gives it "
                                   f"({err}); run 'resumeconv validate' first") from None


REGISTRY: tuple[FormatSpec, ...] = (
    FormatSpec("json", "jsonresume", "JSON Resume document as JSON (the canonical form)",
               (".resume.json", ".json"), reads=True, writes=True, sniff=r"^\s*[{\[]", sniff_rank=1),
    FormatSpec("yaml", "jsonresume", "JSON Resume document as YAML",
               (".resume.yaml", ".resume.yml", ".yaml", ".yml"), reads=True, writes=True,
               sniff=r"^(---|%YAML|[A-Za-z_$][\w$-]*\s*:)", sniff_rank=0),
    FormatSpec("europass", "europass", "Europass CV XML (Candidate, the editor since 2020), or a Europass PDF",
               (".europass.xml",), reads=True, writes=True,
               sniff=r"<Candidate[\s>]|\A%PDF-", sniff_rank=2, probe=True),
    FormatSpec("europass-v3", "europass_v3", "Europass CV XML v3 (legacy SkillsPassport, XSD v3.4)",
               (".europass-v3.xml",), reads=True, writes=True, sniff=r"<SkillsPassport[\s>]|\A%PDF-", sniff_rank=2,
               probe=True),
    FormatSpec("linkedin", "linkedin", "LinkedIn profile text (as 'Save to PDF' shows it; reads the PDF too)",
               (".linkedin.txt",), reads=True, writes=True,
               sniff=r"\A%PDF-|^(Contact|Top Skills|Honors-Awards)[ \t]*\n[\s\S]*^(Experience|Education)[ \t]*$",
               sniff_rank=2, probe=True),
    FormatSpec("linkedin-export", "linkedin_export", "LinkedIn data export (.zip or unpacked folder of CSVs)",
               (".zip",), reads=True, dir_sniff=r"(?im)^(Profile|Positions|Education|Skills)\.csv$",
               sniff=r"\APK\x03\x04[\s\S]{26,300}?(Profile|Positions|Education|Skills|Languages|Email Addresses)\.csv",
               sniff_rank=2),
    FormatSpec("theme", "theme", "JSON Resume for stock npm themes: upstream-valid, academic fields folded in",
               (".theme.json",), writes=True),
    FormatSpec("markdown", "markdown", "Academic CV in Markdown (numbered publications, owner in bold)",
               (".md", ".markdown"), writes=True),
    FormatSpec("bibtex", "bibtex", "BibTeX publications (any common BibTeX; read only)",
               (".bib",), reads=True, sniff=r"^\s*@[A-Za-z]+\s*[{(]", sniff_rank=2),
    FormatSpec("orcid-bibtex", "bibtex", "BibTeX made for ORCID's 'Import BibTeX' (works only)",
               (".orcid.bib",), writes=True),
    FormatSpec("orcid-json", "orcid", "ORCID v3.0 works as JSON (bulk of at most 100; also reads API answers)",
               (".orcid.json",), reads=True, writes=True,
               sniff=r'"(bulk|work-summary|external-id-type|orcid-profile|put-code)"\s*:', sniff_rank=2),
    FormatSpec("orcid-xml", "orcid", "ORCID v3.0 works as XML (bulk of at most 100; also reads API answers)",
               (".orcid.xml",), reads=True, writes=True,
               sniff=r"xmlns(:\w+)?=\"http://www\.orcid\.org/ns/(work|bulk|activities|record)\"", sniff_rank=3),
)


def all_formats() -> tuple[FormatSpec, ...]:
    return REGISTRY


def get(name: str) -> FormatSpec:
    for spec in REGISTRY:
        if spec.name == name:
            return spec
    raise UsageError(f"unknown format '{name}'; known formats: {', '.join(s.name for s in REGISTRY)}")


def by_extension(path: str, *, reading: bool) -> FormatSpec | None:
    """The format a file name implies: the longest matching extension wins; ties keep registry order."""
    lower = path.lower()
    best: tuple[int, FormatSpec] | None = None
    for spec in REGISTRY:
        if not (spec.reads if reading else spec.writes):
            continue
        for ext in spec.extensions:
            if lower.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), spec)
    return best[1] if best else None


def sniff(data: bytes) -> FormatSpec | None:
    """The readable format whose content pattern matches the start of ``data``."""
    head = data[:8192].decode("utf-8", "replace").lstrip("\ufeff")
    # Highest rank first (registry order within a rank); once a rank has matched, lower ones cannot win.
    matched: list[FormatSpec] = []
    for spec in sorted((s for s in REGISTRY if s.reads and s.sniff), key=lambda s: -s.sniff_rank):
        if matched and spec.sniff_rank < matched[0].sniff_rank:
            break
        if re.search(spec.sniff, head, re.MULTILINE):
            matched.append(spec)
    if len(matched) > 1:
        for spec in matched:
            if spec.probe and spec.load().probe(data):
                return spec
    return matched[0] if matched else None


def read_path(path: str, format: str | None = None, **options: Any) -> ReadResult:
    """Read a file (``-`` is stdin) or, for a format that takes one, a directory: detection, then the reader."""
    from ..core.errors import InputError
    from ..core.fileio import read_bytes

    if path != "-" and os.path.isdir(path):
        spec = get(format) if format else _detect_dir(path)
        if spec is None or not spec.dir_sniff:
            raise InputError("is a directory, not a file", path)
        return spec.read(b"", source=path, path=path, **options)
    data = read_bytes(path)
    spec = get(format) if format else detect(path, data)
    return spec.read(data, source="<stdin>" if path == "-" else path, **options)


def _detect_dir(path: str) -> FormatSpec | None:
    """The directory-reading format whose file-name pattern matches what the directory holds."""
    try:
        names = "\n".join(sorted(os.listdir(path)))
    except OSError:
        return None
    return next((s for s in REGISTRY if s.dir_sniff and re.search(s.dir_sniff, names)), None)


def detect(path: str | None, data: bytes) -> FormatSpec:
    """Pick the reader for an input: content first when it is unambiguous, then the file name."""
    by_content = sniff(data)
    if by_content is not None and by_content.sniff_rank > 0:
        return by_content
    if path and path != "-":
        by_name = by_extension(path, reading=True)
        if by_name is not None:
            return by_name
    if by_content is not None:
        return by_content
    raise UsageError(f"cannot tell the format of {path or '<stdin>'}; name it with -f (see 'resumeconv formats')")
