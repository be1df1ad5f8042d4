"""Rewrite a legacy or sloppy JSON Resume into a valid one, saying what changed and what it left alone; and the
same repairs, as normalizations, on the document every writer gets (:func:`prepare_for_writer`, which the registry
runs before any writer: ``FormatSpec.write``). The API's ``resumeconv.migrate`` is this module's public face.

What it does: pre-1.0 names to 1.0 names, "Present"-style end dates removed, human dates to ISO partial dates at
the precision written (never a made-up day or month), empty strings and nulls removed, ``https://`` added to a
web address written without a scheme. Key order is kept. Anything it cannot fix safely is left as it was and
reported in ``kept``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..schemas import field_names
from ..schemas.formatcheck import is_uri, suggest_url
from ..schemas.legacy import LEGACY_NAMES
from . import dates
from .iri import iri_to_uri
from .losses import Loss, pointer
from .text import describe


@dataclass(frozen=True)
class Change:
    """One edit (or one thing deliberately left alone), at a pointer into the original document."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


@dataclass
class Migration:
    document: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)


def migrate(doc: Mapping[str, Any]) -> Migration:
    """A migrated copy of ``doc`` (the input is not modified) with the list of changes."""
    result = Migration({})
    result.document = _Migrator(result).value(doc, ())
    return result


#: A place in the document: keys and array indexes ("*" for any index in a shape).
Path = tuple[str | int, ...]

#: Targets whose output must be valid upstream JSON Resume (format uri: ASCII only).
_UPSTREAM_VALID = frozenset({"theme"})
#: Targets that hold the canonical document itself: nothing is normalized for them.
_CANONICAL = frozenset({"json", "yaml"})


def prepare_for_writer(doc: Mapping[str, Any], target: str) -> tuple[dict[str, Any], list[Loss]]:
    """The document as every writer reads it, and what was normalized on the way, run once before any writer.

    Pre-1.0 field names (``work[].company``, ``basics.website``, ...) are read as their 1.0 names exactly as
    ``migrate`` renames them; interests written as plain strings become ``{"name": ...}``; a human date becomes
    ISO and a year written as a number becomes text. A date that cannot be read is never left for a writer to
    take as "no date" (which turns an end date into "ongoing"): what can be read of it is kept (``2024-09-31``
    -> ``2024-09``), else it is reported. Each change is a ``normalization`` at the source pointer. ``$schema``
    (which schema the file follows, not CV content) is not given to writers, so it is never a loss.
    """
    if target in _CANONICAL:
        return dict(doc), []
    losses: list[Loss] = []
    if "$schema" in doc and target != "theme":
        # Which schema the file follows, not CV content: said, but never a loss.
        doc = {k: v for k, v in doc.items() if k != "$schema"}
        losses.append(Loss("/$schema", "which schema the file follows, not CV content: not written", "normalization"))
    result = Migration({})
    result.document = _Migrator(result, for_writer=True, ascii_urls=target in _UPSTREAM_VALID).value(doc, ())
    losses.extend(Loss(c.pointer, c.message, "normalization") for c in result.changes)
    losses.extend(Loss(c.pointer, c.message) for c in result.kept)
    return result.document, losses


def _readable_part(value: str) -> str | None:
    """What an ISO-shaped date that is not on the calendar still says: ``2024-09-31`` -> ``2024-09``,
    ``2019-13`` -> ``2019``; None when not even the year can be read."""
    if not dates.looks_iso(value):
        return None
    bits = value.split("-")
    for size in (2, 1):
        candidate = "-".join(bits[:size])
        if len(bits) > size and dates.is_iso(candidate):
            return candidate
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@cache
def _wants_text(path: Path) -> bool:
    """Whether our schema wants a string (and only a string) at ``path`` ("*" steps into array items)."""
    from ..schemas import load_schema, resolve

    node: Any = load_schema("academic")
    for step in path:
        if not isinstance(node, dict):
            return False
        node = resolve(node)
        node = node.get("items") if step == "*" else node.get("properties", {}).get(step)
    return isinstance(node, dict) and resolve(node).get("type") == "string"


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _url_fixable(value: str) -> bool:
    return is_uri(value) or suggest_url(value) is not None


