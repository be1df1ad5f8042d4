"""The command line: parse arguments, call the library, print, choose the exit code. Nothing else lives here."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

import click

from ..core.errors import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, ResumeconvError

EXIT_CODES_HELP = """\b
Exit codes:
  0  success (warnings and losses allowed)
  1  invalid document, or losses with --fail-on-loss
  2  usage error, or input that cannot be read or parsed
  3  internal error (a bug: please report it; RESUMECONV_DEBUG=1 shows the traceback)"""

#: Commands defined in their own modules, imported only when invoked (keeps start-up fast).
LAZY_COMMANDS: dict[str, str] = {
    "enrich": "resumeconv.cli.enrich:enrich",
    "migrate": "resumeconv.cli.migrate:migrate",
    "orcid": "resumeconv.cli.orcid:orcid",
    "render": "resumeconv.cli.render:render",
    "validate": "resumeconv.cli.validate:validate",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an unexpected exception (a bug) becomes one line and exit 3, never a traceback."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            if os.environ.get("RESUMECONV_DEBUG"):
                raise
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
            click.echo(f"resumeconv: internal error ({detail}); please report it with the input that caused it "
                       "(RESUMECONV_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resumeconv")
def main() -> None:
    """Validate academic CVs kept as JSON Resume and convert them to and from other formats."""


def fail(err: ResumeconvError) -> None:
    """Print the error's one line and exit with its code."""
    click.echo(f"resumeconv: {err}", err=True)
    sys.exit(err.exit_code)


