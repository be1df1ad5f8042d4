"""The format registry: every foreign format is a reader and/or writer around the one canonical document.

Entries are declared here as data (name, module, extensions, a cheap content sniff) so that listing or
detecting formats imports no format module; a module is imported only when its reader or writer is used.
The contract a module fulfils (``read``, ``write``, ``OPTIONS``) is in :mod:`._contract`. The registry, not the
format, does what every format needs the same way:

- options: checks ``-O``/keyword options against the module's ``OPTIONS`` and converts them (UsageError, exit 2,
  for an unknown key or a bad value);
- losses: runs the loss engine (:func:`resumeconv.core.losses.account`) after every writer: the writer's own
  items, what its coverage left unused, and the read-back difference when the entry names a ``readback`` reader;
- crashes: an exception from a reader or writer is a bug (InternalError, exit 3), except a writer's crash on a
  document the schema rejects, which asks the user to validate it first (InvalidDocumentError, exit 1).

Formats never import each other.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import ModuleType
from typing import Any, NamedTuple, cast

from ..core.errors import InternalError, InvalidDocumentError, ResumeconvError, UsageError, missing_dependency
from ..core.losses import account
from ._contract import Detector, Direction, Option, Reader, ReadResult, Source, Writer, WriteResult, plain

__all__ = ["REGISTRY", "FormatSpec", "Opened", "Option", "ReadResult", "Reader", "Source", "WriteResult", "Writer",
           "all_formats", "by_extension", "detect", "get", "open_input", "owns", "plain", "read_input", "writing"]


class FormatSpec(NamedTuple):
    """A registry entry (plain, immutable data: listing formats imports no format module)."""

    name: str
    module: str
    description: str
    extensions: tuple[str, ...] = ()
    reads: bool = False
    writes: bool = False
    #: The order in which detection asks the readers' ``accepts`` (highest first, registry order within one
    #: priority). Formats at or above ``SPECIFIC`` recognise content only they have and win over the file name;
    #: generic syntaxes (JSON, YAML) are asked after it, YAML (priority 0) only when the name says nothing.
    priority: int = 0
    #: The reader also takes a folder (given as ``path=``, the data then empty); ``accepts`` sees its listing.
    folders: bool = False
    #: The format whose reader reads this writer's output back: the loss engine then reports every difference
    #: the round trip makes that the writer did not name (the net under its specific reasons).
    readback: str | None = None
    #: How loss reasons name the target (default: the registry name).
    label: str | None = None

    def load(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")

    def function(self, name: str) -> Any:
        """The module's ``read``, ``write`` or ``accepts``: imported now (format packages import their reader and
        writer lazily), so a missing third-party package is its install hint (exit 2), never a bug."""
        try:
            return getattr(self.load(), name)
        except ImportError as err:
            if missing := missing_dependency(err):
                raise missing from None
            raise

    def options(self, direction: Direction) -> tuple[Option, ...]:
        """The options this entry declares for reading or writing. Imports the reader or writer too, so that a missing
        package is found when the options are checked, before any input is read."""
        if self.reads if direction == "read" else self.writes:
            self.function(direction)
        declared: tuple[Option, ...] = getattr(self.load(), "OPTIONS", ())
        return tuple(o for o in declared if o.applies(self.name, direction))

    def check_options(self, options: Mapping[str, Any], direction: Direction) -> dict[str, Any]:
        """Options converted to their declared types; an unknown key or a bad value is a UsageError that lists
        the valid options (and the closest name, for a typo)."""
        declared = {o.name: o for o in self.options(direction)}
        out: dict[str, Any] = {}
        for key, value in options.items():
            name = key.strip().replace("-", "_")
            if name not in declared:
                from ..core.text import closest

                close = closest(name, declared)
                hint = f"; did you mean '{close}'?" if close else ""
                valid = ", ".join(declared) if declared else "none"
                verb = "reading" if direction == "read" else "writing"
                raise UsageError(f"unknown option '{key}' for {verb} {self.name}{hint} (valid options: {valid}; "
                                 f"see 'resumeconv formats {self.name}')")
            out[name] = declared[name].convert(value)
        return out

    def accepts(self, source: Source) -> bool:
        """Whether this format's reader claims the input (its module's ``accepts``)."""
        detector = cast(Detector, self.function("accepts"))
        return self.reads and detector(source, format=self.name)

    def read(self, data: bytes, *, source: str | None = None, path: str | None = None,
             **options: Any) -> ReadResult:
        """Run the reader: options checked, a crash turned into InternalError."""
        if not self.reads:
            raise UsageError(f"format '{self.name}' can be written, not read")
        opts = self.check_options(options, "read")
        if path is not None:
            opts["path"] = path
        reader = cast(Reader, self.function("read"))
        try:
            result = reader(data, source=source, format=self.name, **opts)
        except (ResumeconvError, OSError):
            raise
        except Exception as err:
            if os.environ.get("RESUMECONV_DEBUG"):
                raise
            if isinstance(err, ImportError) and (missing := missing_dependency(err)):
                raise missing from None
            raise InternalError(f"internal error in the {self.name} reader ({_detail(err)}); please report it with "
                                "the input that caused it (RESUMECONV_DEBUG=1 shows the traceback)") from err
        result.format, result.source = self.name, source or "<input>"
        return result

    def write(self, doc: Mapping[str, Any], **options: Any) -> WriteResult:
        """The one way out: options checked; the document prepared as every writer reads it
        (:func:`resumeconv.core.migration.prepare_for_writer`: pre-1.0 names as 1.0 names, unreadable dates never
        left to look like "no date", each change a normalization leading the report); the writer run inside the
        crash guard; then the loss engine (coverage and read-back)."""
        if not self.writes:
            raise UsageError(f"format '{self.name}' can be read, not written")
        opts = self.check_options(options, "write")
        writer = cast(Writer, self.function("write"))
        from ..core.document import text_problem
        from ..core.migration import prepare_for_writer

        target = self.label or self.name
        problem = text_problem(doc)
        if problem is not None:
            raise InvalidDocumentError(f"cannot write {target}: {problem[0] or '/'} holds {problem[1]}")
        with writing(target, doc):
            prepared, normalized = prepare_for_writer(doc, self.name)
            out = writer(prepared, format=self.name, **opts)
            back = self._read_back(out) if self.readback else None
            out.losses = [*normalized, *account(prepared, out.losses, target=target, coverage=out.coverage,
                                                read_back=back)]
            out.coverage = None
        return out

    def _read_back(self, out: WriteResult) -> dict[str, Any]:
        """The writer's output read again by the ``readback`` reader (every part, lists joined in order)."""
        reader = cast(Reader, get(self.readback or self.name).function("read"))
        merged: dict[str, Any] = {}
        for n, part in enumerate([out.data, *out.more]):
            try:
                doc = reader(part, source=f"<{self.name} output>", format=self.readback or self.name).document
            except ResumeconvError as err:
                raise InternalError(f"the {self.name} writer made output its own reader refuses ({err})") from err
            for key, value in doc.items():
                if n and isinstance(value, list) and isinstance(merged.get(key), list):
                    merged[key] = [*merged[key], *value]
                else:
                    merged.setdefault(key, value)
        return merged


