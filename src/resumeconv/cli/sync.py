"""``resumeconv sync``: bring a CV's publication list up to date from files and public services, no duplicates."""

from __future__ import annotations

import json
import sys

import click

from ..core.errors import EXIT_OK, UsageError
from .common import check_output, emit, exit_codes, load_input, max_input_size, reported, say
from .network import Seconds

#: Exit code with --fail-on-conflict when a source disagrees with the CV.
EXIT_CONFLICT = 1


@click.command("sync", epilog=exit_codes("a source disagrees with the CV, with --fail-on-conflict"))
@click.argument("cv", metavar="CV")
@click.option("--from", "sources", metavar="SOURCE", multiple=True, required=True,
              help="Where publications come from (repeatable): a file in any format that holds publications "
                   "(BibTeX, CSL-JSON, ORCID JSON/XML, RenderCV, JSON Resume, DBLP XML, OpenAlex JSON), or "
                   "orcid:ID, dblp:PID, openalex:AUTHOR_ID.")
@click.option("-o", "--output", metavar="FILE", help="Write the synced CV here (JSON or YAML, by its extension).")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite CV itself (atomically; CV.bak holds the original "
                                                     "meanwhile).")
@click.option("--keep-backup", is_flag=True, help="With --in-place, keep CV.bak afterwards.")
@click.option("--dry-run", is_flag=True, help="Say what would be added, linked, completed or is in conflict; write "
                                              "nothing.")
@click.option("--lead", type=click.Choice(["existing", "published"]), default="existing", show_default=True,
              help="When a source brings the published version of a preprint in the CV: keep the CV entry as it is "
                   "(existing) or show the published version's title, venue and date (published).")
@click.option("--report", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How the report is printed (on stderr; json on stdout with --dry-run).")
@click.option("--fail-on-conflict", is_flag=True, help="Exit 1 when a source disagrees with the CV.")
@click.option("--timeout", type=Seconds(most=600), default=30.0, show_default=True,
              help="Seconds one request to a network source may take in all (connecting and the whole answer).")
@click.option("--mailto", metavar="EMAIL", help="Contact address sent to DBLP and OpenAlex (their polite pool).")
@click.option("--openalex-key", envvar="OPENALEX_API_KEY", metavar="KEY",
              help="OpenAlex API key (also from OPENALEX_API_KEY).")
@click.option("--orcid-base-url", default=None, metavar="URL", help="ORCID public API base (a mirror or test server).")
@click.option("--dblp-base-url", default=None, metavar="URL", help="DBLP base (a mirror or test server).")
@click.option("--openalex-base-url", default=None, metavar="URL", help="OpenAlex API base (a mirror or test server).")
@max_input_size
def sync(cv: str, sources: tuple[str, ...], output: str | None, in_place: bool, keep_backup: bool, dry_run: bool,
         lead: str, report_format: str, fail_on_conflict: bool, timeout: float, mailto: str | None,
         openalex_key: str | None, orcid_base_url: str | None, dblp_base_url: str | None,
         openalex_base_url: str | None) -> None:
    """Add the publications the sources have and CV lacks; link a preprint with its published version; add
    identifiers CV entries lack. Nothing CV says is changed: a differing title, venue or year is reported.
    Matching: DOI, arXiv id, then title + authors + year (docs/sync.md)."""
    from ..formats import plain
    from ..sync import sync as run
    from ..syncsources import SourceSettings, check_spec, load_source

    with reported(cv if in_place else output):
        if sum((bool(output), in_place, dry_run)) != 1:
            raise UsageError("give one of -o OUTPUT, --in-place or --dry-run")
        if output:
            check_output(output, [cv])
        loaded = load_input(cv)
        if loaded.format not in ("json", "yaml"):
            raise UsageError(f"sync updates a CV kept as JSON or YAML, not {loaded.format}")
        if in_place and cv == "-":
            raise UsageError("--in-place needs a file, not stdin")
        settings = SourceSettings(timeout=timeout, mailto=mailto, openalex_key=openalex_key)
        for name, value in (("orcid_base", orcid_base_url), ("dblp_base", dblp_base_url),
                            ("openalex_base", openalex_base_url)):
            if value:
                setattr(settings, name, value)
        for source in sources:
            check_spec(source)
        if not openalex_key and any(s.startswith("openalex:") for s in sources):
            from ..enrich import NO_OPENALEX_KEY

            say(f"resumeconv: warning: {NO_OPENALEX_KEY}", err=True)
        read = [load_source(s, settings) for s in sources]
        for empty in (x.name for x in read if not x.publications):
            say(f"resumeconv: warning: {empty}: no publications found there", err=True)
        result = run(plain(loaded.document), read, lead="published" if lead == "published" else "existing")
        _report(result, report_format, dry_run)
        if not dry_run and (result.changed or output):
            from .. import formats as registry

            target = registry.by_extension(output, reading=False) if output and output != "-" else None
            if target is None or target.name not in ("json", "yaml"):
                target = registry.get(loaded.format)
            data = target.write(result.document).data
            emit(cv if in_place else output or "-", data, backup=keep_backup if in_place else None)
    sys.exit(EXIT_CONFLICT if fail_on_conflict and result.counts()["conflict"] else EXIT_OK)


def _report(result: object, report_format: str, dry_run: bool) -> None:
    from ..sync import SyncResult

    assert isinstance(result, SyncResult)
    if report_format == "json":
        text = json.dumps({"summary": result.counts(), "actions": [a.as_dict() for a in result.actions]},
                          ensure_ascii=False, indent=2)
        click.echo(text, err=not dry_run)
        return
    for action in result.actions:
        if action.kind != "unchanged":
            say(f"  {action.line()}", err=True)
    said = "nothing written" if dry_run else "written" if result.changed else "nothing to write"
    say(f"resumeconv: sync: {result.summary()} ({said})", err=True)
