"""Publications: printed author lists with the owner and equal-contribution marks, and citations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...core.losses import LossReport
from .prepare import obj
from .richtext import esc

#: The mark the CV uses for equal contribution, appended to an author's name.
EQUAL_MARK = "*"


def author_names(authors: list[dict[str, Any]]) -> list[str]:
    """Printed author names, in order, with the equal-contribution mark."""
    return [str(a.get("name", "")) + (EQUAL_MARK if a.get("equalContribution") else "") for a in authors
            if isinstance(a, dict)]


def author_losses(authors: list[Any], ptr: str, kept: set[str], report: LossReport, target: str) -> None:
    """A loss for every author detail other than those in ``kept`` (the printed name always is)."""
    for j, author in enumerate(authors):
        for key in author if isinstance(author, dict) else ():
            if key != "name" and key not in kept:
                report.add(f"{ptr}/{j}/{key}", f"{target} keeps authors as printed names only")


def parse_authors(text: str, bold: Iterable[tuple[str, int]] = ()) -> list[dict[str, Any]]:
    """Authors from an 'A; B*; C' list (or 'A, B, C' when there is no semicolon); bold names are the owner."""
    owners = {(b.rstrip(EQUAL_MARK).strip(), n) for b, n in bold}
    parts = text.split(";") if ";" in text else text.split(",")
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for part in (p.strip() for p in parts):
        if not part:
            continue
        author: dict[str, Any] = {"name": part.rstrip(EQUAL_MARK).strip()}
        if part.endswith(EQUAL_MARK):
            author["equalContribution"] = True
        if (author["name"], seen.get(author["name"], 0)) in owners:
            author["self"] = True
        seen[author["name"]] = seen.get(author["name"], 0) + 1
        out.append(author)
    return out


def citation_html(pub: dict[str, Any]) -> str:
    """One citation paragraph: authors (owner in bold, equal-contribution marks kept), title, venue and year."""
    authors = [a for a in pub.get("authors", []) if isinstance(a, dict)]
    names = [("<strong>{}</strong>" if a.get("self") else "{}").format(esc(n))
             for a, n in zip(authors, author_names(authors), strict=True)]
    parts = [", ".join(names)] if names else []
    if pub.get("name"):
        parts.append(esc(pub["name"]))
    venue = obj(pub.get("venue"))
    name = " ".join(v for v in (venue.get("name"), venue.get("short") and f"({venue['short']})") if v)
    where = ", ".join(esc(v) for v in (name, pub.get("publisher"), (pub.get("releaseDate") or "")[:4]) if v)
    if where:
        parts.append(f"<em>{where}</em>" if name else where)
    text = ". ".join(p.rstrip(".") for p in parts if p)
    return f"<p>{text}</p>" if text else ""
