"""RenderCV YAML (``.rendercv.yaml``), written and read: the Typst-based CV tool academics are pointed to.

The writer's output validates against the installed ``rendercv`` package's own data model (tests check it);
the reader takes RenderCV's own example files. See docs/pdf.md.
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
#: Neither direction takes options.
OPTIONS: tuple[Option, ...] = ()
#: A top-level ``cv:`` key, after nothing but comments, blank lines or a document marker.
_CV = re.compile(r"\A(#[^\n]*\n|---\s*\n|\s*\n)*cv:[ \t]*(#.*)?$", re.MULTILINE)


def accepts(source: Source, *, format: str = "rendercv") -> bool:
    """RenderCV's input: YAML whose first key is ``cv``."""
    return _CV.search(source.head) is not None
