"""Merge incoming publications (e.g. pulled from ORCID) into a CV without ever deleting what the CV had.

Two records are the same work when their DOI keys, arXiv keys or title keys (``ids``) match. A match only
fills fields the CV lacks (the richer record is kept, field by field); a new work is appended. Merging the
same input twice changes nothing the second time.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .core import ids


@dataclass
class MergeSummary:
    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.added)} added, {len(self.merged)} merged, {len(self.kept)} kept unchanged"


def keys(pub: dict[str, Any]) -> set[str]:
    """The comparison keys of a publication: ``doi:``, ``arxiv:`` and ``title:`` forms."""
    out = set()
    if pub.get("doi"):
        out.add("doi:" + ids.doi_key(pub["doi"]))
    if pub.get("arxiv"):
        out.add("arxiv:" + ids.arxiv_key(pub["arxiv"]))
    if pub.get("name") and ids.title_key(pub["name"]):
        out.add("title:" + ids.title_key(pub["name"]))
    return out


def merge_publications(doc: dict[str, Any], incoming: list[dict[str, Any]]) -> tuple[dict[str, Any], MergeSummary]:
    """A copy of ``doc`` with ``incoming`` merged into its publications, and what happened to each."""
    result = copy.deepcopy(doc)
    pubs: list[dict[str, Any]] = result.setdefault("publications", [])
    summary = MergeSummary()
    for new in incoming:
        label = new.get("name") or "(untitled)"
        found = _find(pubs, keys(new))
        if found is None:
            pubs.append(copy.deepcopy(new))
            summary.added.append(label)
        elif _fill(found, new):
            summary.merged.append(label)
        else:
            summary.kept.append(label)
    return result, summary


def _find(pubs: list[dict[str, Any]], wanted: set[str]) -> dict[str, Any] | None:
    for pub in pubs:
        if keys(pub) & wanted:
            return pub
    return None


def _fill(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Copy into ``old`` what only ``new`` has (recursing into objects); never overwrite or remove."""
    changed = False
    for key, value in new.items():
        if key not in old or old[key] in (None, "", [], {}):
            old[key] = copy.deepcopy(value)
            changed = True
        elif isinstance(old[key], dict) and isinstance(value, dict):
            changed = _fill(old[key], value) or changed
        elif key == "authors" and isinstance(value, list):
            changed = _fill_authors(old[key], value) or changed
    return changed


def _fill_authors(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    """Same author list (same length): add what ORCID knows per author, e.g. an iD; names stay as the CV has them."""
    if len(old) != len(new):
        return False
    changed = False
    for mine, theirs in zip(old, new, strict=True):
        for key in ("orcid",):
            if theirs.get(key) and not mine.get(key):
                mine[key] = theirs[key]
                changed = True
    return changed
