"""Typed access to a document whose shape is not guaranteed: the one set of accessors writers use instead of
per-module ``_obj``/``_items``/``_str`` helpers.

Writers run on documents the schema may reject (``convert`` does not validate first), so each accessor answers the
type asked for, or an empty one, and never raises: a value of the wrong type is then simply not used, and the loss
engine (a writer's ``Coverage``, or its read-back) reports it instead of a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: A JSON object as the document holds it.
Json = dict[str, Any]


def obj(value: Any) -> Json:
    """``value`` when it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def array(value: Any) -> list[Any]:
    """``value`` when it is an array, else an empty one."""
    return value if isinstance(value, list) else []


def text(value: Any) -> str:
    """``value`` as text: ``""`` for a missing value (None), ``str()`` of anything else."""
    return "" if value is None else str(value)


def items(doc: Mapping[str, Any], section: str) -> list[tuple[int, Json]]:
    """The object items of an array section with their indexes (the pointers losses name); other items are left
    out, for the loss report."""
    return [(i, x) for i, x in enumerate(array(doc.get(section))) if isinstance(x, dict)]
