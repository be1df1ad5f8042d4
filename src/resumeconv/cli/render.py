"""``resumeconv render``: a PDF with the built-in Typst engine, or HTML (and PDF) through an installed npm theme."""

from __future__ import annotations

import json
import sys

import click

from ..core.errors import EXIT_OK, ResumeconvError
from . import EXIT_CODES_HELP, fail, loss_lines


@click.command("render", epilog=EXIT_CODES_HELP)
@click.argument("resume", metavar="RESUME")
@click.option("-t", "--theme", metavar="THEME",
              help="typst engine: 'academic' (default), 'compact' or a .typ file; node engine: an npm theme package, "
                   "e.g. 'even' or 'jsonresume-theme-elegant'.")
@click.option("--engine", type=click.Choice(["typst", "node"]),
              help="typst: PDF in-process (pip install 'resumeconv[pdf]'); node: npm theme to HTML, Chromium for "
                   "--pdf. Default: typst, unless --theme names no bundled Typst theme or .typ file.")
@click.option("-o", "--output", metavar="FILE",
              help="node: HTML file ('-' or nothing: stdout, unless --pdf); typst: the PDF ('-': stdout).")
@click.option("--pdf", metavar="FILE", help="The PDF file to write (node engine: printed with headless Chromium).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print what the output could not carry.")
def render(resume: str, theme: str | None, engine: str | None, output: str | None, pdf: str | None,
           quiet: bool) -> None:
    """Render RESUME (any readable format) to a PDF with Typst, or to HTML with an installed npm theme.

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
    from .. import formats as registry
    from ..core.fileio import read_bytes, write_atomic
    from ..render import print_pdf, render_html

    if not theme:
        fail(ResumeconvError("the node engine needs an npm theme: give --theme PKG (e.g. -t even)"))
    theme = str(theme)
    try:
        data = read_bytes(resume)
        result = registry.detect(resume, data).read(data, source="<stdin>" if resume == "-" else resume)
        folded = registry.get("theme").write(result.document, theme=theme)
        html = render_html(json.loads(folded.data), theme)
        if not quiet:
            name = "<stdin>" if resume == "-" else resume
            for line in loss_lines([*result.losses, *folded.losses], f"theme {theme}", name):
                click.echo(line, err=True)
        if output and output != "-":
            write_atomic(output, html)
        elif output == "-" or not pdf:
            sys.stdout.write(html)
            sys.stdout.flush()
        if pdf:
            print_pdf(html, pdf)
    except ResumeconvError as err:
        fail(err)
    except OSError as err:
        fail(ResumeconvError(f"{err.filename or output}: {err.strerror or err}"))
    sys.exit(EXIT_OK)


def _default_engine(theme: str | None) -> str:
    """typst without a theme or with one of its own; node for any other (npm) theme name."""
    if not theme or theme.endswith(".typ"):
        return "typst"
    from ..render_typst import themes

    return "typst" if theme in themes() else "node"


def _render_typst(resume: str, theme: str | None, output: str | None, pdf: str | None, quiet: bool) -> None:
    """The Typst engine: one PDF, written atomically; exits."""
    from .. import formats as registry
    from ..core.errors import UsageError
    from ..core.fileio import read_bytes, write_atomic
    from ..render_typst import DEFAULT_THEME, render_pdf

    theme = theme or DEFAULT_THEME
    try:
        target = pdf or output
        if not target:
            raise UsageError("the typst engine writes a PDF: give --pdf FILE (or -o FILE, '-o -' for stdout)")
        if pdf and output:
            raise UsageError("the typst engine writes one PDF: give --pdf FILE or -o FILE, not both")
        data = read_bytes(resume)
        name = "<stdin>" if resume == "-" else resume
        result = registry.detect(resume, data).read(data, source=name)
        with registry.writing(f"Typst theme {theme}", result.document, resume):
            document, report = render_pdf(result.document, theme)
        if not quiet:
            for line in loss_lines([*result.losses, *report.items], f"the PDF (Typst theme {theme})", name):
                click.echo(line, err=True)
        if target == "-":
            sys.stdout.buffer.write(document)
            sys.stdout.flush()
        else:
            write_atomic(target, document)
    except ResumeconvError as err:
        fail(err)
    except OSError as err:
        fail(ResumeconvError(f"{err.filename or pdf or output}: {err.strerror or err}"))
    sys.exit(EXIT_OK)
