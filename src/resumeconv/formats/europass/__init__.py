"""Europass Candidate XML (the editor at europa.eu/europass since 2020), read and written; also read from its PDFs.

No XSD is published for this format: the layout follows real exports (element order, namespaces, boilerplate).
Sections with a Candidate home go there; what has none (honours, mentees, metrics, ...) goes to custom ``Others``
sections, one ``Others`` element per entry as the editor's importer wants. Fields without an element are written
into the entry's rich text (labelled paragraphs, or ``key: JSON``) and read back from there; the writer reads its
own output back so that whatever still differs is in the loss report.
"""

from __future__ import annotations

from .._contract import Option
from .._europass.xml import pdf_root
from .reader import read
from .writer import write

__all__ = ["OPTIONS", "probe", "read", "write"]

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("language", str, None, "the CV's language, a two-letter code (en, fr, it); by default meta.language, "
                                  "else the language the CV's text is in, else none (Europass reads English)"),
)


def probe(data: bytes) -> bool:
    """For detection when other formats also match (PDFs): a PDF is ours when it embeds Candidate XML."""
    return data.lstrip()[:5] != b"%PDF-" or pdf_root(data, "Candidate")
