"""ORCID v3.0 bulk writers (``orcid-json``, ``orcid-xml``): publications to works, works to JSON and XML."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from ...core.keys import Keys
from ...core.losses import LossReport, pointer
from ...core.text import xml_text
from .. import WriteResult
from .._bibtex_entry import build_entry, orcid_work_types, publication_coverage
from . import MAX_BULK
from .model import (
    _ID_URLS,
    NS,
    Contributor,
    ExternalId,
    Work,
    _q,
    reverse_type,
    server_problems,
)

# ------------------------------------------------------------------------------------------- publication -> work

#: Publication fields the ORCID writers carry (authors' flags and extra keys are reported one by one).
_CARRIED = frozenset(("name", "authors", "venue", "type", "releaseDate", "doi", "arxiv", "url", "notes",
                      "summary", "volume", "issue", "pages", "publisher"))

T = TypeVar("T")


def works_from_document(doc: dict[str, Any], report: LossReport, *, owner: str | None = None,
                        host: str = "orcid.org") -> list[tuple[int, Work]]:
    """(publication index, work) for every publication ORCID can take; losses and server-rule problems go to
    ``report``. ``owner`` is whose record the works go to (default ``basics.orcid``): the CV's ``self`` author
    gets that iD, on ``host`` (``sandbox.orcid.org`` for the sandbox)."""
    from ...core import ids

    cover = publication_coverage(doc, _CARRIED, "the ORCID work format", report)
    if doc.get("publications") == []:
        report.add(pointer("publications"), "no publications: the bulk is empty")
    if owner is None:
        owner = (doc.get("basics") or {}).get("orcid")
    owner = ids.normalize_orcid(owner) if isinstance(owner, str) and ids.is_orcid(owner) else None
    keys = Keys()
    out = []
    for i, pub in enumerate(doc.get("publications") or []):
        work = _work(pub, i, owner, keys, report)
        for contributor in work.contributors:
            contributor.host = host
        if _sanitize(work):
            report.add(pointer("publications", i), "characters XML cannot hold (controls, lone surrogates) removed",
                       "normalization")
        if not _fit(work, pub, i, report):
            continue
        for problem in server_problems(work):
            report.add(pointer("publications", i), f"ORCID would refuse this work: {problem}")
        out.append((i, work))
    if doc.get("publications") and not out:
        report.add(pointer("publications"), "no publication ORCID can take: the bulk is empty")
    cover.report_rest(doc, report)  # here, not in the registry: ``orcid push`` calls this without it
    return out


def _fit(work: Work, pub: dict[str, Any], i: int, report: LossReport) -> bool:
    """Hold the work to bulk-3.0.xsd's limits, so a bulk always validates: what breaks one is reported and left
    out (the work itself when its title does). False when the work is left out."""
    ptr = ("publications", i)
    if not work.title.strip() or len(work.title) > 1000:
        what = "no title" if not work.title.strip() else f"a title of {len(work.title)} characters"
        report.add(pointer(*ptr), f"ORCID needs a title of 1 to 1000 characters, this work has {what}; the work is "
                   "left out")
        return False
    if work.journal_title is not None and (not work.journal_title.strip() or len(work.journal_title) > 1000):
        report.add(pointer(*ptr, "venue"), "ORCID's journal-title takes 1 to 1000 characters, not blank; left out")
        work.journal_title = None
    if work.short_description and len(work.short_description) > 5000:
        report.add(pointer(*ptr), "ORCID's short-description takes at most 5000 characters; summary and notes are "
                   "left out")
        work.short_description = None
    if work.date and not 1900 <= int(work.date[0]) <= 2100:
        report.add(pointer(*ptr, "releaseDate"), f"ORCID takes publication years 1900 to 2100 only; {work.date[0]} "
                   "is left out")
        work.date = None
    kept = []
    for j, c in enumerate(work.contributors):  # one per author, in order
        name = c.name or ""
        if not name.strip() or len(name) > 150:
            what = "a blank name" if not name.strip() else f"a name of {len(name)} characters"
            report.add(pointer(*ptr, "authors", j), f"ORCID's credit-name takes 1 to 150 characters, this author has "
                       f"{what}; left out")
            continue
        kept.append(c)
    for k, c in enumerate(kept):
        c.sequence = "first" if k == 0 else "additional"
    work.contributors = kept
    return True


def _work(pub: dict[str, Any], i: int, owner: str | None, keys: Keys, report: LossReport) -> Work:
    ptr = ("publications", i)
    name = str(pub.get("name", ""))
    work = Work(title=" ".join(name.split()), type=_type_for(pub, ptr, report))
    if "name" in pub and work.title != name:
        report.add(pointer(*ptr, "name"), "spacing folded", "normalization")
    work.journal_title = _journal_title(pub, ptr, report)
    work.date = _date(pub, ptr, report)
    work.external_ids = _external_ids(pub)
    work.url = pub.get("url") or None
    work.contributors = _contributors(pub, i, owner, report)
    work.short_description = _description(pub) or None
    if work.short_description:
        report.add(pointer(*ptr), "summary, notes and equal-contribution marks are joined into ORCID's "
                   "short-description (read back as the summary)", "normalization")
    elif "notes" in pub or "summary" in pub:
        report.add(pointer(*ptr), "empty notes/summary left out")
    entry = build_entry(pub, i, keys.key(pub), LossReport())
    work.citation = ("bibtex", entry.render())
    for key in ("volume", "issue", "pages", "publisher"):
        if key in pub:
            report.add(pointer(*ptr, key), "ORCID works have no such field; kept in the BibTeX citation only")
    return work


def _type_for(pub: dict[str, Any], ptr: tuple[str | int, ...], report: LossReport) -> str:
    """ORCID type from the schema's mapping; reported when reading it back would give another type of ours."""
    types = orcid_work_types()
    orcid_type = types.get(pub.get("type") or "", "other")
    back = reverse_type(orcid_type)
    if pub.get("type") != back:
        what = f"'{pub['type']}' is" if pub.get("type") else "no type:"
        report.add(pointer(*ptr, "type"), f"{what} sent as ORCID '{orcid_type}', which reads back as '{back}'",
                   "normalization")
    return orcid_type


