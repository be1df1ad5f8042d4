"""What a conversion could not carry: every writer and reader reports it instead of dropping it silently."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal, NamedTuple

Kind = Literal["loss", "normalization"]


class Loss(NamedTuple):
    """One thing the target could not hold (``loss``) or holds in another form (``normalization``).

    ``pointer`` is a JSON pointer (RFC 6901) to the place in the SOURCE document, e.g. ``/publications/3/doi``
    for a writer (the canonical document it was given); a reader names the place in the document it produced.
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

    def __iter__(self) -> Iterator[Loss]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def losses(self) -> list[Loss]:
        return [i for i in self.items if i.kind == "loss"]


def differences(before: Any, after: Any, at: str = "") -> Iterator[tuple[str, bool]]:
    """(pointer, gone) for every leaf where two documents differ; ``gone`` when ``after`` lacks it.

    Pointers name places in ``before`` (the source). Lists of different lengths are aligned first, so that one
    dropped item is reported at its own index, not as a change of every item after it; an item only ``after``
    has is reported at the list itself.
    """
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            if key not in before or key not in after:
                yield at + pointer(key), key not in after
            else:
                yield from differences(before[key], after[key], at + pointer(key))
    elif isinstance(before, list) and isinstance(after, list):
        added = False
        for i, j in _align(before, after):
            if i is None:
                added = True
            elif j is None:
                yield at + pointer(i), True
            else:
                yield from differences(before[i], after[j], at + pointer(i))
        if added:
            yield at, False
    elif before != after or type(before) is not type(after):
        yield at, False


