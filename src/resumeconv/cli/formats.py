"""``resumeconv formats`` and ``resumeconv schema``: what the registry holds and the bundled schemas."""

from __future__ import annotations

import click

from .common import emit


@click.command("formats")
def list_formats() -> None:
    """List every format, what can be read and written, and its file extensions."""
    from .. import formats as registry

    rows = [("FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION")]
    for spec in registry.all_formats():
        rows.append((spec.name, "yes" if spec.reads else "-", "yes" if spec.writes else "-",
                     " ".join(spec.extensions) or "-", spec.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip()
             for row in rows]
    emit("-", "\n".join(lines) + "\n")


@click.command("schema")
@click.option("--profile", type=click.Choice(["academic", "jsonresume", "jsonresume-1.0"]), default="academic",
              show_default=True, help="Which bundled schema to print.")
def print_schema(profile: str) -> None:
    """Print a bundled JSON Schema (ours by default), e.g. for an editor's settings."""
    from ..schemas import schema_text

    emit("-", schema_text(profile))
