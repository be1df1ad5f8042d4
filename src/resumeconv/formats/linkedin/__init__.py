"""LinkedIn profile: the text LinkedIn's "Save to PDF" shows (written for pasting into LinkedIn's forms) and read
back from that text or from the PDF itself.

``writer`` makes the text, ``reader`` reads text (``experience``: its positions), ``layout`` recognises a PDF and
reads it with ``current`` or ``classic`` (2014-2017), which share ``pdflines``; ``headings`` (section words in the UI
languages), ``dateline`` (date ranges, through core/dates) and ``entries`` (contact lines, languages, degrees) serve
both readers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...core.fileio import decode_text
from .. import ReadResult, WriteResult
from .._contract import Option
from .._pdf import is_pdf, open_pdf
from . import layout
from .reader import read_text
from .writer import write_text

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("today", str, None, "the date 'Present' is measured to, YYYY-MM[-DD]; default the real date"),
)


def probe(data: bytes) -> bool:
    """For detection among the PDF formats: whether LinkedIn made this PDF. A PDF beyond the shared PDF limits is
    claimed too, so that this reader refuses it with the limit it breaks and the file's name."""
    from ...core.errors import InputError, UnsafeInputError

    try:
        return layout.is_linkedin(open_pdf(data, None))
    except UnsafeInputError:
        return True
    except InputError:
        return False


def read(data: bytes, *, source: str | None = None, format: str = "linkedin", **_: Any) -> ReadResult:
    """Read LinkedIn profile text (this format's own output, or pdftotext/pypdf text of "Save to PDF"), or the PDF.

    Blank text is an empty profile (what the writer makes of an empty document)."""
    if is_pdf(data):
        document, losses = layout.read_pdf(open_pdf(data, source))
    else:
        document, losses = read_text(decode_text(data, source), source)
    return ReadResult(document, losses)


def write(doc: dict[str, Any], *, format: str = "linkedin", today: str | date | None = None, **_: Any) -> WriteResult:
    """Write the profile text; ``today`` (YYYY-MM[-DD], default the real date) is what "Present" is measured to."""
    return write_text(doc, today)
