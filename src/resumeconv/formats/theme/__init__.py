"""Theme-ready JSON Resume: a strictly upstream-valid document (v1.0.0 and latest) for stock npm themes.

Stock themes read only upstream fields. So the academic fields are folded into the fields themes display (authors
into a publication's summary, the venue into its publisher, talks' venues into the project's entity, mentees into
a service entry), every other field that is not upstream is removed and reported, the fields known themes crash
without get empty defaults, and the legacy aliases older themes still read are added.

Folded text is plain text that reads right printed as is, unless ``theme=NAME`` names a known theme: its profile
(profiles.py) says which fields it formats (CommonMark, its own mini-Markdown or raw HTML), which sections and
fields it shows and how it prints dates (docs/themes.md).
"""


from __future__ import annotations

import copy
from typing import Any

from ...core import document
from ...core.losses import LossReport
from .._contract import Option, WriteResult
from .fold import Folder, add_mentoring, escape_own_text, escape_raw_fields, fold_sections
from .profiles import THEMES, profile
from .upstream import (
    LEGACY_ALIASES,
    PROFILES,
    UPSTREAM_SCHEMA_URL,
    calendar_dates,
    check_upstream,
    coarse_dates,
    copies,
    dead_links,
    end_events,
    hidden_sections,
    legacy_aliases,
    safe_defaults,
    strip_non_upstream,
    theme_quirks,
)

__all__ = ["LEGACY_ALIASES", "OPTIONS", "PROFILES", "THEMES", "UPSTREAM_SCHEMA_URL", "theme_document", "theme_name",
           "write"]

#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("theme", str, None, "the theme the document is made for (e.g. even, stackoverflow): its profile "
           "(docs/themes.md) spells text the way it prints right; none or unknown: plain text"),
)


def write(doc: dict[str, Any], *, format: str = "theme", theme: str | None = None) -> WriteResult:
    out, report = theme_document(doc, theme=theme)
    return WriteResult(document.dump_json(out).encode("utf-8"), report.items)


def theme_document(doc: dict[str, Any], *, theme: str | None = None) -> tuple[dict[str, Any], LossReport]:
    """The theme-ready document and its loss report (the library entry point ``render`` uses)."""
    prof = profile(theme_name(theme))
    out = copy.deepcopy(doc)
    report = LossReport()
    dead_links(out, report)
    fold = Folder(prof, report)
    escape_own_text(out, fold)
    fold_sections(out, fold)
    strip_non_upstream(out, report)
    add_mentoring(out, doc, fold)
    safe_defaults(out, report)
    end_events(out, report)
    calendar_dates(out, prof, report)
    coarse_dates(out, prof, report)
    check_upstream(out, report)
    hidden_sections(out, prof, report)
    theme_quirks(out, prof, report)
    legacy_aliases(out)
    copies(out, prof)
    escape_raw_fields(out, fold)
    return out, report


def theme_name(theme: str | None) -> str | None:
    """'even' for 'even', 'jsonresume-theme-even' or '@scope/jsonresume-theme-even'."""
    if not theme:
        return None
    base = theme.rsplit("/", 1)[-1]
    return base.removeprefix("jsonresume-theme-").lower()
