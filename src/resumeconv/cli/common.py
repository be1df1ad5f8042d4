"""What every command shares: reading an input (:func:`load_input`), writing an output (:func:`emit`), the
loss report and the one-line failure.

Every command reads through :func:`load_input` (the API's one way in), so any input ``convert`` reads (a file,
``-`` for stdin, a LinkedIn export folder, a PDF) is readable everywhere; every command writes through
:func:`emit`, so ``-`` is stdout everywhere and a user's file is never half-written, never replaced when it is a
device, a FIFO or a symbolic link, and never the input itself.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..core.errors import ResumeconvError, UsageError

if TYPE_CHECKING:
    from ..core.losses import Loss
    from ..formats import FormatSpec, ReadResult

def exit_codes(one: str) -> str:
    """The exit-code footer of a command's --help; ``one`` says what exit 1 means for that command."""
    return f"""\b
Exit codes:
  0    success (warnings and losses allowed)
  1    {one}
  2    usage error, input that cannot be read or parsed, output that cannot be written, or a missing package
  3    internal error (a bug: please report it; RESUMECONV_DEBUG=1 shows the traceback)
  130  interrupted (Ctrl-C); no partial output is left
  141  stdout was closed early (as in '| head -1'); nothing is printed"""


#: The footer of ``resumeconv --help``: exit 1 differs per command.
EXIT_CODES_HELP = exit_codes("findings: what each command's --help says (invalid document, losses, refusals)")
#: What exit 1 means for a command that writes a document: it does not have the schema's types.
INVALID_DOCUMENT = "the document does not have the types the schema gives (run 'resumeconv validate')"

#: Paths that mean this process's own standard output or error stream.
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
_STDERR_NAMES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2")


def say(line: str, err: bool = False) -> None:
    """Print one human-readable line (stdout, or stderr with ``err``) with its control characters escaped
    (``core.text.printable``): every line a command prints for people goes through here, so no value from a file
    can forge a line or reach the terminal as an escape sequence."""
    from ..core.text import printable

    click.echo(printable(line), err=err)


def fail(err: ResumeconvError) -> NoReturn:
    """Print the error's one line and exit with its code."""
    say(f"resumeconv: {err}", err=True)
    sys.exit(err.exit_code)


if TYPE_CHECKING:
    _ParamType = click.ParamType[int]
else:  # generic only from click 8.2 on
    _ParamType = click.ParamType


