"""``resumeconv render``: HTML (and PDF) through a real installed JSON Resume theme."""

from __future__ import annotations

import json
import sys

import click

from ..core.errors import EXIT_OK, ResumeconvError
from . import EXIT_CODES_HELP, fail, loss_lines


@click.command("render", epilog=EXIT_CODES_HELP)
@click.argument("resume", metavar="RESUME")
@click.option("-t", "--theme", required=True, metavar="PKG",
              help="Theme package, e.g. 'even' or 'jsonresume-theme-elegant' (installed with npm).")
@click.option("-o", "--output", metavar="FILE", help="HTML file to write ('-' or nothing: stdout, unless --pdf).")
@click.option("--pdf", metavar="FILE", help="Also print the page to this PDF file with headless Chromium.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print what the theme document could not carry.")
def render(resume: str, theme: str, output: str | None, pdf: str | None, quiet: bool) -> None:
    """Render RESUME (any readable format) to HTML with an installed npm theme.

    \b
    Install the themes once, outside your project:
      npm install --prefix ~/.cache/resumeconv/node jsonresume-theme-even@0.26.1
    """
    from .. import formats as registry
    from ..core.fileio import read_bytes, write_atomic
    from ..render import print_pdf, render_html

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
