"""BibTeX: the ``bibtex`` reader (any common BibTeX) and writers ``bibtex`` (biblatex-style) and ``orcid-bibtex``
(made for ORCID's "Import BibTeX")."""

from __future__ import annotations

from .reader import read, split_authors
from .writer import write

__all__ = ["read", "split_authors", "write"]
