"""What ``enrich`` found and did, per publication: as text for a person and as JSON for a file (``--report``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .match import Score
from .sources import Candidate


@dataclass
class Decision:
    """One record a source offered for a publication, its score, and what became of it."""

    candidate: Candidate
    score: Score
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**self.candidate.as_dict(), **self.score.as_dict(), "written": self.written, "notes": self.notes}


@dataclass
class PubReport:
    index: int
    pointer: str
    title: str
    added: dict[str, dict[str, Any]] = field(default_factory=dict)
    candidates: list[Decision] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def outcome(self) -> str:
        if self.skipped:
            return "skipped"
        if self.added:
            return "added"
        return "nothing added"

    def as_dict(self) -> dict[str, Any]:
        return {"pointer": self.pointer, "title": self.title, "outcome": self.outcome, "skipped": self.skipped or None,
                "added": self.added, "notes": self.notes, "errors": self.errors,
                "candidates": [d.as_dict() for d in self.candidates]}


@dataclass
class Report:
    threshold: float
    sources: list[str]
    publications: list[PubReport] = field(default_factory=list)
    #: Requests really sent per source (cached answers are not counted).
    requests: dict[str, int] = field(default_factory=dict)
    #: Answers parsed (from the network or the cache) and failed questions.
    answered: int = 0
    errors: int = 0
    #: What the run should say once (a cache not private to the user, ...).
    warnings: list[str] = field(default_factory=list)

    def added(self, field_name: str) -> int:
        return sum(1 for p in self.publications if field_name in p.added)

    def summary(self) -> str:
        with_ids = sum(1 for p in self.publications if p.added)
        sent = sum(self.requests.values())
        return (f"{len(self.publications)} publication(s): ids added to {with_ids} ({self.added('doi')} DOI, "
                f"{self.added('arxiv')} arXiv), {len(self.publications) - with_ids} left as they were; "
                f"{self.answered} answer(s) read, {sent} request(s) sent, {self.errors} failed")

    def as_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "sources": self.sources, "summary": self.summary(),
                "requests": self.requests, "publications": [p.as_dict() for p in self.publications]}

    def lines(self, *, verbose: bool = False) -> list[str]:
        """The text report: every publication with what was added, what was left alone and why."""
        out = []
        for pub in self.publications:
            head = f"{pub.pointer} {_short(pub.title, 70)}"
            if pub.skipped:
                out.append(f"{head}: skipped, {pub.skipped}")
                continue
            if not pub.candidates and not pub.errors and not pub.notes:
                out.append(f"{head}: nothing found")
                continue
            out.append(head)
            for name, added in pub.added.items():
                agreeing = f"; agreed by {', '.join(added['agreeing'])}" if added["agreeing"] else ""
                out.append(f"  + {name} {added['value']} from {added['source']} (score {added['score']:.2f}{agreeing})")
            for note in pub.notes:
                out.append(f"  ! {note}")
            for decision in pub.candidates:
                cand = decision.candidate
                mark = "*" if decision.written else "-"
                head = (f"    {mark} {cand.source} {decision.score.value:.2f} {cand.ids_text()}: "
                        f"'{_short(cand.title, 60)}' ({cand.year or '?'})")
                if not verbose and decision.score.reasons[0].startswith("title differs"):
                    out.append(f"{head}: {decision.score.reasons[0]}")
                    continue
                out.append(head)
                out.append(f"        {'; '.join(decision.score.reasons)}")
                out.extend(f"        {note}" for note in decision.notes)
            out.extend(f"  error: {err}" for err in pub.errors)
        return out


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