def _journal_title(pub: dict[str, Any], ptr: tuple[str | int, ...], report: LossReport) -> str | None:
    if "venue" not in pub:
        return None
    venue = pub.get("venue") or {}
    title = venue.get("name") or venue.get("short") or None
    if title is None:
        report.add(pointer(*ptr, "venue"), "no venue name to send; left out")
    elif not venue.get("name"):
        report.add(pointer(*ptr, "venue"), "the short label is sent as the journal title", "normalization")
    return title


def _date(pub: dict[str, Any], ptr: tuple[str | int, ...],
          report: LossReport) -> tuple[str, str | None, str | None] | None:
    from ...core import dates

    date = pub.get("releaseDate")
    if date is None:
        return None
    read = dates.date_of(date)
    if read is None:
        report.add(pointer(*ptr, "releaseDate"), f"'{date}' is not a calendar date; left out")
        return None
    y, m, d = read
    return f"{y:04d}", f"{m:02d}" if m else None, f"{d:02d}" if d else None


def _external_ids(pub: dict[str, Any]) -> list[ExternalId]:
    from ...core import ids

    out = []
    if pub.get("doi"):
        doi = ids.strip_doi(pub["doi"])
        out.append(ExternalId("doi", doi, "self", doi_url(doi)))
    if pub.get("arxiv"):
        arxiv = ids.strip_arxiv(pub["arxiv"])
        out.append(ExternalId("arxiv", arxiv, "self", _ID_URLS["arxiv"].format(arxiv)))
    if not out and pub.get("url"):
        out.append(ExternalId("uri", pub["url"], "self", pub["url"]))
    return out


