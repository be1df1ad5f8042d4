"""Does a source's record describe this CV publication? A score in [0, 1] and the reasons for it.

The title carries most of the weight but cannot carry a match alone: the same title by other authors (a common
title, a namesake paper) must fall below the threshold, and so must a near-duplicate title by the same authors
(a sibling paper). So the title must be nearly identical after normalisation (a gate), and the authors' surnames,
compared in order, the year and the venue add the rest.

Weights: title 0.5, authors 0.3, year 0.15, venue 0.05. With an exact title and matching year, an author list
that shares no surname reaches 0.65, below the default threshold of 0.8; the same list with the surnames in
order reaches 0.95 or more. A match must score at least the threshold.

The year guards against a work's other versions: one or two years off costs 0.05 (a journal extension a year after
the conference paper, same title and authors, stays below the threshold unless the venue agrees too); three or more
years off blocks the record (another edition of a chapter, the same title reused) unless an id the CV already has
(DOI or arXiv) names the record. A dropped subtitle ("Title: Subtitle" against "Title") passes the title gate at
its floor when the main title has at least three words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..core import ids, names
from .sources import Candidate

THRESHOLD = 0.8
#: Below this title similarity a record is another work, whatever else agrees.
TITLE_GATE = 0.9
#: From this many years apart a record is another edition or another work, unless an id links it to the CV's.
YEAR_GAP = 3
#: The most a record blocked by the year gap can score (well below any sensible threshold).
BLOCKED = 0.5
#: Rounding slack: a score that prints as the threshold is at the threshold.
EPSILON = 1e-9
_SUBTITLE = re.compile(r"\s*[:\u2014\u2013]\s+|\s+-{1,2}\s+|(?<=[?!.])\s+")
_STOP_WORDS = frozenset({"a", "an", "the", "of", "on", "for", "and", "in", "to", "with", "via", "by"})
_VENUE_NOISE = frozenset({
    "the", "of", "on", "and", "in", "for", "annual", "conference", "international", "proceedings", "ieee", "acm",
    "cvf", "journal", "transactions", "workshop", "symposium", "meeting", "association", "first", "second", "third",
})


@dataclass
class Score:
    value: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"score": round(self.value, 3), "reasons": self.reasons}


def surname(name: str) -> str:
    """The comparable surname of a printed name: 'Y. Zhang', 'Zhang, Yihua', 'Y, Chen' (a typo'd initial) all
    give 'zhang'/'chen'; accents and case are folded, a DBLP homonym number is dropped."""
    words = [w for w in name.split() if not w.isdigit()]
    person = names.parse(" ".join(words))
    return re.sub(r"[^a-z]", "", names.sort_key(person))


def title_similarity(a: str, b: str) -> float:
    """1.0 for the same title after normalisation; 0.9-0.98 when the titles differ only by spelling (a hyphen,
    a plural, a typo, a stop word); at most 0.85 as soon as one real word differs ('... articles' vs '... books'
    is a sibling paper, however similar the characters)."""
    ka, kb = ids.title_key(a), ids.title_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if ka.replace(" ", "") == kb.replace(" ", ""):
        return 0.98
    wa, wb = ka.split(), kb.split()
    soft = hard = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left, right = wa[i1:i2], wb[j1:j2]
        if op == "replace" and len(left) == len(right):
            for x, y in zip(left, right, strict=True):
                near = min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= 0.8
                soft, hard = (soft + 1, hard) if near else (soft, hard + 1)
            continue
        for word in left + right:
            soft, hard = (soft + 1, hard) if word in _STOP_WORDS else (soft, hard + 1)
    ratio = SequenceMatcher(None, ka, kb, autojunk=False).ratio()
    if hard:
        return round(min(ratio, 0.85), 3)
    return round(max(TITLE_GATE, 0.96 - 0.01 * soft), 3)


def subtitle_dropped(a: str, b: str) -> bool:
    """Whether one title is the other without its subtitle ('Title: Subtitle' vs 'Title'), the main title having at
    least three words (a one-word main title such as 'SalUn' says too little on its own)."""
    ka, kb = ids.title_key(a), ids.title_key(b)
    for full, short in ((a, kb), (b, ka)):
        main = _SUBTITLE.split(full.strip(), maxsplit=1)[0]
        key = ids.title_key(main)
        if key and key == short and key != ids.title_key(full) and len(key.split()) >= 3:
            return True
    return False


def passes(value: float, threshold: float) -> bool:
    """A score at or above the threshold is accepted (0.8 against 0.8 is a match)."""
    return value >= threshold - EPSILON


def author_agreement(ours: list[str], theirs: list[str]) -> tuple[float, str]:
    """Share of surnames that agree in order (longest common subsequence over the longer list), and a reason."""
    a = [s for s in (surname(n) for n in ours) if s]
    b = [s for s in (surname(n) for n in theirs) if s]
    if not a or not b:
        return 0.0, "no authors to compare"
    common = _lcs(a, b)
    share = common / max(len(a), len(b))
    first = "first author agrees" if a[0] == b[0] else "first author differs"
    return share, f"{common} of {max(len(a), len(b))} author surnames agree in order ({first})"


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(prev[j] + 1 if x == y else max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]


def venue_agrees(pub: dict[str, Any], venue: str) -> bool:
    """Whether the record's venue shares a distinctive word or the acronym with the CV's venue."""
    given = pub.get("venue")
    ours: dict[str, Any] = given if isinstance(given, dict) else {}
    names = [str(ours.get("name") or ""), str(ours.get("short") or ""), str(pub.get("publisher") or "")]
    theirs = _venue_words(venue)
    if not theirs:
        return False
    for name in names:
        words = _venue_words(name)
        short = re.sub(r"['’]?\d+$", "", name.split()[0]).lower() if name.split() else ""
        if words & theirs and len(words & theirs) >= min(2, len(theirs)):
            return True
        if short and (short in theirs or short == _acronym(venue)):
            return True
    return False


def _venue_words(text: str) -> set[str]:
    return {w for w in ids.title_key(text).split() if w not in _VENUE_NOISE and not w.isdigit() and len(w) > 2}


def _acronym(text: str) -> str:
    return "".join(w[0] for w in ids.title_key(text).split() if w not in _VENUE_NOISE)


def year_of(pub: dict[str, Any]) -> int | None:
    date = pub.get("releaseDate")
    return int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None


def score(pub: dict[str, Any], cand: Candidate) -> Score:
    """How well ``cand`` describes ``pub``, with one reason per part of the score."""
    reasons = []
    name = str(pub.get("name") or "")
    sim = title_similarity(name, cand.title)
    if sim < TITLE_GATE and subtitle_dropped(name, cand.title):
        sim = TITLE_GATE
        reasons.append(f"title agrees but for a subtitle one of them leaves out ({sim:.2f})")
    elif sim < TITLE_GATE:
        return Score(round(0.5 * sim, 3), [f"title differs (similarity {sim:.2f} < {TITLE_GATE})"])
    else:
        reasons.append("title identical" if sim == 1.0 else f"title nearly identical ({sim:.2f})")
    total = 0.5 * sim
    names = [str(a.get("name", "")) for a in pub.get("authors") or [] if isinstance(a, dict)]
    share, why = author_agreement(names, cand.authors)
    total += 0.3 * share
    reasons.append(why)
    ours, theirs = year_of(pub), cand.year
    if ours is None or theirs is None:
        reasons.append("no year to compare")
    elif ours == theirs:
        total += 0.15
        reasons.append(f"year {theirs} agrees")
    elif cand.preprint and 0 < ours - theirs <= 2:
        total += 0.1
        reasons.append(f"preprint of {theirs}, {ours - theirs} year(s) before the CV's {ours}")
    elif abs(ours - theirs) < YEAR_GAP:
        # A journal extension often keeps the conference paper's title and authors a year later.
        total -= 0.05
        reasons.append(f"year {theirs} is {abs(ours - theirs)} off the CV's {ours} (-0.05)")
    if cand.venue and venue_agrees(pub, cand.venue):
        total += 0.05
        reasons.append(f"venue '{cand.venue}' agrees")
    value = round(min(total, 1.0), 3)
    if ours is not None and theirs is not None and abs(ours - theirs) >= YEAR_GAP and not _preprint_gap(cand, ours):
        link = linked_by_id(pub, cand)
        if link:
            reasons.append(f"year {theirs} is {abs(ours - theirs)} years from the CV's {ours}, but {link}")
        else:
            value = min(value, BLOCKED)
            reasons.append(f"year {theirs} is {abs(ours - theirs)} years from the CV's {ours}: another edition or "
                           f"another work, and no id links them (score held at {BLOCKED})")
    return Score(value, reasons)


def _preprint_gap(cand: Candidate, ours: int) -> bool:
    return cand.preprint and cand.year is not None and 0 < ours - cand.year <= 2


def linked_by_id(pub: dict[str, Any], cand: Candidate) -> str:
    """Which id the CV already has that names this record too ('' when none does)."""
    doi, arxiv = pub.get("doi"), pub.get("arxiv")
    if isinstance(doi, str) and doi and cand.doi and ids.doi_key(doi) == ids.doi_key(cand.doi):
        return f"the CV's DOI {doi} names it"
    if isinstance(arxiv, str) and arxiv and cand.arxiv and ids.arxiv_key(arxiv) == ids.arxiv_key(cand.arxiv):
        return f"the CV's arXiv id {arxiv} names it"
    return ""