@contextmanager
def writing(target: str, doc: Any, source: str | None = None) -> Iterator[None]:
    """The one crash guard around writing ``target``: a crash on a schema-invalid document ends in one clear
    error (exit 1, validate first); the same crash on a document the schema accepts is a bug (exit 3)."""
    try:
        yield
    except (ResumeconvError, OSError):
        raise
    except Exception as err:
        if os.environ.get("RESUMECONV_DEBUG"):
            raise
        if isinstance(err, ImportError) and (missing := missing_dependency(err)):
            raise missing from None
        from ..schemas.check import is_valid

        where = f"{source}: " if source else ""
        if isinstance(doc, dict) and is_valid(doc, "academic"):
            raise InternalError(f"{where}internal error in the {target} writer ({_detail(err)}); please report it "
                                "with the input that caused it (RESUMECONV_DEBUG=1 shows the traceback)") from err
        raise InvalidDocumentError(f"{where}cannot write {target}: a value does not have the type the schema gives "
                                   f"it ({_detail(err)}); run 'resumeconv validate' first") from None


def _detail(err: BaseException) -> str:
    return " ".join(f"{type(err).__name__}: {err}".split())[:300]


#: Priorities at or above this recognise content only their format has (see ``FormatSpec.priority``).
SPECIFIC = 20

