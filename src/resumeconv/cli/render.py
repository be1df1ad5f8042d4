"""``resumeconv render``: HTML (and PDF) through a real installed JSON Resume theme."""

from __future__ import annotations

import json
import sys

import click

from ..core.errors import EXIT_OK, ResumeconvError
from .common import EXIT_CODES_HELP, check_output, emit, fail, load_input, max_input_size, output_error, print_losses


@click.command("render", epilog=EXIT_CODES_HELP)
@click.argument("resume", metavar="RESUME")
@click.option("-t", "--theme", required=True, metavar="PKG",
              help="Theme package, e.g. 'even' or 'jsonresume-theme-elegant' (installed with npm).")
@click.option("-o", "--output", metavar="FILE", help="HTML file to write ('-' or nothing: stdout, unless --pdf).")
@click.option("--pdf", metavar="FILE", help="Also print the page to this PDF file with headless Chromium.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print what the theme document could not carry.")
@max_input_size
def render(resume: str, theme: str, output: str | None, pdf: str | None, quiet: bool) -> None:
    """Render RESUME (any format 'convert' reads: a file, '-', a LinkedIn export folder, a PDF) to HTML with an
    installed npm theme.

    \b
    Install the themes once, outside your project:
      npm install --prefix ~/.cache/resumeconv/node jsonresume-theme-even@0.26.1
    """
    from .. import write
    from ..render import pdf_bytes, render_html

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
