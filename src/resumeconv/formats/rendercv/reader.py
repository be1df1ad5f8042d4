"""RenderCV YAML -> JSON Resume: the ``cv`` header, and each section by its entry type and title.

RenderCV decides an entry's type by its keys (``company`` + ``position``: experience; ``institution`` + ``area``:
education; ``title`` + ``authors``: publication; ``label`` + ``details``: one-line; ``name``: normal; ``bullet``;
a bare string: text). Titles pick the home of normal and one-line entries (``awards``, ``talks``, ``service``,
``mentoring``, ``languages``, ...). Strings are RenderCV Markdown: links keep their text, emphasis marks go, and
the emphasized author is the CV's owner. Labelled highlight lines the writer made (``Advisors: ...``) go back to
their fields.
What has no home (``design``, ``locale``, bullet sections, dates that are not dates) is reported with a pointer
into the RenderCV file.
"""

from __future__ import annotations

import re
from typing import Any

from ...core import document as yamldoc
from ...core.dates import is_iso, is_present, parse_human
from ...core.errors import InputError
from ...core.fileio import decode_text
from ...core.losses import LossReport, pointer
from .._contract import ReadResult
from . import fields as F

Json = dict[str, Any]
_LINK = re.compile(r"\[([^\]\[]*)\]\(([^)]*)\)")
_EMPHASIS = re.compile(r"(?<!\\)\*{1,3}((?:\\\*|[^*])+?)(?<!\\)\*{1,3}")
_SHORT = re.compile(r"^(.*\S) \(([^()]+)\)$")
#: Words in a section title that choose where normal and one-line entries go.
_HOMES = (("award", "awards"), ("honor", "awards"), ("honour", "awards"), ("prize", "awards"),
          ("fellowship", "awards"), ("talk", "talks"), ("tutorial", "talks"), ("presentation", "talks"),
          ("service", "volunteer"), ("volunteer", "volunteer"), ("review", "volunteer"), ("mentor", "mentees"),
          ("mentee", "mentees"), ("certificat", "certificates"), ("highlight", "highlights"),
          ("language", "languages"), ("interest", "interests"), ("skill", "skills"), ("summary", "summary"),
          ("about", "summary"), ("profile", "summary"))


def read(data: bytes, *, source: str | None = None, format: str = "rendercv") -> ReadResult:
    """The JSON Resume document of a RenderCV file, and what it holds that the document cannot."""
    text = decode_text(data, source)
    if not text.strip():
        raise InputError("file is empty", source)
    root = yamldoc.parse_yaml(text, source)
    if not isinstance(root, dict) or not isinstance(root.get("cv"), dict):
        raise InputError("a RenderCV file is a mapping with a 'cv' mapping at the top level", source)
    report = LossReport()
    for key in root:
        if key != "cv":
            report.add(pointer(key), f"RenderCV's '{key}' settings have no place in a JSON Resume document")
    doc = _Reader(report).document(root["cv"])
    return ReadResult.untyped(doc, report.items)


def plain(value: Any) -> str:
    """RenderCV Markdown as plain text: ``[text](url)`` keeps the text, ``*``/``**`` marks go, ``\\*`` is ``*``."""
    text = _LINK.sub(r"\1", str(value))
    text = _EMPHASIS.sub(r"\1", text)
    return F.unescape_markdown(text)


def _iso(value: Any) -> str | None:
    """An ISO partial date from a RenderCV date (int year, ``YYYY-MM[-DD]``, or a human date); None otherwise."""
    if value is None:
        return None
    text = str(value).strip()
    return text if is_iso(text) else parse_human(text)