REGISTRY: tuple[FormatSpec, ...] = (
    FormatSpec("json", "jsonresume", "JSON Resume document as JSON (the canonical form)",
               (".resume.json", ".json"), reads=True, writes=True, priority=10),
    FormatSpec("yaml", "jsonresume", "JSON Resume document as YAML",
               (".resume.yaml", ".resume.yml", ".yaml", ".yml"), reads=True, writes=True, priority=0),
    FormatSpec("europass", "europass", "Europass CV XML (Candidate, the editor since 2020), or a Europass PDF",
               (".europass.xml",), reads=True, writes=True, priority=30, readback="europass",
               label="Europass (Candidate)"),
    FormatSpec("europass-v3", "europass_v3", "Europass CV XML v3 (legacy SkillsPassport, XSD v3.4)",
               (".europass-v3.xml",), reads=True, writes=True, priority=32, readback="europass-v3",
               label="Europass v3"),
    FormatSpec("linkedin", "linkedin", "LinkedIn profile text (as 'Save to PDF' shows it; reads the PDF too)",
               (".linkedin.txt",), reads=True, writes=True, priority=31, readback="linkedin",
               label="LinkedIn's text form"),
    FormatSpec("linkedin-export", "linkedin_export", "LinkedIn data export (.zip or unpacked folder of CSVs)",
               (".zip",), reads=True, priority=30, folders=True),
    FormatSpec("rendercv", "rendercv", "RenderCV input YAML (cv, social networks, sections; publications with authors)",
               (".rendercv.yaml", ".rendercv.yml"), reads=True, writes=True, priority=10, readback="rendercv",
               label="RenderCV"),
    FormatSpec("theme", "theme", "JSON Resume for stock npm themes: upstream-valid, academic fields folded in",
               (".theme.json",), writes=True),
    FormatSpec("markdown", "markdown", "Academic CV in Markdown (numbered publications, owner in bold)",
               (".md", ".markdown"), writes=True),
    FormatSpec("bibtex", "bibtex", "BibTeX publications (reads any common BibTeX; writes biblatex-style entries)",
               (".bib",), reads=True, writes=True, priority=30, readback="bibtex", label="BibTeX"),
    FormatSpec("orcid-bibtex", "bibtex", "BibTeX made for ORCID's 'Import BibTeX' (works only)",
               (".orcid.bib",), writes=True),
    FormatSpec("orcid-json", "orcid", "ORCID v3.0 works as JSON (bulk of at most 100; also reads API answers)",
               (".orcid.json",), reads=True, writes=True, priority=30),
    FormatSpec("orcid-xml", "orcid", "ORCID v3.0 works as XML (bulk of at most 100; also reads API answers)",
               (".orcid.xml",), reads=True, writes=True, priority=40),
    FormatSpec("dblp", "dblp", "DBLP person page XML (dblp.org/pid/PID.xml): one researcher's publications",
               (".dblp.xml",), reads=True, priority=30, label="DBLP"),
    FormatSpec("openalex", "openalex", "OpenAlex works JSON (an author's works, one work, or a list)",
               (".openalex.json",), reads=True, priority=30, label="OpenAlex"),
    FormatSpec("csl-json", "csljson", "CSL-JSON citation items (Zotero, pandoc, citeproc): publications only",
               (".csl.json",), reads=True, writes=True, priority=30, readback="csl-json", label="CSL-JSON"),
    FormatSpec("typst-pdf", "typst", "PDF laid out in-process by Typst (a bundled or own .typ theme; resumeconv[pdf])",
               (".pdf",), writes=True, label="the PDF"),
    FormatSpec("typst-svg", "typst", "The Typst layout as SVG, one page a part (what 'resumeconv serve' shows)",
               (".svg",), writes=True, label="the SVG pages"),
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


def source_of(name: str | None, data: bytes, listing: str | None = None) -> Source:
    """What detection sees of an input (the head decoded once for every format asked)."""
    return Source(name, data, data[:8192].decode("utf-8", "replace").lstrip("\ufeff"), listing)


def _by_priority() -> list[FormatSpec]:
    return sorted((s for s in REGISTRY if s.reads), key=lambda s: -s.priority)


def detect(path: str | None, data: bytes) -> FormatSpec:
    """Pick the reader for an input: the readers' ``accepts`` in priority order, the file name between the
    formats that recognise their content and the generic syntaxes that do not."""
    source = source_of(path if path != "-" else None, data)
    ranked = _by_priority()
    for spec in ranked:
        if spec.priority > 0 and spec.accepts(source):
            return spec
    if source.name:
        by_name = by_extension(source.name, reading=True)
        if by_name is not None:
            return by_name
    for spec in ranked:
        if spec.priority == 0 and spec.accepts(source):
            return spec
    raise UsageError(f"cannot tell the format of {path or '<stdin>'}; name it with -f (see 'resumeconv formats')")


def owns(spec: FormatSpec, data: bytes) -> bool:
    """Whether ``data`` is unmistakably ``spec``'s (content only that format has, as detection decides): what
    may be removed as a part an earlier run of that writer left."""
    return spec.priority >= SPECIFIC and detect(None, data) == spec


class Opened(NamedTuple):
    """An input found and recognised, not yet read: its reader, its bytes (empty for a folder), the name messages
    show (a path, ``<stdin>``, ``<input>``) and, for a folder, its path."""

    spec: FormatSpec
    data: bytes
    name: str
    folder: str | None = None

    def read(self, **options: Any) -> ReadResult:
        return self.spec.read(self.data, source=self.name, path=self.folder, **options)


def open_input(source: str | os.PathLike[str] | bytes, format: str | None = None, *,
               name: str | None = None) -> Opened:
    """The one way in: a file path (``-`` is stdin), a folder a format takes (a LinkedIn export), or bytes (stdin
    read earlier, or data from a program), with its reader: ``format`` or detected. ``name`` is what messages call
    bytes (default ``<input>``). Sizes are limited by ``core.fileio.read_bytes``."""
    from ..core.errors import InputError
    from ..core.fileio import read_bytes

    if isinstance(source, bytes):
        spec = get(format) if format else detect(name, source)
        return Opened(spec, source, name or "<input>")
    path = os.fspath(source)
    if path != "-" and os.path.isdir(path):
        folder = get(format) if format else _detect_folder(path)
        if folder is None or not folder.folders:
            raise InputError("is a directory, not a file", path)
        return Opened(folder, b"", path, path)
    data = read_bytes(path)
    spec = get(format) if format else detect(path, data)
    return Opened(spec, data, "<stdin>" if path == "-" else path)


def read_input(source: str | os.PathLike[str] | bytes, format: str | None = None, *, name: str | None = None,
               **options: Any) -> ReadResult:
    """Read any input :func:`open_input` takes: the document, the reader's losses, its format and name."""
    return open_input(source, format, name=name).read(**options)


def _detect_folder(path: str) -> FormatSpec | None:
    """The folder-reading format that claims what the folder holds."""
    try:
        listing = "\n".join(sorted(os.listdir(path)))
    except OSError:
        return None
    source = source_of(path, b"", listing)
    return next((s for s in _by_priority() if s.folders and s.accepts(source)), None)
