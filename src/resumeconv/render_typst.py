"""API: the built-in Typst engine's themes, for the CLI (``render``) and ``serve``. The PDF and the SVG pages are the
registry's ``typst-pdf`` and ``typst-svg`` writers (``formats/typst.py``): ``resumeconv.write(doc, "typst-pdf",
theme="compact")``, with the writer preparation, crash guard and loss engine every writer has."""

from __future__ import annotations

from .formats.typst import DEFAULT_THEME, EXTRA_HINT, TypstRenderError, build_view, template, themes

__all__ = ["DEFAULT_THEME", "EXTRA_HINT", "TypstRenderError", "build_view", "template", "themes"]