def doi_url(doi: str) -> str:
    """The resolver URL of a DOI, percent-encoded as the DOI Handbook recommends (``#``, ``%``, ``?``, space,
    ``<>{}[]^`|\\"`` and ``+`` would otherwise end or change the URL)."""
    from urllib.parse import quote

    return _ID_URLS["doi"].format(quote(doi, safe="/:;()!$&'*,=@"))


def _contributors(pub: dict[str, Any], i: int, owner: str | None, report: LossReport) -> list[Contributor]:
    out = []
    for j, author in enumerate(pub.get("authors") or []):
        name = author.get("name")
        c = Contributor(name, sequence="first" if j == 0 else "additional")
        if author.get("self") and owner:
            c.orcid = owner
            report.add(pointer("publications", i, "authors", j), "the owner is marked by basics.orcid's iD on this "
                       "contributor (read back as this author's orcid)", "normalization")
        if isinstance(name, str) and " ".join(name.split()) != name:
            report.add(pointer("publications", i, "authors", j, "name"), "spacing folded", "normalization")
        for key in author:
            reason = _author_key_loss(key, author, owner)
            if reason:
                report.add(pointer("publications", i, "authors", j, key), *reason)  # type: ignore[arg-type]
        out.append(c)
    return out


def _author_key_loss(key: str, author: dict[str, Any], owner: str | None) -> tuple[str, ...] | None:
    """Why an author's field does not reach ORCID (and its kind), or None when it does."""
    if key == "name" or (key == "self" and author.get("self") and owner):
        return None
    if key == "equalContribution":
        return ("kept as text in the short-description", "normalization")
    return ({"orcid": ("a contributor iD is sent only for the owner, from basics.orcid",),
             "self": ("basics.orcid is not set, so the owner cannot be marked",),
             "corresponding": ("ORCID has no mark for a corresponding author",)}
            .get(key, (f"ORCID contributors have no field for '{key}'",)))


def _sanitize(work: Work) -> bool:
    """Remove characters XML 1.0 cannot carry from every text of ``work``; True when something changed."""
    import dataclasses

    changed = False

    def clean(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str):
            kept = xml_text(value)
            changed = changed or kept != value
            return kept
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                setattr(value, f.name, clean(getattr(value, f.name)))
        return value

    clean(work)
    return changed


def _description(pub: dict[str, Any]) -> str:
    parts = []
    if pub.get("summary"):
        parts.append(pub["summary"])
    parts += pub.get("notes") or []
    equal = [a.get("name", "") for a in pub.get("authors") or [] if a.get("equalContribution")]
    if equal:
        parts.append("Equal contribution: " + ", ".join(equal))
    return "; ".join(parts).strip()


# ------------------------------------------------------------------------------------------- work -> JSON / XML


def work_to_json(work: Work) -> dict[str, Any]:
    """The v3.0 JSON of a work (keys in the XSD's order)."""
    out: dict[str, Any] = {"title": {"title": {"value": work.title}}}
    if work.journal_title:
        out["journal-title"] = {"value": work.journal_title}
    if work.short_description:
        out["short-description"] = work.short_description
    if work.citation:
        out["citation"] = {"citation-type": work.citation[0], "citation-value": work.citation[1]}
    out["type"] = work.type
    if work.date:
        parts = zip(("year", "month", "day"), work.date, strict=True)
        out["publication-date"] = {k: {"value": v} for k, v in parts if v}
    out["external-ids"] = {"external-id": [_ext_json(e) for e in work.external_ids]}
    if work.url:
        out["url"] = {"value": work.url}
    if work.contributors:
        out["contributors"] = {"contributor": [_contributor_json(c) for c in work.contributors]}
    return out


def _ext_json(ext: ExternalId) -> dict[str, Any]:
    out: dict[str, Any] = {"external-id-type": ext.type, "external-id-value": ext.value}
    if ext.url:
        out["external-id-url"] = {"value": ext.url}
    out["external-id-relationship"] = ext.relationship
    return out


