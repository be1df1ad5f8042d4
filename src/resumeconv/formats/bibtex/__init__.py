"""BibTeX: the ``bibtex`` reader (any common BibTeX) and writers ``bibtex`` (biblatex-style) and ``orcid-bibtex``
(made for ORCID's "Import BibTeX")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._contract import Option, Source, lazy_exports

if TYPE_CHECKING:
    from .reader import read, split_authors
    from .writer import write

#: Neither the reader nor the writers take options.
OPTIONS: tuple[Option, ...] = ()
#: An entry at the start of a line: ``@article{`` or ``@book(``.
_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)


def accepts(source: Source, *, format: str = "bibtex") -> bool:
    """A BibTeX entry at the start of a line."""
    return _ENTRY.search(source.head) is not None


__all__ = ["OPTIONS", "accepts", "read", "split_authors", "write"]
__getattr__ = lazy_exports(__name__, {"read": "reader", "split_authors": "reader", "write": "writer"})
