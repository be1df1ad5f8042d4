"""Is a document valid under a bundled schema? The yes/no answer every layer may ask (the registry's crash guard,
the theme writer, validation), with the explanation of errors left to :mod:`resumeconv.validation`.

The fast path is the precompiled check (:mod:`resumeconv.schemas.compiled`: jsonschema is not even imported); a
schema beyond it falls back to jsonschema, which is also what explains errors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from . import load_schema


@cache
def validator(profile: str = "academic") -> Any:
    """The jsonschema validator for a profile, with our format checks, built once per process."""
    from jsonschema.validators import validator_for

    from .formatcheck import format_checker

    schema = load_schema(profile)
    return validator_for(schema)(schema, format_checker=format_checker())


@cache
def fast_check(profile: str = "academic") -> Callable[[Any], bool] | None:
    """The precompiled yes/no check for a profile (no jsonschema import), or None if the schema is beyond it."""
    from .compiled import Unsupported, compile_schema

    try:
        return compile_schema(load_schema(profile))
    except Unsupported:
        return None


def is_valid(doc: Any, profile: str = "academic") -> bool:
    """Whether the document satisfies the profile's schema, with no explanation."""
    check = fast_check(profile)
    return check(doc) if check is not None else bool(validator(profile).is_valid(doc))
