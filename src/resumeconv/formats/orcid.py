"""ORCID works: v3.0 bulk writers (``orcid-json``, ``orcid-xml``) and readers for ORCID's work shapes.

One internal model (:class:`Work`) sits between our publications and both serializations, so JSON and XML
always carry the same works. Readers take a single work, a bulk, the ``GET /works`` grouped summary, a whole
record, and the older v2.0/v2.1 (same layout) and v1.2 (``orcid-profile``) answers.

Vocabularies below are ORCID's own (orcid-model ``WorkType.java``, ``Relationship.java``, ``CitationType.java``,
``SequenceType``, contributor roles in ``common-3.0.xsd``); external-id types are the ones ORCID's importers and
recorded answers use. The XSD leaves all of them as plain strings: :func:`server_problems` checks them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import InputError
from ..core.losses import LossReport, pointer
from . import ReadResult, WriteResult
from ._bibtex import build_entry, citation_key, orcid_work_types, report_unmapped
from ._contract import Option

MAX_BULK = 100
#: What ``read`` and ``write`` take (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("chunk_size", int, MAX_BULK, f"works per bulk, 1..{MAX_BULK} (ORCID takes at most {MAX_BULK})"),
    Option("owner", str, None, "an ORCID iD: that author of each work is marked as the CV's owner (self)",
           direction="read"),
)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NS = {
    "work": "http://www.orcid.org/ns/work", "common": "http://www.orcid.org/ns/common",
    "bulk": "http://www.orcid.org/ns/bulk", "error": "http://www.orcid.org/ns/error",
    "activities": "http://www.orcid.org/ns/activities", "record": "http://www.orcid.org/ns/record",
}
WORK_TYPES = frozenset({
        "annotation", "artistic-performance", "book-chapter", "book-review", "book", "conference-abstract",
    "conference-paper", "conference-poster", "data-management-plan", "data-set", "dictionary-entry",
    "disclosure", "dissertation-thesis", "edited-book", "encyclopedia-entry", "invention", "journal-article",
    "journal-issue", "lecture-speech", "license", "magazine-article", "manual", "newsletter-article",
    "newspaper-article", "online-resource", "other", "patent", "physical-object", "preprint",
    "registered-copyright", "report", "research-technique", "research-tool", "software", "spin-off-company",
    "standards-and-policy", "supervised-student-publication", "technical-standard", "test", "trademark",
    "translation", "website", "working-paper", "undefined"
})


def _q(prefix: str, name: str) -> str:
    """Clark notation ``{namespace}name`` for an ORCID element."""
    return "{" + NS[prefix] + "}" + name


RELATIONSHIPS = frozenset({"part-of", "self", "version-of", "funded-by"})
ID_TYPES = frozenset({"doi", "arxiv", "uri", "pmid", "pmc", "isbn", "issn", "eid", "other-id", "source-work-id",
                      "bibcode", "agr"})
CITATION_TYPES = frozenset({"bibtex", "formatted-apa", "formatted-chicago", "formatted-harvard", "formatted-ieee",
                            "formatted-mla", "formatted-vancouver", "formatted-unspecified", "ris"})
SEQUENCES = frozenset({"first", "additional"})
ROLES = frozenset({"author", "assignee", "editor", "chair-or-translator", "co-investigator", "co-inventor",
                   "graduate-student", "other-inventor", "principal-investigator", "postdoctoral-researcher",
                   "support-staff"})
_ID_URLS = {"doi": "https://doi.org/{}", "arxiv": "https://arxiv.org/abs/{}"}
#: Record bookkeeping, not part of the work a CV describes: read past without a loss.
_BOOKKEEPING = frozenset({"put-code", "created-date", "last-modified-date", "source", "visibility", "path",
                          "display-index", "work-source", "featured", "media-type"})


@dataclass
class ExternalId:
    type: str
    value: str
    relationship: str | None = "self"
    url: str | None = None


@dataclass
class Contributor:
    name: str | None
    orcid: str | None = None
    sequence: str | None = None
    role: str | None = "author"


@dataclass
class Work:
    """One ORCID work, independent of JSON or XML."""

    title: str
    type: str
    subtitle: str | None = None
    translated_title: str | None = None
    journal_title: str | None = None
    short_description: str | None = None
    citation: tuple[str, str] | None = None
    date: tuple[str, str | None, str | None] | None = None
    external_ids: list[ExternalId] = field(default_factory=list)
    url: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    language_code: str | None = None
    country: str | None = None
    put_code: int | None = None


# ------------------------------------------------------------------------------------------- server rules


def server_problems(work: Work) -> list[str]:
    """What ORCID's server would refuse in a work we POST, beyond what the XSD checks."""
    problems = []
    if not 1 <= len(work.title.strip()) <= 1000:
        problems.append(f"title must have 1 to 1000 characters (has {len(work.title.strip())})")
    if work.type not in WORK_TYPES:
        problems.append(f"'{work.type}' is not an ORCID v3.0 work type")
    if work.put_code is not None:
        problems.append("a new work must not carry a put-code")
    for ext in work.external_ids:
        if ext.type not in ID_TYPES:
            problems.append(f"'{ext.type}' is not an ORCID external-id type")
        if ext.relationship not in RELATIONSHIPS:
            problems.append(f"'{ext.relationship}' is not an external-id relationship")
    if not any(e.relationship == "self" for e in work.external_ids):
        problems.append("no external id with relationship 'self' (ORCID needs one: a DOI, arXiv id or URL)")
    problems += _date_problems(work.date)
    if work.journal_title and len(work.journal_title) > 1000:
        problems.append("journal-title is longer than 1000 characters")
    if work.short_description and len(work.short_description) > 5000:
        problems.append("short-description is longer than 5000 characters")
    if work.citation and work.citation[0] not in CITATION_TYPES:
        problems.append(f"'{work.citation[0]}' is not a citation type")
    for c in work.contributors:
        if c.sequence is not None and c.sequence not in SEQUENCES:
            problems.append(f"contributor sequence '{c.sequence}' is not first/additional")
        if c.role is not None and c.role not in ROLES and not c.role.startswith("http://credit.niso.org/"):
            problems.append(f"contributor role '{c.role}' is not an ORCID role")
    return problems


