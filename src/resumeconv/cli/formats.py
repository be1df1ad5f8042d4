"""``resumeconv formats`` and ``resumeconv schema``: what the registry holds and the bundled schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import click

from ..core.errors import ResumeconvError
from .common import emit, fail

if TYPE_CHECKING:
    from ..formats import FormatSpec


@click.command("formats")
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
        emit("-", "".join(f"{line}\n" for line in _describe_format(spec)))
        return
    rows = [("FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION")]
    for spec in registry.all_formats():
        rows.append((spec.name, "yes" if spec.reads else "-", "yes" if spec.writes else "-",
                     " ".join(spec.extensions) or "-", spec.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip()
             for row in rows]
    emit("-", "\n".join(lines) + "\n")


def _describe_format(spec: FormatSpec) -> list[str]:
    """One format: description, directions, extensions, and its options per direction."""
    lines = [f"{spec.name}: {spec.description}"]
    directions = [d for d, ok in (("read", spec.reads), ("write", spec.writes)) if ok]
    lines.append(f"  {' and '.join(directions)}; extensions: {' '.join(spec.extensions) or '-'}")
    sections: tuple[tuple[Literal["read", "write"], str, str], ...] = (
        ("write", "writer options (convert -O KEY=VALUE)", "-O "),
        ("read", "reader options (resumeconv.read(..., KEY=VALUE))", ""))
    for direction, heading, flag in sections:
        if direction in directions:
            options = spec.options(direction)
            lines.append(f"  {heading}:" + ("" if options else " none"))
            lines.extend(f"    {flag}{option.describe()}" for option in options)
    return lines


@click.command("schema")
@click.option("--profile", type=click.Choice(["academic", "jsonresume", "jsonresume-1.0"]), default="academic",
              show_default=True, help="Which bundled schema to print.")
def print_schema(profile: str) -> None:
    """Print a bundled JSON Schema (ours by default), e.g. for an editor's settings."""
    from ..schemas import schema_text

    emit("-", schema_text(profile))
