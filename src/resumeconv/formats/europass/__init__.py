"""Europass Candidate XML (the editor at europa.eu/europass since 2020), read and written; also read from its PDFs.

No XSD is published for this format: the layout follows real exports (element order, namespaces, boilerplate).
Sections with a Candidate home go there; what has none (honours, mentees, metrics, ...) goes to custom ``Others``
sections, one ``Others`` element per entry as the editor's importer wants. Fields without an element are written
into the entry's rich text (labelled paragraphs, or ``key: JSON``) and read back from there; the writer reads its
own output back so that whatever still differs is in the loss report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._contract import Option, Source, lazy_exports

if TYPE_CHECKING:
    from .reader import read
    from .writer import write

__all__ = ["OPTIONS", "accepts", "read", "write"]
__getattr__ = lazy_exports(__name__, {"read": "reader", "write": "writer"})

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("language", str, None, "the CV's language, a two-letter code (en, fr, it); by default meta.language, "
                                  "else the language the CV's text is in, else none (Europass reads English)"),
)


_CANDIDATE = re.compile(r"<Candidate[\s>]")


def accepts(source: Source, *, format: str = "europass") -> bool:
    """Candidate XML, or any PDF: the registry asks the other PDF formats (legacy Europass, LinkedIn) first, so a
    PDF none of them claims comes here, and this reader says what it lacks (no embedded Europass XML)."""
    return source.is_pdf or _CANDIDATE.search(source.head) is not None
