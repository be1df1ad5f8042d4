"""Format checks that really run (uri, email, date), without jsonschema's slow optional packages."""

from __future__ import annotations

import datetime
import re
from typing import Any

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


def format_checker() -> Any:
    """A jsonschema FormatChecker with exactly our checks."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, func in CHECKS.items():
        checker.checks(name)(func)
    return checker


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,24})(?::\d+)?(?:[/?#]|$)")
#: A "host" ending in one of these is a file name ("resumeSchema.json"), not a web address.
_FILE_SUFFIXES = frozenset({"json", "yaml", "yml", "png", "jpg", "jpeg", "gif", "svg", "pdf", "html", "htm", "txt"})


def has_scheme(value: str) -> bool:
    return bool(_SCHEME.match(value))


def suggest_url(value: str) -> str | None:
    """The absolute URL a scheme-less web address means (``//host/x`` or ``www.host.org/x``), else None.

    Only host-like text gets ``https://``; a relative path or file name is never turned into a made-up URL.
    """
    text = value.strip()
    if has_scheme(text) or not text:
        return None
    if text.startswith("//") and _HOST.match(text[2:]):
        return "https:" + text
    match = _HOST.match(text)
    if match and match.group("tld").lower() not in _FILE_SUFFIXES and " " not in text:
        return "https://" + text
    return None


def url_problem(value: str) -> str:
    """Why a string is not an absolute URL and, when it is clear, what to write instead."""
    if not value.strip():
        return "empty URL; leave the field out when there is none"
    fixed = suggest_url(value)
    if fixed:
        return f"'{value}' has no scheme; write {fixed}"
    if not has_scheme(value):
        return f"'{value}' is not an absolute URL; write it with a scheme, e.g. https://example.org/"
    return f"'{value}' is not a valid URL (spaces and characters such as < > \" {{ }} must be percent-encoded)"
