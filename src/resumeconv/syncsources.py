"""Where ``sync`` reads publications from: a file in any readable format, or a public service by identifier.

``orcid:ID`` (ORCID's public API, works with their contributors), ``dblp:PID`` (DBLP's person XML) and
``openalex:AUTHOR_ID`` (OpenAlex's works of an author, every page; ``per_page``, ``cursor`` and ``api_key`` as
OpenAlex's current documentation spells them). Each service's answer is read by the registry's
reader for it (``orcid-json``, ``dblp``, ``openalex``), so a saved answer given as a file reads the same. Requests go
through the one HTTP client (core.http: retries on 429/5xx with Retry-After, a total deadline per request, a polite
User-Agent); nothing is cached, so a sync sees the sources as they are now. Base URLs can point at a mirror (tests
serve recorded answers on 127.0.0.1).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from .core.errors import UsageError

if TYPE_CHECKING:
    from .core.http import Client
from .sync import Source

#: Public base URLs; ``SourceSettings`` overrides them.
ORCID_BASE = "https://pub.orcid.org"
DBLP_BASE = "https://dblp.org"
OPENALEX_BASE = "https://api.openalex.org"
#: Works per OpenAlex page (its maximum) and the most pages read (10,000 works).
OPENALEX_PAGE = 200
OPENALEX_MAX_PAGES = 50
_DBLP_PID = re.compile(r"^[a-z0-9]+(/[A-Za-z0-9_-]+)+$")
_OPENALEX_AUTHOR = re.compile(r"^(?:https?://openalex\.org/)?(A\d{4,})$", re.IGNORECASE)


@dataclass
class SourceSettings:
    """How the services are asked (the CLI's options)."""

    timeout: float = 30.0
    retries: int = 2
    mailto: str | None = None
    openalex_key: str | None = None
    orcid_base: str = ORCID_BASE
    dblp_base: str = DBLP_BASE
    openalex_base: str = OPENALEX_BASE
    #: The one client of this run (made on the first request), so every page reuses its session.
    client: Client | None = None


def load_source(spec: str, settings: SourceSettings | None = None) -> Source:
    """Publications from ``spec``: a file path, or ``orcid:ID``, ``dblp:PID``, ``openalex:ID``."""
    settings = settings or SourceSettings()
    scheme, _, ident = spec.partition(":")
    if scheme in ("orcid", "dblp", "openalex") and ident and not os.path.exists(spec):
        reader = {"orcid": _orcid, "dblp": _dblp, "openalex": _openalex}[scheme]
        return reader(ident.strip(), spec, settings)
    return _file(spec)


def check_spec(spec: str) -> None:
    """Refuse a malformed service id before anything is asked (UsageError, exit 2); files are checked when read."""
    scheme, _, ident = spec.partition(":")
    if os.path.exists(spec) or not ident:
        return
    if scheme == "dblp":
        _dblp_pid(ident.strip())
    elif scheme == "openalex":
        _openalex_author(ident.strip())
    elif scheme == "orcid":
        from . import orcid_api

        orcid_api.check_orcid(ident.strip())


def _dblp_pid(ident: str) -> str:
    pid = ident.removeprefix("https://dblp.org/pid/").removesuffix(".html").removesuffix(".xml")
    if not _DBLP_PID.match(pid):
        raise UsageError(f"'{ident}' is not a DBLP person id; it looks like 'dblp:95/7448-1' (from dblp.org/pid/…)")
    return pid


def _openalex_author(ident: str) -> str:
    found = _OPENALEX_AUTHOR.match(ident)
    if not found:
        raise UsageError(f"'{ident}' is not an OpenAlex author id; it looks like 'openalex:A5023888391'")
    return found.group(1).upper()


def _file(path: str) -> Source:
    from . import read
    from .formats import plain

    result = read(path)
    pubs = [p for p in plain(result.document).get("publications") or [] if isinstance(p, dict)]
    marks = any(a.get("self") for p in pubs for a in p.get("authors") or [] if isinstance(a, dict))
    return Source(path, pubs, marks_owner=marks)


def _orcid(ident: str, spec: str, settings: SourceSettings) -> Source:
    from . import orcid_api
    from .formats import get, plain

    oid = orcid_api.check_orcid(ident)
    client = orcid_api.OrcidClient(orcid_api.base_url(settings.orcid_base, sandbox=False, member=False),
                                   timeout=settings.timeout, retries=settings.retries)
    summary = client.works_summary(oid)
    items = orcid_api.with_other_versions(client.works(oid, orcid_api.put_codes(summary)), summary)
    result = get("orcid-json").read(orcid_api.as_bulk_bytes(items), source=spec, owner=oid)
    return Source(spec, list(plain(result.document).get("publications") or []), marks_owner=True)


def _dblp(ident: str, spec: str, settings: SourceSettings) -> Source:
    from .formats import get, plain

    pid = _dblp_pid(ident)
    data = _get(f"{settings.dblp_base.rstrip('/')}/pid/{pid}.xml", "DBLP", "application/xml", settings, spec)
    result = get("dblp").read(data, source=spec)
    return Source(spec, list(plain(result.document).get("publications") or []), marks_owner=True)


def _openalex(ident: str, spec: str, settings: SourceSettings) -> Source:
    from .formats import get, plain

    author = _openalex_author(ident)
    works: list[Any] = []
    cursor = "*"
    for _ in range(OPENALEX_MAX_PAGES):
        params = {"filter": f"author.id:{author}", "per_page": str(OPENALEX_PAGE), "cursor": cursor}
        if settings.mailto:
            params["mailto"] = settings.mailto
        if settings.openalex_key:
            params["api_key"] = settings.openalex_key
        page = json.loads(_get(f"{settings.openalex_base.rstrip('/')}/works?{urlencode(params, quote_via=quote)}",
                               "OpenAlex", "application/json", settings, spec))
        results = page.get("results") if isinstance(page, dict) else None
        if not isinstance(results, list):
            break
        works += results
        following = (page.get("meta") or {}).get("next_cursor")
        if not isinstance(following, str) or not following or not results:
            break
        cursor = following
    result = get("openalex").read(json.dumps({"results": works}).encode("utf-8"), source=spec, owner=author)
    return Source(spec, list(plain(result.document).get("publications") or []), marks_owner=True)


def _get(url: str, source: str, accept: str, settings: SourceSettings, spec: str) -> bytes:
    """One GET through the one HTTP client (core.http); no answer, or not a 200, is one line naming the service
    (InputError, exit 2). The query (which may hold an API key) is never printed."""
    from .core.errors import InputError
    from .core.http import Client, HttpError

    if settings.client is None:
        settings.client = Client(timeout=settings.timeout, retries=settings.retries, mailto=settings.mailto)
    try:
        answer = settings.client.get(url, accept=accept)
    except HttpError as err:
        raise InputError(f"{source}: {err}", spec) from None
    if answer.status != 200:
        wait = " (it asks to wait; try again later)" if answer.gave_up_waiting else ""
        raise InputError(f"{source}: answered HTTP {answer.status}{wait}", spec)
    return answer.body
