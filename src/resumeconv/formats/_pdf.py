"""The one PDF reader every format uses, with one set of limits.

A PDF is opened with pypdf (document info, page count, page content sizes, embedded files) and its text with
positions and style is taken with pdfminer.six, only after pypdf has checked the limits. The limits: the file
itself is held to the input size limit (``core.fileio``); bytes after the last ``%%EOF`` are no part of the PDF and
are never parsed (a real PDF with megabytes of junk appended made both parsers scan the junk for minutes); at most
``MAX_PAGES`` pages, each page's decoded content at most ``MAX_PAGE_CONTENT`` bytes and all pages' together at most
``MAX_CONTENT`` (form XObjects counted with their page); while the layout is taken, at most ``MAX_PAGE_ITEMS``
characters, paths, images and forms drawn per page (what pdfminer's layout analysis spends its time on). At most
``MAX_ATTACHMENTS`` embedded files and each at most the input size limit. A file beyond them is refused
(``UnsafeInputError``): it is a resource attack (decompression bomb), not a CV. A broken or encrypted file is one
``InputError`` line, never a traceback.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..core.errors import InputError, UnsafeInputError
from ..core.fileio import max_input_bytes

#: A CV has a handful of pages of some kilobytes each (LinkedIn's: at most 21 kB a page, 69 kB in all, in the corpus).
MAX_PAGES = 100
MAX_PAGE_CONTENT = 256 * 1024
MAX_CONTENT = 512 * 1024
#: Characters, paths, images and form XObjects drawn on one page (a dense page of text has about 5,000 characters;
#: LinkedIn's pages draw at most 2 forms). A form's content counts towards its page's content limits.
MAX_PAGE_ITEMS = 20_000
MAX_ATTACHMENTS = 100


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def _without_trailing_bytes(data: bytes) -> bytes:
    """The PDF up to its last ``%%EOF`` marker (and its line end): what follows is no part of the file."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        return data
    end += 5
    for _ in range(2):
        if data[end:end + 1] in (b"\r", b"\n"):
            end += 1
    return data[:end]


class _TooMuch(Exception):
    """Raised inside pdfminer when a page draws more than MAX_PAGE_ITEMS things."""


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf and pdfminer log their repairs of broken files; the user gets one line or none."""
    logs = [logging.getLogger(name) for name in ("pypdf", "pdfminer")]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for log, level in zip(logs, levels, strict=True):
            log.setLevel(level)


def _why(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with where it sits and how it looks (of its first character)."""

    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page, in points
    bottom: float
    size: float
    font: str
    bold: bool
    color: tuple[float, ...]
    text: str
    #: The text with its spacing as laid out (runs of spaces kept), e.g. to find a word set apart by wide gaps.
    raw: str
    height: float  # the page's height

    @property
    def gray(self) -> float:
        """The colour's mean component: 0 black, 1 white."""
        return sum(self.color) / len(self.color) if self.color else 0.0


