"""What a conversion could not carry: every writer and reader reports it instead of dropping it silently."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["loss", "normalization"]


@dataclass(frozen=True)
class Loss:
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
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class LossReport:
    """Collects losses while a reader or writer works; formats call :meth:`add`."""

    items: list[Loss] = field(default_factory=list)

    def add(self, ptr: str, reason: str, kind: Kind = "loss") -> None:
        self.items.append(Loss(ptr, reason, kind))

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def losses(self) -> list[Loss]:
        return [i for i in self.items if i.kind == "loss"]
