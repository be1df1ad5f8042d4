"""Publications: printed author lists with the owner and equal-contribution marks, and citations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...core.losses import LossReport
from .prepare import obj
from .richtext import Rich, esc

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


#: Fields the Candidate description carries as a reader expects them: an author line, then a venue line.
DESCRIBED = frozenset({"authors", "venue", "volume", "issue", "pages", "publisher", "arxiv", "type", "status",
                       "summary", "notes"})
_VOLUME = re.compile(r"vol\. (\S.*)")
_ISSUE = re.compile(r"no\. (\S.*)")
_PAGES = re.compile(r"pp\. (\S.*)")
_ARXIV = re.compile(r"arXiv:(\S+)")


def _words(value: str) -> str:
    """'conference-paper' -> 'conference paper': schema enum values as a reader writes them."""
    return value.replace("-", " ")


def author_line(authors: list[Any]) -> str:
    """'A. One*, <strong>B. Two</strong>*, C. Three': the owner in bold, equal contribution marked with '*'.

    Names are separated by commas, or by semicolons when a name has a comma in it.
    """
    people = [a for a in authors if isinstance(a, dict)]
    names = author_names(people)
    sep = "; " if any("," in n for n in names) else ", "
    return sep.join(("<strong>{}</strong>" if a.get("self") else "{}").format(esc(n))
                    for a, n in zip(people, names, strict=True))


def venue_line(pub: dict[str, Any]) -> str:
    """'<em>Venue</em> (Short), vol. 3, no. 2, pp. 1--9, Publisher, arXiv:2501.1, conference paper, under review'."""
    venue = obj(pub.get("venue"))
    head = ""
    if isinstance(venue.get("name"), str):
        head = f"<em>{esc(venue['name'])}</em>"
        if isinstance(venue.get("short"), str):
            head += f" ({esc(venue['short'])})"
    elif isinstance(venue.get("short"), str):
        head = f"<em>{esc(venue['short'])}</em>"
    tokens = [head] if head else []
    for key, form in (("volume", "vol. {}"), ("issue", "no. {}"), ("pages", "pp. {}"), ("publisher", "{}"),
                      ("arxiv", "arXiv:{}")):
        if isinstance(pub.get(key), str):
            tokens.append(esc(form.format(pub[key])))
    for key in ("type", "status"):
        if isinstance(pub.get(key), str):
            tokens.append(esc(_words(pub[key])))
    return ", ".join(tokens)


def description(pub: dict[str, Any]) -> str:
    """The rich text of a Candidate publication: author line, venue line, summary, then notes as a list."""
    parts = []
    if isinstance(pub.get("authors"), list) and pub["authors"]:
        parts.append(f"<p>{author_line(pub['authors'])}</p>")
    venue = venue_line(pub)
    if venue:
        parts.append(f"<p>{venue}</p>")
    if isinstance(pub.get("summary"), str):
        parts.extend(f"<p>{esc(line)}</p>" for line in pub["summary"].split("\n") if line.strip())
    notes = [n for n in pub.get("notes") or [] if isinstance(n, str)]
    if notes:
        parts.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    return "".join(parts)


def read_description(rich: Rich, title: str | None, types: Iterable[str], statuses: Iterable[str]
                     ) -> tuple[dict[str, Any], list[str]]:
    """Fields our writer put in a publication's description, and the paragraphs that are not ours.

    The author line is the first paragraph when it reads as a list of names (no title in it, no emphasis, short
    parts); the venue line is the next paragraph that starts with an emphasized phrase. An editor export's
    description (one full citation) matches neither and stays text.
    """
    item: dict[str, Any] = {}
    paragraphs = list(rich.paragraphs)
    start = 0
    if paragraphs and _is_author_line(paragraphs[0], title, 0, rich):
        item["authors"] = parse_authors(paragraphs[0], rich.strong)
        start = 1
    emphasis = dict(rich.emphasis)
    if len(paragraphs) > start and start in emphasis and paragraphs[start].startswith(emphasis[start]):
        item.update(_read_venue(paragraphs[start], emphasis[start], set(types), set(statuses)))
        start += 1
    if rich.bullets:
        item["notes"] = list(rich.bullets)
    return item, paragraphs[start:]


def _is_author_line(text: str, title: str | None, index: int, rich: Rich) -> bool:
    if any(i == index for i, _ in rich.emphasis) or (title and title in text) or "\n" in text:
        return False
    parts = [p.strip().rstrip(EQUAL_MARK) for p in (text.split(";") if ";" in text else text.split(","))]
    return all(p and len(p) <= 60 and len(p.split()) <= 6 and not re.search(r"\d|[\"“”:]", p) for p in parts)


def _read_venue(text: str, emphasized: str, types: set[str], statuses: set[str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    rest = text[len(emphasized):]
    venue: dict[str, str] = {"name": emphasized}
    short = re.match(r" \(([^()]*)\)", rest)
    if short:
        venue["short"] = short.group(1)
        rest = rest[short.end():]
    item["venue"] = venue
    tokens = [t.strip() for t in rest.split(", ")] if rest.startswith(", ") else []
    publisher = []
    for token in filter(None, tokens):
        key_match = next(((k, m) for k, pattern in (("volume", _VOLUME), ("issue", _ISSUE), ("pages", _PAGES),
                                                    ("arxiv", _ARXIV)) if (m := pattern.fullmatch(token))), None)
        enum = token.replace(" ", "-")
        if key_match and key_match[0] not in item:
            item[key_match[0]] = key_match[1].group(1)
        elif enum in types and "type" not in item and "status" not in item:
            item["type"] = enum
        elif enum in statuses and "status" not in item:
            item["status"] = enum
        else:
            publisher.append(token)
    if publisher:
        item["publisher"] = ", ".join(publisher)
    return item