def _date_problems(date: tuple[str, str | None, str | None] | None) -> list[str]:
    from ..core import dates

    if date is None:
        return []
    year, month, day = date
    for name, value, width in (("year", year, 4), ("month", month, 2), ("day", day, 2)):
        if value is not None and not (len(value) == width and value.isdigit()):
            return [f"publication-date {name} '{value}' must be {width} digits, zero-padded"]
    if day is not None and month is None:
        return ["publication-date has a day but no month"]
    if not dates.is_iso("-".join(x for x in date if x)):
        return [f"publication-date {'-'.join(x for x in date if x)} is not a calendar date"]
    return []


# ------------------------------------------------------------------------------------------- publication -> work

#: Publication fields the ORCID writers carry (authors' flags and extra keys are reported one by one).
_CARRIED = dict.fromkeys(("name", "authors", "venue", "type", "releaseDate", "doi", "arxiv", "url", "notes",
                          "summary", "volume", "issue", "pages", "publisher"), "")


def works_from_document(doc: dict[str, Any], report: LossReport) -> list[tuple[int, Work]]:
    """(publication index, work) for every publication; losses and server-rule problems go to ``report``."""
    from ..core import ids

    report_unmapped(doc, _CARRIED, "the ORCID work format", report)
    if doc.get("publications") == []:
        report.add(pointer("publications"), "no publications: the bulk is empty")
    owner = (doc.get("basics") or {}).get("orcid")
    owner = ids.normalize_orcid(owner) if isinstance(owner, str) and ids.is_orcid(owner) else None
    taken: set[str] = set()
    out = []
    for i, pub in enumerate(doc.get("publications") or []):
        work = _work(pub, i, owner, taken, report)
        if _sanitize(work):
            report.add(pointer("publications", i), "characters XML cannot hold (controls, lone surrogates) removed",
                       "normalization")
        for problem in server_problems(work):
            report.add(pointer("publications", i), f"ORCID would refuse this work: {problem}")
        out.append((i, work))
    return out


def _work(pub: dict[str, Any], i: int, owner: str | None, taken: set[str], report: LossReport) -> Work:
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
    entry = build_entry(pub, i, citation_key(pub, taken), LossReport())
    work.citation = ("bibtex", entry.render())
    for key in ("volume", "issue", "pages", "publisher"):
        if key in pub:
            report.add(pointer(*ptr, key), "ORCID works have no such field; kept in the BibTeX citation only")
    return work


