"""Lint rules beyond the schema: one small function per rule, each under a stable id (the JSON ``rule`` field).

Rules give warnings (``--strict`` turns them into errors). Field roles (which keys hold dates, URLs, iDs) come
from the schema via :func:`resumeconv.schemas.field_names`; only the history of renamed fields lives here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..core import dates, ids
from ..core.losses import pointer
from ..schemas import field_names
from ..schemas.formatcheck import has_scheme, url_problem
from ..schemas.legacy import LEGACY_NAMES
from .diagnostics import Finding, Severity

_ORCID_IN_URL = re.compile(r"orcid\.org/([^\s/?#]+)", re.IGNORECASE)


class Node(NamedTuple):
    """One value of the document, its key and its parent node (the path is rebuilt only when asked for)."""

    parent: Node | None
    key: str | int | None
    value: Any

    @property
    def path(self) -> tuple[str | int, ...]:
        keys: list[str | int] = []
        node: Node | None = self
        while node is not None and node.parent is not None and node.key is not None:
            keys.append(node.key)
            node = node.parent
        return tuple(reversed(keys))

    @property
    def pointer(self) -> str:
        return pointer(*self.path)

    @property
    def shape(self) -> tuple[str, ...]:
        """The path with array indexes as "*", to match against schema-like paths."""
        return tuple("*" if isinstance(p, int) else p for p in self.path)


class Context:
    """What every rule sees: the document, all its nodes (walked once), today and the profile."""

    def __init__(self, doc: dict[str, Any], today: datetime.date | None = None, profile: str = "academic") -> None:
        self.doc = doc
        self.today = today or datetime.date.today()
        self.profile = profile
        self.nodes: list[Node] = []
        self._by_key: dict[Any, list[int]] = {}
        #: The nodes whose value is an object, and those whose value is a string, in document order.
        self.dict_nodes: list[Node] = []
        self.string_nodes: list[Node] = []
        self._walk(doc)

    def _walk(self, doc: Any) -> None:
        """Every node in document order (depth first), indexed by key and by kind in the same pass.

        Nodes are made with ``tuple.__new__`` and keep a parent link instead of a path: a NamedTuple's own
        constructor is a Python function, and a large CV has tens of thousands of nodes.
        """
        from collections import defaultdict

        make, nodes = tuple.__new__, self.nodes
        by_key: defaultdict[Any, list[int]] = defaultdict(list)
        add_dict, add_string = self.dict_nodes.append, self.string_nodes.append
        stack: list[Node] = [make(Node, (None, None, doc))]
        push, pop = stack.extend, stack.pop
        while stack:
            node = pop()
            by_key[node[1]].append(len(nodes))
            nodes.append(node)
            value = node[2]
            if type(value) is str:
                add_string(node)
            elif isinstance(value, dict):
                add_dict(node)
                push([make(Node, (node, k, v)) for k, v in value.items()][::-1])
            elif isinstance(value, list):
                push([make(Node, (node, i, v)) for i, v in enumerate(value)][::-1])
            elif isinstance(value, str):
                add_string(node)
        self._by_key = by_key

    def keyed(self, key: str) -> Iterator[Node]:
        """Nodes under ``key``, in document order."""
        return (self.nodes[i] for i in self._by_key.get(key, ()))

    def strings(self, keys: frozenset[str]) -> Iterator[Node]:
        """Nodes whose key is one of ``keys`` and whose value is a string, in document order."""
        found = sorted(i for key in keys for i in self._by_key.get(key, ()))
        return (self.nodes[i] for i in found if isinstance(self.nodes[i].value, str))


Rule = Callable[[Context], Iterator[Finding]]
RULES: dict[str, Rule] = {}


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[rule_id] = func
        return func

    return register


def lint(doc: dict[str, Any], *, profile: str = "academic", today: datetime.date | None = None) -> list[Finding]:
    """Run every rule over a document; findings in rule order (callers sort them by position)."""
    ctx = Context(doc, today=today or datetime.date.today(), profile=profile)
    return [finding for check in RULES.values() for finding in check(ctx)]


@rule("end-before-start")
def end_before_start(ctx: Context) -> Iterator[Finding]:
    """An entry that ends before it starts (compared at the precision written)."""
    for node in ctx.dict_nodes:
        item = node.value
        if "endDate" in item and dates.is_iso(item.get("startDate")) and dates.is_iso(item.get("endDate")):
            start, end = item["startDate"], item["endDate"]
            if dates.sort_key(end, end=True) < dates.sort_key(start):
                yield Finding(node.pointer + "/endDate", "end-before-start",
                              f"endDate {end} is before startDate {start}; swap them or fix the typo")


@rule("future-date")
def future_date(ctx: Context) -> Iterator[Finding]:
    """A start, award, certificate or release date that has not happened yet (end dates may be planned)."""
    keys = field_names("date") - {"endDate"}
    today = (ctx.today.year, ctx.today.month, ctx.today.day)
    for node in ctx.strings(keys):
        if dates.is_iso(node.value) and dates.sort_key(node.value) > today:
            yield Finding(node.pointer, "future-date",
                          f"{node.key} {node.value} is in the future (today is {ctx.today.isoformat()}); "
                          "is the year right?")


@rule("calendar-date")
def calendar_date(ctx: Context) -> Iterator[Finding]:
    """A date the schema's pattern lets through but the calendar does not have (2019-13, 2019-02-30)."""
    for node in ctx.strings(field_names("date")):
        if dates.looks_iso(node.value) and not dates.is_iso(node.value):
            # Our schema wants real dates (an error); upstream profiles accept them by pattern (a warning).
            severity: Severity = "error" if ctx.profile == "academic" else "warning"
            yield Finding(node.pointer, "calendar-date", dates.date_problem(node.value, field=str(node.key)),
                          severity)


