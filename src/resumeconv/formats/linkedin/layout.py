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

import re
from typing import Any

from ...core.losses import Loss
from .._pdf import Line, Pdf
from .classic import ClassicLayout
from .current import CurrentLayout
from .pdflines import in_order


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
    first = in_order([x for x in lines if x.page == 1])
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
    reader = CurrentLayout if kind == "current" else ClassicLayout
    parser = reader(lines, pdf.source)
    return parser.read(), [*note, *parser.report.items]


def _two_columns(lines: list[Line]) -> bool:
    """Whether page 1 has text left of its largest text (the current layout's sidebar beside the name)."""
    first = [x for x in lines if x.page == 1]
    if not first:
        return False
    name_size = max(x.size for x in first)
    name_x = min(x.x0 for x in first if x.size == name_size)
    return any(x.x1 < name_x - 5 for x in first)


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
