"""Making the folded document upstream-valid and safe for the theme: fields upstream v1.0.0 does not declare
removed and reported, empty defaults where known themes crash without them, dates as precise as the theme prints
them, hidden sections reported, legacy aliases older themes read."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlparse

from ...core import places
from ...core.dates import date_fields, is_iso, precision
from ...core.losses import LossReport, pointer
from ...schemas import load_schema, resolve
from .._academic import EVENT_TYPES, date_range, join_nonempty
from .profiles import ThemeProfile

#: The upstream schema the output claims (a real, tagged file of the jsonresume/resume-schema repository).
UPSTREAM_SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
#: Profiles the output must satisfy.
PROFILES = ("jsonresume-1.0", "jsonresume")
#: Field names of the 0.0.x schema that older themes still read, copied from their current names.
LEGACY_ALIASES: dict[str, dict[str, str]] = {
    "basics": {"image": "picture", "url": "website"},
    "work": {"name": "company", "url": "website"},
    "volunteer": {"url": "website"},
    "education": {"score": "gpa"},
    "publications": {"url": "website"},
}
#: Where a theme shows an item's headline; dates too coarse for the theme are written there as text.
HEADLINE = {"work": "position", "volunteer": "position", "education": "studyType", "projects": "name",
            "awards": "title", "publications": "publisher"}
_ORDER = ("year", "month", "day")


@cache
def _upstream() -> dict[str, Any]:
    return load_schema("jsonresume-1.0")


def _declared(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The declared properties of an object schema (None for non-objects)."""
    return schema.get("properties") if isinstance(schema.get("properties"), dict) else None


def strip_non_upstream(out: dict[str, Any], report: LossReport) -> None:
    """Remove every field upstream v1.0.0 does not declare (extensions, typos, our $schema)."""
    schema = out.get("$schema")
    if schema is not None and schema != UPSTREAM_SCHEMA_URL:
        out["$schema"] = UPSTREAM_SCHEMA_URL
        report.add("/$schema", "points at the upstream v1.0.0 schema in the theme document", "normalization")
    if isinstance(out.get("meta"), dict):
        out["meta"].pop("mentees", None)
    _strip(out, _upstream(), "", report)


