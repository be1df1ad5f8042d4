"""Keep a CV's publication list current from other sources (files, ORCID, DBLP, OpenAlex), without duplicates.

Every incoming publication is compared with the CV's, in this order, and the first rule that decides wins:

1. the same DOI, or the same arXiv id (versions ignored): the same publication;
2. an erratum, correction or retraction notice ("Erratum: …", "Correction to …") is never a new publication nor
   merged into its original: it is reported and skipped; a work its source marks retracted is not added either;
3. the same title (after folding case, accents and punctuation; a subtitle may be missing on one side) with the same
   authors (surnames, compared as sets, at least half shared and the first author's among them):
   - a preprint and a published version are one publication, *linked*: the CV entry gains the other version's id;
     which version's title, venue and date the entry shows is the ``lead`` choice ("existing", the default, keeps the
     CV's; "published" shows the published version's, saying each change);
   - otherwise years more than ``EDITION_GAP`` apart are two editions (added, and said), anything closer is the same
     publication;
4. the same title by other authors is another publication (added, and said).

For the same publication, nothing the user wrote is changed: identifiers the entry lacks (DOI, arXiv id) are added;
a different title, venue or year is reported as a conflict. A new publication keeps its authors in order;
its owner mark (``self``) comes from the source (an ORCID iD, a DBLP pid, an OpenAlex id) or else from the CV's own
name variants; when two authors could be the owner, none is marked, and that is said. Syncing the same sources
twice adds nothing the second time.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .core import ids

Lead = Literal["existing", "published"]
#: Years between two same-titled works by the same authors, beyond which they are two editions, not one work.
EDITION_GAP = 3
#: A preprint may precede its published version by this many years (and never follow it by more than one).
PREPRINT_GAP = 4
_NOTICE = re.compile(r"^\s*(?:(?:erratum|errata|corrigendum|addendum|retracted|expression of concern)\b|"
                     r"retraction(?: note| notice)?(?: to| of| for)?\b|correction(?: to| for|\s*:))[\s:,.-]*",
                     re.IGNORECASE)
_PREPRINT_VENUE = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|ssrn|research square|preprints?|techrxiv|chemrxiv|"
                             r"psyarxiv|osf preprints|hal)\b", re.IGNORECASE)
_STOP = frozenset({"a", "an", "the", "of", "on", "for", "and", "in", "to", "with", "via", "by"})


@dataclass
class Action:
    """What happened to one incoming publication: ``kind`` is added, linked, completed, unchanged, conflict or
    skipped; ``source`` and ``index`` name it (its position in its source), ``target`` the CV entry (a pointer)."""

    kind: str
    source: str
    index: int
    title: str
    target: str | None = None
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        where = f" {self.target}" if self.target else ""
        more = f": {'; '.join(self.details)}" if self.details else ""
        return f"{self.source}#{self.index + 1} {self.kind}{where} '{_short(self.title)}'{more}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SyncResult:
    """The synced document (a copy; the input is never changed) and one action per incoming publication."""

    document: dict[str, Any]
    actions: list[Action]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("added", "linked", "completed", "conflict", "skipped", "unchanged"), 0)
        for action in self.actions:
            out[action.kind] = out.get(action.kind, 0) + 1
        return out

    def summary(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.counts().items())

    @property
    def changed(self) -> bool:
        return any(a.kind in ("added", "linked", "completed") for a in self.actions)


@dataclass
class Source:
    """Publications read from one source, named as the user named it (a path, ``orcid:ID``, ``dblp:PID``, ...)."""

    name: str
    publications: list[dict[str, Any]]
    #: The source says which author is the owner (ORCID iD, DBLP pid, OpenAlex id): its ``self`` marks are trusted.
    marks_owner: bool = False


def sync(doc: dict[str, Any], sources: Sequence[Source], *, lead: Lead = "existing") -> SyncResult:
    """``doc`` with every source's publications matched into its list (see the module's rules)."""
    result = copy.deepcopy(doc)
    pubs: list[dict[str, Any]] = result.setdefault("publications", [])
    variants = _owner_variants(result)
    actions: list[Action] = []
    for source in sources:
        for index, incoming in enumerate(source.publications):
            actions.append(_one(pubs, incoming, source, index, variants, lead))
    if not pubs:
        result.pop("publications")
    return SyncResult(result, actions)


def _one(pubs: list[dict[str, Any]], incoming: dict[str, Any], source: Source, index: int,
         variants: set[tuple[str, str]], lead: Lead) -> Action:
    title = str(incoming.get("name") or "")
    act = Action("unchanged", source.name, index, title)
    if _NOTICE.match(title):
        original = _by_title(pubs, _NOTICE.sub("", title, count=1))
        act.kind = "skipped"
        act.details.append("an erratum, correction or retraction notice, not a publication of its own"
                           + (f" (it concerns {original})" if original else ""))
        return act
    at = _by_id(pubs, incoming)
    if at is None:
        at, why = _by_title_and_authors(pubs, incoming)
        if why:
            act.details.append(why)
    if at is None:
        if any(str(n).lower().startswith("retracted") for n in incoming.get("notes") or []):
            act.kind = "skipped"
            act.details.append("the source marks this work retracted; not added")
            return act
        pubs.append(_new_entry(incoming, source, variants, act))
        act.kind, act.target = "added", f"/publications/{len(pubs) - 1}"
        return act
    act.target = f"/publications/{at}"
    _merge_into(pubs[at], incoming, act, lead)
    return act


def _by_id(pubs: list[dict[str, Any]], incoming: dict[str, Any]) -> int | None:
    wanted = _id_keys(incoming)
    if not wanted:
        return None
    for i, pub in enumerate(pubs):
        if _id_keys(pub) & wanted:
            return i
    return None


def _id_keys(pub: dict[str, Any]) -> set[str]:
    out = set()
    if isinstance(pub.get("doi"), str) and pub["doi"]:
        out.add("doi:" + ids.doi_key(pub["doi"]))
    if isinstance(pub.get("arxiv"), str) and pub["arxiv"]:
        out.add("arxiv:" + ids.arxiv_key(pub["arxiv"]))
    return out


def _by_title(pubs: list[dict[str, Any]], title: str) -> str | None:
    for i, pub in enumerate(pubs):
        if _same_title(str(pub.get("name") or ""), title):
            return f"/publications/{i}"
    return None


def _by_title_and_authors(pubs: list[dict[str, Any]], incoming: dict[str, Any]) -> tuple[int | None, str]:
    """The CV entry that is this publication by title and authors, or None with why a near one is another work."""
    title = str(incoming.get("name") or "")
    note = ""
    for i, pub in enumerate(pubs):
        if not _same_title(str(pub.get("name") or ""), title):
            continue
        if not _same_authors(pub, incoming):
            note = f"same title as /publications/{i} by other authors: another publication"
            continue
        years = _year(pub), _year(incoming)
        if _is_preprint(pub) != _is_preprint(incoming):
            preprint_year, published_year = years if _is_preprint(pub) else years[::-1]
            if preprint_year is None or published_year is None or \
                    -1 <= published_year - preprint_year <= PREPRINT_GAP:
                return i, ""
        if None in years or abs(years[0] - years[1]) <= EDITION_GAP:  # type: ignore[operator]
            return i, ""
        note = f"same title and authors as /publications/{i} but {years[1]} vs {years[0]}: another edition"
    return None, note


def _merge_into(pub: dict[str, Any], incoming: dict[str, Any], act: Action, lead: Lead) -> None:
    versions = _is_preprint(pub) != _is_preprint(incoming)
    for key in ("doi", "arxiv"):
        value = incoming.get(key)
        if isinstance(value, str) and value and not pub.get(key):
            pub[key] = value
            act.details.append(f"{key} {value} added")
    if versions:
        act.kind = "linked"
        which = "the preprint" if _is_preprint(incoming) else "the published version"
        act.details.insert(0, f"{which} of this entry")
        if lead == "published" and not _is_preprint(incoming):
            _lead_with(pub, incoming, act)
            return
    elif act.details:
        act.kind = "completed"
    for problem in _conflicts(pub, incoming, versions):
        act.details.append(problem)
        if act.kind == "unchanged":
            act.kind = "conflict"


def _lead_with(pub: dict[str, Any], published: dict[str, Any], act: Action) -> None:
    """``lead="published"``: the entry shows the published version (asked for, and each change said)."""
    for key in ("name", "venue", "releaseDate", "type", "volume", "issue", "pages", "publisher"):
        if key in published and published[key] != pub.get(key):
            act.details.append(f"{key} now the published version's ({_show(pub.get(key))} -> {_show(published[key])})")
            pub[key] = copy.deepcopy(published[key])
    if pub.get("status") == "preprint":
        del pub["status"]
        act.details.append("status 'preprint' removed")


def _conflicts(pub: dict[str, Any], incoming: dict[str, Any], versions: bool) -> Iterable[str]:
    """What the source says differently from the CV: reported, never written over."""
    theirs, ours = str(incoming.get("name") or ""), str(pub.get("name") or "")
    if theirs and ids.title_key(theirs) != ids.title_key(ours):
        yield f"title differs: the source has '{_short(theirs)}'"
    if versions:
        return
    if _year(incoming) and _year(pub) and _year(incoming) != _year(pub):
        yield f"year differs: the CV has {_year(pub)}, the source {_year(incoming)}"
    venue_theirs = _venue(incoming)
    venue_ours = _venue(pub)
    if venue_theirs and venue_ours and not _venues_agree(venue_ours, venue_theirs):
        yield f"venue differs: the source has '{_short(venue_theirs)}'"


def _new_entry(incoming: dict[str, Any], source: Source, variants: set[tuple[str, str]],
               act: Action) -> dict[str, Any]:
    entry = copy.deepcopy(incoming)
    authors = [a for a in entry.get("authors") or [] if isinstance(a, dict)]
    if source.marks_owner and any(a.get("self") for a in authors):
        return entry
    for author in authors:
        author.pop("self", None)
    owners = [a for a in authors if _person_key(str(a.get("name") or "")) in variants]
    if len(owners) == 1:
        owners[0]["self"] = True
    elif len(owners) > 1:
        act.details.append(f"{len(owners)} authors could be the CV's owner "
                           f"({', '.join(str(a['name']) for a in owners)}); none marked")
    elif authors:
        act.details.append("no author is the CV's owner by name; none marked")
    return entry


# --------------------------------------------------------------------------------------- comparisons


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _title_words(title: str) -> list[str]:
    """The title's words as the identifier codec compares titles (core.ids.title_key), stop words left out."""
    return [w for w in ids.title_key(title).split() if w not in _STOP]


