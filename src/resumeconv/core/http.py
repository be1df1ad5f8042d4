"""The one HTTP client: ORCID, enrich and sync all send their requests through :class:`Client`.

It is a ``requests`` Session with urllib3's :class:`~urllib3.util.retry.Retry` mounted, configured once:

- **Retries**: the statuses in :data:`RETRY_STATUS`, connect errors and read timeouts, ``retries`` times, waiting
  ``backoff`` x 1, 2, 4... seconds, or the server's ``Retry-After`` (seconds or an HTTP date). A ``Retry-After``
  longer than ``max_wait`` is obeyed by not asking again: the answer is returned with ``gave_up_waiting``. A POST is
  sent again only after 429 or 503 (the server says it did not process it), never after a read error.
- **A total deadline per attempt**: ``timeout`` bounds connecting, the headers and the whole body together. A
  watchdog thread shuts the socket down when the deadline passes, so a server that trickles one byte a second
  (which no per-read timeout ever catches) is cut off on time.
- **Politeness**: a User-Agent with our name, version and project URL, and a contact address when given.
- **Bounds**: redirects are never followed (the caller sees the 3xx), bodies are read up to the input size limit,
  TLS verification is requests' default and never turned off.

``requests`` is imported only when the first request is sent, so commands that never use the network (``validate``)
do not pay for it.
"""

from __future__ import annotations

import contextlib
import math
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import UsageError

#: Statuses that mean "ask again later": rate limits and passing server trouble.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Statuses after which a non-idempotent request (POST) may be sent again: the server did not process it.
NOT_PROCESSED = frozenset({429, 503})
_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})
PROJECT_URL = "https://pypi.org/project/resumeconv/"


class HttpError(Exception):
    """A request that got no usable answer: no connection, no answer within the deadline, a body too large.

    The message is one line without the URL's query (which may hold a key); ``timed_out`` says which kind.
    """

    def __init__(self, message: str, *, timed_out: bool = False, attempts: int = 1) -> None:
        super().__init__(message)
        self.timed_out, self.attempts = timed_out, attempts


@dataclass
class Response:
    """An answer, after the retries: status, headers, the whole body, and how it came to be."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    attempts: int = 1
    #: Seconds the server asked us to wait (``Retry-After``), when it said so.
    retry_after: float | None = None
    #: The server asked for a wait longer than ``max_wait``; we stopped asking instead.
    gave_up_waiting: bool = False

    @property
    def is_redirect(self) -> bool:
        return 300 <= self.status < 400

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def user_agent(mailto: str | None = None) -> str:
    """The polite User-Agent the APIs ask for: tool, version, where it lives and whom to contact."""
    import sys

    # The package is always imported before core; reading its version this way keeps core below the API layer.
    version = getattr(sys.modules.get("resumeconv"), "__version__", "unknown")
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"resumeconv/{version} (+{PROJECT_URL}{contact})"


def check_timeout(value: float, what: str = "--timeout") -> float:
    """``value`` when it is a finite number of seconds above zero; a UsageError otherwise (0, -1, nan, inf)."""
    if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise UsageError(f"{what} must be a number of seconds above 0, not {value!r}")
    return float(value)


def check_header_value(value: str, what: str) -> str:
    """``value`` when an HTTP header can carry it as it is; a UsageError for line breaks and non-Latin-1 text
    (a CR/LF could smuggle a header; requests would refuse either with a traceback-ish message)."""
    if any(c in value for c in "\r\n\0"):
        raise UsageError(f"{what} contains a line break or NUL character; check where it comes from")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise UsageError(f"{what} contains characters an HTTP header cannot carry (not Latin-1)") from None
    if value != value.strip():
        raise UsageError(f"{what} starts or ends with white space; check where it comes from")
    return value


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (127.0.0.0/8, ::1, localhost): plain HTTP there leaves no machine."""
    import ipaddress

    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def retry_after(header: str) -> float | None:
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


