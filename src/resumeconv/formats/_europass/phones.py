"""Phone numbers: Europass keeps the country dialling code apart from the number."""

from __future__ import annotations

import re


def split_phone(text: str) -> tuple[str, str, str | None] | None:
    """(country dialling code, national number, ISO region or None) of a free-text phone with a +code.

    None when the number names no country code: Europass needs one and we do not guess it.
    """
    import phonenumbers

    cleaned = re.sub(r"^\(\s*(\+|00)\s*(\d{1,3})\s*\)", r"+\2 ", text.strip())
    cleaned = re.sub(r"^00(?=\d)", "+", cleaned)
    if not cleaned.startswith("+"):
        return None
    try:
        number = phonenumbers.parse(cleaned, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    national = phonenumbers.national_significant_number(number)
    return str(number.country_code), national, (region if region and region != "ZZ" else None)


def join_phone(dial: str | None, number: str | None) -> str | None:
    if not number:
        return None
    return f"+{dial} {number}" if dial else number
