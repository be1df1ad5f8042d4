"""Phone numbers: Europass keeps the country dialling code apart from the number."""

from __future__ import annotations

import re


def split_phone(text: str, country: str | None = None) -> tuple[str, str, str | None] | None:
    """(country dialling code, national number, ISO region or None) of a free-text phone.

    A number with a +code (or 00, or (+49)) carries its country. A number without one takes the dialling code of
    ``country`` (the CV's location.countryCode) when the number is a valid number there; otherwise None: Europass
    needs a dialling code and we do not guess it.
    """
    import phonenumbers

    cleaned = re.sub(r"^\(\s*(\+|00)\s*(\d{1,3})\s*\)", r"+\2 ", text.strip())
    cleaned = re.sub(r"^00(?=\d)", "+", cleaned)
    region_hint = None
    if not cleaned.startswith("+"):
        if not country or not re.fullmatch(r"[A-Za-z]{2}", country):
            return None
        region_hint = country.upper()
    try:
        number = phonenumbers.parse(cleaned, region_hint)
    except phonenumbers.NumberParseException:
        return None
    if region_hint and not phonenumbers.is_valid_number(number):
        return None
    region = phonenumbers.region_code_for_number(number)
    national = phonenumbers.national_significant_number(number)
    return str(number.country_code), national, (region if region and region != "ZZ" else None)


def join_phone(dial: str | None, number: str | None) -> str | None:
    if not number:
        return None
    return f"+{dial} {number}" if dial else number
