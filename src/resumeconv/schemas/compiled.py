"""A compiled yes/no check of a document against one of our bundled schemas: the fast path for valid files.

Most files a CI job validates are valid, and proving that needs neither jsonschema (slow to import) nor error
messages. The schema is compiled once into nested closures that answer only "valid?". Anything it does not
understand makes :func:`compile_schema` raise :class:`Unsupported`, so callers fall back to jsonschema and the
answer is never wrong, only slower. Invalid documents always go to jsonschema, which explains the errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .formatcheck import CHECKS

Check = Callable[[Any], bool]

#: Keywords with no effect on validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "id", "title", "description", "examples", "default", "definitions"})
_HANDLED = frozenset({"type", "properties", "additionalProperties", "items", "additionalItems", "pattern", "format",
                      "enum", "$ref", "required", "minItems", "uniqueItems"})


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not implement."""


def compile_schema(schema: dict[str, Any]) -> Check:
    """Compile ``schema`` (draft-04 or draft-07 subset used by JSON Resume) into a predicate."""
    draft4 = "draft-04" in schema.get("$schema", "")
    compiled: dict[str, Check] = {}

    def resolve(ref: str) -> Check:
        if not ref.startswith("#/definitions/"):
            raise Unsupported(f"$ref {ref}")
        name = ref.rsplit("/", 1)[1]
        if name not in compiled:
            compiled[name] = lambda value: compiled[name + "!"](value)
            compiled[name + "!"] = build(schema["definitions"][name])
        return compiled[name]

    def build(node: dict[str, Any]) -> Check:
        unknown = {k for k in node if k not in _HANDLED and k not in _ANNOTATIONS and not k.startswith("x-")}
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        if "$ref" in node:
            return resolve(node["$ref"])  # draft-04/07: siblings of $ref are ignored
        if "type" in node:
            checks.append(_type_check(node["type"], draft4))
        if "enum" in node:
            checks.append(_enum_check(node["enum"]))
        if "pattern" in node:
            search = re.compile(node["pattern"]).search
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
        if "format" in node and node["format"] in CHECKS:
            checks.append(CHECKS[node["format"]])
        if "properties" in node or "additionalProperties" in node or "required" in node:
            checks.append(_object_check(node, build))
        if "items" in node or "minItems" in node or "uniqueItems" in node:
            checks.append(_array_check(node, build))
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    return build(schema)


def _type_check(types: str | list[str], draft4: bool) -> Check:
    names = [types] if isinstance(types, str) else list(types)
    tests: list[Check] = []
    for name in names:
        if name == "string":
            tests.append(lambda v: isinstance(v, str))
        elif name == "object":
            tests.append(lambda v: isinstance(v, dict))
        elif name == "array":
            tests.append(lambda v: isinstance(v, list))
        elif name == "boolean":
            tests.append(lambda v: isinstance(v, bool))
        elif name == "null":
            tests.append(lambda v: v is None)
        elif name == "number":
            tests.append(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
        elif name == "integer":
            tests.append(_integer(draft4))
        else:
            raise Unsupported(f"type {name}")
    if len(tests) == 1:
        return tests[0]

    def any_type(value: Any) -> bool:
        return any(t(value) for t in tests)

    return any_type


def _enum_check(values: list[Any]) -> Check:
    if all(isinstance(v, str) for v in values):
        allowed = frozenset(values)
        return lambda v: isinstance(v, str) and v in allowed
    options = {_canonical(v) for v in values}
    return lambda v: _canonical(v) in options


def _integer(draft4: bool) -> Check:
    if draft4:
        return lambda v: isinstance(v, int) and not isinstance(v, bool)
    return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


def _object_check(node: dict[str, Any], build: Callable[[dict[str, Any]], Check]) -> Check:
    props = {name: build(sub) for name, sub in node.get("properties", {}).items()}
    extra = node.get("additionalProperties", True)
    if isinstance(extra, dict):
        extra_check = build(extra)
    elif extra is False:
        extra_check = None
    else:
        extra_check = lambda v: True  # noqa: E731
    required = tuple(node.get("required", ()))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key in required:
            if key not in value:
                return False
        for key, item in value.items():
            sub = props.get(key)
            if sub is not None:
                if not sub(item):
                    return False
            elif extra_check is None or not extra_check(item):
                return False
        return True

    return check


def _array_check(node: dict[str, Any], build: Callable[[dict[str, Any]], Check]) -> Check:
    items = node.get("items")
    if isinstance(items, list):
        raise Unsupported("tuple items")
    item_check = build(items) if isinstance(items, dict) else None
    min_items = node.get("minItems", 0)
    unique = node.get("uniqueItems", False)

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if len(value) < min_items:
            return False
        if item_check is not None:
            for item in value:
                if not item_check(item):
                    return False
        if unique:
            seen = [_canonical(v) for v in value]
            if len(set(seen)) != len(seen):
                return False
        return True

    return check


def _canonical(value: Any) -> str:
    """A string equal for JSON-equal values only (``true`` differs from ``1``; ``1`` equals ``1.0``)."""
    import json

    def norm(v: Any) -> Any:
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        return repr(v)

    return json.dumps(norm(value), sort_keys=True)