class _Migrator:
    def __init__(self, result: Migration, *, for_writer: bool = False, ascii_urls: bool = False) -> None:
        self.result = result
        #: Percent-encode web addresses with non-ASCII characters (for targets held to upstream's format uri).
        self.ascii_urls = ascii_urls
        #: Only what every writer needs (names, interests, dates); no removals, no URL edits.
        self.for_writer = for_writer

    def change(self, path: Path, message: str) -> None:
        self.result.changes.append(Change(pointer(*path), message))

    def keep(self, path: Path, message: str) -> None:
        self.result.kept.append(Change(pointer(*path), message))

    def value(self, value: Any, path: Path, shape: Path = ()) -> Any:
        """``path`` points into the source document; ``shape`` is the 1.0 path ("*" for indexes) after renames."""
        if isinstance(value, dict):
            return self.object(value, path, shape)
        if isinstance(value, list):
            return self.array(value, path, shape)
        return value

    def array(self, items: list[Any], path: Path, shape: Path) -> list[Any]:
        out = []
        for index, item in enumerate(items):
            here = (*path, index)
            if item is None:
                self.change(here, "removed the null item")
                continue
            if isinstance(item, str) and not item.strip() and not self.for_writer:
                self.change(here, "removed the empty item")
                continue
            if shape == ("interests",) and isinstance(item, str):
                self.change(here, f"interest '{item}' written as {{\"name\": \"{item}\"}}")
                item = {"name": item}
            elif isinstance(item, (dict, list)) and self.for_writer and _wants_text((*shape, "*")):
                self.keep(here, f"{describe(item)} where text is expected: not written (write it as text)")
                continue
            elif _is_number(item) and not self.for_writer and _wants_text((*shape, "*")):
                self.change(here, f"number {item} written as text \"{item}\"")
                item = str(item)
            out.append(self.value(item, here, (*shape, "*")))
        return out

    def object(self, obj: dict[str, Any], path: Path, shape: Path) -> dict[str, Any]:
        renames = {old: new for parent, old, new in LEGACY_NAMES if parent == shape and old in obj}
        out: dict[str, Any] = {}
        for key, value in obj.items():
            here = (*path, key)
            if self.dropped(key, value, here):
                continue
            name = self.rename(key, value, renames, obj, here)
            kept, value = self.field(name, value, here, shape)
            if kept and not (value is None and self.for_writer):
                out[name] = self.value(value, here, (*shape, name))
        return out

    def dropped(self, key: str, value: Any, here: Path) -> bool:
        """An ongoing entry's blank or "Present" endDate, and (for migrate) an empty value: removed, and said."""
        if key == "endDate" and (_is_blank(value) or (isinstance(value, str) and dates.is_present(value))):
            shown = "null" if value is None else repr(value)
            self.change(here, f"removed endDate {shown}: an ongoing entry has no endDate")
            return True
        if _is_blank(value) and not self.for_writer:
            self.change(here, f"removed the empty '{key}'" if value is not None else f"removed null '{key}'")
            return True
        return False

    def field(self, name: str, value: Any, here: Path, shape: Path) -> tuple[bool, Any]:
        """One field's value repaired (a date, a web address, a number or object where text is expected), and
        whether it is kept."""
        if name in dates.date_fields() and dates.year_number(value) is not None:
            self.change(here, f"year {value} written as text \"{value}\"")
            return True, str(value)
        if name in dates.date_fields() and isinstance(value, str):
            return True, self.date(value, here)
        if name in field_names("url") and isinstance(value, str):
            return True, self.web_address(name, value, here)
        if isinstance(value, (dict, list)) and self.for_writer and _wants_text((*shape, name)):
            self.keep(here, f"{describe(value)} where text is expected: not written (write it as text)")
            return False, value
        if _is_number(value) and not self.for_writer and _wants_text((*shape, name)):
            self.change(here, f"number {value} written as text \"{value}\"")
            return True, str(value)
        return True, value

    def web_address(self, name: str, value: str, here: Path) -> str:
        """migrate repairs a web address; a writer held to upstream's ASCII URIs gets it percent-encoded."""
        if not self.for_writer:
            return self.url(value, here, strict=name in field_names("uri"))
        if self.ascii_urls and not value.isascii():
            encoded = iri_to_uri(value)
            self.change(here, f"'{value}' written as {encoded} (upstream JSON Resume takes ASCII URIs only)")
            return encoded
        return value

    def rename(self, key: str, value: Any, renames: dict[str, str], obj: dict[str, Any], here: Path) -> str:
        new = renames.get(key)
        if new is None:
            return key
        if new in obj:
            self.keep(here, f"'{key}' left as is: '{new}' is also set; merge them by hand")
            return key
        if new in field_names("uri") and isinstance(value, str) and value.strip() and not _url_fixable(value):
            self.keep(here, f"'{key}' left as is: '{value}' is not a full URL, which '{new}' must hold")
            return key
        self.change(here, f"renamed '{key}' to '{new}' (JSON Resume 1.0 name)")
        return new

    def date(self, value: str, here: Path) -> str:
        if dates.is_iso(value):
            return value
        iso = dates.parse_human(value)
        if iso is None and self.for_writer:
            part = _readable_part(value)
            if part is not None:
                self.change(here, f"'{value}' is not a date on the calendar: read as {part}, what can be read of it")
                return part
            self.keep(here, f"'{value}' cannot be read as a date (write YYYY, YYYY-MM or YYYY-MM-DD); it is "
                            "shown as written where the target prints text, else left out: never as 'ongoing'")
            return value
        if iso is None:
            self.keep(here, f"'{value}' left as is: not a date this tool can read; fix it by hand")
            return value
        self.change(here, f"date '{value}' written as {iso}")
        return iso

    def url(self, value: str, here: Path, *, strict: bool) -> str:
        """Add the scheme a bare web address lacks; ``strict`` fields (format uri) report what stays wrong."""
        if is_uri(value):
            return value
        fixed = suggest_url(value)
        if fixed is None:
            if strict:
                self.keep(here, f"'{value}' left as is: not a full URL; write it by hand")
            return value
        self.change(here, f"URL '{value}' written as {fixed}")
        return fixed
