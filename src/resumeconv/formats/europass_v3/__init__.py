"""Europass CV XML v3 (``SkillsPassport``, official XSD v3.4), read and written.

The writer's output validates against the official XSD. v3 has structure for the person, work, education and
languages only; every academic section becomes one ``Achievement`` (code ``publications``, ``honors_awards``,
``conferences``, ``memberships``, ``citations``..., or a custom label) whose description lists its entries as
escaped HTML, the way the official examples store rich text. Each entry is ``<strong>title</strong> (dates)``
followed by its other fields as labelled lines, which our reader takes back. The reader is lenient: it accepts
the official examples and real exports that do not validate against their own XSD.
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
    Option("language", str, None, "the CV's locale: two letters, e.g. en, or sr-lat; by default meta.language, "
                                  "else the language the CV's text is in, else en"),
    Option("created", str, None, "the document timestamp (ISO date-time); default meta.lastModified, else now"),
)


_ROOT = re.compile(r"<(\w+:)?(SkillsPassport|learnerinfo)[\s>]")


def accepts(source: Source, *, format: str = "europass-v3") -> bool:
    """SkillsPassport XML, or a (legacy Europass) PDF that embeds it."""
    if source.is_pdf:
        from .._europass.xml import pdf_root

        return pdf_root(source.data, "SkillsPassport")
    return _ROOT.search(source.head) is not None