@rule("present-end-date")
def present_end_date(ctx: Context) -> Iterator[Finding]:
    """'Present', 'now', "" or null as endDate: JSON Resume says "ongoing" by leaving endDate out."""
    for node in ctx.keyed("endDate"):
        value = node.value
        if value is None or (isinstance(value, str) and (not value.strip() or dates.is_present(value))):
            shown = "null" if value is None else repr(value)
            yield Finding(node.pointer, "present-end-date",
                          f"endDate {shown} is not a date; leave endDate out for an ongoing entry")


@rule("legacy-field")
def legacy_field(ctx: Context) -> Iterator[Finding]:
    """Pre-1.0 JSON Resume names that 1.0 tools ignore, with the name to use."""
    old_names = {old for _, old, _ in LEGACY_NAMES}
    for node in ctx.dict_nodes:
        if old_names.isdisjoint(node.value):
            continue
        shape = node.shape
        for parent, old, new in LEGACY_NAMES:
            if shape == parent and old in node.value:
                ptr = pointer(*node.path, old)
                if new in node.value:
                    message = f"'{old}' is the pre-1.0 name of '{new}', which is also set; remove '{old}'"
                else:
                    message = f"'{old}' is the pre-1.0 JSON Resume name; use '{new}' (resumeconv migrate renames it)"
                yield Finding(ptr, "legacy-field", message, at_key=True)


@rule("orcid-checksum")
def orcid_checksum(ctx: Context) -> Iterator[Finding]:
    """Every ORCID iD, in an ORCID field or in an orcid.org URL, must pass its MOD 11-2 check digit."""
    for node in ctx.string_nodes:
        if node.key in field_names("orcid"):
            problem = ids.orcid_problem(node.value)
        else:
            match = _ORCID_IN_URL.search(node.value) if "orcid" in node.value.lower() else None
            problem = ids.orcid_problem(match.group(1), bare=False) if match else None
        if problem:
            yield Finding(node.pointer, "orcid-checksum", problem)


def _id_syntax(ctx: Context, role: str, problem_of: Callable[[str], str | None]) -> Iterator[Finding]:
    for node in ctx.strings(field_names(role)):
        problem = problem_of(node.value) if node.value else None
        if problem:
            yield Finding(node.pointer, f"{role}-syntax", problem)


@rule("doi-syntax")
def doi_syntax(ctx: Context) -> Iterator[Finding]:
    """A DOI field that holds something other than a bare DOI."""
    return _id_syntax(ctx, "doi", ids.doi_problem)


@rule("arxiv-syntax")
def arxiv_syntax(ctx: Context) -> Iterator[Finding]:
    """An arXiv field that holds something other than a bare arXiv id."""
    return _id_syntax(ctx, "arxiv", ids.arxiv_problem)