def _type_for(pub: dict[str, Any], ptr: tuple, report: LossReport) -> str:
    """ORCID type from the schema's mapping; reported when reading it back would give another type of ours."""
    types = orcid_work_types()
    orcid_type = types.get(pub.get("type") or "", "other")
    back = _reverse_type(orcid_type)
    if pub.get("type") != back:
        what = f"'{pub['type']}' is" if pub.get("type") else "no type:"
        report.add(pointer(*ptr, "type"), f"{what} sent as ORCID '{orcid_type}', which reads back as '{back}'",
                   "normalization")
    return orcid_type


def _journal_title(pub: dict[str, Any], ptr: tuple, report: LossReport) -> str | None:
    if "venue" not in pub:
        return None
    venue = pub.get("venue") or {}
    title = venue.get("name") or venue.get("short") or None
    if title is None:
        report.add(pointer(*ptr, "venue"), "no venue name to send; left out")
    elif not venue.get("name"):
        report.add(pointer(*ptr, "venue"), "the short label is sent as the journal title", "normalization")
    return title


def _date(pub: dict[str, Any], ptr: tuple, report: LossReport) -> tuple[str, str | None, str | None] | None:
    from ..core import dates

    date = pub.get("releaseDate")
    if date is None:
        return None
    if not dates.is_iso(date):
        report.add(pointer(*ptr, "releaseDate"), f"'{date}' is not a calendar date; left out")
        return None
    y, m, d = dates.parts(date)
    return f"{y:04d}", f"{m:02d}" if m else None, f"{d:02d}" if d else None


def _external_ids(pub: dict[str, Any]) -> list[ExternalId]:
    from ..core import ids

    out = []
    if pub.get("doi"):
        doi = ids.strip_doi(pub["doi"])
        out.append(ExternalId("doi", doi, "self", _ID_URLS["doi"].format(doi)))
    if pub.get("arxiv"):
        arxiv = ids.strip_arxiv(pub["arxiv"])
        out.append(ExternalId("arxiv", arxiv, "self", _ID_URLS["arxiv"].format(arxiv)))
    if not out and pub.get("url"):
        out.append(ExternalId("uri", pub["url"], "self", pub["url"]))
    return out


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
                report.add(pointer("publications", i, "authors", j, key), *reason)
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
            kept = _XML_BAD.sub("", value)
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
        out["contributor-orcid"] = {"uri": f"https://orcid.org/{c.orcid}", "path": c.orcid, "host": "orcid.org"}
    if c.name:
        out["credit-name"] = {"value": c.name}
    out["contributor-attributes"] = {"contributor-sequence": c.sequence, "contributor-role": c.role}
    return out


def work_to_xml(work: Work):
    """The v3.0 ``work:work`` element of a work."""
    from lxml import etree

    w, c = _q("work", ""), _q("common", "")
    root = etree.Element(w + "work", nsmap={"work": NS["work"], "common": NS["common"]})

    def sub(parent, tag: str, text: str | None = None):
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
                sub(oid, c + "uri", f"https://orcid.org/{contributor.orcid}")
                sub(oid, c + "path", contributor.orcid)
                sub(oid, c + "host", "orcid.org")
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


