"""JSON Resume -> RenderCV YAML (``cv`` with ``social_networks`` and ``sections``), checked by reading it back.

Publications become PublicationEntry: authors in order, the owner in ``***bold italic***``, ``*`` after equal
contributors, ``†`` after corresponding authors; venue as ``journal``; date; DOI; URL or the arXiv abstract URL.
One section per run of the document's ``group``. Positions are ExperienceEntry, degrees EducationEntry; honours,
talks, service, mentees and certificates NormalEntry; skills, languages and interests OneLineEntry. The registry
reads the output back with the RenderCV reader (``readback``): whatever still differs is in the loss report.
"""

from __future__ import annotations

import re
from typing import Any

from ...core import document as yamldoc
from ...core import ids, phones
from ...core.dates import date_of, is_iso, read_date, sort_key
from ...core.losses import LossReport, pointer
from .._academic import EVENT_TYPES, venue_text
from .._contract import WriteResult
from . import fields as F

Json = dict[str, Any]
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
#: What RenderCV's email check (pydantic's EmailStr) needs at least: one @, a local part, a dotted domain.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
#: RenderCV's username forms for the networks that check them (rendercv data/models/curriculum_vitae.py).
_SO_USERNAME = re.compile(r"\d+/[^/]+")
_SO_URL = re.compile(r"stackoverflow\.com/users/(\d+)/([^/?#\s]+)", re.IGNORECASE)
_MASTODON_USERNAME = re.compile(r"@[^@\s]+@[^@\s]+")
_MASTODON_URL = re.compile(r"^https?://([^/\s]+)/@([^/?#\s]+)", re.IGNORECASE)
_ORCID_USERNAME = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def write(doc: Json, *, format: str = "rendercv") -> WriteResult:
    """The RenderCV YAML; the registry reads it back (``readback``) and reports what still differs."""
    report = LossReport()
    cv = _cv(doc, report)
    text = ("# RenderCV input written by resumeconv (render it with: rendercv render THIS_FILE)\n"
            + yamldoc.dump_yaml({"cv": cv}))
    return WriteResult(text.encode("utf-8"), report.items)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _md(value: Any) -> str:
    return F.escape_markdown(_str(value))


def _date(value: Any) -> Any:
    """A year alone as a number (RenderCV's date types take ``int`` or ``YYYY-MM[-DD]``); None for a non-date,
    which the self-check then reports."""
    date = date_of(value)
    if date is None:
        return None
    return date.year if date.precision == "year" else date.iso


def _dates(item: Json, *, ongoing: bool) -> Json:
    start, end = date_of(item.get("startDate")), date_of(item.get("endDate"))
    if start is not None and read_date(item.get("endDate")).state == "unreadable":
        return {"date": _date(start.iso)}  # a lone start_date would print "present": an unreadable end is no such thing
    if start is None:
        return {"date": _date(end.iso)} if end is not None else {}
    if end is not None:
        if sort_key(start.iso) > sort_key(end.iso, end=True):
            return {}  # RenderCV refuses a start after the end; the self-check reports both dates
        return {"start_date": _date(start.iso), "end_date": _date(end.iso)}
    # RenderCV reads a lone start_date as ongoing ("present"); a one-off event keeps a single date.
    return {"start_date": _date(start.iso)} if ongoing else {"date": _date(start.iso)}


def _labelled(item: Json, section: str) -> list[str]:
    lines = []
    for key, label in F.LABELLED[section]:
        value = item.get(key)
        if key == "venue":
            value = venue_text(value)
        elif key == "affiliations":
            value = "; ".join(" at ".join(x for x in (_str(a.get("role")), _str(a.get("institution"))) if x)
                              for a in value or [] if isinstance(a, dict))
        elif isinstance(value, list):
            value = ", ".join(_str(v) for v in value)
        if value not in (None, ""):
            lines.append(f"{label}: {_md(value)}")
    return lines


