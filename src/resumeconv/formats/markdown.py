"""An academic CV in Markdown (GitHub profile pages, static sites): no Node, no theme.

Publications are numbered (one list across the CV's own groups), the owner's name is in bold, ``*`` marks equal
contribution and ``†`` a corresponding author; venues, status and notes follow each entry. Whatever the CV has
that this layout does not print is reported as a loss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core import shape
from ..core.iri import live_link
from ..core.losses import Coverage
from ._academic import (
    EVENT_TYPES,
    author_list,
    date_range,
    has_mark,
    human_date,
    join_nonempty,
    md_escape,
    metric_text,
    venue_text,
)
from ._contract import Option, WriteResult

Section = Callable[[dict[str, Any], Coverage], list[str]]
#: The writer takes no options.
OPTIONS: tuple[Option, ...] = ()


def write(doc: dict[str, Any], *, format: str = "markdown") -> WriteResult:
    """The Markdown CV; every place of ``doc`` it does not print is left to the registry's coverage report."""
    tracker = Coverage("the Markdown CV does not show it")
    blocks: list[str] = []
    for section in SECTIONS:
        lines = section(doc, tracker)
        if lines:
            blocks.append("\n".join(lines).strip("\n"))
    return WriteResult(("\n\n".join(blocks) + "\n").encode("utf-8"), coverage=tracker)


def _text(value: Any) -> str:
    """A value as Markdown text (escaped), empty when missing."""
    return md_escape(shape.text(value))


def _link(label: str, url: Any) -> str:
    """``[label](url)`` for a web or mail address; any other value (``javascript:``, ``data:``, ``file:``) is no live
    link: the label, and the value beside it as text when the label does not show it."""
    if not url:
        return label
    if live_link(url):
        return f"[{label}]({url})"
    shown = _text(url)
    return label if not label or shown == label else f"{label} ({shown})" if label else shown


def _bullets(items: Any) -> list[str]:
    return [f"  - {_text(x)}" for x in items or []]


# --- basics ------------------------------------------------------------------------------------------------------


def _header(doc: dict[str, Any], tr: Coverage) -> list[str]:
    basics = shape.obj(doc.get("basics"))
    b = "basics"

    def take(key: str) -> Any:
        return tr.take(basics, key, b)

    lines = [f"# {_text(take('name')) or 'Curriculum Vitae'}"]
    if take("label"):
        lines += ["", f"*{_text(basics['label'])}*"]
    if take("image"):
        lines += ["", f"![{_text(basics.get('name', 'photo'))}]({basics['image']})"]
    contact = [_text(take("email")), _text(take("phone")), _link(_text(basics.get("url")), take("url")),
               _location(basics.get("location"))]
    if isinstance(basics.get("location"), dict):
        for key in _LOCATION_KEYS:  # only what is printed: other keys of the location are reported
            if key in basics["location"]:
                tr.use(b, "location", key)
    if take("orcid"):
        contact.append(f"ORCID [{basics['orcid']}](https://orcid.org/{basics['orcid']})")
    profiles = basics.get("profiles")
    for n, profile in enumerate(profiles if isinstance(profiles, list) else []):
        if isinstance(profile, dict):
            for key in ("network", "username", "url"):
                if key in profile:
                    tr.use(b, "profiles", n, key)
            label = join_nonempty([profile.get("network"), profile.get("username")], ": ")
            contact.append(_link(_text(label or profile.get("url", "")), profile.get("url")))
    contact = [c for c in contact if c]
    if contact:
        lines += ["", " · ".join(contact)]
    if take("summary"):
        lines += ["", _text(basics["summary"])]
    for metric in take("metrics") or []:
        if isinstance(metric, dict):
            lines += ["", _link(_text(metric_text(metric)), metric.get("url"))]
    return lines


#: The parts of basics.location the header prints, in order.
_LOCATION_KEYS = ("address", "city", "region", "postalCode", "countryCode")


def _location(location: Any) -> str:
    if not isinstance(location, dict):
        return ""
    return _text(join_nonempty([location.get(k) for k in _LOCATION_KEYS]).replace("\n", ", "))


def _highlights(doc: dict[str, Any], tr: Coverage) -> list[str]:
    basics = shape.obj(doc.get("basics"))
    items = tr.take(basics, "researchHighlights", "basics") or []
    lines = ["## Research highlights"] if items else []
    for item in items:
        lines += ["", f"### {_text(item.get('title', ''))}", "", _text(item.get("summary", ""))]
    return lines


# --- sections ----------------------------------------------------------------------------------------------------


