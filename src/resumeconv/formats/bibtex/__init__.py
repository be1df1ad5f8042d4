"""BibTeX: the ``bibtex`` reader (any common BibTeX) and writers ``bibtex`` (biblatex-style) and ``orcid-bibtex``
(made for ORCID's "Import BibTeX")."""

from __future__ import annotations

from .._contract import Option
from .reader import read, split_authors
from .writer import write

#: Neither the reader nor the writers take options.
OPTIONS: tuple[Option, ...] = ()

__all__ = ["OPTIONS", "read", "split_authors", "write"]
