"""Loss accounting: the differences a round trip A -> B -> A makes must be exactly what the loss reports name."""

from __future__ import annotations

from resumeconv.core.losses import Loss, covered, differences


def uncovered(before: dict, after: dict, losses: list[Loss]) -> list[str]:
    """Places the round trip changed that no loss (or normalization) names."""
    return [ptr for ptr, _ in differences(before, after) if not covered(ptr, losses)]


def overreported(before: dict, after: dict, losses: list[Loss]) -> list[Loss]:
    """Losses that name a place the round trip kept unchanged (a report must not cry wolf)."""
    diffs = [ptr for ptr, _ in differences(before, after)]
    return [x for x in losses if x.kind == "loss" and x.pointer and not any(
        d == x.pointer or d.startswith(x.pointer + "/") or x.pointer.startswith(d + "/") for d in diffs)]
