"""Schema validation of a document against a profile; returns diagnostics."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from .diagnostics import Diagnostic
from .schemas import load_schema


@cache
def validator(profile: str = "academic"):
    """The compiled validator for a profile, built once per process."""
    from jsonschema.validators import validator_for

    from .formatcheck import format_checker

    schema = load_schema(profile)
    cls = validator_for(schema)
    return cls(schema, format_checker=format_checker())


def validate(doc_or_path: Any, profile: str = "academic", *, file: str | None = None) -> list[Diagnostic]:
    """Validate a document (dict) or a JSON/YAML file against ``profile``; every error, not only the first."""
    if isinstance(doc_or_path, (str, os.PathLike)):
        from . import read

        file = file or os.fspath(doc_or_path)
        doc = read(doc_or_path).document
    else:
        doc = doc_or_path
    diags = []
    for err in sorted(validator(profile).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        ptr = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in err.absolute_path)
        diags.append(Diagnostic(file or "<document>", None, None, ptr, "error", f"schema.{err.validator}", err.message))
    return diags
