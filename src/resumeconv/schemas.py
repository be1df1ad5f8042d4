"""The bundled schemas: ours (``schema/resume.schema.json``) and upstream JSON Resume, never fetched."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent / "schemas"
#: In a source checkout (editable install) our schema lives at the top level, its one true place.
_REPO_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "resume.schema.json"

#: Profile name -> bundled file.
PROFILES = {
    "academic": "resume.schema.json",
    "jsonresume": "jsonresume-latest.json",
    "jsonresume-1.0": "jsonresume-1.0.0.json",
}


def schema_path(profile: str = "academic") -> Path:
    name = PROFILES[profile]
    packaged = _HERE / name
    if packaged.exists() or profile != "academic":
        return packaged
    return _REPO_SCHEMA


def schema_text(profile: str = "academic") -> str:
    return schema_path(profile).read_text(encoding="utf-8")


@cache
def load_schema(profile: str = "academic") -> dict[str, Any]:
    """The parsed schema for a profile (cached: read once per process)."""
    return json.loads(schema_text(profile))


def definition(name: str) -> dict[str, Any]:
    """A named definition of our schema, e.g. ``definition('iso8601')``."""
    return load_schema("academic")["definitions"][name]


def item_schema(section: str) -> dict[str, Any]:
    """The item schema of an array section of our schema, e.g. ``item_schema('publications')``."""
    return load_schema("academic")["properties"][section]["items"]