def _education(doc: dict[str, Any], tr: Coverage) -> list[str]:
    lines = []
    for i, item in shape.items(doc, "education"):
        def take(key: str, i: int = i, item: dict[str, Any] = item) -> Any:
            return tr.take(item, key, "education", i)

        degree = join_nonempty([take("studyType"), take("area")])
        status = f" ({_text(take('status'))})" if item.get("status") else ""
        where = join_nonempty([_link(_text(take("institution")), take("url")), _text(take("department")),
                               _text(take("location"))])
        when = date_range(take("startDate"), take("endDate"), ongoing=False)
        line = f"- **{_text(degree)}**{status}" + (f", {where}" if where else "")
        lines.append(line + (f" ({when})" if when else ""))
        for key, label in (("thesis", "Thesis"), ("advisors", "Advisors"), ("committee", "Committee"),
                           ("researchAreas", "Research areas"), ("score", "Score"), ("courses", "Courses")):
            value = take(key)
            if value:
                text = join_nonempty(value) if isinstance(value, list) else str(value)
                lines.append(f"  - {label}: {_text(text)}")
    return ["## Education", "", *lines] if lines else []


def _experience(doc: dict[str, Any], tr: Coverage) -> list[str]:
    lines = []
    for i, item in shape.items(doc, "work"):
        def take(key: str, i: int = i, item: dict[str, Any] = item) -> Any:
            return tr.take(item, key, "work", i)

        head = join_nonempty([_text(take("position")), _link(_text(take("name")), take("url"))])
        when = date_range(take("startDate"), take("endDate"))
        lines += ["", f"### {head}" + (f" ({when})" if when else "")]
        facts = [_text(take("description")), _text(take("department")), _text(take("location")),
                 _text(join_nonempty(take("employmentType") or [])), _text(take("workplaceType"))]
        if any(facts):
            lines += ["", f"*{join_nonempty(facts, ' · ')}*"]
        if take("project"):
            lines += ["", f"Project: {_text(item['project'])}"]
        if take("summary"):
            lines += ["", _text(item["summary"])]
        if item.get("highlights"):
            lines += ["", *[f"- {_text(h)}" for h in take("highlights")]]
    return ["## Experience", *lines] if lines else []


def _publications(doc: dict[str, Any], tr: Coverage) -> list[str]:
    pubs = shape.items(doc, "publications")
    meta = shape.obj(doc.get("meta"))
    overview = tr.take(meta, "publicationsOverview", "meta")
    if not pubs:
        return []
    lines = ["## Publications"]
    if overview:
        lines += ["", _text(overview)]
    authors = [a for _, p in pubs for a in p.get("authors") or [] if isinstance(a, dict)]
    marks = (("equalContribution", "\\* equal contribution"), ("corresponding", "† corresponding author"))
    legend = [m for k, m in marks if has_mark(authors, k)]
    if legend:
        lines += ["", " · ".join(legend)]
    group = None
    for number, (i, pub) in enumerate(pubs, start=1):
        if tr.take(pub, "group", "publications", i) and pub["group"] != group:
            group = pub["group"]
            lines += ["", f"### {_text(group[:1].upper() + group[1:])}"]
        lines += ["", *_publication(number, i, pub, tr)]
    return lines


def _publication(number: int, i: int, pub: dict[str, Any], tr: Coverage) -> list[str]:
    def take(key: str) -> Any:
        return tr.take(pub, key, "publications", i)

    title = f"**{_text(take('name'))}**"
    rows = [f"{number}. {_link(title, take('url'))}"]
    if take("authors"):
        rows.append(author_list(a for a in pub["authors"] if isinstance(a, dict)))
    venue = venue_text(take("venue"))
    numbers = [f"{label} {take(key)}" for key, label in (("volume", "vol."), ("issue", "no."), ("pages", "pp."))
               if pub.get(key)]
    date = human_date(take("releaseDate")) if pub.get("releaseDate") else ""
    venue_md = f"*{_text(venue)}*" if venue else ""
    place = join_nonempty([venue_md, _text(take("publisher")), _text(join_nonempty(numbers)), date])
    status = take("status")
    remarks = [_text(status.replace("-", " ").capitalize()) if status and status != "published" else "",
               *[_text(n) for n in take("notes") or []]]
    if place or any(remarks):
        rows.append(join_nonempty([place, *remarks], ". "))
    links = [f"DOI: [{_text(take('doi'))}](https://doi.org/{pub['doi']})" if pub.get("doi") else "",
             f"arXiv: [{_text(take('arxiv'))}](https://arxiv.org/abs/{pub['arxiv']})" if pub.get("arxiv") else ""]
    if any(links):
        rows.append(join_nonempty(links, " · "))
    if take("summary"):
        rows.append(_text(pub["summary"]))
    return [rows[0] + ("\\" if len(rows) > 1 else "")] + [
        f"   {row}" + ("\\" if k < len(rows) - 2 else "") for k, row in enumerate(rows[1:])]


def _awards(doc: dict[str, Any], tr: Coverage) -> list[str]:
    lines = []
    for i, item in shape.items(doc, "awards"):
        def take(key: str, i: int = i, item: dict[str, Any] = item) -> Any:
            return tr.take(item, key, "awards", i)

        dates = take("dates") or ([item["date"]] if item.get("date") else [])
        if item.get("date"):
            tr.use("awards", i, "date")
        who = join_nonempty([_text(take("awarder")), _text(take("host"))])
        facts = join_nonempty([_text(take("amount")), _text(take("selectivity")), _text(take("summary"))], "; ")
        line = f"- **{_text(take('title'))}**" + (f", {who}" if who else "")
        line += f" ({', '.join(human_date(d) for d in dates)})" if dates else ""
        lines.append(line + (f": {facts}" if facts else ""))
    return ["## Honors and awards", "", *lines] if lines else []


