"""``resumeconv render``: a PDF with the built-in Typst engine, or HTML (and PDF) through an installed npm theme."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from ..core.errors import EXIT_OK, ResumeconvError
from .common import (
    INVALID_DOCUMENT,
    check_output,
    emit,
    exit_codes,
    fail,
    load_input,
    loss_lines,
    max_input_size,
    output_error,
    say,
)

if TYPE_CHECKING:
    from ..core.losses import Loss


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
@click.option("--font-path", "font_paths", multiple=True, metavar="DIR",
              help="typst: also take fonts from DIR (repeatable; RESUMECONV_FONT_PATH too), e.g. for CJK names when "
                   "the system has no CJK fonts. A character no font has is reported.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print what the output could not carry.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list every value normalized (by default they are counted, as convert does).")
@click.option("-w", "--watch", is_flag=True,
              help="Keep running: render again each time RESUME is saved (a broken save prints its error and the "
                   "last good output stays); Ctrl-C stops (exit 130).")
@max_input_size
def render(resume: str, theme: str | None, engine: str | None, output: str | None, pdf: str | None,
           font_paths: tuple[str, ...], quiet: bool, verbose: bool, watch: bool) -> None:
    """Render RESUME (any format 'convert' reads: a file, '-', a LinkedIn export folder, a PDF) to a PDF with
    Typst, or to HTML with an installed npm theme.

    \b
    A PDF, offline, no Node or browser:
      pip install 'resumeconv[pdf]'
      resumeconv render cv.resume.json --pdf cv.pdf [-t compact]
    An npm theme (install it once, outside your project):
      npm install --prefix ~/.cache/resumeconv/node jsonresume-theme-even@0.26.1
      resumeconv render cv.resume.json -t even -o cv.html
    Render again on every save (pip install 'resumeconv[serve]'):
      resumeconv render cv.resume.json --pdf cv.pdf --watch
    """
    typst = (engine or _default_engine(theme)) == "typst"
    try:
        targets = _check_targets(resume, theme, output, pdf, typst=typst, watch=watch)
    except ResumeconvError as err:
        fail(err)
    report = None if quiet else verbose
    job = (lambda: _render_typst(resume, theme, output, pdf, report, font_paths)) if typst else \
        (lambda: _render_node(resume, str(theme), output, pdf, report))
    if not watch:
        _print(_run(job, targets, exit_on_error=True))
        sys.exit(EXIT_OK)
    from ..core.watch import saves

    try:
        # A .typ template is watched too: designing a theme is editing it and looking.
        stream = saves(resume, *([theme] if theme and theme.endswith(".typ") and typst else []))
    except ResumeconvError as err:
        fail(err)
    shown = _print(_run(job, targets, exit_on_error=False))
    say(f"resumeconv: watching {resume} (Ctrl-C stops)", err=True)
    for _ in stream:
        lines = _run(job, targets, exit_on_error=False)
        # The loss report again only when it changed: an unchanged one would bury the 'wrote' lines.
        if lines is not None and lines != shown:
            shown = _print(lines)


def _check_targets(resume: str, theme: str | None, output: str | None, pdf: str | None, *, typst: bool,
                   watch: bool) -> list[str]:
    """Usage errors found before any work; the files that will be written."""
    from ..core.errors import UsageError

    if typst and not (pdf or output):
        raise UsageError("the typst engine writes a PDF: give --pdf FILE (or -o FILE, '-o -' for stdout)")
    if typst and pdf and output:
        raise UsageError("the typst engine writes one PDF: give --pdf FILE or -o FILE, not both")
    if not typst and not theme:
        raise UsageError("the node engine needs an npm theme: give --theme PKG (e.g. -t even)")
    targets = [x for x in (output, pdf) if x] or ["-"]
    for target in targets:
        check_output(target, [resume])
    if watch:
        if resume == "-" or os.path.isdir(resume) or not os.path.isfile(resume):
            raise UsageError(f"{resume}: --watch needs a file to watch (not stdin or a folder)")
        if "-" in targets:
            raise UsageError("--watch writes files: give --pdf FILE or -o FILE (not stdout)")
    return targets


def _run(job: Callable[[], list[str]], targets: list[str], *, exit_on_error: bool) -> list[str] | None:
    """One render, returning its loss lines; its error is the one line and exit code, or (watching) the one line
    and None, and the output stays as the last good render left it."""
    started = time.monotonic()
    try:
        lines = job()
    except ResumeconvError as err:
        if exit_on_error:
            fail(err)
        say(f"resumeconv: {err}", err=True)
        return None
    except BrokenPipeError:
        raise
    except OSError as err:
        if exit_on_error:
            fail(output_error(targets[0], err))
        say(f"resumeconv: {output_error(targets[0], err)}", err=True)
        return None
    if not exit_on_error:
        files = ", ".join(t for t in targets if t != "-")
        say(f"resumeconv: wrote {files} in {time.monotonic() - started:.1f} s "
                   f"({time.strftime('%H:%M:%S')})", err=True)
    return lines


def _print(lines: list[str] | None) -> list[str] | None:
    for line in lines or ():
        say(line, err=True)
    return lines


def _report(losses: list[Loss], target: str, source: str, verbose: bool | None) -> list[str]:
    """What the output could not carry, as convert reports it: losses listed, normalizations counted unless
    ``verbose`` (listed then); nothing when None (--quiet)."""
    if verbose is None:
        return []
    if verbose:
        return loss_lines(losses, target, source)
    lost = [x for x in losses if x.kind == "loss"]
    lines = loss_lines(lost, target, source)
    if len(lost) < len(losses):
        lines.append(f"resumeconv: {source}: {len(losses) - len(lost)} value(s) normalized for {target} (-v lists "
                     "them)")
    return lines


def _render_node(resume: str, theme: str, output: str | None, pdf: str | None, verbose: bool | None) -> list[str]:
    """The node engine: HTML from the npm theme (and its PDF printed by Chromium)."""
    from .. import write
    from ..render import pdf_bytes, render_html

    loaded = load_input(resume)
    folded = write(loaded.document, "theme", theme=theme)
    html = render_html(json.loads(folded.data), theme)
    if output or not pdf:
        emit(output or "-", html)
    if pdf:
        emit(pdf, pdf_bytes(html))
    return _report([*loaded.losses, *folded.losses], f"theme {theme}", loaded.source, verbose)


def _default_engine(theme: str | None) -> str:
    """typst without a theme or with one of its own; node for any other (npm) theme name."""
    if not theme or theme.endswith(".typ"):
        return "typst"
    from ..render_typst import themes

    return "typst" if theme in themes() else "node"


def _render_typst(resume: str, theme: str | None, output: str | None, pdf: str | None,
                  verbose: bool | None, font_paths: tuple[str, ...] = ()) -> list[str]:
    """The Typst engine: one PDF, written through emit()."""
    from .. import write
    from ..render_typst import DEFAULT_THEME

    theme = theme or DEFAULT_THEME
    loaded = load_input(resume)
    out = write(loaded.document, "typst-pdf", theme=theme, font_path=os.pathsep.join(font_paths))
    emit(str(pdf or output), out.data)
    return _report([*loaded.losses, *out.losses], f"the PDF (Typst theme {theme})", loaded.source, verbose)
