"""The command line: parse arguments, call the library, print, choose the exit code. Nothing else lives here."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from .errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, ResumeconvError

EXIT_CODES_HELP = """\b
Exit codes:
  0  success (warnings and losses allowed)
  1  invalid document, or losses with --fail-on-loss
  2  usage error, or input that cannot be read or parsed"""

#: Commands defined in their own modules, imported only when invoked (keeps start-up fast).
LAZY_COMMANDS: dict[str, str] = {"render": "resumeconv.commands.render:render"}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resumeconv")
def main() -> None:
    """Validate academic CVs kept as JSON Resume and convert them to and from other formats."""


def fail(err: ResumeconvError) -> None:
    """Print the error's one line and exit with its code."""
    click.echo(f"resumeconv: {err}", err=True)
    sys.exit(err.exit_code)


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got '{pair}'", param_hint="-O/--option")
        options[key.strip().replace("-", "_")] = value
    return options


def print_losses(losses: list, target: str) -> None:
    real = [x for x in losses if x.kind == "loss"]
    norm = [x for x in losses if x.kind != "loss"]
    if real:
        click.echo(f"resumeconv: {len(real)} item(s) could not be carried to {target}:", err=True)
        for loss in real:
            click.echo(f"  {loss.pointer or '/'}: {loss.reason}", err=True)
    if norm:
        click.echo(f"resumeconv: {len(norm)} value(s) normalized for {target}:", err=True)
        for loss in norm:
            click.echo(f"  {loss.pointer or '/'}: {loss.reason}", err=True)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("input", metavar="INPUT")
@click.option("-f", "--from", "from_format", metavar="FORMAT",
              help="Input format (default: detected from content and name).")
@click.option("-t", "--to", "to_format", metavar="FORMAT", help="Output format (default: from the -o file name).")
@click.option("-o", "--output", metavar="FILE", default="-", help="Output file, written atomically ('-' for stdout).")
@click.option("-O", "--option", "options", metavar="KEY=VALUE", multiple=True,
              help="Writer option, e.g. -O theme=even.")
@click.option("--fail-on-loss", is_flag=True, help="Exit 1 and write nothing when the target cannot hold everything.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the loss report.")
def convert(input: str, from_format: str | None, to_format: str | None, output: str, options: tuple[str, ...],
            fail_on_loss: bool, quiet: bool) -> None:
    """Convert INPUT ('-' for stdin) to another format; what the target cannot hold is reported on stderr."""
    from . import formats as registry
    from .fileio import read_bytes, write_atomic

    try:
        opts = parse_options(options)
        if to_format is None:
            spec = registry.by_extension(output, reading=False) if output != "-" else None
            if spec is None:
                raise click.UsageError("name the output format with -t (see 'resumeconv formats')")
            to_format = spec.name
        target = registry.get(to_format)
        if not target.writes:
            raise click.UsageError(f"format '{to_format}' can be read, not written")
        data = read_bytes(input)
        source = registry.get(from_format) if from_format else registry.detect(input, data)
        name = "<stdin>" if input == "-" else input
        result = source.read(data, source=name)
        out = target.write(result.document, **opts)
        losses = [*result.losses, *out.losses]
        if not quiet:
            print_losses(losses, target.name)
        if fail_on_loss and any(x.kind == "loss" for x in losses):
            click.echo("resumeconv: nothing written (--fail-on-loss)", err=True)
            sys.exit(EXIT_INVALID)
        if output == "-":
            sys.stdout.buffer.write(out.data)
            for part in out.more:
                sys.stdout.buffer.write(part)
            sys.stdout.buffer.flush()
        else:
            write_atomic(output, out.data)
            stem, ext = os.path.splitext(output)
            for i, part in enumerate(out.more, start=2):
                write_atomic(f"{stem}-{i}{ext}", part)
    except ResumeconvError as err:
        fail(err)
    except OSError as err:
        fail(ResumeconvError(f"{err.filename or output}: {err.strerror or err}"))
    sys.exit(EXIT_OK)


@main.command("formats")
def list_formats() -> None:
    """List every format, what can be read and written, and its file extensions."""
    from . import formats as registry

    rows = [("FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION")]
    for spec in registry.all_formats():
        rows.append((spec.name, "yes" if spec.reads else "-", "yes" if spec.writes else "-",
                     " ".join(spec.extensions) or "-", spec.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip())


@main.command("schema")
@click.option("--profile", type=click.Choice(["academic", "jsonresume", "jsonresume-1.0"]), default="academic",
              show_default=True, help="Which bundled schema to print.")
def print_schema(profile: str) -> None:
    """Print a bundled JSON Schema (ours by default), e.g. for an editor's settings."""
    from .schemas import schema_text

    click.echo(schema_text(profile), nl=False)


__all__ = ["EXIT_USAGE", "main"]

if __name__ == "__main__":
    main()
