"""Run one pure function per item, serially or in a process pool (``-j N``), keeping the input order, streaming.

Items are taken from the iterable only as workers become free (a bounded window of chunks in flight), and results
are yielded as soon as they are next in order: a million inputs from a generator never sit in memory at once, in
the parent or in the pool's queues. ``concurrent.futures``' own ``map`` would submit every item before yielding one.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from functools import partial
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

#: Items per chunk sent to a worker when the number of items is unknown (a generator).
DEFAULT_CHUNK = 16
#: Largest chunk: bigger ones only delay the first results and grow memory per worker.
MAX_CHUNK = 64
#: Chunks in flight per worker: one running, one queued, so a worker never waits for the parent.
WINDOW_PER_WORKER = 2


def map_files(func: Callable[[T], R], items: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """``func`` over ``items`` in order; with ``jobs > 1`` in that many worker processes (``func`` must be
    picklable). At most ``jobs * WINDOW_PER_WORKER`` chunks are pending at any time."""
    if jobs <= 1:
        yield from map(func, items)
        return
    size = len(items) if isinstance(items, Sized) else None
    if size is not None and size < 2:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = jobs if size is None else min(jobs, size)
    chunk = DEFAULT_CHUNK if size is None else max(1, min(MAX_CHUNK, size // (workers * 4)))
    source = iter(items)
    run_chunk = partial(_run_chunk, func)
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            while True:
                while len(pending) < workers * WINDOW_PER_WORKER:
                    part = list(itertools.islice(source, chunk))
                    if not part:
                        break
                    pending.append(pool.submit(run_chunk, part))
                if not pending:
                    return
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _run_chunk(func: Callable[[T], R], part: list[T]) -> list[R]:
    """One worker's share: a top-level function, so it pickles by reference."""
    return [func(item) for item in part]
