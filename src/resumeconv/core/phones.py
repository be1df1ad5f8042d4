"""Phone numbers: one reading of the free text CVs hold, so every format writes the same number or says it cannot.

A number is read with phonenumbers (Google's libphonenumber metadata). It carries its country when written with a
``+code``, ``00code`` or ``(+code)``; a number without one takes the dialling code of the CV's country
(``basics.location.countryCode``) only when it is a valid number there. Anything else is kept as text and is not
a number any format can write in international form: we never guess a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_PREFIX = re.compile(r"^\(\s*(\+|00)\s*(\d{1,3})\s*\)")


@dataclass(frozen=True)
class Phone:
    """A phone number as written, and what it is when it reads as one (``e164`` None: it does not)."""

    text: str
    #: The country dialling code ('49'), the national significant number ('301234567'), the ISO region ('DE').
    dial: str | None = None
    national: str | None = None
    region: str | None = None
    extension: str | None = None
    #: '+49301234567'.
    e164: str | None = None
    #: '+49 30 1234567': the international form people read (without the extension).
    international: str | None = None
    #: True when the country came from the CV's location, not from the number itself.
    from_hint: bool = False
    #: A number in an assigned range (phonenumbers' is_valid_number); False for possible numbers such as the
    #: fictional +1 555-01xx, which consumers that validate (RenderCV) refuse.
    valid: bool = False


def parse(text: Any, country: str | None = None) -> Phone:
    """The number ``text`` names; ``country`` is an ISO 3166 alpha-2 hint for numbers written without a +code."""
    import phonenumbers

    raw = str(text).strip() if text is not None else ""
    cleaned = _PREFIX.sub(r"+\2 ", raw)
    cleaned = re.sub(r"^00(?=\d)", "+", cleaned)
    hint = None
    if not cleaned.startswith("+"):
        if not country or not re.fullmatch(r"[A-Za-z]{2}", country):
            return Phone(raw)
        hint = country.upper()
    try:
        number = phonenumbers.parse(cleaned, hint)
    except phonenumbers.NumberParseException:
        return Phone(raw)
    valid = phonenumbers.is_valid_number(number)
    if not (valid if hint else phonenumbers.is_possible_number(number)):
        return Phone(raw)
    region = phonenumbers.region_code_for_number(number)
    extension = number.extension
    number.extension = None
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return Phone(raw, str(number.country_code), phonenumbers.national_significant_number(number),
                 region if region and region != "ZZ" else None, extension or None,
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), international,
                 from_hint=hint is not None, valid=valid)


def country_hint(doc: Any) -> str | None:
    """The ISO alpha-2 code of the CV's country (``basics.location.countryCode``: 'DE', 'Germany', 'UK')."""
    basics = doc.get("basics") if isinstance(doc, dict) else None
    location = basics.get("location") if isinstance(basics, dict) else None
    code = location.get("countryCode") if isinstance(location, dict) else None
    if not isinstance(code, str):
        return None
    from .places import country_code

    return country_code(code)


def join(dial: str | None, number: str | None) -> str | None:
    """'+49 301234567' from a dialling code and a national number, as formats that keep them apart read back."""
    if not number:
        return None
    return f"+{dial} {number}" if dial else number