class Pdf:
    """An opened PDF whose page count is within the limits; pages and attachments are checked when read."""

    def __init__(self, data: bytes, source: str | None):
        from pypdf import PdfReader

        self.data = data = _without_trailing_bytes(data)
        self.source = source
        with _quiet():
            try:
                self._reader = PdfReader(io.BytesIO(data))
                encrypted = self._reader.is_encrypted
                count = 0 if encrypted else len(self._reader.pages)
                raw = {} if encrypted else dict(self._reader.metadata or {})
            except Exception as err:  # pypdf raises many types on broken files
                raise InputError(f"cannot read the PDF: {_why(err)}", source) from None
        if encrypted:
            raise InputError("the PDF is encrypted", source)
        if count > MAX_PAGES:
            raise UnsafeInputError(f"the PDF has {count} pages (limit {MAX_PAGES}); a CV has a few", source)
        self.page_count = count
        #: The document info (``/Author``, ``/Creator``, ...) as plain strings.
        self.info: dict[str, str] = {str(k): str(v) for k, v in raw.items()}
        self._checked = False

    def check_pages(self) -> None:
        """Refuse a page whose content stream expands beyond MAX_PAGE_CONTENT."""
        if self._checked:
            return
        total = 0
        with _quiet():
            for number, page in enumerate(self._reader.pages, start=1):
                try:
                    contents = page.get_contents()
                    size = len(contents.get_data()) if contents is not None else 0
                    size += _forms_size(page)
                except Exception as err:
                    raise InputError(f"cannot read page {number} of the PDF: {_why(err)}", self.source) from None
                if size > MAX_PAGE_CONTENT:
                    raise UnsafeInputError(f"page {number} of the PDF expands to {size} bytes of content "
                                           f"(limit {MAX_PAGE_CONTENT})", self.source)
                total += size
                if total > MAX_CONTENT:
                    raise UnsafeInputError(f"the first {number} pages of the PDF expand to {total} bytes of content "
                                           f"(limit {MAX_CONTENT} for all pages)", self.source)
        self._checked = True

    def text(self) -> list[str]:
        """Each page's plain text as pypdf extracts it (no positions)."""
        self.check_pages()
        with _quiet():
            try:
                return [page.extract_text() or "" for page in self._reader.pages]
            except Exception as err:
                raise InputError(f"cannot read the PDF: {_why(err)}", self.source) from None

    def lines(self) -> list[Line]:
        """Every text line with its position and style, page by page, top to bottom within each text box."""
        self.check_pages()
        from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

        out: list[Line] = []
        with _quiet():
            try:
                for number, page in enumerate(_layouts(self.data), start=1):
                    if number > MAX_PAGES:
                        break
                    height = page.bbox[3]
                    for box in page:
                        if not isinstance(box, LTTextContainer):
                            continue
                        for line in box:
                            if not isinstance(line, LTTextLine):
                                continue
                            chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                            text = " ".join(line.get_text().split())
                            if not chars or not text:
                                continue
                            first = chars[0]
                            out.append(Line(number, line.x0, line.x1, height - line.y1, height - line.y0,
                                            round(first.size, 1), first.fontname,
                                            "bold" in first.fontname.lower(), _color(first), text,
                                            line.get_text().strip("\n"), height))
            except InputError:
                raise
            except _TooMuch as err:
                raise UnsafeInputError(f"page {err} of the PDF draws more than {MAX_PAGE_ITEMS} characters, paths "
                                       "and images (a CV page has a few thousand)", self.source) from None
            except Exception as err:
                raise InputError(f"cannot read the PDF: {_why(err)}", self.source) from None
        return out

    def links(self) -> list[str]:
        """The URIs of the link annotations on every page."""
        out: list[str] = []
        with _quiet():
            try:
                for page in self._reader.pages:
                    for annot in page.get("/Annots") or []:
                        action = annot.get_object().get("/A")
                        uri = action.get_object().get("/URI") if action is not None else None
                        if uri is not None:
                            out.append(str(uri))
            except Exception as err:
                raise InputError(f"cannot read the PDF: {_why(err)}", self.source) from None
        return out

    def attachments(self) -> dict[str, bytes]:
        """The embedded files by name, each held to the input size limit."""
        with _quiet():
            try:
                found = self._reader.attachments
                names = list(found)
            except Exception as err:
                raise InputError(f"cannot read the PDF: {_why(err)}", self.source) from None
            if len(names) > MAX_ATTACHMENTS:
                raise UnsafeInputError(f"the PDF embeds {len(names)} files (limit {MAX_ATTACHMENTS})", self.source)
            out: dict[str, bytes] = {}
            for name in names:
                try:
                    payloads = found[name]
                except Exception as err:
                    raise InputError(f"cannot read the PDF's embedded file '{name}': {_why(err)}",
                                     self.source) from None
                if payloads:
                    if len(payloads[0]) > max_input_bytes():
                        raise UnsafeInputError(f"the file '{name}' embedded in this PDF is larger than the limit of "
                                               f"{max_input_bytes()} bytes", self.source)
                    out[name] = payloads[0]
        return out


def _forms_size(page: Any) -> int:
    """The decoded size of the form XObjects a page's resources name (their content runs as the page's does)."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    forms = resources.get("/XObject") if hasattr(resources, "get") else None
    forms = forms.get_object() if forms is not None else {}
    total = 0
    for ref in forms.values() if hasattr(forms, "values") else ():
        form = ref.get_object()
        if hasattr(form, "get") and form.get("/Subtype") == "/Form":
            total += len(form.get_data())
            if total > MAX_PAGE_CONTENT:
                break
    return total


def _layouts(data: bytes) -> Iterator[Any]:
    """pdfminer's ``extract_pages``, with a device that stops a page drawing more than MAX_PAGE_ITEMS things."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Bounded(PDFPageAggregator):
        items = 0
        page = 0

        def count(self) -> None:
            self.items += 1
            if self.items > MAX_PAGE_ITEMS:
                raise _TooMuch(self.page)

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.items, self.page = 0, self.page + 1
            super().begin_page(page, ctm)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.count()
            width: float = super().render_char(*args, **kwargs)
            return width

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            self.count()
            super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            self.count()
            super().render_image(*args, **kwargs)

        def begin_figure(self, *args: Any, **kwargs: Any) -> None:
            self.count()  # a form drawn many times is run as many times
            super().begin_figure(*args, **kwargs)

    resources = PDFResourceManager()
    device = Bounded(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES):
        interpreter.process_page(page)
        yield device.get_result()


def _color(char: Any) -> tuple[float, ...]:
    """A character's fill colour as a tuple of components (gray, RGB or CMYK as the PDF gives it)."""
    value = getattr(getattr(char, "graphicstate", None), "ncolor", None)
    if isinstance(value, (int, float)):
        return (float(value),)
    if isinstance(value, (list, tuple)) and all(isinstance(x, (int, float)) for x in value):
        return tuple(float(x) for x in value)
    return ()


def open_pdf(data: bytes, source: str | None) -> Pdf:
    """Open a PDF within the limits (page count checked now, page contents when text is read)."""
    return Pdf(data, source)
