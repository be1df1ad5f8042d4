"""LinkedIn "Save to PDF" files: recognise one and turn its pages into profile text for the text reader."""

from __future__ import annotations

from ...core.errors import InputError
from .._pdf import Pdf


def is_linkedin(pdf: Pdf) -> bool:
    """Whether LinkedIn made this PDF: the current layout says ``/Author LinkedIn`` in its document info."""
    return pdf.info.get("/Author") == "LinkedIn"


def profile_text(pdf: Pdf) -> str:
    """The text of a LinkedIn PDF, page by page with a form feed between, as pdftotext gives it."""
    pdf.check_pages()
    if not is_linkedin(pdf):
        raise InputError("not a LinkedIn profile PDF (LinkedIn's 'Save to PDF' says /Author LinkedIn)", pdf.source)
    return "\f".join(page + "\n" for page in pdf.text())
