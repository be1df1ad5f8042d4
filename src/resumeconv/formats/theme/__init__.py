"""Theme-ready JSON Resume: a strictly upstream-valid document (v1.0.0 and latest) for stock npm themes.

Stock themes read only upstream fields. So the academic fields are folded into the fields themes display (authors
into a publication's summary, the venue into its publisher, talks' venues into the project's entity, mentees into
a service entry), every other field that is not upstream is removed and reported, the fields known themes crash
without get empty defaults, and the legacy aliases older themes still read are added.

Folded text is plain text that reads right printed as is, unless ``theme=NAME`` names a known theme: its profile
(profiles.py) says which fields it formats (CommonMark, its own mini-Markdown or raw HTML), which sections and
fields it shows and how it prints dates (docs/themes.md).
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import urlparse

from ...core import document, places
from ...core.dates import date_fields, is_iso, precision
from ...core.losses import LossReport, pointer
from ...schemas import load_schema, resolve
from .. import WriteResult
from .._academic import (
    EVENT_TYPES,
    date_range,
    has_mark,
    human_date,
    join_nonempty,
    metric_text,
    venue_text,
)
from .._contract import Option
from .markup import STYLES, Text
from .profiles import ThemeProfile, profile

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
#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("theme", str, None, "the theme the document is made for (e.g. even, stackoverflow): its profile "
           "(docs/themes.md) spells text the way it prints right; none or unknown: plain text"),
)
#: Where a theme shows an item's headline; dates too coarse for the theme are written there as text.
HEADLINE = {"work": "position", "volunteer": "position", "education": "studyType", "projects": "name",
            "awards": "title", "publications": "publisher"}
_ORDER = ("year", "month", "day")


class _Fold:
    """What one fold needs: the theme's profile (which style a field takes, what it shows) and the report."""

    def __init__(self, theme: ThemeProfile, report: LossReport) -> None:
        self.theme = theme
        self.report = report

    def style(self, section: str, key: str) -> Text:
        return STYLES[self.theme.style_name(section, key)]

    def moved(self, ptr: str, where: str) -> None:
        self.report.add(ptr, f"shown in {where}", "normalization")

    def append(self, item: dict[str, Any], section: str, key: str, text: str) -> None:
        """Add a paragraph (already in the field's style) to a text field."""
        if text:
            before = item.get(key)
            item[key] = self.style(section, key).paragraphs([str(before) if before else "", text])


Fold = Callable[[dict[str, Any], str, _Fold], None]


def write(doc: dict[str, Any], *, format: str = "theme", theme: str | None = None) -> WriteResult:
    out, report = theme_document(doc, theme=theme)
    return WriteResult(document.dump_json(out).encode("utf-8"), report.items)


def theme_document(doc: dict[str, Any], *, theme: str | None = None) -> tuple[dict[str, Any], LossReport]:
    """The theme-ready document and its loss report (the library entry point ``render`` uses)."""
    prof = profile(theme_name(theme))
    out = copy.deepcopy(doc)
    report = LossReport()
    fold = _Fold(prof, report)
    _escape_own_text(out, fold)
    _fold_sections(out, fold)
    _strip_non_upstream(out, report)
    _add_mentoring(out, doc, fold)
    _safe_defaults(out, report)
    _end_events(out, report)
    _calendar_dates(out, prof, report)
    _coarse_dates(out, prof, report)
    _check_upstream(out, report)
    _hidden_sections(out, prof, report)
    _theme_quirks(out, prof, report)
    _legacy_aliases(out)
    _copies(out, prof)
    _escape_raw_fields(out, fold)
    return out, report


def theme_name(theme: str | None) -> str | None:
    """'even' for 'even', 'jsonresume-theme-even' or '@scope/jsonresume-theme-even'."""
    if not theme:
        return None
    base = theme.rsplit("/", 1)[-1]
    return base.removeprefix("jsonresume-theme-").lower()


