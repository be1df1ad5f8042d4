"""Countries: Europass wants ISO 3166-1 alpha-2 codes where CVs write "San Jose, USA" or "Venezuela".

Names come from maintained tables, never guesses: pycountry (ISO 3166-1 names, official and common names, alpha-3
codes) and the country names in many languages that phonenumbers ships (``geodata.locale``: "Russia",
"Deutschland", "美国"). A name that two countries share, or that is also a US state ("Georgia"), is not taken;
neither are two-letter codes after a comma, since "San Jose, CA" names California, not Canada.
"""

from __future__ import annotations

import re
from functools import cache

#: ISO 3166-1 "exceptionally reserved" codes still written for a country (ISO keeps UK for the United Kingdom).
RESERVED = {"UK": "GB"}
#: Names not taken: US states that are also countries ("Atlanta, Georgia"), and short names two countries claim.
AMBIGUOUS = frozenset({"georgia", "korea", "congo"})


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().casefold()


@cache
def _names() -> dict[str, str | None]:
    """Normalized country name or alpha-3 code -> alpha-2 code (None when two countries share the name)."""
    import pycountry

    table: dict[str, str | None] = {}

    def add(name: str | None, code: str) -> None:
        if not name or len(name) < 3:
            return
        key = _key(name)
        table[key] = code if table.get(key, code) == code else None

    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name", "alpha_3"):
            add(getattr(country, attr, None), country.alpha_2)
    for region, names in _locale_data().items():
        if not re.fullmatch(r"[A-Z]{2}", region):
            continue
        for value in names.values():
            seen: set[str] = set()
            while value.startswith("*") and value not in seen:
                seen.add(value)
                value = names.get(value[1:], "")
            add(value, region)
    for name in AMBIGUOUS:
        table[name] = None
    return table


def _locale_data() -> dict[str, dict[str, str]]:
    """phonenumbers' table of country names by language (geodata/locale.py), loaded on its own.

    Importing it as ``phonenumbers.geodata.locale`` would first load all of phonenumbers' geocoding data (1.5 s);
    the file needs only ``phonenumbers.util``.
    """
    import importlib.util
    from pathlib import Path

    import phonenumbers

    path = Path(phonenumbers.__file__).parent / "geodata" / "locale.py"
    spec = importlib.util.spec_from_file_location("phonenumbers.geodata.locale", path)
    if spec is None or spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data: dict[str, dict[str, str]] = module.LOCALE_DATA
    return data


def country_code(text: str) -> str | None:
    """The alpha-2 code a country field names: 'US', 'us', 'USA', 'United States', 'UK' -> 'US'/'GB'; else None."""
    value = text.strip()
    if re.fullmatch(r"[A-Za-z]{2}", value):
        import pycountry

        code = RESERVED.get(value.upper(), value.upper())
        return code if pycountry.countries.get(alpha_2=code) else None
    return _names().get(_key(value))


def split_place(text: str) -> tuple[str, str] | None:
    """('San Jose', 'US') from 'San Jose, USA': a city then a country after the last comma; None when unsure."""
    city, sep, country = text.rpartition(",")
    country = country.strip()
    if not sep or not city.strip() or (country.isascii() and len(country) < 3 and country.upper() not in RESERVED):
        return None
    code = RESERVED.get(country.upper()) or _names().get(_key(country))
    return (city.strip(), code) if code else None


def country_name(code: str) -> str | None:
    """'United States' for 'US': how a reader of the CV writes the country after a city."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)
