"""Folding academic fields into the fields stock themes print (authors into a summary, the venue into the
publisher, talks' venues into the entity, mentees into a service entry), in the style the theme's profile gives
each field; and escaping the text a theme prints raw."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ...core.dates import is_iso
from ...core.losses import LossReport, pointer
from .._academic import (
    date_range,
    has_mark,
    human_date,
    join_nonempty,
    metric_text,
    venue_text,
)
from .markup import STYLES, Text
from .profiles import ThemeProfile


class Folder:
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


Fold = Callable[[dict[str, Any], str, Folder], None]


def escape_own_text(out: dict[str, Any], fold: Folder) -> None:
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


def escape_raw_fields(out: dict[str, Any], fold: Folder) -> None:
    """A theme that inserts plain fields unescaped (even) gets them HTML-escaped, so that a title with '<' or '&'
    prints as written; the fields it formats were written in their style already."""
    if fold.theme.raw:
        for section, value in out.items():
            _escape_in(value, section, fold)


def _escape_in(node: Any, section: str, fold: Folder, key: str = "") -> Any:
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


def _fold_basics(basics: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_work(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_volunteer(item: dict[str, Any], ptr: str, fold: Folder) -> None:
    venues = item.pop("venues", None)
    if venues:
        text = join_nonempty(venues)
        if item.get("organization"):
            fold.append(item, "volunteer", "summary", fold.style("volunteer", "summary").text(f"Venues: {text}"))
            fold.moved(f"{ptr}/venues", "volunteer summary")
        else:
            item["organization"] = text
            fold.moved(f"{ptr}/venues", "volunteer organization")


def _fold_education(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_awards(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_publication(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_venue(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_identifiers(item: dict[str, Any], ptr: str, fold: Folder, lead: list[str]) -> None:
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


def _fold_project(item: dict[str, Any], ptr: str, fold: Folder) -> None:
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


def _fold_language(item: dict[str, Any], ptr: str, fold: Folder) -> None:
    cefr = item.pop("cefr", None)
    if isinstance(cefr, dict) and cefr:
        levels = join_nonempty(f"{k} {v}" for k, v in cefr.items())
        item["fluency"] = join_nonempty([item.get("fluency"), f"(CEFR: {levels})"], " ")
        fold.moved(f"{ptr}/cefr", "language fluency")


_ITEM_FOLDS: dict[str, Fold] = {
    "work": _fold_work, "volunteer": _fold_volunteer, "education": _fold_education, "awards": _fold_awards,
    "publications": _fold_publication, "projects": _fold_project, "languages": _fold_language,
}


def fold_sections(out: dict[str, Any], fold: Folder) -> None:
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


def add_mentoring(out: dict[str, Any], doc: dict[str, Any], fold: Folder) -> None:
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
