"""CSL-JSON citation items (Zotero, pandoc, citeproc), both ways: publications only (``items.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._contract import Option, Source, lazy_exports

if TYPE_CHECKING:
    from .items import TO_CSL, read, write

#: Neither direction takes options.
OPTIONS: tuple[Option, ...] = ()
#: An array whose first object has a CSL variable.
_CSL = re.compile(r'\A\s*\[\s*\{[\s\S]{0,4000}?"(type|title|issued|container-title|DOI)"\s*:')


def accepts(source: Source, *, format: str = "csl-json") -> bool:
    """A JSON array whose first item has CSL variables (Zotero, pandoc and citeproc write these)."""
    return _CSL.search(source.head) is not None


__all__ = ["OPTIONS", "TO_CSL", "accepts", "read", "write"]
__getattr__ = lazy_exports(__name__, {"TO_CSL": "items", "read": "items", "write": "items"})
