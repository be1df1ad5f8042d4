"""Person names: Europass keeps given and family names apart, JSON Resume keeps one string."""

from __future__ import annotations


def split_name(name: str) -> tuple[str, str]:
    """(given names, family name): the family name is the last word, as Western CVs print it."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return " ".join(words[:-1]), words[-1]


def join_name(given: str | None, family: str | None) -> str:
    return " ".join(p.strip() for p in (given, family) if p and p.strip())
