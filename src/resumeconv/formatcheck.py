"""Format checks that really run (uri, email, date), without jsonschema's slow optional packages."""

from __future__ import annotations

import datetime
import re

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(r"^[^@\s\"(),:;<>\[\\\]]+@" + _LABEL + r"(?:\." + _LABEL + r")+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_uri(value: object) -> bool:
    """An absolute URI as RFC 3986 defines it: a scheme, then no spaces or characters that must be escaped."""
    if not isinstance(value, str):
        return True
    return bool(_URI.match(value)) and not _BAD_PERCENT.search(value)


def is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_EMAIL.match(value))


def is_date(value: object) -> bool:
    """A full calendar date, YYYY-MM-DD, that exists (RFC 3339 full-date)."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


CHECKS = {"uri": is_uri, "email": is_email, "date": is_date}


def format_checker():
    """A jsonschema FormatChecker with exactly our checks."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, func in CHECKS.items():
        checker.checks(name)(func)
    return checker
