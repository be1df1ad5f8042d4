"""Run one pure function per file, serially or in a process pool (``-j N``), keeping the input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_files(func: Callable[[T], R], items: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """``func`` over ``items``; with ``jobs > 1`` in that many worker processes (``func`` must be picklable)."""
    items = list(items)
    if jobs <= 1 or len(items) < 2:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(items))
    chunk = max(1, min(64, len(items) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(func, items, chunksize=chunk)
