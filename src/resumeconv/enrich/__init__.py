"""``enrich``: find the DOIs and arXiv ids a CV's publications lack, in OpenAlex, Crossref, arXiv and DBLP.

For each publication without ids, each source is asked for records with its title; every record gets a score
and the reasons for it (:mod:`.match`). An id is written only when a record scores at least the threshold, no
other record above it names a different id for the same field, and the field is empty: nothing in the CV is
ever overwritten. A published paper gets the DOI of its published version and the arXiv id of its preprint;
a preprint entry never gets the published version's DOI, and a published entry never gets a preprint's DOI.

Nothing here prints: :func:`enrich` returns the new document and a :class:`~.report.Report`.
``requests`` is imported only when a request is really sent (see :mod:`.http`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core import ids
from ..core.httpcache import TTL_DAYS, Cache, default_dir
from ..core.losses import pointer
from .http import Answer, Fetcher, FetchError
from .match import THRESHOLD, Score, passes, score
from .report import Decision, PubReport, Report
from .sources import SOURCES, Candidate, MalformedAnswer, accept, base_url, parse, query_url

__all__ = ["THRESHOLD", "Candidate", "EnrichOptions", "Fetcher", "Report", "default_cache_dir", "enrich",
           "make_fetcher"]

NO_OPENALEX_KEY = ("no OpenAlex API key (--openalex-key or OPENALEX_API_KEY): OpenAlex gives keyless callers a tiny "
                   "daily budget, then answers HTTP 429 and is skipped; a free key is at openalex.org/settings/api")
#: Statuses of work that has no DOI of its own yet (only an arXiv id may be added).
_UNPUBLISHED = frozenset({"submitted", "under-review", "in-preparation"})
#: A source that failed this many times in a row is not asked again in this run.
_MAX_FAILURES = 3
#: In --interactive mode, records from this score up are offered to the user (at or above the threshold: default yes).
ASK_FLOOR = 0.6

#: ``ask(pub_index, field, value, candidate, score, default) -> bool``: the interactive confirmation hook.
Ask = Callable[[int, str, str, Candidate, Score, bool], bool]


@dataclass
class EnrichOptions:
    sources: Sequence[str] = tuple(SOURCES)
    threshold: float = THRESHOLD
    mailto: str | None = None
    base_urls: dict[str, str] = field(default_factory=dict)
    #: OpenAlex's API key (sent as ``api_key``; never cached, never printed).
    openalex_key: str | None = None


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/resumeconv/enrich``: enrich's part of the one HTTP cache."""
    return default_dir("enrich")


def make_fetcher(*, mailto: str | None = None, cache_dir: str | None = None, use_cache: bool = True,
                 timeout: float = 20.0, retries: int = 2, max_wait: float = 60.0,
                 delay: float | None = None, cache_days: float = TTL_DAYS) -> Fetcher:
    """A :class:`Fetcher` with the sources' polite intervals (``delay`` overrides them all) and the cache
    (answers older than ``cache_days`` are asked again)."""
    intervals = {name: (delay if delay is not None else spec[2]) for name, spec in SOURCES.items()}
    cache = Cache((cache_dir or default_cache_dir()) if use_cache else None, ttl_days=cache_days)
    return Fetcher(mailto=mailto, timeout=timeout, retries=retries, max_wait=max_wait, cache=cache,
                   intervals=intervals)