def _projects(doc: dict[str, Any], tr: Coverage, *, talks: bool) -> list[str]:
    lines = []
    for i, item in shape.items(doc, "projects"):
        if (item.get("type") in EVENT_TYPES) != talks:
            continue

        def take(key: str, i: int = i, item: dict[str, Any] = item) -> Any:
            return tr.take(item, key, "projects", i)

        where = join_nonempty([_text(venue_text(take("venue"))), _text(take("entity")), _text(take("location"))])
        kind = _text(take("type"))
        when = date_range(take("startDate"), take("endDate"), ongoing=not talks)
        line = f"- {_link('**' + _text(take('name')) + '**', take('url'))}"
        tail = join_nonempty([where, kind if not talks else "", when])
        line += f", {tail}" if tail else ""
        who = join_nonempty([_text(join_nonempty(take("roles") or [])),
                             "with " + _text(join_nonempty(item["presenters"])) if take("presenters") else ""], "; ")
        lines.append(line + (f" ({who})" if who else ""))
        if take("description"):
            lines.append(f"  {_text(item['description'])}")
        lines += _bullets(take("highlights"))
        if take("keywords"):
            lines.append(f"  - Keywords: {_text(', '.join(item['keywords']))}")
    title = "## Talks and tutorials" if talks else "## Projects"
    return [title, "", *lines] if lines else []


def _service(doc: dict[str, Any], tr: Coverage) -> list[str]:
    lines = []
    for i, item in shape.items(doc, "volunteer"):
        def take(key: str, i: int = i, item: dict[str, Any] = item) -> Any:
            return tr.take(item, key, "volunteer", i)

        head = join_nonempty([_text(take("position")), _link(_text(take("organization")), take("url"))])
        venues = _text(join_nonempty(take("venues") or []))
        when = date_range(take("startDate"), take("endDate"), ongoing=False)
        kind = _text(take("type"))
        line = f"- **{head}**" + (f" ({kind})" if kind else "") + (f": {venues}" if venues else "")
        lines.append(line + (f", {when}" if when else ""))
        if take("summary"):
            lines.append(f"  {_text(item['summary'])}")
        lines += _bullets(take("highlights"))
    return ["## Service", "", *lines] if lines else []


def _mentoring(doc: dict[str, Any], tr: Coverage) -> list[str]:
    meta = shape.obj(doc.get("meta"))
    lines = []
    for i, mentee in enumerate(meta.get("mentees") or []):
        if not isinstance(mentee, dict):
            continue
        tr.use("meta", "mentees", i)
        roles = [join_nonempty([a.get("role"), a.get("institution")], " @ ") for a in mentee.get("affiliations") or []
                 if isinstance(a, dict)]
        line = f"- **{_text(mentee.get('name', ''))}**" + (f" ({_text('; '.join(roles))})" if roles else "")
        when = date_range(mentee.get("startDate"), mentee.get("endDate"), ongoing=False)
        line += f", {when}" if when else ""
        line += f": {_text(', '.join(mentee['outcomes']))}" if mentee.get("outcomes") else ""
        lines.append(line + (f". {_text(mentee['summary'])}" if mentee.get("summary") else ""))
    return ["## Mentoring", "", *lines] if lines else []


def _simple(section: str, title: str, head: str, rest: tuple[str, ...]) -> Section:
    """A section of one line per item: the bold ``head`` field, then the ``rest`` fields."""
    def render(doc: dict[str, Any], tr: Coverage) -> list[str]:
        lines = []
        for i, item in shape.items(doc, section):
            values = []
            for key in rest:
                value = tr.take(item, key, section, i)
                if isinstance(value, dict):
                    value = join_nonempty(f"{k} {v}" for k, v in value.items())
                elif isinstance(value, list):
                    value = join_nonempty(value)
                elif key == "date" and value:
                    value = human_date(value)
                values.append(_text(value) if value else "")
            lines.append(f"- **{_text(tr.take(item, head, section, i) or '')}**"
                         + "".join(f", {v}" for v in values if v))
        return [f"## {title}", "", *lines] if lines else []
    return render


SECTIONS: tuple[Section, ...] = (
    _header, _highlights, _education, _experience, _publications, _awards,
    lambda d, t: _projects(d, t, talks=True), _service, _mentoring, lambda d, t: _projects(d, t, talks=False),
    _simple("certificates", "Certificates", "name", ("issuer", "date", "url")),
    _simple("skills", "Skills", "name", ("level", "keywords")),
    _simple("languages", "Languages", "language", ("fluency", "cefr")),
    _simple("interests", "Interests", "name", ("keywords",)),
    _simple("references", "References", "name", ("reference",)),
)
