"""Loss accounting: the differences a round trip A -> B -> A makes must be exactly what the loss reports name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resumeconv.losses import Loss, pointer


def differences(before: Any, after: Any, at: str = "") -> Iterator[str]:
    """JSON pointers of every leaf that differs, is missing or was added."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            if key not in before or key not in after:
                yield at + pointer(key)
            else:
                yield from differences(before[key], after[key], at + pointer(key))
    elif isinstance(before, list) and isinstance(after, list):
        for i in range(max(len(before), len(after))):
            if i >= len(before) or i >= len(after):
                yield at + pointer(i)
            else:
                yield from differences(before[i], after[i], at + pointer(i))
    elif before != after or type(before) is not type(after):
        yield at


def covered(diff: str, losses: list[Loss]) -> bool:
    """A difference is covered by a loss at the same place or at an enclosing one."""
    return any(diff == x.pointer or diff.startswith(x.pointer + "/") or x.pointer == "" for x in losses)


def uncovered(before: dict, after: dict, losses: list[Loss]) -> list[str]:
    return [d for d in differences(before, after) if not covered(d, losses)]


def overreported(before: dict, after: dict, losses: list[Loss]) -> list[Loss]:
    """Losses that name a place the round trip kept unchanged (a report must not cry wolf)."""
    diffs = list(differences(before, after))
    return [x for x in losses if x.kind == "loss" and x.pointer and not any(
        d == x.pointer or d.startswith(x.pointer + "/") or x.pointer.startswith(d + "/") for d in diffs)]
