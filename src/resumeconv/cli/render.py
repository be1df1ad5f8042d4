"""``resumeconv render``: a PDF with the built-in Typst engine, or HTML (and PDF) through an installed npm theme."""

from __future__ import annotations

import json
import sys

import click

from ..core.errors import EXIT_OK, ResumeconvError
from .common import (
    INVALID_DOCUMENT,
    check_output,
    emit,
    exit_codes,
    fail,
    load_input,
    max_input_size,
    output_error,
    print_losses,
)


@click.command("render", epilog=exit_codes(INVALID_DOCUMENT))
@click.argument("resume", metavar="RESUME")
@click.option("-t", "--theme", metavar="THEME",
              help="typst engine: 'academic' (default), 'compact' or a .typ file; node engine: an npm theme package, "
                   "e.g. 'even' or 'jsonresume-theme-elegant' (a theme with a profile, docs/themes.md, gets text in "
                   "the form it prints right).")
@click.option("--engine", type=click.Choice(["typst", "node"]),
              help="typst: PDF in-process (pip install 'resumeconv[pdf]'); node: npm theme to HTML, Chromium for "
                   "--pdf. Default: typst, unless --theme names no bundled Typst theme or .typ file.")
@click.option("-o", "--output", metavar="FILE",
              help="node: HTML file ('-' or nothing: stdout, unless --pdf); typst: the PDF ('-': stdout).")
@click.option("--pdf", metavar="FILE", help="The PDF file to write (node engine: printed with headless Chromium).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print what the output could not carry.")
@max_input_size
def render(resume: str, theme: str | None, engine: str | None, output: str | None, pdf: str | None,
           quiet: bool) -> None:
    """Render RESUME (any format 'convert' reads: a file, '-', a LinkedIn export folder, a PDF) to a PDF with
    Typst, or to HTML with an installed npm theme.

    \b
    A PDF, offline, no Node or browser:
      pip install 'resumeconv[pdf]'
      resumeconv render cv.resume.json --pdf cv.pdf [-t compact]
    An npm theme (install it once, outside your project):
      npm install --prefix ~/.cache/resumeconv/node jsonresume-theme-even@0.26.1
      resumeconv render cv.resume.json -t even -o cv.html
    """
    if (engine or _default_engine(theme)) == "typst":
        _render_typst(resume, theme, output, pdf, quiet)
    from .. import write
    from ..render import pdf_bytes, render_html

    if not theme:
        fail(ResumeconvError("the node engine needs an npm theme: give --theme PKG (e.g. -t even)"))
    theme = str(theme)
    try:
        for out in (output, pdf):
            if out:
                check_output(out, [resume])
        loaded = load_input(resume)
        folded = write(loaded.document, "theme", theme=theme)
        html = render_html(json.loads(folded.data), theme)
        if not quiet:
            print_losses([*loaded.losses, *folded.losses], f"theme {theme}", loaded.name)
        if output or not pdf:
            emit(output or "-", html)
        if pdf:
            emit(pdf, pdf_bytes(html))
    except ResumeconvError as err:
        fail(err)
    except BrokenPipeError:
        raise
    except OSError as err:
        fail(output_error(output, err))
    sys.exit(EXIT_OK)


def _default_engine(theme: str | None) -> str:
    """typst without a theme or with one of its own; node for any other (npm) theme name."""
    if not theme or theme.endswith(".typ"):
        return "typst"
    from ..render_typst import themes

    return "typst" if theme in themes() else "node"


def _render_typst(resume: str, theme: str | None, output: str | None, pdf: str | None, quiet: bool) -> None:
    """The Typst engine: one PDF, written through emit(); exits."""
    from .. import formats as registry
    from ..core.errors import UsageError
    from ..migrate import prepare_for_writer
    from ..render_typst import DEFAULT_THEME, render_pdf

    theme = theme or DEFAULT_THEME
    target = pdf or output
    try:
        if not target:
            raise UsageError("the typst engine writes a PDF: give --pdf FILE (or -o FILE, '-o -' for stdout)")
        if pdf and output:
            raise UsageError("the typst engine writes one PDF: give --pdf FILE or -o FILE, not both")
        check_output(target, [resume])
        loaded = load_input(resume)
        prepared, normalized = prepare_for_writer(loaded.document, "typst")
        with registry.writing(f"Typst theme {theme}", prepared, resume):
            document, report = render_pdf(prepared, theme)
        if not quiet:
            print_losses([*loaded.losses, *normalized, *report.items], f"the PDF (Typst theme {theme})",
                         loaded.name)
        emit(target, document)
    except ResumeconvError as err:
        fail(err)
    except BrokenPipeError:
        raise
    except OSError as err:
        fail(output_error(target, err))
    sys.exit(EXIT_OK)