def _publication_keys(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """What identifies a publication: its DOI (field or URL), arXiv id and normalized title."""
    doi = item.get("doi")
    valid_doi = isinstance(doi, str) and ids.is_doi(doi)
    if not valid_doi and isinstance(item.get("url"), str):
        doi = ids.find_doi(item["url"])
        valid_doi = doi is not None and ids.is_doi(doi)
    if valid_doi and isinstance(doi, str):
        yield "DOI", ids.doi_key(doi)
    arxiv = item.get("arxiv")
    if isinstance(arxiv, str) and ids.is_arxiv(arxiv):
        yield "arXiv id", ids.arxiv_key(arxiv)
    name = item.get("name")
    key = ids.title_key(name) if isinstance(name, str) else ""
    if key:
        yield "title", key


@rule("duplicate-publication")
def duplicate_publication(ctx: Context) -> Iterator[Finding]:
    """The same work listed twice: same DOI, same arXiv id, or the same title once case and punctuation fold."""
    items = ctx.doc.get("publications")
    if not isinstance(items, list):
        return
    first: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        reported = False
        for what, key in _publication_keys(item):
            earlier = first.setdefault((what, key), index)
            if earlier != index and not reported:
                reported = True
                yield Finding(pointer("publications", index), "duplicate-publication",
                              f"same {what} as /publications/{earlier}; list each work once")


@rule("empty-string")
def empty_string(ctx: Context) -> Iterator[Finding]:
    """An empty string where the field should be left out (empty end dates are present-end-date's)."""
    for node in ctx.string_nodes:
        if not node.value.strip() and node.key != "endDate" and node.parent is not None:
            where = "remove the empty item" if isinstance(node.key, int) else f"leave '{node.key}' out"
            yield Finding(node.pointer, "empty-string", f"empty string; {where}")


@rule("url-scheme")
def url_scheme(ctx: Context) -> Iterator[Finding]:
    """A URL field without a scheme ('www.x.org', '//x.org'): browsers and validators take it as a relative path."""
    for node in ctx.strings(field_names("url")):
        if node.value.strip() and not has_scheme(node.value.strip()):
            yield Finding(node.pointer, "url-scheme", url_problem(node.value))


@rule("link-scheme")
def link_scheme_rule(ctx: Context) -> Iterator[Finding]:
    """A URL field whose scheme is no web address: ``javascript:``, ``data:``, ``file:`` (errors: they run code or
    read files where a reader clicks) or any other but http, https and mailto (warnings). Writers print such a value
    as text, never as a live link."""
    from ..core.iri import HOSTILE_SCHEMES, LINK_SCHEMES, link_scheme

    for node in ctx.strings(field_names("url") | field_names("uri")):
        scheme = link_scheme(node.value)
        if scheme is None or scheme in LINK_SCHEMES or (scheme == "data" and node.key == "image"):
            continue  # an image given inline as data: is a picture, never a link
        hostile = scheme in HOSTILE_SCHEMES
        why = "runs code or reads files where a reader clicks" if hostile else "is no web address"
        yield Finding(node.pointer, "link-scheme", f"a '{scheme}:' link {why}; write an https:// address (writers "
                      "print this one as text, not as a link)", "error" if hostile else "warning")


@rule("upstream-v1.0")
def upstream_v1(ctx: Context) -> Iterator[Finding]:
    """What JSON Resume v1.0.0 rejects although this profile accepts it, so users know which tools will fail.

    Only the latest-upstream profile can accept such a document: ours is a subset of v1.0.0 by construction (the
    conformance rule, tested in test_schemacheck.py), and v1.0.0 is itself.
    """
    if ctx.profile != "jsonresume":
        return
    from .explain import schema_findings

    for found in schema_findings(ctx.doc, "jsonresume-1.0"):
        yield Finding(found.pointer, "upstream-v1.0", f"JSON Resume v1.0.0 rejects this: {found.message}",
                      at_key=found.at_key)


@rule("misspelled-key")
def misspelled_key(ctx: Context) -> Iterator[Finding]:
    """A key the schema does not define but that is close to one it does (``emial``, ``startdate``), at any level
    where extra keys are allowed (where they are not, the schema check already names the close match)."""
    from ..core.text import closest

    cache: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for node in ctx.dict_nodes:
        shape = node.shape
        if not shape:
            continue  # top-level keys: the schema check names the close section
        if shape not in cache:
            # Under an upstream profile our academic fields are extensions, not typos.
            mine, theirs = _known_keys(shape, "academic"), _known_keys(shape, ctx.profile)
            cache[shape] = tuple(dict.fromkeys((*(mine or ()), *(theirs or ())))) if mine or theirs else None
        known = cache[shape]
        if not known:
            continue
        for key in node.value:
            if key in known or not isinstance(key, str) or key.startswith("$"):
                continue
            close = closest(key, known, 0.8)
            if close:
                yield Finding(node.pointer + pointer(key), "misspelled-key",
                              f"unknown key '{key}'; did you mean '{close}'?", at_key=True)


def _known_keys(shape: tuple[str, ...], profile: str) -> tuple[str, ...] | None:
    """The property names the profile's schema defines for objects at ``shape`` (None where it says nothing)."""
    from ..schemas import load_schema, resolve

    node: Any = load_schema(profile)
    for step in shape:
        node = resolve(node, profile) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return None
        node = node.get("items") if step == "*" else node.get("properties", {}).get(step)
    node = resolve(node, profile) if isinstance(node, dict) else None
    properties = node.get("properties") if isinstance(node, dict) else None
    return tuple(properties) if isinstance(properties, dict) and properties else None


@rule("non-ascii-url")
def non_ascii_url(ctx: Context) -> Iterator[Finding]:
    """A web address with non-ASCII characters (an IRI): upstream JSON Resume's ``uri`` format rejects it, so it is
    an error under the upstream profiles; ours accepts it (the theme output percent-encodes it)."""
    if ctx.profile == "academic":
        return
    from ..core.iri import iri_to_uri

    for node in ctx.strings(field_names("uri")):
        if not node.value.isascii():
            yield Finding(node.pointer, "non-ascii-url",
                          f"'{node.value}' has non-ASCII characters, which upstream JSON Resume (format uri) rejects; "
                          f"write {iri_to_uri(node.value)}", "error")
