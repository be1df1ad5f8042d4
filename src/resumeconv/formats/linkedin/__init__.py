"""LinkedIn profile: the text LinkedIn's "Save to PDF" shows (written for pasting into LinkedIn's forms) and read
back from that text or from the PDF itself.

``writer`` makes the text, ``reader`` reads text (``experience``: its positions), ``layout`` recognises a PDF and
reads it with ``current`` or ``classic`` (2014-2017), which share ``pdflines``; ``headings`` (section words in the UI
languages), ``dateline`` (date ranges, through core/dates) and ``entries`` (contact lines, languages, degrees) serve
both readers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._contract import Option, ReadResult, Source, WriteResult

if TYPE_CHECKING:
    from datetime import date

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("today", str, None, "the date 'Present' is measured to, YYYY-MM[-DD]; default the real date"),
)
#: The profile text: a sidebar heading, later a main section heading, each alone on its line.
#: A first section heading of the profile text, then another section heading on a line of its own, within the first
#: 8 KiB: a long "Honors-Awards" list may push "Experience" past it (the sample's does).
_TEXT = re.compile(r"^(Contact|Top Skills|Honors-Awards)[ \t]*\n[\s\S]*?^(Top Skills|Languages|Certifications|"
                   r"Honors-Awards|Publications|Patents|Summary|Experience|Education)[ \t]*$", re.MULTILINE)


def accepts(source: Source, *, format: str = "linkedin") -> bool:
    """LinkedIn's profile text, or a PDF LinkedIn made. A PDF beyond the shared PDF limits is claimed too, so that
    this reader refuses it with the limit it breaks and the file's name."""
    if not source.is_pdf:
        return _TEXT.search(source.head) is not None
    from ...core.errors import InputError, UnsafeInputError
    from .._pdf import open_pdf
    from .layout import is_linkedin

    try:
        return is_linkedin(open_pdf(source.data, None))
    except UnsafeInputError:
        return True
    except InputError:
        return False


def read(data: bytes, *, source: str | None = None, format: str = "linkedin", **_: Any) -> ReadResult:
    """Read LinkedIn profile text (this format's own output, or pdftotext/pypdf text of "Save to PDF"), or the PDF.

    Blank text is an empty profile (what the writer makes of an empty document)."""
    from ...core.fileio import decode_text
    from .._pdf import is_pdf, open_pdf
    from .layout import read_pdf
    from .reader import read_text

    if is_pdf(data):
        document, losses = read_pdf(open_pdf(data, source))
    else:
        document, losses = read_text(decode_text(data, source), source)
    return ReadResult.untyped(document, losses)


def write(doc: dict[str, Any], *, format: str = "linkedin", today: str | date | None = None, **_: Any) -> WriteResult:
    """Write the profile text; ``today`` (YYYY-MM[-DD], default the real date) is what "Present" is measured to."""
    from .writer import write_text

    return write_text(doc, today)
