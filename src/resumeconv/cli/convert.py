"""``resumeconv convert``: any readable format to any writable one, one input or many (``--output-dir``, ``-j``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NamedTuple

import click

from ..core.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, ResumeconvError, UsageError
from .common import (
    brief_lines,
    check_distinct,
    check_output,
    emit,
    exit_codes,
    fail,
    loss_lines,
    make_output_dir,
    max_input_size,
    output_error,
    parse_options,
    read_stdin_once,
    say,
)

if TYPE_CHECKING:
    from ..batch import Record
    from ..formats import FormatSpec


@click.command(epilog=exit_codes("invalid document, or losses with --fail-on-loss"))
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-f", "--from", "from_format", metavar="FORMAT",
              help="Input format (default: detected from content and name).")
@click.option("-t", "--to", "to_format", metavar="FORMAT", help="Output format (default: from the -o file name).")
@click.option("-o", "--output", metavar="FILE", default="-",
              help="Output file, written atomically ('-' for stdout; a device or FIFO is written through, a "
                   "symbolic link is followed).")
@click.option("--output-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Write one output per input here (for several inputs).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for several inputs.")
@click.option("-O", "--option", "options", metavar="KEY=VALUE", multiple=True,
              help="Writer option, e.g. -O theme=even.")
@click.option("--fail-on-loss", is_flag=True, help="Exit 1 and write nothing when the target cannot hold everything.")
@click.option("--loss-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Loss report on stderr: grouped text, or one JSON object per input with every item.")
@click.option("-v", "--verbose", is_flag=True,
              help="List every item that could not be carried or was normalized (by default: one line per input "
                   "saying what was written, and what could not be carried).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@max_input_size
def convert(inputs: tuple[str, ...], from_format: str | None, to_format: str | None, output: str,
            output_dir: str | None, jobs: int, options: tuple[str, ...], fail_on_loss: bool, loss_format: str,
            verbose: bool, quiet: bool) -> None:
    """Convert INPUT ('-' for stdin) to another format; what the target cannot hold is reported on stderr.

    One line per input says what was written (path, format, size) and how many items could not be carried or
    were normalized; -v lists every item. Several inputs need --output-dir; each output is named after its input
    with the target's extension.
    """
    from .. import formats as registry

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
            raise UsageError(f"format '{to_format}' can be read, not written")
        opts = target.check_options(opts, "write")
        stdin = read_stdin_once(inputs)
        outputs = [_output_for(path, output, output_dir, target) for path in inputs]
        check_distinct(list(zip(inputs, outputs, strict=True)))
        for out in outputs:
            check_output(out, inputs)
        if output_dir is not None:
            make_output_dir(output_dir)
    except ResumeconvError as err:
        fail(err)
    from .. import batch

    report_format = loss_format if loss_format == "json" else "verbose" if verbose else "brief"
    items: list[batch.Item] = [("<stdin>", stdin) if path == "-" and stdin is not None else path for path in inputs]
    task = batch.Convert(target.name, opts, source.name if source else None)
    worst = EXIT_OK
    for record, out in zip(batch.run(items, task, jobs=jobs, progress="converting"), outputs, strict=True):
        outcome = _finish(record, out, target, fail_on_loss, report_format)
        if not quiet:
            for line in outcome.report:
                say(line, err=True)
        if outcome.error:
            say(f"resumeconv: {outcome.error}", err=True)
        worst = max(worst, outcome.code)
    sys.exit(worst)


class _Outcome(NamedTuple):
    code: int
    report: list[str]
    error: str | None = None


def _output_for(path: str, output: str, output_dir: str | None, target: FormatSpec) -> str:
    if output_dir is None:
        return output
    from ..batch import output_path

    return output_path(path, target.name, output_dir)


def _finish(record: Record, output: str, target: FormatSpec, fail_on_loss: bool, loss_format: str) -> _Outcome:
    """Report one input's record and write its output (here, in the parent: the one place files are written,
    through :func:`emit`); every failure becomes an outcome, never an exception (but a closed stdout and Ctrl-C,
    which end the whole command)."""
    from ..core.losses import Loss

    name = record["path"]
    if record["error"]:
        return _Outcome(record["exit"], [], record["error"])
    losses = [Loss(**x) for x in record["losses"]]
    if loss_format == "json":
        import json

        report = [json.dumps({"input": name, "output": output, "format": target.name,
                              "losses": record["losses"]}, ensure_ascii=False)]
    else:
        report = loss_lines(losses, target.name, name)
    if fail_on_loss and any(x.kind == "loss" for x in losses):
        return _Outcome(EXIT_INVALID, report, f"{name}: nothing written (--fail-on-loss)")
    try:
        emit(output, record["output"], more=record["parts"], fmt=target)
    except BrokenPipeError:
        raise
    except OSError as err:
        return _Outcome(EXIT_USAGE, [], str(output_error(output, err)))
    if loss_format == "brief":
        size = len(record["output"]) + sum(len(part) for part in record["parts"])
        report = brief_lines(losses, target.name, name, output, size, 1 + len(record["parts"]))
    return _Outcome(EXIT_OK, report)