def _align(before: list[Any], after: list[Any]) -> Iterator[tuple[int | None, int | None]]:
    """Index pairs of two lists: position by position when they are as long, else by equal items first."""
    if len(before) == len(after):
        yield from ((i, i) for i in range(len(before)))
        return
    from difflib import SequenceMatcher

    def key(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)

    matcher = SequenceMatcher(None, [key(x) for x in before], [key(x) for x in after], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from ((i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            yield from _pair_block(before, after, range(i1, i2), range(j1, j2))


def _pair_block(before: list[Any], after: list[Any], rows: range,
                cols: range) -> Iterator[tuple[int | None, int | None]]:
    """Pair the changed items of an unequal stretch, in order, most alike first (dynamic programming over the
    stretch; position by position when it is too large to compare every pair)."""
    n, m = len(rows), len(cols)
    if n * m > 250_000 or not n or not m:
        paired = min(n, m)
        yield from ((rows[k], cols[k]) for k in range(paired))
        yield from ((i, None) for i in rows[paired:])
        yield from ((None, j) for j in cols[paired:])
        return
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            best[a][b] = max(best[a + 1][b], best[a][b + 1],
                             best[a + 1][b + 1] + _likeness(before[rows[a]], after[cols[b]]))
    a = b = 0
    while a < n and b < m:
        if best[a][b] == best[a + 1][b + 1] + _likeness(before[rows[a]], after[cols[b]]):
            yield rows[a], cols[b]
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            yield rows[a], None
            a += 1
        else:
            yield None, cols[b]
            b += 1
    yield from ((rows[k], None) for k in range(a, n))
    yield from ((None, cols[k]) for k in range(b, m))


def _likeness(x: Any, y: Any) -> float:
    """How alike two items are, above zero for any pair (so that pairing beats leaving both unpaired)."""
    if isinstance(x, dict) and isinstance(y, dict):
        keys = x.keys() | y.keys()
        same = sum(1 for k in keys if k in x and k in y and x[k] == y[k])
        return 0.1 + same / len(keys) if keys else 1.1
    return 1.1 if x == y else 0.1


def report_differences(before: Any, after: Any, report: LossReport, target: str, at: str = "") -> None:
    """Report every difference a round trip through our own reader makes that no item names yet.

    The registry runs this after a writer whose entry names a read-back format (``FormatSpec.readback``); a
    writer may also call it for a part of the document (``at`` is where ``before`` sits). It is the net under
    the writer's specific reasons, so that a report is never silently short.
    """
    dropped_places: set[str] | None = None
    for ptr, gone in differences(before, after, at):
        if gone:
            # A value that is gone is explained by a loss at it or around it, or by any item at its own place or at
            # the object holding it ("location 'Remote' read back as workplaceType", said at /work/0). A
            # normalization of a list or further up ("/languages" written in another form) does not say that an
            # item of it is missing: that is reported.
            if dropped_places is None:
                dropped_places = {x.pointer for x in report.items if x.kind == "loss"}
            named = {x.pointer for x in report.items}
            holder, _, last = ptr.rpartition("/")
            if ptr in named or (holder in named and not _is_index(last)) or _covered(ptr, dropped_places):
                continue
        elif covered(ptr, report):
            continue
        if gone:
            report.add(ptr, f"{target} does not keep this value")
        else:
            shown = json.dumps(value_at(after, _after_path(before, after, ptr[len(at):])), ensure_ascii=False,
                               default=repr)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            report.add(ptr, f"{target} does not keep it as it is: reads back as {shown}", "normalization")


def _after_path(before: Any, after: Any, ptr: str) -> str:
    """The place in ``after`` that corresponds to ``ptr`` in ``before`` (list indices follow the alignment)."""
    out = ""
    for part in ptr.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(before, list) and isinstance(after, list):
            i = int(key)
            j = next((b for a, b in _align(before, after) if a == i), i) if len(before) != len(after) else i
            if j is None:
                break
            before, after = before[i], after[j]
            out += pointer(j)
        elif isinstance(before, dict) and isinstance(after, dict):
            before, after = before.get(key), after[key]
            out += pointer(key)
        else:
            break
    return out


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
    Any list of items summarizes: a repeated item is counted (``(2 times)``), and only the index positions that
    vary are folded (the ranges are those of the first one).
    """
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for item in items:
        pattern = "/".join("*" if _is_index(p) else p for p in item.pointer.split("/"))
        seen = groups.setdefault((pattern, item.reason), {})
        seen[item.pointer] = seen.get(item.pointer, 0) + 1
    lines = []
    for (pattern, reason), counts in groups.items():
        pointers, total = list(counts), sum(counts.values())
        if len(pointers) == 1:
            lines.append(f"{pointers[0] or '/'}: {reason}" + (f" ({total} times)" if total > 1 else ""))
            continue
        split = [p.split("/") for p in pointers]
        stars = [n for n, part in enumerate(pattern.split("/")) if part == "*"]
        varying = [n for n in stars if len({int(parts[n]) for parts in split}) > 1]
        shown = "/".join("*" if n in varying else part for n, part in enumerate(split[0]))
        if varying:
            indices = sorted({int(parts[varying[0]]) for parts in split})
            lines.append(f"{shown}: {reason} ({total} items: {_ranges(indices)})")
        else:
            lines.append(f"{shown}: {reason} ({total} items)")
    return lines


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()


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


class Coverage:
    """What a writer consumed: it marks the places it used, and every other part of the source is a loss.

    A writer returns its coverage in ``WriteResult(coverage=...)``; the registry then reports the largest unused
    subtrees, each once, with the reason registered for its generic path (``"publications/*/doi"``) or the
    default reason, skipping places the writer already reported.
    """

    def __init__(self, reason: str, reasons: dict[str, str] | None = None) -> None:
        self.reason = reason
        self.reasons: dict[str, str] = dict(reasons or {})
        self.used: set[str] = set()

    def use(self, *parts: str | int) -> None:
        self.used.add(pointer(*parts))

    def take(self, obj: dict[str, Any], key: str, *where: str | int) -> Any:
        """``obj.get(key)``, marking ``where/key`` (and everything under it) as used."""
        if key in obj:
            self.use(*where, key)
        return obj.get(key)

    def report_rest(self, doc: Any, report: LossReport) -> None:
        """Add a loss for each largest part of ``doc`` no one used and no item names yet."""
        inside = {u[:i] for u in self.used for i in range(1, len(u)) if u[i] == "/"}
        for ptr, generic in self._unused(doc, (), (), inside):
            if not report.covers(ptr):
                report.add(ptr, self.reasons.get(generic, self.reason))

    def _unused(self, node: Any, parts: tuple[str | int, ...], generic: tuple[str, ...],
                inside: set[str]) -> Iterator[tuple[str, str]]:
        ptr = pointer(*parts)
        if ptr in self.used:
            return
        partly_used = not parts or ptr in inside
        if not partly_used or not isinstance(node, (dict, list)) or not node:
            if parts:
                yield ptr, "/".join(generic)
            return
        items: Iterable[tuple[str | int, Any]] = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from self._unused(value, (*parts, key), (*generic, "*" if isinstance(key, int) else key), inside)


def account(doc: Any, losses: list[Loss], *, target: str, coverage: Coverage | None = None,
            read_back: Any = None) -> list[Loss]:
    """The loss engine the registry runs after every writer: the writer's own items, then what its coverage left
    unused, then what the read-back (``read_back``, the output read again, when there is one) shows changed and
    nothing names yet. Pointers name places in ``doc``, the source."""
    report = LossReport(losses)
    if coverage is not None:
        coverage.report_rest(doc, report)
    if read_back is not None:
        report_differences(doc, read_back, report, target)
    return report.items