def _entry(required: tuple[str, ...] = ("name",), **values: Any) -> Json:
    """The non-empty values; the keys RenderCV needs to tell the entry type are kept, empty or not."""
    entry = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    for key in required:
        entry.setdefault(key, values.get(key) or "")
    return entry


def _cv(doc: Json, report: LossReport) -> Json:
    basics = _obj(doc.get("basics"))
    cv: Json = {"name": _str(basics.get("name")) or None, "headline": _str(basics.get("label")) or None}
    location = _obj(basics.get("location"))
    place = ", ".join(_str(location[k]) for k in ("address", "city", "region", "postalCode", "countryCode")
                      if location.get(k))
    cv["location"] = place or None
    cv["email"] = _email(basics.get("email"), report)
    cv["phone"] = _phone(basics.get("phone"), phones.country_hint(doc), report)
    if _URL.match(_str(basics.get("url"))):
        cv["website"] = basics["url"]
    cv["social_networks"] = _networks(basics, report) or None
    cv["sections"] = _sections(doc, basics, report) or None
    return {k: v for k, v in cv.items() if v is not None}


def _sections(doc: Json, basics: Json, report: LossReport) -> Json:
    """RenderCV's sections, in the order a CV reads."""
    sections: Json = {}
    if basics.get("summary"):
        sections[F.SUMMARY] = [_md(basics["summary"])]
    highlights = [_entry(name=_md(h.get("title")), summary=_md(h.get("summary")))
                  for h in basics.get("researchHighlights") or [] if isinstance(h, dict)]
    if highlights:
        sections[F.HIGHLIGHTS] = highlights
    _put(sections, F.EXPERIENCE, [_work(w) for w in _items(doc, "work")])
    _put(sections, F.EDUCATION, [_education(e) for e in _items(doc, "education")])
    _publications(doc, sections, report)
    _put(sections, F.AWARDS, [_award(a) for a in _items(doc, "awards")])
    projects = _items(doc, "projects")
    _put(sections, F.TALKS, [_project(p) for p in projects if p.get("type") in EVENT_TYPES])
    _put(sections, F.PROJECTS, [_project(p) for p in projects if p.get("type") not in EVENT_TYPES])
    _put(sections, F.SERVICE, [_service(v) for v in _items(doc, "volunteer")])
    meta = _obj(doc.get("meta"))
    _put(sections, F.MENTORING, [_mentee(m) for m in meta.get("mentees") or [] if isinstance(m, dict)])
    _put(sections, F.CERTIFICATES, [_certificate(c) for c in _items(doc, "certificates")])
    _put(sections, F.SKILLS, [{"label": _md(s.get("name")), "details": _md(_joined(s.get("keywords")))}
                              for s in _items(doc, "skills")])
    _put(sections, F.LANGUAGES, [{"label": _md(x.get("language")), "details": _md(x.get("fluency"))}
                                 for x in _items(doc, "languages")])
    _put(sections, F.INTERESTS, [{"label": _md(x.get("name")), "details": _md(_joined(x.get("keywords")))}
                                 for x in _items(doc, "interests")])
    return sections


def _certificate(c: Json) -> Json:
    return _entry(name=_md(c.get("name")), date=_date(c["date"]) if c.get("date") else None,
                  highlights=[f"Issuer: {_md(c['issuer'])}"] if c.get("issuer") else None,
                  url=c.get("url") if _URL.match(_str(c.get("url"))) else None)


def _obj(value: Any) -> Json:
    return value if isinstance(value, dict) else {}


def _joined(values: Any) -> str:
    return ", ".join(str(v) for v in values) if isinstance(values, list) else _str(values)


def _items(doc: Json, section: str) -> list[Json]:
    value = doc.get(section)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _put(sections: Json, key: str, entries: list[Json]) -> None:
    if entries:
        sections[key] = entries


