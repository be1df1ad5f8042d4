"""``resumeconv enrich``: add the DOIs and arXiv ids the CV's publications lack, with a report of every decision."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from ..core.errors import EXIT_OK, EXIT_USAGE, ResumeconvError, UsageError
from .common import (
    INVALID_DOCUMENT,
    check_output,
    emit,
    exit_codes,
    load_input,
    max_input_size,
    reported,
    say,
)
from .network import Seconds

if TYPE_CHECKING:
    from ..enrich import Ask
    from ..enrich.report import Report

_SOURCES = ("openalex", "crossref", "arxiv", "dblp")


def _source_list(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in _SOURCES]
    if unknown or not names:
        raise click.BadParameter(f"expected a comma-separated list of {', '.join(_SOURCES)}; got '{value}'")
    return names


def _base_urls(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in value:
        name, sep, url = pair.partition("=")
        if not sep or name not in _SOURCES or not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"expected SOURCE=URL with SOURCE one of {', '.join(_SOURCES)}; got '{pair}'")
        out[name] = url
    return out


@click.command(epilog=exit_codes(INVALID_DOCUMENT))
@click.argument("cv", metavar="CV")
@click.option("-o", "--output", metavar="FILE", help="Write the enriched CV here (default: stdout).")
@click.option("--in-place", is_flag=True, help="Rewrite CV itself (CV.bak holds the original meanwhile).")
@click.option("--keep-backup", is_flag=True, help="With --in-place, keep CV.bak afterwards.")
@click.option("--source", "sources", default=",".join(_SOURCES), show_default=True, callback=_source_list,
              metavar="LIST", help="Sources to ask, in this order.")
@click.option("--dry-run", is_flag=True, help="Ask and report, write nothing.")
@click.option("--report", "report_path", metavar="FILE", help="Also write the full report as JSON here.")
@click.option("--interactive", is_flag=True,
              help="Ask on the terminal before writing each id (without a terminal: decide by the threshold).")
@click.option("--mailto", metavar="ADDRESS", default=lambda: os.environ.get("RESUMECONV_MAILTO"),
              help="Contact address sent to the APIs (User-Agent, Crossref/OpenAlex 'mailto'); default "
                   "RESUMECONV_MAILTO.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=0.8, show_default=True,
              help="A record must score at least this to be written.")
@click.option("--base-url", "base_urls", metavar="SOURCE=URL", multiple=True, callback=_base_urls,
              help="API root of a source (e.g. a test server); also RESUMECONV_<SOURCE>_URL.")
@click.option("--cache-dir", metavar="DIR",
              help="Where answers are cached (default $XDG_CACHE_HOME/resumeconv/enrich).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--cache-days", type=click.FloatRange(0, 3650), default=30.0, show_default=True,
              help="Use a cached answer for this many days, then ask again.")
@click.option("--clear-cache", is_flag=True, help="Remove every cached answer first.")
@click.option("--openalex-key", metavar="KEY", default=lambda: os.environ.get("OPENALEX_API_KEY"),
              help="OpenAlex API key (free at openalex.org/settings/api; required since February 2026); default "
                   "OPENALEX_API_KEY.")
@click.option("--timeout", type=Seconds(most=300), default=20.0, show_default=True,
              help="Seconds one attempt may take in all (connecting and the whole answer).")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Retries on HTTP 429/5xx and timeouts (Retry-After honoured).")
@click.option("--max-wait", type=click.FloatRange(0, 3600), default=60.0, show_default=True,
              help="Longest Retry-After or back-off to wait before giving up on a request.")
@click.option("--delay", type=click.FloatRange(0, 60), default=None,
              help="Seconds between two requests to one source (default per source: arXiv 3, DBLP 1, Crossref "
                   "0.2, OpenAlex 0.1).")
@click.option("-v", "--verbose", is_flag=True, help="Give every record's notes, also for records with another title.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@max_input_size
def enrich(cv: str, output: str | None, in_place: bool, keep_backup: bool, sources: tuple[str, ...], dry_run: bool,
           report_path: str | None, interactive: bool, mailto: str | None, threshold: float,
           base_urls: dict[str, str], cache_dir: str | None, no_cache: bool, cache_days: float, clear_cache: bool,
           openalex_key: str | None, timeout: float, retries: int, max_wait: float, delay: float | None,
           verbose: bool, quiet: bool) -> None:
    """Find DOIs and arXiv ids for CV's publications in OpenAlex, Crossref, arXiv and DBLP.

    Each record found gets a score from its title, authors (surnames in order), year and venue; an id is
    written only when a record scores at least --threshold, no other record disagrees, and the field is empty.
    Nothing the CV has is overwritten. The report on stderr says, per publication, what was found, where,
    with what score, and what was left alone and why.
    """
    from .. import enrich as api

    if output and in_place:
        raise click.UsageError("use either -o or --in-place")
    if keep_backup and not in_place:
        raise click.UsageError("--keep-backup goes with --in-place")
    with reported(cv if in_place else output):
        if output and output != "-":
            check_output(output, [cv])
        doc, fmt = _load(cv)
        fetcher = api.make_fetcher(mailto=mailto, cache_dir=cache_dir, use_cache=not no_cache, timeout=timeout,
                                   retries=retries, max_wait=max_wait, delay=delay, cache_days=cache_days)
        if clear_cache:
            say(f"resumeconv: {fetcher.cache.clear()} cached answer(s) removed", err=True)
        options = api.EnrichOptions(sources=sources, threshold=threshold, mailto=mailto, base_urls=base_urls,
                                    openalex_key=openalex_key or None)
        enriched, report = api.enrich(doc, options, fetcher, _asker() if interactive else None)
        for warning in report.warnings:
            say(f"resumeconv: warning: {warning}", err=True)
        if not quiet:
            for line in report.lines(verbose=verbose):
                say(line, err=True)
        if report_path:
            _write_report(report, report_path)
        if report.errors and not report.answered:
            say(f"resumeconv: {report.summary()}", err=True)
            raise ResumeconvError("no source answered; nothing written (see the errors above)")
        _emit(enriched, doc, fmt, cv, output, in_place, keep_backup, dry_run)
        say(f"resumeconv: {report.summary()}" + ("; dry run, nothing written" if dry_run else ""), err=True)
    sys.exit(EXIT_OK)


def _load(path: str) -> tuple[dict[str, Any], str]:
    """The CV and its format; only JSON and YAML CVs can be enriched and written back."""
    from ..formats import plain

    loaded = load_input(path)
    if loaded.format not in ("json", "yaml"):
        raise UsageError(f"{path}: enrich needs the CV as JSON or YAML, not {loaded.format} (convert it first)")
    return plain(loaded.document), loaded.format


def _emit(enriched: dict[str, Any], doc: dict[str, Any], fmt: str, cv: str, output: str | None, in_place: bool,
          keep_backup: bool, dry_run: bool) -> None:
    from .. import dump, formats

    if dry_run:
        return
    if output and output != "-":
        spec = formats.by_extension(output, reading=False)
        fmt = spec.name if spec is not None and spec.name in ("json", "yaml") else fmt
    text = dump(enriched, fmt)
    if in_place:
        if enriched != doc:
            emit(cv, text, backup=keep_backup)
    else:
        emit(output or "-", text)


def _write_report(report: Report, path: str) -> None:
    import json

    emit(path, json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")


def _asker() -> Ask | None:
    """The terminal prompt for --interactive, or None (decide by the threshold) when stdin is not a terminal."""
    if not sys.stdin.isatty():
        say("resumeconv: --interactive needs a terminal; deciding by the threshold alone", err=True)
        return None
    stopped = False

    def ask(index: int, field: str, value: str, cand: Any, score: Any, default: bool) -> bool:
        nonlocal stopped
        if stopped:
            return False
        say(f"/publications/{index}: {field} {value} from {cand.source}, score {score.value:.2f}", err=True)
        say(f"  '{cand.title}' ({cand.year or '?'}), {', '.join(cand.authors[:6])}", err=True)
        say(f"  {'; '.join(score.reasons)}", err=True)
        answer = click.prompt("  write it? (y)es, (n)o, (q)uit asking", type=click.Choice(["y", "n", "q"]),
                              default="y" if default else "n", show_choices=False, err=True)
        stopped = answer == "q"
        return bool(answer == "y")

    return ask


__all__ = ["EXIT_USAGE", "enrich"]