class _Size(click.ParamType):
    """A byte count as people write it (``10k``, ``5M``), parsed by the same rule as RESUMECONV_MAX_INPUT_BYTES."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from ..core.fileio import parse_size

        try:
            return value if isinstance(value, int) else parse_size(str(value))
        except ResumeconvError as err:
            self.fail(str(err), param, ctx)


def _set_max_input(ctx: click.Context, param: click.Parameter, value: int | None) -> None:
    """Set the limit for this command (and its workers), and restore the previous one when it ends.

    Without the option, the environment's limit is checked here, once, so a bad value is one usage error up front.
    """
    from ..core.fileio import max_input_bytes, set_max_input_bytes

    if value is not None:
        ctx.call_on_close(set_max_input_bytes(value))
        return
    try:
        max_input_bytes()
    except ResumeconvError as err:
        fail(err)


#: ``--max-input-size SIZE``, shared by the commands that read untrusted files (see SECURITY.md).
max_input_size = click.option(
    "--max-input-size", metavar="SIZE", type=_Size(), expose_value=False, is_eager=True,
    callback=_set_max_input,
    help="Refuse inputs larger than this: bytes, or 10k, 5M, 1G (default 50M, or RESUMECONV_MAX_INPUT_BYTES); zip "
         "members and PDF attachments are held to it too.")


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got '{pair}'", param_hint="-O/--option")
        options[key.strip().replace("-", "_")] = value
    return options


def loss_lines(losses: list, target: str, source: str) -> list[str]:
    """The loss report as printed on stderr: a heading per kind, then its items, repeats across array items folded."""
    from ..core.losses import summarize

    lines: list[str] = []
    for kind, heading in (("loss", "item(s) could not be carried to"), ("normalization", "value(s) normalized for")):
        items = [x for x in losses if x.kind == kind]
        if items:
            lines.append(f"resumeconv: {source}: {len(items)} {heading} {target}:")
            lines.extend(f"  {line}" for line in summarize(items))
    return lines


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-f", "--from", "from_format", metavar="FORMAT",
              help="Input format (default: detected from content and name).")
@click.option("-t", "--to", "to_format", metavar="FORMAT", help="Output format (default: from the -o file name).")
@click.option("-o", "--output", metavar="FILE", default="-", help="Output file, written atomically ('-' for stdout).")
@click.option("--output-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Write one output per input here (for several inputs).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for several inputs.")
@click.option("-O", "--option", "options", metavar="KEY=VALUE", multiple=True,
              help="Writer option, e.g. -O theme=even.")
@click.option("--fail-on-loss", is_flag=True, help="Exit 1 and write nothing when the target cannot hold everything.")
@click.option("--loss-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Loss report on stderr: grouped text, or one JSON object per input with every item.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the loss report.")
@max_input_size
def convert(inputs: tuple[str, ...], from_format: str | None, to_format: str | None, output: str,
            output_dir: str | None, jobs: int, options: tuple[str, ...], fail_on_loss: bool, loss_format: str,
            quiet: bool) -> None:
    """Convert INPUT ('-' for stdin) to another format; what the target cannot hold is reported on stderr.

    Several inputs need --output-dir; each output is named after its input with the target's extension.
    """
    from .. import formats as registry
    from ..core.batch import map_files

    opts = parse_options(options)
    if to_format is None:
        spec = registry.by_extension(output, reading=False) if output != "-" else None
        if spec is None:
            raise click.UsageError("name the output format with -t (see 'resumeconv formats')")
        to_format = spec.name
    if len(inputs) > 1 and output_dir is None:
        raise click.UsageError("several inputs need --output-dir")
    if output_dir is not None and output != "-":
        raise click.UsageError("use either -o or --output-dir")
    try:
        target = registry.get(to_format)
        source = registry.get(from_format) if from_format else None
        if not target.writes:
            raise click.UsageError(f"format '{to_format}' can be read, not written")
        opts = target.check_options(opts, "write")
    except ResumeconvError as err:
        fail(err)
    if output_dir is not None:
        os.makedirs(output_dir, exist_ok=True)
    tasks = [_Task(path, _output_for(path, output, output_dir, target), source, target, opts, fail_on_loss,
                   loss_format) for path in inputs]
    worst = EXIT_OK
    for outcome in map_files(_convert_one, tasks, jobs):
        if not quiet:
            for line in outcome.report:
                click.echo(line, err=True)
        if outcome.error:
            click.echo(f"resumeconv: {outcome.error}", err=True)
        worst = max(worst, outcome.code)
    sys.exit(worst)


class _Task(NamedTuple):
    input: str
    output: str
    source: Any
    target: Any
    options: dict[str, Any]
    fail_on_loss: bool
    loss_format: str = "text"


class _Outcome(NamedTuple):
    code: int
    report: list[str]
    error: str | None = None


def _output_for(path: str, output: str, output_dir: str | None, target: Any) -> str:
    if output_dir is None:
        return output
    from .. import formats as registry

    name = os.path.basename(path) if path != "-" else "stdin"
    known = registry.by_extension(name, reading=True)
    stem = name
    if known is not None:
        ext = max((e for e in known.extensions if name.lower().endswith(e)), key=len)
        stem = name[: -len(ext)]
    elif "." in name:
        stem = name.rsplit(".", 1)[0]
    return os.path.join(output_dir, stem + (target.extensions[0] if target.extensions else ".out"))


def _convert_one(task: _Task) -> _Outcome:
    """Read, convert and write one file; every failure becomes an outcome, never an exception."""
    from .. import formats as registry
    from ..core.fileio import write_atomic

    name = "<stdin>" if task.input == "-" else task.input
    try:
        result = registry.read_path(task.input, task.source.name if task.source else None)
        out = task.target.write(result.document, **task.options)
        losses = [*result.losses, *out.losses]
        if task.loss_format == "json":
            import json

            report = [json.dumps({"input": name, "output": task.output, "format": task.target.name,
                                  "losses": [x.as_dict() for x in losses]}, ensure_ascii=False)]
        else:
            report = loss_lines(losses, task.target.name, name)
        if task.fail_on_loss and any(x.kind == "loss" for x in losses):
            return _Outcome(EXIT_INVALID, report, f"{name}: nothing written (--fail-on-loss)")
        if task.output == "-":
            sys.stdout.buffer.write(out.data)
            for part in out.more:
                sys.stdout.buffer.write(part)
            sys.stdout.buffer.flush()
        else:
            write_atomic(task.output, out.data)
            stem, ext = os.path.splitext(task.output)
            for i, part in enumerate(out.more, start=2):
                write_atomic(f"{stem}-{i}{ext}", part)
        return _Outcome(EXIT_OK, report)
    except InputError as err:
        return _Outcome(err.exit_code, [], str(err))
    except ResumeconvError as err:
        return _Outcome(err.exit_code, [], f"{name}: {err}")
    except OSError as err:
        return _Outcome(EXIT_USAGE, [], f"{task.output}: cannot write: {err.strerror or err}")


@main.command("formats")
@click.argument("name", required=False, metavar="[NAME]")
def list_formats(name: str | None) -> None:
    """List every format, what can be read and written, and its file extensions; with NAME, one format in full,
    with the options it takes (-O KEY=VALUE)."""
    from .. import formats as registry

    if name is not None:
        try:
            spec = registry.get(name)
        except ResumeconvError as err:
            fail(err)
        _describe_format(spec)
        return
    rows = [("FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION")]
    for spec in registry.all_formats():
        rows.append((spec.name, "yes" if spec.reads else "-", "yes" if spec.writes else "-",
                     " ".join(spec.extensions) or "-", spec.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip())


def _describe_format(spec: Any) -> None:
    """One format: description, directions, extensions, and its options per direction."""
    click.echo(f"{spec.name}: {spec.description}")
    directions = [d for d, ok in (("read", spec.reads), ("write", spec.writes)) if ok]
    click.echo(f"  {' and '.join(directions)}; extensions: {' '.join(spec.extensions) or '-'}")
    for direction, heading, flag in (("write", "writer options (convert -O KEY=VALUE)", "-O "),
                                     ("read", "reader options (resumeconv.read(..., KEY=VALUE))", "")):
        if direction in directions:
            options = spec.options(direction)
            click.echo(f"  {heading}:" + ("" if options else " none"))
            for option in options:
                click.echo(f"    {flag}{option.describe()}")


@main.command("schema")
@click.option("--profile", type=click.Choice(["academic", "jsonresume", "jsonresume-1.0"]), default="academic",
              show_default=True, help="Which bundled schema to print.")
def print_schema(profile: str) -> None:
    """Print a bundled JSON Schema (ours by default), e.g. for an editor's settings."""
    from ..schemas import schema_text

    click.echo(schema_text(profile), nl=False)


__all__ = ["EXIT_USAGE", "main"]

if __name__ == "__main__":
    main()