def _phone(value: Any, country: str | None, report: LossReport) -> str | None:
    """RenderCV takes only a valid phone number with its country code (its model checks with phonenumbers), and no
    extension; the number is read by the one phone codec, with the CV's country for numbers without a +code."""
    if not value:
        return None
    phone = phones.parse(value, country)
    if phone.international is None:
        why = f"not a valid number in {country}" if country else "no location.countryCode to take it from"
        report.add("/basics/phone", f"RenderCV takes a phone number only with its country code (+1 ...) ({why})")
        return None
    if not phone.valid:
        report.add("/basics/phone", f"{phone.international} is not a number in an assigned range (phonenumbers' "
                   "metadata), and RenderCV takes no other")
        return None
    if phone.extension:
        report.add("/basics/phone", f"RenderCV has no phone extension: written as {phone.international}, without "
                   f"extension {phone.extension}")
    return phone.international


def _email(value: Any, report: LossReport) -> str | None:
    """The email when RenderCV can take it; a placeholder (``''``, ``###EMAIL###``) is left out and reported."""
    if value is None:
        return None
    text = _str(value).strip()
    if _EMAIL.match(text):
        return text
    report.add("/basics/email", f"RenderCV takes only an email address (name@domain); {text!r} is left out")
    return None


def _username(network: str, profile: Json, at: str, report: LossReport) -> str | None:
    """The username in the form RenderCV checks for ``network``, taken from the profile URL where the username
    alone does not hold it (StackOverflow's ``user_id/username``, Mastodon's ``@user@server``); None, reported,
    when neither holds it: never made up."""
    username, url = _str(profile.get("username")).strip(), _str(profile.get("url")).strip()
    if network == "StackOverflow" and not _SO_USERNAME.fullmatch(username):
        found = _SO_URL.search(url)
        if not found:
            report.add(at, "RenderCV needs a StackOverflow profile as user_id/username, and the profile's URL "
                       "(stackoverflow.com/users/ID/NAME) does not give it: left out")
            return None
        username = f"{found.group(1)}/{found.group(2)}"
        report.add(f"{at}/username", f"written as {username!r}, RenderCV's user_id/username form, from the "
                   "profile's URL", "normalization")
    elif network == "Mastodon" and not _MASTODON_USERNAME.fullmatch(username):
        found = _MASTODON_URL.match(url)
        candidate = f"@{found.group(2)}@{found.group(1)}" if found else "@" + username.lstrip("@")
        if not _MASTODON_USERNAME.fullmatch(candidate):
            report.add(at, "RenderCV needs a Mastodon profile as @user@server, and neither the username nor the "
                       "URL gives it: left out")
            return None
        username = candidate
        report.add(f"{at}/username", f"written as {username!r}, RenderCV's @user@server form", "normalization")
    elif network == "YouTube" and username.startswith("@"):
        username = username.lstrip("@")
        report.add(f"{at}/username", "RenderCV takes a YouTube handle without its '@'", "normalization")
    elif network == "ORCID" and not _ORCID_USERNAME.fullmatch(username):
        report.add(at, f"RenderCV takes an ORCID profile only as an ORCID iD; {username!r} is left out")
        return None
    return username or None


def _network(name: Any) -> str | None:
    text = _str(name).strip()
    for known in F.NETWORKS:
        if known.lower() == text.lower():
            return known
    return F.NETWORK_ALIASES.get(text.lower())


def _networks(basics: Json, report: LossReport) -> list[Json]:
    out: list[Json] = []
    if basics.get("orcid"):
        orcid = ids.normalize_orcid(_str(basics["orcid"]))
        if _ORCID_USERNAME.fullmatch(orcid):
            out.append({"network": "ORCID", "username": orcid})
        else:
            report.add("/basics/orcid", f"RenderCV takes only an ORCID iD; {basics['orcid']!r} is left out")
    for i, profile in enumerate(basics.get("profiles") or []):
        if not isinstance(profile, dict):
            continue
        network, username = _network(profile.get("network")), profile.get("username")
        if network and username:
            checked = _username(network, profile, pointer("basics", "profiles", i), report)
            if checked:
                out.append({"network": network, "username": checked})
        else:
            why = "has no username" if network else f"'{profile.get('network')}' is not one of RenderCV's networks"
            report.add(pointer("basics", "profiles", i), f"RenderCV keeps a profile by network and username; this one "
                       f"{why} ({', '.join(F.NETWORKS)})")
    return out


