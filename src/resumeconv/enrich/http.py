"""The HTTP side of ``enrich``: the sources are asked through the one client of :mod:`..core.http` (retries,
deadlines, User-Agent, no redirects, bounded answers) and the one cache of :mod:`..core.httpcache`.

What is enrich's own: a minimum interval between two requests to the same source, the count of requests really
sent per source, and source-named one-line errors.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..core.http import RETRY_STATUS, Client, HttpError
from ..core.httpcache import Cache


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
    _client: Client | None = None

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

    def forget(self, answer: Answer) -> None:
        """Drop a cached answer its caller could not parse (a wrong-shaped entry is evicted, not kept forever)."""
        if answer.cached:
            self.cache.evict(answer.url)

    def _fetch(self, source: str, url: str, accept: str) -> str:
        if self._client is None:
            # The sleep is looked up at each wait, so a test may replace ``fetcher.sleep`` after the first request.
            self._client = Client(timeout=self.timeout, retries=self.retries, backoff=self.backoff,
                                  max_wait=self.max_wait, mailto=self.mailto, sleep=lambda s: self.sleep(s))
        path = urlsplit(url).path or "/"
        self._pace(source)
        try:
            response = self._client.get(url, accept=accept)
        except HttpError as err:
            self.sent[source] = self.sent.get(source, 0) + err.attempts
            raise FetchError(f"{source}: {err}") from None
        self.sent[source] = self.sent.get(source, 0) + response.attempts
        status = response.status
        if response.gave_up_waiting and response.retry_after is not None:
            raise FetchError(f"{source}: HTTP {status} on {path} after {response.attempts} attempt(s); asked to "
                             f"wait {response.retry_after:g} s, more than {self.max_wait:g} s",
                             retry_after=response.retry_after)
        if response.is_redirect:
            raise FetchError(f"{source}: HTTP {status} redirect not followed (check the base URL)")
        if status >= 400:
            tries = f" after {response.attempts} attempt(s)" if status in RETRY_STATUS else ""
            raise FetchError(f"{source}: HTTP {status} on {path}{tries}", retry_after=response.retry_after)
        return response.text

    def _pace(self, source: str) -> None:
        """Wait until the source's interval has passed since its last request."""
        interval = self.intervals.get(source, 0.0)
        last = self._last.get(source)
        if last is not None and interval > 0:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[source] = self.clock()
