"""``resumeconv validate``: check many resume files in one process and report in text, JSON or GitHub form."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from ..core.errors import EXIT_OK, EXIT_USAGE, InputError, UsageError
from ..schemas import PROFILES
from ..validation.diagnostics import Diagnostic, dumps_json, report_json
from .common import exit_codes, max_input_size, read_stdin_once, say

if TYPE_CHECKING:
    from ..batch import Record

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
    from .. import batch

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
    items: list[batch.Item] = [("<stdin>", stdin) if path == "-" and stdin is not None else path for path in paths]
    tally = _Tally()
    records = batch.validate(items, profile=profile, strict=strict, jobs=jobs, progress="validating")
    _report((tally.add(record) for record in records), output_format)
    if output_format == "text":
        tally.summary()
    sys.exit(tally.worst)


class _Tally:
    """Counts over the records as they stream past (nothing else about them is kept)."""

    def __init__(self) -> None:
        self.files = self.invalid = self.unreadable = self.errors = self.warnings = 0
        self.worst = EXIT_OK

    def add(self, record: Record) -> tuple[str, list[Diagnostic]]:
        self.files += 1
        self.errors += record["errors"]
        self.warnings += record["warnings"]
        self.invalid += not record["ok"]
        self.unreadable += record["exit"] == EXIT_USAGE
        self.worst = max(self.worst, record["exit"])
        return record["path"], [Diagnostic(record["path"], **d) for d in record["diagnostics"]]

    def summary(self) -> None:
        valid = self.files - self.invalid
        line = f"{self.files} file(s) checked: {valid} valid, {self.invalid - self.unreadable} invalid"
        if self.unreadable:
            line += f", {self.unreadable} unreadable"
        say(f"resumeconv: {line} ({self.errors} error(s), {self.warnings} warning(s))", err=True)


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


def _report(results: Iterable[tuple[str, list[Diagnostic]]], output_format: str) -> None:
    """Print each file's findings as its record arrives; JSON is the same array ``dumps_json`` makes, streamed."""
    if output_format == "json":
        first = True
        for name, diags in results:
            item = dumps_json([report_json(name, diags)])[2:-2]
            click.echo(("[\n" if first else ",\n") + item, nl=False)
            first = False
        click.echo("[]" if first else "\n]")
        return
    for _, diagnostics in results:
        for diag in diagnostics:
            say(diag.github() if output_format == "github" else diag.text())
