"""The ORCID API client (public read, Member API bulk write), on the one HTTP client of :mod:`.core.http`.

A total deadline on every attempt; 429 and 5xx are retried a bounded number of times with exponential backoff (a
``Retry-After`` is honoured; one beyond the cap ends the retries); other failures become one-line
:class:`OrcidApiError`s.
The bearer token lives only in the request headers: it is never part of a message, and any message that
could echo it is scrubbed. TLS verification is requests' default and never turned off.

Redirects are never followed. ORCID's API answers directly; a redirect means a wrong ``--base-url`` or a
hostile network. requests would drop the Authorization header on a redirect to another host, but a 307/308
would still replay a Member API POST (the CV's works) there, so a 3xx answer is an error naming its target.
Answers are read up to the input size limit, so a hostile server cannot exhaust memory.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from .core.errors import ResumeconvError, UsageError

if TYPE_CHECKING:
    from .core.losses import Loss

PUBLIC = "https://pub.orcid.org"
MEMBER = "https://api.orcid.org"
PUBLIC_SANDBOX = "https://pub.sandbox.orcid.org"
MEMBER_SANDBOX = "https://api.sandbox.orcid.org"
JSON_TYPE = "application/vnd.orcid+json"
MAX_PUT_CODES = 100


class OrcidApiError(ResumeconvError):
    """An ORCID API call that failed after its retries (exit code 2: the input could not be fetched or sent).

    ``status`` is the HTTP status of ORCID's answer, when there was one.
    """

    status: int | None = None


def check_orcid(value: str) -> str:
    """The bare iD, or a UsageError before any request when its syntax or check digit is wrong."""
    from .core import ids

    if not ids.is_orcid(value):
        raise UsageError(f"'{value}' is not a valid ORCID iD (expected 0000-0000-0000-000X with a correct check digit)")
    return ids.normalize_orcid(value)


def base_url(explicit: str | None, *, sandbox: bool, member: bool) -> str:
    if explicit:
        return explicit.rstrip("/")
    if sandbox:
        return MEMBER_SANDBOX if member else PUBLIC_SANDBOX
    return MEMBER if member else PUBLIC


class OrcidClient:
    """A small client for ``/v3.0/{orcid}/works``: read the summary, read full works, post bulks.

    The requests go through the one HTTP client (:mod:`.core.http`): retries on 429/5xx (a POST only on 429/503),
    a total deadline per attempt, no redirects, bounded answers. The token must not leave this machine in clear:
    a plain ``http://`` base URL that is not a loopback address is refused unless ``allow_http``.
    """

    def __init__(self, base: str, *, token: str | None = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 1.0, max_wait: float = 30.0, sleep: Callable[[float], None] = time.sleep,
                 allow_http: bool = False):
        from .core.http import Client, check_header_value, is_loopback

        self.base, self._token = base.rstrip("/"), token
        headers = {"Accept": JSON_TYPE}
        if token:
            check_header_value(token, "the ORCID access token")
            if self.base.lower().startswith("http://") and not is_loopback(self.base) and not allow_http:
                raise UsageError(f"refusing to send the ORCID access token in clear text to {self.base}; use an "
                                 "https:// URL (or --allow-http if this network is yours)")
            headers["Authorization"] = f"Bearer {token}"
        self.http = Client(timeout=timeout, retries=retries, backoff=backoff, max_wait=max_wait, sleep=sleep,
                           headers=headers)
        self.timeout, self.retries = self.http.timeout, retries

    @property
    def session(self) -> Any:
        return self.http.session

    def works_summary(self, orcid: str) -> dict[str, Any]:
        """``GET /v3.0/{orcid}/works``: the grouped summary of every public work."""
        return self._call("GET", f"/v3.0/{orcid}/works")

    def works(self, orcid: str, put_codes: list[int]) -> list[dict[str, Any]]:
        """Full works for the put-codes, fetched in batches of at most 100 (``GET /v3.0/{orcid}/works/{codes}``)."""
        out: list[dict[str, Any]] = []
        for start in range(0, len(put_codes), MAX_PUT_CODES):
            codes = ",".join(str(c) for c in put_codes[start:start + MAX_PUT_CODES])
            answer = self._call("GET", f"/v3.0/{orcid}/works/{codes}")
            out += _bulk_items(answer)
        return out

    def post_bulk(self, orcid: str, body: bytes) -> list[dict[str, Any]]:
        """``POST /v3.0/{orcid}/works`` with one bulk; the answer's items, one per work, in order."""
        answer = self._call("POST", f"/v3.0/{orcid}/works", data=body, headers={"Content-Type": JSON_TYPE})
        return _bulk_items(answer)

    def _call(self, method: str, path: str, *, data: bytes | None = None,
              headers: dict[str, str] | None = None) -> dict[str, Any]:
        from .core.http import HttpError

        try:
            response = self.http.request(method, self.base + path, data=data, headers=headers)
        except HttpError as err:
            raise self._error(f"{method} {path}: {err}") from None
        if response.is_redirect:
            where = response.headers.get("Location", "?")
            raise self._error(f"{method} {path}: HTTP {response.status} redirect to {where} not followed "
                              "(the ORCID API does not redirect; check --base-url)")
        if response.status >= 400:
            waited = (f"; asked to wait {response.retry_after:g} s, more than {self.http.max_wait:g} s"
                      if response.gave_up_waiting and response.retry_after is not None else "")
            error = self._error(f"{method} {path}: HTTP {response.status}"
                                f"{_error_detail(response.body, self._token)}{waited}")
            error.status = response.status
            raise error
        try:
            answer = json.loads(response.body)
        except (ValueError, RecursionError):
            raise self._error(f"{method} {path}: the answer is not JSON") from None
        if not isinstance(answer, dict):
            raise self._error(f"{method} {path}: the answer is not a JSON object")
        return answer

    def _error(self, message: str) -> OrcidApiError:
        return OrcidApiError("ORCID API: " + scrub(message, self._token))


