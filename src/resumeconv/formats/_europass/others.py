"""The Europass editor's custom sections (``Others``) that hold what JSON Resume has sections for.

The 2025 editor writes publications, courses and an "About me" text as ``Others`` blocks whose title is whatever
the user's interface language calls them ("Publications", "Pubblicazioni", "Veröffentlichungen", and misspelt
ones such as "Pubblications"). A title is matched case-insensitively against the headings below, then by
spelling closeness ("did you mean"); publication lines are taken apart into title, venue, year, DOI and link
where the text shows them, and kept whole as the title where it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...core.text import closest

#: What each kind of custom section is called in the editor's interface languages (and in CVs' own headings).
HEADINGS = {
    "publications": ("Publications", "Publication", "Pubblicazioni", "Pubblicazione", "Publikationen",
                     "Veröffentlichungen", "Publicaciones", "Publicações", "Publicaties", "Publikacje", "Publikace",
                     "Publikácie", "Publikációk", "Publikationer", "Julkaisut", "Δημοσιεύσεις", "Публикации",
                     "Publicații", "Objave"),
    "courses": ("Course", "Courses", "Cours", "Kurs", "Kurse", "Curso", "Cursos", "Corso", "Corsi", "Cursus",
                "Cursussen", "Kursy", "Kurzy", "Kurssit", "Kurser", "Μαθήματα", "Курсы", "Cursuri", "Tečaji"),
    "about": ("About me", "About", "Summary", "Profile", "À propos de moi", "Über mich", "Sobre mí", "Sobre mim",
              "Su di me", "Chi sono", "Informazioni su di me", "Over mij", "O mnie", "O mně", "Om mig",
              "Tietoa minusta", "Σχετικά με εμένα", "Обо мне", "Despre mine", "O meni"),
    "skills": ("Skills", "Job-related skills", "Personal skills", "Other skills", "Competenze personali",
               "Competenze", "Compétences", "Compétences personnelles", "Kenntnisse", "Fähigkeiten",
               "Persönliche Fähigkeiten", "Competencias", "Competencias personales", "Competências",
               "Competências pessoais", "Vaardigheden", "Umiejętności", "Färdigheter"),
    "interests": ("Hobbies", "Hobbies and interests", "Interests", "Loisirs", "Centres d'intérêt", "Hobbys",
                  "Interessen", "Aficiones", "Intereses", "Hobby", "Interessi", "Passatempos", "Interesses",
                  "Zainteresowania", "Intressen"),
}


@cache
def _names() -> dict[str, str]:
    return {name: kind for kind, names in HEADINGS.items() for name in names}


def kind_of(title: str | None) -> str | None:
    """'publications', 'courses', 'about', 'skills' or 'interests' for a custom section's title; None when
    unknown."""
    if not title:
        return None
    name = closest(" ".join(title.split()), _names(), 0.85)
    return _names()[name] if name else None


@dataclass
class Line:
    """One list item or paragraph of an editor description: its text, emphasized phrases, links, sub-heading."""

    text: str
    heading: str | None = None
    emphasis: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    item: bool = False


def _plain(el: Any) -> str:
    """An element's text with its whitespace folded."""
    return " ".join("".join(str(t) for t in el.itertext()).split())


def lines(html: str | None) -> list[Line]:
    """The description's paragraphs and list items in order; an underlined or bold paragraph is a sub-heading."""
    if not html or not html.strip():
        return []
    from lxml import etree

    page = etree.HTML(f"<div>{html}</div>", etree.HTMLParser(no_network=True, remove_comments=True,
                                                            remove_pis=True))
    root = page.find("body/div") if page is not None else None
    if root is None:
        return [Line(" ".join(html.split()))]
    out: list[Line] = []
    heading: str | None = None
    for el in root.iter("p", "li"):
        text = _plain(el)
        if not text:
            continue
        if el.tag == "p":
            marked = [_plain(m) for m in el.iter("u", "strong", "b")]
            if marked and marked[0] == text:
                heading = text
                continue
        out.append(Line(text, heading,
                        [_plain(e) for e in el.iter("em", "i")],
                        [(_plain(a), a.get("href") or "") for a in el.iter("a")],
                        el.tag == "li"))
    return out


#: A quoted title: the opening quote at the start or after a space, the matching closing quote before a space,
#: punctuation or the end ("Bulgaria’s" inside a title does not close it).
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[.,:;]))"
                     r"(?:'(?P<a>.{8,}?)['’]|‘(?P<b>.{8,}?)['’]|\"(?P<c>.{8,}?)[\"”]|“(?P<d>.{8,}?)[\"”])"
                     r"(?=[\s.,:;)\]]|$)")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s;,]+[^\s;,.)])")


def publication(line: Line) -> dict[str, Any]:
    """A publication from one citation line: the quoted or emphasized title, the emphasized venue after a quoted
    title, the first year, a DOI (link or text) and the first other link; the line itself as the summary when it
    says more than those, so nothing of it is dropped."""
    item: dict[str, Any] = {}
    quoted = _QUOTED.search(line.text)
    emphasis = [e.strip(" ,.;:") for e in line.emphasis if e.strip(" ,.;:")]
    if quoted:
        item["name"] = next(g for g in quoted.groups() if g).strip(" ,.")
        venue = next((e for e in emphasis if e not in item["name"]), None)
        if venue:
            item["venue"] = {"name": venue}
    elif emphasis:
        item["name"] = emphasis[0]
    else:
        item["name"] = line.text
    rest = line.text.replace(item["name"], " ")
    for phrase in emphasis:
        rest = rest.replace(phrase, " ")
    year = _YEAR.search(rest)
    if year and item["name"] != line.text:
        item["releaseDate"] = year.group(0)
    dois = [m.group(1) for _, href in line.links for m in [_DOI.search(href)] if m]
    text_doi = _DOI.search(line.text)
    doi = dois[0] if dois else text_doi.group(1) if text_doi else None
    if doi:
        item["doi"] = doi
    others = [href for _, href in line.links if href and not _DOI.search(href)]
    if others:
        item["url"] = others[0]
    if item["name"] != line.text:
        item["summary"] = line.text
    return item
