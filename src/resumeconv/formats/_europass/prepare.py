"""Making a document something XML and Europass can carry, before either writer walks it."""

from __future__ import annotations

from typing import Any

from ...core.losses import LossReport, pointer
from ...core.text import NOT_XML, xml_text


def prepare(doc: dict[str, Any], report: LossReport, target: str) -> dict[str, Any]:
    """A copy of ``doc`` that XML and Europass can carry: no control characters, only real calendar dates.

    A date written in words (``Jan 2019``) is read by the date codec; an end date that cannot be read, beside a start
    date, stays in the copy as written, so that the writers, which write only what ``date_of`` reads, know the entry
    has ended and never mark it current."""
    from ...core.dates import date_fields, is_iso, read_date

    def clean(value: Any, ptr: str, key: str | None) -> Any:
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if v is None or (isinstance(v, (str, list, dict)) and not v):
                    report.add(f"{ptr}{pointer(k)}", "empty: left out", "normalization")
                    continue
                if k in date_fields() and not is_iso(v):
                    read = read_date(v)
                    if read.state == "date":
                        report.add(f"{ptr}{pointer(k)}", f"'{v}' read as {read.iso}", "normalization")
                        out[k] = read.iso
                        continue
                    report.add(f"{ptr}{pointer(k)}", "not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD): left out"
                               + ("; the entry is not marked current" if read.state == "unreadable" else ""))
                    if k == "endDate" and read.state == "unreadable" and read_date(value.get("startDate")).date:
                        out[k] = v
                    continue
                out[k] = clean(v, f"{ptr}{pointer(k)}", k)
            return out
        if isinstance(value, list):
            return [clean(v, f"{ptr}/{i}", None) for i, v in enumerate(value)]
        if isinstance(value, str) and NOT_XML.search(value):
            report.add(ptr, f"{target} (XML) cannot carry control characters: removed", "normalization")
            return xml_text(value)
        return value

    cleaned: dict[str, Any] = clean(doc, "", None)
    return cleaned


def obj(value: Any) -> dict[str, Any]:
    """``value`` when it is an object, else an empty one: writers walk schema-valid documents without type checks."""
    return value if isinstance(value, dict) else {}
