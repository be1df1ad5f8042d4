"""The ``typst-pdf`` and ``typst-svg`` writers: a resume laid out by Typst, in-process (no Node, no browser, no
network), as one PDF or as one SVG per page (what ``serve`` shows). A registry writer like any other, so the
registry runs the writer preparation, the crash guard and the loss engine around it; ``-O theme=NAME`` picks the
theme (a bundled one or the path of a ``.typ`` file).

The ``typst`` package (the optional extra ``resumeconv[pdf]``) ships the compiler and its fonts in the wheel.
Python turns the document into a *view*: plain JSON with display-ready strings (dates at their real precision,
author flags, grouped publications). A template under ``templates/typst/`` reads that JSON with Typst's own
``json()`` and lays it out. Text never becomes Typst source, so ``#``, ``$``, ``*`` or ``@`` in a title cannot
turn into markup: there is nothing to escape. A theme is a template file; adding one adds no code.

Templates import nothing from the Typst package registry, so compiling needs no network (RenderCV's themes do).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from ..core import shape
from ..core.errors import ResumeconvError
from ..core.iri import link_scheme, live_link
from ..core.losses import Coverage, LossReport, pointer
from ._academic import EVENT_TYPES, date_range, human_date, join_nonempty, metric_text, venue_text
from ._contract import Option, WriteResult

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "typst"
DEFAULT_THEME = "academic"
#: What ``write`` takes (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("theme", str, DEFAULT_THEME, "a bundled Typst theme (academic, compact) or the path of a .typ template"),
    Option("font_path", str, None, f"font folders to search besides the system's, separated by '{os.pathsep}'",
           formats=("typst-pdf",)),
)
#: What ``pip install`` needs for this engine (the one line a missing extra prints).
EXTRA_HINT = "the Typst engine needs the 'pdf' extra: pip install 'resumeconv[pdf]'"
_LOSS = "the Typst PDF does not show it"

Json = dict[str, Any]


class TypstRenderError(ResumeconvError):
    """The extra is missing, the theme is unknown, or Typst refused the template (exit code 2)."""


def themes() -> list[str]:
    """Names of the bundled Typst themes (the template files' stems)."""
    return sorted(p.stem for p in TEMPLATES.glob("*.typ"))


def template(theme: str) -> bytes:
    """The source of a bundled theme, or of a ``.typ`` file the user names."""
    path = Path(theme) if theme.endswith(".typ") else TEMPLATES / f"{theme}.typ"
    if theme.endswith(".typ") or theme in themes():
        try:
            return path.read_bytes()
        except OSError as err:
            raise TypstRenderError(f"{theme}: {err.strerror or err}") from None
    raise TypstRenderError(f"unknown Typst theme '{theme}'; bundled themes: {', '.join(themes())} "
                           "(or give the path of a .typ template)")


def render_pdf(doc: Json, theme: str = DEFAULT_THEME, *, font_paths: Sequence[str] = (),
               system_fonts: bool = True) -> tuple[bytes, LossReport]:
    """The PDF bytes of ``doc`` laid out by ``theme``, and what the PDF does not show: also every character no font
    has (it would print as a blank box). Fonts: Typst's own (Latin, Greek, Cyrillic), the system's (CJK with e.g.
    Debian's fonts-noto-cjk) unless ``system_fonts`` is False, and those in ``font_paths`` and RESUMECONV_FONT_PATH."""
    pdf, report = _compile(doc, theme, "pdf", font_paths, system_fonts)
    if not isinstance(pdf, bytes):
        raise TypstRenderError(f"Typst returned no PDF for theme '{theme}'")
    _report_missing_glyphs(pdf, doc, report)
    return pdf, report


#: Characters every bundled font family covers need no check (Latin, Greek, Cyrillic and their marks and symbols
#: as Libertinus Serif has them); beyond this the PDF is read back to find what printed as a blank box.
_CHECKED_FROM = 0x0500
_NO_FONT = ("no font has {chars}: they print as blank boxes (install fonts that cover them, e.g. Debian's "
            "fonts-noto-cjk, or give --font-path DIR or RESUMECONV_FONT_PATH)")


def _report_missing_glyphs(pdf: bytes, doc: Json, report: LossReport) -> None:
    """A loss at each value holding a character that printed as .notdef (no font has it), naming the characters."""
    shown_text = [(ptr, value) for ptr, key, value in _strings(doc, "") if key not in ("url", "image", "$schema")]
    wanted = {ch for _, value in shown_text for ch in value if ord(ch) >= _CHECKED_FROM and not ch.isspace()}
    if not wanted:
        return
    import io

    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(pdf))
    if "(cid:0)" not in text:
        return
    missing = wanted - set(text)
    for ptr, value in shown_text:
        lost = sorted(set(value) & missing)
        if lost:
            chars = " ".join(lost[:12]) + (f" and {len(lost) - 12} more" if len(lost) > 12 else "")
            report.add(ptr, _NO_FONT.format(chars=chars))