def enrich(doc: dict[str, Any], options: EnrichOptions, fetcher: Fetcher, ask: Ask | None = None
           ) -> tuple[dict[str, Any], Report]:
    """A copy of ``doc`` with the ids found added, and the report of what was found and left alone."""
    result = copy.deepcopy(doc)
    report = Report(threshold=options.threshold, sources=list(options.sources))
    if "openalex" in options.sources and not options.openalex_key:
        report.warnings.append(NO_OPENALEX_KEY)
    failures: dict[str, int] = {}
    pubs = result.get("publications")
    for index, pub in enumerate(pubs if isinstance(pubs, list) else []):
        if not isinstance(pub, dict):
            continue
        entry = PubReport(index, pointer("publications", index), str(pub.get("name") or ""))
        report.publications.append(entry)
        wanted = _wanted(pub, entry)
        if not wanted:
            continue
        scored = _ask_sources(pub, options, fetcher, entry, failures, report)
        _decide(pub, wanted, scored, options.threshold, entry, ask)
    report.requests = dict(fetcher.sent)
    report.warnings += fetcher.cache.warnings
    return result, report


def _wanted(pub: dict[str, Any], entry: PubReport) -> list[str]:
    """Which ids to look for; the reason is noted when there is nothing to look for."""
    if not str(pub.get("name") or "").strip():
        entry.skipped = "no title to search for"
        return []
    wanted = [f for f in ("doi", "arxiv") if not pub.get(f)]
    if "doi" in wanted and pub.get("status") in _UNPUBLISHED:
        wanted.remove("doi")
        entry.notes.append(f"no DOI sought: the work is '{pub['status']}'")
    if not wanted:
        entry.skipped = entry.skipped or "already has its ids"
    return wanted


def _ask_sources(pub: dict[str, Any], options: EnrichOptions, fetcher: Fetcher, entry: PubReport,
                 failures: dict[str, int], report: Report) -> list[tuple[Candidate, Score]]:
    scored: list[tuple[Candidate, Score]] = []
    for source in options.sources:
        if failures.get(source, 0) >= _MAX_FAILURES:
            entry.errors.append(f"{source}: not asked (it failed {_MAX_FAILURES} times in a row)")
            continue
        url = query_url(source, base_url(source, options.base_urls), str(pub["name"]), options.mailto,
                        options.openalex_key if source == "openalex" else None)
        try:
            answer, candidates = _fetch_and_parse(fetcher, source, url)
        except (FetchError, MalformedAnswer) as err:
            failures[source] = failures.get(source, 0) + 1
            entry.errors.append(str(err))
            report.errors += 1
            continue
        failures[source] = 0
        fetcher.remember(answer)
        report.answered += 1
        scored += [(cand, score(pub, cand)) for cand in candidates]
    scored.sort(key=lambda pair: -pair[1].value)
    return scored


def _fetch_and_parse(fetcher: Fetcher, source: str, url: str) -> tuple[Answer, list[Candidate]]:
    """The answer and its records; a cached answer that does not parse is evicted and asked for again."""
    answer = fetcher.get(source, url, accept(source))
    try:
        return answer, parse(source, answer.text)
    except MalformedAnswer:
        if not answer.cached:
            raise
    fetcher.forget(answer)
    answer = fetcher.get(source, url, accept(source))
    return answer, parse(source, answer.text)


def _value(cand: Candidate, field_name: str, pub: dict[str, Any]) -> tuple[str | None, str]:
    """The id ``cand`` offers for ``field_name`` on this publication, or None and why not."""
    if field_name == "arxiv":
        return cand.arxiv, "" if cand.arxiv else "no arXiv id"
    if not cand.doi:
        return None, "no DOI"
    is_preprint = pub.get("type") == "preprint" or pub.get("status") == "preprint"
    if cand.doi_version == "preprint" and not is_preprint:
        return None, f"DOI {cand.doi} is a preprint's; the CV entry is the published work"
    if cand.doi_version == "published" and is_preprint:
        return None, f"DOI {cand.doi} is the published version's; the CV entry is the preprint"
    return cand.doi, ""


def _key(field_name: str, value: str) -> str:
    return ids.doi_key(value) if field_name == "doi" else ids.arxiv_key(value)


