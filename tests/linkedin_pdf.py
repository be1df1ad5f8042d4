"""Small PDFs in LinkedIn's "Save to PDF" layouts (current and 2014-2017), written by hand for tests (no real
person's profile).

Each line is ``(style, text)``; the styles carry LinkedIn's sizes, colours and columns (sidebar at x 21.6, main
column at x 223.6), and a ``+`` before a style marks a line that continues the one above (a wrapped line).
"""

from __future__ import annotations

#: style -> (column x, font size, RGB colour, space before the line as a multiple of the size)
STYLES: dict[str, tuple[float, float, tuple[float, float, float], float]] = {
    "side-head": (21.6, 13.0, (0.8824, 0.9137, 0.9333), 2.5),
    "side": (21.6, 10.5, (1.0, 1.0, 1.0), 1.68),
    "side-label": (21.6, 11.0, (0.6627, 0.6941, 0.7137), 1.3),
    "name": (223.6, 26.0, (0.098, 0.098, 0.098), 1.0),
    "headline": (223.6, 12.0, (0.098, 0.098, 0.098), 1.6),
    "place": (223.6, 12.0, (0.6941, 0.6941, 0.6941), 1.3),
    "head": (223.6, 15.8, (0.098, 0.098, 0.098), 2.6),
    "summary": (223.6, 12.0, (0.098, 0.098, 0.098), 2.0),
    "company": (223.6, 12.0, (0.098, 0.098, 0.098), 2.8),
    "tenure": (223.6, 10.5, (0.098, 0.098, 0.098), 1.4),
    "title": (223.6, 11.5, (0.098, 0.098, 0.098), 1.6),
    "dates": (223.6, 10.5, (0.098, 0.098, 0.098), 1.4),
    "where": (223.6, 10.5, (0.6941, 0.6941, 0.6941), 1.4),
    "text": (223.6, 10.5, (0.098, 0.098, 0.098), 2.0),
    "school": (223.6, 12.0, (0.098, 0.098, 0.098), 2.7),
    "degree": (223.6, 10.5, (0.098, 0.098, 0.098), 1.8),
}
_WRAP = 1.2  # a wrapped line sits 1.2 sizes below the one above


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def profile_pdf(sidebar: list[tuple[str, str]], main: list[tuple[str, str]], *, author: str | None = "LinkedIn",
                footer: bool = True) -> bytes:
    """A one-page PDF with the given sidebar and main column lines (top to bottom)."""
    ops: list[str] = []
    for column in (sidebar, main):
        y = 792.0 - 40.0
        for style, text in column:
            wrapped = style.startswith("+")
            x, size, color, before = STYLES[style.lstrip("+")]
            y -= size * (_WRAP if wrapped else before)
            ops.append(f"{color[0]} {color[1]} {color[2]} rg BT /F1 {size} Tf {x} {y:.1f} Td ({_escape(text)}) Tj ET")
    if footer:
        ops.append("0 0 0 rg BT /F1 9 Tf 384 19.9 Td (Page 1 of 1) Tj ET")
    return _pdf(["\n".join(ops)], author)


def _pdf(contents: list[str], author: str | None, *, info: str | None = None) -> bytes:
    objects: list[str] = ["<< /Type /Catalog /Pages 2 0 R >>", "",
                          "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                          "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    kids = []
    for body in contents:
        data = body.encode("cp1252")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{body}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
                       f"/F2 4 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    if info is None:
        info = f"<< /Author ({_escape(author)}) /Title (Resume) /Producer (Apache FOP Version 2.2) >>" if author \
            else "<< /Title (CV) >>"
    objects.append(info)
    out = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{obj}\nendobj\n".encode("cp1252")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


#: 2014-2017 layout (Apache FOP 1.1): style -> (font size, bold, grey level, space before as a multiple of the size)
CLASSIC_STYLES: dict[str, tuple[float, bool, float, float]] = {
    "name": (20.0, True, 0.2, 1.0),
    "headline": (13.0, False, 0.2, 1.6),
    "email": (13.0, False, 0.6, 1.4),
    "head": (16.0, False, 0.6, 2.2),
    "title": (12.0, True, 0.0, 1.6),
    "text": (12.0, False, 0.0, 1.4),
}


def classic_pdf(pages: list[list[tuple[str, str]]], *, footer: str = "Page{n}", creator: str | None = None) -> bytes:
    """A PDF in the 2014-2017 layout: one column at x 36, Helvetica-Bold for bold lines, the page number in 10 pt
    at the bottom right of every page (``footer`` with ``{n}``), Apache FOP 1.1 as creator unless ``creator`` is
    given, and no link to the profile (which detection must not need)."""
    contents = []
    for n, lines in enumerate(pages, start=1):
        ops: list[str] = []
        y = 792.0 - 30.0
        for style, text in lines:
            size, bold, grey, before = CLASSIC_STYLES[style]
            y -= size * before
            font = "F2" if bold else "F1"
            ops.append(f"{grey} g BT /{font} {size} Tf 36 {y:.1f} Td ({_escape(text)}) Tj ET")
        ops.append(f"0 g BT /F1 10 Tf 549 26 Td ({_escape(footer.format(n=n))}) Tj ET")
        contents.append("\n".join(ops))
    made_by = _escape(creator or "Apache FOP Version 1.1")
    return _pdf(contents, None, info=f"<< /Creator ({made_by}) /Producer ({made_by}) >>")
