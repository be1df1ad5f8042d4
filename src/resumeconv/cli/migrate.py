"""``resumeconv migrate``: rewrite a legacy or sloppy JSON Resume into a valid one and say what changed."""

from __future__ import annotations

import sys

import click

from ..core.errors import EXIT_OK, ResumeconvError, UsageError
from . import EXIT_CODES_HELP, fail


@click.command("migrate", epilog=EXIT_CODES_HELP)
@click.argument("input", metavar="INPUT")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option("-i", "--in-place", is_flag=True,
              help="Rewrite INPUT itself, atomically, keeping key order; INPUT.bak holds the original meanwhile.")
@click.option("--keep-backup", is_flag=True, help="With --in-place, keep INPUT.bak after a successful rewrite.")
def migrate(input: str, output: str | None, in_place: bool, keep_backup: bool) -> None:
    """Rename pre-1.0 fields, drop 'Present' end dates and empty values, write dates as ISO (never inventing a
    day or month) and add https:// to bare web addresses. Each change is printed on stderr.

    YAML stays YAML (comments are not kept); JSON is written with two-space indentation.
    """
    from .. import formats as registry
    from ..core.fileio import read_bytes, replace_keeping_backup, write_atomic
    from ..migrate import migrate as run

    try:
        if in_place and output:
            raise UsageError("give -o OUTPUT or --in-place, not both")
        if in_place and input == "-":
            raise UsageError("--in-place needs a file, not stdin")
        data = read_bytes(input)
        source = "<stdin>" if input == "-" else input
        spec = registry.detect(input, data)
        if spec.name not in ("json", "yaml"):
            raise UsageError(f"migrate rewrites JSON Resume as JSON or YAML, not {spec.name}")
        result = run(spec.read(data, source=source).document)
        _print_changes(source, result)
        target = input if in_place else output
        if in_place and not result.changes:
            sys.exit(EXIT_OK)
        out_spec = (registry.by_extension(target, reading=False) if target and not in_place else None) or spec
        text = out_spec.write(result.document).data
        if in_place:
            replace_keeping_backup(target, text, keep_backup=keep_backup)
        elif target:
            write_atomic(target, text)
        else:
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
    except ResumeconvError as err:
        fail(err)
    except OSError as err:
        fail(ResumeconvError(f"{output or input}: cannot write: {err.strerror or err}"))
    sys.exit(EXIT_OK)


def _print_changes(source: str, result) -> None:
    if not result.changes:
        click.echo(f"resumeconv: {source}: nothing to change", err=True)
    else:
        click.echo(f"resumeconv: {source}: {len(result.changes)} change(s):", err=True)
        for change in result.changes:
            click.echo(f"  {change}", err=True)
    if result.kept:
        click.echo(f"resumeconv: {source}: {len(result.kept)} thing(s) left for you to fix:", err=True)
        for kept in result.kept:
            click.echo(f"  {kept}", err=True)
