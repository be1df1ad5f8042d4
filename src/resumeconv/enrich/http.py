"""The HTTP side of ``enrich``: polite, bounded, cached GETs. ``requests`` is imported here, only when asked.

Every source is asked through one :class:`Fetcher`: a User-Agent naming resumeconv and a contact address, a
timeout on every request, a minimum interval between two requests to the same source, a bounded number of
retries on 429, 5xx and timeouts (a ``Retry-After`` in seconds or as an HTTP date is honoured up to a cap), and
an on-disk cache keyed by URL, so a rerun asks nothing twice. Redirects are not followed (an API that
redirects is misconfigured or a base URL is wrong). Answers are read up to the input size limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import __version__

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Query parameters that identify the caller, not the question: left out of the cache key.
_NOT_IN_KEY = frozenset({"mailto"})


class FetchError(Exception):
    """A request that failed after its retries; the message is one line naming the source and the cause."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Answer:
    """A successful answer: the body as text, and whether it came from the cache."""

    url: str
    text: str
    cached: bool = False


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/resumeconv/enrich`` (``~/.cache/...`` when the variable is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "resumeconv", "enrich")


def user_agent(mailto: str | None) -> str:
    """The polite User-Agent the APIs ask for: tool, version, where it lives and whom to contact."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"resumeconv/{__version__} (+https://pypi.org/project/resumeconv/{contact})"


class Cache:
    """Answers on disk, one JSON file per URL (sha256 of the URL without ``mailto``), written atomically."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory

    @staticmethod
    def key(url: str) -> str:
        parts = urlsplit(url)
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _NOT_IN_KEY])
        return hashlib.sha256(urlunsplit(parts._replace(query=query)).encode("utf-8")).hexdigest()

    def get(self, url: str) -> str | None:
        if not self.directory:
            return None
        path = os.path.join(self.directory, self.key(url) + ".json")
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
        except (OSError, ValueError):
            return None
        text = entry.get("body") if isinstance(entry, dict) else None
        return text if isinstance(text, str) else None

    def put(self, url: str, text: str) -> None:
        if not self.directory:
            return
        from ..core.fileio import write_atomic

        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            entry = {"url": url, "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "body": text}
            write_atomic(os.path.join(self.directory, self.key(url) + ".json"), json.dumps(entry, ensure_ascii=False))


@dataclass
class Fetcher:
    """GETs for all sources, with per-source pacing, retries and the cache."""

    mailto: str | None = None
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 60.0
    cache: Cache = field(default_factory=lambda: Cache(None))
    #: Minimum seconds between two requests to one source (a cached answer costs nothing).
    intervals: dict[str, float] = field(default_factory=dict)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    #: How many requests were really sent, per source (the report prints it; tests check the cache with it).
    sent: dict[str, int] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _session: Any = None

    def get(self, source: str, url: str, accept: str = "application/json") -> Answer:
        cached = self.cache.get(url)
        if cached is not None:
            return Answer(url, cached, cached=True)
        text = self._fetch(source, url, accept)
        return Answer(url, text)

    def remember(self, answer: Answer) -> None:
        """Cache an answer once its caller has parsed it (a malformed answer is asked again next time)."""
        if not answer.cached:
            self.cache.put(answer.url, answer.text)

    def _fetch(self, source: str, url: str, accept: str) -> str:
        import requests

        if self._session is None:
            self._session = requests.Session()
            self._session.headers.update({"User-Agent": user_agent(self.mailto)})
        path = urlsplit(url).path or "/"
        for attempt in range(self.retries + 1):
            self._pace(source)
            self.sent[source] = self.sent.get(source, 0) + 1
            try:
                with self._session.get(url, headers={"Accept": accept}, timeout=self.timeout,
                                       allow_redirects=False, stream=True) as response:
                    status = response.status_code
                    body = _read_limited(response)
                    retry_after = _retry_after(response.headers.get("Retry-After", ""))
            except requests.Timeout:
                if attempt < self.retries:
                    self.sleep(min(self.backoff * 2 ** attempt, self.max_wait))
                    continue
                raise FetchError(f"{source}: no answer within {self.timeout:g} s "
                                 f"({self.retries + 1} attempt(s))") from None
            except requests.RequestException as err:
                raise FetchError(f"{source}: cannot connect ({type(err).__name__})") from None
            except _TooLarge as err:
                raise FetchError(f"{source}: {err}") from None
            if status in RETRY_STATUS:
                wait = retry_after if retry_after is not None else self.backoff * 2 ** attempt
                if attempt < self.retries and wait <= self.max_wait:
                    self.sleep(wait)
                    continue
                why = f"; asked to wait {wait:g} s, more than {self.max_wait:g} s" if wait > self.max_wait else ""
                raise FetchError(f"{source}: HTTP {status} on {path} after {attempt + 1} attempt(s){why}",
                                 retry_after=retry_after)
            if 300 <= status < 400:
                raise FetchError(f"{source}: HTTP {status} redirect not followed (check the base URL)")
            if status >= 400:
                raise FetchError(f"{source}: HTTP {status} on {path}")
            return body.decode("utf-8", "replace")
        raise AssertionError("unreachable")

    def _pace(self, source: str) -> None:
        """Wait until the source's interval has passed since its last request."""
        interval = self.intervals.get(source, 0.0)
        last = self._last.get(source)
        if last is not None and interval > 0:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[source] = self.clock()


class _TooLarge(Exception):
    pass


def _read_limited(response: Any) -> bytes:
    """The body, refused beyond the input size limit (a hostile or broken server cannot fill memory)."""
    from ..core.fileio import max_input_bytes

    limit, parts, size = max_input_bytes(), [], 0
    for chunk in response.iter_content(1 << 16):
        size += len(chunk)
        if size > limit:
            raise _TooLarge(f"the answer is larger than the limit of {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _retry_after(header: str) -> float | None:
    """Seconds from a ``Retry-After`` header: a number of seconds or an HTTP date (RFC 9110); None otherwise."""
    header = header.strip()
    if not header:
        return None
    if header.isdigit():
        return float(header)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())