def chunks(items: list, size: int = MAX_BULK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def write(doc: dict[str, Any], *, format: str, chunk_size: int | str = MAX_BULK, **options: Any) -> WriteResult:
    """Bulks of at most ``chunk_size`` (<= 100) works; the first is ``data``, the rest ``more``."""
    from ..core.errors import UsageError

    size = int(chunk_size)
    if not 1 <= size <= MAX_BULK:
        raise UsageError(f"chunk_size must be 1..{MAX_BULK} (ORCID takes at most {MAX_BULK} works per bulk)")
    report = LossReport()
    works = [w for _, w in works_from_document(doc, report)]
    render = bulk_json if format == "orcid-json" else bulk_xml
    parts = [render(chunk) for chunk in chunks(works, size)]
    return WriteResult(parts[0], report.items, parts[1:])


# ------------------------------------------------------------------------------------------- reading


def read(data: bytes, *, source: str | None = None, format: str, owner: str | None = None,
         **options: Any) -> ReadResult:
    """Publications from ORCID works (JSON or XML, v3.0/v2.x/v1.2); ``owner`` marks that iD's author ``self``."""
    from ..core.document import parse_json
    from ..core.fileio import decode_text

    report = LossReport()
    if format == "orcid-xml" or data.lstrip()[:1] == b"<":
        raw = _raw_works_from_xml(data, source, report)
    else:
        raw = _raw_works_from_json(parse_json(decode_text(data, source), source), source, report)
    pubs = []
    for i, item in enumerate(raw):
        _report_unknown(item, i, report)
        pubs.append(publication_from_work(work_from_json(item), i, report, owner))
    return ReadResult({"publications": pubs} if pubs else {}, report.items)


def _raw_works_from_json(data: Any, source: str | None, report: LossReport) -> list[dict[str, Any]]:
    """Find the works in any ORCID JSON answer, as v3.0-shaped dicts."""
    if not isinstance(data, dict):
        raise InputError("not an ORCID works answer: expected a JSON object", source)
    if isinstance(data.get("bulk"), list):
        out = []
        for n, item in enumerate(_d(x) for x in data["bulk"]):
            if isinstance(item.get("work"), dict):
                out.append(item["work"])
            elif isinstance(item.get("error"), dict):
                report.add("", f"bulk item {n + 1} is an error: {error_text(item['error'])}")
        return out
    summary = _d(_d(data.get("activities-summary")).get("works")) if "activities-summary" in data else data
    if isinstance(summary.get("group"), list):
        firsts = [_l(_d(g).get("work-summary"))[:1] for g in summary["group"]]
        return [f[0] for f in firsts if f and isinstance(f[0], dict)]
    profile = data.get("orcid-profile")
    if isinstance(profile, dict):
        works = _l(_d(_d(profile.get("orcid-activities")).get("orcid-works")).get("orcid-work"))
        return [w for w in works if isinstance(w, dict)]
    if isinstance(data.get("work"), dict):
        return [data["work"]]
    if "response-code" in data and "developer-message" in data:
        raise InputError(f"ORCID answered with an error, not works: {error_text(data)}", source)
    if "title" in data or "work-title" in data:
        return [data]
    raise InputError("not an ORCID works answer: no work, bulk, group or orcid-profile found", source)


def _d(value: Any) -> dict[str, Any]:
    """``value`` when it is an object, else an empty one: answers of the wrong shape read as absent."""
    return value if isinstance(value, dict) else {}


def _l(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


_KNOWN = frozenset({"title", "work-title", "journal-title", "short-description", "citation", "work-citation", "type",
                    "work-type", "publication-date", "external-ids", "work-external-identifiers", "url",
                    "contributors", "work-contributors", "language-code", "country"})


def _report_unknown(raw: dict[str, Any], index: int, report: LossReport) -> None:
    """Anything in a work that is neither read nor ORCID's record bookkeeping is reported."""
    for key, value in raw.items():
        if key not in _KNOWN and key not in _BOOKKEEPING and value not in (None, "", [], {}):
            report.add(pointer("publications", index), f"ORCID field '{key}' has no place in the CV")


def error_text(err: dict[str, Any]) -> str:
    """One line for an ORCID error body (JSON keys or XML children)."""
    code = err.get("response-code")
    message = err.get("developer-message") or err.get("user-message") or "no message"
    return f"HTTP {code}: {message}" if code else str(message)


def _raw_works_from_xml(data: bytes, source: str | None, report: LossReport) -> list[dict[str, Any]]:
    from ._xml import parse

    root = parse(data, source).getroot()
    tag = root.tag
    if tag == _q("work", "work"):
        return [_xml_to_dict(root)]
    if tag == _q("error", "error"):
        raise InputError(f"ORCID answered with an error, not works: {error_text(_d(_xml_to_dict(root)))}", source)
    if tag == _q("bulk", "bulk"):
        out = []
        for n, child in enumerate(root):
            if child.tag == _q("work", "work"):
                out.append(_xml_to_dict(child))
            elif child.tag == _q("error", "error"):
                report.add("", f"bulk item {n + 1} is an error: {error_text(_xml_to_dict(child))}")
        return out
    groups = root.iter(_q("activities", "group"))
    summaries = [g.find(_q("work", "work-summary")) for g in groups]
    if tag in (_q("activities", "works"), _q("record", "record")) or summaries:
        return [_xml_to_dict(s) for s in summaries if s is not None]
    raise InputError(f"not an ORCID works document: root element is {root.tag}", source,
                     root.sourceline)


def _xml_to_dict(el) -> Any:
    """An ORCID XML element as the JSON API writes it: leaves as strings, repeated children as lists."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children:
        return (el.text or "").strip()
    out: dict[str, Any] = {}
    repeated = {"external-id", "contributor", "work-summary"}
    for child in children:
        name = child.tag.split("}", 1)[-1]
        value = _xml_to_dict(child)
        if name in repeated:
            out.setdefault(name, []).append(value)
        else:
            out[name] = value
    for name in ("put-code",):
        if el.get(name):
            out[name] = el.get(name)
    return out


def _value(node: Any) -> str | None:
    """A JSON ``{"value": x}`` or a bare string/number from XML, stripped; None when empty."""
    if isinstance(node, dict):
        node = node.get("value")
    if node is None:
        return None
    text = str(node).strip()
    return text or None


def work_from_json(raw: dict[str, Any]) -> Work:
    """A :class:`Work` from a v3.0/v2.x work (JSON or XML-as-dict) or a v1.2 ``orcid-work``."""
    title_node = _d(raw.get("title") or raw.get("work-title"))
    work = Work(title=_value(title_node.get("title")) or "", type=_work_type(raw.get("type") or raw.get("work-type")))
    work.subtitle = _value(title_node.get("subtitle"))
    work.translated_title = _value(title_node.get("translated-title"))
    work.journal_title = _value(raw.get("journal-title"))
    work.short_description = _value(raw.get("short-description"))
    citation = _d(raw.get("citation") or raw.get("work-citation"))
    if citation:
        value = citation.get("citation-value") or citation.get("citation")
        if isinstance(value, str) and value.strip():
            kind = citation.get("citation-type") or citation.get("work-citation-type") or ""
            work.citation = (str(kind).strip().lower().replace("_", "-"), value.strip())
    date = raw.get("publication-date")
    if isinstance(date, dict) and _value(date.get("year")):
        work.date = (_value(date.get("year")) or "", _value(date.get("month")), _value(date.get("day")))
    work.external_ids = _read_ext_ids(raw)
    work.url = _value(raw.get("url"))
    contributors = _d(raw.get("contributors") or raw.get("work-contributors"))
    for c in _l(contributors.get("contributor")):
        work.contributors.append(_read_contributor(_d(c)))
    work.language_code = _value(raw.get("language-code"))
    work.country = _value(raw.get("country"))
    put_code = raw.get("put-code")
    work.put_code = int(put_code) if str(put_code or "").isdigit() else None
    return work


def _work_type(value: Any) -> str:
    """An ORCID enum value as v3.0 writes it: v1.2/v2.x ``JOURNAL_ARTICLE`` becomes ``journal-article``."""
    return str(value or "other").strip().lower().replace("_", "-")


def _read_ext_ids(raw: dict[str, Any]) -> list[ExternalId]:
    node = _d(raw.get("external-ids") or raw.get("work-external-identifiers"))
    items = node.get("external-id") or node.get("work-external-identifier") or []
    out = []
    for e in (_d(x) for x in (items if isinstance(items, list) else [items])):
        kind = e.get("external-id-type") or e.get("work-external-identifier-type")
        if not isinstance(kind, str):
            continue
        value = _value(e.get("external-id-value") or e.get("work-external-identifier-id"))
        if kind and value:
            relationship = e.get("external-id-relationship") or "self"
            out.append(ExternalId(_work_type(kind), value, _work_type(relationship),
                                  _value(e.get("external-id-url"))))
    return out


def _read_contributor(c: dict[str, Any]) -> Contributor:
    from ..core import ids

    oid = _d(c.get("contributor-orcid"))
    path = _value(oid.get("path")) or _value(oid.get("uri"))
    attrs = _d(c.get("contributor-attributes"))
    seq, role = attrs.get("contributor-sequence"), attrs.get("contributor-role")
    return Contributor(_value(c.get("credit-name")), ids.normalize_orcid(path) if path else None,
                       _work_type(seq) if seq else None, _work_type(role) if role else None)


def publication_from_work(work: Work, index: int, report: LossReport, owner: str | None = None) -> dict[str, Any]:
    """Our publication entry for an ORCID work; what the CV cannot hold is reported."""
    from ..core import dates

    ptr = ("publications", index)
    pub: dict[str, Any] = {"name": work.title}
    if work.subtitle:
        pub["name"] = f"{work.title}: {work.subtitle}"
        report.add(pointer(*ptr, "name"), "ORCID's subtitle is joined to the title after ': '", "normalization")
    if work.translated_title:
        report.add(pointer(*ptr), f"translated title '{work.translated_title}' has no place in the CV")
    authors = _authors(work, index, report, owner)
    if authors:
        pub["authors"] = authors
    if work.journal_title:
        pub["venue"] = {"name": work.journal_title}
    pub["type"] = _our_type(work.type, ptr, report)
    if work.date:
        iso = "-".join(x.zfill(2) if i else x for i, x in enumerate(v for v in work.date if v))
        if dates.is_iso(iso):
            pub["releaseDate"] = iso
        else:
            report.add(pointer(*ptr, "releaseDate"), f"publication date '{iso}' is not a valid date; left out")
    for ext in work.external_ids:
        _take_id(pub, ext, ptr, report)
    if work.url and "url" not in pub:
        pub["url"] = work.url
    if work.short_description:
        pub["summary"] = work.short_description
    if work.citation:
        report.add(pointer(*ptr), f"the {work.citation[0]} citation is not kept (its fields are read from the work)")
    for name, value in (("language-code", work.language_code), ("country", work.country)):
        if value:
            report.add(pointer(*ptr), f"ORCID {name} '{value}' has no place in the CV")
    return pub


def _reverse_type(orcid_type: str) -> str:
    """Our type for an ORCID type: the schema's mapping read backwards (an identical name wins; else 'other')."""
    candidates = [ours for ours, theirs in orcid_work_types().items() if theirs == orcid_type]
    if not candidates:
        return "other"
    return orcid_type if orcid_type in candidates else candidates[0]


def _our_type(orcid_type: str, ptr: tuple, report: LossReport) -> str:
    back = _reverse_type(orcid_type)
    if back == "other" and orcid_type != "other":
        report.add(pointer(*ptr, "type"), f"ORCID work type '{orcid_type}' has no type of ours; kept as 'other'",
                   "normalization")
    return back


def _take_id(pub: dict[str, Any], ext: ExternalId, ptr: tuple, report: LossReport) -> None:
    from ..core import ids

    own = ext.relationship == "self"
    if own and ext.type == "doi" and "doi" not in pub and ids.is_doi(ext.value):
        pub["doi"] = ids.strip_doi(ext.value)
    elif own and ext.type == "arxiv" and "arxiv" not in pub and ids.is_arxiv(ext.value):
        pub["arxiv"] = ids.strip_arxiv(ext.value)
    elif own and ext.type == "uri" and "url" not in pub:
        pub["url"] = ext.url or ext.value
    else:
        report.add(pointer(*ptr), f"external id {ext.type} '{ext.value}' ({ext.relationship}) has no place in the CV")


def _authors(work: Work, index: int, report: LossReport, owner: str | None) -> list[dict[str, Any]]:
    from ..core import ids

    out = []
    for j, c in enumerate(work.contributors):
        if c.role not in (None, "author") and not c.role.startswith("http://credit.niso.org/"):
            report.add(pointer("publications", index), f"contributor '{c.name}' ({c.role}) is not an author; left out")
            continue
        if not c.name:
            report.add(pointer("publications", index), f"contributor {j + 1} has no name; left out")
            continue
        author: dict[str, Any] = {"name": " ".join(c.name.split())}
        credit = bool(c.role and c.role.startswith("http://credit.niso.org/"))
        if credit and any(a["name"] == author["name"] and a.get("orcid") == c.orcid for a in out):
            continue  # the same person again, for another CRediT role
        if c.orcid and ids.is_orcid(c.orcid):
            author["orcid"] = c.orcid
            if owner and c.orcid == ids.normalize_orcid(owner):
                author["self"] = True
        out.append(author)
    return out
