"""resumeconv: validate academic CVs kept as JSON Resume, and convert them to and from other formats.

The library API is small and pure: ``load`` a document, ``validate`` it, ``convert`` it; ``resumeconv.formats``
is the registry of formats (``resumeconv.formats.all_formats()``). Heavy modules are
imported only when a function needs them, so ``import resumeconv`` stays cheap for CLI start-up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .core.errors import InputError, InvalidDocumentError, ResumeconvError, UnsafeInputError, UsageError
from .core.losses import Loss

if TYPE_CHECKING:
    from .formats import ReadResult, WriteResult
    from .schemas.vocab import Resume
    from .validation.diagnostics import Diagnostic

__version__ = "0.1.0"
__all__ = [
    "InputError", "InvalidDocumentError", "Loss", "ResumeconvError", "UnsafeInputError", "UsageError",
    "convert", "dump", "load", "read", "validate", "write",
]


def read(source: str | os.PathLike[str] | bytes, format: str | None = None, *, name: str | None = None,
         **options: Any) -> ReadResult:
    """Read a file path (``-`` is stdin; a folder for formats that take one) or bytes in any readable format: the
    document, the reader's losses, the format read (``.format``) and the input's name (``.source``; ``name`` sets
    it for bytes, default ``<input>``)."""
    from . import formats as registry

    return registry.read_input(source, format, name=name, **options)


def load(source: str | os.PathLike[str] | bytes, format: str | None = None, **options: Any) -> Resume:
    """Load a resume from a path, from JSON/YAML text, or from bytes; returns the canonical dict.

    A ``str`` that names an existing file (or has no newline and no brace) is taken as a path; any other
    ``str`` is parsed as text.
    """
    if isinstance(source, str) and _looks_like_text(source):
        return read(source.encode("utf-8"), format=format, **options).document
    return read(source, format=format, **options).document


def dump(doc: Mapping[str, Any], format: str = "json") -> str:
    """Serialize a document as JSON or YAML text."""
    from .core import document

    if format == "json":
        return document.dump_json(doc)
    if format == "yaml":
        return document.dump_yaml(doc)
    raise UsageError(f"dump writes json or yaml, not '{format}'; use convert() for other formats")


def write(doc: Resume, to: str, **options: Any) -> WriteResult:
    """Write a document in a registered format: the output bytes and the loss report (``FormatSpec.write``, the one
    way out: every writer gets the document as ``migrate`` reads it, each such change leading the report as a
    normalization, inside the crash guard, followed by the loss engine)."""
    from . import formats as registry

    return registry.get(to).write(doc, **options)


def convert(doc: Resume | str | os.PathLike[str] | bytes, to: str, *, from_format: str | None = None,
            **options: Any) -> WriteResult:
    """Convert a document (or a file in any readable format) to format ``to``.

    The result carries the losses of both the reader and the writer, readers' first.
    """
    reader_losses: list[Loss] = []
    if not isinstance(doc, dict):
        result = read(doc, format=from_format)
        doc, reader_losses = result.document, result.losses
    out = write(doc, to, **options)
    out.losses[:0] = reader_losses
    return out


def validate(doc_or_path: Resume | str | os.PathLike[str] | bytes, profile: str = "academic", *,
             file: str | None = None, format: str | None = None, **options: Any) -> list[Diagnostic]:
    """Validate a document, a file path or file bytes: schema errors and lint warnings, each a Diagnostic.

    Options: ``strict=True`` makes warnings errors, ``lint=False`` checks the schema only. Empty means valid and
    clean; a file that cannot be read or parsed raises InputError. JSON and YAML files are parsed here (with
    line:column on every diagnostic, and no reader or writer imported); a file in another format is refused
    (InputError) unless ``format`` names its reader, whose document is then checked. Files are opened as
    :func:`read` opens them (``formats.open_input``: the one way in); bytes are detected by content, then by the
    name ``file`` gives them. For many files, ``resumeconv.batch`` gives one record per file and never raises for
    one file's content.
    """
    from .validation import validate as _validate

    if isinstance(doc_or_path, dict):
        return _validate(doc_or_path, profile, file=file, **options)
    from . import formats as registry

    source = doc_or_path if isinstance(doc_or_path, (str, os.PathLike)) else bytes(doc_or_path)
    try:
        opened = registry.open_input(source, format, name=file)
    except UsageError:
        if format:
            raise
        where = file or ("<stdin>" if source == "-" else os.fspath(source) if not isinstance(source, bytes)
                         else "<input>")
        raise InputError("not JSON or YAML: validate checks JSON Resume files (.json, .yaml or .yml)", where) from None
    file = file or opened.name
    if opened.spec.name not in _TEXT_SYNTAXES:
        if not format:
            spec = opened.spec
            raise InputError(f"this is {spec.label or spec.name}, not JSON Resume: validate checks JSON or YAML; to "
                             f"check the document it reads as, run: resumeconv convert FILE -t json | resumeconv "
                             "validate -", file)
        return _validate(opened.read().document, profile, file=file, **options)
    from .core.document import parse_document
    from .core.fileio import decode_text

    text = decode_text(opened.data, file)
    return _validate(parse_document(text, file, opened.spec.name), profile, file=file, text=text,
                     syntax=opened.spec.name, **options)


#: Registry formats that are the canonical document as text (read here without their format module).
_TEXT_SYNTAXES = ("json", "yaml")


def _looks_like_text(value: str) -> bool:
    if "\n" in value or value.lstrip().startswith(("{", "[")):
        return True
    return not os.path.exists(value) and ":" in value and not value.endswith((".json", ".yaml", ".yml"))