def _contributor_json(c: Contributor) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.orcid:
        out["contributor-orcid"] = {"uri": f"https://{c.host}/{c.orcid}", "path": c.orcid, "host": c.host}
    if c.name:
        out["credit-name"] = {"value": c.name}
    out["contributor-attributes"] = {"contributor-sequence": c.sequence, "contributor-role": c.role}
    return out


def work_to_xml(work: Work) -> Any:
    """The v3.0 ``work:work`` element of a work."""
    from lxml import etree

    w, c = _q("work", ""), _q("common", "")
    root = etree.Element(w + "work", nsmap={"work": NS["work"], "common": NS["common"]})

    def sub(parent: Any, tag: str, text: str | None = None) -> Any:
        el = etree.SubElement(parent, tag)
        if text is not None:
            el.text = text
        return el

    sub(sub(root, w + "title"), c + "title", work.title)
    if work.journal_title:
        sub(root, w + "journal-title", work.journal_title)
    if work.short_description:
        sub(root, w + "short-description", work.short_description)
    if work.citation:
        cit = sub(root, w + "citation")
        sub(cit, w + "citation-type", work.citation[0])
        sub(cit, w + "citation-value", work.citation[1])
    sub(root, w + "type", work.type)
    if work.date:
        date = sub(root, c + "publication-date")
        for name, value in zip(("year", "month", "day"), work.date, strict=True):
            if value:
                sub(date, c + name, value)
    ext_ids = sub(root, c + "external-ids")
    for ext in work.external_ids:
        el = sub(ext_ids, c + "external-id")
        sub(el, c + "external-id-type", ext.type)
        sub(el, c + "external-id-value", ext.value)
        if ext.url:
            sub(el, c + "external-id-url", ext.url)
        sub(el, c + "external-id-relationship", ext.relationship)
    if work.url:
        sub(root, c + "url", work.url)
    if work.contributors:
        contributors = sub(root, w + "contributors")
        for contributor in work.contributors:
            el = sub(contributors, w + "contributor")
            if contributor.orcid:
                oid = sub(el, c + "contributor-orcid")
                sub(oid, c + "uri", f"https://{contributor.host}/{contributor.orcid}")
                sub(oid, c + "path", contributor.orcid)
                sub(oid, c + "host", contributor.host)
            if contributor.name:
                sub(el, w + "credit-name", contributor.name)
            attrs = sub(el, w + "contributor-attributes")
            if contributor.sequence:
                sub(attrs, w + "contributor-sequence", contributor.sequence)
            if contributor.role:
                sub(attrs, w + "contributor-role", contributor.role)
    return root


def bulk_json(works: list[Work]) -> bytes:
    """One bulk as v3.0 JSON bytes (what the Member API's ``POST /works`` takes)."""
    body = {"bulk": [{"work": work_to_json(w)} for w in works]}
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def bulk_xml(works: list[Work]) -> bytes:
    from lxml import etree

    root = etree.Element(_q("bulk", "bulk"), nsmap={"bulk": NS["bulk"], "work": NS["work"],
                                                          "common": NS["common"]})
    for work in works:
        root.append(work_to_xml(work))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def chunks(items: list[T], size: int = MAX_BULK) -> list[list[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def write(doc: dict[str, Any], *, format: str, chunk_size: int | str = MAX_BULK, **options: Any) -> WriteResult:
    """Bulks of at most ``chunk_size`` (<= 100) works; the first is ``data``, the rest ``more``."""
    from ...core.errors import UsageError

    size = int(chunk_size)
    if not 1 <= size <= MAX_BULK:
        raise UsageError(f"chunk_size must be 1..{MAX_BULK} (ORCID takes at most {MAX_BULK} works per bulk)")
    report = LossReport()
    works = [w for _, w in works_from_document(doc, report)]
    render = bulk_json if format == "orcid-json" else bulk_xml
    parts = [render(chunk) for chunk in chunks(works, size)]
    return WriteResult(parts[0], report.items, parts[1:])
