"""The one on-disk cache of HTTP answers (enrich today, sync next): private, checked, validated, expiring.

One JSON file per URL under ``$XDG_CACHE_HOME/resumeconv/<name>`` (``~/.cache/...`` when unset). An answer that
comes from the cache is written into a CV as if a server had said it, so nothing in the cache is trusted blindly:

- the directory is made ``0700`` and every entry ``0600``;
- a directory or entry that another user owns, or that the group or others may write, is ignored (one warning
  per run): someone else could have put a fake DOI there;
- an entry must have exactly the shape we write (``url``, ``fetched``, ``body``), name the URL asked for, and be
  younger than the TTL (:data:`TTL_DAYS` days by default); anything else is removed and asked again. The caller
  removes an entry whose body it cannot parse (:meth:`Cache.evict`).

The key is the SHA-256 of the URL without the parameters that say who asks (``mailto``, ``api_key``), which are
never written to disk either.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: How long an answer is used before it is asked again (``--cache-days``).
TTL_DAYS = 30.0
#: Query parameters that identify the caller, not the question: left out of the key and of the file.
PRIVATE_PARAMS = frozenset({"mailto", "api_key"})
_ENTRY_KEYS = frozenset({"url", "fetched", "body"})
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


def default_dir(name: str) -> str:
    """``$XDG_CACHE_HOME/resumeconv/<name>`` (``~/.cache/resumeconv/<name>`` when the variable is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "resumeconv", name)


def public_url(url: str) -> str:
    """``url`` without the parameters that say who asks (they are neither part of the key nor stored)."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in PRIVATE_PARAMS])
    return urlunsplit(parts._replace(query=query))


class Cache:
    """Answers on disk; ``directory=None`` is no cache at all. ``warnings`` collects what the run should say."""

    def __init__(self, directory: str | None, *, ttl_days: float = TTL_DAYS, clock: float | None = None) -> None:
        self.directory = directory
        self.ttl = ttl_days * 86400.0
        self.warnings: list[str] = []
        self._now = clock
        self._usable: bool | None = None

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(public_url(url).encode("utf-8")).hexdigest()

    def _path(self, url: str) -> str:
        assert self.directory is not None
        return os.path.join(self.directory, self.key(url) + ".json")

    def get(self, url: str) -> str | None:
        """The cached body for ``url``, or None (absent, expired, foreign, wrong-shaped: the last three removed
        when they are ours, else ignored with a warning)."""
        if not self._ready(create=False):
            return None
        path = self._path(url)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not _private(info):
                self._warn(f"cache entry {path} is not private to you (owner or permissions); ignoring it")
                return None
            data = fh.read(64 << 20)
        entry = _entry(data)
        now = self._now if self._now is not None else time.time()
        if entry is None or entry[0] != public_url(url) or not now - self.ttl <= entry[1] <= now + 300:
            self._remove(path)
            return None
        return entry[2]

    def put(self, url: str, text: str) -> None:
        """Store an answer (best effort: a cache that cannot be written is no reason to fail the run)."""
        if not self._ready(create=True):
            return
        from .fileio import write_atomic

        entry = {"url": public_url(url), "fetched": time.strftime(_STAMP, time.gmtime()), "body": text}
        path = self._path(url)
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(entry, ensure_ascii=False))
            os.chmod(path, 0o600)

    def evict(self, url: str) -> None:
        """Remove the entry for ``url`` (its body turned out not to be the answer it claims to be)."""
        if self._ready(create=False):
            self._remove(self._path(url))

    def clear(self) -> int:
        """Remove every entry of this cache (``--clear-cache``); how many were removed."""
        if not self.directory or not self._ready(create=False):
            return 0
        removed = 0
        for name in os.listdir(self.directory):
            if name.endswith(".json") and len(name) == 69:
                removed += self._remove(os.path.join(self.directory, name))
        return removed

    def _ready(self, *, create: bool) -> bool:
        """Whether the directory exists (made 0700 when ``create``) and is private to us; warns once if not."""
        if not self.directory:
            return False
        if self._usable:
            return True
        if create:
            with contextlib.suppress(OSError):
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
        try:
            info = os.lstat(self.directory)
        except OSError:
            return False
        if not stat.S_ISDIR(info.st_mode) or not _private(info):
            self._usable = False
            self._warn(f"the cache directory {self.directory} is not private to you (owner or permissions); "
                       "not using it (fix it or pass --cache-dir)")
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            with contextlib.suppress(OSError):
                os.chmod(self.directory, 0o700)
        self._usable = True
        return True

    def _remove(self, path: str) -> int:
        try:
            if _private(os.lstat(path)):
                os.unlink(path)
                return 1
        except OSError:
            pass
        return 0

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _private(info: os.stat_result) -> bool:
    """Owned by us and writable by nobody else (a regular file or directory, never a link)."""
    if stat.S_ISLNK(info.st_mode):
        return False
    owner = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return owner and not stat.S_IMODE(info.st_mode) & 0o022


def _entry(data: bytes) -> tuple[str, float, str] | None:
    """``(url, time, body)`` when it has exactly the shape :meth:`Cache.put` writes; else None."""
    import calendar

    try:
        entry = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        return None
    url, fetched, body = entry["url"], entry["fetched"], entry["body"]
    if not (isinstance(url, str) and isinstance(fetched, str) and isinstance(body, str)):
        return None
    try:
        stamp = calendar.timegm(time.strptime(fetched, _STAMP))
    except ValueError:
        return None
    return url, float(stamp), body