# --- the deadline -----------------------------------------------------------------------------------------------

class _Watch:
    """One attempt's deadline: when it passes, the connection's socket is shut down, which wakes any read."""

    def __init__(self, conn: Any, seconds: float) -> None:
        self.conn, self.expired = conn, False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.expired = True
        sock = getattr(self.conn, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _Call(threading.local):
    """The request in progress on this thread: its deadline, attempts, and the current attempt's watch."""

    seconds: float | None = None
    attempts: int = 0
    watch: _Watch | None = None
    expired: bool = False

    def stop_watch(self) -> None:
        if self.watch is not None:
            self.watch.cancel()
            self.expired = self.expired or self.watch.expired
            self.watch = None


_CALL = _Call()


def _pool_classes() -> dict[str, type]:
    """Connection pools that start a watch for every attempt (urllib3 retries call ``_make_request`` again)."""
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def make_request(base: Any) -> Callable[..., Any]:
        def _make_request(self: Any, conn: Any, *args: Any, **kwargs: Any) -> Any:
            _CALL.stop_watch()
            _CALL.attempts += 1
            if _CALL.seconds is not None:
                _CALL.watch = _Watch(conn, _CALL.seconds)
            return base._make_request(self, conn, *args, **kwargs)

        return _make_request

    return {"http": type("DeadlineHTTPPool", (HTTPConnectionPool,),
                         {"_make_request": make_request(HTTPConnectionPool)}),
            "https": type("DeadlineHTTPSPool", (HTTPSConnectionPool,),
                          {"_make_request": make_request(HTTPSConnectionPool)})}


# --- retries ----------------------------------------------------------------------------------------------------

def _retry_class() -> type:
    """urllib3's Retry with our sleeps (injectable, Retry-After beyond the cap ends the retries) and POST rule."""
    from urllib3.exceptions import MaxRetryError, ResponseError
    from urllib3.util.retry import Retry

    class _Retry(Retry):
        sleeper: Callable[[float], None] = staticmethod(time.sleep)
        step: float = 1.0
        cap: float = 60.0

        def new(self, **kw: Any) -> _Retry:
            fresh: _Retry = super().new(**kw)
            fresh.sleeper, fresh.step, fresh.cap = self.sleeper, self.step, self.cap
            return fresh

        def _is_method_retryable(self, method: str) -> bool:
            return method.upper() in _IDEMPOTENT

        def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
            if status_code not in RETRY_STATUS:
                return False
            return method.upper() in _IDEMPOTENT or status_code in NOT_PROCESSED

        def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                      error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> _Retry:
            if response is not None and error is None:
                wait = retry_after(response.headers.get("Retry-After", ""))
                if wait is not None and wait > self.cap:
                    raise MaxRetryError(_pool, url or "", ResponseError("Retry-After beyond the cap"))
            return super().increment(method, url, response, error, _pool, _stacktrace)

        def sleep(self, response: Any = None) -> None:
            _CALL.stop_watch()
            wait = retry_after(response.headers.get("Retry-After", "")) if response is not None else None
            if wait is None:
                wait = self.step * 2 ** max(0, len(self.history) - 1)
            self.sleeper(min(wait, self.cap))

    return _Retry


# --- the client -------------------------------------------------------------------------------------------------

@dataclass
class Client:
    """A session for one command run. ``timeout`` is each attempt's total deadline in seconds."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 60.0
    headers: dict[str, str] = field(default_factory=dict)
    mailto: str | None = None
    sleep: Callable[[float], None] = time.sleep
    _session: Any = None

    def __post_init__(self) -> None:
        check_timeout(self.timeout)
        for name, value in self.headers.items():
            check_header_value(value, f"the {name} header")

    @property
    def session(self) -> Any:
        """The requests Session (made on first use: importing requests costs start-up time)."""
        if self._session is None:
            self._session = self._make_session()
        return self._session

    def _make_session(self) -> Any:
        import requests
        from requests.adapters import HTTPAdapter

        retry_cls = _retry_class()
        retry = retry_cls(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                          other=0, redirect=0, raise_on_redirect=False, raise_on_status=False,
                          status_forcelist=RETRY_STATUS, allowed_methods=None, respect_retry_after_header=True)
        retry.sleeper, retry.step, retry.cap = self.sleep, self.backoff, self.max_wait
        pools = _pool_classes()

        class Adapter(HTTPAdapter):
            def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
                super().init_poolmanager(*args, **kwargs)
                self.poolmanager.pool_classes_by_scheme = pools

            def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
                manager = super().proxy_manager_for(proxy, **kwargs)
                manager.pool_classes_by_scheme = pools
                return manager

        session = requests.Session()
        session.headers.update({"User-Agent": user_agent(self.mailto), **self.headers})
        adapter = Adapter(max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def request(self, method: str, url: str, *, headers: Mapping[str, str] | None = None,
                data: bytes | None = None) -> Response:
        """Send one request (with its retries) and read the whole answer; HttpError when there is none."""
        import requests

        _CALL.seconds, _CALL.attempts, _CALL.expired, _CALL.watch = self.timeout, 0, False, None
        try:
            with self.session.request(method, url, headers=dict(headers or {}), data=data,
                                      timeout=(self.timeout, self.timeout), allow_redirects=False,
                                      stream=True) as answer:
                body = self._read(answer)
                status, got = answer.status_code, dict(answer.headers)
                history = getattr(getattr(answer.raw, "retries", None), "history", ())
        except requests.RequestException as err:
            _CALL.stop_watch()
            raise self._failure(err) from None
        finally:
            _CALL.stop_watch()
            _CALL.seconds = None
        wait = retry_after(got.get("Retry-After", ""))
        attempts = max(_CALL.attempts, len(history) + 1)
        return Response(status, got, body, attempts=attempts, retry_after=wait,
                        gave_up_waiting=status in RETRY_STATUS and wait is not None and wait > self.max_wait)

    def get(self, url: str, *, accept: str = "application/json") -> Response:
        return self.request("GET", url, headers={"Accept": accept})

    def _read(self, answer: Any) -> bytes:
        """The body up to the input size limit, within the deadline (the watch cuts a stalled read short)."""
        from .fileio import max_input_bytes

        limit, parts, size = max_input_bytes(), [], 0
        for chunk in answer.iter_content(1 << 16):
            size += len(chunk)
            if size > limit:
                raise HttpError(f"the answer is larger than the limit of {limit} bytes")
            parts.append(chunk)
        watch = _CALL.watch
        if _CALL.expired or (watch is not None and watch.expired):
            raise HttpError(self._late(), timed_out=True, attempts=_CALL.attempts)
        return b"".join(parts)

    def _late(self) -> str:
        tries = f" ({_CALL.attempts} attempt(s))" if _CALL.attempts > 1 else ""
        return f"no answer within {self.timeout:g} s{tries}"

    def _failure(self, err: Exception) -> HttpError:
        import requests

        attempts = max(_CALL.attempts, 1)
        if _CALL.expired or isinstance(err, requests.Timeout) or _caused_by_timeout(err):
            return HttpError(self._late(), timed_out=True, attempts=attempts)
        return HttpError(f"cannot connect ({type(err).__name__})", attempts=attempts)


def _caused_by_timeout(err: BaseException) -> bool:
    """Whether a urllib3 timeout lies under ``err`` (requests wraps a read timeout after retries in a
    ConnectionError around a MaxRetryError)."""
    from urllib3.exceptions import MaxRetryError, NewConnectionError
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    for arg in getattr(err, "args", ()):
        reason = arg.reason if isinstance(arg, MaxRetryError) else arg
        if isinstance(reason, NewConnectionError):  # a refused connection (urllib3 files it under timeouts)
            return False
        if isinstance(reason, Urllib3Timeout | TimeoutError):
            return True
    return False
