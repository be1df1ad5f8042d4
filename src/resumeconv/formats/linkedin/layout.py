"""LinkedIn "Save to PDF" files: recognise one, then find its structure from the layout, not from English words.

Both layouts LinkedIn has used are read from each line's place, size, weight and colour (``_pdf.Line``):

* **current** (2018-, Apache FOP 2.x, ``/Author LinkedIn``): a narrow sidebar (Contact, Top Skills, Languages,
  Certifications, Honors-Awards, Publications, Patents) beside the main column. The name is the largest text on
  page 1; the headline follows it in dark text and the location in grey; main headings are the next largest size,
  sidebar headings the largest size in the sidebar. In Experience, companies, titles and the date/description text
  have three sizes, largest first; grey text under a date line is the location. In Education, schools are larger
  than the degree lines. Lines are joined back by their spacing: a wrapped line sits closer than the next item.
* **2014-2017** (Apache FOP 1.1, a link to ``linkedin.com/profile/view?...pdf...`` on its last page): one column;
  the name is the largest text, headings are the next size in grey, ``Title  at   Company`` is one bold line whose
  separator word stands apart by wide gaps (in any language), the date line follows it.

Which section a heading starts is told by the heading's words in LinkedIn's UI languages, and otherwise by what
the section holds (date lines, schools, ``Name (level)`` items) and LinkedIn's fixed section order. A section that
cannot be told is reported as a loss, never read as another one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...core import dates
from ...core.errors import InputError
from ...core.losses import Loss, LossReport, pointer
from .._linkedin_common import WORKPLACES, basics_location, split_description, work_location
from .._pdf import Line, Pdf
from .reader import DEGREE, contact_entries, contact_entry, language_item

# ------------------------------------------------------------------------------------- what LinkedIn writes

SIDEBAR_KINDS = ("contact", "skills", "languages", "certificates", "awards", "publications", "patents")
MAIN_KINDS = ("summary", "work", "education")

#: Heading words in LinkedIn's UI languages (lower case, accents kept): the second signal after the layout.
HEADINGS: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "contactar", "contacto", "contato", "kontakt", "coordonnées", "contatti",
                "dane kontaktowe", "iletişim", "contactgegevens", "kontaktuppgifter", "kontaktinformationen",
                "контакты", "контактная информация", "연락처", "連絡先", "联系方式", "kontak", "yhteystiedot",
                "elérhetőség", "επικοινωνία", "contactați", "kontaktní údaje", "ติดต่อ", "اتصال"),
    "skills": ("top skills", "aptitudes principales", "principais competências", "główne umiejętności",
               "najważniejsze umiejętności", "top-kenntnisse", "wichtigste kenntnisse", "principales compétences",
               "compétences principales", "competenze principali", "en önemli yetenekler", "en iyi yetenekler",
               "belangrijkste vaardigheden", "topkompetenser", "mest anvendte kompetencer", "toppferdigheter",
               "основные навыки", "주요 기술", "主なスキル", "最擅长的技能", "keahlian teratas", "kemahiran teratas",
               "parhaat taidot", "legfőbb készségek", "competențe de top", "hlavní dovednosti", "skills"),
    "languages": ("languages", "idiomas", "języki", "sprachen", "langues", "lingue", "diller", "talen", "språk",
                  "sprog", "языки", "언어", "言語", "语言", "bahasa", "kielet", "nyelvek", "limbi", "jazyky"),
    "certificates": ("certifications", "certificaciones", "certificações", "certyfikaty", "zertifikate",
                     "zertifizierungen", "certificazioni", "sertifikalar", "certificeringen", "certifieringar",
                     "certificeringer", "sertifiseringer", "сертификаты", "자격증", "認定資格", "认证", "sertifikasi",
                     "pensijilan", "sertifikaatit", "tanúsítványok", "certificări", "certifikace"),
    "awards": ("honors-awards", "honors & awards", "honors and awards", "honores y premios",
               "reconocimientos y premios", "premios", "honras e prêmios", "prêmios", "nagrody i wyróżnienia",
               "nagrody", "auszeichnungen", "distinctions", "prix et distinctions", "riconoscimenti e premi",
               "onorificenze e premi", "onur ve ödüller", "ödüller", "prijzen", "utmärkelser", "udmærkelser",
               "utmerkelser", "награды", "수상 경력", "受賞歴", "荣誉奖项", "penghargaan", "anugerah",
               "kunnianosoitukset", "díjak", "premii", "ocenění"),
    "publications": ("publications", "publicaciones", "publicações", "publikacje", "veröffentlichungen",
                     "publikationen", "pubblicazioni", "yayınlar", "publicaties", "publikationer", "publikasjoner",
                     "публикации", "출판물", "出版物", "publikasi", "penerbitan", "julkaisut", "publikációk",
                     "publicații", "publikace"),
    "patents": ("patents", "patentes", "patenty", "patente", "brevets", "brevetti", "patentler", "octrooien",
                "patent", "патенты", "특허", "特許", "专利", "paten", "patentit", "szabadalmak", "brevete"),
    "summary": ("summary", "extracto", "resumen", "acerca de", "resumo", "sobre", "podsumowanie", "zusammenfassung",
                "résumé", "infos", "riepilogo", "informazioni", "özet", "hakkında", "samenvatting", "info",
                "sammanfattning", "resumé", "sammendrag", "сводка", "요약", "概要", "简介", "ringkasan", "tiivistelmä",
                "összefoglaló", "rezumat", "shrnutí", "about"),
    "work": ("experience", "experiencia", "experiência", "doświadczenie", "berufserfahrung", "erfahrung",
             "expérience", "esperienza", "deneyim", "ervaring", "erfarenhet", "erfaring", "опыт работы", "опыт",
             "경력", "職歴", "经历", "工作经历", "pengalaman", "kokemus", "tapasztalat", "experiență", "zkušenosti"),
    "education": ("education", "educación", "formación", "formação acadêmica", "educação", "wykształcenie",
                  "ausbildung", "formation", "formazione", "istruzione", "eğitim", "opleiding", "utbildning",
                  "uddannelse", "utdanning", "образование", "학력", "学歴", "教育经历", "pendidikan", "koulutus",
                  "tanulmányok", "educație", "vzdělání"),
}
#: 2014-2017 section headings that map onto one of ours (English only: those PDFs were made in English).
CLASSIC_HEADINGS = {
    "summary": "summary", "experience": "work", "education": "education", "languages": "languages",
    "skills & expertise": "skills", "certifications": "certificates", "honors and awards": "awards",
    "publications": "publications", "volunteer experience": "volunteer", "projects": "projects",
    "interests": "interests", "patents": "patents", "courses": "courses", "organizations": "organizations",
    "test scores": "test scores", "specialties": "specialties",
}

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_BULLET = re.compile(r"^[•·▪◦‣*–-]\s")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.lower().split()))


def heading_kind(text: str, kinds: tuple[str, ...]) -> str | None:
    word = _norm(text).rstrip(":")
    return next((k for k in kinds if word in HEADINGS[k]), None)


@dataclass
class When:
    """One side of a date range: the ISO date as precise as written; ``ongoing`` only for a side that says so
    ("Present" in any language); ``month_unknown`` when only the year could be kept; ``unreadable`` otherwise."""

    iso: str | None
    ongoing: bool = False
    month_unknown: bool = False
    unreadable: bool = False


def parse_when(text: str) -> When:
    """One side of a LinkedIn date line, read by the one date codec (``enero de 2023`` -> 2023-01, ``janv. 2019``
    -> 2019-01, ``2019`` -> 2019, ``Present``/``heute``/``至今`` -> ongoing). A month word no table knows keeps the
    year alone, flagged; text with no date at all is unreadable, never "ongoing"."""
    read = dates.read_text(text.strip().strip("()"))
    if read.state == "date":
        return When(read.iso)
    if read.state == "ongoing":
        return When(None, ongoing=True)
    years = _YEAR.findall(text)
    if len(years) == 1:
        return When(years[0], month_unknown=True)
    return When(None, unreadable=bool(text.strip()))


def parse_range(text: str) -> tuple[When, When] | None:
    """A date line ``start - end (duration)``; None when the text is not one (no year on its start side)."""
    body = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())
    parts = _DASH.split(body, maxsplit=1)
    start = parse_when(parts[0])
    if start.iso is None:
        return None
    if len(parts) == 1:
        return start, When(None)
    return start, parse_when(parts[1])


# ---------------------------------------------------------------------------------------------- recognition

def layout_of(pdf: Pdf) -> str | None:
    """``current`` or ``2014-2017`` for a PDF LinkedIn made, else None.

    The current layout's document info says ``/Author LinkedIn``. The 2014-2017 files say only ``/Creator Apache FOP
    Version 1.1`` (a re-save through macOS keeps the Creator; a file some tool rewrote may say nothing, and is
    then told by the style sheet's sizes), so they are told by what every page of that layout has, in any UI
    language: see :func:`classic_layout`. (The link to the profile on the last page is not
    required: files exported by other people link to ``linkedin.com/in/...`` or not at all.)"""
    if pdf.info.get("/Author") == "LinkedIn":
        return "current"
    creator = pdf.info.get("/Creator", "") + pdf.info.get("/Producer", "")
    lines = pdf.lines()
    if classic_layout(lines) and ("Apache FOP" in creator or _classic_sizes(lines)):
        return "2014-2017"
    return None


def _classic_sizes(lines: list[Line]) -> bool:
    """The 2014-2017 style sheet's sizes: name 20 pt, headings 16 pt, page numbers 10 pt (for a file whose
    document info a later tool rewrote, e.g. ``/Producer null``)."""
    sizes = {round(x.size) for x in lines}
    return max(sizes) == 20 and min(sizes) == 10 and 16 in sizes


def classic_layout(lines: list[Line]) -> bool:
    """Whether the lines have the 2014-2017 layout: every page numbered in its bottom margin in the file's smallest
    text (``Page1``, ``Page 2``, ``Seite 3``: the number is the page's own), page 1 opening with the largest text
    in bold (the name), and section headings in a size between the name and the body text, not bold."""
    if not lines:
        return False
    pages = max(x.page for x in lines)
    smallest = min(x.size for x in lines)
    footers = {x.page for x in lines if x.size < smallest + 0.3 and x.top > x.height - 60
               and re.search(rf"(?<!\d){x.page}\s*$", x.text)}
    if footers != set(range(1, pages + 1)):
        return False
    first = _order([x for x in lines if x.page == 1])
    name_size = max(x.size for x in lines)
    if not first or not first[0].bold or first[0].size < name_size - 0.5:
        return False
    body = [x for x in lines if x.size >= smallest + 0.3]
    sizes = [x.size for x in body]
    usual = max(set(sizes), key=sizes.count) if sizes else 0.0
    return any(not x.bold and usual + 1 < x.size < name_size - 1 for x in body)


def is_linkedin(pdf: Pdf) -> bool:
    return layout_of(pdf) is not None


def read_pdf(pdf: Pdf) -> tuple[dict[str, Any], list[Loss]]:
    """The document and losses of a LinkedIn PDF. A PDF without LinkedIn's marks (read only when the format was
    given) is read as the layout its page shows, and the losses say so first."""
    pdf.check_pages()
    kind = layout_of(pdf)
    lines = _without_footer(pdf.lines())
    note: list[Loss] = []
    if kind is None:
        kind = "current" if _two_columns(lines) else "2014-2017"
        note = [Loss("", f"this PDF has no mark of LinkedIn's 'Save to PDF' (/Author LinkedIn, or the 2014-2017 "
                     f"layout's numbered pages); read as the {kind} layout because the format was given: check the "
                     "result", "loss")]
    parser: _Current | _Classic = _Current(lines, pdf.source) if kind == "current" else _Classic(lines, pdf.source)
    return parser.read(), [*note, *parser.report.items]


def _two_columns(lines: list[Line]) -> bool:
    """Whether page 1 has text left of its largest text (the current layout's sidebar beside the name)."""
    first = [x for x in lines if x.page == 1]
    if not first:
        return False
    name_size = max(x.size for x in first)
    name_x = min(x.x0 for x in first if x.size == name_size)
    return any(x.x1 < name_x - 5 for x in first)


# ------------------------------------------------------------------------------------------------- helpers

def _without_footer(lines: list[Line]) -> list[Line]:
    """Drop the page footer ("Page 1 of 2", "Page1"): the smallest text of the file, when all of it sits in the
    bottom margin, in either layout and any language."""
    if not lines:
        return lines
    smallest = min(x.size for x in lines)
    footer = [x for x in lines if x.size < smallest + 0.3]
    if all(x.top > x.height - 60 for x in footer):
        return [x for x in lines if x.size >= smallest + 0.3]
    return lines


def _order(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda x: (x.page, round(x.top, 1), x.x0))


def _gap(a: Line, b: Line) -> float | None:
    """Baseline distance from ``a`` to ``b`` on the same page; None across pages."""
    return b.top - a.top if a.page == b.page else None


def _joined(parts: list[str]) -> str:
    out = ""
    for part in parts:
        out = out + part if out.endswith("-") and not out.endswith(" -") else f"{out} {part}".strip()
    return out


def _grey(line: Line) -> bool:
    return 0.4 < line.gray < 0.85


def _paragraphs(lines: list[Line]) -> list[str]:
    """Lines joined into paragraphs: a wrapped line follows at the usual line distance, a new paragraph (or a
    bullet) further down or on a bullet sign."""
    if not lines:
        return []
    gaps = [g for a, b in itertools.pairwise(lines) if (g := _gap(a, b)) is not None and g > 0]
    step = min(gaps) if gaps else 0.0
    out: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        gap = _gap(prev, line) if prev else None
        starts = prev is None or _BULLET.match(line.text) is not None or (gap is not None and gap > step * 1.3)
        if starts or not out:
            out.append([line.text])
        else:
            out[-1].append(line.text)
        prev = line
    return [_joined(p) for p in out]


def _items(lines: list[Line]) -> list[str]:
    """Sidebar list items: a line continues the item above when it sits at wrapped-line distance."""
    out: list[list[str]] = []
    prev: Line | None = None
    for line in lines:
        gap = _gap(prev, line) if prev else None
        if prev is not None and gap is not None and 0 < gap < 1.4 * prev.size and out:
            out[-1].append(line.text)
        else:
            out.append([line.text])
        prev = line
    return [_joined(p) for p in out]


def _wrapped(prev: Line | None, line: Line) -> bool:
    """Whether ``line`` continues ``prev`` (same page, at most 1.6 line heights below it)."""
    gap = _gap(prev, line) if prev is not None else None
    return gap is not None and 0 < gap < 1.6 * max(prev.size if prev else 0, line.size)


def _sizes(lines: list[Line]) -> list[float]:
    """The distinct font sizes, largest first; sizes within 0.3 pt of each other count as one (15.7 and 15.8)."""
    out: list[float] = []
    for size in sorted({x.size for x in lines}, reverse=True):
        if not out or out[-1] - size >= 0.3:
            out.append(size)
    return out


@dataclass
class _Section:
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    kind: str | None = None


def _split(lines: list[Line], is_heading: Callable[[Line], bool]) -> tuple[list[Line], list[_Section]]:
    top: list[Line] = []
    sections: list[_Section] = []
    for line in lines:
        if is_heading(line):
            sections.append(_Section(line))
        elif sections:
            sections[-1].lines.append(line)
        else:
            top.append(line)
    return top, sections


def _assign(sections: list[_Section], order: tuple[str, ...], guess: Callable[[_Section], str | None]) -> None:
    """Name each section by its heading's words, else by its content, else by LinkedIn's fixed order when exactly
    one kind fits between its named neighbours."""
    for s in sections:
        s.kind = heading_kind(s.heading.text, order) if s.heading else None
    for s in sections:
        if s.kind is None:
            s.kind = guess(s)
    taken = {s.kind for s in sections if s.kind}
    for i, s in enumerate(sections):
        if s.kind is not None:
            continue
        before = [order.index(x.kind) for x in sections[:i] if x.kind in order]
        after = [order.index(x.kind) for x in sections[i + 1:] if x.kind in order]
        low, high = max(before, default=-1), min(after, default=len(order))
        fits = [k for k in order[low + 1:high] if k not in taken]
        if len(fits) == 1 and all(x.kind is not None for x in sections[:i] + sections[i + 1:]):
            s.kind = fits[0]
            taken.add(fits[0])


# -------------------------------------------------------------------------------------------- the sections

@dataclass
class _Builder:
    """What both layouts fill: the document, the losses and the per-section readers they share."""

    source: str | None
    report: LossReport = field(default_factory=LossReport)
    doc: dict[str, Any] = field(default_factory=dict)

    def basics(self) -> dict[str, Any]:
        value: dict[str, Any] = self.doc.setdefault("basics", {})
        return value

    def lose_section(self, section: _Section, where: str) -> None:
        title = section.heading.text if section.heading else "(untitled)"
        count = len(section.lines)
        self.report.add(where, f"section '{title}' ({count} line{'s' if count != 1 else ''}) was not recognised "
                        "and is left out")

    def dates(self, text: str, item: dict[str, Any], ptr: str) -> bool:
        found = parse_range(text)
        if found is None:
            return False
        start, end = found
        if start.iso:
            item["startDate"] = start.iso
        if end.iso:
            item["endDate"] = end.iso
        if start.month_unknown or end.month_unknown:
            self.report.add(ptr, f"the month in '{text}' is in no known language; the year alone is kept")
        if end.unreadable:
            self.report.add(ptr, f"the end date in '{text}' could not be read; left out (not read as ongoing)")
        return True

    def languages(self, items: list[str]) -> None:
        out: list[dict[str, str]] = []
        for text in items:
            item = language_item(text)
            if item is not None:
                out.append(item)
        if out:
            self.doc["languages"] = out

    def titled(self, key: str, name: str, items: list[str], extra: dict[str, str] | None = None) -> None:
        if items:
            self.doc.setdefault(key, []).extend({name: x, **(extra or {})} for x in items)

    def degree(self, text: str, item: dict[str, Any], ptr: str) -> None:
        """``Degree, Field · (dates)`` (current) or ``Degree, Field, 2006 - 2010`` (2014-2017)."""
        text = text.strip()
        match = re.search(r"(?:\s*·\s*)?\(([^()]*\d{4}[^()]*)\)$", text)
        if match:
            self.dates(match.group(1), item, ptr)
            if "endDate" not in item and "startDate" in item and not _DASH.search(match.group(1)):
                item["endDate"] = item.pop("startDate")  # a lone year on a degree is when it ended
            text = text[:match.start()].strip()
        else:
            tail = re.search(r",\s*([^,]*\d{4}[^,]*)$", text) or re.fullmatch(r"()([^,]*\d{4}[^,]*)", text)
            if tail and parse_range(tail.group(tail.lastindex or 1)):
                self.dates(tail.group(tail.lastindex or 1), item, ptr)
                text = text[:tail.start()].strip() if tail.group(0) != text else ""
        degree, comma, area = text.rstrip(" ·").partition(", ")
        if comma:
            item["studyType"], item["area"] = degree.strip(), area.strip()
        elif degree.strip():
            item["studyType" if DEGREE.search(degree) else "area"] = degree.strip()


class _Current(_Builder):
    """The two-column layout."""

    def __init__(self, lines: list[Line], source: str | None):
        super().__init__(source)
        self.lines = lines
        #: the grey location lines under positions, whose last part tells a country name
        self.position_places: list[str] = []

    def read(self) -> dict[str, Any]:
        first = [x for x in self.lines if x.page == 1]
        if not first:
            raise InputError("the LinkedIn PDF has no text on its first page (a scan?)", self.source)
        name_size = max(x.size for x in first)
        name_x = min(x.x0 for x in first if x.size == name_size)
        side = _order([x for x in self.lines if x.x1 < name_x - 5])
        main = _order([x for x in self.lines if x.x0 >= name_x - 5])
        self.main(main, name_size)
        self.sidebar(side)
        return self.doc

    # ---- main column
    def main(self, lines: list[Line], name_size: float) -> None:
        rest = [x for x in lines if x.size < name_size - 0.5]
        self.position_places = [x.text for x in rest if _grey(x) and x.size < 11 and "," in x.text]
        names = [x for x in lines if x.size >= name_size - 0.5]
        sizes = _sizes(rest)
        heading_size = sizes[0] if len(sizes) >= 3 and sizes[0] - sizes[1] >= 2 else None
        if heading_size is None:
            raise InputError("no LinkedIn profile structure found (no section headings in the main column)",
                             self.source)
        top, sections = _split(rest, lambda x: abs(x.size - heading_size) < 0.3)
        if names:
            self.basics()["name"] = _joined([x.text for x in names])
        headline = [x.text for x in top if not _grey(x)]
        place = [x.text for x in top if _grey(x)]
        if headline:
            self.basics()["label"] = _joined(headline)
        text = _joined(place)
        countries = {x.rpartition(", ")[2] for x in self.position_places}
        if "," in text or (text and text not in countries):
            location = basics_location(text, self.report, pointer("basics", "location"))
            if location:
                self.basics()["location"] = location
        elif text:
            self.report.add(pointer("basics", "location"), f"location '{text}' is a country (positions name it last "
                            "in theirs): location.countryCode needs an ISO 3166 code")
        _assign(sections, MAIN_KINDS, self.guess_main)
        readers = {"summary": self.summary, "work": self.work, "education": self.education}
        for section in sections:
            if section.kind in readers:
                readers[section.kind](section.lines)
            else:
                self.lose_section(section, "")

    @staticmethod
    def guess_main(section: _Section) -> str | None:
        sizes = _sizes(section.lines)
        dated = sum(parse_range(x.text) is not None for x in section.lines)
        if len(sizes) >= 3 and dated:
            return "work"
        if len(sizes) == 2 and any(re.search(r"\(.*\d{4}.*\)$", x.text) for x in section.lines):
            return "education"
        if len(sizes) == 1 and not dated:
            return "summary"
        return None

    def summary(self, lines: list[Line]) -> None:
        text = "\n\n".join(_paragraphs(lines))
        if text:
            self.basics()["summary"] = text

    def work(self, lines: list[Line]) -> None:
        sizes = _sizes(lines)
        if len(sizes) < 3:
            self.report.add("/work", "the Experience section has no company, title and date lines; left out")
            return
        company_size, title_size = sizes[0], sizes[1]
        out: list[dict[str, Any]] = []
        company: list[str] = []
        item: dict[str, Any] | None = None
        state = ""
        body: list[Line] = []

        def close() -> None:
            if item is not None:
                self.describe(item, body)

        prev: Line | None = None
        for line in lines:
            last, prev = prev, line
            if abs(line.size - company_size) < 0.3:
                if state == "company" and _wrapped(last, line):
                    company.append(line.text)
                else:
                    close()
                    item, body, company = None, [], [line.text]
                state = "company"
            elif abs(line.size - title_size) < 0.3:
                if state == "title" and item is not None and _wrapped(last, line):
                    item["position"] = _joined([item["position"], line.text])
                    continue
                close()
                body = []
                item = {"name": _joined(company)} if company else {}
                item["position"] = line.text
                out.append(item)
                state = "title"
            elif item is None or state == "company":
                state = "tenure"  # the company's total time, above its first title
            elif state == "title":
                if not self.dates(line.text, item, pointer("work", len(out) - 1)):
                    self.report.add(pointer("work", len(out) - 1), f"no date line under the title; '{line.text}' "
                                    "read as description")
                    body.append(line)
                state = "dates"
            elif state == "dates" and _grey(line):
                if line.text.lower() in WORKPLACES:
                    item["workplaceType"] = WORKPLACES[line.text.lower()]
                elif " · " in line.text:
                    work_location(line.text, item)
                else:
                    item["location"] = line.text
                state = "body"
            else:
                body.append(line)
                state = "body"
        close()
        for i, position in enumerate(out):
            if "name" not in position:
                self.report.add(pointer("work", i), "no company line above this title")
        if out:
            self.doc["work"] = out

    def describe(self, item: dict[str, Any], lines: list[Line]) -> None:
        if not lines:
            return
        summary, highlights = split_description("\n".join(_paragraphs(lines)))
        if summary:
            item["summary"] = summary
        if highlights:
            item["highlights"] = highlights

    def education(self, lines: list[Line]) -> None:
        sizes = _sizes(lines)
        if not sizes:
            return
        out: list[dict[str, Any]] = []
        school: list[str] = []
        degree: list[str] = []

        def close() -> None:
            if school:
                item: dict[str, Any] = {"institution": _joined(school)}
                if degree:
                    self.degree(_joined(degree), item, pointer("education", len(out)))
                out.append(item)

        prev: Line | None = None
        for line in lines:
            if abs(line.size - sizes[0]) < 0.3 and len(sizes) > 1:
                if not (prev is not None and prev.size == line.size and _wrapped(prev, line)):
                    close()
                    school, degree = [], []
                school.append(line.text)
            else:
                degree.append(line.text)
            prev = line
        close()
        if out:
            self.doc["education"] = out

    # ---- sidebar
    def sidebar(self, lines: list[Line]) -> None:
        if not lines:
            return
        heading_size = max(x.size for x in lines)
        _, sections = _split(lines, lambda x: abs(x.size - heading_size) < 0.3)
        _assign(sections, SIDEBAR_KINDS, self.guess_side)
        for section in sections:
            items = _items(section.lines)
            kind = section.kind
            if kind == "contact":
                for entry, label in contact_entries([x.text for x in section.lines]):
                    contact_entry(self.doc, self.report, entry, label)
            elif kind == "skills":
                self.titled("skills", "name", items)
            elif kind == "languages":
                self.languages(items)
            elif kind == "certificates":
                self.titled("certificates", "name", items)
            elif kind == "awards":
                self.titled("awards", "title", items)
            elif kind == "publications":
                self.titled("publications", "name", items)
            elif kind == "patents":
                self.titled("publications", "name", items, {"type": "patent"})
            else:
                self.lose_section(section, "")

    @staticmethod
    def guess_side(section: _Section) -> str | None:
        texts = [x.text for x in section.lines]
        if any("@" in t or "linkedin.com/" in t for t in texts):
            return "contact"
        if texts and all(re.fullmatch(r"[^()]+\([^()]+\)", t) for t in _items(section.lines)):
            return "languages"
        return None


class _Classic(_Builder):
    """The 2014-2017 one-column layout."""

    def __init__(self, lines: list[Line], source: str | None):
        super().__init__(source)
        self.lines = _order(lines)

    def read(self) -> dict[str, Any]:
        if not self.lines:
            raise InputError("the LinkedIn PDF has no text (a scan?)", self.source)
        name_size = max(x.size for x in self.lines)
        names = [i for i, x in enumerate(self.lines) if x.size >= name_size - 0.5]
        # the last page repeats name and headline above "Contact NAME on LinkedIn" and the recommendations
        end = next((i for i in names if i > names[0] + 1 and self.lines[i].page > self.lines[names[0]].page),
                   len(self.lines))
        body = self.lines[names[0] + 1:end]
        name_lines = [self.lines[i] for i in names if i < end]
        self.basics()["name"] = _joined([x.text for x in name_lines])
        sizes = _sizes([x for x in body if not x.bold])
        heading_size = sizes[0] if sizes else 0
        top, sections = _split(body, lambda x: abs(x.size - heading_size) < 0.3 and not x.bold)
        for line in top:
            if "@" in line.text and " " not in line.text:
                self.basics()["email"] = line.text
            elif line.size > 12.5 and "label" not in self.basics():
                self.basics()["label"] = line.text
        for section in sections:
            section.kind = CLASSIC_HEADINGS.get(_norm(section.heading.text) if section.heading else "")
            reader = {"summary": self.summary, "work": self.work, "volunteer": self.work,
                      "education": self.education, "languages": self.classic_languages, "skills": self.bold_items,
                      "certificates": self.bold_items, "awards": self.bold_items,
                      "publications": self.bold_items}.get(section.kind or "")
            if reader is None:
                self.lose_section(section, f"/{section.kind}" if section.kind else "")
            else:
                reader(section)
        return self.doc

    def summary(self, section: _Section) -> None:
        text = "\n\n".join(_paragraphs(section.lines))
        if text:
            self.basics()["summary"] = text

    def work(self, section: _Section) -> None:
        key = section.kind or "work"
        out: list[dict[str, Any]] = []
        head: list[Line] = []
        item: dict[str, Any] | None = None
        body: list[Line] = []
        for line in section.lines:
            if line.bold:
                if head:
                    head.append(line)  # a title and company too long for one line
                    continue
                if item is not None:
                    self.describe(item, body)
                head, item, body = [line], None, []
            elif head:
                item = self.title_line(_joined_raw(head), key)
                out.append(item)
                head = []
                if not self.dates(line.text, item, pointer(key, len(out) - 1)):
                    body.append(line)
            else:
                body.append(line)
        if head:
            out.append(self.title_line(_joined_raw(head), key))
        elif item is not None:
            self.describe(item, body)
        if out:
            self.doc.setdefault(key, []).extend(out)

    def title_line(self, raw: str, key: str) -> dict[str, Any]:
        """``Title  at   Company``: the separator word stands apart by runs of spaces, whatever its language. Files
        of 2017 print it with single spaces; their headings are English (the only ones this layout's sections are
        told by), so a single `` at `` splits the line; with two, which one separates is not guessed."""
        parts = re.split(r"\s{2,}\S+\s{2,}", raw, maxsplit=1)
        if len(parts) != 2 and " ".join(raw.split()).count(" at ") == 1:
            parts = " ".join(raw.split()).split(" at ")
        org = "organization" if key == "volunteer" else "name"
        if len(parts) == 2:
            return {"position": " ".join(parts[0].split()), org: " ".join(parts[1].split())}
        return {"position": " ".join(raw.split())}

    def describe(self, item: dict[str, Any], lines: list[Line]) -> None:
        text = "\n".join(_paragraphs(lines))
        if text:
            item["summary"] = text

    def education(self, section: _Section) -> None:
        out: list[dict[str, Any]] = []
        for line in section.lines:
            if line.bold:
                out.append({"institution": line.text})
            elif out and len(out[-1]) == 1:
                self.degree(line.text, out[-1], pointer("education", len(out) - 1))
        if out:
            self.doc["education"] = out

    def classic_languages(self, section: _Section) -> None:
        names = [x for x in section.lines if x.bold]
        levels = [x for x in section.lines if not x.bold]
        items = []
        for name in names:
            level = next((x.text for x in levels if abs(x.top - name.top) < 4 and x.page == name.page), None)
            items.append(f"{name.text} {level}" if level and level.startswith("(") else name.text)
        self.languages(items)

    def bold_items(self, section: _Section) -> None:
        key, name = {"skills": ("skills", "name"), "certificates": ("certificates", "name"),
                     "awards": ("awards", "title"), "publications": ("publications", "name")}[section.kind or ""]
        self.titled(key, name, [x.text for x in section.lines if x.bold])


def _joined_raw(lines: list[Line]) -> str:
    return " ".join(x.raw.strip() for x in lines)
