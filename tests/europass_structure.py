"""A structural check of Europass Candidate XML against a table written from the schema documentation.

No XSD is published for the Candidate format, and our reader accepts more than the editor does, so a writer that
only round-trips through our reader can drift from Europass unseen. The table (europass_candidate_structure.txt)
lists, per type, the child elements in their order with their cardinality; ``check`` walks a document and returns
one line per violation: an unknown child, a child out of order, too many or too few of a child, text-only
elements with children, a choice with other than one child, a period with no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

TABLE = Path(__file__).with_name("europass_candidate_structure.txt")
PREFIXES = {"http://www.europass.eu/1.0": "", "http://www.hr-xml.org/3": "hr:",
            "http://www.openapplications.org/oagis/9": "oa:", "http://www.europass_eures.eu/1.0": "eures:"}
#: A type whose content is not described here (parts we never write): anything goes below it.
ANY = "Any"


@dataclass
class Child:
    name: str
    low: int
    high: int | None
    type: str | None
    #: Where the table has it from: "d" the documentation, "x" real exports.
    sources: frozenset[str] = frozenset()


@dataclass
class Type:
    name: str
    children: list[Child] = field(default_factory=list)
    choice: bool = False
    needs: tuple[str, ...] = ()

    def index(self, name: str) -> int | None:
        return next((i for i, c in enumerate(self.children) if c.name == name), None)


@cache
def table() -> dict[str, Type]:
    """The table file parsed: type name -> Type."""
    types: dict[str, Type] = {}
    current: Type | None = None
    for number, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].split("(", 1)[0].rstrip()
        if not line:
            continue
        words = line.split()
        if not raw.startswith(" "):
            current = types[words[0]] = Type(words[0], choice="choice" in words[1:])
            if "needs" in words:
                current.needs = tuple(words[words.index("needs") + 1].split("|"))
            continue
        match = re.fullmatch(r"(1|0\.\.1|0\.\.n|1\.\.n)", words[1])
        if current is None or not match:
            raise ValueError(f"{TABLE.name}:{number}: cannot read {raw!r}")
        low = 1 if words[1].startswith("1") else 0
        high = None if words[1].endswith("n") else 1
        kind = words[2] if len(words) > 2 and words[2][0].isupper() else None
        sources = frozenset(w for w in words[2:] if w in ("d", "x"))
        current.children.append(Child(words[0], low, high, kind, sources))
    for kind in types.values():
        for child in kind.children:
            if child.type not in (None, ANY) and child.type not in types:
                raise ValueError(f"{TABLE.name}: {kind.name}/{child.name} names an unknown type {child.type}")
    return types


def name_of(el: Any) -> str:
    """'hr:FormattedDateTime' for an element in the hr-xml namespace (the prefix the editor's exports use)."""
    qname = etree.QName(el)
    return PREFIXES.get(qname.namespace or "", f"{{{qname.namespace}}}") + qname.localname


def check(root: Any) -> list[str]:
    """Every way the document departs from the table, one line each with the element's path."""
    errors: list[str] = []
    if name_of(root) != "Candidate":
        return [f"/{name_of(root)}: the root must be Candidate"]
    _check(root, table()["Candidate"], "/Candidate", errors)
    return errors


def _check(el: Any, kind: Type, path: str, errors: list[str]) -> None:
    kids = [c for c in el if isinstance(c.tag, str)]
    counts: dict[str, int] = {}
    last = -1
    for kid in kids:
        name = name_of(kid)
        where = f"{path}/{name}"
        at = kind.index(name)
        if at is None:
            errors.append(f"{where}: not a child of {kind.name} (allowed: {', '.join(c.name for c in kind.children)})")
            continue
        if at < last:
            errors.append(f"{where}: out of order in {kind.name} (must come before {kind.children[last].name})")
        last = max(last, at)
        counts[name] = counts.get(name, 0) + 1
        spec = kind.children[at]
        if spec.high is not None and counts[name] == spec.high + 1:
            errors.append(f"{where}: more than {spec.high} in {kind.name}")
        if spec.type is None:
            if len(kid):
                errors.append(f"{where}: has child elements; it holds text only")
        elif spec.type != ANY:
            _check(kid, table()[spec.type], where, errors)
    if kind.choice:
        if sum(counts.values()) != 1:
            errors.append(f"{path}: needs exactly one of {', '.join(c.name for c in kind.children)}")
        return
    for spec in kind.children:
        if counts.get(spec.name, 0) < spec.low:
            errors.append(f"{path}: {spec.name} is required in {kind.name}")
    if kind.needs and not any(counts.get(n) for n in kind.needs):
        errors.append(f"{path}: needs one of {', '.join(kind.needs)} ({kind.name} with no date)")


def paths(root: Any) -> set[str]:
    """Every element path in a document, e.g. '/Candidate/CandidateProfile/PublicationHistory/Publication/DOI'."""
    out: set[str] = set()

    def walk(el: Any, prefix: str) -> None:
        here = f"{prefix}/{name_of(el)}"
        out.add(here)
        for kid in el:
            if isinstance(kid.tag, str):
                walk(kid, here)

    walk(root, "")
    return out


def documented_paths(sources: tuple[str, ...] = ("d",), limit: int = 12) -> set[str]:
    """Every path the table has from ``sources`` ("d": the documentation, "x": exports), unrolled ``limit`` deep."""
    out: set[str] = set()

    def walk(kind: Type, prefix: str, depth: int) -> None:
        for child in kind.children:
            if not child.sources & set(sources):
                continue
            here = f"{prefix}/{child.name}"
            out.add(here)
            if child.type not in (None, ANY) and depth < limit:
                walk(table()[child.type], here, depth + 1)

    out.add("/Candidate")
    walk(table()["Candidate"], "/Candidate", 1)
    return out


def parse(data: bytes) -> Any:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
