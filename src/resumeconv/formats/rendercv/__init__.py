"""RenderCV YAML (``.rendercv.yaml``), written and read: the Typst-based CV tool academics are pointed to.

The writer's output validates against the installed ``rendercv`` package's own data model (tests check it);
the reader takes RenderCV's own example files. See docs/pdf.md.
"""

from __future__ import annotations

from .._contract import Option
from .reader import read
from .writer import write

__all__ = ["OPTIONS", "read", "write"]
#: Neither direction takes options.
OPTIONS: tuple[Option, ...] = ()
