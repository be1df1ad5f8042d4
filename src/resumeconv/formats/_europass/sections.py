"""Which Europass section an entry belongs to, where one JSON Resume section maps to two."""

from __future__ import annotations

from typing import Any

from ...core.languages import is_native
from ...core.losses import LossReport
from ...schemas.vocab import TALK_TYPES

#: Project types that go to Europass's conferences and seminars: the schema's talk types, and the two kinds of
#: event the section also holds that are not talks (schema examples of projects.type: a presentation, a conference
#: attended; the reader gives conferences and seminars the type 'conference').
CONFERENCE_TYPES = TALK_TYPES | {"presentation", "conference"}
#: Volunteer types that are volunteering proper; other service types are memberships (schema: volunteer.type).
VOLUNTEERING_TYPES = frozenset({"volunteering"})


def is_talk(project: dict[str, Any]) -> bool:
    """A talk or tutorial (Europass: conferences and seminars) rather than a project."""
    return project.get("type") in CONFERENCE_TYPES


def is_volunteering(item: dict[str, Any]) -> bool:
    """Volunteering proper (Europass: voluntary work) rather than academic service (memberships)."""
    return item.get("type") in VOLUNTEERING_TYPES or not item.get("type")


def is_mother_tongue(item: dict[str, Any]) -> bool:
    """A language the CV calls native, with no CEFR levels: Europass lists it as a mother tongue."""
    return is_native(item.get("fluency")) and not item.get("cefr") and bool(item.get("language"))


def order_note(items: list[Any], first: Any, ptr: str, report: LossReport, target: str, what: str) -> None:
    """A normalization when a section is split in two places and its entries come back in another order."""
    flags = [bool(first(i)) for i in items if isinstance(i, dict)]
    if flags != sorted(flags, reverse=True):
        report.add(ptr, f"{target} keeps {what} apart: the entries come back grouped in that order",
                   "normalization")
