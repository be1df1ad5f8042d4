"""What a conversion could not carry: every writer and reader reports it instead of dropping it silently."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

Kind = Literal["loss", "normalization"]


class Loss(NamedTuple):
    """One thing the target could not hold (``loss``) or holds in another form (``normalization``).

    ``pointer`` is a JSON pointer into the canonical document (RFC 6901), e.g. ``/publications/3/doi``.
    """

    pointer: str
    reason: str
    kind: Kind = "loss"

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.reason}" + (" (normalized)" if self.kind == "normalization" else "")

    def as_dict(self) -> dict[str, str]:
        return {"pointer": self.pointer, "reason": self.reason, "kind": self.kind}


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer from path parts, escaping ``~`` and ``/`` as RFC 6901 says."""
    out = ""
    for part in parts:
        text = str(part)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        out += "/" + text
    return out


class LossReport:
    """Collects losses while a reader or writer works; formats call :meth:`add`."""

    def __init__(self, items: list[Loss] | None = None) -> None:
        self.items: list[Loss] = list(items or ())
        self._places: set[str] = {x.pointer for x in self.items}

    def __repr__(self) -> str:
        return f"LossReport({self.items!r})"

    def add(self, ptr: str, reason: str, kind: Kind = "loss") -> None:
        self.items.append(Loss(ptr, reason, kind))
        self._places.add(ptr)

    def covers(self, ptr: str) -> bool:
        """Whether an item names ``ptr`` or a place enclosing it (a set lookup per ancestor, not a scan)."""
        if len(self._places) < len(self.items):
            self._places.update(x.pointer for x in self.items)
        return _covered(ptr, self._places)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def losses(self) -> list[Loss]:
        return [i for i in self.items if i.kind == "loss"]


def differences(before: Any, after: Any, at: str = "") -> Iterator[tuple[str, bool]]:
    """(pointer, gone) for every leaf where two documents differ; ``gone`` when ``after`` lacks it."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            if key not in before or key not in after:
                yield at + pointer(key), key not in after
            else:
                yield from differences(before[key], after[key], at + pointer(key))
    elif isinstance(before, list) and isinstance(after, list):
        for i in range(max(len(before), len(after))):
            if i >= len(before) or i >= len(after):
                yield at + pointer(i), i >= len(after)
            else:
                yield from differences(before[i], after[i], at + pointer(i))
    elif before != after or type(before) is not type(after):
        yield at, False


def report_differences(before: Any, after: Any, report: LossReport, target: str, at: str = "") -> None:
    """Report every difference a round trip through our own reader makes that no item names yet.

    Writers that read their output back (self-check) call this after their specific reasons: it is the net under
    them, so that a report is never silently short. ``at`` is where ``before`` sits in the document.
    """
    for ptr, gone in differences(before, after, at):
        if covered(ptr, report):
            continue
        if gone:
            report.add(ptr, f"{target} does not keep this value")
        else:
            shown = json.dumps(value_at(after, ptr[len(at):]), ensure_ascii=False)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            report.add(ptr, f"{target} does not keep it as it is: reads back as {shown}", "normalization")


def value_at(doc: Any, ptr: str) -> Any:
    """The value at a JSON pointer (RFC 6901) that ``differences`` gave, so it exists."""
    for part in ptr.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    return doc


def covered(ptr: str, losses: LossReport | list[Loss]) -> bool:
    """Whether a loss already names this place or one enclosing it."""
    if isinstance(losses, LossReport):
        return losses.covers(ptr)
    return _covered(ptr, {x.pointer for x in losses})


def _covered(ptr: str, places: set[str]) -> bool:
    if ptr in places or "" in places:
        return True
    cut = ptr.rfind("/")
    while cut > 0:
        if ptr[:cut] in places:
            return True
        cut = ptr.rfind("/", 0, cut)
    return False


def summarize(items: list[Loss]) -> list[str]:
    """One line per reason and place, folding places that differ only in array indices.

    ``/publications/0/group`` ... ``/publications/33/group`` with one reason become
    ``/publications/*/group: <reason> (34 items: 0-33)``; the full list stays available as the items themselves.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for item in items:
        parts = item.pointer.split("/")
        pattern = "/".join("*" if p.isdigit() else p for p in parts)
        groups.setdefault((pattern, item.reason), []).append(item.pointer)
    lines = []
    for (pattern, reason), pointers in groups.items():
        if len(pointers) == 1:
            lines.append(f"{pointers[0] or '/'}: {reason}")
            continue
        star = pattern.split("/").index("*")
        indices = sorted({int(p.split("/")[star]) for p in pointers})
        lines.append(f"{pattern}: {reason} ({len(pointers)} items: {_ranges(indices)})")
    return lines


def _ranges(numbers: list[int]) -> str:
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)