def _same_title(a: str, b: str) -> bool:
    """Equal after folding, or equal up to a subtitle one side leaves out ("Title: Subtitle" vs "Title")."""
    wa, wb = _title_words(a), _title_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    head_a, head_b = _title_words(re.split(r"[:?!]\s", a, maxsplit=1)[0]), _title_words(re.split(r"[:?!]\s", b,
                                                                                                maxsplit=1)[0])
    return (len(head_a) >= 3 and head_a == wb) or (len(head_b) >= 3 and head_b == wa)


def _surname(name: str) -> str:
    """The comparable family name of a printed author name ("Y. Zhang", "Zhang, Yihua", "Di Xu 0001")."""
    return _person_key(name)[0]


def _person_key(name: str) -> tuple[str, str]:
    """(family name, first initial), folded: how two printings of one person's name are compared. The name is
    split by the one name codec (core.names); DBLP's homonym number ("Di Xu 0001") is not part of the name."""
    from .core import names

    person = names.parse(re.sub(r"\s+\d{4}$", "", " ".join(name.split())))
    family = person.family or person.literal
    return re.sub(r"[^a-z]", "", _fold(family)), _fold(person.given.strip())[:1]


def _same_authors(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, sb = _surnames(a), _surnames(b)
    if not sa or not sb:
        return True  # nothing to compare: the title and year decide
    shared = set(sa) & set(sb)
    return sa[0] in shared and sb[0] in shared and len(shared) * 2 >= min(len(set(sa)), len(set(sb)))


def _surnames(pub: dict[str, Any]) -> list[str]:
    return [s for s in (_surname(str(x.get("name") or "")) for x in pub.get("authors") or []
                        if isinstance(x, dict)) if s]


def _is_preprint(pub: dict[str, Any]) -> bool:
    if pub.get("type") == "preprint" or pub.get("status") == "preprint":
        return True
    venue = _venue(pub)
    return bool(venue and _PREPRINT_VENUE.search(venue)) or (bool(pub.get("arxiv")) and not venue
                                                            and not pub.get("doi"))


def _venue(pub: dict[str, Any]) -> str:
    venue = pub.get("venue")
    if isinstance(venue, dict):
        return str(venue.get("name") or venue.get("short") or "")
    return str(pub.get("publisher") or "") if pub.get("type") == "preprint" else ""


def _venues_agree(a: str, b: str) -> bool:
    """Venues agree when one's significant words (or initials) are found in the other: "ICIP" and "IEEE
    International Conference on Image Processing", "NeurIPS'25" and "NeurIPS"."""
    wa, wb = set(_title_words(a)), set(_title_words(b))
    if wa & wb:
        return True
    initials_a = "".join(w[0] for w in _title_words(a) if w not in {"ieee", "acm", "international", "annual"})
    initials_b = "".join(w[0] for w in _title_words(b) if w not in {"ieee", "acm", "international", "annual"})
    compact_a, compact_b = re.sub(r"[^a-z]", "", _fold(a)), re.sub(r"[^a-z]", "", _fold(b))
    return (len(compact_a) >= 3 and compact_a in initials_b) or (len(compact_b) >= 3 and compact_b in initials_a)


def _year(pub: dict[str, Any]) -> int | None:
    """The year of the release date at whatever precision it has; None when there is none or it is unreadable."""
    from .core.dates import is_iso, parts, year_number

    value = pub.get("releaseDate")
    if isinstance(value, str) and is_iso(value):
        return parts(value)[0]
    return year_number(value)


def _owner_variants(doc: dict[str, Any]) -> set[tuple[str, str]]:
    """The owner's name keys: from ``basics.name`` and from every author the CV already marks ``self``."""
    names: list[str] = []
    basics = doc.get("basics")
    if isinstance(basics, dict) and isinstance(basics.get("name"), str):
        names.append(basics["name"])
    for pub in doc.get("publications") or []:
        for author in (pub.get("authors") or []) if isinstance(pub, dict) else []:
            if isinstance(author, dict) and author.get("self") and isinstance(author.get("name"), str):
                names.append(author["name"])
    return {_person_key(n) for n in names if n.strip()}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("short")
    return f"'{_short(str(value))}'" if value not in (None, "") else "none"
