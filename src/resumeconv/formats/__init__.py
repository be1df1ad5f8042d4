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
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import ModuleType
from typing import Any, NamedTuple, cast

from ..core.errors import InternalError, InvalidDocumentError, ResumeconvError, UsageError, missing_dependency
from ..core.losses import account
from ._contract import Direction, Option, Reader, ReadResult, Writer, WriteResult

__all__ = ["REGISTRY", "FormatSpec", "Option", "ReadResult", "Reader", "WriteResult", "Writer", "all_formats",
           "by_extension", "detect", "get", "read_path", "sniff", "writing"]


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
    #: The format whose reader reads this writer's output back: the loss engine then reports every difference
    #: the round trip makes that the writer did not name (the net under its specific reasons).
    readback: str | None = None
    #: How loss reasons name the target (default: the registry name).
    label: str | None = None

    def load(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")

    def options(self, direction: Direction) -> tuple[Option, ...]:
        """The options this entry declares for reading or writing (imports the format module)."""
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

    def read(self, data: bytes, *, source: str | None = None, path: str | None = None,
             **options: Any) -> ReadResult:
        """Run the reader: options checked, a crash turned into InternalError."""
        if not self.reads:
            raise UsageError(f"format '{self.name}' can be written, not read")
        opts = self.check_options(options, "read")
        if path is not None:
            opts["path"] = path
        reader = cast(Reader, self.load().read)
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
        return result

    def write(self, doc: dict[str, Any], **options: Any) -> WriteResult:
        """Run the writer inside the crash guard, then the loss engine (coverage and read-back)."""
        if not self.writes:
            raise UsageError(f"format '{self.name}' can be read, not written")
        opts = self.check_options(options, "write")
        writer = cast(Writer, self.load().write)
        with writing(self.label or self.name, doc):
            out = writer(doc, format=self.name, **opts)
            back = self._read_back(out) if self.readback else None
            out.losses = account(doc, out.losses, target=self.label or self.name, coverage=out.coverage, read_back=back)
            out.coverage = None
        return out

    def _read_back(self, out: WriteResult) -> dict[str, Any]:
        """The writer's output read again by the ``readback`` reader (every part, lists joined in order)."""
        reader = cast(Reader, get(self.readback or self.name).load().read)
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


REGISTRY: tuple[FormatSpec, ...] = (
    FormatSpec("json", "jsonresume", "JSON Resume document as JSON (the canonical form)",
               (".resume.json", ".json"), reads=True, writes=True, sniff=r"^\s*[{\[]", sniff_rank=1),
    FormatSpec("yaml", "jsonresume", "JSON Resume document as YAML",
               (".resume.yaml", ".resume.yml", ".yaml", ".yml"), reads=True, writes=True,
               sniff=r"^(---|%YAML|[A-Za-z_$][\w$-]*\s*:)", sniff_rank=0),
    FormatSpec("europass", "europass", "Europass CV XML (Candidate, the editor since 2020), or a Europass PDF",
               (".europass.xml",), reads=True, writes=True,
               sniff=r"<Candidate[\s>]|\A%PDF-", sniff_rank=2, probe=True, readback="europass",
               label="Europass (Candidate)"),
    FormatSpec("europass-v3", "europass_v3", "Europass CV XML v3 (legacy SkillsPassport, XSD v3.4)",
               (".europass-v3.xml",), reads=True, writes=True,
               sniff=r"<(\w+:)?(SkillsPassport|learnerinfo)[\s>]|\A%PDF-", sniff_rank=2,
               probe=True, readback="europass-v3", label="Europass v3"),
    FormatSpec("linkedin", "linkedin", "LinkedIn profile text (as 'Save to PDF' shows it; reads the PDF too)",
               (".linkedin.txt",), reads=True, writes=True,
               sniff=r"\A%PDF-|^(Contact|Top Skills|Honors-Awards)[ \t]*\n[\s\S]*^(Experience|Education)[ \t]*$",
               sniff_rank=2, probe=True, readback="linkedin", label="LinkedIn's text form"),
    FormatSpec("linkedin-export", "linkedin_export", "LinkedIn data export (.zip or unpacked folder of CSVs)",
               (".zip",), reads=True, dir_sniff=r"(?im)^(Profile|Positions|Education|Skills)\.csv$",
               sniff=r"\APK\x03\x04[\s\S]{26,300}?(Profile|Positions|Education|Skills|Languages|Email Addresses)\.csv",
               sniff_rank=2),
    FormatSpec("rendercv", "rendercv", "RenderCV input YAML (cv, social networks, sections; publications with authors)",
               (".rendercv.yaml", ".rendercv.yml"), reads=True, writes=True,
               sniff=r"\A(#[^\n]*\n|---\s*\n|\s*\n)*cv:[ \t]*(#.*)?$", sniff_rank=1, readback="rendercv",
               label="RenderCV"),
    FormatSpec("theme", "theme", "JSON Resume for stock npm themes: upstream-valid, academic fields folded in",
               (".theme.json",), writes=True),
    FormatSpec("markdown", "markdown", "Academic CV in Markdown (numbered publications, owner in bold)",
               (".md", ".markdown"), writes=True),
    FormatSpec("bibtex", "bibtex", "BibTeX publications (reads any common BibTeX; writes biblatex-style entries)",
               (".bib",), reads=True, writes=True, sniff=r"^\s*@[A-Za-z]+\s*[{(]", sniff_rank=2, readback="bibtex",
               label="BibTeX"),
    FormatSpec("orcid-bibtex", "bibtex", "BibTeX made for ORCID's 'Import BibTeX' (works only)",
               (".orcid.bib",), writes=True),
    FormatSpec("orcid-json", "orcid", "ORCID v3.0 works as JSON (bulk of at most 100; also reads API answers)",
               (".orcid.json",), reads=True, writes=True,
               sniff=r'"(bulk|work-summary|external-id-type|orcid-profile|put-code|developer-message)"\s*:',
               sniff_rank=2),
    FormatSpec("orcid-xml", "orcid", "ORCID v3.0 works as XML (bulk of at most 100; also reads API answers)",
               (".orcid.xml",), reads=True, writes=True,
               sniff=r"xmlns(:\w+)?=\"http://www\.orcid\.org/ns/(work|bulk|activities|record|error)\"", sniff_rank=3),
    FormatSpec("dblp", "dblp", "DBLP person page XML (dblp.org/pid/PID.xml): one researcher's publications",
               (".dblp.xml",), reads=True, sniff=r"<dblpperson[\s>]", sniff_rank=2, label="DBLP"),
    FormatSpec("openalex", "openalex", "OpenAlex works JSON (an author's works, one work, or a list)",
               (".openalex.json",), reads=True, sniff=r'"id"\s*:\s*"https://openalex\.org/W\d', sniff_rank=2,
               label="OpenAlex"),
    FormatSpec("csl-json", "csljson", "CSL-JSON citation items (Zotero, pandoc, citeproc): publications only",
               (".csl.json",), reads=True, writes=True,
               sniff=r'\A\s*\[\s*\{[\s\S]{0,4000}?"(type|title|issued|container-title|DOI)"\s*:', sniff_rank=2,
               readback="csl-json", label="CSL-JSON"),
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
        if spec.sniff and re.search(spec.sniff, head, re.MULTILINE):
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
