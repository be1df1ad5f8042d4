"""``resumeconv migrate``: rewrite a legacy or sloppy JSON Resume into a valid one and say what changed."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..core.errors import EXIT_OK, UsageError
from .common import (
    INVALID_DOCUMENT,
    check_output,
    emit,
    exit_codes,
    load_input,
    max_input_size,
    print_losses,
    reported,
    say,
)

if TYPE_CHECKING:
    from ..migrate import Migration


@click.command("migrate", epilog=exit_codes(INVALID_DOCUMENT))
@click.argument("input", metavar="INPUT")
@click.option("-o", "--output", metavar="FILE",
              help="Write here (atomically; '-' for stdout, the default) as JSON or YAML, by its extension.")
@click.option("-i", "--in-place", is_flag=True,
              help="Rewrite INPUT itself, atomically, keeping key order; INPUT.bak holds the original meanwhile "
                   "(a symbolic link is followed: its target is rewritten).")
@click.option("--keep-backup", is_flag=True,
              help="With --in-place, keep INPUT.bak (this run's original) after a successful rewrite.")
@max_input_size
def migrate(input: str, output: str | None, in_place: bool, keep_backup: bool) -> None:
    """Rename pre-1.0 fields, drop 'Present' end dates and empty values, write dates as ISO (never inventing a
    day or month) and add https:// to bare web addresses. Each change is printed on stderr.

    INPUT is any format 'convert' reads ('-' for stdin). YAML stays YAML: a YAML file's comments, quoting,
    indentation and line ends (CRLF too) are kept around the changed values; JSON is written with two-space
    indentation.
    """
    from .. import formats as registry
    from ..migrate import migrate as run

    target = output or "-"
    with reported(input if in_place else target):
        if in_place and output:
            raise UsageError("give -o OUTPUT or --in-place, not both")
        if in_place and input == "-":
            raise UsageError("--in-place needs a file, not stdin")
        out_spec = registry.by_extension(target, reading=False) if target != "-" and not in_place else None
        if out_spec is not None and out_spec.name not in ("json", "yaml"):
            raise UsageError(f"{target}: migrate writes JSON Resume as JSON or YAML, not {out_spec.name}; migrate "
                             f"first, then 'resumeconv convert' to {out_spec.name} (which reports what it cannot hold)")
        if not in_place:
            check_output(target, [input])
        loaded = load_input(input)
        if in_place and loaded.format not in ("json", "yaml"):
            raise UsageError(f"--in-place rewrites JSON or YAML, not {loaded.format}; use -o FILE")
        print_losses(loaded.losses, "the CV", loaded.source)
        result = run(loaded.document)
        _print_changes(loaded.source, result)
        if in_place and not result.changes:
            sys.exit(EXIT_OK)
        if out_spec is None:
            out_spec = registry.get(loaded.format if loaded.format in ("json", "yaml") else "json")
        text: bytes | str = out_spec.write(result.document).data
        if out_spec.name == "yaml" and loaded.format == "yaml" and input != "-":
            text = _keep_what_you_wrote(input, result.document)
        if in_place:
            emit(input, text, backup=keep_backup)
        else:
            emit(target, text)
    sys.exit(EXIT_OK)


def _keep_what_you_wrote(path: str, doc: dict[str, Any]) -> str:
    """The new YAML laid over the file as it is: comments, quoting and CRLF line ends kept (``core.yamlrt``)."""
    from ..core.fileio import decode_text, read_bytes
    from ..core.yamlrt import rewrite_yaml

    return rewrite_yaml(decode_text(read_bytes(path), path), doc)


def _print_changes(source: str, result: Migration) -> None:
    if not result.changes:
        say(f"resumeconv: {source}: nothing to change", err=True)
    else:
        say(f"resumeconv: {source}: {len(result.changes)} change(s):", err=True)
        for change in result.changes:
            say(f"  {change}", err=True)
    if result.kept:
        say(f"resumeconv: {source}: {len(result.kept)} thing(s) left for you to fix:", err=True)
        for kept in result.kept:
            say(f"  {kept}", err=True)