#: The shortest piece of a token that is scrubbed when only part of it shows (cut or split by a server).
_MIN_PIECE = 8


def scrub(text: str, token: str | None) -> str:
    """``text`` with the token replaced by ``[token]``: whole, URL-encoded, or cut short (a prefix or suffix of at
    least 8 characters, as a server that truncates its message leaves it), so no message can leak it."""
    if not token:
        return text
    from urllib.parse import quote, quote_plus

    for form in dict.fromkeys((token, quote(token, safe=""), quote_plus(token))):
        text = text.replace(form, "[token]")
        if len(form) > _MIN_PIECE:
            for size in range(len(form) - 1, _MIN_PIECE - 1, -1):
                head, tail = form[:size], form[-size:]
                if text.endswith(head):
                    text = text[: -size] + "[token]"
                if text.startswith(tail):
                    text = "[token]" + text[size:]
    return text


def _bulk_items(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects of an answer's ``bulk`` list (nothing when the server sent another shape)."""
    bulk = answer.get("bulk")
    return [item for item in bulk if isinstance(item, dict)] if isinstance(bulk, list) else []


def _error_detail(data: bytes, token: str | None = None) -> str:
    """``: <developer-message>`` from an ORCID error body, when there is one (scrubbed before it is cut short)."""
    try:
        body = json.loads(data)
    except (ValueError, RecursionError):
        return ""
    if isinstance(body, dict):
        message = body.get("developer-message") or body.get("user-message") or body.get("error_description")
        if message:
            return f": {scrub(' '.join(str(message).split()), token)[:300]}"
    return ""


def put_codes(summary: dict[str, Any]) -> list[int]:
    """One put-code per group of the works summary (the first version; the others are the same work)."""
    out = []
    groups = summary.get("group")
    for group in groups if isinstance(groups, list) else []:
        versions = group.get("work-summary") if isinstance(group, dict) else None
        first = versions[0] if isinstance(versions, list) and versions else None
        if isinstance(first, dict) and str(first.get("put-code", "")).isdigit():
            out.append(int(first["put-code"]))
    return out


def with_other_versions(items: list[dict[str, Any]], summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The fetched works (first versions) with the external ids of their group's other versions and of the group
    added, each once: a DOI only a preprint version carries is kept, not dropped."""
    from .formats.orcid import merge_group

    groups: dict[str, dict[str, Any]] = {}
    listed = summary.get("group")
    for group in listed if isinstance(listed, list) else []:
        versions = group.get("work-summary") if isinstance(group, dict) else None
        if isinstance(versions, list) and versions and isinstance(versions[0], dict):
            groups[str(versions[0].get("put-code"))] = group
    out = []
    for item in items:
        work = item.get("work")
        group = groups.get(str(work.get("put-code"))) if isinstance(work, dict) else None
        if isinstance(work, dict) and group is not None:
            merged = merge_group({**group, "work-summary": [work, *group["work-summary"][1:]]})
            item = {**item, "work": merged}
        out.append(item)
    return out


def as_bulk_bytes(items: list[dict[str, Any]]) -> bytes:
    """The fetched works as one ``{"bulk": [...]}`` document, for the orcid-json reader."""
    return json.dumps({"bulk": items}).encode("utf-8")


class PushBatch(NamedTuple):
    """One bulk a push sends: (publication index, work) pairs, and the v3.0 JSON ``POST /works`` takes."""

    works: list[tuple[int, Any]]
    payload: bytes


class PushPlan(NamedTuple):
    """What ``orcid push`` sends: the bulks, how many publications were refused before sending (ORCID cannot take
    them, or they break a server rule), and what the works cannot hold (losses and normalizations)."""

    batches: list[PushBatch]
    refused: int
    losses: list[Loss]


def plan_push(doc: dict[str, Any], owner: str, *, sandbox: bool = False, source: str | None = None) -> PushPlan:
    """The works of ``doc`` for ``owner``'s record, prepared and guarded as every writer is (the registry's
    ``prepare_for_writer`` and crash guard), in bulks of at most 100, without those ORCID's server would refuse."""
    from .core.losses import LossReport
    from .core.migration import prepare_for_writer
    from .formats import orcid as orcid_format
    from .formats import writing

    prepared, normalized = prepare_for_writer(doc, "orcid-json")
    report = LossReport(normalized)
    with writing("ORCID works", prepared, source):
        pairs = orcid_format.works_from_document(prepared, report, owner=owner,
                                                 host="sandbox.orcid.org" if sandbox else "orcid.org")
    ready = [(i, w) for i, w in pairs if not orcid_format.server_problems(w)]
    pubs = doc.get("publications")
    refused = (len(pubs) if isinstance(pubs, list) else 0) - len(ready)
    batches = [PushBatch(b, orcid_format.bulk_json([w for _, w in b])) for b in orcid_format.chunks(ready) if b]
    return PushPlan(batches, refused, report.items)