def render_svg(doc: Json, theme: str = DEFAULT_THEME) -> tuple[list[bytes], LossReport]:
    """The pages of the same layout as :func:`render_pdf`, one SVG each (what ``serve`` shows in a browser), and
    what they do not show."""
    pages, report = _compile(doc, theme, "svg")
    if isinstance(pages, bytes):
        pages = [pages]
    return list(pages), report


def write(doc: Json, *, format: str = "typst-pdf", theme: str = DEFAULT_THEME,
          font_path: str | None = None) -> WriteResult:
    """The PDF (``typst-pdf``), or the pages as SVG (``typst-svg``: the first page, then the others as more parts),
    with what they do not show."""
    if format == "typst-svg":
        pages, report = render_svg(doc, theme)
        return WriteResult(pages[0] if pages else b"", report.items, pages[1:])
    pdf, report = render_pdf(doc, theme, font_paths=[p for p in (font_path or "").split(os.pathsep) if p])
    return WriteResult(pdf, report.items)


def _compile(doc: Json, theme: str, fmt: Literal["pdf", "svg"], font_paths: Sequence[str] = (),
             system_fonts: bool = True) -> tuple[bytes | list[bytes], LossReport]:
    source = template(theme)
    view, report = build_view(doc)
    try:
        import typst
    except ImportError:
        raise TypstRenderError(EXTRA_HINT) from None
    payload = json.dumps(view, ensure_ascii=False)
    try:
        fonts: list[Any] = _font_paths(font_paths)  # paths, while the source is bytes (one type in the stubs)
        out: bytes | list[bytes] = typst.compile(source, format=fmt, sys_inputs={"cv": payload}, timestamp=0,
                                                 font_paths=fonts, ignore_system_fonts=not system_fonts)
    except typst.TypstError as err:
        raise TypstRenderError(f"Typst could not lay out theme '{theme}': {err.message}") from None
    return out, report


def _font_paths(given: Sequence[str]) -> list[str]:
    """Font folders to search besides the system's: ``given`` (--font-path), then RESUMECONV_FONT_PATH."""
    env = [p for p in os.environ.get("RESUMECONV_FONT_PATH", "").split(os.pathsep) if p]
    missing = [p for p in [*given, *env] if not os.path.isdir(p)]
    if missing:
        raise TypstRenderError(f"{missing[0]}: no such font folder (--font-path, RESUMECONV_FONT_PATH)")
    return [*given, *env]


# --- the view ----------------------------------------------------------------------------------------------------


def build_view(doc: Json) -> tuple[Json, LossReport]:
    """The JSON a template reads, and a loss for every part of ``doc`` it leaves out."""
    tr = Coverage(_LOSS)
    tr.use("$schema")
    basics = shape.obj(doc.get("basics"))
    view: Json = {
        "name": shape.text(tr.take(basics, "name", "basics")),
        "label": shape.text(tr.take(basics, "label", "basics")),
        "contacts": _contacts(basics, tr),
        "summary": shape.text(tr.take(basics, "summary", "basics")),
        "metrics": [{"text": metric_text(m), "url": live_link(m.get("url"))}
                    for m in shape.array(tr.take(basics, "metrics", "basics")) if isinstance(m, dict)],
        "highlights": [{"title": shape.text(h.get("title")), "summary": shape.text(h.get("summary"))}
                       for h in shape.array(tr.take(basics, "researchHighlights", "basics")) if isinstance(h, dict)],
        "sections": [],
    }
    sections: list[Json] = view["sections"]
    for build in (_work, _education, _publications, _awards, _talks, _projects, _service, _mentees,
                  _certificates, _skills, _languages, _interests):
        section = build(doc, tr)
        if section.get("items") or section.get("groups"):
            sections.append(section)
    report = LossReport()
    tr.report_rest(doc, report)
    for ptr, url in _urls(doc, ""):
        if not live_link(url) and link_scheme(url) is not None and not ptr.endswith("/image"):
            report.add(ptr, f"a '{link_scheme(url)}:' address is no web address: the PDF does not link it")
    return view, report


