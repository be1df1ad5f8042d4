"""Schema errors worded for people: the slow path, taken only when the fast check says a document is invalid.

One finding per problem: one best match for anyOf/oneOf, what would be right for dates, URLs and identifiers, and
the key itself for unexpected keys.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ..core.losses import pointer
from ..schemas import definition
from ..schemas.check import is_valid, validator
from .diagnostics import Finding


def schema_findings(doc: Any, profile: str = "academic") -> list[Finding]:
    """Every schema error of ``doc`` under ``profile``, worded for people; empty when valid."""
    if is_valid(doc, profile):
        return []
    return explain(validator(profile), doc)


def explain(checker: Any, doc: Any) -> list[Finding]:
    """The slow path: one finding per problem, duplicates (the same message at the same place) removed."""
    seen: set[tuple[str, str]] = set()
    out = []
    for err in checker.iter_errors(doc):
        for found in _describe(err):
            if (found.pointer, found.message) not in seen:
                seen.add((found.pointer, found.message))
                out.append(found)
    return out


# --- wording ------------------------------------------------------------------------------------------------

_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "true/false", int: "a number",
          float: "a number", type(None): "null"}
_TYPE_NAMES = {"object": "an object", "array": "an array (a list)", "string": "a string", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "null"}


def _describe(err: Any) -> list[Finding]:
    """People's words for one jsonschema error (anyOf/oneOf collapse to their most relevant branch)."""
    if err.validator in ("anyOf", "oneOf") and err.context:
        from jsonschema.exceptions import best_match

        return _describe(best_match([err]))  # descends into the branch whose type fits the value
    ptr = pointer(*err.absolute_path)
    if err.validator == "additionalProperties":
        return _unexpected_keys(err, ptr)
    field = err.absolute_path[-1] if err.absolute_path and isinstance(err.absolute_path[-1], str) else ""
    rule, message = _wording(err, field)
    return [Finding(ptr, rule, message, "error")]


def _wording(err: Any, field: str) -> tuple[str, str]:
    from ..core import ids
    from ..core.dates import date_problem
    from ..schemas.formatcheck import url_problem

    schema, value, keyword = err.schema, err.instance, err.validator
    kind = _schema_kind(schema)
    if kind == "date":
        return "schema.date", date_problem(value, field=field, full=schema.get("format") == "date")
    if keyword == "type":
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected)
        hint = f"; leave '{field}' out instead of null" if value is None and field else _type_fix(expected, value)
        return "schema.type", f"expected {wanted}, got {_KINDS.get(type(value), type(value).__name__)}{hint}"
    if kind in ("orcid", "doi", "arxiv") and isinstance(value, str):
        problem = getattr(ids, f"{kind}_problem")(value)
        return f"schema.{kind}", problem or err.message
    if keyword == "format" and isinstance(value, str):
        fmt = schema.get("format")
        if fmt == "uri":
            return "schema.uri", url_problem(value)
        if fmt == "email":
            return "schema.email", f"'{value}' is not an e-mail address (name@example.org)"
    if keyword == "required":
        return "schema.required", f"missing required field {err.message.removesuffix(' is a required property')}"
    if keyword == "enum":
        from ..core.text import closest

        close = closest(str(value), [str(v) for v in schema["enum"]])
        hint = f"; did you mean '{close}'?" if close else f"; use one of: {', '.join(map(str, schema['enum']))}"
        return "schema.enum", f"{value!r} is not an allowed value{hint}"
    if keyword == "minItems":
        return "schema.minItems", f"needs at least {schema['minItems']} item(s); leave '{field}' out if it is empty"
    return f"schema.{keyword}", err.message


def _type_fix(expected: list[str], value: Any) -> str:
    """How to write ``value`` as the type the schema wants, when that is clear (a number or true/false where text
    is wanted: quote it; a number written in quotes where a number is wanted: unquote it)."""
    if expected == ["string"] and isinstance(value, (int, float, bool)):
        return f": write \"{json.dumps(value)}\" in quotes"
    if expected in (["number"], ["integer"]) and isinstance(value, str) and value.strip().replace(".", "", 1).isdigit():
        return f": write {value.strip()} without quotes"
    return ""


def _schema_kind(schema: dict[str, Any]) -> str | None:
    """Which of our named value kinds a (resolved) schema checks: date, orcid, doi, arxiv, or None."""
    pattern = schema.get("pattern")
    if schema.get("format") == "date" or pattern == _pattern_of("iso8601"):
        return "date"
    for name in ("orcid", "doi", "arxiv"):
        if pattern and pattern == _pattern_of(name):
            return name
    return None


@cache
def _pattern_of(name: str) -> str:
    return str(definition(name)["pattern"])


def _unexpected_keys(err: Any, ptr: str) -> list[Finding]:
    from ..schemas.legacy import LEGACY_NAMES

    known = list(err.schema.get("properties", {}))
    extras = [k for k in err.instance if k not in known]
    at_root = not err.absolute_path
    out = []
    for key in extras:
        legacy = next((new for parent, old, new in LEGACY_NAMES if old == key and not parent and at_root), None)
        from ..core.text import closest

        close = closest(key, known, 0.75)
        if legacy:
            message = f"unknown top-level key '{key}': it is the pre-1.0 name of '{legacy}'; rename it"
        elif close:
            message = f"unknown key '{key}'; did you mean '{close}'?"
        elif at_root:
            message = (f"unknown top-level key '{key}': JSON Resume has no such section; move it under 'meta' "
                       f"(as meta.{key}), where custom data belongs, or into an existing section")
        else:
            message = f"unknown key '{key}'; known keys here: {', '.join(known)}"
        out.append(Finding(ptr + pointer(key), "schema.unknown-key", message, "error", at_key=True))
    return out
