"""``resumeconv orcid pull`` and ``resumeconv orcid push``: the CV's publications from and to an ORCID record."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..core.errors import EXIT_INVALID, EXIT_OK, ResumeconvError, UsageError
from .common import INVALID_DOCUMENT, check_output, emit, exit_codes, fail, load_input, print_losses, reported, say
from .network import timeout_option

if TYPE_CHECKING:
    from ..formats import ReadResult
    from ..orcid_api import OrcidClient, PushBatch

F = TypeVar("F", bound=Callable[..., Any])

_COMMON = [
    click.option("--base-url", metavar="URL", help="API root to use instead of ORCID's (e.g. a test server)."),
    click.option("--sandbox", is_flag=True, help="Use ORCID's sandbox (sandbox.orcid.org) instead of production."),
    timeout_option(30.0),
    click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
                 help="Retries on HTTP 429/5xx and timeouts, with exponential backoff (a push only after 429/503)."),
]


def _common(func: F) -> F:
    for option in reversed(_COMMON):
        func = option(func)
    return func


@click.group(epilog=exit_codes("see 'orcid pull --help' and 'orcid push --help'"))
def orcid() -> None:
    """Pull publications from an ORCID record, or push the CV's publications to it."""


@orcid.command(epilog=exit_codes(INVALID_DOCUMENT))
@click.argument("orcid_id", metavar="ORCID_ID")
@click.option("-o", "--output", metavar="FILE",
              help="Where to write (default: stdout; with --merge, the RESUME file itself).")
@click.option("--merge", "merge_into", metavar="RESUME",
              help="Merge into this CV (JSON or YAML): same DOI, arXiv id or title is one work; nothing is deleted.")
@click.option("--keep-backup", is_flag=True,
              help="When --merge rewrites RESUME in place, keep RESUME.bak (the original) afterwards.")
@_common
def pull(orcid_id: str, output: str | None, merge_into: str | None, keep_backup: bool, base_url: str | None,
         sandbox: bool, timeout: float, retries: int) -> None:
    """Read ORCID_ID's public works and write them as CV publications (or merge them into a CV)."""
    from .. import orcid_api
    from ..formats import plain

    with reported(output or merge_into):
        oid = orcid_api.check_orcid(orcid_id)
        if output and merge_into:
            check_output(output, [merge_into])
        target = _load_cv(merge_into) if merge_into else None
        client = orcid_api.OrcidClient(orcid_api.base_url(base_url, sandbox=sandbox, member=False),
                                       timeout=timeout, retries=retries)
        summary = client.works_summary(oid)
        items = orcid_api.with_other_versions(client.works(oid, orcid_api.put_codes(summary)), summary)
        result = _read_works(orcid_api.as_bulk_bytes(items), oid)
        pubs = plain(result.document).get("publications", [])
        print_losses(result.losses, "the CV", f"ORCID {oid}")
        if target is None:
            _emit({"basics": {"orcid": oid}, "publications": pubs}, output or "-", "json")
            say(f"resumeconv: {len(pubs)} work(s) read from ORCID {oid}", err=True)
        else:
            _merge_and_write(target, pubs, oid, output or merge_into or "-", backup=None if output else keep_backup)
    sys.exit(EXIT_OK)


def _read_works(data: bytes, owner: str) -> ReadResult:
    from ..formats import get

    return get("orcid-json").read(data, source="ORCID API", owner=owner)


def _merge_and_write(target: tuple[dict[str, Any], str], pubs: list[dict[str, Any]], oid: str, output: str,
                     backup: bool | None) -> None:
    """Merge and write; ``backup`` is None for a separate output, else whether to keep RESUME.bak afterwards."""
    from ..merge import merge_publications

    doc, fmt = target
    merged, summary = merge_publications(doc, pubs)
    basics = merged.setdefault("basics", {})
    basics.setdefault("orcid", oid)
    if merged != doc:
        _emit(merged, output, fmt, backup)
    for label, names in (("added", summary.added), ("merged", summary.merged)):
        for name in names:
            say(f"  {label}: {name}", err=True)
    say(f"resumeconv: {summary.line()}" + ("" if merged != doc else "; nothing to write"), err=True)


def _load_cv(path: str) -> tuple[dict[str, Any], str]:
    """The CV at ``path`` and its format; only the canonical JSON/YAML forms can be merged into and rewritten."""
    from ..formats import plain

    loaded = load_input(path)
    if loaded.format not in ("json", "yaml"):
        raise UsageError(f"--merge needs the CV as JSON or YAML, not {loaded.format}")
    return plain(loaded.document), loaded.format


def _emit(doc: dict[str, Any], output: str, fmt: str, backup: bool | None = None) -> None:
    """Write to stdout, to a file, or (``backup`` not None) over the input file with a backup meanwhile."""
    from .. import dump

    emit(output, dump(doc, fmt), backup=backup)


