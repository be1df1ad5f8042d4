"""The bundled schemas: ours (``schema/resume.schema.json``) and upstream JSON Resume, never fetched."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from typing import Any

_HERE = os.path.dirname(os.path.abspath(__file__))
#: In a source checkout (editable install) our schema lives at the top level, its one true place.
_REPO_SCHEMA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(_HERE))),
                            "schema", "resume.schema.json")

#: Profile name -> bundled file.
PROFILES = {
    "academic": "resume.schema.json",
    "jsonresume": "jsonresume-latest.json",
    "jsonresume-1.0": "jsonresume-1.0.0.json",
}


def schema_path(profile: str = "academic") -> str:
    """The bundled file of a profile; in a source checkout our schema is read from ``schema/`` itself."""
    packaged = os.path.join(_HERE, PROFILES[profile])
    if os.path.exists(packaged) or profile != "academic":
        return packaged
    return _REPO_SCHEMA


def schema_text(profile: str = "academic") -> str:
    with open(schema_path(profile), encoding="utf-8") as fh:
        return fh.read()


@cache
def load_schema(profile: str = "academic") -> dict[str, Any]:
    """The parsed schema for a profile (cached: read once per process)."""
    schema: dict[str, Any] = json.loads(schema_text(profile))
    return schema


def resolve(node: dict[str, Any], profile: str = "academic") -> dict[str, Any]:
    """A schema node with a local ``#/definitions/...`` reference followed (the only kind our schemas use)."""
    ref = node.get("$ref", "")
    if ref.startswith("#/definitions/"):
        target: dict[str, Any] = load_schema(profile)["definitions"][ref.rsplit("/", 1)[1]]
        return target
    return node


def definition(name: str) -> dict[str, Any]:
    """A named definition of our schema, e.g. ``definition('iso8601')``."""
    found: dict[str, Any] = load_schema("academic")["definitions"][name]
    return found


def item_schema(section: str) -> dict[str, Any]:
    """The item schema of an array section of our schema, e.g. ``item_schema('publications')``."""
    items: dict[str, Any] = load_schema("academic")["properties"][section]["items"]
    return items


def _property_schemas(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (property name, property schema) pair in a schema, definitions included."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield name, sub
            yield from _property_schemas(sub)
        for key in ("items", "additionalProperties"):
            yield from _property_schemas(node.get(key))
        for sub in node.get("definitions", {}).values():
            yield from _property_schemas(sub)


@cache
def _properties() -> tuple[tuple[str, dict[str, Any]], ...]:
    """(name, schema) of every property of our schema, walked once per process."""
    return tuple(_property_schemas(load_schema("academic")))


@cache
def field_names(role: str) -> frozenset[str]:
    """Names of the fields our schema gives a role, so that lint and migrate never restate field lists.

    Roles: ``date`` (partial ISO dates and full dates), ``uri`` (format uri), ``url`` (format uri, or described
    as a URL, like ``image``), and ``orcid``/``doi``/``arxiv`` (fields that hold such an identifier).
    """
    names = set()
    for name, sub in _properties():
        ref = sub.get("$ref", "")
        if role == "date":
            hit = ref == "#/definitions/iso8601" or sub.get("format") == "date"
        elif role == "uri":
            hit = sub.get("format") == "uri"
        elif role == "url":
            hit = sub.get("format") == "uri" or sub.get("description", "").startswith("URL")
        else:
            hit = ref == f"#/definitions/{role}"
        if hit:
            names.add(name)
    return frozenset(names)


def has_property(path: tuple[str, ...], profile: str = "academic") -> bool:
    """True when the schema defines the field at ``path`` ("*" steps into array items), e.g. ('work', '*', 'name')."""
    node: Any = load_schema(profile)
    for step in path:
        node = node.get("items") if step == "*" else node.get("properties", {}).get(step)
        if not isinstance(node, dict):
            return False
    return True

