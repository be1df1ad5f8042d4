"""``resumeconv validate``: check many resume files in one process and report in text, JSON or GitHub form."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator

import click

from ..core.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, UsageError
from ..schemas import PROFILES
from ..validation.diagnostics import Diagnostic, dumps_json, report_json
from .common import exit_codes, max_input_size, read_stdin_once, say

#: What a directory argument is searched for.
SUFFIXES = (".json", ".yaml", ".yml")
_SKIP_DIRS = {"node_modules", "__pycache__"}
#: File names taken from a directory without looking inside: cv.json, resume.yaml, my-resume.yml, ...
_RESUME_NAME = re.compile(r"(?i)^(cv|[^/]*resume[^/]*)\.(json|ya?ml)$")
#: How much of an unnamed file is read to decide whether it is a resume.
_SNIFF_BYTES = 65536


@click.command("validate", epilog=exit_codes("a file has errors (with --strict, warnings count as errors)"))
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--profile", type=click.Choice(list(PROFILES)), default="academic", show_default=True,
              help="Schema: ours (academic), the latest upstream JSON Resume, or strict upstream v1.0.0.")
@click.option("--strict", is_flag=True, help="Treat lint warnings as errors.")
@click.option("--output-format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text: FILE:LINE:COL lines; json: one object per file; github: annotations.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for many files.")
@click.option("--all-files", is_flag=True,
              help="In directories, check every *.json, *.yaml and *.yml file, not only the resumes among them.")
@max_input_size
def validate(files: tuple[str, ...], profile: str, strict: bool, output_format: str, jobs: int,
             all_files: bool) -> None:
    """Validate resume files (JSON or YAML; directories are searched, '-' is stdin) and lint them.

    In a directory, the resumes are picked: files named cv.* or *resume*, and JSON or YAML files whose top level
    has a JSON Resume section (basics, work, publications, ...); --all-files takes every JSON and YAML file.
    Every problem is reported at its line and column; a file that cannot be read is reported and the others
    are still checked.
    """
    from ..core.batch import map_files
    from ..core.progress import track

    paths = list(_expand(files, all_files))
    if not paths:
        say("resumeconv: no resume files found in the given directories (named cv.* or *resume*, or JSON/YAML "
                   "with JSON Resume sections); --all-files checks every *.json, *.yaml and *.yml", err=True)
        sys.exit(EXIT_USAGE)
    try:
        stdin = read_stdin_once(paths)
    except (InputError, UsageError) as err:
        say(f"resumeconv: {err}", err=True)
        sys.exit(EXIT_USAGE)
    tasks = [(path, profile, strict, stdin if path == "-" else None) for path in paths]
    checked = list(track(map_files(_check_one, tasks, jobs), len(tasks), "validating"))
    results = [(name, diagnostics) for name, diagnostics, _ in checked]
    unreadable = sum(1 for _, _, failed in checked if failed)
    _report(results, output_format)
    invalid = sum(1 for _, diags in results if any(d.severity == "error" for d in diags))
    if output_format == "text":
        _summary(results, invalid, unreadable)
    sys.exit(EXIT_USAGE if unreadable else EXIT_INVALID if invalid else EXIT_OK)


def _check_one(task: tuple[str, str, bool, bytes | None]) -> tuple[str, list[Diagnostic], bool]:
    """One file's diagnostics, and whether it could not be read (a top-level function, so workers can run it).
    Stdin comes as bytes, read once by the parent: workers have no stdin."""
    from .. import validate as check_file

    path, profile, strict, data = task
    name = "<stdin>" if path == "-" else path
    try:
        return name, check_file(path if data is None else data, profile=profile, strict=strict, file=name), False
    except (InputError, UsageError) as err:
        return name, [_input_diagnostic(name, err)], True


def _expand(args: tuple[str, ...], all_files: bool = False) -> Iterator[str]:
    """Files as given; directories searched (sorted, hidden folders and node_modules skipped) for resumes."""
    sections: re.Pattern[str] | None = None
    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            found: list[str] = []
            for folder, dirs, names in os.walk(arg):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS]
                for name in names:
                    path = os.path.join(folder, name)
                    if not name.lower().endswith(SUFFIXES) or name.startswith(".") or not os.path.isfile(path):
                        continue
                    if all_files or _RESUME_NAME.match(name):
                        found.append(path)
                        continue
                    sections = sections or _section_pattern()
                    if _has_resume_section(path, sections):
                        found.append(path)
            yield from sorted(found)
        else:
            yield arg


def _section_pattern() -> re.Pattern[str]:
    """A top-level key of our schema, as JSON (``"work":``) or as YAML at the start of a line (``work:``)."""
    from ..schemas import load_schema

    names = "|".join(re.escape(n) for n in load_schema("academic")["properties"] if not n.startswith("$"))
    return re.compile(rf'"({names})"\s*:|^({names})\s*:', re.MULTILINE)


def _has_resume_section(path: str, sections: re.Pattern[str]) -> bool:
    """Whether the start of a file shows a JSON Resume section; unreadable files are left to the checker."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return True
    return sections.search(head) is not None


def _input_diagnostic(name: str, err: InputError | UsageError) -> Diagnostic:
    if isinstance(err, InputError):
        return Diagnostic(name, err.line, err.column, None, "error", "input", err.message)
    return Diagnostic(name, None, None, None, "error", "input", str(err))


def _report(results: list[tuple[str, list[Diagnostic]]], output_format: str) -> None:
    if output_format == "json":
        click.echo(dumps_json([report_json(name, diags) for name, diags in results]))
        return
    for _, diagnostics in results:
        for diag in diagnostics:
            say(diag.github() if output_format == "github" else diag.text())


def _summary(results: list[tuple[str, list[Diagnostic]]], invalid: int, unreadable: int) -> None:
    errors = sum(d.severity == "error" for _, diags in results for d in diags)
    warnings = sum(d.severity == "warning" for _, diags in results for d in diags)
    valid = len(results) - invalid
    line = f"{len(results)} file(s) checked: {valid} valid, {invalid - unreadable} invalid"
    if unreadable:
        line += f", {unreadable} unreadable"
    say(f"resumeconv: {line} ({errors} error(s), {warnings} warning(s))", err=True)