@orcid.command(epilog=exit_codes("ORCID refused or did not create some works"))
@click.argument("resume", metavar="RESUME")
@click.option("--orcid", "orcid_id", metavar="ID", help="The record to write to (default: basics.orcid).")
@click.option("--token-env", default="ORCID_TOKEN", show_default=True, metavar="VAR",
              help="Environment variable holding the Member API access token (never printed).")
@click.option("--dry-run", is_flag=True, help="Print the bulks that would be sent and send nothing.")
@click.option("--allow-http", is_flag=True,
              help="Allow a plain http:// --base-url on another machine (the token then travels in clear text).")
@_common
def push(resume: str, orcid_id: str | None, token_env: str, dry_run: bool, allow_http: bool, base_url: str | None,
         sandbox: bool, timeout: float, retries: int) -> None:
    """Post RESUME's publications to an ORCID record as works, in bulks of at most 100.

    Works our server-rule check refuses are not sent; each work's result is printed. Exit 1 if any failed.
    """
    from .. import orcid_api

    token = os.environ.get(token_env, "")
    try:
        # The token and the URL are checked before any work, so a bad one is the only line printed.
        client = None if dry_run or not token else orcid_api.OrcidClient(
            orcid_api.base_url(base_url, sandbox=sandbox, member=True), token=token, timeout=timeout,
            retries=retries, allow_http=allow_http)
        doc, _ = _load_cv(resume)
        oid = orcid_api.check_orcid(orcid_id or _own_orcid(doc, resume))
        plan = orcid_api.plan_push(doc, oid, sandbox=sandbox, source=resume)
        print_losses(plan.losses, "ORCID", resume)
        batches, refused = plan.batches, plan.refused
        ready = sum(len(batch.works) for batch in batches)
        if dry_run:
            emit("-", b"".join(batch.payload for batch in batches))
            say(f"resumeconv: dry run: {ready} work(s) in {len(batches)} bulk(s) would be sent to {oid}; "
                       f"{refused} refused by the server-rule check", err=True)
            sys.exit(EXIT_INVALID if refused else EXIT_OK)
        if not batches:
            say(f"resumeconv: 0 created, {refused} not created (nothing ORCID would take)", err=True)
            sys.exit(EXIT_INVALID if refused else EXIT_OK)
        if client is None:
            raise UsageError(f"no access token: set the environment variable {token_env} (or use --dry-run)")
        sent_failed = sum(_send(client, oid, batch) for batch in batches)
    except ResumeconvError as err:
        fail(err)
    failed = refused + sent_failed
    say(f"resumeconv: {ready - sent_failed} created, {failed} not created", err=True)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


def _own_orcid(doc: dict[str, Any], resume: str) -> str:
    """basics.orcid of the CV, or a UsageError naming the file when it has none."""
    basics = doc.get("basics")
    value = basics.get("orcid") if isinstance(basics, dict) else None
    if not isinstance(value, str) or not value:
        raise UsageError(f"{resume}: no basics.orcid in the CV; name the record with --orcid")
    return value


#: HTTP answers by which ORCID refuses the works of a bulk (not the request itself): exit 1, as for refused works.
REFUSED_STATUS = frozenset({400, 409, 422})


def _send(client: OrcidClient, oid: str, bulk: PushBatch) -> int:
    """Post one bulk and print one line per work; the number that failed."""
    from .. import orcid_api

    batch = bulk.works
    try:
        answers = client.post_bulk(oid, bulk.payload)
    except orcid_api.OrcidApiError as err:
        if err.status not in REFUSED_STATUS:
            raise
        for index, work in batch:  # ORCID refused the whole bulk: none of its works was created
            say(f"  refused ({err.status}): /publications/{index} {work.title}")
        say(f"resumeconv: {err}", err=True)
        return len(batch)
    failed = 0
    for n, (index, work) in enumerate(batch):
        item = answers[n] if n < len(answers) else {}
        where = f"/publications/{index}"
        if isinstance(item.get("work"), dict) and item["work"].get("put-code") is not None:
            say(f"  created put-code {item['work']['put-code']}: {where} {work.title}")
            continue
        failed += 1
        error: dict[str, Any] = item["error"] if isinstance(item.get("error"), dict) else {}
        if str(error.get("response-code")) == "409":
            say(f"  duplicate (409): {where} {work.title}: {_short(error)}")
        elif error:
            say(f"  error {error.get('response-code')}: {where} {work.title}: {_short(error)}")
        else:
            say(f"  no answer for {where} {work.title}")
    return failed


def _short(error: dict[str, Any]) -> str:
    message = error.get("user-message") or error.get("developer-message") or "no message"
    return " ".join(str(message).split())[:200]

