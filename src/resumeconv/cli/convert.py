"""``resumeconv convert``: any readable format to any writable one, one input or many (``--output-dir``, ``-j``)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from ..core.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, ResumeconvError, UsageError
from .common import (
    brief_lines,
    check_distinct,
    check_output,
    emit,
    exit_codes,
    fail,
    load_input,
    loss_lines,
    make_output_dir,
    max_input_size,
    output_error,
    parse_options,
    read_stdin_once,
    say,
)

if TYPE_CHECKING:
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
    from ..core.progress import track

    report_format = loss_format if loss_format == "json" else "verbose" if verbose else "brief"
    tasks = [_Task(path, out, source, target, opts, fail_on_loss, report_format, stdin if path == "-" else None)
             for path, out in zip(inputs, outputs, strict=True)]
    worst = EXIT_OK
    for outcome in track(map_files(_convert_one, tasks, jobs), len(tasks), "converting"):
        if not quiet:
            for line in outcome.report:
                say(line, err=True)
        if outcome.error:
            say(f"resumeconv: {outcome.error}", err=True)
        worst = max(worst, outcome.code)
    sys.exit(worst)


class _Task(NamedTuple):
    input: str
    output: str
    source: FormatSpec | None
    target: FormatSpec
    options: dict[str, Any]
    fail_on_loss: bool
    #: "brief" (the default), "verbose" (-v) or "json" (--loss-format json).
    loss_format: str = "brief"
    #: The input's bytes when it is stdin (read once by the parent: workers have no stdin).
    data: bytes | None = None


class _Outcome(NamedTuple):
    code: int
    report: list[str]
    error: str | None = None


def _output_for(path: str, output: str, output_dir: str | None, target: FormatSpec) -> str:
    if output_dir is None:
        return output
    from .. import formats as registry

    name = os.path.basename(os.path.normpath(path)) if path != "-" else "stdin"
    known = registry.by_extension(name, reading=True)
    stem = name
    if known is not None:
        ext = max((e for e in known.extensions if name.lower().endswith(e)), key=len)
        stem = name[: -len(ext)]
    elif "." in name:
        stem = name.rsplit(".", 1)[0]
    return os.path.join(output_dir, stem + (target.extensions[0] if target.extensions else ".out"))


def _convert_one(task: _Task) -> _Outcome:
    """Read, convert and write one file; every failure becomes an outcome, never an exception (but a closed
    stdout and Ctrl-C, which end the whole command)."""
    from .. import write

    name = "<stdin>" if task.input == "-" else task.input
    try:
        loaded = load_input(task.input, task.source.name if task.source else None, data=task.data)
        out = write(loaded.document, task.target.name, **task.options)
        losses = [*loaded.losses, *out.losses]
        if task.loss_format == "json":
            import json

            report = [json.dumps({"input": name, "output": task.output, "format": task.target.name,
                                  "losses": [x.as_dict() for x in losses]}, ensure_ascii=False)]
        else:
            report = loss_lines(losses, task.target.name, name)
        if task.fail_on_loss and any(x.kind == "loss" for x in losses):
            return _Outcome(EXIT_INVALID, report, f"{name}: nothing written (--fail-on-loss)")
        emit(task.output, out.data, more=out.more, fmt=task.target)
        if task.loss_format == "brief":
            size = len(out.data) + sum(len(part) for part in out.more)
            report = brief_lines(losses, task.target.name, name, task.output, size, 1 + len(out.more))
        return _Outcome(EXIT_OK, report)
    except InputError as err:
        return _Outcome(err.exit_code, [], str(err))
    except ResumeconvError as err:
        return _Outcome(err.exit_code, [], f"{name}: {err}")
    except BrokenPipeError:
        raise
    except OSError as err:
        return _Outcome(EXIT_USAGE, [], str(output_error(task.output, err)))