def _escape_own_text(out: dict[str, Any], fold: _Fold) -> None:
    """The CV's own text in a field the theme prints as raw HTML must not become markup (``a < b``, ``R&D``).

    Markdown themes get the CV's text as written: a JSON Resume summary may hold Markdown meant for them."""
    if fold.theme.markup != "html":
        return
    for section, value in out.items():
        items = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for key, text in item.items():
                style = fold.style(section, key)
                if style.name != "html":
                    continue
                if isinstance(text, str):
                    item[key] = style.text(text)
                elif isinstance(text, list):
                    item[key] = [style.text(x) if isinstance(x, str) else x for x in text]


def _escape_raw_fields(out: dict[str, Any], fold: _Fold) -> None:
    """A theme that inserts plain fields unescaped (even) gets them HTML-escaped, so that a title with '<' or '&'
    prints as written; the fields it formats were written in their style already."""
    if fold.theme.raw:
        for section, value in out.items():
            _escape_in(value, section, fold)


def _escape_in(node: Any, section: str, fold: _Fold, key: str = "") -> Any:
    if isinstance(node, str):
        # Double quotes too: even puts values into double-quoted attributes (href="${url}").
        return html.escape(node, quote=False).replace('"', "&quot;") if fold.style(section, key).name == "html" \
            else node
    if isinstance(node, list):
        node[:] = [_escape_in(x, section, fold, key) for x in node]
    elif isinstance(node, dict):
        for name, value in node.items():
            node[name] = _escape_in(value, section, fold, name)
    return node


# --- folding academic fields into displayed ones ----------------------------------------------------------------


def _fold_basics(basics: dict[str, Any], ptr: str, fold: _Fold) -> None:
    orcid = basics.pop("orcid", None)
    if orcid:
        profiles = basics.setdefault("profiles", [])
        if not any(isinstance(p, dict) and str(p.get("network", "")).lower() == "orcid" for p in profiles):
            profiles.append({"network": "ORCID", "username": orcid, "url": f"https://orcid.org/{orcid}"})
        fold.moved(f"{ptr}/orcid", "basics.profiles (network ORCID)")
    style = fold.style("basics", "summary")
    metrics = basics.pop("metrics", None)
    if metrics:
        fold.append(basics, "basics", "summary",
                    style.text("; ".join(metric_text(m) for m in metrics if isinstance(m, dict))))
        fold.moved(f"{ptr}/metrics", "basics.summary")
    highlights = basics.pop("researchHighlights", None)
    for i, item in enumerate(highlights or []):
        if not isinstance(item, dict):
            fold.report.add(f"{ptr}/researchHighlights/{i}", "not a highlight object; themes cannot show it")
            continue
        title = style.strong(style.text(f"{item['title']}.")) + " " if item.get("title") else ""
        fold.append(basics, "basics", "summary", title + style.text(str(item.get("summary", ""))))
        fold.moved(f"{ptr}/researchHighlights/{i}", "basics.summary")