class _Size(_ParamType):
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
    """``-O KEY=VALUE`` pairs as a dict of strings (the registry converts and checks them)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got '{pair}'", param_hint="-O/--option")
        options[key.strip().replace("-", "_")] = value
    return options


def loss_lines(losses: Sequence[Loss], target: str, source: str) -> list[str]:
    """The loss report as printed on stderr: a heading per kind, then its items, repeats across array items folded."""
    from ..core.losses import summarize

    lines: list[str] = []
    for kind, heading in (("loss", "item(s) could not be carried to"), ("normalization", "value(s) normalized for")):
        items = [x for x in losses if x.kind == kind]
        if items:
            lines.append(f"resumeconv: {source}: {len(items)} {heading} {target}:")
            lines.extend(f"  {line}" for line in summarize(items))
    return lines


#: Grouped loss lines shown without -v; the rest are counted and left to -v.
BRIEF_LINES = 8


def size_text(size: int) -> str:
    """A byte count as people read it: 512 B, 48.2 kB, 1.3 MB (decimal units, as file managers show them)."""
    if size < 1000:
        return f"{size} B"
    for unit in ("kB", "MB", "GB"):
        size_f = size / 1000
        if size_f < 1000 or unit == "GB":
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return f"{size} B"


def brief_lines(losses: Sequence[Loss], target: str, source: str, output: str, size: int,
                parts: int = 1) -> list[str]:
    """The default report of one conversion: one line saying what was written, then what could not be carried.

    Normalizations (values kept in another form) are only counted here; ``-v`` lists them with the losses. Output
    on stdout is not announced (the reader sees it), so a clean conversion to stdout prints nothing, like cat.
    """
    from ..core.losses import summarize

    lost = [x for x in losses if x.kind == "loss"]
    changed = len(losses) - len(lost)
    counts = [f"{len(lost)} item(s) could not be carried"] if lost else []
    if changed:
        counts.append(f"{changed} value(s) normalized")
    to_stdout = output == "-" or output in _STDOUT_NAMES
    if to_stdout and not counts:
        return []
    if to_stdout:
        line = f"resumeconv: {source} to {target} on stdout"
    else:
        extra = f" and {parts - 1} more part(s)" if parts > 1 else ""
        line = f"resumeconv: wrote {output}{extra} ({target}, {size_text(size)})"
    if counts:
        line += ": " + ", ".join(counts) + " (-v lists every item)"
    groups = summarize(lost)
    shown = [f"  {group}" for group in groups[:BRIEF_LINES]]
    if len(groups) > BRIEF_LINES:
        shown.append(f"  ... and {len(groups) - BRIEF_LINES} more (-v)")
    return [line, *shown]


def print_losses(losses: Sequence[Loss], target: str, source: str) -> None:
    for line in loss_lines(losses, target, source):
        say(line, err=True)


def display_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


# --- input -----------------------------------------------------------------------------------------------------

def load_input(path: str, fmt: str | None = None, *, data: bytes | None = None, **options: Any) -> ReadResult:
    """Read any input ``convert`` reads through the API (:func:`resumeconv.read`): a file, ``-`` (stdin), a folder
    a format takes (a LinkedIn export), a PDF. ``data`` is the input's bytes when already read (stdin read once by
    the parent of ``-j`` workers)."""
    from .. import read

    if data is None:
        return read(path, fmt, **options)
    return read(data, fmt, name=display_name(path), **options)


def read_stdin_once(inputs: Iterable[str]) -> bytes | None:
    """Stdin's bytes when ``-`` is among the inputs (read here, in the parent: ``-j`` workers get an empty stdin);
    ``-`` twice is a usage error."""
    from ..core.fileio import read_bytes

    count = sum(1 for x in inputs if x == "-")
    if count > 1:
        raise UsageError("'-' (stdin) can be given only once")
    return read_bytes("-") if count else None


# --- output ----------------------------------------------------------------------------------------------------

def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(output: str, inputs: Iterable[str]) -> None:
    """Refuse an output that is one of the inputs (it would replace the CV with another format)."""
    if output == "-" or is_stream(output):
        return
    for path in inputs:
        if path != "-" and os.path.exists(path) and os.path.exists(output) and _same_file(path, output):
            raise UsageError(f"{output}: is the input file; refusing to overwrite it (write elsewhere, or use "
                             "'resumeconv migrate --in-place' to rewrite a CV)")


def check_distinct(outputs: Sequence[tuple[str, str]]) -> None:
    """Refuse two inputs that would be written to the same output (``--output-dir`` with equal file names)."""
    seen: dict[str, str] = {}
    for source, output in outputs:
        key = os.path.normcase(os.path.abspath(output))
        if key in seen:
            raise UsageError(f"{seen[key]} and {source} would both be written to {output}; convert them into "
                             "different folders")
        seen[key] = source


def is_stream(output: str) -> bool:
    """Whether ``output`` names something to write through rather than replace: this process's stdout or stderr,
    a character or block device, a FIFO or a socket (symbolic links followed)."""
    if output in _STDOUT_NAMES or output in _STDERR_NAMES:
        return True
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def real_target(output: str) -> str:
    """Where a file output really goes: a symbolic link is followed to its target, which is replaced there."""
    return os.path.realpath(output) if os.path.islink(output) else output


def emit(output: str, data: bytes | str, *, more: Sequence[bytes] = (), backup: bool | None = None,
         fmt: FormatSpec | None = None) -> None:
    """Write one command's output.

    ``-`` (or /dev/stdout) is standard output; a device or FIFO is written through, never replaced; a symbolic
    link is followed and its target replaced atomically; anything else is written atomically (a temporary file
    renamed into place, so a failure or Ctrl-C leaves the old file as it was). ``backup`` set means an in-place
    rewrite that keeps ``FILE.bak`` meanwhile (kept afterwards when True). ``more`` are further parts written
    beside the first as ``NAME-2.EXT``, ...; numbered parts of format ``fmt`` left by an earlier, longer run are
    removed (and said on stderr).
    """
    from ..core.fileio import replace_keeping_backup, write_atomic

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output == "-" or output in _STDOUT_NAMES:
        _write_stream(sys.stdout.buffer, payload, more)
        return
    if output in _STDERR_NAMES:
        _write_stream(sys.stderr.buffer, payload, more)
        return
    if is_stream(output):
        with open(output, "wb") as fh:
            _write_stream(fh, payload, more)
        return
    target = real_target(output)
    if os.path.isdir(target):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", output)
    if backup is not None:
        replace_keeping_backup(target, payload, keep_backup=backup)
    else:
        write_atomic(target, payload)
    stem, ext = os.path.splitext(target)
    for i, part in enumerate(more, start=2):
        write_atomic(f"{stem}-{i}{ext}", part)
    if fmt is not None:
        _remove_stale_parts(stem, ext, len(more) + 2, fmt)


def _write_stream(fh: Any, data: bytes, more: Sequence[bytes]) -> None:
    fh.write(data)
    for part in more:
        fh.write(part)
    fh.flush()


def _remove_stale_parts(stem: str, ext: str, first: int, fmt: FormatSpec) -> None:
    """Remove ``STEM-N.EXT`` parts an earlier, longer run left, and say so. Only files whose content is
    unmistakably this format (a specific content pattern, e.g. an ORCID bulk) are removed: never a user's file."""
    from .. import formats as registry

    n = first
    while os.path.isfile(name := f"{stem}-{n}{ext}"):
        with open(name, "rb") as fh:
            head = fh.read(8192)
        if not registry.owns(fmt, head):
            return
        os.unlink(name)
        say(f"resumeconv: {name}: removed (a part left by an earlier run with more parts)", err=True)
        n += 1


def make_output_dir(path: str) -> None:
    """Create ``--output-dir`` (and its parents); a folder that cannot be created is a usage error (exit 2)."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as err:
        raise UsageError(f"{path}: cannot create the output folder: {err.strerror or err}") from None


@contextmanager
def reported(output: str | None) -> Iterator[None]:
    """How a command that writes ``output`` ends on an error: its one line and exit code; an OSError while writing
    is "OUTPUT: cannot write" (exit 2); a closed stdout goes on to the group, which exits 141 silently."""
    try:
        yield
    except ResumeconvError as err:
        fail(err)
    except BrokenPipeError:
        raise
    except OSError as err:
        fail(output_error(output, err))


def output_error(output: str | None, err: OSError) -> ResumeconvError:
    """An OSError while writing as the one-line usage error (exit 2) the CLI prints."""
    where = output if output and output != "-" else err.filename if isinstance(err.filename, str) else "<stdout>"
    return ResumeconvError(f"{where}: cannot write: {err.strerror or err}")
