"""Many inputs, one record each: the batch API behind ``validate DIR``, ``convert --output-dir`` and ``-j N``, and the
function a Dask or Spark job maps over its files (docs/scale.md).

An input is a path, or a ``(name, bytes)`` pair (bytes already read, e.g. from object storage or Spark's
``binaryFiles``). Every input gives one record: a plain dict of str, int, bool, bytes, lists and dicts, so it
pickles to and from any worker and fits a dataframe row. Nothing about one file's content raises: an unreadable
file, a duplicate key, a 5,000-digit number, a bug in a writer, each is a record with ``ok`` False and a one-line
``error``. Only a bad call (an unknown format or option) raises, before any file is read.

Every record has ``path`` (the name given, as messages print it), ``task`` ("validate" or "convert"), ``ok``,
``exit`` (what the same command on that one file exits with: 0 ok, 1 invalid, 2 unreadable or unwritable, 3 a bug)
and ``error`` (None, or one line). A validate record adds ``diagnostics`` (dicts: line, column, pointer, severity,
rule, message), ``errors`` and ``warnings`` (counts); ``ok`` is exactly ``resumeconv validate FILE`` exiting 0. A
convert record adds ``format`` (the target), ``source_format`` (the reader used), ``output`` (bytes, or None once
written or on failure), ``parts`` (further output files some formats make, as bytes), ``written`` (the path written
with ``write=True``) and ``losses`` (dicts: pointer, reason, kind); ``ok`` means converted (and written when asked).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from typing import Any, NamedTuple, Union

from .core.errors import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, ResumeconvError, UsageError

#: One input: a path, or a (name, bytes) pair.
Item = Union[str, "os.PathLike[str]", tuple[str, bytes]]
#: One result: a plain, picklable dict (see the module docstring for its keys).
Record = dict[str, Any]

__all__ = ["Convert", "Item", "Record", "Validate", "convert", "convert_one", "output_path", "run", "validate",
           "validate_one"]


class Validate(NamedTuple):
    """The validate task: a picklable callable from one input to its record (a NamedTuple, not a dataclass:
    ``validate`` imports this module, and dataclasses cost its start-up a few milliseconds)."""

    profile: str = "academic"
    strict: bool = False
    lint: bool = True

    def __call__(self, item: Item) -> Record:
        from . import validate as check

        name, data = _split(item)
        record: Record = {"path": name, "task": "validate", "ok": False, "exit": EXIT_OK, "error": None,
                          "diagnostics": [], "errors": 0, "warnings": 0}
        try:
            found = check(data if data is not None else name, self.profile, file=name, strict=self.strict,
                          lint=self.lint)
        except (InputError, UsageError) as err:
            record.update(exit=EXIT_USAGE, error=_one_line(err, name), errors=1,
                          diagnostics=[_input_diagnostic(err)])
            return record
        except Exception as err:
            return _failed(record, err, name)
        record["diagnostics"] = [d.as_dict() for d in found]
        record["errors"] = sum(d.severity == "error" for d in found)
        record["warnings"] = len(found) - record["errors"]
        record["exit"] = EXIT_INVALID if record["errors"] else EXIT_OK
        record["ok"] = not record["errors"]
        return record


class Convert(NamedTuple):
    """The convert task: read any readable format, write format ``to``; with ``write`` the output is written
    atomically next to the input (or into ``output_dir``, created when missing) by whoever runs the task, and not
    carried in the record."""

    to: str
    options: Mapping[str, Any] = {}
    from_format: str | None = None
    write: bool = False
    output_dir: str | None = None

    def __call__(self, item: Item) -> Record:
        from . import read as read_doc
        from . import write as write_doc

        name, data = _split(item)
        record: Record = {"path": name, "task": "convert", "ok": False, "exit": EXIT_OK, "error": None,
                          "format": self.to, "source_format": None, "output": None, "parts": [], "written": None,
                          "losses": []}
        try:
            read = read_doc(name if data is None else data, self.from_format, name=name)
            record["source_format"] = read.format
            out = write_doc(read.document, self.to, **dict(self.options))
        except InputError as err:
            record.update(exit=err.exit_code, error=str(err))
            return record
        except ResumeconvError as err:
            record.update(exit=err.exit_code, error=f"{name}: {err}")
            return record
        except Exception as err:
            return _failed(record, err, name)
        record["losses"] = [x.as_dict() for x in [*read.losses, *out.losses]]
        output = out.data.encode("utf-8") if isinstance(out.data, str) else out.data
        if self.write:
            target = output_path(name, self.to, self.output_dir)
            try:
                if self.output_dir:
                    os.makedirs(self.output_dir, exist_ok=True)
                _write_beside(name, target, output, list(out.more))
            except (OSError, UsageError) as err:
                record.update(exit=EXIT_USAGE, error=_write_error(target, err))
                return record
            record["written"] = target
        else:
            record["output"] = output
            record["parts"] = list(out.more)
        record["ok"] = True
        return record


def validate(items: Iterable[Item], *, profile: str = "academic", strict: bool = False, lint: bool = True,
             jobs: int = 1, progress: str | None = None) -> Iterator[Record]:
    """One validate record per input, in order (``jobs`` worker processes; ``progress`` a label for the
    terminal's progress line). A generator: results stream, memory stays flat however many inputs come."""
    from .schemas import PROFILES

    if profile not in PROFILES:
        raise UsageError(f"unknown profile '{profile}' (one of: {', '.join(PROFILES)})")
    return run(items, Validate(profile, strict, lint), jobs=jobs, progress=progress)


def convert(items: Iterable[Item], to: str, options: Mapping[str, Any] | None = None, *,
            from_format: str | None = None, write: bool = False, output_dir: str | None = None, jobs: int = 1,
            progress: str | None = None) -> Iterator[Record]:
    """One convert record per input, in order. The target, the reader and the options are checked here, once
    (a bad one raises UsageError before any file is read)."""
    task = _convert_task(to, options, from_format, write, output_dir)
    return run(items, task, jobs=jobs, progress=progress)


def validate_one(item: Item, profile: str = "academic", strict: bool = False) -> Record:
    """The record of one input (what a Dask bag or Spark RDD maps over its paths)."""
    return Validate(profile, strict)(item)


def convert_one(item: Item, to: str, options: Mapping[str, Any] | None = None, *, from_format: str | None = None,
                write: bool = False, output_dir: str | None = None) -> Record:
    """The convert record of one input (a bad target or option is a record with exit 2, never an exception)."""
    try:
        task = _convert_task(to, options, from_format, write, output_dir)
    except ResumeconvError as err:
        name, _ = _split(item)
        return {"path": name, "task": "convert", "ok": False, "exit": err.exit_code, "error": str(err),
                "format": to, "source_format": None, "output": None, "parts": [], "written": None, "losses": []}
    return task(item)


def run(items: Iterable[Item], task: Validate | Convert, *, jobs: int = 1,
        progress: str | None = None) -> Iterator[Record]:
    """Any task over any inputs: in this process or ``jobs`` workers (core.batch), drawn on the terminal's
    progress line (core.progress) when ``progress`` names the work; the total shows when ``items`` has a length."""
    from .core.batch import map_files

    call: Callable[[Item], Record] = task.__call__
    records = map_files(call, items, jobs)
    if progress is None:
        return records
    from .core.progress import track

    return track(records, len(items) if isinstance(items, Sized) else None, progress)


def output_path(path: str, to: str, output_dir: str | None = None) -> str:
    """Where the output of converting ``path`` to ``to`` goes: the input's name with the target's extension in
    place of a known input extension, next to the input or in ``output_dir`` (``-`` is named ``stdin``)."""
    from . import formats as registry

    target = registry.get(to)
    folder, name = os.path.split(os.path.normpath(path)) if path not in ("-", "<stdin>") else ("", "stdin")
    known = registry.by_extension(name, reading=True)
    stem = name
    if known is not None:
        ext = max((e for e in known.extensions if name.lower().endswith(e)), key=len)
        stem = name[: -len(ext)]
    elif "." in name:
        stem = name.rsplit(".", 1)[0]
    return os.path.join(output_dir if output_dir is not None else folder,
                        stem + (target.extensions[0] if target.extensions else ".out"))


def _convert_task(to: str, options: Mapping[str, Any] | None, from_format: str | None, write: bool,
                  output_dir: str | None) -> Convert:
    from . import formats as registry

    target = registry.get(to)
    if not target.writes:
        raise UsageError(f"format '{to}' can be read, not written")
    if from_format is not None:
        registry.get(from_format)
    checked = target.check_options(dict(options or {}), "write")
    return Convert(target.name, checked, from_format, write, output_dir)


def _split(item: Item) -> tuple[str, bytes | None]:
    """(name, bytes) for a pair; (path, None) for a path, read by the task itself."""
    if isinstance(item, tuple):
        name, data = item
        return str(name), bytes(data)
    return os.fspath(item), None


def _one_line(err: ResumeconvError, name: str) -> str:
    text = str(err)
    return text if isinstance(err, InputError) else f"{name}: {text}"


def _input_diagnostic(err: InputError | UsageError) -> dict[str, Any]:
    """The one diagnostic of an unreadable file, as ``resumeconv validate --output-format json`` shows it."""
    line = err.line if isinstance(err, InputError) else None
    column = err.column if isinstance(err, InputError) else None
    message = err.message if isinstance(err, InputError) else str(err)
    return {"line": line, "column": column, "pointer": None, "severity": "error", "rule": "input",
            "message": message}


def _failed(record: Record, err: Exception, name: str) -> Record:
    """A bug met on one input: the record says so (exit 3) and the batch goes on. RESUMECONV_DEBUG=1 lets the
    exception through instead, for its traceback."""
    if os.environ.get("RESUMECONV_DEBUG"):
        raise err
    if isinstance(err, ResumeconvError):
        record.update(exit=err.exit_code, error=f"{name}: {err}")
    else:
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
        record.update(exit=EXIT_INTERNAL, error=f"{name}: internal error ({detail}); please report it with the "
                                                "input that caused it (RESUMECONV_DEBUG=1 shows the traceback)")
    if "diagnostics" in record:
        message = record["error"][len(name) + 2:]
        record.update(errors=1, diagnostics=[{"line": None, "column": None, "pointer": None, "severity": "error",
                                              "rule": "internal", "message": message}])
    return record


def _write_beside(source: str, target: str, data: bytes, more: list[bytes]) -> None:
    """Write an output file (and its numbered parts) atomically; never onto the input itself."""
    from .core.fileio import write_atomic

    if os.path.exists(source) and os.path.exists(target) and os.path.samefile(source, target):
        raise UsageError(f"{target}: is the input file; refusing to overwrite it")
    write_atomic(target, data)
    stem, ext = os.path.splitext(target)
    for i, part in enumerate(more, start=2):
        write_atomic(f"{stem}-{i}{ext}", part)


def _write_error(target: str, err: OSError | UsageError) -> str:
    if isinstance(err, OSError):
        return f"{target}: cannot write: {err.strerror or err}"
    return str(err)