def _fold_work(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    style = fold.style("work", "summary")
    lines = []
    for key, label in (("department", "Department"), ("project", "Project")):
        value = item.pop(key, None)
        if value:
            lines.append(style.text(f"{label}: {value}"))
            fold.moved(f"{ptr}/{key}", "work summary")
    kinds = item.pop("employmentType", None) or []
    place = item.pop("workplaceType", None)
    if kinds or place:
        lines.append(style.text("Employment: " + join_nonempty([join_nonempty(kinds), place], "; ")))
        for key, value in (("employmentType", kinds), ("workplaceType", place)):
            if value:
                fold.moved(f"{ptr}/{key}", "work summary")
    fold.append(item, "work", "summary", style.paragraphs(lines))


def _fold_volunteer(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    venues = item.pop("venues", None)
    if venues:
        text = join_nonempty(venues)
        if item.get("organization"):
            fold.append(item, "volunteer", "summary", fold.style("volunteer", "summary").text(f"Venues: {text}"))
            fold.moved(f"{ptr}/venues", "volunteer summary")
        else:
            item["organization"] = text
            fold.moved(f"{ptr}/venues", "volunteer organization")


def _fold_education(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    status = item.pop("status", None)
    if status:
        item["studyType"] = join_nonempty([item.get("studyType"), f"({status})"], " ")
        fold.moved(f"{ptr}/status", "education studyType")
    place = [item.pop(k, None) for k in ("department", "location")]
    if any(place):
        item["institution"] = join_nonempty([item.get("institution"), *place])
        for key, value in zip(("department", "location"), place, strict=True):
            if value:
                fold.moved(f"{ptr}/{key}", "education institution")
    details = []
    for key, label in (("thesis", "thesis"), ("advisors", "advisor"), ("committee", "committee"),
                       ("researchAreas", "research areas")):
        value = item.pop(key, None)
        if value:
            text = join_nonempty(value) if isinstance(value, list) else str(value)
            details.append(f"{label}{'s' if label == 'advisor' and len(value) > 1 else ''}: {text}")
            fold.moved(f"{ptr}/{key}", "education area")
    if details:
        item["area"] = join_nonempty([item.get("area"), f"({'; '.join(details)})"], " ")


def _fold_awards(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    style = fold.style("awards", "summary")
    host = item.pop("host", None)
    if host and not item.get("awarder"):
        item["awarder"] = host
        fold.moved(f"{ptr}/host", "award awarder")
    elif host:
        fold.append(item, "awards", "summary", style.text(f"Hosted by {host}"))
        fold.moved(f"{ptr}/host", "award summary")
    facts = []
    for key in ("amount", "selectivity"):
        value = item.pop(key, None)
        if value:
            facts.append(str(value))
            fold.moved(f"{ptr}/{key}", "award summary")
    dates = item.pop("dates", None)
    if dates:
        facts.append("Received " + join_nonempty(human_date(d) for d in dates))
        fold.moved(f"{ptr}/dates", "award summary")
    fold.append(item, "awards", "summary", style.text(" · ".join(facts)))


def _author_line(authors: list[Any], style: Text) -> str:
    """The author list as the reader must see it: the owner (``self``) strong where the style can show it, ``*``
    after equal contributors, ``†`` after corresponding authors, and a legend note for the marks used."""
    names = []
    for author in authors:
        if not isinstance(author, dict):
            continue
        name = style.text(str(author.get("name", "")))
        if author.get("self") is True:
            name = style.strong(name)
        if author.get("equalContribution") is True:
            name = style.marked(name, style.star)
        if author.get("corresponding") is True:
            name = style.marked(name, "†")
        names.append(name)
    notes = [m for k, m in (("equalContribution", f"{style.star} equal contribution"),
                            ("corresponding", "† corresponding author")) if has_mark(authors, k)]
    return style.legend(style.authors(names), notes)


def _fold_publication(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    style = fold.style("publications", "summary")
    lead = []
    authors = item.pop("authors", None)
    if isinstance(authors, list) and authors:
        lead.append(_author_line(authors, style))
        fold.moved(f"{ptr}/authors", "publication summary")
    status = item.pop("status", None)
    notes = item.pop("notes", None) or []
    remarks = [status.replace("-", " ").capitalize()] if status and status != "published" else []
    remarks += [str(n) for n in notes]
    if remarks:
        lead.append(style.text(" · ".join(remarks)))
    if status:
        shown = status != "published"
        fold.report.add(f"{ptr}/status",
                        "shown in publication summary" if shown else "published work needs no status line",
                        "normalization")
    if notes:
        fold.moved(f"{ptr}/notes", "publication summary")
    _fold_venue(item, ptr, fold)
    _fold_identifiers(item, ptr, fold, lead)
    if lead:
        before = item.get("summary")
        item["summary"] = style.paragraphs([*lead, str(before) if before else ""])


def _fold_venue(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    venue = venue_text(item.pop("venue", None))
    if venue:
        fold.moved(f"{ptr}/venue", "publication publisher")
    numbers = []
    for key, label in (("volume", "vol."), ("issue", "no."), ("pages", "pp.")):
        value = item.pop(key, None)
        if value:
            numbers.append(f"{label} {value}")
            fold.moved(f"{ptr}/{key}", "publication publisher")
    if venue or numbers:
        item["publisher"] = join_nonempty([venue, item.get("publisher"), join_nonempty(numbers)])


def _fold_identifiers(item: dict[str, Any], ptr: str, fold: _Fold, lead: list[str]) -> None:
    """A DOI or arXiv id becomes the publication's link where the theme shows one, else a line of the summary."""
    style = fold.style("publications", "summary")
    linked = fold.theme.shows("publications", "url")
    links = []
    for key, label, base in (("doi", "DOI", "https://doi.org/"), ("arxiv", "arXiv", "https://arxiv.org/abs/")):
        value = item.pop(key, None)
        if not value:
            continue
        url = base + value
        if not item.get("url"):
            item["url"] = url
            if linked:
                fold.moved(f"{ptr}/{key}", "publication url")
                continue
        links.append(f"{style.text(label + ': ')}{style.link(value, url)}")
        fold.moved(f"{ptr}/{key}", "publication summary")
    if links:
        lead.append(" · ".join(links))


def _fold_project(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    venue = venue_text(item.pop("venue", None))
    location = item.pop("location", None)
    where = join_nonempty([venue, location])
    style = fold.style("projects", "description")
    if where and not item.get("entity") and fold.theme.shows("projects", "entity"):
        item["entity"] = where
        target = "project entity"
    elif where:
        fold.append(item, "projects", "description", style.text(where))
        target = "project description"
    for key, value in (("venue", venue), ("location", location)):
        if value:
            fold.moved(f"{ptr}/{key}", target)
    presenters = item.pop("presenters", None)
    if presenters:
        fold.append(item, "projects", "description", style.text("Presenters: " + join_nonempty(presenters)))
        fold.moved(f"{ptr}/presenters", "project description")


def _fold_language(item: dict[str, Any], ptr: str, fold: _Fold) -> None:
    cefr = item.pop("cefr", None)
    if isinstance(cefr, dict) and cefr:
        levels = join_nonempty(f"{k} {v}" for k, v in cefr.items())
        item["fluency"] = join_nonempty([item.get("fluency"), f"(CEFR: {levels})"], " ")
        fold.moved(f"{ptr}/cefr", "language fluency")


_ITEM_FOLDS: dict[str, Fold] = {
    "work": _fold_work, "volunteer": _fold_volunteer, "education": _fold_education, "awards": _fold_awards,
    "publications": _fold_publication, "projects": _fold_project, "languages": _fold_language,
}


def _fold_sections(out: dict[str, Any], fold: _Fold) -> None:
    if isinstance(out.get("basics"), dict):
        _fold_basics(out["basics"], "/basics", fold)
    meta = out.get("meta")
    overview = meta.pop("publicationsOverview", None) if isinstance(meta, dict) else None
    if overview:
        basics = out.setdefault("basics", {})
        fold.append(basics, "basics", "summary", fold.style("basics", "summary").text(str(overview)))
        fold.moved("/meta/publicationsOverview", "basics.summary")
    for section, fold_item in _ITEM_FOLDS.items():
        items = out.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    fold_item(item, pointer(section, i), fold)


def _add_mentoring(out: dict[str, Any], doc: dict[str, Any], fold: _Fold) -> None:
    """Mentees have no upstream section; one service entry lists them (themes render volunteer work)."""
    meta = doc.get("meta")
    found = meta.get("mentees") if isinstance(meta, dict) else None
    listed: list[Any] = found if isinstance(found, list) else []
    mentees = [m for m in listed if isinstance(m, dict)]
    for i, mentee in enumerate(listed):
        if not isinstance(mentee, dict):
            fold.report.add(f"/meta/mentees/{i}", "not a mentee object; themes cannot show it")
    if not mentees:
        return
    style = fold.style("volunteer", "highlights")
    entry: dict[str, Any] = {"position": "Mentoring", "highlights": [_mentee_text(m, style) for m in mentees]}
    starts = sorted(m["startDate"] for m in mentees if is_iso(m.get("startDate")))
    ends = [str(m.get("endDate")) for m in mentees if is_iso(m.get("endDate"))]
    if starts:
        entry["startDate"] = starts[0]
    if ends and len(ends) == len(mentees):
        entry["endDate"] = max(ends)
    out.setdefault("volunteer", []).append(entry)
    for i, mentee in enumerate(listed):
        if isinstance(mentee, dict):
            fold.moved(f"/meta/mentees/{i}", "a 'Mentoring' volunteer entry")


def _mentee_text(mentee: dict[str, Any], style: Text) -> str:
    roles = [join_nonempty([a.get("role"), a.get("institution")], ", ") for a in mentee.get("affiliations") or []
             if isinstance(a, dict)]
    text = style.strong(style.text(str(mentee.get("name", ""))))
    rest = f" ({'; '.join(roles)})" if roles else ""
    when = date_range(mentee.get("startDate"), mentee.get("endDate"))
    if when:
        rest += f", {when}"
    outcomes = mentee.get("outcomes")
    if outcomes:
        rest += ": " + join_nonempty(outcomes)
    if mentee.get("summary"):
        rest += f". {mentee['summary']}"
    return text + style.text(rest)


# --- keeping only upstream fields --------------------------------------------------------------------------------


@cache
def _upstream() -> dict[str, Any]:
    return load_schema("jsonresume-1.0")


def _declared(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The declared properties of an object schema (None for non-objects)."""
    return schema.get("properties") if isinstance(schema.get("properties"), dict) else None


def _strip_non_upstream(out: dict[str, Any], report: LossReport) -> None:
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


def _safe_defaults(out: dict[str, Any], report: LossReport) -> None:
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


def _end_events(out: dict[str, Any], report: LossReport) -> None:
    """A talk given on a date has ended: without an endDate themes print it as ongoing ('... – Present')."""
    for i, item in enumerate(out.get("projects") or []):
        if isinstance(item, dict) and item.get("type") in EVENT_TYPES and item.get("startDate") \
                and not item.get("endDate"):
            item["endDate"] = item["startDate"]
            report.add(f"/projects/{i}/endDate", "set to the startDate: a talk ends when it is given", "normalization")


def _calendar_dates(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
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


def _coarse_dates(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
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


def _hidden_sections(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
    """Sections the theme has no template for stay in the document (another theme may show them) and are
    reported: the rendered page will not have them."""
    for section in sorted(k for k, v in out.items() if isinstance(v, list) and v):
        if section in _upstream()["properties"] and section != "basics" and not theme.shows(section):
            report.add(f"/{section}", f"{theme.name} has no {section} section; the page will not show it")


def _theme_quirks(out: dict[str, Any], theme: ThemeProfile, report: LossReport) -> None:
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


def _copies(out: dict[str, Any], theme: ThemeProfile) -> None:
    """Fields a theme reads under another name (class: ``education.qualification``), made from current ones."""
    for section, copies in theme.copies.items():
        for item in out.get(section) or []:
            for target, sources in copies.items():
                text = join_nonempty([item.get(k) for k in sources if isinstance(item, dict)])
                if isinstance(item, dict) and text and target not in item:
                    item[target] = text


def _check_upstream(out: dict[str, Any], report: LossReport) -> None:
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


def _legacy_aliases(out: dict[str, Any]) -> None:
    for section, aliases in LEGACY_ALIASES.items():
        value = out.get(section)
        items = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for item in items:
            for current, legacy in aliases.items():
                if isinstance(item, dict) and item.get(current) and legacy not in item:
                    item[legacy] = item[current]