def _decide(pub: dict[str, Any], wanted: list[str], scored: list[tuple[Candidate, Score]], threshold: float,
            entry: PubReport, ask: Ask | None) -> None:
    decisions = {id(c): Decision(c, s) for c, s in scored}
    entry.candidates = list(decisions.values())
    for field_name in ("doi", "arxiv"):
        offers: dict[str, list[tuple[Candidate, Score]]] = {}
        for cand, sc in scored:
            value, why_not = _value(cand, field_name, pub)
            if value is None:
                if why_not.startswith("DOI"):
                    decisions[id(cand)].notes.append(why_not)
                continue
            offers.setdefault(_key(field_name, value), []).append((cand, sc))
        if field_name not in wanted:
            _note_existing(pub, field_name, offers, threshold, decisions)
            continue
        above = {k: v for k, v in offers.items() if passes(v[0][1].value, threshold)}
        if ask is not None:
            _interactive(pub, field_name, offers, threshold, entry, decisions, ask)
        elif len(above) == 1:
            group = next(iter(above.values()))
            _write(pub, field_name, group, threshold, entry, decisions)
        elif len(above) > 1:
            values = sorted(str(_value(g[0][0], field_name, pub)[0]) for g in above.values())
            entry.notes.append(f"{field_name} left empty: records at or above the threshold disagree "
                               f"({', '.join(values)})")
            for group in above.values():
                for cand, _ in group:
                    decisions[id(cand)].notes.append(f"{field_name} not written: conflicts with another record")
        for group in offers.values():
            for cand, sc in group:
                if not passes(sc.value, threshold) and not decisions[id(cand)].written:
                    decisions[id(cand)].notes.append(
                        f"{field_name} {_value(cand, field_name, pub)[0]} not written: score {sc.value:.2f} is "
                        f"below the threshold {threshold:g}")


def _write(pub: dict[str, Any], field_name: str, group: list[tuple[Candidate, Score]], threshold: float,
           entry: PubReport, decisions: dict[int, Decision]) -> None:
    cand, sc = group[0]
    value = _value(cand, field_name, pub)[0]
    assert value is not None
    pub[field_name] = value
    agreeing = {c.source for c, s in group if passes(s.value, threshold)} - {cand.source}
    entry.added[field_name] = {"value": value, "source": cand.source, "score": sc.value, "agreeing": sorted(agreeing)}
    decisions[id(cand)].written.append(field_name)
    for other, other_sc in group[1:]:
        if passes(other_sc.value, threshold):
            decisions[id(other)].notes.append(f"{field_name} agrees with the one written")


def _interactive(pub: dict[str, Any], field_name: str, offers: dict[str, list[tuple[Candidate, Score]]],
                 threshold: float, entry: PubReport, decisions: dict[int, Decision], ask: Ask) -> None:
    """Offer each distinct id (best record first) until the user accepts one."""
    ranked = sorted(offers.values(), key=lambda g: -g[0][1].value)
    for group in ranked:
        cand, sc = group[0]
        if sc.value < ASK_FLOOR:
            break
        value = _value(cand, field_name, pub)[0]
        assert value is not None
        if ask(entry.index, field_name, value, cand, sc, passes(sc.value, threshold)):
            _write(pub, field_name, group, threshold, entry, decisions)
            entry.notes.append(f"{field_name} {value} accepted interactively")
            return
        decisions[id(cand)].notes.append(f"{field_name} {value} declined interactively")


def _note_existing(pub: dict[str, Any], field_name: str, offers: dict[str, list[tuple[Candidate, Score]]],
                   threshold: float, decisions: dict[int, Decision]) -> None:
    """The CV already has this id: say so when a source at or above the threshold gives another one."""
    existing = pub.get(field_name)
    if not isinstance(existing, str) or not existing:
        return
    for key, group in offers.items():
        cand, sc = group[0]
        if passes(sc.value, threshold) and key != _key(field_name, existing):
            decisions[id(cand)].notes.append(
                f"{field_name} kept as the CV has it ({existing}); this record says {_value(cand, field_name, pub)[0]}")
