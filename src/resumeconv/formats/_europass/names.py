"""Person names: Europass keeps given and family names apart, JSON Resume keeps one string."""

from __future__ import annotations


def split_name(name: str) -> tuple[str, str]:
    """(given names, family name) as :mod:`core.names` splits a name; the particle and suffix stay in the
    family name ("de la Cruz", "King Jr."), which Europass has no separate field for."""
    from ...core import names

    return names.to_europass(names.parse(name))


def join_name(given: str | None, family: str | None) -> str:
    return " ".join(p.strip() for p in (given, family) if p and p.strip())
