"""``resumeconv serve``: a live preview of one CV in the browser, on 127.0.0.1 only (logic in resumeconv.preview)."""

from __future__ import annotations

import os

import click

from ..core.errors import ResumeconvError, UsageError
from .common import exit_codes, fail, max_input_size, say

#: The port when none is given (as JSON Resume's own ``resume serve``); ``--port 0`` picks any free one.
DEFAULT_PORT = 4000


@click.command("serve", epilog=exit_codes("not used: a save's errors and findings are shown on the page, and serving "
                                                   "goes on"))
@click.argument("resume", metavar="RESUME")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port on 127.0.0.1 (0: any free port; the address is printed).")
@click.option("-t", "--theme", metavar="THEME",
              help="'academic' (default) or 'compact' (Typst pages, no Node), a .typ file, or an installed npm theme "
                   "(e.g. 'even': its HTML, needs Node; docs/themes.md).")
@max_input_size
def serve(resume: str, port: int, theme: str | None) -> None:
    """Show RESUME in the browser and update it on every save: the Typst pages (or an npm theme's HTML), the
    validation findings with file:line:col, and what each format's writer makes of it with its loss report.

    \b
    Listens on 127.0.0.1 only; writes no file. Needs: pip install 'resumeconv[serve]'
      resumeconv serve cv.resume.json            # then open the address it prints
      resumeconv serve cv.resume.yaml --port 0 -t compact
    Ctrl-C stops it (exit 130).
    """
    from ..preview.server import serve as run

    def announce(line: str) -> None:
        say(f"resumeconv: {line}", err=True)

    try:
        if resume == "-" or not os.path.isfile(resume):
            what = "stdin" if resume == "-" else "a folder" if os.path.isdir(resume) else "no such file"
            raise UsageError(f"{resume}: serve needs a file to watch ({what})")
        run(resume, port=port, theme=theme, announce=announce)
    except ResumeconvError as err:
        fail(err)
