"""Readers for ORCID's work shapes: a single work, a bulk, the ``GET /works`` grouped summary, a whole record,
and the older v2.0/v2.1 (same layout) and v1.2 (``orcid-profile``) answers, JSON or XML."""

from __future__ import annotations

from typing import Any

from ...core.errors import InputError
from ...core.losses import LossReport, pointer
from .. import ReadResult
from .model import _BOOKKEEPING, WORK_TYPE_ALIASES, Contributor, ExternalId, Work, _q, reverse_type

# ------------------------------------------------------------------------------------------- reading


def read(data: bytes, *, source: str | None = None, format: str, owner: str | None = None,
         **options: Any) -> ReadResult:
    """Publications from ORCID works (JSON or XML, v3.0/v2.x/v1.2); ``owner`` marks that iD's author ``self``."""
    from ...core.document import parse_json
    from ...core.fileio import decode_text

    report = LossReport()
    if format == "orcid-xml" or data.lstrip()[:1] == b"<":
        raw = _raw_works_from_xml(data, source, report)
    else:
        raw = _raw_works_from_json(parse_json(decode_text(data, source), source), source, report)
    pubs = []
    for i, item in enumerate(raw):
        _report_unknown(item, i, report)
        pubs.append(publication_from_work(work_from_json(item), i, report, owner))
    return ReadResult.untyped({"publications": pubs} if pubs else {}, report.items)


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
        return [w for w in (merge_group(_d(g)) for g in summary["group"]) if w is not None]
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


def merge_group(group: dict[str, Any]) -> dict[str, Any] | None:
    """One work for a ``GET /works`` group: its first version (the preferred one ORCID lists first), with the
    external ids of every other version and of the group added, each once, so no version's DOI is dropped."""
    versions = [v for v in _l(group.get("work-summary")) if isinstance(v, dict)]
    if not versions:
        return None
    first = dict(versions[0])
    ids: list[Any] = list(_l(_d(first.get("external-ids")).get("external-id")))
    seen = {_id_key(e) for e in ids}
    for source in [*versions[1:], group]:
        for ext in _l(_d(source.get("external-ids")).get("external-id")):
            key = _id_key(ext)
            if key[1] and key not in seen:
                seen.add(key)
                ids.append(ext)
    if ids:
        first["external-ids"] = {"external-id": ids}
    return first


def _id_key(ext: Any) -> tuple[str, str, str]:
    e = _d(ext)
    kind = str(e.get("external-id-type") or "").lower()
    value = str(_value(e.get("external-id-value")) or "").lower()
    if kind == "doi":
        value = value.removeprefix("https://doi.org/").removeprefix("http://dx.doi.org/")
    return kind, value, str(e.get("external-id-relationship") or "").lower()


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
    from ...core.xml import parse

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
    groups = [_d(_xml_to_dict(g)) for g in root.iter(_q("activities", "group"))]
    if tag in (_q("activities", "works"), _q("record", "record")) or groups:
        return [w for w in (merge_group(g) for g in groups) if w is not None]
    raise InputError(f"not an ORCID works document: root element is {root.tag}", source,
                     root.sourceline)


def _xml_to_dict(el: Any) -> Any:
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
    kind = _work_type(raw.get("type") or raw.get("work-type"))
    work = Work(title=_value(title_node.get("title")) or "", type=WORK_TYPE_ALIASES.get(kind, kind))
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
    put_code = str(raw.get("put-code") or "")
    work.put_code = int(put_code) if put_code.isdigit() else None
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
    from ...core import ids

    oid = _d(c.get("contributor-orcid"))
    path = _value(oid.get("path")) or _value(oid.get("uri"))
    attrs = _d(c.get("contributor-attributes"))
    seq, role = attrs.get("contributor-sequence"), attrs.get("contributor-role")
    return Contributor(_value(c.get("credit-name")), ids.normalize_orcid(path) if path else None,
                       _work_type(seq) if seq else None, _work_type(role) if role else None)


def publication_from_work(work: Work, index: int, report: LossReport, owner: str | None = None) -> dict[str, Any]:
    """Our publication entry for an ORCID work; what the CV cannot hold is reported."""
    from ...core import dates

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


def _our_type(orcid_type: str, ptr: tuple[str | int, ...], report: LossReport) -> str:
    back = reverse_type(orcid_type)
    if back == "other" and orcid_type != "other":
        report.add(pointer(*ptr, "type"), f"ORCID work type '{orcid_type}' has no type of ours; kept as 'other'",
                   "normalization")
    return back


def _take_id(pub: dict[str, Any], ext: ExternalId, ptr: tuple[str | int, ...], report: LossReport) -> None:
    from ...core import ids

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
    from ...core import ids

    out: list[dict[str, Any]] = []
    bad: set[str] = set()
    for j, c in enumerate(work.contributors):
        if c.role not in (None, "author") and not c.role.startswith("http://credit.niso.org/"):
            report.add(pointer("publications", index), f"contributor '{c.name}' ({c.role}) is not an author; left out")
            continue
        if not c.name:
            report.add(pointer("publications", index), f"contributor {j + 1} has no name; left out")
            continue
        author: dict[str, Any] = {"name": " ".join(c.name.split())}
        valid = c.orcid if c.orcid and ids.is_orcid(c.orcid) else None
        credit = bool(c.role and c.role.startswith("http://credit.niso.org/"))
        if credit and any(a["name"] == author["name"] and a.get("orcid") == valid for a in out):
            continue  # the same person again, for another CRediT role
        if c.orcid and not valid and c.orcid not in bad:
            bad.add(c.orcid)
            report.add(pointer("publications", index, "authors", len(out)),
                       f"contributor iD '{c.orcid}' fails the ORCID checksum; left out")
        if valid:
            author["orcid"] = valid
            if owner and c.orcid == ids.normalize_orcid(owner):
                author["self"] = True
        out.append(author)
    return out
