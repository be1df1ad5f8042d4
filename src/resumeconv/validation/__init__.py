"""Validation of a document against a profile: schema checks, then lint rules, placed at line:column.

Two paths. The fast path asks only "is it valid?" (:func:`is_valid`, answered by the precompiled check of
:mod:`resumeconv.validation.compiled`, so jsonschema is not even imported); a valid document with no lint findings never
builds a source map or an explanation. The
slow path (:func:`explain`) walks every schema error and words it for people: one best match for anyOf/oneOf,
what would be right for dates, URLs and identifiers, and the key itself for unexpected keys.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable
from functools import cache
from typing import Any

from ..core.losses import pointer
from ..schemas import PROFILES, definition
from .diagnostics import Diagnostic, Finding

#: Formats read with line:column positions (the JSON Resume document itself).
_MAPPED_FORMATS = ("json", "yaml")


@cache
def validator(profile: str = "academic"):
    """The compiled validator for a profile, built once per process."""
    from jsonschema.validators import validator_for

    from ..schemas import load_schema
    from .formatcheck import format_checker

    schema = load_schema(profile)
    return validator_for(schema)(schema, format_checker=format_checker())


@cache
def fast_check(profile: str = "academic") -> Callable[[Any], bool] | None:
    """The precompiled yes/no check for a profile (no jsonschema import), or None if the schema is beyond it."""
    from ..schemas import load_schema
    from .compiled import Unsupported, compile_schema

    try:
        return compile_schema(load_schema(profile))
    except Unsupported:
        return None


def is_valid(doc: Any, profile: str = "academic") -> bool:
    """The fast path: whether the document satisfies the profile's schema, with no explanation."""
    check = fast_check(profile)
    return check(doc) if check is not None else validator(profile).is_valid(doc)


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


def check(doc: Any, profile: str = "academic", *, strict: bool = False, lint: bool = True,
          today: datetime.date | None = None) -> list[Finding]:
    """Schema findings plus lint findings (warnings, or errors with ``strict``); a lint finding at a place the
    schema already reports is dropped, so each problem is said once."""
    if profile not in PROFILES:
        from ..core.errors import UsageError

        raise UsageError(f"unknown profile '{profile}'; profiles: {', '.join(PROFILES)}")
    findings = schema_findings(doc, profile)
    if lint and isinstance(doc, dict):
        from .lint import lint as run_lint

        taken = {f.pointer for f in findings}
        for found in run_lint(doc, profile=profile, today=today):
            if found.pointer not in taken:
                findings.append(Finding(found.pointer, found.rule, found.message,
                                        "error" if strict else found.severity, found.at_key))
    return findings


def validate(doc_or_path: Any, profile: str = "academic", *, strict: bool = False, lint: bool = True,
             file: str | None = None, today: datetime.date | None = None) -> list[Diagnostic]:
    """Validate a document (dict), a file path, or file bytes; every problem, not only the first.

    Files in JSON or YAML get line and column on every diagnostic. A file that cannot be read or parsed raises
    :class:`resumeconv.core.errors.InputError` (the CLI reports it and goes on with the other files).
    """
    if isinstance(doc_or_path, dict):
        return place(check(doc_or_path, profile, strict=strict, lint=lint, today=today), file or "<document>")
    if isinstance(doc_or_path, (str, os.PathLike)):
        from ..core.fileio import read_bytes

        name = os.fspath(doc_or_path)
        data = read_bytes(name)
        file = file or ("<stdin>" if name == "-" else name)
    else:
        data, name = bytes(doc_or_path), None
        file = file or "<input>"
    return check_bytes(data, file, name=name, profile=profile, strict=strict, lint=lint, today=today)


def check_bytes(data: bytes, file: str, *, name: str | None = None, fmt: str | None = None,
                profile: str = "academic", strict: bool = False, lint: bool = True,
                today: datetime.date | None = None) -> list[Diagnostic]:
    """Read and check one file's bytes; positions come from a source map built only when there is a finding."""
    from .. import formats as registry

    spec = registry.get(fmt) if fmt else registry.detect(name, data)
    doc = spec.read(data, source=file).document
    findings = check(doc, profile, strict=strict, lint=lint, today=today)
    if not findings or spec.name not in _MAPPED_FORMATS:
        return place(findings, file)
    from ..core.fileio import decode_text
    from .sourcemap import build

    return place(findings, file, build(decode_text(data, file), spec.name))


def place(findings: list[Finding], file: str, smap: Any = None) -> list[Diagnostic]:
    """Diagnostics in reading order: by line and column when there is a source map, else by pointer."""
    out = []
    for found in findings:
        where = smap.locate(found.pointer, key=found.at_key) if smap is not None else None
        line, column = where if where else (None, None)
        out.append(Diagnostic(file, line, column, found.pointer, found.severity, found.rule, found.message))
    out.sort(key=lambda d: (d.line or 0, d.column or 0, _pointer_order(d.pointer)))
    return out


def _pointer_order(ptr: str) -> list[tuple[int, int | str]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in ptr.split("/")[1:]]


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
    from .formatcheck import url_problem

    schema, value, keyword = err.schema, err.instance, err.validator
    kind = _schema_kind(schema)
    if kind == "date":
        return "schema.date", date_problem(value, field=field, full=schema.get("format") == "date")
    if keyword == "type":
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
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
        import difflib

        close = difflib.get_close_matches(str(value), [str(v) for v in schema["enum"]], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; use one of: {', '.join(map(str, schema['enum']))}"
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
    return definition(name)["pattern"]


def _unexpected_keys(err: Any, ptr: str) -> list[Finding]:
    from .lint import LEGACY_NAMES

    known = list(err.schema.get("properties", {}))
    extras = [k for k in err.instance if k not in known]
    at_root = not err.absolute_path
    out = []
    for key in extras:
        legacy = next((new for parent, old, new in LEGACY_NAMES if old == key and not parent and at_root), None)
        import difflib

        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if legacy:
            message = f"unknown top-level key '{key}': it is the pre-1.0 name of '{legacy}'; rename it"
        elif close:
            message = f"unknown key '{key}'; did you mean '{close[0]}'?"
        elif at_root:
            message = (f"unknown top-level key '{key}': JSON Resume has no such section; move it under 'meta' "
                       f"(as meta.{key}), where custom data belongs, or into an existing section")
        else:
            message = f"unknown key '{key}'; known keys here: {', '.join(known)}"
        out.append(Finding(ptr + pointer(key), "schema.unknown-key", message, "error", at_key=True))
    return out
