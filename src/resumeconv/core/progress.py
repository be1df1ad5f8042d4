"""A progress line on stderr for long work (many files, many works), shown only to a person at a terminal.

Logs, CI jobs and pipes get nothing: a progress line there is noise that no one sees change. The line is redrawn in
place with a carriage return, at most a few times a second, and erased when the work ends so that what follows
(reports, summaries) starts on a clean line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

#: Fewer steps than this finish too soon for a progress line to help.
MIN_STEPS = 10
#: Seconds between redraws.
INTERVAL = 0.2


def wanted(stream: TextIO | None = None) -> bool:
    """Whether progress goes to ``stream`` (stderr): only when it is a terminal."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def track(items: Iterable[T], total: int | None, label: str, stream: TextIO | None = None,
          force: bool | None = None) -> Iterator[T]:
    """Yield ``items`` unchanged, drawing ``label: done/total`` on ``stream`` while they come (``label: done``
    when the total is unknown: a stream of inputs).

    ``force`` overrides the terminal check (tests); nothing is drawn for fewer than MIN_STEPS items.
    """
    out = stream if stream is not None else sys.stderr
    show = (wanted(out) if force is None else force) and (total is None or total >= MIN_STEPS)
    if not show:
        yield from items
        return
    last = 0.0
    done = 0
    width = 0
    try:
        for item in items:
            done += 1
            now = time.monotonic()
            if now - last >= INTERVAL or done == total:
                text = f"{label}: {done}/{total}" if total is not None else f"{label}: {done}"
                out.write("\r" + text.ljust(width))
                out.flush()
                width, last = len(text), now
            yield item
    finally:
        if width:
            out.write("\r" + " " * width + "\r")
            out.flush()