def _strip(node: Any, schema: dict[str, Any], ptr: str, report: LossReport) -> None:
    if isinstance(node, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(node):
            _strip(item, schema["items"], f"{ptr}/{i}", report)
        return
    declared = _declared(schema)
    if not isinstance(node, dict) or declared is None:
        return
    for key in list(node):
        if key not in declared:
            node.pop(key)
            report.add(ptr + pointer(key), "not a JSON Resume field; no stock theme shows it")
        else:
            _strip(node[key], resolve(declared[key], "jsonresume-1.0"), ptr + pointer(key), report)


# --- what known themes need --------------------------------------------------------------------------------------


def safe_defaults(out: dict[str, Any], report: LossReport) -> None:
    """elegant reads ``basics.location[...]`` and ``profile.network.toLowerCase()`` without checks (kendall and
    stackoverflow the network too, kendall ``basics.name``); even reads ``countryCode`` as a region code."""
    basics = out.setdefault("basics", {})
    if not isinstance(basics.get("name"), str):
        # kendall calls basics.name.toUpperCase(); an empty name invents nothing.
        basics["name"] = ""
    location = basics.setdefault("location", {})
    country = location.get("countryCode") if isinstance(location, dict) else None
    code = places.country_code(country) if isinstance(country, str) else None
    if code and code != country:
        location["countryCode"] = code
        report.add("/basics/location/countryCode", f"written as the ISO code {code} (themes read a region code)",
                   "normalization")
    elif isinstance(country, str) and not code:
        # even passes countryCode to Intl.DisplayNames, which throws on anything but a region code.
        location["region"] = join_nonempty([location.get("region"), location.pop("countryCode")])
        report.add("/basics/location/countryCode", "not an ISO 3166-1 alpha-2 code (themes crash on it); "
                   "shown in basics.location.region", "normalization")
    profiles = basics.setdefault("profiles", [])
    kept = []
    for i, entry in enumerate(profiles):
        if isinstance(entry, dict) and not entry.get("network"):
            host = urlparse(str(entry.get("url", ""))).hostname
            if not host:
                report.add(f"/basics/profiles/{i}", "a profile with neither network nor url: themes cannot show it")
                continue
            entry["network"] = host.removeprefix("www.")
            report.add(f"/basics/profiles/{i}/network", "taken from the profile url's host", "normalization")
        kept.append(entry)
    basics["profiles"] = kept


def end_events(out: dict[str, Any], report: LossReport) -> None:
    """A talk given on a date has ended: without an endDate themes print it as ongoing ('... – Present')."""
    for i, item in enumerate(out.get("projects") or []):
        if isinstance(item, dict) and item.get("type") in EVENT_TYPES and item.get("startDate") \
                and not item.get("endDate"):
            item["endDate"] = item["startDate"]
            report.add(f"/projects/{i}/endDate", "set to the startDate: a talk ends when it is given", "normalization")


def calendar_dates(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
    """A date the pattern allows but the calendar does not have ('2023-18') prints 'Invalid Date' in a theme
    that parses dates: it is removed and reported."""
    if not theme.parses_dates:
        return
    for section, keys in _date_fields().items():
        for i, item in enumerate(out.get(section) or []):
            for key in keys:
                value = item.get(key) if isinstance(item, dict) else None
                if isinstance(value, str) and not is_iso(value):
                    item.pop(key)
                    report.add(f"{pointer(section, i)}/{key}",
                               f"not a calendar date; {theme.name} would print 'Invalid Date'")


def _date_fields() -> dict[str, list[str]]:
    """Section -> its date fields: the sections of the upstream schema, the fields the one date list names."""
    fields: dict[str, list[str]] = {}
    for section, spec in _upstream()["properties"].items():
        found = [k for k in _declared(spec.get("items", {})) or {} if k in date_fields()]
        if found:
            fields[section] = found
    return fields


def coarse_dates(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
    """Dates coarser than a known theme prints: moved into the headline text where the theme prints nothing for a
    missing date, else kept and reported (the theme will show a month or day the CV does not have)."""
    if not theme.precision:
        return
    for section, keys in _date_fields().items():
        need = theme.precision.get(section, theme.precision.get("*", "year"))
        finest = len(_ORDER) if need == "none" else _ORDER.index(need)
        for i, item in enumerate(out.get(section) or []):
            coarse = [k for k in keys if isinstance(item, dict) and is_iso(item.get(k))
                      and _ORDER.index(precision(item[k])) < finest]
            if coarse:
                _coarse_item(item, keys, coarse, theme, pointer(section, i), section, report)


def _coarse_item(item: dict[str, Any], keys: list[str], coarse: list[str], theme: ThemeProfile, ptr: str,
                 section: str, report: LossReport) -> None:
    headline = HEADLINE.get(section)
    need = theme.precision.get(section, theme.precision.get("*", "year"))
    if headline and section in theme.moves:
        dates = {k: item.pop(k) for k in keys if k in item}
        start = dates.get("startDate", dates.get(keys[0]))
        when = date_range(start, dates.get("endDate"), ongoing="endDate" in keys)
        item[headline] = join_nonempty([item.get(headline), when], ", ") if section == "publications" \
            else join_nonempty([item.get(headline), f"({when})"], " ")
        for key in dates:
            what = "does not show this date" if need == "none" else \
                f"would print a {_missing_part(str(dates[key]))} this date does not have"
            report.add(f"{ptr}/{key}", f"{theme.name} {what}; shown in {headline}", "normalization")
        return
    for key in coarse:
        report.add(f"{ptr}/{key}", f"{theme.name} prints this {precision(item[key])}-precision date with a made-up "
                   "month or day", "normalization")


def _missing_part(value: str) -> str:
    return "month" if precision(value) == "year" else "day"


def hidden_sections(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
    """Sections the theme has no template for stay in the document (another theme may show them) and are
    reported: the rendered page will not have them."""
    for section in sorted(k for k, v in out.items() if isinstance(v, list) and v):
        if section in _upstream()["properties"] and section != "basics" and not theme.shows(section):
            report.add(f"/{section}", f"{theme.name} has no {section} section; the page will not show it")


def theme_quirks(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
    """What a theme does wrong with data it was given, which no value could fix without inventing one."""
    for section, key in theme.first_needs.items():
        items = out.get(section)
        if isinstance(items, list) and items and isinstance(items[0], dict) and not items[0].get(key):
            report.add(f"/{section}", f"{theme.name} shows no {section} when the first has no {key}")
    for section, keys in theme.undefined_without.items():
        for i, item in enumerate(out.get(section) or []):
            for key in keys:
                if isinstance(item, dict) and not item.get(key):
                    report.add(pointer(section, i), f"{theme.name} prints 'undefined' for the missing {key}")


def copies(out: dict[str, Any], theme: ThemeProfile) -> None:
    """Fields a theme reads under another name (class: ``education.qualification``), made from current ones."""
    for section, copies in theme.copies.items():
        for item in out.get(section) or []:
            for target, sources in copies.items():
                text = join_nonempty([item.get(k) for k in sources if isinstance(item, dict)])
                if isinstance(item, dict) and text and target not in item:
                    item[target] = text


def check_upstream(out: dict[str, Any], report: LossReport) -> None:
    """Remove whatever still fails an upstream schema (wrong types, bad URLs): stock themes crash on them."""
    from ...schemas.check import validator

    for _ in range(20):
        errors = {tuple(e.absolute_path): e.message for p in PROFILES for e in validator(p).iter_errors(out)}
        if not errors:
            return
        # Deepest and highest index first, so that removing one value does not move another.
        for path in sorted(errors, key=lambda p: [(0, x) if isinstance(x, int) else (1, x) for x in p], reverse=True):
            if not path:
                raise ValueError(f"theme document cannot be made upstream-valid: {errors[path]}")
            if _remove(out, path):
                report.add(pointer(*path), f"not valid JSON Resume ({errors[path]}); themes may crash on it")


def _remove(root: Any, path: tuple[str | int, ...]) -> bool:
    """Remove the value at ``path``; False when it is gone already (a parent was removed)."""
    parent = root
    try:
        for part in path[:-1]:
            parent = parent[part]
        parent.pop(path[-1])
    except (KeyError, IndexError, TypeError):
        return False
    return True


def legacy_aliases(out: dict[str, Any]) -> None:
    for section, aliases in LEGACY_ALIASES.items():
        value = out.get(section)
        items = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for item in items:
            for current, legacy in aliases.items():
                if isinstance(item, dict) and item.get(current) and legacy not in item:
                    item[legacy] = item[current]


#: Fields a stock theme prints as a live link (``href``).
_LINK_FIELDS = frozenset({"url", "website"})


def dead_links(out: Any, report: LossReport, at: str = "") -> None:
    """Leave out every link field whose scheme is not http, https or mailto (``javascript:``, ``data:``,
    ``file:``), and report it: a theme makes a live link of every ``url``, and the CV's reader would click it."""
    from ...core.iri import live_link

    if isinstance(out, dict):
        for key in list(out):
            value = out[key]
            here = f"{at}/{pointer(key)[1:]}"
            if key in _LINK_FIELDS and isinstance(value, str) and value.strip() and not live_link(value.strip()):
                del out[key]
                report.add(here, "not an http, https or mailto address: left out, so no theme makes a live link "
                           "of it")
            else:
                dead_links(value, report, here)
    elif isinstance(out, list):
        for i, item in enumerate(out):
            dead_links(item, report, f"{at}/{i}")

