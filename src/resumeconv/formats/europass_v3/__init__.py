"""Europass CV XML v3 (``SkillsPassport``, official XSD v3.4), read and written.

The writer's output validates against the official XSD. v3 has structure for the person, work, education and
languages only; every academic section becomes one ``Achievement`` (code ``publications``, ``honors_awards``,
``conferences``, ``memberships``, ``citations``..., or a custom label) whose description lists its entries as
escaped HTML, the way the official examples store rich text. Each entry is ``<strong>title</strong> (dates)``
followed by its other fields as labelled lines, which our reader takes back. The reader is lenient: it accepts
the official examples and real exports that do not validate against their own XSD.
"""

from __future__ import annotations

from .._contract import Option
from .._europass.xml import pdf_root
from .reader import read
from .writer import write

__all__ = ["OPTIONS", "probe", "read", "write"]

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("language", str, None, "the CV's locale: two letters, e.g. en, or sr-lat; by default meta.language, "
                                  "else the language the CV's text is in, else en"),
    Option("created", str, None, "the document timestamp (ISO date-time); default meta.lastModified, else now"),
)


def probe(data: bytes) -> bool:
    """For detection when other formats also match (PDFs): a legacy Europass PDF embeds SkillsPassport XML."""
    return data.lstrip()[:5] != b"%PDF-" or pdf_root(data, "SkillsPassport")