class _Reader:
    def __init__(self, report: LossReport) -> None:
        self.report = report

    def lost(self, ptr: str, reason: str) -> None:
        self.report.add(ptr, reason)

    def document(self, cv: Json) -> Json:
        at = "/cv"
        doc: Json = {}
        basics: Json = {}
        for key, value in cv.items():
            if value in (None, ""):
                continue
            if key == "name":
                basics["name"] = plain(value)
            elif key == "headline":
                basics["label"] = plain(value)
            elif key == "email":
                basics["email"] = str(value)
            elif key == "phone":
                basics["phone"] = str(value).removeprefix("tel:")
            elif key == "website":
                basics["url"] = str(value)
            elif key == "location":
                basics["location"] = {"address": plain(value)}
            elif key == "photo":
                basics["image"] = str(value)
            elif key == "social_networks" and isinstance(value, list):
                self.networks(value, basics, f"{at}/social_networks")
            elif key != "sections":
                self.lost(f"{at}{pointer(key)}", "RenderCV's cv field has no JSON Resume home")
        sections = cv.get("sections")
        if isinstance(sections, dict):
            for title, entries in sections.items():
                self.section(str(title), entries, doc, basics, f"{at}/sections{pointer(str(title))}")
        if basics:
            doc = {"basics": basics, **doc}
        return doc

    def networks(self, items: list[Any], basics: Json, at: str) -> None:
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not item.get("network") or not item.get("username"):
                self.lost(f"{at}/{i}", "a social network needs 'network' and 'username'")
                continue
            network, username = str(item["network"]), str(item["username"])
            if network == "ORCID" and "orcid" not in basics:
                basics["orcid"] = username
            else:
                basics.setdefault("profiles", []).append({"network": network, "username": username})

    # --- sections ---------------------------------------------------------------------------------------------

    def section(self, title: str, entries: Any, doc: Json, basics: Json, at: str) -> None:
        if not isinstance(entries, list):
            self.lost(at, "a RenderCV section is a list of entries")
            return
        home = next((h for word, h in _HOMES if word in title.lower()), None)
        for i, entry in enumerate(entries):
            where = f"{at}/{i}"
            if isinstance(entry, str):
                if home == "summary":
                    basics["summary"] = "\n\n".join(x for x in (basics.get("summary"), plain(entry)) if x)
                else:
                    self.lost(where, f"a text entry in '{title}' has no JSON Resume home")
            elif not isinstance(entry, dict):
                self.lost(where, "an entry is a mapping or a string")
            elif "authors" in entry and "title" in entry:
                doc.setdefault("publications", []).append(self.publication(entry, title, where))
            elif "company" in entry and "position" in entry:
                if home == "volunteer":
                    doc.setdefault("volunteer", []).append(self.service(entry, where, company=True))
                else:
                    doc.setdefault("work", []).append(self.work(entry, where))
            elif "institution" in entry and "area" in entry:
                doc.setdefault("education", []).append(self.education(entry, where))
            elif "label" in entry and "details" in entry:
                self.one_line(entry, home, doc, where)
            elif "name" in entry:
                self.normal(entry, home, title, doc, basics, where)
            else:
                self.bullet(entry, home, title, doc, where)

    def bullet(self, entry: Json, home: str | None, title: str, doc: Json, where: str) -> None:
        """Bullet and numbered entries: a line of text, kept where the section title gives it a home."""
        key = next((k for k in ("bullet", "number", "reversed_number") if k in entry), "")
        text = plain(entry[key]) if key and entry[key] not in (None, "") else ""
        if text and home == "awards":
            doc.setdefault("awards", []).append({"title": text})
        elif text and home == "talks":
            doc.setdefault("projects", []).append({"name": text})
        else:
            self.lost(where, f"a bullet or numbered entry in '{title}' has no JSON Resume home")
            return
        self.rest(entry, {key}, where)

    def rest(self, entry: Json, used: set[str], where: str) -> None:
        for key, value in entry.items():
            if key not in used and value not in (None, "", []):
                self.lost(f"{where}{pointer(key)}", f"RenderCV's '{key}' has no home in this section")

    def dates(self, entry: Json, out: Json, where: str, *, single: str = "startDate") -> None:
        """start_date/end_date ('present': ongoing), or date (one-off) into ``single``."""
        for key, target in (("start_date", "startDate"), ("end_date", "endDate"), ("date", single)):
            value = entry.get(key)
            if value is None or (key == "end_date" and is_present(str(value))):
                continue
            iso = _iso(value)
            if iso:
                out.setdefault(target, iso)
            else:
                self.lost(f"{where}/{key}", f"'{value}' is not a date JSON Resume can hold (YYYY, YYYY-MM or "
                          "YYYY-MM-DD)")

    def highlights(self, entry: Json, section: str, out: Json) -> list[str]:
        """Plain highlight lines; labelled ones the writer made go back to their fields."""
        labels = {label: key for key, label in F.LABELLED.get(section, ())}
        labels.update({label[:-1]: key for label, key in list(labels.items()) if key in F.LIST_FIELDS})
        free = []
        for line in entry.get("highlights") or []:
            text = plain(line)
            label, sep, value = text.partition(": ")
            key = labels.get(label) if sep else None
            if key is None or key in out:
                free.append(text)
            elif key == "venue":
                match = _SHORT.match(value)
                out[key] = {"name": match.group(1), "short": match.group(2)} if match else {"short": value}
            elif key == "affiliations":
                out[key] = [dict(zip(("role", "institution"), part.split(" at ", 1), strict=True)) if " at " in part
                            else {"institution": part} for part in value.split("; ")]
            else:
                out[key] = value.split(", ") if key in F.LIST_FIELDS else value
        return free

    def work(self, e: Json, where: str) -> Json:
        out: Json = {"name": plain(e["company"]), "position": plain(e["position"])}
        if e.get("location"):
            out["location"] = plain(e["location"])
        self.dates(e, out, where)
        if e.get("summary"):
            out["summary"] = plain(e["summary"])
        free = self.highlights(e, "work", out)
        if free:
            out["highlights"] = free
        self.rest(e, {"company", "position", "location", "start_date", "end_date", "date", "summary",
                      "highlights"}, where)
        return {k: v for k, v in out.items() if v != ""}

    def education(self, e: Json, where: str) -> Json:
        out: Json = {"institution": plain(e["institution"]), "area": plain(e["area"])}
        if e.get("degree"):
            out["studyType"] = plain(e["degree"])
        if e.get("location"):
            out["location"] = plain(e["location"])
        self.dates(e, out, where)
        if e.get("grade"):
            out["score"] = plain(e["grade"])
        free = self.highlights(e, "education", out)
        if e.get("summary"):
            free.insert(0, plain(e["summary"]))
        if free:
            self.lost(f"{where}/highlights", "JSON Resume degrees have no free-text highlights")
        self.rest(e, {"institution", "area", "degree", "location", "start_date", "end_date", "date", "grade",
                      "summary", "highlights"}, where)
        return {k: v for k, v in out.items() if v != ""}

    def publication(self, e: Json, title: str, where: str) -> Json:
        out: Json = {"name": plain(e["title"])}
        authors = []
        for item in e.get("authors") or []:
            name, self_, equal, corresponding = F.parse_author(re.sub(_LINK, r"\1", str(item)))
            author: Json = {"name": name}
            if self_:
                author["self"] = True
            if equal:
                author["equalContribution"] = True
            if corresponding:
                author["corresponding"] = True
            authors.append(author)
        if authors:
            out["authors"] = authors
        if e.get("journal"):
            journal = plain(e["journal"])
            match = _SHORT.match(journal)
            out["venue"] = {"name": match.group(1), "short": match.group(2)} if match else {"name": journal}
        self.dates(e, out, where, single="releaseDate")
        if e.get("doi"):
            out["doi"] = str(e["doi"])
        url = str(e.get("url") or "")
        arxiv = re.fullmatch(r"https?://arxiv\.org/abs/(\d{4}\.\d{4,5}(v\d+)?)", url)
        if arxiv:
            out["arxiv"] = arxiv.group(1)
        elif url:
            out["url"] = url
        lowered = title.lower()
        if lowered != F.PUBLICATIONS:
            group = re.sub(r"( \(continued\))+$", "", title)
            group = group[: -len(" publications")] if group.lower().endswith(" publications") else group
            out["group"] = group
        self.rest(e, {"title", "authors", "journal", "date", "doi", "url"}, where)
        return {k: v for k, v in out.items() if v != ""}

    def normal(self, e: Json, home: str | None, title: str, doc: Json, basics: Json, where: str) -> None:
        name = plain(e["name"])
        if home == "highlights":
            item = {"title": name}
            if e.get("summary"):
                item["summary"] = plain(e["summary"])
            basics.setdefault("researchHighlights", []).append(item)
            self.rest(e, {"name", "summary"}, where)
            return
        if home == "awards":
            out: Json = {"title": name}
            value = e.get("date")
            years = [y.strip() for y in str(value).split(",")] if value is not None else []
            if len(years) > 1 and all(is_iso(y) for y in years):
                out["date"], out["dates"] = years[-1], years
            else:
                self.dates(e, out, where, single="date")
            section, used = "awards", {"name", "date", "summary", "highlights"}
        elif home == "volunteer":
            out = self.service(e, where, company=False)
            doc.setdefault("volunteer", []).append(out)
            return
        elif home == "mentees":
            out = {"name": name}
            self.dates(e, out, where)
            section, used = "mentees", {"name", "date", "start_date", "end_date", "summary", "highlights"}
        elif home == "certificates":
            out = {"name": name}
            self.dates(e, out, where, single="date")
            for line in e.get("highlights") or []:
                label, _, value = plain(line).partition(": ")
                if label == "Issuer":
                    out["issuer"] = value
            if e.get("url"):
                out["url"] = str(e["url"])
            doc.setdefault("certificates", []).append(out)
            self.rest(e, {"name", "date", "highlights", "url"}, where)
            return
        else:
            out = {"name": name}
            self.dates(e, out, where)
            if e.get("type"):
                out["type"] = str(e["type"])
            if e.get("location"):
                out["location"] = plain(e["location"])
            if e.get("summary"):
                out["description"] = plain(e["summary"])
            free = self.highlights(e, "projects", out)
            if free:
                out["highlights"] = free
            doc.setdefault("projects", []).append(out)
            self.rest(e, {"name", "date", "start_date", "end_date", "type", "location", "summary", "highlights"},
                      where)
            return
        if e.get("summary"):
            out["summary"] = plain(e["summary"])
        free = self.highlights(e, section, out)
        if free:
            self.lost(f"{where}/highlights", f"free-text highlights have no home in '{title}'")
        if section == "mentees":
            doc.setdefault("meta", {}).setdefault("mentees", []).append(out)
        else:
            doc.setdefault("awards", []).append(out)
        self.rest(e, used, where)

    def service(self, e: Json, where: str, *, company: bool) -> Json:
        out: Json = {}
        if company:
            out["organization"], out["position"] = plain(e["company"]), plain(e["position"])
        else:
            out["position"] = plain(e["name"])
        self.dates(e, out, where)
        if e.get("type"):
            out["type"] = str(e["type"])
        if e.get("summary"):
            out["summary"] = plain(e["summary"])
        free = self.highlights(e, "volunteer", out)
        if free:
            out["highlights"] = free
        self.rest(e, {"company", "position", "name", "date", "start_date", "end_date", "type", "summary",
                      "highlights"}, where)
        return out

    def one_line(self, e: Json, home: str | None, doc: Json, where: str) -> None:
        label, details = plain(e["label"]), plain(e["details"])
        if home == "languages":
            item: Json = {"language": label}
            if details:
                item["fluency"] = details
        elif home == "interests":
            item = {"name": label, "keywords": details.split(", ") if details else []}
        else:
            item = {"name": label, "keywords": details.split(", ") if details else []}
            home = "skills"
        doc.setdefault(home, []).append({k: v for k, v in item.items() if v not in ("", [])})
        self.rest(e, {"label", "details"}, where)