def _urls(node: Any, ptr: str) -> Iterator[tuple[str, str]]:
    """Every string under a ``url`` or ``image`` key, with its pointer."""
    return ((here, value) for here, key, value in _strings(node, ptr) if key in ("url", "image"))


def _strings(node: Any, ptr: str) -> Iterator[tuple[str, Any, str]]:
    """Every string in ``node``: its pointer, its key (or index) and its value."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        here = ptr + pointer(str(key))
        if isinstance(value, str):
            yield here, key, value
        elif isinstance(value, (dict, list)):
            yield from _strings(value, here)


def _entry(title: Any = "", subtitle: Any = "", date: str = "", where: Any = "", lines: list[str] | None = None,
           bullets: list[Any] | None = None, url: Any = "") -> Json:
    """One block of a section: what every template knows how to lay out."""
    return {"title": shape.text(title), "subtitle": shape.text(subtitle), "date": date, "where": shape.text(where),
            "lines": [x for x in lines or [] if x],
            "bullets": [shape.text(b) for b in bullets or [] if b not in (None, "")],
            "url": live_link(url)}


def _contacts(basics: Json, tr: Coverage) -> list[Json]:
    out: list[Json] = []
    if tr.take(basics, "email", "basics"):
        out.append({"text": shape.text(basics["email"]), "url": f"mailto:{basics['email']}"})
    if tr.take(basics, "phone", "basics"):
        out.append({"text": shape.text(basics["phone"]), "url": ""})
    if tr.take(basics, "url", "basics"):
        out.append({"text": shape.text(basics["url"]), "url": live_link(basics["url"])})
    location = shape.obj(tr.take(basics, "location", "basics"))
    place = join_nonempty([location.get(k) for k in ("address", "city", "region", "postalCode", "countryCode")])
    if place:
        out.append({"text": place.replace("\n", ", "), "url": ""})
    if tr.take(basics, "orcid", "basics"):
        out.append({"text": f"ORCID {basics['orcid']}", "url": f"https://orcid.org/{basics['orcid']}"})
    for profile in shape.array(tr.take(basics, "profiles", "basics")):
        if isinstance(profile, dict):
            text = (join_nonempty([profile.get("network"), profile.get("username")], ": ")
                    or shape.text(profile.get("url")))
            out.append({"text": text, "url": live_link(profile.get("url"))})
    return out


def _when(item: Json, tr: Coverage, where: tuple[str | int, ...], *, ongoing: bool = True) -> str:
    start, end = tr.take(item, "startDate", *where), tr.take(item, "endDate", *where)
    return date_range(start, end, ongoing=ongoing)


def _work(doc: Json, tr: Coverage) -> Json:
    items = []
    for i, w in shape.items(doc, "work"):
        def take(key: str, w: Json = w, i: int = i) -> Any:
            return tr.take(w, key, "work", i)
        lines = [join_nonempty([take("department"), take("project") and f"Project: {w['project']}"], " · "),
                 join_nonempty([*(shape.array(take("employmentType"))), take("workplaceType")]),
                 shape.text(take("description")), shape.text(take("summary"))]
        items.append(_entry(take("position"), take("name"), _when(w, tr, ("work", i)), take("location"),
                            lines, shape.array(take("highlights")), take("url")))
    return {"kind": "entries", "title": "Positions", "items": items}


def _education(doc: Json, tr: Coverage) -> Json:
    items = []
    for i, e in shape.items(doc, "education"):
        def take(key: str, e: Json = e, i: int = i) -> Any:
            return tr.take(e, key, "education", i)
        degree = join_nonempty([take("studyType"), take("area")], ", ")
        status = {"candidate": "candidate", "in-progress": "in progress", "discontinued": "discontinued"}
        lines = [shape.text(take("department")),
                 f"Thesis: {e['thesis']}" if take("thesis") else "",
                 f"Advisor{'s' if len(shape.array(e.get('advisors'))) > 1 else ''}: "
                 f"{join_nonempty(shape.array(e['advisors']))}"
                 if take("advisors") else "",
                 f"Committee: {join_nonempty(shape.array(e['committee']))}" if take("committee") else "",
                 f"Research areas: {join_nonempty(shape.array(e['researchAreas']))}" if take("researchAreas") else "",
                 f"Score: {e['score']}" if take("score") else "",
                 f"Courses: {join_nonempty(shape.array(e['courses']))}" if take("courses") else ""]
        state = take("status")
        if state in status:
            degree += f" ({status[state]})"
        items.append(_entry(degree, take("institution"), _when(e, tr, ("education", i), ongoing=state != "completed"),
                            take("location"), lines, url=take("url")))
    return {"kind": "entries", "title": "Education", "items": items}


def _publications(doc: Json, tr: Coverage) -> Json:
    groups: list[Json] = []
    marks: set[str] = set()
    number = 0
    for i, p in shape.items(doc, "publications"):
        def take(key: str, p: Json = p, i: int = i) -> Any:
            return tr.take(p, key, "publications", i)
        group = shape.text(take("group"))
        if not groups or groups[-1]["key"] != group:
            groups.append({"key": group, "title": group[:1].upper() + group[1:], "items": []})
        number += 1
        authors = []
        for a in shape.array(take("authors")):
            if isinstance(a, dict):
                flags = {k: a.get(k) is True for k in ("self", "equalContribution", "corresponding")}
                marks.update(k for k, on in flags.items() if on and k != "self")
                authors.append({"name": shape.text(a.get("name")), "self": flags["self"],
                                "equal": flags["equalContribution"], "corresponding": flags["corresponding"],
                                "orcid": shape.text(a.get("orcid"))})
        venue = venue_text(take("venue")) or shape.text(take("publisher"))
        if venue_text(p.get("venue")) and p.get("publisher"):
            venue = join_nonempty([venue, take("publisher")])
        details = join_nonempty([f"vol. {p['volume']}" if take("volume") else "",
                                 f"no. {p['issue']}" if take("issue") else "",
                                 f"pp. {p['pages']}" if take("pages") else ""])
        status = shape.text(take("status")).replace("-", " ")
        links = []
        if take("doi"):
            links.append({"text": f"doi:{p['doi']}", "url": f"https://doi.org/{p['doi']}"})
        if take("arxiv"):
            links.append({"text": f"arXiv:{p['arxiv']}", "url": f"https://arxiv.org/abs/{p['arxiv']}"})
        if take("url"):
            links.append({"text": shape.text(p["url"]), "url": live_link(p["url"])})
        take("type")
        groups[-1]["items"].append({
            "number": number, "title": shape.text(take("name")), "authors": authors, "venue": venue,
            "details": details, "date": human_date(take("releaseDate")) if p.get("releaseDate") else "",
            "status": status if status != "published" else "",
            "notes": [shape.text(n) for n in shape.array(take("notes"))],
            "summary": shape.text(take("summary")), "links": links})
    legend = [text for key, text in (("equalContribution", "* equal contribution"),
                                     ("corresponding", "† corresponding author")) if key in marks]
    tr.take(shape.obj(doc.get("meta")), "publicationsOverview", "meta")
    overview = shape.text(shape.obj(doc.get("meta")).get("publicationsOverview"))
    return {"kind": "publications", "title": "Publications", "groups": groups if number else [], "legend": legend,
            "intro": overview}


def _awards(doc: Json, tr: Coverage) -> Json:
    items = []
    for i, a in shape.items(doc, "awards"):
        def take(key: str, a: Json = a, i: int = i) -> Any:
            return tr.take(a, key, "awards", i)
        dates = shape.array(take("dates"))
        date = join_nonempty([human_date(d) for d in dates]) if dates else human_date(take("date") or "")
        if dates:
            take("date")
        lines = [join_nonempty([take("awarder"), take("host") and f"hosted by {a['host']}"]),
                 join_nonempty([take("amount"), take("selectivity")]), shape.text(take("summary"))]
        items.append(_entry(take("title"), "", date, "", lines))
    return {"kind": "entries", "title": "Honours and awards", "items": items}


def _is_event(p: Json) -> bool:
    return p.get("type") in EVENT_TYPES


def _talks(doc: Json, tr: Coverage) -> Json:
    return _project_section(doc, tr, "Talks and tutorials", events=True)


def _projects(doc: Json, tr: Coverage) -> Json:
    return _project_section(doc, tr, "Projects", events=False)


def _project_section(doc: Json, tr: Coverage, title: str, *, events: bool) -> Json:
    items = []
    for i, p in shape.items(doc, "projects"):
        if _is_event(p) != events:
            continue
        def take(key: str, p: Json = p, i: int = i) -> Any:
            return tr.take(p, key, "projects", i)
        kind = shape.text(take("type")).replace("-", " ")
        lines = [join_nonempty([kind[:1].upper() + kind[1:], venue_text(take("venue")), take("entity")], " · "),
                 join_nonempty(shape.array(take("roles"))),
                 f"With {join_nonempty(shape.array(p['presenters']))}" if take("presenters") else "",
                 shape.text(take("description")),
                 f"Keywords: {join_nonempty(shape.array(p['keywords']))}" if take("keywords") else ""]
        items.append(_entry(take("name"), "", _when(p, tr, ("projects", i), ongoing=not events), take("location"),
                            lines, shape.array(take("highlights")), take("url")))
    return {"kind": "entries", "title": title, "items": items}


def _service(doc: Json, tr: Coverage) -> Json:
    items = []
    for i, v in shape.items(doc, "volunteer"):
        def take(key: str, v: Json = v, i: int = i) -> Any:
            return tr.take(v, key, "volunteer", i)
        take("type")
        lines = [join_nonempty(shape.array(take("venues"))), shape.text(take("summary"))]
        items.append(_entry(take("position"), take("organization"), _when(v, tr, ("volunteer", i), ongoing=False),
                            "", lines, shape.array(take("highlights")), take("url")))
    return {"kind": "entries", "title": "Service", "items": items}


def _mentees(doc: Json, tr: Coverage) -> Json:
    meta = shape.obj(doc.get("meta"))
    items = []
    for m in shape.array(tr.take(meta, "mentees", "meta")):
        if not isinstance(m, dict):
            continue
        roles = join_nonempty([join_nonempty([a.get("role"), a.get("institution")], ", ")
                               for a in shape.array(m.get("affiliations")) if isinstance(a, dict)], " → ")
        lines = [f"Outcomes: {join_nonempty(shape.array(m.get('outcomes')))}" if m.get("outcomes") else "",
                 shape.text(m.get("summary"))]
        items.append(_entry(m.get("name"), roles, date_range(m.get("startDate"), m.get("endDate"), ongoing=False),
                            "", lines))
    return {"kind": "entries", "title": "Mentoring", "items": items}


def _certificates(doc: Json, tr: Coverage) -> Json:
    items = []
    for i, c in shape.items(doc, "certificates"):
        def take(key: str, c: Json = c, i: int = i) -> Any:
            return tr.take(c, key, "certificates", i)
        items.append(_entry(take("name"), take("issuer"), human_date(take("date") or ""), "", url=take("url")))
    return {"kind": "entries", "title": "Certificates", "items": items}


def _rows(doc: Json, tr: Coverage, section: str, title: str, name: str, level: str, extra: str) -> Json:
    """Label: details rows (skills, languages, interests)."""
    items = []
    for i, x in shape.items(doc, section):
        def take(key: str, x: Json = x, i: int = i) -> Any:
            return tr.take(x, key, section, i)
        value = take(extra)
        if isinstance(value, dict):
            value = join_nonempty(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = join_nonempty(value)
        details = join_nonempty([take(level) if level else "", value], " · ")
        items.append({"label": shape.text(take(name)), "details": details})
    return {"kind": "rows", "title": title, "items": items}


def _skills(doc: Json, tr: Coverage) -> Json:
    return _rows(doc, tr, "skills", "Skills", "name", "level", "keywords")


def _languages(doc: Json, tr: Coverage) -> Json:
    return _rows(doc, tr, "languages", "Languages", "language", "fluency", "cefr")


def _interests(doc: Json, tr: Coverage) -> Json:
    return _rows(doc, tr, "interests", "Interests", "name", "", "keywords")