def _work(w: Json) -> Json:
    summary = "\n".join(_str(w[k]) for k in ("description", "summary") if w.get(k))
    return _entry(("company", "position"), company=_md(w.get("name")), position=_md(w.get("position")),
                  location=_md(w.get("location")), **_dates(w, ongoing=True), summary=_md(summary),
                  highlights=[_md(h) for h in w.get("highlights") or []] + _labelled(w, "work"))


def _education(e: Json) -> Json:
    return _entry(("institution", "area"), institution=_md(e.get("institution")), area=_md(e.get("area")),
                  degree=_md(e.get("studyType")), location=_md(e.get("location")),
                  **_dates(e, ongoing=e.get("status") != "completed"), grade=_md(e.get("score")),
                  highlights=_labelled(e, "education"))


def _award(a: Json) -> Json:
    dates = [str(d) for d in a.get("dates") or []]
    when: Any = ", ".join(dates) if len(dates) > 1 and all(map(is_iso, dates)) else _date(a.get("date"))
    return _entry(name=_md(a.get("title")), date=when, summary=_md(a.get("summary")),
                  highlights=_labelled(a, "awards"))


def _project(p: Json) -> Json:
    event = p.get("type") in EVENT_TYPES
    return _entry(name=_md(p.get("name")), **_dates(p, ongoing=not event), location=_md(p.get("location")),
                  summary=_md(p.get("description")), highlights=[_md(h) for h in p.get("highlights") or []]
                  + _labelled(p, "projects"), type=p.get("type"))


def _service(v: Json) -> Json:
    return _entry(name=_md(v.get("position")), **_dates(v, ongoing=False), summary=_md(v.get("summary")),
                  highlights=[_md(h) for h in v.get("highlights") or []] + _labelled(v, "volunteer"),
                  type=v.get("type"))


def _mentee(m: Json) -> Json:
    return _entry(name=_md(m.get("name")), **_dates(m, ongoing=False), summary=_md(m.get("summary")),
                  highlights=_labelled(m, "mentees"))


def _publications(doc: Json, sections: Json, report: LossReport) -> None:
    """One section per run of equal ``group`` values, in document order (a group seen again gets "(continued)")."""
    key, last_group = "", None
    for i, p in enumerate(doc.get("publications") or []):
        if not isinstance(p, dict):
            continue
        group = _str(p.get("group"))
        if not key or group != last_group:
            key, last_group = f"{group} publications" if group else F.PUBLICATIONS, group
            while key in sections:
                key += " (continued)"
        authors = [F.author_text(_str(a.get("name")), self_=a.get("self") is True,
                                 equal=a.get("equalContribution") is True, corresponding=a.get("corresponding") is True)
                   for a in p.get("authors") or [] if isinstance(a, dict)]
        url = p.get("url") if _URL.match(_str(p.get("url"))) else None
        if url is None and p.get("arxiv"):
            url = f"https://arxiv.org/abs/{p['arxiv']}"
        journal = venue_text(p.get("venue")) or _str(p.get("publisher"))
        entry = _entry(("title",), title=_md(p.get("name")), authors=authors, doi=p.get("doi"), url=url,
                       journal=_md(journal), date=_date(p["releaseDate"]) if p.get("releaseDate") else None)
        entry.setdefault("authors", [])
        sections.setdefault(key, []).append(entry)
        for field, why in (("notes", "RenderCV's publication entries have no notes"),
                           ("status", "RenderCV's publication entries have no status"),
                           ("type", "RenderCV's publication entries have no type"),
                           ("summary", "RenderCV's publication entries have no summary")):
            if p.get(field):
                report.add(pointer("publications", i, field), why)
