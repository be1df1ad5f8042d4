"""Rewrite a legacy or sloppy JSON Resume into a valid one, saying what changed and what it left alone.

What it does: pre-1.0 names to 1.0 names, "Present"-style end dates removed, human dates to ISO partial dates at
the precision written (never a made-up day or month), empty strings and nulls removed, ``https://`` added to a
web address written without a scheme. Key order is kept. Anything it cannot fix safely is left as it was and
reported in ``kept``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .core import dates
from .core.losses import pointer
from .schemas import field_names
from .schemas.formatcheck import is_uri, suggest_url
from .schemas.legacy import LEGACY_NAMES


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


def migrate(doc: dict[str, Any]) -> Migration:
    """A migrated copy of ``doc`` (the input is not modified) with the list of changes."""
    result = Migration({})
    result.document = _Migrator(result).value(doc, ())
    return result


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _url_fixable(value: str) -> bool:
    return is_uri(value) or suggest_url(value) is not None


#: Where a value sits: keys and array indices from the document's root.
Where = tuple[str | int, ...]


class _Migrator:
    def __init__(self, result: Migration) -> None:
        self.result = result

    def change(self, path: Where, message: str) -> None:
        self.result.changes.append(Change(pointer(*path), message))

    def keep(self, path: Where, message: str) -> None:
        self.result.kept.append(Change(pointer(*path), message))

    def value(self, value: Any, path: Where) -> Any:
        if isinstance(value, dict):
            return self.object(value, path)
        if isinstance(value, list):
            return self.array(value, path)
        return value

    def array(self, items: list[Any], path: Where) -> list[Any]:
        out = []
        for index, item in enumerate(items):
            if isinstance(item, str) and not item.strip():
                self.change((*path, index), "removed the empty item")
                continue
            out.append(self.value(item, (*path, index)))
        return out

    def object(self, obj: dict[str, Any], path: Where) -> dict[str, Any]:
        shape = tuple("*" if isinstance(p, int) else p for p in path)
        renames = {old: new for parent, old, new in LEGACY_NAMES if parent == shape and old in obj}
        out: dict[str, Any] = {}
        for key, value in obj.items():
            here = (*path, key)
            if key == "endDate" and (_is_blank(value) or (isinstance(value, str) and dates.is_present(value))):
                shown = "null" if value is None else repr(value)
                self.change(here, f"removed endDate {shown}: an ongoing entry has no endDate")
                continue
            if _is_blank(value):
                self.change(here, f"removed the empty '{key}'" if value is not None else f"removed null '{key}'")
                continue
            name = self.rename(key, value, renames, obj, here)
            if name in field_names("date") and dates.year_number(value) is not None:
                self.change(here, f"year {value} written as text \"{value}\"")
                value = str(value)
            elif name in field_names("date") and isinstance(value, str):
                value = self.date(value, here)
            elif name in field_names("url") and isinstance(value, str):
                value = self.url(value, here, strict=name in field_names("uri"))
            out[name] = self.value(value, here)
        return out

    def rename(self, key: str, value: Any, renames: dict[str, str], obj: dict[str, Any], here: Where) -> str:
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

    def date(self, value: str, here: Where) -> str:
        if dates.is_iso(value):
            return value
        iso = dates.parse_human(value)
        if iso is None:
            self.keep(here, f"'{value}' left as is: not a date this tool can read; fix it by hand")
            return value
        self.change(here, f"date '{value}' written as {iso}")
        return iso

    def url(self, value: str, here: Where, *, strict: bool) -> str:
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
